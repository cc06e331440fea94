//! Dashboard: the morning overview.

use super::state::use_app;
use super::widgets::EmptyState;
use crate::charts;
use crate::domain::money::format_money;
use crate::domain::renewals::board::{View, renewing_within};
use crate::routes::Page;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = use_app();
    view! {
        <Show
            when=move || state.book.with(|b| !b.accounts.is_empty()) || state.trainees.with(|t| !t.is_empty())
            fallback=|| view! {
                <EmptyState title="Dashboard">
                    <p>"The dashboard is the agency's morning overview. Once the book has accounts it shows commission revenue by department, the revenue-tier chart, the concentration flag and the number of money-losing accounts."</p>
                    <p>"There are no accounts in this workspace yet, so there is nothing to count. Add or import accounts in Book, or open the demo agency in "<a href="#/settings">"Settings"</a>"."</p>
                </EmptyState>
            }
        >
            <section class="page">
                <h1>"Dashboard"</h1>
                <div class="tiles">
                    <Show when=move || state.book.with(|b| !b.accounts.is_empty())>
                        <RenewalsTile/>
                        <ProfitabilityTile/>
                    </Show>
                    <super::onboarding::TraineesTile/>
                </div>
            </section>
        </Show>
    }
}

#[component]
fn ProfitabilityTile() -> impl IntoView {
    // Worked out a slice at a time and shared with the Profitability page.
    let current = super::profitability::use_current_profit();
    let profit = Page::Profitability.href();
    view! {
        <section class="card tile" data-testid="profitability-tile">
            <h2><a href=profit.clone()>"Profitability"</a></h2>
            {current.working_note()}
            {move || current.saved.with(|saved| saved.as_ref().map(|saved| {
                let a = &saved.analysis;
                let losing = a.losing_accounts().count();
                let basis = a.basis;
                let cl = a.department(&crate::domain::book::Department::Cl).filter(|d| d.has_accounts()).cloned();
                view! {
                    <table class="data-table compact">
                        <thead><tr><th>"Department"</th><th class="num">"Accounts"</th><th class="num">"Commission revenue"</th></tr></thead>
                        <tbody>
                            {a.departments_with_accounts().map(|d| view! {
                                <tr data-testid="dashboard-dept" data-department=d.department.code().to_string()>
                                    <td><a href=profit.clone()>{d.department.label().to_string()}</a></td>
                                    <td class="num">{d.concentration.accounts}</td>
                                    <td class="num">{format_money(d.revenue)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p>
                        <a href=profit.clone() data-testid="dashboard-losing">{format!("{losing} accounts cost more to serve than they bring in")}</a>
                        {format!(" at the saved cost inputs ({}).", basis.label())}
                    </p>
                    {cl.map(|d| {
                        let flag = if d.concentration.flagged {
                            format!("Concentration risk: {} CL accounts carry half of CL revenue.", d.concentration.accounts_for_half.unwrap_or(0))
                        } else {
                            "No CL concentration flag.".to_string()
                        };
                        view! {
                            <p class=if d.concentration.flagged { "flag warn" } else { "flag" } data-testid="dashboard-concentration">
                                <a href=profit.clone()>{flag}</a>
                            </p>
                            {super::profitability::chart_view(
                                charts::tier_share_compact_chart("CL tiers: revenue and clients", &d.tier_rows),
                                "CL tier chart; the Profitability page has the table.".into(),
                                "dashboard-tier-chart",
                            )}
                        }
                    })}
                }
            }))}
        </section>
    }
}

/// Renewals in the next 30/60/90 days, overdue milestones and renewals past
/// their lead time, each linking to the board filtered that way.
#[component]
fn RenewalsTile() -> impl IntoView {
    let state = use_app();
    let current = super::renewals::use_current_renewals();
    let all = current.list;
    let counts = Memo::new(move |_| {
        all.with(|list| {
            let within = |n: i64| renewing_within(list, n);
            (within(30), within(60), within(90), View::Overdue.count(list), View::NotStarted.count(list))
        })
    });
    let retention = Memo::new(move |_| {
        let as_of = state.as_of.get().date;
        state.renewals.with(|m| crate::domain::renewals::retention::last_twelve_months(m.values(), as_of))
    });
    let board = Page::Renewals.href();
    view! {
        <section class="card tile" data-testid="renewals-tile">
            <h2><a href=board.clone()>"Renewals"</a></h2>
            {current.working_note()}
            <ul class="facts">
                {move || current.ready.get().then(|| {
                    let (d30, d60, d90, overdue, late) = counts.get();
                    view! {
                        <li><a href=board.clone() data-testid="dashboard-renewals-30">{format!("{d30} renewing in the next 30 days")}</a>{format!("; {d60} in 60, {d90} in 90")}</li>
                        <li><a href=format!("{board}?view={}", View::Overdue.param().unwrap_or_default()) data-testid="dashboard-overdue">{format!("{overdue} renewals with overdue milestones")}</a></li>
                        <li><a href=format!("{board}?view={}", View::NotStarted.param().unwrap_or_default()) data-testid="dashboard-not-started">{format!("{late} past their lead time with nothing done")}</a></li>
                    }
                })}
                {move || {
                    let r = retention.get();
                    let attr = |p: Option<f64>| p.map(|p| format!("{p:.1}")).unwrap_or_default();
                    let text = match (r.policy_pct(), r.commission_pct()) {
                        (Some(p), Some(c)) => format!(
                            "Retention, last 12 months: {p:.0}% of policies ({} of {}), {c:.0}% of commission ({} of {})",
                            r.renewed_policies, r.renewed_policies + r.lost_policies,
                            format_money(r.renewed_commission), format_money(r.renewed_commission + r.lost_commission)
                        ),
                        _ => "Retention, last 12 months: no renewal bound or lost here yet".to_string(),
                    };
                    view! { <li data-testid="dashboard-retention" data-policy-pct=attr(r.policy_pct()) data-commission-pct=attr(r.commission_pct())>{text}</li> }
                }}
            </ul>
        </section>
    }
}

//! The tier, concentration and net tables.

use crate::domain::money::{format_money, parse_money};
use crate::domain::profitability::analysis::{Analysis, DepartmentAnalysis, ProfitSettings};
use crate::domain::profitability::tiers::{TierRow, TierSet};
use crate::charts;
use leptos::prelude::*;

/// A chart's SVG (built by `charts`, every text escaped there) with a label
/// pointing to the table that holds the same figures.
pub fn chart(svg: String, label: String, testid: &'static str) -> impl IntoView {
    view! { <figure class="chart" role="img" aria-label=label data-testid=testid inner_html=svg></figure> }
}

fn pct(v: f64) -> String {
    format!("{v:.1}%")
}

fn tier_rows_view(rows: Vec<TierRow>) -> impl IntoView {
    rows.into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.label}</td>
                    <td class="num">{format_money(r.revenue)}</td>
                    <td class="num">{pct(r.revenue_pct)}</td>
                    <td class="num">{r.clients}</td>
                    <td class="num">{pct(r.clients_pct)}</td>
                    <td class="num">{format_money(r.average)}</td>
                    <td class="num">{format!("{:.1}", r.policies_per_account)}</td>
                </tr>
            }
        })
        .collect_view()
}

fn tier_table(code: String, caption: String, rows: Vec<TierRow>) -> impl IntoView {
    view! {
        <table class="data-table compact" data-testid="tier-table" data-department=code>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th>"Tier"</th><th class="num">"Revenue"</th><th class="num">"% of revenue"</th><th class="num">"Clients"</th>
                    <th class="num">"% of clients"</th><th class="num">"Average per client"</th><th class="num">"Policies per account"</th>
                </tr>
            </thead>
            <tbody>{tier_rows_view(rows)}</tbody>
        </table>
    }
}

#[component]
pub fn DepartmentSection(department: DepartmentAnalysis, draft: RwSignal<ProfitSettings>) -> impl IntoView {
    let d = department;
    let code = d.department.code().to_string();
    let c = d.concentration.clone();
    let is_cl = d.department == crate::domain::book::Department::Cl;
    let flag = if c.flagged {
        format!(
            "Concentration risk: fewer than 20 {} accounts ({}) carry 50% or more of {} revenue.",
            code,
            c.accounts_for_half.unwrap_or(0),
            code
        )
    } else {
        format!("No concentration flag: it takes {} accounts to reach half of {} revenue.", c.accounts_for_half.map(|n| n.to_string()).unwrap_or_else(|| "—".into()), code)
    };
    let dept_for_editor = d.department.clone();
    let net_svg = charts::net_by_tier_chart(&format!("{}: net by tier", code), &d.net_rows);
    let code_for_table = code.clone();
    view! {
        <section class="card dept-section" data-department=code.clone()>
            <h2>{format!("{} — {} accounts, {} commission", d.department.label(), c.accounts, format_money(d.revenue))}</h2>
            <h3>"Step 1: revenue tiers"</h3>
            {tier_table(code_for_table, format!("{} accounts by commission revenue tier, largest first", d.department.label()), d.tier_rows.clone())}
            {chart(
                charts::tier_share_chart(&format!("{}: share of revenue and of clients by tier", code), &d.tier_rows),
                format!("Bar chart of each {} tier's share of revenue and of clients; the table above lists the same figures.", code),
                "tier-chart",
            )}
            <TierEditor department=dept_for_editor tiers=d.tiers.clone() draft/>
            <h3>"Concentration"</h3>
            <p class=if c.flagged { "flag warn" } else { "flag" } data-testid="concentration-flag">{flag}</p>
            <ul class="facts">
                <li>"Accounts making up 50% of revenue: "
                    {if is_cl {
                        view! { <strong data-testid="concentration-50">{c.accounts_for_half.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</strong> }.into_any()
                    } else {
                        view! { <strong>{c.accounts_for_half.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</strong> }.into_any()
                    }}
                </li>
                <li>"… 80% of revenue: "<strong>{c.accounts_for_80.map(|n| n.to_string()).unwrap_or_else(|| "—".into())}</strong></li>
                <li>"Largest account's share: "<strong>{pct(c.largest_pct)}</strong>"; the 10 largest: "<strong>{pct(c.top10_pct)}</strong></li>
                <li>"Accounts under $500 of revenue: "<strong>{pct(c.under_500_pct)}</strong></li>
            </ul>
            {chart(
                charts::cumulative_share_chart(&format!("{}: cumulative share of revenue, largest accounts first", code), &c.curve),
                format!("Curve of the cumulative share of {} revenue against the share of accounts, largest first; the figures above summarise it.", code),
                "pareto-chart",
            )}
            <h3>"Net by tier (revenue − estimated cost to serve)"</h3>
            <table class="data-table compact" data-testid="net-table" data-department=code.clone()>
                <thead><tr><th>"Tier"</th><th class="num">"Clients"</th><th class="num">"Revenue"</th><th class="num">"Cost to serve"</th><th class="num">"Net"</th><th class="num">"Losing money"</th></tr></thead>
                <tbody>
                    {d.net_rows.into_iter().map(|r| view! {
                        <tr class:negative=r.net < 0>
                            <td>{r.label}</td>
                            <td class="num">{r.clients}</td>
                            <td class="num">{format_money(r.revenue)}</td>
                            <td class="num">{format_money(r.cost)}</td>
                            <td class="num">{format_money(r.net)}</td>
                            <td class="num">{r.losing}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {chart(net_svg, "Bar chart of net by tier; losses are outlined below the zero line. The table above lists the same figures.".into(), "net-chart")}
        </section>
    }
}

/// Edits a department's tier thresholds (what-if until saved).
#[component]
fn TierEditor(department: crate::domain::book::Department, tiers: TierSet, draft: RwSignal<ProfitSettings>) -> impl IntoView {
    let text = RwSignal::new(
        tiers.thresholds().iter().map(|t| crate::domain::money::format_plain(*t)).collect::<Vec<_>>().join(", "),
    );
    let error = RwSignal::new(None::<String>);
    let dept = department.clone();
    let apply = move |_| {
        let parsed: Result<Vec<i64>, String> = text
            .get_untracked()
            .split([',', ';'])
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_money(s).and_then(|v| v.ok_or_else(|| "a threshold is blank".to_string())))
            .collect();
        match parsed.and_then(TierSet::new) {
            Ok(set) => {
                error.set(None);
                let dept = dept.clone();
                draft.update(|d| {
                    d.tier_sets.retain(|(x, _)| *x != dept);
                    if set != TierSet::default_for(&dept) {
                        d.tier_sets.push((dept, set));
                    }
                });
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <details class="tier-editor no-print">
            <summary>"Change the tier bounds"</summary>
            <div class="inline-form">
                <label>"Lower bounds of the tiers, smallest first"
                    <input type="text" size="50" data-testid="tier-bounds" data-department=department.code().to_string()
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="secondary" on:click=apply>"Apply"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="form-message error" role="alert">{e}</p> })}
        </details>
    }
}

#[component]
pub fn AgencyTable(analysis: Memo<Analysis>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"The whole agency"</h2>
            <p class="hint">"Every account in the commercial-lines tiers, for one view across departments."</p>
            {move || analysis.with(|a| tier_table("agency".into(), "All accounts by commission revenue tier".into(), a.agency_rows.clone()))}
        </section>
    }
}

#[component]
pub fn LosingAccounts(analysis: Memo<Analysis>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Accounts that cost more to serve than they bring in"</h2>
            {move || analysis.with(|a| {
                let mut losing: Vec<_> = a.losing_accounts().cloned().collect();
                losing.sort_by_key(|n| n.net);
                if losing.is_empty() {
                    view! { <p>"None at these inputs."</p> }.into_any()
                } else {
                    let shown = losing.len().min(50);
                    view! {
                        <p>{format!("{} accounts; the {} with the largest loss:", losing.len(), shown)}</p>
                        <table class="data-table compact" data-testid="losing-accounts">
                            <thead><tr><th>"Client"</th><th>"Dept"</th><th class="num">"Policies"</th><th class="num">"Revenue"</th><th class="num">"Cost to serve"</th><th class="num">"Net"</th></tr></thead>
                            <tbody>
                                {losing.into_iter().take(50).map(|n| view! {
                                    <tr class="negative">
                                        <td>{n.account.client_name}</td>
                                        <td>{n.account.department.code().to_string()}</td>
                                        <td class="num">{n.account.policies}</td>
                                        <td class="num">{format_money(n.account.revenue)}</td>
                                        <td class="num">{format_money(n.cost)}</td>
                                        <td class="num">{format_money(n.net)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            })}
        </section>
    }
}

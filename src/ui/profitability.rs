//! Profitability: revenue tiers, concentration, cost of a minute, cost to
//! serve and net per account and tier, with what-if inputs compared against
//! the saved baseline.

mod current;
mod inputs;
mod reports;
mod tables;

use super::state::{AppState, use_app};
use super::widgets::{EmptyState, files};
use crate::domain::money::format_money;
use crate::domain::profitability::analysis::{Analysis, ProfitSettings, Totals, analyze_figures, tiers_csv};
use crate::storage::settings;
use crate::ui::widgets::form_message::Outcome;
use current::CurrentProfit;
use leptos::prelude::*;
use std::sync::Arc;

pub use current::{provide_current_profit, use_current_profit};
pub use tables::chart as chart_view;

/// The analysis at `inputs`: the shared one ([`CurrentProfit::saved`])
/// when it was worked out with them, else worked out here from the shared
/// figures (a what-if). A new value only when it is another analysis.
fn analysis_at(state: AppState, current: CurrentProfit, inputs: Signal<ProfitSettings>) -> Memo<Arc<Analysis>> {
    // Only the departments count, not the rest of the agency's profile.
    let departments = Memo::new(move |_| state.profile.with(|p| p.departments.clone()));
    Memo::new_with_compare(
        move |_| {
            departments.with(|departments| {
                let shared = current.saved.with(|saved| {
                    saved.as_ref().filter(|w| inputs.with(|i| w.is_for(i, departments))).map(|w| w.analysis.clone())
                });
                shared.unwrap_or_else(|| {
                    Arc::new(current.figures.with(|f| inputs.with(|i| analyze_figures(f, i, departments))))
                })
            })
        },
        |before, now| !matches!((before, now), (Some(b), Some(n)) if Arc::ptr_eq(b, n)),
    )
}

#[component]
pub fn ProfitabilityPage() -> impl IntoView {
    let state = use_app();
    // What-if inputs start from the saved baseline; saving makes them the baseline.
    let draft = RwSignal::new(state.profit.get_untracked());
    // The saved baseline the draft began from.
    let base = RwSignal::new(state.profit.get_untracked());
    // Each account's figures and the analysis at the saved inputs are
    // shared with the Dashboard, and worked out a slice at a time.
    let current = use_current_profit();
    let ready = move || current.saved.with(Option::is_some);
    let analysis = analysis_at(state, current, draft.into());
    let baseline = analysis_at(state, current, state.profit.into());
    let changed = move || draft.with(|d| state.profit.with(|p| d != p));
    let message = RwSignal::new(None::<Outcome>);
    let departments_with_accounts =
        move || analysis.with(|a| a.departments_with_accounts().map(|d| d.department.clone()).collect::<Vec<_>>());

    let save = move |_| {
        let inputs = draft.get_untracked();
        state.save_setting(settings::PROFITABILITY, base, inputs, message, "Saved as the new baseline.");
    };
    let export = move |_| {
        let text = analysis.with_untracked(|a| tiers_csv(a));
        if let Err(e) =
            files::download(&format!("agency-desk-tiers-{}.csv", state.as_of.get_untracked().iso()), "text/csv", &text)
        {
            state.error(e);
        }
    };

    view! {
        <Show
            when=move || state.book.with(|b| !b.accounts.is_empty())
            fallback=|| view! {
                <EmptyState title="Account profitability">
                    <p>"This page arrays the book by commission revenue, department by department: revenue tiers with their share of revenue and clients, how few accounts carry half of the revenue, the cost of a minute of the agency's time, the cost of each process, and the net of every account and tier."</p>
                    <p>"It needs accounts with commission revenue, and there are none in this workspace yet. Import a book-of-business report in Book, or open the demo agency in Settings."</p>
                </EmptyState>
            }
        >
            <section class="page profitability">
                <div class="page-head">
                    <h1>"Account profitability"</h1>
                    <div class="actions no-print">
                        <button type="button" class="secondary" data-testid="export-tiers" disabled=move || !ready() on:click=export>"Export tiers (CSV)"</button>
                        <button type="button" class="secondary" data-testid="print-one-page" on:click=|_| print_one_page()>"Print one-page report"</button>
                        <button type="button" class="secondary" data-testid="print-full" on:click=|_| { let _ = window().print(); }>"Print everything"</button>
                    </div>
                </div>
                {current.working_note()}
                <Show when=ready>
                    <PrintReport analysis/>
                    <Summary analysis baseline changed=Signal::derive(changed)/>
                    <Show when=changed>
                        <div class="banner no-print" role="status" data-testid="whatif-banner">
                            <span>"You are trying other inputs: every figure below uses them; the change from the saved baseline is shown above."</span>
                            <span>
                                <button type="button" on:click=save>"Save as baseline"</button>
                                " "
                                <button type="button" class="secondary" on:click=move |_| {
                                    draft.set(state.profit.get_untracked());
                                    base.set(state.profit.get_untracked());
                                }>"Discard"</button>
                            </span>
                        </div>
                    </Show>
                    <super::widgets::FormMessage message=message/>
                    <h2 class="step-head">"Step 1: the agency revenue array"</h2>
                    <For
                        each=departments_with_accounts
                        key=|d| d.clone()
                        let:department
                    >
                        <tables::DepartmentSection department analysis draft/>
                    </For>
                    <tables::AgencyTable analysis/>
                    <inputs::ProcessCard draft analysis/>
                    <inputs::MinuteCard draft analysis/>
                    <For
                        each=departments_with_accounts
                        key=|d| d.clone()
                        let:department
                    >
                        <tables::NetSection department analysis/>
                    </For>
                    <reports::ReportsCard draft analysis/>
                    <tables::LosingAccounts analysis/>
                </Show>
            </section>
        </Show>
    }
}

#[component]
fn Summary(analysis: Memo<Arc<Analysis>>, baseline: Memo<Arc<Analysis>>, changed: Signal<bool>) -> impl IntoView {
    // Worked out once per analysis, not once per figure shown.
    let now = Memo::new(move |_| analysis.with(|a| a.totals()));
    let then = Memo::new(move |_| baseline.with(|a| a.totals()));
    let basis = Memo::new(move |_| analysis.with(|a| a.basis.label()));
    let losing_any = move || now.get().losing > 0;
    let delta = move |pick: fn(Totals) -> i64| {
        move || {
            // The baseline is analysed only while a what-if differs from it.
            if !changed.get() {
                return None;
            }
            let now = pick(now.get());
            let then = pick(then.get());
            (now != then).then(|| {
                let d = now - then;
                format!(" ({}{} vs. baseline)", if d > 0 { "+" } else { "" }, format_money(d))
            })
        }
    };
    view! {
        <div class="summary-cards">
            <div class="stat"><span class="label">"Commission revenue"</span><strong>{move || format_money(now.get().revenue)}</strong></div>
            <div class="stat"><span class="label">{move || format!("Cost to serve ({})", basis.get())}</span><strong>{move || format_money(now.get().cost)}</strong><span class="delta">{delta(|t| t.cost)}</span></div>
            <div class="stat"><span class="label">{move || format!("Net ({})", basis.get())}</span><strong data-testid="agency-net">{move || format_money(now.get().net)}</strong><span class="delta">{delta(|t| t.net)}</span></div>
            <div class="stat" class:alert=losing_any>
                <span class="label">{move || format!("Accounts losing money ({})", basis.get())}</span>
                <strong data-testid="losing-count">{move || now.get().losing}</strong>
                <span class="delta">{move || {
                    if !changed.get() {
                        return None;
                    }
                    let (now, then) = (now.get().losing as i64, then.get().losing as i64);
                    (now != then).then(|| format!(" ({:+} vs. baseline)", now - then))
                }}</span>
            </div>
        </div>
    }
}

/// "1 account", "3 accounts".
fn accounts(n: usize) -> String {
    if n == 1 { "1 account".into() } else { format!("{n} accounts") }
}

/// Prints only the one-page summary: the body class switches the print
/// stylesheet to it for the time of the print dialog.
fn print_one_page() {
    let body = document().body();
    if let Some(b) = &body {
        let _ = b.class_list().add_1("print-onepage");
    }
    let _ = window().print();
    if let Some(b) = &body {
        let _ = b.class_list().remove_1("print-onepage");
    }
}

/// The one-page report: the headline figures and, per department, the tier
/// table with net and the concentration line. Hidden on screen.
#[component]
fn PrintReport(analysis: Memo<Arc<Analysis>>) -> impl IntoView {
    let state = use_app();
    view! {
        <div class="print-report" data-testid="print-report">
            <h1>{move || format!("Account profitability — {}", state.workspace_name.get())}</h1>
            <p>{move || analysis.with(|a| format!(
                "As of {}. Commission revenue by department, arrayed in revenue tiers; cost to serve estimated from the agency's process times ({}).",
                state.as_of.get().iso(), a.basis.label()
            ))}</p>
            {move || analysis.with(|a| {
                let t = a.totals();
                let minute = a.minute.as_ref().map(|m| format_money((m.per_minute).round() as i64)).unwrap_or_else(|_| "not set".into());
                let share = a.capacity.as_ref().map(|c| format!(" · processes account for {:.1}% of staff time", c.share())).unwrap_or_default();
                view! {
                    <p class="print-figures">
                        {format!("Revenue {} · cost to serve {} · net {} ({}) · {} losing money · cost of a minute {}{share}",
                            format_money(t.revenue), format_money(t.cost), format_money(t.net), a.basis.label(), accounts(t.losing), minute)}
                    </p>
                    {a.departments_with_accounts().map(|d| {
                        let c = &d.concentration;
                        let half = c.accounts_for_half.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
                        view! {
                            <h2>{format!("{} — {}, {} commission, net {}", d.department.label(), accounts(c.accounts), format_money(d.revenue), format_money(d.net))}</h2>
                            <table class="print-table">
                                <thead><tr><th>"Tier"</th><th class="num">"Revenue"</th><th class="num">"% rev."</th><th class="num">"Clients"</th><th class="num">"% clients"</th><th class="num">"Pol./acct"</th><th class="num">"Net"</th><th class="num">"Losing"</th></tr></thead>
                                <tbody>
                                    {d.tier_rows.iter().zip(&d.net_rows).map(|(t, n)| view! {
                                        <tr>
                                            <td>{t.label.clone()}</td><td class="num">{format_money(t.revenue)}</td><td class="num">{format!("{:.1}%", t.revenue_pct)}</td>
                                            <td class="num">{t.clients}</td><td class="num">{format!("{:.1}%", t.clients_pct)}</td>
                                            <td class="num">{format!("{:.1}", t.policies_per_account)}</td><td class="num">{format_money(n.net)}</td><td class="num">{n.losing}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <p class="print-note">{format!(
                                "{half} {} of revenue{}; the largest carries {:.1}%, the 10 largest {:.1}%; {:.1}% of accounts are under $500.",
                                if c.accounts_for_half == Some(1) { "account makes up 50%" } else { "accounts make up 50%" },
                                if c.flagged { " — concentration risk" } else { "" }, c.largest_pct, c.top10_pct, c.under_500_pct
                            )}</p>
                        }
                    }).collect_view()}
                }
            })}
        </div>
    }
}

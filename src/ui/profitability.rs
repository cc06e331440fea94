//! Profitability: revenue tiers, concentration, cost of a minute, cost to
//! serve and net per account and tier, with what-if inputs compared against
//! the saved baseline.

mod inputs;
mod reports;
mod tables;

use super::state::{use_app, AppState};
use super::widgets::{files, EmptyState};
use crate::domain::money::format_money;
use crate::domain::profitability::analysis::{analyze, tiers_csv, Analysis, ProfitSettings};
use crate::storage::settings;
use leptos::prelude::*;

pub use tables::chart as chart_view;

fn run(state: AppState, inputs: &ProfitSettings) -> Analysis {
    let departments = state.profile.with(|p| p.departments.clone());
    state.book.with(|b| analyze(b, inputs, &departments))
}

#[component]
pub fn ProfitabilityPage() -> impl IntoView {
    let state = use_app();
    // What-if inputs start from the saved baseline; saving makes them the baseline.
    let draft = RwSignal::new(state.profit.get_untracked());
    let analysis = Memo::new(move |_| draft.with(|d| run(state, d)));
    let baseline = Memo::new(move |_| state.profit.with(|p| run(state, p)));
    let changed = move || draft.with(|d| state.profit.with(|p| d != p));
    let message = RwSignal::new(None::<(bool, String)>);

    let save = move |_| {
        let inputs = draft.get_untracked();
        state.save_setting(settings::PROFITABILITY, inputs, message, "Saved as the new baseline.");
    };
    let export = move |_| {
        let text = analysis.with_untracked(tiers_csv);
        if let Err(e) = files::download(&format!("agency-desk-tiers-{}.csv", state.as_of.get_untracked().iso()), "text/csv", &text) {
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
                        <button type="button" class="secondary" data-testid="export-tiers" on:click=export>"Export tiers (CSV)"</button>
                        <button type="button" class="secondary" on:click=|_| { let _ = window().print(); }>"Print report"</button>
                    </div>
                </div>
                <Summary analysis baseline changed=Signal::derive(changed)/>
                <Show when=changed>
                    <div class="banner no-print" role="status" data-testid="whatif-banner">
                        <span>"You are trying other inputs: every figure below uses them; the change from the saved baseline is shown above."</span>
                        <span>
                            <button type="button" on:click=save>"Save as baseline"</button>
                            " "
                            <button type="button" class="secondary" on:click=move |_| draft.set(state.profit.get_untracked())>"Discard"</button>
                        </span>
                    </div>
                </Show>
                <super::widgets::FormMessage message=message/>
                <inputs::MinuteCard draft analysis/>
                {move || analysis.with(|a| a.departments.iter().filter(|d| d.concentration.accounts > 0).map(|d| {
                    view! { <tables::DepartmentSection department=d.clone() draft/> }
                }).collect_view())}
                <tables::AgencyTable analysis/>
                <inputs::ProcessCard draft analysis/>
                <reports::ReportsCard draft analysis/>
                <tables::LosingAccounts analysis/>
            </section>
        </Show>
    }
}

#[component]
fn Summary(analysis: Memo<Analysis>, baseline: Memo<Analysis>, changed: Signal<bool>) -> impl IntoView {
    let total = |a: &Analysis| -> (i64, i64, i64, usize) {
        let revenue = a.departments.iter().map(|d| d.revenue).sum();
        let cost = a.departments.iter().map(|d| d.cost).sum();
        (revenue, cost, revenue - cost, a.losing_accounts().count())
    };
    let delta = move |pick: fn((i64, i64, i64, usize)) -> i64| {
        move || {
            // The baseline is analysed only while a what-if differs from it.
            if !changed.get() {
                return None;
            }
            let now = analysis.with(|a| pick(total(a)));
            let then = baseline.with(|a| pick(total(a)));
            (now != then).then(|| {
                let d = now - then;
                format!(" ({}{} vs. baseline)", if d > 0 { "+" } else { "" }, format_money(d))
            })
        }
    };
    view! {
        <div class="summary-cards">
            <div class="stat"><span class="label">"Commission revenue"</span><strong>{move || analysis.with(|a| format_money(total(a).0))}</strong></div>
            <div class="stat"><span class="label">"Cost to serve (estimated)"</span><strong>{move || analysis.with(|a| format_money(total(a).1))}</strong><span class="delta">{delta(|t| t.1)}</span></div>
            <div class="stat"><span class="label">"Net"</span><strong data-testid="agency-net">{move || analysis.with(|a| format_money(total(a).2))}</strong><span class="delta">{delta(|t| t.2)}</span></div>
            <div class="stat" class:alert=move || analysis.with(|a| total(a).3 > 0)>
                <span class="label">"Accounts losing money"</span>
                <strong data-testid="losing-count">{move || analysis.with(|a| total(a).3)}</strong>
                <span class="delta">{move || {
                    if !changed.get() {
                        return None;
                    }
                    let now = analysis.with(|a| total(a).3) as i64;
                    let then = baseline.with(|a| total(a).3) as i64;
                    (now != then).then(|| format!(" ({:+} vs. baseline)", now - then))
                }}</span>
            </div>
        </div>
    }
}

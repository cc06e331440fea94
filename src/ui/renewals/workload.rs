//! The workload table: open plan items due per person per week.

use crate::domain::renewals::board::Renewal;
use crate::domain::renewals::plans::PlanSet;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// Open plan items due per person per week, for the renewals on the board.
#[component]
pub(super) fn Workload(
    all: ReadSignal<Vec<Renewal>>,
    shown: Memo<Vec<usize>>,
    plan: ReadSignal<PlanSet>,
) -> impl IntoView {
    use crate::domain::renewals::workload::{WEEKS, week_start, workload};
    let state = use_app();
    let open = RwSignal::new(false);
    view! {
        <details class="card no-print" data-testid="workload" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h2 class="inline">"Workload: plan items due per person, next 8 weeks"</h2></summary>
            {move || open.get().then(|| {
                let as_of = state.as_of.get().date;
                let rows = all.with(|list| shown.with(|idx| {
                    let refs: Vec<&Renewal> = idx.iter().map(|&i| &list[i]).collect();
                    state.book.with(|b| state.renewals.with(|records| plan.with(|p| workload(&refs, b, p, records, as_of))))
                }));
                view! {
                    <p class="hint">"Open items of the renewals on the board (with the filters above), by the week they are due. The AE is the account's client manager, the Associate AE and Client Services its client advocate, the Producer its producer; other roles are counted by role."</p>
                    <table class="data-table compact" data-testid="workload-table">
                        <thead><tr><th>"Person"</th>
                            {(0..WEEKS).map(|w| view! { <th class="num">{week_start(as_of, w).map(|d| d.format("%b %-d").to_string()).unwrap_or_default()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(who, weeks)| view! {
                                <tr data-testid="workload-row" data-person=who.clone()><td>{who.clone()}</td>
                                    {weeks.into_iter().map(|n| view! { <td class="num">{if n == 0 { String::new() } else { n.to_string() }}</td> }).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
            })}
        </details>
    }
}

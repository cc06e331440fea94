//! The printable expiration ("X") list of the renewals on the board.

use super::print_with_class;
use crate::domain::money::format_money;
use crate::domain::renewals::board::Renewal;
use crate::domain::renewals::expirations::ExpirationRange;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The printable expiration ("X") list for a date range.
#[component]
pub(super) fn ExpirationList(all: ReadSignal<Vec<Renewal>>, shown: Memo<Vec<usize>>) -> impl IntoView {
    let state = use_app();
    let first = ExpirationRange::from_as_of(state.as_of.get_untracked().date);
    let from = RwSignal::new(first.from.to_string());
    let to = RwSignal::new(first.to.to_string());
    let range = move || from.with(|a| to.with(|b| ExpirationRange::parse(a, b)));
    let print = move |_| print_with_class("print-xlist");
    // The list is built only while open: with thousands of renewals it is long.
    let open = RwSignal::new(false);
    view! {
        <details class="card xlist" data-testid="xlist" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h2 class="inline">"Expiration list"</h2></summary>
            <div class="inline-form no-print">
                <label>"From "<input type="date" data-testid="xlist-from" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))/></label>
                <label>"to "<input type="date" data-testid="xlist-to" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))/></label>
                <button type="button" class="secondary" data-testid="xlist-print" on:click=print>"Print the list"</button>
            </div>
            {move || open.get().then(|| match range() {
                Some(range @ ExpirationRange { from: a, to: b }) => {
                    let rows: Vec<Renewal> = all.with(|list| shown.with(|idx| range.select(idx.iter().map(|&i| &list[i])).into_iter().cloned().collect()));
                    view! {
                        <p class="print-only">{format!("{} — renewals expiring {} to {}", state.workspace_name.get(), a.format("%b %-d, %Y"), b.format("%b %-d, %Y"))}</p>
                        <table class="data-table compact" data-testid="xlist-table">
                            <thead><tr><th>"Expires"</th><th>"Client"</th><th>"Dept"</th><th>"Policies"</th><th>"Lines"</th><th>"Carriers"</th><th>"Owner"</th><th class="num">"Premium"</th><th class="num">"Commission"</th><th>"Progress"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr data-testid="xlist-row">
                                        <td>{r.expiration.format("%b %-d, %Y").to_string()}</td><td>{r.client_name.clone()}</td><td>{r.department.code().to_string()}</td>
                                        <td>{r.policy_numbers.join(", ")}</td><td>{r.lines.join(", ")}</td><td>{r.carriers.join(", ")}</td><td>{r.owner.clone()}</td>
                                        <td class="num">{format_money(r.premium)}</td><td class="num">{format_money(r.commission)}</td><td>{format!("{}/{}", r.done, r.total)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
                _ => view! { <p class="form-message error" role="alert">"Choose a start date on or before the end date."</p> }.into_any(),
            })}
        </details>
    }
}

//! The lost-business list on the Renewals page: every renewal marked lost,
//! with its commission, reason and who recorded it; CSV export and undo.

use super::outcome::undo_outcome;
use crate::domain::money::format_money;
use crate::domain::renewals::retention::{lost_business, lost_csv};
use crate::ui::state::use_app;
use crate::ui::widgets::form_message::Outcome;
use crate::ui::widgets::{FormMessage, files};
use leptos::prelude::*;

#[component]
pub fn LostList() -> impl IntoView {
    let state = use_app();
    let rows = Memo::new(move |_| state.book.with(|b| state.renewals.with(|m| lost_business(b, m.values()))));
    let message = RwSignal::new(None::<Outcome>);
    let export = move |_| {
        let text = rows.with_untracked(|r| lost_csv(r));
        if let Err(e) = files::download(
            &format!("agency-desk-lost-business-{}.csv", state.as_of.get_untracked().iso()),
            "text/csv",
            &text,
        ) {
            state.error(e);
        }
    };
    view! {
        <details class="card" data-testid="lost-list">
            <summary><h2 class="inline">{move || format!("Lost business ({})", rows.with(Vec::len))}</h2></summary>
            <p class="hint">"Renewals marked lost or not renewed. Their policies stay on the account, marked Lost, and count in no revenue, tier or renewal. Undo puts them back as they were."</p>
            <div class="actions no-print">
                <button type="button" class="secondary" data-testid="lost-export" on:click=export>"Export lost business (CSV)"</button>
            </div>
            <FormMessage message testid="lost-message"/>
            {move || rows.with(|list| if list.is_empty() {
                view! { <p>"No renewal has been marked lost."</p> }.into_any()
            } else {
                view! {
                    <table class="data-table compact">
                        <thead><tr><th>"Client"</th><th>"Dept"</th><th>"Policies"</th><th>"Expired"</th><th class="num">"Commission lost"</th><th>"Lost on"</th><th>"Reason"</th><th>"Recorded by"</th><th></th></tr></thead>
                        <tbody>
                            {list.iter().map(|r| {
                                let id = r.renewal_id.clone();
                                view! {
                                    <tr data-testid="lost-row" data-account=r.client_name.clone()>
                                        <td>{r.client_name.clone()}</td>
                                        <td>{r.department.code().to_string()}</td>
                                        <td>{r.policy_numbers.join(", ")}</td>
                                        <td>{r.expiration.format("%b %-d, %Y").to_string()}</td>
                                        <td class="num">{format_money(r.commission)}</td>
                                        <td>{r.on.format("%b %-d, %Y").to_string()}</td>
                                        <td>{if r.detail.is_empty() { r.reason.clone() } else { format!("{}: {}", r.reason, r.detail) }}</td>
                                        <td>{r.by.clone()}</td>
                                        <td><button type="button" class="link-button" data-testid="lost-undo"
                                            on:click=move |_| undo_outcome(state, id.clone(), message, "Undone: the renewal is back on the board and its policies count again.", || ())>"Undo"</button></td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            })}
        </details>
    }
}

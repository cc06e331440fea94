//! The lead time of each department: how long before expiration a renewal
//! should start.

use crate::domain::entry::whole_number;
use crate::domain::renewals::board::LeadTimes;
use crate::storage::settings::RENEWAL_LEADS;
use crate::ui::state::use_app;
use crate::ui::widgets::form_message::Outcome;
use crate::ui::widgets::take;
use leptos::prelude::*;

/// Lead times per department (days before expiration a renewal should start).
#[component]
pub(super) fn LeadTimeSettings() -> impl IntoView {
    let state = use_app();
    let message = RwSignal::new(None::<Outcome>);
    // What the form started from, and what it shows. While the two agree
    // the form follows saves from other tabs; once it is edited its start
    // stays put, so a save can tell what another tab changed meanwhile. A
    // save of what it shows, here or elsewhere, makes it untouched again.
    let base = RwSignal::new(state.leads.get_untracked());
    let draft = RwSignal::new(state.leads.get_untracked());
    Effect::new(move |_| {
        let stored = state.leads.get();
        let shown = draft.with_untracked(|d| d.departments.clone());
        if base.with_untracked(|b| b.departments == shown) || stored.departments == shown {
            draft.set(stored.clone());
            base.set(stored);
        }
    });
    view! {
        <details class="card no-print" data-testid="lead-times">
            <summary><h2 class="inline">"Lead times"</h2></summary>
            <p class="hint">"Start each renewal at least this many days before it expires. The method's rule is 120 days, and 150 to 180 for certain commercial accounts. One account's own lead time is set from its renewal."</p>
            <div class="inline-form">
                {move || state.profile.get().departments.into_iter().map(|d| {
                    let code = d.code().to_string();
                    let dept = d.clone();
                    let current = move || draft.with(|l| l.for_department(&dept));
                    let dept_set = d.clone();
                    view! {
                        <label>{format!("{} ", d.label())}
                            <input type="number" min="0" max="365" size="4" data-testid="lead-days" data-department=code prop:value=move || current().to_string()
                                on:change=move |ev| {
                                    let field = format!("The lead time of {}", dept_set.label());
                                    take(whole_number(&event_target_value(&ev), &field, 0, 365), message, |n| {
                                        draft.update(|l| l.set_department(&dept_set, n));
                                    });
                                }/>
                            " days"
                        </label>
                    }
                }).collect_view()}
                <button type="button" data-testid="lead-save" on:click=move |_| {
                    // Only the departments: accounts' own lead times are set
                    // from their renewals and must survive this form's save.
                    let (started, edited) = (base.get_untracked(), draft.get_untracked());
                    state.change_setting(RENEWAL_LEADS, move |stored: Option<LeadTimes>| {
                        let stored = stored.unwrap_or_default();
                        stored.with_department_edits(&started, &edited).inspect_err(|_| {
                            draft.set(stored.clone());
                            base.set(stored.clone());
                        })
                    }, message, "Lead times saved.");
                }>"Save lead times"</button>
            </div>
            <crate::ui::widgets::FormMessage message testid="lead-times-message"/>
        </details>
    }
}

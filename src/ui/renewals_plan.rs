//! Editing the Client Service Plan template: reword, reorder, reassign,
//! add and remove items, change day offsets, reset to the original.

use super::state::{new_id, use_app};
use super::widgets::take;
use crate::domain::entry::whole_number;
use crate::domain::renewals::plan::{Anchor, Item, Role, ServicePlan};
use crate::storage::settings::{self, SERVICE_PLAN};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PlanEditor() -> impl IntoView {
    let state = use_app();
    let draft = RwSignal::new(state.plan.get_untracked());
    // The saved plan the draft began from.
    let base = RwSignal::new(state.plan.get_untracked());
    let message = RwSignal::new(None::<(bool, String)>);
    let changed = move || draft.with(|d| state.plan.with(|p| d != p));
    let save = move |_| {
        let plan = draft.get_untracked();
        let problems = plan.problems();
        if !problems.is_empty() {
            message.set(Some((true, format!("Not saved: {}", problems.join(" ")))));
            return;
        }
        state.save_setting(SERVICE_PLAN, base, plan, message, "The plan is saved; the board uses it now.");
    };
    let reset = move |_| {
        if !window().confirm_with_message("Put back the original Client Service Plan? Your changes to it are discarded; ticked items of items that still exist are kept.").unwrap_or(false) {
            return;
        }
        spawn_local(async move {
            match state.db() {
                Ok(db) => match settings::remove(&db, SERVICE_PLAN).await {
                    Ok(()) => {
                        draft.set(ServicePlan::original());
                        base.set(ServicePlan::original());
                        message.set(Some((false, "The original plan is back.".into())));
                        state.after_write().await;
                    }
                    Err(e) => message.set(Some((true, format!("Not reset: {e}")))),
                },
                Err(e) => message.set(Some((true, format!("Not reset: {e}")))),
            }
        });
    };
    let edit = move |f: Box<dyn FnOnce(&mut ServicePlan)>| draft.update(|d| f(d));
    // The editor's many inputs are built only while it is open.
    let open = RwSignal::new(false);
    view! {
        <details class="card no-print plan-editor" data-testid="plan-editor" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h2 class="inline">"Edit the Client Service Plan"</h2></summary>
            <p class="hint">"Reword, reorder and reassign items, add your own, and change when each milestone opens and is due. Days after binding count from the effective date; days to renewal count back from the expiration date."</p>
            <super::widgets::FormMessage message testid="plan-message"/>
            <div class="actions">
                <button type="button" data-testid="plan-save" disabled=move || !changed() on:click=save>"Save the plan"</button>
                <button type="button" class="secondary" disabled=move || !changed() on:click=move |_| {
                    draft.set(state.plan.get_untracked());
                    base.set(state.plan.get_untracked());
                }>"Discard changes"</button>
                <button type="button" class="secondary" data-testid="plan-reset" on:click=reset>"Reset to the original"</button>
            </div>
            {move || open.get().then(|| draft.with(|d| d.milestones.iter().enumerate().map(|(mi, m)| {
                let after = m.anchor == Anchor::Effective;
                let unit = if after { "days after binding" } else { "days to renewal" };
                let title = m.title.clone();
                let title_due = m.title.clone();
                view! {
                    <fieldset class="milestone-edit" data-testid="plan-milestone" data-milestone=m.key.clone()>
                        <legend>{m.title.clone()}</legend>
                        <div class="inline-form">
                            <label>"Title " <input type="text" size="48" prop:value=m.title.clone() on:change=move |ev| {
                                let v = event_target_value(&ev);
                                edit(Box::new(move |d| d.milestones[mi].title = v));
                            }/></label>
                            <label>"Opens " <input type="number" min="0" max="400" size="4" data-testid="plan-from" prop:value=m.from_day.to_string() on:change=move |ev| {
                                take(whole_number(&event_target_value(&ev), &format!("“Opens” of “{title}”"), 0, 400), message, |n| edit(Box::new(move |d| d.milestones[mi].from_day = n)));
                            }/></label>
                            <label>"Due " <input type="number" min="0" max="400" size="4" data-testid="plan-due" prop:value=m.due_day.to_string() on:change=move |ev| {
                                take(whole_number(&event_target_value(&ev), &format!("“Due” of “{title_due}”"), 0, 400), message, |n| edit(Box::new(move |d| d.milestones[mi].due_day = n)));
                            }/></label>
                            <span>{unit}</span>
                        </div>
                        <ol class="item-edit">
                            {m.items.iter().enumerate().map(|(ii, item)| {
                                let count = m.items.len();
                                view! {
                                    <li data-testid="plan-item">
                                        <input type="text" size="50" aria-label=format!("Item {} text", ii + 1) data-testid="plan-item-text" prop:value=item.text.clone() on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            edit(Box::new(move |d| d.milestones[mi].items[ii].text = v));
                                        }/>
                                        <span class="owners">
                                            {Role::ALL.into_iter().map(|role| {
                                                let on = item.owners.contains(&role);
                                                view! {
                                                    <label class="owner-choice"><input type="checkbox" prop:checked=on on:change=move |ev| {
                                                        let checked = event_target_checked(&ev);
                                                        edit(Box::new(move |d| {
                                                            let owners = &mut d.milestones[mi].items[ii].owners;
                                                            owners.retain(|r| *r != role);
                                                            if checked { owners.push(role); owners.sort(); }
                                                        }));
                                                    }/>{role.label()}</label>
                                                }
                                            }).collect_view()}
                                        </span>
                                        <button type="button" class="icon" aria-label="Move up" disabled=ii == 0 on:click=move |_| edit(Box::new(move |d| d.milestones[mi].items.swap(ii, ii - 1)))>"↑"</button>
                                        <button type="button" class="icon" aria-label="Move down" disabled=ii + 1 == count on:click=move |_| edit(Box::new(move |d| d.milestones[mi].items.swap(ii, ii + 1)))>"↓"</button>
                                        <button type="button" class="icon" aria-label="Remove this item" data-testid="plan-item-remove" on:click=move |_| edit(Box::new(move |d| { d.milestones[mi].items.remove(ii); }))>"×"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ol>
                        <button type="button" class="secondary small" data-testid="plan-item-add" on:click=move |_| edit(Box::new(move |d| {
                            let key = format!("custom-{}", new_id());
                            d.milestones[mi].items.push(Item { id: key, text: "New item".into(), detail: String::new(), owners: vec![Role::AE] });
                        }))>"+ item"</button>
                    </fieldset>
                }
            }).collect_view()))}
        </details>
    }
}

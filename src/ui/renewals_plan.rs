//! Editing the Client Service Plans: the list of plans (copy, rename,
//! remove), which department tiers follow which, and each plan's
//! milestones and items (reword, reorder, reassign, add and remove, change
//! day offsets); reset to the plans that come with the app.

use super::state::{new_id, use_app};
use super::widgets::take;
use crate::domain::entry::whole_number;
use crate::domain::renewals::plan::{Anchor, Item, Milestone, Role, ServicePlan};
use crate::domain::renewals::plans::PlanSet;
use crate::storage::settings::SERVICE_PLANS;
use crate::ui::widgets::form_message::{Message, Outcome};
use leptos::prelude::*;

#[component]
pub fn PlanEditor() -> impl IntoView {
    let state = use_app();
    let draft = RwSignal::new(state.plans.get_untracked());
    // The saved plans the draft began from.
    let base = RwSignal::new(state.plans.get_untracked());
    let message = RwSignal::new(None::<Outcome>);
    // The plan being edited (its key).
    let chosen = RwSignal::new(state.plans.with_untracked(|p| p.default_plan().key.clone()));
    let copy_name = RwSignal::new(String::new());
    let changed = move || draft.with(|d| state.plans.with(|p| d != p));
    let save = move |_| {
        let plans = draft.get_untracked();
        let problems = plans.problems();
        if !problems.is_empty() {
            message.set(Some(Outcome::Refused(format!("Not saved: {}", problems.join(" ")))));
            return;
        }
        state.save_setting(SERVICE_PLANS, base, plans, message, "The plan is saved; the board uses it now.");
    };
    let reset = move |_| {
        if !window().confirm_with_message("Put back the plans that come with the app (the full Client Service Plan and the light plan for small accounts)? Your changes are discarded; ticked items of items that still exist are kept.").unwrap_or(false) {
            return;
        }
        state.reset_plans(move |result| match result {
            Ok(()) => {
                draft.set(PlanSet::original());
                base.set(PlanSet::original());
                chosen.set(PlanSet::original().default_plan().key.clone());
                message.set(Some(Outcome::Done("The original plans are back.".into())));
            }
            Err(e) => message.set(Some(Outcome::Refused(format!("Not reset: {e}")))),
        });
    };
    // Changes the chosen plan of the draft.
    let edit = move |f: Box<dyn FnOnce(&mut ServicePlan)>| {
        let key = chosen.get_untracked();
        draft.update(|d| {
            if let Some(p) = d.plans.iter_mut().find(|p| p.key == key) {
                f(p)
            }
        })
    };
    let current = move || draft.with(|d| d.plan(&chosen.get()).clone());
    let edit_plan: PlanEdit = Callback::new(edit);
    // The editor's many inputs are built only while it is open.
    let open = RwSignal::new(false);
    view! {
        <details class="card no-print plan-editor" data-testid="plan-editor" on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><h2 class="inline">"Edit the Client Service Plans"</h2></summary>
            <p class="hint">"The full plan is the default; the light plan, for small accounts, leaves out the strategy meetings, remarketing and the producer. Choose which plan each department's revenue tiers follow, copy a plan to make your own, and edit any plan: reword, reorder and reassign items, add and remove items and milestones, change when each milestone opens and is due. Days after binding count from the effective date; days to renewal count back from the expiration date."</p>
            <super::widgets::FormMessage message testid="plan-message"/>
            <div class="actions">
                <button type="button" data-testid="plan-save" disabled=move || !changed() on:click=save>"Save the plans"</button>
                <button type="button" class="secondary" disabled=move || !changed() on:click=move |_| {
                    draft.set(state.plans.get_untracked());
                    base.set(state.plans.get_untracked());
                }>"Discard changes"</button>
                <button type="button" class="secondary" data-testid="plan-reset" on:click=reset>"Reset to the original"</button>
            </div>
            <PlanList draft chosen/>
            <CopyOrRemove draft chosen copy_name message/>
            <label class="field inline">
                <span>"Name"</span>
                <input type="text" size="40" data-testid="plan-name" prop:value=move || current().name on:change=move |ev| {
                    let v = event_target_value(&ev);
                    edit(Box::new(move |p| p.name = v));
                }/>
            </label>
            <PlanAssignments draft/>
            {move || open.get().then(|| view! { <MilestonesEdit plan=current() edit=edit_plan message/> })}
        </details>
    }
}

/// A change to the plan being edited.
type PlanEdit = Callback<Box<dyn FnOnce(&mut ServicePlan)>>;

/// The plans of the draft, the chosen one pressed.
#[component]
fn PlanList(draft: RwSignal<PlanSet>, chosen: RwSignal<String>) -> impl IntoView {
    view! {
        <ul class="plan-list" data-testid="plan-list">
            {move || draft.with(|d| d.plans.iter().enumerate().map(|(i, p)| {
                let key = p.key.clone();
                let is_chosen = chosen.with(|c| *c == p.key);
                view! {
                    <li data-plan=p.key.clone()>
                        <button type="button" class="link-button" aria-pressed=is_chosen.to_string() on:click=move |_| chosen.set(key.clone())>{p.name.clone()}</button>
                        {(i == 0).then_some(" (default)")}
                        {format!(" · {} milestones, {} items", p.milestones.len(), p.items().count())}
                    </li>
                }
            }).collect_view())}
        </ul>
    }
}

/// Copying the chosen plan under a new name, or removing it from the draft.
#[component]
fn CopyOrRemove(
    draft: RwSignal<PlanSet>,
    chosen: RwSignal<String>,
    copy_name: RwSignal<String>,
    message: RwSignal<Message>,
) -> impl IntoView {
    view! {
        <div class="inline-form">
            <label>"Copy this plan as " <input type="text" data-testid="plan-copy-name" prop:value=move || copy_name.get() on:input=move |ev| copy_name.set(event_target_value(&ev))/></label>
            <button type="button" class="secondary" data-testid="plan-copy" on:click=move |_| {
                let mut set = draft.get_untracked();
                match set.add_copy(&chosen.get_untracked(), &copy_name.get_untracked()) {
                    Ok(key) => {
                        draft.set(set);
                        chosen.set(key);
                        copy_name.set(String::new());
                        message.set(None);
                    }
                    Err(e) => message.set(Some(Outcome::Refused(e))),
                }
            }>"Copy"</button>
            <button type="button" class="danger" data-testid="plan-remove" on:click=move |_| {
                let mut set = draft.get_untracked();
                match set.remove(&chosen.get_untracked()) {
                    Ok(()) => {
                        chosen.set(set.default_plan().key.clone());
                        draft.set(set);
                        message.set(None);
                    }
                    Err(e) => message.set(Some(Outcome::Refused(e))),
                }
            }>"Remove this plan"</button>
        </div>
    }
}

/// The milestones of the plan being edited, and a way to add one.
#[component]
fn MilestonesEdit(plan: ServicePlan, edit: PlanEdit, message: RwSignal<Message>) -> impl IntoView {
    let milestones_len = plan.milestones.len();
    view! {
        {plan.milestones.into_iter().enumerate().map(|(mi, milestone)| view! { <MilestoneEdit mi milestone edit message/> }).collect_view()}
        <button type="button" class="secondary small" data-testid="plan-milestone-add" on:click=move |_| edit.run(Box::new(move |d| {
            d.milestones.push(Milestone {
                key: format!("custom-{}", new_id()),
                title: "New milestone".into(),
                anchor: Anchor::Expiration,
                from_day: 45,
                due_day: 30,
                items: vec![Item { id: format!("custom-{}", new_id()), text: "New item".into(), detail: String::new(), owners: vec![Role::AE] }],
            });
        }))>{format!("+ milestone (after the {milestones_len} above)")}</button>
    }
}

/// One milestone: its title, when it opens and is due, and its items.
#[component]
fn MilestoneEdit(mi: usize, milestone: Milestone, edit: PlanEdit, message: RwSignal<Message>) -> impl IntoView {
    let m = milestone;
    let after = m.anchor == Anchor::Effective;
    let unit = if after { "days after binding" } else { "days to renewal" };
    let title = m.title.clone();
    let title_due = m.title.clone();
    let count = m.items.len();
    view! {
        <fieldset class="milestone-edit" data-testid="plan-milestone" data-milestone=m.key.clone()>
            <legend>{m.title.clone()}</legend>
            <div class="inline-form">
                <label>"Title " <input type="text" size="48" prop:value=m.title.clone() on:change=move |ev| {
                    let v = event_target_value(&ev);
                    edit.run(Box::new(move |d| d.milestones[mi].title = v));
                }/></label>
                <label>"Opens " <input type="number" min="0" max="400" size="4" data-testid="plan-from" prop:value=m.from_day.to_string() on:change=move |ev| {
                    take(whole_number(&event_target_value(&ev), &format!("“Opens” of “{title}”"), 0, 400), message, |n| edit.run(Box::new(move |d| d.milestones[mi].from_day = n)));
                }/></label>
                <label>"Due " <input type="number" min="0" max="400" size="4" data-testid="plan-due" prop:value=m.due_day.to_string() on:change=move |ev| {
                    take(whole_number(&event_target_value(&ev), &format!("“Due” of “{title_due}”"), 0, 400), message, |n| edit.run(Box::new(move |d| d.milestones[mi].due_day = n)));
                }/></label>
                <span>{unit}</span>
            </div>
            <ol class="item-edit">
                {m.items.into_iter().enumerate().map(|(ii, item)| view! { <ItemEdit mi ii count item edit/> }).collect_view()}
            </ol>
            <button type="button" class="secondary small" data-testid="plan-item-add" on:click=move |_| edit.run(Box::new(move |d| {
                let key = format!("custom-{}", new_id());
                d.milestones[mi].items.push(Item { id: key, text: "New item".into(), detail: String::new(), owners: vec![Role::AE] });
            }))>"+ item"</button>
            " "
            <button type="button" class="secondary small" data-testid="plan-milestone-remove" on:click=move |_| edit.run(Box::new(move |d| { d.milestones.remove(mi); }))>"Remove this milestone"</button>
        </fieldset>
    }
}

/// One item of a milestone (`count` items in all): its text, its owners,
/// moving and removing it.
#[component]
fn ItemEdit(mi: usize, ii: usize, count: usize, item: Item, edit: PlanEdit) -> impl IntoView {
    view! {
        <li data-testid="plan-item">
            <input type="text" size="50" aria-label=format!("Item {} text", ii + 1) data-testid="plan-item-text" prop:value=item.text.clone() on:change=move |ev| {
                let v = event_target_value(&ev);
                edit.run(Box::new(move |d| d.milestones[mi].items[ii].text = v));
            }/>
            <span class="owners">
                {Role::ALL.into_iter().map(|role| {
                    let on = item.owners.contains(&role);
                    view! {
                        <label class="owner-choice"><input type="checkbox" prop:checked=on on:change=move |ev| {
                            let checked = event_target_checked(&ev);
                            edit.run(Box::new(move |d| {
                                let owners = &mut d.milestones[mi].items[ii].owners;
                                owners.retain(|r| *r != role);
                                if checked { owners.push(role); owners.sort(); }
                            }));
                        }/>{role.label()}</label>
                    }
                }).collect_view()}
            </span>
            <button type="button" class="icon" aria-label="Move up" disabled=ii == 0 on:click=move |_| edit.run(Box::new(move |d| d.milestones[mi].items.swap(ii, ii - 1)))>"↑"</button>
            <button type="button" class="icon" aria-label="Move down" disabled=ii + 1 == count on:click=move |_| edit.run(Box::new(move |d| d.milestones[mi].items.swap(ii, ii + 1)))>"↓"</button>
            <button type="button" class="icon" aria-label="Remove this item" data-testid="plan-item-remove" on:click=move |_| edit.run(Box::new(move |d| { d.milestones[mi].items.remove(ii); }))>"×"</button>
        </li>
    }
}

/// Which plan each department's revenue tiers follow.
#[component]
fn PlanAssignments(draft: RwSignal<PlanSet>) -> impl IntoView {
    let state = use_app();
    view! {
        <table class="data-table compact" data-testid="plan-assignments">
            <caption>"Which plan each tier follows (tiers as set on the Profitability page)"</caption>
            <thead><tr><th>"Department"</th><th>"Tier"</th><th>"Plan"</th></tr></thead>
            <tbody>
                {move || state.profile.with(|pr| pr.departments.clone()).into_iter().flat_map(|dept| {
                    let set = state.profit.with(|p| p.tier_set(&dept));
                    (0..set.len()).rev().map(move |i| (dept.clone(), set.label(i))).collect::<Vec<_>>()
                }).map(|(dept, tier)| {
                    let (d2, t2) = (dept.clone(), tier.clone());
                    let (d3, t3) = (dept.clone(), tier.clone());
                    view! {
                        <tr>
                            <td>{dept.label().to_string()}</td><td>{tier.clone()}</td>
                            <td>
                                <select data-testid="plan-assign" data-department=dept.code().to_string() data-tier=tier.clone()
                                    on:change=move |ev| {
                                        let key = event_target_value(&ev);
                                        draft.update(|d| d.assign(&d2, &t2, &key));
                                    }>
                                    {move || draft.with(|d| {
                                        let assigned = d.assigned(&d3, &t3).unwrap_or(&d.default_plan().key).to_string();
                                        d.plans.iter().map(|p| view! { <option value=p.key.clone() selected=p.key == assigned>{p.name.clone()}</option> }).collect_view()
                                    })}
                                </select>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

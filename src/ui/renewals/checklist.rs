//! The checklist of a renewal's panel: each milestone of its plan with its
//! window of dates and the items to tick off.

use super::{AfterChange, RecordChange};
use crate::domain::renewals::board::{ItemState, Renewal, RenewalRecord, Tick, before_tracking};
use crate::domain::renewals::plan::{Item, ServicePlan};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The milestones of the renewal's plan, with their due dates and items.
#[component]
pub(super) fn Milestones<S, C>(
    renewal: Memo<Option<Renewal>>,
    plan: Memo<ServicePlan>,
    record: Memo<Option<RenewalRecord>>,
    seen_tick: S,
    who: Callback<(), Option<String>>,
    change: C,
) -> impl IntoView
where
    S: Fn(&str) -> Option<Tick> + Copy + Send + Sync + 'static,
    C: Fn(RecordChange, &'static str, AfterChange) + Copy + Send + Sync + 'static,
{
    let state = use_app();
    move || {
        renewal.get().map(|r| {
        let as_of = state.as_of.get().date;
        let tracking = state.tracking.get();
        plan.with(|p| p.milestones.iter().map(|m| {
            let due = m.due(r.effective, r.expiration);
            let opens = m.opens(r.effective, r.expiration);
            let untracked = before_tracking(due, tracking);
            view! {
                <section class="milestone" class:before-tracking=untracked data-testid="milestone" data-milestone=m.key.clone() data-before-tracking=untracked.to_string()>
                    <h3>{m.title.clone()}<span class="due">{format!(" — {} to {}", opens.format("%b %-d, %Y"), due.format("%b %-d, %Y"))}</span>{untracked.then_some(" · before tracking")}</h3>
                    <ul class="checklist">
                        {m.items.iter().map(|item| {
                            let tick = record.with(|rec| rec.as_ref().and_then(|x| x.tick(&item.id).cloned()));
                            let late = ItemState::of(tick.is_some(), due, as_of, tracking) == ItemState::Overdue;
                            checklist_item(item, tick, late, record, seen_tick, who, change)
                        }).collect_view()}
                    </ul>
                </section>
            }
        }).collect_view())
    })
    }
}

/// One item of a milestone: its box, what it is, who owns it and who ticked
/// it off. The box always ends up showing what is stored.
fn checklist_item<S, C>(
    item: &Item,
    tick: Option<Tick>,
    late: bool,
    record: Memo<Option<RenewalRecord>>,
    seen_tick: S,
    who: Callback<(), Option<String>>,
    change: C,
) -> impl IntoView + use<S, C>
where
    S: Fn(&str) -> Option<Tick> + Copy + Send + Sync + 'static,
    C: Fn(RecordChange, &'static str, AfterChange) + Copy + Send + Sync + 'static,
{
    let state = use_app();
    let done = tick.is_some();
    let item_id = item.id.clone();
    let label = item.text.clone();
    let label_for_save = item.text.clone();
    view! {
        <li class:late=late>
            <label>
                <input type="checkbox" data-testid="renewal-item" data-item=item.id.clone() prop:checked=done
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        let checked = input.checked();
                        let item_id = item_id.clone();
                        let label = label_for_save.clone();
                        let seen = seen_tick(&item_id);
                        let Some(by) = who.run(()) else {
                            input.set_checked(!checked);
                            return;
                        };
                        let on = state.as_of.get_untracked().today;
                        let item_key = item_id.clone();
                        change(Box::new(move |rec| {
                            rec.set_tick(&item_id, checked.then_some((by.as_str(), on)), seen.as_ref(), &label)
                        }), "Checklist saved.", Box::new(move |saved| {
                            // The box shows what is stored, whatever the click did to it.
                            let stored = match saved {
                                Ok(r) => r.tick(&item_key).is_some(),
                                Err(()) => record.with_untracked(|r| r.as_ref().is_some_and(|r| r.tick(&item_key).is_some())),
                            };
                            input.set_checked(stored);
                        }));
                    }/>
                " "{label}
            </label>
            {(!item.detail.is_empty()).then(|| view! { <span class="detail">{format!(" — {}", item.detail)}</span> })}
            <span class="owner">{format!(" [{}]", item.owner_text())}</span>
            {tick.map(|t| view! { <span class="ticked" data-testid="renewal-item-done">{format!(" ✓ {} on {}", t.by, t.on.format("%b %-d, %Y"))}</span> })}
        </li>
    }
}

//! One renewal's panel: its heading, who is working, the checklist of its
//! plan, its lead time, notes and outcome.

use super::checklist::Milestones;
use super::outcome::{self, BindForm, LostForm};
use super::print_with_class;
use super::record_text::RecordText;
use super::stewardship::Stewardship;
use super::{AfterChange, RecordChange};
use crate::domain::entry::whole_number;
use crate::domain::renewals::board::{LeadTimes, Renewal, RenewalRecord, Tick};
use crate::domain::renewals::plan::ServicePlan;
use crate::domain::renewals::plans::PlanSet;
use crate::storage::settings::RENEWAL_LEADS;
use crate::ui::state::{Remembered, use_app};
use crate::ui::widgets::form_message::{Message, Outcome};
use crate::ui::widgets::{FormMessage, take};
use leptos::prelude::*;

/// A click this soon after another tab changed the panel's record is
/// judged against what the panel showed before that change.
const RECENT_CHANGE_MS: f64 = 1_000.0;

/// One renewal: its milestones with due dates, the checklist, notes and outcome.
#[component]
pub(super) fn RenewalDetail(
    id: String,
    all: ReadSignal<Vec<Renewal>>,
    plans: ReadSignal<PlanSet>,
    selected: RwSignal<Option<String>>,
    message: RwSignal<Message>,
) -> impl IntoView {
    let state = use_app();
    let user = RwSignal::new(Remembered::RenewalUser.get().unwrap_or_default());
    let id_for_r = id.clone();
    let renewal = Memo::new(move |_| all.with(|list| list.iter().find(|r| r.id == id_for_r).cloned()));
    // The plan this renewal follows.
    let plan = Memo::new(move |_| {
        plans.with(|ps| renewal.with(|r| r.as_ref().map(|r| ps.plan(&r.plan)).unwrap_or(ps.default_plan()).clone()))
    });
    let id_for_rec = id.clone();
    let record = Memo::new(move |_| state.renewals.with(|m| m.get(&id_for_rec).cloned()));
    // What the panel showed before its record last changed from elsewhere,
    // and when: a click that lands just after another tab's change is
    // judged against what the person was looking at.
    let shown_before = StoredValue::new((record.get_untracked(), f64::NEG_INFINITY));
    let last_record = StoredValue::new(record.get_untracked());
    let own_save = StoredValue::new(false);
    Effect::new(move |_| {
        let now = record.get();
        let before = last_record.get_value();
        if before != now {
            let at = if own_save.get_value() { f64::NEG_INFINITY } else { js_sys::Date::now() };
            own_save.set_value(false);
            shown_before.set_value((before, at));
            last_record.set_value(now);
        }
    });
    let seen_tick = move |item: &str| -> Option<Tick> {
        let (before, at) = shown_before.get_value();
        let source = if js_sys::Date::now() - at < RECENT_CHANGE_MS { before } else { record.get_untracked() };
        source.and_then(|r| r.tick(item).cloned())
    };
    let panel = NodeRef::<leptos::html::Section>::new();
    let card_id = StoredValue::new(id.clone());
    // Back to the card this panel was opened from.
    let close_panel = move || {
        selected.set(None);
        let selector =
            format!("[data-testid=renewal-card][data-renewal=\"{}\"]", card_id.get_value().replace('"', "\\\""));
        if let Some(card) = document().query_selector(&selector).ok().flatten() {
            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(card).focus();
        }
    };
    // Opening a renewal takes the keyboard and the view to its panel.
    Effect::new(move |_| {
        if let Some(el) = panel.get() {
            let _ = el.focus();
            el.scroll_into_view();
        }
    });

    // Changes the stored record with `change` (which may refuse) and shows
    // the record as saved, with another tab's changes to other items kept.
    let change = move |change: RecordChange, done: &'static str, after: AfterChange| {
        let Some(r) = renewal.get_untracked() else { return };
        state.change_renewal((r.id.clone(), r.account_id.clone(), r.expiration), change, move |result| match result {
            Ok(saved) => {
                message.set(Some(Outcome::Done(done.to_string())));
                after(Ok(saved));
                own_save.set_value(true);
            }
            Err(e) => {
                message.set(Some(Outcome::Refused(e.to_string())));
                after(Err(()));
            }
        });
    };
    let user_input = NodeRef::<leptos::html::Input>::new();
    // Who is working: asked for before anything is recorded in their name.
    let who = move || -> Option<String> {
        if let Some(name) = untrack(|| state.signed_in()) {
            return Some(name);
        }
        let name = user.get_untracked().trim().to_string();
        if name.is_empty() {
            message.set(Some(Outcome::Refused("Nothing was recorded: say who is working first (“Who is working” above). Every tick, binding and loss is recorded with that name.".into())));
            if let Some(el) = user_input.get_untracked() {
                let _ = el.focus();
            }
            None
        } else {
            Some(name)
        }
    };
    let who_cb = Callback::new(move |_: ()| who());
    let close = Callback::new(move |_: ()| close_panel());
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            close_panel();
        }
    };

    view! {
        <section class="card renewal-detail" data-testid="renewal-detail" tabindex="-1" node_ref=panel on:keydown=on_key
            aria-label=move || renewal.with(|r| r.as_ref().map(|r| format!("Renewal of {}", r.client_name)).unwrap_or_default())>
            {move || renewal.get().map(|r| view! { <Stewardship renewal=r plan record/> })}
            {move || renewal.get().map(|r| heading(r, plans, close))}
            <WhoIsWorking user user_input/>
            <BoundFrom renewal selected message/>
            <BeforeTrackingNote renewal plan who=who_cb change/>
            <Milestones renewal plan record seen_tick who=who_cb change/>
            <AccountLeadTime renewal/>
            <RecordText label="Internal notes (for the team; never printed for the client)" testid="renewal-notes" save_testid="renewal-save-notes" take_testid="renewal-notes-take"
                saved="Notes saved." read=|r: &RenewalRecord| r.notes.clone() write=RenewalRecord::set_notes record change message/>
            <RecordText label="Claims review (printed in the stewardship report)" testid="renewal-claims-review" save_testid="renewal-save-claims-review" take_testid="renewal-claims-review-take"
                saved="Claims review saved." read=|r: &RenewalRecord| r.claims_review.clone() write=RenewalRecord::set_claims_review record change message/>
            <OutcomeActions renewal selected message who=who_cb close/>
            <div class="actions">
            </div>
        </section>
    }
}

/// Printing the stewardship report, and recording the renewal bound or
/// lost.
#[component]
fn OutcomeActions(
    renewal: Memo<Option<Renewal>>,
    selected: RwSignal<Option<String>>,
    message: RwSignal<Message>,
    who: Callback<(), Option<String>>,
    close: Callback<()>,
) -> impl IntoView {
    // The bind form is open.
    let binding = RwSignal::new(false);
    view! {
        <div class="actions">
            <button type="button" class="secondary" data-testid="stewardship-print" on:click=move |_| print_with_class("print-stewardship")>"Print stewardship report"</button>
            <button type="button" data-testid="renewal-bind" aria-expanded=move || binding.get().to_string() on:click=move |_| binding.update(|b| *b = !*b)>"Renewal bound…"</button>
        </div>
        {move || (binding.get()).then(|| renewal.get()).flatten().map(|r| view! {
            <BindForm renewal=r who message
                on_bound=Callback::new(move |(_, next): (String, String)| {
                    binding.set(false);
                    selected.set((!next.is_empty()).then_some(next));
                })
                on_cancel=Callback::new(move |_| binding.set(false))/>
        })}
        {move || renewal.get().map(|r| view! {
            <LostForm renewal=r who message on_lost=close/>
        })}
    }
}

/// The panel's heading: the renewal, its term and lead time, and the plan
/// it follows. Drawn inside the panel's reactive block, so it follows the
/// plans as they change.
fn heading(r: Renewal, plans: ReadSignal<PlanSet>, close: Callback<()>) -> impl IntoView {
    view! {
        <div class="page-head">
            <h2>{format!("{} — renews {} ({})", r.client_name, r.expiration.format("%b %-d, %Y"), if r.days < 0 { format!("expired {} days ago", -r.days) } else { format!("in {} days", r.days) })}</h2>
            <button type="button" class="secondary" on:click=move |_| close.run(())>"Close"</button>
        </div>
        <p class="hint">{format!("Policies {} · term {} to {} · lead time {} days", if r.policy_numbers.is_empty() { "without numbers".to_string() } else { r.policy_numbers.join(", ") }, r.effective, r.expiration, r.lead_days)}</p>
        <p class="plan-choice" data-testid="plan-choice" data-plan=r.plan.clone()>
            <strong>{plans.with(|ps| format!("Plan: {}. ", ps.plan(&r.plan).name))}</strong>{r.plan_reason.clone()}" Plans are assigned by department and tier in “Edit the Client Service Plans”."
        </p>
    }
}

/// The name recorded with each tick: the signed-in person's when the
/// workspace syncs, else one typed here and remembered by the browser.
#[component]
fn WhoIsWorking(user: RwSignal<String>, user_input: NodeRef<leptos::html::Input>) -> impl IntoView {
    let state = use_app();
    view! {
        <Show when=move || state.signed_in().is_some() fallback=move || view! { <AskWhoIsWorking user user_input/> }>
            <p class="field inline" data-testid="signed-in-as">
                "Recorded with each tick: " <strong>{move || state.signed_in().unwrap_or_default()}</strong> " (signed in to team sync)"
            </p>
        </Show>
    }
}

/// The name typed by whoever works in a workspace that does not sync.
#[component]
fn AskWhoIsWorking(user: RwSignal<String>, user_input: NodeRef<leptos::html::Input>) -> impl IntoView {
    let state = use_app();
    view! {
        <label class="field inline">
            <span>"Who is working (recorded with each tick)"</span>
            <input type="text" list="renewal-staff" node_ref=user_input data-testid="renewal-user" placeholder="Your name" prop:value=move || user.get() on:change=move |ev| {
                let v = event_target_value(&ev);
                Remembered::RenewalUser.set(&v);
                user.set(v);
            }/>
            <datalist id="renewal-staff">
                {move || state.profile.with(|p| p.staff.iter().map(|m| view! { <option value=m.name.clone()>{m.role.label()}</option> }).collect_view())}
            </datalist>
        </label>
    }
}

/// The earlier terms this one was bound from, each with a way to undo that
/// binding.
#[component]
fn BoundFrom(
    renewal: Memo<Option<Renewal>>,
    selected: RwSignal<Option<String>>,
    message: RwSignal<Message>,
) -> impl IntoView {
    let state = use_app();
    move || {
        let behind = renewal.with(|r| {
            r.as_ref()
                .map(|r| {
                    state.book.with(|b| {
                        state.renewals.with(|m| {
                            crate::domain::renewals::lifecycle::binds_behind(
                                b.index().policies(&r.account_id),
                                &r.account_id,
                                r.expiration,
                                m,
                            )
                        })
                    })
                })
                .unwrap_or_default()
        });
        behind.into_iter().map(|id| {
            let ended = state.renewals.with(|m| m.get(&id).map(|x| x.expiration.format("%b %-d, %Y").to_string()).unwrap_or_default());
            view! {
                <p class="hint">
                    {format!("This term was bound from the term that ended {ended}. ")}
                    <button type="button" class="secondary" data-testid="bind-undo" data-renewal=id.clone() on:click=move |_| {
                        let back = id.clone();
                        outcome::undo_outcome(state, id.clone(), message, "Binding undone: the policies are back on their expiring terms.", move || selected.set(Some(back)));
                    }>"Undo binding"</button>
                </p>
            }
        }).collect_view()
    }
}

/// For a renewal with items due before tracking began: a note, and a way to
/// mark those items done.
#[component]
fn BeforeTrackingNote<C>(
    renewal: Memo<Option<Renewal>>,
    plan: Memo<ServicePlan>,
    who: Callback<(), Option<String>>,
    change: C,
) -> impl IntoView
where
    C: Fn(RecordChange, &'static str, AfterChange) + Copy + Send + Sync + 'static,
{
    let state = use_app();
    move || {
        renewal.get().filter(|r| r.before_tracking > 0).map(|r| {
        let term = (r.effective, r.expiration);
        view! {
            <p class="hint before-tracking-note">
                {format!("{} items were due before tracking began ({}): they are greyed and count neither as done nor overdue. ", r.before_tracking, state.tracking.get().map(|d| d.format("%b %-d, %Y").to_string()).unwrap_or_default())}
                <button type="button" class="secondary" data-testid="renewal-mark-earlier" on:click=move |_| {
                    let Some(by) = who.run(()) else { return };
                    let on = state.as_of.get_untracked().today;
                    let tracking = state.tracking.get_untracked();
                    let plan = plan.get_untracked();
                    change(Box::new(move |rec| {
                        rec.mark_before_tracking(&plan, term, tracking, &by, on);
                        Ok(())
                    }), "The milestones due before tracking began are marked done.", Box::new(|_| ()));
                }>"Mark earlier milestones done"</button>
            </p>
        }
    })
    }
}

/// The lead time of this renewal's account, saved with the lead times.
#[component]
fn AccountLeadTime(renewal: Memo<Option<Renewal>>) -> impl IntoView {
    let state = use_app();
    // Outside the lead-time form, which is drawn again once its save lands.
    let lead_message = RwSignal::new(None::<Outcome>);
    move || {
        renewal.get().map(|r| {
        let account_id = r.account_id.clone();
        let department = r.department.clone();
        let lead = RwSignal::new(r.lead_days.to_string());
        view! {
            <div class="inline-form">
                <label>"Lead time for this account "
                    <input type="number" min="0" max="365" size="4" data-testid="account-lead-days" prop:value=move || lead.get() on:input=move |ev| lead.set(event_target_value(&ev))/>
                    " days"
                </label>
                <button type="button" class="secondary" data-testid="account-lead-save" on:click=move |_| {
                    let (id, department) = (account_id.clone(), department.clone());
                    take(whole_number(&lead.get_untracked(), "The lead time for this account", 0, 365), lead_message, |n| {
                        state.update_setting(RENEWAL_LEADS, move |l: &mut LeadTimes| l.set_account(&id, &department, n), lead_message, "Lead time saved for this account.")
                    });
                }>"Save"</button>
            </div>
            <FormMessage message=lead_message/>
        }
    })
    }
}

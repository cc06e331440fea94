//! Renewals: the countdown board, a renewal's plan with its checklist, and
//! the milestones export.

use super::state::{AppState, now_stamp, use_app};
use super::widgets::{EmptyState, files, take};
use crate::domain::book::Department;
use crate::domain::entry::whole_number;
use crate::domain::money::format_money;
use crate::domain::profitability::analysis::TierLabeller;
use crate::domain::renewals::board::{
    Bucket, Filter, ItemState, LeadTimes, Renewal, RenewalRecord, Tick, View, before_tracking, renewals,
};
use crate::domain::renewals::export::{CalendarScope, milestones_csv, milestones_ics};
use crate::domain::renewals::plan::ServicePlan;
use crate::domain::renewals::plans::PlanSet;
use crate::storage::renewals as store;
use crate::storage::settings::RENEWAL_LEADS;
use leptos::prelude::*;
use leptos::task::spawn_local;

mod lost;
mod outcome;
mod tracking;

pub use tracking::TrackingStart;

/// Cards shown per column before "more"; the count always covers them all.
const CARDS_PER_COLUMN: usize = 40;
/// A click this soon after another tab changed the panel's record is
/// judged against what the panel showed before that change.
const RECENT_CHANGE_MS: f64 = 1_000.0;
/// The browser remembers who is ticking items off.
const USER_KEY: &str = "agency-desk-user";

/// Every open renewal of the workspace on the as-of date (reactive: call
/// inside a memo).
pub(super) fn current_renewals(state: AppState) -> Vec<Renewal> {
    let as_of = state.as_of.get().date;
    let tracking = state.tracking.get();
    let tiers = state.profit.with(TierLabeller::new);
    let tier_of = |d: &Department, revenue, monoline_es| tiers.label(d, revenue, monoline_es);
    state.leads.with(|leads| {
        state.renewals.with(|records| {
            state.book.with(|b| state.plans.with(|p| renewals(b, (p, &tier_of), records, leads, as_of, tracking)))
        })
    })
}

fn stored_user() -> String {
    window().local_storage().ok().flatten().and_then(|s| s.get_item(USER_KEY).ok().flatten()).unwrap_or_default()
}

/// A change to a renewal's stored record, which may refuse with a reason.
type RecordChange = Box<dyn FnOnce(&mut RenewalRecord) -> Result<(), String>>;
/// What the panel does once a change is stored (Ok) or refused (Err).
type AfterChange = Box<dyn FnOnce(Result<&RenewalRecord, ()>)>;

#[component]
pub fn RenewalsPage() -> impl IntoView {
    let state = use_app();
    let has_renewals =
        move || state.book.with(|b| b.policies.iter().any(|p| p.expiration.is_some() && p.status.is_live()));
    view! {
        <Show
            when=has_renewals
            fallback=|| view! {
                <EmptyState title="Renewal countdown">
                    <p>"The board counts every upcoming renewal down to its expiration date, in columns from expired to beyond 180 days, with the Client Service Plan milestones due for each one, who owns them and what is done. Renewals should start at least 120 days before expiration (150 to 180 for larger commercial accounts)."</p>
                    <p>"It needs policies with expiration dates, and there are none in this workspace yet."</p>
                </EmptyState>
            }
        >
            <Board/>
        </Show>
    }
}

#[component]
fn Board() -> impl IntoView {
    let state = use_app();
    let plan = state.plans;
    let all = Memo::new(move |_| current_renewals(state));
    let route = state.route.get_untracked();
    let view_kind = RwSignal::new(View::from_param(route.param("view")));
    let dept = RwSignal::new(route.param("dept").unwrap_or_default().to_string());
    let owner = RwSignal::new(String::new());
    let tier = RwSignal::new(String::new());
    let carrier = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let selected = RwSignal::new(None::<String>);
    // Outcome of the last save in a renewal's panel; kept when the panel
    // switches to the next term or closes.
    let detail_message = RwSignal::new(None::<(bool, String)>);
    let filter = Memo::new(move |_| Filter {
        department: dept.with(|d| (!d.is_empty()).then(|| Department::parse(d).unwrap_or(Department::Cl))),
        owner: owner.get(),
        tier: tier.get(),
        carrier: carrier.get(),
        text: crate::domain::search::fold(text.get().trim()),
    });
    // Positions in `all` of the renewals that pass the filters and view.
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let v = view_kind.get();
        all.with(|list| {
            list.iter().enumerate().filter(|(_, r)| v.keeps(r) && f.matches(r)).map(|(i, _)| i).collect::<Vec<_>>()
        })
    });
    let choices = Memo::new(move |_| {
        all.with(|list| {
            let mut owners: Vec<String> =
                list.iter().flat_map(|r| [r.owner.clone(), r.producer.clone()]).filter(|s| !s.is_empty()).collect();
            owners.sort();
            owners.dedup();
            let mut carriers: Vec<String> = list.iter().flat_map(|r| r.carriers.iter().cloned()).collect();
            carriers.sort_by_key(|c| c.to_lowercase());
            carriers.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
            let mut tiers: Vec<String> = list.iter().map(|r| r.tier.clone()).collect();
            tiers.sort();
            tiers.dedup();
            (owners, carriers, tiers)
        })
    });
    let export = move |_| {
        let text = all.with_untracked(|list| {
            shown.with_untracked(|idx| {
                let refs: Vec<&Renewal> = idx.iter().map(|&i| &list[i]).collect();
                state.renewals.with_untracked(|records| plan.with(|p| milestones_csv(&refs, p, records)))
            })
        });
        if let Err(e) = files::download(
            &format!("agency-desk-milestones-{}.csv", state.as_of.get_untracked().iso()),
            "text/csv",
            &text,
        ) {
            state.error(e);
        }
    };
    // Whose milestones the calendar holds (empty: everyone's).
    let ics_person = RwSignal::new(String::new());
    let people = Memo::new(move |_| {
        all.with(|list| {
            shown.with(|idx| {
                let refs: Vec<&Renewal> = idx.iter().map(|&i| &list[i]).collect();
                state.book.with(|b| crate::domain::renewals::export::people(&refs, b))
            })
        })
    });
    let export_ics = move |_| {
        // RFC 5545 time stamp from the ISO one: 20261122T100000Z.
        let stamp: String =
            now_stamp().chars().filter(|c| c.is_ascii_digit() || *c == 'T').take(15).collect::<String>() + "Z";
        let text = all.with_untracked(|list| {
            shown.with_untracked(|idx| {
                let refs: Vec<&Renewal> = idx.iter().map(|&i| &list[i]).collect();
                let person = ics_person.get_untracked();
                let scope = CalendarScope {
                    from: state.as_of.get_untracked().date,
                    person: (!person.is_empty()).then_some(person.as_str()),
                };
                state.book.with_untracked(|b| {
                    state.renewals.with_untracked(|records| {
                        plan.with_untracked(|p| milestones_ics(&refs, p, records, b, &scope, &stamp))
                    })
                })
            })
        });
        if let Err(e) = files::download(
            &format!("agency-desk-milestones-{}.ics", state.as_of.get_untracked().iso()),
            "text/calendar",
            &text,
        ) {
            state.error(e);
        }
    };
    let select = |label: &'static str, testid: &'static str, signal: RwSignal<String>, options: Signal<Vec<String>>| {
        view! {
            <label class="field">
                <span>{label}</span>
                <select data-testid=testid on:change=move |ev| signal.set(event_target_value(&ev))>
                    <option value="" selected=move || signal.with(String::is_empty)>"All"</option>
                    {move || options.get().into_iter().map(|o| {
                        let value = o.clone();
                        let attr = o.clone();
                        view! { <option value=attr selected=move || signal.with(|s| *s == value)>{o}</option> }
                    }).collect_view()}
                </select>
            </label>
        }
    };
    let departments =
        Signal::derive(move || state.profile.with(|p| p.departments.iter().map(|d| d.code().to_string()).collect()));
    let view_button = move |v: View, label: &'static str, testid: &'static str| {
        view! {
            <button type="button" class="chip" data-testid=testid aria-pressed=move || (view_kind.get() == v).to_string()
                on:click=move |_| view_kind.set(if view_kind.get_untracked() == v { View::All } else { v })>{label}</button>
        }
    };
    view! {
        <section class="page renewals">
            <div class="page-head">
                <h1>"Renewal countdown"</h1>
                <p class="count" data-testid="renewal-total">{move || format!("{} renewals", shown.with(Vec::len))}</p>
                <div class="actions no-print">
                    <button type="button" class="secondary" data-testid="export-milestones" on:click=export>"Export milestones (CSV)"</button>
                    <label class="field inline">
                        <span>"Calendar for"</span>
                        <select data-testid="export-ics-person" on:change=move |ev| ics_person.set(event_target_value(&ev))>
                            <option value="">"Everyone"</option>
                            {move || people.get().into_iter().map(|p| view! { <option value=p.clone() selected=move || ics_person.with(|x| *x == p)>{p.clone()}</option> }).collect_view()}
                        </select>
                    </label>
                    <button type="button" class="secondary" data-testid="export-milestones-ics" on:click=export_ics title="Open milestones due from the as-of date on, with the people who own them">"Calendar (.ics)"</button>
                </div>
            </div>
            <p class="hint">"Counted from the as-of date. Milestones follow the Client Service Plan each account's department and revenue tier is assigned (the full plan, or the light plan for small accounts): after binding from the effective date, before renewal back from the expiration date. A renewal should start by its lead time (commercial lines 150 days, others 120)."</p>
            <div class="filters no-print">
                {select("Department", "renewal-filter-department", dept, departments)}
                {select("Owner", "renewal-filter-owner", owner, Signal::derive(move || choices.with(|c| c.0.clone())))}
                {select("Tier", "renewal-filter-tier", tier, Signal::derive(move || choices.with(|c| c.2.clone())))}
                {select("Carrier", "renewal-filter-carrier", carrier, Signal::derive(move || choices.with(|c| c.1.clone())))}
                <label class="field">
                    <span>"Client or policy"</span>
                    <input type="search" data-testid="renewal-filter-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                </label>
            </div>
            <div class="chips no-print">
                {view_button(View::Overdue, "Overdue milestones", "view-overdue")}
                {view_button(View::NotStarted, "Past lead time, nothing done", "view-not-started")}
                {view_button(View::ExpiredNotBound, "Expired, not bound", "view-expired")}
            </div>
            <TrackingStart/>
            <super::widgets::FormMessage message=detail_message testid="renewal-message"/>
            {move || selected.get().map(|id| view! { <RenewalDetail id all plans=plan selected message=detail_message/> })}
            <div class="board">
                {Bucket::ALL.into_iter().map(|bucket| {
                    let in_column = Memo::new(move |_| all.with(|list| shown.with(|idx| idx.iter().copied().filter(|&i| list[i].bucket == bucket).collect::<Vec<_>>())));
                    view! {
                        <section class="renewal-column" data-testid="renewal-column" data-bucket=bucket.code()>
                            <h2>{bucket.label()}" "<span class="column-count" data-testid="renewal-column-count">{move || in_column.with(Vec::len)}</span></h2>
                            {move || all.with(|list| in_column.with(|idx| {
                                idx.iter().take(CARDS_PER_COLUMN).map(|&i| {
                                let r = &list[i];
                                let id = r.id.clone();
                                let tier = r.tier.clone();
                                let overdue = r.overdue > 0;
                                let next = match &r.next {
                                    Some((t, d)) => format!("{t} — due {}", d.format("%b %-d")),
                                    None if r.before_tracking > 0 => "Every milestone left was due before tracking".into(),
                                    None => "Every milestone done".into(),
                                };
                                view! {
                                    <button type="button" class="renewal-card" data-testid="renewal-card" data-account=r.client_name.clone() data-renewal=r.id.clone()
                                        class:overdue=overdue class:not-started=r.not_started
                                        on:click=move |_| selected.set(Some(id.clone()))>
                                        <strong class="client">{r.client_name.clone()}</strong>
                                        <span class="meta">{format!("{} · {} · {}", r.department.code(), tier, format_money(r.revenue))}</span>
                                        <span class="countdown" data-testid="renewal-days">{if r.days < 0 { format!("expired {} days ago", -r.days) } else { format!("{} days", r.days) }}</span>
                                        <span class="next">{next}</span>
                                        <span class="progress">{format!("{}/{} done", r.done, r.total)}{(!r.owner.is_empty()).then(|| format!(" · {}", r.owner))}</span>
                                        {(r.before_tracking > 0).then(|| view! { <span class="before-tracking" data-testid="renewal-before-tracking">{format!("{} before tracking", r.before_tracking)}</span> })}
                                        {(r.overdue > 0).then(|| view! { <span class="flag" data-testid="flag-overdue">{format!("{} overdue", r.overdue)}</span> })}
                                        {r.not_started.then(|| view! { <span class="flag" data-testid="flag-not-started">{format!("not started, lead time {} days", r.lead_days)}</span> })}
                                    </button>
                                }
                            }).collect_view()}))}
                            {move || in_column.with(|idx| (idx.len() > CARDS_PER_COLUMN).then(|| view! { <p class="hint">{format!("{} more: narrow the filters to see them.", idx.len() - CARDS_PER_COLUMN)}</p> }))}
                        </section>
                    }
                }).collect_view()}
            </div>
            <Workload all shown plan/>
            <ExpirationList all shown/>
            <lost::LostList/>
            <LeadTimeSettings/>
            <super::renewals_plan::PlanEditor/>
        </section>
    }
}

/// One renewal: its milestones with due dates, the checklist, notes and outcome.
#[component]
fn RenewalDetail(
    id: String,
    all: Memo<Vec<Renewal>>,
    plans: RwSignal<PlanSet>,
    selected: RwSignal<Option<String>>,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let state = use_app();
    let user = RwSignal::new(stored_user());
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
    // The bind form is open.
    let binding = RwSignal::new(false);
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
    // Outside the lead-time form, which is drawn again once its save lands.
    let lead_message = RwSignal::new(None::<(bool, String)>);

    // Changes the stored record with `change` (which may refuse) and shows
    // the record as saved, with another tab's changes to other items kept.
    let change = move |change: RecordChange, done: &'static str, after: AfterChange| {
        let Some(r) = renewal.get_untracked() else { return };
        spawn_local(async move {
            let stamp = now_stamp();
            let result = match state.db() {
                Ok(db) => store::change_record(&db, (&r.id, &r.account_id, r.expiration), &stamp, change).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(saved) => {
                    message.set(Some((false, done.to_string())));
                    after(Ok(&saved));
                    own_save.set_value(true);
                    state.renewals.update(|m| {
                        m.insert(saved.id.clone(), saved);
                    });
                    state.saved_locally(&stamp);
                }
                Err(e) => {
                    message.set(Some((true, e.to_string())));
                    state.reload().await;
                    after(Err(()));
                }
            }
        });
    };
    let user_input = NodeRef::<leptos::html::Input>::new();
    // Who is working: asked for before anything is recorded in their name.
    let who = move || -> Option<String> {
        let name = user.get_untracked().trim().to_string();
        if name.is_empty() {
            message.set(Some((true, "Nothing was recorded: say who is working first (“Who is working” above). Every tick, binding and loss is recorded with that name.".into())));
            if let Some(el) = user_input.get_untracked() {
                let _ = el.focus();
            }
            None
        } else {
            Some(name)
        }
    };
    let who_cb = Callback::new(move |_: ()| who());
    let close = move |_| close_panel();
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
            {move || renewal.get().map(|r| view! {
                <div class="page-head">
                    <h2>{format!("{} — renews {} ({})", r.client_name, r.expiration.format("%b %-d, %Y"), if r.days < 0 { format!("expired {} days ago", -r.days) } else { format!("in {} days", r.days) })}</h2>
                    <button type="button" class="secondary" on:click=close>"Close"</button>
                </div>
                <p class="hint">{format!("Policies {} · term {} to {} · lead time {} days", if r.policy_numbers.is_empty() { "without numbers".to_string() } else { r.policy_numbers.join(", ") }, r.effective, r.expiration, r.lead_days)}</p>
                <p class="plan-choice" data-testid="plan-choice" data-plan=r.plan.clone()>
                    <strong>{plans.with(|ps| format!("Plan: {}. ", ps.plan(&r.plan).name))}</strong>{r.plan_reason.clone()}" Plans are assigned by department and tier in “Edit the Client Service Plans”."
                </p>
            })}
            <label class="field inline">
                <span>"Who is working (recorded with each tick)"</span>
                <input type="text" list="renewal-staff" node_ref=user_input data-testid="renewal-user" placeholder="Your name" prop:value=move || user.get() on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Ok(Some(s)) = window().local_storage() { let _ = s.set_item(USER_KEY, v.trim()); }
                    user.set(v);
                }/>
                <datalist id="renewal-staff">
                    {move || state.profile.with(|p| p.staff.iter().map(|m| view! { <option value=m.name.clone()>{m.role.label()}</option> }).collect_view())}
                </datalist>
            </label>
            {move || {
                let behind = renewal.with(|r| r.as_ref().map(|r| state.book.with(|b| state.renewals.with(|m| {
                    crate::domain::renewals::lifecycle::binds_behind(b.index().policies(&r.account_id), &r.account_id, r.expiration, m)
                }))).unwrap_or_default());
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
            }}
            {move || renewal.get().filter(|r| r.before_tracking > 0).map(|r| {
                let term = (r.effective, r.expiration);
                view! {
                    <p class="hint before-tracking-note">
                        {format!("{} items were due before tracking began ({}): they are greyed and count neither as done nor overdue. ", r.before_tracking, state.tracking.get().map(|d| d.format("%b %-d, %Y").to_string()).unwrap_or_default())}
                        <button type="button" class="secondary" data-testid="renewal-mark-earlier" on:click=move |_| {
                            let Some(by) = who() else { return };
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
            })}
            {move || renewal.get().map(|r| {
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
                                    let done = tick.is_some();
                                    let late = ItemState::of(done, due, as_of, tracking) == ItemState::Overdue;
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
                                                        let Some(by) = who() else {
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
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                }).collect_view())
            })}
            {move || renewal.get().map(|r| {
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
                    <super::widgets::FormMessage message=lead_message/>
                }
            })}
            <RecordText label="Internal notes (for the team; never printed for the client)" testid="renewal-notes" save_testid="renewal-save-notes" take_testid="renewal-notes-take"
                saved="Notes saved." read=|r: &RenewalRecord| r.notes.clone() write=RenewalRecord::set_notes record change message/>
            <RecordText label="Claims review (printed in the stewardship report)" testid="renewal-claims-review" save_testid="renewal-save-claims-review" take_testid="renewal-claims-review-take"
                saved="Claims review saved." read=|r: &RenewalRecord| r.claims_review.clone() write=RenewalRecord::set_claims_review record change message/>
            <div class="actions">
                <button type="button" class="secondary" data-testid="stewardship-print" on:click=move |_| print_with_class("print-stewardship")>"Print stewardship report"</button>
                <button type="button" data-testid="renewal-bind" aria-expanded=move || binding.get().to_string() on:click=move |_| binding.update(|b| *b = !*b)>"Renewal bound…"</button>
            </div>
            {move || (binding.get()).then(|| renewal.get()).flatten().map(|r| view! {
                <outcome::BindForm renewal=r who=who_cb message
                    on_bound=Callback::new(move |(_, next): (String, String)| {
                        binding.set(false);
                        selected.set((!next.is_empty()).then_some(next));
                    })
                    on_cancel=Callback::new(move |_| binding.set(false))/>
            })}
            {move || renewal.get().map(|r| view! {
                <outcome::LostForm renewal=r who=who_cb message on_lost=Callback::new(move |_| close_panel())/>
            })}
            <div class="actions">
            </div>
        </section>
    }
}

/// One text of a renewal's record (internal notes, claims review), edited in
/// a box and saved against the stored text: while nothing is typed the box
/// follows saves from other tabs; a save begun from an older text is
/// refused, and the newer text is offered.
#[component]
fn RecordText<C>(
    label: &'static str,
    testid: &'static str,
    save_testid: &'static str,
    take_testid: &'static str,
    saved: &'static str,
    read: fn(&RenewalRecord) -> String,
    write: fn(&mut RenewalRecord, &str, &str) -> Result<(), String>,
    record: Memo<Option<RenewalRecord>>,
    change: C,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView
where
    C: Fn(RecordChange, &'static str, AfterChange) + Copy + 'static,
{
    let stored = move || record.with_untracked(|r| r.as_ref().map(read).unwrap_or_default());
    let text = RwSignal::new(stored());
    // The stored text the box was begun from.
    let base = RwSignal::new(stored());
    // A newer text from another tab, offered after a refused save.
    let newer = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let now = record.with(|r| r.as_ref().map(read).unwrap_or_default());
        if text.get_untracked() == base.get_untracked() {
            text.set(now.clone());
            base.set(now);
        }
    });
    let save = move |_| {
        let (typed, from) = (text.get_untracked(), base.get_untracked());
        newer.set(None);
        change(
            Box::new(move |rec| write(rec, &typed, &from)),
            saved,
            Box::new(move |result| match result {
                Ok(r) => base.set(read(r)),
                Err(()) => {
                    // Saving again replaces the newer text on purpose.
                    let now = stored();
                    if now != base.get_untracked() {
                        base.set(now.clone());
                        newer.set(Some(now));
                    }
                }
            }),
        );
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <textarea rows="3" data-testid=testid prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
        </label>
        <div class="actions">
            <button type="button" class="secondary" data-testid=save_testid on:click=save>"Save"</button>
            {move || newer.get().map(|t| view! {
                <button type="button" class="secondary" data-testid=take_testid on:click=move |_| {
                    text.set(t.clone());
                    base.set(t.clone());
                    newer.set(None);
                    message.set(None);
                }>"Take the newer text"</button>
            })}
        </div>
    }
}

/// Open plan items due per person per week, for the renewals on the board.
#[component]
fn Workload(all: Memo<Vec<Renewal>>, shown: Memo<Vec<usize>>, plan: RwSignal<PlanSet>) -> impl IntoView {
    use crate::domain::renewals::workload::{WEEKS, workload};
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
                            {(0..WEEKS).map(|w| view! { <th class="num">{as_of.checked_add_days(chrono::Days::new(7 * w as u64)).map(|d| d.format("%b %-d").to_string()).unwrap_or_default()}</th> }).collect_view()}
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

/// The printable expiration ("X") list for a date range.
#[component]
fn ExpirationList(all: Memo<Vec<Renewal>>, shown: Memo<Vec<usize>>) -> impl IntoView {
    let state = use_app();
    let today = state.as_of.get_untracked().date;
    let from = RwSignal::new(today.to_string());
    let to = RwSignal::new(today.checked_add_days(chrono::Days::new(90)).unwrap_or(today).to_string());
    let range = move || {
        let parse = |s: String| chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok();
        (parse(from.get()), parse(to.get()))
    };
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
                (Some(a), Some(b)) if a <= b => {
                    let rows: Vec<Renewal> = all.with(|list| shown.with(|idx| idx.iter().map(|&i| &list[i]).filter(|r| r.expiration >= a && r.expiration <= b).cloned().collect()));
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

/// Lead times per department (days before expiration a renewal should start).
#[component]
fn LeadTimeSettings() -> impl IntoView {
    let state = use_app();
    let message = RwSignal::new(None::<(bool, String)>);
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
            <super::widgets::FormMessage message testid="lead-times-message"/>
        </details>
    }
}

/// Prints with `class` on `<body>`, which the print stylesheet uses to show
/// one part of the page only.
fn print_with_class(class: &str) {
    let body = document().body();
    if let Some(b) = &body {
        let _ = b.class_list().add_1(class);
    }
    let _ = window().print();
    if let Some(b) = &body {
        let _ = b.class_list().remove_1(class);
    }
}

/// The stewardship report outline of a renewal (shown in print only): the
/// service team, policies and premiums, services delivered against the plan,
/// and the claims review with the renewal's notes.
#[component]
fn Stewardship(renewal: Renewal, plan: Memo<ServicePlan>, record: Memo<Option<RenewalRecord>>) -> impl IntoView {
    use crate::domain::renewals::plan::Role;
    let state = use_app();
    let r = renewal;
    let (account, policies) = state.book.with_untracked(|b| {
        let index = b.index();
        let account = index.account(&r.account_id).cloned();
        let mut policies: Vec<crate::domain::book::Policy> =
            index.policies(&r.account_id).iter().map(|p| (*p).clone()).collect();
        policies.sort_by(|a, b| (a.expiration, &a.policy_number).cmp(&(b.expiration, &b.policy_number)));
        (account, policies)
    });
    let team: Vec<(String, String)> = account
        .map(|a| {
            [
                ("Producer", a.producer),
                ("Account executive (client manager)", a.client_manager),
                ("Client advocate", a.client_advocate),
            ]
            .into_iter()
            .filter(|(_, n)| !n.trim().is_empty())
            .map(|(role, n)| (role.to_string(), n))
            .collect()
        })
        .unwrap_or_default();
    view! {
        <div class="stewardship" data-testid="stewardship-report">
            <h1>{format!("Stewardship report — {}", r.client_name)}</h1>
            <p>{format!("Renewal {} · prepared by {} · as of {}", r.expiration.format("%B %-d, %Y"), state.workspace_name.get_untracked(), state.as_of.get_untracked().iso())}</p>
            <h2>"Your service team"</h2>
            <ul>
                {team.into_iter().map(|(role, name)| view! { <li>{format!("{role}: {name}")}</li> }).collect_view()}
                <li>{format!("Also serving the account: {}", [Role::Claims, Role::Marketing, Role::LossControl, Role::ClientServices].map(|x| x.label()).join(", "))}</li>
            </ul>
            <h2>"Policies: expiring and renewal"</h2>
            <table class="print-table" data-testid="stewardship-policies">
                <thead><tr><th>"Policy"</th><th>"Line"</th><th>"Carrier"</th><th>"Term"</th><th class="num">"Expiring premium"</th><th class="num">"Renewal premium"</th><th class="num">"Expiring commission"</th><th class="num">"Renewal commission"</th></tr></thead>
                <tbody>
                    {policies.into_iter().map(|p| {
                        let ((old_premium, old_commission), renewal) = crate::domain::book::term::expiring_and_renewal(&p);
                        let renewal_text = |pick: fn((i64, i64)) -> i64| renewal.map(|r| format_money(pick(r))).unwrap_or_else(|| "not yet bound".into());
                        view! {
                            <tr><td>{p.policy_number.clone()}</td><td>{p.line_of_business.clone()}</td><td>{p.carrier.clone()}</td>
                                <td>{format!("{} to {}", p.effective.map(|d| d.to_string()).unwrap_or_default(), p.expiration.map(|d| d.to_string()).unwrap_or_default())}</td>
                                <td class="num">{format_money(old_premium)}</td><td class="num">{renewal_text(|r| r.0)}</td>
                                <td class="num">{format_money(old_commission)}</td><td class="num">{renewal_text(|r| r.1)}</td></tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h2>"Services delivered against the plan"</h2>
            {move || plan.with(|p| record.with(|rec| p.milestones.iter().map(|m| {
                let done: Vec<String> = m.items.iter().filter_map(|i| rec.as_ref().and_then(|x| x.tick(&i.id)).map(|t| {
                    // Ticks saved by earlier versions before a name was given say "someone".
                    let by = if t.by.trim().is_empty() || t.by == "someone" { String::new() } else { format!(" ({})", t.by) };
                    format!("{} — {}{by}", i.text, t.on.format("%b %-d, %Y"))
                })).collect();
                view! {
                    <h3>{m.title.clone()}</h3>
                    {if done.is_empty() {
                        view! { <p>"Nothing recorded yet."</p> }.into_any()
                    } else {
                        view! { <ul>{done.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul> }.into_any()
                    }}
                }
            }).collect_view()))}
            <h2>"Claims review"</h2>
            <p>{move || record.with(|rec| rec.as_ref().map(|x| x.claims_review.clone()).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| "No claims review recorded for this renewal.".into()))}</p>
        </div>
    }
}

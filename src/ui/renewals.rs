//! Renewals: the countdown board, a renewal's plan with its checklist, and
//! the milestones export.

use super::state::{now_stamp, use_app, AppState};
use super::widgets::{files, take, EmptyState};
use crate::domain::book::Department;
use crate::domain::money::format_money;
use crate::domain::profitability::tiers::TierSet;
use crate::domain::entry::whole_number;
use crate::domain::renewals::board::{next_term, renewal_id, renewals, Bucket, Filter, LeadTimes, Outcome, Renewal, RenewalRecord, Tick};
use crate::domain::renewals::export::{milestones_csv, milestones_ics};
use crate::domain::renewals::plan::ServicePlan;
use crate::storage::renewals as store;
use crate::storage::settings::RENEWAL_LEADS;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Cards shown per column before "more"; the count always covers them all.
const CARDS_PER_COLUMN: usize = 40;
/// A click this soon after another tab changed the panel's record is
/// judged against what the panel showed before that change.
const RECENT_CHANGE_MS: f64 = 1_000.0;
/// The browser remembers who is ticking items off.
const USER_KEY: &str = "agency-desk-user";

/// The exception views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum View {
    All,
    Overdue,
    NotStarted,
    ExpiredNotBound,
}

impl View {
    fn from_param(p: Option<&str>) -> View {
        match p {
            Some("overdue") => View::Overdue,
            Some("not-started") => View::NotStarted,
            Some("expired") => View::ExpiredNotBound,
            _ => View::All,
        }
    }
    fn keeps(self, r: &Renewal) -> bool {
        match self {
            View::All => true,
            View::Overdue => r.overdue > 0,
            View::NotStarted => r.not_started,
            View::ExpiredNotBound => r.bucket == Bucket::Expired,
        }
    }
}

/// Labels renewals with their revenue tier, taking each department's tier
/// set once (not once per renewal: the board labels thousands).
fn tier_labeler(state: AppState) -> impl Fn(&Renewal) -> String {
    let mut sets: Vec<(Department, TierSet)> = Vec::new();
    state.profit.with(|p| {
        for d in state.profile.with(|pr| pr.departments.clone()) {
            sets.push((d.clone(), p.tier_set(&d)));
        }
    });
    let fallback = state.profit.with(|p| p.clone());
    move |r: &Renewal| match sets.iter().find(|(d, _)| *d == r.department) {
        Some((_, set)) => set.label(set.tier_of(r.revenue)),
        None => {
            let set = fallback.tier_set(&r.department);
            set.label(set.tier_of(r.revenue))
        }
    }
}

/// Every open renewal of the workspace on the as-of date (reactive: call
/// inside a memo).
pub(super) fn current_renewals(state: AppState) -> Vec<Renewal> {
    let as_of = state.as_of.get().date;
    state.leads.with(|leads| state.renewals.with(|records| state.book.with(|b| state.plan.with(|p| renewals(b, p, records, leads, as_of)))))
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
    let has_renewals = move || state.book.with(|b| b.policies.iter().any(|p| p.expiration.is_some() && p.status.is_live()));
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
    let plan = state.plan;
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
        text: text.get(),
    });
    // Positions in `all` of the renewals that pass the filters and view.
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let v = view_kind.get();
        let tier_of = tier_labeler(state);
        let needs_tier = !f.tier.is_empty();
        all.with(|list| {
            list.iter()
                .enumerate()
                .filter(|(_, r)| v.keeps(r) && if needs_tier { f.matches(r, &tier_of) } else { f.matches(r, &|_| String::new()) })
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    });
    let choices = Memo::new(move |_| {
        all.with(|list| {
            let mut owners: Vec<String> = list.iter().flat_map(|r| [r.owner.clone(), r.producer.clone()]).filter(|s| !s.is_empty()).collect();
            owners.sort();
            owners.dedup();
            let mut carriers: Vec<String> = list.iter().flat_map(|r| r.carriers.iter().cloned()).collect();
            carriers.sort_by_key(|c| c.to_lowercase());
            carriers.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
            let tier_of = tier_labeler(state);
            let mut tiers: Vec<String> = list.iter().map(&tier_of).collect();
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
        if let Err(e) = files::download(&format!("agency-desk-milestones-{}.csv", state.as_of.get_untracked().iso()), "text/csv", &text) {
            state.error(e);
        }
    };
    let export_ics = move |_| {
        // RFC 5545 time stamp from the ISO one: 20261122T100000Z.
        let stamp: String = now_stamp().chars().filter(|c| c.is_ascii_digit() || *c == 'T').take(15).collect::<String>() + "Z";
        let text = all.with_untracked(|list| {
            shown.with_untracked(|idx| {
                let refs: Vec<&Renewal> = idx.iter().map(|&i| &list[i]).collect();
                state.renewals.with_untracked(|records| plan.with(|p| milestones_ics(&refs, p, records, &stamp)))
            })
        });
        if let Err(e) = files::download(&format!("agency-desk-milestones-{}.ics", state.as_of.get_untracked().iso()), "text/calendar", &text) {
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
    let departments = Signal::derive(move || state.profile.with(|p| p.departments.iter().map(|d| d.code().to_string()).collect()));
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
                    <button type="button" class="secondary" data-testid="export-milestones-ics" on:click=export_ics>"Calendar (.ics)"</button>
                </div>
            </div>
            <p class="hint">"Counted from the as-of date. Milestones follow the Client Service Plan: after binding from the effective date, before renewal back from the expiration date. A renewal should start by its lead time (commercial lines 150 days, others 120)."</p>
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
            <super::widgets::FormMessage message=detail_message testid="renewal-message"/>
            {move || selected.get().map(|id| view! { <RenewalDetail id all plan selected message=detail_message/> })}
            <div class="board">
                {Bucket::ALL.into_iter().map(|bucket| {
                    let in_column = Memo::new(move |_| all.with(|list| shown.with(|idx| idx.iter().copied().filter(|&i| list[i].bucket == bucket).collect::<Vec<_>>())));
                    view! {
                        <section class="renewal-column" data-testid="renewal-column" data-bucket=bucket.code()>
                            <h2>{bucket.label()}" "<span class="column-count" data-testid="renewal-column-count">{move || in_column.with(Vec::len)}</span></h2>
                            {move || all.with(|list| in_column.with(|idx| {
                                let tier_of = tier_labeler(state);
                                idx.iter().take(CARDS_PER_COLUMN).map(|&i| {
                                let r = &list[i];
                                let id = r.id.clone();
                                let tier = tier_of(r);
                                let overdue = r.overdue > 0;
                                let next = r.next.as_ref().map(|(t, d)| format!("{t} — due {}", d.format("%b %-d"))).unwrap_or_else(|| "Every milestone done".into());
                                view! {
                                    <button type="button" class="renewal-card" data-testid="renewal-card" data-account=r.client_name.clone() data-renewal=r.id.clone()
                                        class:overdue=overdue class:not-started=r.not_started
                                        on:click=move |_| selected.set(Some(id.clone()))>
                                        <strong class="client">{r.client_name.clone()}</strong>
                                        <span class="meta">{format!("{} · {} · {}", r.department.code(), tier, format_money(r.revenue))}</span>
                                        <span class="countdown" data-testid="renewal-days">{if r.days < 0 { format!("expired {} days ago", -r.days) } else { format!("{} days", r.days) }}</span>
                                        <span class="next">{next}</span>
                                        <span class="progress">{format!("{}/{} done", r.done, r.total)}{(!r.owner.is_empty()).then(|| format!(" · {}", r.owner))}</span>
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
    plan: RwSignal<ServicePlan>,
    selected: RwSignal<Option<String>>,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let state = use_app();
    let user = RwSignal::new(stored_user());
    let id_for_r = id.clone();
    let renewal = Memo::new(move |_| all.with(|list| list.iter().find(|r| r.id == id_for_r).cloned()));
    let id_for_rec = id.clone();
    let record = Memo::new(move |_| state.renewals.with(|m| m.get(&id_for_rec).cloned()));
    let stored_notes = move || record.with_untracked(|r| r.as_ref().map(|r| r.notes.clone()).unwrap_or_default());
    let notes = RwSignal::new(stored_notes());
    // The stored notes the text in the box was begun from; a save is
    // refused when the stored notes are no longer these.
    let notes_base = RwSignal::new(stored_notes());
    // Newer notes from another tab, offered after a refused save.
    let newer_notes = RwSignal::new(None::<String>);
    // Notes saved elsewhere: follow them while nothing is typed here.
    Effect::new(move |_| {
        let now = record.with(|r| r.as_ref().map(|r| r.notes.clone()).unwrap_or_default());
        if notes.get_untracked() == notes_base.get_untracked() {
            notes.set(now.clone());
            notes_base.set(now);
        }
    });
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
    let reason = RwSignal::new(String::new());
    let panel = NodeRef::<leptos::html::Section>::new();
    let card_id = StoredValue::new(id.clone());
    // Back to the card this panel was opened from.
    let close_panel = move || {
        selected.set(None);
        let selector = format!("[data-testid=renewal-card][data-renewal=\"{}\"]", card_id.get_value().replace('"', "\\\""));
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

    // Applies `change` to this renewal's record (a new one if none) and saves it.
    // `then_show`: after a successful save, the renewal to show instead
    // (Some(None) closes the panel; None keeps this one).
    let save = move |change: Box<dyn FnOnce(&mut RenewalRecord)>, bind: bool, done: &'static str, then_show: Option<Option<String>>| {
        let Some(r) = renewal.get_untracked() else { return };
        let base = record.get_untracked();
        let base_revision = base.as_ref().map(|x| x.revision);
        let mut next = base.unwrap_or_else(|| RenewalRecord::new(&r.account_id, r.expiration));
        change(&mut next);
        next.revision = base_revision.unwrap_or(0) + 1;
        spawn_local(async move {
            let stamp = now_stamp();
            let result = match state.db() {
                Ok(db) if bind => store::bind(&db, &next, base_revision, &stamp).await,
                Ok(db) => store::save_record(&db, &next, base_revision, &stamp).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    message.set(Some((false, done.to_string())));
                    if let Some(next) = then_show {
                        selected.set(next);
                    }
                    if bind {
                        // The policies moved too: read the book again.
                        state.after_write().await;
                    } else {
                        // Only this record changed: no need to re-read the workspace.
                        state.renewals.update(|m| {
                            m.insert(next.id.clone(), next);
                        });
                        state.saved_locally(&stamp);
                    }
                }
                Err(e) => {
                    message.set(Some((true, e.to_string())));
                    state.reload().await;
                }
            }
        });
    };
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
    let who = move || {
        let name = user.get_untracked().trim().to_string();
        if name.is_empty() { "someone".to_string() } else { name }
    };
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
            })}
            <label class="field inline">
                <span>"Your name (recorded with each tick)"</span>
                <input type="text" data-testid="renewal-user" prop:value=move || user.get() on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Ok(Some(s)) = window().local_storage() { let _ = s.set_item(USER_KEY, v.trim()); }
                    user.set(v);
                }/>
            </label>
            {move || renewal.get().map(|r| {
                let as_of = state.as_of.get().date;
                plan.with(|p| p.milestones.iter().map(|m| {
                    let due = m.due(r.effective, r.expiration);
                    let opens = m.opens(r.effective, r.expiration);
                    view! {
                        <section class="milestone" data-testid="milestone" data-milestone=m.key.clone()>
                            <h3>{m.title.clone()}<span class="due">{format!(" — {} to {}", opens.format("%b %-d, %Y"), due.format("%b %-d, %Y"))}</span></h3>
                            <ul class="checklist">
                                {m.items.iter().map(|item| {
                                    let tick = record.with(|rec| rec.as_ref().and_then(|x| x.tick(&item.id).cloned()));
                                    let done = tick.is_some();
                                    let late = !done && due < as_of;
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
                                                        let by = who();
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
                let lead = RwSignal::new(r.lead_days.to_string());
                view! {
                    <div class="inline-form">
                        <label>"Lead time for this account "
                            <input type="number" min="0" max="365" size="4" data-testid="account-lead-days" prop:value=move || lead.get() on:input=move |ev| lead.set(event_target_value(&ev))/>
                            " days"
                        </label>
                        <button type="button" class="secondary" data-testid="account-lead-save" on:click=move |_| {
                            let id = account_id.clone();
                            take(whole_number(&lead.get_untracked(), "The lead time for this account", 0, 365), lead_message, |n| {
                                state.update_setting(RENEWAL_LEADS, move |l: &mut LeadTimes| { l.accounts.insert(id, n); }, lead_message, "Lead time saved for this account.")
                            });
                        }>"Save"</button>
                    </div>
                    <super::widgets::FormMessage message=lead_message/>
                }
            })}
            <label class="field">
                <span>"Notes"</span>
                <textarea rows="3" data-testid="renewal-notes" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            </label>
            <div class="actions">
                <button type="button" class="secondary" data-testid="stewardship-print" on:click=move |_| print_with_class("print-stewardship")>"Print stewardship report"</button>
                <button type="button" class="secondary" data-testid="renewal-save-notes" on:click=move |_| {
                    let text = notes.get_untracked();
                    let base = notes_base.get_untracked();
                    newer_notes.set(None);
                    change(Box::new(move |rec| rec.set_notes(&text, &base)), "Notes saved.", Box::new(move |saved| match saved {
                        Ok(r) => notes_base.set(r.notes.clone()),
                        Err(()) => {
                            // Saving again replaces the newer notes on purpose.
                            let stored = stored_notes();
                            if stored != notes_base.get_untracked() {
                                notes_base.set(stored.clone());
                                newer_notes.set(Some(stored));
                            }
                        }
                    }));
                }>"Save notes"</button>
                {move || newer_notes.get().map(|text| view! {
                    <button type="button" class="secondary" data-testid="renewal-notes-take" on:click=move |_| {
                        notes.set(text.clone());
                        notes_base.set(text.clone());
                        newer_notes.set(None);
                        message.set(None);
                    }>"Take the newer notes"</button>
                })}
                <button type="button" data-testid="renewal-bind" on:click=move |_| {
                    let by = who();
                    let on = state.as_of.get_untracked().today;
                    // Show the next term once bound.
                    let next = renewal.get_untracked().map(|r| renewal_id(&r.account_id, next_term(r.effective, r.expiration).1));
                    save(Box::new(move |rec| rec.outcome = Some(Outcome::Bound { on, by })), true, "Renewal bound: its policies now run to next year; this is the next term's plan.", Some(next));
                }>"Renewal bound"</button>
                <label class="field inline">
                    <span>"Reason"</span>
                    <input type="text" data-testid="renewal-lost-reason" prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="danger" data-testid="renewal-lost" on:click=move |_| {
                    let why = reason.get_untracked().trim().to_string();
                    if why.is_empty() {
                        message.set(Some((true, "Give the reason the renewal was lost or not renewed.".into())));
                        return;
                    }
                    let by = who();
                    let on = state.as_of.get_untracked().today;
                    save(Box::new(move |rec| rec.outcome = Some(Outcome::Lost { on, by, reason: why })), false, "Marked lost / non-renewed; it leaves the board and its record is kept.", Some(None));
                }>"Lost / non-renewed"</button>
            </div>
        </section>
    }
}

/// Open plan items due per person per week, for the renewals on the board.
#[component]
fn Workload(all: Memo<Vec<Renewal>>, shown: Memo<Vec<usize>>, plan: RwSignal<ServicePlan>) -> impl IntoView {
    use crate::domain::renewals::workload::{workload, WEEKS};
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
                            <thead><tr><th>"Expires"</th><th>"Client"</th><th>"Dept"</th><th>"Policies"</th><th>"Carriers"</th><th>"Owner"</th><th class="num">"Revenue"</th><th>"Progress"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|r| view! {
                                    <tr data-testid="xlist-row">
                                        <td>{r.expiration.format("%b %-d, %Y").to_string()}</td><td>{r.client_name.clone()}</td><td>{r.department.code().to_string()}</td>
                                        <td>{r.policy_numbers.join(", ")}</td><td>{r.carriers.join(", ")}</td><td>{r.owner.clone()}</td>
                                        <td class="num">{format_money(r.revenue)}</td><td>{format!("{}/{}", r.done, r.total)}</td>
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
fn Stewardship(renewal: Renewal, plan: RwSignal<ServicePlan>, record: Memo<Option<RenewalRecord>>) -> impl IntoView {
    use crate::domain::renewals::plan::Role;
    let state = use_app();
    let r = renewal;
    let (account, policies) = state.book.with_untracked(|b| {
        let index = b.index();
        let account = index.account(&r.account_id).cloned();
        let mut policies: Vec<crate::domain::book::Policy> = index.policies(&r.account_id).iter().map(|p| (*p).clone()).collect();
        policies.sort_by(|a, b| (a.expiration, &a.policy_number).cmp(&(b.expiration, &b.policy_number)));
        (account, policies)
    });
    let team: Vec<(String, String)> = account
        .map(|a| {
            [("Producer", a.producer), ("Account executive (client manager)", a.client_manager), ("Client advocate", a.client_advocate)]
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
            <h2>"Policies and premiums"</h2>
            <table class="print-table">
                <thead><tr><th>"Policy"</th><th>"Line"</th><th>"Carrier"</th><th>"Effective"</th><th>"Expiration"</th><th class="num">"Premium"</th></tr></thead>
                <tbody>
                    {policies.into_iter().map(|p| view! {
                        <tr><td>{p.policy_number.clone()}</td><td>{p.line_of_business.clone()}</td><td>{p.carrier.clone()}</td>
                            <td>{p.effective.map(|d| d.to_string()).unwrap_or_default()}</td><td>{p.expiration.map(|d| d.to_string()).unwrap_or_default()}</td>
                            <td class="num">{format_money(p.premium)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h2>"Services delivered against the plan"</h2>
            {move || plan.with(|p| record.with(|rec| p.milestones.iter().map(|m| {
                let done: Vec<String> = m.items.iter().filter_map(|i| rec.as_ref().and_then(|x| x.tick(&i.id)).map(|t| format!("{} — {} ({})", i.text, t.on.format("%b %-d, %Y"), t.by))).collect();
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
            <p>{move || record.with(|rec| rec.as_ref().map(|x| x.notes.clone()).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| "No notes recorded for this renewal.".into()))}</p>
        </div>
    }
}

//! The countdown board: its filters and views, the milestone exports and one
//! column of cards per countdown bucket.

use super::detail::RenewalDetail;
use super::expirations::ExpirationList;
use super::lead_times::LeadTimeSettings;
use super::lost::LostList;
use super::workload::Workload;
use super::{TrackingStart, use_current_renewals};
use crate::domain::book::Department;
use crate::domain::money::format_money;
use crate::domain::renewals::board::{Bucket, Filter, FilterChoices, Renewal, Trail, View};
use crate::domain::renewals::export::{CalendarScope, milestones_csv, milestones_ics};
use crate::ui::renewals_plan::PlanEditor;
use crate::ui::state::{now_stamp, use_app};
use crate::ui::widgets::form_message::Outcome;
use crate::ui::widgets::{FormMessage, files};
use leptos::prelude::*;

/// Cards shown per column before "more"; the count always covers them all.
const CARDS_PER_COLUMN: usize = 40;

#[component]
pub(super) fn Board() -> impl IntoView {
    let state = use_app();
    let plan = state.plans;
    let current = use_current_renewals();
    let all = current.list;
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
    let detail_message = RwSignal::new(None::<Outcome>);
    let filter = Memo::new(move |_| Filter {
        department: dept.with(|d| (!d.is_empty()).then(|| Department::parse(d).unwrap_or(Department::Cl))),
        owner: owner.get(),
        tier: tier.get(),
        carrier: carrier.get(),
        text: crate::domain::search::fold(text.get().trim()),
    });
    // Counts the changes of `all`, so positions in it can be reused only
    // while it is the same list.
    let all_version = Memo::new(move |before: Option<&u64>| {
        all.track();
        before.map_or(0, |v| v.wrapping_add(1))
    });
    // The filters shown lately with what each kept: typing on at the end
    // of the search checks only what the last one kept, and deleting back
    // reuses what was kept before (see `Trail`).
    let trail = StoredValue::new(Trail::default());
    // Positions in `all` of the renewals that pass the filters and view.
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let v = view_kind.get();
        let version = all_version.get();
        let passes = f.matcher();
        all.with(|list| {
            // (Always there: the store lives as long as the board.)
            trail
                .try_update_value(|trail| {
                    trail.kept(
                        version,
                        &f,
                        v,
                        || list.iter().enumerate().filter(|(_, r)| v.keeps(r) && passes(r)).map(|(i, _)| i).collect(),
                        |before| before.iter().copied().filter(|&i| passes(&list[i])).collect(),
                    )
                })
                .unwrap_or_default()
        })
    });
    let filters = FilterSignals { dept, owner, tier, carrier, text };
    view! {
        <section class="page renewals">
            <div class="page-head">
                <h1>"Renewal countdown"</h1>
                <p class="count" data-testid="renewal-total">{move || if current.ready.get() { format!("{} renewals", shown.with(Vec::len)) } else { "Counting…".to_string() }}</p>
                {current.working_note()}
                <ExportActions all shown everyone=current.people fresh=current.fresh/>
            </div>
            <p class="hint">"Counted from the as-of date. Milestones follow the Client Service Plan each account's department and revenue tier is assigned (the full plan, or the light plan for small accounts): after binding from the effective date, before renewal back from the expiration date. A renewal should start by its lead time (commercial lines 150 days, others 120)."</p>
            <BoardFilters choices=current.choices filters/>
            <ViewChips view_kind/>
            <TrackingStart/>
            <FormMessage message=detail_message testid="renewal-message"/>
            {move || selected.get().map(|id| view! { <RenewalDetail id all plans=plan selected message=detail_message/> })}
            <div class="board">
                {Bucket::ALL.into_iter().map(|bucket| view! { <Column bucket all shown selected/> }).collect_view()}
            </div>
            <Workload all shown plan/>
            <ExpirationList all shown/>
            <LostList/>
            <LeadTimeSettings/>
            <PlanEditor/>
        </section>
    }
}

/// The board's filters, each empty for "all".
#[derive(Clone, Copy)]
struct FilterSignals {
    dept: RwSignal<String>,
    owner: RwSignal<String>,
    tier: RwSignal<String>,
    carrier: RwSignal<String>,
    text: RwSignal<String>,
}

/// The milestone exports of the renewals on the board: a CSV file, and a
/// calendar of everyone's milestones or one person's.
#[component]
fn ExportActions(
    all: ReadSignal<Vec<Renewal>>,
    shown: Memo<Vec<usize>>,
    everyone: ReadSignal<Vec<String>>,
    fresh: ReadSignal<bool>,
) -> impl IntoView {
    // Exports wait for the list to be current: one made just after a tick
    // would otherwise miss it.
    let stale = move || !fresh.get();
    let state = use_app();
    let plan = state.plans;
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
    // The people of every renewal were gathered with the board; those of
    // the renewals the filters keep are looked up.
    let people = Memo::new(move |_| {
        all.with(|list| {
            shown.with(|idx| {
                if idx.len() == list.len() {
                    return everyone.get();
                }
                let refs: Vec<&Renewal> = idx.iter().map(|&i| &list[i]).collect();
                crate::domain::renewals::export::people(&refs)
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
    view! {
        <div class="actions no-print">
            <button type="button" class="secondary" data-testid="export-milestones" on:click=export disabled=stale>"Export milestones (CSV)"</button>
            <label class="field inline">
                <span>"Calendar for"</span>
                <select data-testid="export-ics-person" on:change=move |ev| ics_person.set(event_target_value(&ev))>
                    <option value="">"Everyone"</option>
                    {move || people.get().into_iter().map(|p| view! { <option value=p.clone() selected=move || ics_person.with(|x| *x == p)>{p.clone()}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="secondary" data-testid="export-milestones-ics" on:click=export_ics disabled=stale title="Open milestones due from the as-of date on, with the people who own them">"Calendar (.ics)"</button>
        </div>
    }
}

/// The filters by department, owner, tier, carrier and text; the choices
/// come from the renewals on the board.
#[component]
fn BoardFilters(choices: ReadSignal<FilterChoices>, filters: FilterSignals) -> impl IntoView {
    let state = use_app();
    let FilterSignals { dept, owner, tier, carrier, text } = filters;
    let departments =
        Signal::derive(move || state.profile.with(|p| p.departments.iter().map(|d| d.code().to_string()).collect()));
    view! {
        <div class="filters no-print">
            <FilterSelect label="Department" testid="renewal-filter-department" signal=dept options=departments/>
            <FilterSelect label="Owner" testid="renewal-filter-owner" signal=owner options=Signal::derive(move || choices.with(|c| c.owners.clone()))/>
            <FilterSelect label="Tier" testid="renewal-filter-tier" signal=tier options=Signal::derive(move || choices.with(|c| c.tiers.clone()))/>
            <FilterSelect label="Carrier" testid="renewal-filter-carrier" signal=carrier options=Signal::derive(move || choices.with(|c| c.carriers.clone()))/>
            <label class="field">
                <span>"Client or policy"</span>
                <input type="search" data-testid="renewal-filter-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            </label>
        </div>
    }
}

/// One filter: a choice among `options`, or "All" (empty).
#[component]
fn FilterSelect(
    label: &'static str,
    testid: &'static str,
    signal: RwSignal<String>,
    options: Signal<Vec<String>>,
) -> impl IntoView {
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
}

/// The views that narrow the board to renewals needing attention; a second
/// click on a view shows them all again.
#[component]
fn ViewChips(view_kind: RwSignal<View>) -> impl IntoView {
    let view_button = move |v: View, label: &'static str, testid: &'static str| {
        view! {
            <button type="button" class="chip" data-testid=testid aria-pressed=move || (view_kind.get() == v).to_string()
                on:click=move |_| view_kind.set(if view_kind.get_untracked() == v { View::All } else { v })>{label}</button>
        }
    };
    view! {
        <div class="chips no-print">
            {view_button(View::Overdue, "Overdue milestones", "view-overdue")}
            {view_button(View::NotStarted, "Past lead time, nothing done", "view-not-started")}
            {view_button(View::ExpiredNotBound, "Expired, not bound", "view-expired")}
        </div>
    }
}

/// The column of one countdown bucket: its count and its first cards.
#[component]
fn Column(
    bucket: Bucket,
    all: ReadSignal<Vec<Renewal>>,
    shown: Memo<Vec<usize>>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let in_column = Memo::new(move |_| {
        all.with(|list| shown.with(|idx| idx.iter().copied().filter(|&i| list[i].bucket == bucket).collect::<Vec<_>>()))
    });
    view! {
        <section class="renewal-column" data-testid="renewal-column" data-bucket=bucket.code()>
            <h2>{bucket.label()}" "<span class="column-count" data-testid="renewal-column-count">{move || in_column.with(Vec::len)}</span></h2>
            {move || all.with(|list| in_column.with(|idx| {
                idx.iter().take(CARDS_PER_COLUMN).map(|&i| renewal_card(&list[i], selected)).collect_view()
            }))}
            {move || in_column.with(|idx| (idx.len() > CARDS_PER_COLUMN).then(|| view! { <p class="hint">{format!("{} more: narrow the filters to see them.", idx.len() - CARDS_PER_COLUMN)}</p> }))}
        </section>
    }
}

/// One renewal's card; a click opens its panel.
fn renewal_card(r: &Renewal, selected: RwSignal<Option<String>>) -> impl IntoView + use<> {
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
}

//! Onboarding: trainees working through the role checklists with their
//! trainers.
//!
//! Addresses: `#/onboarding` (trainees, team matrix), `#/onboarding/trainee/ID`
//! (a trainee's checklist), `#/onboarding/trainee/ID/walk` (the trainer
//! walkthrough), `#/onboarding/record/ID` (printable competency record),
//! `#/onboarding/roles` (the role library and its editor) and
//! `#/onboarding/sheet/ROLE/LEVEL` (a blank sign-off sheet).

mod checklist;
mod library;
mod print;
mod team;
mod walkthrough;

use super::state::{AppState, new_id, now_stamp, use_app};
use super::widgets::FormMessage;
use crate::domain::revision::Revised;
use crate::domain::roles::level::{expected_level, level_due, tenure_text};
use crate::domain::roles::library::Role;
use crate::domain::roles::progress::{Figures, Progress, Stamp};
use crate::domain::roles::team::{Standing, standing};
use crate::domain::roles::trainee::{Trainee, trainee_fields};
use crate::routes::Page;
use crate::storage::trainees as store;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The address of a trainee's checklist.
pub(super) fn trainee_href(id: &str) -> String {
    format!("{}/trainee/{}", Page::Onboarding.href(), id)
}

/// The address of the role library.
fn roles_href() -> String {
    format!("{}/roles", Page::Onboarding.href())
}

#[component]
pub fn OnboardingPage() -> impl IntoView {
    let state = use_app();
    let rest = Memo::new(move |_| state.route.with(|r| r.rest.clone()));
    move || {
        let rest = rest.get();
        let parts: Vec<&str> = rest.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["roles"] => view! { <library::LibraryPage/> }.into_any(),
            ["sheet", role, level] => {
                view! { <print::BlankSheet role=role.to_string() level=level.to_string()/> }.into_any()
            }
            ["record", id] => view! { <print::CompetencyRecord id=id.to_string()/> }.into_any(),
            ["trainee", id] => view! { <checklist::TraineePage id=id.to_string()/> }.into_any(),
            ["trainee", id, "walk"] => view! { <walkthrough::Walkthrough id=id.to_string()/> }.into_any(),
            _ => view! { <Overview/> }.into_any(),
        }
    }
}

/// A trainee of the workspace, by id (reactive).
fn trainee_by_id(state: AppState, id: &str) -> Option<Trainee> {
    state.trainees.with(|list| list.iter().find(|t| t.id == id).cloned())
}

/// The workspace's own agency name, when it has one (reactive).
fn agency_name(state: AppState) -> Option<String> {
    state.workspace_name.with(|n| {
        let n = n.trim();
        (!n.is_empty() && n != super::state::DEFAULT_AGENCY_NAME).then(|| n.to_string())
    })
}

/// A role as trainees read it: with the workspace's agency name (reactive).
fn for_trainees(state: AppState, role: &Role) -> Role {
    role.for_agency(agency_name(state).as_deref())
}

/// The role a trainee is learning, from the library in force, as trainees
/// read it (reactive).
fn role_of(state: AppState, trainee: &Trainee) -> Option<Role> {
    state.library.with(|l| l.role(&trainee.role).map(|r| for_trainees(state, r)))
}

/// Shown where a trainee's role is not in the library.
fn missing_role(trainee: &Trainee) -> String {
    format!(
        "{}'s role \"{}\" is not in the role library (it may have been renamed or removed). Add it in the role library, or change the trainee's role.",
        trainee.name, trainee.role
    )
}

/// The name remembered for the person signing in this browser.
const SIGNER_KEY: &str = "agency-desk-trainer";

fn stored_signer() -> Option<String> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(SIGNER_KEY).ok().flatten())
        .filter(|s| !s.trim().is_empty())
}

fn remember_signer(name: &str) {
    if let Ok(Some(s)) = window().local_storage() {
        let _ = s.set_item(SIGNER_KEY, name.trim());
    }
}

/// Applies `change` to a trainee's progress and saves it (refused when the
/// trainee changed in another tab meanwhile; the latest data is then shown).
/// `by` signs the change; `done` is the message on success.
fn save_progress(
    state: AppState,
    id: String,
    by: String,
    message: RwSignal<Option<(bool, String)>>,
    done: String,
    change: impl FnOnce(&mut Progress, &Role, &Stamp) -> Result<(), String> + 'static,
) {
    let Some(base) = state.trainees.with_untracked(|l| l.iter().find(|t| t.id == id).cloned()) else {
        message.set(Some((true, "This trainee is no longer in the workspace.".into())));
        return;
    };
    let Some(role) = state.library.with_untracked(|l| l.role(&base.role).cloned()) else {
        message.set(Some((true, missing_role(&base))));
        return;
    };
    let at = now_stamp();
    let stamp = Stamp { by: &by, on: super::state::browser_today(), at: &at };
    let mut next = base.clone();
    if let Err(e) = change(&mut next.progress, &role, &stamp) {
        message.set(Some((true, e)));
        return;
    }
    if next == base {
        return;
    }
    next.stamp_edit(Some(base.revision), &at);
    let focus = focused_control();
    save_trainee(state, next, Some(base.revision), message, done, focus);
}

/// The item key and control of the focused checklist control, if any.
fn focused_control() -> Option<(String, String)> {
    let active = document().active_element()?;
    let control = active.get_attribute("data-testid")?;
    let item = active.closest("[data-item]").ok()??.get_attribute("data-item")?;
    Some((item, control))
}

/// Puts the keyboard focus back on `control` of `item` (or, when that
/// control was replaced, e.g. "Verify" by "Undo", on the item's other
/// verification control) after the checklist was drawn again.
async fn refocus(item: &str, control: &str) {
    // Leptos redraws on its next turn; let it run first.
    gloo_timers::future::TimeoutFuture::new(0).await;
    for testid in [control, "verify-undo", "verify-item"] {
        let selector = format!("[data-item=\"{item}\"] [data-testid=\"{testid}\"]");
        if let Some(el) = document()
            .query_selector(&selector)
            .ok()
            .flatten()
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
            return;
        }
    }
}

/// Saves a trainee record and shows it (None: a new trainee).
fn save_trainee(
    state: AppState,
    next: Trainee,
    base_revision: Option<u32>,
    message: RwSignal<Option<(bool, String)>>,
    done: String,
    focus: Option<(String, String)>,
) {
    spawn_local(async move {
        let at = next.updated_at.clone();
        let result = match state.db() {
            Ok(db) => store::save_trainee(&db, &next, base_revision, &at).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => {
                message.set(Some((false, done)));
                state.trainees.update(|list| {
                    match list.iter_mut().find(|t| t.id == next.id) {
                        Some(t) => *t = next,
                        None => list.push(next),
                    }
                    store::sort(list);
                });
                state.saved_locally(&at);
                if let Some((item, control)) = focus {
                    refocus(&item, &control).await;
                }
            }
            Err(e) => {
                message.set(Some((true, e.to_string())));
                state.reload().await;
            }
        }
    });
}

/// The two progress figures as the `trainee-progress` hook; `compact`
/// shows them as "86% / 73%" for tight spaces.
#[component]
pub(super) fn ProgressFigures(
    figures: Figures,
    #[prop(optional)] trainee: Option<String>,
    #[prop(optional)] compact: bool,
) -> impl IntoView {
    let (s, v) = (figures.self_percent(), figures.verified_percent());
    if compact {
        return view! {
            <span class="progress-figures compact" data-testid="trainee-progress" data-trainee=trainee data-self=s data-verified=v title=format!("Self-checked {s}%, verified by the trainer {v}%")>
                <strong>{format!("{s}%")}</strong>{"\u{2009}/\u{2009}"}<strong>{format!("{v}%")}</strong>
            </span>
        }
        .into_any();
    }
    view! {
        <span class="progress-figures" data-testid="trainee-progress" data-trainee=trainee data-self=s data-verified=v>
            <span class="figure">"Self-checked " <strong>{format!("{s}%")}</strong></span>
            <span class="figure">"Verified " <strong>{format!("{v}%")}</strong></span>
        </span>
    }
    .into_any()
}

#[component]
fn Overview() -> impl IntoView {
    let state = use_app();
    view! {
        <section class="page onboarding">
            <div class="page-head">
                <h1>"Onboarding"</h1>
                <a class="button secondary" href=roles_href() data-testid="role-library-link">"Role library"</a>
            </div>
            <p class="lead">"Trainers walk new Client Managers and Client Advocates through the tasks of their role at three tenure levels, and sign items off in place of paper sheets. Tenure is counted from each start date to the as-of date: 0–3 months new in role, 3–6 months meeting expectations, then exceeding expectations."</p>
            {move || if state.trainees.with(Vec::is_empty) {
                view! {
                    <div class="empty-state" data-testid="empty-state">
                        <p>"No trainees have been added to this workspace yet. Add the first one below (name, role, start date and trainer); the role library lists what each role is signed off on. The demo workspace has three trainees, one at each level: "<a href=Page::Settings.href()>"open it in Settings"</a>"."</p>
                    </div>
                }.into_any()
            } else {
                view! { <TraineeTable/> <team::TeamMatrix/> }.into_any()
            }}
            <AddTrainee/>
        </section>
    }
}

#[component]
fn TraineeTable() -> impl IntoView {
    let state = use_app();
    let message = RwSignal::new(None::<(bool, String)>);
    let remove = move |t: Trainee| {
        if !window()
            .confirm_with_message(&format!(
                "Remove {} and their whole checklist record? This cannot be undone (a backup can bring it back).",
                t.name
            ))
            .unwrap_or(false)
        {
            return;
        }
        spawn_local(async move {
            let at = now_stamp();
            let result = match state.db() {
                Ok(db) => store::delete_trainee(&db, &t.id, &at).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    state.trainees.update(|l| l.retain(|x| x.id != t.id));
                    message.set(Some((false, format!("{} was removed.", t.name))));
                    state.saved_locally(&at);
                }
                Err(e) => message.set(Some((true, e.to_string()))),
            }
        });
    };
    view! {
        <section class="card">
            <h2>"Trainees"</h2>
            <FormMessage message testid="trainee-message"/>
            <table class="data-table" data-testid="trainee-table">
                <thead>
                    <tr><th>"Trainee"</th><th>"Role"</th><th>"Trainer"</th><th>"Started"</th><th>"Tenure"</th><th>"Expected level"</th><th>"Level due"</th><th>"Progress"</th><th>"Behind schedule"</th><th></th></tr>
                </thead>
                <tbody>
                    {move || {
                        let as_of = state.as_of.get().date;
                        state.trainees.get().into_iter().map(|t| {
                            let level = expected_level(t.start_date, as_of);
                            let due = level_due(t.start_date, level).map(|d| d.format("%b %-d, %Y").to_string()).unwrap_or_else(|| "ongoing".into());
                            let role = role_of(state, &t);
                            let Standing { figures, behind } = role.as_ref().map(|r| standing(&t, r, as_of)).unwrap_or_default();
                            let gone = role.is_none().then(|| missing_role(&t));
                            let behind_class = if behind > 0 { "num behind" } else { "num" };
                            let t2 = t.clone();
                            view! {
                                <tr data-testid="trainee-row" data-trainee=t.name.clone()>
                                    <td><a href=trainee_href(&t.id) data-testid="trainee-open">{t.name.clone()}</a></td>
                                    <td>{t.role.clone()}{gone.map(|g| view! { <span class="tag warn" title=g>"not in library"</span> })}</td>
                                    <td>{t.trainer.clone()}</td>
                                    <td>{t.start_date.format("%b %-d, %Y").to_string()}</td>
                                    <td>{tenure_text(t.start_date, as_of)}</td>
                                    <td data-level=level.code()>{level.label()}</td>
                                    <td>{due}</td>
                                    <td><ProgressFigures figures trainee=t.name.clone()/></td>
                                    <td class=behind_class data-testid="trainee-behind">{behind}</td>
                                    <td><button type="button" class="secondary small" on:click=move |_| remove(t2.clone())>"Remove"</button></td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}

/// The fields of the trainee forms: name, role (from the library; the
/// current one selected), start date and trainer (suggesting the staff).
#[component]
fn TraineeFields(
    name: RwSignal<String>,
    role: RwSignal<String>,
    start: RwSignal<String>,
    trainer: RwSignal<String>,
    list_id: &'static str,
) -> impl IntoView {
    let state = use_app();
    view! {
        <label>"Name " <input type="text" data-testid="trainee-name" bind:value=name/></label>
        <label>"Role "
            <select data-testid="trainee-role" on:change=move |ev| role.set(event_target_value(&ev))>
                {move || state.library.with(|l| l.roles.iter().map(|r| {
                    let selected = r.name.eq_ignore_ascii_case(&role.get_untracked()) || r.key == role.get_untracked();
                    view! { <option value=r.name.clone() selected=selected>{r.name.clone()}</option> }
                }).collect_view())}
            </select>
        </label>
        <label>"Start date " <input type="date" data-testid="trainee-start" bind:value=start/></label>
        <label>"Trainer " <input type="text" list=list_id data-testid="trainee-trainer" bind:value=trainer/></label>
        <datalist id=list_id>
            {move || state.profile.with(|p| p.staff.iter().map(|s| view! { <option value=s.name.clone()/> }).collect_view())}
        </datalist>
    }
}

/// Changes a trainee's name, role, start date or trainer.
#[component]
pub(super) fn EditTrainee(trainee: Trainee) -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(trainee.name.clone());
    let role = RwSignal::new(trainee.role.clone());
    let start = RwSignal::new(trainee.start_date.to_string());
    let trainer = RwSignal::new(trainee.trainer.clone());
    let message = RwSignal::new(None::<(bool, String)>);
    let base = StoredValue::new(trainee);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let base = base.get_value();
        match trainee_fields(
            &name.get_untracked(),
            &role.get_untracked(),
            &start.get_untracked(),
            &trainer.get_untracked(),
        ) {
            Err(e) => message.set(Some((true, e))),
            Ok((n, r, s, tr)) => {
                let mut next = base.clone();
                next.name = n;
                next.role = r;
                next.start_date = s;
                next.trainer = tr;
                if next == base {
                    return message.set(Some((false, "Nothing changed.".into())));
                }
                next.stamp_edit(Some(base.revision), &now_stamp());
                save_trainee(
                    state,
                    next,
                    Some(base.revision),
                    message,
                    "The trainee's details are saved.".into(),
                    None,
                );
            }
        }
    };
    view! {
        <details class="card no-print" data-testid="trainee-edit">
            <summary><h2 class="inline">"Edit details"</h2></summary>
            <form class="inline-form" on:submit=save>
                <TraineeFields name role start trainer list_id="staff-names-edit"/>
                <button type="submit" data-testid="trainee-update">"Save details"</button>
            </form>
            <p class="hint">"Progress is kept per item: after a change of role, the new role's items start unchecked, and the earlier role's record comes back if the role is changed back."</p>
            <FormMessage message testid="trainee-edit-message"/>
        </details>
    }
}

#[component]
fn AddTrainee() -> impl IntoView {
    let state = use_app();
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let trainer = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = role.get_untracked();
        let chosen = if chosen.is_empty() {
            state.library.with_untracked(|l| l.roles.first().map(|r| r.name.clone()).unwrap_or_default())
        } else {
            chosen
        };
        match trainee_fields(&name.get_untracked(), &chosen, &start.get_untracked(), &trainer.get_untracked()) {
            Err(e) => message.set(Some((true, e))),
            Ok((n, r, s, tr)) => {
                let t = Trainee {
                    id: new_id(),
                    name: n.clone(),
                    role: r,
                    start_date: s,
                    trainer: tr,
                    revision: 1,
                    updated_at: now_stamp(),
                    progress: Progress::default(),
                };
                save_trainee(state, t, None, message, format!("{n} was added."), None);
                name.set(String::new());
            }
        }
    };
    view! {
        <details class="card" data-testid="trainee-add">
            <summary><h2 class="inline">"Add a trainee"</h2></summary>
            <form class="inline-form" on:submit=add>
                <TraineeFields name role start trainer list_id="staff-names"/>
                <button type="submit" data-testid="trainee-save">"Add trainee"</button>
            </form>
            <FormMessage message testid="trainee-add-message"/>
        </details>
    }
}

/// The Dashboard's onboarding tile: each trainee with role, tenure,
/// expected level, both progress figures and items behind schedule.
#[component]
pub fn TraineesTile() -> impl IntoView {
    let state = use_app();
    view! {
        <Show when=move || state.trainees.with(|t| !t.is_empty())>
            <section class="card tile" data-testid="trainees-tile">
                <h2><a href=Page::Onboarding.href()>"Onboarding"</a></h2>
                <table class="data-table compact">
                    <thead><tr><th>"Trainee"</th><th>"Expected level (tenure)"</th><th title="Self-checked / verified by the trainer">"Self / verified"</th><th class="num">"Behind"</th></tr></thead>
                    <tbody>
                        {move || {
                            let as_of = state.as_of.get().date;
                            state.trainees.get().into_iter().map(|t| {
                                let Standing { figures, behind } = role_of(state, &t).map(|r| standing(&t, &r, as_of)).unwrap_or_default();
                                let level = expected_level(t.start_date, as_of);
                                let late = behind > 0;
                                view! {
                                    <tr data-testid="tile-trainee" data-trainee=t.name.clone() class:behind-row=late>
                                        <td><a href=trainee_href(&t.id)>{t.name.clone()}</a><br/><span class="hint">{t.role.clone()}</span></td>
                                        <td data-level=level.code()>{level.short()}<br/><span class="hint">{tenure_text(t.start_date, as_of)}</span></td>
                                        <td><ProgressFigures figures trainee=t.name.clone() compact=true/></td>
                                        <td class="num">{if behind > 0 { view! { <span class="tag warn" data-testid="tile-behind" title=format!("{behind} items behind schedule")>{behind}</span> }.into_any() } else { view! { <span>"0"</span> }.into_any() }}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </section>
        </Show>
    }
}

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
mod tile;
mod trainee_page;
mod trainees;
mod walkthrough;

use crate::domain::revision::Revised;
pub use tile::TraineesTile;
use trainees::{EditTrainee, Overview};

use super::state::{AppState, now_stamp, use_app};
use crate::domain::roles::library::Role;
use crate::domain::roles::progress::{Figures, Progress, Stamp};
use crate::domain::roles::trainee::Trainee;
use crate::routes::Page;
use crate::ui::widgets::form_message::{Message, Outcome};
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
            ["trainee", id] => view! { <trainee_page::TraineePage id=id.to_string()/> }.into_any(),
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

/// What a checklist step does to a trainee's progress.
type Step = std::rc::Rc<dyn Fn(&mut Progress, &Role, &Stamp) -> Result<(), String>>;

/// Applies `change` to a trainee's progress and saves it. `by` signs the
/// change; `done` is the message on success. When the trainee changed
/// meanwhile (another tab, or a teammate's change that arrived by team
/// sync), the step is applied once more to the version now shown: a step
/// touches its own item only, so it means the same there; if it no longer
/// can (that item changed too), the reason is shown and nothing is saved.
fn save_progress(
    state: AppState,
    id: String,
    by: String,
    message: RwSignal<Message>,
    done: String,
    change: impl Fn(&mut Progress, &Role, &Stamp) -> Result<(), String> + 'static,
) {
    apply_step(state, (id, by), message, done, std::rc::Rc::new(change), true);
}

fn apply_step(
    state: AppState,
    (id, by): (String, String),
    message: RwSignal<Message>,
    done: String,
    change: Step,
    again_if_stale: bool,
) {
    let Some(base) = state.trainees.with_untracked(|l| l.iter().find(|t| t.id == id).cloned()) else {
        message.set(Some(Outcome::Refused("This trainee is no longer in the workspace.".into())));
        return;
    };
    let Some(role) = state.library.with_untracked(|l| l.role(&base.role).cloned()) else {
        message.set(Some(Outcome::Refused(missing_role(&base))));
        return;
    };
    let at = now_stamp();
    let stamp = Stamp { by: &by, on: super::state::browser_today(), at: &at };
    let mut next = base.clone();
    if let Err(e) = change(&mut next.progress, &role, &stamp) {
        message.set(Some(Outcome::Refused(e)));
        return;
    }
    if next == base {
        return;
    }
    next.stamp_edit(Some(base.revision), &at);
    let focus = focused_control();
    state.save_trainee(next, Some(base.revision), move |result| match result {
        Ok(()) => {
            message.set(Some(Outcome::Done(done)));
            if let Some((item, control)) = focus {
                spawn_local(async move { refocus(&item, &control).await });
            }
        }
        // The latest version is in the signals by now (the store read it).
        Err(e) if again_if_stale && e.is_stale() => apply_step(state, (id, by), message, done, change, false),
        Err(e) => message.set(Some(Outcome::Refused(e.to_string()))),
    });
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
    message: RwSignal<Message>,
    done: String,
    focus: Option<(String, String)>,
) {
    state.save_trainee(next, base_revision, move |result| match result {
        Ok(()) => {
            message.set(Some(Outcome::Done(done)));
            if let Some((item, control)) = focus {
                spawn_local(async move { refocus(&item, &control).await });
            }
        }
        Err(e) => message.set(Some(Outcome::Refused(e.to_string()))),
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

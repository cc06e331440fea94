//! The trainees of the workspace: the overview with their table, and the
//! forms that add a trainee or change one's details.

use super::{ProgressFigures, missing_role, role_of, roles_href, save_trainee, team, trainee_href};
use crate::domain::revision::Revised;
use crate::domain::roles::level::{expected_level, level_due, tenure_text};
use crate::domain::roles::progress::Progress;
use crate::domain::roles::team::{Standing, standing};
use crate::domain::roles::trainee::{Trainee, trainee_fields};
use crate::routes::Page;
use crate::ui::state::{new_id, now_stamp, use_app};
use crate::ui::widgets::FormMessage;
use crate::ui::widgets::form_message::Outcome;
use leptos::prelude::*;

/// The onboarding page's home: the trainees, the team matrix and the form
/// that adds a trainee.
#[component]
pub(super) fn Overview() -> impl IntoView {
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
    let message = RwSignal::new(None::<Outcome>);
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
        let name = t.name.clone();
        state.delete_trainee(t.id, move |result| match result {
            Ok(()) => message.set(Some(Outcome::Done(format!("{name} was removed.")))),
            Err(e) => message.set(Some(Outcome::Refused(e.to_string()))),
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
    let message = RwSignal::new(None::<Outcome>);
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
            Err(e) => message.set(Some(Outcome::Refused(e))),
            Ok((n, r, s, tr)) => {
                let mut next = base.clone();
                next.name = n;
                next.role = r;
                next.start_date = s;
                next.trainer = tr;
                if next == base {
                    return message.set(Some(Outcome::Done("Nothing changed.".into())));
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
    let message = RwSignal::new(None::<Outcome>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = role.get_untracked();
        let chosen = if chosen.is_empty() {
            state.library.with_untracked(|l| l.roles.first().map(|r| r.name.clone()).unwrap_or_default())
        } else {
            chosen
        };
        match trainee_fields(&name.get_untracked(), &chosen, &start.get_untracked(), &trainer.get_untracked()) {
            Err(e) => message.set(Some(Outcome::Refused(e))),
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

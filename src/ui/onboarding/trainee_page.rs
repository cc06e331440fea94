//! A trainee's checklist page: the header, the level shown, each task of
//! the role with its items, the history and the trainee's details.

use super::checklist::{LevelItems, LevelSignOffLine, Signing, SigningBar, TraineeHeader, TrainingActivities};
use super::{ProgressFigures, missing_role, role_of, trainee_by_id, trainee_href};
use crate::domain::roles::level::{Level, expected_level};
use crate::domain::roles::library::{Role, Task};
use crate::domain::roles::trainee::Trainee;
use crate::routes::Page;
use crate::ui::state::use_app;
use crate::ui::widgets::FormMessage;
use leptos::prelude::*;

/// A trainee's checklist page, at the address `#/onboarding/trainee/ID`.
#[component]
pub fn TraineePage(id: String) -> impl IntoView {
    let state = use_app();
    let id = StoredValue::new(id);
    let trainee = Memo::new(move |_| trainee_by_id(state, &id.get_value()));
    let signing = Signing::new(&id.get_value(), trainee.get_untracked().map(|t| t.trainer));
    // The level shown: the expected one at first; None shows all three.
    let chosen =
        RwSignal::new(trainee.get_untracked().map(|t| expected_level(t.start_date, state.as_of.get_untracked().date)));
    let back = Page::Onboarding.href();
    move || {
        let Some(t) = trainee.get() else {
            return view! {
                <section class="page"><h1>"Trainee not found"</h1><p>"This trainee is not in the workspace (removed, or the link is from another workspace). "<a href=back.clone()>"Back to Onboarding"</a></p></section>
            }.into_any();
        };
        let Some(role) = role_of(state, &t) else {
            return view! { <section class="page"><h1>{t.name.clone()}</h1><p class="form-message error">{missing_role(&t)}</p><a href=back.clone()>"Back to Onboarding"</a></section> }.into_any();
        };
        let as_of = state.as_of.get().date;
        let behind: Vec<String> = t.behind_keys(&role, as_of);
        let levels: Vec<Level> = match chosen.get() {
            Some(l) => vec![l],
            None => Level::ALL.to_vec(),
        };
        let t_for_tasks = t.clone();
        let role_for_tasks = role.clone();
        view! {
            <section class="page onboarding-trainee" data-testid="trainee-page" data-trainee=t.name.clone()>
                <p class="no-print"><a href=back.clone()>"← Onboarding"</a></p>
                <TraineeHeader trainee=t.clone() role=role.clone()/>
                <div class="actions no-print">
                    <a class="button" href=format!("{}/walk", trainee_href(&t.id)) data-testid="walkthrough-start">"Start trainer walkthrough"</a>
                    <a class="button secondary" href=format!("{}/record/{}", Page::Onboarding.href(), t.id) data-testid="record-open">"Competency record (print)"</a>
                </div>
                {(!behind.is_empty()).then(|| view! {
                    <p class="banner warn" data-testid="behind-banner">{format!("{} item{} behind schedule: the period of their level has ended and the trainer has not verified them.", behind.len(), if behind.len() == 1 { " is" } else { "s are" })}</p>
                })}
                <SigningBar signing/>
                <FormMessage message=signing.message testid="checklist-message"/>
                <LevelTabs chosen/>
                {levels.iter().map(|l| {
                    let f = t.progress.level_figures(&role, *l);
                    view! {
                        <div class="level-summary">
                            <strong>{l.label()}</strong>": " <ProgressFigures figures=f/>
                            <LevelSignOffLine level=*l trainee=t.clone() signing/>
                        </div>
                    }
                }).collect_view()}
                {role_for_tasks.tasks.iter().map(|task| view! { <TaskCard task=task.clone() role=role.name.clone() levels=levels.clone() trainee=t_for_tasks.clone() signing behind=behind.clone()/> }).collect_view()}
                <History trainee=t.clone() role=role.clone()/>
                <super::EditTrainee trainee=t.clone()/>
            </section>
        }.into_any()
    }
}

/// One task of the role: why it matters, its items at the levels shown and
/// its training activities.
#[component]
fn TaskCard(
    task: Task,
    role: String,
    levels: Vec<Level>,
    trainee: Trainee,
    signing: Signing,
    behind: Vec<String>,
) -> impl IntoView {
    let f = trainee.progress.task_figures(&task, None);
    view! {
        <article class="card task" data-testid="role-task" data-role=role data-task=task.key.clone()>
            <h2>{task.title.clone()}</h2>
            <p class="why"><strong>"Why it matters: "</strong>{task.why.clone()}</p>
            <p class="task-figures">"This task: " <ProgressFigures figures=f/></p>
            {levels.into_iter().map(|l| {
                let part = task.level(l).clone();
                view! {
                    <h3>{l.label()}</h3>
                    {part.note.clone().map(|n| view! { <p class="hint">{n}</p> })}
                    <LevelItems part=part level=l trainee=trainee.clone() signing behind=behind.clone()/>
                }
            }).collect_view()}
            {task.footnote.clone().map(|n| view! { <p class="hint">{n}</p> })}
            <TrainingActivities task=task.clone() trainee=trainee.clone() signing/>
        </article>
    }
}

/// Every change to the trainee's record, newest first.
#[component]
fn History(trainee: Trainee, role: Role) -> impl IntoView {
    let text_of = move |key: &Option<String>| {
        key.as_ref()
            .and_then(|k| role.items().find(|(_, _, i)| &i.key == k).map(|(_, _, i)| i.text.clone()))
            .unwrap_or_default()
    };
    let events: Vec<_> = trainee.progress.history.iter().rev().cloned().collect();
    view! {
        <details class="card" data-testid="trainee-history">
            <summary><h2 class="inline">{format!("History ({} changes)", events.len())}</h2></summary>
            <table class="data-table compact">
                <thead><tr><th>"When (UTC)"</th><th>"Who"</th><th>"Level"</th><th>"Item"</th><th>"Change"</th><th>"Reason"</th></tr></thead>
                <tbody>
                    {events.into_iter().map(|e| view! {
                        <tr data-testid="history-row">
                            <td>{e.at.get(..16).unwrap_or(&e.at).replace('T', " ")}</td>
                            <td>{e.by.clone()}</td>
                            <td>{e.level.map(|l| l.code()).unwrap_or("")}</td>
                            <td>{text_of(&e.item)}</td>
                            <td>{e.what.clone()}</td>
                            <td>{e.reason.clone().unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}

/// The choice of the level shown: one of the three, or all of them.
#[component]
fn LevelTabs(chosen: RwSignal<Option<Level>>) -> impl IntoView {
    view! {
        <div class="level-tabs" role="group" aria-label="Level shown">
            {Level::ALL.into_iter().map(|l| view! {
                <button type="button" class="chip" aria-pressed=move || (chosen.get() == Some(l)).to_string() data-testid="level-choice" data-level=l.code() on:click=move |_| chosen.set(Some(l))>{l.label()}</button>
            }).collect_view()}
            <button type="button" class="chip" aria-pressed=move || (chosen.get().is_none()).to_string() data-testid="level-choice" data-level="all" on:click=move |_| chosen.set(None)>"All levels"</button>
        </div>
    }
}

//! The trainer walkthrough: one task at a time in large type, for sitting
//! with a new hire. → or N goes to the next task, ← or P to the previous,
//! Esc leaves; the level can be switched with 1, 2 and 3.

use super::checklist::{LevelItems, LevelSignOffLine, Signing, SigningBar, TrainingActivities};
use super::{ProgressFigures, missing_role, role_of, trainee_by_id, trainee_href};
use crate::domain::roles::level::{Level, expected_level};
use crate::domain::roles::library::TRAINING_ACTIVITIES;
use crate::ui::state::use_app;
use crate::ui::widgets::FormMessage;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// True when a key press belongs to a form field (typing a name must not
/// turn the page).
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().to_ascii_lowercase().as_str(), "input" | "textarea" | "select"))
        .unwrap_or(false)
}

#[component]
pub fn Walkthrough(id: String) -> impl IntoView {
    let state = use_app();
    let id = StoredValue::new(id);
    let trainee = Memo::new(move |_| trainee_by_id(state, &id.get_value()));
    let role = Memo::new(move |_| trainee.get().and_then(|t| role_of(state, &t)));
    let signing = Signing::new(&id.get_value(), trainee.get_untracked().map(|t| t.trainer));
    let index = RwSignal::new(0usize);
    let level = RwSignal::new(
        trainee
            .get_untracked()
            .map(|t| expected_level(t.start_date, state.as_of.get_untracked().date))
            .unwrap_or(Level::New),
    );
    let count = move || role.with(|r| r.as_ref().map(|r| r.tasks.len()).unwrap_or(0));
    let exit = move || {
        let _ = window().location().set_hash(&trainee_href(&id.get_value()));
    };
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if typing(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let n = count();
        match ev.key().as_str() {
            "ArrowRight" | "n" | "N" if n > 0 => {
                ev.prevent_default();
                index.update(|i| *i = (*i + 1).min(n - 1));
            }
            "ArrowLeft" | "p" | "P" => {
                ev.prevent_default();
                index.update(|i| *i = i.saturating_sub(1));
            }
            "1" => level.set(Level::New),
            "2" => level.set(Level::Meeting),
            "3" => level.set(Level::Exceeding),
            "Escape" => exit(),
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
    move || {
        let Some(t) = trainee.get() else {
            return view! { <section class="page"><h1>"Trainee not found"</h1></section> }.into_any();
        };
        let Some(role) = role.get() else {
            return view! { <section class="page"><p class="form-message error">{missing_role(&t)}</p></section> }
                .into_any();
        };
        if role.tasks.is_empty() {
            return view! { <section class="page"><p>"This role has no tasks yet; add them in the role library."</p></section> }.into_any();
        }
        let i = index.get().min(role.tasks.len() - 1);
        let task = role.tasks[i].clone();
        let l = level.get();
        let as_of = state.as_of.get().date;
        let behind: Vec<String> = t.behind_keys(&role, as_of);
        let part = task.level(l).clone();
        let n = role.tasks.len();
        // Worked out here: a `>` inside a `view!` attribute would end the tag.
        let (at_first, at_last) = (i == 0, i + 1 >= n);
        view! {
            <section class="walkthrough" data-testid="walkthrough" data-task-index=i.to_string() aria-live="polite">
                <header class="walk-head">
                    <span class="walk-who">{format!("{} · {} · trainer {}", t.name, t.role, t.trainer)}</span>
                    <ProgressFigures figures=t.progress.overall(&role) trainee=t.name.clone()/>
                    <a class="button secondary" href=trainee_href(&t.id) data-testid="walkthrough-exit">"Leave walkthrough (Esc)"</a>
                </header>
                <SigningBar signing/>
                <FormMessage message=signing.message testid="checklist-message"/>
                <p class="walk-position" data-testid="walkthrough-position">{format!("Task {} of {}", i + 1, n)}</p>
                <article data-testid="role-task" data-role=role.name.clone() data-task=task.key.clone()>
                    <h1 data-testid="walkthrough-task">{task.title.clone()}</h1>
                    <p class="why"><strong>"Why it matters: "</strong>{task.why.clone()}</p>
                    <div class="walk-body">
                        <div class="walk-items">
                            <div class="level-tabs" role="group" aria-label="Level">
                                {Level::ALL.into_iter().enumerate().map(|(k, lv)| view! {
                                    <button type="button" class="chip" aria-pressed=(lv == l).to_string() data-testid="level-choice" data-level=lv.code() on:click=move |_| level.set(lv)>{format!("{} {}", k + 1, lv.label())}</button>
                                }).collect_view()}
                            </div>
                            <p class="task-figures">{l.label()}": " <ProgressFigures figures=t.progress.task_figures(&task, Some(l))/></p>
                            {part.note.clone().map(|note| view! { <p class="hint">{note}</p> })}
                            <LevelItems part=part level=l trainee=t.clone() signing behind=behind.clone() large=true/>
                            <LevelSignOffLine level=l trainee=t.clone() signing/>
                        </div>
                        <aside class="walk-resources" data-testid="walkthrough-resources">
                            {task.resources.iter().filter(|g| !g.heading.trim().eq_ignore_ascii_case(TRAINING_ACTIVITIES)).map(|g| view! {
                                <h2>{g.heading.clone()}</h2>
                                <ul>{g.items.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
                            }).collect_view()}
                            <TrainingActivities task=task.clone() trainee=t.clone() signing large=true/>
                            {task.resources.is_empty().then(|| view! { <p class="hint">"No knowledge, skills or training activities are listed for this task."</p> })}
                        </aside>
                    </div>
                </article>
                <nav class="walk-nav">
                    <button type="button" class="secondary" data-testid="walkthrough-prev" disabled={at_first} on:click=move |_| index.update(|x| *x = x.saturating_sub(1))>"← Previous task (P)"</button>
                    <button type="button" data-testid="walkthrough-next" disabled={at_last} on:click=move |_| index.update(|x| *x = (*x + 1).min(n - 1))>"Next task (N) →"</button>
                </nav>
            </section>
        }.into_any()
    }
}

//! The team matrix: trainees × tasks with the level reached and verified,
//! one table per role, exportable to CSV.

use super::{agency_name, trainee_href};
use crate::domain::roles::level::Level;
use crate::domain::roles::team::{Cell, matrix, team_csv};
use crate::ui::state::use_app;
use crate::ui::widgets::form_message::Outcome;
use crate::ui::widgets::{FormMessage, files};
use leptos::prelude::*;

fn level_text(level: Option<Level>) -> &'static str {
    match level {
        None => "—",
        Some(Level::New) => "New",
        Some(Level::Meeting) => "Meeting",
        Some(Level::Exceeding) => "Exceeding",
    }
}

#[component]
pub fn TeamMatrix() -> impl IntoView {
    let state = use_app();
    let message = RwSignal::new(None::<Outcome>);
    let cells = Memo::new(move |_| {
        let as_of = state.as_of.get().date;
        let agency = agency_name(state);
        state.trainees.with(|t| state.library.with(|l| matrix(t, &l.for_agency(agency.as_deref()), as_of)))
    });
    let export = move |_| {
        let as_of = state.as_of.get_untracked().date;
        let agency = untrack(|| agency_name(state));
        let text = state
            .trainees
            .with_untracked(|t| state.library.with_untracked(|l| team_csv(t, &l.for_agency(agency.as_deref()), as_of)));
        match files::download(&format!("team-progress-{as_of}.csv"), "text/csv", &text) {
            Ok(()) => message.set(Some(Outcome::Done("The team matrix was exported.".into()))),
            Err(e) => message.set(Some(Outcome::Refused(e))),
        }
    };
    view! {
        <section class="card" data-testid="team-matrix">
            <div class="page-head">
                <h2>"Team matrix"</h2>
                <button type="button" class="secondary" data-testid="team-export" on:click=export>"Export CSV"</button>
            </div>
            <p class="hint">"Each cell shows the highest level of the task the trainee has self-checked in full, and below it the highest level the trainer has verified (each level counts only once every item of it and of the levels below is done)."</p>
            <FormMessage message testid="team-message"/>
            {move || cells.with(|cells| {
                let mut roles: Vec<String> = Vec::new();
                for c in cells {
                    if !roles.contains(&c.role) {
                        roles.push(c.role.clone());
                    }
                }
                roles.into_iter().map(|role| {
                    let of_role: Vec<&Cell> = cells.iter().filter(|c| c.role == role).collect();
                    let mut tasks: Vec<(String, String)> = Vec::new();
                    let mut people: Vec<(String, String)> = Vec::new();
                    for c in &of_role {
                        if !tasks.iter().any(|(k, _)| *k == c.task_key) { tasks.push((c.task_key.clone(), c.task.clone())); }
                        if !people.iter().any(|(k, _)| *k == c.trainee_id) { people.push((c.trainee_id.clone(), c.trainee.clone())); }
                    }
                    view! {
                        <h3>{role.clone()}</h3>
                        <div class="table-scroll">
                            <table class="data-table matrix" data-role=role.clone()>
                                <thead><tr><th>"Trainee"</th>{tasks.iter().map(|(_, t)| view! { <th class="task-head">{t.clone()}</th> }).collect_view()}</tr></thead>
                                <tbody>
                                    {people.iter().map(|(id, name)| view! {
                                        <tr data-testid="matrix-row" data-trainee=name.clone()>
                                            <th><a href=trainee_href(id)>{name.clone()}</a></th>
                                            {tasks.iter().map(|(k, _)| {
                                                let c = of_role.iter().find(|c| &c.trainee_id == id && &c.task_key == k).copied();
                                                match c {
                                                    Some(c) => {
                                                        // Short: a level whose period has ended is not verified.
                                                        let required = match c.expected { Level::New => None, Level::Meeting => Some(Level::New), Level::Exceeding => Some(Level::Meeting) };
                                                        let short = c.verified < required;
                                                        view! {
                                                            <td class=if short { "cell short" } else { "cell" } data-testid="matrix-cell" data-reached=c.reached.map(Level::code).unwrap_or("") data-verified=c.verified.map(Level::code).unwrap_or("")>
                                                                <span class="reached">{level_text(c.reached)}</span>
                                                                <span class="verified">{format!("verified: {}", level_text(c.verified))}</span>
                                                            </td>
                                                        }.into_any()
                                                    }
                                                    None => view! { <td></td> }.into_any(),
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }
                }).collect_view()
            })}
        </section>
    }
}

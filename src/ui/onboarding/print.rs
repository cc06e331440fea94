//! Printable documents: a trainee's competency record and a blank sign-off
//! sheet per role and level (for the agency's files, or to fill in by hand).

use super::{for_trainees, missing_role, role_of, roles_href, trainee_by_id, trainee_href};
use crate::domain::roles::level::{Level, expected_level, level_due, tenure_text};
use crate::ui::state::use_app;
use leptos::prelude::*;

fn date(d: chrono::NaiveDate) -> String {
    d.format("%b %-d, %Y").to_string()
}

fn level_from_code(code: &str) -> Option<Level> {
    Level::ALL.into_iter().find(|l| l.code() == code)
}

#[component]
pub fn CompetencyRecord(id: String) -> impl IntoView {
    let state = use_app();
    move || {
        let Some(t) = trainee_by_id(state, &id) else {
            return view! { <section class="page"><h1>"Trainee not found"</h1></section> }.into_any();
        };
        let Some(role) = role_of(state, &t) else {
            return view! { <section class="page"><p class="form-message error">{missing_role(&t)}</p></section> }
                .into_any();
        };
        let as_of = state.as_of.get().date;
        let level = expected_level(t.start_date, as_of);
        let figures = t.progress.overall(&role);
        let agency = state.workspace_name.get();
        view! {
            <section class="page print-document" data-testid="competency-record">
                <div class="actions no-print">
                    <a href=trainee_href(&t.id)>"← Back to the checklist"</a>
                    <button type="button" data-testid="record-print" on:click=move |_| { let _ = window().print(); }>"Print"</button>
                </div>
                <h1>{format!("Competency record — {}", t.name)}</h1>
                <table class="doc-facts">
                    <tbody>
                        <tr><th>"Agency"</th><td>{agency}</td><th>"Role"</th><td>{t.role.clone()}</td></tr>
                        <tr><th>"Trainer"</th><td>{t.trainer.clone()}</td><th>"Start date"</th><td>{date(t.start_date)}</td></tr>
                        <tr><th>"Tenure on " {date(as_of)}</th><td>{tenure_text(t.start_date, as_of)}</td><th>"Expected level"</th><td>{level.label()}</td></tr>
                        <tr><th>"Self-checked"</th><td>{format!("{}% ({} of {})", figures.self_percent(), figures.self_checked, figures.items)}</td><th>"Verified"</th><td>{format!("{}% ({} of {})", figures.verified_percent(), figures.verified, figures.items)}</td></tr>
                    </tbody>
                </table>
                {Level::ALL.into_iter().map(|l| {
                    let due = level_due(t.start_date, l).map(date).unwrap_or_else(|| "ongoing".into());
                    let sign = t.progress.level_sign_off(l).cloned();
                    view! {
                        <h2>{format!("{} — due {due}", l.label())}</h2>
                        <p class="signoff-line" data-testid="record-level" data-level=l.code()>
                            {match sign {
                                Some(s) => format!("Signed off as complete by {} on {}{}", s.by, date(s.on), if s.note.is_empty() { String::new() } else { format!(" — {}", s.note) }),
                                None => "Not signed off".to_string(),
                            }}
                        </p>
                        <table class="print-table record-table">
                            <thead><tr><th>"Task"</th><th>"Expectation"</th><th>"Status"</th><th>"Self-checked"</th><th>"Verified by"</th><th>"On"</th><th>"Note"</th></tr></thead>
                            <tbody>
                                {role.items_at(l).enumerate().map(|(n, (task, item))| {
                                    let p = t.progress.item(&item.key).clone();
                                    // A lead-in heads the first item it introduces in its task.
                                    let before = n.checked_sub(1).and_then(|b| role.items_at(l).nth(b));
                                    let lead_in = item.context.clone().filter(|c| !before.is_some_and(|(bt, bi)| bt.key == task.key && bi.context.as_ref() == Some(c)));
                                    view! {
                                        {lead_in.map(|c| view! { <tr class="context-row" data-testid="item-context"><td>{task.title.clone()}</td><td colspan="6"><em>{c}</em></td></tr> })}
                                        <tr data-testid="record-item" data-item=item.key.clone()>
                                            <td>{task.title.clone()}</td>
                                            <td>{item.text.clone()}</td>
                                            <td>{p.status.label()}</td>
                                            <td>{p.self_check.as_ref().map(|s| date(s.on)).unwrap_or_default()}</td>
                                            <td>{p.verified.as_ref().map(|s| s.by.clone()).unwrap_or_default()}</td>
                                            <td>{p.verified.as_ref().map(|s| date(s.on)).unwrap_or_default()}</td>
                                            <td>{p.verified.as_ref().map(|s| s.note.clone()).unwrap_or_default()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                }).collect_view()}
                <h2>"Training activities"</h2>
                <table class="print-table record-table" data-testid="record-activities">
                    <thead><tr><th>"Task"</th><th>"Activity"</th><th>"Done on"</th><th>"Recorded by"</th></tr></thead>
                    <tbody>
                        {role.tasks.iter().flat_map(|task| task.training_activities().map(move |(n, a)| (task, n, a.to_string()))).map(|(task, n, a)| {
                            let done = t.progress.activity_done(&task.key, n).cloned();
                            let is_done = done.is_some();
                            view! {
                                <tr data-testid="record-activity" data-task=task.key.clone() data-activity=n data-done=is_done.to_string()>
                                    <td>{task.title.clone()}</td>
                                    <td>{a}</td>
                                    <td>{done.as_ref().map(|d| date(d.on)).unwrap_or_default()}</td>
                                    <td>{done.map(|d| d.by).unwrap_or_default()}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="signatures">
                    <p>"Trainee: ______________________ Date: __________"</p>
                    <p>"Trainer: ______________________ Date: __________"</p>
                </div>
            </section>
        }.into_any()
    }
}

#[component]
pub fn BlankSheet(role: String, level: String) -> impl IntoView {
    let state = use_app();
    move || {
        let Some(r) = state.library.with(|l| l.role(&role).map(|r| for_trainees(state, r))) else {
            return view! { <section class="page"><h1>"Role not found"</h1><p>"There is no role \"" {role.clone()} "\" in the library. " <a href=roles_href()>"Role library"</a></p></section> }.into_any();
        };
        let Some(l) = level_from_code(&level) else {
            return view! { <section class="page"><h1>"Level not found"</h1><p>"The level must be new, meeting or exceeding."</p></section> }.into_any();
        };
        view! {
            <section class="page print-document" data-testid="signoff-sheet" data-role=r.name.clone() data-level=l.code()>
                <div class="actions no-print">
                    <a href=roles_href()>"← Role library"</a>
                    <button type="button" data-testid="sheet-print" on:click=move |_| { let _ = window().print(); }>"Print"</button>
                </div>
                <h1>{format!("{} — sign-off sheet", r.name)}</h1>
                <p class="lead">{l.label()}</p>
                <p>"Trainee: ______________________  Trainer: ______________________  Start date: __________"</p>
                {r.tasks.iter().map(|task| {
                    let part = task.level(l).clone();
                    view! {
                        <h2>{task.title.clone()}</h2>
                        {part.note.clone().map(|n| view! { <p class="hint">{n}</p> })}
                        {(!part.items.is_empty()).then(|| view! {
                            <table class="print-table sheet-table">
                                <thead><tr><th>"Expectation"</th><th>"Status (circle one)"</th><th>"Trainee ✓"</th><th>"Trainer initials"</th><th>"Date"</th></tr></thead>
                                <tbody>
                                    {part.runs().into_iter().flat_map(|(context, items)| items.into_iter().enumerate().map(move |(k, item)| (context.filter(|_| k == 0), item))).map(|(context, item)| view! {
                                        {context.map(|c| view! { <tr class="context-row" data-testid="item-context"><td colspan="5"><em>{c.to_string()}</em></td></tr> })}
                                        <tr data-testid="sheet-item">
                                            <td>{item.text.clone()}</td>
                                            <td class="scale">"Not started · Learning · Observed · Independent"</td>
                                            <td class="box">"☐"</td>
                                            <td class="blank"></td>
                                            <td class="blank"></td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                    }
                }).collect_view()}
                <div class="signatures">
                    <p>{format!("{} signed off as complete.", l.label())}</p>
                    <p>"Trainee: ______________________ Date: __________"</p>
                    <p>"Trainer: ______________________ Date: __________"</p>
                </div>
            </section>
        }.into_any()
    }
}

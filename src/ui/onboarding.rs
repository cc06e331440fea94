//! Onboarding: the people in training, their tenure and expected level.

use super::state::use_app;
use super::widgets::EmptyState;
use crate::domain::trainees::{expected_level, level_due, tenure_text};
use crate::routes::Page;
use leptos::prelude::*;

#[component]
pub fn OnboardingPage() -> impl IntoView {
    let state = use_app();
    move || {
        if state.trainees.with(Vec::is_empty) {
            return view! {
                <EmptyState title="Onboarding" start_at=Page::Settings start_label="Open the demo workspace in Settings">
                    <p>"Trainers walk new Client Managers and Client Advocates through the tasks of their role at three tenure levels (new in role, meeting expectations, exceeding expectations), with dated sign-offs in place of paper sheets."</p>
                    <p>"No trainees have been added to this workspace yet. The demo workspace has three, one at each level."</p>
                </EmptyState>
            }
            .into_any();
        }
        view! { <TraineeList/> }.into_any()
    }
}

#[component]
fn TraineeList() -> impl IntoView {
    let state = use_app();
    view! {
        <section class="page">
            <h1>"Onboarding"</h1>
            <p class="lead">"Tenure is counted from each start date to the as-of date; it sets the level a trainee is expected to work at (0–3 months new in role, 3–6 months meeting expectations, then exceeding expectations)."</p>
            <table class="data-table" data-testid="trainee-table">
                <thead>
                    <tr><th>"Trainee"</th><th>"Role"</th><th>"Trainer"</th><th>"Started"</th><th>"Tenure"</th><th>"Expected level"</th><th>"Level due"</th></tr>
                </thead>
                <tbody>
                    {move || {
                        let as_of = state.as_of.get().date;
                        state.trainees.get().into_iter().map(|t| {
                            let level = expected_level(t.start_date, as_of);
                            let due = level_due(t.start_date, level).map(|d| d.format("%b %-d, %Y").to_string()).unwrap_or_else(|| "ongoing".into());
                            view! {
                                <tr data-testid="trainee-row" data-trainee=t.name.clone()>
                                    <td>{t.name.clone()}</td>
                                    <td>{t.role.clone()}</td>
                                    <td>{t.trainer.clone()}</td>
                                    <td>{t.start_date.format("%b %-d, %Y").to_string()}</td>
                                    <td>{tenure_text(t.start_date, as_of)}</td>
                                    <td data-level=level.code()>{level.label()}</td>
                                    <td>{due}</td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}

//! Onboarding: role-expectation checklists.

use super::widgets::EmptyState;
use leptos::prelude::*;

#[component]
pub fn OnboardingPage() -> impl IntoView {
    view! {
        <EmptyState title="Onboarding">
            <p>"Trainers walk new Client Managers and Client Advocates through the tasks of their role at three tenure levels (new in role, meeting expectations, exceeding expectations), with dated sign-offs in place of paper sheets."</p>
            <p>"No trainees have been added to this workspace yet."</p>
        </EmptyState>
    }
}

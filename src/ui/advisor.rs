//! Service model: centralized or distributed account management.

use super::widgets::EmptyState;
use leptos::prelude::*;

#[component]
pub fn AdvisorPage() -> impl IntoView {
    view! {
        <EmptyState title="Service model">
            <p>"A short questionnaire on how alike clients' needs are, how much regulation varies, the volume of calls, how teams are split, and how much the work relies on a shared skill set or on local relationships, leading to a reasoned recommendation: a centralized home-office team, a local distributed one, or a mix."</p>
            <p>"Several answers can be read from the book (department mix, number of accounts, spread of revenue), so it is best taken once accounts are in."</p>
        </EmptyState>
    }
}

//! Dashboard: the morning overview.

use super::widgets::EmptyState;
use leptos::prelude::*;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <EmptyState title="Dashboard">
            <p>"The dashboard is the agency's morning overview. Once the book has accounts it shows:"</p>
            <ul>
                <li>"renewals expiring in the next 30, 60 and 90 days, overdue milestones and renewals past their lead time;"</li>
                <li>"commission revenue by department, the revenue-tier chart, the concentration flag and the number of money-losing accounts;"</li>
                <li>"each trainee's tenure, expected level and sign-off progress."</li>
            </ul>
            <p>"There are no accounts in this workspace yet, so there is nothing to count. Add or import accounts in Book first."</p>
        </EmptyState>
    }
}

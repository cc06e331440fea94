//! Profitability: revenue tiers, concentration, cost to serve.

use super::widgets::EmptyState;
use leptos::prelude::*;

#[component]
pub fn ProfitabilityPage() -> impl IntoView {
    view! {
        <EmptyState title="Account profitability">
            <p>"This page arrays the book by commission revenue the way an owner would in a spreadsheet, department by department:"</p>
            <ul>
                <li>"revenue tiers with total revenue, share of revenue, number and share of clients;"</li>
                <li>"concentration: how few accounts carry half of the revenue;"</li>
                <li>"the cost of a minute from salaries and benefits, the cost of each process, and the net of every account and tier."</li>
            </ul>
            <p>"It needs accounts with commission revenue, and there are none in this workspace yet."</p>
        </EmptyState>
    }
}

//! Renewals: the countdown board.

use super::widgets::EmptyState;
use leptos::prelude::*;

#[component]
pub fn RenewalsPage() -> impl IntoView {
    view! {
        <EmptyState title="Renewal countdown">
            <p>"The board counts every upcoming renewal down to its expiration date, in columns from expired to beyond 180 days, with the Client Service Plan milestones due for each one, who owns them and what is done. Renewals should start at least 120 days before expiration (150 to 180 for larger commercial accounts)."</p>
            <p>"It needs policies with expiration dates, and there are none in this workspace yet."</p>
        </EmptyState>
    }
}

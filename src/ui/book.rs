//! Book: the agency's accounts and policies.

use super::widgets::EmptyState;
use crate::routes::Page;
use leptos::prelude::*;

#[component]
pub fn BookPage() -> impl IntoView {
    view! {
        <EmptyState title="Book of business" start_at=Page::Settings start_label="Open Settings">
            <p>"The book holds every account (client, department, producer, client manager, client advocate) and its policies (number, line, carrier, effective and expiration dates, premium, commission). Every other page reads it."</p>
            <p>"This workspace has no accounts yet. Adding accounts by hand and importing an AMS export (CSV or Excel) are the next pieces of work on this page; until then there is nothing to list. Settings shows the workspace and the as-of date."</p>
        </EmptyState>
    }
}

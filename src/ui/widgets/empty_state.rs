//! An honest empty state: what the page is for, what it needs, where to start.

use crate::routes::Page;
use leptos::prelude::*;

/// Shown by a page that has nothing to show yet. `children` explain what the
/// page does; the call to action links to the page where the data comes from.
#[component]
pub fn EmptyState(
    /// The page heading.
    title: &'static str,
    /// Where the user should go to give this page something to work with.
    #[prop(default = Page::Book)]
    start_at: Page,
    /// The link text for `start_at`.
    #[prop(default = "Go to Book")]
    start_label: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="page">
            <h1>{title}</h1>
            <div class="empty-state" data-testid="empty-state">
                {children()}
                <p><a class="button" href=start_at.href()>{start_label}</a></p>
            </div>
        </section>
    }
}

//! Renewals: the countdown board, a renewal's plan with its checklist, and
//! the milestones export.

use super::state::use_app;
use super::widgets::EmptyState;
use leptos::prelude::*;

mod board;
mod checklist;
mod current;
mod detail;
mod expirations;
mod lead_times;
mod lost;
mod outcome;
mod record_text;
mod stewardship;
mod tracking;
mod workload;

pub use current::provide_current_renewals;
pub(super) use current::use_current_renewals;
pub use tracking::TrackingStart;

#[component]
pub fn RenewalsPage() -> impl IntoView {
    let state = use_app();
    let has_renewals =
        move || state.book.with(|b| b.policies.iter().any(|p| p.expiration.is_some() && p.status.is_live()));
    view! {
        <Show
            when=has_renewals
            fallback=|| view! {
                <EmptyState title="Renewal countdown">
                    <p>"The board counts every upcoming renewal down to its expiration date, in columns from expired to beyond 180 days, with the Client Service Plan milestones due for each one, who owns them and what is done. Renewals should start at least 120 days before expiration (150 to 180 for larger commercial accounts)."</p>
                    <p>"It needs policies with expiration dates, and there are none in this workspace yet."</p>
                </EmptyState>
            }
        >
            <board::Board/>
        </Show>
    }
}

/// Prints with `class` on `<body>`, which the print stylesheet uses to show
/// one part of the page only.
fn print_with_class(class: &str) {
    let body = document().body();
    if let Some(b) = &body {
        let _ = b.class_list().add_1(class);
    }
    let _ = window().print();
    if let Some(b) = &body {
        let _ = b.class_list().remove_1(class);
    }
}

/// A change to a renewal's stored record, which may refuse with a reason.
pub(super) type RecordChange =
    Box<dyn FnOnce(&mut crate::domain::renewals::board::RenewalRecord) -> Result<(), String>>;
/// What the panel does once a change is stored (Ok) or refused (Err).
pub(super) type AfterChange = Box<dyn FnOnce(Result<&crate::domain::renewals::board::RenewalRecord, ()>)>;

//! Renewals: the countdown board, a renewal's plan with its checklist, and
//! the milestones export.

use super::state::{AppState, use_app};
use super::widgets::EmptyState;
use crate::domain::book::Department;
use crate::domain::profitability::analysis::TierLabeller;
use crate::domain::renewals::board::{Renewal, renewals};
use leptos::prelude::*;

mod board;
mod checklist;
mod detail;
mod expirations;
mod lead_times;
mod lost;
mod outcome;
mod record_text;
mod stewardship;
mod tracking;
mod workload;

pub use tracking::TrackingStart;

/// Every open renewal of the workspace on the as-of date, shared by the
/// pages that show them (the Dashboard's counts and the board), so going
/// from one to the other does not work the whole board out again. Lazy:
/// worked out when a page reads it, and again only when what it depends
/// on changed (the book, the records, plans, lead times, tiers, tracking
/// start or as-of date) and a page reads it again.
#[derive(Clone, Copy)]
struct CurrentRenewals(Memo<Vec<Renewal>>);

/// Makes [`use_current_renewals`] available to every page (once, in the shell).
pub fn provide_current_renewals(state: AppState) {
    provide_context(CurrentRenewals(Memo::new(move |_| current_renewals(state))));
}

/// The open renewals on the as-of date (see [`provide_current_renewals`]).
pub(super) fn use_current_renewals() -> Memo<Vec<Renewal>> {
    expect_context::<CurrentRenewals>().0
}

/// Every open renewal of the workspace on the as-of date (reactive: call
/// inside a memo).
fn current_renewals(state: AppState) -> Vec<Renewal> {
    let as_of = state.as_of.get().date;
    let tracking = state.tracking.get();
    let tiers = state.profit.with(TierLabeller::new);
    let tier_of = |d: &Department, revenue, monoline_es| tiers.label(d, revenue, monoline_es);
    state.leads.with(|leads| {
        state.renewals.with(|records| {
            state.book.with(|b| state.plans.with(|p| renewals(b, (p, &tier_of), records, leads, as_of, tracking)))
        })
    })
}

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

//! Every open renewal of the workspace on the as-of date, shared by the
//! pages that show them (the Dashboard's counts and the board), so going
//! from one to the other does not work the whole board out again.
//!
//! The list is worked out a slice at a time ([`BoardWork`], [`in_slices`],
//! kept current by [`Kept`]), letting the browser draw and answer between
//! slices: with 100,000 accounts the whole of it takes over a second,
//! which as one task froze the page.
//! It is worked out only while a page shows it, and again only after
//! what it depends on changed (the book, the records, plans, lead times,
//! tiers, tracking start or as-of date). Until then the pages show the
//! list worked out before, saying it is being updated.

use crate::domain::book::Department;
use crate::domain::profitability::analysis::TierLabeller;
use crate::domain::renewals::board::{Board, BoardWork, FilterChoices, Renewal};
use crate::ui::state::AppState;
use crate::ui::widgets::slices::{Kept, Wanted, in_slices, version, working_note};
use leptos::prelude::*;

/// The shared list and where it stands.
#[derive(Clone, Copy)]
pub(in crate::ui) struct CurrentRenewals {
    /// The list last worked out (empty before the first one).
    pub list: ReadSignal<Vec<Renewal>>,
    /// The filters' choices and the calendar's people among `list`.
    pub choices: ReadSignal<FilterChoices>,
    pub people: ReadSignal<Vec<String>>,
    /// Whether `list` is for the workspace as it is now.
    pub fresh: ReadSignal<bool>,
    /// Whether `list` was worked out for this workspace at all (false
    /// until the first list of a workspace is ready).
    pub ready: ReadSignal<bool>,
    kept: Kept,
}

impl CurrentRenewals {
    /// Says whether the list is being worked out, for the pages showing
    /// it (`data-testid="renewals-working"`, absent once it is fresh).
    pub fn working_note(self) -> impl IntoView {
        let ready = self.ready;
        let words = ("Working out the renewals…", "Updating the renewals…");
        working_note(self.fresh, move || ready.get(), "renewals-working", words)
    }
}

/// Makes [`use_current_renewals`] available to every page (once, in the shell).
pub fn provide_current_renewals(state: AppState) {
    let (list, set_list) = signal(Vec::new());
    let (choices, set_choices) = signal(FilterChoices::default());
    let (people, set_people) = signal(Vec::new());
    let (ready, set_ready) = signal(false);
    let depends_on = version(move || {
        state.book.track();
        state.renewals.track();
        state.leads.track();
        state.plans.track();
        state.profit.track();
        state.as_of.track();
        state.tracking.track();
    });
    let forget = move || {
        set_list.set(Vec::new());
        set_choices.set(FilterChoices::default());
        set_people.set(Vec::new());
        set_ready.set(false);
    };
    let kept = Kept::new(depends_on, state.workspace_id, forget, move |wanted| async move {
        let Some(board) = work_out(state, wanted).await.filter(|_| wanted.still()) else { return false };
        set_list.set(board.renewals);
        set_choices.set(board.choices);
        set_people.set(board.people);
        set_ready.set(true);
        true
    });
    provide_context(CurrentRenewals { list, choices, people, fresh: kept.fresh, ready, kept });
}

/// The open renewals on the as-of date (see [`provide_current_renewals`]),
/// worked out while the calling component is shown.
pub(in crate::ui) fn use_current_renewals() -> CurrentRenewals {
    let current = expect_context::<CurrentRenewals>();
    current.kept.read();
    current
}

/// Works out the list from the workspace as it is now, a slice at a
/// time; None when, between slices, it is no longer wanted (what it
/// depends on changed meanwhile).
async fn work_out(state: AppState, wanted: Wanted) -> Option<Board> {
    // The book and records are shared, not copied: a change made while
    // the work runs copies them instead, and ends this work.
    let book = state.book.get_untracked();
    let records = state.renewals.get_untracked();
    let leads = state.leads.get_untracked();
    let plans = state.plans.get_untracked();
    let tiers = state.profit.with_untracked(TierLabeller::new);
    let as_of = state.as_of.get_untracked().date;
    let tracking = state.tracking.get_untracked();
    let tier_of = |d: &Department, revenue, monoline_es| tiers.label(d, revenue, monoline_es);
    let mut work = BoardWork::new(&book, (&plans, &tier_of), &records, &leads, as_of, tracking);
    in_slices(|units| work.step(units), wanted).await.then(|| work.finish())
}

//! The Book page's list of accounts, a row per account, kept while the
//! app runs so coming back to the Book does not work it out again.
//!
//! The rows are worked out a slice at a time ([`ListWork`], [`in_slices`],
//! kept current by [`Kept`]), letting the browser draw and answer between
//! slices: with 100,000 accounts the whole list takes about a quarter of a
//! second, which as one task froze the page after every import and on
//! every cold open. It is worked out only while the Book shows it, and
//! again only after the book or the as-of date changed. Until then the
//! page shows the rows worked out before, saying they are being updated.

use crate::domain::book::listing::{ListWork, Row};
use crate::ui::state::AppState;
use crate::ui::widgets::slices::{Kept, in_slices, version, working_note};
use leptos::prelude::*;

/// The shared rows and where they stand.
#[derive(Clone, Copy)]
pub(super) struct CurrentList {
    /// The rows last worked out (empty before the first ones).
    pub rows: ReadSignal<Vec<Row>>,
    /// Whether `rows` are for the workspace as it is now.
    pub fresh: ReadSignal<bool>,
    /// Whether `rows` were worked out for this workspace at all.
    ready: ReadSignal<bool>,
    kept: Kept,
}

impl CurrentList {
    /// Says whether the rows are being worked out
    /// (`data-testid="book-working"`, absent once they are fresh).
    pub fn working_note(self) -> impl IntoView {
        let ready = self.ready;
        working_note(self.fresh, move || ready.get(), "book-working", ("Working out the list…", "Updating the list…"))
    }
}

/// Makes [`use_current_list`] available to every page (once, in the shell).
pub fn provide_current_list(state: AppState) {
    let (rows, set_rows) = signal(Vec::new());
    let (ready, set_ready) = signal(false);
    // The rows change with the as-of date, not with how it was chosen.
    let as_of = Memo::new(move |_| state.as_of.with(|a| a.date));
    let depends_on = version(move || {
        state.book.track();
        as_of.track();
    });
    let forget = move || {
        set_rows.set(Vec::new());
        set_ready.set(false);
    };
    let kept = Kept::new(depends_on, state.workspace_id, forget, move |wanted| async move {
        // The book is shared, not copied: a change made while the work
        // runs copies it instead, and ends this work.
        let book = state.book.get_untracked();
        let mut work = ListWork::new(&book, as_of.get_untracked());
        if !in_slices(|units| work.step(units), wanted).await || !wanted.still() {
            return false;
        }
        set_rows.set(work.finish());
        set_ready.set(true);
        true
    });
    provide_context(CurrentList { rows, fresh: kept.fresh, ready, kept });
}

/// The rows (see [`provide_current_list`]), worked out while the calling
/// component is shown.
pub(super) fn use_current_list() -> CurrentList {
    let current = expect_context::<CurrentList>();
    current.kept.read();
    current
}

//! Each account's profitability figures and the analysis at the saved
//! inputs, shared by the pages that show them (the Dashboard's tile and
//! the Profitability page), so going from one to the other does not work
//! them out again.
//!
//! Both are worked out a slice at a time ([`FiguresWork`],
//! [`AnalysisWork`], [`in_slices`], kept current by [`Kept`]), letting
//! the browser draw and answer between slices: with 100,000 accounts they
//! take about half a second, which as one task froze the page. They are worked out only while a
//! page shows them, and again only after what they depend on changed: the
//! figures after the book, the analysis after the figures, the saved
//! inputs or the agency's departments. Until then the pages show what was
//! worked out before, saying it is being updated.

use crate::domain::book::Department;
use crate::domain::profitability::analysis::{Analysis, AnalysisWork, ProfitSettings};
use crate::domain::profitability::tiers::{AccountFigures, FiguresWork};
use crate::ui::state::AppState;
use crate::ui::widgets::slices::{Kept, in_slices, version, working_note};
use leptos::prelude::*;
use std::sync::Arc;

/// An analysis and what it was worked out with.
#[derive(Clone, Debug)]
pub struct Worked {
    pub inputs: ProfitSettings,
    pub departments: Vec<Department>,
    pub analysis: Arc<Analysis>,
}

impl Worked {
    /// Whether this is the analysis of `inputs` for `departments`.
    pub fn is_for(&self, inputs: &ProfitSettings, departments: &[Department]) -> bool {
        self.inputs == *inputs && self.departments == departments
    }
}

/// The shared figures and analysis, and where they stand.
#[derive(Clone, Copy)]
pub struct CurrentProfit {
    /// Each current account's figures (empty before the first are ready).
    pub figures: ReadSignal<Arc<Vec<AccountFigures>>>,
    /// The analysis at the saved inputs (None until the first of this
    /// workspace is ready).
    pub saved: ReadSignal<Option<Worked>>,
    /// Whether `saved` is for the workspace as it is now.
    pub fresh: ReadSignal<bool>,
    kept: Kept,
}

impl CurrentProfit {
    /// Says whether the figures are being worked out, for the pages
    /// showing them (`data-testid="profit-working"`, absent once fresh).
    pub fn working_note(self) -> impl IntoView {
        let saved = self.saved;
        let words = ("Working out the figures…", "Updating the figures…");
        working_note(self.fresh, move || saved.with(Option::is_some), "profit-working", words)
    }
}

/// Makes [`use_current_profit`] available to every page (once, in the shell).
pub fn provide_current_profit(state: AppState) {
    let (figures, set_figures) = signal(Arc::new(Vec::new()));
    let (saved, set_saved) = signal(None::<Worked>);
    let book_version = version(move || state.book.track());
    let depends_on = version(move || {
        book_version.track();
        state.profit.track();
        state.profile.track();
    });
    // The version of the book the figures are for.
    let figures_for = StoredValue::new(None::<u64>);
    let forget = move || {
        figures_for.set_value(None);
        set_figures.set(Arc::new(Vec::new()));
        set_saved.set(None);
    };
    let kept = Kept::new(depends_on, state.workspace_id, forget, move |wanted| async move {
        let book_v = book_version.get_untracked();
        if figures_for.get_value() != Some(book_v) {
            // The book is shared, not copied: a change made while the
            // work runs copies it instead, and ends this work.
            let book = state.book.get_untracked();
            let mut work = FiguresWork::new(&book);
            if !in_slices(|units| work.step(units), wanted).await {
                return false;
            }
            set_figures.set(Arc::new(work.finish()));
            figures_for.set_value(Some(book_v));
        }
        let inputs = state.profit.get_untracked();
        let departments = state.profile.with_untracked(|p| p.departments.clone());
        let figures = figures.get_untracked();
        let mut work = AnalysisWork::new(&figures, &inputs, &departments);
        if !in_slices(|units| work.step(units), wanted).await {
            return false;
        }
        let analysis = work.finish();
        set_saved.set(Some(Worked { inputs, departments, analysis: Arc::new(analysis) }));
        true
    });
    provide_context(CurrentProfit { figures, saved, fresh: kept.fresh, kept });
}

/// The figures and the saved analysis (see [`provide_current_profit`]),
/// worked out while the calling component is shown.
pub fn use_current_profit() -> CurrentProfit {
    let current = expect_context::<CurrentProfit>();
    current.kept.read();
    current
}

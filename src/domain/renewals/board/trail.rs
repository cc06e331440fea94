//! The renewals kept by the board's recent filters, so that a keystroke
//! rarely checks the whole list.
//!
//! Typing on at the end of the search box only narrows what the last
//! filter kept, so only those are checked. Deleting a character goes back
//! to a filter that was shown a moment before, whose result is still here.
//! Only a filter that narrows none of those on the trail (a new search, a
//! deletion past where the typing began, another choice) checks the whole
//! list.
//!
//! ```
//! use agency_desk::domain::renewals::board::{Filter, Trail, View};
//!
//! let typed = |t: &str| Filter { text: t.into(), ..Default::default() };
//! let names = ["harbor bakery", "harbor marine", "north mill"];
//! let mut trail = Trail::default();
//! let mut whole_checks = 0;
//! let mut kept = |trail: &mut Trail, f: &Filter| {
//!     let text = f.text.clone();
//!     trail.kept(1, f, View::All, || {
//!         whole_checks += 1;
//!         (0..names.len()).filter(|&i| names[i].contains(&text)).collect()
//!     }, |before| before.iter().copied().filter(|&i| names[i].contains(&text)).collect())
//! };
//! assert_eq!(kept(&mut trail, &typed("har")), vec![0, 1]);
//! assert_eq!(kept(&mut trail, &typed("harbor m")), vec![1]); // narrows "har"
//! assert_eq!(kept(&mut trail, &typed("har")), vec![0, 1]); // back: kept from before
//! assert_eq!(kept(&mut trail, &typed("n")), vec![1, 2]); // a new search
//! assert_eq!(whole_checks, 2);
//! ```

use super::{Filter, View};

/// Filters this deep into one search are kept (each step narrows the
/// one before, so their results shrink as the text grows).
const DEEPEST: usize = 64;

/// The filters shown lately, each narrowing the one before, with the
/// positions (in the list of that version) of the renewals each kept.
#[derive(Debug, Default)]
pub struct Trail {
    version: u64,
    steps: Vec<(Filter, View, Vec<usize>)>,
}

impl Trail {
    /// The positions kept by `filter` in `view` of the list's `version`:
    /// an earlier result when this filter was on the trail, `narrow` of
    /// the latest step it narrows, or else `whole` (checking every
    /// renewal). A new version of the list starts a new trail.
    pub fn kept(
        &mut self,
        version: u64,
        filter: &Filter,
        view: View,
        whole: impl FnOnce() -> Vec<usize>,
        narrow: impl FnOnce(&[usize]) -> Vec<usize>,
    ) -> Vec<usize> {
        if version != self.version {
            self.version = version;
            self.steps.clear();
        }
        // Back to the latest step this filter narrows (a deletion drops
        // the steps typed after it).
        while let Some((f, v, _)) = self.steps.last() {
            if *v == view && filter.narrows(f) {
                break;
            }
            self.steps.pop();
        }
        let kept = match self.steps.last() {
            Some((f, _, kept)) if f == filter => return kept.clone(),
            Some((_, _, before)) => narrow(before),
            None => whole(),
        };
        if self.steps.len() == DEEPEST {
            self.steps.remove(0);
        }
        self.steps.push((filter.clone(), view, kept.clone()));
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::Department;

    fn typed(t: &str) -> Filter {
        Filter { text: t.into(), ..Default::default() }
    }

    /// Runs `filters` through a trail over `names`, giving each result and
    /// how each was worked out ("whole", "narrow" or "kept").
    fn run(names: &[&str], filters: &[(Filter, View)]) -> Vec<(Vec<usize>, &'static str)> {
        let mut trail = Trail::default();
        filters
            .iter()
            .map(|(f, v)| {
                let how = std::cell::Cell::new("kept");
                let keeps = |i: usize| names[i].contains(&f.text);
                let kept = trail.kept(
                    7,
                    f,
                    *v,
                    || {
                        how.set("whole");
                        (0..names.len()).filter(|&i| keeps(i)).collect()
                    },
                    |before| {
                        how.set("narrow");
                        before.iter().copied().filter(|&i| keeps(i)).collect()
                    },
                );
                (kept, how.get())
            })
            .collect()
    }

    #[test]
    fn typing_narrows_and_deleting_goes_back_to_what_was_kept() {
        let names = ["client 0100", "client 0120", "client 0123", "client 0200", "client 0042"];
        let steps: Vec<(Filter, View)> =
            ["client 01", "client 012", "client 0123", "client 012", "client 01", "client 0", "client 00"]
                .iter()
                .map(|t| (typed(t), View::All))
                .collect();
        let got = run(&names, &steps);
        let hows: Vec<&str> = got.iter().map(|(_, h)| *h).collect();
        assert_eq!(hows, ["whole", "narrow", "narrow", "kept", "kept", "whole", "narrow"]);
        let kept: Vec<Vec<usize>> = got.into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            kept,
            vec![vec![0, 1, 2], vec![1, 2], vec![2], vec![1, 2], vec![0, 1, 2], vec![0, 1, 2, 3, 4], vec![4]]
        );
    }

    #[test]
    fn another_view_or_choice_or_list_checks_the_whole_list_again() {
        let names = ["harbor", "harbor marine"];
        let cl = Filter { department: Some(Department::Cl), ..typed("harbor") };
        let got = run(
            &names,
            &[
                (typed("harbor"), View::All),
                (typed("harbor"), View::Overdue),
                (cl, View::Overdue),
                (typed("harbor m"), View::Overdue),
            ],
        );
        let hows: Vec<&str> = got.iter().map(|(_, h)| *h).collect();
        // A department chosen is another filter, not a narrower one (see
        // `Filter::narrows`); after it, the plain search is checked anew.
        assert_eq!(hows, ["whole", "whole", "whole", "whole"]);
        assert_eq!(got[3].0, vec![1]);

        let mut trail = Trail::default();
        let mut wholes = 0;
        for version in [1, 1, 2] {
            trail.kept(
                version,
                &typed("a"),
                View::All,
                || {
                    wholes += 1;
                    vec![0]
                },
                |b| b.to_vec(),
            );
        }
        assert_eq!(wholes, 2, "a new version of the list is checked whole");
    }

    #[test]
    fn the_trail_stays_bounded() {
        let mut trail = Trail::default();
        let mut text = String::new();
        for _ in 0..(DEEPEST + 10) {
            text.push('a');
            trail.kept(1, &typed(&text), View::All, Vec::new, |b| b.to_vec());
        }
        assert_eq!(trail.steps.len(), DEEPEST);
    }
}

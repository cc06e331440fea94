//! The choices the board offers, drawn from the renewals on it: its
//! filters' owners, carriers and tiers, and the calendar's people.

use super::Renewal;
use rustc_hash::FxHashSet;
use std::collections::BTreeMap;

/// The owners, carriers and tiers the board's filters offer (the
/// departments are the agency's own).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterChoices {
    /// Every account owner and producer named, sorted, each once.
    pub owners: Vec<String>,
    /// Every carrier, sorted and kept once regardless of case (the first
    /// spelling met stays).
    pub carriers: Vec<String>,
    /// Every tier label, sorted, each once.
    pub tiers: Vec<String>,
}

impl FilterChoices {
    /// The choices among `list`.
    pub fn of(list: &[Renewal]) -> FilterChoices {
        let mut choices = ChoicesBuilder::default();
        for r in list {
            choices.add(r);
        }
        choices.finish()
    }
}

/// Gathers [`FilterChoices`] a renewal at a time (the board gathers them
/// as it works each renewal out). Each name is copied once, not once per
/// renewal: a board holds 100,000 renewals and a few dozen names.
#[derive(Default)]
pub struct ChoicesBuilder {
    owners: FxHashSet<String>,
    tiers: FxHashSet<String>,
    /// Every carrier spelling met, and the first one met of each carrier
    /// whatever its case, by its lower case.
    spellings: FxHashSet<String>,
    carriers: BTreeMap<String, String>,
}

impl ChoicesBuilder {
    pub fn add(&mut self, r: &Renewal) {
        for name in [&r.owner, &r.producer] {
            if !name.is_empty() {
                keep(&mut self.owners, name);
            }
        }
        keep(&mut self.tiers, &r.tier);
        for spelling in &r.carriers {
            if keep(&mut self.spellings, spelling) {
                self.carriers.entry(spelling.to_lowercase()).or_insert_with(|| spelling.clone());
            }
        }
    }

    pub fn finish(self) -> FilterChoices {
        FilterChoices {
            owners: sorted(self.owners),
            carriers: self.carriers.into_values().collect(),
            tiers: sorted(self.tiers),
        }
    }
}

/// Gathers [`crate::domain::renewals::export::people`] a renewal at a
/// time (the board gathers them as it works each renewal out), each name
/// copied once.
#[derive(Default)]
pub struct People(FxHashSet<String>);

impl People {
    /// The account team of `renewal`: its client manager (the owner, when
    /// one is named; otherwise the owner is the producer), producer and
    /// client advocate.
    pub fn add(&mut self, renewal: &Renewal) {
        for name in [&renewal.owner, &renewal.producer, &renewal.advocate] {
            let name = name.trim();
            if !name.is_empty() {
                keep(&mut self.0, name);
            }
        }
    }

    pub fn finish(self) -> Vec<String> {
        sorted(self.0)
    }
}

/// Adds `name` to `set` unless it is there; true when it was not.
fn keep(set: &mut FxHashSet<String>, name: &str) -> bool {
    if set.contains(name) {
        return false;
    }
    set.insert(name.to_string())
}

/// The names of `set`, sorted.
fn sorted(set: FxHashSet<String>) -> Vec<String> {
    let mut names: Vec<String> = set.into_iter().collect();
    names.sort_unstable();
    names
}

#[cfg(test)]
mod tests {
    use super::super::testing::renewal;
    use super::*;

    #[test]
    fn owners_and_producers_are_offered_once_each_and_blanks_never() {
        let list = [
            renewal("Zed", "Marcus", &[], "Large"),
            renewal("Elena", "", &[], "Large"),
            renewal("", "Zed", &[], "Large"),
        ];
        assert_eq!(FilterChoices::of(&list).owners, ["Elena", "Marcus", "Zed"]);
    }

    #[test]
    fn carriers_ignore_case_and_tiers_are_sorted_once() {
        let list = [
            renewal("", "", &["travelers", "Hartford"], "Small"),
            renewal("", "", &["Travelers", "acuity"], "Large"),
            renewal("", "", &["TRAVELERS"], "Small"),
        ];
        let c = FilterChoices::of(&list);
        assert_eq!(c.carriers, ["acuity", "Hartford", "travelers"]);
        assert_eq!(c.tiers, ["Large", "Small"]);
        assert_eq!(FilterChoices::of(&[]), FilterChoices::default());
    }
}

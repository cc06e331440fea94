//! The choices the board's filters offer, drawn from the renewals on it.

use super::Renewal;

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
        let mut owners: Vec<String> =
            list.iter().flat_map(|r| [r.owner.clone(), r.producer.clone()]).filter(|s| !s.is_empty()).collect();
        owners.sort();
        owners.dedup();
        let mut carriers: Vec<String> = list.iter().flat_map(|r| r.carriers.iter().cloned()).collect();
        carriers.sort_by_key(|c| c.to_lowercase());
        carriers.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        let mut tiers: Vec<String> = list.iter().map(|r| r.tier.clone()).collect();
        tiers.sort();
        tiers.dedup();
        FilterChoices { owners, carriers, tiers }
    }
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

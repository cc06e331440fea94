//! The app's guidance for a mix: which parts of this book suit a central,
//! pooled team and which suit account managers of their own.
//!
//! Accounts are placed by their revenue tier, with the tier sets and the
//! small-account threshold the agency keeps for profitability: an account
//! whose tier lies wholly below the threshold (the tier's upper bound is at
//! or under it) is one of the many small, alike accounts a pooled team can
//! serve; every other account (the threshold's own tier and above, and the
//! open-ended top tier) gets a dedicated account manager. With the default
//! Commercial Lines tiers and a $2,500 threshold, that is every account
//! under $2,500; with the default Personal Lines tiers, whose top tier
//! starts at $1,000, it is every account under $1,000.
//!
//! Only current accounts count (former clients are left out), with the
//! revenue the profitability pages use; one segment per department and
//! side, the largest revenue first.

use super::Model;
use crate::domain::book::{Book, Department};
use crate::domain::money::Cents;
use crate::domain::profitability::analysis::{ProfitSettings, tiered_revenue};
use crate::domain::profitability::tiers::account_figures;
use std::collections::BTreeSet;

/// Accounts of one department the app suggests serving one way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// [`Model::Centralized`] (a pooled team) or [`Model::Distributed`]
    /// (a dedicated account manager).
    pub model: Model,
    pub department: Department,
    /// Labels of the tiers holding the segment's accounts, largest first.
    pub tiers: Vec<String>,
    pub accounts: usize,
    /// Commission revenue of those accounts.
    pub revenue: Cents,
    /// Current accounts of the whole department.
    pub department_accounts: usize,
}

/// Whether an account of `department` with `revenue` suits a pooled team:
/// its tier lies wholly below the small-account threshold.
pub fn suits_pooled_team(settings: &ProfitSettings, department: &Department, revenue: Cents) -> bool {
    let set = settings.tier_set(department);
    set.max(set.tier_of(revenue)).is_some_and(|upper| upper <= settings.rules.small_account_below)
}

/// The segments of `book`: centralized ones first, then distributed, each
/// side by revenue (then department code). Empty for a book with no
/// current accounts; a side with no accounts has no segment.
pub fn segments(book: &Book, settings: &ProfitSettings) -> Vec<Segment> {
    // (segment, the tiers its accounts fall in) while counting.
    let mut building: Vec<(Segment, BTreeSet<usize>)> = Vec::new();
    let mut sizes: Vec<(Department, usize)> = Vec::new();
    for f in account_figures(book) {
        match sizes.iter_mut().find(|(d, _)| *d == f.department) {
            Some((_, n)) => *n += 1,
            None => sizes.push((f.department.clone(), 1)),
        }
        // Placed by the tier the Profitability page arrays it in (the what-if E&S fee included).
        let tiered = tiered_revenue(f.revenue, f.is_monoline_es(), settings.rules.monoline_es_fee);
        let model =
            if suits_pooled_team(settings, &f.department, tiered) { Model::Centralized } else { Model::Distributed };
        let tier = settings.tier_set(&f.department).tier_of(tiered);
        let i = match building.iter().position(|(s, _)| s.model == model && s.department == f.department) {
            Some(i) => i,
            None => {
                let empty = Segment {
                    model,
                    department: f.department.clone(),
                    tiers: Vec::new(),
                    accounts: 0,
                    revenue: 0,
                    department_accounts: 0,
                };
                building.push((empty, BTreeSet::new()));
                building.len() - 1
            }
        };
        let (segment, tiers) = &mut building[i];
        segment.accounts += 1;
        segment.revenue += f.revenue;
        tiers.insert(tier);
    }
    let mut out: Vec<Segment> = building
        .into_iter()
        .map(|(mut s, tiers)| {
            let set = settings.tier_set(&s.department);
            s.tiers = tiers.into_iter().map(|t| set.label(t)).collect();
            s.department_accounts = sizes.iter().find(|(d, _)| *d == s.department).map_or(0, |(_, n)| *n);
            s
        })
        .collect();
    out.sort_by(|a, b| {
        (a.model != Model::Centralized)
            .cmp(&(b.model != Model::Centralized))
            .then_with(|| b.revenue.cmp(&a.revenue))
            .then_with(|| a.department.code().cmp(b.department.code()))
    });
    out
}

/// Accounts and revenue of every segment on one side.
pub fn side_total(segments: &[Segment], model: Model) -> (usize, Cents) {
    segments.iter().filter(|s| s.model == model).fold((0, 0), |(n, r), s| (n + s.accounts, r + s.revenue))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{Account, Policy, PolicyStatus};
    use crate::domain::profitability::tiers::TierSet;

    /// An account with one live policy per commission given (cents).
    fn add(book: &mut Book, id: &str, department: Department, commissions: &[Cents]) {
        book.accounts.push(Account::new(id, id, department));
        for (n, c) in commissions.iter().enumerate() {
            let mut p = Policy::new(&format!("{id}-{n}"), id);
            p.commission = *c;
            book.policies.push(p);
        }
    }

    /// CL: $12,000 (two policies), $2,500.00, $2,499.99, $400 and a former
    /// client; PL: $1,200, $999.99, $150, $50, −$20; Benefits: $3,000.
    fn book() -> Book {
        let mut b = Book::default();
        add(&mut b, "c1", Department::Cl, &[700_000, 500_000]);
        add(&mut b, "c2", Department::Cl, &[250_000]);
        add(&mut b, "c3", Department::Cl, &[249_999]);
        add(&mut b, "c4", Department::Cl, &[40_000]);
        add(&mut b, "c5", Department::Cl, &[90_000]);
        b.policies.last_mut().unwrap().status = PolicyStatus::Lost;
        add(&mut b, "p1", Department::Pl, &[120_000]);
        add(&mut b, "p2", Department::Pl, &[99_999]);
        add(&mut b, "p3", Department::Pl, &[15_000]);
        add(&mut b, "p4", Department::Pl, &[5_000]);
        add(&mut b, "p5", Department::Pl, &[-2_000]);
        add(&mut b, "b1", Department::Benefits, &[300_000]);
        b
    }

    fn seg(
        model: Model,
        department: Department,
        tiers: &[&str],
        accounts: usize,
        revenue: Cents,
        department_accounts: usize,
    ) -> Segment {
        Segment {
            model,
            department,
            tiers: tiers.iter().map(|t| t.to_string()).collect(),
            accounts,
            revenue,
            department_accounts,
        }
    }

    #[test]
    fn a_hand_worked_book_splits_at_the_small_account_threshold() {
        // Default tiers and the default $2,500 threshold. CL: c3 + c4 pooled
        // ($2,499.99 + $400 = $2,899.99), c1 + c2 dedicated ($12,000 + $2,500
        // = $14,500; $2,500 opens the $2,500 – $4,999 tier); the lost c5 is
        // not counted. PL: every tier under its top one ($1,000 and over) is
        // wholly under $2,500: $999.99 + $150 + $50 − $20 = $1,179.99 pooled,
        // p1's $1,200 dedicated. Benefits ($3,000, CL tiers): dedicated.
        let settings = ProfitSettings::default();
        assert_eq!(settings.rules.small_account_below, 250_000);
        let got = segments(&book(), &settings);
        assert_eq!(
            got,
            vec![
                seg(Model::Centralized, Department::Cl, &["$1,500 – $2,499", "Under $500"], 2, 289_999, 4),
                seg(Model::Centralized, Department::Pl, &["$750 – $999", "$100 – $249", "Under $100"], 4, 117_999, 5),
                seg(Model::Distributed, Department::Cl, &["$10,000 and over", "$2,500 – $4,999"], 2, 1_450_000, 4),
                seg(Model::Distributed, Department::Benefits, &["$2,500 – $4,999"], 1, 300_000, 1),
                seg(Model::Distributed, Department::Pl, &["$1,000 and over"], 1, 120_000, 5),
            ]
        );
        assert_eq!(side_total(&got, Model::Centralized), (6, 407_998));
        assert_eq!(side_total(&got, Model::Distributed), (4, 1_870_000));
        // Every current account is in exactly one segment.
        assert_eq!(got.iter().map(|s| s.accounts).sum::<usize>(), 10);
    }

    #[test]
    fn the_agencys_threshold_and_tiers_move_the_line() {
        // A $100 threshold: no CL tier lies wholly under it (the lowest runs
        // to $499.99); PL's "Under $100" does: $50 − $20 = $30 pooled.
        let mut settings = ProfitSettings::default();
        settings.rules.small_account_below = 10_000;
        let got = segments(&book(), &settings);
        let pooled: Vec<_> = got.iter().filter(|s| s.model == Model::Centralized).collect();
        assert_eq!(pooled, [&seg(Model::Centralized, Department::Pl, &["Under $100"], 2, 3_000, 5)]);
        // A threshold inside a tier leaves that tier with the dedicated side:
        // at $2,000, CL's $1,500 – $2,499 tier (c3) is no longer pooled.
        settings.rules.small_account_below = 200_000;
        let cl = segments(&book(), &settings)
            .into_iter()
            .find(|s| s.model == Model::Centralized && s.department == Department::Cl)
            .unwrap();
        assert_eq!((cl.accounts, cl.revenue), (1, 40_000));
        // PL tiers of the agency's own, Under $2,000 and $2,000 and over: p1
        // joins the pooled side.
        settings.rules.small_account_below = 250_000;
        settings.tier_sets.push((Department::Pl, TierSet::new(vec![200_000]).unwrap()));
        let got = segments(&book(), &settings);
        assert_eq!(got[1], seg(Model::Centralized, Department::Pl, &["Under $2,000"], 5, 237_999, 5));
        assert!(!got.iter().any(|s| s.model == Model::Distributed && s.department == Department::Pl));
        assert!(suits_pooled_team(&settings, &Department::Pl, 199_999));
        assert!(!suits_pooled_team(&settings, &Department::Pl, 200_000));
    }

    #[test]
    fn a_book_with_no_current_accounts_has_no_segments() {
        assert!(segments(&Book::default(), &ProfitSettings::default()).is_empty());
        let mut former = Book::default();
        add(&mut former, "x", Department::Cl, &[10_000]);
        former.policies[0].status = PolicyStatus::Cancelled;
        assert!(segments(&former, &ProfitSettings::default()).is_empty());
        assert_eq!(side_total(&[], Model::Centralized), (0, 0));
    }
}

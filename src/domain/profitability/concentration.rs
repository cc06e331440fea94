//! How concentrated a department's revenue is in its largest accounts.
//!
//! The method's first question: are fewer than 20 CL accounts carrying 50%
//! or more of CL revenue?

use super::tiers::{AccountFigures, percent};
use crate::domain::money::Cents;

/// The CL flag's account count: fewer than this many carrying half the
/// revenue is a concentration risk.
pub const FEW_ACCOUNTS: usize = 20;
/// "Small account" line used by the method: $500 of annual revenue.
pub const SMALL_ACCOUNT: Cents = 500_00;

/// Concentration figures of a set of accounts.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Concentration {
    pub accounts: usize,
    pub total_revenue: Cents,
    /// Fewest largest accounts whose revenue reaches 50% of the total
    /// (None when the total is not positive).
    pub accounts_for_half: Option<usize>,
    pub accounts_for_80: Option<usize>,
    /// Share of the largest account and of the ten largest, in percent.
    pub largest_pct: f64,
    pub top10_pct: f64,
    /// Share of accounts under $500 of revenue, in percent.
    pub under_500_pct: f64,
    /// True when fewer than 20 accounts carry 50% or more of the revenue.
    pub flagged: bool,
    /// The cumulative-share (Pareto) curve (at most [`CURVE_POINTS`] points,
    /// evenly spread): after the k largest accounts,
    /// (k as % of accounts, their revenue as % of total), starting at (0, 0).
    pub curve: Vec<(f64, f64)>,
}

/// Computes the concentration of `accounts`.
///
/// ```
/// use agency_desk::domain::profitability::concentration::concentration;
/// use agency_desk::domain::profitability::tiers::AccountFigures;
/// use agency_desk::domain::book::Department;
/// let a = |r| AccountFigures { department: Department::Cl, revenue: r, policies: 1, ..Default::default() };
/// let c = concentration(&[a(6_000), a(2_000), a(1_000), a(1_000)]);
/// assert_eq!(c.accounts_for_half, Some(1));
/// assert!(c.flagged);
/// ```
pub fn concentration(accounts: &[AccountFigures]) -> Concentration {
    let mut revenues: Vec<Cents> = accounts.iter().map(|a| a.revenue).collect();
    revenues.sort_unstable_by(|a, b| b.cmp(a));
    let total: Cents = revenues.iter().sum();
    let n = revenues.len();
    let reach = |share_pct: i64| -> Option<usize> {
        if total <= 0 {
            return None;
        }
        let mut running = 0i64;
        for (i, r) in revenues.iter().enumerate() {
            running += r;
            // running / total >= share: compare in integers.
            if running as i128 * 100 >= total as i128 * share_pct as i128 {
                return Some(i + 1);
            }
        }
        Some(n)
    };
    let accounts_for_half = reach(50);
    let mut curve = Vec::with_capacity(n + 1);
    curve.push((0.0, 0.0));
    let mut running = 0i64;
    for (i, r) in revenues.iter().enumerate() {
        running += r;
        curve.push((percent((i + 1) as f64, n as f64), percent(running as f64, total as f64)));
    }
    let top = |k: usize| percent(revenues.iter().take(k).sum::<i64>() as f64, total as f64);
    Concentration {
        accounts: n,
        total_revenue: total,
        accounts_for_half,
        accounts_for_80: reach(80),
        largest_pct: top(1),
        top10_pct: top(10),
        under_500_pct: percent(revenues.iter().filter(|r| **r < SMALL_ACCOUNT).count() as f64, n as f64),
        flagged: accounts_for_half.is_some_and(|k| k < FEW_ACCOUNTS),
        curve: thin_curve(&curve, CURVE_POINTS),
    }
}

/// Most points kept of a cumulative-share curve: a chart cannot show more,
/// and a page comparing and copying 10,000 points on every input change is
/// slower for nothing.
pub const CURVE_POINTS: usize = 241;

/// At most `max` points of a curve, evenly spread, always keeping the first
/// and last.
pub fn thin_curve(curve: &[(f64, f64)], max: usize) -> Vec<(f64, f64)> {
    if curve.len() <= max || max < 2 {
        return curve.to_vec();
    }
    let step = (curve.len() - 1) as f64 / (max - 1) as f64;
    (0..max).map(|i| curve[((i as f64 * step).round() as usize).min(curve.len() - 1)]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_curves_are_thinned_keeping_the_ends() {
        let curve: Vec<(f64, f64)> =
            (0..=10_000).map(|i| (i as f64 / 100.0, (i as f64 / 100.0).sqrt() * 10.0)).collect();
        let t = thin_curve(&curve, 240);
        assert_eq!(t.len(), 240);
        assert_eq!((t[0], t[239]), (curve[0], curve[10_000]));
        assert_eq!(thin_curve(&curve[..5], 240).len(), 5);
        // A department of 10,000 accounts keeps a short curve ending at 100% / 100%.
        let many: Vec<AccountFigures> =
            (0..10_000).map(|i| AccountFigures { revenue: 100 + i, ..Default::default() }).collect();
        let c = concentration(&many);
        assert_eq!(c.curve.len(), CURVE_POINTS);
        assert_eq!((c.curve[0], *c.curve.last().unwrap()), ((0.0, 0.0), (100.0, 100.0)));
    }
    use crate::domain::book::Department;

    fn figures(revenues: &[Cents]) -> Vec<AccountFigures> {
        revenues
            .iter()
            .enumerate()
            .map(|(i, r)| AccountFigures {
                id: i.to_string().into(),
                client_name: i.to_string().into(),
                department: Department::Cl,
                revenue: *r,
                policies: 1,
                ..Default::default()
            })
            .collect()
    }

    #[test]
    fn hand_worked_example() {
        // 40 accounts: four of $10,000 and 36 of $1,000 → total $76,000.
        let mut revenues = vec![1_000_000; 4];
        revenues.extend(vec![100_000; 36]);
        let c = concentration(&figures(&revenues));
        assert_eq!(c.total_revenue, 7_600_000);
        // 4 × 10,000 = 40,000 (52.6%): half is reached with 4 accounts.
        assert_eq!(c.accounts_for_half, Some(4));
        // 80% = 60,800: 40,000 + 21 × 1,000 = 61,000 → 25 accounts.
        assert_eq!(c.accounts_for_80, Some(25));
        assert!(c.flagged);
        assert!((c.largest_pct - 1_000_000.0 * 100.0 / 7_600_000.0).abs() < 1e-9);
        assert!((c.top10_pct - 4_600_000.0 * 100.0 / 7_600_000.0).abs() < 1e-9);
        assert_eq!(c.under_500_pct, 0.0);
        assert_eq!(c.curve.len(), 41);
        assert_eq!(*c.curve.last().unwrap(), (100.0, 100.0));
    }

    #[test]
    fn exactly_half_counts_as_reached() {
        let c = concentration(&figures(&[500, 300, 200]));
        assert_eq!(c.accounts_for_half, Some(1));
    }

    #[test]
    fn an_even_book_is_not_flagged() {
        let c = concentration(&figures(&vec![100_000; 60]));
        assert_eq!(c.accounts_for_half, Some(30));
        assert!(!c.flagged);
    }

    #[test]
    fn small_accounts_share() {
        let c = concentration(&figures(&[49_999, 50_000, 0, 1_000_000]));
        assert_eq!(c.under_500_pct, 50.0);
    }

    #[test]
    fn empty_and_zero_books() {
        let c = concentration(&[]);
        assert_eq!((c.accounts, c.accounts_for_half, c.flagged), (0, None, false));
        assert_eq!(c.curve, vec![(0.0, 0.0)]);
        let z = concentration(&figures(&[0, 0]));
        assert_eq!(z.accounts_for_half, None);
        assert_eq!(z.largest_pct, 0.0);
    }

    #[test]
    fn one_account_carries_everything() {
        let c = concentration(&figures(&[123_456]));
        assert_eq!((c.accounts_for_half, c.accounts_for_80), (Some(1), Some(1)));
        assert_eq!(c.largest_pct, 100.0);
    }
}

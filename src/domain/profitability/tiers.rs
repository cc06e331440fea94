//! Commission-revenue tiers and the tier table.
//!
//! A tier set is a list of ascending thresholds. Each tier includes its
//! lower bound: with CL's defaults, $10,000.00 is in the top tier and
//! $9,999.99 in "$5,000 – $9,999"; zero and negative revenue fall in the
//! lowest tier. Thresholds cannot leave gaps or overlaps by construction.
//!
//! ```
//! use agency_desk::domain::profitability::tiers::TierSet;
//! let cl = TierSet::commercial_default();
//! assert_eq!(cl.tier_of(1_000_000), 0);          // $10,000.00: top tier
//! assert_eq!(cl.tier_of(999_999), 1);            // $9,999.99
//! assert_eq!(cl.tier_of(-5_00), cl.len() - 1);   // negative: lowest tier
//! assert_eq!(cl.label(0), "$10,000 and over");
//! ```

use crate::domain::activity::ProcessKind;
use crate::domain::book::{Account, Book, BookIndex, Department, EachAccount};
use crate::domain::money::{Cents, format_money_whole};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Ascending lower bounds of every tier but the lowest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierSet {
    thresholds: Vec<Cents>,
}

impl TierSet {
    /// CL: over $10K; $5K–$9,999; $2.5K–$4,999; $1.5K–$2,499; $1K–$1,499; $500–$999; under $500.
    pub fn commercial_default() -> Self {
        TierSet { thresholds: vec![500_00, 1_000_00, 1_500_00, 2_500_00, 5_000_00, 10_000_00] }
    }

    /// PL: over $1K; $750–$999; $500–$749; $250–$499; $100–$249; under $100.
    pub fn personal_default() -> Self {
        TierSet { thresholds: vec![100_00, 250_00, 500_00, 750_00, 1_000_00] }
    }

    /// The default for a department: PL's for PL, CL's for every other.
    pub fn default_for(department: &Department) -> Self {
        match department {
            Department::Pl => Self::personal_default(),
            _ => Self::commercial_default(),
        }
    }

    /// Builds a set from thresholds, refusing ones that are not strictly
    /// ascending and positive.
    pub fn new(thresholds: Vec<Cents>) -> Result<Self, String> {
        if thresholds.is_empty() {
            return Err("A tier set needs at least one threshold (two tiers).".into());
        }
        if let Some(t) = thresholds.iter().find(|t| **t <= 0) {
            return Err(format!("Tier thresholds must be above $0 ({} is not).", format_money_whole(*t)));
        }
        for pair in thresholds.windows(2) {
            if pair[1] <= pair[0] {
                return Err(format!(
                    "Tier thresholds must go up: {} comes after {}.",
                    format_money_whole(pair[1]),
                    format_money_whole(pair[0])
                ));
            }
        }
        Ok(TierSet { thresholds })
    }

    pub fn thresholds(&self) -> &[Cents] {
        &self.thresholds
    }

    /// Number of tiers.
    pub fn len(&self) -> usize {
        self.thresholds.len() + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// The tier of a revenue figure: 0 is the largest tier.
    pub fn tier_of(&self, revenue: Cents) -> usize {
        let below = self.thresholds.iter().filter(|t| revenue >= **t).count();
        self.thresholds.len() - below
    }

    /// Lower bound of tier `i` (None for the lowest, which has no floor).
    pub fn min(&self, i: usize) -> Option<Cents> {
        let n = self.thresholds.len();
        (i < n).then(|| self.thresholds[n - 1 - i])
    }

    /// Upper bound (exclusive) of tier `i` (None for the top tier).
    pub fn max(&self, i: usize) -> Option<Cents> {
        let n = self.thresholds.len();
        (i > 0 && i <= n).then(|| self.thresholds[n - i])
    }

    /// "$10,000 and over", "$5,000 – $9,999", "Under $500".
    pub fn label(&self, i: usize) -> String {
        match (self.min(i), self.max(i)) {
            (Some(lo), None) => format!("{} and over", format_money_whole(lo)),
            (Some(lo), Some(hi)) => format!("{} – {}", format_money_whole(lo), format_money_whole(hi - 100)),
            (None, Some(hi)) => format!("Under {}", format_money_whole(hi)),
            (None, None) => "All".into(),
        }
    }
}

/// One account as the profitability pages see it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountFigures {
    /// Shared text (`Arc<str>`): the analysis copies every account's figures
    /// on each input change, and a shared string copies in constant time.
    pub id: Arc<str>,
    pub client_name: Arc<str>,
    pub department: Department,
    pub revenue: Cents,
    pub policies: usize,
    /// Any policy written excess & surplus.
    pub has_es: bool,
    /// Any policy billed by the agency.
    pub has_agency_bill: bool,
    /// Distinct carriers (markets) on the account.
    pub carriers: usize,
    pub producer: Arc<str>,
    /// Yearly counts from an imported file, by [`ProcessKind::index`] (None: not given).
    pub activity: [Option<u32>; 9],
}

impl AccountFigures {
    /// One policy only.
    pub fn is_monoline(&self) -> bool {
        self.policies == 1
    }

    /// One policy, written excess & surplus: the accounts the what-if fee applies to.
    pub fn is_monoline_es(&self) -> bool {
        self.is_monoline() && self.has_es
    }
}

/// Every current account's revenue and live policy count, in one pass
/// over the book. Former clients (every policy inactive) are left out.
pub fn account_figures(book: &Book) -> Vec<AccountFigures> {
    FiguresWork::new(book).finish()
}

/// [`account_figures`] worked out a slice at a time, so a page can let
/// the browser draw between slices: the book is indexed, then each
/// account's figures are drawn from it.
///
/// ```
/// use agency_desk::domain::book::{Account, Book, Department};
/// use agency_desk::domain::profitability::tiers::FiguresWork;
/// let mut book = Book::default();
/// book.accounts.push(Account::new("a1", "Harbor Bakery", Department::Cl));
/// let mut work = FiguresWork::new(&book);
/// while !work.step(100) {}
/// assert_eq!(work.finish().len(), 1);
/// ```
pub struct FiguresWork<'a>(EachAccount<'a, AccountFigures>);

impl<'a> FiguresWork<'a> {
    pub fn new(book: &'a Book) -> FiguresWork<'a> {
        FiguresWork(EachAccount::new(book, figures_of))
    }

    /// Does up to `budget` more units of work (a policy or account
    /// indexed, an account's figures drawn); true once all are done.
    pub fn step(&mut self, budget: usize) -> bool {
        self.0.step(budget)
    }

    /// The figures, with whatever [`FiguresWork::step`] left undone done first.
    pub fn finish(self) -> Vec<AccountFigures> {
        self.0.finish()
    }
}

/// One account's figures; None for a former client (every policy inactive).
fn figures_of(idx: &BookIndex<'_>, a: &Account) -> Option<AccountFigures> {
    if idx.is_former(&a.id) {
        return None;
    }
    let policies = idx.policies(&a.id);
    // Distinct carriers whatever their case, counted without copying
    // names: an account has a handful of policies, a book 200,000.
    let carriers = policies
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            let name = p.carrier.trim();
            !name.is_empty() && !policies[..*i].iter().any(|q| same_name(q.carrier.trim(), name))
        })
        .count();
    Some(AccountFigures {
        id: a.id.as_str().into(),
        client_name: a.client_name.as_str().into(),
        department: a.department.clone(),
        revenue: idx.revenue(&a.id),
        policies: policies.len(),
        has_es: policies.iter().any(|p| p.excess_surplus),
        has_agency_bill: policies.iter().any(|p| p.bill_type == crate::domain::book::BillType::Agency),
        carriers,
        producer: a.producer.trim().into(),
        activity: ProcessKind::ALL.map(|k| a.activity.get(&k).copied()),
    })
}

/// Whether two names are the same but for case.
fn same_name(a: &str, b: &str) -> bool {
    a.chars().flat_map(char::to_lowercase).eq(b.chars().flat_map(char::to_lowercase))
}

/// A row of the tier table.
#[derive(Clone, Debug, PartialEq)]
pub struct TierRow {
    pub tier: usize,
    pub label: String,
    pub min: Option<Cents>,
    pub max: Option<Cents>,
    pub revenue: Cents,
    /// Share of the table's revenue, in percent (0 when the total is 0).
    pub revenue_pct: f64,
    pub clients: usize,
    pub clients_pct: f64,
    /// Average revenue per client (0 for an empty tier).
    pub average: Cents,
    pub policies: usize,
    /// Policies per account (0 for an empty tier).
    pub policies_per_account: f64,
}

/// The tier table of some accounts, largest tier first, with every tier
/// listed even when empty.
pub fn tier_table<'a>(accounts: impl IntoIterator<Item = &'a AccountFigures>, set: &TierSet) -> Vec<TierRow> {
    let mut revenue = vec![0i64; set.len()];
    let mut clients = vec![0usize; set.len()];
    let mut policies = vec![0usize; set.len()];
    for a in accounts {
        let t = set.tier_of(a.revenue);
        revenue[t] += a.revenue;
        clients[t] += 1;
        policies[t] += a.policies;
    }
    let total_revenue: i64 = revenue.iter().sum();
    let total_clients: usize = clients.iter().sum();
    (0..set.len())
        .map(|t| TierRow {
            tier: t,
            label: set.label(t),
            min: set.min(t),
            max: set.max(t),
            revenue: revenue[t],
            revenue_pct: percent(revenue[t] as f64, total_revenue as f64),
            clients: clients[t],
            clients_pct: percent(clients[t] as f64, total_clients as f64),
            average: if clients[t] == 0 { 0 } else { (revenue[t] as f64 / clients[t] as f64).round() as i64 },
            policies: policies[t],
            policies_per_account: if clients[t] == 0 { 0.0 } else { policies[t] as f64 / clients[t] as f64 },
        })
        .collect()
}

/// `part / whole` in percent; 0 when the whole is 0.
pub fn percent(part: f64, whole: f64) -> f64 {
    if whole == 0.0 { 0.0 } else { part * 100.0 / whole }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acct(id: &str, revenue: Cents, policies: usize) -> AccountFigures {
        AccountFigures {
            id: id.into(),
            client_name: id.into(),
            department: Department::Cl,
            revenue,
            policies,
            ..Default::default()
        }
    }

    #[test]
    fn exact_boundaries_belong_to_the_upper_tier() {
        let cl = TierSet::commercial_default();
        let cases = [
            (1_000_000, 0),
            (999_999, 1),
            (500_000, 1),
            (499_999, 2),
            (250_000, 2),
            (150_000, 3),
            (100_000, 4),
            (50_000, 5),
            (49_999, 6),
            (0, 6),
            (-100, 6),
        ];
        for (revenue, tier) in cases {
            assert_eq!(cl.tier_of(revenue), tier, "{revenue}");
        }
        let pl = TierSet::personal_default();
        assert_eq!(pl.tier_of(100_000), 0);
        assert_eq!(pl.tier_of(99_999), 1);
        assert_eq!(pl.tier_of(9_999), 5);
    }

    #[test]
    fn labels_and_bounds() {
        let cl = TierSet::commercial_default();
        let labels: Vec<String> = (0..cl.len()).map(|i| cl.label(i)).collect();
        assert_eq!(
            labels,
            [
                "$10,000 and over",
                "$5,000 – $9,999",
                "$2,500 – $4,999",
                "$1,500 – $2,499",
                "$1,000 – $1,499",
                "$500 – $999",
                "Under $500"
            ]
        );
        assert_eq!((cl.min(0), cl.max(0)), (Some(1_000_000), None));
        assert_eq!((cl.min(6), cl.max(6)), (None, Some(50_000)));
        assert_eq!(TierSet::personal_default().label(5), "Under $100");
        assert_eq!(TierSet::default_for(&Department::Custom("Farm".into())), cl);
        assert_eq!(TierSet::default_for(&Department::Benefits), cl);
    }

    #[test]
    fn edits_are_validated() {
        assert!(TierSet::new(vec![100, 200]).is_ok());
        assert!(TierSet::new(vec![200, 100]).unwrap_err().contains("go up"));
        assert!(TierSet::new(vec![100, 100]).unwrap_err().contains("go up"));
        assert!(TierSet::new(vec![0, 100]).unwrap_err().contains("above $0"));
        assert!(TierSet::new(vec![]).is_err());
    }

    #[test]
    fn a_hand_worked_table() {
        // $12,000 (3 policies), $10,000 (1), $6,000 (2), $400 (1), -$100 (1).
        let accounts = [
            acct("a", 1_200_000, 3),
            acct("b", 1_000_000, 1),
            acct("c", 600_000, 2),
            acct("d", 40_000, 1),
            acct("e", -10_000, 1),
        ];
        let rows = tier_table(&accounts, &TierSet::commercial_default());
        assert_eq!(rows.len(), 7);
        let top = &rows[0];
        assert_eq!((top.revenue, top.clients, top.policies, top.average), (2_200_000, 2, 4, 1_100_000));
        // Total revenue $28,300: the top tier is 77.7%.
        assert!((top.revenue_pct - 2_200_000.0 * 100.0 / 2_830_000.0).abs() < 1e-9);
        assert!((top.clients_pct - 40.0).abs() < 1e-9);
        assert!((top.policies_per_account - 2.0).abs() < 1e-9);
        assert_eq!(rows[1].revenue, 600_000);
        let low = &rows[6];
        assert_eq!((low.revenue, low.clients), (30_000, 2));
        // Empty tiers are listed with zeros, not divided by zero.
        assert_eq!((rows[3].clients, rows[3].average, rows[3].policies_per_account), (0, 0, 0.0));
        let pct_sum: f64 = rows.iter().map(|r| r.clients_pct).sum();
        assert!((pct_sum - 100.0).abs() < 1e-9);
    }

    #[test]
    fn one_account_and_no_accounts() {
        let set = TierSet::commercial_default();
        let one = tier_table(&[acct("a", 75_000, 1)], &set);
        assert_eq!(one[5].clients, 1);
        assert_eq!(one[5].revenue_pct, 100.0);
        let none = tier_table(&[], &set);
        assert!(none.iter().all(|r| r.clients == 0 && r.revenue_pct == 0.0 && r.clients_pct == 0.0));
    }

    #[test]
    fn an_accounts_carriers_are_counted_once_whatever_their_case() {
        use crate::domain::book::{Account, Book, Department, Policy};
        let mut book = Book::default();
        book.accounts.push(Account::new("a1", "Harbor Bakery", Department::Cl));
        for (i, carrier) in ["Travelers", " travelers ", "Hartford", "", "ÉRIE", "érie"].into_iter().enumerate() {
            let mut p = Policy::new(&format!("p{i}"), "a1");
            p.carrier = carrier.into();
            book.policies.push(p);
        }
        let figures = account_figures(&book);
        assert_eq!(figures[0].carriers, 3);
        assert_eq!(figures[0].policies, 6);
    }
}

//! Lost business and retention, from the outcomes recorded on renewals.
//!
//! Retention over the last 12 months is what was renewed out of what came
//! up and was decided: renewed ÷ (renewed + lost), counted in policies and
//! in the expiring terms' annual commission. A renewal counts in the
//! window its outcome was recorded in.
//!
//! ```
//! use agency_desk::domain::renewals::retention::Retention;
//! let r = Retention { renewed_policies: 9, lost_policies: 1, renewed_commission: 90_000, lost_commission: 30_000 };
//! assert_eq!(r.policy_pct(), Some(90.0));
//! assert_eq!(r.commission_pct(), Some(75.0));
//! assert_eq!(Retention::default().policy_pct(), None);
//! ```

use super::board::{Outcome, RenewalRecord};
use crate::domain::book::{Book, Department};
use crate::domain::csv_safe::SafeWriter;
use crate::domain::money::{Cents, format_plain};
use chrono::{Months, NaiveDate};

/// Renewed and lost counts over a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    pub renewed_policies: usize,
    pub lost_policies: usize,
    pub renewed_commission: Cents,
    pub lost_commission: Cents,
}

fn pct(kept: i64, lost: i64) -> Option<f64> {
    let all = kept + lost;
    (all > 0).then(|| kept as f64 * 100.0 / all as f64)
}

impl Retention {
    /// Policies renewed out of those decided, in percent (None: none decided).
    pub fn policy_pct(&self) -> Option<f64> {
        pct(self.renewed_policies as i64, self.lost_policies as i64)
    }

    /// Expiring commission renewed out of that decided, in percent.
    pub fn commission_pct(&self) -> Option<f64> {
        pct(self.renewed_commission, self.lost_commission)
    }
}

/// Retention over the 12 months up to `as_of`: outcomes recorded after
/// the same day a year earlier and on or before `as_of`.
pub fn last_twelve_months<'a>(records: impl IntoIterator<Item = &'a RenewalRecord>, as_of: NaiveDate) -> Retention {
    let from = as_of.checked_sub_months(Months::new(12)).unwrap_or(NaiveDate::MIN);
    let mut out = Retention::default();
    for outcome in records.into_iter().filter_map(|r| r.outcome.as_ref()) {
        if outcome.on() <= from || outcome.on() > as_of {
            continue;
        }
        let n = outcome.policies().len();
        let commission = outcome.commission();
        match outcome {
            Outcome::Bound { .. } => {
                out.renewed_policies += n;
                out.renewed_commission += commission;
            }
            Outcome::Lost { .. } => {
                out.lost_policies += n;
                out.lost_commission += commission;
            }
        }
    }
    out
}

/// A lost renewal as the lost-business list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostRenewal {
    pub renewal_id: String,
    pub account_id: String,
    pub client_name: String,
    pub department: Department,
    pub expiration: NaiveDate,
    pub policy_numbers: Vec<String>,
    /// The annual commission of the lost policies (their expiring terms).
    pub commission: Cents,
    pub on: NaiveDate,
    pub reason: String,
    pub detail: String,
    pub by: String,
}

/// Every renewal marked lost whose account is still in the book, newest
/// decision first.
pub fn lost_business<'a>(book: &Book, records: impl IntoIterator<Item = &'a RenewalRecord>) -> Vec<LostRenewal> {
    let lost: Vec<&RenewalRecord> =
        records.into_iter().filter(|r| matches!(r.outcome, Some(Outcome::Lost { .. }))).collect();
    if lost.is_empty() {
        // The accounts are looked up only when there is something lost:
        // the Renewals page asks on every change of a large book.
        return Vec::new();
    }
    let accounts = book.accounts_by_id();
    let mut out: Vec<LostRenewal> = lost
        .into_iter()
        .filter_map(|r| match &r.outcome {
            Some(outcome @ Outcome::Lost { on, by, reason, detail, policies }) => {
                let account = accounts.get(r.account_id.as_str())?;
                Some(LostRenewal {
                    renewal_id: r.id.clone(),
                    account_id: r.account_id.clone(),
                    client_name: account.client_name.clone(),
                    department: account.department.clone(),
                    expiration: r.expiration,
                    policy_numbers: policies
                        .iter()
                        .map(|p| p.policy_number.clone())
                        .filter(|n| !n.is_empty())
                        .collect(),
                    commission: outcome.commission(),
                    on: *on,
                    reason: reason.clone(),
                    detail: detail.clone(),
                    by: by.clone(),
                })
            }
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| b.on.cmp(&a.on).then_with(|| a.client_name.cmp(&b.client_name)));
    out
}

/// The columns of the lost-business export.
pub const LOST_COLUMNS: [&str; 9] = [
    "client",
    "department",
    "policy_numbers",
    "expiration",
    "commission_lost",
    "lost_on",
    "reason",
    "detail",
    "recorded_by",
];

/// The lost-business list as CSV (amounts as plain numbers, dates ISO).
pub fn lost_csv(rows: &[LostRenewal]) -> String {
    let mut w = SafeWriter::new();
    w.row(LOST_COLUMNS);
    for r in rows {
        w.row([
            r.client_name.as_str(),
            r.department.code(),
            &r.policy_numbers.join("; "),
            &r.expiration.to_string(),
            &format_plain(r.commission),
            &r.on.to_string(),
            &r.reason,
            &r.detail,
            &r.by,
        ]);
    }
    w.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::Account;
    use crate::domain::renewals::lifecycle::Decided;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn decided(commissions: &[Cents]) -> Vec<Decided> {
        commissions
            .iter()
            .enumerate()
            .map(|(i, c)| Decided {
                id: format!("p{i}"),
                policy_number: format!("N{i}"),
                commission: *c,
                was: Default::default(),
                revision: 1,
            })
            .collect()
    }

    fn record(account: &str, exp: NaiveDate, outcome: Outcome) -> RenewalRecord {
        let mut r = RenewalRecord::new(account, exp);
        r.outcome = Some(outcome);
        r
    }

    #[test]
    fn retention_counts_the_last_twelve_months_of_outcomes() {
        let as_of = d(2026, 12, 5);
        let bound = |on, c: &[Cents]| Outcome::Bound { on, by: "Ann".into(), policies: decided(c) };
        let lost = |on, c: &[Cents]| Outcome::Lost {
            on,
            by: "Ann".into(),
            reason: "Price".into(),
            detail: String::new(),
            policies: decided(c),
        };
        let records = [
            record("a", d(2026, 1, 1), bound(d(2025, 12, 20), &[100_00, 200_00])),
            record("b", d(2026, 6, 1), lost(d(2026, 5, 20), &[100_00])),
            // A year ago to the day: outside; after the as-of date: outside.
            record("c", d(2025, 12, 5), lost(d(2025, 12, 5), &[5_000_00])),
            record("d", d(2027, 1, 1), bound(d(2026, 12, 6), &[5_000_00])),
        ];
        let r = last_twelve_months(&records, as_of);
        assert_eq!(
            r,
            Retention { renewed_policies: 2, lost_policies: 1, renewed_commission: 300_00, lost_commission: 100_00 }
        );
        assert_eq!(r.commission_pct(), Some(75.0));
        assert!((r.policy_pct().unwrap() - 66.666).abs() < 0.01);
    }

    #[test]
    fn the_lost_list_names_the_client_and_exports_safely() {
        let mut book = Book::default();
        book.accounts.push(Account::new("a", "=Acme Bakery", Department::Pl));
        let records = [
            record(
                "a",
                d(2026, 3, 1),
                Outcome::Lost {
                    on: d(2026, 2, 20),
                    by: "Ann".into(),
                    reason: "Price".into(),
                    detail: "20% cheaper".into(),
                    policies: decided(&[150_00]),
                },
            ),
            record(
                "gone",
                d(2026, 3, 1),
                Outcome::Lost {
                    on: d(2026, 2, 20),
                    by: "Ann".into(),
                    reason: "Price".into(),
                    detail: String::new(),
                    policies: decided(&[1]),
                },
            ),
            record(
                "a",
                d(2027, 3, 1),
                Outcome::Bound { on: d(2027, 2, 20), by: "Ann".into(), policies: decided(&[1]) },
            ),
        ];
        let rows = lost_business(&book, &records);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].commission, rows[0].policy_numbers.clone()), (150_00, vec!["N0".to_string()]));
        let csv = lost_csv(&rows);
        assert_eq!(
            csv.lines().nth(1).unwrap(),
            "'=Acme Bakery,PL,N0,2026-03-01,150.00,2026-02-20,Price,20% cheaper,Ann"
        );
    }
}

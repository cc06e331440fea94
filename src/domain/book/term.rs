//! Policy terms: how long a term runs, the next term's dates, and the
//! history of earlier terms a policy keeps once it is renewed.
//!
//! A term is a whole number of months when its expiration is its
//! effective date moved on by months (6-month auto, 12-month commercial),
//! counting a month-end as a month-end; otherwise it is a number of days.
//! The next term starts on the old expiration and runs as long again,
//! keeping the day of the month the policy was first written on.
//!
//! ```
//! use agency_desk::domain::book::term::{next_term, TermLength};
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! // A 6-month auto policy renews for six months, not a year.
//! assert_eq!(TermLength::of(d(2026, 7, 5), d(2027, 1, 5)), TermLength::Months(6));
//! assert_eq!(next_term(d(2026, 7, 5), d(2027, 1, 5)), (d(2027, 1, 5), d(2027, 7, 5)));
//! ```

use crate::domain::money::Cents;
use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How long a policy term runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TermLength {
    Months(u32),
    Days(u32),
}

fn is_month_end(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|next| next.month() != d.month())
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    first_next.and_then(|d| d.pred_opt())
}

impl TermLength {
    /// The length of the term from `effective` to `expiration`. A term
    /// that is not a whole number of months is counted in days; one that
    /// ends on or before it starts is taken as the usual year.
    pub fn of(effective: NaiveDate, expiration: NaiveDate) -> TermLength {
        if expiration <= effective {
            return TermLength::Months(12);
        }
        let months = (expiration.year() - effective.year()) * 12 + expiration.month() as i32 - effective.month() as i32;
        if months > 0 {
            let m = months as u32;
            let moved = effective.checked_add_months(Months::new(m));
            if moved == Some(expiration) || (is_month_end(effective) && is_month_end(expiration)) {
                return TermLength::Months(m);
            }
        }
        TermLength::Days((expiration - effective).num_days() as u32)
    }

    /// What people read: "6 months", "12 months", "90 days".
    pub fn label(self) -> String {
        match self {
            TermLength::Months(1) => "1 month".into(),
            TermLength::Months(m) => format!("{m} months"),
            TermLength::Days(1) => "1 day".into(),
            TermLength::Days(n) => format!("{n} days"),
        }
    }
}

/// The next term's dates for a term from `effective` to `expiration`: it
/// starts on the old expiration and runs as long as the old term did. A
/// term written on the 31st (or on Feb 29) comes back to that day where
/// the month has it; a term from month-end to month-end stays on month
/// ends.
pub fn next_term(effective: NaiveDate, expiration: NaiveDate) -> (NaiveDate, NaiveDate) {
    let next = match TermLength::of(effective, expiration) {
        TermLength::Months(m) => {
            if is_month_end(effective) && is_month_end(expiration) {
                expiration.checked_add_months(Months::new(m)).and_then(|d| month_end(d.year(), d.month()))
            } else if effective.day() > expiration.day() {
                // Clamped at a short month: count from the day written on.
                effective.checked_add_months(Months::new(2 * m))
            } else {
                expiration.checked_add_months(Months::new(m))
            }
        }
        TermLength::Days(n) => expiration.checked_add_days(Days::new(n.into())),
    };
    (expiration, next.unwrap_or(expiration))
}

/// An earlier term of a policy, kept when the policy is renewed: what it
/// was written for, and when and by whom it was renewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub effective: Option<NaiveDate>,
    pub expiration: Option<NaiveDate>,
    #[serde(default)]
    pub carrier: String,
    #[serde(default)]
    pub policy_number: String,
    #[serde(default)]
    pub premium: Cents,
    #[serde(default)]
    pub commission: Cents,
    /// When the renewal that ended this term was bound, and by whom.
    pub renewed_on: NaiveDate,
    #[serde(default)]
    pub renewed_by: String,
}

/// A policy's premium and commission for its expiring term and its
/// renewal, as a stewardship report sets them side by side. When the
/// current term was bound here (its last earlier term ends where it
/// starts), the earlier term is the expiring one and the current term the
/// renewal; otherwise the current term is expiring and there is no
/// renewal yet.
pub fn expiring_and_renewal(policy: &super::Policy) -> ((Cents, Cents), Option<(Cents, Cents)>) {
    match policy.terms.last() {
        Some(t) if t.expiration.is_some() && t.expiration == policy.effective => {
            ((t.premium, t.commission), Some((policy.premium, policy.commission)))
        }
        _ => ((policy.premium, policy.commission), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn six_and_twelve_month_terms_renew_for_as_long() {
        assert_eq!(next_term(d(2026, 7, 5), d(2027, 1, 5)), (d(2027, 1, 5), d(2027, 7, 5)));
        assert_eq!(next_term(d(2026, 1, 15), d(2027, 1, 15)), (d(2027, 1, 15), d(2028, 1, 15)));
        assert_eq!(TermLength::of(d(2026, 1, 15), d(2027, 1, 15)), TermLength::Months(12));
        assert_eq!(TermLength::of(d(2026, 1, 15), d(2026, 4, 15)).label(), "3 months");
    }

    #[test]
    fn month_ends_stay_month_ends() {
        // Written on Aug 31: six months ends Feb 28, and the next term comes back to Aug 31.
        assert_eq!(TermLength::of(d(2025, 8, 31), d(2026, 2, 28)), TermLength::Months(6));
        assert_eq!(next_term(d(2025, 8, 31), d(2026, 2, 28)), (d(2026, 2, 28), d(2026, 8, 31)));
        // Jan 31 to Jul 31, then back to Jan 31.
        assert_eq!(next_term(d(2026, 1, 31), d(2026, 7, 31)), (d(2026, 7, 31), d(2027, 1, 31)));
        // Month end to month end over February: Feb 28 to Aug 31 is six months.
        assert_eq!(next_term(d(2026, 2, 28), d(2026, 8, 31)), (d(2026, 8, 31), d(2027, 2, 28)));
        // Jan 30 is not a month end: six months from Jan 30 is Jul 30.
        assert_eq!(next_term(d(2026, 1, 30), d(2026, 7, 30)), (d(2026, 7, 30), d(2027, 1, 30)));
    }

    #[test]
    fn leap_days() {
        // Written on Feb 29: a year ends on Feb 28, and the term comes back to Feb 29 in 2028.
        assert_eq!(TermLength::of(d(2024, 2, 29), d(2025, 2, 28)), TermLength::Months(12));
        assert_eq!(next_term(d(2024, 2, 29), d(2025, 2, 28)), (d(2025, 2, 28), d(2026, 2, 28)));
        assert_eq!(next_term(d(2027, 2, 28), d(2028, 2, 29)), (d(2028, 2, 29), d(2029, 2, 28)));
        // A 12-month term on Mar 1 across a leap day stays on Mar 1.
        assert_eq!(next_term(d(2027, 3, 1), d(2028, 3, 1)), (d(2028, 3, 1), d(2029, 3, 1)));
    }

    #[test]
    fn the_expiring_term_is_the_earlier_one_once_bound() {
        let mut p = super::super::Policy::new("p", "a");
        (p.effective, p.expiration, p.premium, p.commission) = (Some(d(2026, 1, 1)), Some(d(2027, 1, 1)), 1000, 100);
        assert_eq!(expiring_and_renewal(&p), ((1000, 100), None));
        p.terms.push(Term {
            effective: Some(d(2025, 1, 1)),
            expiration: Some(d(2026, 1, 1)),
            carrier: String::new(),
            policy_number: String::new(),
            premium: 900,
            commission: 90,
            renewed_on: d(2025, 12, 20),
            renewed_by: "Ann".into(),
        });
        assert_eq!(expiring_and_renewal(&p), ((900, 90), Some((1000, 100))));
    }

    #[test]
    fn odd_terms_are_counted_in_days() {
        assert_eq!(TermLength::of(d(2026, 1, 1), d(2026, 4, 1)), TermLength::Months(3));
        assert_eq!(TermLength::of(d(2026, 1, 1), d(2026, 3, 17)), TermLength::Days(75));
        assert_eq!(next_term(d(2026, 1, 1), d(2026, 3, 17)), (d(2026, 3, 17), d(2026, 5, 31)));
        // A term that ends before it starts renews for the usual year.
        assert_eq!(next_term(d(2026, 5, 1), d(2026, 5, 1)), (d(2026, 5, 1), d(2027, 5, 1)));
    }
}

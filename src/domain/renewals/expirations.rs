//! The expiration ("X") list: the renewals expiring in a date range.
//!
//! ```
//! use agency_desk::domain::renewals::expirations::ExpirationRange;
//! use chrono::NaiveDate;
//! let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
//! let range = ExpirationRange::from_as_of(as_of);
//! assert_eq!(range.to, NaiveDate::from_ymd_opt(2027, 2, 20).unwrap());
//! assert_eq!(ExpirationRange::parse("2026-12-01", "2026-11-30"), None);
//! ```

use super::board::Renewal;
use chrono::{Days, NaiveDate};

/// Days the list covers at first, from the as-of date on.
pub const DEFAULT_DAYS: u64 = 90;

/// The expiration dates the list holds, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExpirationRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl ExpirationRange {
    /// The range offered at first: the as-of date and [`DEFAULT_DAYS`] after it.
    pub fn from_as_of(as_of: NaiveDate) -> ExpirationRange {
        ExpirationRange { from: as_of, to: as_of.checked_add_days(Days::new(DEFAULT_DAYS)).unwrap_or(as_of) }
    }

    /// The range typed into the two date fields (`YYYY-MM-DD`); none when
    /// either is not a date or the start is after the end.
    pub fn parse(from: &str, to: &str) -> Option<ExpirationRange> {
        let parse = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let (from, to) = (parse(from)?, parse(to)?);
        (from <= to).then_some(ExpirationRange { from, to })
    }

    /// Whether a renewal expiring on `date` is on the list.
    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.from && date <= self.to
    }

    /// The renewals of `list` on the list, in the order given.
    pub fn select<'a>(&self, list: impl IntoIterator<Item = &'a Renewal>) -> Vec<&'a Renewal> {
        list.into_iter().filter(|r| self.contains(r.expiration)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::renewals::board::testing::renewal;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_list_starts_on_the_as_of_date_and_covers_ninety_days() {
        let r = ExpirationRange::from_as_of(d(2026, 11, 22));
        assert_eq!((r.from, r.to), (d(2026, 11, 22), d(2027, 2, 20)));
        // A date with no 90 days after it keeps the as-of date as the end.
        let last = ExpirationRange::from_as_of(NaiveDate::MAX);
        assert_eq!((last.from, last.to), (NaiveDate::MAX, NaiveDate::MAX));
    }

    #[test]
    fn a_typed_range_needs_two_dates_in_order() {
        assert_eq!(
            ExpirationRange::parse("2026-12-01", "2027-01-31"),
            Some(ExpirationRange { from: d(2026, 12, 1), to: d(2027, 1, 31) })
        );
        assert!(ExpirationRange::parse("2026-12-01", "2026-12-01").is_some(), "one day is a range");
        assert_eq!(ExpirationRange::parse("2026-12-02", "2026-12-01"), None);
        assert_eq!(ExpirationRange::parse("", "2026-12-01"), None);
        assert_eq!(ExpirationRange::parse("2026-12-01", "12/31/2026"), None);
    }

    #[test]
    fn renewals_on_either_end_are_on_the_list() {
        let at = |y, m, day| Renewal { expiration: d(y, m, day), ..renewal("", "", &[], "") };
        let list = [at(2026, 11, 30), at(2026, 12, 1), at(2026, 12, 15), at(2026, 12, 31), at(2027, 1, 1)];
        let range = ExpirationRange::parse("2026-12-01", "2026-12-31").unwrap();
        let picked: Vec<NaiveDate> = range.select(&list).into_iter().map(|r| r.expiration).collect();
        assert_eq!(picked, [d(2026, 12, 1), d(2026, 12, 15), d(2026, 12, 31)]);
    }
}

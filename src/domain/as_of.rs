//! The app-wide "as-of date": the day every date rule treats as today.
//!
//! It comes from one of three places, strongest first:
//! 1. a link's `?asof=YYYY-MM-DD` query parameter (for that tab only),
//! 2. a date saved in Settings,
//! 3. the browser's own today.
//!
//! ```
//! use agency_desk::domain::as_of::{resolve, AsOfSource};
//! use chrono::NaiveDate;
//! let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
//! let r = resolve(Some("2027-01-21"), None, today);
//! assert_eq!(r.as_of.date, NaiveDate::from_ymd_opt(2027, 1, 21).unwrap());
//! assert_eq!(r.as_of.source, AsOfSource::Link);
//! assert!(!r.as_of.is_today());
//! ```

use chrono::NaiveDate;
use std::fmt;

/// Where the as-of date in force came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsOfSource {
    /// No override: the browser's today.
    Today,
    /// A date saved in Settings.
    Saved,
    /// The `?asof=` parameter of the link this tab was opened with.
    Link,
}

/// The as-of date in force, with the real today beside it so the header can
/// say when the two differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AsOf {
    pub date: NaiveDate,
    pub today: NaiveDate,
    pub source: AsOfSource,
}

impl AsOf {
    /// The as-of date for a plain visit: today.
    pub fn today(today: NaiveDate) -> Self {
        AsOf { date: today, today, source: AsOfSource::Today }
    }

    /// True when the as-of date is the browser's today.
    pub fn is_today(&self) -> bool {
        self.date == self.today
    }

    /// The date in ISO form (`YYYY-MM-DD`), as the header and links show it.
    pub fn iso(&self) -> String {
        format_iso(self.date)
    }
}

/// Why a text is not an ISO date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    pub input: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.input.trim().is_empty() {
            write!(f, "no date was given; expected YYYY-MM-DD, for example 2026-03-01")
        } else {
            write!(f, "\"{}\" is not a calendar date in YYYY-MM-DD form (for example 2026-03-01)", self.input)
        }
    }
}

impl std::error::Error for DateError {}

/// Parses a strict ISO calendar date: four-digit year, two-digit month and day.
pub fn parse_iso_date(input: &str) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(DateError { input: input.to_string() });
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| DateError { input: input.to_string() })
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The outcome of [`resolve`]: the date in force and, when a link carried an
/// unusable `?asof=` value, a message for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub as_of: AsOf,
    pub warning: Option<String>,
}

/// Picks the as-of date: a valid link value wins, then a saved date, then today.
pub fn resolve(link_value: Option<&str>, saved: Option<NaiveDate>, today: NaiveDate) -> Resolved {
    let fallback = match saved {
        Some(date) => AsOf { date, today, source: AsOfSource::Saved },
        None => AsOf::today(today),
    };
    match link_value {
        None => Resolved { as_of: fallback, warning: None },
        Some(raw) => match parse_iso_date(raw) {
            Ok(date) => Resolved { as_of: AsOf { date, today, source: AsOfSource::Link }, warning: None },
            Err(err) => Resolved {
                warning: Some(format!(
                    "The link's asof parameter was ignored: {err}. Showing {} instead.",
                    format_iso(fallback.date)
                )),
                as_of: fallback,
            },
        },
    }
}

/// Finds the value of `key` in a URL query string such as `?asof=2026-01-31&x=1`.
/// A leading `?` is optional; the last occurrence wins.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k == key).map(|(_, v)| v.into_owned()).last()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn strict_iso_dates_parse() {
        assert_eq!(parse_iso_date("2026-03-01"), Ok(d(2026, 3, 1)));
        assert_eq!(parse_iso_date(" 2028-02-29 "), Ok(d(2028, 2, 29)));
    }

    #[test]
    fn loose_or_impossible_dates_are_refused() {
        for bad in ["2026-3-1", "2026/03/01", "03/01/2026", "2026-02-30", "2027-02-29", "", "tomorrow", "2026-13-01"] {
            let err = parse_iso_date(bad).unwrap_err();
            assert_eq!(err.input, bad);
            assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
        }
    }

    #[test]
    fn link_beats_saved_beats_today() {
        let today = d(2026, 11, 22);
        let saved = Some(d(2026, 12, 1));
        let r = resolve(Some("2027-01-15"), saved, today);
        assert_eq!((r.as_of.date, r.as_of.source), (d(2027, 1, 15), AsOfSource::Link));
        let r = resolve(None, saved, today);
        assert_eq!((r.as_of.date, r.as_of.source), (d(2026, 12, 1), AsOfSource::Saved));
        let r = resolve(None, None, today);
        assert_eq!((r.as_of.date, r.as_of.source), (today, AsOfSource::Today));
        assert!(r.as_of.is_today());
        assert_eq!(r.warning, None);
    }

    #[test]
    fn a_bad_link_value_falls_back_with_a_warning() {
        let today = d(2026, 11, 22);
        let r = resolve(Some("2026-02-30"), Some(d(2026, 12, 1)), today);
        assert_eq!(r.as_of.date, d(2026, 12, 1));
        let warning = r.warning.unwrap();
        assert!(warning.contains("2026-02-30") && warning.contains("2026-12-01"), "{warning}");
    }

    #[test]
    fn a_saved_date_equal_to_today_counts_as_today() {
        let today = d(2026, 11, 22);
        assert!(resolve(None, Some(today), today).as_of.is_today());
    }

    #[test]
    fn query_values_are_found_and_decoded() {
        assert_eq!(query_value("?asof=2026-01-31", "asof").as_deref(), Some("2026-01-31"));
        assert_eq!(query_value("a=1&asof=x&asof=2026-02-01", "asof").as_deref(), Some("2026-02-01"));
        assert_eq!(query_value("?q=J%26J+Co", "q").as_deref(), Some("J&J Co"));
        assert_eq!(query_value("", "asof"), None);
        assert_eq!(query_value("?asofx=1", "asof"), None);
    }
}

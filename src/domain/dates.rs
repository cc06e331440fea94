//! Dates as agency reports write them.
//!
//! ```
//! use agency_desk::domain::dates::parse_report_date;
//! use chrono::NaiveDate;
//! let march_first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
//! for s in ["2026-03-01", "3/1/2026", "03/01/26"] {
//!     assert_eq!(parse_report_date(s), Ok(Some(march_first)));
//! }
//! ```

use chrono::{Days, NaiveDate};

/// Parses `2026-03-01`, `3/1/2026`, `03/01/26` (US month/day order; two-digit
/// years are 2000–2068 below 69, else 1900s), `2026-03-01 00:00:00`, and
/// Excel serial day numbers such as `46082`. A blank is `Ok(None)`.
pub fn parse_report_date(input: &str) -> Result<Option<NaiveDate>, String> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || format!("\"{s}\" is not a date (expected e.g. 2026-03-01, 3/1/2026 or 03/01/26)");
    // ISO, possibly with a time part (spreadsheets often add 00:00:00).
    let iso_part = s.split(['T', ' ']).next().unwrap_or(s);
    if iso_part.len() == 10 && iso_part.as_bytes()[4] == b'-' {
        return NaiveDate::parse_from_str(iso_part, "%Y-%m-%d").map(Some).map_err(|_| bad());
    }
    if s.contains('/') {
        let date_part = s.split(' ').next().unwrap_or(s);
        let parts: Vec<&str> = date_part.split('/').collect();
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
            return Err(bad());
        }
        let month: u32 = parts[0].parse().map_err(|_| bad())?;
        let day: u32 = parts[1].parse().map_err(|_| bad())?;
        let year: i32 = match parts[2].len() {
            2 => {
                let yy: i32 = parts[2].parse().map_err(|_| bad())?;
                if yy < 69 { 2000 + yy } else { 1900 + yy }
            }
            4 => parts[2].parse().map_err(|_| bad())?,
            _ => return Err(bad()),
        };
        return NaiveDate::from_ymd_opt(year, month, day).map(Some).ok_or_else(bad);
    }
    // An Excel serial date (days since 1899-12-30), as a number cell becomes.
    if let Ok(serial) = s.parse::<f64>() {
        return excel_serial_date(serial).map(Some).ok_or_else(bad);
    }
    Err(bad())
}

/// Converts an Excel serial day number to a date (1900 date system), for
/// serials between 1 (1900) and 2958465 (9999-12-31).
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(Days::new(serial.floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn report_formats() {
        assert_eq!(parse_report_date("2026-03-01"), Ok(Some(d(2026, 3, 1))));
        assert_eq!(parse_report_date("3/1/2026"), Ok(Some(d(2026, 3, 1))));
        assert_eq!(parse_report_date("03/01/26"), Ok(Some(d(2026, 3, 1))));
        assert_eq!(parse_report_date("12/31/99"), Ok(Some(d(1999, 12, 31))));
        assert_eq!(parse_report_date("2026-03-01 00:00:00"), Ok(Some(d(2026, 3, 1))));
        assert_eq!(parse_report_date("2026-03-01T00:00:00"), Ok(Some(d(2026, 3, 1))));
        assert_eq!(parse_report_date("2/29/2028"), Ok(Some(d(2028, 2, 29))));
        assert_eq!(parse_report_date(""), Ok(None));
    }

    #[test]
    fn excel_serials() {
        assert_eq!(parse_report_date("46082"), Ok(Some(d(2026, 3, 1))));
        assert_eq!(excel_serial_date(45658.0), Some(d(2025, 1, 1)));
        assert_eq!(excel_serial_date(0.0), None);
    }

    #[test]
    fn impossible_dates_are_explained() {
        for bad in ["2/30/2026", "13/1/2026", "2026-02-30", "1/1/202", "next week", "1/1", "-5"] {
            let err = parse_report_date(bad).unwrap_err();
            assert!(err.contains(bad), "{bad}: {err}");
        }
    }
}

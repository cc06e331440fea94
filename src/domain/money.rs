//! Money as integer cents: parsing what agency reports contain, formatting
//! for people and for CSV.
//!
//! ```
//! use agency_desk::domain::money::{parse_money, format_money};
//! assert_eq!(parse_money("$1,234.56"), Ok(Some(123_456)));
//! assert_eq!(parse_money("(123.45)"), Ok(Some(-12_345)));
//! assert_eq!(parse_money("  "), Ok(None));
//! assert_eq!(format_money(-12_345), "-$123.45");
//! ```

/// An amount of money in cents.
pub type Cents = i64;

/// Largest amount accepted from a file: a trillion dollars. Anything larger is
/// a broken cell, not a premium.
const MAX_CENTS: i64 = 100_000_000_000_000;

/// Parses `$1,234.56`, `1234.56`, `1234`, `-5`, `(123.45)` (negative), `USD 12`
/// and blanks (`Ok(None)`). More than two decimals are rounded half away from zero.
pub fn parse_money(input: &str) -> Result<Option<Cents>, String> {
    let mut s = input.trim();
    if s.is_empty() || s == "-" {
        return Ok(None);
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].trim();
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.trim_start();
    }
    let s = s.trim_start_matches("USD").trim_start_matches('$').trim();
    let s = s.strip_prefix('-').inspect(|_| negative = !negative).unwrap_or(s);
    let cleaned: String = s.chars().filter(|c| *c != ',' && *c != ' ').collect();
    let bad = || format!("\"{}\" is not an amount of money (expected e.g. 1234.56, $1,234.56 or (123.45))", input.trim());
    if cleaned.is_empty() {
        return Err(bad());
    }
    let (whole, frac) = match cleaned.split_once('.') {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) || (whole.is_empty() && frac.is_empty()) {
        return Err(bad());
    }
    if whole.len() > 15 {
        return Err(format!("\"{}\" is too large to be an amount of money", input.trim()));
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
    let mut digits = frac.chars().map(|c| c as i64 - '0' as i64);
    let tenths = digits.next().unwrap_or(0);
    let hundredths = digits.next().unwrap_or(0);
    let round_up = digits.next().is_some_and(|d| d >= 5);
    let cents = whole * 100 + tenths * 10 + hundredths + i64::from(round_up);
    if cents > MAX_CENTS {
        return Err(format!("\"{}\" is too large to be an amount of money", input.trim()));
    }
    Ok(Some(if negative { -cents } else { cents }))
}

/// `$1,234.56`, `-$5.00`: for people.
pub fn format_money(cents: Cents) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let dollars = abs / 100;
    let rest = abs % 100;
    format!("{sign}${}.{rest:02}", group_digits(dollars))
}

/// `1234567` → `1,234,567`: a whole number with thousands separators.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    grouped
}

/// `$1,235`: whole dollars for tables and chart labels.
pub fn format_money_whole(cents: Cents) -> String {
    let rounded = (cents as f64 / 100.0).round() as i64 * 100;
    let s = format_money(rounded);
    s.strip_suffix(".00").map(str::to_string).unwrap_or(s)
}

/// `1234.56`, `-5.00`: dollars with two decimals for CSV files.
pub fn format_plain(cents: Cents) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_formats_parse() {
        let cases = [
            ("$1,234.56", 123_456),
            ("1234.56", 123_456),
            ("1234", 123_400),
            ("(123.45)", -12_345),
            ("($1,000)", -100_000),
            ("-$5", -500),
            ("$-5.5", -550),
            ("USD 12.30", 1_230),
            (".5", 50),
            ("0", 0),
            ("1,000,000.00", 100_000_000),
            ("2.345", 235),
            ("2.344", 234),
        ];
        for (input, cents) in cases {
            assert_eq!(parse_money(input), Ok(Some(cents)), "{input}");
        }
    }

    #[test]
    fn blanks_are_none() {
        for input in ["", "   ", "-"] {
            assert_eq!(parse_money(input), Ok(None), "{input:?}");
        }
    }

    #[test]
    fn junk_is_explained() {
        for input in ["abc", "$", "1.2.3", "12a", "()", "1e5", "9999999999999999"] {
            let err = parse_money(input).unwrap_err();
            assert!(err.contains(input.trim()), "{input}: {err}");
        }
    }

    #[test]
    fn formatting() {
        assert_eq!(format_money(0), "$0.00");
        assert_eq!(format_money(123_456_789), "$1,234,567.89");
        assert_eq!(format_money(-5), "-$0.05");
        assert_eq!(format_money(100_000), "$1,000.00");
        assert_eq!(format_money_whole(123_456), "$1,235");
        assert_eq!(format_plain(-12_345), "-123.45");
        assert_eq!(format_plain(7), "0.07");
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(100_000), "100,000");
        assert_eq!(group_digits(u64::MAX), "18,446,744,073,709,551,615");
    }

    #[test]
    fn formatting_round_trips() {
        for cents in [0, 1, 99, 100, 123_456, -987_654_321, 999_999_999_999] {
            assert_eq!(parse_money(&format_money(cents)), Ok(Some(cents)));
            assert_eq!(parse_money(&format_plain(cents)), Ok(Some(cents)));
        }
    }
}

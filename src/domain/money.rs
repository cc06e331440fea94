//! Money as integer cents: parsing what agency reports contain, formatting
//! for people and for CSV.
//!
//! ```
//! use agency_desk::domain::money::{parse_money, parse_money_as, format_money, DecimalStyle};
//! assert_eq!(parse_money("$1,234.56"), Ok(Some(123_456)));
//! assert_eq!(parse_money("(123.45)"), Ok(Some(-12_345)));
//! assert_eq!(parse_money("  "), Ok(None));
//! assert_eq!(parse_money_as("1.234,56", DecimalStyle::Comma), Ok(Some(123_456)));
//! assert!(parse_money("1.234,56").is_err(), "never read as $1.23");
//! assert_eq!(format_money(-12_345), "-$123.45");
//! ```

/// An amount of money in cents.
pub type Cents = i64;

/// Largest amount accepted from a file: a trillion dollars. Anything larger is
/// a broken cell, not a premium.
const MAX_CENTS: i64 = 100_000_000_000_000;

/// How a file writes the decimals of its amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DecimalStyle {
    /// `1,234.56`: a point before the cents, commas between thousands (the
    /// US way, and the default).
    #[default]
    Point,
    /// `1.234,56`: a comma before the cents, points between thousands (as
    /// many European systems and spreadsheets write them).
    Comma,
}

impl DecimalStyle {
    /// The character before the cents.
    pub fn decimal(self) -> char {
        match self {
            DecimalStyle::Point => '.',
            DecimalStyle::Comma => ',',
        }
    }

    /// The character between groups of thousands.
    pub fn grouping(self) -> char {
        match self {
            DecimalStyle::Point => ',',
            DecimalStyle::Comma => '.',
        }
    }

    /// One sentence for the import preview saying how amounts are read.
    pub fn describe(self) -> &'static str {
        match self {
            DecimalStyle::Point => "Amounts read with a point as the decimal separator (1,234.56).",
            DecimalStyle::Comma => "Amounts read with a comma as the decimal separator (1.234,56 = 1,234.56).",
        }
    }

    /// An example amount in this style, for messages.
    fn example(self) -> &'static str {
        match self {
            DecimalStyle::Point => "1,234.56",
            DecimalStyle::Comma => "1.234,56",
        }
    }
}

/// Which style a column of amounts is written in, from the values that can
/// only be read one way: `300,00`, `12,5` and `1.234,56` need comma
/// decimals; `300.00`, `1,234.56` and `1,000,000` need point decimals.
/// Values such as `1,234` or `1234` say nothing. The style more values
/// point to wins; with no clear majority it is [`DecimalStyle::Point`].
///
/// ```
/// use agency_desk::domain::money::{detect_decimal_style, DecimalStyle};
/// assert_eq!(detect_decimal_style(["1.234,56", "300,00", "1234"]), DecimalStyle::Comma);
/// assert_eq!(detect_decimal_style(["$1,234.56", "300.00", "1,234"]), DecimalStyle::Point);
/// assert_eq!(detect_decimal_style(["1,234", ""]), DecimalStyle::Point);
/// ```
pub fn detect_decimal_style<'a>(values: impl IntoIterator<Item = &'a str>) -> DecimalStyle {
    let (mut point, mut comma) = (0usize, 0usize);
    for value in values {
        match style_evidence(value) {
            Some(DecimalStyle::Point) => point += 1,
            Some(DecimalStyle::Comma) => comma += 1,
            None => {}
        }
    }
    if comma > point { DecimalStyle::Comma } else { DecimalStyle::Point }
}

/// The style one value can only be read in, if any.
fn style_evidence(value: &str) -> Option<DecimalStyle> {
    let marks: Vec<(usize, char)> = value.char_indices().filter(|(_, c)| matches!(c, '.' | ',')).collect();
    let &(last_at, last) = marks.last()?;
    let style_with_decimal = |c: char| if c == '.' { DecimalStyle::Point } else { DecimalStyle::Comma };
    let same_as_last = marks.iter().filter(|(_, c)| *c == last).count();
    if marks.iter().any(|(_, c)| *c != last) {
        // Both marks: the last one, written once, is the decimal separator.
        return (same_as_last == 1).then(|| style_with_decimal(last));
    }
    if same_as_last > 1 {
        // One mark written several times can only be the thousands separator.
        return Some(style_with_decimal(if last == '.' { ',' } else { '.' }));
    }
    let digits_after = value[last_at + 1..].chars().take_while(char::is_ascii_digit).count();
    // `1,234` and `1.234` read either way; `300,00` or `12,5` only one way.
    (digits_after != 3 && digits_after > 0).then(|| style_with_decimal(last))
}

/// Parses `$1,234.56`, `1234.56`, `1234`, `-5`, `(123.45)` (negative), `USD 12`
/// and blanks (`Ok(None)`), with a point as the decimal separator. More than
/// two decimals are rounded half away from zero. Commas may only separate
/// thousands: `300,00` or `1.234,56` is refused, never misread.
pub fn parse_money(input: &str) -> Result<Option<Cents>, String> {
    parse_money_as(input, DecimalStyle::Point)
}

/// [`parse_money`] for a given decimal style: under [`DecimalStyle::Comma`],
/// `1.234,56` is 1234.56 and `300,00` is 300. A value that does not fit the
/// style (a thousands separator between groups other than three digits, two
/// decimal separators) is refused with the reason.
pub fn parse_money_as(input: &str, style: DecimalStyle) -> Result<Option<Cents>, String> {
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
    let shown = input.trim();
    let bad = || {
        let examples = match style {
            DecimalStyle::Point => "1234.56, $1,234.56 or (123.45)",
            DecimalStyle::Comma => "1234,56, 1.234,56 or (123,45)",
        };
        format!("\"{shown}\" is not an amount of money (expected e.g. {examples})")
    };
    if s.is_empty() {
        return Err(bad());
    }
    let (whole, frac) = match s.split_once(style.decimal()) {
        Some((w, f)) => (w, f),
        None => (s, ""),
    };
    let misplaced = || {
        format!(
            "\"{shown}\" cannot be read for sure: amounts are read with '{}' before the cents, so '{}' may only separate thousands, as in {}",
            style.decimal(),
            style.grouping(),
            style.example()
        )
    };
    if frac.contains(style.grouping()) {
        return Err(misplaced());
    }
    if frac.contains(style.decimal()) {
        return Err(format!(
            "\"{shown}\" has more than one '{}'; amounts are read with '{}' before the cents, as in {}",
            style.decimal(),
            style.decimal(),
            style.example()
        ));
    }
    let Some(whole) = ungroup(whole, style) else {
        // Only separators in odd places can be a matter of style; a word
        // or a stray sign is simply not an amount.
        let only_digits_and_separators =
            whole.chars().all(|c| c.is_ascii_digit() || c == style.grouping() || is_space_separator(c));
        return Err(if whole.contains(style.grouping()) && only_digits_and_separators { misplaced() } else { bad() });
    };
    if !frac.chars().all(|c| c.is_ascii_digit()) || (whole.is_empty() && frac.is_empty()) {
        return Err(bad());
    }
    if whole.len() > 15 {
        return Err(format!("\"{shown}\" is too large to be an amount of money"));
    }
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
    let mut digits = frac.chars().map(|c| c as i64 - '0' as i64);
    let tenths = digits.next().unwrap_or(0);
    let hundredths = digits.next().unwrap_or(0);
    let round_up = digits.next().is_some_and(|d| d >= 5);
    let cents = whole * 100 + tenths * 10 + hundredths + i64::from(round_up);
    if cents > MAX_CENTS {
        return Err(format!("\"{shown}\" is too large to be an amount of money"));
    }
    Ok(Some(if negative { -cents } else { cents }))
}

/// Separators a whole number may carry between groups of thousands besides
/// the style's own: spaces, as in `1 234,56`.
fn is_space_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// The digits of a whole number written with thousands separators (the
/// style's, or spaces): `1,234,567` → `1234567`. None when a separator
/// stands anywhere but between groups of three digits, or a character is
/// not a digit. An empty text stays empty.
fn ungroup(whole: &str, style: DecimalStyle) -> Option<String> {
    let is_sep = |c: char| c == style.grouping() || is_space_separator(c);
    if !whole.contains(is_sep) {
        return whole.chars().all(|c| c.is_ascii_digit()).then(|| whole.to_string());
    }
    let mut digits = String::with_capacity(whole.len());
    for (i, group) in whole.split(is_sep).enumerate() {
        let fits = if i == 0 { (1..=3).contains(&group.len()) } else { group.len() == 3 };
        if !fits || !group.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    Some(digits)
}

/// A whole number such as a yearly count, possibly with thousands
/// separators in the given style: `1,000` (point style) or `1.000` (comma
/// style) is 1000. None when it is not one (`1,5` in a point-style file is
/// not 15).
pub fn parse_whole_number(input: &str, style: DecimalStyle) -> Option<u64> {
    let digits = ungroup(input.trim(), style)?;
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    digits.parse().ok()
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
mod tests;

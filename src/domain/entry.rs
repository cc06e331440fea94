//! Numbers typed into form fields: read them or say, by the field's name,
//! why they were not taken.
//!
//! The form fields that hold a count (days, a weight, employees) or a
//! non-negative figure (minutes, times a year) read what was typed here, so
//! every such field refuses bad input with the same kind of message instead
//! of ignoring it.
//!
//! ```
//! use agency_desk::domain::entry::{whole_number, non_negative};
//! assert_eq!(whole_number(" 120 ", "The lead time", 0, 365), Ok(120));
//! assert_eq!(
//!     whole_number("400", "The lead time", 0, 365),
//!     Err("The lead time must be a whole number from 0 to 365; “400” is not.".to_string())
//! );
//! assert_eq!(non_negative("2.5", "Minutes"), Ok(2.5));
//! assert!(non_negative("-1", "Minutes").is_err());
//! ```

use super::money::{Cents, group_digits, parse_money};

/// Reads a whole number from `min` to `max` (inclusive). `field` names the
/// field in the message, e.g. "The weight of “…”".
pub fn whole_number(text: &str, field: &str, min: u32, max: u32) -> Result<u32, String> {
    let t = text.trim();
    match t.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(refusal(
            t,
            &format!(
                "{field} must be a whole number from {} to {}",
                group_digits(min.into()),
                group_digits(max.into())
            ),
        )),
    }
}

/// Reads a number of zero or more (decimals allowed), such as minutes or
/// times a year.
pub fn non_negative(text: &str, field: &str) -> Result<f64, String> {
    let t = text.trim();
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(refusal(t, &format!("{field} must be a number of 0 or more"))),
    }
}

/// Reads an amount of money of zero or more, as people type it ($1,500,
/// 1500.00).
pub fn amount(text: &str, field: &str) -> Result<Cents, String> {
    match parse_money(text) {
        Ok(Some(c)) if c >= 0 => Ok(c),
        Ok(Some(_)) => Err(format!("{field} cannot be negative; “{}” is not taken.", text.trim())),
        Ok(None) => Err(format!("{field} is blank: enter an amount in dollars, such as 1,500.")),
        Err(e) => Err(format!("{field}: {e}.")),
    }
}

/// The rule, plus what was typed when there was something. (Number fields
/// hand over an empty value when what is in them is not a number at all.)
fn refusal(typed: &str, rule: &str) -> String {
    if typed.is_empty() { format!("{rule}.") } else { format!("{rule}; “{typed}” is not.") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_within_their_range_are_taken() {
        assert_eq!(whole_number("0", "Days", 0, 400), Ok(0));
        assert_eq!(whole_number("400", "Days", 0, 400), Ok(400));
        assert_eq!(whole_number("\t7 ", "Days", 0, 400), Ok(7));
        assert_eq!(whole_number("1", "Employees", 1, 100_000), Ok(1));
    }

    #[test]
    fn whole_numbers_are_refused_with_the_field_and_what_was_typed() {
        assert_eq!(
            whole_number("401", "Days", 0, 400),
            Err("Days must be a whole number from 0 to 400; “401” is not.".into())
        );
        assert_eq!(
            whole_number("0", "Employees", 1, 100_000),
            Err("Employees must be a whole number from 1 to 100,000; “0” is not.".into())
        );
        assert_eq!(
            whole_number("2.5", "Days", 0, 400),
            Err("Days must be a whole number from 0 to 400; “2.5” is not.".into())
        );
        assert_eq!(
            whole_number("-3", "Days", 0, 400),
            Err("Days must be a whole number from 0 to 400; “-3” is not.".into())
        );
        assert_eq!(whole_number("  ", "Days", 0, 400), Err("Days must be a whole number from 0 to 400.".into()));
        assert_eq!(
            whole_number("99999999999", "Days", 0, 400),
            Err("Days must be a whole number from 0 to 400; “99999999999” is not.".into())
        );
    }

    #[test]
    fn amounts_are_taken_or_refused() {
        assert_eq!(amount("$1,500", "Low net"), Ok(150_000));
        assert_eq!(amount("0", "Low net"), Ok(0));
        assert_eq!(amount("-5", "Low net"), Err("Low net cannot be negative; “-5” is not taken.".into()));
        assert_eq!(amount(" ", "Low net"), Err("Low net is blank: enter an amount in dollars, such as 1,500.".into()));
        let e = amount("12abc", "Low net").unwrap_err();
        assert!(e.starts_with("Low net: \"12abc\" is not an amount of money"), "{e}");
    }

    #[test]
    fn non_negative_numbers_are_taken_or_refused() {
        assert_eq!(non_negative("0", "Minutes"), Ok(0.0));
        assert_eq!(non_negative(" 12.5 ", "Minutes"), Ok(12.5));
        assert_eq!(
            non_negative("-0.5", "Minutes"),
            Err("Minutes must be a number of 0 or more; “-0.5” is not.".into())
        );
        assert_eq!(non_negative("inf", "Minutes"), Err("Minutes must be a number of 0 or more; “inf” is not.".into()));
        assert_eq!(non_negative("NaN", "Minutes"), Err("Minutes must be a number of 0 or more; “NaN” is not.".into()));
        assert_eq!(non_negative("", "Minutes"), Err("Minutes must be a number of 0 or more.".into()));
    }
}

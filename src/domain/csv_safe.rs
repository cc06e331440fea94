//! CSV cells that a spreadsheet would run as formulas, made harmless.
//!
//! Excel, LibreOffice and Google Sheets treat a cell that starts with `=`,
//! `+`, `-` or `@` as a formula, and some also act on a leading tab or
//! carriage return. A client named `=HYPERLINK("http://…","Click me")` in an
//! export would become a live link in whoever opens the file. Following
//! OWASP's advice on CSV injection, such a cell is written with a leading
//! `'`, which every one of those programs shows as text.
//!
//! Plain numbers (`-145.00`, `+1`, `-3`) are left alone: a spreadsheet reads
//! them as numbers, which runs nothing, and money columns have to stay
//! numeric.
//!
//! [`restore`] is the exact inverse of [`defuse`], for the app's own import
//! of a file it exported. Every CSV export writes through [`SafeWriter`].

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
pub const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell with a leading `'` when a spreadsheet would otherwise run it as
/// a formula; otherwise the cell as it is.
///
/// A cell is prefixed when, after any leading `'`s, it starts with one of
/// [`TRIGGERS`] and is not a plain number (an optional `+` or `-`, ASCII
/// digits, and optionally a `.` followed by more digits). Text that already
/// starts with `'` before such a character (`'=x`) gets one more, so that
/// [`restore`] can tell the two apart and give back exactly what was written.
///
/// ```
/// use agency_desk::domain::csv_safe::defuse;
/// assert_eq!(defuse("=SUM(1+1)"), "'=SUM(1+1)");
/// assert_eq!(defuse("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
/// assert_eq!(defuse("-145.00"), "-145.00");
/// assert_eq!(defuse("Smith & Co"), "Smith & Co");
/// ```
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// The inverse of [`defuse`]: a cell that starts with `'` and would be
/// prefixed by [`defuse`] (after its leading `'`s, a trigger character and
/// not a plain number) loses that one `'`; any other cell is returned as it
/// is, so `restore(&defuse(x)) == x` for every `x`.
///
/// For an import of a file this app exported. A `'` in front of a plain
/// number or of ordinary text (`'-3`, `'Tis`) is kept, since [`defuse`]
/// never adds one there.
///
/// ```
/// use agency_desk::domain::csv_safe::restore;
/// assert_eq!(restore("'=SUM(1+1)"), "=SUM(1+1)");
/// assert_eq!(restore("''=x"), "'=x");
/// assert_eq!(restore("'-3"), "'-3");
/// assert_eq!(restore("O'Brien"), "O'Brien");
/// ```
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => rest,
        _ => cell,
    }
}

/// Whether [`defuse`] prefixes the cell.
fn needs_quote(cell: &str) -> bool {
    let text = cell.trim_start_matches('\'');
    text.starts_with(TRIGGERS) && !is_plain_number(text)
}

/// An optional sign, digits, and optionally a decimal point with digits.
fn is_plain_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && fraction.is_none_or(digits)
}

/// A CSV writer into memory whose every cell, headers included, goes
/// through [`defuse`].
pub struct SafeWriter(csv::Writer<Vec<u8>>);

impl Default for SafeWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl SafeWriter {
    pub fn new() -> Self {
        Self(csv::Writer::from_writer(Vec::new()))
    }

    /// Writes one row. Every row must have as many cells as the first; a
    /// row of another length is a bug, which a debug build (the tests) stops on.
    pub fn row<I, T>(&mut self, cells: I)
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        let mut written = Ok(());
        for cell in cells {
            written = written.and_then(|()| self.0.write_field(defuse(cell.as_ref()).as_bytes()));
        }
        let written = written.and_then(|()| self.0.write_record(None::<&[u8]>));
        debug_assert!(written.is_ok(), "a CSV row could not be written: {written:?}");
    }

    /// The CSV text written so far.
    pub fn into_string(self) -> String {
        String::from_utf8(self.0.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// Cells a spreadsheet would run, for the tests of every export.
#[cfg(test)]
pub(crate) const HOSTILE: [&str; 6] = [
    "=HYPERLINK(\"http://x\",\"Click me\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_numbers_are_not() {
        for cell in HOSTILE {
            assert_eq!(defuse(cell), format!("'{cell}"));
        }
        for number in ["-145.00", "-3", "-0.5", "+1", "0", "12.50", "-0"] {
            assert_eq!(defuse(number), number);
        }
        for not_a_number in ["-", "+", "-.5", "-5.", "-1.2.3", "-1e5", "- 3", "-3 ", "-$3", "--3", "-١"] {
            assert_eq!(defuse(not_a_number), format!("'{not_a_number}"), "{not_a_number:?}");
        }
        for text in ["", "Smith & Co", "3=3", "a@b.com", " =1", "'", "'Tis", "O'Brien", "2027-03-01", "1,234.00"] {
            assert_eq!(defuse(text), text, "{text:?}");
        }
    }

    #[test]
    fn quoted_text_gets_one_more_quote_and_comes_back() {
        assert_eq!(defuse("'=x"), "''=x");
        assert_eq!(defuse("''@x"), "'''@x");
        assert_eq!(defuse("'-3"), "'-3", "a quote before a plain number is never added by defuse");
        for cell in ["'=x", "''@x", "'-3", "'", "''", "-3", "=", "'\t", "Smith"] {
            assert_eq!(restore(&defuse(cell)), cell, "{cell:?}");
        }
    }

    #[test]
    fn the_writer_defuses_every_cell_and_quotes_as_csv_does() {
        let mut w = SafeWriter::new();
        w.row(["client", "net"]);
        w.row(["=HYPERLINK(\"http://x\",\"Click me\")", "-145.00"]);
        w.row([String::from("\t=1+1"), String::from("+1")]);
        let text = w.into_string();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][0], "'=HYPERLINK(\"http://x\",\"Click me\")");
        assert_eq!(&rows[0][1], "-145.00");
        assert_eq!(&rows[1][0], "'\t=1+1");
        assert_eq!(&rows[1][1], "+1");
        assert!(text.contains(",-145.00\n"), "a number is written bare: {text}");
    }
}

//! Reading CSV and XLSX files into rows of text cells.
//!
//! A file is refused, with a message that says why, before anything is
//! shown when it cannot be an agency management system export: too large,
//! binary data (an image, a PDF, random bytes), far too many columns, or a
//! quote that is never closed and would swallow the rest of the file.

use crate::domain::money::group_digits;
use calamine::{DataRef, Reader, Xlsx, XlsxError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Cursor;

mod delimited;
mod text;
mod xlsx;
pub use delimited::read_csv;
use delimited::too_wide;
use text::*;
pub use xlsx::{read_xlsx, read_xlsx_sheet};

/// The largest file the app takes: it holds the whole file, its cells and
/// the preview of every row in the browser's memory at once.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most columns a header or row may have. An export has a few dozen;
/// thousands mean the wrong file, and each column costs work on every row.
pub const MAX_COLUMNS: usize = 500;

/// One data row and the line (CSV) or row number (XLSX) it came from, as
/// the user sees it in a spreadsheet (the header is line 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A file's header and rows, every cell as text.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    /// The line (row number in a workbook) the headers are on.
    pub header_line: usize,
    /// The rows before the header that are not blank: a report's title,
    /// agency and date range. They are not imported.
    pub above: Vec<TableRow>,
    pub rows: Vec<TableRow>,
    /// The character between cells of a CSV file; None for a workbook.
    pub delimiter: Option<char>,
    /// The worksheet the rows come from (None for a CSV file).
    pub sheet: Option<String>,
    /// Every worksheet of the workbook, in its order (empty for CSV).
    pub sheets: Vec<String>,
}

/// How many of the first non-blank rows are looked at for the header.
pub const HEADER_SEARCH_ROWS: usize = 30;

impl Table {
    /// The same file read with its headers on `line` instead: rows above it
    /// move to [`Table::above`], rows below become data. None when `line`
    /// is not a non-blank row of the file.
    ///
    /// ```
    /// use agency_desk::domain::import::table::read_csv;
    /// let t = read_csv(b"Client,Commission\nAcme,10\n").unwrap();
    /// let t2 = t.with_header_line(2).unwrap();
    /// assert_eq!((t2.headers.clone(), t2.above.len(), t2.rows.len()), (vec!["Acme".to_string(), "10".into()], 1, 0));
    /// assert_eq!(t2.with_header_line(1).unwrap(), t);
    /// ```
    pub fn with_header_line(&self, line: usize) -> Option<Table> {
        let header = TableRow { line: self.header_line, cells: self.headers.clone() };
        let rows = self.above.iter().cloned().chain(std::iter::once(header)).chain(self.rows.iter().cloned()).collect();
        Table { rows, headers: Vec::new(), above: Vec::new(), header_line: 0, ..self.clone_meta() }
            .with_header_line_from_raw(line)
    }

    /// An empty table with this one's delimiter and sheets.
    fn clone_meta(&self) -> Table {
        Table { delimiter: self.delimiter, sheet: self.sheet.clone(), sheets: self.sheets.clone(), ..Table::default() }
    }

    /// Rows that could hold the headers, for the user to choose from: the
    /// rows above the headers, the headers and the first rows below.
    pub fn header_candidates(&self) -> Vec<TableRow> {
        let header = TableRow { line: self.header_line, cells: self.headers.clone() };
        let below = self
            .rows
            .iter()
            .filter(|r| !is_blank(&r.cells))
            .take(HEADER_SEARCH_ROWS.saturating_sub(self.above.len() + 1))
            .cloned();
        self.above.iter().cloned().chain(std::iter::once(header)).chain(below).collect()
    }
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.is_empty())
}

/// A row's first non-empty cells joined, cut to `max_chars` with an
/// ellipsis: enough to recognise a row by in a list.
///
/// ```
/// use agency_desk::domain::import::table::row_text;
/// let cells = ["", "Report Total: 5 Policies", " ", "$1,725.00"].map(String::from);
/// assert_eq!(row_text(&cells, 80), "Report Total: 5 Policies · $1,725.00");
/// assert_eq!(row_text(&cells, 10), "Report To…");
/// ```
pub fn row_text(cells: &[String], max_chars: usize) -> String {
    let text = cells.iter().map(|c| trim_spaces(c)).filter(|c| !c.is_empty()).take(4).collect::<Vec<_>>().join(" · ");
    if text.chars().count() > max_chars {
        format!("{}…", text.chars().take(max_chars - 1).collect::<String>())
    } else {
        text
    }
}

/// A cell's text without the spaces around it. Only spaces (and
/// non-breaking spaces) go: a tab or carriage return is part of what was
/// written (a leading tab is how spreadsheets are kept from reading a cell
/// as a formula).
pub fn trim_spaces(cell: &str) -> &str {
    cell.trim_matches([' ', '\u{a0}'])
}

/// Refuses a file larger than [`MAX_FILE_BYTES`]; the page calls this with
/// the chosen file's size before reading it.
pub fn check_file_size(bytes: u64) -> Result<(), String> {
    if bytes <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(format!(
        "This file is {}; the largest file the app can import is {}. Export a smaller report (one department, or fewer columns) and import that.",
        megabytes(bytes),
        megabytes(MAX_FILE_BYTES)
    ))
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb.fract() == 0.0 { format!("{mb:.0} MB") } else { format!("{mb:.1} MB") }
}

/// Reads a file: a workbook (by its content, or a `.xlsx`/`.xlsm` name) as
/// Excel, anything else as CSV.
pub fn read_file(file_name: &str, bytes: &[u8]) -> Result<Table, String> {
    check_file_size(bytes.len() as u64)?;
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") || is_zip(bytes) {
        read_xlsx(bytes)
    } else if lower.ends_with(".xls") {
        Err(format!("{file_name} is an old-style .xls workbook; save it as .xlsx or CSV and import that"))
    } else {
        read_csv(bytes)
    }
}

/// An .xlsx workbook is a zip archive.
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// What a file is, from the first bytes of formats that are never text.
fn known_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 9] = [
        (b"\x89PNG\r\n\x1a\n", "it is a PNG image"),
        (b"%PDF-", "it is a PDF document"),
        (b"\xFF\xD8\xFF", "it is a JPEG image"),
        (b"GIF87a", "it is a GIF image"),
        (b"GIF89a", "it is a GIF image"),
        (b"\x1F\x8B", "it is a compressed (gzip) archive"),
        (b"7z\xBC\xAF\x27\x1C", "it is a 7-Zip archive"),
        (b"Rar!\x1A\x07", "it is a RAR archive"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "it is an old-style Office file (an .xls workbook or a .doc document); save it as .xlsx or CSV and import that",
        ),
    ];
    MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|&(_, what)| what)
}

fn not_text(why: &str) -> String {
    format!(
        "This file is not a text (CSV) or Excel file: {why}. Choose the CSV or Excel (.xlsx) export of your agency management system."
    )
}

/// The rows with the headers on the row among the first
/// [`HEADER_SEARCH_ROWS`] non-blank ones that names the most known columns
/// (the first such row; the first non-blank row when none names two). A
/// report's title lines above the headers are kept in [`Table::above`].
/// None when no row has content.
fn into_table(rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Option<Table> {
    let rows: Vec<TableRow> = rows.into_iter().map(|(line, cells)| TableRow { line, cells }).collect();
    let candidates = rows.iter().filter(|r| !is_blank(&r.cells)).take(HEADER_SEARCH_ROWS);
    let mut best: Option<(usize, usize)> = None;
    for row in candidates {
        let score = super::mapping::header_score(&row.cells);
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((row.line, score));
        }
    }
    let (line, score) = best?;
    let first = rows.iter().find(|r| !is_blank(&r.cells))?.line;
    let line = if score >= 2 { line } else { first };
    let whole = Table { header_line: first, rows, ..Table::default() };
    whole.with_header_line_from_raw(line)
}

impl Table {
    /// [`Table::with_header_line`] for a table whose every row is still in
    /// `rows` (as the reader built it).
    fn with_header_line_from_raw(self, line: usize) -> Option<Table> {
        let mut above = Vec::new();
        let mut rows = Vec::new();
        let mut headers = None;
        for row in self.rows {
            if headers.is_some() {
                rows.push(row);
            } else if row.line == line && !is_blank(&row.cells) {
                headers = Some(row.cells);
            } else if !is_blank(&row.cells) {
                above.push(row);
            }
        }
        Some(Table {
            headers: headers?,
            header_line: line,
            above,
            rows,
            delimiter: self.delimiter,
            sheet: self.sheet,
            sheets: self.sheets,
        })
    }
}

#[cfg(test)]
mod tests;

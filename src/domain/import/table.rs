//! Reading CSV and XLSX files into rows of text cells.
//!
//! A file is refused, with a message that says why, before anything is
//! shown when it cannot be an agency management system export: too large,
//! binary data (an image, a PDF, random bytes), far too many columns, or a
//! quote that is never closed and would swallow the rest of the file.

use crate::domain::money::group_digits;
use calamine::{DataRef, Reader, Xlsx, XlsxError};
use std::collections::BTreeMap;
use std::io::Cursor;

/// The largest file the app takes: it holds the whole file, its cells and
/// the preview of every row in the browser's memory at once.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most columns a header or row may have. An export has a few dozen;
/// thousands mean the wrong file, and each column costs work on every row.
pub const MAX_COLUMNS: usize = 500;

/// One data row and the line (CSV) or row number (XLSX) it came from, as
/// the user sees it in a spreadsheet (the header is line 1).
#[derive(Clone, Debug, PartialEq)]
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

/// Reads CSV (comma, or semicolon/tab when the header uses those) in UTF-8
/// (with or without a byte-order mark), UTF-16 (little or big endian) or
/// Windows-1252. Every cell keeps its text as written but for the spaces
/// around it.
pub fn read_csv(bytes: &[u8]) -> Result<Table, String> {
    check_file_size(bytes.len() as u64)?;
    if let Some(what) = known_binary(bytes) {
        return Err(not_text(what));
    }
    if is_zip(bytes) {
        return Err(not_text("it is a zip archive (an .xlsx workbook is one: give it the .xlsx name)"));
    }
    let text = decode_text(bytes)?;
    // Old DOS-era systems end a file with Ctrl-Z.
    let text = text.trim_end_matches('\u{1a}');
    check_is_text(text)?;
    let delimiter = guess_delimiter(text);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut last_record_start = None;
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(text);
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e
                    .position()
                    .map(|p| group_digits(lines.line_at(p.byte() as usize) as u64))
                    .unwrap_or_else(|| "?".into());
                return Err(format!("The file could not be read as CSV at line {line}: {e}"));
            }
        }
        let byte = record.position().map_or(0, |p| p.byte() as usize);
        let line = lines.line_at(byte);
        // Before any work on the cells: a row this wide means the wrong file.
        // Empty cells at the end (a spreadsheet's used range written out as
        // trailing commas) do not count.
        let mut width = record.len();
        if width > MAX_COLUMNS {
            width = (0..width).rev().find(|&i| !trim_spaces(&record[i]).is_empty()).map_or(0, |i| i + 1);
            if width > MAX_COLUMNS {
                let has_header =
                    rows.iter().any(|(_, cells): &(usize, Vec<String>)| cells.iter().any(|c| !c.is_empty()));
                let subject = if has_header {
                    format!("Line {} has", group_digits(line as u64))
                } else {
                    "The header of this file has".into()
                };
                return Err(too_wide(subject, width, if has_header { "cells" } else { "columns" }));
            }
        }
        last_record_start = Some((line, byte));
        // A cell our own exports defused with a leading ' (see csv_safe) reads back as it was.
        rows.push((
            line,
            record.iter().take(width).map(|c| crate::domain::csv_safe::restore(trim_spaces(c)).to_string()).collect(),
        ));
    }
    // A quote left open runs to the end of the file, so it can only be in
    // the last record.
    if let Some((line, byte)) = last_record_start
        && let Some(open) = open_quote_at_end(&text[byte.min(text.len())..], delimiter)
    {
        let earlier = &rows[..rows.len() - 1];
        let headers = earlier.iter().map(|(_, cells)| cells).find(|cells| cells.iter().any(|c| !c.is_empty()));
        return Err(unclosed_quote(line, &text[byte.min(text.len())..], open, headers));
    }
    let mut table = into_table(rows).ok_or_else(|| {
        "The file is empty: expected a header row naming the columns, then one row per policy or account.".to_string()
    })?;
    table.delimiter = Some(delimiter as char);
    Ok(table)
}

fn too_wide(subject: String, count: usize, unit: &str) -> String {
    format!(
        "{subject} {} {unit}; an agency management system export has at most a few dozen — is this the right file?",
        group_digits(count as u64)
    )
}

/// Where a quoted cell opens in `tail` (the last record of a file, to the
/// end of the file) and is still open at the end: the quote's byte offset
/// and the cell's position in its record. Quotes are read as the CSV reader
/// reads them: only a quote at the start of a cell opens one; inside it, a
/// doubled quote is a quote character and a single one closes it.
fn open_quote_at_end(tail: &str, delimiter: u8) -> Option<(usize, usize)> {
    #[derive(PartialEq)]
    enum State {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let ends_cell = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let (mut state, mut opened, mut cell) = (State::CellStart, 0, 0);
    for (i, b) in tail.bytes().enumerate() {
        let next = match state {
            State::CellStart if b == b'"' => {
                opened = i;
                State::Quoted
            }
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::CellStart | State::Unquoted | State::QuoteInQuoted if ends_cell(b) => {
                cell = if b == delimiter { cell + 1 } else { 0 };
                State::CellStart
            }
            _ => State::Unquoted,
        };
        state = next;
    }
    (state == State::Quoted).then_some((opened, cell))
}

/// The character between cells: of comma, semicolon and tab, the one a
/// line among the first non-blank ones holds most of (a report's title
/// lines above the header hold none); a comma when none is used.
fn guess_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(HEADER_SEARCH_ROWS).collect();
    let most = |d: u8| lines.iter().map(|l| l.bytes().filter(|&b| b == d).count()).max().unwrap_or(0);
    let mut best = (b',', most(b','));
    for d in [b';', b'\t'] {
        let n = most(d);
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// Line numbers as an editor shows them, from byte offsets (the CSV
/// reader's own count is off after blank lines and in CRLF files). Offsets
/// must come in increasing order; blank lines before an offset are skipped,
/// since a record never starts on one.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter { text: text.as_bytes(), at: 0, line: 1 }
    }

    fn line_at(&mut self, byte: usize) -> usize {
        let mut byte = byte.min(self.text.len());
        while byte < self.text.len() && matches!(self.text[byte], b'\r' | b'\n') {
            byte += 1;
        }
        if byte >= self.at {
            self.line += self.text[self.at..byte].iter().filter(|&&b| b == b'\n').count();
            self.at = byte;
        }
        self.line
    }
}

/// The refusal of a file whose last record opens a quote that never closes.
fn unclosed_quote(
    record_line: usize,
    tail: &str,
    (open, cell): (usize, usize),
    headers: Option<&Vec<String>>,
) -> String {
    let quote_line = record_line + tail[..open].matches('\n').count();
    let last_line = quote_line + tail[open..].trim_end_matches(['\n', '\r']).matches('\n').count();
    let column = headers
        .and_then(|h| h.get(cell))
        .filter(|h| !h.is_empty())
        .map(|h| format!(" (in the {h} column)"))
        .unwrap_or_default();
    let swallowed = if last_line > quote_line {
        format!("lines {}–{} would read as one cell", group_digits(quote_line as u64), group_digits(last_line as u64))
    } else {
        "the rest of that line would read as one cell".to_string()
    };
    format!(
        "Line {} opens a quote{column} that is never closed, so {swallowed}; nothing was imported. Fix that row and import again.",
        group_digits(quote_line as u64)
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

/// The file's text: UTF-8 (a byte-order mark is dropped), UTF-16 with a
/// byte-order mark (or without one, when every other byte is zero as in
/// English text), else Windows-1252.
fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_or_windows_1252(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    match utf16_without_mark(bytes) {
        Some(true) => utf16(bytes, u16::from_le_bytes),
        Some(false) => utf16(bytes, u16::from_be_bytes),
        None => Ok(utf8_or_windows_1252(bytes)),
    }
}

fn utf8_or_windows_1252(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        // Older AMS exports are often Windows-1252; map bytes one to one.
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if bytes.len() % 2 == 1 {
        return Err("The file is UTF-16 text but ends halfway through a character, so it may be cut short. Export it again and import the new file.".into());
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(format!(
                    "The file is UTF-16 text but holds an invalid character (at byte {}), so it cannot be read safely. Export it again, as UTF-8 if the system offers it.",
                    group_digits(i as u64 * 2)
                ));
            }
        }
    }
    Ok(text)
}

/// UTF-16 without a byte-order mark, told by its zero bytes: Some(true) for
/// little endian (`C\0l\0`), Some(false) for big endian (`\0C\0l`).
fn utf16_without_mark(bytes: &[u8]) -> Option<bool> {
    let pairs = &bytes[..bytes.len().min(4096) & !1];
    let n = pairs.len() / 2;
    if n < 2 || bytes.len() % 2 == 1 {
        return None;
    }
    let zeros = |offset: usize| pairs.iter().skip(offset).step_by(2).filter(|&&b| b == 0).count();
    let (first, second) = (zeros(0), zeros(1));
    let mostly = |count: usize| count * 10 >= n * 9;
    if mostly(second) && first == 0 {
        Some(true)
    } else if mostly(first) && second == 0 {
        Some(false)
    } else {
        None
    }
}

/// Refuses decoded text that is really binary: NUL characters, or more than
/// one character in fifty a control code (text has tabs and line breaks,
/// nothing else below a space).
fn check_is_text(text: &str) -> Result<(), String> {
    if text.contains('\0') {
        return Err(not_text("it holds NUL bytes, which a text file never has"));
    }
    let (mut total, mut control) = (0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            control += 1;
        }
    }
    if control * 50 > total {
        return Err(not_text(&format!(
            "{} of its {} characters are control codes, which a text file does not have",
            group_digits(control as u64),
            group_digits(total as u64)
        )));
    }
    Ok(())
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Reads an .xlsx workbook: of its worksheets, the one whose header row
/// names the most known columns (the first on a tie, so a one-sheet
/// workbook reads its sheet), with every sheet's name for the user to
/// choose another ([`read_xlsx_sheet`]). Empty sheets are passed over.
///
/// Dates become ISO text; numbers keep their full precision.
pub fn read_xlsx(bytes: &[u8]) -> Result<Table, String> {
    let mut workbook = open_workbook(bytes)?;
    let sheets = workbook.sheet_names();
    if sheets.is_empty() {
        return Err("The workbook has no worksheets.".to_string());
    }
    let mut best: Option<(usize, Table)> = None;
    let mut first_error = None;
    for name in &sheets {
        match read_sheet(&mut workbook, name) {
            Ok(table) => {
                let score = super::mapping::header_score(&table.headers);
                if best.as_ref().is_none_or(|(s, _)| score > *s) {
                    best = Some((score, table));
                }
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    // With no sheet read, every sheet gave an error: say the first.
    let (_, mut table) = best.ok_or_else(|| first_error.unwrap_or_default())?;
    table.sheets = sheets;
    Ok(table)
}

/// Reads the named worksheet of an .xlsx workbook (see [`read_xlsx`]).
pub fn read_xlsx_sheet(bytes: &[u8], sheet: &str) -> Result<Table, String> {
    let mut workbook = open_workbook(bytes)?;
    let sheets = workbook.sheet_names();
    if !sheets.iter().any(|s| s == sheet) {
        return Err(format!("The workbook has no worksheet named \"{sheet}\"."));
    }
    let mut table = read_sheet(&mut workbook, sheet)?;
    table.sheets = sheets;
    Ok(table)
}

fn open_workbook(bytes: &[u8]) -> Result<Xlsx<Cursor<&[u8]>>, String> {
    check_file_size(bytes.len() as u64)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("The file could not be opened as an Excel workbook: {e}"))
}

/// Reads one worksheet. Cells are read one by one, so a sheet with a value
/// past column [`MAX_COLUMNS`] is refused as soon as it is met, and empty
/// cells formatted out to the sheet's edge cost nothing.
fn read_sheet(workbook: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<Table, String> {
    let unreadable = |e: XlsxError| format!("The worksheet \"{sheet}\" could not be read: {e}");
    let empty =
        || format!("The worksheet \"{sheet}\" is empty: expected a header row, then one row per policy or account.");
    let mut reader = match workbook.worksheet_cells_reader(sheet) {
        Ok(reader) => reader,
        Err(XlsxError::NotAWorksheet(_)) => return Err(empty()),
        Err(e) => return Err(unreadable(e)),
    };
    // Row index → (column index, text) of its non-empty cells.
    let mut cells: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let mut first_column = u32::MAX;
    let mut last_column = 0;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, column) = cell.get_position();
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        if column as usize >= MAX_COLUMNS {
            // Finish the row to say how wide it is, then refuse.
            let mut widest = column;
            while let Some(next) = reader.next_cell().map_err(unreadable)? {
                match next.get_position() {
                    (r, c) if r == row => widest = widest.max(c),
                    _ => break,
                }
            }
            return Err(too_wide(
                format!("Row {} of the worksheet \"{sheet}\" has", group_digits(u64::from(row) + 1)),
                widest as usize + 1,
                "columns",
            ));
        }
        first_column = first_column.min(column);
        last_column = last_column.max(column);
        cells.entry(row).or_default().push((column, text));
    }
    let (Some(&first_row), Some(&last_row)) = (cells.keys().next(), cells.keys().next_back()) else {
        return Err(empty());
    };
    let width = (last_column - first_column + 1) as usize;
    let rows = (first_row..=last_row).map(|row| {
        let mut texts = Vec::new();
        if let Some(row_cells) = cells.remove(&row) {
            texts = vec![String::new(); width];
            for (column, text) in row_cells {
                texts[(column - first_column) as usize] = text;
            }
        }
        (row as usize + 1, texts)
    });
    let mut table = into_table(rows).ok_or_else(empty)?;
    table.sheet = Some(sheet.to_string());
    Ok(table)
}

fn cell_text(cell: &DataRef) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) => trim_spaces(s).to_string(),
        DataRef::SharedString(s) => trim_spaces(s).to_string(),
        DataRef::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        DataRef::Int(i) => i.to_string(),
        DataRef::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(d) => d.date().format("%Y-%m-%d").to_string(),
            None => dt.as_f64().to_string(),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#ERROR {e:?}"),
    }
}

#[cfg(test)]
mod tests;

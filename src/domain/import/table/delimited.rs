//! Comma-, semicolon- or tab-separated text read into a table, with the
//! line of every row and a clear message for an unclosed quote.

use super::*;

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

pub(super) fn too_wide(subject: String, count: usize, unit: &str) -> String {
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
pub(super) fn open_quote_at_end(tail: &str, delimiter: u8) -> Option<(usize, usize)> {
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
pub(super) fn guess_delimiter(text: &str) -> u8 {
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
pub(super) struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        LineCounter { text: text.as_bytes(), at: 0, line: 1 }
    }

    pub(super) fn line_at(&mut self, byte: usize) -> usize {
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
pub(super) fn unclosed_quote(
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

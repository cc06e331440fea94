//! Reading CSV and XLSX files into rows of text cells.

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

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
    pub rows: Vec<TableRow>,
}

/// Reads a file by its name's extension: `.xlsx` (and `.xlsm`) as Excel,
/// anything else as CSV.
pub fn read_file(file_name: &str, bytes: &[u8]) -> Result<Table, String> {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        read_xlsx(bytes)
    } else if lower.ends_with(".xls") {
        Err(format!("{file_name} is an old-style .xls workbook; save it as .xlsx or CSV and import that"))
    } else {
        read_csv(bytes)
    }
}

/// Reads CSV (comma, or semicolon/tab when the header uses those), UTF-8 with
/// or without a byte-order mark; Windows-1252 text is accepted too.
pub fn read_csv(bytes: &[u8]) -> Result<Table, String> {
    let text = decode_text(bytes);
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line().to_string()).unwrap_or_else(|| "?".into());
            format!("The file could not be read as CSV at line {line}: {e}")
        })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        rows.push((line, record.iter().map(|c| c.trim().to_string()).collect()));
    }
    into_table(rows).ok_or_else(|| {
        "The file is empty: expected a header row naming the columns, then one row per policy or account.".to_string()
    })
}

/// The first row with any content is the header; the rest are data rows.
/// None when no row has content.
fn into_table(rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Option<Table> {
    let mut rows = rows.into_iter().skip_while(|(_, cells)| cells.iter().all(|c| c.is_empty()));
    let (_, headers) = rows.next()?;
    Some(Table { headers, rows: rows.map(|(line, cells)| TableRow { line, cells }).collect() })
}

fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        // Older AMS exports are often Windows-1252; map bytes one to one.
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
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

/// Reads the first worksheet of an .xlsx workbook. Dates become ISO text;
/// numbers keep their full precision.
pub fn read_xlsx(bytes: &[u8]) -> Result<Table, String> {
    let mut workbook: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("The file could not be opened as an Excel workbook: {e}"))?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| "The workbook has no worksheets.".to_string())?;
    let range = workbook
        .worksheet_range(&sheet)
        .map_err(|e| format!("The worksheet \"{sheet}\" could not be read: {e}"))?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let rows = range.rows().enumerate().map(|(i, row)| (first_row + i + 1, row.iter().map(cell_text).collect()));
    into_table(rows).ok_or_else(|| {
        format!("The worksheet \"{sheet}\" is empty: expected a header row, then one row per policy or account.")
    })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                format!("{f}")
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) => d.date().format("%Y-%m-%d").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#ERROR {e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_quotes_and_blank_leading_lines() {
        let data = "\u{feff}\n\nClient,Commission\n\"Smith, Jones & Co\",\"$1,200.00\"\nAcme,50\n";
        let t = read_csv(data.as_bytes()).unwrap();
        assert_eq!(t.headers, vec!["Client", "Commission"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells, vec!["Smith, Jones & Co", "$1,200.00"]);
        assert_eq!(t.rows[0].line, 4);
        assert_eq!(t.rows[1].line, 5);
    }

    #[test]
    fn semicolon_and_tab_delimiters_are_detected() {
        let t = read_csv(b"Client;Premium\nA;1\n").unwrap();
        assert_eq!(t.rows[0].cells, vec!["A", "1"]);
        let t = read_csv(b"Client\tPremium\nA\t1\n").unwrap();
        assert_eq!(t.rows[0].cells, vec!["A", "1"]);
    }

    #[test]
    fn windows_1252_text_is_read() {
        let t = read_csv(b"Client\nCaf\xe9 \x93Roma\x94\n").unwrap();
        assert_eq!(t.rows[0].cells, vec!["Café “Roma”"]);
    }

    #[test]
    fn empty_files_are_explained() {
        assert!(read_csv(b"").unwrap_err().contains("empty"));
        assert!(read_csv(b"\n ,\n").unwrap_err().contains("empty"));
    }

    #[test]
    fn not_a_workbook_is_explained() {
        let err = read_file("book.xlsx", b"Client,Commission\n").unwrap_err();
        assert!(err.contains("Excel"), "{err}");
        assert!(read_file("old.XLS", b"").unwrap_err().contains(".xlsx"));
    }
}

//! Excel workbooks: a sheet read as a table of text cells.

use super::*;

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
                let score = crate::domain::import::mapping::header_score(&table.headers);
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

pub(super) fn open_workbook(bytes: &[u8]) -> Result<Xlsx<Cursor<&[u8]>>, String> {
    check_file_size(bytes.len() as u64)?;
    Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("The file could not be opened as an Excel workbook: {e}"))
}

/// Reads one worksheet. Cells are read one by one, so a sheet with a value
/// past column [`MAX_COLUMNS`] is refused as soon as it is met, and empty
/// cells formatted out to the sheet's edge cost nothing.
pub(super) fn read_sheet(workbook: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<Table, String> {
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

pub(super) fn cell_text(cell: &DataRef) -> String {
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

//! Reading one row's cells: which column each field comes from, counts,
//! rates, names, the file's decimal style, and the samples the preview
//! shows of each mapped column.

use super::*;

/// The column each mapped field is read from. A mapping names a dozen
/// columns at most, so a short list searched in order is quicker than a
/// hash map, and a field is looked up several times on every row.
pub(super) struct Columns(Vec<(Field, usize)>);

impl Columns {
    /// From a mapping; if two columns carry the same field, the later one is read.
    pub(super) fn of(mapping: &Mapping) -> Self {
        let mut list: Vec<(Field, usize)> = Vec::new();
        for (i, field) in mapping.iter().enumerate() {
            let Some(field) = *field else { continue };
            match list.iter_mut().find(|(f, _)| *f == field) {
                Some(slot) => slot.1 = i,
                None => list.push((field, i)),
            }
        }
        Columns(list)
    }

    pub(super) fn get(&self, field: Field) -> Option<usize> {
        self.0.iter().find(|(f, _)| *f == field).map(|&(_, i)| i)
    }
}

pub(super) struct RowReader<'a> {
    pub(super) row: &'a TableRow,
    pub(super) columns: &'a Columns,
    pub(super) style: DecimalStyle,
}

impl RowReader<'_> {
    pub(super) fn text(&self, field: Field) -> &str {
        self.columns.get(field).and_then(|i| self.row.cells.get(i)).map(|s| trim_spaces(s)).unwrap_or("")
    }

    pub(super) fn reject(&self, field: Field, reason: impl Into<String>) -> Rejected {
        Rejected {
            line: self.row.line,
            field: field.label().to_string(),
            value: self.text(field).to_string(),
            reason: reason.into(),
        }
    }

    pub(super) fn money(&self, field: Field) -> Result<Option<Cents>, Rejected> {
        parse_money_as(self.text(field), self.style).map_err(|e| self.reject(field, e))
    }

    pub(super) fn date(&self, field: Field) -> Result<Option<NaiveDate>, Rejected> {
        parse_report_date(self.text(field)).map_err(|e| self.reject(field, e))
    }

    pub(super) fn rate(&self) -> Result<Option<u32>, Rejected> {
        read_rate(self.text(Field::CommissionRate), self.style).map_err(|e| self.reject(Field::CommissionRate, e))
    }

    pub(super) fn status(&self) -> Result<Option<PolicyStatus>, Rejected> {
        match self.text(Field::Status) {
            "" => Ok(None),
            text => PolicyStatus::parse(text).map(Some).map_err(|e| self.reject(Field::Status, e)),
        }
    }

    pub(super) fn count(&self, field: Field) -> Result<Option<u32>, Rejected> {
        read_count(self.text(field), self.style).map_err(|e| self.reject(field, e))
    }

    /// Every yearly count the row gives.
    pub(super) fn activity(&self) -> Result<BTreeMap<ProcessKind, u32>, Rejected> {
        let mut counts = BTreeMap::new();
        for kind in ProcessKind::counted() {
            if let Some(n) = self.count(Field::Count(kind))? {
                counts.insert(kind, n);
            }
        }
        Ok(counts)
    }
}

/// A yearly count: blank, or a whole number from 0 to 100,000 (thousands
/// separated as the file's amounts are).
pub(super) fn read_count(text: &str, style: DecimalStyle) -> Result<Option<u32>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    match parse_whole_number(text, style) {
        Some(n) if n <= 100_000 => Ok(Some(n as u32)),
        Some(_) => Err("the count is above 100,000 a year".into()),
        None => Err("expected a whole number of times a year, such as 0, 3 or 12".into()),
    }
}

/// A commission rate in hundredths of a percent (`15%`, `15`, `15.5 %` and
/// `0.15` are 1500, 1500, 1550 and 1500): a value under 1 written without a
/// `%` is read as a fraction of the premium. Blank is none; a rate below
/// zero or above 100% is refused.
///
/// ```
/// use agency_desk::domain::import::preview::read_rate;
/// use agency_desk::domain::money::DecimalStyle;
/// assert_eq!(read_rate("12.5%", DecimalStyle::Point), Ok(Some(1250)));
/// assert_eq!(read_rate("0,15", DecimalStyle::Comma), Ok(Some(1500)));
/// assert!(read_rate("150", DecimalStyle::Point).is_err());
/// ```
pub fn read_rate(text: &str, style: DecimalStyle) -> Result<Option<u32>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let (number, percent_sign) = match trimmed.strip_suffix('%') {
        Some(n) => (n.trim(), true),
        None => (trimmed, false),
    };
    let number = match style {
        DecimalStyle::Point => number.to_string(),
        DecimalStyle::Comma => number.replace(',', "."),
    };
    let bad = || format!("\"{trimmed}\" is not a commission rate (expected a percentage such as 15%, 12.5 or 0.15)");
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(bad());
    }
    let value: f64 = number.parse().map_err(|_| bad())?;
    let percent = if !percent_sign && value < 1.0 { value * 100.0 } else { value };
    if percent > 100.0 {
        return Err(format!("the commission rate {trimmed} is above 100% of the premium"));
    }
    Ok(Some((percent * 100.0).round() as u32))
}

/// The commission a premium earns at a rate in hundredths of a percent,
/// to the nearest cent.
pub(super) fn commission_at(premium: Cents, rate: u32) -> Cents {
    let exact = i128::from(premium) * i128::from(rate);
    ((exact + 5_000 * exact.signum()) / 10_000) as Cents
}

/// A client name as imported: runs of spaces become one space.
pub(super) fn client_name(text: &str) -> String {
    text.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The decimal style of the file's amounts, from every value of the columns
/// mapped to money fields.
pub fn decimal_style_of(table: &Table, mapping: &Mapping) -> DecimalStyle {
    let money: Vec<usize> = mapping
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(f, Some(Field::Commission | Field::Premium)))
        .map(|(i, _)| i)
        .collect();
    detect_decimal_style(
        table.rows.iter().flat_map(|r| money.iter().filter_map(|&i| r.cells.get(i).map(String::as_str))),
    )
}

/// How one value of a field is read: as the import will store it, or why it
/// will not be.
pub(super) fn reading(field: Field, text: &str, style: DecimalStyle) -> Result<String, String> {
    let or_blank = |s: Option<String>| s.unwrap_or_else(|| "(blank)".to_string());
    match field {
        Field::Commission | Field::Premium => parse_money_as(text, style).map(|c| or_blank(c.map(format_money))),
        Field::Effective | Field::Expiration => {
            parse_report_date(text).map(|d| or_blank(d.map(|d| d.format("%Y-%m-%d").to_string())))
        }
        Field::Count(_) => read_count(text, style).map(|n| or_blank(n.map(|n| group_digits(n.into())))),
        Field::Department => Department::parse(text).map(|d| d.label().to_string()),
        Field::ExcessSurplus => parse_flag(text).map(|f| if f { "yes" } else { "no" }.to_string()),
        Field::BillType => BillType::parse(text).map(|b| or_blank(b.map(|b| b.label().to_string()))),
        Field::Status => PolicyStatus::parse(text)
            .map(|s| if s.is_live() { s.label().to_string() } else { format!("{} (kept, not counted)", s.label()) }),
        Field::CommissionRate => {
            read_rate(text, style).map(|r| or_blank(r.map(|r| format!("{}.{:02}%", r / 100, r % 100))))
        }
        Field::ClientName => Ok(client_name(text)),
        _ => Ok(text.to_string()),
    }
}

/// For each mapped column, its first `per_column` non-blank values and how
/// each is read (amounts in the given decimal style).
///
/// ```
/// use agency_desk::domain::import::{mapping::auto_map, preview::column_samples, table::read_csv};
/// use agency_desk::domain::money::DecimalStyle;
/// let t = read_csv(b"Client;Premium;X-Date\nAcme;1.234,56;03/01/26\n").unwrap();
/// let samples = column_samples(&t, &auto_map(&t.headers), DecimalStyle::Comma, 3);
/// assert_eq!(samples[1].values[0].reading, Ok("$1,234.56".to_string()));
/// assert_eq!(samples[2].values[0].reading, Ok("2026-03-01".to_string()));
/// ```
pub fn column_samples(table: &Table, mapping: &Mapping, style: DecimalStyle, per_column: usize) -> Vec<ColumnSample> {
    mapping
        .iter()
        .enumerate()
        .filter_map(|(column, field)| {
            let field = (*field)?;
            let values = table
                .rows
                .iter()
                .filter_map(|row| {
                    let raw = trim_spaces(row.cells.get(column)?);
                    (!raw.trim().is_empty()).then(|| SampleValue {
                        line: row.line,
                        raw: raw.to_string(),
                        reading: reading(field, raw, style),
                    })
                })
                .take(per_column)
                .collect();
            Some(ColumnSample { column, header: table.headers.get(column).cloned().unwrap_or_default(), field, values })
        })
        .collect()
}

/// The columns a CSV header really has: up to its last named column.
pub(super) fn header_width(table: &Table) -> usize {
    table.headers.iter().rposition(|h| !h.trim().is_empty()).map_or(0, |i| i + 1)
}

/// A CSV row whose cells do not line up with the header: content past the
/// header's last column, or fewer cells than the header has columns.
/// Empty cells past the header (trailing commas) are fine.
pub(super) fn misaligned(row: &TableRow, width: usize, delimiter: char) -> Option<Rejected> {
    let filled = row.cells.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |i| i + 1);
    let mark = match delimiter {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        _ => "separator",
    };
    let reason = if filled > width {
        format!(
            "has {} cells, the header has {} columns; a {mark} inside an unquoted value may have split a cell",
            group_digits(filled as u64),
            group_digits(width as u64)
        )
    } else if row.cells.len() < width {
        format!(
            "has {} cells, the header has {} columns; the row may be cut short, or a line break inside an unquoted value may have split it in two",
            group_digits(row.cells.len() as u64),
            group_digits(width as u64)
        )
    } else {
        return None;
    };
    let joined = row.cells.join(&delimiter.to_string());
    let value = match joined.char_indices().nth(80) {
        Some((at, _)) => format!("{}…", &joined[..at]),
        None => joined,
    };
    Some(Rejected { line: row.line, field: "row".into(), value, reason })
}

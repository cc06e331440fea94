//! Validating every row of an import before anything is written.

use super::mapping::{Field, Mapping};
use super::skip::{SKIPPED_TEXT_CHARS, Skipped, skip_reason};
use super::table::{Table, TableRow, row_text, trim_spaces};
use crate::domain::activity::ProcessKind;
use crate::domain::book::{BillType, Department, PolicyStatus, code_key, codes_tell_apart, name_key, parse_flag};
use crate::domain::dates::parse_report_date;
use crate::domain::money::{
    Cents, DecimalStyle, detect_decimal_style, format_money, group_digits, parse_money_as, parse_whole_number,
};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// How many values of each mapped column the preview shows as read.
pub const SAMPLES_PER_COLUMN: usize = 3;

/// What one row of the file describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowShape {
    /// An expiration / renewal report: one row per policy; rows sharing a
    /// client name form one account.
    PerPolicy,
    /// A book-of-business report by commission: one row per account.
    PerAccount,
}

/// A row that will not be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// The line (CSV) or row (XLSX) number; the header is line 1.
    pub line: usize,
    /// The field at fault, by its label (e.g. "expiration date").
    pub field: String,
    pub value: String,
    pub reason: String,
}

/// A policy read from one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedPolicy {
    pub line: usize,
    pub policy_number: String,
    pub line_of_business: String,
    pub carrier: String,
    pub effective: Option<NaiveDate>,
    pub expiration: Option<NaiveDate>,
    pub premium: Option<Cents>,
    pub commission: Option<Cents>,
    pub excess_surplus: Option<bool>,
    pub bill_type: Option<BillType>,
    /// The status the file gives (None: no status column, or blank).
    pub status: Option<PolicyStatus>,
    /// True when the commission was worked out as premium × the file's
    /// commission rate.
    pub commission_from_rate: bool,
}

/// An account formed by one or more accepted rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedAccount {
    pub client_name: String,
    /// The file's key for the client (blank when it has none).
    pub account_code: String,
    pub department: Department,
    pub producer: String,
    pub client_manager: String,
    pub client_advocate: String,
    pub notes: String,
    /// Account-level revenue (a per-account report, or a row without a policy).
    pub account_revenue: Option<Cents>,
    /// Yearly process counts given in the file (summed over the account's rows).
    pub activity: BTreeMap<ProcessKind, u32>,
    pub policies: Vec<ImportedPolicy>,
    pub lines: Vec<usize>,
}

/// The outcome of validating a whole file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub shape: RowShape,
    pub accounts: Vec<ImportedAccount>,
    /// Rows that will be imported.
    pub accepted_rows: usize,
    /// Rows that will not, each with its reason.
    pub rejected: Vec<Rejected>,
    /// Lines with no content at all, skipped.
    pub blank_lines: Vec<usize>,
    /// Rows that are part of the report rather than a policy or account
    /// (repeated headers, totals, page numbers), skipped.
    pub skipped: Vec<Skipped>,
    /// Data rows in the file (accepted + rejected + blank + skipped).
    pub total_rows: usize,
    /// How the amounts of the file are read, found from its money columns.
    pub decimal_style: DecimalStyle,
    /// The first few values of each mapped column and how each is read.
    pub samples: Vec<ColumnSample>,
    /// Each distinct value of the department column (in the order first
    /// met), the department its rows go to and how many rows have it.
    pub department_values: Vec<DepartmentValue>,
    /// How many accepted policies have each status (statuses in
    /// [`PolicyStatus::ALL`] order; a policy with no status counts as
    /// active). Empty when no status column is mapped.
    pub status_counts: Vec<(PolicyStatus, usize)>,
}

/// One value written in the department column, and where it goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepartmentValue {
    pub value: String,
    pub department: Department,
    pub rows: usize,
    /// True when the user chose the department (see [`DepartmentChoices`]).
    pub chosen: bool,
}

/// The department the user chose for a value of the department column,
/// instead of the one it reads as (`"02 Benefits Dept"` → Benefits).
pub type DepartmentChoices = BTreeMap<String, Department>;

/// The first values of one mapped column, each with how it is read, so a
/// misreading shows before anything is saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnSample {
    /// The column's position in the file (0 for the first).
    pub column: usize,
    pub header: String,
    pub field: Field,
    pub values: Vec<SampleValue>,
}

/// One value of a column as written in the file, and as it will be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleValue {
    pub line: usize,
    pub raw: String,
    /// The value as understood (`$1,234.56`, `2026-03-01`), or why it cannot be.
    pub reading: Result<String, String>,
}

impl Preview {
    pub fn policy_count(&self) -> usize {
        self.accounts.iter().map(|a| a.policies.len()).sum()
    }

    /// Policies that will be imported as not in force.
    pub fn inactive_policy_count(&self) -> usize {
        self.status_counts.iter().filter(|(s, _)| !s.is_live()).map(|(_, n)| n).sum()
    }
}

/// The shape a mapping implies: any policy column makes it per policy.
pub fn shape_of(mapping: &Mapping) -> RowShape {
    let policy_fields =
        [Field::PolicyNumber, Field::Expiration, Field::Effective, Field::LineOfBusiness, Field::Carrier];
    if mapping.iter().flatten().any(|f| policy_fields.contains(f)) { RowShape::PerPolicy } else { RowShape::PerAccount }
}

/// The column each mapped field is read from. A mapping names a dozen
/// columns at most, so a short list searched in order is quicker than a
/// hash map, and a field is looked up several times on every row.
struct Columns(Vec<(Field, usize)>);

impl Columns {
    /// From a mapping; if two columns carry the same field, the later one is read.
    fn of(mapping: &Mapping) -> Self {
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

    fn get(&self, field: Field) -> Option<usize> {
        self.0.iter().find(|(f, _)| *f == field).map(|&(_, i)| i)
    }
}

struct RowReader<'a> {
    row: &'a TableRow,
    columns: &'a Columns,
    style: DecimalStyle,
}

impl RowReader<'_> {
    fn text(&self, field: Field) -> &str {
        self.columns.get(field).and_then(|i| self.row.cells.get(i)).map(|s| trim_spaces(s)).unwrap_or("")
    }

    fn reject(&self, field: Field, reason: impl Into<String>) -> Rejected {
        Rejected {
            line: self.row.line,
            field: field.label().to_string(),
            value: self.text(field).to_string(),
            reason: reason.into(),
        }
    }

    fn money(&self, field: Field) -> Result<Option<Cents>, Rejected> {
        parse_money_as(self.text(field), self.style).map_err(|e| self.reject(field, e))
    }

    fn date(&self, field: Field) -> Result<Option<NaiveDate>, Rejected> {
        parse_report_date(self.text(field)).map_err(|e| self.reject(field, e))
    }

    fn rate(&self) -> Result<Option<u32>, Rejected> {
        read_rate(self.text(Field::CommissionRate), self.style).map_err(|e| self.reject(Field::CommissionRate, e))
    }

    fn status(&self) -> Result<Option<PolicyStatus>, Rejected> {
        match self.text(Field::Status) {
            "" => Ok(None),
            text => PolicyStatus::parse(text).map(Some).map_err(|e| self.reject(Field::Status, e)),
        }
    }

    fn count(&self, field: Field) -> Result<Option<u32>, Rejected> {
        read_count(self.text(field), self.style).map_err(|e| self.reject(field, e))
    }

    /// Every yearly count the row gives.
    fn activity(&self) -> Result<BTreeMap<ProcessKind, u32>, Rejected> {
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
fn read_count(text: &str, style: DecimalStyle) -> Result<Option<u32>, String> {
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
fn commission_at(premium: Cents, rate: u32) -> Cents {
    let exact = i128::from(premium) * i128::from(rate);
    ((exact + 5_000 * exact.signum()) / 10_000) as Cents
}

/// A client name as imported: runs of spaces become one space.
fn client_name(text: &str) -> String {
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
fn reading(field: Field, text: &str, style: DecimalStyle) -> Result<String, String> {
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
fn header_width(table: &Table) -> usize {
    table.headers.iter().rposition(|h| !h.trim().is_empty()).map_or(0, |i| i + 1)
}

/// A CSV row whose cells do not line up with the header: content past the
/// header's last column, or fewer cells than the header has columns.
/// Empty cells past the header (trailing commas) are fine.
fn misaligned(row: &TableRow, width: usize, delimiter: char) -> Option<Rejected> {
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

/// Validates every row. `default_department` is used for rows whose
/// department is blank or not mapped. Amounts are read in the decimal style
/// the file's money columns show ([`decimal_style_of`]).
pub fn preview(table: &Table, mapping: &Mapping, default_department: &Department) -> Preview {
    preview_with(table, mapping, default_department, &DepartmentChoices::new())
}

/// [`preview`] with the user's choice of department for some values of the
/// department column.
///
/// ```
/// use agency_desk::domain::book::Department;
/// use agency_desk::domain::import::{mapping::auto_map, preview::{preview_with, DepartmentChoices}, table::read_csv};
/// let t = read_csv(b"Client,Dept,Commission\nAcme,Farm,10\nBeta,CL,20\nGamma,Farm,5\n").unwrap();
/// let choices = DepartmentChoices::from([("Farm".to_string(), Department::Pl)]);
/// let p = preview_with(&t, &auto_map(&t.headers), &Department::Cl, &choices);
/// assert_eq!(p.accounts[0].department, Department::Pl);
/// let farm = &p.department_values[0];
/// assert_eq!((farm.value.as_str(), &farm.department, farm.rows, farm.chosen), ("Farm", &Department::Pl, 2, true));
/// ```
pub fn preview_with(
    table: &Table,
    mapping: &Mapping,
    default_department: &Department,
    choices: &DepartmentChoices,
) -> Preview {
    let shape = shape_of(mapping);
    let columns = Columns::of(mapping);
    let style = decimal_style_of(table, mapping);
    let width = header_width(table);
    let mut accounts: Vec<ImportedAccount> = Vec::new();
    let mut keys = AccountKeys::default();
    let mut policy_lines: HashMap<String, usize> = HashMap::new();
    let mut rejected = Vec::new();
    let mut blank_lines = Vec::new();
    let mut skipped = Vec::new();
    let mut departments = DepartmentTally::new(&columns, choices);
    let mut statuses: BTreeMap<PolicyStatus, usize> = BTreeMap::new();
    let mut accepted_rows = 0;

    for row in &table.rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            blank_lines.push(row.line);
            continue;
        }
        if let Some(reason) = skip_reason(&row.cells, &table.headers, mapping) {
            skipped.push(Skipped { line: row.line, reason, text: row_text(&row.cells, SKIPPED_TEXT_CHARS) });
            continue;
        }
        departments.count(row);
        if let Some(delimiter) = table.delimiter
            && let Some(rej) = misaligned(row, width, delimiter)
        {
            rejected.push(rej);
            continue;
        }
        let r = RowReader { row, columns: &columns, style };
        match read_row(&r, shape, default_department, choices, &keys, &accounts, &mut policy_lines) {
            Err(rej) => rejected.push(rej),
            Ok(parsed) => {
                accepted_rows += 1;
                if let Some(p) = &parsed.policy {
                    *statuses.entry(p.status.unwrap_or_default()).or_default() += 1;
                }
                match keys.find(&parsed.account_code, &parsed.client_name, &accounts) {
                    Some(i) => {
                        keys.add(i, &parsed.account_code, &parsed.client_name);
                        absorb(&mut accounts[i], parsed, row.line);
                    }
                    None => {
                        keys.add(accounts.len(), &parsed.account_code, &parsed.client_name);
                        let mut account = parsed.into_account();
                        account.lines.push(row.line);
                        accounts.push(account);
                    }
                }
            }
        }
    }
    let status_counts = if columns.get(Field::Status).is_some() { statuses.into_iter().collect() } else { Vec::new() };
    Preview {
        shape,
        accounts,
        accepted_rows,
        rejected,
        blank_lines,
        skipped,
        total_rows: table.rows.len(),
        decimal_style: style,
        samples: column_samples(table, mapping, style, SAMPLES_PER_COLUMN),
        department_values: departments.values,
        status_counts,
    }
}

/// Which account a row joins. A row with a client code joins the account
/// with that code, or else an account of the same name that has no code
/// yet; two clients with one name and different codes stay apart, and
/// name variations under one code stay one account. A row without a code
/// joins the first account of its name.
#[derive(Default)]
struct AccountKeys {
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl AccountKeys {
    fn find(&self, code: &str, name: &str, accounts: &[ImportedAccount]) -> Option<usize> {
        let by_name = self.by_name.get(&name_key(name)).copied();
        if code.is_empty() {
            return by_name;
        }
        self.by_code
            .get(&code_key(code))
            .copied()
            .or_else(|| by_name.filter(|&i| !codes_tell_apart(code, &accounts[i].account_code)))
    }

    fn add(&mut self, at: usize, code: &str, name: &str) {
        if !code.is_empty() {
            self.by_code.entry(code_key(code)).or_insert(at);
        }
        self.by_name.entry(name_key(name)).or_insert(at);
    }
}

/// The distinct values of the department column as rows are read: where
/// each goes and how many rows carry it.
struct DepartmentTally<'c> {
    column: Option<usize>,
    choices: &'c DepartmentChoices,
    values: Vec<DepartmentValue>,
    index: HashMap<String, usize>,
}

impl<'c> DepartmentTally<'c> {
    fn new(columns: &Columns, choices: &'c DepartmentChoices) -> Self {
        DepartmentTally { column: columns.get(Field::Department), choices, values: Vec::new(), index: HashMap::new() }
    }

    fn count(&mut self, row: &TableRow) {
        let Some(text) = self.column.and_then(|c| row.cells.get(c)).map(|c| trim_spaces(c)).filter(|t| !t.is_empty())
        else {
            return;
        };
        if let Some(&i) = self.index.get(text) {
            self.values[i].rows += 1;
            return;
        }
        let (department, chosen) = match self.choices.get(text) {
            Some(d) => (d.clone(), true),
            None => (Department::parse(text).unwrap_or_else(|_| Department::Custom(text.to_string())), false),
        };
        self.index.insert(text.to_string(), self.values.len());
        self.values.push(DepartmentValue { value: text.to_string(), department, rows: 1, chosen });
    }
}

struct ParsedRow {
    client_name: String,
    account_code: String,
    department: Department,
    producer: String,
    client_manager: String,
    client_advocate: String,
    notes: String,
    account_revenue: Option<Cents>,
    activity: BTreeMap<ProcessKind, u32>,
    policy: Option<ImportedPolicy>,
}

impl ParsedRow {
    fn into_account(self) -> ImportedAccount {
        ImportedAccount {
            client_name: self.client_name,
            account_code: self.account_code,
            department: self.department,
            producer: self.producer,
            client_manager: self.client_manager,
            client_advocate: self.client_advocate,
            notes: self.notes,
            account_revenue: self.account_revenue,
            activity: self.activity,
            policies: self.policy.into_iter().collect(),
            lines: Vec::new(),
        }
    }
}

/// Adds a later row of the same client to its account: the code and people
/// fields fill blanks, account revenue adds up, the policy joins the account.
fn absorb(account: &mut ImportedAccount, row: ParsedRow, line: usize) {
    for (slot, value) in [
        (&mut account.account_code, row.account_code),
        (&mut account.producer, row.producer),
        (&mut account.client_manager, row.client_manager),
        (&mut account.client_advocate, row.client_advocate),
    ] {
        if slot.is_empty() {
            *slot = value;
        }
    }
    if !row.notes.is_empty() {
        if !account.notes.is_empty() {
            account.notes.push('\n');
        }
        account.notes.push_str(&row.notes);
    }
    if let Some(rev) = row.account_revenue {
        account.account_revenue = Some(account.account_revenue.unwrap_or(0) + rev);
    }
    for (kind, n) in row.activity {
        let slot = account.activity.entry(kind).or_insert(0);
        *slot = slot.saturating_add(n);
    }
    account.policies.extend(row.policy);
    account.lines.push(line);
}

fn read_row(
    r: &RowReader,
    shape: RowShape,
    default_department: &Department,
    choices: &DepartmentChoices,
    keys: &AccountKeys,
    accounts: &[ImportedAccount],
    policy_lines: &mut HashMap<String, usize>,
) -> Result<ParsedRow, Rejected> {
    let client_name = client_name(r.text(Field::ClientName));
    if client_name.trim().is_empty() {
        return Err(r.reject(Field::ClientName, "the client name is blank"));
    }
    if client_name.chars().count() > 200 {
        return Err(r.reject(Field::ClientName, "the client name is longer than 200 characters"));
    }
    let department = match r.text(Field::Department) {
        "" => default_department.clone(),
        text => match choices.get(text) {
            Some(chosen) => chosen.clone(),
            None => Department::parse(text).map_err(|e| r.reject(Field::Department, e))?,
        },
    };
    let account_code = r.text(Field::AccountCode).to_string();
    if account_code.chars().count() > 100 {
        return Err(r.reject(Field::AccountCode, "the client code is longer than 100 characters"));
    }
    let mut commission = r.money(Field::Commission)?;
    let premium = r.money(Field::Premium)?;
    if premium.is_some_and(|p| p < 0) {
        return Err(r.reject(Field::Premium, "the premium is negative"));
    }
    let rate = r.rate()?;
    let mut commission_from_rate = false;
    if commission.is_none()
        && let Some(rate) = rate
    {
        match premium {
            Some(premium) => {
                commission = Some(commission_at(premium, rate));
                commission_from_rate = true;
            }
            None => {
                return Err(r.reject(
                    Field::Premium,
                    "the commission is worked out from the premium and the commission rate, and the premium is blank",
                ));
            }
        }
    }
    let status = r.status()?;
    let activity = r.activity()?;
    let base = ParsedRow {
        client_name,
        account_code,
        department,
        producer: r.text(Field::Producer).to_string(),
        client_manager: r.text(Field::ClientManager).to_string(),
        client_advocate: r.text(Field::ClientAdvocate).to_string(),
        notes: r.text(Field::Notes).to_string(),
        account_revenue: None,
        activity,
        policy: None,
    };
    let policy_cells =
        [Field::PolicyNumber, Field::LineOfBusiness, Field::Carrier, Field::Effective, Field::Expiration];
    let has_policy = shape == RowShape::PerPolicy && policy_cells.iter().any(|f| !r.text(*f).is_empty());
    if !has_policy {
        // One row per account (or an account row without a policy).
        if shape == RowShape::PerAccount && keys.find(&base.account_code, &base.client_name, accounts).is_some() {
            return Err(r.reject(
                Field::ClientName,
                "this client is already on an earlier row of the file; one row per account is expected",
            ));
        }
        if let Some(status) = status.filter(|s| !s.is_live()) {
            return Err(r.reject(
                Field::Status,
                format!("the row has no policy, and a {} status is kept only on a policy; its revenue would count as a current client's (add the policy columns to the report, or leave the row out)", status.label().to_lowercase()),
            ));
        }
        return Ok(ParsedRow { account_revenue: Some(commission.unwrap_or(0)), ..base });
    }
    let effective = r.date(Field::Effective)?;
    let expiration = r.date(Field::Expiration)?;
    if let (Some(eff), Some(exp)) = (effective, expiration)
        && exp <= eff
    {
        return Err(r.reject(Field::Expiration, format!("the expiration date is not after the effective date ({eff})")));
    }
    let excess_surplus = match r.text(Field::ExcessSurplus) {
        "" => None,
        text => Some(parse_flag(text).map_err(|e| r.reject(Field::ExcessSurplus, e))?),
    };
    let bill_type = BillType::parse(r.text(Field::BillType)).map_err(|e| r.reject(Field::BillType, e))?;
    let policy_number = r.text(Field::PolicyNumber).to_string();
    if !policy_number.is_empty() {
        let key = policy_number.to_lowercase();
        if let Some(first) = policy_lines.get(&key) {
            return Err(
                r.reject(Field::PolicyNumber, format!("policy number {policy_number} is already on line {first}"))
            );
        }
        policy_lines.insert(key, r.row.line);
    }
    Ok(ParsedRow {
        policy: Some(ImportedPolicy {
            line: r.row.line,
            policy_number,
            line_of_business: r.text(Field::LineOfBusiness).to_string(),
            carrier: r.text(Field::Carrier).to_string(),
            effective,
            expiration,
            premium,
            commission,
            excess_surplus,
            bill_type,
            status,
            commission_from_rate,
        }),
        ..base
    })
}

#[cfg(test)]
mod tests;

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
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

mod cells;
mod rows;
use cells::*;
pub use cells::{column_samples, decimal_style_of, read_rate};
use rows::*;

/// How many values of each mapped column the preview shows as read.
pub const SAMPLES_PER_COLUMN: usize = 3;

/// What one row of the file describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowShape {
    /// An expiration / renewal report: one row per policy; rows sharing a
    /// client name form one account.
    PerPolicy,
    /// A book-of-business report by commission: one row per account.
    PerAccount,
}

/// A row that will not be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejected {
    /// The line (CSV) or row (XLSX) number; the header is line 1.
    pub line: usize,
    /// The field at fault, by its label (e.g. "expiration date").
    pub field: String,
    pub value: String,
    pub reason: String,
}

/// A policy read from one row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnSample {
    /// The column's position in the file (0 for the first).
    pub column: usize,
    pub header: String,
    pub field: Field,
    pub values: Vec<SampleValue>,
}

/// One value of a column as written in the file, and as it will be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
    preview_reporting(table, mapping, default_department, choices, &mut |_| ())
}

/// How many rows [`preview_reporting`] reads between two reports.
pub const PROGRESS_ROWS: usize = 5_000;

/// [`preview_with`], telling `report` how many rows have been read after
/// every [`PROGRESS_ROWS`] rows and once at the end.
///
/// ```
/// use agency_desk::domain::book::Department;
/// use agency_desk::domain::import::{mapping::auto_map, preview::*, table::read_csv};
/// let t = read_csv(b"Client,Commission\nAcme,10\nBeta,20\n").unwrap();
/// let mut seen = Vec::new();
/// let p = preview_reporting(&t, &auto_map(&t.headers), &Department::Cl, &DepartmentChoices::new(), &mut |n| seen.push(n));
/// assert_eq!((p.accepted_rows, seen), (2, vec![2]));
/// ```
pub fn preview_reporting(
    table: &Table,
    mapping: &Mapping,
    default_department: &Department,
    choices: &DepartmentChoices,
    report: &mut dyn FnMut(usize),
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

    for (i, row) in table.rows.iter().enumerate() {
        if i > 0 && i % PROGRESS_ROWS == 0 {
            report(i);
        }
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
    report(table.rows.len());
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

#[cfg(test)]
mod tests;

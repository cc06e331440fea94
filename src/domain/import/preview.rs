//! Validating every row of an import before anything is written.

use super::mapping::{Field, Mapping};
use super::table::{Table, TableRow};
use crate::domain::book::{name_key, parse_flag, BillType, Department};
use crate::domain::dates::parse_report_date;
use crate::domain::money::{parse_money, Cents};
use chrono::NaiveDate;
use crate::domain::profitability::cost::ProcessKind;
use std::collections::{BTreeMap, HashMap};

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
}

/// An account formed by one or more accepted rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedAccount {
    pub client_name: String,
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
    /// Data rows in the file (accepted + rejected + blank).
    pub total_rows: usize,
}

impl Preview {
    pub fn policy_count(&self) -> usize {
        self.accounts.iter().map(|a| a.policies.len()).sum()
    }
}

/// The shape a mapping implies: any policy column makes it per policy.
pub fn shape_of(mapping: &Mapping) -> RowShape {
    let policy_fields = [Field::PolicyNumber, Field::Expiration, Field::Effective, Field::LineOfBusiness, Field::Carrier];
    if mapping.iter().flatten().any(|f| policy_fields.contains(f)) {
        RowShape::PerPolicy
    } else {
        RowShape::PerAccount
    }
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
}

impl RowReader<'_> {
    fn text(&self, field: Field) -> &str {
        self.columns
            .get(field)
            .and_then(|i| self.row.cells.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }

    fn reject(&self, field: Field, reason: impl Into<String>) -> Rejected {
        Rejected { line: self.row.line, field: field.label().to_string(), value: self.text(field).to_string(), reason: reason.into() }
    }

    fn money(&self, field: Field) -> Result<Option<Cents>, Rejected> {
        parse_money(self.text(field)).map_err(|e| self.reject(field, e))
    }

    fn date(&self, field: Field) -> Result<Option<NaiveDate>, Rejected> {
        parse_report_date(self.text(field)).map_err(|e| self.reject(field, e))
    }

    /// A yearly count: blank, or a whole number from 0 to 100,000.
    fn count(&self, field: Field) -> Result<Option<u32>, Rejected> {
        let text = self.text(field);
        if text.is_empty() {
            return Ok(None);
        }
        let text = text.replace(',', "");
        match text.parse::<u32>() {
            Ok(n) if n <= 100_000 => Ok(Some(n)),
            Ok(_) => Err(self.reject(field, "the count is above 100,000 a year")),
            Err(_) => Err(self.reject(field, "expected a whole number of times a year, such as 0, 3 or 12")),
        }
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

/// Validates every row. `default_department` is used for rows whose
/// department is blank or not mapped.
pub fn preview(table: &Table, mapping: &Mapping, default_department: &Department) -> Preview {
    let shape = shape_of(mapping);
    let columns = Columns::of(mapping);
    let mut accounts: Vec<ImportedAccount> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut policy_lines: HashMap<String, usize> = HashMap::new();
    let mut rejected = Vec::new();
    let mut blank_lines = Vec::new();
    let mut accepted_rows = 0;

    for row in &table.rows {
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            blank_lines.push(row.line);
            continue;
        }
        let r = RowReader { row, columns: &columns };
        match read_row(&r, shape, default_department, &by_name, &mut policy_lines) {
            Err(rej) => rejected.push(rej),
            Ok(parsed) => {
                accepted_rows += 1;
                let key = name_key(&parsed.client_name);
                match by_name.get(&key) {
                    Some(&i) => absorb(&mut accounts[i], parsed, row.line),
                    None => {
                        by_name.insert(key, accounts.len());
                        let mut account = parsed.into_account();
                        account.lines.push(row.line);
                        accounts.push(account);
                    }
                }
            }
        }
    }
    Preview { shape, accounts, accepted_rows, rejected, blank_lines, total_rows: table.rows.len() }
}

struct ParsedRow {
    client_name: String,
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

/// Adds a later row of the same client to its account: people fields fill
/// blanks, account revenue adds up, the policy joins the account.
fn absorb(account: &mut ImportedAccount, row: ParsedRow, line: usize) {
    for (slot, value) in [
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
    by_name: &HashMap<String, usize>,
    policy_lines: &mut HashMap<String, usize>,
) -> Result<ParsedRow, Rejected> {
    let client_name = r.text(Field::ClientName).split_whitespace().collect::<Vec<_>>().join(" ");
    if client_name.is_empty() {
        return Err(r.reject(Field::ClientName, "the client name is blank"));
    }
    if client_name.chars().count() > 200 {
        return Err(r.reject(Field::ClientName, "the client name is longer than 200 characters"));
    }
    let department = match r.text(Field::Department) {
        "" => default_department.clone(),
        text => Department::parse(text).map_err(|e| r.reject(Field::Department, e))?,
    };
    let commission = r.money(Field::Commission)?;
    let premium = r.money(Field::Premium)?;
    if premium.is_some_and(|p| p < 0) {
        return Err(r.reject(Field::Premium, "the premium is negative"));
    }
    let activity = r.activity()?;
    let base = ParsedRow {
        client_name,
        department,
        producer: r.text(Field::Producer).to_string(),
        client_manager: r.text(Field::ClientManager).to_string(),
        client_advocate: r.text(Field::ClientAdvocate).to_string(),
        notes: r.text(Field::Notes).to_string(),
        account_revenue: None,
        activity,
        policy: None,
    };
    let policy_cells = [Field::PolicyNumber, Field::LineOfBusiness, Field::Carrier, Field::Effective, Field::Expiration];
    let has_policy = shape == RowShape::PerPolicy && policy_cells.iter().any(|f| !r.text(*f).is_empty());
    if !has_policy {
        // One row per account (or an account row without a policy).
        if shape == RowShape::PerAccount && by_name.contains_key(&name_key(&base.client_name)) {
            return Err(r.reject(Field::ClientName, "this client is already on an earlier row of the file; one row per account is expected"));
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
            return Err(r.reject(Field::PolicyNumber, format!("policy number {policy_number} is already on line {first}")));
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
        }),
        ..base
    })
}

#[cfg(test)]
mod tests {
    use super::super::mapping::auto_map;
    use super::super::table::read_csv;
    use super::*;

    fn run(csv: &str) -> Preview {
        let t = read_csv(csv.as_bytes()).unwrap();
        let m = auto_map(&t.headers);
        preview(&t, &m, &Department::Cl)
    }

    const EXPIRATION_REPORT: &str = "\
Insured,Dept,Policy Number,LOB,Carrier,Effective,X-Date,Premium,Agency Commission,E&S,Bill Type,CSR
Harbor Bakery,Commercial Lines,BOP-100,BOP,Acme Mutual,3/1/2026,3/1/2027,\"$4,000.00\",$600.00,N,Direct,Ann
Harbor Bakery,CL,WC-200,Work Comp,Acme Mutual,03/01/26,03/01/27,2000,300,,,
Lee Family,Personal,HO-1,Home,Shield,2026-05-10,2027-05-10,1500,(20.00),,,Bo
,CL,X-1,GL,Acme,1/1/2026,1/1/2027,1,1,,,
Broken Dates Co,CL,GL-9,GL,Acme,2/30/2026,2/28/2027,1,1,,,
Backwards Co,CL,GL-10,GL,Acme,2026-06-01,2026-05-01,1,1,,,
Bad Money Co,CL,GL-11,GL,Acme,2026-06-01,2027-06-01,lots,1,,,
,,,,,,,,,,,
Dup Co,CL,BOP-100,BOP,Acme,2026-06-01,2027-06-01,1,1,,,
Odd Flag Co,CL,GL-12,GL,Acme,2026-06-01,2027-06-01,1,1,maybe,,
";

    #[test]
    fn an_expiration_report_forms_accounts_and_explains_rejects() {
        let p = run(EXPIRATION_REPORT);
        assert_eq!(p.shape, RowShape::PerPolicy);
        assert_eq!(p.total_rows, 10);
        assert_eq!(p.accepted_rows, 3);
        assert_eq!(p.blank_lines, vec![9]);
        assert_eq!(p.accounts.len(), 2);
        let harbor = &p.accounts[0];
        assert_eq!(harbor.client_name, "Harbor Bakery");
        assert_eq!(harbor.department, Department::Cl);
        assert_eq!(harbor.client_manager, "Ann");
        assert_eq!(harbor.policies.len(), 2);
        assert_eq!(harbor.lines, vec![2, 3]);
        assert_eq!(harbor.policies[0].premium, Some(400_000));
        assert_eq!(harbor.policies[1].expiration, NaiveDate::from_ymd_opt(2027, 3, 1));
        let lee = &p.accounts[1];
        assert_eq!(lee.department, Department::Pl);
        assert_eq!(lee.policies[0].commission, Some(-2_000));

        let got: Vec<(usize, &str)> = p.rejected.iter().map(|r| (r.line, r.field.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (5, "client name"),
                (6, "effective date"),
                (7, "expiration date"),
                (8, "premium"),
                (10, "policy number"),
                (11, "E&S"),
            ]
        );
        assert!(p.rejected[4].reason.contains("line 2"), "{}", p.rejected[4].reason);
        assert!(p.rejected[1].value == "2/30/2026");
        assert_eq!(p.accepted_rows + p.rejected.len() + p.blank_lines.len(), p.total_rows);
    }

    #[test]
    fn a_book_report_has_one_row_per_account() {
        let p = run("Client,Department,Commission,Producer\nAcme,CL,\"$12,000\",Pat\nBeta,PL,150,\nacme,CL,5,\nGamma,,20,\n");
        assert_eq!(p.shape, RowShape::PerAccount);
        assert_eq!(p.accounts.len(), 3);
        assert_eq!(p.accounts[0].account_revenue, Some(1_200_000));
        assert_eq!(p.accounts[0].producer, "Pat");
        assert_eq!(p.accounts[2].department, Department::Cl, "blank department takes the default");
        assert_eq!(p.rejected.len(), 1);
        assert_eq!(p.rejected[0].line, 4);
        assert!(p.rejected[0].reason.contains("already"));
    }

    #[test]
    fn short_rows_read_as_blanks() {
        let p = run("Client,Policy Number,Commission\nAcme,P-1\n");
        assert_eq!(p.accepted_rows, 1);
        assert_eq!(p.accounts[0].policies[0].commission, None);
    }
}

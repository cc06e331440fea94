//! Turning rows into accounts: the row read into its fields, which account
//! it joins, and how the department column's values are counted.

use super::*;

/// Which account a row joins. A row with a client code joins the account
/// with that code, or else an account of the same name that has no code
/// yet; two clients with one name and different codes stay apart, and
/// name variations under one code stay one account. A row without a code
/// joins the first account of its name.
#[derive(Default)]
pub(super) struct AccountKeys {
    pub(super) by_code: HashMap<String, usize>,
    pub(super) by_name: HashMap<String, usize>,
}

impl AccountKeys {
    pub(super) fn find(&self, code: &str, name: &str, accounts: &[ImportedAccount]) -> Option<usize> {
        let by_name = self.by_name.get(&name_key(name)).copied();
        if code.is_empty() {
            return by_name;
        }
        self.by_code
            .get(&code_key(code))
            .copied()
            .or_else(|| by_name.filter(|&i| !codes_tell_apart(code, &accounts[i].account_code)))
    }

    pub(super) fn add(&mut self, at: usize, code: &str, name: &str) {
        if !code.is_empty() {
            self.by_code.entry(code_key(code)).or_insert(at);
        }
        self.by_name.entry(name_key(name)).or_insert(at);
    }
}

/// The distinct values of the department column as rows are read: where
/// each goes and how many rows carry it.
pub(super) struct DepartmentTally<'c> {
    pub(super) column: Option<usize>,
    pub(super) choices: &'c DepartmentChoices,
    pub(super) values: Vec<DepartmentValue>,
    pub(super) index: HashMap<String, usize>,
}

impl<'c> DepartmentTally<'c> {
    pub(super) fn new(columns: &Columns, choices: &'c DepartmentChoices) -> Self {
        DepartmentTally { column: columns.get(Field::Department), choices, values: Vec::new(), index: HashMap::new() }
    }

    pub(super) fn count(&mut self, row: &TableRow) {
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

pub(super) struct ParsedRow {
    pub(super) client_name: String,
    pub(super) account_code: String,
    pub(super) department: Department,
    pub(super) producer: String,
    pub(super) client_manager: String,
    pub(super) client_advocate: String,
    pub(super) notes: String,
    pub(super) account_revenue: Option<Cents>,
    pub(super) activity: BTreeMap<ProcessKind, u32>,
    pub(super) policy: Option<ImportedPolicy>,
}

impl ParsedRow {
    pub(super) fn into_account(self) -> ImportedAccount {
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
pub(super) fn absorb(account: &mut ImportedAccount, row: ParsedRow, line: usize) {
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

pub(super) fn read_row(
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

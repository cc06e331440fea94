//! Which column of a file holds which field, found from the headers.

use crate::domain::activity::ProcessKind;
use serde::{Deserialize, Serialize};

/// A field an import can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Field {
    ClientName,
    Department,
    Commission,
    Premium,
    PolicyNumber,
    LineOfBusiness,
    Carrier,
    Effective,
    Expiration,
    Producer,
    ClientManager,
    ClientAdvocate,
    ExcessSurplus,
    BillType,
    Notes,
    /// The AMS's key for the client (`Customer #`, `Account Lookup Code`,
    /// `Client ID`): rows with the same key are one account.
    AccountCode,
    /// The policy's status (Active, Cancelled, Non-renewed, ...).
    Status,
    /// The commission as a share of the premium (`Comm %`), used when the
    /// file gives no commission amount.
    CommissionRate,
    /// A yearly count of a process for the account (endorsements, claims, ...).
    Count(ProcessKind),
}

impl Field {
    pub const ALL: [Field; 26] = [
        Field::ClientName,
        Field::Department,
        Field::Commission,
        Field::Premium,
        Field::PolicyNumber,
        Field::LineOfBusiness,
        Field::Carrier,
        Field::Effective,
        Field::Expiration,
        Field::Producer,
        Field::ClientManager,
        Field::ClientAdvocate,
        Field::ExcessSurplus,
        Field::BillType,
        Field::Notes,
        Field::AccountCode,
        Field::Status,
        Field::CommissionRate,
        Field::Count(ProcessKind::NewBusiness),
        Field::Count(ProcessKind::Endorsement),
        Field::Count(ProcessKind::NonRenewal),
        Field::Count(ProcessKind::Cancellation),
        Field::Count(ProcessKind::Audit),
        Field::Count(ProcessKind::Certificate),
        Field::Count(ProcessKind::BidBond),
        Field::Count(ProcessKind::Claim),
    ];

    /// The field's name in messages and the mapping editor.
    pub fn label(self) -> &'static str {
        match self {
            Field::ClientName => "client name",
            Field::Department => "department",
            Field::Commission => "commission",
            Field::Premium => "premium",
            Field::PolicyNumber => "policy number",
            Field::LineOfBusiness => "line of business",
            Field::Carrier => "carrier",
            Field::Effective => "effective date",
            Field::Expiration => "expiration date",
            Field::Producer => "producer",
            Field::ClientManager => "client manager",
            Field::ClientAdvocate => "client advocate",
            Field::ExcessSurplus => "E&S",
            Field::BillType => "bill type",
            Field::Notes => "notes",
            Field::AccountCode => "client code",
            Field::Status => "policy status",
            Field::CommissionRate => "commission rate",
            Field::Count(k) => match k {
                ProcessKind::Renewal => "renewals per year",
                ProcessKind::NewBusiness => "new business per year",
                ProcessKind::Endorsement => "endorsements per year",
                ProcessKind::NonRenewal => "non-renewals per year",
                ProcessKind::Cancellation => "cancellations per year",
                ProcessKind::Audit => "audits per year",
                ProcessKind::Certificate => "certificates per year",
                ProcessKind::BidBond => "bid bonds per year",
                ProcessKind::Claim => "claims per year",
            },
        }
    }

    /// A stable key for the mapping editor's `<select>` values.
    pub fn key(self) -> &'static str {
        match self {
            Field::ClientName => "client",
            Field::Department => "department",
            Field::Commission => "commission",
            Field::Premium => "premium",
            Field::PolicyNumber => "policy_number",
            Field::LineOfBusiness => "line_of_business",
            Field::Carrier => "carrier",
            Field::Effective => "effective",
            Field::Expiration => "expiration",
            Field::Producer => "producer",
            Field::ClientManager => "client_manager",
            Field::ClientAdvocate => "client_advocate",
            Field::ExcessSurplus => "excess_surplus",
            Field::BillType => "bill_type",
            Field::Notes => "notes",
            Field::AccountCode => "client_id",
            Field::Status => "status",
            Field::CommissionRate => "commission_rate",
            Field::Count(k) => k.count_column(),
        }
    }

    /// Header names that mean this field only when no column has one of
    /// its [`Field::aliases`]: a report with both "Department" and
    /// "Division" takes the department from "Department".
    fn fallback_aliases(self) -> &'static [&'static str] {
        match self {
            Field::Department => &["division", "div", "division name", "profit center"],
            _ => &[],
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// For each column of a file, the field it fills (None: ignored).
pub type Mapping = Vec<Option<Field>>;

/// Normalizes a header: lower case, `#` as the word "number" (`Policy #`,
/// `Customer #`), `_`/`-`/`.`/`:`/`'` as spaces, single spaces.
fn normalize(header: &str) -> String {
    let replaced: String = header
        .to_lowercase()
        .replace('#', " number ")
        .chars()
        .map(|c| if matches!(c, '_' | '-' | '.' | ':' | '/' | '(' | ')' | '\'') { ' ' } else { c })
        .collect();
    replaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Maps columns by header, case-insensitively, using common AMS names.
/// A field is given to the first column that names it; later ones are ignored.
///
/// ```
/// use agency_desk::domain::import::mapping::{auto_map, Field};
/// let m = auto_map(&["Insured".into(), "X-Date".into(), "Agency Commission".into(), "Misc".into()]);
/// assert_eq!(m, vec![Some(Field::ClientName), Some(Field::Expiration), Some(Field::Commission), None]);
/// ```
pub fn auto_map(headers: &[String]) -> Mapping {
    let names: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut taken = Vec::new();
    let mut mapping: Mapping = names
        .iter()
        .map(|n| {
            let field = Field::ALL.into_iter().find(|f| !taken.contains(f) && f.aliases().contains(&n.as_str()));
            if let Some(f) = field {
                taken.push(f);
            }
            field
        })
        .collect();
    for (slot, n) in mapping.iter_mut().zip(&names) {
        if slot.is_none()
            && let Some(f) =
                Field::ALL.into_iter().find(|f| !taken.contains(f) && f.fallback_aliases().contains(&n.as_str()))
        {
            taken.push(f);
            *slot = Some(f);
        }
    }
    mapping
}

/// How many different known columns a row's cells name: a header row of an
/// export names several, a report's title row or a data row hardly any.
///
/// ```
/// use agency_desk::domain::import::mapping::header_score;
/// let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
/// assert_eq!(header_score(&row(&["Insured", "X-Date", "Premium", "Misc"])), 3);
/// assert_eq!(header_score(&row(&["Expiration List", "", ""])), 0);
/// ```
pub fn header_score(cells: &[String]) -> usize {
    auto_map(cells).iter().filter(|f| f.is_some()).count()
}

/// Checks a (possibly hand-edited) mapping: the client name and the
/// commission (or a premium and a commission rate) are required (every profitability figure runs on the
/// commission) and no field may come from two columns.
pub fn check_mapping(headers: &[String], mapping: &Mapping) -> Result<(), String> {
    for field in Field::ALL {
        let columns: Vec<&str> =
            mapping.iter().zip(headers).filter(|(m, _)| **m == Some(field)).map(|(_, h)| h.as_str()).collect();
        if columns.len() > 1 {
            return Err(format!(
                "The {} comes from more than one column ({}); choose one.",
                field.label(),
                columns.join(", ")
            ));
        }
    }
    if !mapping.contains(&Some(Field::ClientName)) {
        return Err("No column is mapped to the client name; choose the column that names each client.".into());
    }
    let rate_and_premium = mapping.contains(&Some(Field::CommissionRate)) && mapping.contains(&Some(Field::Premium));
    if !mapping.contains(&Some(Field::Commission)) && !rate_and_premium {
        let rate_hint = if mapping.contains(&Some(Field::CommissionRate)) {
            " The file has a commission rate: map its premium column too and the commission is worked out as premium × rate."
        } else {
            ""
        };
        return Err(format!(
            "No column is mapped to the commission. Every profitability figure (tiers, concentration, net per account) runs on the agency's commission for each policy or account: choose the column that holds it (or a premium and a commission-rate column), or export the report again with a commission column.{rate_hint}"
        ));
    }
    Ok(())
}

mod aliases;

#[cfg(test)]
mod tests;

//! How a renewal ends, and how that is undone: binding its policies to new
//! terms, or losing them, applied to an account's stored policies.
//!
//! Binding moves each policy of the renewal to its next term with the
//! renewal's carrier, number, premium and commission, and keeps the
//! expiring term in the policy's history. Losing marks the policies lost:
//! they leave revenue and the board and stay on the account. Either is
//! recorded on the renewal ([`Outcome`]) with what each policy was, so it
//! can be undone exactly while nobody has changed those policies since.
//!
//! ```
//! use agency_desk::domain::book::{Policy, PolicyStatus};
//! use agency_desk::domain::renewals::lifecycle::{bind, bind_rows, undo};
//! use chrono::NaiveDate;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let mut p = Policy::new("p1", "a1");
//! (p.effective, p.expiration, p.commission) = (Some(d(2026, 7, 5)), Some(d(2027, 1, 5)), 120_00);
//! let mut policies = vec![p];
//! let mut rows = bind_rows(&policies.iter().collect::<Vec<_>>(), d(2027, 1, 5));
//! rows[0].commission = 130_00;
//! let outcome = bind(&mut policies, d(2027, 1, 5), &rows, d(2026, 12, 20), "Ann", "t").unwrap();
//! assert_eq!(policies[0].expiration, Some(d(2027, 7, 5)));
//! assert_eq!(policies[0].terms[0].commission, 120_00);
//! undo(&mut policies, d(2027, 1, 5), &outcome, "t2").unwrap();
//! assert_eq!((policies[0].expiration, policies[0].commission), (Some(d(2027, 1, 5)), 120_00));
//! ```

pub use super::record::Decided;
use super::record::Outcome;
use crate::domain::book::term::{Term, next_term};
use crate::domain::book::{Policy, PolicyStatus};
use crate::domain::dates::parse_report_date;
use crate::domain::money::{Cents, format_money, parse_money};
use chrono::{Months, NaiveDate};

/// The reasons offered when a renewal is lost (the last one asks for words).
pub const LOST_REASONS: [&str; 7] =
    ["Price", "Coverage", "Service", "Carrier non-renewed", "Sold or closed", "Moved to another agency", "Other"];

/// One policy's line of the bind form: the renewal term as the person
/// confirms it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BindRow {
    pub policy_id: String,
    pub carrier: String,
    pub policy_number: String,
    pub premium: Cents,
    pub commission: Cents,
    pub effective: NaiveDate,
    pub expiration: NaiveDate,
}

impl BindRow {
    /// Reads a form row typed as text. `label` names the policy in messages.
    pub fn parse(policy_id: &str, label: &str, fields: [&str; 6]) -> Result<BindRow, String> {
        let [carrier, number, premium, commission, effective, expiration] = fields;
        let money = |text: &str, what: &str| match parse_money(text) {
            Ok(Some(c)) => Ok(c),
            Ok(None) => Err(format!("{label}: the renewal {what} is blank; enter the amount, such as 1,250.00.")),
            Err(e) => Err(format!("{label}: the renewal {what} is not taken ({e}).")),
        };
        let date = |text: &str, what: &str| match parse_report_date(text) {
            Ok(Some(d)) => Ok(d),
            Ok(None) => Err(format!("{label}: the {what} date is blank.")),
            Err(e) => Err(format!("{label}: the {what} date is not taken ({e}).")),
        };
        let row = BindRow {
            policy_id: policy_id.to_string(),
            carrier: carrier.trim().to_string(),
            policy_number: number.trim().to_string(),
            premium: money(premium, "premium")?,
            commission: money(commission, "commission")?,
            effective: date(effective, "effective")?,
            expiration: date(expiration, "expiration")?,
        };
        if row.expiration <= row.effective {
            return Err(format!(
                "{label}: the renewal term must end after it starts ({} to {}).",
                row.effective, row.expiration
            ));
        }
        Ok(row)
    }
}

/// The bind form's rows for the live policies in `policies` that expire on
/// `expiration`, filled in from the expiring terms: same carrier, number,
/// premium and commission; effective on the old expiration, for as long as
/// the expiring term ran (a 6-month policy renews for 6 months).
pub fn bind_rows(policies: &[&Policy], expiration: NaiveDate) -> Vec<BindRow> {
    renewing(policies.iter().copied(), expiration)
        .map(|p| {
            let effective =
                p.effective.unwrap_or_else(|| expiration.checked_sub_months(Months::new(12)).unwrap_or(expiration));
            let (from, to) = next_term(effective, expiration);
            BindRow {
                policy_id: p.id.clone(),
                carrier: p.carrier.clone(),
                policy_number: p.policy_number.clone(),
                premium: p.premium,
                commission: p.commission,
                effective: from,
                expiration: to,
            }
        })
        .collect()
}

fn renewing<'a>(policies: impl Iterator<Item = &'a Policy>, expiration: NaiveDate) -> impl Iterator<Item = &'a Policy> {
    policies.filter(move |p| p.status.is_live() && p.expiration == Some(expiration))
}

/// Checks that `ids` are exactly the live policies expiring on
/// `expiration`, as stored now.
fn same_policies(policies: &[Policy], expiration: NaiveDate, ids: &[&str]) -> Result<(), String> {
    let mut stored: Vec<&str> = renewing(policies.iter(), expiration).map(|p| p.id.as_str()).collect();
    let mut given: Vec<&str> = ids.to_vec();
    stored.sort_unstable();
    given.sort_unstable();
    if stored.is_empty() {
        return Err("No policy of this account expires on that date any more (changed in another tab or window (or by a teammate, through team sync)?); nothing was changed.".into());
    }
    if stored != given {
        return Err("The policies of this renewal were changed in another tab or window (or by a teammate, through team sync) since the form opened; nothing was changed. Open the renewal again.".into());
    }
    Ok(())
}

/// Binds the renewal of the policies expiring on `expiration`: each row's
/// policy keeps its expiring term in its history and takes the row's
/// carrier, number, premium, commission and dates. Every policy of the
/// renewal must have a row. Returns the outcome to record.
pub fn bind(
    policies: &mut [Policy],
    expiration: NaiveDate,
    rows: &[BindRow],
    on: NaiveDate,
    by: &str,
    changed_at: &str,
) -> Result<Outcome, String> {
    same_policies(policies, expiration, &rows.iter().map(|r| r.policy_id.as_str()).collect::<Vec<_>>())?;
    let mut decided = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(p) = policies.iter_mut().find(|p| p.id == row.policy_id) else { continue };
        p.terms.push(Term {
            effective: p.effective,
            expiration: p.expiration,
            carrier: p.carrier.clone(),
            policy_number: p.policy_number.clone(),
            premium: p.premium,
            commission: p.commission,
            renewed_on: on,
            renewed_by: by.to_string(),
        });
        let was = p.status;
        let expiring = p.commission;
        p.carrier = row.carrier.clone();
        p.policy_number = row.policy_number.clone();
        p.premium = row.premium;
        p.commission = row.commission;
        p.effective = Some(row.effective);
        p.expiration = Some(row.expiration);
        p.status = PolicyStatus::Active;
        p.revision += 1;
        p.updated_at = changed_at.to_string();
        decided.push(Decided {
            id: p.id.clone(),
            policy_number: p.policy_number.clone(),
            commission: expiring,
            was,
            revision: p.revision,
        });
    }
    Ok(Outcome::Bound { on, by: by.to_string(), policies: decided })
}

/// Refuses a lost reason that is missing, or "Other" without words.
pub fn check_lost_reason(reason: &str, detail: &str) -> Result<(), String> {
    if reason.trim().is_empty() {
        return Err("Choose why the renewal was lost or not renewed.".into());
    }
    if reason.trim() == "Other" && detail.trim().is_empty() {
        return Err("Say in a few words why the renewal was lost (the reason is “Other”).".into());
    }
    Ok(())
}

/// Marks the renewal's policies (those expiring on `expiration`) lost.
/// `reason` is one of [`LOST_REASONS`]; `detail` says more (required for
/// "Other").
pub fn lose(
    policies: &mut [Policy],
    expiration: NaiveDate,
    reason: &str,
    detail: &str,
    on: NaiveDate,
    by: &str,
    changed_at: &str,
) -> Result<Outcome, String> {
    check_lost_reason(reason, detail)?;
    let (reason, detail) = (reason.trim(), detail.trim());
    let ids: Vec<String> = renewing(policies.iter(), expiration).map(|p| p.id.clone()).collect();
    same_policies(policies, expiration, &ids.iter().map(String::as_str).collect::<Vec<_>>())?;
    let mut decided = Vec::with_capacity(ids.len());
    for p in policies.iter_mut().filter(|p| ids.contains(&p.id)) {
        let was = p.status;
        p.status = PolicyStatus::Lost;
        p.revision += 1;
        p.updated_at = changed_at.to_string();
        decided.push(Decided {
            id: p.id.clone(),
            policy_number: p.policy_number.clone(),
            commission: p.commission,
            was,
            revision: p.revision,
        });
    }
    Ok(Outcome::Lost {
        on,
        by: by.to_string(),
        reason: reason.to_string(),
        detail: detail.to_string(),
        policies: decided,
    })
}

/// Undoes `outcome` on the policies it changed: a bind puts each policy
/// back on its expiring term (from its history), a loss puts back each
/// policy's earlier status. Refused, with nothing changed, when one of
/// them was saved since (its revision moved) or the outcome recorded no
/// policies (made by an older version).
pub fn undo(policies: &mut [Policy], expiration: NaiveDate, outcome: &Outcome, changed_at: &str) -> Result<(), String> {
    let decided = outcome.policies();
    if decided.is_empty() {
        return Err("This outcome was recorded by an earlier version without its policies, so it cannot be undone here; change the policies in the Book instead.".into());
    }
    for d in decided {
        let name = if d.policy_number.is_empty() {
            "A policy of this renewal".to_string()
        } else {
            format!("Policy {}", d.policy_number)
        };
        let Some(p) = policies.iter().find(|p| p.id == d.id) else {
            return Err(format!("{name} was deleted since; nothing was undone."));
        };
        if p.revision != d.revision {
            return Err(format!(
                "{name} was changed after this outcome was recorded, so it cannot be undone without losing that change; nothing was undone. Change it in the Book instead."
            ));
        }
        if matches!(outcome, Outcome::Bound { .. }) && p.terms.last().and_then(|t| t.expiration) != Some(expiration) {
            return Err(format!("{name} has no record of its expiring term; nothing was undone."));
        }
    }
    for d in decided {
        let Some(p) = policies.iter_mut().find(|p| p.id == d.id) else { continue };
        if let Outcome::Bound { .. } = outcome
            && let Some(t) = p.terms.pop()
        {
            p.effective = t.effective;
            p.expiration = t.expiration;
            p.carrier = t.carrier;
            p.policy_number = t.policy_number;
            p.premium = t.premium;
            p.commission = t.commission;
        }
        p.status = d.was;
        p.revision += 1;
        p.updated_at = changed_at.to_string();
    }
    Ok(())
}

/// The bound renewals that led to the term of `policies` expiring on
/// `expiration` (each policy's last earlier term names one): their ids,
/// for an undo offered on the term they started. A renewal of two policies
/// bound apart is two entries.
pub fn binds_behind(
    policies: &[&Policy],
    account_id: &str,
    expiration: NaiveDate,
    records: &std::collections::HashMap<String, super::board::RenewalRecord>,
) -> Vec<String> {
    let mut ids: Vec<String> = renewing(policies.iter().copied(), expiration)
        .filter_map(|p| p.terms.last().and_then(|t| t.expiration))
        .map(|d| super::board::renewal_id(account_id, d))
        .filter(|id| records.get(id).is_some_and(|r| matches!(r.outcome, Some(Outcome::Bound { .. }))))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// What a renewal's outcome says in one line ("Bound by Ann on Jan 3, 2027").
pub fn describe(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Bound { on, by, .. } => format!("Bound by {by} on {}", on.format("%b %-d, %Y")),
        Outcome::Lost { on, by, reason, detail, .. } => {
            let lost = outcome.commission();
            let why = if detail.is_empty() { reason.clone() } else { format!("{reason}: {detail}") };
            format!("Lost ({why}) by {by} on {}, {} commission a year", on.format("%b %-d, %Y"), format_money(lost))
        }
    }
}

#[cfg(test)]
mod tests;

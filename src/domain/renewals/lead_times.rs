//! Lead times: how many days before expiration a renewal should start, by
//! department (the method's 120 days, 150 for commercial lines) and for one
//! account.

use super::plan::default_lead_days;
use crate::domain::book::{Account, Department};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Lead times: days before expiration a renewal should have started.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadTimes {
    /// Per department, where it differs from the default.
    #[serde(default)]
    pub departments: Vec<(Department, u32)>,
    /// Per account (by id).
    #[serde(default)]
    pub accounts: BTreeMap<String, u32>,
}

impl LeadTimes {
    pub fn for_account(&self, account: &Account) -> u32 {
        self.accounts.get(&account.id).copied().unwrap_or_else(|| self.for_department(&account.department))
    }

    /// A department's lead time: its own, else the method's default.
    pub fn for_department(&self, department: &Department) -> u32 {
        self.departments
            .iter()
            .find(|(d, _)| d == department)
            .map(|(_, n)| *n)
            .unwrap_or_else(|| default_lead_days(department))
    }

    /// Sets one account's own lead time; the lead time of its department is
    /// stored as no entry, so the account follows later department changes.
    pub fn set_account(&mut self, account_id: &str, department: &Department, days: u32) {
        if days == self.for_department(department) {
            self.accounts.remove(account_id);
        } else {
            self.accounts.insert(account_id.to_string(), days);
        }
    }

    /// Sets a department's lead time; the default is stored as no entry.
    pub fn set_department(&mut self, department: &Department, days: u32) {
        self.departments.retain(|(d, _)| d != department);
        if days != default_lead_days(department) {
            self.departments.push((department.clone(), days));
        }
    }

    /// The stored lead times with a form's department edits applied: the
    /// departments `edited` changes from `base` (what the form started
    /// from) take their new value; every other department and every
    /// account keeps what is stored. A department that another tab changed
    /// since the form began, to a value other than this form's, is refused,
    /// naming it and the stored value, and nothing is applied.
    ///
    /// ```
    /// # use agency_desk::domain::{book::Department, renewals::board::LeadTimes};
    /// let base = LeadTimes::default();
    /// let mut stored = base.clone();
    /// stored.set_department(&Department::Pl, 90); // another tab
    /// let mut edited = base.clone();
    /// edited.set_department(&Department::Cl, 180); // this form
    /// let saved = stored.with_department_edits(&base, &edited).unwrap();
    /// assert_eq!((saved.for_department(&Department::Cl), saved.for_department(&Department::Pl)), (180, 90));
    /// ```
    pub fn with_department_edits(&self, base: &LeadTimes, edited: &LeadTimes) -> Result<LeadTimes, String> {
        let mut out = self.clone();
        let mut conflicts = Vec::new();
        let mut touched: Vec<&Department> = Vec::new();
        for (d, _) in base.departments.iter().chain(&edited.departments) {
            if !touched.contains(&d) {
                touched.push(d);
            }
        }
        for d in touched {
            let (was, now, stored) = (base.for_department(d), edited.for_department(d), self.for_department(d));
            if was == now {
                continue;
            }
            if stored != was && stored != now {
                conflicts.push(format!("{} to {stored} days", d.label()));
            }
            out.set_department(d, now);
        }
        if conflicts.is_empty() {
            Ok(out)
        } else {
            Err(format!(
                "Lead times not saved: another tab or window set {} since you began editing. The form now shows the saved lead times; change them again to replace them.",
                conflicts.join(", ")
            ))
        }
    }
}

//! The cost of a minute, of each process, and of serving each account.
//!
//! Cost of a minute, as the method defines it: the combined annual salaries
//! and benefits of all employees including owners, divided by 100,000
//! working minutes, divided again by the number of employees.
//!
//! ```
//! use agency_desk::domain::profitability::cost::cost_of_a_minute;
//! // Ten people costing $600,000 a year: $6.00, then $0.60 a minute.
//! let m = cost_of_a_minute(600_000_00, 10).unwrap();
//! assert_eq!(m.all_staff_per_minute, 600.0);
//! assert_eq!(m.per_minute, 60.0);
//! ```

use super::tiers::AccountFigures;
use crate::domain::activity::ProcessKind;
use crate::domain::book::Department;
use crate::domain::money::Cents;
use serde::{Deserialize, Serialize};

/// Approximate working minutes per person per year used by the method.
pub const WORKING_MINUTES: f64 = 100_000.0;

/// Each step of the cost-of-a-minute calculation, in cents.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MinuteCost {
    pub total_compensation: Cents,
    pub employees: u32,
    /// Total compensation ÷ 100,000.
    pub all_staff_per_minute: f64,
    /// ÷ employees: the cost of a minute.
    pub per_minute: f64,
}

pub fn cost_of_a_minute(total_compensation: Cents, employees: u32) -> Result<MinuteCost, String> {
    if employees == 0 {
        return Err("Enter the number of employees (including owners); it cannot be 0.".into());
    }
    if total_compensation <= 0 {
        return Err("Enter the combined annual salaries and benefits; it must be above $0.".into());
    }
    let all = total_compensation as f64 / WORKING_MINUTES;
    Ok(MinuteCost { total_compensation, employees, all_staff_per_minute: all, per_minute: all / employees as f64 })
}

/// A step of a process and its average hands-on minutes (not elapsed time).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub name: String,
    pub minutes: f64,
}

/// A process as a list of steps.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Process {
    pub kind: ProcessKind,
    pub steps: Vec<Step>,
}

impl Process {
    pub fn total_minutes(&self) -> f64 {
        self.steps.iter().map(|s| s.minutes).sum()
    }

    /// Cost of one run of the process, in cents.
    pub fn cost(&self, minute: &MinuteCost) -> f64 {
        self.total_minutes() * minute.per_minute
    }
}

fn steps(list: &[(&str, f64)]) -> Vec<Step> {
    list.iter().map(|(n, m)| Step { name: n.to_string(), minutes: *m }).collect()
}

/// Sample process times of commercial work, for the agency to replace with
/// its own measurements: a renewal is underwritten, remarketed and presented.
pub fn sample_processes() -> Vec<Process> {
    ProcessSet::sample_for(&Department::Cl).processes
}

/// One department's process times and how often each process happens: a
/// personal auto renewal and a commercial package take very different time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcessSet {
    pub processes: Vec<Process>,
    pub frequencies: Vec<Frequency>,
}

impl ProcessSet {
    /// Sample times and frequencies for a department, labelled on the page as
    /// assumptions to replace. Commercial times serve any other department.
    ///
    /// ```
    /// use agency_desk::domain::book::Department;
    /// use agency_desk::domain::activity::ProcessKind;
    /// use agency_desk::domain::profitability::cost::ProcessSet;
    /// let cl = ProcessSet::sample_for(&Department::Cl);
    /// let pl = ProcessSet::sample_for(&Department::Pl);
    /// assert!(pl.run_minutes(ProcessKind::Renewal) < cl.run_minutes(ProcessKind::Renewal));
    /// ```
    pub fn sample_for(department: &Department) -> ProcessSet {
        use Basis::*;
        use ProcessKind::*;
        type Times = Vec<(ProcessKind, Vec<Step>)>;
        type Rates = [(ProcessKind, Basis, f64); 9];
        let (processes, frequencies): (Times, Rates) = match department {
            Department::Pl => (
                vec![
                    (
                        Renewal,
                        steps(&[
                            ("Review renewal offer and changes", 10.0),
                            ("Remarket when the premium jumps (averaged)", 15.0),
                            ("Contact client and confirm", 10.0),
                            ("Update system, IDs and billing", 5.0),
                        ]),
                    ),
                    (
                        NewBusiness,
                        steps(&[
                            ("Gather drivers, vehicles, property", 20.0),
                            ("Quote with several carriers", 30.0),
                            ("Present and bind", 15.0),
                            ("Set up account and issue documents", 15.0),
                        ]),
                    ),
                    (
                        Endorsement,
                        steps(&[("Take request and process change", 10.0), ("Review change and invoice", 5.0)]),
                    ),
                    (
                        NonRenewal,
                        steps(&[("Process notice and notify client", 10.0), ("Remarket or close file", 20.0)]),
                    ),
                    (Cancellation, steps(&[("Process request", 10.0), ("Return premium and close file", 5.0)])),
                    (Audit, steps(&[("Coordinate audit", 15.0)])),
                    (Certificate, steps(&[("Issue evidence of insurance", 5.0)])),
                    (BidBond, steps(&[("Prepare and submit bid bond", 30.0)])),
                    (Claim, steps(&[("Report claim", 10.0), ("Follow up", 20.0)])),
                ],
                [
                    (Renewal, PerPolicy, 1.0),
                    (NewBusiness, PerAccount, 0.05),
                    (Endorsement, PerPolicy, 0.5),
                    (NonRenewal, PerPolicy, 0.02),
                    (Cancellation, PerPolicy, 0.05),
                    (Audit, PerPolicy, 0.0),
                    (Certificate, PerAccount, 0.5),
                    (BidBond, PerAccount, 0.0),
                    (Claim, PerPolicy, 0.05),
                ],
            ),
            Department::Benefits => (
                vec![
                    (
                        Renewal,
                        steps(&[
                            ("Collect census and claims experience", 30.0),
                            ("Market the plan", 45.0),
                            ("Compare and present options", 45.0),
                            ("Open enrollment meetings and support", 120.0),
                            ("Process elections and issue documents", 30.0),
                        ]),
                    ),
                    (
                        NewBusiness,
                        steps(&[
                            ("Census and needs review", 45.0),
                            ("Market the plan", 60.0),
                            ("Present and bind", 45.0),
                            ("Enrollment and set-up", 90.0),
                        ]),
                    ),
                    (Endorsement, steps(&[("Add, drop or change an employee", 10.0)])),
                    (
                        NonRenewal,
                        steps(&[("Process notice and notify client", 20.0), ("Remarket or close file", 40.0)]),
                    ),
                    (Cancellation, steps(&[("Process request", 15.0), ("Close file", 10.0)])),
                    (Audit, steps(&[("Compliance review", 30.0)])),
                    (Certificate, steps(&[("Issue certificate", 10.0)])),
                    (BidBond, steps(&[("Prepare and submit bid bond", 30.0)])),
                    (Claim, steps(&[("Resolve an employee's claim question", 20.0)])),
                ],
                [
                    (Renewal, PerPolicy, 1.0),
                    (NewBusiness, PerAccount, 0.05),
                    (Endorsement, PerPolicy, 4.0),
                    (NonRenewal, PerPolicy, 0.02),
                    (Cancellation, PerPolicy, 0.03),
                    (Audit, PerPolicy, 0.2),
                    (Certificate, PerAccount, 0.0),
                    (BidBond, PerAccount, 0.0),
                    (Claim, PerPolicy, 1.0),
                ],
            ),
            _ => (
                vec![
                    (
                        Renewal,
                        steps(&[
                            ("Review account and loss runs", 30.0),
                            ("Gather underwriting information", 45.0),
                            ("Market / submit renewal", 60.0),
                            ("Compare quotes and prepare proposal", 45.0),
                            ("Present and bind", 30.0),
                            ("Issue binders, IDs, certificates, invoices", 30.0),
                        ]),
                    ),
                    (
                        NewBusiness,
                        steps(&[
                            ("Gather underwriting information", 60.0),
                            ("Market / submit", 90.0),
                            ("Compare quotes and prepare proposal", 60.0),
                            ("Present and bind", 45.0),
                            ("Set up account and issue documents", 45.0),
                        ]),
                    ),
                    (Endorsement, steps(&[("Take request and submit", 15.0), ("Review change and invoice", 15.0)])),
                    (
                        NonRenewal,
                        steps(&[("Process notice and notify client", 20.0), ("Remarket or close file", 25.0)]),
                    ),
                    (Cancellation, steps(&[("Process request", 15.0), ("Return premium and close file", 15.0)])),
                    (Audit, steps(&[("Coordinate audit", 20.0), ("Review results and dispute errors", 25.0)])),
                    (Certificate, steps(&[("Issue certificate / evidence", 10.0)])),
                    (BidBond, steps(&[("Prepare and submit bid bond", 30.0)])),
                    (Claim, steps(&[("Report claim", 20.0), ("Follow up and advocate", 40.0)])),
                ],
                [
                    (Renewal, PerPolicy, 1.0),
                    (NewBusiness, PerAccount, 0.1),
                    (Endorsement, PerPolicy, 1.0),
                    (NonRenewal, PerPolicy, 0.03),
                    (Cancellation, PerPolicy, 0.05),
                    (Audit, PerPolicy, 0.15),
                    (Certificate, PerAccount, 2.0),
                    (BidBond, PerAccount, 0.0),
                    (Claim, PerPolicy, 0.1),
                ],
            ),
        };
        ProcessSet {
            processes: processes.into_iter().map(|(kind, steps)| Process { kind, steps }).collect(),
            frequencies: frequencies
                .into_iter()
                .map(|(kind, basis, per_year)| Frequency { kind, basis, per_year })
                .collect(),
        }
    }

    /// Minutes of one run of `kind` (0 when the set has no chart for it).
    pub fn run_minutes(&self, kind: ProcessKind) -> f64 {
        self.processes.iter().find(|p| p.kind == kind).map(Process::total_minutes).unwrap_or(0.0)
    }
}

/// How a process's yearly count is derived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Basis {
    PerPolicy,
    PerAccount,
}

/// A yearly frequency of a process.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frequency {
    pub kind: ProcessKind,
    pub basis: Basis,
    pub per_year: f64,
}

/// Sample yearly frequencies of commercial work. Renewals are one per
/// policy per year (each policy renews once); the rest are assumptions to replace.
pub fn sample_frequencies() -> Vec<Frequency> {
    ProcessSet::sample_for(&Department::Cl).frequencies
}

/// A per-tier override of a process's yearly frequency, for one
/// department's tier (or, with no department, that tier position in every
/// department). A department's own override wins over an all-departments one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierOverride {
    #[serde(default)]
    pub department: Option<Department>,
    pub tier: usize,
    pub kind: ProcessKind,
    pub per_year: f64,
}

/// The cost model: everything needed to cost an account.
#[derive(Clone, Debug, PartialEq)]
pub struct CostModel {
    pub minute: MinuteCost,
    /// The times of every department without its own.
    pub fallback: ProcessSet,
    /// Departments with times of their own.
    pub by_department: Vec<(Department, ProcessSet)>,
    pub overrides: Vec<TierOverride>,
}

impl CostModel {
    /// The process times and frequencies in force for a department.
    pub fn set(&self, department: &Department) -> &ProcessSet {
        self.by_department.iter().find(|(d, _)| d == department).map(|(_, s)| s).unwrap_or(&self.fallback)
    }

    /// The yearly frequency of `kind` for a tier of a department, with its basis.
    fn rate(&self, department: &Department, tier: usize, kind: ProcessKind) -> Option<(Basis, f64)> {
        let f = self.set(department).frequencies.iter().find(|f| f.kind == kind)?;
        let matching = |o: &&TierOverride| o.tier == tier && o.kind == kind;
        let per_year = self
            .overrides
            .iter()
            .filter(matching)
            .find(|o| o.department.as_ref() == Some(department))
            .or_else(|| self.overrides.iter().filter(matching).find(|o| o.department.is_none()))
            .map(|o| o.per_year)
            .unwrap_or(f.per_year);
        Some((f.basis, per_year))
    }

    /// Everything needed to cost any account of `department`, tier by tier,
    /// worked out once so each account costs a few multiplications.
    pub fn prepare(&self, department: &Department, tiers: usize) -> PreparedCosts {
        let set = self.set(department);
        let run_minutes: Vec<f64> = ProcessKind::ALL.iter().map(|k| set.run_minutes(*k)).collect();
        let rates = (0..tiers.max(1))
            .map(|t| ProcessKind::ALL.iter().map(|k| self.rate(department, t, *k)).collect())
            .collect();
        PreparedCosts { per_minute: self.minute.per_minute, run_minutes, rates }
    }

    /// Yearly count of each process for an account of `department` in tier `tier`.
    pub fn annual_counts(
        &self,
        account: &AccountFigures,
        department: &Department,
        tier: usize,
    ) -> Vec<(ProcessKind, f64)> {
        self.prepare(department, tier + 1).counts(account, tier)
    }

    /// Yearly hands-on minutes spent on an account of `department` in tier `tier`.
    pub fn annual_minutes(&self, account: &AccountFigures, department: &Department, tier: usize) -> f64 {
        self.prepare(department, tier + 1).minutes_and_cost(account, tier).0
    }

    /// Yearly cost to serve an account of `department` in tier `tier`, in cents.
    pub fn cost_to_serve(&self, account: &AccountFigures, department: &Department, tier: usize) -> Cents {
        self.prepare(department, tier + 1).minutes_and_cost(account, tier).1
    }
}

/// A [`CostModel`] worked out for one department: minutes per run of each
/// process and, per tier, each process's basis and yearly frequency.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedCosts {
    per_minute: f64,
    run_minutes: Vec<f64>,
    rates: Vec<Vec<Option<(Basis, f64)>>>,
}

impl PreparedCosts {
    /// Yearly count of each process the agency has a frequency for: the
    /// account's own count from an imported file when it has one (never for
    /// renewals, which follow its policies), else frequency × policies (or × 1
    /// per account).
    pub fn counts(&self, account: &AccountFigures, tier: usize) -> Vec<(ProcessKind, f64)> {
        (0..ProcessKind::ALL.len()).filter_map(|i| Some((ProcessKind::ALL[i], self.count(account, tier, i)?))).collect()
    }

    /// The yearly count of process `ALL[i]` (None: the agency set no frequency for it).
    fn count(&self, account: &AccountFigures, tier: usize, i: usize) -> Option<f64> {
        let (basis, per_year) = self.rates[tier.min(self.rates.len() - 1)][i]?;
        let from_file = if ProcessKind::ALL[i] == ProcessKind::Renewal { None } else { account.activity[i] };
        Some(match (from_file, basis) {
            (Some(n), _) => n as f64,
            (None, Basis::PerPolicy) => per_year * account.policies as f64,
            (None, Basis::PerAccount) => per_year,
        })
    }

    /// Yearly hands-on minutes of an account in `tier`.
    pub fn minutes(&self, account: &AccountFigures, tier: usize) -> f64 {
        (0..ProcessKind::ALL.len()).filter_map(|i| self.count(account, tier, i).map(|c| c * self.run_minutes[i])).sum()
    }

    /// Yearly hands-on minutes and cost to serve (cents) of an account in `tier`.
    pub fn minutes_and_cost(&self, account: &AccountFigures, tier: usize) -> (f64, Cents) {
        let minutes = self.minutes(account, tier);
        (minutes, (minutes * self.per_minute).round() as Cents)
    }
}

#[cfg(test)]
mod tests;

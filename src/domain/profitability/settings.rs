//! The agency's inputs to the method, saved with the workspace: tier sets,
//! compensation and staff, process times per department, report thresholds
//! and the cost basis; and the one rule that places an account in a tier.

use super::cost::{ProcessSet, TierOverride};
use super::tiers::TierSet;
use crate::domain::book::Department;
use crate::domain::money::Cents;
use serde::{Deserialize, Serialize};

/// The agency's inputs to the method, saved with the workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfitSettings {
    /// Tier sets of departments that differ from their default.
    #[serde(default)]
    pub tier_sets: Vec<(Department, TierSet)>,
    /// Combined annual salaries and benefits of everyone, owners included.
    pub total_compensation: Cents,
    /// Number of employees, owners included.
    pub employees: u32,
    /// Process times and frequencies of every department without its own
    /// (saved as `processes` and `frequencies`, as before departments had
    /// their own).
    #[serde(flatten)]
    pub fallback: ProcessSet,
    /// Departments with process times of their own.
    #[serde(default)]
    pub process_sets: Vec<(Department, ProcessSet)>,
    #[serde(default)]
    pub overrides: Vec<TierOverride>,
    #[serde(default)]
    pub rules: ReportRules,
    #[serde(default)]
    pub cost_basis: CostBasis,
}

/// Which cost every net figure is worked out with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CostBasis {
    /// The minutes the processes account for, at the cost of a minute: the
    /// method's own figure. Time the processes do not explain costs nothing.
    #[default]
    Direct,
    /// All of the staff's compensation: the minutes the processes do not
    /// account for are spread over the accounts in proportion to their
    /// process minutes, so the cost to serve adds up to total compensation.
    Full,
}

impl CostBasis {
    pub const ALL: [CostBasis; 2] = [CostBasis::Direct, CostBasis::Full];

    /// `direct` or `full`: the `cost-basis` control's values.
    pub fn code(self) -> &'static str {
        match self {
            CostBasis::Direct => "direct",
            CostBasis::Full => "full",
        }
    }

    pub fn parse(code: &str) -> Option<CostBasis> {
        CostBasis::ALL.into_iter().find(|b| b.code() == code)
    }

    /// Shown beside every net figure: "direct cost only", "full cost".
    pub fn label(self) -> &'static str {
        match self {
            CostBasis::Direct => "direct cost only",
            CostBasis::Full => "full cost",
        }
    }
}

/// Thresholds of the deeper reports and the what-if levers, set by the agency.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportRules {
    /// Accounts below this revenue are "small" (the small-account rules apply).
    pub small_account_below: Cents,
    /// Most markets (carriers) a small account should be written with.
    pub max_markets: usize,
    /// Producer renewal commission on accounts below this revenue is questioned.
    pub producer_threshold: Cents,
    /// Producer's share of renewal commission, in percent.
    pub producer_split_pct: f64,
    /// What-if: a yearly fee added to every monoline E&S account's revenue.
    pub monoline_es_fee: Cents,
    /// What-if: the least revenue a new account should bring (0: no minimum).
    pub min_new_account: Cents,
    /// "Low net": net below this; none: below the net of the account at the
    /// edge of the book's lowest quarter.
    pub low_net_below: Option<Cents>,
    /// "High service": at least this many hands-on minutes a year; none: at
    /// least the minutes of the account at the edge of the book's top quarter.
    pub high_service_minutes: Option<f64>,
}

impl Default for ReportRules {
    fn default() -> Self {
        ReportRules {
            small_account_below: 2_500_00,
            max_markets: 4,
            producer_threshold: 1_000_00,
            producer_split_pct: 20.0,
            monoline_es_fee: 0,
            min_new_account: 0,
            low_net_below: None,
            high_service_minutes: None,
        }
    }
}

impl Default for ProfitSettings {
    /// Sample inputs, labelled as such on the page, for the agency to replace.
    fn default() -> Self {
        ProfitSettings {
            tier_sets: Vec::new(),
            total_compensation: 650_000_00,
            employees: 10,
            fallback: ProcessSet::sample_for(&Department::Cl),
            process_sets: [Department::Pl, Department::Benefits]
                .into_iter()
                .map(|d| {
                    let s = ProcessSet::sample_for(&d);
                    (d, s)
                })
                .collect(),
            overrides: Vec::new(),
            rules: ReportRules::default(),
            cost_basis: CostBasis::Direct,
        }
    }
}

impl ProfitSettings {
    /// The tier set in force for a department.
    pub fn tier_set(&self, department: &Department) -> TierSet {
        self.tier_sets
            .iter()
            .find(|(d, _)| d == department)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| TierSet::default_for(department))
    }

    /// The process times and frequencies in force for a department.
    pub fn process_set(&self, department: &Department) -> &ProcessSet {
        self.process_sets.iter().find(|(d, _)| d == department).map(|(_, s)| s).unwrap_or(&self.fallback)
    }

    /// The times shown for editing `department` (none: every department
    /// without its own).
    pub fn times_for(&self, department: Option<&Department>) -> &ProcessSet {
        department.map(|d| self.process_set(d)).unwrap_or(&self.fallback)
    }

    /// Whether a department has process times of its own.
    pub fn has_own_times(&self, department: &Department) -> bool {
        self.process_sets.iter().any(|(d, _)| d == department)
    }

    /// The times to edit for `department` (none: every department without
    /// its own). A department's first edit starts from a copy of the times it
    /// used until then, so the other departments keep theirs.
    pub fn process_set_mut(&mut self, department: Option<&Department>) -> &mut ProcessSet {
        let Some(department) = department else { return &mut self.fallback };
        let i = match self.process_sets.iter().position(|(d, _)| d == department) {
            Some(i) => i,
            None => {
                self.process_sets.push((department.clone(), self.fallback.clone()));
                self.process_sets.len() - 1
            }
        };
        &mut self.process_sets[i].1
    }

    /// Gives `department` the sample times for its kind of work.
    pub fn use_sample_times(&mut self, department: &Department) {
        *self.process_set_mut(Some(department)) = ProcessSet::sample_for(department);
    }

    /// Lets `department` use the times of every department without its own.
    pub fn share_times(&mut self, department: &Department) {
        self.process_sets.retain(|(d, _)| d != department);
    }
}

/// The revenue the method tiers and nets an account by: its commission
/// revenue, plus the what-if yearly `fee` when the account is monoline E&S.
/// The one rule behind every tier the app shows.
pub fn tiered_revenue(revenue: Cents, monoline_es: bool, fee: Cents) -> Cents {
    if monoline_es { revenue + fee } else { revenue }
}

/// Labels accounts' revenue tiers the way the Profitability page arrays
/// them ([`tiered_revenue`] in the department's tier set), with each
/// department's tier set taken once: the board labels thousands.
///
/// ```
/// use agency_desk::domain::book::Department;
/// use agency_desk::domain::profitability::analysis::{ProfitSettings, TierLabeller};
/// let mut settings = ProfitSettings::default();
/// settings.rules.monoline_es_fee = 300_00;
/// let tiers = TierLabeller::new(&settings);
/// // $400 of commission is under $500, unless the $300 E&S fee applies.
/// assert_eq!(tiers.label(&Department::Cl, 400_00, false), "Under $500");
/// assert_eq!(tiers.label(&Department::Cl, 400_00, true), "$500 – $999");
/// ```
#[derive(Clone, Debug)]
pub struct TierLabeller {
    /// Each department's tier set with its tiers' labels, written once
    /// ([`TierSet::label`] formats money, which thousands of calls feel).
    sets: Vec<(Department, TierSet, Vec<String>)>,
    fee: Cents,
}

impl TierLabeller {
    pub fn new(settings: &ProfitSettings) -> TierLabeller {
        let mut sets = settings.tier_sets.clone();
        for d in Department::standard() {
            if !sets.iter().any(|(x, _)| *x == d) {
                let set = TierSet::default_for(&d);
                sets.push((d, set));
            }
        }
        let sets = sets
            .into_iter()
            .map(|(d, set)| {
                let labels = (0..set.len()).map(|i| set.label(i)).collect();
                (d, set, labels)
            })
            .collect();
        TierLabeller { sets, fee: settings.rules.monoline_es_fee }
    }

    /// The tier label of an account of `department` with `revenue`;
    /// `monoline_es`: its one live policy is written excess & surplus.
    pub fn label(&self, department: &Department, revenue: Cents, monoline_es: bool) -> String {
        let revenue = tiered_revenue(revenue, monoline_es, self.fee);
        match self.sets.iter().find(|(d, _, _)| d == department) {
            Some((_, set, labels)) => labels[set.tier_of(revenue)].clone(),
            None => {
                let set = TierSet::default_for(department);
                set.label(set.tier_of(revenue))
            }
        }
    }
}

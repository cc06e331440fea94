//! Everything the Profitability page shows, computed in one place from the
//! book and the agency's profitability settings.

use super::concentration::{Concentration, concentration};
use super::cost::{CostModel, MinuteCost, ProcessSet, TierOverride, WORKING_MINUTES, cost_of_a_minute};
use super::tiers::{AccountFigures, TierRow, TierSet, account_figures, percent, tier_table};
use crate::domain::book::{Book, Department};
use crate::domain::csv_safe::SafeWriter;
use crate::domain::money::{Cents, format_plain};
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

    /// The label of the tier an account of `department` with `revenue`
    /// falls in ("Under $500"), for an account that is not monoline E&S.
    pub fn tier_label(&self, department: &Department, revenue: Cents) -> String {
        TierLabeller::new(self).label(department, revenue, false)
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
    sets: Vec<(Department, TierSet)>,
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
        TierLabeller { sets, fee: settings.rules.monoline_es_fee }
    }

    /// The tier label of an account of `department` with `revenue`;
    /// `monoline_es`: its one live policy is written excess & surplus.
    pub fn label(&self, department: &Department, revenue: Cents, monoline_es: bool) -> String {
        let revenue = tiered_revenue(revenue, monoline_es, self.fee);
        match self.sets.iter().find(|(d, _)| d == department) {
            Some((_, set)) => set.label(set.tier_of(revenue)),
            None => {
                let set = TierSet::default_for(department);
                set.label(set.tier_of(revenue))
            }
        }
    }
}

/// One account's revenue, tier, cost to serve and net.
#[derive(Clone, Debug, PartialEq)]
pub struct AccountNet {
    pub account: AccountFigures,
    pub tier: usize,
    /// Hands-on minutes a year.
    pub minutes: f64,
    pub cost: Cents,
    pub net: Cents,
}

/// Net figures of one tier.
#[derive(Clone, Debug, PartialEq)]
pub struct NetRow {
    pub tier: usize,
    pub label: String,
    pub clients: usize,
    pub revenue: Cents,
    pub cost: Cents,
    pub net: Cents,
    /// Accounts in the tier whose cost exceeds their revenue.
    pub losing: usize,
}

/// A department's analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct DepartmentAnalysis {
    pub department: Department,
    pub tiers: TierSet,
    pub tier_rows: Vec<TierRow>,
    pub concentration: Concentration,
    pub net_rows: Vec<NetRow>,
    pub revenue: Cents,
    pub cost: Cents,
    pub net: Cents,
}

/// How much of the staff's time the processes account for.
#[derive(Clone, Debug, PartialEq)]
pub struct Capacity {
    /// Minutes the staff work in a year: employees × 100,000.
    pub available: f64,
    /// Yearly process minutes of every account.
    pub accounted: f64,
    /// Process minutes per department, in the analysis's order.
    pub by_department: Vec<(Department, f64)>,
}

impl Capacity {
    /// Accounted minutes as a percent of available minutes.
    pub fn share(&self) -> f64 {
        percent(self.accounted, self.available)
    }

    /// Minutes the processes do not explain (negative: they claim more time
    /// than the staff has).
    pub fn unaccounted(&self) -> f64 {
        self.available - self.accounted
    }
}

/// The thresholds of the "low net, high service" report as applied, with
/// the book's figures they are compared to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Limits {
    pub low_net_below: Cents,
    /// Whether `low_net_below` was set from the book (its lowest quarter).
    pub low_net_from_book: bool,
    pub high_service_minutes: f64,
    /// Whether `high_service_minutes` was set from the book (its top quarter).
    pub high_service_from_book: bool,
    /// Yearly minutes and net of the median account.
    pub median_minutes: f64,
    pub median_net: Cents,
}

/// Why a department's accounts lose money, from the figures that decide it.
#[derive(Clone, Debug, PartialEq)]
pub struct LosingRow {
    pub department: Department,
    pub accounts: usize,
    pub losing: usize,
    /// Median commission, minutes and cost to serve of the losing accounts.
    pub typical_revenue: Cents,
    pub typical_minutes: f64,
    pub typical_cost: Cents,
    /// Median policies of the losing accounts.
    pub typical_policies: usize,
}

/// The whole analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub minute: Result<MinuteCost, String>,
    pub departments: Vec<DepartmentAnalysis>,
    /// The whole agency, arrayed in the CL tiers.
    pub agency_rows: Vec<TierRow>,
    pub accounts: Vec<AccountNet>,
    /// The cost the nets are worked out with.
    pub basis: CostBasis,
    /// Cents a process minute costs under `basis`: the cost of a minute for
    /// direct cost, total compensation ÷ process minutes for full cost.
    pub minute_rate: f64,
    /// None while the cost of a minute cannot be worked out.
    pub capacity: Option<Capacity>,
    pub limits: Limits,
}

/// Revenue, cost to serve and net of the whole agency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub revenue: Cents,
    pub cost: Cents,
    pub net: Cents,
    pub losing: usize,
}

impl Analysis {
    /// The agency's totals over every department.
    pub fn totals(&self) -> Totals {
        let revenue = self.departments.iter().map(|d| d.revenue).sum();
        let cost = self.departments.iter().map(|d| d.cost).sum();
        Totals { revenue, cost, net: revenue - cost, losing: self.losing_accounts().count() }
    }

    /// Per department with losing accounts: how many, and the typical
    /// losing account's commission, minutes and cost.
    pub fn losing_by_department(&self) -> Vec<LosingRow> {
        self.departments
            .iter()
            .filter_map(|d| {
                let all: Vec<&AccountNet> =
                    self.accounts.iter().filter(|a| a.account.department == d.department).collect();
                let losing: Vec<&AccountNet> = all.iter().copied().filter(|a| a.net < 0).collect();
                if losing.is_empty() {
                    return None;
                }
                Some(LosingRow {
                    department: d.department.clone(),
                    accounts: all.len(),
                    losing: losing.len(),
                    typical_revenue: median(losing.iter().map(|a| a.account.revenue).collect()).unwrap_or(0),
                    typical_minutes: median(losing.iter().map(|a| a.minutes).collect()).unwrap_or(0.0),
                    typical_cost: median(losing.iter().map(|a| a.cost).collect()).unwrap_or(0),
                    typical_policies: median(losing.iter().map(|a| a.account.policies as i64).collect()).unwrap_or(0)
                        as usize,
                })
            })
            .collect()
    }

    pub fn department(&self, department: &Department) -> Option<&DepartmentAnalysis> {
        self.departments.iter().find(|d| &d.department == department)
    }

    /// Accounts that cost more to serve than they bring in.
    pub fn losing_accounts(&self) -> impl Iterator<Item = &AccountNet> {
        self.accounts.iter().filter(|a| a.net < 0)
    }
}

/// Runs the method on the book. `departments` lists the agency's
/// departments in display order; departments found only on accounts follow.
pub fn analyze(book: &Book, settings: &ProfitSettings, departments: &[Department]) -> Analysis {
    analyze_figures(&account_figures(book), settings, departments)
}

/// [`analyze`] from figures already drawn from the book: a page keeps the
/// figures while only the inputs change.
pub fn analyze_figures(figures: &[AccountFigures], settings: &ProfitSettings, departments: &[Department]) -> Analysis {
    let minute = cost_of_a_minute(settings.total_compensation, settings.employees);
    let model = minute.as_ref().ok().map(|minute| CostModel {
        minute: *minute,
        fallback: settings.fallback.clone(),
        by_department: settings.process_sets.clone(),
        overrides: settings.overrides.clone(),
    });
    let mut order: Vec<Department> = departments.to_vec();
    for f in figures {
        if !order.contains(&f.department) {
            order.push(f.department.clone());
        }
    }
    let fee = settings.rules.monoline_es_fee;
    // First every account's tier and minutes, department by department; the
    // price of a minute under full cost needs all of them.
    let mut parts = Vec::with_capacity(order.len());
    for dept in order {
        let tiers = settings.tier_set(&dept);
        let members: Vec<AccountFigures> = figures
            .iter()
            .filter(|f| f.department == dept)
            .map(|f| {
                let mut f = f.clone();
                // What-if: a fee on monoline E&S accounts adds to their revenue.
                f.revenue = tiered_revenue(f.revenue, f.is_monoline_es(), fee);
                f
            })
            .collect();
        let costs = model.as_ref().map(|m| m.prepare(&dept, tiers.len()));
        let placed: Vec<(usize, f64)> = members
            .iter()
            .map(|a| {
                let tier = tiers.tier_of(a.revenue);
                (tier, costs.as_ref().map(|c| c.minutes(a, tier)).unwrap_or(0.0))
            })
            .collect();
        parts.push((dept, tiers, members, placed));
    }
    let accounted: f64 = parts.iter().flat_map(|p| p.3.iter().map(|(_, m)| m)).sum();
    let capacity = minute.as_ref().ok().map(|m| Capacity {
        available: m.employees as f64 * WORKING_MINUTES,
        accounted,
        by_department: parts.iter().map(|p| (p.0.clone(), p.3.iter().map(|(_, m)| m).sum())).collect(),
    });
    let minute_rate = match (&minute, settings.cost_basis) {
        (Ok(m), CostBasis::Full) if accounted > 0.0 => m.total_compensation as f64 / accounted,
        (Ok(m), _) => m.per_minute,
        (Err(_), _) => 0.0,
    };
    let mut all_nets = Vec::with_capacity(figures.len());
    let mut analyses = Vec::new();
    for (dept, tiers, members, placed) in parts {
        let tier_rows = tier_table(&members, &tiers);
        let concentration = concentration(&members);
        let revenue = members.iter().map(|m| m.revenue).sum();
        let nets: Vec<AccountNet> = members
            .into_iter()
            .zip(placed)
            .map(|(a, (tier, minutes))| {
                let cost = (minutes * minute_rate).round() as Cents;
                let net = a.revenue - cost;
                AccountNet { account: a, tier, minutes, cost, net }
            })
            .collect();
        let mut net_rows: Vec<NetRow> = (0..tiers.len())
            .map(|t| NetRow { tier: t, label: tiers.label(t), clients: 0, revenue: 0, cost: 0, net: 0, losing: 0 })
            .collect();
        for n in &nets {
            if let Some(row) = net_rows.get_mut(n.tier) {
                row.clients += 1;
                row.revenue += n.account.revenue;
                row.cost += n.cost;
                row.net += n.net;
                row.losing += usize::from(n.net < 0);
            }
        }
        analyses.push(DepartmentAnalysis {
            tier_rows,
            concentration,
            revenue,
            cost: nets.iter().map(|n| n.cost).sum(),
            net: nets.iter().map(|n| n.net).sum(),
            net_rows,
            department: dept,
            tiers,
        });
        all_nets.extend(nets);
    }
    let limits = limits(&all_nets, &settings.rules);
    Analysis {
        minute,
        agency_rows: tier_table(all_nets.iter().map(|n| &n.account), &TierSet::commercial_default()),
        departments: analyses,
        accounts: all_nets,
        basis: settings.cost_basis,
        minute_rate,
        capacity,
        limits,
    }
}

/// The "low net, high service" thresholds: the agency's own, or the book's
/// quartiles (net at the edge of the lowest quarter, minutes at the edge of
/// the top quarter), so the report holds the accounts that stand out in
/// this book rather than every account.
fn limits(accounts: &[AccountNet], rules: &ReportRules) -> Limits {
    let minutes: Vec<f64> = accounts.iter().map(|a| a.minutes).collect();
    let nets: Vec<Cents> = accounts.iter().map(|a| a.net).collect();
    let book_minutes = quantile(minutes.clone(), 0.75).unwrap_or(0.0);
    let book_net = quantile(nets.clone(), 0.25).unwrap_or(0);
    Limits {
        low_net_below: rules.low_net_below.unwrap_or(book_net),
        low_net_from_book: rules.low_net_below.is_none(),
        high_service_minutes: rules.high_service_minutes.unwrap_or(book_minutes),
        high_service_from_book: rules.high_service_minutes.is_none(),
        median_minutes: median(minutes).unwrap_or(0.0),
        median_net: median(nets).unwrap_or(0),
    }
}

/// The value at rank ⌈q·n⌉ of `values` in ascending order (the nearest-rank
/// quantile); none for no values. Linear time: no full sort.
fn quantile<T: Copy + PartialOrd>(mut values: Vec<T>, q: f64) -> Option<T> {
    if values.is_empty() {
        return None;
    }
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    let (_, v, _) =
        values.select_nth_unstable_by(rank - 1, |a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    Some(*v)
}

fn median<T: Copy + PartialOrd>(values: Vec<T>) -> Option<T> {
    quantile(values, 0.5)
}

/// The columns of "Export tiers (CSV)".
pub const TIERS_CSV_COLUMNS: [&str; 9] = [
    "department",
    "tier",
    "min_revenue",
    "max_revenue",
    "revenue",
    "revenue_pct",
    "clients",
    "clients_pct",
    "policies",
];

/// One row per tier per department: money in dollars with two decimals,
/// percentages with one decimal, `max_revenue` empty for the top tier and
/// `min_revenue` empty for the lowest (which has no floor).
pub fn tiers_csv(analysis: &Analysis) -> String {
    let mut w = SafeWriter::new();
    w.row(TIERS_CSV_COLUMNS);
    for d in &analysis.departments {
        for r in &d.tier_rows {
            w.row([
                d.department.code().to_string(),
                r.label.clone(),
                r.min.map(format_plain).unwrap_or_default(),
                r.max.map(|m| format_plain(m - 1)).unwrap_or_default(),
                format_plain(r.revenue),
                format!("{:.1}", r.revenue_pct),
                r.clients.to_string(),
                format!("{:.1}", r.clients_pct),
                r.policies.to_string(),
            ]);
        }
    }
    w.into_string()
}

/// Share of a department's revenue, for the dashboard.
pub fn share_of(part: Cents, whole: Cents) -> f64 {
    percent(part as f64, whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{Account, Policy};

    fn book() -> Book {
        let mut b = Book::default();
        for (id, dept, commissions) in [
            ("big", Department::Cl, vec![1_000_000, 200_000]),
            ("mid", Department::Cl, vec![300_000]),
            ("tiny", Department::Cl, vec![20_000]),
            ("home", Department::Pl, vec![15_000, 5_000]),
        ] {
            b.accounts.push(Account::new(id, id, dept));
            for (i, c) in commissions.into_iter().enumerate() {
                let mut p = Policy::new(&format!("{id}{i}"), id);
                p.commission = c;
                b.policies.push(p);
            }
        }
        b
    }

    fn settings() -> ProfitSettings {
        use super::super::cost::{Basis, Frequency, Process, Step};
        use crate::domain::activity::ProcessKind;
        ProfitSettings {
            tier_sets: Vec::new(),
            total_compensation: 600_000_00,
            employees: 10, // 60 cents a minute
            fallback: ProcessSet {
                processes: vec![Process {
                    kind: ProcessKind::Renewal,
                    steps: vec![Step { name: "all".into(), minutes: 500.0 }],
                }], // $300
                frequencies: vec![Frequency { kind: ProcessKind::Renewal, basis: Basis::PerPolicy, per_year: 1.0 }],
            },
            process_sets: Vec::new(),
            overrides: Vec::new(),
            rules: ReportRules::default(),
            cost_basis: CostBasis::Direct,
        }
    }

    #[test]
    fn hand_worked_nets() {
        let a = analyze(&book(), &settings(), &Department::standard());
        assert_eq!(a.departments.len(), 3);
        let cl = a.department(&Department::Cl).unwrap();
        assert_eq!(cl.revenue, 1_520_000);
        // big: $12,000 − 2 × $300; mid: $3,000 − $300; tiny: $200 − $300.
        let net = |id: &str| a.accounts.iter().find(|n| &*n.account.id == id).unwrap().net;
        assert_eq!(net("big"), 1_200_000 - 60_000);
        assert_eq!(net("mid"), 300_000 - 30_000);
        assert_eq!(net("tiny"), 20_000 - 30_000);
        assert_eq!(a.losing_accounts().count(), 2, "tiny CL and the PL home account lose money");
        let lowest = cl.net_rows.last().unwrap();
        assert_eq!((lowest.clients, lowest.net, lowest.losing), (1, -10_000, 1));
        assert_eq!(cl.net, cl.revenue - cl.cost);
        // Benefits has no accounts: every row empty, nothing divided by zero.
        let ben = a.department(&Department::Benefits).unwrap();
        assert!(ben.tier_rows.iter().all(|r| r.clients == 0));
        assert_eq!(ben.concentration.accounts_for_half, None);
        // PL uses its own tiers: $200 is in "$100 – $249".
        let pl = a.department(&Department::Pl).unwrap();
        assert_eq!(pl.tier_rows[4].clients, 1);
    }

    #[test]
    fn tiers_csv_has_the_published_columns() {
        let a = analyze(&book(), &settings(), &[Department::Cl]);
        let text = tiers_csv(&a);
        let mut lines = text.lines();
        assert_eq!(
            lines.next(),
            Some("department,tier,min_revenue,max_revenue,revenue,revenue_pct,clients,clients_pct,policies")
        );
        assert_eq!(lines.next(), Some("CL,\"$10,000 and over\",10000.00,,12000.00,78.9,1,33.3,2"));
        assert_eq!(lines.next(), Some("CL,\"$5,000 – $9,999\",5000.00,9999.99,0.00,0.0,0,0.0,0"));
        let last_cl = text.lines().rfind(|l| l.starts_with("CL,")).unwrap();
        assert_eq!(last_cl, "CL,Under $500,,499.99,200.00,1.3,1,33.3,1");
        // PL follows CL (it has accounts although not listed).
        assert!(text.lines().any(|l| l.starts_with("PL,")));
    }

    #[test]
    fn a_bad_minute_input_costs_nothing_and_says_why() {
        let mut s = settings();
        s.employees = 0;
        let a = analyze(&book(), &s, &[]);
        assert!(a.minute.is_err());
        assert!(a.accounts.iter().all(|n| n.cost == 0));
    }

    #[test]
    fn formulas_in_department_names_are_written_as_text_and_negative_money_as_numbers() {
        use crate::domain::csv_safe::HOSTILE;
        let mut b = Book::default();
        for (i, name) in HOSTILE.iter().enumerate() {
            b.accounts.push(Account::new(
                &format!("a{i}"),
                &format!("Client {i}"),
                Department::Custom(name.to_string()),
            ));
            let mut p = Policy::new(&format!("p{i}"), &format!("a{i}"));
            p.commission = -14_500;
            b.policies.push(p);
        }
        let a = analyze(&b, &settings(), &[]);
        let text = tiers_csv(&a);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(!rows.is_empty());
        for row in &rows {
            assert!(row[0].starts_with('\'') && HOSTILE.contains(&&row[0][1..]), "{:?}", &row[0]);
        }
        // Each department's lowest tier holds its one account, at -$145.00.
        let lowest: Vec<&csv::StringRecord> = rows.iter().filter(|r| r[2].is_empty()).collect();
        assert_eq!(lowest.len(), HOSTILE.len());
        for row in lowest {
            assert_eq!((&row[4], &row[6]), ("-145.00", "1"), "{row:?}");
        }
    }
}

#[cfg(test)]
mod owner_tests {
    //! The figures an owner checks first: each department costed with its
    //! own times, how much of the staff's time that explains, and full cost.
    use super::*;
    use crate::domain::activity::ProcessKind;
    use crate::domain::book::{Account, Policy};
    use crate::domain::profitability::cost::{Basis, Frequency, Process, Step};

    fn one_process(minutes: f64) -> ProcessSet {
        ProcessSet {
            processes: vec![Process { kind: ProcessKind::Renewal, steps: vec![Step { name: "all".into(), minutes }] }],
            frequencies: vec![Frequency { kind: ProcessKind::Renewal, basis: Basis::PerPolicy, per_year: 1.0 }],
        }
    }

    /// Two CL accounts and three PL accounts, one policy each except "shop" (3).
    fn book() -> Book {
        let mut b = Book::default();
        for (id, dept, policies, commission) in [
            ("shop", Department::Cl, 3, 300_000),
            ("office", Department::Cl, 1, 100_000),
            ("home", Department::Pl, 1, 20_000),
            ("auto", Department::Pl, 1, 8_000),
            ("boat", Department::Pl, 1, 2_000),
        ] {
            b.accounts.push(Account::new(id, id, dept));
            for i in 0..policies {
                let mut p = Policy::new(&format!("{id}{i}"), id);
                p.commission = commission / policies as i64;
                b.policies.push(p);
            }
        }
        b
    }

    /// $100,000 among 2 people: 50 cents a minute, 200,000 minutes available.
    /// CL renewals take 200 minutes, PL renewals 40.
    fn settings() -> ProfitSettings {
        ProfitSettings {
            total_compensation: 100_000_00,
            employees: 2,
            fallback: one_process(200.0),
            process_sets: vec![(Department::Pl, one_process(40.0))],
            ..ProfitSettings::default()
        }
    }

    fn account<'a>(a: &'a Analysis, id: &str) -> &'a AccountNet {
        a.accounts.iter().find(|n| &*n.account.id == id).unwrap()
    }

    #[test]
    fn each_department_is_costed_with_its_own_times() {
        let a = analyze(&book(), &settings(), &Department::standard());
        // shop: 3 × 200 minutes × 50¢ = $300; home: 40 × 50¢ = $20.
        assert_eq!((account(&a, "shop").minutes, account(&a, "shop").cost), (600.0, 300_00));
        assert_eq!((account(&a, "home").minutes, account(&a, "home").cost), (40.0, 20_00));
        assert_eq!(account(&a, "boat").net, 20_00 - 20_00);
        // Sharing the times again costs PL like CL ($100 a policy): auto and boat lose money.
        let mut shared = settings();
        shared.share_times(&Department::Pl);
        let b = analyze(&book(), &shared, &Department::standard());
        assert_eq!(account(&b, "home").cost, 100_00);
        assert_eq!(b.losing_accounts().count(), 2);
        assert_eq!(a.losing_accounts().count(), 0);
    }

    #[test]
    fn editing_a_department_copies_the_times_it_used() {
        let mut s = settings();
        assert!(!s.has_own_times(&Department::Benefits));
        s.process_set_mut(Some(&Department::Benefits)).processes[0].steps[0].minutes = 90.0;
        assert!(s.has_own_times(&Department::Benefits));
        assert_eq!(s.process_set(&Department::Benefits).run_minutes(ProcessKind::Renewal), 90.0);
        // The others keep theirs.
        assert_eq!(s.process_set(&Department::Cl).run_minutes(ProcessKind::Renewal), 200.0);
        assert_eq!(s.process_set(&Department::Pl).run_minutes(ProcessKind::Renewal), 40.0);
        s.use_sample_times(&Department::Pl);
        assert_eq!(s.process_set(&Department::Pl), &ProcessSet::sample_for(&Department::Pl));
        // Editing "every other department" changes CL (which has none of its own).
        s.process_set_mut(None).processes[0].steps[0].minutes = 150.0;
        assert_eq!(s.process_set(&Department::Cl).run_minutes(ProcessKind::Renewal), 150.0);
    }

    #[test]
    fn capacity_counts_process_minutes_against_the_staffs_minutes() {
        let a = analyze(&book(), &settings(), &Department::standard());
        let c = a.capacity.as_ref().unwrap();
        assert_eq!(c.available, 200_000.0);
        // CL: 4 policies × 200; PL: 3 × 40.
        assert_eq!(
            c.by_department,
            vec![(Department::Cl, 800.0), (Department::Pl, 120.0), (Department::Benefits, 0.0)]
        );
        assert_eq!(c.accounted, 920.0);
        assert!((c.share() - 0.46).abs() < 1e-9);
        assert_eq!(c.unaccounted(), 199_080.0);
        let mut broken = settings();
        broken.employees = 0;
        assert!(analyze(&book(), &broken, &[]).capacity.is_none());
    }

    #[test]
    fn full_cost_spreads_all_compensation_by_process_minutes() {
        let mut s = settings();
        s.cost_basis = CostBasis::Full;
        let a = analyze(&book(), &s, &Department::standard());
        assert_eq!(a.basis, CostBasis::Full);
        let total: Cents = a.accounts.iter().map(|n| n.cost).sum();
        // Every cent of compensation is a cost to serve (each account's cost
        // is rounded to the cent, so the sum is within a cent per account).
        assert!((total - s.total_compensation).abs() <= a.accounts.len() as i64, "{total}");
        assert_eq!(a.totals().cost, total);
        // In proportion to minutes: shop has 600 of the 920 minutes.
        let shop = account(&a, "shop").cost as f64;
        assert!((shop - 100_000_00.0 * 600.0 / 920.0).abs() < 1.0, "{shop}");
        assert!((a.minute_rate - 100_000_00.0 / 920.0).abs() < 1e-6);
        // Direct cost is the method's figure: minutes × the cost of a minute.
        let d = analyze(&book(), &settings(), &Department::standard());
        assert_eq!(d.minute_rate, 50.0);
        assert_eq!(d.totals().cost, 920 * 50);
        // Nothing to spread over when no account takes a minute.
        let mut idle = s.clone();
        idle.fallback.frequencies.clear();
        idle.process_sets.clear();
        let i = analyze(&book(), &idle, &[]);
        assert!(i.accounts.iter().all(|n| n.cost == 0));
    }

    #[test]
    fn thresholds_default_to_the_books_quartiles() {
        let a = analyze(&book(), &settings(), &Department::standard());
        let l = &a.limits;
        // Minutes, ascending: 40 40 40 200 600: the top quarter starts at rank ⌈0.75 × 5⌉ = 4.
        assert!(l.high_service_from_book && l.low_net_from_book);
        assert_eq!(l.high_service_minutes, 200.0);
        assert_eq!(l.median_minutes, 40.0);
        // Nets, ascending: boat 0, auto $60, home $180, office $900, shop $2,700: rank ⌈1.25⌉ = 2.
        assert_eq!(l.low_net_below, 60_00);
        assert_eq!(l.median_net, 180_00);
        // The agency's own figures win.
        let mut s = settings();
        s.rules.low_net_below = Some(1_000_00);
        s.rules.high_service_minutes = Some(100.0);
        let b = analyze(&book(), &s, &[]);
        assert_eq!((b.limits.low_net_below, b.limits.high_service_minutes), (1_000_00, 100.0));
        assert!(!b.limits.low_net_from_book && !b.limits.high_service_from_book);
        let empty = analyze(&Book::default(), &settings(), &[]).limits;
        assert_eq!(empty, Limits { low_net_from_book: true, high_service_from_book: true, ..Limits::default() });
    }

    #[test]
    fn losing_accounts_are_explained_by_department() {
        let mut s = settings();
        s.share_times(&Department::Pl);
        let a = analyze(&book(), &s, &Department::standard());
        let rows = a.losing_by_department();
        assert_eq!(rows.len(), 1, "only PL loses money");
        let pl = &rows[0];
        assert_eq!((pl.department.clone(), pl.accounts, pl.losing), (Department::Pl, 3, 2));
        // Of auto ($80) and boat ($20), the median by nearest rank is the lower:
        // $20 of commission against 200 minutes ($100).
        assert_eq!(
            (pl.typical_revenue, pl.typical_minutes, pl.typical_cost, pl.typical_policies),
            (20_00, 200.0, 100_00, 1)
        );
    }

    #[test]
    fn settings_saved_before_departments_had_their_own_times_still_load() {
        // The shape an earlier version saved: one set of times, fixed thresholds.
        let mut old = serde_json::to_value(ProfitSettings { process_sets: Vec::new(), ..settings() }).unwrap();
        let obj = old.as_object_mut().unwrap();
        obj.remove("process_sets");
        obj.remove("cost_basis");
        obj.insert("rules".into(), serde_json::json!({ "low_net_below": 25000, "high_service_minutes": 300.0 }));
        assert!(obj.contains_key("processes") && obj.contains_key("frequencies"));
        let back: ProfitSettings = serde_json::from_value(old).unwrap();
        assert!(back.process_sets.is_empty(), "every department keeps the times the agency measured");
        assert_eq!(back.process_set(&Department::Pl).run_minutes(ProcessKind::Renewal), 200.0);
        assert_eq!(back.cost_basis, CostBasis::Direct);
        assert_eq!((back.rules.low_net_below, back.rules.high_service_minutes), (Some(250_00), Some(300.0)));
        // And today's settings round-trip.
        let s = ProfitSettings::default();
        assert_eq!(serde_json::from_str::<ProfitSettings>(&serde_json::to_string(&s).unwrap()).unwrap(), s);
    }
}

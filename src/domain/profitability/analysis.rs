//! Everything the Profitability page shows, computed in one place from the
//! book and the agency's profitability settings.

use super::concentration::{concentration, Concentration};
use super::cost::{cost_of_a_minute, sample_frequencies, sample_processes, CostModel, Frequency, MinuteCost, Process, TierOverride};
use super::tiers::{account_figures, percent, tier_table, AccountFigures, TierRow, TierSet};
use crate::domain::book::{Book, Department};
use crate::domain::csv_safe::SafeWriter;
use crate::domain::money::{format_plain, Cents};
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
    pub processes: Vec<Process>,
    pub frequencies: Vec<Frequency>,
    #[serde(default)]
    pub overrides: Vec<TierOverride>,
    #[serde(default)]
    pub rules: ReportRules,
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
    /// "Low net": net below this.
    pub low_net_below: Cents,
    /// "High service": at least this many hands-on minutes a year.
    pub high_service_minutes: f64,
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
            low_net_below: 250_00,
            high_service_minutes: 300.0,
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
            processes: sample_processes(),
            frequencies: sample_frequencies(),
            overrides: Vec::new(),
            rules: ReportRules::default(),
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

    /// The label of the tier an account of `department` with `revenue`
    /// falls in ("Under $500").
    pub fn tier_label(&self, department: &Department, revenue: Cents) -> String {
        let set = self.tier_set(department);
        set.label(set.tier_of(revenue))
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

/// The whole analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    pub minute: Result<MinuteCost, String>,
    pub departments: Vec<DepartmentAnalysis>,
    /// The whole agency, arrayed in the CL tiers.
    pub agency_rows: Vec<TierRow>,
    pub accounts: Vec<AccountNet>,
}

impl Analysis {
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
        processes: settings.processes.clone(),
        frequencies: settings.frequencies.clone(),
        overrides: settings.overrides.clone(),
    });
    let mut order: Vec<Department> = departments.to_vec();
    for f in figures {
        if !order.contains(&f.department) {
            order.push(f.department.clone());
        }
    }
    let fee = settings.rules.monoline_es_fee;
    let mut all_nets = Vec::with_capacity(figures.len());
    let mut analyses = Vec::new();
    for dept in order {
        let tiers = settings.tier_set(&dept);
        let members: Vec<AccountFigures> = figures
            .iter()
            .filter(|f| f.department == dept)
            .map(|f| {
                let mut f = f.clone();
                // What-if: a fee on monoline E&S accounts adds to their revenue.
                if fee != 0 && f.is_monoline() && f.has_es {
                    f.revenue += fee;
                }
                f
            })
            .collect();
        let tier_rows = tier_table(&members, &tiers);
        let concentration = concentration(&members);
        let revenue = members.iter().map(|m| m.revenue).sum();
        let costs = model.as_ref().map(|m| m.prepare(&dept, tiers.len()));
        let nets: Vec<AccountNet> = members
            .into_iter()
            .map(|a| {
                let tier = tiers.tier_of(a.revenue);
                let (minutes, cost) = costs.as_ref().map(|c| c.minutes_and_cost(&a, tier)).unwrap_or((0.0, 0));
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
    Analysis {
        minute,
        agency_rows: tier_table(all_nets.iter().map(|n| &n.account), &TierSet::commercial_default()),
        departments: analyses,
        accounts: all_nets,
    }
}

/// The columns of "Export tiers (CSV)".
pub const TIERS_CSV_COLUMNS: [&str; 9] =
    ["department", "tier", "min_revenue", "max_revenue", "revenue", "revenue_pct", "clients", "clients_pct", "policies"];

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
        use super::super::cost::{Basis, ProcessKind, Step};
        ProfitSettings {
            tier_sets: Vec::new(),
            total_compensation: 600_000_00,
            employees: 10, // 60 cents a minute
            processes: vec![Process { kind: ProcessKind::Renewal, steps: vec![Step { name: "all".into(), minutes: 500.0 }] }], // $300
            frequencies: vec![Frequency { kind: ProcessKind::Renewal, basis: Basis::PerPolicy, per_year: 1.0 }],
            overrides: Vec::new(),
            rules: ReportRules::default(),
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
        assert_eq!(lines.next(), Some("department,tier,min_revenue,max_revenue,revenue,revenue_pct,clients,clients_pct,policies"));
        assert_eq!(lines.next(), Some("CL,\"$10,000 and over\",10000.00,,12000.00,78.9,1,33.3,2"));
        assert_eq!(lines.next(), Some("CL,\"$5,000 – $9,999\",5000.00,9999.99,0.00,0.0,0,0.0,0"));
        let last_cl = text.lines().filter(|l| l.starts_with("CL,")).last().unwrap();
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
            b.accounts.push(Account::new(&format!("a{i}"), &format!("Client {i}"), Department::Custom(name.to_string())));
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

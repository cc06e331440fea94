//! Everything the Profitability page shows, computed in one place from the
//! book and the agency's profitability settings.

use super::concentration::{Concentration, concentration};
use super::cost::{CostModel, MinuteCost, PreparedCosts, WORKING_MINUTES, cost_of_a_minute};
use super::tiers::{AccountFigures, TierRow, TierSet, account_figures, percent, tier_table};
use crate::domain::book::{Book, Department};
use crate::domain::csv_safe::SafeWriter;
use crate::domain::money::{Cents, format_plain};

pub use super::settings::{CostBasis, ProfitSettings, ReportRules, TierLabeller, tiered_revenue};

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

impl DepartmentAnalysis {
    /// Whether any account of the book is in the department: the page, its
    /// print report and the dashboard show only those.
    pub fn has_accounts(&self) -> bool {
        self.concentration.accounts > 0
    }
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
                    typical_revenue: median(&mut losing.iter().map(|a| a.account.revenue).collect::<Vec<_>>())
                        .unwrap_or(0),
                    typical_minutes: median(&mut losing.iter().map(|a| a.minutes).collect::<Vec<_>>()).unwrap_or(0.0),
                    typical_cost: median(&mut losing.iter().map(|a| a.cost).collect::<Vec<_>>()).unwrap_or(0),
                    typical_policies: median(&mut losing.iter().map(|a| a.account.policies as i64).collect::<Vec<_>>())
                        .unwrap_or(0) as usize,
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

    /// The losing accounts, the largest loss first (equal losses in the
    /// accounts' order).
    pub fn largest_losses(&self) -> Vec<&AccountNet> {
        let mut losing: Vec<&AccountNet> = self.losing_accounts().collect();
        losing.sort_by_key(|n| n.net);
        losing
    }

    /// The departments with accounts ([`DepartmentAnalysis::has_accounts`]), in display order.
    pub fn departments_with_accounts(&self) -> impl Iterator<Item = &DepartmentAnalysis> {
        self.departments.iter().filter(|d| d.has_accounts())
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
    AnalysisWork::new(figures, settings, departments).finish()
}

/// [`analyze_figures`] worked out a slice at a time, so a page can let the
/// browser draw between slices: every account is placed in its
/// department's tier with its minutes, then each department's tables and
/// nets are worked out, then the agency's.
///
/// ```
/// use agency_desk::domain::book::Department;
/// use agency_desk::domain::profitability::analysis::{AnalysisWork, ProfitSettings};
/// let settings = ProfitSettings::default();
/// let mut work = AnalysisWork::new(&[], &settings, &[Department::Cl]);
/// while !work.step(500) {}
/// assert!(!work.finish().departments[0].has_accounts());
/// ```
pub struct AnalysisWork<'a> {
    figures: &'a [AccountFigures],
    settings: &'a ProfitSettings,
    minute: Result<MinuteCost, String>,
    model: Option<CostModel>,
    /// One per department: the agency's in display order, then those
    /// found only on accounts, as they are met.
    parts: Vec<Part>,
    /// How many figures are placed, then how many departments are done.
    placed: usize,
    done: usize,
    /// Worked out once every account is placed.
    rates: Option<(f64, Option<Capacity>)>,
    nets: Vec<AccountNet>,
    analyses: Vec<DepartmentAnalysis>,
}

/// A department's accounts (revenue with the what-if fee) and, for each,
/// its tier and yearly minutes.
struct Part {
    department: Department,
    tiers: TierSet,
    costs: Option<PreparedCosts>,
    members: Vec<AccountFigures>,
    placed: Vec<(usize, f64)>,
}

impl<'a> AnalysisWork<'a> {
    pub fn new(figures: &'a [AccountFigures], settings: &'a ProfitSettings, departments: &[Department]) -> Self {
        let minute = cost_of_a_minute(settings.total_compensation, settings.employees);
        let model = minute.as_ref().ok().map(|minute| CostModel {
            minute: *minute,
            fallback: settings.fallback.clone(),
            by_department: settings.process_sets.clone(),
            overrides: settings.overrides.clone(),
        });
        let mut work = AnalysisWork {
            figures,
            settings,
            minute,
            model,
            parts: Vec::new(),
            placed: 0,
            done: 0,
            rates: None,
            nets: Vec::with_capacity(figures.len()),
            analyses: Vec::new(),
        };
        for d in departments {
            if !work.parts.iter().any(|p| &p.department == d) {
                work.add_part(d.clone());
            }
        }
        work
    }

    fn add_part(&mut self, department: Department) -> usize {
        let tiers = self.settings.tier_set(&department);
        let costs = self.model.as_ref().map(|m| m.prepare(&department, tiers.len()));
        self.parts.push(Part { department, tiers, costs, members: Vec::new(), placed: Vec::new() });
        self.parts.len() - 1
    }

    /// Does up to `budget` more units of work (an account placed, a
    /// department's accounts worked out); true once only the agency's
    /// figures ([`AnalysisWork::finish`]) are left.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut budget = budget;
        let fee = self.settings.rules.monoline_es_fee;
        let end = self.placed.saturating_add(budget).min(self.figures.len());
        let mut part = 0;
        for f in &self.figures[self.placed..end] {
            // Accounts come in runs of one department more often than not.
            if self.parts.get(part).is_none_or(|p| p.department != f.department) {
                part = match self.parts.iter().position(|p| p.department == f.department) {
                    Some(i) => i,
                    None => self.add_part(f.department.clone()),
                };
            }
            let mut member = f.clone();
            // What-if: a fee on monoline E&S accounts adds to their revenue.
            member.revenue = tiered_revenue(f.revenue, f.is_monoline_es(), fee);
            let p = &mut self.parts[part];
            let tier = p.tiers.tier_of(member.revenue);
            let minutes = p.costs.as_ref().map(|c| c.minutes(&member, tier)).unwrap_or(0.0);
            p.members.push(member);
            p.placed.push((tier, minutes));
        }
        budget -= end - self.placed;
        self.placed = end;
        if self.placed < self.figures.len() {
            return false;
        }
        let (minute_rate, _) =
            *self.rates.get_or_insert_with(|| rates(&self.minute, self.settings.cost_basis, &self.parts));
        while self.done < self.parts.len() && (budget > 0 || self.parts[self.done].members.is_empty()) {
            let part = &mut self.parts[self.done];
            budget = budget.saturating_sub(part.members.len().max(1));
            let (analysis, nets) = department(part, minute_rate);
            self.analyses.push(analysis);
            self.nets.extend(nets);
            self.done += 1;
        }
        self.done == self.parts.len()
    }

    /// The analysis, with whatever [`AnalysisWork::step`] left undone done first.
    pub fn finish(mut self) -> Analysis {
        while !self.step(usize::MAX) {}
        let (minute_rate, capacity) = self.rates.take().unwrap_or((0.0, None));
        let limits = limits(&self.nets, &self.settings.rules);
        Analysis {
            minute: self.minute,
            agency_rows: tier_table(self.nets.iter().map(|n| &n.account), &TierSet::commercial_default()),
            departments: self.analyses,
            accounts: self.nets,
            basis: self.settings.cost_basis,
            minute_rate,
            capacity,
            limits,
        }
    }
}

/// The price of a process minute under `basis` and the staff's capacity,
/// once every account's minutes are known (full cost spreads the pay over
/// all of them).
fn rates(minute: &Result<MinuteCost, String>, basis: CostBasis, parts: &[Part]) -> (f64, Option<Capacity>) {
    let accounted: f64 = parts.iter().flat_map(|p| p.placed.iter().map(|(_, m)| m)).sum();
    let capacity = minute.as_ref().ok().map(|m| Capacity {
        available: m.employees as f64 * WORKING_MINUTES,
        accounted,
        by_department: parts.iter().map(|p| (p.department.clone(), p.placed.iter().map(|(_, m)| m).sum())).collect(),
    });
    let minute_rate = match (minute, basis) {
        (Ok(m), CostBasis::Full) if accounted > 0.0 => m.total_compensation as f64 / accounted,
        (Ok(m), _) => m.per_minute,
        (Err(_), _) => 0.0,
    };
    (minute_rate, capacity)
}

/// A department's tables, and its accounts' nets (taken out of `part`).
fn department(part: &mut Part, minute_rate: f64) -> (DepartmentAnalysis, Vec<AccountNet>) {
    let members = std::mem::take(&mut part.members);
    let placed = std::mem::take(&mut part.placed);
    let tiers = &part.tiers;
    let tier_rows = tier_table(&members, tiers);
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
    let analysis = DepartmentAnalysis {
        tier_rows,
        concentration,
        revenue,
        cost: nets.iter().map(|n| n.cost).sum(),
        net: nets.iter().map(|n| n.net).sum(),
        net_rows,
        department: part.department.clone(),
        tiers: tiers.clone(),
    };
    (analysis, nets)
}

/// The "low net, high service" thresholds: the agency's own, or the book's
/// quartiles (net at the edge of the lowest quarter, minutes at the edge of
/// the top quarter), so the report holds the accounts that stand out in
/// this book rather than every account.
fn limits(accounts: &[AccountNet], rules: &ReportRules) -> Limits {
    // One copy of each figure, selected in place for each quantile.
    let mut minutes: Vec<f64> = accounts.iter().map(|a| a.minutes).collect();
    let mut nets: Vec<Cents> = accounts.iter().map(|a| a.net).collect();
    let book_minutes = quantile(&mut minutes, 0.75).unwrap_or(0.0);
    let book_net = quantile(&mut nets, 0.25).unwrap_or(0);
    Limits {
        low_net_below: rules.low_net_below.unwrap_or(book_net),
        low_net_from_book: rules.low_net_below.is_none(),
        high_service_minutes: rules.high_service_minutes.unwrap_or(book_minutes),
        high_service_from_book: rules.high_service_minutes.is_none(),
        median_minutes: median(&mut minutes).unwrap_or(0.0),
        median_net: median(&mut nets).unwrap_or(0),
    }
}

/// The value at rank ⌈q·n⌉ of `values` in ascending order (the nearest-rank
/// quantile); none for no values. Linear time: no full sort; `values` is
/// left reordered.
fn quantile<T: Copy + PartialOrd>(values: &mut [T], q: f64) -> Option<T> {
    if values.is_empty() {
        return None;
    }
    let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
    let (_, v, _) =
        values.select_nth_unstable_by(rank - 1, |a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    Some(*v)
}

fn median<T: Copy + PartialOrd>(values: &mut [T]) -> Option<T> {
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
mod owner_tests;
#[cfg(test)]
mod tests;

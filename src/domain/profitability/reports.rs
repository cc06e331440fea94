//! The method's deeper reports (its step 4 and operational notes), each a
//! list of accounts that can be exported.

use super::analysis::{AccountNet, Analysis, Limits, ReportRules};
use crate::domain::book::Department;
use crate::domain::csv_safe::SafeWriter;
use crate::domain::money::{Cents, format_money, format_plain};

/// A report: a title, why it matters, and its accounts. Rows hold
/// positions in [`Analysis::accounts`], lowest net first; each row's note
/// comes from [`note`] when it is shown or exported.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub kind: ReportKind,
    pub rows: Vec<usize>,
}

/// The deeper reports, in the order the page lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportKind {
    Monoline,
    MonolineEs,
    SmallExceptions,
    LowNetHighService,
    ProducerCommission,
    AllAccounts,
    BelowMinimum,
}

impl ReportKind {
    pub const ALL: [ReportKind; 7] = [
        ReportKind::Monoline,
        ReportKind::MonolineEs,
        ReportKind::SmallExceptions,
        ReportKind::LowNetHighService,
        ReportKind::ProducerCommission,
        ReportKind::AllAccounts,
        ReportKind::BelowMinimum,
    ];

    /// The report's `data-report` value and export file name part.
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Monoline => "monoline",
            ReportKind::MonolineEs => "monoline-es",
            ReportKind::SmallExceptions => "small-exceptions",
            ReportKind::LowNetHighService => "low-net-high-service",
            ReportKind::ProducerCommission => "producer-commission",
            ReportKind::AllAccounts => "all-accounts",
            ReportKind::BelowMinimum => "below-minimum",
        }
    }

    /// Its position in [`ReportKind::ALL`].
    pub fn index(self) -> usize {
        ReportKind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    /// Title and "why it matters".
    pub fn text(self) -> (&'static str, &'static str) {
        REPORT_TEXT[self.index()]
    }
}

impl Report {
    /// The report's accounts with their notes.
    pub fn accounts<'a>(
        &'a self,
        analysis: &'a Analysis,
        rules: &'a ReportRules,
    ) -> impl Iterator<Item = (&'a AccountNet, String)> + 'a {
        self.rows
            .iter()
            .filter_map(move |i| analysis.accounts.get(*i).map(|a| (a, note(self.kind, a, rules, &analysis.limits))))
    }
}

/// Whether account `a` belongs in report `kind` (no allocation: counting every
/// report after each input change stays cheap). `limits` are the analysis's
/// thresholds as applied ([`Analysis::limits`]).
pub fn member(kind: ReportKind, a: &AccountNet, rules: &ReportRules, limits: &Limits) -> bool {
    let f = &a.account;
    match kind {
        ReportKind::Monoline => f.is_monoline(),
        ReportKind::MonolineEs => f.is_monoline() && f.has_es,
        ReportKind::SmallExceptions => {
            f.revenue < rules.small_account_below && (f.has_es || f.has_agency_bill || f.carriers > rules.max_markets)
        }
        ReportKind::LowNetHighService => a.net < limits.low_net_below && a.minutes >= limits.high_service_minutes,
        ReportKind::ProducerCommission => {
            !f.producer.is_empty() && f.revenue < rules.producer_threshold && f.revenue > 0
        }
        ReportKind::AllAccounts => true,
        ReportKind::BelowMinimum => rules.min_new_account > 0 && f.revenue < rules.min_new_account,
    }
}

/// The note shown beside account `a` in report `kind`.
pub fn note(kind: ReportKind, a: &AccountNet, rules: &ReportRules, limits: &Limits) -> String {
    let f = &a.account;
    match kind {
        ReportKind::SmallExceptions => {
            let mut reasons = Vec::new();
            if f.has_es {
                reasons.push("E&S".to_string());
            }
            if f.has_agency_bill {
                reasons.push("agency bill".to_string());
            }
            if f.carriers > rules.max_markets {
                reasons.push(format!("{} markets", f.carriers));
            }
            reasons.join(", ")
        }
        // Whole minutes, formatted as an integer (much cheaper than a float format).
        ReportKind::LowNetHighService => {
            format!(
                "{} minutes a year (median account {})",
                a.minutes.round() as i64,
                limits.median_minutes.round() as i64
            )
        }
        ReportKind::AllAccounts => format!("{} minutes a year", a.minutes.round() as i64),
        ReportKind::ProducerCommission => {
            format!("{} paid to {}", format_money(producer_share(f.revenue, rules)), f.producer)
        }
        ReportKind::Monoline | ReportKind::MonolineEs | ReportKind::BelowMinimum => String::new(),
    }
}

/// How many accounts each report of [`ReportKind::ALL`] holds.
pub fn report_counts(analysis: &Analysis, rules: &ReportRules) -> [usize; 7] {
    let mut counts = [0; 7];
    for a in &analysis.accounts {
        for (i, kind) in ReportKind::ALL.into_iter().enumerate() {
            counts[i] += usize::from(member(kind, a, rules, &analysis.limits));
        }
    }
    counts
}

/// Monoline accounts per department and tier: (department, tier label, count).
pub fn monoline_by_tier(analysis: &Analysis) -> Vec<(Department, String, usize, usize)> {
    let mut counts: std::collections::HashMap<(&Department, usize), (usize, usize)> = std::collections::HashMap::new();
    for a in &analysis.accounts {
        let c = counts.entry((&a.account.department, a.tier)).or_default();
        c.0 += usize::from(a.account.is_monoline());
        c.1 += 1;
    }
    let mut out = Vec::new();
    for d in &analysis.departments {
        for t in 0..d.tiers.len() {
            let (mono, n) = counts.get(&(&d.department, t)).copied().unwrap_or_default();
            out.push((d.department.clone(), d.tiers.label(t), mono, n));
        }
    }
    out
}

/// Every report, computed from one analysis.
pub fn reports(analysis: &Analysis, rules: &ReportRules) -> Vec<Report> {
    let accounts = &analysis.accounts;
    // Every list is in this order (lowest net first): sorted once, filtered per list.
    let mut order: Vec<usize> = (0..accounts.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&accounts[x], &accounts[y]);
        a.net.cmp(&b.net).then_with(|| a.account.client_name.cmp(&b.account.client_name))
    });
    ReportKind::ALL
        .into_iter()
        .map(|kind| Report {
            kind,
            rows: order.iter().copied().filter(|&i| member(kind, &accounts[i], rules, &analysis.limits)).collect(),
        })
        .collect()
}

/// Title and "why it matters" of each report of [`ReportKind::ALL`].
const REPORT_TEXT: [(&str, &str); 7] = [
    (
        "Monoline accounts (a list to round)",
        "Accounts with one policy sit in the lower tiers and leave sooner: plan to round them.",
    ),
    (
        "Monoline E&S accounts (up or out)",
        "Round these within a set time, or, where the state allows, add a fee to bring them to a profitable level.",
    ),
    (
        "Small accounts outside the small-account rules",
        "Small accounts should be written with no more than three to four markets, no E&S and no agency bill.",
    ),
    (
        "Low net, high service",
        "Accounts that take a lot of handling for little net: raise the minimum for writing such business, or change how it is served.",
    ),
    (
        "Producer renewal commission on small accounts",
        "Renewal commission paid to producers on accounts that need no producer involvement; moving them to house accounts saves it.",
    ),
    (
        "Every account's net",
        "The pure net of each account: commission revenue less the estimated cost to serve it, lowest first.",
    ),
    (
        "Accounts below the minimum for new business",
        "Accounts that would not be written under the minimum revenue set for new accounts.",
    ),
];

/// Producer renewal commission that moving the accounts of the
/// "producer-commission" report to house accounts would save each year.
pub fn house_account_savings(analysis: &Analysis, rules: &ReportRules) -> Cents {
    analysis
        .accounts
        .iter()
        .filter(|a| member(ReportKind::ProducerCommission, a, rules, &analysis.limits))
        .map(|a| producer_share(a.account.revenue, rules))
        .sum()
}

/// The producer's share of an account's renewal commission.
fn producer_share(revenue: Cents, rules: &ReportRules) -> Cents {
    (revenue as f64 * rules.producer_split_pct / 100.0).round() as Cents
}

/// A report as CSV: `client,department,tier,revenue,policies,cost_to_serve,net,note`.
pub fn report_csv(report: &Report, analysis: &Analysis, rules: &ReportRules) -> String {
    let mut w = SafeWriter::new();
    w.row(["client", "department", "tier", "revenue", "policies", "cost_to_serve", "net", "note"]);
    for (a, note) in report.accounts(analysis, rules) {
        let tier = analysis.department(&a.account.department).map(|d| d.tiers.label(a.tier)).unwrap_or_default();
        w.row([
            a.account.client_name.to_string(),
            a.account.department.code().to_string(),
            tier,
            format_plain(a.account.revenue),
            a.account.policies.to_string(),
            format_plain(a.cost),
            format_plain(a.net),
            note,
        ]);
    }
    w.into_string()
}

#[cfg(test)]
mod tests {
    use super::super::analysis::{ProfitSettings, analyze};
    use super::*;
    use crate::domain::book::{Account, BillType, Book, Policy};

    /// (id, dept, producer, [(commission, carrier, e&s, agency bill)])
    /// (commission, carrier, e&s, agency bill) of one policy.
    type Written<'a> = (Cents, &'a str, bool, bool);

    fn book() -> Book {
        let mut b = Book::default();
        let data: Vec<(&str, Department, &str, Vec<Written>)> = vec![
            ("mono-es", Department::Cl, "Pat", vec![(30_000, "Bayside", true, false)]),
            ("mono", Department::Cl, "", vec![(200_000, "Acme", false, false)]),
            (
                "rounded",
                Department::Cl,
                "Pat",
                vec![(600_000, "Acme", false, false), (400_000, "Hartwell", false, false)],
            ),
            ("small-ab", Department::Pl, "Pat", vec![(8_000, "Shield", false, true), (9_000, "Shield", false, false)]),
            (
                "many-markets",
                Department::Cl,
                "",
                vec![
                    (10_000, "A", false, false),
                    (10_000, "B", false, false),
                    (10_000, "C", false, false),
                    (10_000, "D", false, false),
                    (10_000, "E", false, false),
                ],
            ),
        ];
        for (id, dept, producer, pols) in data {
            let mut a = Account::new(id, id, dept);
            a.producer = producer.into();
            b.accounts.push(a);
            for (i, (c, carrier, es, ab)) in pols.into_iter().enumerate() {
                let mut p = Policy::new(&format!("{id}-{i}"), id);
                p.commission = c;
                p.carrier = carrier.into();
                p.excess_surplus = es;
                p.bill_type = if ab { BillType::Agency } else { BillType::Direct };
                b.policies.push(p);
            }
        }
        b
    }

    fn ids<'a>(r: &'a Report, analysis: &'a Analysis) -> Vec<&'a str> {
        let mut v: Vec<&str> = r.rows.iter().map(|&i| &*analysis.accounts[i].account.id).collect();
        v.sort();
        v
    }

    #[test]
    fn each_report_finds_its_accounts() {
        let settings = ProfitSettings::default();
        let a = analyze(&book(), &settings, &Department::standard());
        let r = reports(&a, &settings.rules);
        let get = |k: &str| r.iter().find(|x| x.kind.key() == k).unwrap();
        assert_eq!(r.iter().map(|x| x.kind).collect::<Vec<_>>(), ReportKind::ALL);
        assert_eq!(ids(get("monoline"), &a), vec!["mono", "mono-es"]);
        assert_eq!(ids(get("monoline-es"), &a), vec!["mono-es"]);
        assert_eq!(ids(get("small-exceptions"), &a), vec!["many-markets", "mono-es", "small-ab"]);
        let reasons: Vec<String> = get("small-exceptions").accounts(&a, &settings.rules).map(|(_, n)| n).collect();
        let reasons: Vec<&str> = reasons.iter().map(String::as_str).collect();
        assert!(reasons.contains(&"5 markets") && reasons.contains(&"E&S") && reasons.contains(&"agency bill"));
        // Producer commission below $1,000: mono-es ($300 → $60 at 20%) and small-ab ($170 → $34).
        assert_eq!(ids(get("producer-commission"), &a), vec!["mono-es", "small-ab"]);
        assert_eq!(house_account_savings(&a, &settings.rules), 6_000 + 3_400);
        assert!(get("below-minimum").rows.is_empty(), "no minimum set");
        let all = get("all-accounts");
        assert_eq!(all.rows.len(), 5);
        let nets: Vec<i64> = all.accounts(&a, &settings.rules).map(|(n, _)| n.net).collect();
        // The cheap counts agree with the lists.
        assert_eq!(report_counts(&a, &settings.rules).to_vec(), r.iter().map(|x| x.rows.len()).collect::<Vec<_>>());
        assert!(nets.windows(2).all(|w| w[0] <= w[1]), "lowest net first");
    }

    #[test]
    fn what_if_levers_move_the_figures() {
        let mut settings = ProfitSettings::default();
        settings.rules.monoline_es_fee = 50_000; // $500 fee
        settings.rules.min_new_account = 150_000;
        let base = analyze(&book(), &ProfitSettings::default(), &[]);
        let a = analyze(&book(), &settings, &[]);
        let rev = |x: &Analysis, id: &str| x.accounts.iter().find(|n| &*n.account.id == id).unwrap().account.revenue;
        assert_eq!(rev(&a, "mono-es"), rev(&base, "mono-es") + 50_000);
        assert_eq!(rev(&a, "mono"), rev(&base, "mono"));
        let r = reports(&a, &settings.rules);
        assert_eq!(report_counts(&a, &settings.rules).to_vec(), r.iter().map(|x| x.rows.len()).collect::<Vec<_>>());
        let below = r.iter().find(|x| x.kind.key() == "below-minimum").unwrap();
        // $300 + $500 fee = $800, $500 and $170 are all under $1,500.
        assert_eq!(ids(below, &a), vec!["many-markets", "mono-es", "small-ab"]);
    }

    #[test]
    fn low_net_high_service_and_csv() {
        let mut settings = ProfitSettings::default();
        settings.rules.high_service_minutes = Some(1.0);
        settings.rules.low_net_below = Some(1_000_00);
        let a = analyze(&book(), &settings, &[]);
        let r = reports(&a, &settings.rules);
        let lnhs = r.iter().find(|x| x.kind.key() == "low-net-high-service").unwrap();
        assert!(
            lnhs.accounts(&a, &settings.rules)
                .all(|(n, note)| n.net < 1_000_00 && note.contains("minutes a year (median account "))
        );
        assert!(!lnhs.rows.is_empty());
        let csv = report_csv(r.iter().find(|x| x.kind.key() == "monoline-es").unwrap(), &a, &settings.rules);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "client,department,tier,revenue,policies,cost_to_serve,net,note");
        assert!(lines[1].starts_with("mono-es,CL,Under $500,300.00,1,"), "{}", lines[1]);
        let tiers = monoline_by_tier(&a);
        let cl_low = tiers.iter().find(|(d, label, _, _)| *d == Department::Cl && label == "Under $500").unwrap();
        // Only mono-es ($300) is under $500; many-markets ($500) is one tier up.
        assert_eq!((cl_low.2, cl_low.3), (1, 1));
    }

    #[test]
    fn formulas_in_names_are_written_as_text_and_negative_money_as_numbers() {
        use crate::domain::csv_safe::HOSTILE;
        let mut b = Book::default();
        for (i, name) in HOSTILE.iter().enumerate() {
            b.accounts.push(Account::new(&format!("a{i}"), name, Department::Cl));
            let mut p = Policy::new(&format!("p{i}"), &format!("a{i}"));
            p.commission = -14_500;
            b.policies.push(p);
        }
        let settings = ProfitSettings::default();
        let a = analyze(&b, &settings, &[]);
        let r = reports(&a, &settings.rules);
        let all = r.iter().find(|x| x.kind.key() == "all-accounts").unwrap();
        let text = report_csv(all, &a, &settings.rules);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), HOSTILE.len());
        for row in &rows {
            assert!(row[0].starts_with('\'') && HOSTILE.contains(&&row[0][1..]), "{:?}", &row[0]);
            assert_eq!(&row[3], "-145.00", "revenue stays a number");
            let net = a.accounts.iter().find(|n| *n.account.client_name == row[0][1..]).unwrap().net;
            assert!(net < 0);
            assert_eq!(&row[6], format_plain(net), "net stays a number");
        }
    }
}

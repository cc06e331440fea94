use super::*;
use crate::domain::book::{Account, Policy};
use crate::domain::profitability::cost::ProcessSet;

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
fn losses_run_largest_first_and_empty_departments_are_left_out() {
    let a = analyze(&book(), &settings(), &Department::standard());
    // tiny: $200 − $300; home: $200 − 2 × $300.
    let losses: Vec<(&str, Cents)> = a.largest_losses().into_iter().map(|n| (&*n.account.id, n.net)).collect();
    assert_eq!(losses, [("home", -40_000), ("tiny", -10_000)]);
    let shown: Vec<&Department> = a.departments_with_accounts().map(|d| &d.department).collect();
    assert_eq!(shown, [&Department::Cl, &Department::Pl], "Benefits has no accounts");
    assert!(!a.department(&Department::Benefits).unwrap().has_accounts());
    assert!(a.department(&Department::Pl).unwrap().has_accounts());
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

/// A book of `n` accounts in mixed order across departments (one only on
/// accounts), with former clients, monoline E&S accounts and activity.
fn mixed_book(n: usize) -> Book {
    use crate::domain::activity::ProcessKind;
    use crate::domain::book::PolicyStatus;
    let departments = [Department::Cl, Department::Pl, Department::Custom("Farm".into()), Department::Benefits];
    let mut b = Book::default();
    for i in 0..n {
        let id = format!("a{i}");
        let mut account = Account::new(&id, &format!("Client {}", (i * 37) % n), departments[(i / 3) % 4].clone());
        if i % 5 == 0 {
            account.activity.insert(ProcessKind::Certificate, (i % 40) as u32);
        }
        b.accounts.push(account);
        for j in 0..(1 + i % 3) {
            let mut p = Policy::new(&format!("{id}-{j}"), &id);
            p.commission = ((i * 7_919 + j * 104_729) % 2_500_000) as Cents;
            p.excess_surplus = i % 4 == 0;
            if i % 11 == 0 {
                p.status = PolicyStatus::Cancelled;
            }
            b.policies.push(p);
        }
    }
    b
}

#[test]
fn figures_and_analysis_worked_out_in_slices_equal_the_whole() {
    let book = mixed_book(300);
    let mut s = settings();
    s.rules.monoline_es_fee = 15_000;
    for basis in [CostBasis::Direct, CostBasis::Full] {
        s.cost_basis = basis;
        let whole_figures = account_figures(&book);
        assert!(whole_figures.len() < book.accounts.len(), "former clients are left out");
        let whole = analyze_figures(&whole_figures, &s, &Department::standard());
        assert!(whole.department(&Department::Custom("Farm".into())).is_some_and(|d| d.has_accounts()));
        for budget in [1, 7, 64, 1_000] {
            let mut work = super::super::tiers::FiguresWork::new(&book);
            let mut steps = 1;
            while !work.step(budget) {
                steps += 1;
            }
            let units = book.policies.len() + 2 * book.accounts.len();
            assert!(steps >= units / budget, "{budget} at a time took {steps} steps for {units} units");
            let figures = work.finish();
            assert_eq!(figures, whole_figures, "figures {budget} at a time");
            let mut work = AnalysisWork::new(&figures, &s, &Department::standard());
            let mut steps = 1;
            while !work.step(budget) {
                steps += 1;
            }
            assert!(steps >= figures.len() / budget, "{budget} at a time took {steps} steps");
            assert_eq!(work.finish(), whole, "analysis {budget} at a time");
        }
    }
}

#[test]
fn sliced_analysis_matches_hand_worked_figures() {
    let book = book();
    let figures = account_figures(&book);
    let s = settings();
    let mut work = AnalysisWork::new(&figures, &s, &Department::standard());
    while !work.step(1) {}
    let a = work.finish();
    let net = |id: &str| a.accounts.iter().find(|n| &*n.account.id == id).unwrap().net;
    assert_eq!(net("big"), 1_200_000 - 60_000);
    assert_eq!(net("tiny"), 20_000 - 30_000);
    let order: Vec<&Department> = a.departments.iter().map(|d| &d.department).collect();
    assert_eq!(order, [&Department::Cl, &Department::Pl, &Department::Benefits], "display order kept");
}

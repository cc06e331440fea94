//! The figures an owner checks first: each department costed with its
//! own times, how much of the staff's time that explains, and full cost.
use super::*;
use crate::domain::activity::ProcessKind;
use crate::domain::book::{Account, Policy};
use crate::domain::profitability::cost::ProcessSet;
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
    assert_eq!(c.by_department, vec![(Department::Cl, 800.0), (Department::Pl, 120.0), (Department::Benefits, 0.0)]);
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

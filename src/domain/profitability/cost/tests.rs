use super::*;

fn account(policies: usize) -> AccountFigures {
    AccountFigures {
        id: "a".into(),
        client_name: "A".into(),
        department: Department::Cl,
        revenue: 0,
        policies,
        ..Default::default()
    }
}

#[test]
fn cost_of_a_minute_follows_the_method() {
    // 12 people, $780,000 of salaries and benefits: $7.80, then $0.65.
    let m = cost_of_a_minute(780_000_00, 12).unwrap();
    assert_eq!(m.all_staff_per_minute, 780.0);
    assert!((m.per_minute - 65.0).abs() < 1e-9);
    assert!(cost_of_a_minute(1, 0).unwrap_err().contains("employees"));
    assert!(cost_of_a_minute(0, 3).unwrap_err().contains("above $0"));
}

#[test]
fn process_costs_and_cost_to_serve() {
    let minute = cost_of_a_minute(600_000_00, 10).unwrap(); // 60 cents a minute
    let processes = vec![
        Process { kind: ProcessKind::Renewal, steps: steps(&[("a", 100.0), ("b", 50.0)]) },
        Process { kind: ProcessKind::Certificate, steps: steps(&[("c", 10.0)]) },
    ];
    assert_eq!(processes[0].total_minutes(), 150.0);
    assert_eq!(processes[0].cost(&minute), 9_000.0); // $90.00
    let model = CostModel {
        minute,
        fallback: ProcessSet {
            processes,
            frequencies: vec![
                Frequency { kind: ProcessKind::Renewal, basis: Basis::PerPolicy, per_year: 1.0 },
                Frequency { kind: ProcessKind::Certificate, basis: Basis::PerAccount, per_year: 3.0 },
            ],
        },
        by_department: Vec::new(),
        overrides: vec![
            TierOverride { department: None, tier: 0, kind: ProcessKind::Certificate, per_year: 12.0 },
            TierOverride { department: Some(Department::Pl), tier: 0, kind: ProcessKind::Certificate, per_year: 1.0 },
        ],
    };
    let cl = Department::Cl;
    // 2 policies: 2 renewals ($180) + 3 certificates ($18) = $198.
    assert_eq!(model.cost_to_serve(&account(2), &cl, 6), 19_800);
    // Top tier: 12 certificates ($72) instead of 3.
    assert_eq!(model.cost_to_serve(&account(2), &cl, 0), 18_000 + 7_200);
    // PL's own override for its top tier wins over the all-departments one.
    assert_eq!(model.cost_to_serve(&account(2), &Department::Pl, 0), 18_000 + 600);
    assert_eq!(model.annual_minutes(&account(2), &cl, 6), 300.0 + 30.0);
    // A count from the imported file replaces the frequency, except for renewals.
    let mut counted = account(2);
    counted.activity[ProcessKind::Certificate.index()] = Some(20);
    counted.activity[ProcessKind::Renewal.index()] = Some(99);
    let counts = model.annual_counts(&counted, &cl, 6);
    assert_eq!(counts, vec![(ProcessKind::Renewal, 2.0), (ProcessKind::Certificate, 20.0)]);
    assert_eq!(model.cost_to_serve(&counted, &cl, 6), 18_000 + 12_000);
    // A process without a time chart costs nothing rather than failing.
    let mut sparse = model.clone();
    sparse.fallback.processes.clear();
    assert_eq!(sparse.cost_to_serve(&account(2), &cl, 0), 0);
}

#[test]
fn samples_cover_every_process() {
    for dept in [Department::Cl, Department::Pl, Department::Benefits, Department::Custom("Farm".into())] {
        let set = ProcessSet::sample_for(&dept);
        for kind in ProcessKind::ALL {
            assert!(set.processes.iter().any(|x| x.kind == kind && x.total_minutes() > 0.0), "{dept:?} {kind:?}");
            assert!(set.frequencies.iter().any(|x| x.kind == kind), "{dept:?} {kind:?}");
        }
        let renewals = set.frequencies.iter().find(|f| f.kind == ProcessKind::Renewal).unwrap();
        assert_eq!((renewals.basis, renewals.per_year), (Basis::PerPolicy, 1.0), "every policy renews once a year");
    }
    assert_eq!(sample_processes(), ProcessSet::sample_for(&Department::Cl).processes);
    assert_eq!(sample_frequencies(), ProcessSet::sample_for(&Department::Cl).frequencies);
}

#[test]
fn departments_differ_sensibly() {
    let (cl, pl, ben) = (
        ProcessSet::sample_for(&Department::Cl),
        ProcessSet::sample_for(&Department::Pl),
        ProcessSet::sample_for(&Department::Benefits),
    );
    let per_year = |s: &ProcessSet, k: ProcessKind| s.frequencies.iter().find(|f| f.kind == k).unwrap().per_year;
    // A personal renewal is a fraction of a commercial one.
    assert!(pl.run_minutes(ProcessKind::Renewal) * 4.0 <= cl.run_minutes(ProcessKind::Renewal));
    // Personal policies are not audited; commercial ones are.
    assert_eq!(per_year(&pl, ProcessKind::Audit), 0.0);
    assert!(per_year(&cl, ProcessKind::Audit) > 0.0);
    // Benefits: employees come and go all year, and enrolment makes renewals long.
    assert!(per_year(&ben, ProcessKind::Endorsement) > per_year(&cl, ProcessKind::Endorsement));
    assert!(ben.run_minutes(ProcessKind::Renewal) > cl.run_minutes(ProcessKind::Renewal));
    // Another department is costed like commercial work.
    assert_eq!(ProcessSet::sample_for(&Department::Custom("Farm".into())), cl);
}

#[test]
fn a_department_with_its_own_times_uses_them() {
    let model = CostModel {
        minute: cost_of_a_minute(600_000_00, 10).unwrap(),
        fallback: ProcessSet::sample_for(&Department::Cl),
        by_department: vec![(Department::Pl, ProcessSet::sample_for(&Department::Pl))],
        overrides: Vec::new(),
    };
    let a = account(1);
    // PL, one policy, no counts from a file: 40 (renewal) + 0.05 × 80 (new business)
    // + 0.5 × 15 (endorsements) + 0.02 × 30 + 0.05 × 15 + 0.5 × 5 (evidence) + 0.05 × 30 (claims).
    let pl = 40.0 + 4.0 + 7.5 + 0.6 + 0.75 + 2.5 + 1.5;
    assert!((model.annual_minutes(&a, &Department::Pl, 0) - pl).abs() < 1e-9);
    // Benefits has none of its own: commercial times.
    let cl = 240.0 + 0.1 * 300.0 + 30.0 + 0.03 * 45.0 + 0.05 * 30.0 + 0.15 * 45.0 + 2.0 * 10.0 + 0.1 * 60.0;
    assert!((model.annual_minutes(&a, &Department::Benefits, 0) - cl).abs() < 1e-9);
}

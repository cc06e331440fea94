use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn policy(id: &str, eff: NaiveDate, exp: NaiveDate, commission: Cents) -> Policy {
    let mut p = Policy::new(id, "a1");
    p.policy_number = format!("N-{id}");
    p.carrier = "Acme Mutual".into();
    p.effective = Some(eff);
    p.expiration = Some(exp);
    p.commission = commission;
    p.premium = commission * 8;
    p.revision = 3;
    p
}

fn account() -> Vec<Policy> {
    vec![
        policy("auto", d(2026, 7, 5), d(2027, 1, 5), 150_00),
        policy("home", d(2026, 1, 5), d(2027, 1, 5), 400_00),
        policy("boat", d(2026, 6, 1), d(2027, 6, 1), 90_00),
    ]
}

#[test]
fn the_form_renews_each_policy_for_its_own_term() {
    let policies = account();
    let rows = bind_rows(&policies.iter().collect::<Vec<_>>(), d(2027, 1, 5));
    let terms: Vec<(&str, NaiveDate, NaiveDate)> =
        rows.iter().map(|r| (r.policy_id.as_str(), r.effective, r.expiration)).collect();
    assert_eq!(terms, vec![("auto", d(2027, 1, 5), d(2027, 7, 5)), ("home", d(2027, 1, 5), d(2028, 1, 5))]);
    assert_eq!((rows[0].commission, rows[0].carrier.as_str()), (150_00, "Acme Mutual"));
}

#[test]
fn binding_keeps_the_expiring_term_and_undo_restores_it() {
    let mut policies = account();
    let mut rows = bind_rows(&policies.iter().collect::<Vec<_>>(), d(2027, 1, 5));
    rows[0].commission = 170_00;
    rows[0].carrier = "Shield Insurance".into();
    rows[0].policy_number = "PA-2".into();
    let outcome = bind(&mut policies, d(2027, 1, 5), &rows, d(2026, 12, 20), "Ann", "t1").unwrap();
    let auto = &policies[0];
    assert_eq!((auto.effective, auto.expiration, auto.commission), (Some(d(2027, 1, 5)), Some(d(2027, 7, 5)), 170_00));
    assert_eq!((auto.carrier.as_str(), auto.policy_number.as_str(), auto.revision), ("Shield Insurance", "PA-2", 4));
    let t = &auto.terms[0];
    assert_eq!(
        (t.carrier.as_str(), t.commission, t.expiration, t.renewed_by.as_str()),
        ("Acme Mutual", 150_00, Some(d(2027, 1, 5)), "Ann")
    );
    assert_eq!(policies[2].revision, 3, "the June policy is another renewal");
    // The recorded outcome counts the expiring commission.
    assert_eq!(outcome.policies().iter().map(|p| p.commission).sum::<Cents>(), 550_00);
    // The new term offers the bind for undo, found from the policies' history.
    let mut record = super::super::board::RenewalRecord::new("a1", d(2027, 1, 5));
    record.outcome = Some(outcome.clone());
    let records = std::collections::HashMap::from([(record.id.clone(), record)]);
    let refs: Vec<&Policy> = policies.iter().collect();
    assert_eq!(binds_behind(&refs, "a1", d(2027, 7, 5), &records), vec!["a1@2027-01-05".to_string()]);
    assert!(binds_behind(&refs, "a1", d(2027, 6, 1), &records).is_empty(), "the boat was not renewed");
    undo(&mut policies, d(2027, 1, 5), &outcome, "t2").unwrap();
    assert_eq!(policies[0].commission, 150_00);
    assert_eq!(policies[0].carrier, "Acme Mutual");
    assert_eq!(policies[0].expiration, Some(d(2027, 1, 5)));
    assert!(policies[0].terms.is_empty());
    assert_eq!(policies[0].revision, 5, "an undo is a change too");
}

#[test]
fn a_policy_changed_since_cannot_be_undone_and_nothing_is() {
    let mut policies = account();
    let rows = bind_rows(&policies.iter().collect::<Vec<_>>(), d(2027, 1, 5));
    let outcome = bind(&mut policies, d(2027, 1, 5), &rows, d(2026, 12, 20), "Ann", "t1").unwrap();
    policies[1].premium += 1; // edited in the Book since
    policies[1].revision += 1;
    let before = policies.clone();
    let err = undo(&mut policies, d(2027, 1, 5), &outcome, "t2").unwrap_err();
    assert!(err.contains("N-home") && err.contains("changed"), "{err}");
    assert_eq!(policies, before);
}

#[test]
fn binding_refuses_when_the_renewals_policies_changed() {
    let mut policies = account();
    let mut rows = bind_rows(&policies.iter().collect::<Vec<_>>(), d(2027, 1, 5));
    rows.pop(); // a policy added since the form opened has no row
    let before = policies.clone();
    assert!(
        bind(&mut policies, d(2027, 1, 5), &rows, d(2026, 12, 20), "Ann", "t").unwrap_err().contains("another tab")
    );
    assert_eq!(policies, before);
    assert!(bind(&mut policies, d(2027, 2, 5), &[], d(2026, 12, 20), "Ann", "t").unwrap_err().contains("No policy"));
}

#[test]
fn losing_marks_the_policies_lost_and_undo_brings_them_back() {
    let mut policies = account();
    assert!(lose(&mut policies, d(2027, 1, 5), "", "", d(2026, 12, 1), "Ann", "t").is_err());
    assert!(
        lose(&mut policies, d(2027, 1, 5), "Other", " ", d(2026, 12, 1), "Ann", "t").unwrap_err().contains("Other")
    );
    let outcome =
        lose(&mut policies, d(2027, 1, 5), "Price", "Quoted 20% less online", d(2026, 12, 1), "Ann", "t").unwrap();
    assert_eq!(policies.iter().filter(|p| p.status == PolicyStatus::Lost).count(), 2);
    assert_eq!(policies[2].status, PolicyStatus::Active);
    assert_eq!(
        describe(&outcome),
        "Lost (Price: Quoted 20% less online) by Ann on Dec 1, 2026, $550.00 commission a year"
    );
    undo(&mut policies, d(2027, 1, 5), &outcome, "t2").unwrap();
    assert!(policies.iter().all(|p| p.status == PolicyStatus::Active));
}

#[test]
fn form_rows_are_read_or_refused_by_field() {
    let row =
        BindRow::parse("p", "Policy GL-1", [" Acme ", "GL-2", "$1,200.00", "180", "1/5/2027", "2028-01-05"]).unwrap();
    assert_eq!(
        (row.carrier.as_str(), row.premium, row.commission, row.expiration),
        ("Acme", 1_200_00, 180_00, d(2028, 1, 5))
    );
    let err = BindRow::parse("p", "Policy GL-1", ["", "", "abc", "1", "2027-01-05", "2028-01-05"]).unwrap_err();
    assert!(err.starts_with("Policy GL-1: the renewal premium"), "{err}");
    let err = BindRow::parse("p", "Policy GL-1", ["", "", "1", "1", "2027-01-05", "2027-01-05"]).unwrap_err();
    assert!(err.contains("must end after it starts"), "{err}");
    let err = BindRow::parse("p", "Policy GL-1", ["", "", "1", "", "2027-01-05", "2028-01-05"]).unwrap_err();
    assert!(err.contains("commission is blank"), "{err}");
}

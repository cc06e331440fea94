use super::*;
use crate::domain::book::{Account, Department, Policy};
use crate::domain::records::AccountRecord;
use crate::domain::renewals::record::{Outcome, RenewalRecord, Tick};
use crate::domain::roles::level::Level;
use crate::domain::roles::progress::{ActivityDone, Event, ItemProgress, LevelSignOff, SignOff, Status};
use crate::domain::roles::trainee::Trainee;
use chrono::NaiveDate;
use serde_json::json;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

fn v<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap()
}

fn back<T: serde::de::DeserializeOwned>(x: &Value) -> T {
    serde_json::from_value(x.clone()).unwrap()
}

fn account() -> AccountRecord {
    let mut r = AccountRecord::new(Account::new("a1", "Harbor Bakery", Department::Cl));
    for (id, number) in [("p1", "BOP-123"), ("p2", "WC-9")] {
        let mut p = Policy::new(id, "a1");
        p.policy_number = number.into();
        p.premium = 1_000_00;
        r.policies.push(p);
    }
    r
}

fn renewal() -> RenewalRecord {
    RenewalRecord::new("a1", day(30))
}

fn tick(item: &str, by: &str, on: u32) -> Tick {
    Tick { item: item.into(), by: by.into(), on: day(on) }
}

fn trainee() -> Trainee {
    Trainee {
        id: "t1".into(),
        name: "Sam Lee".into(),
        role: "csr".into(),
        start_date: day(1),
        trainer: "Elena Ortiz".into(),
        revision: 3,
        updated_at: "2026-11-01T10:00:00Z".into(),
        progress: Default::default(),
    }
}

fn paths(m: &Merged) -> Vec<String> {
    m.conflicts.iter().map(|c| c.path.to_string()).collect()
}

#[test]
fn different_fields_of_an_account_merge() {
    let base = account();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.account.notes = "Call before noon".into();
    theirs.account.producer = "Dana".into();
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let merged: AccountRecord = back(&m.value);
    assert_eq!(merged.account.notes, "Call before noon");
    assert_eq!(merged.account.producer, "Dana");
}

#[test]
fn the_same_field_changed_differently_is_a_conflict_left_at_theirs() {
    let base = account();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.policies[0].premium = 1_200_00;
    theirs.policies[0].premium = 1_300_00;
    theirs.policies[1].carrier = "Acme".into();
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert_eq!(paths(&m), [r#"policies["p1"].premium"#]);
    let c = &m.conflicts[0];
    assert_eq!(c.label, "Policy BOP-123 – Premium");
    assert_eq!(
        (c.base.clone(), c.mine.clone(), c.theirs.clone()),
        (Some(json!(100000)), Some(json!(120000)), Some(json!(130000)))
    );
    let merged: AccountRecord = back(&m.value);
    assert_eq!(merged.policies[0].premium, 1_300_00);
    assert_eq!(merged.policies[1].carrier, "Acme");
}

#[test]
fn the_same_change_on_both_sides_is_no_conflict() {
    let base = account();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.account.notes = "Same".into();
    theirs.account.notes = "Same".into();
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert!(m.conflicts.is_empty());
    assert_eq!(back::<AccountRecord>(&m.value).account.notes, "Same");
}

#[test]
fn policies_added_and_removed_on_either_side_merge_in_order() {
    let base = account();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.policies.push(Policy::new("p-mine", "a1"));
    theirs.policies.push(Policy::new("p-theirs", "a1"));
    theirs.policies.retain(|p| p.id != "p2");
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert!(m.conflicts.is_empty());
    let ids: Vec<String> = back::<AccountRecord>(&m.value).policies.into_iter().map(|p| p.id).collect();
    assert_eq!(ids, ["p1", "p-theirs", "p-mine"]);
}

#[test]
fn a_policy_removed_on_one_side_and_changed_on_the_other_is_a_conflict() {
    let base = account();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.policies[1].premium = 5_00;
    theirs.policies.remove(1);
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert_eq!(paths(&m), [r#"policies["p2"]"#]);
    assert_eq!(m.conflicts[0].theirs, None);
    assert_eq!(m.conflicts[0].label, "Policy p2");
    assert_eq!(back::<AccountRecord>(&m.value).policies.len(), 1, "theirs (the removal) until chosen");
    // Keeping mine puts the policy back.
    let mut value = m.value.clone();
    resolve(&mut value, &m.conflicts[0].path, m.conflicts[0].mine.clone()).unwrap();
    assert_eq!(back::<AccountRecord>(&value).policies[1].premium, 5_00);
}

#[test]
fn a_field_removed_on_one_side_and_unchanged_on_the_other_is_removed() {
    let base = json!({"a": 1, "b": 2});
    let m = merge(&base, &json!({"a": 1}), &json!({"a": 1, "b": 2, "c": 3}));
    assert_eq!(m.value, json!({"a": 1, "c": 3}));
    let m = merge(&base, &json!({"a": 1}), &json!({"a": 1, "b": 5}));
    assert_eq!(paths(&m), ["b"]);
    assert_eq!(m.value, json!({"a": 1, "b": 5}));
}

#[test]
fn values_of_different_shapes_follow_the_scalar_rule() {
    let base = json!({"x": [1, 2]});
    let m = merge(&base, &json!({"x": {"y": 1}}), &base);
    assert_eq!(m.value, json!({"x": {"y": 1}}));
    let m = merge(&base, &json!({"x": {"y": 1}}), &json!({"x": "text"}));
    assert_eq!(paths(&m), ["x"]);
    assert_eq!(m.value, json!({"x": "text"}));
}

#[test]
fn lists_without_an_identity_are_one_value() {
    let base = json!({"core": ["a", "b"]});
    let m = merge(&base, &json!({"core": ["a", "b", "c"]}), &json!({"core": ["b"]}));
    assert_eq!(paths(&m), ["core"]);
}

#[test]
fn different_renewal_ticks_merge_and_the_same_tick_twice_differently_conflicts() {
    let mut base = renewal();
    base.ticks.push(tick("m1:1", "Dana", 2));
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.ticks.push(tick("m1:2", "Dana", 3));
    mine.notes = "Loss runs asked".into();
    theirs.ticks.push(tick("m1:3", "Lee", 4));
    theirs.claims_review = "No claims".into();
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert!(m.conflicts.is_empty());
    let r: RenewalRecord = back(&m.value);
    let items: Vec<&str> = r.ticks.iter().map(|t| t.item.as_str()).collect();
    assert_eq!(items, ["m1:1", "m1:3", "m1:2"]);
    assert_eq!((r.notes.as_str(), r.claims_review.as_str()), ("Loss runs asked", "No claims"));

    // The same item ticked by two people: one conflict on the tick, not on its parts.
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.ticks.push(tick("m2:1", "Dana", 3));
    theirs.ticks.push(tick("m2:1", "Lee", 4));
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert_eq!(paths(&m), [r#"ticks["m2:1"]"#]);
    assert_eq!(m.conflicts[0].label, "Checklist item m2:1");
    assert_eq!(back::<RenewalRecord>(&m.value).tick("m2:1").unwrap().by, "Lee");
}

#[test]
fn an_outcome_is_one_decision() {
    let base = renewal();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.outcome = Some(Outcome::Bound { on: day(20), by: "Dana".into(), policies: vec![] });
    theirs.outcome = Some(Outcome::Bound { on: day(21), by: "Lee".into(), policies: vec![] });
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert_eq!(paths(&m), ["outcome"]);
    assert_eq!(m.conflicts[0].label, "Outcome");
}

#[test]
fn bookkeeping_takes_the_larger_revision_and_the_later_time() {
    let base = trainee();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.revision = 5;
    mine.updated_at = "2026-11-03T09:00:00-05:00".into();
    mine.trainer = "Dana".into();
    theirs.revision = 4;
    theirs.updated_at = "2026-11-03T13:00:00Z".into();
    theirs.name = "Sam Lee-Park".into();
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert!(m.conflicts.is_empty());
    let t: Trainee = back(&m.value);
    assert_eq!(t.revision, 5);
    assert_eq!(t.updated_at, "2026-11-03T09:00:00-05:00", "14:00 UTC is later than 13:00 UTC");
    assert_eq!((t.name.as_str(), t.trainer.as_str()), ("Sam Lee-Park", "Dana"));
}

fn sign(by: &str, on: u32) -> SignOff {
    SignOff { by: by.into(), on: day(on), note: String::new() }
}

#[test]
fn different_checklist_items_merge_and_a_sign_off_is_one_value() {
    let mut base = trainee();
    base.progress.items.insert("a".into(), ItemProgress::default());
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.progress.items.insert("a".into(), ItemProgress { status: Status::Learning, ..Default::default() });
    theirs.progress.items.insert("b".into(), ItemProgress { status: Status::Observed, ..Default::default() });
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert!(m.conflicts.is_empty());
    let t: Trainee = back(&m.value);
    assert_eq!(t.progress.item("a").status, Status::Learning);
    assert_eq!(t.progress.item("b").status, Status::Observed);

    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.progress.items.get_mut("a").unwrap().verified = Some(sign("Dana", 3));
    theirs.progress.items.get_mut("a").unwrap().verified = Some(sign("Lee", 3));
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert_eq!(paths(&m), ["progress.items.a.verified"]);
    assert_eq!(m.conflicts[0].label, "Item a – Verification");
}

#[test]
fn level_sign_offs_and_activities_merge_by_identity() {
    let base = trainee();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.progress.levels.push(LevelSignOff { level: Level::New, sign_off: sign("Dana", 5) });
    theirs.progress.levels.push(LevelSignOff { level: Level::Meeting, sign_off: sign("Lee", 6) });
    let done =
        |n| ActivityDone { task: "quotes".into(), number: n, activity: "shadow".into(), by: "Sam".into(), on: day(4) };
    mine.progress.activities.push(done(1));
    theirs.progress.activities.push(done(2));
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert!(m.conflicts.is_empty());
    let t: Trainee = back(&m.value);
    assert_eq!(t.progress.levels.len(), 2);
    assert_eq!(t.progress.activities, [done(2), done(1)]);

    let mut other = mine.clone();
    other.progress.levels[0].sign_off.by = "Lee".into();
    let m = merge(&v(&base), &v(&mine), &v(&other));
    assert_eq!(paths(&m), [r#"progress.levels["new"]"#]);
    assert_eq!(m.conflicts[0].label, "Level sign-off new");
}

#[test]
fn history_is_the_union_of_both_sides() {
    let event = |what: &str| Event {
        at: "2026-11-02T10:00:00Z".into(),
        by: "Dana".into(),
        item: None,
        level: None,
        what: what.into(),
        reason: None,
    };
    let mut base = trainee();
    base.progress.history.push(event("started"));
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.progress.history.push(event("mine"));
    theirs.progress.history.push(event("theirs"));
    theirs.progress.history.push(event("mine"));
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert!(m.conflicts.is_empty());
    let whats: Vec<String> = back::<Trainee>(&m.value).progress.history.into_iter().map(|e| e.what).collect();
    assert_eq!(whats, ["started", "theirs", "mine"]);
}

#[test]
fn a_reordered_list_keeps_the_new_order() {
    let base = account();
    let mut mine = base.clone();
    mine.policies.reverse();
    let mut theirs = base.clone();
    theirs.policies.push(Policy::new("p3", "a1"));
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    let ids: Vec<String> = back::<AccountRecord>(&m.value).policies.into_iter().map(|p| p.id).collect();
    assert_eq!(ids, ["p2", "p1", "p3"]);
}

#[test]
fn a_list_with_repeated_identities_is_one_value() {
    let base = json!({"policies": [{"id": "p"}, {"id": "p"}]});
    let m = merge(&base, &json!({"policies": [{"id": "p"}]}), &json!({"policies": []}));
    assert_eq!(paths(&m), ["policies"]);
}

#[test]
fn records_both_sides_created_merge_without_a_base() {
    let mine = json!({"agency_name": "Harbor", "profile": {"departments": ["CL", "PL"], "staff": []}});
    let theirs = json!({"agency_name": "Harbor Ins", "profile": {"departments": ["CL", "Benefits"], "staff": []}});
    let m = merge(&Value::Null, &mine, &theirs);
    assert_eq!(paths(&m), ["agency_name"]);
    assert_eq!(m.conflicts[0].label, "Agency name");
    assert_eq!(m.value["profile"]["departments"], json!(["CL", "Benefits", "PL"]));
}

#[test]
fn settings_lists_merge_by_their_identities() {
    let base = json!({"profile": {"departments": ["CL"], "staff": [{"name": "Dana", "role": "Producer"}]}});
    let mine = json!({"profile": {"departments": ["CL", "PL"], "staff": [{"name": "Dana", "role": "Producer"}]}});
    let theirs = json!({"profile": {"departments": ["CL"], "staff": [
        {"name": "Dana", "role": "Producer"}, {"name": "Lee", "role": "Claims"}]}});
    let m = merge(&base, &mine, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.value["profile"]["departments"], json!(["CL", "PL"]));
    assert_eq!(m.value["profile"]["staff"].as_array().unwrap().len(), 2);

    let base = json!({"renewal_leads": {"departments": [["CL", 120], ["PL", 60]], "accounts": {}}});
    let mine = json!({"renewal_leads": {"departments": [["CL", 90], ["PL", 60]], "accounts": {"a1": 30}}});
    let theirs = json!({"renewal_leads": {"departments": [["CL", 120], ["PL", 45]], "accounts": {"a2": 10}}});
    let m = merge(&base, &mine, &theirs);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.value["renewal_leads"]["departments"], json!([["CL", 90], ["PL", 45]]));
    assert_eq!(m.value["renewal_leads"]["accounts"], json!({"a1": 30, "a2": 10}));
}

#[test]
fn resolving_puts_the_choice_at_the_path() {
    let base = account();
    let (mut mine, mut theirs) = (base.clone(), base.clone());
    mine.policies[0].premium = 1_200_00;
    theirs.policies[0].premium = 1_300_00;
    mine.account.notes = "mine".into();
    theirs.account.notes = "theirs".into();
    let m = merge(&v(&base), &v(&mine), &v(&theirs));
    assert_eq!(m.conflicts.len(), 2);
    let mut value = m.value.clone();
    for c in &m.conflicts {
        resolve(&mut value, &c.path, c.mine.clone()).unwrap();
    }
    assert_eq!(back::<AccountRecord>(&value), {
        let mut want = mine.clone();
        want.account.notes = "mine".into();
        want
    });
    let nowhere = Path::root().field("policies").item(json!("p9")).field("premium");
    assert!(resolve(&mut value, &nowhere, Some(json!(1))).is_err());
}

#[test]
fn labels_name_fields_for_people() {
    let record = v(&account());
    let path = |steps: Vec<Step>| Path(steps);
    let f = |s: &str| Step::Field(s.into());
    assert_eq!(label(&path(vec![f("account"), f("client_name")]), &record), "Client name");
    assert_eq!(label(&path(vec![f("notes")]), &json!({})), "Notes");
    assert_eq!(label(&path(vec![f("claims_review")]), &json!({})), "Claims review");
    assert_eq!(
        label(&path(vec![f("policies"), Step::Item(json!("p2")), f("line_of_business")]), &record),
        "Policy WC-9 – Line of business"
    );
    assert_eq!(label(&path(vec![f("progress"), f("items"), f("k1"), f("status")]), &json!({})), "Item k1 – Status");
    assert_eq!(label(&Path::root(), &record), "The whole record");
}

//! Property test of the sync merge, as the issue asks: for random pairs of
//! edits of one record, the merge keeps every change that touched a
//! different field or item, and reports every same-field disagreement (and
//! nothing else).
//!
//! The check flattens base, mine, theirs and the merge into leaves (a
//! field's value; a whole element; an element's fields, found by the merge's
//! own identities) and compares leaf by leaf, which is a different reading
//! from the merge's recursive one.
#![cfg(not(target_arch = "wasm32"))]

use agency_desk::domain::book::term::Term;
use agency_desk::domain::book::{Account, Department, Policy, PolicyStatus};
use agency_desk::domain::records::AccountRecord;
use agency_desk::domain::renewals::record::{Outcome, RenewalRecord, Tick};
use agency_desk::domain::roles::level::Level;
use agency_desk::domain::roles::progress::{ActivityDone, Event, ItemProgress, LevelSignOff, SignOff, Status};
use agency_desk::domain::roles::trainee::Trainee;
use agency_desk::domain::sync::merge::{Merged, Path, Rule, Step, merge, rule_at};
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// A record's leaves by their path's text, and the elements merged field by
/// field that it holds.
#[derive(Default)]
struct Flat {
    leaves: BTreeMap<String, (Path, Value)>,
    elements: BTreeSet<String>,
}

/// Every leaf of `value`.
fn leaves(value: &Value, path: Path, out: &mut Flat) {
    let fields = path.fields();
    let at_field = !matches!(path.0.last(), Some(Step::Item(_)));
    let rule = if at_field { rule_at(&fields) } else { Rule::Plain };
    match (rule, value) {
        (Rule::Whole, _) => {}
        // History is checked on its own.
        (Rule::Union, _) => return,
        (Rule::Keyed { id, whole }, Value::Array(items)) => {
            for item in items {
                let at = path.item(id.of(item).expect("generated elements have identities"));
                if whole {
                    out.leaves.insert(at.to_string(), (at, item.clone()));
                } else {
                    out.elements.insert(at.to_string());
                    leaves(item, at, out);
                }
            }
            return;
        }
        (_, Value::Object(map)) => {
            for (k, v) in map {
                leaves(v, path.field(k), out);
            }
            return;
        }
        _ => {}
    }
    out.leaves.insert(path.to_string(), (path, value.clone()));
}

/// The elements a leaf is in (the paths up to each of its items).
fn elements_of(path: &Path) -> Vec<String> {
    (1..path.0.len())
        .filter(|&i| matches!(path.0[i - 1], Step::Item(_)))
        .map(|i| Path(path.0[..i].to_vec()).to_string())
        .collect()
}

fn bookkeeping(path: &Path) -> bool {
    matches!(path.0.last(), Some(Step::Field(f)) if f == "revision" || f == "updated_at")
}

/// The property, over the JSON of three versions of one record.
fn check(base: &Value, mine: &Value, theirs: &Value) -> Result<Merged, TestCaseError> {
    let merged = merge(base, mine, theirs);
    let flat = |v: &Value| {
        let mut out = Flat::default();
        leaves(v, Path::root(), &mut out);
        out
    };
    let (b, m, t, r) = (flat(base), flat(mine), flat(theirs), flat(&merged.value));
    let keys: BTreeSet<&String> = b.leaves.keys().chain(m.leaves.keys()).chain(t.leaves.keys()).collect();
    let mut disagreements = Vec::new();
    for key in keys {
        let path = [&b, &m, &t].iter().find_map(|side| side.leaves.get(key)).map(|(p, _)| p.clone()).unwrap();
        if bookkeeping(&path) {
            continue;
        }
        let value = |side: &Flat| side.leaves.get(key).map(|(_, v)| v.clone());
        let (bv, mv, tv, rv) = (value(&b), value(&m), value(&t), value(&r));
        // An element removed on one side, and this value in it changed on the other.
        let removed =
            |side: &Flat| elements_of(&path).iter().any(|e| b.elements.contains(e) && !side.elements.contains(e));
        let removed_and_changed =
            (removed(&m) && !removed(&t) && tv != bv) || (removed(&t) && !removed(&m) && mv != bv);
        let covered = merged.conflicts.iter().any(|c| path.starts_with(&c.path));
        let both_differently = (mv != bv && tv != bv && mv != tv) || removed_and_changed;
        if both_differently {
            prop_assert!(covered, "{key}: changed differently on both sides, not reported");
            disagreements.push(path.clone());
        }
        let want = if covered || mv == bv { tv } else { mv };
        prop_assert_eq!(rv, want, "{}", key);
    }
    for c in &merged.conflicts {
        prop_assert!(
            disagreements.iter().any(|p| p.starts_with(&c.path)),
            "{} reported, but no value under it was changed differently on both sides",
            c.path
        );
    }
    Ok(merged)
}

/// The larger revision, or the one side's that changed.
fn revision(b: u32, m: u32, t: u32) -> u32 {
    if m == b {
        t
    } else if t == b {
        m
    } else {
        m.max(t)
    }
}

fn text() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "Call first", "Loss runs in", "Harbor", "Dana"]).prop_map(str::to_string)
}

fn person() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["Dana", "Lee", "Sam"]).prop_map(str::to_string)
}

fn stamp() -> impl Strategy<Value = String> {
    (1u32..28, 0u32..24).prop_map(|(d, h)| format!("2026-11-{d:02}T{h:02}:00:00Z"))
}

#[derive(Clone, Debug)]
enum AccountEdit {
    Notes(String),
    Producer(String),
    ClientName(String),
    Premium(usize, i64),
    Carrier(usize, String),
    Status(usize, PolicyStatus),
    Term(usize, u32),
    Add(usize, i64),
    Remove(usize),
    Saved(u32, String),
}

fn account_edit() -> impl Strategy<Value = AccountEdit> {
    prop_oneof![
        text().prop_map(AccountEdit::Notes),
        person().prop_map(AccountEdit::Producer),
        text().prop_map(AccountEdit::ClientName),
        (0usize..4, 0i64..3).prop_map(|(i, p)| AccountEdit::Premium(i, p * 100_00)),
        (0usize..4, text()).prop_map(|(i, c)| AccountEdit::Carrier(i, c)),
        (0usize..4, prop::sample::select(PolicyStatus::ALL.to_vec())).prop_map(|(i, s)| AccountEdit::Status(i, s)),
        (0usize..4, 1u32..3).prop_map(|(i, d)| AccountEdit::Term(i, d)),
        (0usize..2, 0i64..2).prop_map(|(i, p)| AccountEdit::Add(i, p)),
        (0usize..4).prop_map(AccountEdit::Remove),
        (1u32..4, stamp()).prop_map(|(r, s)| AccountEdit::Saved(r, s)),
    ]
}

fn apply_account(base: &AccountRecord, edits: &[AccountEdit]) -> AccountRecord {
    let mut r = base.clone();
    for e in edits {
        let n = r.policies.len();
        match e.clone() {
            AccountEdit::Notes(s) => r.account.notes = s,
            AccountEdit::Producer(s) => r.account.producer = s,
            AccountEdit::ClientName(s) => r.account.client_name = s,
            AccountEdit::Premium(i, p) if i < n => r.policies[i].premium = p,
            AccountEdit::Carrier(i, c) if i < n => r.policies[i].carrier = c,
            AccountEdit::Status(i, s) if i < n => r.policies[i].status = s,
            AccountEdit::Term(i, d) if i < n && !r.policies[i].terms.iter().any(|t| t.effective == Some(day(d))) => {
                r.policies[i].terms.push(Term {
                    effective: Some(day(d)),
                    expiration: Some(day(d + 10)),
                    carrier: String::new(),
                    policy_number: String::new(),
                    premium: 0,
                    commission: 0,
                    renewed_on: day(d + 10),
                    renewed_by: "Dana".into(),
                })
            }
            AccountEdit::Add(i, p) if !r.policies.iter().any(|x| x.id == format!("new{i}")) => {
                let mut policy = Policy::new(&format!("new{i}"), "a1");
                policy.premium = p;
                r.policies.push(policy);
            }
            AccountEdit::Remove(i) if i < n => {
                r.policies.remove(i);
            }
            AccountEdit::Saved(rev, at) => {
                r.account.revision = base.account.revision + rev;
                r.account.updated_at = at;
            }
            _ => {}
        }
    }
    r
}

fn account_base() -> impl Strategy<Value = AccountRecord> {
    (0usize..4, text()).prop_map(|(n, notes)| {
        let mut r = AccountRecord::new(Account::new("a1", "Harbor Bakery", Department::Cl));
        r.account.notes = notes;
        r.account.revision = 2;
        r.account.updated_at = "2026-11-01T08:00:00Z".into();
        for i in 0..n {
            let mut p = Policy::new(&format!("p{i}"), "a1");
            p.policy_number = format!("N-{i}");
            r.policies.push(p);
        }
        r
    })
}

#[derive(Clone, Debug)]
enum RenewalEdit {
    Notes(String),
    ClaimsReview(String),
    Tick(usize, String, u32),
    Untick(usize),
    Outcome(Option<(bool, String)>),
    Saved(u32),
}

fn renewal_edit() -> impl Strategy<Value = RenewalEdit> {
    prop_oneof![
        text().prop_map(RenewalEdit::Notes),
        text().prop_map(RenewalEdit::ClaimsReview),
        (0usize..5, person(), 1u32..3).prop_map(|(i, by, on)| RenewalEdit::Tick(i, by, on)),
        (0usize..5).prop_map(RenewalEdit::Untick),
        prop::option::of((any::<bool>(), person())).prop_map(RenewalEdit::Outcome),
        (1u32..4).prop_map(RenewalEdit::Saved),
    ]
}

fn apply_renewal(base: &RenewalRecord, edits: &[RenewalEdit]) -> RenewalRecord {
    let mut r = base.clone();
    for e in edits {
        match e.clone() {
            RenewalEdit::Notes(s) => r.notes = s,
            RenewalEdit::ClaimsReview(s) => r.claims_review = s,
            RenewalEdit::Tick(i, by, on) => {
                let item = format!("m:{i}");
                r.ticks.retain(|t| t.item != item);
                r.ticks.push(Tick { item, by, on: day(on) });
            }
            RenewalEdit::Untick(i) => r.ticks.retain(|t| t.item != format!("m:{i}")),
            RenewalEdit::Outcome(o) => {
                r.outcome = o.map(|(bound, by)| {
                    if bound {
                        Outcome::Bound { on: day(20), by, policies: vec![] }
                    } else {
                        Outcome::Lost {
                            on: day(20),
                            by,
                            reason: "Price".into(),
                            detail: String::new(),
                            policies: vec![],
                        }
                    }
                })
            }
            RenewalEdit::Saved(rev) => r.revision = base.revision + rev,
        }
    }
    r
}

fn renewal_base() -> impl Strategy<Value = RenewalRecord> {
    (prop::collection::btree_set(0usize..5, 0..4), text()).prop_map(|(ticked, notes)| {
        let mut r = RenewalRecord::new("a1", day(30));
        r.notes = notes;
        r.revision = 5;
        r.ticks = ticked.into_iter().map(|i| Tick { item: format!("m:{i}"), by: "Dana".into(), on: day(1) }).collect();
        r
    })
}

#[derive(Clone, Debug)]
enum TraineeEdit {
    Name(String),
    Trainer(String),
    Status(usize, Status),
    Verify(usize, Option<String>),
    SignLevel(Level, Option<String>),
    Activity(usize, bool),
    Event(String),
    Saved(u32, String),
}

fn trainee_edit() -> impl Strategy<Value = TraineeEdit> {
    prop_oneof![
        text().prop_map(TraineeEdit::Name),
        person().prop_map(TraineeEdit::Trainer),
        (0usize..4, prop::sample::select(Status::ALL.to_vec())).prop_map(|(i, s)| TraineeEdit::Status(i, s)),
        (0usize..4, prop::option::of(person())).prop_map(|(i, p)| TraineeEdit::Verify(i, p)),
        (prop::sample::select(Level::ALL.to_vec()), prop::option::of(person()))
            .prop_map(|(l, p)| TraineeEdit::SignLevel(l, p)),
        (0usize..3, any::<bool>()).prop_map(|(n, done)| TraineeEdit::Activity(n, done)),
        text().prop_map(TraineeEdit::Event),
        (1u32..4, stamp()).prop_map(|(r, s)| TraineeEdit::Saved(r, s)),
    ]
}

fn apply_trainee(base: &Trainee, edits: &[TraineeEdit], side: &str) -> Trainee {
    let mut t = base.clone();
    let p = &mut t.progress;
    for e in edits {
        match e.clone() {
            TraineeEdit::Name(s) => t.name = s,
            TraineeEdit::Trainer(s) => t.trainer = s,
            TraineeEdit::Status(i, s) => p.items.entry(format!("k{i}")).or_default().status = s,
            TraineeEdit::Verify(i, by) => {
                p.items.entry(format!("k{i}")).or_default().verified =
                    by.map(|by| SignOff { by, on: day(3), note: String::new() })
            }
            TraineeEdit::SignLevel(level, by) => {
                p.levels.retain(|l| l.level != level);
                if let Some(by) = by {
                    p.levels.push(LevelSignOff { level, sign_off: SignOff { by, on: day(4), note: String::new() } });
                }
            }
            TraineeEdit::Activity(n, done) => {
                p.activities.retain(|a| a.number != n);
                if done {
                    let by = side.to_string();
                    p.activities.push(ActivityDone {
                        task: "quotes".into(),
                        number: n,
                        activity: "shadow".into(),
                        by,
                        on: day(5),
                    });
                }
            }
            TraineeEdit::Event(what) => p.history.push(Event {
                // Each event once: a person does one thing at a time.
                at: format!("2026-11-05T10:{:02}:00Z", p.history.len()),
                by: side.into(),
                item: None,
                level: None,
                what,
                reason: None,
            }),
            TraineeEdit::Saved(rev, at) => {
                t.revision = base.revision + rev;
                t.updated_at = at;
            }
        }
    }
    t
}

fn trainee_base() -> impl Strategy<Value = Trainee> {
    (0usize..4, prop::option::of(person())).prop_map(|(n, new_level)| {
        let mut t = Trainee {
            id: "t1".into(),
            name: "Sam Lee".into(),
            role: "csr".into(),
            start_date: day(1),
            trainer: "Elena Ortiz".into(),
            revision: 1,
            updated_at: "2026-11-01T08:00:00Z".into(),
            progress: Default::default(),
        };
        for i in 0..n {
            t.progress.items.insert(format!("k{i}"), ItemProgress { status: Status::Learning, ..Default::default() });
        }
        if let Some(by) = new_level {
            let sign_off = SignOff { by, on: day(2), note: String::new() };
            t.progress.levels.push(LevelSignOff { level: Level::New, sign_off });
        }
        t
    })
}

fn json<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn accounts_merge_every_change_and_report_every_disagreement(
        base in account_base(),
        mine in prop::collection::vec(account_edit(), 0..6),
        theirs in prop::collection::vec(account_edit(), 0..6),
    ) {
        let (m, t) = (apply_account(&base, &mine), apply_account(&base, &theirs));
        let merged = check(&json(&base), &json(&m), &json(&t))?;
        let record: AccountRecord = serde_json::from_value(merged.value).expect("the merge is an account record");
        let b = base.account.revision;
        prop_assert_eq!(record.account.revision, revision(b, m.account.revision, t.account.revision));
    }

    #[test]
    fn renewals_merge_every_change_and_report_every_disagreement(
        base in renewal_base(),
        mine in prop::collection::vec(renewal_edit(), 0..6),
        theirs in prop::collection::vec(renewal_edit(), 0..6),
    ) {
        let (m, t) = (apply_renewal(&base, &mine), apply_renewal(&base, &theirs));
        let merged = check(&json(&base), &json(&m), &json(&t))?;
        let record: RenewalRecord = serde_json::from_value(merged.value).expect("the merge is a renewal record");
        prop_assert_eq!(record.revision, revision(base.revision, m.revision, t.revision));
    }

    #[test]
    fn trainees_merge_every_change_and_report_every_disagreement(
        base in trainee_base(),
        mine in prop::collection::vec(trainee_edit(), 0..6),
        theirs in prop::collection::vec(trainee_edit(), 0..6),
    ) {
        let (m, t) = (apply_trainee(&base, &mine, "mine"), apply_trainee(&base, &theirs, "theirs"));
        let merged = check(&json(&base), &json(&m), &json(&t))?;
        let record: Trainee = serde_json::from_value(merged.value).expect("the merge is a trainee");
        prop_assert_eq!(record.revision, revision(base.revision, m.revision, t.revision));
        // History: every event of either side, once each.
        let mut want = base.progress.history.clone();
        for e in t.progress.history.iter().chain(&m.progress.history) {
            if !want.contains(e) {
                want.push(e.clone());
            }
        }
        prop_assert_eq!(&record.progress.history, &want);
        let later = |a: &str, b: &str| if a >= b { a.to_string() } else { b.to_string() };
        let stamp = if m.updated_at == base.updated_at { t.updated_at.clone() }
            else if t.updated_at == base.updated_at { m.updated_at.clone() }
            else { later(&m.updated_at, &t.updated_at) };
        prop_assert_eq!(record.updated_at, stamp);
    }
}

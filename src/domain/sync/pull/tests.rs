use super::*;
use crate::domain::book::{Account, Department, Policy};
use crate::domain::records::AccountRecord;
use crate::domain::renewals::record::{RenewalRecord, Tick};
use chrono::NaiveDate;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn account() -> AccountRecord {
    let mut r = AccountRecord::new(Account::new("a1", "Harbor Bakery", Department::Cl));
    r.account.revision = 4;
    let mut p = Policy::new("p1", "a1");
    p.policy_number = "BOP-123".into();
    p.premium = 1_000_00;
    p.revision = 2;
    r.policies.push(p);
    r
}

fn doc(record: Option<Record>, id: DocId, rev: &str) -> Doc {
    Doc { id, rev: Some(rev.into()), record, conflicts: Vec::new(), changed: None }
}

fn data<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap()
}

fn account_of(r: &Arrival) -> AccountRecord {
    match r {
        Arrival::Take(Some(Record::Account(a))) | Arrival::Merged { record: Record::Account(a), .. } => a.clone(),
        other => panic!("not an account: {other:?}"),
    }
}

#[test]
fn with_nothing_unpushed_the_server_version_is_taken_and_its_revisions_raised() {
    let base = account();
    let mut theirs = base.clone();
    theirs.account.producer = "Dana".into();
    // The other browser's counter happens to equal this one's.
    let remote = doc(Some(Record::Account(theirs.clone())), DocId::Account("a1".into()), "3-x");
    let here = data(&base);
    let got = receive(&remote, Local { data: Some(&here), base: Some(&here), pending: false, changed: None }).unwrap();
    assert_eq!(got.rev, "3-x");
    assert_eq!(got.base, data(&theirs), "the base is the server's data as it arrived");
    let taken = account_of(&got.arrival);
    assert_eq!(taken.account.producer, "Dana");
    assert_eq!(taken.account.revision, 5, "above the local revision, so an open form is refused as stale");
    assert_eq!(taken.policies[0].revision, 2, "an unchanged policy keeps its revision");
}

#[test]
fn unpushed_changes_here_merge_with_the_arrival_and_disagreements_wait_for_the_user() {
    let base = account();
    let mut mine = base.clone();
    mine.account.notes = "Call before renewal".into();
    mine.policies[0].premium = 1_200_00;
    let mut theirs = base.clone();
    theirs.account.producer = "Dana".into();
    theirs.policies[0].premium = 1_100_00;
    let remote = doc(Some(Record::Account(theirs)), DocId::Account("a1".into()), "4-y");
    let (b, m) = (data(&base), data(&mine));
    let got = receive(&remote, Local { data: Some(&m), base: Some(&b), pending: true, changed: None }).unwrap();
    let Arrival::Merged { conflicts, .. } = &got.arrival else { panic!("{:?}", got.arrival) };
    let merged = account_of(&got.arrival);
    assert_eq!(merged.account.notes, "Call before renewal", "mine kept");
    assert_eq!(merged.account.producer, "Dana", "theirs kept");
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].mine, Some(Value::from(1_200_00)));
    assert_eq!(conflicts[0].theirs, Some(Value::from(1_100_00)));
    assert_eq!(merged.policies[0].premium, 1_100_00, "theirs stands until the user chooses");
}

#[test]
fn a_disagreement_names_who_changed_each_side_and_when() {
    let base = account();
    let mut mine = base.clone();
    mine.account.notes = "Ann's note".into();
    let mut theirs = base.clone();
    theirs.account.notes = "Bo's note".into();
    let mut remote = doc(Some(Record::Account(theirs)), DocId::Account("a1".into()), "2-b");
    let bo = Changed { by: "bo".into(), at: "2026-12-05T10:00:00Z".into() };
    remote.changed = Some(bo.clone());
    let ann = Changed { by: "ann".into(), at: "2026-12-05T09:58:00Z".into() };
    let (b, m) = (data(&base), data(&mine));
    let got = receive(&remote, Local { data: Some(&m), base: Some(&b), pending: true, changed: Some(&ann) }).unwrap();
    let Arrival::Merged { conflicts, .. } = &got.arrival else { panic!("{:?}", got.arrival) };
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].mine_changed, Some(ann));
    assert_eq!(conflicts[0].theirs_changed, Some(bo));
}

#[test]
fn a_record_deleted_on_the_server_is_deleted_here_unless_it_was_changed_here() {
    let here = data(&account());
    let gone = doc(None, DocId::Account("a1".into()), "5-z");
    let taken = receive(&gone, Local { data: Some(&here), base: Some(&here), pending: false, changed: None }).unwrap();
    assert_eq!(taken.arrival, Arrival::Take(None));
    assert_eq!(taken.base, Value::Null);
    let kept = receive(&gone, Local { data: Some(&here), base: Some(&here), pending: true, changed: None }).unwrap();
    assert_eq!(kept.arrival, Arrival::KeepLocal);
}

#[test]
fn disjoint_ticks_from_two_browsers_both_survive() {
    let id = crate::domain::renewals::board::renewal_id("a1", day(30));
    let base = RenewalRecord::new("a1", day(30));
    let mut mine = base.clone();
    mine.ticks.push(Tick { item: "m1:0".into(), by: "Ann".into(), on: day(2) });
    mine.revision = 1;
    let mut theirs = base.clone();
    theirs.ticks.push(Tick { item: "m2:0".into(), by: "Bo".into(), on: day(3) });
    theirs.revision = 1;
    let remote = doc(Some(Record::Renewal(theirs)), DocId::Renewal(id), "2-a");
    let (b, m) = (data(&base), data(&mine));
    let got = receive(&remote, Local { data: Some(&m), base: Some(&b), pending: true, changed: None }).unwrap();
    let Arrival::Merged { record: Record::Renewal(r), conflicts } = got.arrival else { panic!() };
    assert!(conflicts.is_empty());
    let items: Vec<&str> = r.ticks.iter().map(|t| t.item.as_str()).collect();
    assert_eq!(items, ["m2:0", "m1:0"]);
    assert_eq!(r.revision, 2);
}

#[test]
fn a_document_without_a_revision_is_refused_by_name() {
    let mut d = doc(Some(Record::Account(account())), DocId::Account("a1".into()), "1-a");
    d.rev = None;
    let err = receive(&d, Local::default()).unwrap_err();
    assert!(err.to_string().contains("account:a1"), "{err}");
}

/// The pages a catch-up of `total` documents asks for, in order.
fn catch_up_pages(total: usize) -> Vec<usize> {
    let (mut kept, mut pages) = (0, Vec::new());
    while kept < total {
        let page = catch_up_page(kept);
        pages.push(page);
        kept += page.min(total - kept);
    }
    pages
}

#[test]
fn a_catch_up_asks_for_pages_that_grow_with_what_it_kept_up_to_the_cap() {
    assert_eq!(catch_up_pages(5_001), [2_500, 2_500, 5_000]);
    assert_eq!(catch_up_pages(50_001), [2_500, 2_500, 5_000, 10_000, 10_000, 10_000, 10_000, 10_000]);
    assert!(catch_up_pages(1_000_000).iter().all(|&p| p <= CATCH_UP_MOST));
    // What the pages cost: each rewrites the book held before it. Growing
    // pages keep that within a few times the book; pages of 2,500 would
    // rewrite it about ten times over for 50,000 accounts.
    let rewritten = |pages: &[usize]| {
        pages
            .iter()
            .scan(0usize, |held, p| {
                let before = *held;
                *held += p;
                Some(before)
            })
            .sum::<usize>()
    };
    let growing = rewritten(&catch_up_pages(50_000));
    let fixed = rewritten(&[CATCH_UP_FIRST; 20]);
    assert!(growing <= 3 * 50_000, "{growing}");
    assert!(fixed >= 9 * 50_000, "{fixed}");
}

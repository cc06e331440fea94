//! IndexedDB tests of the book, run in headless Chromium (`make test-browser`).
#![cfg(target_arch = "wasm32")]

use agency_desk::domain::backup::BackupData;
use agency_desk::domain::book::{Account, Book, Department, Policy};
use agency_desk::domain::demo::demo_agency;
use agency_desk::domain::import::plan::ChangeSet;
use agency_desk::storage::{self, book, schema, settings};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(workspace: &str) -> rexie::Rexie {
    rexie::Rexie::delete(&storage::database_name(workspace)).await.expect("delete old test database");
    storage::open_workspace(workspace).await.expect("open test database")
}

fn sample() -> (Account, Policy) {
    let mut a = Account::new("a1", "Harbor Bakery", Department::Cl);
    a.revision = 1;
    let mut p = Policy::new("p1", "a1");
    p.policy_number = "BOP-1".into();
    p.commission = 60_000;
    p.revision = 1;
    (a, p)
}

#[wasm_bindgen_test]
async fn a_version_1_database_upgrades_with_every_record_kept() {
    let name = "test-upgrade";
    rexie::Rexie::delete(&storage::database_name(name)).await.unwrap();
    let v1 = storage::open_at(name, &schema::HISTORY[0]).await.unwrap();
    assert_eq!(v1.version().unwrap(), 1);
    settings::put(&v1, settings::AGENCY_NAME, &"Old Agency".to_string()).await.unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    settings::put(&v1, settings::AS_OF_DATE, &date).await.unwrap();
    v1.close();

    let db = storage::open_workspace(name).await.unwrap();
    assert_eq!(db.version().unwrap(), schema::current().version);
    assert_eq!(settings::get::<String>(&db, settings::AGENCY_NAME).await.unwrap().as_deref(), Some("Old Agency"));
    assert_eq!(settings::get(&db, settings::AS_OF_DATE).await.unwrap(), Some(date));
    // The new stores are there and usable.
    let (a, p) = sample();
    let changes = ChangeSet { put_accounts: vec![a], put_policies: vec![p], ..Default::default() };
    book::apply_changes(&db, &changes, "t").await.unwrap();
    assert_eq!(book::load_book(&db).await.unwrap().accounts.len(), 1);
    db.close();
}

#[wasm_bindgen_test]
async fn changes_round_trip_and_stale_edits_are_refused() {
    let db = fresh("test-book").await;
    let (a, p) = sample();
    let changes = ChangeSet { put_accounts: vec![a.clone()], put_policies: vec![p.clone()], ..Default::default() };
    book::apply_changes(&db, &changes, "2026-11-22T10:00:00Z").await.unwrap();
    let loaded = book::load_book(&db).await.unwrap();
    assert_eq!(loaded, Book { accounts: vec![a.clone()], policies: vec![p.clone()] });
    assert_eq!(
        settings::get::<String>(&db, settings::LAST_CHANGE_AT).await.unwrap().as_deref(),
        Some("2026-11-22T10:00:00Z")
    );

    // Tab one saves revision 2 from revision 1.
    let mut edit = a.clone();
    edit.notes = "first".into();
    edit.revision = 2;
    book::save_account(&db, &edit, Some(1), "t").await.unwrap();
    // Tab two still holds revision 1: refused, and the first edit stays.
    let mut stale = a.clone();
    stale.notes = "second".into();
    stale.revision = 2;
    let err = book::save_account(&db, &stale, Some(1), "t").await.unwrap_err();
    assert!(err.message.contains("another tab"), "{}", err.message);
    assert_eq!(book::load_book(&db).await.unwrap().accounts[0].notes, "first");
    // A new account must not exist yet.
    let other = Account::new("a2", "New Co", Department::Pl);
    assert!(book::save_account(&db, &other, Some(3), "t").await.is_err());
    book::save_account(&db, &other, None, "t").await.unwrap();

    // Deleting an account and its policy is one change set.
    let delete = ChangeSet { delete_account_ids: vec!["a1".into()], delete_policy_ids: vec!["p1".into()], ..Default::default() };
    book::apply_changes(&db, &delete, "t").await.unwrap();
    let left = book::load_book(&db).await.unwrap();
    assert_eq!(left.accounts.len(), 1);
    assert!(left.policies.is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn restore_replaces_everything_and_keeps_a_safety_copy() {
    let db = fresh("test-restore").await;
    let (a, p) = sample();
    book::apply_changes(&db, &ChangeSet { put_accounts: vec![a], put_policies: vec![p], ..Default::default() }, "t")
        .await
        .unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let demo = demo_agency(as_of);
    book::replace_all(&db, &demo, Some(("copy-1", "{\"old\":true}")), "t").await.unwrap();
    let exported: BackupData = book::export_data(&db).await.unwrap();
    assert_eq!(exported.book.accounts.len(), demo.book.accounts.len());
    assert_eq!(exported.book.policies.len(), demo.book.policies.len());
    assert_eq!(exported.agency_name, demo.agency_name);
    assert_eq!(exported.profile, demo.profile);
    assert!(exported.book.accounts.iter().all(|x| x.id != "a1"));
    assert_eq!(book::safety_copy_count(&db).await.unwrap(), 1);
    db.close();
}

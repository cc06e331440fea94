//! Writes the browser refuses, run in headless Chromium (`make test-browser`).
//!
//! A full disk shows up in IndexedDB as a transaction that aborts at commit
//! after every request in it succeeded. `refuse_writes` makes the browser do
//! exactly that to every read-write transaction until `allow_writes`: each
//! request runs and succeeds, then, once nothing is pending, the
//! transaction is aborted. Every write path must then report a failure of
//! kind `Refused`, and what is stored must be what was there before.
#![cfg(target_arch = "wasm32")]

use agency_desk::domain::backup::BackupData;
use agency_desk::domain::book::{Account, Department, Policy};
use agency_desk::domain::changes::ChangeSet;
use agency_desk::domain::renewals::board::RenewalRecord;
use agency_desk::domain::renewals::lifecycle;
use agency_desk::domain::roles::trainee::Trainee;
use agency_desk::storage::{self, StorageError, book, renewals, settings, trainees};
use chrono::NaiveDate;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/refuse-writes.js")]
extern "C" {
    fn refuse_writes();
    fn allow_writes();
}

async fn fresh(workspace: &str) -> rexie::Rexie {
    rexie::Rexie::delete(&storage::database_name(workspace)).await.expect("delete old test database");
    storage::open_workspace(workspace).await.expect("open test database")
}

fn account(id: &str, name: &str) -> Account {
    let mut a = Account::new(id, name, Department::Cl);
    a.revision = 1;
    a
}

fn policy(id: &str, account: &str, number: &str) -> Policy {
    let mut p = Policy::new(id, account);
    p.policy_number = number.into();
    p.commission = 50_000;
    p.expiration = NaiveDate::from_ymd_opt(2027, 3, 1);
    p.effective = NaiveDate::from_ymd_opt(2026, 3, 1);
    p.revision = 1;
    p
}

/// A workspace with one account, one policy, one trainee, one renewal
/// record and a name: what every test starts from.
async fn seeded(workspace: &str) -> rexie::Rexie {
    let db = fresh(workspace).await;
    let changes = ChangeSet {
        put_accounts: vec![account("a1", "Harbor Bakery")],
        put_policies: vec![policy("p1", "a1", "BOP-1")],
        ..Default::default()
    };
    book::apply_changes(&db, &changes, "t0").await.unwrap();
    let t = trainee("t1", "Dana");
    trainees::save_trainee(&db, &t, None, "t0").await.unwrap();
    let mut r = RenewalRecord::new("a1", NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
    r.notes = "Before".into();
    r.revision = 1;
    renewals::save_record(&db, &r, None, "t0").await.unwrap();
    settings::put(&db, settings::AGENCY_NAME, &"Lakeside".to_string()).await.unwrap();
    db
}

fn trainee(id: &str, name: &str) -> Trainee {
    Trainee {
        id: id.into(),
        name: name.into(),
        role: "Client Manager".into(),
        start_date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        trainer: "Pat".into(),
        revision: 1,
        updated_at: String::new(),
        progress: Default::default(),
    }
}

/// The workspace is exactly as [`seeded`] left it.
async fn unchanged(db: &rexie::Rexie) {
    let w = storage::workspace::load_workspace(db).await.unwrap();
    let names: Vec<&str> = w.book.accounts.iter().map(|a| a.client_name.as_str()).collect();
    assert_eq!(names, vec!["Harbor Bakery"]);
    assert_eq!(w.book.accounts[0].notes, "");
    let numbers: Vec<&str> = w.book.policies.iter().map(|p| p.policy_number.as_str()).collect();
    assert_eq!(numbers, vec!["BOP-1"]);
    assert_eq!(w.book.policies[0].expiration, NaiveDate::from_ymd_opt(2027, 3, 1));
    let people: Vec<&str> = w.trainees.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(people, vec!["Dana"]);
    assert_eq!(w.renewals.len(), 1);
    assert_eq!(w.renewals[0].notes, "Before");
    assert!(w.renewals[0].ticks.is_empty());
    assert_eq!(w.settings.get::<String>(settings::AGENCY_NAME).unwrap().as_deref(), Some("Lakeside"));
    assert_eq!(w.settings.get::<String>(settings::LAST_CHANGE_AT).unwrap().as_deref(), Some("t0"));
    assert_eq!(storage::workspace::safety_copy_count(db).await.unwrap(), 0);
}

/// `result` is the refusal of a write: its kind, and words that say
/// nothing was changed.
fn refused<T: std::fmt::Debug>(result: Result<T, StorageError>, what: &str) {
    let err = result.expect_err(what);
    assert!(err.not_stored(), "{what}: {err}");
    assert!(err.to_string().contains("Nothing was changed"), "{what}: {err}");
}

#[wasm_bindgen_test]
async fn every_write_the_browser_aborts_is_reported_and_changes_nothing() {
    let db = seeded("test-faults").await;
    unchanged(&db).await;
    refuse_writes();

    // An import (any change set).
    let import = ChangeSet {
        put_accounts: (0..500).map(|i| account(&format!("n{i:04}"), &format!("New {i}"))).collect(),
        ..Default::default()
    };
    refused(book::apply_changes(&db, &import, "t1").await, "import");

    // An account's note, a policy.
    let mut edited = account("a1", "Harbor Bakery");
    edited.notes = "A long note ".repeat(1000);
    edited.revision = 2;
    refused(book::save_account(&db, &edited, Some(1), "t1").await, "account note");
    let mut renewed = policy("p1", "a1", "BOP-1");
    renewed.expiration = NaiveDate::from_ymd_opt(2028, 3, 1);
    renewed.revision = 2;
    refused(book::save_policy(&db, &renewed, Some(1), "t1").await, "policy");

    // A trainee saved, another removed.
    refused(trainees::save_trainee(&db, &trainee("t2", "Eli"), None, "t1").await, "new trainee");
    refused(trainees::delete_trainee(&db, "t1", "t1").await, "trainee removal");

    // A renewal: notes, a tick, binding.
    let mut notes = RenewalRecord::new("a1", NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
    notes.notes = "After".into();
    notes.revision = 2;
    refused(renewals::save_record(&db, &notes, Some(1), "t1").await, "renewal notes");
    let key = (notes.id.as_str(), "a1", notes.expiration);
    let on = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    refused(renewals::change_record(&db, key, "t1", |r| r.set_tick("x", Some(("Ann", on)), None, "X")).await, "tick");
    let bind = |r: &mut RenewalRecord, policies: &mut Vec<Policy>| {
        let rows = lifecycle::bind_rows(&policies.iter().collect::<Vec<_>>(), r.expiration);
        r.outcome = Some(lifecycle::bind(policies, r.expiration, &rows, on, "Ann", "t1")?);
        Ok(())
    };
    refused(renewals::decide(&db, key, Some(1), "t1", bind).await, "binding");
    let lose = |r: &mut RenewalRecord, policies: &mut Vec<Policy>| {
        r.outcome = Some(lifecycle::lose(policies, r.expiration, "Price", "", on, "Ann", "t1")?);
        Ok(())
    };
    refused(renewals::decide(&db, key, Some(1), "t1", lose).await, "losing");

    // Settings: a put, a read-modify-write, a removal.
    refused(settings::put(&db, settings::AGENCY_NAME, &"Renamed".to_string()).await, "agency name");
    refused(settings::update(&db, settings::AGENCY_NAME, |n: &mut String| n.push('!')).await, "setting update");
    refused(settings::remove(&db, settings::AGENCY_NAME).await, "setting removal");

    // A restore (with its safety copy) and a demo rebuild.
    let incoming = BackupData { agency_name: "Other".into(), ..Default::default() };
    refused(storage::workspace::replace_all(&db, &incoming, Some(("before-restore-x", "{}")), "t1").await, "restore");
    refused(storage::workspace::replace_all(&db, &incoming, None, "t1").await, "demo rebuild");

    allow_writes();
    unchanged(&db).await;
    // And writes work again once the browser takes them.
    settings::put(&db, settings::AGENCY_NAME, &"Renamed".to_string()).await.unwrap();
    assert_eq!(settings::get::<String>(&db, settings::AGENCY_NAME).await.unwrap().as_deref(), Some("Renamed"));
    db.close();
}

/// A data step between versions that the browser refuses leaves the old
/// records and the old data format, so it runs again on the next open.
#[wasm_bindgen_test]
async fn a_refused_data_step_is_reported_and_runs_again_later() {
    let name = "test-faults-upgrade";
    rexie::Rexie::delete(&storage::database_name(name)).await.unwrap();
    let v5 = storage::open_at(name, &storage::schema::HISTORY[4]).await.unwrap();
    let record = serde_json::json!({"id": "a1", "account": account("a1", "Harbor Bakery"), "policies": [policy("p1", "a1", "BOP-1")]});
    let tx = v5.transaction(&["accounts", "settings"], rexie::TransactionMode::ReadWrite).unwrap();
    let js = |v: &serde_json::Value| js_sys::JSON::parse(&v.to_string()).unwrap();
    tx.store("accounts").unwrap().put(&js(&record), None).await.unwrap();
    tx.store("settings")
        .unwrap()
        .put(&js(&serde_json::json!({"key": "data_version", "value": 4})), None)
        .await
        .unwrap();
    tx.done().await.unwrap();
    v5.close();

    refuse_writes();
    let err = storage::open_workspace(name).await.expect_err("the data step was refused");
    allow_writes();
    assert!(err.not_stored(), "{}", err.to_string());
    let db = storage::open_workspace(name).await.unwrap();
    let w = storage::workspace::load_workspace(&db).await.unwrap();
    assert_eq!(w.book.accounts.len(), 1);
    assert_eq!(w.book.policies.len(), 1);
    db.close();
}

/// A refused restore keeps no safety copy; a taken one is kept, and only
/// the newest three are.
#[wasm_bindgen_test]
async fn restores_keep_the_newest_three_safety_copies() {
    let db = seeded("test-safety-copies").await;
    let incoming = BackupData { agency_name: "Lakeside".into(), ..Default::default() };
    for i in 0..5 {
        let id = format!("before-restore-2026-12-0{}T10:00:00.000Z", i + 1);
        storage::workspace::replace_all(&db, &incoming, Some((&id, &format!("copy {i}"))), "t").await.unwrap();
    }
    let copies = storage::workspace::safety_copies(&db).await.unwrap();
    let held: Vec<&str> = copies.iter().map(|c| c.backup.as_str()).collect();
    assert_eq!(held, vec!["copy 4", "copy 3", "copy 2"]);
    assert_eq!(copies[0].id, "before-restore-2026-12-05T10:00:00.000Z");
    db.close();
}

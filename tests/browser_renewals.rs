//! A renewal's lifecycle in IndexedDB, run in headless Chromium (`make
//! test-browser`): the tracking start set once by the first import and by
//! the upgrade of an older workspace; binding and losing written with the
//! account's policies in one transaction, refused from an older version,
//! and undone.
#![cfg(target_arch = "wasm32")]

use agency_desk::domain::book::{Account, Department, Policy, PolicyStatus};
use agency_desk::domain::changes::ChangeSet;
use agency_desk::domain::renewals::board::{Outcome, RenewalRecord, renewal_id};
use agency_desk::domain::renewals::lifecycle;
use agency_desk::storage::{self, book, renewals, settings};
use chrono::NaiveDate;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn fresh(workspace: &str) -> rexie::Rexie {
    rexie::Rexie::delete(&storage::database_name(workspace)).await.expect("delete old test database");
    storage::open_workspace(workspace).await.expect("open test database")
}

/// Maria Garcia: a 6-month auto and a 12-month home policy.
fn maria() -> ChangeSet {
    let mut a = Account::new("a1", "Maria Garcia", Department::Pl);
    a.revision = 1;
    a.updated_at = "2026-03-04T09:00:00Z".into();
    let policy = |id: &str, eff: NaiveDate, exp: NaiveDate, commission: i64| {
        let mut p = Policy::new(id, "a1");
        p.policy_number = id.to_uppercase();
        (p.effective, p.expiration, p.commission, p.revision) = (Some(eff), Some(exp), commission, 1);
        p
    };
    ChangeSet {
        put_accounts: vec![a],
        put_policies: vec![
            policy("pa-1", d(2026, 5, 10), d(2026, 11, 10), 120_00),
            policy("ho-1", d(2026, 5, 10), d(2027, 5, 10), 225_00),
        ],
        ..Default::default()
    }
}

#[wasm_bindgen_test]
async fn the_first_import_starts_tracking_and_later_ones_keep_it() {
    let db = fresh("test-tracking").await;
    book::apply_changes(&db, &ChangeSet { tracking_start: Some(d(2026, 11, 22)), ..maria() }, "t1").await.unwrap();
    assert_eq!(settings::get::<NaiveDate>(&db, settings::TRACKING_START).await.unwrap(), Some(d(2026, 11, 22)));
    book::apply_changes(&db, &ChangeSet { tracking_start: Some(d(2027, 2, 1)), ..maria() }, "t2").await.unwrap();
    assert_eq!(
        settings::get::<NaiveDate>(&db, settings::TRACKING_START).await.unwrap(),
        Some(d(2026, 11, 22)),
        "the first one stays"
    );
    db.close();
}

#[wasm_bindgen_test]
async fn a_workspace_from_before_tracking_gets_its_first_save_day_on_upgrade() {
    let name = "test-tracking-upgrade";
    let db = fresh(name).await;
    book::apply_changes(&db, &maria(), "t1").await.unwrap();
    settings::put(&db, storage::migrate::DATA_VERSION, &5u32).await.unwrap();
    settings::remove(&db, settings::TRACKING_START).await.unwrap();
    db.close();
    let (db, _) = storage::workspace::open_and_load(name).await.unwrap();
    assert_eq!(
        settings::get::<u32>(&db, storage::migrate::DATA_VERSION).await.unwrap(),
        Some(storage::migrate::CURRENT)
    );
    assert_eq!(settings::get::<NaiveDate>(&db, settings::TRACKING_START).await.unwrap(), Some(d(2026, 3, 4)));
    db.close();
}

#[wasm_bindgen_test]
async fn binding_moves_the_policies_with_the_record_and_undo_puts_them_back() {
    let db = fresh("test-bind").await;
    book::apply_changes(&db, &maria(), "t1").await.unwrap();
    let exp = d(2026, 11, 10);
    let id = renewal_id("a1", exp);
    let key = (id.as_str(), "a1", exp);
    let bind = |r: &mut RenewalRecord, policies: &mut Vec<Policy>| {
        let mut rows = lifecycle::bind_rows(&policies.iter().collect::<Vec<_>>(), r.expiration);
        rows[0].commission = 95_00;
        r.outcome = Some(lifecycle::bind(policies, r.expiration, &rows, d(2026, 11, 22), "Ann", "t2")?);
        Ok(())
    };
    let saved = renewals::decide(&db, key, None, "t2", bind).await.unwrap();
    assert_eq!(saved.revision, 1);
    let auto = |b: &agency_desk::domain::book::Book| b.policies.iter().find(|p| p.id == "pa-1").cloned().unwrap();
    let stored = book::load_book(&db).await.unwrap();
    assert_eq!(
        (auto(&stored).expiration, auto(&stored).commission),
        (Some(d(2027, 5, 10)), 95_00),
        "six months on, new commission"
    );
    assert_eq!(auto(&stored).terms[0].commission, 120_00);
    // A second tab that still saw no record binds again: refused, nothing moves twice.
    let err = renewals::decide(&db, key, None, "t3", bind).await.unwrap_err();
    assert!(matches!(err, storage::StorageError::Stale(_)), "{}", err.to_string());
    assert_eq!(book::load_book(&db).await.unwrap(), stored);
    // Undo from the stored record.
    renewals::decide(&db, key, Some(1), "t4", |r, policies| {
        let outcome = r.outcome.take().ok_or("no outcome")?;
        lifecycle::undo(policies, r.expiration, &outcome, "t4")
    })
    .await
    .unwrap();
    let back = book::load_book(&db).await.unwrap();
    assert_eq!((auto(&back).expiration, auto(&back).commission, auto(&back).terms.len()), (Some(exp), 120_00, 0));
    // Then lost: the policy is kept, marked lost, out of revenue.
    let lost = renewals::decide(&db, key, Some(2), "t5", |r, policies| {
        r.outcome = Some(lifecycle::lose(policies, r.expiration, "Price", "", d(2026, 11, 23), "Ann", "t5")?);
        Ok(())
    })
    .await
    .unwrap();
    assert!(matches!(lost.outcome, Some(Outcome::Lost { .. })));
    let after = book::load_book(&db).await.unwrap();
    assert_eq!(auto(&after).status, PolicyStatus::Lost);
    assert_eq!(after.index().revenue("a1"), 225_00);
    db.close();
}

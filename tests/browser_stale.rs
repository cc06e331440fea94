//! Saves from two tabs, run in headless Chromium (`make test-browser`):
//! each save applies to what is stored, and one based on an older version
//! is refused with a message, never written over the newer one.
#![cfg(target_arch = "wasm32")]

use agency_desk::domain::renewals::board::{RenewalRecord, renewal_id};
use agency_desk::domain::renewals::plan::ServicePlan;
use agency_desk::storage::{self, renewals, settings};
use chrono::NaiveDate;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(workspace: &str) -> rexie::Rexie {
    rexie::Rexie::delete(&storage::database_name(workspace)).await.expect("delete old test database");
    storage::open_workspace(workspace).await.expect("open test database")
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

#[wasm_bindgen_test]
async fn a_whole_setting_saved_from_an_older_version_is_refused() {
    let db = fresh("test-stale-settings").await;
    let original = ServicePlan::original();
    // Tab A and tab B both open the plan editor on the original plan.
    let mut a = original.clone();
    a.milestones[0].title = "Tab A's title".into();
    let mut b = original.clone();
    b.milestones[0].title = "Tab B's title".into();
    // Never saved before: A's save goes in.
    settings::change(
        &db,
        settings::SERVICE_PLAN,
        settings::replace_if_unchanged(original.clone(), a.clone(), "The plan"),
    )
    .await
    .unwrap();
    // B began from the original too: refused, A's plan stays.
    let err = settings::change(
        &db,
        settings::SERVICE_PLAN,
        settings::replace_if_unchanged(original.clone(), b.clone(), "The plan"),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, storage::StorageError::Stale(_)), "{}", err.to_string());
    assert!(err.to_string().starts_with("The plan was changed in another tab"), "{}", err.to_string());
    assert_eq!(settings::get::<ServicePlan>(&db, settings::SERVICE_PLAN).await.unwrap(), Some(a.clone()));
    // Saving again from the newer version replaces it on purpose.
    settings::change(&db, settings::SERVICE_PLAN, settings::replace_if_unchanged(a, b.clone(), "The plan"))
        .await
        .unwrap();
    assert_eq!(settings::get::<ServicePlan>(&db, settings::SERVICE_PLAN).await.unwrap(), Some(b));
    db.close();
}

#[wasm_bindgen_test]
async fn ticks_from_two_tabs_on_different_items_are_both_kept_and_the_same_item_is_never_toggled() {
    let db = fresh("test-stale-ticks").await;
    let expiration = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let id = renewal_id("a1", expiration);
    let key = (id.as_str(), "a1", expiration);
    // Both tabs see no record yet; each ticks a different item.
    renewals::change_record(&db, key, "t1", |r| r.set_tick("x", Some(("Ann", day(2))), None, "X")).await.unwrap();
    let saved =
        renewals::change_record(&db, key, "t2", |r| r.set_tick("y", Some(("Bea", day(2))), None, "Y")).await.unwrap();
    assert!(saved.tick("x").is_some() && saved.tick("y").is_some(), "{saved:?}");
    assert_eq!(saved.revision, 2);

    // Bea still saw x open and clicks it meaning "done": refused, Ann's tick kept.
    let err = renewals::change_record(&db, key, "t3", |r| r.set_tick("x", Some(("Bea", day(3))), None, "X"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Ann"), "{}", err.to_string());
    let stored = load(&db, &id).await;
    assert_eq!(stored.tick("x").map(|t| t.by.as_str()), Some("Ann"));
    assert_eq!(stored.revision, 2, "nothing written");

    // Notes: a save from an older text is refused with the newer one quoted.
    renewals::change_record(&db, key, "t4", |r| r.set_notes("Loss runs in", "")).await.unwrap();
    let err = renewals::change_record(&db, key, "t5", |r| r.set_notes("Quote sent", "")).await.unwrap_err();
    assert!(err.to_string().contains("Loss runs in"), "{}", err.to_string());
    assert_eq!(load(&db, &id).await.notes, "Loss runs in");
    db.close();
}

async fn load(db: &rexie::Rexie, id: &str) -> RenewalRecord {
    let w = storage::workspace::load_workspace(db).await.unwrap();
    w.renewals.into_iter().find(|r| r.id == id).expect("the record")
}

//! IndexedDB tests, run in headless Chromium (`make test-browser`).
#![cfg(target_arch = "wasm32")]

use agency_desk::storage::{self, schema, settings};
use chrono::NaiveDate;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Each test uses its own database, deleted first so reruns start clean.
async fn fresh(workspace: &str) -> rexie::Rexie {
    rexie::Rexie::delete(&storage::database_name(workspace)).await.expect("delete old test database");
    storage::open_workspace(workspace).await.expect("open test database")
}

#[wasm_bindgen_test]
async fn settings_round_trip_through_indexeddb() {
    let db = fresh("test-settings").await;
    assert_eq!(settings::get::<String>(&db, settings::AGENCY_NAME).await.unwrap(), None);

    settings::put(&db, settings::AGENCY_NAME, &"Lakeside Insurance".to_string()).await.unwrap();
    let date = NaiveDate::from_ymd_opt(2027, 2, 28).unwrap();
    settings::put(&db, settings::AS_OF_DATE, &date).await.unwrap();
    db.close();

    // A new connection sees what the first one wrote.
    let db = storage::open_workspace("test-settings").await.unwrap();
    assert_eq!(
        settings::get::<String>(&db, settings::AGENCY_NAME).await.unwrap().as_deref(),
        Some("Lakeside Insurance")
    );
    assert_eq!(settings::get::<NaiveDate>(&db, settings::AS_OF_DATE).await.unwrap(), Some(date));

    settings::remove(&db, settings::AS_OF_DATE).await.unwrap();
    assert_eq!(settings::get::<NaiveDate>(&db, settings::AS_OF_DATE).await.unwrap(), None);
    db.close();
}

#[wasm_bindgen_test]
async fn the_current_schema_declares_every_store() {
    let db = fresh("test-schema").await;
    let mut names = db.store_names();
    names.sort();
    let mut expected: Vec<String> = schema::current().stores.iter().map(|s| s.name.to_string()).collect();
    expected.sort();
    assert_eq!(names, expected);
    assert_eq!(db.version().unwrap(), schema::current().version);
    db.close();
}

#[wasm_bindgen_test]
async fn a_setting_of_the_wrong_shape_is_an_error_not_a_panic() {
    let db = fresh("test-shape").await;
    // The same key, declared with the wrong type, to store a bad value.
    const AS_TEXT: settings::Setting<String> = settings::Setting::new(settings::AS_OF_DATE.key, "The as-of date");
    settings::put(&db, AS_TEXT, &"not a date".to_string()).await.unwrap();
    let err = settings::get::<NaiveDate>(&db, settings::AS_OF_DATE).await.unwrap_err();
    assert!(err.to_string().contains("as_of_date"), "{}", err.to_string());
    db.close();
}

/// A refused request is explained with the browser's own exception, not
/// just "idb error".
#[wasm_bindgen_test]
async fn a_refused_write_says_what_the_browser_said() {
    let db = fresh("test-refused").await;
    let tx = db.transaction(&[schema::SETTINGS.name], rexie::TransactionMode::ReadWrite).unwrap();
    // A settings record without its key field cannot be stored.
    let keyless = js_sys::JSON::parse(r#"{"value": 1}"#).unwrap();
    let err = tx.store(schema::SETTINGS.name).unwrap().put(&keyless, None).await.unwrap_err();
    let _ = tx.abort().await;
    let message = storage::StorageError::from(err).to_string();
    assert!(message.contains("DataError"), "{message}");
    assert!(!message.contains("idb error"), "{message}");
    db.close();
}

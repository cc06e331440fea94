//! Rust values to and from the browser's: records, settings records, and
//! the browser's storage errors in words.

use super::error::{Abort, Cause, StorageError};
use super::format::settings::Setting;
use rexie::Transaction;
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

/// A value as the JavaScript object stored for it.
pub(super) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StorageError::new("prepare a record for saving", e))
}

/// A stored object as a `T`; `what` names it in the error.
pub(super) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StorageError::new(&format!("read a saved {what}"), e))
}

/// A stored value read by `get`: None when there was none.
pub(super) fn found(value: Option<JsValue>) -> Option<JsValue> {
    value.filter(|v| !v.is_undefined())
}

/// The stored record of `setting` with `value` (see
/// [`super::format::settings::Record`]).
pub(super) fn setting_value<T: Serialize>(setting: Setting<T>, value: &T) -> Result<JsValue, StorageError> {
    setting
        .record(value)
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StorageError::new("prepare a setting for saving", e))
}

/// A setting's stored record, read as `setting`'s value.
pub(super) fn setting_of<T: DeserializeOwned>(setting: Setting<T>, value: JsValue) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value::<super::format::settings::Record<String, T>>(value)
        .map(|r| r.value)
        .map_err(|e| setting.unreadable(e))
}

/// Many records to JavaScript objects at once: one JSON text parsed by the
/// browser is several times faster than converting record by record.
fn to_js_many<T: Serialize>(values: &[T]) -> Result<Vec<JsValue>, Cause> {
    let text =
        serde_json::to_string(values).map_err(|e| Cause(format!("a record could not be prepared for saving ({e})")))?;
    let array =
        js_sys::JSON::parse(&text).map_err(|_| Cause("the browser refused the data prepared for saving".into()))?;
    Ok(js_sys::Array::from(&array).iter().collect())
}

/// Writes `records` into `store`: all requests are issued at once, it
/// resolves when the last has succeeded, and a failed one aborts the
/// whole transaction.
pub(super) async fn put_many<T: Serialize>(store: &rexie::Store, records: &[T]) -> Result<(), Cause> {
    let values = to_js_many(records)?;
    store.put_all(values.into_iter().map(|v| (v, None))).await?;
    Ok(())
}

/// Every record of `store` (`what` names one in errors).
pub(super) async fn all<T: DeserializeOwned>(
    tx: &Transaction,
    store: &str,
    what: &str,
) -> Result<Vec<T>, StorageError> {
    json_records(tx.store(store)?.get_all(None, None).await?, what)
}

/// Records read from IndexedDB to Rust values through one JSON text: the
/// browser writes it in one call, which is several times faster than
/// converting record by record.
fn json_records<T: DeserializeOwned>(values: Vec<JsValue>, what: &str) -> Result<Vec<T>, StorageError> {
    let array: js_sys::Array = values.into_iter().collect();
    let text = js_sys::JSON::stringify(&array)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| StorageError::new(&format!("read the saved {what}s"), "the browser could not serialize them"))?;
    serde_json::from_str(&text).map_err(|e| StorageError::new(&format!("read the saved {what}s"), e))
}

/// What went wrong in the browser's storage, in its own words: rexie's
/// own text for a failed request is only "idb error", the browser's
/// exception (say "QuotaExceededError: …") is underneath it.
pub(super) fn describe(e: &rexie::Error) -> String {
    match e {
        rexie::Error::IdbError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}

impl From<rexie::Error> for StorageError {
    fn from(e: rexie::Error) -> Self {
        let words = describe(&e);
        if words.contains("connection is closing") {
            // The browser closes a database after a write fails on a full
            // disk; ui::sync then shows a banner asking for a reload.
            return StorageError::Aborted(Abort::Closed);
        }
        StorageError::new("use the browser's storage", words)
    }
}

impl From<rexie::Error> for Cause {
    fn from(e: rexie::Error) -> Self {
        Cause(describe(&e))
    }
}

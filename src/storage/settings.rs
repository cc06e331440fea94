//! The settings store: small named values of a workspace, one record each.

use super::db::{StorageError, finish};
use super::schema::SETTINGS;
use rexie::{Rexie, TransactionMode};
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

/// Setting: the agency's (workspace's) display name.
pub const AGENCY_NAME: &str = "agency_name";
/// Setting: the as-of date saved in Settings (absent means "today").
pub const AS_OF_DATE: &str = "as_of_date";
/// Setting: departments and staff ([`crate::domain::book::AgencyProfile`]).
pub const PROFILE: &str = "profile";
/// Setting: the profitability inputs ([`crate::domain::profitability::analysis::ProfitSettings`]).
pub const PROFITABILITY: &str = "profitability";
/// Setting: when the book last changed (RFC 3339).
pub const LAST_CHANGE_AT: &str = "last_change_at";
/// Setting: renewal lead times ([`crate::domain::renewals::board::LeadTimes`]).
pub const RENEWAL_LEADS: &str = "renewal_leads";
/// Setting: the agency's edited Client Service Plan (absent: the original).
pub const SERVICE_PLAN: &str = "service_plan";
/// Setting: the agency's plans and their assignments
/// ([`crate::domain::renewals::plans::PlanSet`]; absent: the plans that
/// come with the app, or [`SERVICE_PLAN`] of an earlier version).
pub const SERVICE_PLANS: &str = "service_plans";
/// Setting: the agency's edited role library (absent: the original).
pub const ROLE_LIBRARY: &str = "role_library";
/// Setting: the service-model questionnaire's answers.
pub const ADVISOR: &str = "advisor";
/// Setting: when renewal tracking began ([`crate::domain::renewals::board::Tracking`]):
/// set by the first import, editable in Settings and on the board.
pub const TRACKING_START: &str = "tracking_start";
/// Setting: when the last backup was exported (RFC 3339).
pub const LAST_BACKUP_AT: &str = "last_backup_at";

/// How a setting is named to the person using the app.
pub fn describe(key: &str) -> &'static str {
    match key {
        AGENCY_NAME => "The agency name",
        PROFILE => "The departments and staff",
        PROFITABILITY => "The profitability baseline",
        RENEWAL_LEADS => "The renewal lead times",
        SERVICE_PLAN => "The Client Service Plan",
        SERVICE_PLANS => "The Client Service Plans",
        ROLE_LIBRARY => "The role library",
        ADVISOR => "The service-model answers",
        TRACKING_START => "The tracking start",
        _ => "This setting",
    }
}

#[derive(Serialize, Deserialize)]
struct Record<T> {
    key: String,
    value: T,
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StorageError::new("prepare a setting for saving", e))
}

/// Reads a setting; `Ok(None)` when it was never saved.
pub async fn get<T: DeserializeOwned>(db: &Rexie, key: &str) -> Result<Option<T>, StorageError> {
    let tx = db.transaction(&[SETTINGS.name], TransactionMode::ReadOnly)?;
    let found = tx.store(SETTINGS.name)?.get(JsValue::from_str(key)).await?;
    tx.done().await?;
    match found {
        None => Ok(None),
        Some(js) if js.is_undefined() => Ok(None),
        Some(js) => serde_wasm_bindgen::from_value::<Record<T>>(js)
            .map(|r| Some(r.value))
            .map_err(|e| StorageError::new(&format!("read the saved setting \"{key}\""), e)),
    }
}

/// Every setting of a workspace, read at once (one transaction instead of
/// one per setting when a page loads).
pub struct Snapshot {
    values: std::collections::HashMap<String, serde_json::Value>,
}

impl Snapshot {
    /// A setting of the snapshot; `Ok(None)` when it was never saved.
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StorageError> {
        match self.values.get(key) {
            None => Ok(None),
            Some(v) => serde_json::from_value(v.clone())
                .map(Some)
                .map_err(|e| StorageError::new(&format!("read the saved setting \"{key}\""), e)),
        }
    }
}

/// Reads every setting inside `tx` (which must include the settings store).
pub async fn snapshot_in(tx: &rexie::Transaction) -> Result<Snapshot, StorageError> {
    let found = tx.store(SETTINGS.name)?.get_all(None, None).await?;
    let mut values = std::collections::HashMap::new();
    for js in found {
        let record: Record<serde_json::Value> =
            serde_wasm_bindgen::from_value(js).map_err(|e| StorageError::new("read the saved settings", e))?;
        values.insert(record.key, record.value);
    }
    Ok(Snapshot { values })
}

/// Saves a setting in its own transaction.
pub async fn put<T: Serialize>(db: &Rexie, key: &str, value: &T) -> Result<(), StorageError> {
    let record = to_js(&Record { key: key.to_string(), value })?;
    let tx = db.transaction(&[SETTINGS.name], TransactionMode::ReadWrite)?;
    let result = async {
        tx.store(SETTINGS.name)?.put(&record, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "save the setting").await
}

/// Removes a setting (no error when it was not there).
pub async fn remove(db: &Rexie, key: &str) -> Result<(), StorageError> {
    let tx = db.transaction(&[SETTINGS.name], TransactionMode::ReadWrite)?;
    let result = async {
        tx.store(SETTINGS.name)?.delete(JsValue::from_str(key)).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "save the setting").await
}

/// Reads a setting, applies `change` to it (the default when it was never
/// saved) and writes it back, in one transaction: a change made in another
/// tab meanwhile is kept, not overwritten with this tab's older copy.
/// Returns the value as saved.
pub async fn update<T: Serialize + DeserializeOwned + Default>(
    db: &Rexie,
    key: &str,
    change: impl FnOnce(&mut T),
) -> Result<T, StorageError> {
    self::change(db, key, |stored: Option<T>| {
        let mut value = stored.unwrap_or_default();
        change(&mut value);
        Ok(value)
    })
    .await
}

/// Reads a setting (None when it was never saved), lets `change` check it
/// and give the value to store, and writes that, in one transaction. A
/// refusal from `change` is returned and nothing is written. Returns the
/// value as saved.
pub async fn change<T: Serialize + DeserializeOwned>(
    db: &Rexie,
    key: &str,
    change: impl FnOnce(Option<T>) -> Result<T, StorageError>,
) -> Result<T, StorageError> {
    let tx = db.transaction(&[SETTINGS.name], TransactionMode::ReadWrite)?;
    let store = tx.store(SETTINGS.name)?;
    let stored: Option<T> = match store.get(JsValue::from_str(key)).await? {
        Some(js) if !js.is_undefined() => Some(
            serde_wasm_bindgen::from_value::<Record<T>>(js)
                .map(|r| r.value)
                .map_err(|e| StorageError::new(&format!("read the saved setting \"{key}\""), e))?,
        ),
        _ => None,
    };
    let value = match change(stored) {
        Ok(v) => v,
        Err(e) => {
            let _ = tx.abort().await;
            return Err(e);
        }
    };
    let record = to_js(&Record { key: key.to_string(), value: &value })?;
    let result = async {
        store.put(&record, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "save the setting").await?;
    Ok(value)
}

/// A `change` for [`change`] that stores `value` when the stored setting
/// is still `base` (the version the person began editing from), or was
/// never saved; otherwise it refuses as a stale edit, naming `what`.
pub fn replace_if_unchanged<T: Serialize>(
    base: T,
    value: T,
    what: &str,
) -> impl FnOnce(Option<T>) -> Result<T, StorageError> {
    let what = what.to_string();
    move |stored| {
        let same = |a: &T, b: &T| serde_json::to_value(a).ok() == serde_json::to_value(b).ok();
        match stored {
            Some(s) if !same(&s, &base) => Err(StorageError::stale(format!(
                "{what} was changed in another tab or window since you began editing, so your changes were not saved; the newer version is now in force. Save again to replace it with yours, or discard your changes to see it."
            ))),
            _ => Ok(value),
        }
    }
}

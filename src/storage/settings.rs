//! The settings store: small named values of a workspace, one record each,
//! read and written through the typed settings of
//! [`super::format::settings`] (re-exported here).

use super::codec::{found, setting_of, setting_value};
use super::error::StorageError;
use super::format::schema::SETTINGS;
use super::tx::{finish, give_up};
use rexie::{Rexie, TransactionMode};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

pub use super::format::settings::*;

/// Reads a setting; `Ok(None)` when it was never saved.
pub async fn get<T: DeserializeOwned>(db: &Rexie, setting: Setting<T>) -> Result<Option<T>, StorageError> {
    let tx = db.transaction(&[SETTINGS.name], TransactionMode::ReadOnly)?;
    let value = found(tx.store(SETTINGS.name)?.get(JsValue::from_str(setting.key)).await?);
    tx.done().await?;
    value.map(|v| setting_of(setting, v)).transpose()
}

/// Whether `setting` is saved, read inside `tx` (which must include the
/// settings store).
pub(super) async fn is_set_in<T>(tx: &rexie::Transaction, setting: Setting<T>) -> Result<bool, rexie::Error> {
    Ok(found(tx.store(SETTINGS.name)?.get(JsValue::from_str(setting.key)).await?).is_some())
}

/// Reads every setting inside `tx` (which must include the settings store).
pub async fn snapshot_in(tx: &rexie::Transaction) -> Result<Snapshot, StorageError> {
    let found = tx.store(SETTINGS.name)?.get_all(None, None).await?;
    let records = found
        .into_iter()
        .map(|js| serde_wasm_bindgen::from_value(js).map_err(|e| StorageError::new("read the saved settings", e)))
        .collect::<Result<Vec<Record<String, serde_json::Value>>, _>>()?;
    Ok(Snapshot::of(records))
}

/// Reads every setting in a transaction of its own.
pub async fn snapshot(db: &Rexie) -> Result<Snapshot, StorageError> {
    let tx = db.transaction(&[SETTINGS.name], TransactionMode::ReadOnly)?;
    let snapshot = snapshot_in(&tx).await?;
    tx.done().await?;
    Ok(snapshot)
}

/// Saves a setting in its own transaction.
pub async fn put<T: Serialize>(db: &Rexie, setting: Setting<T>, value: &T) -> Result<(), StorageError> {
    let record = setting_value(setting, value)?;
    let tx = db.transaction(&super::outbox::with_outbox(db, &[SETTINGS.name]), TransactionMode::ReadWrite)?;
    let result = async {
        tx.store(SETTINGS.name)?.put(&record, None).await?;
        super::outbox::queue_setting(&tx, setting.key).await
    }
    .await;
    finish(tx, result, "save the setting").await
}

/// Removes a setting (no error when it was not there).
pub async fn remove<T>(db: &Rexie, setting: Setting<T>) -> Result<(), StorageError> {
    let tx = db.transaction(&super::outbox::with_outbox(db, &[SETTINGS.name]), TransactionMode::ReadWrite)?;
    let result = async {
        tx.store(SETTINGS.name)?.delete(JsValue::from_str(setting.key)).await?;
        super::outbox::queue_setting(&tx, setting.key).await
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
    setting: Setting<T>,
    change: impl FnOnce(&mut T),
) -> Result<T, StorageError> {
    self::change(db, setting, |stored: Option<T>| {
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
    setting: Setting<T>,
    change: impl FnOnce(Option<T>) -> Result<T, StorageError>,
) -> Result<T, StorageError> {
    let tx = db.transaction(&super::outbox::with_outbox(db, &[SETTINGS.name]), TransactionMode::ReadWrite)?;
    let store = tx.store(SETTINGS.name)?;
    let stored = match found(store.get(JsValue::from_str(setting.key)).await?) {
        Some(js) => Some(setting_of(setting, js)?),
        None => None,
    };
    let value = match change(stored) {
        Ok(v) => v,
        Err(e) => return give_up(tx, e).await,
    };
    let record = setting_value(setting, &value)?;
    let result = async {
        store.put(&record, None).await?;
        super::outbox::queue_setting(&tx, setting.key).await
    }
    .await;
    finish(tx, result, "save the setting").await?;
    Ok(value)
}

/// A `change` for [`change`] that stores `value` when the stored setting
/// is still `base` (the version the person began editing from), or was
/// never saved; otherwise it refuses as a stale edit, naming `what` (say
/// the setting's [`Setting::label`]).
pub fn replace_if_unchanged<T: Serialize>(
    base: T,
    value: T,
    what: &str,
) -> impl FnOnce(Option<T>) -> Result<T, StorageError> {
    let what = what.to_string();
    move |stored| {
        let same = |a: &T, b: &T| serde_json::to_value(a).ok() == serde_json::to_value(b).ok();
        match stored {
            Some(s) if !same(&s, &base) => Err(StorageError::Stale(format!(
                "{what} was changed in another tab or window (or by a teammate, through team sync) since you began editing, so your changes were not saved; the newer version is now in force. Save again to replace it with yours, or discard your changes to see it."
            ))),
            _ => Ok(value),
        }
    }
}

//! Accounts and policies in IndexedDB. Every user action is one transaction.

use super::db::StorageError;
use super::schema::{ACCOUNTS, POLICIES, SAFETY_COPIES, SETTINGS};
use super::settings;
use crate::domain::backup::BackupData;
use crate::domain::book::{Account, AgencyProfile, Book, Policy};
use crate::domain::import::plan::ChangeSet;
use rexie::{Rexie, Transaction, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StorageError::new("prepare a record for saving", e))
}

fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StorageError::new(&format!("read a saved {what}"), e))
}

/// Many records to JavaScript objects at once: one JSON text parsed by the
/// browser is several times faster than converting record by record.
fn to_js_many<T: Serialize>(values: &[T]) -> Result<Vec<JsValue>, StorageError> {
    let text = serde_json::to_string(values).map_err(|e| StorageError::new("prepare records for saving", e))?;
    let array = js_sys::JSON::parse(&text).map_err(|_| StorageError::new("prepare records for saving", "the browser refused the data"))?;
    Ok(js_sys::Array::from(&array).iter().collect())
}

async fn all<T: DeserializeOwned>(tx: &Transaction, store: &str, what: &str) -> Result<Vec<T>, StorageError> {
    let values = tx.store(store)?.get_all(None, None).await?;
    // The same in reverse: one JSON text for the whole store.
    let array: js_sys::Array = values.into_iter().collect();
    let text = js_sys::JSON::stringify(&array)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| StorageError::new(&format!("read the saved {what}s"), "the browser could not serialize them"))?;
    serde_json::from_str(&text).map_err(|e| StorageError::new(&format!("read the saved {what}s"), e))
}

/// Loads every account and policy in one read transaction.
pub async fn load_book(db: &Rexie) -> Result<Book, StorageError> {
    let tx = db.transaction(&[ACCOUNTS.name, POLICIES.name], TransactionMode::ReadOnly)?;
    let accounts = all(&tx, ACCOUNTS.name, "account").await?;
    let policies = all(&tx, POLICIES.name, "policy").await?;
    tx.done().await?;
    Ok(Book { accounts, policies })
}

/// Writes an import (or any change set) in one transaction.
pub async fn apply_changes(db: &Rexie, changes: &ChangeSet, changed_at: &str) -> Result<(), StorageError> {
    // Serialize everything first: only IndexedDB requests may be awaited inside a transaction.
    let accounts = to_js_many(&changes.put_accounts)?;
    let policies = to_js_many(&changes.put_policies)?;
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let tx = db.transaction(&[ACCOUNTS.name, POLICIES.name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let result = async {
        let acc = tx.store(ACCOUNTS.name)?;
        let pol = tx.store(POLICIES.name)?;
        for id in &changes.delete_policy_ids {
            pol.delete(JsValue::from_str(id)).await?;
        }
        for id in &changes.delete_account_ids {
            acc.delete(JsValue::from_str(id)).await?;
        }
        // All requests are issued at once; a failed one aborts the transaction.
        acc.put_all(accounts.into_iter().map(|v| (v, None))).await?;
        pol.put_all(policies.into_iter().map(|v| (v, None))).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        Ok::<(), rexie::Error>(())
    }
    .await;
    finish(tx, result, "save the changes").await
}

async fn finish(tx: Transaction, result: Result<(), rexie::Error>, action: &str) -> Result<(), StorageError> {
    match result {
        Ok(()) => tx.done().await.map(|_| ()).map_err(|e| StorageError::new(action, e)),
        Err(e) => {
            let _ = tx.abort().await;
            Err(StorageError::new(action, format!("{e}; nothing was changed")))
        }
    }
}

fn settings_record<T: Serialize>(key: &str, value: &T) -> Result<JsValue, StorageError> {
    to_js(&serde_json::json!({ "key": key, "value": value }))
}

/// Why a save was refused because the record changed since it was loaded.
pub const STALE_EDIT: &str = "was changed in another tab or window since you opened it; your edit was not saved. The latest version is now shown: make your change again.";

/// Saves an edited (or new) account, refusing it when the stored copy's
/// revision is not the one the edit started from.
pub async fn save_account(db: &Rexie, account: &Account, base_revision: Option<u32>, changed_at: &str) -> Result<(), StorageError> {
    let name = format!("\"{}\"", account.client_name);
    save_checked(db, ACCOUNTS.name, &account.id, account, |a: Account| a.revision, base_revision, &name, changed_at).await
}

/// Saves a policy, refusing a stale edit like [`save_account`].
pub async fn save_policy(db: &Rexie, policy: &Policy, base_revision: Option<u32>, changed_at: &str) -> Result<(), StorageError> {
    let name = if policy.policy_number.is_empty() { "This policy".to_string() } else { format!("Policy {}", policy.policy_number) };
    save_checked(db, POLICIES.name, &policy.id, policy, |p: Policy| p.revision, base_revision, &name, changed_at).await
}

/// Puts one record in `store` unless the stored copy's revision differs from
/// `base_revision` (None: the record must not exist yet), in one transaction
/// that also stamps the last change.
#[allow(clippy::too_many_arguments)]
async fn save_checked<T: Serialize + DeserializeOwned>(
    db: &Rexie,
    store_name: &str,
    id: &str,
    record: &T,
    revision_of: impl Fn(T) -> u32,
    base_revision: Option<u32>,
    name: &str,
    changed_at: &str,
) -> Result<(), StorageError> {
    let value = to_js(record)?;
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let tx = db.transaction(&[store_name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let store = tx.store(store_name)?;
    let current = store.get(JsValue::from_str(id)).await?;
    let current_revision = match current {
        Some(v) if !v.is_undefined() => Some(revision_of(from_js::<T>(v, "record")?)),
        _ => None,
    };
    if current_revision != base_revision {
        let _ = tx.abort().await;
        return Err(StorageError { message: format!("{name} {STALE_EDIT}") });
    }
    let result = async {
        store.put(&value, None).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "save the change").await
}

/// Everything the workspace holds, for a backup.
pub async fn export_data(db: &Rexie) -> Result<BackupData, StorageError> {
    let book = load_book(db).await?;
    let agency_name = settings::get::<String>(db, settings::AGENCY_NAME).await?.unwrap_or_default();
    let profile = settings::get::<AgencyProfile>(db, settings::PROFILE).await?.unwrap_or_default();
    let profitability = settings::get(db, settings::PROFITABILITY).await?;
    Ok(BackupData { agency_name, profile, book, profitability })
}

/// Replaces the whole workspace with `data` in one transaction, after
/// keeping a safety copy of what was there (in the same transaction).
pub async fn replace_all(db: &Rexie, data: &BackupData, safety_copy: Option<(&str, &str)>, changed_at: &str) -> Result<(), StorageError> {
    let accounts = to_js_many(&data.book.accounts)?;
    let policies = to_js_many(&data.book.policies)?;
    let name = settings_record(settings::AGENCY_NAME, &data.agency_name)?;
    let profile = settings_record(settings::PROFILE, &data.profile)?;
    let profitability = match &data.profitability {
        Some(p) => Some(settings_record(settings::PROFITABILITY, p)?),
        None => None,
    };
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let copy = match safety_copy {
        Some((id, text)) => Some(to_js(&serde_json::json!({ "id": id, "taken_at": changed_at, "backup": text }))?),
        None => None,
    };
    let tx = db.transaction(
        &[ACCOUNTS.name, POLICIES.name, SETTINGS.name, SAFETY_COPIES.name],
        TransactionMode::ReadWrite,
    )?;
    let result = async {
        if let Some(copy) = &copy {
            tx.store(SAFETY_COPIES.name)?.put(copy, None).await?;
        }
        let acc = tx.store(ACCOUNTS.name)?;
        let pol = tx.store(POLICIES.name)?;
        acc.clear().await?;
        pol.clear().await?;
        acc.put_all(accounts.into_iter().map(|v| (v, None))).await?;
        pol.put_all(policies.into_iter().map(|v| (v, None))).await?;
        let set = tx.store(SETTINGS.name)?;
        if !data.agency_name.is_empty() {
            set.put(&name, None).await?;
        }
        set.put(&profile, None).await?;
        match &profitability {
            Some(p) => set.put(p, None).await.map(|_| ())?,
            None => set.delete(JsValue::from_str(settings::PROFITABILITY)).await?,
        }
        set.put(&stamp, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "restore the data").await
}

/// How many safety copies are kept.
pub async fn safety_copy_count(db: &Rexie) -> Result<u32, StorageError> {
    let tx = db.transaction(&[SAFETY_COPIES.name], TransactionMode::ReadOnly)?;
    let n = tx.store(SAFETY_COPIES.name)?.count(None).await?;
    tx.done().await?;
    Ok(n)
}

//! Write transactions: ending one (a commit is the only proof a write
//! happened), and the revision-checked update every record save uses.

use super::codec::{found, from_js, setting_value, to_js};
use super::error::{ABORTED, Cause, StorageError};
use super::format::schema::{SETTINGS, SYNC_OUTBOX};
use super::format::settings::LAST_CHANGE_AT;
use rexie::{Rexie, TransactionMode};
use serde::{Serialize, de::DeserializeOwned};
use wasm_bindgen::JsValue;

/// Why a save was refused because the record changed since it was loaded.
pub const STALE_EDIT: &str = "was changed in another tab or window (or by a teammate, through team sync) since you opened it; your edit was not saved. The latest version is now shown: make your change again.";

/// Waits for a read-write transaction to end. The transaction is the only
/// proof that a write happened: an aborted one is a failure, never a
/// success, whatever each request said before.
pub(super) async fn commit(tx: rexie::Transaction) -> Result<(), Cause> {
    match tx.done().await? {
        rexie::TransactionResult::Committed => Ok(()),
        rexie::TransactionResult::Aborted => Err(Cause(ABORTED.into())),
    }
}

/// Ends a write transaction: commits it when every request of `result`
/// succeeded, aborts it otherwise. Either way an error names `action` and
/// says that nothing was changed; a transaction the browser aborted at
/// commit (storage full, say) is such an error too.
pub(super) async fn finish(
    tx: rexie::Transaction,
    result: Result<(), Cause>,
    action: &str,
) -> Result<(), StorageError> {
    let outcome = match result {
        Ok(()) => commit(tx).await,
        Err(cause) => {
            let _ = tx.abort().await;
            Err(cause)
        }
    };
    outcome.map_err(|cause| StorageError::refused(action, &cause))
}

/// Aborts `tx` (nothing of it was written) and returns `error`.
pub(super) async fn give_up<T>(tx: rexie::Transaction, error: StorageError) -> Result<T, StorageError> {
    let _ = tx.abort().await;
    Err(error)
}

/// The record of the last-change stamp, written with every change to the
/// book, the trainees or the renewals.
pub(super) fn stamp(changed_at: &str) -> Result<JsValue, StorageError> {
    setting_value(LAST_CHANGE_AT, &changed_at.to_string())
}

/// Reads record `id` of `store_name`, lets `change` check and update it (an
/// `Err` is returned as it is, and nothing is written), and writes it back
/// with the last-change stamp, all in one transaction, and returns the
/// record as stored. Every revision-checked save of a whole record goes
/// through here.
pub(super) async fn update_record<T: Serialize + DeserializeOwned>(
    db: &Rexie,
    store_name: &str,
    id: &str,
    changed_at: &str,
    action: &str,
    change: impl FnOnce(Option<T>) -> Result<T, StorageError>,
) -> Result<T, StorageError> {
    let stamp = stamp(changed_at)?;
    let tx = db.transaction(&[store_name, SETTINGS.name, SYNC_OUTBOX.name], TransactionMode::ReadWrite)?;
    let store = tx.store(store_name)?;
    let current = match found(store.get(JsValue::from_str(id)).await?) {
        Some(v) => Some(from_js::<T>(v, "record")?),
        None => None,
    };
    let updated = match change(current) {
        Ok(r) => r,
        Err(e) => return give_up(tx, e).await,
    };
    let value = to_js(&updated)?;
    let result = async {
        store.put(&value, None).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        super::outbox::queue(&tx, vec![super::outbox::record_doc(store_name, id)], changed_at).await
    }
    .await;
    finish(tx, result, action).await?;
    Ok(updated)
}

/// A `change` for [`update_record`] that replaces the stored record with
/// `record` when the stored revision is `base_revision` (None: no record
/// yet), and refuses as [`StorageError::Stale`] ("`name` was changed in
/// another tab …") otherwise.
pub(super) fn replace_if_unchanged<T: Clone>(
    record: &T,
    revision_of: impl Fn(&T) -> u32,
    base_revision: Option<u32>,
    name: &str,
) -> impl FnOnce(Option<T>) -> Result<T, StorageError> {
    let record = record.clone();
    let name = name.to_string();
    move |current| {
        if current.as_ref().map(&revision_of) != base_revision {
            return Err(StorageError::Stale(format!("{name} {STALE_EDIT}")));
        }
        Ok(record)
    }
}

/// Reads record `id` of `store_name` in its own transaction (None: there
/// is none); `what` names it in errors.
pub(super) async fn read_record<T: DeserializeOwned>(
    db: &Rexie,
    store_name: &str,
    id: &str,
    what: &str,
) -> Result<Option<T>, StorageError> {
    let tx = db.transaction(&[store_name], TransactionMode::ReadOnly)?;
    let value = found(tx.store(store_name)?.get(JsValue::from_str(id)).await?);
    tx.done().await?;
    value.map(|v| from_js(v, what)).transpose()
}

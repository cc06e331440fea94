//! Team sync's records, the reading end: what the outbox holds, and per
//! document what was last synced (see [`super::format::sync`]).

use super::codec::{found, from_js, to_js};
use super::error::StorageError;
use super::format::schema::{SYNC_DOCS, SYNC_OUTBOX};
use super::format::sync::{OutboxEntry, SyncedDoc};
use super::tx::finish;
use rexie::{Rexie, TransactionMode};
use wasm_bindgen::JsValue;

/// The queued entries, oldest first.
pub async fn pending(db: &Rexie) -> Result<Vec<OutboxEntry>, StorageError> {
    let tx = db.transaction(&[SYNC_OUTBOX.name], TransactionMode::ReadOnly)?;
    let values = tx.store(SYNC_OUTBOX.name)?.get_all(None, None).await?;
    tx.done().await?;
    let mut entries: Vec<OutboxEntry> =
        values.into_iter().map(|v| from_js(v, "sync outbox entry")).collect::<Result<_, _>>()?;
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(entries)
}

/// Removes the entries `ids` (pushed) and records the documents' new
/// revisions and bases, in one transaction.
pub async fn pushed(db: &Rexie, ids: &[String], synced: &[SyncedDoc]) -> Result<(), StorageError> {
    let records = synced.iter().map(to_js).collect::<Result<Vec<_>, _>>()?;
    let tx = db.transaction(&[SYNC_OUTBOX.name, SYNC_DOCS.name], TransactionMode::ReadWrite)?;
    let result = async {
        let outbox = tx.store(SYNC_OUTBOX.name)?;
        for id in ids {
            outbox.delete(JsValue::from_str(id)).await?;
        }
        let docs = tx.store(SYNC_DOCS.name)?;
        for r in &records {
            docs.put(r, None).await?;
        }
        Ok(())
    }
    .await;
    finish(tx, result, "record what was synced").await
}

/// What was last synced of document `id` (None: never synced).
pub async fn synced(db: &Rexie, id: &str) -> Result<Option<SyncedDoc>, StorageError> {
    let tx = db.transaction(&[SYNC_DOCS.name], TransactionMode::ReadOnly)?;
    let value = found(tx.store(SYNC_DOCS.name)?.get(JsValue::from_str(id)).await?);
    tx.done().await?;
    value.map(|v| from_js(v, "sync record")).transpose()
}

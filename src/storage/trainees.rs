//! Trainees in IndexedDB.

use super::codec::all;
use super::error::StorageError;
use super::format::schema::{SETTINGS, SYNC_OUTBOX, TRAINEES};
use super::tx::{finish, read_record, replace_if_unchanged, stamp, update_record};
use crate::domain::roles::trainee::Trainee;
use rexie::{Rexie, TransactionMode};
use wasm_bindgen::JsValue;

/// Every trainee, in one read transaction.
pub async fn load_trainees(db: &Rexie) -> Result<Vec<Trainee>, StorageError> {
    let tx = db.transaction(&[TRAINEES.name], TransactionMode::ReadOnly)?;
    let mut list: Vec<Trainee> = all(&tx, TRAINEES.name, "trainee").await?;
    tx.done().await?;
    sort(&mut list);
    Ok(list)
}

/// The stored trainee `id`, None when there is none: what to show after an
/// edit of it was refused.
pub async fn load_trainee(db: &Rexie, id: &str) -> Result<Option<Trainee>, StorageError> {
    read_record(db, TRAINEES.name, id, "trainee").await
}

/// The order trainees are listed in: longest-serving first, then by name.
pub fn sort(list: &mut [Trainee]) {
    list.sort_by(|a, b| a.start_date.cmp(&b.start_date).then_with(|| a.name.cmp(&b.name)));
}

/// Saves a trainee, refusing ([`StorageError::Stale`]) an edit based on a
/// revision other than the stored one (None: the trainee must be new).
pub async fn save_trainee(
    db: &Rexie,
    trainee: &Trainee,
    base_revision: Option<u32>,
    changed_at: &str,
) -> Result<(), StorageError> {
    let check = replace_if_unchanged(trainee, |t: &Trainee| t.revision, base_revision, &trainee.name);
    update_record(db, TRAINEES.name, &trainee.id, changed_at, "save the trainee", check).await.map(|_| ())
}

/// Removes a trainee.
pub async fn delete_trainee(db: &Rexie, id: &str, changed_at: &str) -> Result<(), StorageError> {
    let stamp = stamp(changed_at)?;
    let tx = db.transaction(&[TRAINEES.name, SETTINGS.name, SYNC_OUTBOX.name], TransactionMode::ReadWrite)?;
    let result = async {
        tx.store(TRAINEES.name)?.delete(JsValue::from_str(id)).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        super::outbox::queue(&tx, vec![super::outbox::trainee_doc(id)], changed_at).await
    }
    .await;
    finish(tx, result, "remove the trainee").await
}

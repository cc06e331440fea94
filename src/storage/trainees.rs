//! Trainees in IndexedDB.

use super::book::{all, replace_if_unchanged, settings_record, update_record};
use super::db::{StorageError, finish};
use super::schema::{SETTINGS, TRAINEES};
use super::settings;
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

/// The order trainees are listed in: longest-serving first, then by name.
pub fn sort(list: &mut [Trainee]) {
    list.sort_by(|a, b| a.start_date.cmp(&b.start_date).then_with(|| a.name.cmp(&b.name)));
}

/// Saves a trainee, refusing an edit based on a revision other than the
/// stored one (None: the trainee must be new).
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
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let tx = db.transaction(&[TRAINEES.name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let result = async {
        tx.store(TRAINEES.name)?.delete(JsValue::from_str(id)).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "remove the trainee").await
}

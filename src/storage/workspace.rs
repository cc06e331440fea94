//! A workspace's database as a whole: the one way to open it (at the
//! current schema version, with its records brought to the current data
//! format), reading everything in it, and backup and restore.

use super::codec::{all, describe, put_many, setting_value, to_js};
use super::error::{Cause, StorageError};
use super::format::schema::{
    self, ACCOUNT_PAGES, RENEWALS, SAFETY_COPIES, SETTINGS, SYNC_OUTBOX, SchemaVersion, TRAINEES,
};
use super::format::settings::{self as keys, Setting};
use super::migrate::{self, CURRENT, DATA_VERSION};
use super::pages;
use super::settings::{self, snapshot_in};
use super::tx::{finish, stamp};
use crate::domain::backup::BackupData;
use crate::domain::book::Book;
use crate::domain::records::records_of;
use crate::domain::renewals::board::RenewalRecord;
use crate::domain::roles::trainee::Trainee;
use rexie::{Index, ObjectStore, Rexie, TransactionMode};
use serde::Serialize;
use wasm_bindgen::JsValue;

/// The IndexedDB database name of a workspace.
pub fn database_name(workspace_id: &str) -> String {
    format!("agency-desk-{workspace_id}")
}

/// Opens (creating or upgrading as needed) a workspace's database at `version`
/// of the schema history.
pub async fn open_at(workspace_id: &str, version: &SchemaVersion) -> Result<Rexie, StorageError> {
    let mut builder = Rexie::builder(&database_name(workspace_id)).version(version.version);
    for store in version.stores {
        let mut object_store = ObjectStore::new(store.name).key_path(store.key_path);
        for (name, key_path) in store.indexes {
            object_store = object_store.add_index(Index::new(name, key_path));
        }
        builder = builder.add_object_store(object_store);
    }
    builder.build().await.map_err(|e| {
        StorageError::new(
            "open the workspace's saved data (another tab may hold an older version open, or the browser refuses storage)",
            describe(&e),
        )
    })
}

/// Everything a workspace holds, read in one transaction.
pub struct Workspace {
    pub settings: settings::Snapshot,
    pub book: Book,
    pub trainees: Vec<Trainee>,
    pub renewals: Vec<RenewalRecord>,
}

/// Reads settings, book and trainees together: one consistent view, and
/// one transaction instead of three when a page loads.
pub async fn load_workspace(db: &Rexie) -> Result<Workspace, StorageError> {
    let tx =
        db.transaction(&[SETTINGS.name, ACCOUNT_PAGES.name, TRAINEES.name, RENEWALS.name], TransactionMode::ReadOnly)?;
    // The four reads are requested together; each is converted as it
    // arrives, while the others are still being read.
    let (settings, pages, trainees, renewals) = futures_util::future::join4(
        snapshot_in(&tx),
        pages::read_stored(&tx),
        all::<Trainee>(&tx, TRAINEES.name, "trainee"),
        all::<RenewalRecord>(&tx, RENEWALS.name, "renewal"),
    )
    .await;
    let (settings, pages, mut trainees, renewals) = (settings?, pages?, trainees?, renewals?);
    // Everything is read: the transaction completes by itself, no need to
    // wait for it. The book's pages, the bulk of a large workspace, are
    // decoded after it, in slices.
    drop(tx);
    let book = pages::book_yielding(&pages).await?;
    super::trainees::sort(&mut trainees);
    Ok(Workspace { settings, book, trainees, renewals })
}

/// Opens a workspace's database and reads everything in it, checking the
/// data format in the same read: on every load but the first after an
/// upgrade it is current and nothing more is read; otherwise the data
/// steps run ([`super::migrate`]) and everything is read again. The one
/// way the app opens a workspace.
pub async fn open_and_load(workspace_id: &str) -> Result<(Rexie, Workspace), StorageError> {
    let db = open_at(workspace_id, schema::current()).await?;
    let first = load_workspace(&db).await;
    let current = first.as_ref().is_ok_and(|w| w.settings.get(DATA_VERSION) == Ok(Some(CURRENT)));
    if current {
        return first.map(|w| (db, w));
    }
    let upgraded = match migrate::run(&db).await {
        Ok(()) => load_workspace(&db).await,
        Err(e) => Err(e),
    };
    match upgraded {
        Ok(w) => Ok((db, w)),
        Err(e) => {
            db.close();
            Err(e)
        }
    }
}

/// Opens a workspace's database the same way as [`open_and_load`], for a
/// caller that reads what it needs itself.
pub async fn open_workspace(workspace_id: &str) -> Result<Rexie, StorageError> {
    open_and_load(workspace_id).await.map(|(db, _)| db)
}

/// Everything the workspace holds, for a backup.
pub async fn export_data(db: &Rexie) -> Result<BackupData, StorageError> {
    let Workspace { settings: all, book, trainees, renewals } = load_workspace(db).await?;
    let agency_name = all.get(keys::AGENCY_NAME)?.unwrap_or_default();
    let profile = all.get(keys::PROFILE)?.unwrap_or_default();
    let profitability = all.get(keys::PROFITABILITY)?;
    let renewal_leads = all.get(keys::RENEWAL_LEADS)?;
    let service_plan = all.get(keys::SERVICE_PLAN)?;
    let role_library = all.get(keys::ROLE_LIBRARY)?;
    let advisor = all.get(keys::ADVISOR)?;
    let tracking_start = all.get(keys::TRACKING_START)?;
    let service_plans = all.get(keys::SERVICE_PLANS)?;
    Ok(BackupData {
        agency_name,
        profile,
        book,
        profitability,
        trainees,
        renewals,
        renewal_leads,
        service_plan,
        role_library,
        advisor,
        tracking_start,
        service_plans,
    })
}

/// A setting's key, and its record when it has a value.
fn optional_record<T: Serialize>(
    setting: Setting<T>,
    value: &Option<T>,
) -> Result<(&'static str, Option<JsValue>), StorageError> {
    Ok((setting.key, value.as_ref().map(|v| setting_value(setting, v)).transpose()?))
}

/// Replaces the whole workspace with `data` in one transaction, after
/// keeping a safety copy of what was there (in the same transaction).
pub async fn replace_all(
    db: &Rexie,
    data: &BackupData,
    safety_copy: Option<(&str, &str)>,
    changed_at: &str,
) -> Result<(), StorageError> {
    let records = records_of(&data.book);
    let name = setting_value(keys::AGENCY_NAME, &data.agency_name)?;
    let profile = setting_value(keys::PROFILE, &data.profile)?;
    // Settings the workspace may or may not have: written when the backup
    // has them, removed when it does not.
    let optional = [
        optional_record(keys::PROFITABILITY, &data.profitability)?,
        optional_record(keys::RENEWAL_LEADS, &data.renewal_leads)?,
        optional_record(keys::SERVICE_PLAN, &data.service_plan)?,
        optional_record(keys::ROLE_LIBRARY, &data.role_library)?,
        optional_record(keys::ADVISOR, &data.advisor)?,
        optional_record(keys::TRACKING_START, &data.tracking_start)?,
        optional_record(keys::SERVICE_PLANS, &data.service_plans)?,
    ];
    let stamp = stamp(changed_at)?;
    let tx = db.transaction(
        &[ACCOUNT_PAGES.name, SETTINGS.name, SAFETY_COPIES.name, TRAINEES.name, RENEWALS.name, SYNC_OUTBOX.name],
        TransactionMode::ReadWrite,
    )?;
    let result = async {
        if let Some((id, text)) = safety_copy {
            keep_safety_copy(&tx, id, text, changed_at).await?;
        }
        pages::replace_all(&tx, records).await?;
        let people = tx.store(TRAINEES.name)?;
        people.clear().await?;
        put_many(&people, &data.trainees).await?;
        let kept = tx.store(RENEWALS.name)?;
        kept.clear().await?;
        put_many(&kept, &data.renewals).await?;
        let set = tx.store(SETTINGS.name)?;
        if !data.agency_name.is_empty() {
            set.put(&name, None).await?;
        }
        set.put(&profile, None).await?;
        for (key, record) in &optional {
            match record {
                Some(r) => set.put(r, None).await.map(|_| ())?,
                None => set.delete(JsValue::from_str(key)).await?,
            }
        }
        set.put(&stamp, None).await?;
        super::outbox::queue_all(&tx, changed_at).await
    }
    .await;
    finish(tx, result, "restore the data").await
}

/// Keeps `text` (a backup file's text) as safety copy `id`, taken `at`,
/// inside `tx`; only the newest [`SAFETY_COPIES_KEPT`] stay.
pub(super) async fn keep_safety_copy(tx: &rexie::Transaction, id: &str, text: &str, at: &str) -> Result<(), Cause> {
    let copy =
        to_js(&serde_json::json!({ "id": id, "taken_at": at, "backup": text })).map_err(|e| Cause(e.to_string()))?;
    let copies = tx.store(SAFETY_COPIES.name)?;
    copies.put(&copy, None).await?;
    let mut ids: Vec<String> = copies.get_all_keys(None, None).await?.iter().filter_map(JsValue::as_string).collect();
    ids.sort_by_key(|id| taken_part(id).to_string());
    let excess = ids.len().saturating_sub(SAFETY_COPIES_KEPT);
    for id in &ids[..excess] {
        copies.delete(JsValue::from_str(id)).await?;
    }
    Ok(())
}

/// The time part of a safety copy's id (`before-restore-<time>`,
/// `before-joining-<time>`): what orders the copies, whatever the words.
fn taken_part(id: &str) -> &str {
    id.trim_start_matches(|c: char| !c.is_ascii_digit())
}

/// How many safety copies a restore keeps: the newest, older ones go.
pub const SAFETY_COPIES_KEPT: usize = 3;

/// A safety copy: the workspace as it was before a restore.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct SafetyCopy {
    pub id: String,
    /// When it was taken (RFC 3339).
    pub taken_at: String,
    /// The backup file's text.
    pub backup: String,
}

/// The safety copies kept in this workspace, newest first.
pub async fn safety_copies(db: &Rexie) -> Result<Vec<SafetyCopy>, StorageError> {
    let tx = db.transaction(&[SAFETY_COPIES.name], TransactionMode::ReadOnly)?;
    let mut copies: Vec<SafetyCopy> = all(&tx, SAFETY_COPIES.name, "safety copy").await?;
    copies.sort_by(|a, b| taken_part(&b.id).cmp(taken_part(&a.id)));
    Ok(copies)
}

/// How many safety copies are kept.
pub async fn safety_copy_count(db: &Rexie) -> Result<u32, StorageError> {
    let tx = db.transaction(&[SAFETY_COPIES.name], TransactionMode::ReadOnly)?;
    let n = tx.store(SAFETY_COPIES.name)?.count(None).await?;
    tx.done().await?;
    Ok(n)
}

//! Team sync's records: what the outbox holds and clearing what was
//! pushed, what this browser holds of each document (record and last
//! synced version), and keeping a batch pulled from the server (see
//! [`super::format::sync`] and [`crate::domain::sync::pull`]).

use super::codec::{found, from_js, setting_value, to_js};
use super::error::{Cause, StorageError};
use super::format::schema::{
    ACCOUNT_PAGES, RENEWALS, SAFETY_COPIES, SETTINGS, SYNC_CONFLICTS, SYNC_DOCS, SYNC_OUTBOX, TRAINEES,
};
use super::format::settings::Record as SettingRecord;
use super::format::sync::{OpenConflicts, OutboxEntry, SYNC_CHECKPOINT, SYNC_LINK, SyncLink, SyncPage, SyncedDoc};
use super::outbox;
use super::pages;
use super::tx::{finish, stamp};
use crate::domain::records::pages::{Page, page_of, pages_of};
use crate::domain::renewals::record::RenewalRecord;
use crate::domain::roles::trainee::Trainee;
use crate::domain::sync::docs::{DocId, Record, SettingsGroup};
use crate::domain::sync::pull::{Arrival, Received};
use rexie::{Rexie, TransactionMode};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    let touched = pages_of(synced.iter().map(|d| &d.id));
    let tx = db.transaction(&[SYNC_OUTBOX.name, SYNC_DOCS.name], TransactionMode::ReadWrite)?;
    let result = async {
        let outbox = tx.store(SYNC_OUTBOX.name)?;
        for id in ids {
            outbox.delete(JsValue::from_str(id)).await?;
        }
        let mut pages = pages::read_some::<SyncPage>(&tx, &touched).await.map_err(|e| Cause(e.to_string()))?;
        keep_synced(&mut pages, synced)?;
        pages::write(&tx, &pages, &touched).await
    }
    .await;
    finish(tx, result, "record what was synced").await
}

/// Puts each of `docs` on its page of `pages` (read for them).
fn keep_synced(pages: &mut HashMap<String, SyncPage>, docs: &[SyncedDoc]) -> Result<(), Cause> {
    for doc in docs {
        pages
            .entry(page_of(&doc.id))
            .or_default()
            .put(doc)
            .map_err(|e| Cause(format!("the synced version of {} could not be prepared for saving ({e})", doc.id)))?;
    }
    Ok(())
}

/// What was last synced of document `id` (None: never synced).
pub async fn synced(db: &Rexie, id: &str) -> Result<Option<SyncedDoc>, StorageError> {
    let tx = db.transaction(&[SYNC_DOCS.name], TransactionMode::ReadOnly)?;
    let pages = pages::read_some::<SyncPage>(&tx, &BTreeSet::from([page_of(id)])).await?;
    drop(tx);
    synced_in(&pages, id)
}

/// The record of document `id` in `pages` (read for it).
fn synced_in(pages: &HashMap<String, SyncPage>, id: &str) -> Result<Option<SyncedDoc>, StorageError> {
    let found = pages.get(&page_of(id)).and_then(|p| p.get(id)).transpose();
    found.map_err(|e| StorageError::new("read what was last synced with the team database", format!("{id}: {e}")))
}

/// What this browser holds of one document.
#[derive(Clone, Debug, Default)]
pub struct Held {
    /// The local record (None: none here).
    pub record: Option<Record>,
    /// What was last synced of it (None: never).
    pub synced: Option<SyncedDoc>,
}

/// The account ids among document ids.
fn account_ids(ids: &[DocId]) -> Vec<String> {
    ids.iter().filter_map(|id| if let DocId::Account(a) = id { Some(a.clone()) } else { None }).collect()
}

/// What this browser holds of each of `ids`, read in one transaction.
pub async fn held(db: &Rexie, ids: &[DocId]) -> Result<HashMap<String, Held>, StorageError> {
    let tx = db.transaction(
        &[ACCOUNT_PAGES.name, TRAINEES.name, RENEWALS.name, SETTINGS.name, SYNC_DOCS.name],
        TransactionMode::ReadOnly,
    )?;
    let accounts = account_ids(ids);
    let pages = pages::read_some::<Page>(&tx, &pages_of(&accounts)).await?;
    let names: Vec<String> = ids.iter().map(DocId::to_string).collect();
    let synced_pages = pages::read_some::<SyncPage>(&tx, &pages_of(&names)).await?;
    let mut out = HashMap::new();
    for (id, name) in ids.iter().zip(names) {
        let record = match id {
            DocId::Account(a) => pages.get(&page_of(a)).and_then(|p| p.get(a)).cloned().map(Record::Account),
            DocId::Trainee(t) => get::<Trainee>(&tx, TRAINEES.name, t).await?.map(Record::Trainee),
            DocId::Renewal(r) => get::<RenewalRecord>(&tx, RENEWALS.name, r).await?.map(Record::Renewal),
            DocId::Settings(group) => {
                let mut values = BTreeMap::new();
                for key in group.keys() {
                    if let Some(r) = get::<SettingRecord<String, Value>>(&tx, SETTINGS.name, key).await? {
                        values.insert(r.key, r.value);
                    }
                }
                if values.is_empty() { None } else { Some(Record::Settings(*group, values)) }
            }
        };
        let synced = synced_in(&synced_pages, &name)?;
        out.insert(name, Held { record, synced });
    }
    drop(tx);
    Ok(out)
}

async fn get<T: serde::de::DeserializeOwned>(
    tx: &rexie::Transaction,
    store: &str,
    key: &str,
) -> Result<Option<T>, StorageError> {
    found(tx.store(store)?.get(JsValue::from_str(key)).await?).map(|v| from_js(v, "record")).transpose()
}

/// Moves the checkpoint past a page of changes with nothing in it to keep
/// (only this browser's own revisions coming back after a push), with the
/// time of the pull: one write to the settings store, where a batch would
/// open every store of the sync.
pub async fn pass_over(db: &Rexie, checkpoint: &str, at: &str) -> Result<(), StorageError> {
    let checkpoint = setting_value(SYNC_CHECKPOINT, &checkpoint.to_string())?;
    let stamp = stamp(at)?;
    let tx = db.transaction(&[SETTINGS.name], TransactionMode::ReadWrite)?;
    let result = async {
        let settings = tx.store(SETTINGS.name)?;
        settings.put(&checkpoint, None).await?;
        settings.put(&stamp, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "note how far the team database has been read").await
}

/// Stores a batch pulled from the server in one transaction: each record
/// as [`Arrival`] says, each document's new revision and base, the
/// merges queued to be pushed again with their disagreements kept for the
/// user, and the checkpoint pulling resumes after (None: a push's
/// refused documents, fetched on their own). Nothing of the batch is kept
/// unless all of it is.
///
/// `decided_with` names the outbox entries the batch was decided with.
/// A change saved here since then (a new entry) may touch a record the
/// batch would replace: nothing is kept and `false` says to decide again.
pub async fn apply_received(
    db: &Rexie,
    received: &[Received],
    checkpoint: Option<&str>,
    (at, decided_with): (&str, &BTreeSet<String>),
) -> Result<bool, StorageError> {
    let ids: Vec<DocId> = received.iter().map(|r| r.id.clone()).collect();
    let synced: Vec<SyncedDoc> = received
        .iter()
        .map(|r| SyncedDoc { id: r.id.to_string(), rev: r.rev.clone(), base: r.base.clone(), losers: r.losers.clone() })
        .collect();
    let synced_touched = pages_of(synced.iter().map(|d| &d.id));
    let checkpoint = match checkpoint {
        Some(c) => Some(setting_value(SYNC_CHECKPOINT, &c.to_string())?),
        None => None,
    };
    let stamp = stamp(at)?;
    let tx = db.transaction(
        &[
            ACCOUNT_PAGES.name,
            TRAINEES.name,
            RENEWALS.name,
            SETTINGS.name,
            SYNC_DOCS.name,
            SYNC_OUTBOX.name,
            SYNC_CONFLICTS.name,
        ],
        TransactionMode::ReadWrite,
    )?;
    let accounts = account_ids(&ids);
    let touched = pages_of(&accounts);
    let result = async {
        let queued = tx.store(SYNC_OUTBOX.name)?.get_all_keys(None, None).await?;
        if queued.iter().filter_map(|k| k.as_string()).any(|k| !decided_with.contains(&k)) {
            return Ok(false);
        }
        let mut pages = pages::read_some::<Page>(&tx, &touched).await.map_err(|e| Cause(e.to_string()))?;
        let mut synced_pages =
            pages::read_some::<SyncPage>(&tx, &synced_touched).await.map_err(|e| Cause(e.to_string()))?;
        let mut again = Vec::new();
        for r in received {
            let store = match &r.arrival {
                Arrival::Take(record) => Some(record.as_ref()),
                Arrival::Merged { record, conflicts } => {
                    again.push(r.id.to_string());
                    if !conflicts.is_empty() {
                        // Read in this transaction, so a disagreement settled meanwhile is not put back.
                        let stored = get::<OpenConflicts>(&tx, SYNC_CONFLICTS.name, &r.id.to_string())
                            .await
                            .map_err(|e| Cause(e.to_string()))?;
                        let mut open = stored.unwrap_or(OpenConflicts {
                            id: r.id.to_string(),
                            conflicts: Vec::new(),
                            at: at.to_string(),
                        });
                        open.add(conflicts.clone(), at);
                        let value = to_js(&open).map_err(|e| Cause(e.to_string()))?;
                        tx.store(SYNC_CONFLICTS.name)?.put(&value, None).await?;
                    }
                    Some(Some(record))
                }
                Arrival::KeepLocal => {
                    again.push(r.id.to_string());
                    None
                }
            };
            if let Some(record) = store {
                put_record(&tx, &mut pages, &r.id, record).await?;
            }
        }
        pages::write(&tx, &pages, &touched).await?;
        keep_synced(&mut synced_pages, &synced)?;
        pages::write(&tx, &synced_pages, &synced_touched).await?;
        let settings = tx.store(SETTINGS.name)?;
        if let Some(checkpoint) = &checkpoint {
            settings.put(checkpoint, None).await?;
        }
        settings.put(&stamp, None).await?;
        outbox::queue(&tx, again, at).await.map(|()| true)
    }
    .await;
    let kept = matches!(result, Ok(true));
    finish(tx, result.map(|_| ()), "keep what arrived from the team database").await.map(|()| kept)
}

/// Writes (or, for None, deletes) the local record of document `id`;
/// accounts go into `pages`, written by the caller.
async fn put_record(
    tx: &rexie::Transaction,
    pages: &mut HashMap<String, Page>,
    id: &DocId,
    record: Option<&Record>,
) -> Result<(), Cause> {
    match (id, record) {
        (DocId::Account(a), Some(Record::Account(r))) => pages.entry(page_of(a)).or_default().put(r.clone()),
        (DocId::Account(a), None) => {
            pages.entry(page_of(a)).or_default().remove(a);
        }
        (DocId::Trainee(_), Some(Record::Trainee(t))) => {
            tx.store(TRAINEES.name)?.put(&to_js(t).map_err(|e| Cause(e.to_string()))?, None).await?;
        }
        (DocId::Renewal(_), Some(Record::Renewal(r))) => {
            tx.store(RENEWALS.name)?.put(&to_js(r).map_err(|e| Cause(e.to_string()))?, None).await?;
        }
        (DocId::Trainee(t), None) => tx.store(TRAINEES.name)?.delete(JsValue::from_str(t)).await?,
        (DocId::Renewal(r), None) => tx.store(RENEWALS.name)?.delete(JsValue::from_str(r)).await?,
        (DocId::Settings(group), record) => {
            let values = match record {
                Some(Record::Settings(_, values)) => Some(values),
                _ => None,
            };
            let store = tx.store(SETTINGS.name)?;
            for key in group.keys() {
                match values.and_then(|v| v.get(*key)) {
                    Some(value) => {
                        let rec = SettingRecord { key: *key, value };
                        store.put(&to_js(&rec).map_err(|e| Cause(e.to_string()))?, None).await?;
                    }
                    None => store.delete(JsValue::from_str(key)).await?,
                }
            }
        }
        (id, Some(_)) => return Err(Cause(format!("the document {id} holds a record of another kind"))),
    }
    Ok(())
}

/// Every document's disagreements waiting for the user.
pub async fn open_conflicts(db: &Rexie) -> Result<Vec<OpenConflicts>, StorageError> {
    let tx = db.transaction(&[SYNC_CONFLICTS.name], TransactionMode::ReadOnly)?;
    let values = tx.store(SYNC_CONFLICTS.name)?.get_all(None, None).await?;
    drop(tx);
    values.into_iter().map(|v| from_js(v, "sync conflict")).collect()
}

/// Every document this workspace holds (records and shared settings
/// groups) and every document ever synced (those gone from here are to be
/// deleted on the server).
pub async fn every_doc(db: &Rexie) -> Result<Vec<DocId>, StorageError> {
    let tx = db.transaction(
        &[ACCOUNT_PAGES.name, TRAINEES.name, RENEWALS.name, SETTINGS.name, SYNC_DOCS.name],
        TransactionMode::ReadOnly,
    )?;
    let mut ids: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for page in pages::read_all(&tx).await? {
        ids.extend(page.into_iter().map(|r| DocId::Account(r.id).to_string()));
    }
    for (store, kind) in [(TRAINEES.name, "trainee"), (RENEWALS.name, "renewal")] {
        let keys = tx.store(store)?.get_all_keys(None, None).await?;
        ids.extend(keys.iter().filter_map(JsValue::as_string).map(|k| format!("{kind}:{k}")));
    }
    let settings_keys = tx.store(SETTINGS.name)?.get_all_keys(None, None).await?;
    for key in settings_keys.iter().filter_map(JsValue::as_string) {
        if let Some(g) = crate::domain::sync::docs::group_of(&key) {
            ids.insert(DocId::Settings(g).to_string());
        }
    }
    for page in pages::read_every::<SyncPage>(&tx).await? {
        ids.extend(page.ids().cloned());
    }
    drop(tx);
    ids.iter().map(|id| DocId::parse(id).map_err(|e| StorageError::plain(e.to_string()))).collect()
}

/// How a workspace starts syncing with a team database.
#[derive(Clone, Copy, Debug)]
pub enum Start<'a> {
    /// Send everything here (the database is empty, or this browser's
    /// book is to be merged with the team's): every document is queued.
    Upload,
    /// Only receive: this browser has nothing to send.
    Download,
    /// Take the team's book: this browser's records and shared settings
    /// go, kept as safety copy `(id, backup text)`, and the team's arrive.
    TakeTeams { safety_copy: (&'a str, &'a str) },
}

/// Connects this workspace to a team database, in one transaction: saves
/// the link, forgets any earlier checkpoint, and prepares as `start` says.
pub async fn connect(db: &Rexie, link: &SyncLink, start: Start<'_>) -> Result<(), StorageError> {
    let record = setting_value(SYNC_LINK, link)?;
    let stores = [
        SETTINGS.name,
        SYNC_OUTBOX.name,
        SYNC_DOCS.name,
        SYNC_CONFLICTS.name,
        ACCOUNT_PAGES.name,
        TRAINEES.name,
        RENEWALS.name,
        SAFETY_COPIES.name,
    ];
    let tx = db.transaction(&stores, TransactionMode::ReadWrite)?;
    let result = async {
        let settings = tx.store(SETTINGS.name)?;
        settings.put(&record, None).await?;
        settings.delete(JsValue::from_str(SYNC_CHECKPOINT.key)).await?;
        match start {
            Start::Upload => outbox::queue_all(&tx, &link.connected_at).await?,
            Start::Download => {}
            Start::TakeTeams { safety_copy: (id, text) } => {
                super::workspace::keep_safety_copy(&tx, id, text, &link.connected_at).await?;
                for store in [
                    ACCOUNT_PAGES.name,
                    TRAINEES.name,
                    RENEWALS.name,
                    SYNC_OUTBOX.name,
                    SYNC_DOCS.name,
                    SYNC_CONFLICTS.name,
                ] {
                    tx.store(store)?.clear().await?;
                }
                for key in SettingsGroup::ALL.iter().flat_map(|g| g.keys()) {
                    settings.delete(JsValue::from_str(key)).await?;
                }
            }
        }
        Ok(())
    }
    .await;
    finish(tx, result, "connect this workspace to the team database").await
}

/// Disconnects: the link, the checkpoint, the outbox, the bases and the
/// open disagreements go; the records stay as they are.
pub async fn disconnect(db: &Rexie) -> Result<(), StorageError> {
    let tx = db.transaction(
        &[SETTINGS.name, SYNC_OUTBOX.name, SYNC_DOCS.name, SYNC_CONFLICTS.name],
        TransactionMode::ReadWrite,
    )?;
    let result = async {
        let settings = tx.store(SETTINGS.name)?;
        settings.delete(JsValue::from_str(SYNC_LINK.key)).await?;
        settings.delete(JsValue::from_str(SYNC_CHECKPOINT.key)).await?;
        tx.store(SYNC_OUTBOX.name)?.clear().await?;
        tx.store(SYNC_DOCS.name)?.clear().await?;
        tx.store(SYNC_CONFLICTS.name)?.clear().await?;
        Ok(())
    }
    .await;
    finish(tx, result, "disconnect from the team database").await
}

/// Removes the disagreements of document `id` that the user settled
/// (`paths` as displayed), with the chosen record written in the same
/// transaction and queued for pushing.
pub async fn settle(db: &Rexie, record: &Record, paths: &[String], at: &str) -> Result<(), StorageError> {
    let id = record.doc_id();
    let open = {
        let tx = db.transaction(&[SYNC_CONFLICTS.name], TransactionMode::ReadOnly)?;
        get::<OpenConflicts>(&tx, SYNC_CONFLICTS.name, &id.to_string()).await?
    };
    let stamp = stamp(at)?;
    let tx = db.transaction(
        &[ACCOUNT_PAGES.name, TRAINEES.name, RENEWALS.name, SETTINGS.name, SYNC_OUTBOX.name, SYNC_CONFLICTS.name],
        TransactionMode::ReadWrite,
    )?;
    let touched = match &id {
        DocId::Account(a) => pages_of([a]),
        _ => Default::default(),
    };
    let result = async {
        let mut pages = pages::read_some::<Page>(&tx, &touched).await.map_err(|e| Cause(e.to_string()))?;
        put_record(&tx, &mut pages, &id, Some(record)).await?;
        pages::write(&tx, &pages, &touched).await?;
        let conflicts = tx.store(SYNC_CONFLICTS.name)?;
        let mut left = open.map(|o| o.conflicts).unwrap_or_default();
        left.retain(|c| !paths.contains(&c.path.to_string()));
        if left.is_empty() {
            conflicts.delete(JsValue::from_str(&id.to_string())).await?;
        } else {
            let open = OpenConflicts { id: id.to_string(), conflicts: left, at: at.to_string() };
            conflicts.put(&to_js(&open).map_err(|e| Cause(e.to_string()))?, None).await?;
        }
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        outbox::queue(&tx, vec![id.to_string()], at).await
    }
    .await;
    finish(tx, result, "save your choice").await
}

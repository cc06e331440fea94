//! Accounts and policies in IndexedDB. Every user action is one transaction.

use super::db::{Cause, StorageError};
use super::schema::{ACCOUNTS, RENEWALS, SAFETY_COPIES, SETTINGS, TRAINEES};
use super::settings;
use crate::domain::backup::BackupData;
use crate::domain::book::{Account, AgencyProfile, Book, Policy};
use crate::domain::import::plan::ChangeSet;
use crate::domain::renewals::board::RenewalRecord;
use crate::domain::trainees::Trainee;
use crate::domain::records::{apply_to_records, book_from_records, records_of, touched_accounts, AccountRecord};
use std::collections::{BTreeSet, HashMap};
use rexie::{Rexie, Transaction, TransactionMode};
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::JsValue;

pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| StorageError::new("prepare a record for saving", e))
}

pub(super) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StorageError::new(&format!("read a saved {what}"), e))
}

/// Many records to JavaScript objects at once: one JSON text parsed by the
/// browser is several times faster than converting record by record.
fn to_js_many<T: Serialize>(values: &[T]) -> Result<Vec<JsValue>, Cause> {
    let text = serde_json::to_string(values).map_err(|e| Cause(format!("a record could not be prepared for saving ({e})")))?;
    let array = js_sys::JSON::parse(&text).map_err(|_| Cause("the browser refused the data prepared for saving".into()))?;
    Ok(js_sys::Array::from(&array).iter().collect())
}

/// Records converted and written per batch by [`put_many`].
const WRITE_BATCH: usize = 500;

/// Writes `records` into `store`, a batch at a time: each batch's requests
/// are issued before the next batch is converted, so the browser (which
/// stores them in another process) writes one batch while the next is
/// being prepared, instead of starting only once everything is converted.
/// Everything is issued before the first request is waited for; it
/// resolves when the last one has succeeded, and a failed request aborts
/// the whole transaction.
pub(super) async fn put_many<T: Serialize>(store: &rexie::Store, records: &[T]) -> Result<(), Cause> {
    let batches = records.chunks(WRITE_BATCH).map(|batch| async move {
        let values = to_js_many(batch)?;
        store.put_all(values.into_iter().map(|v| (v, None))).await?;
        Ok::<(), Cause>(())
    });
    futures_util::future::try_join_all(batches).await.map(|_| ())
}

/// Deletes the records with keys `ids` from `store`, issuing every request
/// before waiting for any (one round trip instead of one per record).
async fn delete_many(store: &rexie::Store, ids: &[String]) -> Result<(), Cause> {
    futures_util::future::try_join_all(ids.iter().map(|id| store.delete(JsValue::from_str(id)))).await?;
    Ok(())
}

pub(super) async fn all<T: DeserializeOwned>(tx: &Transaction, store: &str, what: &str) -> Result<Vec<T>, StorageError> {
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

/// Records read per request by [`all_overlapped`].
const CHUNK: u32 = 2_500;

/// Like [`all`], for a large store: reads it in key order, `CHUNK` records
/// a request, and converts each chunk while IndexedDB is already fetching
/// the next (the browser reads in another process), instead of one after
/// the other. `key` is the store's key path.
async fn all_overlapped<T: DeserializeOwned>(tx: &Transaction, store_name: &str, key: &str, what: &str) -> Result<Vec<T>, StorageError> {
    let store = tx.store(store_name)?;
    let convert = |batch: Vec<JsValue>| json_records::<T>(batch, what);
    let mut out = Vec::new();
    let mut batch = store.get_all(None, Some(CHUNK)).await?;
    while !batch.is_empty() {
        if batch.len() < CHUNK as usize {
            out.extend(convert(batch)?);
            break;
        }
        let last = batch.last().map(|v| js_sys::Reflect::get(v, &JsValue::from_str(key))).transpose().ok().flatten();
        let Some(last) = last.filter(|k| !k.is_undefined()) else {
            return Err(StorageError::new(&format!("read the saved {what}s"), "a record has no key"));
        };
        let after = rexie::KeyRange::lower_bound(&last, Some(true)).map_err(|e| StorageError::new(&format!("read the saved {what}s"), e))?;
        // `join` starts the next request, then converts this batch meanwhile.
        let (next, converted) = futures_util::future::join(store.get_all(Some(after), Some(CHUNK)), async { convert(batch) }).await;
        out.extend(converted?);
        batch = next?;
    }
    Ok(out)
}

/// Loads every account and policy in one read transaction.
pub async fn load_book(db: &Rexie) -> Result<Book, StorageError> {
    let tx = db.transaction(&[ACCOUNTS.name], TransactionMode::ReadOnly)?;
    let records: Vec<AccountRecord> = all(&tx, ACCOUNTS.name, "account").await?;
    tx.done().await?;
    Ok(book_from_records(records))
}

/// The first `n` accounts by name (the Book page's first page) with their
/// policies, and the number of accounts in all: a small read through the
/// name index, so the list can be drawn before the whole book is loaded.
/// Ties keep key order, as the full list does.
pub async fn first_page(db: &Rexie, n: u32) -> Result<(Book, u32), StorageError> {
    let tx = db.transaction(&[ACCOUNTS.name], TransactionMode::ReadOnly)?;
    let store = tx.store(ACCOUNTS.name)?;
    let values = store.index("by_name")?.get_all(None, Some(n)).await?;
    let total = store.count(None).await?;
    tx.done().await?;
    let records: Vec<AccountRecord> = json_records(values, "account")?;
    Ok((book_from_records(records), total))
}

/// Above this many touched accounts one `getAll` is cheaper than a `get` each.
const READ_ALL_ABOVE: usize = 100;

/// Reads the stored records of `ids` inside `tx`.
async fn read_records(tx: &Transaction, ids: &BTreeSet<String>) -> Result<HashMap<String, AccountRecord>, StorageError> {
    if ids.len() > READ_ALL_ABOVE {
        let records: Vec<AccountRecord> = all(tx, ACCOUNTS.name, "account").await?;
        return Ok(records.into_iter().filter(|r| ids.contains(&r.id)).map(|r| (r.id.clone(), r)).collect());
    }
    let store = tx.store(ACCOUNTS.name)?;
    let mut found = HashMap::new();
    for id in ids {
        if let Some(v) = store.get(JsValue::from_str(id)).await? {
            if !v.is_undefined() {
                let r: AccountRecord = from_js(v, "account")?;
                found.insert(r.id.clone(), r);
            }
        }
    }
    Ok(found)
}

/// Writes an import (or any change set) in one transaction: reads the
/// records of the accounts it touches, applies the changes to them, writes
/// them back. Another tab's policy added to the same account meanwhile is
/// kept, since the change applies to what is stored, not to this tab's copy.
pub async fn apply_changes(db: &Rexie, changes: &ChangeSet, changed_at: &str) -> Result<(), StorageError> {
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let touched = touched_accounts(changes);
    let tx = db.transaction(&[ACCOUNTS.name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let current = match read_records(&tx, &touched).await {
        Ok(c) => c,
        Err(e) => {
            let _ = tx.abort().await;
            return Err(e);
        }
    };
    let writes = match apply_to_records(current, changes) {
        Ok(w) => w,
        Err(why) => {
            let _ = tx.abort().await;
            return Err(StorageError::new("save the changes", format!("{why}; nothing was changed")));
        }
    };
    // Converting between requests is safe: the transaction stays active
    // while requests are pending.
    let result = async {
        let acc = tx.store(ACCOUNTS.name)?;
        let (deleted, put) = futures_util::future::join(delete_many(&acc, &writes.delete), put_many(&acc, &writes.put)).await;
        deleted?;
        put?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "save the changes").await
}

pub(super) async fn finish(tx: Transaction, result: Result<(), Cause>, action: &str) -> Result<(), StorageError> {
    match result {
        Ok(()) => tx.done().await.map(|_| ()).map_err(|e| StorageError::new(action, format!("{}; nothing was changed", super::db::describe(&e)))),
        Err(Cause(why)) => {
            let _ = tx.abort().await;
            Err(StorageError::new(action, format!("{why}; nothing was changed")))
        }
    }
}

pub(super) fn settings_record<T: Serialize>(key: &str, value: &T) -> Result<JsValue, StorageError> {
    to_js(&serde_json::json!({ "key": key, "value": value }))
}

/// Why a save was refused because the record changed since it was loaded.
pub const STALE_EDIT: &str = "was changed in another tab or window since you opened it; your edit was not saved. The latest version is now shown: make your change again.";

/// Saves an edited (or new) account, refusing it when the stored copy's
/// revision is not the one the edit started from (None: it must not exist).
pub async fn save_account(db: &Rexie, account: &Account, base_revision: Option<u32>, changed_at: &str) -> Result<(), StorageError> {
    let name = format!("\"{}\"", account.client_name);
    update_record(db, ACCOUNTS.name, &account.id, changed_at, "save the change", |record: Option<AccountRecord>| {
        let current = record.as_ref().map(|r| r.account.revision);
        if current != base_revision {
            return Err(format!("{name} {STALE_EDIT}"));
        }
        let mut r = record.unwrap_or_else(|| AccountRecord::new(account.clone()));
        r.account = account.clone();
        Ok(r)
    })
    .await
}

/// Saves a policy into its account's record, refusing a stale edit like
/// [`save_account`].
pub async fn save_policy(db: &Rexie, policy: &Policy, base_revision: Option<u32>, changed_at: &str) -> Result<(), StorageError> {
    let name = if policy.policy_number.is_empty() { "This policy".to_string() } else { format!("Policy {}", policy.policy_number) };
    update_record(db, ACCOUNTS.name, &policy.account_id, changed_at, "save the change", |record: Option<AccountRecord>| {
        let Some(mut r) = record else {
            return Err(format!("{name} was not saved: its account was deleted in another tab or window."));
        };
        let slot = r.policies.iter().position(|p| p.id == policy.id);
        if slot.map(|i| r.policies[i].revision) != base_revision {
            return Err(format!("{name} {STALE_EDIT}"));
        }
        match slot {
            Some(i) => r.policies[i] = policy.clone(),
            None => r.policies.push(policy.clone()),
        }
        Ok(r)
    })
    .await
}

/// Reads record `id` of `store_name`, lets `change` check and update it (an
/// `Err` is the message to show), and writes it back with the last-change
/// stamp, all in one transaction. Every revision-checked save goes through
/// here.
pub(super) async fn update_record<T: Serialize + DeserializeOwned>(
    db: &Rexie,
    store_name: &str,
    id: &str,
    changed_at: &str,
    action: &str,
    change: impl FnOnce(Option<T>) -> Result<T, String>,
) -> Result<(), StorageError> {
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let tx = db.transaction(&[store_name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let store = tx.store(store_name)?;
    let current = match store.get(JsValue::from_str(id)).await? {
        Some(v) if !v.is_undefined() => Some(from_js::<T>(v, "record")?),
        _ => None,
    };
    let updated = match change(current) {
        Ok(r) => r,
        Err(message) => {
            let _ = tx.abort().await;
            return Err(StorageError { message });
        }
    };
    let value = to_js(&updated)?;
    let result = async {
        store.put(&value, None).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, action).await
}

/// A `change` for [`update_record`] that replaces the stored record with
/// `record` when the stored revision is `base_revision` (None: no record
/// yet), and refuses with "`name` was changed in another tab …" otherwise.
pub(super) fn replace_if_unchanged<T: Clone>(record: &T, revision_of: impl Fn(&T) -> u32, base_revision: Option<u32>, name: &str) -> impl FnOnce(Option<T>) -> Result<T, String> {
    let record = record.clone();
    let name = name.to_string();
    move |current| {
        if current.as_ref().map(&revision_of) != base_revision {
            return Err(format!("{name} {STALE_EDIT}"));
        }
        Ok(record)
    }
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
    let tx = db.transaction(&[SETTINGS.name, ACCOUNTS.name, TRAINEES.name, RENEWALS.name], TransactionMode::ReadOnly)?;
    let settings = settings::snapshot_in(&tx).await?;
    let records: Vec<AccountRecord> = all_overlapped(&tx, ACCOUNTS.name, ACCOUNTS.key_path, "account").await?;
    let mut trainees: Vec<Trainee> = all(&tx, TRAINEES.name, "trainee").await?;
    let renewals: Vec<RenewalRecord> = all(&tx, RENEWALS.name, "renewal").await?;
    tx.done().await?;
    super::trainees::sort(&mut trainees);
    Ok(Workspace { settings, book: book_from_records(records), trainees, renewals })
}

/// Everything the workspace holds, for a backup.
pub async fn export_data(db: &Rexie) -> Result<BackupData, StorageError> {
    let Workspace { settings: all, book, trainees, renewals } = load_workspace(db).await?;
    let agency_name = all.get::<String>(settings::AGENCY_NAME)?.unwrap_or_default();
    let profile = all.get::<AgencyProfile>(settings::PROFILE)?.unwrap_or_default();
    let profitability = all.get(settings::PROFITABILITY)?;
    let renewal_leads = all.get(settings::RENEWAL_LEADS)?;
    let service_plan = all.get(settings::SERVICE_PLAN)?;
    let role_library = all.get(settings::ROLE_LIBRARY)?;
    let advisor = all.get(settings::ADVISOR)?;
    Ok(BackupData { agency_name, profile, book, profitability, trainees, renewals, renewal_leads, service_plan, role_library, advisor })
}

/// A setting's record when it has a value.
fn optional_record<T: serde::Serialize>(key: &str, value: &Option<T>) -> Result<Option<JsValue>, StorageError> {
    value.as_ref().map(|v| settings_record(key, v)).transpose()
}

/// Replaces the whole workspace with `data` in one transaction, after
/// keeping a safety copy of what was there (in the same transaction).
pub async fn replace_all(db: &Rexie, data: &BackupData, safety_copy: Option<(&str, &str)>, changed_at: &str) -> Result<(), StorageError> {
    let records = records_of(&data.book);
    let name = settings_record(settings::AGENCY_NAME, &data.agency_name)?;
    let profile = settings_record(settings::PROFILE, &data.profile)?;
    // Settings the workspace may or may not have: written when the backup
    // has them, removed when it does not.
    let optional = [
        (settings::PROFITABILITY, optional_record(settings::PROFITABILITY, &data.profitability)?),
        (settings::RENEWAL_LEADS, optional_record(settings::RENEWAL_LEADS, &data.renewal_leads)?),
        (settings::SERVICE_PLAN, optional_record(settings::SERVICE_PLAN, &data.service_plan)?),
        (settings::ROLE_LIBRARY, optional_record(settings::ROLE_LIBRARY, &data.role_library)?),
        (settings::ADVISOR, optional_record(settings::ADVISOR, &data.advisor)?),
    ];
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let copy = match safety_copy {
        Some((id, text)) => Some(to_js(&serde_json::json!({ "id": id, "taken_at": changed_at, "backup": text }))?),
        None => None,
    };
    let tx = db.transaction(
        &[ACCOUNTS.name, SETTINGS.name, SAFETY_COPIES.name, TRAINEES.name, RENEWALS.name],
        TransactionMode::ReadWrite,
    )?;
    let result = async {
        if let Some(copy) = &copy {
            tx.store(SAFETY_COPIES.name)?.put(copy, None).await?;
        }
        let acc = tx.store(ACCOUNTS.name)?;
        acc.clear().await?;
        put_many(&acc, &records).await?;
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

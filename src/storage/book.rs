//! Accounts and policies in IndexedDB. Every user action is one transaction.

use super::db::{Cause, StorageError, finish};
use super::pages;
use super::schema::{ACCOUNT_PAGES, RENEWALS, SAFETY_COPIES, SETTINGS, TRAINEES};
use super::settings;
use crate::domain::backup::BackupData;
use crate::domain::book::{Account, AgencyProfile, Book, Policy};
use crate::domain::changes::ChangeSet;
use crate::domain::records::pages::{merge, page_of, pages_of, records_in, write_into};
use crate::domain::records::{AccountRecord, apply_to_records, book_from_records, records_of, touched_accounts};
use crate::domain::renewals::board::RenewalRecord;
use crate::domain::roles::trainee::Trainee;
use rexie::{Rexie, Transaction, TransactionMode};
use serde::{Serialize, de::DeserializeOwned};
use std::collections::BTreeSet;
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
    let text =
        serde_json::to_string(values).map_err(|e| Cause(format!("a record could not be prepared for saving ({e})")))?;
    let array =
        js_sys::JSON::parse(&text).map_err(|_| Cause("the browser refused the data prepared for saving".into()))?;
    Ok(js_sys::Array::from(&array).iter().collect())
}

/// Writes `records` into `store`: all requests are issued at once, it
/// resolves when the last has succeeded, and a failed one aborts the
/// whole transaction.
pub(super) async fn put_many<T: Serialize>(store: &rexie::Store, records: &[T]) -> Result<(), Cause> {
    let values = to_js_many(records)?;
    store.put_all(values.into_iter().map(|v| (v, None))).await?;
    Ok(())
}

pub(super) async fn all<T: DeserializeOwned>(
    tx: &Transaction,
    store: &str,
    what: &str,
) -> Result<Vec<T>, StorageError> {
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

/// Loads every account and policy in one read transaction.
pub async fn load_book(db: &Rexie) -> Result<Book, StorageError> {
    let tx = db.transaction(&[ACCOUNT_PAGES.name], TransactionMode::ReadOnly)?;
    let pages = pages::read_all(&tx).await?;
    tx.done().await?;
    Ok(book_from_records(merge(pages)))
}

/// Writes an import (or any change set) in one transaction: reads the
/// records of the accounts it touches, applies the changes to them, writes
/// them back. Another tab's policy added to the same account meanwhile is
/// kept, since the change applies to what is stored, not to this tab's copy.
pub async fn apply_changes(db: &Rexie, changes: &ChangeSet, changed_at: &str) -> Result<(), StorageError> {
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let tracking = changes.tracking_start.map(|d| settings_record(settings::TRACKING_START, &d)).transpose()?;
    let touched = touched_accounts(changes);
    let tx = db.transaction(&[ACCOUNT_PAGES.name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let mut read = match pages::read_some(&tx, &pages_of(&touched)).await {
        Ok(p) => p,
        Err(e) => {
            let _ = tx.abort().await;
            return Err(e);
        }
    };
    let writes = match apply_to_records(records_in(&read, &touched), changes) {
        Ok(w) => w,
        Err(why) => {
            let _ = tx.abort().await;
            return Err(StorageError::new("save the changes", format!("{why}; nothing was changed")));
        }
    };
    let changed = write_into(&mut read, writes);
    let result = async {
        pages::write(&tx, &read, &changed).await?;
        let settings_store = tx.store(SETTINGS.name)?;
        settings_store.put(&stamp, None).await?;
        // The first import (or account) starts renewal tracking.
        if let Some(record) = &tracking
            && settings_store.get(JsValue::from_str(settings::TRACKING_START)).await?.is_none_or(|v| v.is_undefined())
        {
            settings_store.put(record, None).await?;
        }
        Ok(())
    }
    .await;
    finish(tx, result, "save the changes").await
}

pub(super) fn settings_record<T: Serialize>(key: &str, value: &T) -> Result<JsValue, StorageError> {
    to_js(&serde_json::json!({ "key": key, "value": value }))
}

/// Why a save was refused because the record changed since it was loaded.
pub const STALE_EDIT: &str = "was changed in another tab or window since you opened it; your edit was not saved. The latest version is now shown: make your change again.";

/// Saves an edited (or new) account, refusing it when the stored copy's
/// revision is not the one the edit started from (None: it must not exist).
pub async fn save_account(
    db: &Rexie,
    account: &Account,
    base_revision: Option<u32>,
    changed_at: &str,
) -> Result<(), StorageError> {
    let name = format!("\"{}\"", account.client_name);
    update_account(db, &account.id, changed_at, |record| {
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
pub async fn save_policy(
    db: &Rexie,
    policy: &Policy,
    base_revision: Option<u32>,
    changed_at: &str,
) -> Result<(), StorageError> {
    let name = if policy.policy_number.is_empty() {
        "This policy".to_string()
    } else {
        format!("Policy {}", policy.policy_number)
    };
    update_account(db, &policy.account_id, changed_at, |record| {
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

/// Like [`update_record`], for account `id`, which lives in a page: reads
/// the page, lets `change` check and update the account's record, and
/// writes the page back with the last-change stamp, in one transaction.
async fn update_account(
    db: &Rexie,
    id: &str,
    changed_at: &str,
    change: impl FnOnce(Option<AccountRecord>) -> Result<AccountRecord, String>,
) -> Result<(), StorageError> {
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let tx = db.transaction(&[ACCOUNT_PAGES.name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let page = page_of(id);
    let mut read = pages::read_some(&tx, &BTreeSet::from([page.clone()])).await?;
    let current = read.get(&page).and_then(|p| p.get(id)).cloned();
    let updated = match change(current) {
        Ok(r) => r,
        Err(message) => {
            let _ = tx.abort().await;
            return Err(StorageError::stale(message));
        }
    };
    read.entry(page.clone()).or_default().put(updated);
    let result = async {
        pages::write(&tx, &read, &BTreeSet::from([page])).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "save the change").await
}

/// Reads record `id` of `store_name`, lets `change` check and update it (an
/// `Err` is the message to show), and writes it back with the last-change
/// stamp, all in one transaction, and returns the record as stored. Every
/// revision-checked save goes through here.
pub(super) async fn update_record<T: Serialize + DeserializeOwned>(
    db: &Rexie,
    store_name: &str,
    id: &str,
    changed_at: &str,
    action: &str,
    change: impl FnOnce(Option<T>) -> Result<T, String>,
) -> Result<T, StorageError> {
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
            return Err(StorageError::stale(message));
        }
    };
    let value = to_js(&updated)?;
    let result = async {
        store.put(&value, None).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, action).await?;
    Ok(updated)
}

/// A `change` for [`update_record`] that replaces the stored record with
/// `record` when the stored revision is `base_revision` (None: no record
/// yet), and refuses with "`name` was changed in another tab …" otherwise.
pub(super) fn replace_if_unchanged<T: Clone>(
    record: &T,
    revision_of: impl Fn(&T) -> u32,
    base_revision: Option<u32>,
    name: &str,
) -> impl FnOnce(Option<T>) -> Result<T, String> {
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
    let tx =
        db.transaction(&[SETTINGS.name, ACCOUNT_PAGES.name, TRAINEES.name, RENEWALS.name], TransactionMode::ReadOnly)?;
    // The four reads are requested together; each is converted as it
    // arrives, while the others are still being read.
    let (settings, pages, trainees, renewals) = futures_util::future::join4(
        settings::snapshot_in(&tx),
        pages::read_all(&tx),
        all::<Trainee>(&tx, TRAINEES.name, "trainee"),
        all::<RenewalRecord>(&tx, RENEWALS.name, "renewal"),
    )
    .await;
    let (settings, pages, mut trainees, renewals) = (settings?, pages?, trainees?, renewals?);
    // Everything is read: the transaction completes by itself, no need to
    // wait for it.
    drop(tx);
    super::trainees::sort(&mut trainees);
    Ok(Workspace { settings, book: book_from_records(merge(pages)), trainees, renewals })
}

/// Opens a workspace's database and reads everything in it, checking the
/// data format in the same read: on every load but the first after an
/// upgrade it is current and nothing more is read; otherwise the data
/// steps run ([`super::migrate`]) and everything is read again.
pub async fn open_and_load(workspace_id: &str) -> Result<(Rexie, Workspace), StorageError> {
    let db = super::open_at(workspace_id, super::schema::current()).await?;
    let first = load_workspace(&db).await;
    let current = first
        .as_ref()
        .is_ok_and(|w| w.settings.get::<u32>(super::migrate::DATA_VERSION) == Ok(Some(super::migrate::CURRENT)));
    if current {
        return first.map(|w| (db, w));
    }
    let upgraded = match super::migrate::run(&db).await {
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
    let tracking_start = all.get(settings::TRACKING_START)?;
    let service_plans = all.get(settings::SERVICE_PLANS)?;
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

/// A setting's record when it has a value.
fn optional_record<T: serde::Serialize>(key: &str, value: &Option<T>) -> Result<Option<JsValue>, StorageError> {
    value.as_ref().map(|v| settings_record(key, v)).transpose()
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
        (settings::TRACKING_START, optional_record(settings::TRACKING_START, &data.tracking_start)?),
        (settings::SERVICE_PLANS, optional_record(settings::SERVICE_PLANS, &data.service_plans)?),
    ];
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let copy = match safety_copy {
        Some((id, text)) => Some(to_js(&serde_json::json!({ "id": id, "taken_at": changed_at, "backup": text }))?),
        None => None,
    };
    let tx = db.transaction(
        &[ACCOUNT_PAGES.name, SETTINGS.name, SAFETY_COPIES.name, TRAINEES.name, RENEWALS.name],
        TransactionMode::ReadWrite,
    )?;
    let result = async {
        if let Some(copy) = &copy {
            let copies = tx.store(SAFETY_COPIES.name)?;
            copies.put(copy, None).await?;
            // Only the newest few are kept: ids sort by the time taken.
            let mut ids: Vec<String> =
                copies.get_all_keys(None, None).await?.iter().filter_map(JsValue::as_string).collect();
            ids.sort();
            let excess = ids.len().saturating_sub(SAFETY_COPIES_KEPT);
            for id in &ids[..excess] {
                copies.delete(JsValue::from_str(id)).await?;
            }
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
        Ok(())
    }
    .await;
    finish(tx, result, "restore the data").await
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
    copies.sort_by(|a, b| b.id.cmp(&a.id));
    Ok(copies)
}

/// How many safety copies are kept.
pub async fn safety_copy_count(db: &Rexie) -> Result<u32, StorageError> {
    let tx = db.transaction(&[SAFETY_COPIES.name], TransactionMode::ReadOnly)?;
    let n = tx.store(SAFETY_COPIES.name)?.count(None).await?;
    tx.done().await?;
    Ok(n)
}

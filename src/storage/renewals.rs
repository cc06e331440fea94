//! Renewal records in IndexedDB: ticks, notes and outcomes, and binding a
//! renewal (its policies move to the next term) in one transaction.

use super::book::{from_js, replace_if_unchanged, settings_record, to_js, update_record, STALE_EDIT};
use super::db::{finish, StorageError};
use super::pages;
use super::schema::{ACCOUNT_PAGES, RENEWALS, SETTINGS};
use super::settings;
use crate::domain::records::pages::page_of;
use std::collections::BTreeSet;
use crate::domain::renewals::board::{next_term, RenewalRecord};
use chrono::NaiveDate;
use rexie::{Rexie, TransactionMode};
use wasm_bindgen::JsValue;

async fn stored(store: &rexie::Store, id: &str) -> Result<Option<RenewalRecord>, StorageError> {
    match store.get(JsValue::from_str(id)).await? {
        Some(v) if !v.is_undefined() => Ok(Some(from_js(v, "renewal")?)),
        _ => Ok(None),
    }
}

/// Saves a renewal record, refusing it when another tab saved the same
/// renewal since `base_revision` (None: there was no record yet).
pub async fn save_record(db: &Rexie, record: &RenewalRecord, base_revision: Option<u32>, changed_at: &str) -> Result<(), StorageError> {
    let check = replace_if_unchanged(record, |r: &RenewalRecord| r.revision, base_revision, "This renewal");
    update_record(db, RENEWALS.name, &record.id, changed_at, "save the renewal", check).await.map(|_| ())
}

/// Changes what is stored for renewal `id` (of `account_id`, expiring on
/// `expiration`; a new record when there is none) with `change`, in one
/// transaction, and returns the record as saved. The change applies to the
/// stored record, not to this tab's copy, so another tab's ticks on other
/// items are kept; `change` refuses (its message is shown) when what it
/// changes is no longer what the person saw.
pub async fn change_record(
    db: &Rexie,
    (id, account_id, expiration): (&str, &str, NaiveDate),
    changed_at: &str,
    change: impl FnOnce(&mut RenewalRecord) -> Result<(), String>,
) -> Result<RenewalRecord, StorageError> {
    update_record(db, RENEWALS.name, id, changed_at, "save the renewal", |stored: Option<RenewalRecord>| {
        let mut record = stored.unwrap_or_else(|| RenewalRecord::new(account_id, expiration));
        change(&mut record)?;
        record.revision += 1;
        Ok(record)
    })
    .await
}

/// Binds a renewal: saves its record (with the outcome set by the caller)
/// and moves the account's policies that expire on the renewal's date to the
/// next term, all in one transaction.
pub async fn bind(db: &Rexie, record: &RenewalRecord, base_revision: Option<u32>, changed_at: &str) -> Result<(), StorageError> {
    let value = to_js(record)?;
    let stamp = settings_record(settings::LAST_CHANGE_AT, &changed_at)?;
    let tx = db.transaction(&[RENEWALS.name, ACCOUNT_PAGES.name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let renewals = tx.store(RENEWALS.name)?;
    if stored(&renewals, &record.id).await?.map(|r| r.revision) != base_revision {
        let _ = tx.abort().await;
        return Err(StorageError::stale(format!("This renewal {STALE_EDIT}")));
    }
    let page = page_of(&record.account_id);
    let mut read = pages::read_some(&tx, &BTreeSet::from([page.clone()])).await?;
    let Some(account) = read.get_mut(&page).and_then(|p| p.0.get_mut(&record.account_id)) else {
        let _ = tx.abort().await;
        return Err(StorageError::stale("The account of this renewal was deleted in another tab or window; nothing was changed."));
    };
    let mut moved = 0;
    for p in account.policies.iter_mut().filter(|p| p.expiration == Some(record.expiration)) {
        let effective = p.effective.unwrap_or(record.expiration);
        let (eff, exp) = next_term(effective, record.expiration);
        p.effective = Some(eff);
        p.expiration = Some(exp);
        p.revision += 1;
        p.updated_at = changed_at.to_string();
        moved += 1;
    }
    if moved == 0 {
        let _ = tx.abort().await;
        return Err(StorageError::stale("No policy of this account expires on that date any more (changed in another tab?); nothing was changed."));
    }
    let result = async {
        renewals.put(&value, None).await?;
        pages::write(&tx, &read, &BTreeSet::from([page])).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "bind the renewal").await
}

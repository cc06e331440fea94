//! Renewal records in IndexedDB: ticks, notes and outcomes; an outcome
//! (bound, lost, or undone) is written with the account's policies in one
//! transaction.

use super::codec::{found, from_js, to_js};
use super::error::StorageError;
use super::format::schema::{ACCOUNT_PAGES, RENEWALS, SETTINGS, SYNC_OUTBOX};
use super::pages;
use super::tx::{STALE_EDIT, finish, give_up, read_record, replace_if_unchanged, stamp, update_record};
use crate::domain::book::Policy;
use crate::domain::records::pages::{Page, page_of};
use crate::domain::renewals::board::RenewalRecord;
use chrono::NaiveDate;
use rexie::{Rexie, TransactionMode};
use std::collections::BTreeSet;
use wasm_bindgen::JsValue;

async fn stored(store: &rexie::Store, id: &str) -> Result<Option<RenewalRecord>, StorageError> {
    found(store.get(JsValue::from_str(id)).await?).map(|v| from_js(v, "renewal")).transpose()
}

/// The stored record of renewal `id`, None when there is none: what to
/// show after a change to it was refused.
pub async fn load_record(db: &Rexie, id: &str) -> Result<Option<RenewalRecord>, StorageError> {
    read_record(db, RENEWALS.name, id, "renewal").await
}

/// Saves a renewal record, refusing it when another tab saved the same
/// renewal since `base_revision` (None: there was no record yet).
pub async fn save_record(
    db: &Rexie,
    record: &RenewalRecord,
    base_revision: Option<u32>,
    changed_at: &str,
) -> Result<(), StorageError> {
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
        change(&mut record).map_err(StorageError::Stale)?;
        record.revision += 1;
        Ok(record)
    })
    .await
}

/// Records how a renewal ended, or undoes that: `decide` changes the
/// renewal's record (a new one when there is none) and the account's stored
/// policies together (see [`crate::domain::renewals::lifecycle`]), and both
/// are written in one transaction. Refused, with nothing written, when
/// another tab saved the renewal since `base_revision`, the account is
/// gone, or `decide` refuses (its message is shown).
pub async fn decide(
    db: &Rexie,
    (id, account_id, expiration): (&str, &str, NaiveDate),
    base_revision: Option<u32>,
    changed_at: &str,
    decide: impl FnOnce(&mut RenewalRecord, &mut Vec<Policy>) -> Result<(), String>,
) -> Result<RenewalRecord, StorageError> {
    let stamp = stamp(changed_at)?;
    let tx = db.transaction(
        &[RENEWALS.name, ACCOUNT_PAGES.name, SETTINGS.name, SYNC_OUTBOX.name],
        TransactionMode::ReadWrite,
    )?;
    let renewals = tx.store(RENEWALS.name)?;
    let page = page_of(account_id);
    let prepared = async {
        let stored = stored(&renewals, id).await?;
        if stored.as_ref().map(|r| r.revision) != base_revision {
            return Err(StorageError::Stale(format!("This renewal {STALE_EDIT}")));
        }
        let mut record = stored.unwrap_or_else(|| RenewalRecord::new(account_id, expiration));
        let mut read = pages::read_some::<Page>(&tx, &BTreeSet::from([page.clone()])).await?;
        let Some(account) = read.get_mut(&page).and_then(|p| p.0.get_mut(account_id)) else {
            return Err(StorageError::Missing(
                "The account of this renewal was deleted in another tab or window (or by a teammate, through team sync); nothing was changed.".into(),
            ));
        };
        decide(&mut record, &mut account.policies).map_err(StorageError::Stale)?;
        record.revision += 1;
        let value = to_js(&record)?;
        Ok((record, read, value))
    }
    .await;
    let (record, read, value) = match prepared {
        Ok(p) => p,
        Err(e) => return give_up(tx, e).await,
    };
    let result = async {
        renewals.put(&value, None).await?;
        pages::write(&tx, &read, &BTreeSet::from([page])).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        let docs = vec![super::outbox::renewal_doc(id), super::outbox::account_doc(account_id)];
        super::outbox::queue(&tx, docs, changed_at).await
    }
    .await;
    finish(tx, result, "save the renewal's outcome").await.map(|_| record)
}

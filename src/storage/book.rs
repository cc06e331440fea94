//! Accounts and their policies in IndexedDB (stored in pages, see
//! `super::pages`). Every user action is one transaction.

use super::codec::{found, setting_value};
use super::error::StorageError;
use super::format::schema::{ACCOUNT_PAGES, SETTINGS, SYNC_OUTBOX};
use super::format::settings::TRACKING_START;
use super::outbox;
use super::pages;
use super::pages::Stopped;
use super::tx::{STALE_EDIT, finish, give_up, stamp};
use crate::domain::book::{Account, Book, Policy};
use crate::domain::changes::ChangeSet;
use crate::domain::records::pages::{Assembly, Page, page_of};
use crate::domain::records::{AccountRecord, apply_share, shares_by_page};
use rexie::{Rexie, TransactionMode};
use std::collections::BTreeSet;
use wasm_bindgen::JsValue;

/// Loads every account and policy in one read transaction.
pub async fn load_book(db: &Rexie) -> Result<Book, StorageError> {
    let tx = db.transaction(&[ACCOUNT_PAGES.name], TransactionMode::ReadOnly)?;
    let pages = pages::read_all(&tx).await?;
    tx.done().await?;
    Ok(Assembly::new(pages).finish())
}

/// The stored record of account `id` (with its policies), None when there
/// is none: what to show after an edit of it was refused.
pub async fn load_account(db: &Rexie, id: &str) -> Result<Option<AccountRecord>, StorageError> {
    let tx = db.transaction(&[ACCOUNT_PAGES.name], TransactionMode::ReadOnly)?;
    let page = page_of(id);
    let read = pages::read_some::<Page>(&tx, &BTreeSet::from([page.clone()])).await?;
    tx.done().await?;
    Ok(read.get(&page).and_then(|p| p.get(id)).cloned())
}

/// Writes an import (or any change set) in one transaction: reads the
/// records of the accounts it touches, applies the changes to them, writes
/// them back, a page at a time in short slices ([`pages::change_each`]).
/// Another tab's policy added to the same account meanwhile is kept, since
/// the change applies to what is stored, not to this tab's copy.
pub async fn apply_changes(db: &Rexie, changes: &ChangeSet, changed_at: &str) -> Result<(), StorageError> {
    const ACTION: &str = "save the changes";
    let stamp = stamp(changed_at)?;
    let tracking = changes.tracking_start.map(|d| setting_value(TRACKING_START, &d)).transpose()?;
    let shares = shares_by_page(changes);
    let tx = db.transaction(&[ACCOUNT_PAGES.name, SETTINGS.name, SYNC_OUTBOX.name], TransactionMode::ReadWrite)?;
    let mut docs = Vec::new();
    let written = pages::change_each::<Page>(&tx, shares.keys(), |id, page| {
        docs.extend(shares[id].accounts().into_iter().map(outbox::account_doc));
        apply_share(page, &shares[id])
    })
    .await;
    match written {
        Ok(()) => {}
        Err(Stopped::Read(e)) => return give_up(tx, e).await,
        Err(Stopped::Refused(why)) => {
            return give_up(tx, StorageError::new(ACTION, format!("{why}; nothing was changed"))).await;
        }
        Err(Stopped::Write(cause)) => return finish(tx, Err(cause), ACTION).await,
    }
    let result = async {
        let settings_store = tx.store(SETTINGS.name)?;
        settings_store.put(&stamp, None).await?;
        // The first import (or account) starts renewal tracking.
        if let Some(record) = &tracking
            && found(settings_store.get(JsValue::from_str(TRACKING_START.key)).await?).is_none()
        {
            settings_store.put(record, None).await?;
            docs.extend(outbox::settings_doc(TRACKING_START.key));
        }
        outbox::queue(&tx, docs, changed_at).await
    }
    .await;
    finish(tx, result, ACTION).await
}

/// Saves an edited (or new) account, refusing it ([`StorageError::Stale`])
/// when the stored copy's revision is not the one the edit started from
/// (None: it must not exist).
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
            return Err(StorageError::Stale(format!("{name} {STALE_EDIT}")));
        }
        let mut r = record.unwrap_or_else(|| AccountRecord::new(account.clone()));
        r.account = account.clone();
        Ok(r)
    })
    .await
}

/// Saves a policy into its account's record, refusing a stale edit like
/// [`save_account`], and refusing ([`StorageError::Missing`]) when the
/// account is gone.
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
            return Err(StorageError::Missing(format!(
                "{name} was not saved: its account was deleted in another tab or window (or by a teammate, through team sync)."
            )));
        };
        let slot = r.policies.iter().position(|p| p.id == policy.id);
        if slot.map(|i| r.policies[i].revision) != base_revision {
            return Err(StorageError::Stale(format!("{name} {STALE_EDIT}")));
        }
        match slot {
            Some(i) => r.policies[i] = policy.clone(),
            None => r.policies.push(policy.clone()),
        }
        Ok(r)
    })
    .await
}

/// Like `super::tx::update_record`, for account `id`, which lives in a
/// page: reads the page, lets `change` check and update the account's
/// record, and writes the page back with the last-change stamp, in one
/// transaction.
async fn update_account(
    db: &Rexie,
    id: &str,
    changed_at: &str,
    change: impl FnOnce(Option<AccountRecord>) -> Result<AccountRecord, StorageError>,
) -> Result<(), StorageError> {
    let stamp = stamp(changed_at)?;
    let tx = db.transaction(&[ACCOUNT_PAGES.name, SETTINGS.name, SYNC_OUTBOX.name], TransactionMode::ReadWrite)?;
    let page = page_of(id);
    let mut read = pages::read_some::<Page>(&tx, &BTreeSet::from([page.clone()])).await?;
    let current = read.get(&page).and_then(|p| p.get(id)).cloned();
    let updated = match change(current) {
        Ok(r) => r,
        Err(e) => return give_up(tx, e).await,
    };
    read.entry(page.clone()).or_default().put(updated);
    let result = async {
        pages::write(&tx, &read, &BTreeSet::from([page])).await?;
        tx.store(SETTINGS.name)?.put(&stamp, None).await?;
        outbox::queue(&tx, vec![outbox::account_doc(id)], changed_at).await
    }
    .await;
    finish(tx, result, "save the change").await
}

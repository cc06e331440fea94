//! Data steps between schema versions, run in order after the database is
//! opened.
//!
//! IndexedDB's upgrade event (through rexie) only creates stores; a change
//! in the *shape* of records is a data step here. The setting
//! [`DATA_VERSION`] records the last step done; each step and that setting
//! are written in one transaction, so a step is either complete or not
//! started, and running it again after a crash is safe.

use super::book::{all, put_many, settings_record};
use super::db::{StorageError, finish};
use super::pages;
use super::schema::{ACCOUNT_PAGES, ACCOUNTS, POLICIES, RENEWALS, SETTINGS};
use super::settings;
use crate::domain::book::{Account, Policy};
use crate::domain::records::{AccountRecord, group};
use crate::domain::renewals::board::RenewalRecord;
use chrono::NaiveDate;
use rexie::{Rexie, TransactionMode};
use wasm_bindgen::JsValue;

/// Setting: the data format the records are in (absent: version 2's).
pub const DATA_VERSION: &str = "data_version";

/// The data format this build writes.
pub const CURRENT: u32 = 6;

/// Brings the records up to [`CURRENT`], one step at a time.
pub async fn run(db: &Rexie) -> Result<(), StorageError> {
    let mut at = settings::get::<u32>(db, DATA_VERSION).await?.unwrap_or(2);
    if at > CURRENT {
        return Err(StorageError::plain(format!(
            "This workspace was saved by a newer version of AgencyDesk (data format {at}, this version reads up to {CURRENT}). Reload the page to get the newer version."
        )));
    }
    while at < CURRENT {
        at += 1;
        match at {
            3 => policies_into_accounts(db).await?,
            // Version 4 gave every record a sort key for a name index that
            // version 5's pages made unnecessary; step 5 rewrites every
            // record anyway, so there is nothing to do here.
            4 => {}
            5 => accounts_into_pages(db).await?,
            6 => tracking_start_for_existing_books(db).await?,
            _ => unreachable!("every data version up to CURRENT has a step"),
        }
    }
    Ok(())
}

/// Version 6: a workspace that had a book before renewal tracking existed
/// gets a tracking start (the earliest day an account was saved or an item
/// ticked: about when its first import was), so the milestones its team
/// worked before the app are not all reported overdue. A workspace that
/// already has one, or no book, is left as it is.
async fn tracking_start_for_existing_books(db: &Rexie) -> Result<(), StorageError> {
    let done = settings_record(DATA_VERSION, &6u32)?;
    let tx = db.transaction(&[ACCOUNT_PAGES.name, RENEWALS.name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let has = tx
        .store(SETTINGS.name)?
        .get(JsValue::from_str(settings::TRACKING_START))
        .await?
        .is_some_and(|v| !v.is_undefined());
    let mut start = None;
    if !has {
        let records = pages::read_all(&tx).await?;
        let renewals: Vec<RenewalRecord> = all(&tx, RENEWALS.name, "renewal").await?;
        let saved = records
            .iter()
            .flatten()
            .filter_map(|r| r.account.updated_at.get(..10))
            .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        let ticked = renewals.iter().flat_map(|r| r.ticks.iter().map(|t| t.on));
        start = saved.chain(ticked).min();
    }
    let start = start.map(|d| settings_record(settings::TRACKING_START, &d)).transpose()?;
    let result = async {
        let store = tx.store(SETTINGS.name)?;
        if let Some(record) = &start {
            store.put(record, None).await?;
        }
        store.put(&done, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "upgrade the saved data to this version's format").await
}

/// Version 5: the account records move into pages (schema version 6; see
/// [`crate::domain::records::pages`]) and the accounts store is emptied.
async fn accounts_into_pages(db: &Rexie) -> Result<(), StorageError> {
    let done = settings_record(DATA_VERSION, &5u32)?;
    let tx = db.transaction(&[ACCOUNTS.name, ACCOUNT_PAGES.name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let records: Vec<AccountRecord> = all(&tx, ACCOUNTS.name, "account").await?;
    let result = async {
        pages::replace_all(&tx, records).await?;
        tx.store(ACCOUNTS.name)?.clear().await?;
        tx.store(SETTINGS.name)?.put(&done, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "upgrade the saved data to this version's format").await
}

/// Version 3: each account record takes its policies; the policies store
/// is emptied. Policies whose account is missing are kept under one extra
/// account (see [`crate::domain::records::group`]).
async fn policies_into_accounts(db: &Rexie) -> Result<(), StorageError> {
    let done = settings_record(DATA_VERSION, &3u32)?;
    let tx = db.transaction(&[ACCOUNTS.name, POLICIES.name, SETTINGS.name], TransactionMode::ReadWrite)?;
    let accounts: Vec<Account> = all(&tx, ACCOUNTS.name, "account").await?;
    let policies: Vec<Policy> = all(&tx, POLICIES.name, "policy").await?;
    let records = group(accounts, policies);
    let result = async {
        let acc = tx.store(ACCOUNTS.name)?;
        acc.clear().await?;
        put_many(&acc, &records).await?;
        tx.store(POLICIES.name)?.clear().await?;
        tx.store(SETTINGS.name)?.put(&done, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, "upgrade the saved data to this version's format").await
}

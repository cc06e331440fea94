//! Runs the data steps of [`super::format::steps`] after the database is
//! opened: each step and the data format it reaches are written in one
//! transaction, so a step is either complete or not started, and running
//! it again after a crash is safe.

use super::codec::{all, from_js, put_many, setting_value};
use super::error::StorageError;
use super::format::schema::{ACCOUNTS, POLICIES, RENEWALS, SETTINGS, SYNC_DOCS};
use super::format::settings::TRACKING_START;
use super::format::steps::{BASE_FORMAT, DataStep, Step, steps_from};
use super::format::sync::{SyncPage, SyncedDoc};
use super::pages::{self, Paged};
use super::settings::{self, is_set_in};
use super::tx::finish;
use crate::domain::book::{Account, Policy};
use crate::domain::records::pages::page_of;
use crate::domain::records::{AccountRecord, group};
use crate::domain::renewals::board::RenewalRecord;
use chrono::NaiveDate;
use rexie::{Rexie, TransactionMode};
use std::collections::{BTreeSet, HashMap};

pub use super::format::settings::DATA_VERSION;
pub use super::format::steps::CURRENT;

/// What every data step's failure says it could not do.
const ACTION: &str = "upgrade the saved data to this version's format";

/// Brings the records up to [`CURRENT`], one step at a time; refuses
/// ([`StorageError::NewerFormat`]) records of a newer format.
pub async fn run(db: &Rexie) -> Result<(), StorageError> {
    let at = settings::get(db, DATA_VERSION).await?.unwrap_or(BASE_FORMAT);
    let steps = steps_from(at).map_err(|found| StorageError::NewerFormat { found, supported: CURRENT })?;
    for step in steps {
        run_step(db, step).await?;
    }
    Ok(())
}

async fn run_step(db: &Rexie, step: &DataStep) -> Result<(), StorageError> {
    match step.step {
        Step::PoliciesIntoAccounts => policies_into_accounts(db, step).await,
        Step::Nothing => Ok(()),
        Step::AccountsIntoPages => accounts_into_pages(db, step).await,
        Step::TrackingStart => tracking_start_for_existing_books(db, step).await,
        Step::SyncIntoPages => sync_into_pages(db, step).await,
    }
}

/// The write transaction of `step`, over the stores it declares, and the
/// settings record saying its format is reached.
fn begin(db: &Rexie, step: &DataStep) -> Result<(rexie::Transaction, wasm_bindgen::JsValue), StorageError> {
    let done = setting_value(DATA_VERSION, &step.format)?;
    let names: Vec<&str> = step.stores.iter().map(|s| s.name).collect();
    Ok((db.transaction(&names, TransactionMode::ReadWrite)?, done))
}

/// See [`Step::SyncIntoPages`]. A value already a page (a second tab that
/// began the step while the first one's transaction was still running
/// finds the first one's pages) is kept, its records merged with the
/// others of its page.
async fn sync_into_pages(db: &Rexie, step: &DataStep) -> Result<(), StorageError> {
    let (tx, done) = begin(db, step)?;
    let values = tx.store(SYNC_DOCS.name)?.get_all(None, None).await?;
    let mut into: HashMap<String, SyncPage> = HashMap::new();
    for value in values {
        if pages::is_page(&value) {
            let (id, page) = pages::read_value(&value, SyncPage::decode, SyncPage::READING)?;
            into.entry(id).or_default().absorb(page);
        } else {
            let doc = from_js::<SyncedDoc>(value, "sync record")?;
            into.entry(page_of(&doc.id))
                .or_default()
                .put(&doc)
                .map_err(|e| StorageError::new(ACTION, format!("{}: {e}", doc.id)))?;
        }
    }
    let written: BTreeSet<String> = into.keys().cloned().collect();
    let result = async {
        tx.store(SYNC_DOCS.name)?.clear().await?;
        pages::write(&tx, &into, &written).await?;
        tx.store(SETTINGS.name)?.put(&done, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, ACTION).await
}

/// See [`Step::TrackingStart`].
async fn tracking_start_for_existing_books(db: &Rexie, step: &DataStep) -> Result<(), StorageError> {
    let (tx, done) = begin(db, step)?;
    let mut start = None;
    if !is_set_in(&tx, TRACKING_START).await? {
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
    let start = start.map(|d| setting_value(TRACKING_START, &d)).transpose()?;
    let result = async {
        let store = tx.store(SETTINGS.name)?;
        if let Some(record) = &start {
            store.put(record, None).await?;
        }
        store.put(&done, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, ACTION).await
}

/// See [`Step::AccountsIntoPages`].
async fn accounts_into_pages(db: &Rexie, step: &DataStep) -> Result<(), StorageError> {
    let (tx, done) = begin(db, step)?;
    let records: Vec<AccountRecord> = all(&tx, ACCOUNTS.name, "account").await?;
    let result = async {
        pages::replace_all(&tx, records).await?;
        tx.store(ACCOUNTS.name)?.clear().await?;
        tx.store(SETTINGS.name)?.put(&done, None).await?;
        Ok(())
    }
    .await;
    finish(tx, result, ACTION).await
}

/// See [`Step::PoliciesIntoAccounts`].
async fn policies_into_accounts(db: &Rexie, step: &DataStep) -> Result<(), StorageError> {
    let (tx, done) = begin(db, step)?;
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
    finish(tx, result, ACTION).await
}

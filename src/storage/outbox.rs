//! Team sync's outbox, the writing end: each write of a synced workspace
//! queues the documents it touched in its own transaction (see
//! [`super::format::sync`]). [`super::synced`] reads the queue and clears
//! what was pushed.

use super::codec::{found, to_js};
use super::error::Cause;
use super::format::schema::{SETTINGS, SYNC_OUTBOX};
use super::format::sync::{OutboxEntry, SYNC_LINK};
use crate::domain::sync::docs::{DocId, group_of};
use rexie::Transaction;
use std::cell::Cell;
use wasm_bindgen::JsValue;

thread_local! {
    /// Orders this page's writes that share a millisecond.
    static COUNTER: Cell<u64> = const { Cell::new(0) };
    /// Drawn once per page, so that two tabs writing in the same
    /// millisecond never give their entries the same key (one would
    /// replace the other, and its documents would never be pushed).
    static PAGE: u64 = (js_sys::Math::random() * (1u64 << 40) as f64) as u64;
}

/// The document of an account (with its policies).
pub fn account_doc(id: &str) -> String {
    DocId::Account(id.to_string()).to_string()
}

/// The document of a trainee.
pub fn trainee_doc(id: &str) -> String {
    DocId::Trainee(id.to_string()).to_string()
}

/// The document of a renewal's record.
pub fn renewal_doc(id: &str) -> String {
    DocId::Renewal(id.to_string()).to_string()
}

/// The settings document a setting belongs to; None for a setting that
/// stays with this browser (the as-of date, stamps, sync's own).
pub fn settings_doc(key: &str) -> Option<String> {
    group_of(key).map(|g| DocId::Settings(g).to_string())
}

/// Queues the settings document of `key`, if it is shared.
pub(super) async fn queue_setting(tx: &Transaction, key: &str) -> Result<(), Cause> {
    let at = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
    queue(tx, settings_doc(key).into_iter().collect(), &at).await
}

/// The document of the record `id` of `store` (trainees or renewals).
pub(super) fn record_doc(store: &str, id: &str) -> String {
    match store {
        s if s == super::format::schema::TRAINEES.name => trainee_doc(id),
        _ => renewal_doc(id),
    }
}

/// `stores` plus the outbox when the database has one: a database still
/// at an older schema (before its upgrade runs) has none, and cannot be
/// synced either.
pub(super) fn with_outbox<'a>(db: &rexie::Rexie, stores: &[&'a str]) -> Vec<&'a str> {
    let mut all = stores.to_vec();
    if db.store_names().iter().any(|s| s == SYNC_OUTBOX.name) {
        all.push(SYNC_OUTBOX.name);
    }
    all
}

/// Queues `docs` as touched by the write in `tx`, stamped `at`, when the
/// workspace is synced; does nothing otherwise. `tx` must include the
/// settings store and the outbox.
pub(super) async fn queue(tx: &Transaction, docs: Vec<String>, at: &str) -> Result<(), Cause> {
    queue_entry(tx, docs, at, false).await
}

/// Queues every document: the write replaced the whole workspace.
pub(super) async fn queue_all(tx: &Transaction, at: &str) -> Result<(), Cause> {
    queue_entry(tx, Vec::new(), at, true).await
}

async fn queue_entry(tx: &Transaction, docs: Vec<String>, at: &str, all: bool) -> Result<(), Cause> {
    if docs.is_empty() && !all {
        return Ok(());
    }
    let synced = found(tx.store(SETTINGS.name)?.get(JsValue::from_str(SYNC_LINK.key)).await?).is_some();
    if !synced {
        return Ok(());
    }
    let n = COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    }) | PAGE.with(|p| *p << 20);
    let mut entry = OutboxEntry::new(at, n, docs);
    entry.all = all;
    let value = to_js(&entry).map_err(|e| Cause(e.to_string()))?;
    tx.store(SYNC_OUTBOX.name)?.put(&value, None).await?;
    Ok(())
}

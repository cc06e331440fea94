//! Account pages in IndexedDB: each stored value is `{id, data}`, `data`
//! being the JSON text of one page's records (see
//! [`crate::domain::records::pages`] for why the book is paged).

use super::error::{Cause, StorageError};
use super::format::schema::ACCOUNT_PAGES;
use crate::domain::book::Book;
use crate::domain::records::pages::{Page, decode, decode_records, encode, merge, write_into};
use crate::domain::records::{AccountRecord, RecordWrites, book_from_records};
use rexie::Transaction;
use std::collections::{BTreeSet, HashMap};
use wasm_bindgen::JsValue;

const DATA: &str = "data";

/// The stored value of page `id` with text `data`.
fn value(id: &str, data: &str) -> Result<JsValue, Cause> {
    let object = js_sys::Object::new();
    let set = |key: &str, v: &JsValue| js_sys::Reflect::set(&object, &JsValue::from_str(key), v);
    set(ACCOUNT_PAGES.key_path, &JsValue::from_str(id))
        .and_then(|_| set(DATA, &JsValue::from_str(data)))
        .map_err(|_| Cause("the browser refused the data prepared for saving".into()))?;
    Ok(object.into())
}

/// A stored page's id and records, read with `decode`.
fn read_value<T>(
    value: &JsValue,
    decode: impl Fn(&str) -> Result<T, serde_json::Error>,
) -> Result<(String, T), StorageError> {
    let field = |key: &str| js_sys::Reflect::get(value, &JsValue::from_str(key)).ok().and_then(|v| v.as_string());
    let id = field(ACCOUNT_PAGES.key_path).unwrap_or_default();
    let page = field(DATA)
        .ok_or_else(|| format!("page {id} has no records text"))
        .and_then(|text| decode(&text).map_err(|e| format!("page {id}: {e}")))
        .map_err(|why| StorageError::new("read the saved accounts", why))?;
    Ok((id, page))
}

/// The records of every page, page by page.
pub(super) async fn read_all(tx: &Transaction) -> Result<Vec<Vec<AccountRecord>>, StorageError> {
    let values = read_stored(tx).await?;
    values.iter().map(|v| read_value(v, decode_records).map(|(_, records)| records)).collect()
}

/// Every stored page as the browser gave it, not yet decoded (see
/// [`book_yielding`]).
pub(super) async fn read_stored(tx: &Transaction) -> Result<Vec<JsValue>, StorageError> {
    Ok(tx.store(ACCOUNT_PAGES.name)?.get_all(None, None).await?)
}

/// The book of the pages `values` read with [`read_stored`], decoded page
/// by page and put in account id order, giving the browser its turn
/// whenever the work has run for a while, so a large book does not freeze
/// the page while it loads. Only once the transaction has nothing more to
/// do: a transaction whose requests are all answered ends when the
/// browser gets its turn.
pub(super) async fn book_yielding(values: &[JsValue]) -> Result<Book, StorageError> {
    let mut turn = Turn::new();
    let mut pages = Vec::with_capacity(values.len());
    for value in values {
        pages.push(read_value(value, decode_records)?.1);
        turn.take_if_due(SLICE_MS).await;
    }
    // Putting 100,000 accounts in order and then into the book take about
    // 100 and 40 ms: a turn before each keeps them tasks of their own.
    // A small book, read in under a quarter of a slice, takes no turn.
    turn.take_if_due(SLICE_MS / 4.0).await;
    let records = merge(pages);
    turn.take_if_due(SLICE_MS / 4.0).await;
    Ok(book_from_records(records))
}

/// Work on the main thread between two turns of the browser's.
const SLICE_MS: f64 = 40.0;

/// Time since the browser last had its turn.
struct Turn {
    since: f64,
}

impl Turn {
    fn new() -> Turn {
        Turn { since: js_sys::Date::now() }
    }

    /// After `ms` of work, lets the browser draw and handle input before
    /// going on.
    async fn take_if_due(&mut self, ms: f64) {
        if js_sys::Date::now() - self.since >= ms {
            gloo_timers::future::TimeoutFuture::new(0).await;
            self.since = js_sys::Date::now();
        }
    }
}

/// The pages `ids` (a page not stored yet comes back empty), all requested
/// before the first is waited for.
pub(super) async fn read_some(tx: &Transaction, ids: &BTreeSet<String>) -> Result<HashMap<String, Page>, StorageError> {
    let store = tx.store(ACCOUNT_PAGES.name)?;
    let values = futures_util::future::try_join_all(ids.iter().map(|id| store.get(JsValue::from_str(id)))).await?;
    let mut pages: HashMap<String, Page> = ids.iter().map(|id| (id.clone(), Page::default())).collect();
    for value in values.into_iter().flatten().filter(|v| !v.is_undefined()) {
        let (id, page) = read_value(&value, decode)?;
        pages.insert(id, page);
    }
    Ok(pages)
}

/// Writes pages `which` of `pages` (an empty page is removed from the
/// store), every request issued before any is waited for.
pub(super) async fn write(
    tx: &Transaction,
    pages: &HashMap<String, Page>,
    which: &BTreeSet<String>,
) -> Result<(), Cause> {
    let store = tx.store(ACCOUNT_PAGES.name)?;
    let mut puts = Vec::new();
    let mut deletes = Vec::new();
    for id in which {
        match pages.get(id).filter(|p| !p.is_empty()) {
            Some(page) => {
                let text =
                    encode(page).map_err(|e| Cause(format!("page {id} could not be prepared for saving ({e})")))?;
                puts.push((value(id, &text)?, None));
            }
            None => deletes.push(store.delete(JsValue::from_str(id))),
        }
    }
    let (put, deleted) =
        futures_util::future::join(store.put_all(puts.into_iter()), futures_util::future::try_join_all(deletes)).await;
    put?;
    deleted?;
    Ok(())
}

/// Replaces every page with ones holding `records` (the whole book).
pub(super) async fn replace_all(tx: &Transaction, records: Vec<AccountRecord>) -> Result<(), Cause> {
    let mut pages = HashMap::new();
    let changed = write_into(&mut pages, RecordWrites { put: records, delete: Vec::new() });
    tx.store(ACCOUNT_PAGES.name)?.clear().await?;
    write(tx, &pages, &changed).await
}

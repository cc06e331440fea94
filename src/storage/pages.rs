//! Values stored a page at a time: the account records (each stored value
//! is `{id, data}`, `data` being the JSON text of one page's records; see
//! [`crate::domain::records::pages`] for why the book is paged), and team
//! sync's record of each document ([`SyncPage`]), kept the same way.
//!
//! Since data format 7 a page's text is stored as its UTF-8 bytes (a
//! `Uint8Array`), not as a string: the browser hands bytes to wasm with one
//! copy, while a string is re-encoded character by character on its way
//! in, which took seconds for a book of 50,000 accounts read a few times
//! over. A page stored as a string before then still reads, and is stored
//! as bytes the next time it is written.

use super::error::{Cause, StorageError};
use super::format::schema::{ACCOUNT_PAGES, SYNC_DOCS};
use super::format::sync::SyncPage;
use crate::domain::book::Book;
use crate::domain::records::pages::{Assembly, Page, decode, decode_records, encode, write_into};
use crate::domain::records::{AccountRecord, RecordWrites};
use rexie::Transaction;
use std::collections::{BTreeSet, HashMap};
use wasm_bindgen::{JsCast, JsValue};

const DATA: &str = "data";
/// The key of a stored page: both paged stores are keyed by `id`.
const ID: &str = "id";

/// What is stored a page at a time: where, and as what text.
pub(super) trait Paged: Default + Sized {
    /// The store the pages live in.
    const STORE: &'static str;
    /// What a failed read could not do, in words.
    const READING: &'static str;
    fn to_text(&self) -> Result<String, serde_json::Error>;
    fn from_text(text: &str) -> Result<Self, serde_json::Error>;
    fn is_empty(&self) -> bool;
}

impl Paged for Page {
    const STORE: &'static str = ACCOUNT_PAGES.name;
    const READING: &'static str = "read the saved accounts";
    fn to_text(&self) -> Result<String, serde_json::Error> {
        encode(self)
    }
    fn from_text(text: &str) -> Result<Self, serde_json::Error> {
        decode(text)
    }
    fn is_empty(&self) -> bool {
        Page::is_empty(self)
    }
}

impl Paged for SyncPage {
    const STORE: &'static str = SYNC_DOCS.name;
    const READING: &'static str = "read what was last synced with the team database";
    fn to_text(&self) -> Result<String, serde_json::Error> {
        self.encode()
    }
    fn from_text(text: &str) -> Result<Self, serde_json::Error> {
        SyncPage::decode(text)
    }
    fn is_empty(&self) -> bool {
        SyncPage::is_empty(self)
    }
}

/// The stored value of page `id` with text `data` (stored as its bytes).
pub(super) fn value(id: &str, data: &str) -> Result<JsValue, Cause> {
    let object = js_sys::Object::new();
    let set = |key: &str, v: &JsValue| js_sys::Reflect::set(&object, &JsValue::from_str(key), v);
    set(ID, &JsValue::from_str(id))
        .and_then(|_| set(DATA, &js_sys::Uint8Array::from(data.as_bytes())))
        .map_err(|_| Cause("the browser refused the data prepared for saving".into()))?;
    Ok(object.into())
}

/// The text of a stored page: its bytes, or a string as stored before data
/// format 7 (None: neither, or bytes that are not UTF-8).
fn text_of(value: &JsValue) -> Option<String> {
    let data = js_sys::Reflect::get(value, &JsValue::from_str(DATA)).ok()?;
    match data.dyn_ref::<js_sys::Uint8Array>() {
        Some(bytes) => String::from_utf8(bytes.to_vec()).ok(),
        None => data.as_string(),
    }
}

/// Whether a stored value is a page (it has the text of its contents).
pub(super) fn is_page(value: &JsValue) -> bool {
    js_sys::Reflect::get(value, &JsValue::from_str(DATA))
        .ok()
        .is_some_and(|v| v.is_string() || v.is_instance_of::<js_sys::Uint8Array>())
}

/// The id of a stored page (or of any stored value keyed by `id`).
pub(super) fn id_of(value: &JsValue) -> Option<String> {
    js_sys::Reflect::get(value, &JsValue::from_str(ID)).ok().and_then(|v| v.as_string())
}

/// A stored page's id and contents, read with `decode`; `reading` says
/// what a failure could not do.
pub(super) fn read_value<T>(
    value: &JsValue,
    decode: impl Fn(&str) -> Result<T, serde_json::Error>,
    reading: &str,
) -> Result<(String, T), StorageError> {
    let id = id_of(value).unwrap_or_default();
    let page = text_of(value)
        .ok_or_else(|| format!("page {id} has no records text"))
        .and_then(|text| decode(&text).map_err(|e| format!("page {id}: {e}")))
        .map_err(|why| StorageError::new(reading, why))?;
    Ok((id, page))
}

/// The records of every page, page by page.
pub(super) async fn read_all(tx: &Transaction) -> Result<Vec<Vec<AccountRecord>>, StorageError> {
    let values = read_stored(tx).await?;
    values.iter().map(|v| read_value(v, decode_records, Page::READING).map(|(_, records)| records)).collect()
}

/// Every stored page as the browser gave it, not yet decoded (see
/// [`book_yielding`]).
pub(super) async fn read_stored(tx: &Transaction) -> Result<Vec<JsValue>, StorageError> {
    // Each page is asked for on its own, all at once, so the browser hands
    // each value over in a task of its own: every page of 100,000 accounts
    // in one answer was one task of about 200 ms.
    let store = tx.store(ACCOUNT_PAGES.name)?;
    let keys = store.get_all_keys(None, None).await?;
    let values = futures_util::future::try_join_all(keys.into_iter().map(|key| store.get(key))).await?;
    Ok(values.into_iter().flatten().filter(|v| !v.is_undefined()).collect())
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
        pages.push(read_value(value, decode_records, Page::READING)?.1);
        turn.take_if_due(SLICE_MS).await;
    }
    // The accounts are put in order and into the book a few hundred at a
    // time, with a turn whenever the work has run for a slice.
    let mut book = Assembly::new(pages);
    while !book.step(ACCOUNTS_PER_LOOK) {
        turn.take_if_due(SLICE_MS).await;
    }
    Ok(book.finish())
}

/// Accounts put into the book between looks at the clock.
const ACCOUNTS_PER_LOOK: usize = 256;

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

    /// Whether `ms` of work have run since the browser's last turn.
    fn due(&self, ms: f64) -> bool {
        js_sys::Date::now() - self.since >= ms
    }

    /// After `ms` of work, lets the browser draw and handle input before
    /// going on.
    async fn take_if_due(&mut self, ms: f64) {
        if self.due(ms) {
            gloo_timers::future::TimeoutFuture::new(0).await;
            self.since = js_sys::Date::now();
        }
    }
}

/// The pages `ids` (a page not stored yet comes back empty), all requested
/// before the first is waited for.
pub(super) async fn read_some<P: Paged>(
    tx: &Transaction,
    ids: &BTreeSet<String>,
) -> Result<HashMap<String, P>, StorageError> {
    let store = tx.store(P::STORE)?;
    let values = futures_util::future::try_join_all(ids.iter().map(|id| store.get(JsValue::from_str(id)))).await?;
    let mut pages: HashMap<String, P> = ids.iter().map(|id| (id.clone(), P::default())).collect();
    for value in values.into_iter().flatten().filter(|v| !v.is_undefined()) {
        let (id, page) = read_value(&value, P::from_text, P::READING)?;
        pages.insert(id, page);
    }
    Ok(pages)
}

/// Every stored page of `P`, by id.
pub(super) async fn read_every<P: Paged>(tx: &Transaction) -> Result<Vec<P>, StorageError> {
    let values = tx.store(P::STORE)?.get_all(None, None).await?;
    values.iter().map(|v| read_value(v, P::from_text, P::READING).map(|(_, page)| page)).collect()
}

/// Why [`change_each`] stopped: a page could not be read, the change
/// refused (in words), or a write was refused.
pub(super) enum Stopped {
    Read(StorageError),
    Refused(String),
    Write(Cause),
}

/// Changes pages `ids` with `change` (which says whether it changed the
/// page, or why it refuses) and writes the pages it changed (an emptied
/// page is removed). Every page is requested at once, but each is decoded,
/// changed and encoded only when its turn comes, and after every slice of
/// that work the writes so far are waited for: the browser takes its turn
/// meanwhile, and the transaction stays open because it has requests
/// pending. A change to every page of a big book (an import of 100,000
/// accounts) thus never holds the page for long, and is still one
/// transaction.
pub(super) async fn change_each<P: Paged>(
    tx: &Transaction,
    ids: impl Iterator<Item = &String> + Clone,
    mut change: impl FnMut(&str, &mut P) -> Result<bool, String>,
) -> Result<(), Stopped> {
    let store = tx.store(P::STORE).map_err(|e| Stopped::Read(e.into()))?;
    let values = futures_util::future::try_join_all(ids.clone().map(|id| store.get(JsValue::from_str(id))))
        .await
        .map_err(|e| Stopped::Read(e.into()))?;
    let mut turn = Turn::new();
    let (mut puts, mut deletes) = (Vec::new(), Vec::new());
    for (id, stored) in ids.zip(values) {
        let mut page = match stored.filter(|v| !v.is_undefined()) {
            Some(v) => read_value(&v, P::from_text, P::READING).map_err(Stopped::Read)?.1,
            None => P::default(),
        };
        if !change(id, &mut page).map_err(Stopped::Refused)? {
            continue;
        }
        gather(id, &page, &mut puts, &mut deletes).map_err(Stopped::Write)?;
        if turn.due(SLICE_MS) {
            flush(&store, &mut puts, &mut deletes).await.map_err(Stopped::Write)?;
            turn = Turn::new();
        }
    }
    flush(&store, &mut puts, &mut deletes).await.map_err(Stopped::Write)
}

/// Adds page `id` to the writes to issue: its stored value, or its removal
/// when it is empty.
fn gather<P: Paged>(
    id: &str,
    page: &P,
    puts: &mut Vec<(JsValue, Option<JsValue>)>,
    deletes: &mut Vec<String>,
) -> Result<(), Cause> {
    if page.is_empty() {
        deletes.push(id.to_string());
    } else {
        let text = page.to_text().map_err(|e| Cause(format!("page {id} could not be prepared for saving ({e})")))?;
        puts.push((value(id, &text)?, None));
    }
    Ok(())
}

/// Issues the writes gathered so far, every request before any is waited
/// for, and waits for them.
async fn flush(
    store: &rexie::Store,
    puts: &mut Vec<(JsValue, Option<JsValue>)>,
    deletes: &mut Vec<String>,
) -> Result<(), Cause> {
    let removed = futures_util::future::try_join_all(deletes.drain(..).map(|id| store.delete(JsValue::from_str(&id))));
    let (put, removed) = futures_util::future::join(store.put_all(puts.drain(..)), removed).await;
    put?;
    removed?;
    Ok(())
}

/// Writes pages `which` of `pages` (an empty page is removed from the
/// store), every request issued before any is waited for.
pub(super) async fn write<P: Paged>(
    tx: &Transaction,
    pages: &HashMap<String, P>,
    which: &BTreeSet<String>,
) -> Result<(), Cause> {
    let store = tx.store(P::STORE)?;
    let (mut puts, mut deletes) = (Vec::new(), Vec::new());
    let empty = P::default();
    for id in which {
        gather(id, pages.get(id).unwrap_or(&empty), &mut puts, &mut deletes)?;
    }
    flush(&store, &mut puts, &mut deletes).await
}

/// Replaces every page with ones holding `records` (the whole book).
pub(super) async fn replace_all(tx: &Transaction, records: Vec<AccountRecord>) -> Result<(), Cause> {
    let mut pages = HashMap::new();
    let changed = write_into(&mut pages, RecordWrites { put: records, delete: Vec::new() });
    tx.store(ACCOUNT_PAGES.name)?.clear().await?;
    write(tx, &pages, &changed).await
}

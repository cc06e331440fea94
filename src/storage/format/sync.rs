//! What team sync keeps in a workspace beside the records: the database it
//! syncs with, where pulling resumes, the outbox of changes not yet pushed,
//! and per document the server's revision and the version last synced
//! (the base a three-way merge starts from).
//!
//! The outbox is written in the same transaction as the change it
//! records, so a change is never saved without being queued, nor queued
//! without being saved. One entry per write lists the documents that write
//! touched: an import of 5,000 accounts is one more stored value, not 5,000.

pub use super::settings::{SYNC_CHECKPOINT, SYNC_LINK, SyncLink};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet};

/// The documents one write touched, queued until they are pushed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// Orders the entries: the write's time stamp and a counter.
    pub id: String,
    /// Document ids (`account:…`, `trainee:…`, `renewal:…`, `settings:…`).
    pub docs: Vec<String>,
    /// Set by a write that replaced the whole workspace (a restore): every
    /// document is to be pushed, and those gone from it deleted.
    #[serde(default)]
    pub all: bool,
}

impl OutboxEntry {
    /// The entry of a write stamped `at`, the `n`th of this page's writes.
    pub fn new(at: &str, n: u64, docs: Vec<String>) -> Self {
        OutboxEntry { id: format!("{at}#{n:08}"), docs, all: false }
    }
}

/// What is waiting to be pushed: every document named by `entries`, each
/// once, and whether a write replaced everything.
///
/// ```
/// use agency_desk::storage::format::sync::{OutboxEntry, pending};
/// let a = OutboxEntry::new("2026-01-01T00:00:00Z", 1, vec!["account:a".into(), "settings:renewals".into()]);
/// let b = OutboxEntry::new("2026-01-01T00:00:01Z", 2, vec!["account:a".into()]);
/// let (docs, all) = pending(&[a, b]);
/// assert_eq!(docs.into_iter().collect::<Vec<_>>(), ["account:a", "settings:renewals"]);
/// assert!(!all);
/// ```
pub fn pending(entries: &[OutboxEntry]) -> (BTreeSet<String>, bool) {
    let docs = entries.iter().flat_map(|e| e.docs.iter().cloned()).collect();
    (docs, entries.iter().any(|e| e.all))
}

/// When each queued document last changed here: the time of the newest
/// outbox entry naming it (an entry's id starts with its write's time), or
/// of a write that replaced everything.
///
/// ```
/// use agency_desk::storage::format::sync::{ChangeTimes, OutboxEntry};
/// let a = OutboxEntry::new("2026-01-01T00:00:00Z", 1, vec!["account:a".into()]);
/// let b = OutboxEntry::new("2026-01-01T00:00:09Z", 2, vec!["account:a".into(), "account:b".into()]);
/// let times = ChangeTimes::of(&[a, b]);
/// assert_eq!(times.get("account:a"), Some("2026-01-01T00:00:09Z"));
/// assert_eq!(times.get("account:c"), None, "not queued");
/// ```
#[derive(Clone, Debug, Default)]
pub struct ChangeTimes {
    named: std::collections::HashMap<String, String>,
    all: Option<String>,
}

impl ChangeTimes {
    pub fn of(entries: &[OutboxEntry]) -> Self {
        let mut times = ChangeTimes::default();
        for e in entries {
            let at = e.id.split('#').next().unwrap_or_default().to_string();
            if e.all {
                times.all = times.all.max(Some(at.clone()));
            }
            for doc in &e.docs {
                let slot = times.named.entry(doc.clone()).or_default();
                if *slot < at {
                    *slot = at.clone();
                }
            }
        }
        times
    }

    /// When document `doc` last changed here, if it waits to be pushed.
    pub fn get(&self, doc: &str) -> Option<&str> {
        self.named.get(doc).map(String::as_str).max(self.all.as_deref())
    }
}

/// A document as last synced: the server's revision and the document's
/// data at that revision.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncedDoc {
    /// The document id.
    pub id: String,
    /// CouchDB's `_rev` of that version.
    pub rev: String,
    /// The document's `data` at that revision: the base of a merge. In
    /// this type's serialized form (how data format 6 stored each record,
    /// one value per document) the base is its JSON text ([`json_text`]);
    /// since format 7 the records live in a [`SyncPage`] instead, and this
    /// form is only read by the data step that moves them there.
    #[serde(with = "json_text")]
    pub base: serde_json::Value,
    /// Losing revisions CouchDB kept beside that one, already folded into
    /// the record here: deleted on the server with the next push.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub losers: Vec<String>,
}

/// The sync records of one page of documents, by document id: since data
/// format 7 the sync records are stored a page at a time, as the account
/// records are (see [`crate::domain::records::pages`]): IndexedDB spends
/// about the same time on every value written, and a first upload or
/// download used to write one value per document. A document's page is
/// [`crate::domain::records::pages::page_of`] its id.
///
/// Each base is kept as the JSON text it was stored as, and turned into a
/// tree only when [`SyncPage::get`] asks for it, so reading a page to
/// change a few of its records does not build every base in it.
///
/// ```
/// use agency_desk::storage::format::sync::{SyncPage, SyncedDoc};
/// let doc = SyncedDoc { id: "account:a1".into(), rev: "2-x".into(), base: serde_json::json!({"n": 1}), losers: vec![] };
/// let mut page = SyncPage::default();
/// page.put(&doc).unwrap();
/// let back = SyncPage::decode(&page.encode().unwrap()).unwrap();
/// assert_eq!(back.get("account:a1").unwrap().unwrap(), doc);
/// assert!(back.get("account:zz").is_none());
/// ```
#[derive(Debug, Default)]
pub struct SyncPage(BTreeMap<String, StoredDoc>);

/// A [`SyncedDoc`] as a page holds it: its base still JSON text.
#[derive(Debug, Serialize, Deserialize)]
struct StoredDoc {
    id: String,
    rev: String,
    base: Box<RawValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    losers: Vec<String>,
}

impl SyncPage {
    /// Adds or replaces the record of `doc.id`.
    pub fn put(&mut self, doc: &SyncedDoc) -> Result<(), serde_json::Error> {
        let stored = StoredDoc {
            id: doc.id.clone(),
            rev: doc.rev.clone(),
            base: serde_json::value::to_raw_value(&doc.base)?,
            losers: doc.losers.clone(),
        };
        self.0.insert(stored.id.clone(), stored);
        Ok(())
    }

    /// The record of document `id`, its base read (None: not on this page).
    pub fn get(&self, id: &str) -> Option<Result<SyncedDoc, serde_json::Error>> {
        let stored = self.0.get(id)?;
        Some(serde_json::from_str(stored.base.get()).map(|base| SyncedDoc {
            id: stored.id.clone(),
            rev: stored.rev.clone(),
            base,
            losers: stored.losers.clone(),
        }))
    }

    /// Takes every record of `other`, each replacing this page's record of
    /// the same document.
    pub fn absorb(&mut self, other: SyncPage) {
        self.0.extend(other.0);
    }

    /// The ids of the documents on this page, in order.
    pub fn ids(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The page's text: a JSON array of its records in id order, each
    /// base written as the JSON it is (not as a string).
    pub fn encode(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(&self.0.values().collect::<Vec<_>>())
    }

    /// A page read back from its text.
    pub fn decode(text: &str) -> Result<SyncPage, serde_json::Error> {
        let docs: Vec<StoredDoc> = serde_json::from_str(text)?;
        Ok(SyncPage(docs.into_iter().map(|d| (d.id.clone(), d)).collect()))
    }
}

/// A base written as its JSON text, the way data format 6 stored it (the
/// browser copies one string many times faster than a tree of objects);
/// a base stored as an object, as before that, still reads. Bases are a
/// document's data (an object) or null, never a string themselves, so the
/// two cannot be confused.
mod json_text {
    use serde::de::Error as _;
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};
    use serde_json::Value;

    pub fn serialize<S: Serializer>(value: &Value, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&serde_json::to_string(value).map_err(S::Error::custom)?)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
        match Value::deserialize(d)? {
            Value::String(text) => serde_json::from_str(&text).map_err(D::Error::custom),
            stored_as_object => Ok(stored_as_object),
        }
    }
}

/// The disagreements of one document that wait for the user: each path
/// holds the server's value until the user chooses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenConflicts {
    /// The document id.
    pub id: String,
    pub conflicts: Vec<crate::domain::sync::merge::Conflict>,
    /// When the newest of them was found (RFC 3339).
    pub at: String,
}

impl OpenConflicts {
    /// Adds `newer`, each replacing an older one at the same path.
    pub fn add(&mut self, newer: Vec<crate::domain::sync::merge::Conflict>, at: &str) {
        self.conflicts.retain(|c| !newer.iter().any(|n| n.path == c.path));
        self.conflicts.extend(newer);
        self.at = at.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_sort_in_write_order_and_a_restore_asks_for_everything() {
        let early = OutboxEntry::new("2026-03-01T10:00:00.000Z", 9, vec![]);
        let late = OutboxEntry::new("2026-03-01T10:00:00.000Z", 10, vec![]);
        assert!(early.id < late.id, "the counter keeps writes of one millisecond in order");
        let mut restore = OutboxEntry::new("2026-03-01T11:00:00.000Z", 11, vec![]);
        restore.all = true;
        assert!(pending(&[early, restore]).1);
        assert!(!pending(&[late]).1);
    }

    #[test]
    fn a_base_is_stored_as_text_and_one_stored_as_an_object_still_reads() {
        let base = serde_json::json!({"name": "Acme", "policies": [{"id": "p1", "premium": 120_00}]});
        let doc = SyncedDoc { id: "account:a1".into(), rev: "2-x".into(), base: base.clone(), losers: vec![] };
        let stored = serde_json::to_value(&doc).unwrap();
        assert_eq!(stored["base"], serde_json::Value::String(serde_json::to_string(&base).unwrap()));
        assert_eq!(serde_json::from_value::<SyncedDoc>(stored).unwrap(), doc);
        let older = serde_json::json!({"id": "account:a1", "rev": "2-x", "base": base});
        assert_eq!(serde_json::from_value::<SyncedDoc>(older).unwrap(), doc);
        let deleted = SyncedDoc { base: serde_json::Value::Null, ..doc };
        assert_eq!(serde_json::from_value::<SyncedDoc>(serde_json::to_value(&deleted).unwrap()).unwrap(), deleted);
    }

    #[test]
    fn a_page_keeps_each_base_as_it_was_and_replaces_a_record() {
        let doc = |id: &str, rev: &str, base| SyncedDoc { id: id.into(), rev: rev.into(), base, losers: vec![] };
        let mut page = SyncPage::default();
        assert!(page.is_empty());
        let a1 = doc("account:a1", "1-a", serde_json::json!({"name": "Acme \"Co\"", "premium": 120_00, "tags": []}));
        let mut deleted = doc("renewal:r1", "3-c", serde_json::Value::Null);
        deleted.losers = vec!["2-b".into()];
        page.put(&a1).unwrap();
        page.put(&deleted).unwrap();
        page.put(&doc("account:a1", "2-a", serde_json::json!({"name": "Acme"}))).unwrap();
        let text = page.encode().unwrap();
        assert!(text.contains(r#""base":{"name":"Acme"}"#), "a base is JSON in the page, not a string: {text}");
        let back = SyncPage::decode(&text).unwrap();
        assert_eq!(back.ids().collect::<Vec<_>>(), ["account:a1", "renewal:r1"]);
        assert_eq!(back.get("account:a1").unwrap().unwrap().rev, "2-a", "the later record replaced the earlier");
        assert_eq!(back.get("renewal:r1").unwrap().unwrap(), deleted);
        assert!(SyncPage::decode("{\"id\": \"p01\"}").is_err(), "not a page");
        // Absorbing another page keeps both pages' records, the other's winning.
        let mut other = SyncPage::default();
        other.put(&doc("account:a1", "5-z", serde_json::json!({"name": "Acme Ltd"}))).unwrap();
        other.put(&doc("trainee:t1", "1-t", serde_json::json!({}))).unwrap();
        let mut both = back;
        both.absorb(other);
        assert_eq!(both.ids().collect::<Vec<_>>(), ["account:a1", "renewal:r1", "trainee:t1"]);
        assert_eq!(both.get("account:a1").unwrap().unwrap().rev, "5-z");
        assert_eq!(both.get("renewal:r1").unwrap().unwrap(), deleted);
    }

    #[test]
    fn a_newer_disagreement_on_a_path_replaces_the_older_one() {
        use crate::domain::sync::merge::{Conflict, Path};
        let at = |field: &str, theirs: i64| Conflict {
            path: Path::root().field(field),
            label: field.into(),
            base: None,
            mine: Some(1.into()),
            theirs: Some(theirs.into()),
            mine_changed: None,
            theirs_changed: None,
        };
        let mut open = OpenConflicts {
            id: "account:a1".into(),
            conflicts: vec![at("notes", 2), at("producer", 3)],
            at: "t1".into(),
        };
        open.add(vec![at("notes", 9)], "t2");
        assert_eq!(open.conflicts.len(), 2);
        assert_eq!(open.conflicts.iter().find(|c| c.label == "notes").unwrap().theirs, Some(9.into()));
        assert_eq!(open.at, "t2");
    }
}

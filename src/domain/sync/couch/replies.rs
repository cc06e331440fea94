//! CouchDB's replies, read into types. CouchDB 3 and pouchdb-server (the
//! tests' stand-in) differ in places, and both are read:
//!
//! * sequences are opaque strings in CouchDB 3 (`"12-g1AAAA…"`) and
//!   integers in pouchdb-server: a [`Seq`] keeps either as text;
//! * `_bulk_get` answers an unknown id with an error object in CouchDB and
//!   with `{}` in pouchdb-server: both are [`BulkGetItem::Missing`].
//!
//! ```
//! use agency_desk::domain::sync::couch::{Changes, replies::read};
//! let body = r#"{"results":[{"seq":3,"id":"account:a","changes":[{"rev":"2-b"}],"doc":{"_id":"account:a"}}],"last_seq":3}"#;
//! let changes: Changes = read("the changes", body).unwrap();
//! assert_eq!(changes.last_seq.as_str(), "3");
//! assert_eq!(changes.results[0].rev(), Some("2-b"));
//! ```

use super::error::SyncError;
use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// Reads a reply's body as `T`; `what` names it in the error.
pub fn read<T: DeserializeOwned>(what: &str, body: &str) -> Result<T, SyncError> {
    serde_json::from_str(body).map_err(|e| SyncError::BadResponse(format!("{what}: {e}")))
}

/// An update sequence, as text: pass it back as `since` unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct Seq(pub String);

impl Seq {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Seq {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A string as it is; a number (pouchdb-server) as its digits; anything
/// else (CouchDB 1's clustered arrays) as its JSON text.
impl<'de> Deserialize<'de> for Seq {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Seq(match Value::deserialize(deserializer)? {
            Value::String(text) => text,
            other => other.to_string(),
        }))
    }
}

/// `GET /db`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DbInfo {
    #[serde(default)]
    pub db_name: String,
    pub doc_count: u64,
    #[serde(default)]
    pub doc_del_count: u64,
    pub update_seq: Seq,
}

/// `GET /db/_changes`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Changes {
    pub results: Vec<Change>,
    /// Where the next request resumes (`since`).
    pub last_seq: Seq,
    /// How many more changes there are after these (with `limit`; CouchDB
    /// 3 sends it, pouchdb-server does not).
    #[serde(default)]
    pub pending: Option<u64>,
}

impl Changes {
    /// No changes after `since` (from the start without it): what an
    /// aborted longpoll returns.
    pub fn none(since: Option<&str>) -> Changes {
        Changes { results: Vec::new(), last_seq: Seq(since.unwrap_or("0").to_string()), pending: Some(0) }
    }
}

/// One changed document.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Change {
    pub seq: Seq,
    pub id: String,
    pub changes: Vec<RevRef>,
    #[serde(default)]
    pub deleted: bool,
    /// The winning revision's body (`include_docs=true`), with
    /// `_conflicts` when there are any (`conflicts=true`).
    #[serde(default)]
    pub doc: Option<Value>,
}

impl Change {
    /// The winning revision.
    pub fn rev(&self) -> Option<&str> {
        self.changes.first().map(|c| c.rev.as_str())
    }
}

/// `{"rev": "…"}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RevRef {
    pub rev: String,
}

/// What became of one document sent to `_bulk_docs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocSaved {
    Saved {
        id: String,
        rev: String,
    },
    /// The server has a revision this one did not start from: pull, merge,
    /// push again.
    Conflict {
        id: String,
    },
    /// `forbidden` or `unauthorized` (a `validate_doc_update` refused it).
    Refused {
        id: String,
        reason: String,
    },
    Failed {
        id: String,
        reason: String,
    },
}

impl DocSaved {
    pub fn id(&self) -> &str {
        match self {
            DocSaved::Saved { id, .. }
            | DocSaved::Conflict { id }
            | DocSaved::Refused { id, .. }
            | DocSaved::Failed { id, .. } => id,
        }
    }
}

#[derive(Deserialize)]
struct RawSaved {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    rev: Option<String>,
    #[serde(default)]
    error: Option<Value>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// The body of a `_bulk_docs` reply (`[{id, rev} | {id, error, reason}]`),
/// one [`DocSaved`] per document, in the order sent.
///
/// ```
/// use agency_desk::domain::sync::couch::{DocSaved, replies::bulk_docs_results};
/// let body = r#"[{"ok":true,"id":"a","rev":"1-x"},{"id":"b","error":"conflict","reason":"Document update conflict."}]"#;
/// let saved = bulk_docs_results(body).unwrap();
/// assert_eq!(saved[0], DocSaved::Saved { id: "a".into(), rev: "1-x".into() });
/// assert_eq!(saved[1], DocSaved::Conflict { id: "b".into() });
/// ```
pub fn bulk_docs_results(body: &str) -> Result<Vec<DocSaved>, SyncError> {
    let raw: Vec<RawSaved> = read("the reply to saving documents", body)?;
    Ok(raw.into_iter().map(saved).collect())
}

fn saved(raw: RawSaved) -> DocSaved {
    let id = raw.id.unwrap_or_default();
    // CouchDB writes the kind in `error`; PouchDB's own objects have
    // `error: true` and the kind in `name`.
    let kind = match &raw.error {
        Some(Value::String(kind)) => Some(kind.clone()),
        Some(Value::Bool(false)) | Some(Value::Null) | None => None,
        Some(_) => Some(raw.name.clone().unwrap_or_else(|| "error".to_string())),
    };
    let reason = raw.reason.or(raw.message);
    match (kind, raw.rev) {
        (None, Some(rev)) => DocSaved::Saved { id, rev },
        (None, None) => DocSaved::Failed { id, reason: "the server gave no revision".to_string() },
        (Some(kind), _) => match kind.as_str() {
            "conflict" => DocSaved::Conflict { id },
            "forbidden" | "unauthorized" => DocSaved::Refused { id, reason: reason.unwrap_or(kind) },
            _ => DocSaved::Failed { id, reason: reason.map_or(kind.clone(), |r| format!("{kind}: {r}")) },
        },
    }
}

/// `POST /db/_bulk_get`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BulkGet {
    pub results: Vec<BulkGetResult>,
}

/// The revisions asked for one id.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BulkGetResult {
    pub id: String,
    pub docs: Vec<BulkGetItem>,
}

/// One revision asked for: the document, or why it is not there.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "RawItem")]
pub enum BulkGetItem {
    /// The document, with `_revisions` (`revs=true`).
    Found(Value),
    Missing {
        rev: Option<String>,
        error: String,
        reason: String,
    },
}

#[derive(Deserialize)]
struct RawItem {
    #[serde(default)]
    ok: Option<Value>,
    #[serde(default)]
    error: Option<RawItemError>,
}

#[derive(Deserialize)]
struct RawItemError {
    #[serde(default)]
    rev: Option<String>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

impl From<RawItem> for BulkGetItem {
    fn from(raw: RawItem) -> Self {
        match (raw.ok, raw.error) {
            (Some(doc), _) if doc.is_object() => BulkGetItem::Found(doc),
            (_, Some(e)) => BulkGetItem::Missing {
                rev: e.rev,
                error: e.error.unwrap_or_else(|| "not_found".to_string()),
                reason: e.reason.unwrap_or_else(|| "missing".to_string()),
            },
            // pouchdb-server's `{}` for an id it does not have.
            _ => BulkGetItem::Missing { rev: None, error: "not_found".to_string(), reason: "missing".to_string() },
        }
    }
}

/// `GET /db/_all_docs`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AllDocs {
    #[serde(default)]
    pub total_rows: u64,
    pub rows: Vec<AllDocsRow>,
}

/// One document's id, winning revision and (`include_docs`) body.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct AllDocsRow {
    pub id: String,
    pub value: RevRef,
    #[serde(default)]
    pub doc: Option<Value>,
}

/// `GET /_session`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Session {
    #[serde(rename = "userCtx")]
    pub user_ctx: UserCtx,
}

/// Who the server takes the requests for: no name when nobody is signed in.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct UserCtx {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub roles: Vec<String>,
}

//! The requests the sync sends: their URLs (all absolute, ready for
//! `fetch`) and JSON bodies.
//!
//! Document ids hold `:` (`account:…`) and may hold `/`, so an id is one
//! percent-encoded path segment. A sequence goes into the query encoded as
//! well: CouchDB 3's are opaque strings.
//!
//! ```
//! use agency_desk::domain::sync::couch::DatabaseUrl;
//! let db = DatabaseUrl::parse("/couch/agency-smith", "http://localhost:8080").unwrap();
//! assert_eq!(db.doc_url("account:a/1"), "http://localhost:8080/couch/agency-smith/account%3Aa%2F1");
//! assert_eq!(
//!     db.changes_url(Some("12-g1A"), None, Some(100)),
//!     "http://localhost:8080/couch/agency-smith/_changes?include_docs=true&conflicts=true&style=main_only&since=12-g1A&limit=100"
//! );
//! ```

use super::address::{DatabaseUrl, SEGMENT};
use percent_encoding::utf8_percent_encode;
use serde_json::{Value, json};
use std::time::Duration;

/// The shortest wait a longpoll asks the server for.
const MIN_LONGPOLL: Duration = Duration::from_secs(1);
/// How much sooner than the client's own abort the server is asked to end
/// a longpoll, so CouchDB answers (with a `last_seq`) before the abort.
const LONGPOLL_MARGIN: Duration = Duration::from_secs(2);

impl DatabaseUrl {
    /// The database itself: `GET` it for [`DbInfo`](super::DbInfo).
    pub fn db_url(&self) -> String {
        self.to_string()
    }

    /// `_changes` with each change's winning document and its
    /// `_conflicts`, one revision per change (`style=main_only`), after
    /// `since` (from the start without it), at most `limit` changes.
    ///
    /// With `longpoll`, the feed waits for a change up to that long
    /// (`feed=longpoll&timeout=…`). No `heartbeat` is asked for: CouchDB
    /// lets a heartbeat override the timeout and keep the request open for
    /// ever. pouchdb-server ignores the timeout, so the client must abort
    /// the request itself as well (see [`longpoll_timeout`]).
    ///
    /// ```
    /// # use agency_desk::domain::sync::couch::DatabaseUrl;
    /// # use std::time::Duration;
    /// let db = DatabaseUrl::parse("https://couch.example/agency-smith", "https://agency.example").unwrap();
    /// let url = db.changes_url(Some("7"), Some(Duration::from_secs(25)), None);
    /// assert!(url.ends_with("&since=7&feed=longpoll&timeout=25000"));
    /// ```
    pub fn changes_url(&self, since: Option<&str>, longpoll: Option<Duration>, limit: Option<u32>) -> String {
        let mut url = format!("{self}/_changes?include_docs=true&conflicts=true&style=main_only");
        if let Some(since) = since {
            url.push_str("&since=");
            url.extend(utf8_percent_encode(since, SEGMENT));
        }
        if let Some(wait) = longpoll {
            url.push_str(&format!("&feed=longpoll&timeout={}", wait.as_millis()));
        }
        if let Some(limit) = limit {
            url.push_str(&format!("&limit={limit}"));
        }
        url
    }

    /// `GET` here for at most `limit` changes after `since` without their
    /// documents: each with every leaf revision (`style=all_docs`), so a
    /// document with more than one is seen to be in conflict. Cheap to
    /// read when the changes are mostly this browser's own pushes.
    ///
    /// ```
    /// # use agency_desk::domain::sync::couch::DatabaseUrl;
    /// let db = DatabaseUrl::parse("https://couch.example/agency-smith", "https://agency.example").unwrap();
    /// let url = db.revisions_url(Some("7"), 2500);
    /// assert!(url.ends_with("/_changes?style=all_docs&since=7&limit=2500"));
    /// ```
    pub fn revisions_url(&self, since: Option<&str>, limit: u32) -> String {
        let mut url = format!("{self}/_changes?style=all_docs");
        if let Some(since) = since {
            url.push_str("&since=");
            url.extend(utf8_percent_encode(since, SEGMENT));
        }
        url.push_str(&format!("&limit={limit}"));
        url
    }

    /// `POST` here with [`bulk_docs_body`] to write documents.
    pub fn bulk_docs_url(&self) -> String {
        format!("{self}/_bulk_docs")
    }

    /// `POST` here with [`bulk_get_body`] to read given revisions, each
    /// with its `_revisions` (`revs=true`).
    pub fn bulk_get_url(&self) -> String {
        format!("{self}/_bulk_get?revs=true")
    }

    /// One document.
    pub fn doc_url(&self, id: &str) -> String {
        format!("{self}/{}", utf8_percent_encode(id, SEGMENT))
    }

    /// Every document's id and revision, and with `include_docs` the
    /// documents (with their `_conflicts`).
    pub fn all_docs_url(&self, include_docs: bool) -> String {
        if include_docs {
            format!("{self}/_all_docs?include_docs=true&conflicts=true")
        } else {
            format!("{self}/_all_docs")
        }
    }

    /// The server's `_session`, beside the database (`/couch/_session` for
    /// `/couch/agency-smith`): who the server takes the user for.
    pub fn session_url(&self) -> String {
        format!("{}/_session", self.server_root())
    }
}

/// The `timeout` to ask the server for in a longpoll the client aborts
/// after `abort_after`: a little sooner, so CouchDB ends it cleanly, but at
/// least a second.
///
/// ```
/// use agency_desk::domain::sync::couch::endpoints::longpoll_timeout;
/// use std::time::Duration;
/// assert_eq!(longpoll_timeout(Duration::from_secs(30)), Duration::from_secs(28));
/// assert_eq!(longpoll_timeout(Duration::from_millis(500)), Duration::from_secs(1));
/// ```
pub fn longpoll_timeout(abort_after: Duration) -> Duration {
    abort_after.saturating_sub(LONGPOLL_MARGIN).max(MIN_LONGPOLL)
}

/// The body of `_bulk_docs`: `{"docs": [...]}`, each a full document body
/// (`_rev` to update one, `_deleted` to delete it).
pub fn bulk_docs_body(docs: &[Value]) -> Value {
    json!({ "docs": docs })
}

/// The body of `_bulk_get`: the documents to read, by id and, when given,
/// revision (else the winning one).
///
/// ```
/// use agency_desk::domain::sync::couch::endpoints::bulk_get_body;
/// let body = bulk_get_body(&[("account:a".into(), Some("2-x".into())), ("trainee:t".into(), None)]);
/// assert_eq!(body.to_string(), r#"{"docs":[{"id":"account:a","rev":"2-x"},{"id":"trainee:t"}]}"#);
/// ```
pub fn bulk_get_body(ids_revs: &[(String, Option<String>)]) -> Value {
    let docs: Vec<Value> = ids_revs
        .iter()
        .map(|(id, rev)| match rev {
            Some(rev) => json!({ "id": id, "rev": rev }),
            None => json!({ "id": id }),
        })
        .collect();
    json!({ "docs": docs })
}

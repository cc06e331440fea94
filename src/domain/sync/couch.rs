//! Talking to the agency's CouchDB database, the pure half: which
//! addresses are accepted, the requests' URLs and bodies, the replies read
//! into types, and what went wrong said for people.
//!
//! The browser half (`ui::team_sync::couch`) only sends what is built here
//! with `fetch` and hands the status and body back to be read here, so
//! every rule below is tested natively.
//!
//! * [`address`]: [`DatabaseUrl`], a database's address checked (https, or
//!   http on this computer; no password, query or fragment in it; a
//!   database name CouchDB accepts) and which origins a build may sync with.
//! * [`endpoints`]: the URLs of `_changes`, `_bulk_docs`, `_bulk_get`,
//!   `_all_docs`, `_session` and a document, and the request bodies.
//! * [`auth`]: the `Authorization: Basic …` header value.
//! * [`replies`]: CouchDB 3's replies, and pouchdb-server's where they
//!   differ (numbers for sequences, `{}` for an unknown id in `_bulk_get`).
//! * [`error`]: [`SyncError`], from an HTTP status and body.
//!
//! ```
//! use agency_desk::domain::sync::couch::DatabaseUrl;
//! let db = DatabaseUrl::parse("/couch/agency-smith", "https://agency.example").unwrap();
//! assert_eq!(db.bulk_docs_url(), "https://agency.example/couch/agency-smith/_bulk_docs");
//! assert_eq!(db.session_url(), "https://agency.example/couch/_session");
//! ```

pub mod address;
pub mod auth;
pub mod endpoints;
pub mod error;
pub mod replies;

pub use address::{DatabaseUrl, UrlProblem, allowed_origins};
pub use error::SyncError;
pub use replies::{
    AllDocs, AllDocsRow, BulkGet, BulkGetItem, BulkGetResult, Change, Changes, DbInfo, DocSaved, RevRef, Seq, Session,
    UserCtx,
};

#[cfg(test)]
mod address_tests;
#[cfg(test)]
mod endpoints_tests;
#[cfg(test)]
mod error_tests;
#[cfg(test)]
mod replies_tests;

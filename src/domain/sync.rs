//! Team sync through the agency's CouchDB database, the pure half.
//!
//! Each browser keeps its own IndexedDB and syncs, hub and spoke, with one
//! CouchDB database: one document per record. [`docs`] names the documents
//! (`account:<id>`, `trainee:<id>`, `renewal:<id>`, `settings:<group>`),
//! says which settings are shared and in which group document, and turns
//! records into document bodies and back. [`merge`] is the three-way merge
//! of a record changed on both sides since the last version both had;
//! [`pull`] decides what becomes of a document arriving from the server,
//! and [`untangle`] folds the versions CouchDB kept in conflict into one.
//! [`couch`] is CouchDB's HTTP API: addresses, requests, replies, errors.

pub mod couch;
pub mod docs;
pub mod merge;
pub mod pull;
pub mod untangle;

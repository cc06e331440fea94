//! Team sync, the browser half: talking to the agency's CouchDB database
//! ([`couch`]). What is sent and how replies are read is decided in
//! `domain::sync::couch`; this half only runs the requests.

pub mod couch;
pub mod engine;
pub mod lock;

//! The requests' URLs and bodies.

use super::endpoints::{bulk_docs_body, bulk_get_body, longpoll_timeout};
use super::*;
use serde_json::json;
use std::time::Duration;

fn db() -> DatabaseUrl {
    DatabaseUrl::parse("/couch/agency-smith", "https://agency.example").unwrap()
}

const BASE: &str = "https://agency.example/couch/agency-smith";

#[test]
fn changes_ask_for_the_winning_documents_with_their_conflicts() {
    let db = db();
    assert_eq!(
        db.changes_url(None, None, None),
        format!("{BASE}/_changes?include_docs=true&conflicts=true&style=main_only")
    );
    // CouchDB 3's sequences are opaque; anything but letters, digits and -_.~ is encoded.
    let seq = "23-g1AAAAB7eJzLYWBgYMp/gb+w/Q==";
    let url = db.changes_url(Some(seq), Some(Duration::from_millis(28_500)), Some(500));
    assert_eq!(
        url,
        format!(
            "{BASE}/_changes?include_docs=true&conflicts=true&style=main_only\
             &since=23-g1AAAAB7eJzLYWBgYMp%2Fgb%2Bw%2FQ%3D%3D&feed=longpoll&timeout=28500&limit=500"
        )
    );
    assert!(!url.contains("heartbeat"), "a heartbeat would override the timeout");
    assert!(db.changes_url(Some("now"), None, None).ends_with("&since=now"));
}

#[test]
fn a_longpoll_asks_the_server_to_end_before_the_client_aborts() {
    assert_eq!(longpoll_timeout(Duration::from_secs(50)), Duration::from_secs(48));
    assert_eq!(longpoll_timeout(Duration::from_secs(2)), Duration::from_secs(1));
    assert_eq!(longpoll_timeout(Duration::ZERO), Duration::from_secs(1));
}

#[test]
fn document_ids_are_one_encoded_segment() {
    let db = db();
    assert_eq!(db.doc_url("account:a1"), format!("{BASE}/account%3Aa1"));
    assert_eq!(db.doc_url("renewal:a/1@2026-05-01"), format!("{BASE}/renewal%3Aa%2F1%402026-05-01"));
    assert_eq!(db.doc_url("trainee:José ?#"), format!("{BASE}/trainee%3AJos%C3%A9%20%3F%23"));
}

#[test]
fn the_other_endpoints() {
    let db = db();
    assert_eq!(db.db_url(), BASE);
    assert_eq!(db.bulk_docs_url(), format!("{BASE}/_bulk_docs"));
    assert_eq!(db.bulk_get_url(), format!("{BASE}/_bulk_get?revs=true"));
    assert_eq!(db.all_docs_url(false), format!("{BASE}/_all_docs"));
    assert_eq!(db.all_docs_url(true), format!("{BASE}/_all_docs?include_docs=true&conflicts=true"));
    assert_eq!(db.session_url(), "https://agency.example/couch/_session");
    let root = DatabaseUrl::parse("http://127.0.0.1:5984/agency-smith", "http://127.0.0.1:8080").unwrap();
    assert_eq!(root.session_url(), "http://127.0.0.1:5984/_session");
    let slash = DatabaseUrl::parse("/couch/team%2Fsmith", "https://agency.example").unwrap();
    assert_eq!(slash.bulk_docs_url(), "https://agency.example/couch/team%2Fsmith/_bulk_docs");
}

#[test]
fn request_bodies() {
    let doc = json!({"_id": "account:a", "type": "account", "data": {}});
    assert_eq!(bulk_docs_body(std::slice::from_ref(&doc)), json!({"docs": [doc]}));
    assert_eq!(bulk_docs_body(&[]), json!({"docs": []}));
    assert_eq!(bulk_get_body(&[]), json!({"docs": []}));
}

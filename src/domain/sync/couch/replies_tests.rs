//! Replies as CouchDB 3 and pouchdb-server write them.

use super::replies::{bulk_docs_results, read};
use super::*;
use serde_json::json;

#[test]
fn db_info_takes_couchdbs_opaque_sequence_and_pouchdb_servers_number() {
    let couch = r#"{"instance_start_time":"0","db_name":"agency-smith","purge_seq":"0-g1AAAA","update_seq":"5-g1AAAAB7eJzLYWBg",
        "sizes":{"file":41230,"external":1402,"active":3300},"props":{},"doc_del_count":1,"doc_count":4,"disk_format_version":8,
        "compact_running":false,"cluster":{"q":2,"n":1,"w":1,"r":1}}"#;
    let info: DbInfo = read("the database", couch).unwrap();
    assert_eq!((info.db_name.as_str(), info.doc_count, info.doc_del_count), ("agency-smith", 4, 1));
    assert_eq!(info.update_seq, Seq("5-g1AAAAB7eJzLYWBg".into()));
    let pouch = r#"{"doc_count":2,"update_seq":7,"backend_adapter":"MemDOWN","db_name":"agency-smith","auto_compaction":false,"adapter":"leveldb"}"#;
    let info: DbInfo = read("the database", pouch).unwrap();
    assert_eq!(info.update_seq.as_str(), "7");
}

#[test]
fn changes_with_documents_deletions_and_conflicts() {
    let couch = json!({
        "results": [
            {"seq": "3-g1AAAAB", "id": "account:a", "changes": [{"rev": "2-b"}],
             "doc": {"_id": "account:a", "_rev": "2-b", "type": "account", "data": {}, "_conflicts": ["2-c"]}},
            {"seq": "4-g1AAAAC", "id": "trainee:t", "changes": [{"rev": "3-d"}], "deleted": true,
             "doc": {"_id": "trainee:t", "_rev": "3-d", "_deleted": true}}
        ],
        "last_seq": "4-g1AAAAC",
        "pending": 12
    })
    .to_string();
    let changes: Changes = read("the changes", &couch).unwrap();
    assert_eq!(changes.last_seq.to_string(), "4-g1AAAAC");
    assert_eq!(changes.pending, Some(12));
    let [first, second] = &changes.results[..] else { panic!("two changes") };
    assert_eq!((first.id.as_str(), first.rev(), first.deleted), ("account:a", Some("2-b"), false));
    assert_eq!(first.doc.as_ref().unwrap()["_conflicts"], json!(["2-c"]));
    assert!(second.deleted);
    // pouchdb-server: numbers, no `pending`.
    let pouch = r#"{"results":[{"id":"account:a","changes":[{"rev":"1-a"}],"doc":{"_id":"account:a","_rev":"1-a"},"seq":1}],"last_seq":1}"#;
    let changes: Changes = read("the changes", pouch).unwrap();
    assert_eq!((changes.results[0].seq.as_str(), changes.last_seq.as_str(), changes.pending), ("1", "1", None));
    // An empty longpoll ended by the server's timeout.
    let empty: Changes = read("the changes", r#"{"results":[],"last_seq":"9-x"}"#).unwrap();
    assert!(empty.results.is_empty());
}

#[test]
fn an_aborted_longpoll_resumes_where_it_was() {
    assert_eq!(Changes::none(Some("4-x")).last_seq.as_str(), "4-x");
    assert_eq!(Changes::none(None).last_seq.as_str(), "0");
    assert!(Changes::none(None).results.is_empty());
}

#[test]
fn bulk_docs_results_in_every_shape() {
    let body = json!([
        {"ok": true, "id": "account:a", "rev": "2-b"},
        {"id": "account:b", "error": "conflict", "reason": "Document update conflict."},
        {"id": "account:c", "error": "forbidden", "reason": "Only members may write."},
        {"id": "account:d", "error": "unauthorized", "reason": "Name or password is incorrect."},
        {"id": "account:e", "error": "bad_request", "reason": "Document must be a JSON object"},
        // PouchDB's own error object, should a server pass it on as it is.
        {"id": "account:f", "error": true, "name": "conflict", "status": 409, "message": "Document update conflict"},
        {"id": "account:g", "ok": true}
    ])
    .to_string();
    let saved = bulk_docs_results(&body).unwrap();
    assert_eq!(
        saved,
        [
            DocSaved::Saved { id: "account:a".into(), rev: "2-b".into() },
            DocSaved::Conflict { id: "account:b".into() },
            DocSaved::Refused { id: "account:c".into(), reason: "Only members may write.".into() },
            DocSaved::Refused { id: "account:d".into(), reason: "Name or password is incorrect.".into() },
            DocSaved::Failed { id: "account:e".into(), reason: "bad_request: Document must be a JSON object".into() },
            DocSaved::Conflict { id: "account:f".into() },
            DocSaved::Failed { id: "account:g".into(), reason: "the server gave no revision".into() },
        ]
    );
    assert_eq!(saved[4].id(), "account:e");
    // pouchdb-server maps PouchDB's errors to CouchDB's shape.
    let pouch = r#"[{"id":"account:b","error":"conflict","reason":"Document update conflict"}]"#;
    assert_eq!(bulk_docs_results(pouch).unwrap(), [DocSaved::Conflict { id: "account:b".into() }]);
    let not_a_list = bulk_docs_results(r#"{"error":"bad_request"}"#).unwrap_err();
    assert!(matches!(not_a_list, SyncError::BadResponse(what) if what.starts_with("the reply to saving documents")));
}

#[test]
fn bulk_get_found_missing_and_pouchdb_servers_empty_object() {
    let body = json!({"results": [
        {"id": "account:a", "docs": [{"ok": {"_id": "account:a", "_rev": "2-b", "_revisions": {"start": 2, "ids": ["b", "a"]}}}]},
        {"id": "account:x", "docs": [{"error": {"id": "account:x", "rev": "1-z", "error": "not_found", "reason": "missing"}}]},
        {"id": "account:y", "docs": [{}]}
    ]})
    .to_string();
    let got: BulkGet = read("the documents", &body).unwrap();
    let items: Vec<&BulkGetItem> = got.results.iter().flat_map(|r| &r.docs).collect();
    assert!(matches!(items[0], BulkGetItem::Found(doc) if doc["_revisions"]["start"] == 2));
    assert_eq!(
        *items[1],
        BulkGetItem::Missing { rev: Some("1-z".into()), error: "not_found".into(), reason: "missing".into() }
    );
    assert_eq!(*items[2], BulkGetItem::Missing { rev: None, error: "not_found".into(), reason: "missing".into() });
    assert_eq!(got.results[2].id, "account:y");
}

#[test]
fn all_docs_and_session() {
    let body = r#"{"total_rows":2,"offset":0,"rows":[
        {"id":"account:a","key":"account:a","value":{"rev":"1-a"},"doc":{"_id":"account:a","_rev":"1-a"}},
        {"id":"settings:agency","key":"settings:agency","value":{"rev":"4-s"}}]}"#;
    let all: AllDocs = read("the documents", body).unwrap();
    assert_eq!(all.total_rows, 2);
    assert_eq!(all.rows[0].value.rev, "1-a");
    assert!(all.rows[0].doc.is_some() && all.rows[1].doc.is_none());

    let couch = r#"{"ok":true,"userCtx":{"name":"alice","roles":["agency-smith:member"]},
        "info":{"authentication_handlers":["cookie","default"],"authenticated":"default"}}"#;
    let session: Session = read("the session", couch).unwrap();
    assert_eq!(session.user_ctx.name.as_deref(), Some("alice"));
    assert_eq!(session.user_ctx.roles, ["agency-smith:member"]);
    let nobody: Session = read("the session", r#"{"ok":true,"userCtx":{"name":null,"roles":[]}}"#).unwrap();
    assert_eq!(nobody.user_ctx, UserCtx { name: None, roles: vec![] });
}

#[test]
fn an_unreadable_reply_names_what_was_expected() {
    let err = read::<DbInfo>("the database", "<html>502 Bad Gateway</html>").unwrap_err();
    assert!(matches!(&err, SyncError::BadResponse(what) if what.starts_with("the database: ")));
    assert!(err.to_string().contains("Is the address a CouchDB database?"));
}

//! Refusals read from status and body, as CouchDB 3, pouchdb-server and a
//! proxy in front of either send them.

use super::*;

#[test]
fn a_wrong_password_and_a_non_member_are_told_apart_by_the_body() {
    let wrong = r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#;
    assert_eq!(SyncError::from_response(401, wrong), SyncError::WrongPassword);
    assert_eq!(SyncError::from_response(401, ""), SyncError::WrongPassword);
    // CouchDB 3: a signed-in user outside the database's members.
    let couch = r#"{"error":"forbidden","reason":"You are not allowed to access this db."}"#;
    assert_eq!(SyncError::from_response(403, couch), SyncError::NotAMember);
    // pouchdb-server: the same user, with 401.
    let pouch = r#"{"error":"unauthorized","reason":"You are not authorized to access this db."}"#;
    assert_eq!(SyncError::from_response(401, pouch), SyncError::NotAMember);
    assert_eq!(SyncError::from_response(403, "<html>Forbidden</html>"), SyncError::NotAMember);
}

#[test]
fn a_missing_database_but_not_a_missing_document() {
    let db = r#"{"error":"not_found","reason":"Database does not exist."}"#;
    assert_eq!(SyncError::from_response(404, db), SyncError::NoSuchDatabase);
    assert_eq!(SyncError::from_response(404, "<html>Not Found</html>"), SyncError::NoSuchDatabase);
    let doc = r#"{"error":"not_found","reason":"missing"}"#;
    assert_eq!(SyncError::from_response(404, doc), SyncError::ServerError(404, "the document is missing".into()));
}

#[test]
fn other_refusals_keep_the_servers_words_or_the_statuss() {
    let bad = r#"{"error":"bad_request","reason":"Malformed sequence supplied in 'since' parameter."}"#;
    assert_eq!(
        SyncError::from_response(400, bad),
        SyncError::ServerError(400, "bad_request: Malformed sequence supplied in 'since' parameter.".into())
    );
    assert_eq!(
        SyncError::from_response(500, r#"{"error":"unknown_error"}"#),
        SyncError::ServerError(500, "unknown_error".into())
    );
    let proxy = SyncError::from_response(502, "<html><body>502 Bad Gateway</body></html>");
    assert_eq!(proxy, SyncError::ServerError(502, "bad gateway: the proxy could not reach CouchDB".into()));
    assert_eq!(
        proxy.to_string(),
        "The sync server refused the request (502: bad gateway: the proxy could not reach CouchDB)."
    );
    assert!(SyncError::from_response(413, "").to_string().contains("too large"));
}

#[test]
fn temporary_failures_are_worth_retrying() {
    assert!(SyncError::Offline.is_temporary());
    assert!(SyncError::from_response(503, "").is_temporary());
    assert!(SyncError::from_response(429, "").is_temporary());
    for lasting in [SyncError::WrongPassword, SyncError::NotAMember, SyncError::NoSuchDatabase] {
        assert!(!lasting.is_temporary());
    }
    assert!(!SyncError::from_response(400, "").is_temporary());
    assert!(!SyncError::BadResponse("x".into()).is_temporary());
}

#[test]
fn every_message_tells_a_person_what_to_do() {
    assert!(SyncError::WrongPassword.to_string().contains("user name and password"));
    assert!(SyncError::NotAMember.to_string().contains("not a member"));
    assert!(SyncError::NoSuchDatabase.to_string().contains("/couch/agency-smith"));
    assert!(SyncError::Offline.to_string().contains("kept here"));
}

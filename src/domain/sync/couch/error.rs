//! What went wrong talking to CouchDB, said for people.
//!
//! [`SyncError::from_response`] reads a refused request's status and body.
//! The body decides where the status alone would mislead: pouchdb-server
//! answers a signed-in user who is not a member with 401 and
//! `"You are not authorized to access this db."`, where CouchDB 3 answers
//! 403 `forbidden`; both are [`SyncError::NotAMember`], while CouchDB's 401
//! `"Name or password is incorrect."` is [`SyncError::WrongPassword`].
//!
//! ```
//! use agency_desk::domain::sync::couch::SyncError;
//! let body = r#"{"error":"unauthorized","reason":"Name or password is incorrect."}"#;
//! assert_eq!(SyncError::from_response(401, body), SyncError::WrongPassword);
//! let body = r#"{"error":"forbidden","reason":"You are not allowed to access this db."}"#;
//! assert_eq!(SyncError::from_response(403, body), SyncError::NotAMember);
//! ```

use serde::Deserialize;
use std::fmt;

/// A failed request to the sync server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// 401: the server does not know this name with this password.
    WrongPassword,
    /// 403 (or pouchdb-server's 401 for a known user): signed in, but not
    /// one of the database's members.
    NotAMember,
    /// 404 on the database.
    NoSuchDatabase,
    /// The request never got an answer: no network, the server down, or
    /// (another origin) refused by CORS, which browsers do not tell apart.
    Offline,
    /// Any other refusal: the status and the server's reason.
    ServerError(u16, String),
    /// An answer that is not what CouchDB sends: what could not be read.
    BadResponse(String),
}

/// CouchDB's error body.
#[derive(Default, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

impl SyncError {
    /// The error of a request answered with `status` (not 2xx) and `body`.
    pub fn from_response(status: u16, body: &str) -> SyncError {
        let parsed: ErrorBody = serde_json::from_str(body).unwrap_or_default();
        let error = parsed.error.as_deref().unwrap_or("");
        let reason = parsed.reason.as_deref().unwrap_or("");
        let reason_says = |words: &str| reason.to_ascii_lowercase().contains(words);
        match status {
            401 if reason_says("not authorized to access this db") => SyncError::NotAMember,
            401 => SyncError::WrongPassword,
            403 => SyncError::NotAMember,
            // A document's 404 says `missing` or `deleted`; the database's
            // says `Database does not exist.` (or, behind a proxy that has
            // no such path, nothing CouchDB wrote).
            404 if error == "not_found" && (reason == "missing" || reason == "deleted") => {
                SyncError::ServerError(404, format!("the document is {reason}"))
            }
            404 => SyncError::NoSuchDatabase,
            _ => {
                let said = match (error, reason) {
                    ("", "") => status_text(status).to_string(),
                    (error, "") => error.to_string(),
                    ("", reason) => reason.to_string(),
                    (error, reason) => format!("{error}: {reason}"),
                };
                SyncError::ServerError(status, said)
            }
        }
    }

    /// Whether trying again later may work without anyone changing
    /// anything: the network, a server error (5xx), too many requests.
    pub fn is_temporary(&self) -> bool {
        match self {
            SyncError::Offline => true,
            SyncError::ServerError(status, _) => *status >= 500 || *status == 408 || *status == 429,
            _ => false,
        }
    }
}

/// The standard text of the statuses a proxy in front of CouchDB may send
/// without a JSON body.
fn status_text(status: u16) -> &'static str {
    match status {
        400 => "bad request",
        405 => "method not allowed",
        408 => "request timeout",
        409 => "conflict",
        413 => "request too large for the server or its proxy",
        415 => "unsupported media type",
        429 => "too many requests",
        500 => "internal server error",
        502 => "bad gateway: the proxy could not reach CouchDB",
        503 => "service unavailable",
        504 => "gateway timeout: CouchDB did not answer the proxy in time",
        _ => "no reason given",
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::WrongPassword => {
                write!(f, "The sync server did not accept this user name and password. Check both and try again.")
            }
            SyncError::NotAMember => write!(
                f,
                "This user is not a member of the agency's database. Ask whoever runs the sync server to add them to it."
            ),
            SyncError::NoSuchDatabase => write!(
                f,
                "There is no database at this address. Check it: it ends with the database's name, such as /couch/agency-smith."
            ),
            SyncError::Offline => write!(
                f,
                "The sync server cannot be reached (this computer is offline, or the server is down or does not accept this site). Changes are kept here and sent once it answers."
            ),
            SyncError::ServerError(status, reason) => {
                write!(f, "The sync server refused the request ({status}: {reason}).")
            }
            SyncError::BadResponse(what) => {
                write!(f, "The sync server's answer could not be read ({what}). Is the address a CouchDB database?")
            }
        }
    }
}

impl std::error::Error for SyncError {}

//! The CouchDB client: [`Couch`] sends the requests `domain::sync::couch`
//! builds with the browser's `fetch` and reads the replies there.
//!
//! Every request carries Basic auth, built in memory from the name and
//! password given; the password is never put in a URL, logged or shown by
//! `Debug`. Cookies are sent (`credentials: "include"`) only by a client
//! made for CouchDB's `AuthSession` cookie, which is allowed on the page's
//! own origin only. A request that never gets an answer is
//! [`SyncError::Offline`]; a refusal is read from its status and body.
//!
//! ```ignore
//! let db = DatabaseUrl::parse("/couch/agency-smith", &origin)?;
//! let couch = Couch::with_password(db, "alice", &password)?;
//! let info = couch.info().await?;
//! let changes = couch.longpoll(Some(info.update_seq.as_str()), Duration::from_secs(50)).await?;
//! ```

use crate::domain::sync::couch::auth::basic_auth;
use crate::domain::sync::couch::endpoints::{bulk_docs_body, bulk_get_body, longpoll_timeout};
use crate::domain::sync::couch::replies::{bulk_docs_results, read};
use crate::domain::sync::couch::{AllDocs, BulkGet, Changes, DatabaseUrl, DbInfo, DocSaved, Session, SyncError};
use gloo_timers::callback::Timeout;
use serde_json::Value;
use std::fmt;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Headers, Request, RequestCache, RequestCredentials, RequestInit, RequestMode,
    Response,
};

/// How the client proves who it is.
#[derive(Clone)]
enum Auth {
    /// `Authorization: Basic …` on every request, no cookies.
    Basic(String),
    /// The browser's `AuthSession` cookie (same origin only).
    Cookie,
}

/// A client for one CouchDB database.
#[derive(Clone)]
pub struct Couch {
    db: DatabaseUrl,
    user: String,
    auth: Auth,
}

/// Shows the database and the user, never the password.
impl fmt::Debug for Couch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let auth = match self.auth {
            Auth::Basic(_) => "basic",
            Auth::Cookie => "cookie",
        };
        f.debug_struct("Couch")
            .field("db", &self.db.to_string())
            .field("user", &self.user)
            .field("auth", &auth)
            .finish()
    }
}

/// A request's method and, for a `POST`, its JSON body.
enum Send<'a> {
    Get,
    Post(&'a Value),
    Delete,
}

thread_local! {
    /// The long-poll waiting for the server's next change, if one is.
    static WAITING: std::cell::RefCell<Option<AbortController>> = const { std::cell::RefCell::new(None) };
}

/// Ends the wait of a long-poll whose answer has not begun (as if nothing
/// had changed), so that a change made here is pushed at once instead of
/// after the wait.
pub fn cut_wait_short() {
    if let Some(waiting) = WAITING.with(|w| w.borrow_mut().take()) {
        waiting.abort();
    }
}

/// The body of a 2xx `response`, or the error its status and body say.
/// Read as bytes: the browser hands those to wasm with one copy, while a
/// string is re-encoded character by character on its way in (a first
/// download reads tens of megabytes).
async fn body_of(response: Response) -> Result<String, SyncError> {
    let bytes = response.array_buffer().map_err(|_| SyncError::Offline)?;
    // The body can fail to arrive after the headers did (the network, or an abort).
    let bytes = JsFuture::from(bytes).await.map_err(|_| SyncError::Offline)?;
    let bytes = js_sys::Uint8Array::new(&bytes).to_vec();
    // As `text()` reads it: UTF-8 without a byte-order mark, anything else replaced.
    let body = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let body = match body.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => body,
    };
    if response.ok() { Ok(body) } else { Err(SyncError::from_response(response.status(), &body)) }
}

impl Couch {
    /// A client sending `user`'s name and password with every request.
    /// Refuses a name CouchDB's Basic auth cannot carry.
    pub fn with_password(db: DatabaseUrl, user: &str, password: &str) -> Result<Couch, &'static str> {
        let header = basic_auth(user, password)?;
        Ok(Couch { db, user: user.to_string(), auth: Auth::Basic(header) })
    }

    /// A client relying on the browser's `AuthSession` cookie from
    /// `_session`: only for a database on the page's own origin (`None`
    /// otherwise), where the cookie is a same-site cookie.
    pub fn with_session_cookie(db: DatabaseUrl, user: &str, page_origin: &str) -> Option<Couch> {
        db.is_same_origin(page_origin).then(|| Couch { db, user: user.to_string(), auth: Auth::Cookie })
    }

    /// Signs in at `_session` with `password` so that the browser keeps
    /// CouchDB's `AuthSession` cookie: this tab, reloaded, resumes with it
    /// (until the session expires) without the password. Only for a
    /// database on the page's own origin; elsewhere nothing is asked.
    pub async fn keep_session(&self, password: &str, page_origin: &str) -> Result<(), SyncError> {
        let Some(cookie) = Couch::with_session_cookie(self.db.clone(), &self.user, page_origin) else {
            return Ok(());
        };
        let body = serde_json::json!({"name": self.user, "password": password});
        cookie.send(&self.db.session_url(), Send::Post(&body), None).await.map(|_| ())
    }

    /// Ends the `AuthSession` cookie's session (on disconnecting).
    pub async fn end_session(&self) -> Result<(), SyncError> {
        match self.auth {
            Auth::Cookie => self.send(&self.db.session_url(), Send::Delete, None).await.map(|_| ()),
            Auth::Basic(_) => Ok(()),
        }
    }

    /// The database this client talks to.
    pub fn database(&self) -> &DatabaseUrl {
        &self.db
    }

    /// The user it signs in as.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The database's document count and update sequence; also the check
    /// that the address, the password and the membership are right.
    pub async fn info(&self) -> Result<DbInfo, SyncError> {
        let body = self.send(&self.db.db_url(), Send::Get, None).await?;
        read("the database's information", &body)
    }

    /// Who the server takes this client for, and their roles.
    pub async fn session(&self) -> Result<Session, SyncError> {
        let body = self.send(&self.db.session_url(), Send::Get, None).await?;
        read("the session", &body)
    }

    /// Writes documents, each judged on its own: one [`DocSaved`] per
    /// document, in order.
    pub async fn bulk_docs(&self, docs: &[Value]) -> Result<Vec<DocSaved>, SyncError> {
        let body = self.send(&self.db.bulk_docs_url(), Send::Post(&bulk_docs_body(docs)), None).await?;
        bulk_docs_results(&body)
    }

    /// The changes after `since` (from the start without it), at most
    /// `limit`, with their documents; at once, even when there are none.
    pub async fn changes(&self, since: Option<&str>, limit: Option<u32>) -> Result<Changes, SyncError> {
        let body = self.send(&self.db.changes_url(since, None, limit), Send::Get, None).await?;
        read("the changes", &body)
    }

    /// At most `limit` changes after `since`, each with its leaf
    /// revisions but not its document.
    pub async fn revisions(&self, since: Option<&str>, limit: u32) -> Result<Changes, SyncError> {
        let body = self.send(&self.db.revisions_url(since, limit), Send::Get, None).await?;
        read("the changes", &body)
    }

    /// At most `limit` changes after `since`, waiting for one up to
    /// `abort_after`. The server is asked to answer a little sooner, and
    /// the request is aborted at `abort_after` if no answer has begun by
    /// then (pouchdb-server, a proxy holding the reply back, or a link so
    /// slow that the answer had no time to begin): then the changes are
    /// asked for once more without waiting, and that answer is awaited
    /// however long it takes, so a slow link still receives what there
    /// is. An answer that has begun is read to its end, however slowly it
    /// comes: a large first page over a slow link is still a page, not
    /// "nothing new". Cut short by a change made here ([`cut_wait_short`]),
    /// it gives no changes at once, so that the change goes out.
    pub async fn longpoll(
        &self,
        since: Option<&str>,
        abort_after: Duration,
        limit: Option<u32>,
    ) -> Result<Changes, SyncError> {
        let url = self.db.changes_url(since, Some(longpoll_timeout(abort_after)), limit);
        let controller = AbortController::new().map_err(|_| SyncError::Offline)?;
        let signal = controller.signal();
        let millis = u32::try_from(abort_after.as_millis()).unwrap_or(u32::MAX);
        WAITING.with(|w| *w.borrow_mut() = Some(controller.clone()));
        let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
        let timer = {
            let timed_out = timed_out.clone();
            Timeout::new(millis, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let answer = self.respond(&url, Send::Get, Some(&signal)).await;
        // Begun or not, this wait can no longer be cut short.
        WAITING.with(|w| w.borrow_mut().take());
        let response = match answer {
            Err(SyncError::Offline) if signal.aborted() && timed_out.get() => return self.changes(since, limit).await,
            Err(SyncError::Offline) if signal.aborted() => return Ok(Changes::none(since)),
            other => other?,
        };
        timer.cancel();
        read("the changes", &body_of(response).await?)
    }

    /// Given revisions of given documents (the winning one where no
    /// revision is given), each with its `_revisions`.
    pub async fn bulk_get(&self, ids_revs: &[(String, Option<String>)]) -> Result<BulkGet, SyncError> {
        let body = self.send(&self.db.bulk_get_url(), Send::Post(&bulk_get_body(ids_revs)), None).await?;
        read("the documents asked for", &body)
    }

    /// Every document, with its winning revision and `_conflicts`.
    pub async fn all_docs(&self) -> Result<AllDocs, SyncError> {
        let body = self.send(&self.db.all_docs_url(true), Send::Get, None).await?;
        read("the list of documents", &body)
    }

    /// Sends one request; the body of a 2xx answer, or the error.
    async fn send(&self, url: &str, send: Send<'_>, signal: Option<&AbortSignal>) -> Result<String, SyncError> {
        body_of(self.respond(url, send, signal).await?).await
    }

    /// Sends one request; the response once its headers have arrived.
    async fn respond(&self, url: &str, send: Send<'_>, signal: Option<&AbortSignal>) -> Result<Response, SyncError> {
        let request = self
            .request(url, send, signal)
            .map_err(|_| SyncError::BadResponse("the request could not be made".into()))?;
        let window = web_sys::window().ok_or(SyncError::Offline)?;
        let answer = JsFuture::from(window.fetch_with_request(&request)).await.map_err(|_| SyncError::Offline)?;
        answer.dyn_into().map_err(|_| SyncError::BadResponse("the browser's answer is not a response".into()))
    }

    fn request(&self, url: &str, send: Send<'_>, signal: Option<&AbortSignal>) -> Result<Request, JsValue> {
        let headers = Headers::new()?;
        headers.set("Accept", "application/json")?;
        let init = RequestInit::new();
        init.set_mode(RequestMode::Cors);
        // CouchDB's replies change under the same URL (`_changes`, the info).
        init.set_cache(RequestCache::NoStore);
        match &self.auth {
            Auth::Basic(header) => {
                headers.set("Authorization", header)?;
                init.set_credentials(RequestCredentials::Omit);
            }
            Auth::Cookie => init.set_credentials(RequestCredentials::Include),
        }
        match send {
            Send::Get => init.set_method("GET"),
            Send::Delete => init.set_method("DELETE"),
            Send::Post(body) => {
                init.set_method("POST");
                // pouchdb-server reads a body as JSON only with this type.
                headers.set("Content-Type", "application/json")?;
                init.set_body(&JsValue::from_str(&body.to_string()));
            }
        }
        init.set_headers(&headers);
        if let Some(signal) = signal {
            init.set_signal(Some(signal));
        }
        Request::new_with_str_and_init(url, &init)
    }
}

//! One round of team sync: push what the outbox holds, then pull what
//! changed on the server since the checkpoint. Pages never call this; the
//! store runs rounds in a loop (`ui::state::team_sync`).

use super::couch::Couch;
use crate::domain::sync::couch::{BulkGetItem, Change, DocSaved, SyncError};
use crate::domain::sync::docs::{Changed, Doc, DocError, DocId, Record, deletion_doc, from_doc, to_doc};
use crate::domain::sync::pull::{Local, Received, catch_up_page, receive};
use crate::domain::sync::untangle::untangle;
use crate::storage::StorageError;
use crate::storage::format::sync::{ChangeTimes, SYNC_CHECKPOINT, SyncedDoc, pending};
use crate::storage::{settings, synced};
use futures_util::StreamExt;
use rexie::Rexie;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::time::Duration;

/// Documents sent per `_bulk_docs` request, and read per `_changes` page
/// of a long-poll (the wait for what a teammate changes next).
const BATCH: usize = 500;

/// `_bulk_docs` requests in flight at once: the next batch travels while
/// the server stores the one before.
const IN_FLIGHT: usize = 2;

/// Why a round stopped.
#[derive(Debug)]
pub enum RoundError {
    /// The server refused or could not be reached.
    Server(SyncError),
    /// This browser's storage refused.
    Storage(StorageError),
    /// The server sent a document the app cannot read.
    Document(DocError),
}

impl RoundError {
    /// Whether trying again later may work (the server or the network was
    /// away), as opposed to a refusal that needs the user.
    pub fn is_temporary(&self) -> bool {
        matches!(self, RoundError::Server(e) if e.is_temporary())
    }

    /// Whether the server no longer takes this sign-in (a changed
    /// password, or an expired session cookie).
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, RoundError::Server(SyncError::WrongPassword))
    }
}

impl fmt::Display for RoundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RoundError::Server(e) => write!(f, "{e}"),
            RoundError::Storage(e) => write!(f, "{e}"),
            RoundError::Document(e) => write!(f, "{e}"),
        }
    }
}

impl From<SyncError> for RoundError {
    fn from(e: SyncError) -> Self {
        RoundError::Server(e)
    }
}

impl From<StorageError> for RoundError {
    fn from(e: StorageError) -> Self {
        RoundError::Storage(e)
    }
}

impl From<DocError> for RoundError {
    fn from(e: DocError) -> Self {
        RoundError::Document(e)
    }
}

/// One body of a push: a record's document (with the data it holds, None
/// for a deletion), or the deletion of a losing version.
enum Sent {
    Record(DocId, Option<Value>, Value),
    Loser(Value),
}

impl Sent {
    fn body(&self) -> Value {
        match self {
            Sent::Record(_, _, body) | Sent::Loser(body) => body.clone(),
        }
    }
}

/// What a push did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pushed {
    /// The revision the server gave each document it took.
    pub revs: HashMap<String, String>,
}

/// Pushes every document the outbox names, in batches. A document the
/// server refused as a conflict is fetched, merged with this browser's
/// version against the base and stored (queued again, so the next round
/// pushes the merge; its id goes to `changed`). The outbox entries read
/// are cleared only once every document of them went through or was
/// merged.
pub async fn push(db: &Rexie, couch: &Couch, at: &str, changed: &mut Vec<DocId>) -> Result<Pushed, RoundError> {
    let entries = synced::pending(db).await?;
    if entries.is_empty() {
        return Ok(Pushed::default());
    }
    let (named, all) = pending(&entries);
    let ids: Vec<DocId> = if all {
        synced::every_doc(db).await?
    } else {
        named.iter().map(|id| DocId::parse(id)).collect::<Result<_, _>>()?
    };
    let held = synced::held(db, &ids).await?;
    let times = ChangeTimes::of(&entries);
    let mut sent = Vec::new();
    for id in &ids {
        let name = id.to_string();
        let h = &held[&name];
        let rev = h.synced.as_ref().map(|s| s.rev.as_str());
        let changed = Changed { by: couch.user().to_string(), at: times.get(&name).unwrap_or(at).to_string() };
        match (&h.record, rev) {
            (Some(record), _) => {
                sent.push(Sent::Record(id.clone(), Some(record.data()), to_doc(record, rev, Some(&changed))))
            }
            (None, Some(rev)) => sent.push(Sent::Record(id.clone(), None, deletion_doc(id, rev))),
            (None, None) => {}
        }
        // Losing versions already folded into the record go with it.
        for loser in h.synced.iter().flat_map(|s| &s.losers) {
            sent.push(Sent::Loser(deletion_doc(id, loser)));
        }
    }
    let mut saved = Vec::new();
    let mut conflicted = Vec::new();
    let replies = futures_util::stream::iter(sent.chunks(BATCH))
        .map(|chunk| async move {
            let docs: Vec<Value> = chunk.iter().map(Sent::body).collect();
            couch.bulk_docs(&docs).await.map(|reply| (reply, chunk))
        })
        .buffered(IN_FLIGHT);
    futures_util::pin_mut!(replies);
    while let Some(reply) = replies.next().await {
        let (reply, chunk) = reply?;
        for (result, sent) in reply.into_iter().zip(chunk) {
            match (result, sent) {
                (DocSaved::Saved { rev, .. }, Sent::Record(id, data, _)) => saved.push(SyncedDoc {
                    id: id.to_string(),
                    rev,
                    base: data.clone().unwrap_or(Value::Null),
                    losers: Vec::new(),
                }),
                (DocSaved::Conflict { .. }, Sent::Record(id, ..)) => conflicted.push(id.clone()),
                // A losing version removed, or gone already.
                (DocSaved::Saved { .. } | DocSaved::Conflict { .. }, Sent::Loser(_)) => {}
                (DocSaved::Refused { id, reason } | DocSaved::Failed { id, reason }, _) => {
                    return Err(RoundError::Server(SyncError::ServerError(
                        403,
                        format!("the team database did not take \"{id}\": {reason}"),
                    )));
                }
            }
        }
    }
    if !conflicted.is_empty() {
        let arrived = fetch(couch, conflicted.iter().map(|id| (id.to_string(), None)).collect()).await?;
        changed.extend(keep(db, couch, &arrived, None, at).await?.into_iter().map(|r| r.id));
    }
    let cleared: Vec<String> = entries.into_iter().map(|e| e.id).collect();
    synced::pushed(db, &cleared, &saved).await?;
    let revs = saved.iter().map(|s| (s.id.clone(), s.rev.clone())).collect();
    Ok(Pushed { revs })
}

/// The documents asked for, by id and revision (None: the current one);
/// a deleted one as a deletion.
async fn fetch(couch: &Couch, asked: Vec<(String, Option<String>)>) -> Result<Vec<Doc>, RoundError> {
    let mut docs = Vec::new();
    for result in couch.bulk_get(&asked).await?.results {
        for item in result.docs {
            if let BulkGetItem::Found(doc) = item {
                docs.push(from_doc(&doc)?);
            }
        }
    }
    Ok(docs)
}

/// What becomes of each arrived document, given what this browser holds
/// and which documents have changes not yet pushed (`unpushed`, with when
/// each changed; `user` made them).
///
/// A document that arrives with `_conflicts` has its losing versions read
/// from the server and folded in ([`untangle`]).
async fn decide(
    db: &Rexie,
    couch: &Couch,
    arrived: &[Doc],
    unpushed: &ChangeTimes,
) -> Result<Vec<Received>, RoundError> {
    let user = couch.user();
    let ids: Vec<DocId> = arrived.iter().map(|d| d.id.clone()).collect();
    let held = synced::held(db, &ids).await?;
    let mut out = Vec::new();
    for doc in arrived {
        let name = doc.id.to_string();
        let h = held.get(&name).cloned().unwrap_or_default();
        // This browser's own push coming back: nothing new.
        if h.synced.as_ref().map(|s| &s.rev) == doc.rev.as_ref() && doc.conflicts.is_empty() {
            continue;
        }
        let data = h.record.as_ref().map(Record::data);
        let changed = unpushed.get(&name).map(|at| Changed { by: user.to_string(), at: at.to_string() });
        let local = Local {
            data: data.as_ref(),
            base: h.synced.as_ref().map(|s| &s.base),
            pending: changed.is_some(),
            changed: changed.as_ref(),
        };
        let mut got = receive(doc, local)?;
        if !doc.conflicts.is_empty() {
            let asked = doc.conflicts.iter().map(|rev| (doc.id.to_string(), Some(rev.clone()))).collect();
            let losers = fetch(couch, asked).await?;
            got = untangle(doc, &losers, h.synced.as_ref().map(|s| &s.base), got)?;
        }
        out.push(got);
    }
    Ok(out)
}

/// Decides what becomes of `arrived` and keeps it (with `checkpoint`),
/// deciding again whenever a change was saved here in between: a decision
/// made on an older state of this browser would replace that change.
async fn keep(
    db: &Rexie,
    couch: &Couch,
    arrived: &[Doc],
    checkpoint: Option<&str>,
    at: &str,
) -> Result<Vec<Received>, RoundError> {
    loop {
        let entries = synced::pending(db).await?;
        let batch = decide(db, couch, arrived, &ChangeTimes::of(&entries)).await?;
        let seen: BTreeSet<String> = entries.into_iter().map(|e| e.id).collect();
        if synced::apply_received(db, &batch, checkpoint, (at, &seen)).await? {
            return Ok(batch);
        }
    }
}

/// Pulls what changed since the checkpoint, page by page, each page kept
/// in one transaction with its checkpoint. With `wait`, asks the server to
/// hold the request open until something changes, for at most that long.
/// `own` holds the revisions this browser has just pushed: those come
/// back in the changes and are passed over without reading what is held
/// here; while catching up after a push, each page is first read without
/// documents, and a page of nothing but those is passed over without
/// fetching them. `progress` hears how many documents were kept so far
/// after each page that has more behind it. The documents kept go to
/// `received` as each page is kept, so a pull that fails part way still
/// names the pages it kept.
pub async fn pull(
    db: &Rexie,
    couch: &Couch,
    (wait, at): (Option<Duration>, &str),
    own: &HashMap<String, String>,
    progress: &dyn Fn(usize),
    received: &mut Vec<DocId>,
) -> Result<(), RoundError> {
    let before = received.len();
    // Changes read so far, kept or passed over.
    let mut read = 0;
    let mut first = true;
    // Read once: each page kept moves it on (written with the page).
    let mut since = settings::get(db, SYNC_CHECKPOINT).await?;
    loop {
        let waiting = first && wait.is_some();
        first = false;
        // Larger as the catch-up goes on (see `catch_up_page`).
        let catch_up = catch_up_page(read);
        if !waiting && !own.is_empty() {
            let revisions = couch.revisions(since.as_deref(), catch_up as u32).await?;
            if revisions.results.is_empty() {
                return Ok(());
            }
            if revisions.results.iter().all(|c| is_own_revision(c, own)) {
                synced::pass_over(db, revisions.last_seq.as_str(), at).await?;
                since = Some(revisions.last_seq.as_str().to_string());
                read += revisions.results.len();
                if revisions.results.len() < catch_up {
                    return Ok(());
                }
                continue;
            }
        }
        let (changes, page) = match wait {
            Some(w) if waiting => (couch.longpoll(since.as_deref(), w, Some(BATCH as u32)).await?, BATCH),
            _ => (couch.changes(since.as_deref(), Some(catch_up as u32)).await?, catch_up),
        };
        if changes.results.is_empty() {
            return Ok(());
        }
        let more = changes.results.len() >= page;
        let arrived: Vec<Doc> =
            changes.results.iter().filter(|c| !is_echo(c, own)).filter_map(document).collect::<Result<_, _>>()?;
        let batch = keep(db, couch, &arrived, Some(changes.last_seq.as_str()), at).await?;
        received.extend(batch.into_iter().map(|r| r.id));
        since = Some(changes.last_seq.as_str().to_string());
        read += changes.results.len();
        if !more {
            return Ok(());
        }
        progress(received.len() - before);
    }
}

/// Whether a change is this browser's own push coming back: the
/// revision it just pushed of that document.
fn is_echo(change: &Change, own: &HashMap<String, String>) -> bool {
    let doc = change.doc.as_ref();
    let rev = doc.and_then(|d| d.get("_rev")).and_then(Value::as_str);
    let tangled = doc.is_some_and(|d| d.get("_conflicts").is_some());
    rev.is_some() && !tangled && own.get(&change.id).map(String::as_str) == rev
}

/// Whether a change read without its document is this browser's own push
/// coming back (its one leaf revision the one pushed), or a document that
/// is not the app's.
fn is_own_revision(change: &Change, own: &HashMap<String, String>) -> bool {
    if DocId::parse(&change.id).is_err() {
        return true;
    }
    match change.changes.as_slice() {
        [only] => own.get(&change.id) == Some(&only.rev),
        _ => false,
    }
}

/// A change's document, read; design documents and the like are not the
/// app's and are passed over.
fn document(change: &Change) -> Option<Result<Doc, DocError>> {
    if DocId::parse(&change.id).is_err() {
        return None;
    }
    change.doc.as_ref().map(from_doc)
}

/// One round: push, then pull (waiting up to `wait` for changes;
/// `progress` hears how a long pull goes). Gives how many documents the
/// server took; the documents whose records changed here (arrivals kept,
/// refused pushes merged with the server's version) go to `changed` as
/// they are saved, failure or not.
pub async fn round(
    db: &Rexie,
    couch: &Couch,
    wait: Option<Duration>,
    at: &str,
    progress: &dyn Fn(usize),
    changed: &mut Vec<DocId>,
) -> Result<usize, RoundError> {
    let pushed = push(db, couch, at, changed).await?;
    pull(db, couch, (wait, at), &pushed.revs, progress, changed).await?;
    Ok(pushed.revs.len())
}

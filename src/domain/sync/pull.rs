//! What becomes of a document that arrives from the server.
//!
//! With nothing unpushed here, the server's version replaces the local
//! record. With unpushed changes here, the two are merged against the base
//! (the version both last had): the merge is stored, stays queued so that
//! it is pushed on top of the server's revision, and every same-field
//! disagreement waits for the user. A record deleted on the server while
//! it was changed here is kept, and pushed again.
//!
//! Revisions are each browser's own counters, so a record that arrives
//! changed gets a revision above both sides': a form opened on the old
//! version here is then refused as stale instead of saving over the
//! arrival.

use super::docs::{Changed, Doc, DocError, DocId, Record};
use super::merge::{Conflict, merge};
use serde_json::Value;

/// What this browser holds of a document when a newer version arrives.
#[derive(Clone, Copy, Debug, Default)]
pub struct Local<'a> {
    /// The local record's data (None: there is none here).
    pub data: Option<&'a Value>,
    /// The data of the version last synced (None: never synced).
    pub base: Option<&'a Value>,
    /// Whether the record has changes not yet pushed.
    pub pending: bool,
    /// Who made those changes, and when (shown with a disagreement).
    pub changed: Option<&'a Changed>,
}

/// What to do with the local record.
#[derive(Clone, Debug, PartialEq)]
pub enum Arrival {
    /// Store this (None: delete the local record).
    Take(Option<Record>),
    /// Store the merge of both sides, keep it queued for pushing, and show
    /// `conflicts` (if any) to the user.
    Merged { record: Record, conflicts: Vec<Conflict> },
    /// Keep the local record as it is, queued for pushing.
    KeepLocal,
}

/// A document received: what to store, and the new base to remember.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    pub id: DocId,
    /// The server's revision, which the next push builds on.
    pub rev: String,
    /// The server's data at that revision (Null when deleted): the next
    /// merge's base.
    pub base: Value,
    pub arrival: Arrival,
    /// Losing revisions of the document ([`super::untangle`]): deleted on
    /// the server with the next push.
    pub losers: Vec<String>,
}

/// Decides what becomes of `remote` given what is held here.
pub fn receive(remote: &Doc, local: Local) -> Result<Received, DocError> {
    let name = remote.id.to_string();
    let rev = remote.rev.clone().ok_or_else(|| DocError::new(&name, "it has no revision (_rev)"))?;
    let theirs = remote.record.as_ref().map(Record::data);
    let base = theirs.clone().unwrap_or(Value::Null);
    let arrival = match (&remote.record, local.pending, local.data) {
        (_, false, _) | (_, true, None) => Arrival::Take(remote.record.clone().map(|r| above(r, local.data))),
        (None, true, Some(_)) => Arrival::KeepLocal,
        (Some(_), true, Some(mine)) => {
            let theirs = theirs.as_ref().expect("a record is present");
            let merged = merge(local.base.unwrap_or(&Value::Null), mine, theirs);
            let record = Record::from_data(&remote.id, &merged.value)?;
            let conflicts = merged
                .conflicts
                .into_iter()
                .map(|c| Conflict { mine_changed: local.changed.cloned(), theirs_changed: remote.changed.clone(), ..c })
                .collect();
            Arrival::Merged { record: above(record, local.data), conflicts }
        }
    };
    Ok(Received { id: remote.id.clone(), rev, base, arrival, losers: Vec::new() })
}

/// `record` with each revision that differs from the local one's raised
/// above both (accounts, each policy, trainees, renewals).
fn above(mut record: Record, local: Option<&Value>) -> Record {
    let Some(local) = local.and_then(|l| Record::from_data(&record.doc_id(), l).ok()) else { return record };
    let lift = |new: &mut u32, old: u32, changed: bool| {
        if changed {
            *new = (*new).max(old) + 1;
        }
    };
    match (&mut record, &local) {
        (Record::Account(new), Record::Account(old)) => {
            let changed = new.account != old.account;
            lift(&mut new.account.revision, old.account.revision, changed);
            for p in &mut new.policies {
                if let Some(o) = old.policies.iter().find(|o| o.id == p.id) {
                    let changed = p != o;
                    lift(&mut p.revision, o.revision, changed);
                }
            }
        }
        (Record::Trainee(new), Record::Trainee(old)) => {
            let changed = new != old;
            lift(&mut new.revision, old.revision, changed);
        }
        (Record::Renewal(new), Record::Renewal(old)) => {
            let changed = new != old;
            lift(&mut new.revision, old.revision, changed);
        }
        _ => {}
    }
    record
}

/// Changes asked for in the first page of a catch-up (a first download,
/// or coming back after a while).
pub const CATCH_UP_FIRST: usize = 2_500;

/// The most changes asked for in one page of a catch-up: the page's
/// documents are held in memory at once (about 10 MB of JSON for 10,000
/// accounts with two policies each, more once read).
pub const CATCH_UP_MOST: usize = 10_000;

/// How many changes to ask for in the next page of a catch-up that has
/// read `read` changes so far: as many again, between [`CATCH_UP_FIRST`]
/// and [`CATCH_UP_MOST`].
///
/// Each page is kept in one transaction that reads and rewrites every
/// page of the book it touches (a page of changes touches nearly all of
/// them), so its cost grows with the book held so far. With pages of one
/// size, a first download of a book costs in proportion to the square of
/// its size; with pages that grow as the book does, about in proportion
/// to its size, up to the cap. Pages passed over (an upload's own
/// revisions coming back, read without their documents) count as read:
/// the next page is as large either way.
///
/// ```
/// use agency_desk::domain::sync::pull::catch_up_page;
/// assert_eq!(catch_up_page(0), 2_500);
/// assert_eq!(catch_up_page(5_000), 5_000);
/// assert_eq!(catch_up_page(40_000), 10_000);
/// ```
pub fn catch_up_page(read: usize) -> usize {
    read.clamp(CATCH_UP_FIRST, CATCH_UP_MOST)
}

#[cfg(test)]
mod tests;

//! A document that arrives with `_conflicts`: CouchDB kept more than one
//! version (two nodes of a cluster, or a replication, took different
//! edits). The winner is what [`super::pull::receive`] decided; each losing
//! version is folded into it by a three-way merge against the version this
//! browser last synced, and the losing revisions are deleted on the next
//! push, so the server is left with one version.
//!
//! With no version synced here before, the base is empty and every value
//! the two versions hold differently is a disagreement for the user: a
//! losing version's edit is never dropped unseen.

use super::docs::{Doc, DocError, Record};
use super::merge::{Conflict, merge};
use super::pull::{Arrival, Received};
use serde_json::Value;

/// Folds `losers` (the losing versions of `winner`, as read from the
/// server) into `received`, what was decided for the winner. `synced` is
/// the data this browser last synced of the document (None: never).
///
/// ```
/// use agency_desk::domain::sync::docs::{from_doc, to_doc, Record};
/// use agency_desk::domain::sync::pull::{receive, Arrival, Local};
/// use agency_desk::domain::sync::untangle::untangle;
/// use agency_desk::domain::book::{Account, Department};
/// use agency_desk::domain::records::AccountRecord;
/// let base = AccountRecord::new(Account::new("a1", "Harbor Bakery", Department::Cl));
/// let mut winner = base.clone();
/// winner.account.producer = "Dana".into();
/// let mut loser = base.clone();
/// loser.account.notes = "Call in March".into();
/// let mut doc = to_doc(&Record::Account(winner), Some("2-w"), None);
/// doc["_conflicts"] = serde_json::json!(["2-l"]);
/// let winner = from_doc(&doc).unwrap();
/// let loser = from_doc(&to_doc(&Record::Account(loser), Some("2-l"), None)).unwrap();
/// let base = serde_json::to_value(&base).unwrap();
/// let got = receive(&winner, Local { data: Some(&base), base: Some(&base), pending: false, changed: None }).unwrap();
/// let got = untangle(&winner, &[loser], Some(&base), got).unwrap();
/// let Arrival::Merged { record: Record::Account(a), conflicts } = &got.arrival else { panic!() };
/// assert_eq!((a.account.producer.as_str(), a.account.notes.as_str()), ("Dana", "Call in March"));
/// assert!(conflicts.is_empty());
/// assert_eq!(got.losers, ["2-l"]);
/// ```
pub fn untangle(
    winner: &Doc,
    losers: &[Doc],
    synced: Option<&Value>,
    received: Received,
) -> Result<Received, DocError> {
    let mut received = received;
    received.losers = winner.conflicts.clone();
    let (mut value, mut conflicts) = match &received.arrival {
        Arrival::Take(Some(record)) => (record.data(), Vec::new()),
        Arrival::Merged { record, conflicts } => (record.data(), conflicts.clone()),
        // Kept here, or deleted: the losing versions are only removed.
        Arrival::Take(None) | Arrival::KeepLocal => return Ok(received),
    };
    let base = synced.cloned().unwrap_or(Value::Null);
    let mut folded = false;
    for loser in losers {
        // A losing deletion against a live winner: the edit stands.
        let Some(record) = &loser.record else { continue };
        let merged = merge(&base, &record.data(), &value);
        value = merged.value;
        folded = true;
        conflicts.retain(|c| !merged.conflicts.iter().any(|n| n.path == c.path));
        conflicts.extend(merged.conflicts.into_iter().map(|c| Conflict {
            mine_changed: loser.changed.clone(),
            theirs_changed: winner.changed.clone(),
            ..c
        }));
    }
    if folded {
        let record = Record::from_data(&winner.id, &value)?;
        received.arrival = Arrival::Merged { record, conflicts };
    }
    Ok(received)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{Account, Department};
    use crate::domain::records::AccountRecord;
    use crate::domain::sync::docs::{DocId, from_doc, to_doc};
    use crate::domain::sync::pull::{Local, receive};

    fn account() -> AccountRecord {
        AccountRecord::new(Account::new("a1", "Harbor Bakery", Department::Cl))
    }

    fn doc(record: Option<&AccountRecord>, rev: &str, conflicts: &[&str]) -> Doc {
        let mut body = match record {
            Some(r) => to_doc(&Record::Account(r.clone()), Some(rev), None),
            None => serde_json::json!({"_id": "account:a1", "_rev": rev, "_deleted": true}),
        };
        if !conflicts.is_empty() {
            body["_conflicts"] = serde_json::json!(conflicts);
        }
        from_doc(&body).unwrap()
    }

    fn received(winner: &Doc, here: Option<&Value>) -> Received {
        receive(winner, Local { data: here, base: here, pending: false, changed: None }).unwrap()
    }

    #[test]
    fn the_same_value_changed_differently_in_two_versions_is_a_disagreement_naming_both() {
        let base = account();
        let (mut w, mut l) = (base.clone(), base.clone());
        w.account.notes = "Winner's note".into();
        l.account.notes = "Loser's note".into();
        let winner = doc(Some(&w), "3-w", &["3-l"]);
        let b = serde_json::to_value(&base).unwrap();
        let got = untangle(&winner, &[doc(Some(&l), "3-l", &[])], Some(&b), received(&winner, Some(&b))).unwrap();
        let Arrival::Merged { record: Record::Account(a), conflicts } = &got.arrival else {
            panic!("{:?}", got.arrival)
        };
        assert_eq!(a.account.notes, "Winner's note", "the winner stands until the user chooses");
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].mine, Some(Value::from("Loser's note")));
        assert_eq!(conflicts[0].theirs, Some(Value::from("Winner's note")));
        assert_eq!(got.losers, ["3-l"]);
        assert_eq!(got.id, DocId::Account("a1".into()));
    }

    #[test]
    fn never_synced_here_every_difference_waits_for_the_user() {
        let (mut w, mut l) = (account(), account());
        w.account.producer = "Dana".into();
        l.account.notes = "Call in March".into();
        let winner = doc(Some(&w), "2-w", &["2-l"]);
        let got = untangle(&winner, &[doc(Some(&l), "2-l", &[])], None, received(&winner, None)).unwrap();
        let Arrival::Merged { conflicts, .. } = &got.arrival else { panic!() };
        let paths: Vec<String> = conflicts.iter().map(|c| c.path.to_string()).collect();
        assert!(paths.iter().any(|p| p.contains("notes")) && paths.iter().any(|p| p.contains("producer")), "{paths:?}");
    }

    #[test]
    fn a_losing_deletion_leaves_the_winner_and_is_removed() {
        let w = account();
        let winner = doc(Some(&w), "4-w", &["4-d"]);
        let b = serde_json::to_value(&w).unwrap();
        let before = received(&winner, Some(&b));
        let got = untangle(&winner, &[doc(None, "4-d", &[])], Some(&b), before.clone()).unwrap();
        assert_eq!(got.arrival, before.arrival);
        assert_eq!(got.losers, ["4-d"]);
    }
}

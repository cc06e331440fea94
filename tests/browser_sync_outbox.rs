//! Team sync's outbox, run in headless Chromium (`make test-browser`):
//! every write of a synced workspace queues the documents it touched in
//! its own transaction; an unsynced workspace queues nothing; a write the
//! browser refused queues nothing either.
#![cfg(target_arch = "wasm32")]

use agency_desk::domain::book::{Account, AgencyProfile, Department, Policy};
use agency_desk::domain::changes::ChangeSet;
use agency_desk::domain::records::pages::page_of;
use agency_desk::domain::renewals::board::renewal_id;
use agency_desk::domain::roles::trainee::Trainee;
use agency_desk::storage::format::sync::{OutboxEntry, SYNC_LINK, SyncLink, SyncPage, SyncedDoc, pending};
use agency_desk::storage::{self, book, renewals, settings, synced, trainees};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/refuse-writes.js")]
extern "C" {
    fn refuse_writes();
    fn allow_writes();
}

async fn fresh(workspace: &str) -> rexie::Rexie {
    rexie::Rexie::delete(&storage::database_name(workspace)).await.expect("delete old test database");
    storage::open_workspace(workspace).await.expect("open test database")
}

fn link() -> SyncLink {
    SyncLink { url: "/couch/agency-test".into(), user: "ann".into(), connected_at: "2026-12-01T09:00:00Z".into() }
}

fn import() -> ChangeSet {
    let mut p = Policy::new("p1", "a1");
    p.policy_number = "BOP-1".into();
    p.expiration = NaiveDate::from_ymd_opt(2027, 3, 1);
    ChangeSet {
        put_accounts: vec![
            Account::new("a1", "Harbor Bakery", Department::Cl),
            Account::new("a2", "Lee", Department::Pl),
        ],
        put_policies: vec![p],
        tracking_start: NaiveDate::from_ymd_opt(2026, 12, 1),
        ..Default::default()
    }
}

fn trainee() -> Trainee {
    Trainee {
        id: "t1".into(),
        name: "Sam".into(),
        role: "Client Manager".into(),
        start_date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        trainer: "Pat".into(),
        revision: 1,
        updated_at: "2026-12-01T09:00:00Z".into(),
        progress: Default::default(),
    }
}

/// The entries queued since the last call (`seen` holds the ids seen so
/// far). Entries sort by their write's stamp, and settings writes stamp
/// the clock's time, so "new" is told by id, not by position.
async fn queued_since(db: &rexie::Rexie, seen: &mut BTreeSet<String>) -> Vec<OutboxEntry> {
    let all = synced::pending(db).await.unwrap();
    let new: Vec<OutboxEntry> = all.into_iter().filter(|e| !seen.contains(&e.id)).collect();
    seen.extend(new.iter().map(|e| e.id.clone()));
    new
}

fn docs(entries: &[OutboxEntry]) -> Vec<String> {
    pending(entries).0.into_iter().collect()
}

#[wasm_bindgen_test]
async fn an_unsynced_workspace_queues_nothing() {
    let db = fresh("test-outbox-off").await;
    book::apply_changes(&db, &import(), "2026-12-01T09:00:00Z").await.unwrap();
    trainees::save_trainee(&db, &trainee(), None, "2026-12-01T09:01:00Z").await.unwrap();
    settings::put(&db, settings::PROFILE, &AgencyProfile::default()).await.unwrap();
    assert!(synced::pending(&db).await.unwrap().is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn each_write_of_a_synced_workspace_queues_the_documents_it_touched() {
    let db = fresh("test-outbox-on").await;
    settings::put(&db, SYNC_LINK, &link()).await.unwrap();
    assert!(synced::pending(&db).await.unwrap().is_empty(), "the link itself is this browser's own");

    // An import: one entry for the whole write, its accounts and the tracking start.
    book::apply_changes(&db, &import(), "2026-12-01T09:00:00Z").await.unwrap();
    let mut seen = BTreeSet::new();
    let after_import = queued_since(&db, &mut seen).await;
    assert_eq!(after_import.len(), 1);
    assert_eq!(docs(&after_import), ["account:a1", "account:a2", "settings:renewals"]);

    // An account saved alone; a trainee; a renewal's tick; an outcome.
    let mut edited = Account::new("a2", "Lee Family", Department::Pl);
    edited.revision = 1;
    book::save_account(&db, &edited, Some(0), "2026-12-01T09:02:00Z").await.unwrap();
    assert_eq!(docs(&queued_since(&db, &mut seen).await), ["account:a2"]);
    trainees::save_trainee(&db, &trainee(), None, "2026-12-01T09:03:00Z").await.unwrap();
    assert_eq!(docs(&queued_since(&db, &mut seen).await), ["trainee:t1"]);
    let expiration = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let id = renewal_id("a1", expiration);
    renewals::change_record(&db, (&id, "a1", expiration), "2026-12-01T09:04:00Z", |r| {
        r.notes = "Marketing to two carriers".into();
        Ok(())
    })
    .await
    .unwrap();
    assert_eq!(docs(&queued_since(&db, &mut seen).await), [format!("renewal:{id}")]);
    renewals::decide(&db, (&id, "a1", expiration), Some(1), "2026-12-01T09:05:00Z", |r, _| {
        r.notes.push_str(" — bound");
        Ok(())
    })
    .await
    .unwrap();
    assert_eq!(docs(&queued_since(&db, &mut seen).await), ["account:a1".to_string(), format!("renewal:{id}")]);

    // Settings: shared ones by group; this browser's own (the as-of date) not at all.
    settings::put(&db, settings::PROFILE, &AgencyProfile::default()).await.unwrap();
    settings::put(&db, settings::AS_OF_DATE, &expiration).await.unwrap();
    settings::remove(&db, settings::ROLE_LIBRARY).await.unwrap();
    assert_eq!(docs(&queued_since(&db, &mut seen).await), ["settings:agency", "settings:roles"]);

    // A restore replaces everything: one entry asking for every document.
    let data = agency_desk::domain::demo::demo_agency(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    storage::workspace::replace_all(&db, &data, None, "2026-12-01T09:06:00Z").await.unwrap();
    let all = queued_since(&db, &mut seen).await;
    assert_eq!(all.len(), 1);
    assert!(pending(&all).1);

    // Pushing clears what was pushed and records each document's revision and base.
    let entries = synced::pending(&db).await.unwrap();
    let first: Vec<String> = entries.iter().take(2).map(|e| e.id.clone()).collect();
    let base = SyncedDoc {
        id: "account:a1".into(),
        rev: "1-abc".into(),
        base: serde_json::json!({"id": "a1"}),
        losers: Vec::new(),
    };
    synced::pushed(&db, &first, std::slice::from_ref(&base)).await.unwrap();
    let left: BTreeSet<String> = synced::pending(&db).await.unwrap().into_iter().map(|e| e.id).collect();
    assert_eq!(left.len(), entries.len() - 2);
    assert!(first.iter().all(|id| !left.contains(id)));
    assert_eq!(synced::synced(&db, "account:a1").await.unwrap(), Some(base));
    assert_eq!(synced::synced(&db, "account:zz").await.unwrap(), None);
    db.close();
}

#[wasm_bindgen_test]
async fn a_write_the_browser_refused_queues_nothing() {
    let db = fresh("test-outbox-refused").await;
    settings::put(&db, SYNC_LINK, &link()).await.unwrap();
    refuse_writes();
    let import = book::apply_changes(&db, &import(), "2026-12-01T09:00:00Z").await;
    let trainee = trainees::save_trainee(&db, &trainee(), None, "2026-12-01T09:01:00Z").await;
    allow_writes();
    assert!(import.is_err() && trainee.is_err(), "both writes are refused");
    assert!(synced::pending(&db).await.unwrap().is_empty(), "a refused write leaves nothing queued");
    assert!(book::load_book(&db).await.unwrap().accounts.is_empty());
    db.close();
}

mod receiving {
    use super::*;
    use agency_desk::domain::sync::docs::{DocId, Record, SettingsGroup};
    use agency_desk::domain::sync::merge::Conflict;
    use agency_desk::domain::sync::pull::{Arrival, Received};

    fn received(id: DocId, rev: &str, arrival: Arrival) -> Received {
        Received { id, rev: rev.into(), base: serde_json::json!({"from": rev}), arrival, losers: Vec::new() }
    }

    fn batch() -> Vec<Received> {
        let mut merged =
            agency_desk::domain::records::AccountRecord::new(Account::new("a1", "Harbor Bakery Co", Department::Cl));
        merged.account.revision = 7;
        let conflict = Conflict {
            path: agency_desk::domain::sync::merge::Path::root().field("account").field("notes"),
            label: "Notes".into(),
            base: None,
            mine: Some("mine".into()),
            theirs: Some("theirs".into()),
            mine_changed: None,
            theirs_changed: None,
        };
        let arrived =
            agency_desk::domain::records::AccountRecord::new(Account::new("b9", "Bayside Dental", Department::Pl));
        let leads = std::collections::BTreeMap::from([(
            "renewal_leads".to_string(),
            serde_json::to_value(agency_desk::domain::renewals::board::LeadTimes::default()).unwrap(),
        )]);
        vec![
            received(DocId::Account("b9".into()), "1-b", Arrival::Take(Some(Record::Account(arrived)))),
            received(
                DocId::Account("a1".into()),
                "3-a",
                Arrival::Merged { record: Record::Account(merged), conflicts: vec![conflict] },
            ),
            received(DocId::Account("a2".into()), "2-c", Arrival::Take(None)),
            received(
                DocId::Settings(SettingsGroup::Renewals),
                "4-s",
                Arrival::Take(Some(Record::Settings(SettingsGroup::Renewals, leads))),
            ),
        ]
    }

    #[wasm_bindgen_test]
    async fn a_pulled_batch_is_kept_whole_with_its_merges_queued_and_disagreements_kept() {
        let db = fresh("test-sync-receive").await;
        settings::put(&db, SYNC_LINK, &link()).await.unwrap();
        book::apply_changes(&db, &import(), "2026-12-01T09:00:00Z").await.unwrap();
        let before: BTreeSet<String> = synced::pending(&db).await.unwrap().into_iter().map(|e| e.id).collect();

        let ids = [DocId::Account("a1".into()), DocId::Settings(SettingsGroup::Renewals), DocId::Trainee("t9".into())];
        let held = synced::held(&db, &ids).await.unwrap();
        assert!(matches!(held["account:a1"].record, Some(Record::Account(ref r)) if r.policies.len() == 1));
        assert!(
            matches!(held["settings:renewals"].record, Some(Record::Settings(_, ref v)) if v.contains_key("tracking_start"))
        );
        assert!(held["trainee:t9"].record.is_none() && held["trainee:t9"].synced.is_none());

        // A change saved after the batch was decided: nothing is kept, and
        // the caller is told to decide again.
        let mut decided = before.clone();
        trainees::save_trainee(&db, &trainee(), None, "2026-12-01T09:30:00Z").await.unwrap();
        assert!(!synced::apply_received(&db, &batch(), Some("42"), ("2026-12-02T08:00:00Z", &decided)).await.unwrap());
        assert_eq!(settings::get(&db, storage::format::sync::SYNC_CHECKPOINT).await.unwrap(), None);
        assert_eq!(book::load_book(&db).await.unwrap().accounts.len(), 2, "nothing of the batch kept");
        decided = synced::pending(&db).await.unwrap().into_iter().map(|e| e.id).collect();
        let before = decided.clone();

        assert!(synced::apply_received(&db, &batch(), Some("42"), ("2026-12-02T08:00:00Z", &decided)).await.unwrap());
        let book = book::load_book(&db).await.unwrap();
        let names: BTreeSet<&str> = book.accounts.iter().map(|a| a.client_name.as_str()).collect();
        assert_eq!(names, BTreeSet::from(["Bayside Dental", "Harbor Bakery Co"]), "arrived, merged, and deleted");
        assert_eq!(settings::get(&db, storage::format::sync::SYNC_CHECKPOINT).await.unwrap(), Some("42".to_string()));
        assert_eq!(synced::synced(&db, "account:a1").await.unwrap().unwrap().rev, "3-a");
        assert!(
            settings::get(&db, settings::TRACKING_START).await.unwrap().is_none(),
            "the group's document replaces the group"
        );
        let open = synced::open_conflicts(&db).await.unwrap();
        assert_eq!(open.len(), 1);
        assert_eq!(open[0].id, "account:a1");
        let queued: Vec<OutboxEntry> =
            synced::pending(&db).await.unwrap().into_iter().filter(|e| !before.contains(&e.id)).collect();
        assert_eq!(docs(&queued), ["account:a1"], "only the merge goes back to the server");
        db.close();
    }

    #[wasm_bindgen_test]
    async fn a_large_batch_reads_the_bases_held_among_many_documents_never_held() {
        let db = fresh("test-sync-held-many").await;
        // Three of 300 documents were synced before; their ids sit at the
        // ends and in the middle of the batch's span.
        let kept: Vec<Received> = ["a000", "a150", "a299"]
            .iter()
            .map(|a| received(DocId::Account((*a).into()), &format!("1-{a}"), Arrival::Take(None)))
            .collect();
        assert!(
            synced::apply_received(&db, &kept, Some("3"), ("2026-12-02T08:00:00Z", &BTreeSet::new())).await.unwrap()
        );
        let ids: Vec<DocId> = (0..300).map(|i| DocId::Account(format!("a{i:03}"))).collect();
        let held = synced::held(&db, &ids).await.unwrap();
        assert_eq!(held.len(), 300);
        let with_base: BTreeSet<&str> =
            held.iter().filter(|(_, h)| h.synced.is_some()).map(|(id, _)| id.as_str()).collect();
        assert_eq!(with_base, BTreeSet::from(["account:a000", "account:a150", "account:a299"]));
        let base = held["account:a150"].synced.as_ref().unwrap();
        assert_eq!((base.rev.as_str(), &base.base), ("1-a150", &serde_json::json!({"from": "1-a150"})));
        db.close();
    }

    #[wasm_bindgen_test]
    async fn passing_over_a_page_of_own_revisions_moves_only_the_checkpoint() {
        let db = fresh("test-sync-pass-over").await;
        settings::put(&db, SYNC_LINK, &link()).await.unwrap();
        book::apply_changes(&db, &import(), "2026-12-01T09:00:00Z").await.unwrap();
        let queued = synced::pending(&db).await.unwrap().len();
        synced::pass_over(&db, "7-g1AAAA", "2026-12-02T08:00:00Z").await.unwrap();
        assert_eq!(settings::get(&db, storage::format::sync::SYNC_CHECKPOINT).await.unwrap(), Some("7-g1AAAA".into()));
        assert_eq!(synced::pending(&db).await.unwrap().len(), queued, "the outbox as it was");
        assert_eq!(book::load_book(&db).await.unwrap().accounts.len(), 2);
        // Refused by the browser: the checkpoint stays, and the caller hears so.
        refuse_writes();
        let result = synced::pass_over(&db, "9-g1BBBB", "2026-12-02T08:01:00Z").await;
        allow_writes();
        assert!(result.is_err());
        assert_eq!(settings::get(&db, storage::format::sync::SYNC_CHECKPOINT).await.unwrap(), Some("7-g1AAAA".into()));
        db.close();
    }

    #[wasm_bindgen_test]
    async fn a_pulled_batch_the_browser_refused_leaves_nothing_behind() {
        let db = fresh("test-sync-receive-refused").await;
        settings::put(&db, SYNC_LINK, &link()).await.unwrap();
        book::apply_changes(&db, &import(), "2026-12-01T09:00:00Z").await.unwrap();
        let decided: BTreeSet<String> = synced::pending(&db).await.unwrap().into_iter().map(|e| e.id).collect();
        refuse_writes();
        let result = synced::apply_received(&db, &batch(), Some("42"), ("2026-12-02T08:00:00Z", &decided)).await;
        allow_writes();
        assert!(result.is_err());
        assert_eq!(book::load_book(&db).await.unwrap().accounts.len(), 2, "the book as it was");
        assert!(
            settings::get(&db, storage::format::sync::SYNC_CHECKPOINT).await.unwrap().is_none(),
            "pulling will resume where it was"
        );
        assert!(synced::open_conflicts(&db).await.unwrap().is_empty());
        assert!(synced::synced(&db, "account:b9").await.unwrap().is_none());
        db.close();
    }
}

#[wasm_bindgen_test]
async fn taking_the_teams_book_empties_the_shared_records_in_one_write_and_keeps_a_safety_copy() {
    use agency_desk::storage::synced::Start;
    let db = fresh("test-join-take").await;
    book::apply_changes(&db, &import(), "2026-12-01T09:00:00Z").await.unwrap();
    trainees::save_trainee(&db, &trainee(), None, "2026-12-01T09:01:00Z").await.unwrap();
    settings::put(&db, settings::PROFILE, &AgencyProfile::default()).await.unwrap();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    settings::put(&db, settings::AS_OF_DATE, &as_of).await.unwrap();

    synced::connect(&db, &link(), Start::TakeTeams { safety_copy: ("before-joining-x", "{\"the\":\"backup\"}") })
        .await
        .unwrap();

    let w = storage::workspace::load_workspace(&db).await.unwrap();
    assert!(w.book.accounts.is_empty() && w.book.policies.is_empty(), "the book waits for the team's");
    assert!(w.trainees.is_empty());
    assert_eq!(settings::get(&db, settings::PROFILE).await.unwrap(), None, "shared settings come from the team");
    assert_eq!(settings::get(&db, settings::TRACKING_START).await.unwrap(), None);
    assert_eq!(settings::get(&db, settings::AS_OF_DATE).await.unwrap(), Some(as_of), "this browser's own stay");
    assert_eq!(settings::get(&db, SYNC_LINK).await.unwrap(), Some(link()));
    assert!(synced::pending(&db).await.unwrap().is_empty(), "nothing of the old book is sent");
    let copies = storage::workspace::safety_copies(&db).await.unwrap();
    assert_eq!(copies.len(), 1);
    assert_eq!((copies[0].id.as_str(), copies[0].backup.as_str()), ("before-joining-x", "{\"the\":\"backup\"}"));
    db.close();
}

#[wasm_bindgen_test]
async fn a_refused_take_leaves_the_book_and_the_link_as_they_were() {
    use agency_desk::storage::synced::Start;
    let db = fresh("test-join-refused").await;
    book::apply_changes(&db, &import(), "2026-12-01T09:00:00Z").await.unwrap();
    refuse_writes();
    let result = synced::connect(&db, &link(), Start::TakeTeams { safety_copy: ("before-joining-y", "{}") }).await;
    allow_writes();
    assert!(result.is_err(), "the refusal is reported");
    let w = storage::workspace::load_workspace(&db).await.unwrap();
    assert_eq!(w.book.accounts.len(), 2, "nothing was removed");
    assert_eq!(settings::get(&db, SYNC_LINK).await.unwrap(), None);
    assert!(storage::workspace::safety_copies(&db).await.unwrap().is_empty());
    db.close();
}

/// Data format 7 keeps team sync's records a page at a time. A database of
/// format 6 (schema version 7: one record per document, bases stored as
/// text or, older still, as objects) is moved into pages on opening: every
/// record kept with its revision, base and losing revisions, the store
/// holding pages only, and opening again changes nothing. A page already
/// there (another tab ran the step first) keeps its records beside the
/// ones moved onto it.
#[wasm_bindgen_test]
async fn sync_records_move_into_pages_on_upgrade() {
    let name = "test-sync-pages-upgrade";
    rexie::Rexie::delete(&storage::database_name(name)).await.unwrap();
    let v7 = storage::open_at(name, &storage::schema::HISTORY[6]).await.unwrap();
    settings::put(&v7, storage::migrate::DATA_VERSION, &6u32).await.unwrap();
    let mut docs: Vec<SyncedDoc> = (0..300)
        .map(|i| SyncedDoc {
            id: if i == 0 { "trainee:t1".into() } else { format!("account:k{i:03}") },
            rev: format!("{}-r{i}", i % 4 + 1),
            base: serde_json::json!({"id": format!("k{i:03}"), "notes": format!("note {i}"), "n": i}),
            losers: if i % 50 == 0 { vec![format!("2-lost{i}")] } else { Vec::new() },
        })
        .collect();
    let tx = v7.transaction(&[storage::schema::SYNC_DOCS.name], rexie::TransactionMode::ReadWrite).unwrap();
    let store = tx.store(storage::schema::SYNC_DOCS.name).unwrap();
    for (i, doc) in docs.iter().enumerate() {
        // The format this version wrote (base as text), and the one before
        // it (base as an object).
        let mut stored = serde_json::to_value(doc).unwrap();
        if i % 3 == 0 {
            stored["base"] = doc.base.clone();
        }
        assert_eq!(stored["base"].is_string(), i % 3 != 0);
        store.put(&js_sys::JSON::parse(&stored.to_string()).unwrap(), None).await.unwrap();
    }
    // A page already written, on the page of one of the records above.
    let early = SyncedDoc {
        id: "account:early".into(),
        rev: "7-e".into(),
        base: serde_json::json!({"id": "early"}),
        losers: Vec::new(),
    };
    let mut page = SyncPage::default();
    page.put(&early).unwrap();
    let page_id = page_of(&early.id);
    assert!(docs.iter().any(|d| page_of(&d.id) == page_id), "the page is shared with a record moved onto it");
    let value = serde_json::json!({"id": page_id, "data": page.encode().unwrap()});
    store.put(&js_sys::JSON::parse(&value.to_string()).unwrap(), None).await.unwrap();
    docs.push(early);
    tx.done().await.unwrap();
    v7.close();

    let (db, _) = storage::workspace::open_and_load(name).await.unwrap();
    assert_eq!(db.version().unwrap(), storage::schema::current().version);
    assert_eq!(
        settings::get::<u32>(&db, storage::migrate::DATA_VERSION).await.unwrap(),
        Some(storage::migrate::CURRENT)
    );
    let values = stored_count(&db, storage::schema::SYNC_DOCS.name).await;
    assert!(values > 1 && values <= 64, "{values} pages for 301 records");
    for doc in &docs {
        assert_eq!(synced::synced(&db, &doc.id).await.unwrap().as_ref(), Some(doc), "{}", doc.id);
    }
    let every: BTreeSet<String> = synced::every_doc(&db).await.unwrap().iter().map(|d| d.to_string()).collect();
    assert_eq!(every, docs.iter().map(|d| d.id.clone()).collect(), "every synced document is still known");
    db.close();

    let (db, _) = storage::workspace::open_and_load(name).await.unwrap();
    assert_eq!(stored_count(&db, storage::schema::SYNC_DOCS.name).await, values, "opening again changes nothing");
    assert_eq!(synced::synced(&db, "account:k123").await.unwrap().as_ref(), Some(&docs[123]));
    db.close();
}

/// How many values a store holds.
async fn stored_count(db: &rexie::Rexie, store: &str) -> u32 {
    let tx = db.transaction(&[store], rexie::TransactionMode::ReadOnly).unwrap();
    let n = tx.store(store).unwrap().count(None).await.unwrap();
    tx.done().await.unwrap();
    n
}

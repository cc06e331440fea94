//! IndexedDB tests of the book, run in headless Chromium (`make test-browser`).
#![cfg(target_arch = "wasm32")]

use agency_desk::domain::backup::BackupData;
use agency_desk::domain::book::{Account, Book, Department, Policy};
use agency_desk::domain::changes::ChangeSet;
use agency_desk::domain::demo::demo_agency;
use agency_desk::domain::records::pages::{PAGE_COUNT, page_number};
use agency_desk::storage::{self, book, schema, settings};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh(workspace: &str) -> rexie::Rexie {
    rexie::Rexie::delete(&storage::database_name(workspace)).await.expect("delete old test database");
    storage::open_workspace(workspace).await.expect("open test database")
}

fn sample() -> (Account, Policy) {
    let mut a = Account::new("a1", "Harbor Bakery", Department::Cl);
    a.revision = 1;
    let mut p = Policy::new("p1", "a1");
    p.policy_number = "BOP-1".into();
    p.commission = 60_000;
    p.revision = 1;
    (a, p)
}

/// `n` saved accounts with ids `prefix` + a zero-padded number (so key
/// order is number order) and names "Client 0", "Client 1", ….
fn numbered(prefix: &str, n: i64, department: Department) -> Vec<Account> {
    (0..n)
        .map(|i| {
            let mut a = Account::new(&format!("{prefix}{i:05}"), &format!("Client {i}"), department.clone());
            a.revision = 1;
            a
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_version_1_database_upgrades_with_every_record_kept() {
    let name = "test-upgrade";
    rexie::Rexie::delete(&storage::database_name(name)).await.unwrap();
    let v1 = storage::open_at(name, &schema::HISTORY[0]).await.unwrap();
    assert_eq!(v1.version().unwrap(), 1);
    settings::put(&v1, settings::AGENCY_NAME, &"Old Agency".to_string()).await.unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    settings::put(&v1, settings::AS_OF_DATE, &date).await.unwrap();
    v1.close();

    let db = storage::open_workspace(name).await.unwrap();
    assert_eq!(db.version().unwrap(), schema::current().version);
    assert_eq!(settings::get::<String>(&db, settings::AGENCY_NAME).await.unwrap().as_deref(), Some("Old Agency"));
    assert_eq!(settings::get(&db, settings::AS_OF_DATE).await.unwrap(), Some(date));
    // The new stores are there and usable.
    let (a, p) = sample();
    let changes = ChangeSet { put_accounts: vec![a], put_policies: vec![p], ..Default::default() };
    book::apply_changes(&db, &changes, "t").await.unwrap();
    assert_eq!(book::load_book(&db).await.unwrap().accounts.len(), 1);
    db.close();
}

/// Version 2 kept accounts and policies in two stores; opening it now moves
/// each policy into its account's record, keeps a policy whose account is
/// gone, and empties the old store.
#[wasm_bindgen_test]
async fn a_version_2_database_gets_its_policies_moved_into_their_accounts() {
    let name = "test-upgrade-2";
    rexie::Rexie::delete(&storage::database_name(name)).await.unwrap();
    let v2 = storage::open_at(name, &schema::HISTORY[1]).await.unwrap();
    let (a, p) = sample();
    let mut lost = Policy::new("p-lost", "deleted-account");
    lost.policy_number = "LOST-1".into();
    let tx = v2.transaction(&["accounts", "policies"], rexie::TransactionMode::ReadWrite).unwrap();
    tx.store("accounts").unwrap().put(&to_js(&a), None).await.unwrap();
    tx.store("policies").unwrap().put(&to_js(&p), None).await.unwrap();
    tx.store("policies").unwrap().put(&to_js(&lost), None).await.unwrap();
    tx.done().await.unwrap();
    v2.close();

    let db = storage::open_workspace(name).await.unwrap();
    assert_eq!(db.version().unwrap(), schema::current().version);
    let loaded = book::load_book(&db).await.unwrap();
    assert_eq!(loaded.accounts.len(), 2);
    assert_eq!(loaded.accounts[0], a);
    assert_eq!(loaded.policies[0], p);
    assert_eq!(loaded.policies[1].policy_number, "LOST-1");
    assert_eq!(loaded.policies[1].account_id, loaded.accounts[1].id);
    let tx = db.transaction(&["policies"], rexie::TransactionMode::ReadOnly).unwrap();
    assert_eq!(tx.store("policies").unwrap().count(None).await.unwrap(), 0);
    tx.done().await.unwrap();
    assert_eq!(
        settings::get::<u32>(&db, storage::migrate::DATA_VERSION).await.unwrap(),
        Some(storage::migrate::CURRENT)
    );
    db.close();
    // Opening again finds nothing to do and changes nothing.
    let db = storage::open_workspace(name).await.unwrap();
    assert_eq!(book::load_book(&db).await.unwrap(), loaded);
    db.close();
}

/// A record as the old version wrote it (a plain JSON object).
fn to_js<T: serde::Serialize>(value: &T) -> wasm_bindgen::JsValue {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

#[wasm_bindgen_test]
async fn changes_round_trip_and_stale_edits_are_refused() {
    let db = fresh("test-book").await;
    let (a, p) = sample();
    let changes = ChangeSet { put_accounts: vec![a.clone()], put_policies: vec![p.clone()], ..Default::default() };
    book::apply_changes(&db, &changes, "2026-11-22T10:00:00Z").await.unwrap();
    let loaded = book::load_book(&db).await.unwrap();
    assert_eq!(loaded, Book { accounts: vec![a.clone()], policies: vec![p.clone()] });
    assert_eq!(
        settings::get::<String>(&db, settings::LAST_CHANGE_AT).await.unwrap().as_deref(),
        Some("2026-11-22T10:00:00Z")
    );

    // Tab one saves revision 2 from revision 1.
    let mut edit = a.clone();
    edit.notes = "first".into();
    edit.revision = 2;
    book::save_account(&db, &edit, Some(1), "t").await.unwrap();
    // Tab two still holds revision 1: refused, and the first edit stays.
    let mut stale = a.clone();
    stale.notes = "second".into();
    stale.revision = 2;
    let err = book::save_account(&db, &stale, Some(1), "t").await.unwrap_err();
    assert!(err.to_string().contains("another tab"), "{}", err.to_string());
    assert_eq!(book::load_book(&db).await.unwrap().accounts[0].notes, "first");
    // A new account must not exist yet.
    let other = Account::new("a2", "New Co", Department::Pl);
    assert!(book::save_account(&db, &other, Some(3), "t").await.is_err());
    book::save_account(&db, &other, None, "t").await.unwrap();

    // A policy edit from a stale copy is refused the same way.
    let mut p2 = p.clone();
    p2.commission = 1;
    p2.revision = 2;
    book::save_policy(&db, &p2, Some(1), "t").await.unwrap();
    let mut p_stale = p.clone();
    p_stale.revision = 2;
    assert!(book::save_policy(&db, &p_stale, Some(1), "t").await.unwrap_err().to_string().contains("another tab"));
    assert_eq!(book::load_book(&db).await.unwrap().policies[0].commission, 1);

    // Deleting an account and its policy is one change set.
    let delete = ChangeSet { delete_account_ids: vec!["a1".into()], ..Default::default() };
    book::apply_changes(&db, &delete, "t").await.unwrap();
    let left = book::load_book(&db).await.unwrap();
    assert_eq!(left.accounts.len(), 1);
    assert!(left.policies.is_empty());
    db.close();
}

#[wasm_bindgen_test]
async fn restore_replaces_everything_and_keeps_a_safety_copy() {
    let db = fresh("test-restore").await;
    let (a, p) = sample();
    book::apply_changes(&db, &ChangeSet { put_accounts: vec![a], put_policies: vec![p], ..Default::default() }, "t")
        .await
        .unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let demo = demo_agency(as_of);
    storage::workspace::replace_all(&db, &demo, Some(("copy-1", "{\"old\":true}")), "t").await.unwrap();
    let exported: BackupData = storage::workspace::export_data(&db).await.unwrap();
    assert_eq!(exported.book.accounts.len(), demo.book.accounts.len());
    assert_eq!(exported.book.policies.len(), demo.book.policies.len());
    assert_eq!(exported.agency_name, demo.agency_name);
    assert_eq!(exported.profile, demo.profile);
    assert_eq!(exported.trainees, demo.trainees);
    assert_eq!(exported.trainees.len(), 3);
    assert!(exported.book.accounts.iter().all(|x| x.id != "a1"));
    assert_eq!(storage::workspace::safety_copy_count(&db).await.unwrap(), 1);
    db.close();
}

/// A large book comes back whole from its pages: every record once, in
/// key order, and no more stored values than there are pages.
#[wasm_bindgen_test]
async fn a_large_book_reads_back_whole_from_its_pages() {
    let db = fresh("test-large").await;
    let mut accounts = numbered("acct-", 6_001, Department::Pl);
    for (i, a) in (0..).zip(accounts.iter_mut()) {
        a.account_revenue = Some(i);
    }
    book::apply_changes(&db, &ChangeSet { put_accounts: accounts.clone(), ..Default::default() }, "t").await.unwrap();
    let loaded = storage::workspace::load_workspace(&db).await.unwrap().book;
    assert_eq!(loaded.accounts.len(), 6_001);
    assert_eq!(loaded.accounts, accounts, "every account once, in key order");
    assert_eq!(count(&db, schema::ACCOUNT_PAGES.name).await, 64);
    db.close();
}

/// A change set is written a page at a time, with the browser taking its
/// turns in between, yet in one transaction: when the last page it
/// touches refuses (a policy for an account that is nowhere), the pages
/// worked before it are not written either. 20,000 accounts take this
/// test build well over one 40 ms slice, so writes of earlier pages are
/// issued (and waited for) before the refusal.
#[wasm_bindgen_test]
async fn a_refusal_on_the_last_page_leaves_every_page_as_it_was() {
    let db = fresh("test-page-refusal").await;
    let before = numbered("old-", 64, Department::Cl);
    book::apply_changes(&db, &ChangeSet { put_accounts: before.clone(), ..Default::default() }, "t0").await.unwrap();
    let missing = (0..).map(|i| format!("gone-{i}")).find(|id| page_number(id) == PAGE_COUNT - 1).unwrap();
    let mut orphan = Policy::new("orphan", &missing);
    orphan.policy_number = "ORPHAN-1".into();
    let changes = ChangeSet {
        put_accounts: numbered("acct-", 20_000, Department::Pl),
        put_policies: vec![orphan],
        ..Default::default()
    };
    let begun = js_sys::Date::now();
    let err = book::apply_changes(&db, &changes, "t1").await.expect_err("a policy with no account");
    let took = js_sys::Date::now() - begun;
    assert!(took > 80.0, "the work ran {took} ms, under two slices: no write was issued before the refusal");
    assert!(err.to_string().contains("ORPHAN-1"), "{err}");
    assert_eq!(book::load_book(&db).await.unwrap().accounts, before);
    db.close();
}

/// A trainee's sign-offs are stored with name and date, read back whole,
/// and a save based on an older revision is refused instead of
/// overwriting a sign-off made meanwhile (another tab).
#[wasm_bindgen_test]
async fn sign_offs_are_stored_and_a_stale_save_is_refused() {
    use agency_desk::domain::roles::library::RoleLibrary;
    use agency_desk::domain::roles::progress::Stamp;
    use agency_desk::domain::roles::trainee::Trainee;
    use agency_desk::storage::trainees;
    let db = fresh("test-signoffs").await;
    let library = RoleLibrary::original();
    let role = library.role("Client Advocate").unwrap();
    let key = role.tasks[0].levels.new.items[0].key.clone();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let mut t = Trainee {
        id: "t1".into(),
        name: "Riley Park".into(),
        role: role.name.clone(),
        start_date: on,
        trainer: "Sam Cho".into(),
        revision: 1,
        updated_at: "t".into(),
        progress: Default::default(),
    };
    trainees::save_trainee(&db, &t, None, "t").await.unwrap();
    let stamp = Stamp { by: "Sam Cho", on, at: "2026-11-22T15:00:00Z" };
    t.progress.set_status(role, &key, agency_desk::domain::roles::progress::Status::Observed, &stamp).unwrap();
    t.progress.verify(role, &key, "Watched two certificates", &stamp).unwrap();
    t.revision = 2;
    trainees::save_trainee(&db, &t, Some(1), "t").await.unwrap();
    let stored = trainees::load_trainees(&db).await.unwrap();
    assert_eq!(stored, vec![t.clone()]);
    let signed = stored[0].progress.item(&key).verified.clone().unwrap();
    assert_eq!((signed.by.as_str(), signed.on, signed.note.as_str()), ("Sam Cho", on, "Watched two certificates"));
    // Another tab still holding revision 1 tries to save: refused, nothing lost.
    let mut stale = t.clone();
    stale.progress = Default::default();
    stale.revision = 2;
    assert!(trainees::save_trainee(&db, &stale, Some(1), "t").await.is_err());
    assert_eq!(trainees::load_trainees(&db).await.unwrap(), vec![t]);
    db.close();
}

/// Data format 5 keeps the account records in pages. A database of format
/// 4 (a record per account, some with the sort key format 4 added) is
/// moved into pages on opening: every account and policy kept, read back
/// in id order, the old store emptied, and opening again changes nothing.
#[wasm_bindgen_test]
async fn account_records_move_into_pages_on_upgrade() {
    let name = "test-pages-upgrade";
    rexie::Rexie::delete(&storage::database_name(name)).await.unwrap();
    let v5 = storage::open_at(name, &schema::HISTORY[4]).await.unwrap();
    settings::put(&v5, storage::migrate::DATA_VERSION, &4u32).await.unwrap();
    let (a, p) = sample();
    let mut others = numbered("k", 200, Department::Pl);
    let tx = v5.transaction(&[schema::ACCOUNTS.name], rexie::TransactionMode::ReadWrite).unwrap();
    let store = tx.store(schema::ACCOUNTS.name).unwrap();
    let record = serde_json::json!({ "id": a.id, "sort_name": "harbor bakery", "account": a, "policies": [p] });
    store.put(&js_sys::JSON::parse(&record.to_string()).unwrap(), None).await.unwrap();
    for x in others.iter().rev() {
        let record = serde_json::json!({ "id": x.id, "account": x, "policies": [] });
        store.put(&js_sys::JSON::parse(&record.to_string()).unwrap(), None).await.unwrap();
    }
    tx.done().await.unwrap();
    v5.close();

    // Opened the way a page load opens it: the format is found old in the
    // first read, the data steps run and everything is read again.
    let (db, workspace) = storage::workspace::open_and_load(name).await.unwrap();
    assert_eq!(db.version().unwrap(), schema::current().version);
    assert_eq!(
        settings::get::<u32>(&db, storage::migrate::DATA_VERSION).await.unwrap(),
        Some(storage::migrate::CURRENT)
    );
    let loaded = book::load_book(&db).await.unwrap();
    assert_eq!(workspace.book, loaded);
    let mut expected = vec![a.clone()];
    expected.append(&mut others);
    expected.sort_by(|x, y| x.id.cmp(&y.id));
    assert_eq!(loaded.accounts, expected, "every account once, in id order");
    assert_eq!(loaded.policies, vec![p.clone()]);
    assert_eq!(count(&db, schema::ACCOUNTS.name).await, 0, "the old store is emptied");
    let pages = count(&db, schema::ACCOUNT_PAGES.name).await;
    assert!(pages > 1 && pages <= 64, "{pages} pages");
    db.close();

    let (db, again) = storage::workspace::open_and_load(name).await.unwrap();
    assert_eq!(again.book, loaded, "opening again changes nothing");
    // A migrated account is edited like any other.
    let mut edited = loaded.accounts[0].clone();
    edited.notes = "Seasonal".into();
    book::save_account(&db, &edited, Some(edited.revision), "t").await.unwrap();
    assert_eq!(book::load_book(&db).await.unwrap().accounts[0].notes, "Seasonal");
    db.close();
}

/// How many values a store holds.
async fn count(db: &rexie::Rexie, store: &str) -> u32 {
    let tx = db.transaction(&[store], rexie::TransactionMode::ReadOnly).unwrap();
    let n = tx.store(store).unwrap().count(None).await.unwrap();
    tx.done().await.unwrap();
    n
}

/// Deleting accounts spread over many pages takes them (and their
/// policies) out of every page they were in, and a page left empty is
/// removed; the others keep theirs.
#[wasm_bindgen_test]
async fn deletes_across_pages_leave_the_rest_whole() {
    let db = fresh("test-page-deletes").await;
    let accounts = numbered("d", 300, Department::Cl);
    let policies: Vec<Policy> = accounts
        .iter()
        .map(|a| {
            let mut p = Policy::new(&format!("{}-p", a.id), &a.id);
            p.revision = 1;
            p
        })
        .collect();
    book::apply_changes(
        &db,
        &ChangeSet { put_accounts: accounts.clone(), put_policies: policies, ..Default::default() },
        "t",
    )
    .await
    .unwrap();
    assert_eq!(count(&db, schema::ACCOUNT_PAGES.name).await, 64);
    let gone: Vec<String> =
        accounts.iter().filter(|a| a.id.ends_with(['0', '1', '2', '3', '4', '5', '6'])).map(|a| a.id.clone()).collect();
    book::apply_changes(&db, &ChangeSet { delete_account_ids: gone.clone(), ..Default::default() }, "t").await.unwrap();
    let loaded = book::load_book(&db).await.unwrap();
    let kept: Vec<&str> = loaded.accounts.iter().map(|a| a.id.as_str()).collect();
    let expected: Vec<&str> =
        accounts.iter().map(|a| a.id.as_str()).filter(|id| !gone.iter().any(|g| g == id)).collect();
    assert_eq!(kept, expected);
    assert_eq!(loaded.policies.len(), expected.len());
    // Everything deleted: every page is removed.
    let rest: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    book::apply_changes(&db, &ChangeSet { delete_account_ids: rest, ..Default::default() }, "t").await.unwrap();
    assert_eq!(count(&db, schema::ACCOUNT_PAGES.name).await, 0);
    assert!(book::load_book(&db).await.unwrap().accounts.is_empty());
    db.close();
}

/// Pages are stored as bytes since data format 7; a page stored as a
/// string before then reads the same, and is stored as bytes once it is
/// written again.
#[wasm_bindgen_test]
async fn a_page_stored_as_text_still_reads_and_is_written_back_as_bytes() {
    use agency_desk::domain::records::AccountRecord;
    use agency_desk::domain::records::pages::{Page, encode, page_of};
    use wasm_bindgen::JsCast;

    let db = fresh("test-page-as-text").await;
    let (a, p) = sample();
    let mut record = AccountRecord::new(a.clone());
    record.policies.push(p.clone());
    let mut page = Page::default();
    page.put(record);
    let id = page_of(&a.id);
    let stored = serde_json::json!({ "id": id, "data": encode(&page).unwrap() });
    let tx = db.transaction(&[schema::ACCOUNT_PAGES.name], rexie::TransactionMode::ReadWrite).unwrap();
    tx.store(schema::ACCOUNT_PAGES.name)
        .unwrap()
        .put(&js_sys::JSON::parse(&stored.to_string()).unwrap(), None)
        .await
        .unwrap();
    tx.done().await.unwrap();
    assert!(stored_data(&db, &id).await.is_string());

    let loaded = book::load_book(&db).await.unwrap();
    assert_eq!((loaded.accounts, loaded.policies), (vec![a.clone()], vec![p.clone()]));
    let mut edited = a.clone();
    edited.notes = "Seasonal".into();
    book::save_account(&db, &edited, Some(a.revision), "t").await.unwrap();
    assert!(stored_data(&db, &id).await.is_instance_of::<js_sys::Uint8Array>(), "written back as bytes");
    let loaded = book::load_book(&db).await.unwrap();
    assert_eq!(loaded.accounts[0].notes, "Seasonal");
    assert_eq!(loaded.policies, vec![p]);
    db.close();
}

/// The `data` of stored page `id`, as the browser holds it.
async fn stored_data(db: &rexie::Rexie, id: &str) -> wasm_bindgen::JsValue {
    let tx = db.transaction(&[schema::ACCOUNT_PAGES.name], rexie::TransactionMode::ReadOnly).unwrap();
    let value = tx.store(schema::ACCOUNT_PAGES.name).unwrap().get(id.into()).await.unwrap().unwrap();
    js_sys::Reflect::get(&value, &"data".into()).unwrap()
}

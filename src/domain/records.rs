//! How the book is kept on disk: one record per account, holding the
//! account and all its policies, and the records grouped into [`pages`],
//! each page one stored value.
//!
//! An account can never be saved without its policies. The in-memory
//! [`Book`] keeps its two flat lists; this module converts between the two
//! shapes and applies a [`ChangeSet`] to stored records.
//!
//! ```
//! use agency_desk::domain::book::{Account, Book, Department, Policy};
//! use agency_desk::domain::records::{book_from_records, records_of};
//! let mut book = Book::default();
//! book.accounts.push(Account::new("a1", "Harbor Bakery", Department::Cl));
//! book.policies.push(Policy::new("p1", "a1"));
//! let records = records_of(&book);
//! assert_eq!(records.len(), 1);
//! let json = serde_json::to_string(&records).unwrap();
//! let back = serde_json::from_str(&json).unwrap();
//! assert_eq!(book_from_records(back), book);
//! ```

pub mod pages;

use super::book::{Account, Book, Department, Policy};
use super::changes::{ChangeSet, PolicyKey};
use pages::Page;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One stored account with its policies. `id` repeats the account's id
/// (it was the object store's key before records were paged).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub id: String,
    pub account: Account,
    #[serde(default)]
    pub policies: Vec<Policy>,
}

impl AccountRecord {
    pub fn new(account: Account) -> Self {
        AccountRecord { id: account.id.clone(), account, policies: Vec::new() }
    }
}

/// The key accounts are listed by on the Book page: the client name in
/// lower case.
pub fn sort_name(client_name: &str) -> String {
    client_name.to_lowercase()
}

/// Every account of `book` as a record to write, in the book's order.
/// Policies whose account is missing are left out; [`group`] is the
/// variant that keeps them.
pub fn records_of(book: &Book) -> Vec<AccountRecord> {
    let mut by_account: HashMap<&str, Vec<Policy>> = HashMap::new();
    for p in &book.policies {
        by_account.entry(p.account_id.as_str()).or_default().push(p.clone());
    }
    book.accounts
        .iter()
        .map(|a| AccountRecord {
            id: a.id.clone(),
            account: a.clone(),
            policies: by_account.remove(a.id.as_str()).unwrap_or_default(),
        })
        .collect()
}

/// The in-memory book from stored records (accounts in stored order, each
/// account's policies after the previous account's).
pub fn book_from_records(records: Vec<AccountRecord>) -> Book {
    let mut book = Book { accounts: Vec::with_capacity(records.len()), policies: Vec::new() };
    for r in records {
        book.accounts.push(r.account);
        book.policies.extend(r.policies);
    }
    book
}

/// The id and client name of the account that collects policies whose
/// account record is missing, so that no policy is dropped when records
/// are regrouped.
pub const ORPHANS_ID: &str = "policies-without-account";
pub const ORPHANS_NAME: &str = "Policies without an account";

/// Groups flat accounts and policies (how schema version 2 kept them) into
/// records. A policy whose account does not exist goes to one extra
/// account, [`ORPHANS_NAME`], where the user can see and move it.
pub fn group(accounts: Vec<Account>, policies: Vec<Policy>) -> Vec<AccountRecord> {
    let mut position: HashMap<String, usize> = HashMap::new();
    let mut records: Vec<AccountRecord> = Vec::with_capacity(accounts.len());
    for a in accounts {
        position.insert(a.id.clone(), records.len());
        records.push(AccountRecord::new(a));
    }
    for mut p in policies {
        let at = match position.get(&p.account_id) {
            Some(&i) => i,
            None => {
                let i = *position.entry(ORPHANS_ID.to_string()).or_insert_with(|| {
                    let mut a = Account::new(ORPHANS_ID, ORPHANS_NAME, Department::Cl);
                    a.notes = "Created when the saved data was upgraded: these policies referred to an account that no longer existed.".into();
                    a.revision = 1;
                    records.push(AccountRecord::new(a));
                    records.len() - 1
                });
                p.account_id = ORPHANS_ID.to_string();
                i
            }
        };
        records[at].policies.push(p);
    }
    records
}

/// Records to put on their pages and accounts to take off them
/// ([`pages::write_into`]): a whole book written anew, for one.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RecordWrites {
    pub put: Vec<AccountRecord>,
    pub delete: Vec<String>,
}

/// The part of a change set that falls on one page: the changes to the
/// accounts stored there, each list in the change set's order. A change
/// set is written a page at a time ([`shares_by_page`], [`apply_share`]),
/// so that a big one can be worked on in short slices.
#[derive(Debug, Default)]
pub struct PageShare<'a> {
    pub put_accounts: Vec<&'a Account>,
    pub put_policies: Vec<&'a Policy>,
    pub delete_account_ids: Vec<&'a str>,
    pub delete_policies: Vec<&'a PolicyKey>,
}

impl PageShare<'_> {
    pub fn is_empty(&self) -> bool {
        self.put_accounts.is_empty()
            && self.put_policies.is_empty()
            && self.delete_account_ids.is_empty()
            && self.delete_policies.is_empty()
    }

    /// The accounts whose records this share reads or writes, each once,
    /// in id order.
    pub fn accounts(&self) -> BTreeSet<&str> {
        let mut ids = BTreeSet::new();
        ids.extend(self.put_accounts.iter().map(|a| a.id.as_str()));
        ids.extend(self.put_policies.iter().map(|p| p.account_id.as_str()));
        ids.extend(self.delete_policies.iter().map(|k| k.account_id.as_str()));
        ids.extend(self.delete_account_ids.iter().copied());
        ids
    }
}

/// `changes` split by the page each change's account lives on: only the
/// pages it touches, by page id.
pub fn shares_by_page(changes: &ChangeSet) -> BTreeMap<String, PageShare<'_>> {
    let mut shares: Vec<PageShare> = (0..pages::PAGE_COUNT).map(|_| PageShare::default()).collect();
    let at = |id: &str| pages::page_number(id) as usize;
    for a in &changes.put_accounts {
        shares[at(&a.id)].put_accounts.push(a);
    }
    for p in &changes.put_policies {
        shares[at(&p.account_id)].put_policies.push(p);
    }
    for id in &changes.delete_account_ids {
        shares[at(id)].delete_account_ids.push(id);
    }
    for k in &changes.delete_policies {
        shares[at(&k.account_id)].delete_policies.push(k);
    }
    shares
        .into_iter()
        .enumerate()
        .filter(|(_, share)| !share.is_empty())
        .map(|(n, share)| (pages::page_name(n as u32), share))
        .collect()
}

/// Applies a page's share of a change set to the page's stored records.
/// Deletions come first, then account puts, then policy puts: the order
/// [`crate::domain::changes::apply`] uses in memory. Returns whether the
/// page changed. A policy for an account that exists neither in storage
/// nor in the change set is an error: it would have nowhere to live.
pub fn apply_share(page: &mut Page, share: &PageShare) -> Result<bool, String> {
    let records = &mut page.0;
    let mut changed = false;
    for key in &share.delete_policies {
        if let Some(r) = records.get_mut(&key.account_id) {
            r.policies.retain(|p| p.id != key.policy_id);
            changed = true;
        }
    }
    for id in &share.delete_account_ids {
        changed |= records.remove(*id).is_some();
    }
    for a in &share.put_accounts {
        match records.get_mut(&a.id) {
            Some(r) => r.account = (*a).clone(),
            None => {
                records.insert(a.id.clone(), AccountRecord::new((*a).clone()));
            }
        }
        changed = true;
    }
    for p in &share.put_policies {
        let Some(r) = records.get_mut(&p.account_id) else {
            let number =
                if p.policy_number.is_empty() { "without a number".to_string() } else { p.policy_number.clone() };
            return Err(format!(
                "policy {number} belongs to an account that no longer exists (deleted in another tab?)"
            ));
        };
        match r.policies.iter_mut().find(|x| x.id == p.id) {
            Some(slot) => *slot = (*p).clone(),
            None => r.policies.push((*p).clone()),
        }
        changed = true;
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::changes::{PolicyKey, apply};

    fn account(id: &str) -> Account {
        let mut a = Account::new(id, &format!("Client {id}"), Department::Cl);
        a.revision = 1;
        a
    }

    fn policy(id: &str, account: &str) -> Policy {
        let mut p = Policy::new(id, account);
        p.policy_number = format!("N-{id}");
        p.revision = 1;
        p
    }

    /// `book` as stored: its records on their pages.
    fn stored(book: &Book) -> HashMap<String, Page> {
        let json = serde_json::to_string(&records_of(book)).unwrap();
        let records: Vec<AccountRecord> = serde_json::from_str(&json).unwrap();
        let mut pages = HashMap::new();
        pages::write_into(&mut pages, RecordWrites { put: records, delete: Vec::new() });
        pages
    }

    /// Applies `changes` on disk (page by page) and in memory and checks
    /// that both agree.
    fn both_ways(book: &Book, changes: &ChangeSet) -> Book {
        let mut stored = stored(book);
        for (id, share) in shares_by_page(changes) {
            let page = stored.entry(id.clone()).or_default();
            let before = page.clone();
            let changed = apply_share(page, &share).unwrap();
            assert!(changed || *page == before, "page {id} changed unreported");
            for account in share.accounts() {
                assert_eq!(pages::page_of(account), id);
            }
        }
        let mut on_disk = book_from_records(stored.into_values().flat_map(|p| p.0.into_values()).collect());
        let mut in_memory = book.clone();
        apply(&mut in_memory, changes.clone());
        for b in [&mut on_disk, &mut in_memory] {
            b.accounts.sort_by(|x, y| x.id.cmp(&y.id));
            b.policies.sort_by(|x, y| x.id.cmp(&y.id));
        }
        assert_eq!(on_disk, in_memory);
        on_disk
    }

    fn sample() -> Book {
        Book {
            accounts: vec![account("a1"), account("a2")],
            policies: vec![policy("p1", "a1"), policy("p2", "a1"), policy("p3", "a2")],
        }
    }

    #[test]
    fn records_round_trip_the_book() {
        let book = sample();
        let json = serde_json::to_string(&records_of(&book)).unwrap();
        let back = book_from_records(serde_json::from_str(&json).unwrap());
        assert_eq!(back, book);
    }

    #[test]
    fn grouping_keeps_policies_whose_account_is_missing() {
        let records = group(vec![account("a1")], vec![policy("p1", "a1"), policy("p9", "gone"), policy("p8", "gone2")]);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].policies.len(), 1);
        assert_eq!(records[1].account.client_name, ORPHANS_NAME);
        let moved: Vec<_> = records[1].policies.iter().map(|p| (p.id.as_str(), p.account_id.as_str())).collect();
        assert_eq!(moved, vec![("p9", ORPHANS_ID), ("p8", ORPHANS_ID)]);
    }

    #[test]
    fn editing_a_policy_rewrites_only_its_account() {
        let book = sample();
        let mut edited = policy("p2", "a1");
        edited.commission = 99_00;
        let changes = ChangeSet { put_policies: vec![edited], ..Default::default() };
        let shares = shares_by_page(&changes);
        assert_eq!(shares.keys().collect::<Vec<_>>(), [&pages::page_of("a1")]);
        assert_eq!(shares[&pages::page_of("a1")].accounts().into_iter().collect::<Vec<_>>(), ["a1"]);
        let after = both_ways(&book, &changes);
        assert_eq!(after.policies.iter().find(|p| p.id == "p2").unwrap().commission, 99_00);
        assert_eq!(after.policies.len(), 3);
    }

    #[test]
    fn deleting_an_account_takes_its_policies_and_undo_brings_them_back() {
        let book = sample();
        let delete = ChangeSet { delete_account_ids: vec!["a1".into()], ..Default::default() };
        let after = both_ways(&book, &delete);
        assert_eq!(after.accounts.len(), 1);
        assert_eq!(after.policies.len(), 1);
        let undo = ChangeSet {
            put_accounts: vec![account("a1")],
            put_policies: vec![policy("p1", "a1"), policy("p2", "a1")],
            ..Default::default()
        };
        let restored = both_ways(&after, &undo);
        assert_eq!(restored.policies.len(), 3);
    }

    #[test]
    fn a_policy_moving_to_another_account_leaves_the_old_one() {
        let book = sample();
        let changes = ChangeSet {
            put_policies: vec![policy("p1", "a2")],
            delete_policies: vec![PolicyKey { account_id: "a1".into(), policy_id: "p1".into() }],
            ..Default::default()
        };
        let after = both_ways(&book, &changes);
        assert_eq!(after.policies.iter().find(|p| p.id == "p1").unwrap().account_id, "a2");
        assert_eq!(after.policies.len(), 3);
    }

    #[test]
    fn a_policy_for_a_missing_account_is_refused() {
        let changes = ChangeSet { put_policies: vec![policy("p1", "nowhere")], ..Default::default() };
        let share = shares_by_page(&changes).into_values().next().unwrap();
        let err = apply_share(&mut Page::default(), &share).unwrap_err();
        assert!(err.contains("N-p1"), "{err}");
    }

    #[test]
    fn an_account_deleted_and_put_again_in_one_set_is_kept() {
        let book = sample();
        let changes = ChangeSet {
            delete_account_ids: vec!["a2".into()],
            put_accounts: vec![account("a2")],
            ..Default::default()
        };
        let after = both_ways(&book, &changes);
        assert_eq!(after.accounts.len(), 2);
        // Its policies went with the delete; the put brings back only the account.
        assert_eq!(after.policies.len(), 2);
    }

    /// A change set over many pages, worked a page at a time, does to the
    /// stored book what it does in memory.
    #[test]
    fn a_change_set_over_many_pages_applies_page_by_page() {
        let mut book = Book::default();
        for i in 0..300 {
            book.accounts.push(account(&format!("a{i}")));
            book.policies.push(policy(&format!("p{i}"), &format!("a{i}")));
        }
        let mut changes = ChangeSet::default();
        for i in 0..300 {
            match i % 5 {
                0 => changes.delete_account_ids.push(format!("a{i}")),
                1 => {
                    changes.delete_policies.push(PolicyKey { account_id: format!("a{i}"), policy_id: format!("p{i}") })
                }
                2 => {
                    let mut p = policy(&format!("p{i}"), &format!("a{i}"));
                    p.commission = 7_00;
                    changes.put_policies.push(p);
                }
                3 => changes.put_policies.push(policy(&format!("extra{i}"), &format!("a{i}"))),
                _ => {}
            }
        }
        for i in 300..400 {
            changes.put_accounts.push(account(&format!("a{i}")));
            changes.put_policies.push(policy(&format!("p{i}"), &format!("a{i}")));
        }
        let shares = shares_by_page(&changes);
        assert!(shares.len() > 40, "spread over {} pages", shares.len());
        let after = both_ways(&book, &changes);
        assert_eq!(after.accounts.len(), 300 - 60 + 100);
        assert_eq!(after.policies.len(), 300 - 60 - 60 + 60 + 100);
    }

    #[test]
    fn a_record_reads_back_as_written() {
        let mut book = Book::default();
        book.accounts.push(Account::new("a1", "Éclair Bakery", Department::Cl));
        book.policies.push(Policy::new("p1", "a1"));
        let json = serde_json::to_value(&records_of(&book)[0]).unwrap();
        let owned: AccountRecord = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&owned).unwrap(), json);
        assert_eq!(owned.account.client_name, "Éclair Bakery");
    }

    /// Records written by data format 4 carry `sort_name`; it is ignored.
    #[test]
    fn a_record_with_the_old_sort_key_still_reads() {
        let text = r#"{"id":"a1","sort_name":"harbor","account":{"id":"a1","client_name":"Harbor","department":"CL"},"policies":[]}"#;
        let r: AccountRecord = serde_json::from_str(text).unwrap();
        assert_eq!((r.id.as_str(), r.account.client_name.as_str()), ("a1", "Harbor"));
    }
}

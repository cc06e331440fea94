//! A set of record changes written in one transaction, and its in-memory
//! apply: every write of the book (import, edit, delete, undo, renewal
//! outcome) is one [`ChangeSet`], so storage and the pages' copy of the
//! book change the same way.

use crate::domain::book::{Account, Book, Policy};
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

/// Records to write in one transaction. Deletions apply first, then puts;
/// deleting an account deletes its policies too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    pub put_accounts: Vec<Account>,
    pub put_policies: Vec<Policy>,
    pub delete_account_ids: Vec<String>,
    pub delete_policies: Vec<PolicyKey>,
    /// Set the workspace's tracking start to this date if it has none yet
    /// (an import or the first account entered: see
    /// [`crate::domain::renewals::board::Tracking`]).
    pub tracking_start: Option<chrono::NaiveDate>,
}

/// A policy and the account it is stored under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyKey {
    pub account_id: String,
    pub policy_id: String,
}

impl PolicyKey {
    pub fn of(p: &Policy) -> Self {
        PolicyKey { account_id: p.account_id.clone(), policy_id: p.id.clone() }
    }
}

/// Applies a change set to an in-memory book (what storage does on disk),
/// in time proportional to the book plus the changes. The change set's
/// records move into the book.
pub fn apply(book: &mut Book, changes: ChangeSet) {
    use rustc_hash::FxHashSet as HashSet;
    if !changes.delete_account_ids.is_empty() {
        let gone: HashSet<&str> = changes.delete_account_ids.iter().map(String::as_str).collect();
        book.accounts.retain(|a| !gone.contains(a.id.as_str()));
        book.policies.retain(|p| !gone.contains(p.account_id.as_str()));
    }
    if !changes.delete_policies.is_empty() {
        let gone: HashSet<(&str, &str)> =
            changes.delete_policies.iter().map(|k| (k.account_id.as_str(), k.policy_id.as_str())).collect();
        book.policies.retain(|p| !gone.contains(&(p.account_id.as_str(), p.id.as_str())));
    }
    upsert(&mut book.accounts, changes.put_accounts, |a| &a.id);
    upsert(&mut book.policies, changes.put_policies, |p| &p.id);
}

/// Puts each of `puts` into `list`: over the item with the same id, or at
/// the end. When an id is put twice the last copy wins, at the place of
/// the first. Only the puts' ids are indexed, borrowed, so a big import
/// into a big book clones no id and searches no list.
fn upsert<T>(list: &mut Vec<T>, puts: Vec<T>, id: impl Fn(&T) -> &String) {
    if puts.is_empty() {
        return;
    }
    // The first copy of each id, and for each first copy the last.
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    first.reserve(puts.len());
    let mut last: Vec<usize> = (0..puts.len()).collect();
    let mut new = vec![false; puts.len()];
    for (i, item) in puts.iter().enumerate() {
        match first.entry(id(item)) {
            Entry::Occupied(f) => last[*f.get()] = i,
            Entry::Vacant(f) => {
                f.insert(i);
                new[i] = true;
            }
        }
    }
    let twice = first.len() < puts.len();
    // Where in the list each id put already is: its last copy there,
    // should the list hold one twice.
    let mut at_of: Vec<Option<usize>> = vec![None; puts.len()];
    for (at, slot) in list.iter().enumerate() {
        if let Some(&f) = first.get(id(slot).as_str()) {
            at_of[f] = Some(at);
            new[f] = false;
        }
    }
    drop(first);
    if !twice {
        // Every id once (an import, a form's save): each put moves once,
        // over its item or onto the end, in order; into an empty list (a
        // first import) the puts become the list, and nothing moves.
        if list.is_empty() {
            *list = puts;
            return;
        }
        list.reserve(new.iter().filter(|&&n| n).count());
        for (item, at) in puts.into_iter().zip(at_of) {
            match at {
                Some(at) => list[at] = item,
                None => list.push(item),
            }
        }
        return;
    }
    // Where each put goes: over list items (list position, put), or after
    // them (puts in order); each put given is the last copy of its id.
    let over: Vec<(usize, usize)> = at_of.iter().enumerate().filter_map(|(f, at)| at.map(|at| (at, last[f]))).collect();
    let after: Vec<usize> = (0..puts.len()).filter(|&f| new[f]).map(|f| last[f]).collect();
    let mut puts: Vec<Option<T>> = puts.into_iter().map(Some).collect();
    for (at, i) in over {
        if let Some(item) = puts[i].take() {
            list[at] = item;
        }
    }
    list.reserve(after.len());
    list.extend(after.into_iter().filter_map(|i| puts[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::Department;

    fn policy(id: &str, commission: i64) -> Policy {
        let mut p = Policy::new(id, "a1");
        p.commission = commission;
        p
    }

    fn listed(book: &Book) -> Vec<(&str, i64)> {
        book.policies.iter().map(|p| (p.id.as_str(), p.commission)).collect()
    }

    #[test]
    fn puts_replace_in_place_and_new_ones_follow_in_order() {
        let mut book = Book {
            accounts: vec![Account::new("a1", "Harbor Bakery", Department::Cl)],
            policies: vec![policy("p1", 1), policy("p2", 2), policy("p3", 3)],
        };
        let changes = ChangeSet {
            put_policies: vec![
                policy("p9", 90),
                policy("p2", 20),
                policy("p5", 50),
                policy("p9", 99),
                policy("p2", 22),
            ],
            delete_policies: vec![PolicyKey { account_id: "a1".into(), policy_id: "p3".into() }],
            ..Default::default()
        };
        apply(&mut book, changes);
        // p2 replaced where it was (its last copy), p3 gone, p9 added where
        // it was first put, with its last copy.
        assert_eq!(listed(&book), [("p1", 1), ("p2", 22), ("p9", 99), ("p5", 50)]);
    }

    /// Each id put once: replaced in place, new ones after, in order (the
    /// path an import or a form's save takes).
    #[test]
    fn puts_of_distinct_ids_replace_in_place_and_follow_in_order() {
        let mut book = Book { accounts: Vec::new(), policies: vec![policy("p1", 1), policy("p2", 2), policy("p3", 3)] };
        let puts = vec![policy("p7", 70), policy("p3", 30), policy("p5", 50), policy("p1", 10)];
        apply(&mut book, ChangeSet { put_policies: puts, ..Default::default() });
        assert_eq!(listed(&book), [("p1", 10), ("p2", 2), ("p3", 30), ("p7", 70), ("p5", 50)]);
    }

    /// Into an empty list the puts become the list as given, but an id put
    /// twice is still listed once, with its last copy.
    #[test]
    fn puts_into_an_empty_list_keep_their_order_and_one_copy_of_each_id() {
        let mut book = Book::default();
        let puts = vec![policy("b", 1), policy("a", 2), policy("c", 3)];
        apply(&mut book, ChangeSet { put_policies: puts, ..Default::default() });
        assert_eq!(listed(&book), [("b", 1), ("a", 2), ("c", 3)]);
        let mut book = Book::default();
        let puts = vec![policy("b", 1), policy("a", 2), policy("b", 3)];
        apply(&mut book, ChangeSet { put_policies: puts, ..Default::default() });
        assert_eq!(listed(&book), [("b", 3), ("a", 2)]);
    }

    /// A list holding an id twice (a policy stored under two accounts) has
    /// its last copy replaced, as it always had.
    #[test]
    fn an_id_listed_twice_has_its_last_copy_replaced() {
        let mut book = Book { accounts: Vec::new(), policies: vec![policy("x", 1), policy("y", 2), policy("x", 3)] };
        apply(&mut book, ChangeSet { put_policies: vec![policy("x", 9)], ..Default::default() });
        assert_eq!(listed(&book), [("x", 1), ("y", 2), ("x", 9)]);
    }

    #[test]
    fn deleting_an_account_takes_its_policies_before_the_puts() {
        let mut book = Book {
            accounts: vec![
                Account::new("a1", "Harbor Bakery", Department::Cl),
                Account::new("a2", "Pier", Department::Pl),
            ],
            policies: vec![policy("p1", 1), Policy::new("q1", "a2")],
        };
        let changes = ChangeSet {
            delete_account_ids: vec!["a1".into()],
            put_accounts: vec![Account::new("a1", "Harbor Bakery Inc", Department::Cl)],
            ..Default::default()
        };
        apply(&mut book, changes);
        let accounts: Vec<_> = book.accounts.iter().map(|a| (a.id.as_str(), a.client_name.as_str())).collect();
        assert_eq!(accounts, [("a2", "Pier"), ("a1", "Harbor Bakery Inc")]);
        assert_eq!(book.policies.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["q1"]);
    }
}

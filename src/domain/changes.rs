//! A set of record changes written in one transaction, and its in-memory
//! apply: every write of the book (import, edit, delete, undo, renewal
//! outcome) is one [`ChangeSet`], so storage and the pages' copy of the
//! book change the same way.

use crate::domain::book::{Account, Book, Policy};
use std::collections::HashMap;

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
/// in time proportional to the book plus the changes.
pub fn apply(book: &mut Book, changes: &ChangeSet) {
    use std::collections::HashSet;
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
    upsert(&mut book.accounts, &changes.put_accounts, |a| a.id.clone());
    upsert(&mut book.policies, &changes.put_policies, |p| p.id.clone());
}

fn upsert<T: Clone>(list: &mut Vec<T>, puts: &[T], id: impl Fn(&T) -> String) {
    if puts.is_empty() {
        return;
    }
    let mut position: HashMap<String, usize> = list.iter().enumerate().map(|(i, x)| (id(x), i)).collect();
    for item in puts {
        match position.get(&id(item)) {
            Some(&i) => list[i] = item.clone(),
            None => {
                position.insert(id(item), list.len());
                list.push(item.clone());
            }
        }
    }
}

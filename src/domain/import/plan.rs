//! Turning an accepted import into the records to write.

use super::preview::{ImportedAccount, ImportedPolicy, Preview};
use crate::domain::book::{Account, Book, Policy, code_key, codes_tell_apart, name_key};
use crate::domain::changes::{ChangeSet, PolicyKey};
use std::collections::HashMap;

/// What to do with the existing book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Keep the book; update policies with the same policy number, else
    /// accounts with the same client name; add the rest.
    Merge,
    /// Remove every account and policy first; the file becomes the book.
    Replace,
}

/// Counts for the confirmation message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlanSummary {
    pub new_accounts: usize,
    pub updated_accounts: usize,
    pub new_policies: usize,
    pub updated_policies: usize,
    pub removed_accounts: usize,
    pub removed_policies: usize,
}

impl PlanSummary {
    /// One sentence for the user.
    pub fn describe(&self) -> String {
        let mut parts = vec![
            format!("{} new and {} updated accounts", self.new_accounts, self.updated_accounts),
            format!("{} new and {} updated policies", self.new_policies, self.updated_policies),
        ];
        if self.removed_accounts + self.removed_policies > 0 {
            parts.push(format!("{} accounts and {} policies removed", self.removed_accounts, self.removed_policies));
        }
        parts.join("; ")
    }
}

/// Plans the writes. `new_id` makes ids for new records; `now` stamps them.
pub fn plan(
    preview: &Preview,
    book: &Book,
    mode: ImportMode,
    new_id: &mut dyn FnMut() -> String,
    now: &str,
) -> (ChangeSet, PlanSummary) {
    let mut changes = ChangeSet::default();
    let mut summary = PlanSummary::default();
    let empty = Book::default();
    let base = match mode {
        ImportMode::Merge => book,
        ImportMode::Replace => {
            changes.delete_account_ids = book.accounts.iter().map(|a| a.id.clone()).collect();
            summary.removed_accounts = book.accounts.len();
            summary.removed_policies = book.policies.len();
            &empty
        }
    };
    let mut accounts_by_name: HashMap<String, &Account> = HashMap::new();
    for a in &base.accounts {
        accounts_by_name.entry(name_key(&a.client_name)).or_insert(a);
    }
    let accounts_by_code: HashMap<String, &Account> = base
        .accounts
        .iter()
        .filter(|a| !a.account_code.trim().is_empty())
        .map(|a| (code_key(&a.account_code), a))
        .collect();
    // An account with a code is found by it; else by name, unless the named
    // account carries a different code (another client of the same name).
    let find = |imported: &ImportedAccount| -> Option<&Account> {
        let code = code_key(&imported.account_code);
        if let Some(a) = (!code.is_empty()).then(|| accounts_by_code.get(&code)).flatten() {
            return Some(a);
        }
        accounts_by_name
            .get(&name_key(&imported.client_name))
            .copied()
            .filter(|a| !codes_tell_apart(&imported.account_code, &a.account_code))
    };
    let policies_by_number: HashMap<String, &Policy> = base
        .policies
        .iter()
        .filter(|p| !p.policy_number.trim().is_empty())
        .map(|p| (p.policy_number.trim().to_lowercase(), p))
        .collect();

    changes.put_accounts.reserve(preview.accounts.len());
    changes.put_policies.reserve(preview.accounts.iter().map(|a| a.policies.len()).sum());
    for imported in &preview.accounts {
        let account = match find(imported) {
            Some(existing) => {
                summary.updated_accounts += 1;
                merged_account(existing, imported, now)
            }
            None => {
                summary.new_accounts += 1;
                new_account(new_id(), imported, now)
            }
        };
        for p in &imported.policies {
            let key = p.policy_number.trim().to_lowercase();
            let policy = match (!key.is_empty()).then(|| policies_by_number.get(&key)).flatten() {
                Some(existing) => {
                    summary.updated_policies += 1;
                    if existing.account_id != account.id {
                        // The file lists it under another client: it moves.
                        changes.delete_policies.push(PolicyKey::of(existing));
                    }
                    merged_policy(existing, &account.id, p, now)
                }
                None => {
                    summary.new_policies += 1;
                    merged_policy(&Policy::new(&new_id(), &account.id), &account.id, p, now)
                }
            };
            changes.put_policies.push(policy);
        }
        changes.put_accounts.push(account);
    }
    (changes, summary)
}

fn new_account(id: String, imported: &ImportedAccount, now: &str) -> Account {
    let mut a = Account::new(&id, &imported.client_name, imported.department.clone());
    a.account_code = imported.account_code.clone();
    a.producer = imported.producer.clone();
    a.client_manager = imported.client_manager.clone();
    a.client_advocate = imported.client_advocate.clone();
    a.notes = imported.notes.clone();
    a.account_revenue = imported.account_revenue;
    a.activity = imported.activity.clone();
    a.revision = 1;
    a.updated_at = now.to_string();
    a
}

/// The file's values win where the file has them; blanks keep what was there.
fn merged_account(existing: &Account, imported: &ImportedAccount, now: &str) -> Account {
    let pick = |new: &str, old: &str| if new.is_empty() { old.to_string() } else { new.to_string() };
    Account {
        id: existing.id.clone(),
        client_name: existing.client_name.clone(),
        account_code: pick(&imported.account_code, &existing.account_code),
        department: imported.department.clone(),
        producer: pick(&imported.producer, &existing.producer),
        client_manager: pick(&imported.client_manager, &existing.client_manager),
        client_advocate: pick(&imported.client_advocate, &existing.client_advocate),
        notes: pick(&imported.notes, &existing.notes),
        account_revenue: imported.account_revenue.or(existing.account_revenue),
        // Counts the file gives replace the stored ones; others are kept.
        activity: {
            let mut counts = existing.activity.clone();
            counts.extend(imported.activity.iter().map(|(k, n)| (*k, *n)));
            counts
        },
        revision: existing.revision + 1,
        updated_at: now.to_string(),
    }
}

fn merged_policy(existing: &Policy, account_id: &str, p: &ImportedPolicy, now: &str) -> Policy {
    let pick = |new: &str, old: &str| if new.is_empty() { old.to_string() } else { new.to_string() };
    Policy {
        id: existing.id.clone(),
        account_id: account_id.to_string(),
        policy_number: pick(&p.policy_number, &existing.policy_number),
        line_of_business: pick(&p.line_of_business, &existing.line_of_business),
        carrier: pick(&p.carrier, &existing.carrier),
        effective: p.effective.or(existing.effective),
        expiration: p.expiration.or(existing.expiration),
        premium: p.premium.unwrap_or(existing.premium),
        commission: p.commission.unwrap_or(existing.commission),
        excess_surplus: p.excess_surplus.unwrap_or(existing.excess_surplus),
        bill_type: p.bill_type.unwrap_or(existing.bill_type),
        status: p.status.unwrap_or(existing.status),
        terms: existing.terms.clone(),
        revision: existing.revision + 1,
        updated_at: now.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{mapping::auto_map, preview::preview, table::read_csv};
    use super::*;
    use crate::domain::book::Department;
    use crate::domain::changes::apply;

    fn ids() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("id{n}")
        }
    }

    fn import(book: &mut Book, csv: &str, mode: ImportMode, next: &mut dyn FnMut() -> String) -> PlanSummary {
        let t = read_csv(csv.as_bytes()).unwrap();
        let p = preview(&t, &auto_map(&t.headers), &Department::Cl);
        let (changes, summary) = plan(&p, book, mode, next, "2026-11-22T00:00:00Z");
        apply(book, changes);
        summary
    }

    const FILE: &str = "Client,Policy Number,Commission,CSR\nAcme,P-1,100,Ann\nAcme,P-2,50,\nBeta,P-3,10,\n";

    #[test]
    fn merging_the_same_file_twice_changes_nothing_but_revisions() {
        let mut next = ids();
        let mut book = Book::default();
        let first = import(&mut book, FILE, ImportMode::Merge, &mut next);
        assert_eq!((first.new_accounts, first.new_policies), (2, 3));
        let snapshot = book.clone();
        let second = import(&mut book, FILE, ImportMode::Merge, &mut next);
        assert_eq!(
            (second.new_accounts, second.updated_accounts, second.new_policies, second.updated_policies),
            (0, 2, 0, 3)
        );
        assert_eq!(book.accounts.len(), 2);
        assert_eq!(book.policies.len(), 3);
        for (a, b) in book.policies.iter().zip(&snapshot.policies) {
            assert_eq!((&a.id, a.commission, a.revision), (&b.id, b.commission, b.revision + 1));
        }
    }

    #[test]
    fn merge_matches_policy_numbers_then_client_names() {
        let mut next = ids();
        let mut book = Book::default();
        import(&mut book, FILE, ImportMode::Merge, &mut next);
        // P-3 moves to Acme with a new commission; P-9 is new on existing Beta.
        import(&mut book, "Client,Policy Number,Commission\nacme,p-3,99\nBETA,P-9,5\n", ImportMode::Merge, &mut next);
        let idx = book.index();
        let acme = book.account_by_name("Acme").unwrap();
        let beta = book.account_by_name("Beta").unwrap();
        assert_eq!(idx.revenue(&acme.id), 100 * 100 + 50 * 100 + 99 * 100);
        assert_eq!(idx.revenue(&beta.id), 500);
        assert_eq!(book.accounts.len(), 2);
        assert_eq!(acme.client_manager, "Ann", "a blank cell keeps the old value");
    }

    #[test]
    fn replace_makes_the_file_the_book() {
        let mut next = ids();
        let mut book = Book::default();
        import(&mut book, FILE, ImportMode::Merge, &mut next);
        let s = import(&mut book, "Client,Commission\nGamma,7\n", ImportMode::Replace, &mut next);
        assert_eq!((s.removed_accounts, s.removed_policies, s.new_accounts), (2, 3, 1));
        assert_eq!(book.accounts.len(), 1);
        assert!(book.policies.is_empty());
        assert!(s.describe().contains("2 accounts and 3 policies removed"));
    }
}

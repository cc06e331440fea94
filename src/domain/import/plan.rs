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
    Planning::new(preview, book, mode, new_id, now).finish()
}

/// [`plan`] worked out a slice at a time, for a page that lets the browser
/// draw between slices (a file of 200,000 policies takes a fifth of a
/// second to plan).
///
/// ```
/// use agency_desk::domain::book::{Book, Department};
/// use agency_desk::domain::import::plan::{ImportMode, Planning};
/// use agency_desk::domain::import::{mapping::auto_map, preview::preview, table::read_csv};
/// let table = read_csv(b"Client,Policy Number,Commission\nAcme,P-1,100\n").unwrap();
/// let file = preview(&table, &auto_map(&table.headers), &Department::Cl);
/// let book = Book::default();
/// let mut n = 0;
/// let mut new_id = || { n += 1; format!("id{n}") };
/// let mut work = Planning::new(&file, &book, ImportMode::Merge, &mut new_id, "2026-12-07T00:00:00Z");
/// while !work.step(1) {}
/// let (changes, summary) = work.finish();
/// assert_eq!((changes.put_accounts.len(), summary.new_policies), (1, 1));
/// ```
pub struct Planning<'a> {
    preview: &'a Preview,
    /// The accounts and policies the file is merged into (none when it
    /// replaces the book).
    base: (&'a [Account], &'a [Policy]),
    new_id: &'a mut dyn FnMut() -> String,
    now: &'a str,
    stage: Stage,
    accounts_by_name: HashMap<String, &'a Account>,
    accounts_by_code: HashMap<String, &'a Account>,
    policies_by_number: HashMap<String, &'a Policy>,
    changes: ChangeSet,
    summary: PlanSummary,
}

/// How far planning is: the book's accounts, then its policies, are
/// indexed; then the file's accounts are planned.
#[derive(Clone, Copy)]
enum Stage {
    Accounts(usize),
    Policies(usize),
    File(usize),
}

impl<'a> Planning<'a> {
    pub fn new(
        preview: &'a Preview,
        book: &'a Book,
        mode: ImportMode,
        new_id: &'a mut dyn FnMut() -> String,
        now: &'a str,
    ) -> Planning<'a> {
        let mut changes = ChangeSet::default();
        let mut summary = PlanSummary::default();
        let base: (&[Account], &[Policy]) = match mode {
            ImportMode::Merge => (&book.accounts, &book.policies),
            ImportMode::Replace => {
                changes.delete_account_ids = book.accounts.iter().map(|a| a.id.clone()).collect();
                summary.removed_accounts = book.accounts.len();
                summary.removed_policies = book.policies.len();
                (&[], &[])
            }
        };
        changes.put_accounts.reserve(preview.accounts.len());
        changes.put_policies.reserve(preview.accounts.iter().map(|a| a.policies.len()).sum());
        Planning {
            preview,
            base,
            new_id,
            now,
            stage: Stage::Accounts(0),
            accounts_by_name: HashMap::new(),
            accounts_by_code: HashMap::new(),
            policies_by_number: HashMap::new(),
            changes,
            summary,
        }
    }

    /// Does up to about `budget` more units of work (a stored account or
    /// policy indexed, a file's account planned with its policies); true
    /// once the plan is done.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut left = budget.max(1);
        loop {
            match self.stage {
                Stage::Accounts(done) => {
                    let end = done.saturating_add(left).min(self.base.0.len());
                    for a in &self.base.0[done..end] {
                        self.accounts_by_name.entry(name_key(&a.client_name)).or_insert(a);
                        if !a.account_code.trim().is_empty() {
                            self.accounts_by_code.insert(code_key(&a.account_code), a);
                        }
                    }
                    left -= end - done;
                    self.stage = if end == self.base.0.len() { Stage::Policies(0) } else { Stage::Accounts(end) };
                }
                Stage::Policies(done) => {
                    let end = done.saturating_add(left).min(self.base.1.len());
                    for p in &self.base.1[done..end] {
                        if !p.policy_number.trim().is_empty() {
                            self.policies_by_number.insert(p.policy_number.trim().to_lowercase(), p);
                        }
                    }
                    left -= end - done;
                    self.stage = if end == self.base.1.len() { Stage::File(0) } else { Stage::Policies(end) };
                }
                Stage::File(mut done) => {
                    let accounts = &self.preview.accounts;
                    while done < accounts.len() && left > 0 {
                        self.plan_account(&accounts[done]);
                        left = left.saturating_sub(1 + accounts[done].policies.len());
                        done += 1;
                    }
                    self.stage = Stage::File(done);
                    return done == accounts.len();
                }
            }
            if left == 0 {
                return false;
            }
        }
    }

    /// The changes to write and their counts, with whatever
    /// [`Planning::step`] left undone done first.
    pub fn finish(mut self) -> (ChangeSet, PlanSummary) {
        while !self.step(usize::MAX) {}
        (self.changes, self.summary)
    }

    /// An account of the file found in the book: by its code if it has
    /// one; else by name, unless the named account carries a different
    /// code (another client of the same name).
    fn find(&self, imported: &ImportedAccount) -> Option<&'a Account> {
        let code = code_key(&imported.account_code);
        if let Some(a) = (!code.is_empty()).then(|| self.accounts_by_code.get(&code)).flatten() {
            return Some(a);
        }
        self.accounts_by_name
            .get(&name_key(&imported.client_name))
            .copied()
            .filter(|a| !codes_tell_apart(&imported.account_code, &a.account_code))
    }

    /// Plans one account of the file and its policies.
    fn plan_account(&mut self, imported: &ImportedAccount) {
        let now = self.now;
        let account = match self.find(imported) {
            Some(existing) => {
                self.summary.updated_accounts += 1;
                merged_account(existing, imported, now)
            }
            None => {
                self.summary.new_accounts += 1;
                new_account((self.new_id)(), imported, now)
            }
        };
        for p in &imported.policies {
            let key = p.policy_number.trim().to_lowercase();
            let policy = match (!key.is_empty()).then(|| self.policies_by_number.get(&key)).flatten() {
                Some(existing) => {
                    self.summary.updated_policies += 1;
                    if existing.account_id != account.id {
                        // The file lists it under another client: it moves.
                        self.changes.delete_policies.push(PolicyKey::of(existing));
                    }
                    merged_policy(existing, &account.id, p, now)
                }
                None => {
                    self.summary.new_policies += 1;
                    merged_policy(&Policy::new(&(self.new_id)(), &account.id), &account.id, p, now)
                }
            };
            self.changes.put_policies.push(policy);
        }
        self.changes.put_accounts.push(account);
    }
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

    /// Planned a few units at a time (the stored accounts, their policies,
    /// then the file's accounts, the budget running out anywhere among
    /// them), a merge gives the same changes, ids and counts as planned in
    /// one go.
    #[test]
    fn planning_in_slices_gives_the_plan_made_at_once() {
        let mut next = ids();
        let mut book = Book::default();
        let mut first = String::from("Client,Code,Policy Number,Commission\n");
        for i in 0..30 {
            first.push_str(&format!("Client {i},C{},P-{i},{}\n", i % 7, 10 + i));
        }
        import(&mut book, &first, ImportMode::Merge, &mut next);
        // Some policies move, some are new, some accounts are new.
        let mut second = String::from("Client,Policy Number,Commission\n");
        for i in 0..40 {
            second.push_str(&format!("Client {},P-{},{}\n", 20 + i, (i * 7) % 60, i));
        }
        let t = read_csv(second.as_bytes()).unwrap();
        let file = preview(&t, &auto_map(&t.headers), &Department::Cl);
        let now = "2026-12-07T00:00:00Z";
        let at_once = plan(&file, &book, ImportMode::Merge, &mut ids(), now);
        assert!(file.rejected.is_empty(), "{:?}", file.rejected);
        assert!(at_once.1.updated_accounts > 0 && at_once.1.new_accounts > 0, "{:?}", at_once.1);
        assert!(at_once.1.updated_policies > 0 && at_once.1.new_policies > 0, "{:?}", at_once.1);
        assert!(!at_once.0.delete_policies.is_empty(), "some policies move to another client");
        for budget in [1, 2, 5, 13, 31, 64, 1_000] {
            let mut new_id = ids();
            let mut work = Planning::new(&file, &book, ImportMode::Merge, &mut new_id, now);
            let mut steps = 1;
            while !work.step(budget) {
                steps += 1;
            }
            if budget == 1 {
                assert!(steps > book.accounts.len() + book.policies.len(), "one unit a step: {steps} steps");
            }
            assert_eq!(work.finish(), at_once, "budget {budget}");
        }
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

//! The agency's book: departments, staff, accounts and policies.
//!
//! An account's commission revenue is the sum of its policies' annual
//! commissions, or — for an account imported from a book-of-business report
//! that lists no policies — the account-level figure.
//!
//! ```
//! use agency_desk::domain::book::{Account, Book, Department, Policy};
//! let mut book = Book::default();
//! let acct = Account::new("a1", "Harbor Bakery", Department::Cl);
//! let mut p = Policy::new("p1", "a1");
//! p.commission = 125_000;
//! book.accounts.push(acct);
//! book.policies.push(p);
//! assert_eq!(book.index().revenue("a1"), 125_000);
//! ```

use super::activity::ProcessKind;
use super::money::Cents;
use chrono::NaiveDate;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod listing;
mod status;
pub mod term;
pub use status::PolicyStatus;
mod agency;
pub use agency::{AgencyProfile, Department, StaffMember, StaffRole, validate_profile};
use term::Term;

fn is_active(status: &PolicyStatus) -> bool {
    *status == PolicyStatus::Active
}

/// How the premium is billed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum BillType {
    #[default]
    Direct,
    Agency,
}

impl BillType {
    pub fn label(self) -> &'static str {
        match self {
            BillType::Direct => "Direct bill",
            BillType::Agency => "Agency bill",
        }
    }

    /// Reads `Agency`, `AB`, `Agency Bill`, `Direct`, `DB`, `Direct Bill`.
    pub fn parse(input: &str) -> Result<Option<BillType>, String> {
        let key: String = input.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        match key.as_str() {
            "" => Ok(None),
            "agency" | "ab" | "agencybill" | "agencybilled" | "a" => Ok(Some(BillType::Agency)),
            "direct" | "db" | "directbill" | "directbilled" | "d" => Ok(Some(BillType::Direct)),
            _ => Err(format!("\"{}\" is not a bill type (expected Agency or Direct)", input.trim())),
        }
    }
}

/// Reads yes/no flags as reports write them: `Y`, `Yes`, `True`, `1`, `X`,
/// `E&S` for yes; `N`, `No`, `False`, `0` and blank for no.
pub fn parse_flag(input: &str) -> Result<bool, String> {
    let key = input.trim().to_ascii_lowercase();
    match key.as_str() {
        "y" | "yes" | "true" | "1" | "x" | "e&s" | "es" | "surplus" => Ok(true),
        "" | "n" | "no" | "false" | "0" | "admitted" => Ok(false),
        _ => Err(format!("\"{}\" is not yes or no (expected Y/N, Yes/No, True/False, 1/0)", input.trim())),
    }
}

/// A client account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub client_name: String,
    /// The agency management system's key for the client (AMS360's
    /// `Customer #`, Epic's lookup code, a client ID); blank when unknown.
    /// Imports match accounts by it before the name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub account_code: String,
    pub department: Department,
    #[serde(default)]
    pub producer: String,
    #[serde(default)]
    pub client_manager: String,
    #[serde(default)]
    pub client_advocate: String,
    #[serde(default)]
    pub notes: String,
    /// Annual commission revenue from a book report that lists no policies.
    #[serde(default)]
    pub account_revenue: Option<Cents>,
    /// Increases on every save; an edit made from an older revision is refused.
    #[serde(default)]
    pub revision: u32,
    /// When the record was last saved (RFC 3339).
    #[serde(default)]
    pub updated_at: String,
    /// Yearly counts of service work (endorsements, certificates, claims, ...)
    /// from an imported report; a process not listed uses the agency's
    /// frequencies on the Profitability page.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub activity: BTreeMap<ProcessKind, u32>,
}

impl Account {
    pub fn new(id: &str, client_name: &str, department: Department) -> Self {
        Account {
            id: id.to_string(),
            client_name: client_name.to_string(),
            account_code: String::new(),
            department,
            producer: String::new(),
            client_manager: String::new(),
            client_advocate: String::new(),
            notes: String::new(),
            account_revenue: None,
            revision: 0,
            updated_at: String::new(),
            activity: BTreeMap::new(),
        }
    }
}

/// A policy of an account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub id: String,
    pub account_id: String,
    #[serde(default)]
    pub policy_number: String,
    #[serde(default)]
    pub line_of_business: String,
    #[serde(default)]
    pub carrier: String,
    #[serde(default)]
    pub effective: Option<NaiveDate>,
    #[serde(default)]
    pub expiration: Option<NaiveDate>,
    /// Annual premium.
    #[serde(default)]
    pub premium: Cents,
    /// Annual commission to the agency.
    #[serde(default)]
    pub commission: Cents,
    #[serde(default)]
    pub excess_surplus: bool,
    #[serde(default)]
    pub bill_type: BillType,
    /// Live (in force) or inactive (kept for history; see [`PolicyStatus`]).
    #[serde(default, skip_serializing_if = "is_active")]
    pub status: PolicyStatus,
    /// Earlier terms, oldest first, kept as the policy is renewed here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Term>,
    #[serde(default)]
    pub revision: u32,
    #[serde(default)]
    pub updated_at: String,
}

impl Policy {
    pub fn new(id: &str, account_id: &str) -> Self {
        Policy {
            id: id.to_string(),
            account_id: account_id.to_string(),
            policy_number: String::new(),
            line_of_business: String::new(),
            carrier: String::new(),
            effective: None,
            expiration: None,
            premium: 0,
            commission: 0,
            excess_surplus: false,
            bill_type: BillType::Direct,
            status: PolicyStatus::Active,
            terms: Vec::new(),
            revision: 0,
            updated_at: String::new(),
        }
    }
}

/// The whole book as loaded from storage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Book {
    pub accounts: Vec<Account>,
    pub policies: Vec<Policy>,
}

/// Policies grouped by account, for the lookups every page makes. Only
/// live policies ([`PolicyStatus::is_live`]) count in revenue and are
/// listed by [`BookIndex::policies`]; inactive ones are kept apart.
///
/// Its maps hash with FxHash ([`rustc_hash`]) rather than the standard
/// library's SipHash: every page builds and reads them for the whole
/// book, and SipHash's resistance to crafted keys buys nothing for one
/// agency's own data in its own browser, at twice the cost.
pub struct BookIndex<'a> {
    book: &'a Book,
    by_account: FxHashMap<&'a str, Vec<&'a Policy>>,
    inactive: FxHashMap<&'a str, Vec<&'a Policy>>,
    accounts: FxHashMap<&'a str, &'a Account>,
}

impl Book {
    /// Groups policies by account (one pass).
    pub fn index(&self) -> BookIndex<'_> {
        IndexBuilder::new(self).finish()
    }

    /// The accounts by id, for lookups that need no policies (cheaper
    /// than [`Book::index`], which also groups every policy).
    pub fn accounts_by_id(&self) -> FxHashMap<&str, &Account> {
        self.accounts.iter().map(|a| (a.id.as_str(), a)).collect()
    }

    /// Finds an account by its client name, ignoring case and spacing.
    pub fn account_by_name(&self, name: &str) -> Option<&Account> {
        let key = name_key(name);
        self.accounts.iter().find(|a| name_key(&a.client_name) == key)
    }
}

/// [`Book::index`] built a slice at a time, for a caller that lets the
/// browser draw between slices (a book of 100,000 accounts).
///
/// ```
/// use agency_desk::domain::book::{Book, IndexBuilder};
/// let book = Book::default();
/// let mut builder = IndexBuilder::new(&book);
/// while !builder.step(1_000) {}
/// assert_eq!(builder.finish().policies("a1").len(), 0);
/// ```
pub struct IndexBuilder<'a> {
    index: BookIndex<'a>,
    /// How many of the book's policies, then of its accounts, are in.
    policies_in: usize,
    accounts_in: usize,
}

impl<'a> IndexBuilder<'a> {
    pub fn new(book: &'a Book) -> IndexBuilder<'a> {
        let index = BookIndex {
            book,
            by_account: FxHashMap::default(),
            inactive: FxHashMap::default(),
            accounts: FxHashMap::with_capacity_and_hasher(book.accounts.len(), Default::default()),
        };
        IndexBuilder { index, policies_in: 0, accounts_in: 0 }
    }

    /// Takes in up to `budget` more policies, then accounts; true once
    /// all of them are in.
    pub fn step(&mut self, budget: usize) -> bool {
        let book = self.index.book;
        let end = self.policies_in.saturating_add(budget).min(book.policies.len());
        for p in &book.policies[self.policies_in..end] {
            let list = if p.status.is_live() { &mut self.index.by_account } else { &mut self.index.inactive };
            list.entry(p.account_id.as_str()).or_default().push(p);
        }
        let left = budget - (end - self.policies_in);
        self.policies_in = end;
        let end = self.accounts_in.saturating_add(left).min(book.accounts.len());
        self.index.accounts.extend(book.accounts[self.accounts_in..end].iter().map(|a| (a.id.as_str(), a)));
        self.accounts_in = end;
        self.policies_in == book.policies.len() && self.accounts_in == book.accounts.len()
    }

    /// [`IndexBuilder::step`] within what is left of a budget shared with
    /// other work, taking from `budget` what it used.
    pub fn step_within(&mut self, budget: &mut usize) -> bool {
        let before = self.taken_in();
        let done = self.step(*budget);
        *budget = budget.saturating_sub(self.taken_in() - before);
        done
    }

    /// How many policies and accounts are in so far.
    pub fn taken_in(&self) -> usize {
        self.policies_in + self.accounts_in
    }

    /// The index, with whatever was left taken in.
    pub fn finish(mut self) -> BookIndex<'a> {
        while !self.step(usize::MAX) {}
        self.index
    }
}

/// Something worked out from each account of a book with its index (a
/// list row, an account's figures), a slice at a time: the book is
/// indexed ([`IndexBuilder`]), then `each` is called for every account in
/// the book's order, keeping what it gives.
///
/// ```
/// use agency_desk::domain::book::{Account, Book, Department, EachAccount};
/// let mut book = Book::default();
/// book.accounts.push(Account::new("a1", "Harbor Bakery", Department::Cl));
/// let mut work = EachAccount::new(&book, |idx, a| Some((a.id.clone(), idx.revenue(&a.id))));
/// while !work.step(1) {}
/// assert_eq!(work.finish(), [("a1".to_string(), 0)]);
/// ```
pub struct EachAccount<'a, T> {
    stage: EachStage<'a>,
    each: Box<PerAccount<'a, T>>,
    out: Vec<T>,
}

/// What [`EachAccount`] works out from one account.
type PerAccount<'a, T> = dyn Fn(&BookIndex<'a>, &'a Account) -> Option<T> + 'a;

enum EachStage<'a> {
    Indexing(IndexBuilder<'a>),
    /// How many of the book's accounts are done.
    Accounts {
        index: BookIndex<'a>,
        done: usize,
    },
    Swapping,
}

impl<'a, T> EachAccount<'a, T> {
    pub fn new(book: &'a Book, each: impl Fn(&BookIndex<'a>, &'a Account) -> Option<T> + 'a) -> EachAccount<'a, T> {
        EachAccount { stage: EachStage::Indexing(IndexBuilder::new(book)), each: Box::new(each), out: Vec::new() }
    }

    /// Does up to `budget` more units of work (a policy or account
    /// indexed, an account worked out); true once all are done.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut budget = budget;
        loop {
            match &mut self.stage {
                EachStage::Indexing(builder) => {
                    if !builder.step_within(&mut budget) {
                        return false;
                    }
                    let EachStage::Indexing(builder) = std::mem::replace(&mut self.stage, EachStage::Swapping) else {
                        unreachable!("the stage was just matched")
                    };
                    let index = builder.finish();
                    self.out.reserve(index.book().accounts.len());
                    self.stage = EachStage::Accounts { index, done: 0 };
                }
                EachStage::Accounts { index, done } => {
                    let accounts = &index.book().accounts;
                    let end = done.saturating_add(budget).min(accounts.len());
                    self.out.extend(accounts[*done..end].iter().filter_map(|a| (self.each)(index, a)));
                    *done = end;
                    return end == accounts.len();
                }
                EachStage::Swapping => unreachable!("the stage is put back before step returns"),
            }
        }
    }

    /// What every account gave, with whatever [`EachAccount::step`] left
    /// undone done first.
    pub fn finish(mut self) -> Vec<T> {
        while !self.step(usize::MAX) {}
        self.out
    }
}

impl<'a> BookIndex<'a> {
    pub fn book(&self) -> &'a Book {
        self.book
    }

    /// An account by id.
    pub fn account(&self, account_id: &str) -> Option<&'a Account> {
        self.accounts.get(account_id).copied()
    }

    /// The account's live policies (empty when it has none).
    pub fn policies(&self, account_id: &str) -> &[&'a Policy] {
        self.by_account.get(account_id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every account that has live policies, with them (in the book's
    /// order), in no particular order of accounts.
    pub fn with_live_policies(&self) -> impl Iterator<Item = (&'a str, &[&'a Policy])> + '_ {
        self.by_account.iter().map(|(id, policies)| (*id, policies.as_slice()))
    }

    /// The account's cancelled, non-renewed, expired, lost, declined or
    /// rewritten policies, kept for its history.
    pub fn inactive_policies(&self, account_id: &str) -> &[&'a Policy] {
        self.inactive.get(account_id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A former client: every policy of the account is inactive. Former
    /// clients stay in the book but count in no revenue, tier or
    /// concentration figure.
    pub fn is_former(&self, account_id: &str) -> bool {
        self.policies(account_id).is_empty() && !self.inactive_policies(account_id).is_empty()
    }

    /// The account's annual commission revenue: its live policies'
    /// commissions (nothing for a former client), or the account figure
    /// of a book report when it has no policies at all.
    pub fn revenue(&self, account_id: &str) -> Cents {
        let policies = self.policies(account_id);
        if self.is_former(account_id) {
            0
        } else if policies.is_empty() {
            self.accounts.get(account_id).and_then(|a| a.account_revenue).unwrap_or(0)
        } else {
            policies.iter().map(|p| p.commission).sum()
        }
    }

    /// The earliest policy expiration on or after `as_of`.
    pub fn next_expiration(&self, account_id: &str, as_of: NaiveDate) -> Option<NaiveDate> {
        self.policies(account_id).iter().filter_map(|p| p.expiration).filter(|d| *d >= as_of).min()
    }
}

/// The key client codes are compared by: lower case, no spaces around.
pub fn code_key(code: &str) -> String {
    code.trim().to_lowercase()
}

/// True when two client codes say two accounts are different clients:
/// both are given and they differ. A missing code tells nothing.
///
/// ```
/// use agency_desk::domain::book::codes_tell_apart;
/// assert!(codes_tell_apart("10442", "10957"));
/// assert!(!codes_tell_apart("ABC-1 ", "abc-1"));
/// assert!(!codes_tell_apart("", "10957"));
/// ```
pub fn codes_tell_apart(a: &str, b: &str) -> bool {
    let (a, b) = (code_key(a), code_key(b));
    !a.is_empty() && !b.is_empty() && a != b
}

/// The key two client names are compared by: lower case, single spaces.
pub fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Checks an account before it is saved; returns every problem, by field.
pub fn validate_account(account: &Account, book: &Book) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if account.client_name.trim().is_empty() {
        problems.push(("client_name", "The client name is required.".to_string()));
    } else if account.client_name.chars().count() > 200 {
        problems.push(("client_name", "The client name is longer than 200 characters.".to_string()));
    } else if let Some(other) = book.accounts.iter().find(|other| {
        other.id != account.id
            && !codes_tell_apart(&account.account_code, &other.account_code)
            && name_key(&other.client_name) == name_key(&account.client_name)
    }) {
        problems.push(("client_name", format!("Another account is already named \"{}\".", other.client_name)));
    }
    if let Some(rev) = account.account_revenue
        && rev < 0
    {
        problems.push(("account_revenue", "Account revenue cannot be negative.".to_string()));
    }
    problems
}

/// Checks a policy before it is saved; returns every problem, by field.
pub fn validate_policy(policy: &Policy, book: &Book) -> Vec<(&'static str, String)> {
    let mut problems = Vec::new();
    if !book.accounts.iter().any(|a| a.id == policy.account_id) {
        problems.push(("account_id", "The policy's account does not exist.".to_string()));
    }
    if policy.premium < 0 {
        problems.push(("premium", "The premium cannot be negative.".to_string()));
    }
    if let (Some(eff), Some(exp)) = (policy.effective, policy.expiration)
        && exp <= eff
    {
        problems.push(("expiration", "The expiration date must be after the effective date.".to_string()));
    }
    let number = policy.policy_number.trim();
    if !number.is_empty()
        && let Some(other) =
            book.policies.iter().find(|p| p.id != policy.id && p.policy_number.trim().eq_ignore_ascii_case(number))
    {
        let owner = book
            .accounts
            .iter()
            .find(|a| a.id == other.account_id)
            .map(|a| a.client_name.as_str())
            .unwrap_or("another account");
        problems.push(("policy_number", format!("Policy number {number} is already on {owner}.")));
    }
    problems
}

#[cfg(test)]
mod tests;

//! The book page's list of accounts: a row per account, the search that
//! narrows it and the orders it sorts in.
//!
//! ```
//! use agency_desk::domain::book::listing::{SortKey, positions, rows};
//! use agency_desk::domain::book::{Account, Book, Department};
//! let mut book = Book::default();
//! book.accounts.push(Account::new("a1", "Müller Bäckerei", Department::Cl));
//! book.accounts.push(Account::new("a2", "Harbor Bakery", Department::Pl));
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
//! let list = rows(&book, as_of);
//! assert_eq!(positions(&list, " MULLER ", (SortKey::Name, true)), vec![0]);
//! assert_eq!(positions(&list, "pl", (SortKey::Name, true)), vec![1]);
//! ```

use super::{Account, Book, BookIndex, EachAccount};
use crate::domain::money::Cents;
use crate::domain::search::fold;
use chrono::NaiveDate;

/// A row of the accounts list, computed once per book change.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    /// The name as the list sorts and searches it (folded: lower case, no
    /// accents), worked out once per row instead of once per comparison.
    pub key: String,
    /// The department's code.
    pub department: String,
    pub revenue: Cents,
    /// Policies in force.
    pub policies: usize,
    pub next_expiration: Option<NaiveDate>,
    /// Every policy of the account is cancelled, non-renewed, lost, ...
    pub former: bool,
}

/// A column the list sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Department,
    Revenue,
    Policies,
    NextExpiration,
}

impl SortKey {
    /// The direction a column sorts in when first chosen: names,
    /// departments and dates ascending, figures largest first.
    pub fn ascending_first(self) -> bool {
        matches!(self, SortKey::Name | SortKey::NextExpiration | SortKey::Department)
    }
}

/// A row per account of `book`, in the book's order.
pub fn rows(book: &Book, as_of: NaiveDate) -> Vec<Row> {
    ListWork::new(book, as_of).finish()
}

/// [`rows`] worked out a slice at a time, for a page that lets the
/// browser draw between slices (a book of 100,000 accounts takes a
/// quarter of a second).
///
/// ```
/// use agency_desk::domain::book::listing::{ListWork, rows};
/// use agency_desk::domain::book::{Account, Book, Department};
/// let mut book = Book::default();
/// book.accounts.push(Account::new("a1", "Harbor Bakery", Department::Pl));
/// let as_of = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
/// let mut work = ListWork::new(&book, as_of);
/// while !work.step(100) {}
/// assert_eq!(work.finish(), rows(&book, as_of));
/// ```
pub struct ListWork<'a>(EachAccount<'a, Row>);

impl<'a> ListWork<'a> {
    pub fn new(book: &'a Book, as_of: NaiveDate) -> ListWork<'a> {
        ListWork(EachAccount::new(book, move |idx, a| Some(row_of(idx, a, as_of))))
    }

    /// Does up to `budget` more units of work (a policy or account
    /// indexed, an account's row made); true once all are done.
    pub fn step(&mut self, budget: usize) -> bool {
        self.0.step(budget)
    }

    /// The rows, with whatever [`ListWork::step`] left undone done first.
    pub fn finish(self) -> Vec<Row> {
        self.0.finish()
    }
}

/// The list's row of one account.
fn row_of(idx: &BookIndex<'_>, a: &Account, as_of: NaiveDate) -> Row {
    Row {
        id: a.id.clone(),
        name: a.client_name.clone(),
        key: fold(&a.client_name),
        department: a.department.code().to_string(),
        revenue: idx.revenue(&a.id),
        policies: idx.policies(&a.id).len(),
        next_expiration: idx.next_expiration(&a.id, as_of),
        former: idx.is_former(&a.id),
    }
}

/// Positions in `rows` of the rows `query` finds, in the order `sort`
/// (column, ascending) puts them. The query, trimmed and folded, finds a
/// name holding it or a department code equal to it; blank finds every row.
pub fn positions(rows: &[Row], query: &str, (key, asc): (SortKey, bool)) -> Vec<usize> {
    let q = fold(query.trim());
    let mut list: Vec<usize> = (0..rows.len())
        .filter(|&i| q.is_empty() || rows[i].key.contains(&q) || rows[i].department.to_lowercase() == q)
        .collect();
    list.sort_by(|&i, &j| {
        let (a, b) = (&rows[i], &rows[j]);
        let o = match key {
            SortKey::Name => a.key.cmp(&b.key),
            SortKey::Department => a.department.cmp(&b.department).then(a.name.cmp(&b.name)),
            SortKey::Revenue => a.revenue.cmp(&b.revenue),
            SortKey::Policies => a.policies.cmp(&b.policies),
            // Accounts with no upcoming expiration sort last.
            SortKey::NextExpiration => {
                (a.next_expiration.is_none(), a.next_expiration).cmp(&(b.next_expiration.is_none(), b.next_expiration))
            }
        };
        if asc { o } else { o.reverse() }
    });
    list
}

/// The book's policies in force and inactive ([`super::PolicyStatus::is_live`]).
pub fn policy_counts(book: &Book) -> (usize, usize) {
    let inactive = book.policies.iter().filter(|p| !p.status.is_live()).count();
    (book.policies.len() - inactive, inactive)
}

/// The commission revenue of every row.
pub fn total_revenue(rows: &[Row]) -> Cents {
    rows.iter().map(|r| r.revenue).sum()
}

#[cfg(test)]
mod tests;

//! Account records grouped into pages, the unit IndexedDB stores.
//!
//! IndexedDB spends about the same time on every value written, whatever
//! its size: in this project's Chromium, 5,000 account records written as
//! 5,000 values took 450–800 ms, the same records as 64 values of JSON
//! text 25–50 ms (see README, "Performance"). So the book is stored as
//! [`PAGE_COUNT`] pages. An account's page follows from its id alone
//! ([`page_of`], a fixed hash), so a change to one account reads and writes
//! one page, and a change to many accounts writes at most every page once.
//!
//! A page's records are kept in id order, and the whole book reads back in
//! id order ([`Assembly`]), which is the order the list breaks ties in.
//!
//! ```
//! use agency_desk::domain::book::{Account, Department};
//! use agency_desk::domain::records::AccountRecord;
//! use agency_desk::domain::records::pages::{decode, encode, page_of, Page};
//! let record = AccountRecord::new(Account::new("a1", "Harbor Bakery", Department::Cl));
//! let mut page = Page::default();
//! page.put(record.clone());
//! let text = encode(&page).unwrap();
//! assert_eq!(decode(&text).unwrap(), page);
//! assert_eq!(page_of("a1"), page_of("a1"));
//! ```

use super::{AccountRecord, RecordWrites};
use crate::domain::book::Book;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};

/// How many pages the book is spread over. Changing it would move
/// accounts between pages, so it is part of the stored format.
pub const PAGE_COUNT: u32 = 64;

/// The id of the page account `account_id` lives in ("p00" … "p63"): the
/// 32-bit FNV-1a hash of the id's bytes, modulo [`PAGE_COUNT`]. Written out
/// here rather than taken from the standard library, whose hash may differ
/// between builds; a stored account must find its page in every version.
pub fn page_of(account_id: &str) -> String {
    page_name(page_number(account_id))
}

/// The number of the page account `account_id` lives in (see [`page_of`]).
pub fn page_number(account_id: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in account_id.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % PAGE_COUNT
}

/// The id of page number `n`.
pub fn page_name(n: u32) -> String {
    format!("p{n:02}")
}

/// The pages holding `account_ids`.
pub fn pages_of<'a>(account_ids: impl IntoIterator<Item = &'a String>) -> BTreeSet<String> {
    account_ids.into_iter().map(|id| page_of(id)).collect()
}

/// The records of one page, by account id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page(pub BTreeMap<String, AccountRecord>);

impl Page {
    /// Adds or replaces a record.
    pub fn put(&mut self, record: AccountRecord) {
        self.0.insert(record.id.clone(), record);
    }

    pub fn remove(&mut self, account_id: &str) -> Option<AccountRecord> {
        self.0.remove(account_id)
    }

    pub fn get(&self, account_id: &str) -> Option<&AccountRecord> {
        self.0.get(account_id)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A page's text: a JSON array of its records in id order.
pub fn encode(page: &Page) -> Result<String, serde_json::Error> {
    serde_json::to_string(&page.0.values().collect::<Vec<_>>())
}

/// A page read back from its text. A record listed twice keeps the later copy.
pub fn decode(text: &str) -> Result<Page, serde_json::Error> {
    let mut page = Page::default();
    for r in decode_records(text)? {
        page.put(r);
    }
    Ok(page)
}

/// A page's records as listed in its text (for reading the whole book,
/// which [`Assembly`] puts in order).
pub fn decode_records(text: &str) -> Result<Vec<AccountRecord>, serde_json::Error> {
    serde_json::from_str(text)
}

/// The book of every record of `pages` (each page's records as read),
/// accounts in id order, assembled a slice at a time: the pages' lists,
/// each in id order, are merged as they are taken in, so no step holds
/// the browser for long (sorting 100,000 accounts at once took about 100
/// ms, and moving them into the book 40 more).
///
/// ```
/// use agency_desk::domain::book::{Account, Department};
/// use agency_desk::domain::records::AccountRecord;
/// use agency_desk::domain::records::pages::Assembly;
/// let record = |id: &str| AccountRecord::new(Account::new(id, "Harbor Bakery", Department::Cl));
/// let mut work = Assembly::new(vec![vec![record("a2"), record("a5")], vec![record("a1")]]);
/// while !work.step(1) {}
/// let ids: Vec<String> = work.finish().accounts.into_iter().map(|a| a.id).collect();
/// assert_eq!(ids, ["a1", "a2", "a5"]);
/// ```
pub struct Assembly {
    pages: Vec<std::vec::IntoIter<AccountRecord>>,
    /// The next record of each page, and its id (moved out of the record,
    /// which the book does not keep) in the heap of every page's next.
    heads: Vec<Option<AccountRecord>>,
    next: BinaryHeap<Reverse<(String, usize)>>,
    book: Book,
}

impl Assembly {
    pub fn new(pages: Vec<Vec<AccountRecord>>) -> Assembly {
        let count = pages.iter().map(Vec::len).sum();
        let mut pages: Vec<_> = pages
            .into_iter()
            .map(|mut records| {
                // Every page is written in id order; one that is not (an
                // older version's, a hand-made backup's) is put in order.
                if !records.is_sorted_by(|a, b| a.id <= b.id) {
                    records.sort_by(|a, b| a.id.cmp(&b.id));
                }
                records.into_iter()
            })
            .collect();
        let mut heads = Vec::with_capacity(pages.len());
        let mut next = BinaryHeap::with_capacity(pages.len());
        for (n, page) in pages.iter_mut().enumerate() {
            heads.push(take_head(page, n, &mut next));
        }
        Assembly { pages, heads, next, book: Book { accounts: Vec::with_capacity(count), policies: Vec::new() } }
    }

    /// Moves up to `budget` more accounts, with their policies, into the
    /// book; true once all are in.
    pub fn step(&mut self, budget: usize) -> bool {
        for _ in 0..budget {
            let Some(Reverse((_, n))) = self.next.pop() else { return true };
            let record = self.heads[n].take().expect("a page in the heap has a head");
            self.book.accounts.push(record.account);
            self.book.policies.extend(record.policies);
            self.heads[n] = take_head(&mut self.pages[n], n, &mut self.next);
        }
        self.next.is_empty()
    }

    /// The book, with whatever [`Assembly::step`] left undone done first.
    pub fn finish(mut self) -> Book {
        while !self.step(usize::MAX) {}
        self.book
    }
}

/// Page `n`'s next record, its id put in the heap `next`.
fn take_head(
    page: &mut std::vec::IntoIter<AccountRecord>,
    n: usize,
    next: &mut BinaryHeap<Reverse<(String, usize)>>,
) -> Option<AccountRecord> {
    let mut record = page.next()?;
    next.push(Reverse((std::mem::take(&mut record.id), n)));
    Some(record)
}

/// Applies `writes` to the pages read for them (every page a written or
/// deleted account belongs to must be in `pages`; a missing one starts
/// empty). Returns the ids of the pages that changed.
pub fn write_into(pages: &mut HashMap<String, Page>, writes: RecordWrites) -> BTreeSet<String> {
    let mut changed = BTreeSet::new();
    for id in writes.delete {
        let page = page_of(&id);
        if pages.entry(page.clone()).or_default().remove(&id).is_some() {
            changed.insert(page);
        }
    }
    for record in writes.put {
        let page = page_of(&record.id);
        pages.entry(page.clone()).or_default().put(record);
        changed.insert(page);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{Account, Department, Policy};

    fn record(id: &str) -> AccountRecord {
        let mut r = AccountRecord::new(Account::new(id, &format!("Client {id}"), Department::Cl));
        r.policies.push(Policy::new(&format!("{id}-p"), id));
        r
    }

    /// The hash is part of the stored format: these must never change.
    #[test]
    fn page_ids_are_fixed() {
        assert_eq!(page_of(""), format!("p{:02}", 0x811c_9dc5u32 % PAGE_COUNT));
        let pinned: Vec<String> =
            ["a1", "acct-00001", "0c7b9f2e-1d3a-4c55-9a51-2b8e0f6d7a10"].iter().map(|id| page_of(id)).collect();
        assert_eq!(pinned, ["p39", "p44", "p13"], "FNV-1a, checked against an independent implementation");
    }

    #[test]
    fn accounts_spread_over_every_page() {
        let mut pages: BTreeMap<String, usize> = BTreeMap::new();
        for i in 0..5_000 {
            *pages.entry(page_of(&format!("acct-{i:05}"))).or_default() += 1;
        }
        assert_eq!(pages.len(), PAGE_COUNT as usize);
        let largest = *pages.values().max().unwrap();
        assert!(largest < 2 * 5_000 / PAGE_COUNT as usize, "no page holds twice its share: {largest}");
    }

    #[test]
    fn a_page_round_trips_through_its_text_in_id_order() {
        let mut page = Page::default();
        for id in ["b", "a", "c"] {
            page.put(record(id));
        }
        let text = encode(&page).unwrap();
        assert!(text.find("\"id\":\"a\"").unwrap() < text.find("\"id\":\"b\"").unwrap());
        assert_eq!(decode(&text).unwrap(), page);
        assert!(decode("{\"not\": \"a page\"}").is_err());
    }

    #[test]
    fn the_book_merges_back_in_id_order() {
        let mut pages: HashMap<String, Page> = HashMap::new();
        write_into(
            &mut pages,
            RecordWrites { put: (0..300).rev().map(|i| record(&format!("k{i:03}"))).collect(), delete: vec![] },
        );
        assert!(pages.len() > 1);
        let texts: Vec<String> = pages.values().map(|p| encode(p).unwrap()).collect();
        let read = || texts.iter().map(|t| decode_records(t).unwrap()).collect::<Vec<_>>();
        let expected: Vec<String> = (0..300).map(|i| format!("k{i:03}")).collect();
        let at_once = Assembly::new(read()).finish();
        assert_eq!(at_once.accounts.iter().map(|a| a.id.clone()).collect::<Vec<_>>(), expected);
        // Each account's policies follow in the same order.
        let policies: Vec<String> = expected.iter().map(|id| format!("{id}-p")).collect();
        assert_eq!(at_once.policies.iter().map(|p| p.id.clone()).collect::<Vec<_>>(), policies);
        // A few at a time, the same book, in as many steps as accounts.
        for budget in [1, 7, 64] {
            let mut work = Assembly::new(read());
            let mut steps = 1;
            while !work.step(budget) {
                steps += 1;
            }
            assert_eq!(steps, 300usize.div_ceil(budget), "budget {budget}");
            assert_eq!(work.finish(), at_once, "budget {budget}");
        }
    }

    /// A page stored out of order (not as this version writes them) still
    /// reads back in id order, and an empty book is an empty book.
    #[test]
    fn a_page_out_of_order_still_reads_back_in_order() {
        let pages = vec![vec![record("m"), record("b"), record("x")], vec![], vec![record("c"), record("a")]];
        let ids: Vec<String> = Assembly::new(pages).finish().accounts.into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["a", "b", "c", "m", "x"]);
        let mut none = Assembly::new(vec![vec![], vec![]]);
        assert!(none.step(1));
        assert_eq!(none.finish(), Book::default());
    }

    #[test]
    fn writes_land_in_their_pages_and_report_what_changed() {
        let mut pages: HashMap<String, Page> = HashMap::new();
        let changed = write_into(&mut pages, RecordWrites { put: vec![record("a1"), record("zz")], delete: vec![] });
        assert_eq!(changed, pages_of(&["a1".to_string(), "zz".to_string()]));
        assert!(pages[&page_of("a1")].get("a1").is_some());
        // Deleting what is not there changes nothing.
        let changed = write_into(&mut pages, RecordWrites { put: vec![], delete: vec!["nope".into()] });
        assert!(changed.is_empty());
        let changed = write_into(&mut pages, RecordWrites { put: vec![], delete: vec!["a1".into()] });
        assert_eq!(changed, pages_of(&["a1".to_string()]));
        assert!(pages[&page_of("a1")].get("a1").is_none());
        assert!(pages[&page_of("zz")].get("zz").is_some());
    }
}

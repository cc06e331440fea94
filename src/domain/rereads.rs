//! Whole re-reads of the workspace, and what was shown while one was under
//! way.
//!
//! Reading a large workspace takes a while and yields to the browser
//! between pages, so the app may show newer records meanwhile: a change
//! saved in this tab, a record team sync just received, a setting saved.
//! Showing the whole read afterwards would put the older versions of those
//! records back. A [`Journal`] lists what was shown during each read, so
//! the reader shows its read and then reads those few records again, or,
//! when something as wide as a whole read was shown meanwhile, reads the
//! whole workspace again.
//!
//! ```
//! use agency_desk::domain::rereads::{Journal, Touched};
//!
//! let mut journal = Journal::default();
//! journal.note(|| Touched::Renewal("r1".into())); // no read open: not kept
//! let reading = journal.begin();
//! journal.note(|| Touched::Accounts(vec!["a7".into()]));
//! let overlap = journal.end(reading);
//! assert_eq!(overlap.accounts, vec!["a7".to_string()]);
//! assert!(overlap.renewals.is_empty() && !overlap.everything);
//! ```

use crate::domain::changes::ChangeSet;

/// More records than this changed at once: reading the whole workspace
/// is simpler than reading each of them (and a change this wide is read
/// again that way).
pub const FEW: usize = 50;

/// What was shown: records, or everything at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Touched {
    /// These accounts (with their policies).
    Accounts(Vec<String>),
    /// This trainee's record.
    Trainee(String),
    /// This renewal's record.
    Renewal(String),
    /// The settings.
    Settings,
    /// The whole workspace (another whole read was shown).
    Everything,
}

impl Touched {
    /// The accounts that saving `changes` changes in memory; everything
    /// when it touches more than [`FEW`] of them. (A change that starts
    /// renewal tracking touches the settings too, which the caller notes
    /// on its own.)
    pub fn by(changes: &ChangeSet) -> Touched {
        let mut ids: Vec<&str> = changes
            .put_accounts
            .iter()
            .map(|a| a.id.as_str())
            .chain(changes.put_policies.iter().map(|p| p.account_id.as_str()))
            .chain(changes.delete_account_ids.iter().map(String::as_str))
            .chain(changes.delete_policies.iter().map(|k| k.account_id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() > FEW {
            Touched::Everything
        } else {
            Touched::Accounts(ids.into_iter().map(str::to_string).collect())
        }
    }
}

/// What was shown while one read was under way, folded together.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overlap {
    /// Something as wide as the whole workspace: only reading it all
    /// again is sure to be newer.
    pub everything: bool,
    /// Accounts, each once, in the order first shown.
    pub accounts: Vec<String>,
    /// Trainees, each once.
    pub trainees: Vec<String>,
    /// Renewal records, each once.
    pub renewals: Vec<String>,
    /// The settings.
    pub settings: bool,
}

impl Overlap {
    /// Nothing was shown meanwhile: the read can be shown as it is.
    pub fn is_empty(&self) -> bool {
        *self == Overlap::default()
    }

    fn add(&mut self, touched: &Touched) {
        fn once(list: &mut Vec<String>, id: &str) {
            if !list.iter().any(|x| x == id) {
                list.push(id.to_string());
            }
        }
        match touched {
            Touched::Accounts(ids) => ids.iter().for_each(|id| once(&mut self.accounts, id)),
            Touched::Trainee(id) => once(&mut self.trainees, id),
            Touched::Renewal(id) => once(&mut self.renewals, id),
            Touched::Settings => self.settings = true,
            Touched::Everything => self.everything = true,
        }
        if self.accounts.len() > FEW {
            self.everything = true;
        }
    }
}

/// A read under way, from [`Journal::begin`] to [`Journal::end`].
#[derive(Debug)]
#[must_use = "a read that is begun must be ended, or the journal keeps every entry"]
pub struct Reading(u64);

/// What was shown, kept only while some read is under way.
#[derive(Debug, Default)]
pub struct Journal {
    /// How many things were shown so far.
    count: u64,
    /// Where each read under way began.
    open: Vec<u64>,
    /// What was shown since the oldest read under way began.
    entries: Vec<(u64, Touched)>,
}

impl Journal {
    /// A read begins.
    pub fn begin(&mut self) -> Reading {
        self.open.push(self.count);
        Reading(self.count)
    }

    /// Something was shown; `touched` (called only while a read is under
    /// way, as working out a large change's accounts costs) says what.
    pub fn note(&mut self, touched: impl FnOnce() -> Touched) {
        self.count += 1;
        if !self.open.is_empty() {
            self.entries.push((self.count, touched()));
        }
    }

    /// The read ends: what was shown while it was under way.
    pub fn end(&mut self, reading: Reading) -> Overlap {
        if let Some(i) = self.open.iter().position(|&b| b == reading.0) {
            self.open.swap_remove(i);
        }
        let mut overlap = Overlap::default();
        for (_, t) in self.entries.iter().filter(|(n, _)| *n > reading.0) {
            overlap.add(t);
        }
        match self.open.iter().min() {
            Some(&oldest) => self.entries.retain(|(n, _)| *n > oldest),
            None => self.entries.clear(),
        }
        overlap
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{Account, Department, Policy};
    use crate::domain::changes::PolicyKey;

    #[test]
    fn only_what_was_shown_during_a_read_counts_for_it() {
        let mut j = Journal::default();
        j.note(|| Touched::Settings);
        let first = j.begin();
        j.note(|| Touched::Trainee("t1".into()));
        let second = j.begin();
        j.note(|| Touched::Renewal("r1".into()));
        j.note(|| Touched::Trainee("t1".into()));
        let later = j.end(second);
        assert_eq!(later, Overlap { trainees: vec!["t1".into()], renewals: vec!["r1".into()], ..Overlap::default() });
        let earlier = j.end(first);
        assert_eq!(earlier, Overlap { trainees: vec!["t1".into()], renewals: vec!["r1".into()], ..Overlap::default() });
        assert!(j.entries.is_empty(), "nothing is kept once no read is under way");
        let quiet = j.begin();
        assert!(j.end(quiet).is_empty());
    }

    #[test]
    fn entries_older_than_every_open_read_are_dropped() {
        let mut j = Journal::default();
        let first = j.begin();
        j.note(|| Touched::Settings);
        let second = j.begin();
        j.note(|| Touched::Renewal("r1".into()));
        assert_eq!(j.end(first), Overlap { settings: true, renewals: vec!["r1".into()], ..Overlap::default() });
        assert_eq!(j.entries.len(), 1, "the settings entry predates the read still open");
        assert_eq!(j.end(second).renewals, vec!["r1".to_string()]);
    }

    #[test]
    fn nothing_is_worked_out_while_no_read_is_open() {
        let mut j = Journal::default();
        j.note(|| panic!("worked out with no read open"));
        let r = j.begin();
        let mut asked = false;
        j.note(|| {
            asked = true;
            Touched::Settings
        });
        assert!(asked);
        assert!(j.end(r).settings);
    }

    #[test]
    fn many_accounts_or_a_whole_read_mean_everything() {
        let mut j = Journal::default();
        let r = j.begin();
        for n in 0..=FEW {
            j.note(|| Touched::Accounts(vec![format!("a{n}")]));
        }
        assert!(j.end(r).everything);
        let r = j.begin();
        j.note(|| Touched::Accounts(vec!["a1".into(), "a1".into()]));
        j.note(|| Touched::Everything);
        let o = j.end(r);
        assert!(o.everything);
        assert_eq!(o.accounts, vec!["a1".to_string()], "each account once");
    }

    fn account(id: &str) -> Account {
        Account::new(id, "Harbor Bakery", Department::Cl)
    }

    #[test]
    fn a_change_touches_each_of_its_accounts_once_or_everything_when_many() {
        let policy = Policy::new("p1", "a2");
        let changes = ChangeSet {
            put_accounts: vec![account("a2")],
            put_policies: vec![policy],
            delete_account_ids: vec!["a1".into()],
            delete_policies: vec![PolicyKey { account_id: "a3".into(), policy_id: "p9".into() }],
            tracking_start: None,
        };
        assert_eq!(Touched::by(&changes), Touched::Accounts(vec!["a1".into(), "a2".into(), "a3".into()]));
        let mut big =
            ChangeSet { put_accounts: (0..FEW).map(|n| account(&format!("a{n}"))).collect(), ..ChangeSet::default() };
        assert!(matches!(Touched::by(&big), Touched::Accounts(ids) if ids.len() == FEW));
        big.put_accounts.push(account("one-more"));
        assert_eq!(Touched::by(&big), Touched::Everything);
    }
}

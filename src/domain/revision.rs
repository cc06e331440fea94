//! Records saved against the revision they were edited from: storage refuses
//! a save whose base revision is not the stored one (another tab or person
//! saved meanwhile), and each save stamps the next revision and the time.
//!
//! ```
//! use agency_desk::domain::book::{Account, Department};
//! use agency_desk::domain::revision::Revised;
//! let mut a = Account::new("a1", "Harbor Bakery", Department::Cl);
//! a.stamp_edit(Some(4), "2026-12-05T10:00:00");
//! assert_eq!((a.revision, a.updated_at.as_str()), (5, "2026-12-05T10:00:00"));
//! ```

/// A record with a revision and the time of its last save.
pub trait Revised {
    fn revision_and_time(&mut self) -> (&mut u32, &mut String);

    /// Stamps an edit made from revision `base` (none: a new record) at
    /// `now`: the record becomes revision `base + 1`.
    fn stamp_edit(&mut self, base: Option<u32>, now: &str) {
        let (revision, at) = self.revision_and_time();
        *revision = base.unwrap_or(0) + 1;
        *at = now.to_string();
    }
}

impl Revised for crate::domain::book::Account {
    fn revision_and_time(&mut self) -> (&mut u32, &mut String) {
        (&mut self.revision, &mut self.updated_at)
    }
}

impl Revised for crate::domain::book::Policy {
    fn revision_and_time(&mut self) -> (&mut u32, &mut String) {
        (&mut self.revision, &mut self.updated_at)
    }
}

impl Revised for crate::domain::roles::trainee::Trainee {
    fn revision_and_time(&mut self) -> (&mut u32, &mut String) {
        (&mut self.revision, &mut self.updated_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::Policy;

    #[test]
    fn a_new_record_is_revision_one_and_an_edit_the_next() {
        let mut p = Policy::new("p", "a");
        p.stamp_edit(None, "t1");
        assert_eq!((p.revision, p.updated_at.as_str()), (1, "t1"));
        p.stamp_edit(Some(p.revision), "t2");
        assert_eq!((p.revision, p.updated_at.as_str()), (2, "t2"));
    }
}

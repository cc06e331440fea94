//! What can go wrong with the stored data, by kind, worded for the person
//! using the app. Pure: compiled and tested natively too.

use std::fmt;

/// A storage failure. Each kind lets a caller react in its own way (a
/// stale edit refreshes the record, a full disk asks for room); `Display`
/// words it for the person using the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The record changed in another tab or window (or by a teammate, through team sync) since this one read it;
    /// nothing was written. The message names the record.
    Stale(String),
    /// The record the change applies to (or its account) was deleted in
    /// another tab or window; nothing was written.
    Missing(String),
    /// The workspace was saved by a newer build, in data format `found`;
    /// this build reads up to `supported`.
    NewerFormat { found: u32, supported: u32 },
    /// The browser refused to store `action` because this site's storage
    /// is full; nothing of it was kept.
    QuotaExceeded { action: String },
    /// The browser did not store the write; nothing of it was kept.
    Aborted(Abort),
    /// Anything else (a read, a record of the wrong shape, the database not
    /// open), worded in full.
    Browser(String),
}

/// Why a write was not stored, for [`StorageError::Aborted`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Abort {
    /// The transaction of `action` failed, in the browser's `words`.
    Write { action: String, words: String },
    /// The browser closed the database after a write failed (the disk may
    /// be full); it does not open it again in this page.
    Closed,
    /// A write that could not even start, worded already.
    Worded(String),
}

/// Why a write failed, before it is worded as a [`StorageError`] for the
/// action that failed.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser half and the tests
#[derive(Debug)]
pub(crate) struct Cause(pub String);

/// The words used when the browser aborts a transaction without naming an
/// exception.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser half and the tests
pub(crate) const ABORTED: &str = "it cancelled the write before storing it";

impl StorageError {
    /// `Could not {action}: {cause}`.
    pub(crate) fn new(action: &str, cause: impl fmt::Display) -> Self {
        StorageError::Browser(format!("Could not {action}: {cause}"))
    }

    /// A failure whose message is already worded for the user.
    pub fn plain(message: impl Into<String>) -> Self {
        StorageError::Browser(message.into())
    }

    /// A write that could not even start, worded already.
    pub fn refused_now(message: impl Into<String>) -> Self {
        StorageError::Aborted(Abort::Worded(message.into()))
    }

    /// `action` was not stored, for `cause`: nothing of it was kept.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // used by the browser half and the tests
    pub(crate) fn refused(action: &str, cause: &Cause) -> Self {
        let words = cause.0.trim_end_matches('.');
        if words.contains("QuotaExceeded") {
            StorageError::QuotaExceeded { action: action.to_string() }
        } else {
            StorageError::Aborted(Abort::Write { action: action.to_string(), words: words.to_string() })
        }
    }

    /// True when the browser did not store a write (full storage, an
    /// aborted transaction, a closed database): nothing of it was kept.
    pub fn not_stored(&self) -> bool {
        matches!(self, StorageError::QuotaExceeded { .. } | StorageError::Aborted(_))
    }

    /// True when the edit was refused because what it changes is no longer
    /// what the person saw (changed or deleted elsewhere).
    pub fn is_stale(&self) -> bool {
        matches!(self, StorageError::Stale(_) | StorageError::Missing(_))
    }
}

/// The advice that ends every message about a write the browser refused.
const NOT_STORED_ADVICE: &str = "Nothing was changed. Free space on this computer (or storage the browser keeps for other sites) and try again; export a backup once there is room.";

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Stale(message) | StorageError::Missing(message) | StorageError::Browser(message) => {
                f.write_str(message)
            }
            StorageError::NewerFormat { found, supported } => write!(
                f,
                "This workspace was saved by a newer version of AgencyDesk (data format {found}, this version reads up to {supported}). Reload the page to get the newer version."
            ),
            StorageError::QuotaExceeded { action } => write!(
                f,
                "Could not {action}: the browser refused to store more data: this site's storage is full. {NOT_STORED_ADVICE}"
            ),
            StorageError::Aborted(Abort::Write { action, words }) => write!(
                f,
                "Could not {action}: the browser did not store it ({words}); this happens when the disk or this site's storage is full, or when the browser is closing the database. {NOT_STORED_ADVICE}"
            ),
            StorageError::Aborted(Abort::Closed) => f.write_str(
                "Could not use the browser's storage: the browser closed this workspace's saved data after a write failed (the disk may be full). Nothing was changed. Try again in a moment; if it keeps failing, free space on this computer and reload the page.",
            ),
            StorageError::Aborted(Abort::Worded(message)) => f.write_str(message),
        }
    }
}

impl std::error::Error for StorageError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_told_apart_from_another_abort() {
        let full = StorageError::refused("save the changes", &Cause("QuotaExceededError: no room.".into()));
        assert_eq!(full, StorageError::QuotaExceeded { action: "save the changes".into() });
        assert_eq!(
            full.to_string(),
            "Could not save the changes: the browser refused to store more data: this site's storage is full. Nothing was changed. Free space on this computer (or storage the browser keeps for other sites) and try again; export a backup once there is room."
        );
        let aborted = StorageError::refused("save the trainee", &Cause(format!("{ABORTED}.")));
        assert!(matches!(&aborted, StorageError::Aborted(Abort::Write { words, .. }) if words == ABORTED));
        assert_eq!(
            aborted.to_string(),
            "Could not save the trainee: the browser did not store it (it cancelled the write before storing it); this happens when the disk or this site's storage is full, or when the browser is closing the database. Nothing was changed. Free space on this computer (or storage the browser keeps for other sites) and try again; export a backup once there is room."
        );
        assert!(full.not_stored() && aborted.not_stored());
        assert!(!full.is_stale());
    }

    #[test]
    fn a_newer_format_names_both_versions() {
        let e = StorageError::NewerFormat { found: 9, supported: 6 };
        assert_eq!(
            e.to_string(),
            "This workspace was saved by a newer version of AgencyDesk (data format 9, this version reads up to 6). Reload the page to get the newer version."
        );
        assert!(!e.not_stored() && !e.is_stale());
    }

    #[test]
    fn worded_kinds_show_their_words() {
        assert_eq!(
            StorageError::new("read the saved trainees", "bad").to_string(),
            "Could not read the saved trainees: bad"
        );
        assert_eq!(StorageError::Stale("\"Acme\" was changed".into()).to_string(), "\"Acme\" was changed");
        assert!(StorageError::Missing("gone".into()).is_stale());
        assert!(StorageError::refused_now("lost").not_stored());
        assert!(StorageError::Aborted(Abort::Closed).to_string().contains("Nothing was changed"));
        assert!(!StorageError::plain("not open").not_stored());
    }
}

//! The data steps: changes in the *shape* of stored records, in order.
//!
//! IndexedDB's upgrade (see [`super::schema`]) only creates object stores;
//! reshaping records is a data step, run after the database is open at the
//! current schema version. The setting [`DATA_VERSION`] holds the data
//! format the records are in, which is the `format` of the last step done;
//! a workspace without it is in [`BASE_FORMAT`]. Each step writes its
//! records and its `format` in one transaction, so it is either complete or
//! not started, and running it again after a crash is safe.
//!
//! Data formats and schema versions are two numberings: data format 2 is
//! what schema versions 1 and 2 stored, and each step names the schema
//! version that introduced the stores or the shape it writes.
//!
//! | data step (format) | schema version | what it does                                   |
//! |--------------------|----------------|------------------------------------------------|
//! | 3                  | 3              | policies move into their account's record      |
//! | 4                  | 5              | nothing (see [`Step::Nothing`])                |
//! | 5                  | 6              | account records move into pages                |
//! | 6                  | 6              | a book without a tracking start gets one       |
//! | 7                  | 8              | team sync's records move into pages            |
//!
//! [`DATA_VERSION`]: super::settings::DATA_VERSION

use super::schema::{ACCOUNT_PAGES, ACCOUNTS, HISTORY, POLICIES, RENEWALS, SETTINGS, SYNC_DOCS, StoreDef};

/// What a data step does (the browser half runs it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Each account record takes its policies; the policies store is
    /// emptied. Policies whose account is missing are kept under one extra
    /// account (see [`crate::domain::records::group`]).
    PoliciesIntoAccounts,
    /// Nothing. This step was to write a `sort_name` into every account
    /// record for schema version 5's name index; the pages of step 5 made
    /// the index unnecessary and rewrite every record anyway. The format
    /// number stays, since workspaces already record it.
    Nothing,
    /// The account records move into pages (see
    /// [`crate::domain::records::pages`]); the accounts store is emptied.
    AccountsIntoPages,
    /// A workspace that had a book before renewal tracking existed gets a
    /// tracking start (the earliest day an account was saved or an item
    /// ticked: about when its first import was), so the milestones its team
    /// worked before the app are not all reported overdue. A workspace that
    /// already has one, or no book, is left as it is.
    TrackingStart,
    /// Team sync's records, one stored value per document until now, move
    /// into pages (see [`super::sync::SyncPage`]): a first download of a
    /// book of 5,000 accounts wrote 5,000 values, and the browser's cost is
    /// per value. A workspace that never synced has none and is unchanged.
    /// From this format on, pages are written as bytes (see
    /// `storage::pages`); pages of either kind read, so the book's pages are
    /// left as they are until they are next written.
    SyncIntoPages,
}

/// One data step: the data format it brings the records to, the schema
/// version it belongs to, what it does and the stores it writes in.
#[derive(Clone, Copy, Debug)]
pub struct DataStep {
    /// The data format the records are in once this step is done (what
    /// [`super::settings::DATA_VERSION`] then holds).
    pub format: u32,
    /// The schema version that introduced what this step writes.
    pub schema: u32,
    pub step: Step,
    /// The stores of its one transaction.
    pub stores: &'static [StoreDef],
}

/// The data format of a workspace that records none: what schema versions
/// 1 and 2 stored.
pub const BASE_FORMAT: u32 = 2;

/// Every data step, in the order they run. Append; never renumber.
pub const STEPS: &[DataStep] = &[
    DataStep { format: 3, schema: 3, step: Step::PoliciesIntoAccounts, stores: &[ACCOUNTS, POLICIES, SETTINGS] },
    DataStep { format: 4, schema: 5, step: Step::Nothing, stores: &[] },
    DataStep { format: 5, schema: 6, step: Step::AccountsIntoPages, stores: &[ACCOUNTS, ACCOUNT_PAGES, SETTINGS] },
    DataStep { format: 6, schema: 6, step: Step::TrackingStart, stores: &[ACCOUNT_PAGES, RENEWALS, SETTINGS] },
    DataStep { format: 7, schema: 8, step: Step::SyncIntoPages, stores: &[SYNC_DOCS, SETTINGS] },
];

/// The data format this build writes.
pub const CURRENT: u32 = match STEPS.last() {
    Some(step) => step.format,
    None => BASE_FORMAT,
};

/// The steps that bring records in format `at` to [`CURRENT`], in order;
/// `Err(at)` when `at` is newer than this build reads.
pub fn steps_from(at: u32) -> Result<&'static [DataStep], u32> {
    if at > CURRENT {
        return Err(at);
    }
    Ok(match STEPS.iter().position(|s| s.format > at) {
        Some(first) => &STEPS[first..],
        None => &[],
    })
}

/// Checks that `steps` follow `base` one format at a time, that each one's
/// schema version exists in `schema` and is not older than the previous
/// step's, and that the stores it writes exist in that version and in the
/// last one (where it runs).
pub fn check_steps(base: u32, steps: &[DataStep], schema: &[super::schema::SchemaVersion]) -> Result<(), String> {
    let mut format = base;
    let mut version = 0;
    let last = schema.last().ok_or("the schema history is empty")?;
    for step in steps {
        if step.format != format + 1 {
            return Err(format!("data step {} follows format {format}: formats go up one at a time", step.format));
        }
        let Some(own) = schema.iter().find(|v| v.version == step.schema) else {
            return Err(format!(
                "data step {} names schema version {}, which does not exist",
                step.format, step.schema
            ));
        };
        if step.schema < version {
            return Err(format!("data step {} names an older schema version than the step before it", step.format));
        }
        for store in step.stores {
            for v in [own, last] {
                if !v.stores.iter().any(|s| s.name == store.name) {
                    return Err(format!(
                        "data step {} writes store \"{}\", which schema version {} does not have",
                        step.format, store.name, v.version
                    ));
                }
            }
        }
        format = step.format;
        version = step.schema;
    }
    Ok(())
}

/// The shipped steps, checked against the shipped schema history.
pub fn check() -> Result<(), String> {
    check_steps(BASE_FORMAT, STEPS, HISTORY)
}

#[cfg(test)]
mod tests {
    use super::super::schema::{SchemaVersion, TRAINEES, current};
    use super::*;

    #[test]
    fn the_shipped_steps_are_consistent() {
        check().unwrap();
    }

    #[test]
    fn the_numbers_browsers_already_have_stay() {
        let table: Vec<(u32, u32, Step)> = STEPS.iter().map(|s| (s.format, s.schema, s.step)).collect();
        assert_eq!(
            table,
            [
                (3, 3, Step::PoliciesIntoAccounts),
                (4, 5, Step::Nothing),
                (5, 6, Step::AccountsIntoPages),
                (6, 6, Step::TrackingStart),
                (7, 8, Step::SyncIntoPages),
            ]
        );
        assert_eq!(BASE_FORMAT, 2);
        assert_eq!(CURRENT, 7);
        assert_eq!(current().version, 8, "schema 7 added the sync stores; 8 goes with data step 7");
    }

    #[test]
    fn the_steps_to_run_depend_on_the_stored_format() {
        let formats = |at| steps_from(at).map(|s| s.iter().map(|s| s.format).collect::<Vec<_>>());
        assert_eq!(formats(BASE_FORMAT), Ok(vec![3, 4, 5, 6, 7]));
        assert_eq!(formats(4), Ok(vec![5, 6, 7]));
        assert_eq!(formats(6), Ok(vec![7]));
        assert_eq!(formats(CURRENT), Ok(vec![]));
        assert_eq!(formats(CURRENT + 1), Err(CURRENT + 1));
    }

    #[test]
    fn a_skipped_format_is_refused() {
        let bad = [STEPS[0], STEPS[2]];
        assert!(check_steps(BASE_FORMAT, &bad, HISTORY).unwrap_err().contains("one at a time"));
    }

    #[test]
    fn a_step_must_name_a_schema_version_that_has_its_stores() {
        let unknown = [DataStep { schema: 9, ..STEPS[0] }];
        assert!(check_steps(BASE_FORMAT, &unknown, HISTORY).unwrap_err().contains("does not exist"));
        let early = [DataStep { stores: &[TRAINEES], schema: 2, ..STEPS[0] }];
        assert!(check_steps(BASE_FORMAT, &early, HISTORY).unwrap_err().contains("\"trainees\""));
        let backwards = [STEPS[0], DataStep { schema: 2, ..STEPS[1] }];
        assert!(check_steps(BASE_FORMAT, &backwards, HISTORY).unwrap_err().contains("older schema version"));
    }

    #[test]
    fn a_step_must_write_only_stores_the_current_schema_keeps() {
        const GONE: StoreDef = StoreDef { name: "gone", key_path: "id", indexes: &[] };
        let history = [
            SchemaVersion { version: 1, stores: &[SETTINGS, GONE] },
            SchemaVersion { version: 2, stores: &[SETTINGS] },
        ];
        let step = [DataStep { format: 3, schema: 1, step: Step::Nothing, stores: &[GONE] }];
        assert!(check_steps(BASE_FORMAT, &step, &history).unwrap_err().contains("schema version 2"));
    }
}

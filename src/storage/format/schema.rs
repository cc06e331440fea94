//! The IndexedDB schema, version by version.
//!
//! IndexedDB (through rexie) deletes any object store that the version being
//! opened does not declare, records included. So each version lists *every*
//! store it has, and [`check_history`] (run by a native test) refuses a
//! history in which a later version forgets a store an earlier one had.

/// An object store: its name and the record field that is its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreDef {
    pub name: &'static str,
    pub key_path: &'static str,
    /// Secondary indexes: (index name, key path).
    pub indexes: &'static [(&'static str, &'static str)],
}

/// One schema version: its number and every store it has.
#[derive(Clone, Copy, Debug)]
pub struct SchemaVersion {
    pub version: u32,
    pub stores: &'static [StoreDef],
}

/// Key/value settings of a workspace (agency name, as-of date, ...).
pub const SETTINGS: StoreDef = StoreDef { name: "settings", key_path: "key", indexes: &[] };

/// Client accounts, by id. From version 3 each record holds the account
/// and its policies ([`crate::domain::records::AccountRecord`]). Version 6
/// moved them into [`ACCOUNT_PAGES`]; the store stays declared, and empty.
pub const ACCOUNTS: StoreDef = StoreDef { name: "accounts", key_path: "id", indexes: &[("by_name", "sort_name")] };
/// The accounts store before version 5 added the name index.
const ACCOUNTS_V2: StoreDef = StoreDef { name: "accounts", key_path: "id", indexes: &[] };
/// Policies, by id, with an index on their account (versions 1–2). Version 3
/// moved them into their account's record; the store stays declared, and
/// empty, because a version that leaves a store out deletes it.
pub const POLICIES: StoreDef = StoreDef { name: "policies", key_path: "id", indexes: &[("by_account", "account_id")] };
/// The account records, a page of them per stored value (from version 6;
/// see [`crate::domain::records::pages`]): `{id: "p07", data: "<JSON>"}`.
pub const ACCOUNT_PAGES: StoreDef = StoreDef { name: "account_pages", key_path: "id", indexes: &[] };
/// People in training, by id (from version 3).
pub const TRAINEES: StoreDef = StoreDef { name: "trainees", key_path: "id", indexes: &[] };
/// What the team recorded per renewal: ticked items, notes, outcome (from version 4).
pub const RENEWALS: StoreDef = StoreDef { name: "renewals", key_path: "id", indexes: &[] };
/// Team sync's outbox: one entry per write, naming the documents it
/// touched (from version 7; see [`super::sync`]).
pub const SYNC_OUTBOX: StoreDef = StoreDef { name: "sync_outbox", key_path: "id", indexes: &[] };
/// Team sync's record of each synced document: server revision and base
/// (from version 7). From data format 7 the records are kept a page at a
/// time, like the accounts (see [`super::sync::SyncPage`]).
pub const SYNC_DOCS: StoreDef = StoreDef { name: "sync_docs", key_path: "id", indexes: &[] };
/// Team sync's disagreements waiting for the user, by document (from
/// version 7).
pub const SYNC_CONFLICTS: StoreDef = StoreDef { name: "sync_conflicts", key_path: "id", indexes: &[] };
/// Copies of the whole workspace taken before a restore replaces it.
pub const SAFETY_COPIES: StoreDef = StoreDef { name: "safety_copies", key_path: "id", indexes: &[] };

/// The stores of schema versions 7 and 8 (8 changes no store; see its note
/// in [`HISTORY`]).
const WITH_SYNC: &[StoreDef] = &[
    SETTINGS,
    ACCOUNTS,
    POLICIES,
    SAFETY_COPIES,
    TRAINEES,
    RENEWALS,
    ACCOUNT_PAGES,
    SYNC_OUTBOX,
    SYNC_DOCS,
    SYNC_CONFLICTS,
];

/// Every schema version, oldest first. Append; never edit a published one.
pub const HISTORY: &[SchemaVersion] = &[
    SchemaVersion { version: 1, stores: &[SETTINGS] },
    SchemaVersion { version: 2, stores: &[SETTINGS, ACCOUNTS_V2, POLICIES, SAFETY_COPIES] },
    // Adds trainees. Data step 3 (see `super::steps`) moves
    // policies into account records; the bump also makes tabs still running
    // older code close their connection instead of writing the old shape.
    SchemaVersion { version: 3, stores: &[SETTINGS, ACCOUNTS_V2, POLICIES, SAFETY_COPIES, TRAINEES] },
    // Adds renewal records.
    SchemaVersion { version: 4, stores: &[SETTINGS, ACCOUNTS_V2, POLICIES, SAFETY_COPIES, TRAINEES, RENEWALS] },
    // Adds the accounts' name index on a `sort_name` field. Schema
    // version 6's pages made the index unnecessary and data step 5
    // rewrites every account record, so data step 4, meant to write
    // `sort_name`, does nothing (see `super::steps`). The index stays
    // declared on the now empty store.
    SchemaVersion { version: 5, stores: &[SETTINGS, ACCOUNTS, POLICIES, SAFETY_COPIES, TRAINEES, RENEWALS] },
    // Adds account pages; data step 5 moves every account record into its
    // page and empties the accounts store.
    SchemaVersion {
        version: 6,
        stores: &[SETTINGS, ACCOUNTS, POLICIES, SAFETY_COPIES, TRAINEES, RENEWALS, ACCOUNT_PAGES],
    },
    // Adds team sync's outbox, its record of synced documents and the
    // disagreements waiting for the user; all start empty, so no data step
    // goes with it.
    SchemaVersion { version: 7, stores: WITH_SYNC },
    // The same stores. Data step 7 (see `super::steps`) puts the sync
    // records into pages; the bump makes tabs still running older code
    // close their connection instead of writing one record per document.
    SchemaVersion { version: 8, stores: WITH_SYNC },
];

/// The version the app opens databases at.
pub fn current() -> &'static SchemaVersion {
    HISTORY.last().expect("the schema history is never empty")
}

/// Checks that versions strictly increase and that no version drops a store
/// (or changes its key) that an earlier version had.
pub fn check_history(history: &[SchemaVersion]) -> Result<(), String> {
    if history.is_empty() {
        return Err("the schema history is empty".into());
    }
    for pair in history.windows(2) {
        let (old, new) = (&pair[0], &pair[1]);
        if new.version <= old.version {
            return Err(format!("version {} follows version {}: versions must increase", new.version, old.version));
        }
        for store in old.stores {
            match new.stores.iter().find(|s| s.name == store.name) {
                None => {
                    return Err(format!(
                        "version {} does not declare store \"{}\" from version {}: opening it would delete that store's records",
                        new.version, store.name, old.version
                    ));
                }
                Some(s) if s.key_path != store.key_path => {
                    return Err(format!("version {} changes the key of store \"{}\"", new.version, store.name));
                }
                Some(_) => {}
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_history_is_consistent() {
        check_history(HISTORY).unwrap();
        assert_eq!(current().version, HISTORY.len() as u32);
    }

    #[test]
    fn a_version_that_forgets_a_store_is_refused() {
        const OTHER: StoreDef = StoreDef { name: "accounts", key_path: "id", indexes: &[] };
        let bad = [
            SchemaVersion { version: 1, stores: &[SETTINGS, OTHER] },
            SchemaVersion { version: 2, stores: &[SETTINGS] },
        ];
        let err = check_history(&bad).unwrap_err();
        assert!(err.contains("\"accounts\""), "{err}");
    }

    #[test]
    fn versions_must_increase() {
        let bad =
            [SchemaVersion { version: 2, stores: &[SETTINGS] }, SchemaVersion { version: 2, stores: &[SETTINGS] }];
        assert!(check_history(&bad).unwrap_err().contains("must increase"));
    }

    #[test]
    fn a_changed_key_is_refused() {
        const RENAMED: StoreDef = StoreDef { name: "settings", key_path: "name", indexes: &[] };
        let bad = [SchemaVersion { version: 1, stores: &[SETTINGS] }, SchemaVersion { version: 2, stores: &[RENAMED] }];
        assert!(check_history(&bad).unwrap_err().contains("changes the key"));
    }
}

//! Opening a workspace's IndexedDB database at the current schema version.

use super::schema::{self, SchemaVersion};
use rexie::{Index, ObjectStore, Rexie};
use std::fmt;

/// What kind of failure a [`StorageError`] is, so a caller can tell a
/// stale edit from a write the browser refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The browser did not store the write (storage full, a transaction
    /// aborted, a request refused): nothing of it was kept.
    Refused,
    /// The record changed in another tab or window since this one read it;
    /// nothing was written.
    Stale,
    /// Anything else (reading, a check of the data, the database not open).
    Other,
}

/// A storage failure, worded for the person using the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageError {
    pub message: String,
    pub kind: ErrorKind,
}

impl StorageError {
    pub(crate) fn new(action: &str, cause: impl fmt::Display) -> Self {
        StorageError { message: format!("Could not {action}: {cause}"), kind: ErrorKind::Other }
    }

    /// A failure whose message is already worded for the user.
    pub fn plain(message: impl Into<String>) -> Self {
        StorageError { message: message.into(), kind: ErrorKind::Other }
    }

    /// A save refused because the record changed elsewhere meanwhile.
    pub fn stale(message: impl Into<String>) -> Self {
        StorageError { message: message.into(), kind: ErrorKind::Stale }
    }

    /// A write that could not even start, worded already.
    pub fn refused_now(message: impl Into<String>) -> Self {
        StorageError { message: message.into(), kind: ErrorKind::Refused }
    }

    /// `action` was not stored, for `cause`: nothing of it was kept.
    pub(crate) fn refused(action: &str, cause: &Cause) -> Self {
        let words = cause.0.trim_end_matches('.');
        let why = if words.contains("QuotaExceeded") {
            "the browser refused to store more data: this site's storage is full".to_string()
        } else {
            format!(
                "the browser did not store it ({words}); this happens when the disk or this site's storage is full, or when the browser is closing the database"
            )
        };
        StorageError {
            message: format!(
                "Could not {action}: {why}. Nothing was changed. Free space on this computer (or storage the browser keeps for other sites) and try again; export a backup once there is room."
            ),
            kind: ErrorKind::Refused,
        }
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<rexie::Error> for StorageError {
    fn from(e: rexie::Error) -> Self {
        let words = describe(&e);
        if words.contains("connection is closing") {
            // The browser closes a database after a write fails on a full
            // disk; ui::sync then shows a banner asking for a reload.
            return StorageError {
                message: "Could not use the browser's storage: the browser closed this workspace's saved data after a write failed (the disk may be full). Nothing was changed. Try again in a moment; if it keeps failing, free space on this computer and reload the page.".into(),
                kind: ErrorKind::Refused,
            };
        }
        StorageError::new("use the browser's storage", words)
    }
}

/// What went wrong in the browser's storage, in its own words: rexie's
/// own text for a failed request is only "idb error", the browser's
/// exception (say "QuotaExceededError: …") is underneath it.
pub(crate) fn describe(e: &rexie::Error) -> String {
    match e {
        rexie::Error::IdbError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}

/// Why a write failed, before it is worded as a [`StorageError`] for the
/// action that failed.
#[derive(Debug)]
pub(crate) struct Cause(pub String);

impl From<rexie::Error> for Cause {
    fn from(e: rexie::Error) -> Self {
        Cause(describe(&e))
    }
}

/// The browser's words when it aborts a transaction without naming an
/// exception (the abort event carries none that rexie passes on).
pub(crate) const ABORTED: &str = "it cancelled the write before storing it";

/// Waits for a read-write transaction to end. The transaction is the only
/// proof that a write happened: an aborted one is a failure, never a
/// success, whatever each request said before.
pub(crate) async fn commit(tx: rexie::Transaction) -> Result<(), Cause> {
    match tx.done().await? {
        rexie::TransactionResult::Committed => Ok(()),
        rexie::TransactionResult::Aborted => Err(Cause(ABORTED.into())),
    }
}

/// Ends a write transaction: commits it when every request of `result`
/// succeeded, aborts it otherwise. Either way an error names `action` and
/// says that nothing was changed; a transaction the browser aborted at
/// commit (storage full, say) is such an error too.
pub(crate) async fn finish(
    tx: rexie::Transaction,
    result: Result<(), Cause>,
    action: &str,
) -> Result<(), StorageError> {
    let outcome = match result {
        Ok(()) => commit(tx).await,
        Err(cause) => {
            let _ = tx.abort().await;
            Err(cause)
        }
    };
    outcome.map_err(|cause| StorageError::refused(action, &cause))
}

/// The IndexedDB database name of a workspace.
pub fn database_name(workspace_id: &str) -> String {
    format!("agency-desk-{workspace_id}")
}

/// Opens (creating or upgrading as needed) a workspace's database at `version`
/// of the schema history.
pub async fn open_at(workspace_id: &str, version: &SchemaVersion) -> Result<Rexie, StorageError> {
    let mut builder = Rexie::builder(&database_name(workspace_id)).version(version.version);
    for store in version.stores {
        let mut object_store = ObjectStore::new(store.name).key_path(store.key_path);
        for (name, key_path) in store.indexes {
            object_store = object_store.add_index(Index::new(name, key_path));
        }
        builder = builder.add_object_store(object_store);
    }
    builder.build().await.map_err(|e| {
        StorageError::new(
            "open the workspace's saved data (another tab may hold an older version open, or the browser refuses storage)",
            describe(&e),
        )
    })
}

/// Opens a workspace's database at the current schema version and brings
/// its records to the current data format.
pub async fn open_workspace(workspace_id: &str) -> Result<Rexie, StorageError> {
    let db = open_at(workspace_id, schema::current()).await?;
    if let Err(e) = super::migrate::run(&db).await {
        db.close();
        return Err(e);
    }
    Ok(db)
}

//! Opening a workspace's IndexedDB database at the current schema version.

use super::schema::{self, SchemaVersion};
use rexie::{Index, ObjectStore, Rexie};
use std::fmt;

/// A storage failure, worded for the person using the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StorageError {
    pub message: String,
}

impl StorageError {
    pub(crate) fn new(action: &str, cause: impl fmt::Display) -> Self {
        StorageError { message: format!("Could not {action}: {cause}") }
    }
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<rexie::Error> for StorageError {
    fn from(e: rexie::Error) -> Self {
        StorageError::new("use the browser's storage", describe(&e))
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
            e,
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

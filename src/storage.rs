//! Everything that touches IndexedDB lives under this module, in two halves.
//!
//! The pure half, compiled and tested natively: [`error`] (what can go
//! wrong, by kind) and [`format`] (the schema history, the data steps and
//! the settings with their encoding).
//!
//! The browser half, in dependency order (a module uses only those listed
//! before it, and the pure half):
//! `codec` (Rust values to and from the browser's), [`outbox`] (team
//! sync's queue, written inside each write's transaction), `tx` (ending write
//! transactions, the revision-checked update), `pages` (account pages) and
//! [`settings`] (the typed settings store), then the records: [`book`],
//! [`trainees`], [`renewals`], [`synced`] (the outbox read and cleared,
//! each document's last synced version), then [`migrate`] (runs the data steps) and
//! last [`workspace`] (the one way to open a database; loading, backup and
//! restore).

pub mod error;
pub mod format;

pub use error::{Abort, StorageError};
pub use format::schema;

#[cfg(target_arch = "wasm32")]
pub mod book;
#[cfg(target_arch = "wasm32")]
mod codec;
#[cfg(target_arch = "wasm32")]
pub mod migrate;
#[cfg(target_arch = "wasm32")]
pub mod outbox;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
pub mod renewals;
#[cfg(target_arch = "wasm32")]
pub mod settings;
#[cfg(target_arch = "wasm32")]
pub mod synced;
#[cfg(target_arch = "wasm32")]
pub mod trainees;
#[cfg(target_arch = "wasm32")]
mod tx;
#[cfg(target_arch = "wasm32")]
pub mod workspace;

#[cfg(target_arch = "wasm32")]
pub use workspace::{database_name, open_at, open_workspace};

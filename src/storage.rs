//! Everything that touches IndexedDB lives under this module.
//!
//! [`schema`] (pure, tested natively) says which object stores each database
//! version has; `db` opens a workspace's database with it and `settings`
//! reads and writes the key/value settings store, `book` the accounts with
//! their policies, and `migrate` runs the data steps between versions
//! (all browser only).

pub mod schema;

#[cfg(target_arch = "wasm32")]
pub mod book;
#[cfg(target_arch = "wasm32")]
mod db;
#[cfg(target_arch = "wasm32")]
pub mod migrate;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
pub mod renewals;
#[cfg(target_arch = "wasm32")]
pub mod settings;
#[cfg(target_arch = "wasm32")]
pub mod trainees;

#[cfg(target_arch = "wasm32")]
pub use db::{ErrorKind, StorageError, database_name, open_at, open_workspace};

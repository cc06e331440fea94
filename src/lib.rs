//! AgencyDesk: a book-of-business workbench for independent insurance agencies.
//!
//! The crate is split the way data flows (see `ARCHITECTURE.md`):
//!
//! * [`domain`] – plain Rust: dates, routes, calculations. No DOM, no storage.
//!   Compiled and tested natively with `cargo test`.
//! * `storage` – the only code that talks to IndexedDB (browser only).
//! * `ui` – Leptos components that render state and call the two above
//!   (browser only).

pub mod charts;
pub mod domain;
pub mod routes;
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The version the app reports in Settings and in backups.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// The product name shown in the header and the document title.
pub const PRODUCT_NAME: &str = "AgencyDesk";

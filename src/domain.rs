//! Pure domain logic: no DOM, no IndexedDB, no clock.
//!
//! "Today" is never read from a clock in here; callers pass the app's as-of
//! date (see [`as_of`]) so that every date rule is testable.

pub mod activity;
pub mod advisor;
pub mod as_of;
pub mod backup;
pub mod book;
pub mod changes;
pub mod csv_safe;
pub mod dates;
pub mod demo;
pub mod entry;
pub mod export;
pub mod import;
pub mod money;
pub mod profitability;
pub mod records;
pub mod renewals;
pub mod rereads;
pub mod revision;
pub mod roles;
pub mod search;
pub mod sync;

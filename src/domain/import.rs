//! Importing an agency-management-system export (CSV or XLSX).
//!
//! The steps, each a pure function:
//! 1. [`table::read_file`] turns the file into a [`table::Table`] of text cells;
//! 2. [`mapping::auto_map`] maps its columns to [`mapping::Field`]s by header,
//!    which the user may then correct;
//! 3. [`preview::preview`] validates every row: each is accepted into an
//!    account (rows sharing a client name form one account) or rejected with
//!    its line number, field and reason;
//! 4. [`plan::plan`] turns an accepted preview into the records to write,
//!    merging into or replacing the existing book. Storage then writes them
//!    in one transaction.

pub mod job;
pub mod mapping;
pub mod plan;
pub mod preview;
pub mod skip;
pub mod table;

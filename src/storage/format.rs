//! The pure half of storage: what is stored and in which shape, with no
//! browser in sight, so all of it is compiled and tested natively.
//!
//! [`schema`] lists the object stores of every schema version, [`steps`]
//! the data steps between data formats with the schema version each belongs
//! to, and [`settings`] the settings (each key with its value's type) and
//! the one encoding of a settings record.

pub mod schema;
pub mod settings;
pub mod steps;
pub mod sync;

//! Small pieces shared by several pages.

mod empty_state;
pub mod files;

pub use empty_state::EmptyState;

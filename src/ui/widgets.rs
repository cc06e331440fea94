//! Small pieces shared by several pages.

mod empty_state;
pub mod files;
pub mod form_message;
pub mod slices;

pub use empty_state::EmptyState;
pub use form_message::{FormMessage, Message, take};

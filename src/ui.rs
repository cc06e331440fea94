//! The Leptos user interface: renders state, calls the domain and storage.

mod advisor;
mod book;
pub mod conflicts;
mod dashboard;
mod onboarding;
mod profitability;
mod renewals;
mod renewals_plan;
mod service_worker;
mod settings;
mod shell;
mod state;
mod sync;
pub mod team_sync;
mod widgets;

pub use shell::App;
pub use state::AppState;

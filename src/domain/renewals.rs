//! The renewal countdown: the Client Service Plan's milestones for every
//! renewal of the book, counted from the as-of date.
//!
//! - [`plan`]: the plan template (from `src/content/client_service_plan.json`),
//!   the roles that own its items, and the due date of each milestone.
//! - [`board`]: renewals formed from the book (an account's policies that
//!   expire on the same day), their countdown column, progress and flags.
//! - [`export`]: the milestones as CSV and as an iCalendar file.
//! - [`expirations`]: the renewals expiring in a date range (the X list).
//! - [`stewardship`]: the stewardship report's service team, policies and
//!   who delivered each service.
//! - [`workload`]: open items due per person per week.

pub mod board;
pub mod expirations;
pub mod export;
pub mod lead_times;
pub mod lifecycle;
pub mod plan;
pub mod plans;
pub mod record;
pub mod retention;
pub mod stewardship;
pub mod tracking;
pub mod workload;

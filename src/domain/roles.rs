//! Role-expectation checklists for onboarding.
//!
//! - [`library`]: the roles (from `src/content/role_library.json`), their
//!   tasks and the expectations at each tenure level; edits, copies, reset
//!   and role files.
//! - [`progress`]: a trainee's status, self-checks, trainer verifications,
//!   level sign-offs and history, with the progress figures.
//! - [`team`]: the trainees × tasks matrix and its CSV.

pub mod level;
pub mod library;
pub mod progress;
pub mod team;
pub mod trainee;

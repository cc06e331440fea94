//! The tracking start: the day the agency began keeping its renewals here.

use chrono::NaiveDate;

/// When the agency began tracking renewals here: the as-of date of its
/// first import unless it set another. Milestones due before it were the
/// team's work before the app and are not reported as overdue; nor are
/// renewals already inside their lead time then flagged as not started.
pub type Tracking = Option<NaiveDate>;

/// Whether a milestone due on `due` falls before the tracking start.
pub fn before_tracking(due: NaiveDate, tracking: Tracking) -> bool {
    tracking.is_some_and(|t| due < t)
}

//! The three levels of a role and what tenure calls for.
//!
//! The role pages define three levels by tenure: new in role (months 0–3),
//! meeting expectations (months 3–6) and exceeding expectations (after
//! month 6). A level is due at the end of its period: the day before the
//! 3-month (6-month) anniversary of the start date.
//!
//! ```
//! use agency_desk::domain::roles::level::{expected_level, Level};
//! use chrono::NaiveDate;
//! let start = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
//! let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
//! assert_eq!(expected_level(start, d(4, 29)), Level::New);
//! assert_eq!(expected_level(start, d(4, 30)), Level::Meeting);
//! ```

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The three levels of the role pages, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// New in role, 0–3 months.
    New,
    /// Meeting expectations, 3–6 months.
    Meeting,
    /// Exceeding expectations, 6 months and beyond.
    Exceeding,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::New, Level::Meeting, Level::Exceeding];

    /// The code used in `data-level` attributes and exports.
    pub fn code(self) -> &'static str {
        match self {
            Level::New => "new",
            Level::Meeting => "meeting",
            Level::Exceeding => "exceeding",
        }
    }

    /// The heading the role pages use.
    pub fn label(self) -> &'static str {
        match self {
            Level::New => "New in role (0–3 months)",
            Level::Meeting => "Meeting expectations (3–6 months)",
            Level::Exceeding => "Exceeding expectations (6+ months)",
        }
    }

    /// A short name for tight spaces ("New in role", "Meeting", "Exceeding").
    pub fn short(self) -> &'static str {
        match self {
            Level::New => "New in role",
            Level::Meeting => "Meeting",
            Level::Exceeding => "Exceeding",
        }
    }

    /// Months after the start date at which the level's period ends (None:
    /// ongoing).
    fn ends_after_months(self) -> Option<u32> {
        match self {
            Level::New => Some(3),
            Level::Meeting => Some(6),
            Level::Exceeding => None,
        }
    }
}

/// The date `months` after `start`; a start on the 31st lands on the last
/// day of a shorter month.
fn anniversary(start: NaiveDate, months: u32) -> NaiveDate {
    start.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The last day of `level`'s period (None for the ongoing last level).
pub fn level_due(start: NaiveDate, level: Level) -> Option<NaiveDate> {
    level.ends_after_months().map(|m| anniversary(start, m).pred_opt().unwrap_or(NaiveDate::MIN))
}

/// The level tenure calls for on `as_of`. Before the start date a trainee
/// is treated as new in role.
pub fn expected_level(start: NaiveDate, as_of: NaiveDate) -> Level {
    if as_of < anniversary(start, 3) {
        Level::New
    } else if as_of < anniversary(start, 6) {
        Level::Meeting
    } else {
        Level::Exceeding
    }
}

/// Whole months of tenure on `as_of` (0 before the first monthly
/// anniversary or before the start).
pub fn tenure_months(start: NaiveDate, as_of: NaiveDate) -> u32 {
    let mut months = 0;
    while months < 1200 && anniversary(start, months + 1) <= as_of {
        months += 1;
    }
    months
}

/// Tenure in words: "starts in 5 days", "2 weeks", "4 months".
pub fn tenure_text(start: NaiveDate, as_of: NaiveDate) -> String {
    if as_of < start {
        let days = (start - as_of).num_days();
        return format!("starts in {days} day{}", if days == 1 { "" } else { "s" });
    }
    match tenure_months(start, as_of) {
        0 => {
            let weeks = (as_of - start).num_days() / 7;
            if weeks == 0 { "first week".into() } else { format!("{weeks} week{}", if weeks == 1 { "" } else { "s" }) }
        }
        1 => "1 month".into(),
        m => format!("{m} months"),
    }
}

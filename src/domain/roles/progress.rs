//! A trainee's progress through a role: a status per expectation item on a
//! fixed scale, the trainee's own check, the trainer's verification, level
//! sign-offs that lock a level, and the history of every change.
//!
//! Every change goes through a method of [`Progress`] that checks it (a
//! locked level cannot change; the trainer verifies only what they have
//! seen, so an item must be at least Observed first and stays so while
//! verified; undoing a verification or reopening a level needs a reason)
//! and appends an [`Event`] to the history. Training activities are marked
//! done (and back) with the name and date of whoever recorded it.
//!
//! ```
//! use agency_desk::domain::roles::library::RoleLibrary;
//! use agency_desk::domain::roles::progress::{Progress, Stamp, Status};
//! use chrono::NaiveDate;
//! let role = RoleLibrary::original().roles[0].clone();
//! let item = role.tasks[0].levels.new.items[0].key.clone();
//! let stamp = Stamp { by: "Elena Ortiz", on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(), at: "2026-11-02T15:00:00Z" };
//! let mut p = Progress::default();
//! p.set_status(&role, &item, Status::Observed, &stamp).unwrap();
//! p.verify(&role, &item, "", &stamp).unwrap();
//! assert_eq!(p.item(&item).verified.as_ref().unwrap().by, "Elena Ortiz");
//! assert_eq!(p.history.len(), 2);
//! ```

use super::library::{Item, Role, Task};
use crate::domain::roles::level::{Level, level_due};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far along an item is: a fixed scale, no free-text grades.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    NotStarted,
    Learning,
    Observed,
    Independent,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::NotStarted, Status::Learning, Status::Observed, Status::Independent];

    pub fn label(self) -> &'static str {
        match self {
            Status::NotStarted => "Not started",
            Status::Learning => "Learning",
            Status::Observed => "Observed",
            Status::Independent => "Independent",
        }
    }

    /// The code used in attributes and exports.
    pub fn code(self) -> &'static str {
        match self {
            Status::NotStarted => "not-started",
            Status::Learning => "learning",
            Status::Observed => "observed",
            Status::Independent => "independent",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The lowest status at which the trainer may verify an item: they
    /// have seen the trainee do it.
    pub const VERIFIABLE: Status = Status::Observed;

    /// True when an item at this status can be verified.
    pub fn verifiable(self) -> bool {
        self >= Status::VERIFIABLE
    }
}

/// Why an item at `status` cannot be verified yet (None: it can).
pub fn not_verifiable_reason(status: Status) -> Option<String> {
    (!status.verifiable()).then(|| {
        format!(
            "Set the status to {} (or {}) before verifying: the trainer verifies what they have seen the trainee do; this item is {}.",
            Status::Observed.label(),
            Status::Independent.label(),
            status.label()
        )
    })
}

/// Who signed something, on which day, with an optional note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub by: String,
    pub on: NaiveDate,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Where one item stands.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemProgress {
    #[serde(default)]
    pub status: Status,
    /// The trainee's own check.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_check: Option<SignOff>,
    /// The trainer's verification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<SignOff>,
}

/// A level signed off as complete (and so locked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelSignOff {
    pub level: Level,
    #[serde(flatten)]
    pub sign_off: SignOff,
}

/// One recorded change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// When (RFC 3339).
    pub at: String,
    pub by: String,
    /// The item changed (None for a level sign-off).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Level>,
    /// What changed, in words.
    pub what: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A training activity marked done: the task, its position among the
/// task's training activities (from 1), its text when it was marked, and
/// who recorded it on which day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDone {
    pub task: String,
    pub number: usize,
    pub activity: String,
    pub by: String,
    pub on: NaiveDate,
}

/// Who is making a change and when: the person, the date recorded on
/// sign-offs and the moment recorded in the history.
#[derive(Clone, Copy, Debug)]
pub struct Stamp<'a> {
    pub by: &'a str,
    pub on: NaiveDate,
    pub at: &'a str,
}

/// A trainee's whole record of progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// By item key.
    #[serde(default)]
    pub items: BTreeMap<String, ItemProgress>,
    /// Levels signed off and locked.
    #[serde(default)]
    pub levels: Vec<LevelSignOff>,
    #[serde(default)]
    pub history: Vec<Event>,
    /// Training activities marked done (absent in records of earlier
    /// versions).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ActivityDone>,
}

/// Counts behind the two progress figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub items: usize,
    pub self_checked: usize,
    pub verified: usize,
}

impl Figures {
    fn percent(part: usize, whole: usize) -> u32 {
        (part * 100).checked_div(whole).unwrap_or(0) as u32
    }

    /// Self-checked items in whole percent (rounded down: 100% means all).
    pub fn self_percent(&self) -> u32 {
        Figures::percent(self.self_checked, self.items)
    }

    /// Trainer-verified items in whole percent (rounded down).
    pub fn verified_percent(&self) -> u32 {
        Figures::percent(self.verified, self.items)
    }

    /// "Self-checked 40% · Verified 25%".
    pub fn text(&self) -> String {
        format!("Self-checked {}% · Verified {}%", self.self_percent(), self.verified_percent())
    }
}

static NOT_STARTED: ItemProgress = ItemProgress { status: Status::NotStarted, self_check: None, verified: None };

fn required(text: &str, what: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() { Err(format!("Give a reason for {what}; it is kept in the history.")) } else { Ok(t.to_string()) }
}

impl Progress {
    /// Where an item stands (not started when nothing was recorded).
    pub fn item(&self, key: &str) -> &ItemProgress {
        self.items.get(key).unwrap_or(&NOT_STARTED)
    }

    /// The sign-off of a level, if it is signed off (and so locked).
    pub fn level_sign_off(&self, level: Level) -> Option<&SignOff> {
        self.levels.iter().find(|l| l.level == level).map(|l| &l.sign_off)
    }

    fn find<'r>(role: &'r Role, key: &str) -> Result<(&'r Task, Level, &'r Item), String> {
        role.items()
            .find(|(_, _, i)| i.key == key)
            .ok_or_else(|| format!("This item is no longer part of the {} role.", role.name))
    }

    /// The item's level, refusing a change while it is locked.
    fn open_level(&self, role: &Role, key: &str) -> Result<Level, String> {
        let (_, level, _) = Progress::find(role, key)?;
        if let Some(s) = self.level_sign_off(level) {
            return Err(format!(
                "{} was signed off by {} on {} and is locked; reopen it (with a reason) to change its items.",
                level.label(),
                s.by,
                s.on.format("%b %-d, %Y")
            ));
        }
        Ok(level)
    }

    fn record(
        &mut self,
        stamp: &Stamp,
        item: Option<&str>,
        level: Option<Level>,
        what: String,
        reason: Option<String>,
    ) {
        self.history.push(Event {
            at: stamp.at.to_string(),
            by: stamp.by.trim().to_string(),
            item: item.map(str::to_string),
            level,
            what,
            reason,
        });
    }

    /// Sets an item's status. A verified item cannot go below
    /// [`Status::VERIFIABLE`]: undo the verification first.
    pub fn set_status(&mut self, role: &Role, key: &str, status: Status, stamp: &Stamp) -> Result<(), String> {
        let level = self.open_level(role, key)?;
        let before = self.item(key).status;
        if before == status {
            return Ok(());
        }
        if self.item(key).verified.is_some() && !status.verifiable() {
            return Err(format!(
                "This item is verified, so its status stays {} or {}; undo the verification (with a reason) to set it to {}.",
                Status::Observed.label(),
                Status::Independent.label(),
                status.label()
            ));
        }
        self.items.entry(key.to_string()).or_default().status = status;
        self.record(stamp, Some(key), Some(level), format!("Status {} → {}", before.label(), status.label()), None);
        Ok(())
    }

    /// The trainee checks an item off as done (or takes the check back).
    pub fn self_check(&mut self, role: &Role, key: &str, checked: bool, stamp: &Stamp) -> Result<(), String> {
        let level = self.open_level(role, key)?;
        if self.item(key).self_check.is_some() == checked {
            return Ok(());
        }
        let entry = self.items.entry(key.to_string()).or_default();
        entry.self_check =
            checked.then(|| SignOff { by: stamp.by.trim().to_string(), on: stamp.on, note: String::new() });
        let what = if checked { "Checked off by the trainee" } else { "Trainee's check taken back" };
        self.record(stamp, Some(key), Some(level), what.into(), None);
        Ok(())
    }

    /// The trainer verifies an item, with an optional note. The item must
    /// be at least [`Status::VERIFIABLE`].
    pub fn verify(&mut self, role: &Role, key: &str, note: &str, stamp: &Stamp) -> Result<(), String> {
        let level = self.open_level(role, key)?;
        if stamp.by.trim().is_empty() {
            return Err("Enter the trainer's name before verifying.".into());
        }
        if self.item(key).verified.is_some() {
            return Err("This item is already verified.".into());
        }
        if let Some(reason) = not_verifiable_reason(self.item(key).status) {
            return Err(reason);
        }
        let sign = SignOff { by: stamp.by.trim().to_string(), on: stamp.on, note: note.trim().to_string() };
        self.items.entry(key.to_string()).or_default().verified = Some(sign);
        let what = if note.trim().is_empty() {
            "Verified by the trainer".to_string()
        } else {
            format!("Verified by the trainer: {}", note.trim())
        };
        self.record(stamp, Some(key), Some(level), what, None);
        Ok(())
    }

    /// Takes a verification back; needs a reason.
    pub fn unverify(&mut self, role: &Role, key: &str, reason: &str, stamp: &Stamp) -> Result<(), String> {
        let level = self.open_level(role, key)?;
        let reason = required(reason, "undoing a sign-off")?;
        let Some(previous) = self.items.get_mut(key).and_then(|p| p.verified.take()) else {
            return Err("This item is not verified.".into());
        };
        let what = format!("Verification by {} on {} undone", previous.by, previous.on.format("%b %-d, %Y"));
        self.record(stamp, Some(key), Some(level), what, Some(reason));
        Ok(())
    }

    /// Signs a level off as complete, which locks it. Every item of the
    /// level must be verified first.
    pub fn sign_off_level(&mut self, role: &Role, level: Level, note: &str, stamp: &Stamp) -> Result<(), String> {
        if self.level_sign_off(level).is_some() {
            return Err(format!("{} is already signed off.", level.label()));
        }
        if stamp.by.trim().is_empty() {
            return Err("Enter the trainer's name before signing off.".into());
        }
        let open = role.items_at(level).filter(|(_, i)| self.item(&i.key).verified.is_none()).count();
        if open > 0 {
            return Err(format!(
                "{open} item{} of {} {} not verified yet; verify every item before signing the level off.",
                if open == 1 { "" } else { "s" },
                level.label(),
                if open == 1 { "is" } else { "are" }
            ));
        }
        let sign_off = SignOff { by: stamp.by.trim().to_string(), on: stamp.on, note: note.trim().to_string() };
        self.levels.push(LevelSignOff { level, sign_off });
        self.levels.sort_by_key(|l| l.level);
        self.record(stamp, None, Some(level), format!("{} signed off as complete and locked", level.label()), None);
        Ok(())
    }

    /// Reopens a signed-off level; needs a reason.
    pub fn reopen_level(&mut self, level: Level, reason: &str, stamp: &Stamp) -> Result<(), String> {
        let reason = required(reason, "reopening a level")?;
        let before = self.levels.len();
        self.levels.retain(|l| l.level != level);
        if self.levels.len() == before {
            return Err(format!("{} is not signed off.", level.label()));
        }
        self.record(stamp, None, Some(level), format!("{} reopened", level.label()), Some(reason));
        Ok(())
    }
}

mod activities;
mod figures;

#[cfg(test)]
mod tests;

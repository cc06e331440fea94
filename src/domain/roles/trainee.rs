//! New hires in training: who they are, the role they learn, when they
//! started, who trains them, and their progress.

use super::library::Role;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A person learning a role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trainee {
    pub id: String,
    pub name: String,
    /// The role being learned, by name (e.g. "Client Manager").
    pub role: String,
    pub start_date: NaiveDate,
    pub trainer: String,
    #[serde(default)]
    pub revision: u32,
    #[serde(default)]
    pub updated_at: String,
    /// Checklist progress, sign-offs and their history.
    #[serde(default)]
    pub progress: super::progress::Progress,
}

impl Trainee {
    /// The keys of the items of `role` behind schedule on `as_of` (see
    /// [`super::progress::Progress::behind`]), in the role's order: what the
    /// checklist and the walkthrough flag.
    pub fn behind_keys(&self, role: &Role, as_of: NaiveDate) -> Vec<String> {
        self.progress.behind(role, self.start_date, as_of).into_iter().map(|(_, _, item)| item.key.clone()).collect()
    }
}

/// Checks the fields of the trainee form (name, role, start date as
/// `YYYY-MM-DD`, trainer), naming the first one that is missing or wrong.
pub fn trainee_fields(
    name: &str,
    role: &str,
    start: &str,
    trainer: &str,
) -> Result<(String, String, NaiveDate, String), String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Enter the trainee's name.".into());
    }
    if role.trim().is_empty() {
        return Err("Choose the role the trainee is learning.".into());
    }
    let start = NaiveDate::parse_from_str(start.trim(), "%Y-%m-%d")
        .map_err(|_| "Enter the start date (the day the trainee began in the role).".to_string())?;
    let trainer = trainer.trim();
    if trainer.is_empty() {
        return Err("Enter the trainer's name.".into());
    }
    Ok((name.to_string(), role.trim().to_string(), start, trainer.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::level::*;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn levels_change_on_the_three_and_six_month_anniversaries() {
        let start = d(2026, 3, 15);
        assert_eq!(expected_level(start, d(2026, 3, 15)), Level::New);
        assert_eq!(expected_level(start, d(2026, 6, 14)), Level::New);
        assert_eq!(expected_level(start, d(2026, 6, 15)), Level::Meeting);
        assert_eq!(expected_level(start, d(2026, 9, 14)), Level::Meeting);
        assert_eq!(expected_level(start, d(2026, 9, 15)), Level::Exceeding);
        assert_eq!(expected_level(start, d(2030, 1, 1)), Level::Exceeding);
        assert_eq!(expected_level(start, d(2026, 1, 1)), Level::New, "not started yet");
    }

    #[test]
    fn due_dates_are_the_last_day_of_each_period_including_month_ends() {
        let start = d(2026, 3, 15);
        assert_eq!(level_due(start, Level::New), Some(d(2026, 6, 14)));
        assert_eq!(level_due(start, Level::Meeting), Some(d(2026, 9, 14)));
        assert_eq!(level_due(start, Level::Exceeding), None);
        // Nov 30 + 3 months is Feb 28 (2027 is not a leap year).
        assert_eq!(level_due(d(2026, 11, 30), Level::New), Some(d(2027, 2, 27)));
        // In a leap year it is Feb 29.
        assert_eq!(level_due(d(2027, 11, 30), Level::New), Some(d(2028, 2, 28)));
        assert_eq!(expected_level(d(2027, 11, 30), d(2028, 2, 29)), Level::Meeting);
    }

    #[test]
    fn tenure_in_months_and_words() {
        let start = d(2026, 1, 31);
        assert_eq!(tenure_months(start, d(2026, 2, 27)), 0);
        assert_eq!(tenure_months(start, d(2026, 2, 28)), 1);
        assert_eq!(tenure_months(start, d(2026, 7, 31)), 6);
        assert_eq!(tenure_text(start, d(2026, 1, 25)), "starts in 6 days");
        assert_eq!(tenure_text(start, d(2026, 2, 3)), "first week");
        assert_eq!(tenure_text(start, d(2026, 2, 14)), "2 weeks");
        assert_eq!(tenure_text(start, d(2026, 3, 31)), "2 months");
    }

    #[test]
    fn training_activities_travel_in_backups_and_older_records_still_read() {
        use crate::domain::backup::{self, BackupData};
        use crate::domain::roles::library::RoleLibrary;
        use crate::domain::roles::progress::Stamp;
        let library = RoleLibrary::original();
        let role = library.role("Client Manager").unwrap();
        let mut t = Trainee {
            id: "t1".into(),
            name: "Avery".into(),
            role: role.name.clone(),
            start_date: d(2026, 9, 1),
            trainer: "Elena".into(),
            revision: 1,
            updated_at: String::new(),
            progress: Default::default(),
        };
        let stamp = Stamp { by: "Elena", on: d(2026, 11, 2), at: "2026-11-02T15:00:00Z" };
        t.progress.mark_activity(role, &role.tasks[2].key, 1, true, &stamp).unwrap();
        let data = BackupData { agency_name: "Lakeside".into(), trainees: vec![t.clone()], ..Default::default() };
        let text = backup::write(&data, "main", 2, "0.1.0", "2026-11-22T00:00:00Z");
        let back = backup::read(&text, 2).unwrap();
        assert_eq!(back.data.trainees, vec![t.clone()]);
        let done = back.data.trainees[0].progress.activity_done(&role.tasks[2].key, 1).unwrap();
        assert_eq!((done.by.as_str(), done.on), ("Elena", d(2026, 11, 2)));
        // A trainee stored by an earlier version (no activities) reads as before.
        let old = r#"{"id":"t2","name":"Maya","role":"Client Advocate","start_date":"2026-10-01","trainer":"Sam","progress":{"items":{},"levels":[],"history":[]}}"#;
        let maya: Trainee = serde_json::from_str(old).unwrap();
        assert!(maya.progress.activities.is_empty());
    }

    #[test]
    fn behind_keys_name_the_unverified_items_of_ended_levels_in_role_order() {
        use crate::domain::roles::library::RoleLibrary;
        use crate::domain::roles::progress::{Stamp, Status};
        let library = RoleLibrary::original();
        let role = library.role("Client Manager").unwrap();
        let mut t = Trainee {
            id: "t1".into(),
            name: "Avery".into(),
            role: role.name.clone(),
            start_date: d(2026, 3, 15),
            trainer: "Elena".into(),
            revision: 1,
            updated_at: String::new(),
            progress: Default::default(),
        };
        // The new-in-role period ends on Jun 14: nothing is behind that day.
        assert!(t.behind_keys(role, d(2026, 6, 14)).is_empty());
        let new_keys: Vec<String> = role.items_at(Level::New).map(|(_, i)| i.key.clone()).collect();
        assert_eq!(t.behind_keys(role, d(2026, 6, 15)), new_keys);
        // A verified item is no longer behind; the others keep their order.
        let stamp = Stamp { by: "Elena", on: d(2026, 6, 1), at: "2026-06-01T10:00:00Z" };
        t.progress.set_status(role, &new_keys[1], Status::Observed, &stamp).unwrap();
        t.progress.verify(role, &new_keys[1], "", &stamp).unwrap();
        let mut expected = new_keys.clone();
        expected.remove(1);
        assert_eq!(t.behind_keys(role, d(2026, 6, 15)), expected);
        // The start date counts, not the progress alone: a later start is not behind yet.
        t.start_date = d(2026, 5, 1);
        assert!(t.behind_keys(role, d(2026, 6, 15)).is_empty());
    }

    #[test]
    fn the_trainee_form_names_the_missing_field() {
        assert!(trainee_fields(" ", "Client Manager", "2026-01-05", "Elena").unwrap_err().contains("name"));
        assert!(trainee_fields("Avery", "", "2026-01-05", "Elena").unwrap_err().contains("role"));
        assert!(trainee_fields("Avery", "Client Manager", "01/05/2026", "Elena").unwrap_err().contains("start date"));
        assert!(trainee_fields("Avery", "Client Manager", "2026-01-05", " ").unwrap_err().contains("trainer"));
        let ok = trainee_fields(" Avery ", "Client Manager", "2026-01-05", "Elena").unwrap();
        assert_eq!(ok, ("Avery".to_string(), "Client Manager".to_string(), d(2026, 1, 5), "Elena".to_string()));
    }
}

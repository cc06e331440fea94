//! The team view: every trainee against every task of their role, with the
//! level reached (self-checked) and the level verified by the trainer.
//!
//! ```
//! use agency_desk::domain::roles::library::RoleLibrary;
//! use agency_desk::domain::roles::team::{matrix, TEAM_COLUMNS};
//! use agency_desk::domain::roles::trainee::Trainee;
//! use chrono::NaiveDate;
//! let library = RoleLibrary::original();
//! let t = Trainee { id: "t1".into(), name: "Avery".into(), role: "Client Manager".into(),
//!     start_date: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(), trainer: "Elena".into(),
//!     revision: 0, updated_at: String::new(), progress: Default::default() };
//! let rows = matrix(&[t], &library, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
//! assert_eq!(rows.len(), 6); // one per Client Manager task
//! assert_eq!(TEAM_COLUMNS[0], "trainee");
//! ```

use super::library::{Role, RoleLibrary};
use super::progress::Figures;
use crate::domain::csv_safe::SafeWriter;
use crate::domain::roles::level::{Level, expected_level};
use crate::domain::roles::trainee::Trainee;
use chrono::NaiveDate;

/// One trainee on one task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub trainee_id: String,
    pub trainee: String,
    pub role: String,
    pub trainer: String,
    pub expected: Level,
    pub task_key: String,
    pub task: String,
    /// Highest level with every item (and every lower level's) self-checked.
    pub reached: Option<Level>,
    /// The same, verified by the trainer.
    pub verified: Option<Level>,
    pub self_percent: u32,
    pub verified_percent: u32,
    /// Items of this task behind schedule (see [`super::progress::Progress::behind`]).
    pub behind: usize,
}

/// Where a trainee stands in their role on a day: both progress figures
/// over the whole role and the number of items behind schedule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Standing {
    pub figures: Figures,
    pub behind: usize,
}

/// The trainee's [`Standing`] in `role` on `as_of`.
pub fn standing(trainee: &Trainee, role: &Role, as_of: NaiveDate) -> Standing {
    Standing {
        figures: trainee.progress.overall(role),
        behind: trainee.progress.behind(role, trainee.start_date, as_of).len(),
    }
}

/// The columns of the team CSV.
pub const TEAM_COLUMNS: [&str; 10] = [
    "trainee",
    "role",
    "trainer",
    "expected_level",
    "task",
    "level_reached",
    "level_verified",
    "self_checked_percent",
    "verified_percent",
    "behind_schedule_items",
];

/// One cell per trainee and task of their role, trainees in the given
/// order, tasks in the role's order. Trainees whose role is not in the
/// library are left out (the Onboarding page flags them).
pub fn matrix(trainees: &[Trainee], library: &RoleLibrary, as_of: NaiveDate) -> Vec<Cell> {
    let mut out = Vec::new();
    for t in trainees {
        let Some(role) = library.role(&t.role) else { continue };
        let expected = expected_level(t.start_date, as_of);
        let behind = t.progress.behind(role, t.start_date, as_of);
        for task in &role.tasks {
            let f = t.progress.task_figures(task, None);
            out.push(Cell {
                trainee_id: t.id.clone(),
                trainee: t.name.clone(),
                role: role.name.clone(),
                trainer: t.trainer.clone(),
                expected,
                task_key: task.key.clone(),
                task: task.title.clone(),
                reached: t.progress.level_reached(task, false),
                verified: t.progress.level_reached(task, true),
                self_percent: f.self_percent(),
                verified_percent: f.verified_percent(),
                behind: behind.iter().filter(|(of, ..)| of.key == task.key).count(),
            });
        }
    }
    out
}

/// The matrix as CSV, one row per trainee and task; levels by code
/// (`new`, `meeting`, `exceeding`, empty when none is reached).
pub fn team_csv(trainees: &[Trainee], library: &RoleLibrary, as_of: NaiveDate) -> String {
    let mut w = SafeWriter::new();
    w.row(TEAM_COLUMNS);
    for cell in matrix(trainees, library, as_of) {
        w.row([
            cell.trainee.as_str(),
            &cell.role,
            &cell.trainer,
            cell.expected.code(),
            &cell.task,
            cell.reached.map(Level::code).unwrap_or(""),
            cell.verified.map(Level::code).unwrap_or(""),
            &cell.self_percent.to_string(),
            &cell.verified_percent.to_string(),
            &cell.behind.to_string(),
        ]);
    }
    w.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::roles::progress::{Stamp, Status};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn trainee(id: &str, name: &str, role: &str, start: NaiveDate) -> Trainee {
        Trainee {
            id: id.into(),
            name: name.into(),
            role: role.into(),
            start_date: start,
            trainer: "Elena, Ortiz".into(),
            revision: 0,
            updated_at: String::new(),
            progress: Default::default(),
        }
    }

    #[test]
    fn the_csv_has_a_row_per_trainee_and_task_with_levels_and_figures() {
        let library = RoleLibrary::original();
        let role = library.role("Client Manager").unwrap();
        let mut avery = trainee("t1", "Avery Lund", "Client Manager", d(2026, 3, 1));
        let stamp = Stamp { by: "Elena", on: d(2026, 11, 1), at: "2026-11-01T10:00:00Z" };
        let first = &role.tasks[0];
        for (_, i) in first.items().filter(|(l, _)| *l == Level::New) {
            avery.progress.self_check(role, &i.key, true, &stamp).unwrap();
            avery.progress.set_status(role, &i.key, Status::Observed, &stamp).unwrap();
            avery.progress.verify(role, &i.key, "", &stamp).unwrap();
        }
        let maya = trainee("t2", "Maya Chen", "Client Advocate", d(2026, 10, 1));
        let stray = trainee("t3", "Nobody", "Underwriter", d(2026, 10, 1));
        let text = team_csv(&[avery, maya, stray], &library, d(2026, 11, 22));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), TEAM_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(
            rows.len(),
            6 + 8,
            "six Client Manager tasks, eight Client Advocate tasks, none for an unknown role"
        );
        assert_eq!(&rows[0][0], "Avery Lund");
        assert_eq!(&rows[0][2], "Elena, Ortiz", "a comma in a name is quoted, not split");
        assert_eq!(&rows[0][3], "exceeding");
        assert_eq!((&rows[0][5], &rows[0][6]), ("new", "new"));
        assert_eq!((&rows[0][7], &rows[0][8]), ("12", "12"));
        // Avery is past month 6: the rest of task 1's new and meeting items are behind.
        assert_eq!(&rows[0][9], &first.levels.meeting.items.len().to_string());
        assert_eq!((&rows[1][5], &rows[1][6]), ("", ""));
        assert_eq!(&rows[6][0], "Maya Chen");
        assert_eq!(&rows[6][9], "0", "Maya is still in her first three months");
    }

    #[test]
    fn standing_counts_both_figures_and_items_behind() {
        let library = RoleLibrary::original();
        let role = library.role("Client Advocate").unwrap();
        let mut t = trainee("t1", "Maya Chen", "Client Advocate", d(2026, 3, 1));
        let key = role.tasks[0].levels.new.items[0].key.clone();
        let stamp = Stamp { by: "Sam", on: d(2026, 11, 1), at: "2026-11-01T10:00:00Z" };
        t.progress.set_status(role, &key, Status::Independent, &stamp).unwrap();
        t.progress.verify(role, &key, "", &stamp).unwrap();
        let s = standing(&t, role, d(2026, 11, 22));
        assert_eq!((s.figures.items, s.figures.verified), (104, 1));
        // Past month 6: every new and meeting item but the verified one is behind.
        assert_eq!(s.behind, 11 + 13 + 16 + 14 + 15 + 12 + 20 + 3 - 1 - role.items_at(Level::Exceeding).count());
    }

    #[test]
    fn a_new_trainee_has_reached_no_level_of_any_task() {
        let library = RoleLibrary::original();
        let maya = trainee("t1", "Maya Chen", "Client Advocate", d(2026, 11, 20));
        let cells = matrix(&[maya], &library, d(2026, 11, 22));
        assert_eq!(cells.len(), 8);
        // Build Technical Acumen asks nothing before month 6; that is not "reached".
        let acumen = cells.iter().find(|c| c.task == "Build Technical Acumen").unwrap();
        assert_eq!((acumen.reached, acumen.verified), (None, None));
        assert!(cells.iter().all(|c| c.reached.is_none() && c.verified.is_none()));
        let text =
            team_csv(&[trainee("t1", "Maya Chen", "Client Advocate", d(2026, 11, 20))], &library, d(2026, 11, 22));
        let row = text.lines().find(|l| l.contains("Build Technical Acumen")).unwrap();
        assert!(row.contains("Build Technical Acumen,,,0,0,0"), "{row}");
    }

    #[test]
    fn formulas_in_names_are_written_as_text() {
        use crate::domain::csv_safe::HOSTILE;
        let library = RoleLibrary::original();
        let trainees: Vec<Trainee> = HOSTILE
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let mut t = trainee(&format!("t{i}"), name, "Client Manager", d(2026, 3, 1));
                t.trainer = "=PRODUCER()".into();
                t
            })
            .collect();
        let text = team_csv(&trainees, &library, d(2026, 11, 22));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 6 * HOSTILE.len());
        for r in &rows {
            assert!(r[0].starts_with('\'') && HOSTILE.contains(&&r[0][1..]), "{:?}", &r[0]);
            assert_eq!(&r[2], "'=PRODUCER()");
            assert_eq!(&r[7], "0", "figures stay numbers");
            assert!(r[9].parse::<usize>().is_ok(), "{:?}", &r[9]);
        }
    }
}

//! The role library: each role's core responsibilities and tasks, with the
//! expectations of every task at the three tenure levels and the knowledge,
//! skills, technology and training activities behind it.
//!
//! The original library comes from `src/content/role_library.json` (the
//! Client Manager and Client Advocate role pages). An agency edits its own
//! copy: tasks and items can be renamed, added, removed and reordered, roles
//! copied, and a role reset to the original. Expectation items keep a key
//! that never changes, so a trainee's progress follows an item through
//! rewording and reordering.
//!
//! A line that ends with a colon and introduces the lines after it ("…in
//! the following three behaviors:") is not an item of its own: it is the
//! [`Item::context`] of the items it introduces, shown above them and never
//! signed off. Libraries stored before this rule are read the same way.
//!
//! The library's text names the agency as [`AGENCY`]; what trainees read
//! comes from [`Role::for_agency`], with the workspace's own name (or
//! [`AGENCY_FALLBACK`]).
//!
//! ```
//! use agency_desk::domain::roles::library::RoleLibrary;
//! use agency_desk::domain::roles::level::Level;
//! let library = RoleLibrary::original();
//! let cm = library.role("Client Manager").unwrap();
//! assert_eq!(cm.tasks.len(), 6);
//! assert_eq!(cm.tasks[0].level(Level::New).items.len(), 1);
//! assert!(library.problems().is_empty());
//! ```

use crate::domain::roles::level::Level;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

mod role_file;
mod wording;
pub use role_file::{ROLE_FILE_FORMAT, ROLE_FILE_VERSION, file_stem, read_role_file, role_file};
use wording::*;
pub use wording::{AGENCY, AGENCY_FALLBACK, is_lead_in, name_agency};

/// The heading of the resource group whose entries can be marked done.
pub const TRAINING_ACTIVITIES: &str = "Training activities";

/// A checkable expectation of a task at one level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable key: progress is recorded against it.
    pub key: String,
    pub text: String,
    /// The lead-in line that introduces this item and the ones after it
    /// ("Has knowledge of …, which is foundational in the following three
    /// behaviors:"), shown above them; not signed off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

impl Item {
    /// A new item without a lead-in.
    pub fn new(key: impl Into<String>, text: impl Into<String>) -> Item {
        Item { key: key.into(), text: text.into(), context: None }
    }
}

/// A task's expectations at one level.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelPart {
    pub items: Vec<Item>,
    /// Shown in place of items when a level asks nothing of the role (e.g.
    /// "Not necessary to meet Client Advocate Expectations").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A heading of the knowledge, skills and resources beside a task, with
/// its entries (not checked off; shown to the trainer and trainee).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceGroup {
    pub heading: String,
    pub items: Vec<String>,
}

/// The three levels of a task.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Levels {
    pub new: LevelPart,
    pub meeting: LevelPart,
    pub exceeding: LevelPart,
}

/// One task of a role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub key: String,
    pub title: String,
    /// "Why it matters".
    pub why: String,
    pub levels: Levels,
    /// A note under the levels (e.g. what may overlap with senior roles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub footnote: Option<String>,
    #[serde(default)]
    pub resources: Vec<ResourceGroup>,
}

impl Task {
    /// The task's expectations at `level`.
    pub fn level(&self, level: Level) -> &LevelPart {
        match level {
            Level::New => &self.levels.new,
            Level::Meeting => &self.levels.meeting,
            Level::Exceeding => &self.levels.exceeding,
        }
    }

    /// The task's expectations at `level`, for editing.
    pub fn level_mut(&mut self, level: Level) -> &mut LevelPart {
        match level {
            Level::New => &mut self.levels.new,
            Level::Meeting => &mut self.levels.meeting,
            Level::Exceeding => &mut self.levels.exceeding,
        }
    }

    /// Every item of every level, with its level.
    pub fn items(&self) -> impl Iterator<Item = (Level, &Item)> {
        Level::ALL.into_iter().flat_map(move |l| self.level(l).items.iter().map(move |i| (l, i)))
    }

    /// The task's training activities (the entries under the
    /// [`TRAINING_ACTIVITIES`] heading), in order: they are marked done by
    /// their position, counted from 1.
    pub fn training_activities(&self) -> impl Iterator<Item = (usize, &str)> {
        self.resources
            .iter()
            .filter(|g| g.heading.trim().eq_ignore_ascii_case(TRAINING_ACTIVITIES))
            .flat_map(|g| g.items.iter().map(String::as_str))
            .enumerate()
            .map(|(i, a)| (i + 1, a))
    }

    /// The training activity at `number` (counted from 1).
    pub fn training_activity(&self, number: usize) -> Option<&str> {
        self.training_activities().find(|(n, _)| *n == number).map(|(_, a)| a)
    }
}

/// A role: what it is for and the tasks it is trained on.
///
/// Every role read (the bundled library, a stored one, a backup, a role
/// file) goes through [`Role::tidy`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RoleData")]
pub struct Role {
    /// Stable key (`client-manager`); copies get a new one.
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub intro: String,
    /// Core responsibilities.
    #[serde(default)]
    pub core: Vec<String>,
    pub tasks: Vec<Task>,
}

/// A role as written, before [`Role::tidy`].
#[derive(Deserialize)]
struct RoleData {
    key: String,
    name: String,
    #[serde(default)]
    intro: String,
    #[serde(default)]
    core: Vec<String>,
    tasks: Vec<Task>,
}

impl From<RoleData> for Role {
    fn from(d: RoleData) -> Role {
        let mut role = Role { key: d.key, name: d.name, intro: d.intro, core: d.core, tasks: d.tasks };
        role.tidy();
        role
    }
}

impl Role {
    /// Applies every text in the role (title, why, items and their
    /// lead-ins, notes, resources, core responsibilities).
    fn each_text(&mut self, f: impl Fn(&str) -> String) {
        self.intro = f(&self.intro);
        for c in &mut self.core {
            *c = f(c);
        }
        for task in &mut self.tasks {
            task.title = f(&task.title);
            task.why = f(&task.why);
            task.footnote = task.footnote.as_deref().map(&f);
            for level in Level::ALL {
                let part = task.level_mut(level);
                part.note = part.note.as_deref().map(&f);
                for item in &mut part.items {
                    item.text = f(&item.text);
                    item.context = item.context.as_deref().map(&f);
                }
            }
            for group in &mut task.resources {
                group.heading = f(&group.heading);
                for x in &mut group.items {
                    *x = f(x);
                }
            }
        }
    }

    /// Puts the role in the library's form: lead-in lines become the
    /// context of the items they introduce, and the role pages' agency
    /// names become [`AGENCY`]. Running it again changes nothing.
    pub fn tidy(&mut self) {
        for task in &mut self.tasks {
            for level in Level::ALL {
                let part = task.level_mut(level);
                part.items = fold_lead_ins(std::mem::take(&mut part.items));
            }
        }
        self.each_text(mark_agency);
    }

    /// The role as trainees read it: [`AGENCY`] replaced by the agency's
    /// name, or by [`AGENCY_FALLBACK`] when it has none (None or blank).
    /// Keys, order and structure are unchanged.
    pub fn for_agency(&self, agency: Option<&str>) -> Role {
        let name = agency.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(AGENCY_FALLBACK);
        let mut out = self.clone();
        out.each_text(|t| name_agency(t, name));
        out
    }

    /// Every item of the role with its task and level, in page order.
    pub fn items(&self) -> impl Iterator<Item = (&Task, Level, &Item)> {
        self.tasks.iter().flat_map(|t| t.items().map(move |(l, i)| (t, l, i)))
    }

    /// Every item of the role at `level`.
    pub fn items_at(&self, level: Level) -> impl Iterator<Item = (&Task, &Item)> {
        self.tasks.iter().flat_map(move |t| t.level(level).items.iter().map(move |i| (t, i)))
    }

    /// A copy named `name`, with fresh keys made from `prefix` so the copy's
    /// progress is its own.
    pub fn copy_as(&self, name: &str, prefix: &str) -> Role {
        let mut copy = self.clone();
        copy.key = prefix.to_string();
        copy.name = name.trim().to_string();
        for (ti, task) in copy.tasks.iter_mut().enumerate() {
            task.key = format!("{prefix}-{}", ti + 1);
            for level in Level::ALL {
                let task_key = task.key.clone();
                for (ii, item) in task.level_mut(level).items.iter_mut().enumerate() {
                    item.key = format!("{task_key}-{}-{}", level.code(), ii + 1);
                }
            }
        }
        copy
    }

    /// Problems that make the role unusable (empty: fine): no name, no
    /// tasks, blank titles or items, keys used twice.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let role = if self.name.trim().is_empty() { "A role".to_string() } else { format!("\"{}\"", self.name.trim()) };
        if self.name.trim().is_empty() {
            out.push("A role has no name.".to_string());
        }
        if self.key.trim().is_empty() {
            out.push(format!("{role} has no key."));
        }
        if self.tasks.is_empty() {
            out.push(format!("{role} has no tasks."));
        }
        let mut task_keys = HashSet::new();
        let mut item_keys = HashSet::new();
        for (ti, task) in self.tasks.iter().enumerate() {
            let name = format!("{role}, task {}", ti + 1);
            if task.title.trim().is_empty() {
                out.push(format!("{name}: the title is blank."));
            }
            if !task_keys.insert(task.key.as_str()) {
                out.push(format!("{name}: its key {} is used twice.", task.key));
            }
            for (level, item) in task.items() {
                if item.text.trim().is_empty() {
                    out.push(format!("{name}, {}: an item is blank.", level.label()));
                }
                if item.key.trim().is_empty() || !item_keys.insert(item.key.as_str()) {
                    out.push(format!(
                        "{name}, {}: the item key \"{}\" is missing or used twice.",
                        level.label(),
                        item.key
                    ));
                }
            }
        }
        out
    }
}

/// Every role of the agency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLibrary {
    #[serde(default)]
    pub source: String,
    pub roles: Vec<Role>,
}

impl RoleLibrary {
    /// The library as the role pages give it.
    pub fn original() -> RoleLibrary {
        serde_json::from_str(include_str!("../../content/role_library.json"))
            .expect("the bundled role library is valid JSON of the library's shape")
    }

    /// Every role as trainees read it (see [`Role::for_agency`]).
    pub fn for_agency(&self, agency: Option<&str>) -> RoleLibrary {
        RoleLibrary { source: self.source.clone(), roles: self.roles.iter().map(|r| r.for_agency(agency)).collect() }
    }

    /// A role by name or key (names are compared without case).
    pub fn role(&self, name_or_key: &str) -> Option<&Role> {
        let wanted = name_or_key.trim();
        self.roles
            .iter()
            .find(|r| r.key == wanted)
            .or_else(|| self.roles.iter().find(|r| r.name.trim().eq_ignore_ascii_case(wanted)))
    }

    /// The original version of a role, when it is one of the bundled roles.
    pub fn original_role(key: &str) -> Option<Role> {
        RoleLibrary::original().roles.into_iter().find(|r| r.key == key)
    }

    /// Puts the original version of role `key` back in place.
    pub fn reset_role(&mut self, key: &str) -> Result<(), String> {
        let original = RoleLibrary::original_role(key)
            .ok_or_else(|| "This role was added by the agency; there is no original to go back to.".to_string())?;
        match self.roles.iter_mut().find(|r| r.key == key) {
            Some(role) => *role = original,
            None => self.roles.push(original),
        }
        Ok(())
    }

    /// Adds `role` or replaces the role of the same key (a role file shared
    /// by another office). Refuses a role whose name another role has.
    pub fn put_role(&mut self, mut role: Role) -> Result<(), String> {
        role.tidy();
        let problems = role.problems();
        if !problems.is_empty() {
            return Err(problems.join(" "));
        }
        if self.roles.iter().any(|r| r.key != role.key && r.name.trim().eq_ignore_ascii_case(role.name.trim())) {
            return Err(format!("Another role is already named \"{}\"; rename one of them first.", role.name.trim()));
        }
        match self.roles.iter_mut().find(|r| r.key == role.key) {
            Some(existing) => *existing = role,
            None => self.roles.push(role),
        }
        Ok(())
    }

    /// Problems of every role, and role names used twice.
    pub fn problems(&self) -> Vec<String> {
        let mut out: Vec<String> = self.roles.iter().flat_map(Role::problems).collect();
        let mut names = HashSet::new();
        let mut keys = HashSet::new();
        for r in &self.roles {
            if !names.insert(r.name.trim().to_lowercase()) {
                out.push(format!("Two roles are named \"{}\".", r.name.trim()));
            }
            if !keys.insert(r.key.as_str()) {
                out.push(format!("Two roles have the key \"{}\".", r.key));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;

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
//! ```
//! use agency_desk::domain::roles::library::RoleLibrary;
//! use agency_desk::domain::trainees::Level;
//! let library = RoleLibrary::original();
//! let cm = library.role("Client Manager").unwrap();
//! assert_eq!(cm.tasks.len(), 6);
//! assert_eq!(cm.tasks[0].level(Level::New).items.len(), 1);
//! assert!(library.problems().is_empty());
//! ```

use crate::domain::trainees::Level;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A checkable expectation of a task at one level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable key: progress is recorded against it.
    pub key: String,
    pub text: String,
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
}

/// A role: what it is for and the tasks it is trained on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

impl Role {
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
                    out.push(format!("{name}, {}: the item key \"{}\" is missing or used twice.", level.label(), item.key));
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
        serde_json::from_str(include_str!("../../content/role_library.json")).expect("the bundled role library is valid JSON of the library's shape")
    }

    /// A role by name or key (names are compared without case).
    pub fn role(&self, name_or_key: &str) -> Option<&Role> {
        let wanted = name_or_key.trim();
        self.roles.iter().find(|r| r.key == wanted).or_else(|| self.roles.iter().find(|r| r.name.trim().eq_ignore_ascii_case(wanted)))
    }

    /// The original version of a role, when it is one of the bundled roles.
    pub fn original_role(key: &str) -> Option<Role> {
        RoleLibrary::original().roles.into_iter().find(|r| r.key == key)
    }

    /// Puts the original version of role `key` back in place.
    pub fn reset_role(&mut self, key: &str) -> Result<(), String> {
        let original = RoleLibrary::original_role(key).ok_or_else(|| "This role was added by the agency; there is no original to go back to.".to_string())?;
        match self.roles.iter_mut().find(|r| r.key == key) {
            Some(role) => *role = original,
            None => self.roles.push(original),
        }
        Ok(())
    }

    /// Adds `role` or replaces the role of the same key (a role file shared
    /// by another office). Refuses a role whose name another role has.
    pub fn put_role(&mut self, role: Role) -> Result<(), String> {
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

/// The format name written into a role file.
pub const ROLE_FILE_FORMAT: &str = "agency-desk-role";
/// The version of the role file format this build writes and reads.
pub const ROLE_FILE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct RoleFile {
    format: String,
    version: u32,
    role: Role,
}

/// A role as a file to share with another office.
pub fn role_file(role: &Role) -> String {
    serde_json::to_string_pretty(&RoleFile { format: ROLE_FILE_FORMAT.into(), version: ROLE_FILE_VERSION, role: role.clone() }).unwrap_or_default()
}

/// Reads a role file, checking its format, version and content.
pub fn read_role_file(text: &str) -> Result<Role, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("This is not a role file: it is not valid JSON ({e})."))?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(ROLE_FILE_FORMAT) => {}
        Some(other) => return Err(format!("This file is a \"{other}\" file, not a role file.")),
        None => return Err("This is not a role file: it has no \"format\" field.".into()),
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(ROLE_FILE_VERSION) {
        return Err(format!("This role file was written by a newer version of AgencyDesk (format version {version}); update the app to read it."));
    }
    let file: RoleFile = serde_json::from_value(value).map_err(|e| format!("The role file is damaged or incomplete: {e}."))?;
    let problems = file.role.problems();
    if !problems.is_empty() {
        return Err(format!("The role in this file cannot be used: {}", problems.join(" ")));
    }
    Ok(file.role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_original_library_has_both_roles_and_no_problems() {
        let lib = RoleLibrary::original();
        assert_eq!(lib.roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Client Manager", "Client Advocate"]);
        assert!(lib.problems().is_empty(), "{:?}", lib.problems());
        assert_eq!(lib.role("client advocate").unwrap().tasks.len(), 8);
        assert_eq!(lib.role("client-manager").unwrap().name, "Client Manager");
    }

    #[test]
    fn a_copied_role_gets_its_own_keys_and_can_be_added() {
        let mut lib = RoleLibrary::original();
        let copy = lib.roles[0].copy_as("Senior Client Manager", "senior-cm");
        assert_eq!(copy.items().count(), lib.roles[0].items().count());
        assert!(copy.items().all(|(_, _, i)| i.key.starts_with("senior-cm-")));
        lib.put_role(copy).unwrap();
        assert!(lib.problems().is_empty());
        let again = lib.roles[0].copy_as("senior client manager", "other");
        assert!(lib.put_role(again).unwrap_err().contains("already named"));
    }

    #[test]
    fn reset_puts_the_original_role_back_and_refuses_agency_roles() {
        let mut lib = RoleLibrary::original();
        lib.roles[1].tasks.remove(0);
        lib.roles[1].tasks[0].title = "Renamed".into();
        lib.reset_role("client-advocate").unwrap();
        assert_eq!(lib, RoleLibrary::original());
        let copy = lib.roles[0].copy_as("Copy", "copy");
        lib.put_role(copy).unwrap();
        assert!(lib.reset_role("copy").is_err());
    }

    #[test]
    fn role_files_round_trip_and_bad_files_are_explained() {
        let lib = RoleLibrary::original();
        let text = role_file(&lib.roles[1]);
        assert_eq!(read_role_file(&text).unwrap(), lib.roles[1]);
        assert!(read_role_file("not json").unwrap_err().contains("not valid JSON"));
        assert!(read_role_file(r#"{"format":"agency-desk-backup"}"#).unwrap_err().contains("not a role file"));
        let newer = text.replacen("\"version\": 1", "\"version\": 9", 1);
        assert!(read_role_file(&newer).unwrap_err().contains("newer version"));
        let mut blank = lib.roles[1].clone();
        blank.tasks[0].levels.new.items[0].text = " ".into();
        assert!(read_role_file(&role_file(&blank)).unwrap_err().contains("an item is blank"));
    }

    #[test]
    fn problems_name_blank_text_and_repeated_keys() {
        let mut role = RoleLibrary::original().roles[0].clone();
        role.tasks[1].title.clear();
        let dup = role.tasks[0].levels.new.items[0].clone();
        role.tasks[0].levels.meeting.items.push(dup);
        let problems = role.problems();
        assert!(problems.iter().any(|p| p.contains("task 2: the title is blank")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("used twice")), "{problems:?}");
    }
}

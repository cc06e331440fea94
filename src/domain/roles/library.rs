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

/// Stands for the agency's own name in the library's text.
pub const AGENCY: &str = "{agency}";
/// What trainees read in place of [`AGENCY`] when the workspace has no
/// name of its own.
pub const AGENCY_FALLBACK: &str = "the agency";
/// How the role pages name the agency that wrote them: read as [`AGENCY`]
/// wherever they stand as a word of their own (libraries stored by earlier
/// versions still carry them).
const SOURCE_AGENCY_NAMES: [&str; 2] = ["Christensen Group", "CG"];
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

/// True for a line that introduces the lines after it: it ends with a colon.
pub fn is_lead_in(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// Turns every lead-in line of a level that has items after it into the
/// context of those items (up to the next lead-in). A colon on the last
/// line introduces nothing, so that line stays an item.
fn fold_lead_ins(items: Vec<Item>) -> Vec<Item> {
    let n = items.len();
    let mut out = Vec::with_capacity(n);
    let mut lead: Option<String> = None;
    for (i, mut item) in items.into_iter().enumerate() {
        if is_lead_in(&item.text) && i + 1 < n {
            lead = Some(item.text.trim().to_string());
            continue;
        }
        if item.context.is_none() {
            item.context = lead.clone();
        }
        out.push(item);
    }
    out
}

/// `text` with every whole-word occurrence of `name` replaced by `by`.
fn replace_word(text: &str, name: &str, by: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].chars().next();
        let whole = !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..at]);
        out.push_str(if whole { by } else { name });
        rest = &rest[at + name.len()..];
    }
    out.push_str(rest);
    out
}

/// `text` with the role pages' own agency names written as [`AGENCY`].
fn mark_agency(text: &str) -> String {
    SOURCE_AGENCY_NAMES.iter().fold(text.to_string(), |t, name| replace_word(&t, name, AGENCY))
}

/// `text` with [`AGENCY`] replaced by `name`; a name that begins a
/// sentence begins with a capital ("The agency wins business …").
pub fn name_agency(text: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(AGENCY) {
        out.push_str(&rest[..at]);
        let sentence_start = out.trim_end().is_empty() || out.trim_end().ends_with(['.', '!', '?', ':']);
        let mut chars = name.chars();
        match chars.next() {
            Some(first) if sentence_start => {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
            _ => out.push_str(name),
        }
        rest = &rest[at + AGENCY.len()..];
    }
    out.push_str(rest);
    out
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

impl LevelPart {
    /// The items in runs that share a lead-in, in order: each run with its
    /// lead-in (None for items that have none).
    pub fn runs(&self) -> Vec<(Option<&str>, Vec<&Item>)> {
        let mut out: Vec<(Option<&str>, Vec<&Item>)> = Vec::new();
        for item in &self.items {
            let context = item.context.as_deref();
            match out.last_mut() {
                Some((c, run)) if *c == context => run.push(item),
                _ => out.push((context, vec![item])),
            }
        }
        out
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
    serde_json::to_string_pretty(&RoleFile {
        format: ROLE_FILE_FORMAT.into(),
        version: ROLE_FILE_VERSION,
        role: role.clone(),
    })
    .unwrap_or_default()
}

/// Reads a role file, checking its format, version and content.
pub fn read_role_file(text: &str) -> Result<Role, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("This is not a role file: it is not valid JSON ({e})."))?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(ROLE_FILE_FORMAT) => {}
        Some(other) => return Err(format!("This file is a \"{other}\" file, not a role file.")),
        None => return Err("This is not a role file: it has no \"format\" field.".into()),
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(ROLE_FILE_VERSION) {
        return Err(format!(
            "This role file was written by a newer version of AgencyDesk (format version {version}); update the app to read it."
        ));
    }
    let file: RoleFile =
        serde_json::from_value(value).map_err(|e| format!("The role file is damaged or incomplete: {e}."))?;
    let problems = file.role.problems();
    if !problems.is_empty() {
        return Err(format!("The role in this file cannot be used: {}", problems.join(" ")));
    }
    Ok(file.role)
}

#[cfg(test)]
mod tests;

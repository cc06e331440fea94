//! The documents of the agency's CouchDB database: their ids, which
//! settings are shared (and in which document), and each record's body.
//!
//! One document per record, under a stable id:
//!
//! | id | record |
//! |---|---|
//! | `account:<id>` | an account with its policies ([`AccountRecord`]) |
//! | `trainee:<id>` | a trainee with their progress ([`Trainee`]) |
//! | `renewal:<id>` | a renewal's record ([`RenewalRecord`]; its id is `<account>@<date>`) |
//! | `settings:<group>` | the shared settings of one [`SettingsGroup`] |
//!
//! A body is `{"_id": …, "type": "account" | "trainee" | "renewal" |
//! "settings", "data": <the record>, "changed": {"by": <user>, "at":
//! <time>}}`, with `_rev` once the server has given one; a deletion is
//! `{"_id", "_rev", "_deleted": true}`. `changed` names who made the
//! version and when, for the person settling a disagreement; it is never
//! merged. A settings
//! group's `data` is an object `{key: value}`.
//!
//! The settings that describe one browser (its as-of date, when its book
//! last changed, its last backup, its data format, the legacy single plan)
//! are never synced: [`is_local_only`]. `tests/sync_settings.rs` checks
//! that every setting the storage declares is either in a group or local.

use crate::domain::advisor::AdvisorAnswers;
use crate::domain::book::AgencyProfile;
use crate::domain::profitability::settings::ProfitSettings;
use crate::domain::records::AccountRecord;
use crate::domain::renewals::lead_times::LeadTimes;
use crate::domain::renewals::plans::PlanSet;
use crate::domain::renewals::record::RenewalRecord;
use crate::domain::roles::library::RoleLibrary;
use crate::domain::roles::trainee::Trainee;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::fmt;

/// A group of shared settings, kept in one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SettingsGroup {
    /// The agency's name, departments and staff.
    Agency,
    Profitability,
    /// Lead times and the tracking start.
    Renewals,
    /// The Client Service Plans.
    Plans,
    /// The role library.
    Roles,
    /// The service-model answers.
    Advisor,
}

impl SettingsGroup {
    pub const ALL: [SettingsGroup; 6] = [
        SettingsGroup::Agency,
        SettingsGroup::Profitability,
        SettingsGroup::Renewals,
        SettingsGroup::Plans,
        SettingsGroup::Roles,
        SettingsGroup::Advisor,
    ];

    /// The group's name in its document id (`settings:<name>`).
    pub fn name(self) -> &'static str {
        match self {
            SettingsGroup::Agency => "agency",
            SettingsGroup::Profitability => "profitability",
            SettingsGroup::Renewals => "renewals",
            SettingsGroup::Plans => "plans",
            SettingsGroup::Roles => "roles",
            SettingsGroup::Advisor => "advisor",
        }
    }

    /// The group named `name`.
    pub fn from_name(name: &str) -> Option<SettingsGroup> {
        SettingsGroup::ALL.into_iter().find(|g| g.name() == name)
    }

    /// The keys of the settings kept in this group's document.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            SettingsGroup::Agency => &["agency_name", "profile"],
            SettingsGroup::Profitability => &["profitability"],
            SettingsGroup::Renewals => &["renewal_leads", "tracking_start"],
            SettingsGroup::Plans => &["service_plans"],
            SettingsGroup::Roles => &["role_library"],
            SettingsGroup::Advisor => &["advisor"],
        }
    }
}

/// The settings that stay in the browser that saved them.
pub const LOCAL_ONLY: &[&str] =
    &["as_of_date", "last_change_at", "last_backup_at", "data_version", "service_plan", "sync_link", "sync_checkpoint"];

/// The group whose document holds setting `key`; `None` for a local or
/// unknown key.
pub fn group_of(key: &str) -> Option<SettingsGroup> {
    SettingsGroup::ALL.into_iter().find(|g| g.keys().contains(&key))
}

/// Whether setting `key` is never synced.
pub fn is_local_only(key: &str) -> bool {
    LOCAL_ONLY.contains(&key)
}

/// A document's id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocId {
    Account(String),
    Trainee(String),
    Renewal(String),
    Settings(SettingsGroup),
}

impl DocId {
    /// The kind before the first `:`, which is also the body's `type`.
    pub fn kind(&self) -> &'static str {
        match self {
            DocId::Account(_) => "account",
            DocId::Trainee(_) => "trainee",
            DocId::Renewal(_) => "renewal",
            DocId::Settings(_) => "settings",
        }
    }

    /// The id read back from its text. Only the first `:` separates the
    /// kind, so a record id may hold `:` itself.
    pub fn parse(text: &str) -> Result<DocId, DocError> {
        let fail = |why: &str| DocError::new(text, why);
        let Some((kind, rest)) = text.split_once(':') else {
            return Err(fail("its id has no kind (account:, trainee:, renewal: or settings:)"));
        };
        if rest.is_empty() {
            return Err(fail("its id names no record after the kind"));
        }
        match kind {
            "account" => Ok(DocId::Account(rest.to_string())),
            "trainee" => Ok(DocId::Trainee(rest.to_string())),
            "renewal" => Ok(DocId::Renewal(rest.to_string())),
            "settings" => SettingsGroup::from_name(rest)
                .map(DocId::Settings)
                .ok_or_else(|| fail(&format!("there is no settings group \"{rest}\""))),
            _ => Err(fail(&format!("\"{kind}\" is not a kind of document this app keeps"))),
        }
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocId::Account(id) | DocId::Trainee(id) | DocId::Renewal(id) => write!(f, "{}:{id}", self.kind()),
            DocId::Settings(group) => write!(f, "settings:{}", group.name()),
        }
    }
}

/// A document that cannot be read: its id (as written in it, or the one
/// expected) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocError {
    pub id: String,
    pub problem: String,
}

impl DocError {
    pub(crate) fn new(id: &str, problem: impl fmt::Display) -> Self {
        DocError { id: id.to_string(), problem: problem.to_string() }
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The shared document \"{}\" cannot be read: {}.", self.id, self.problem)
    }
}

impl std::error::Error for DocError {}

/// A record as it is synced.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Account(AccountRecord),
    Trainee(Trainee),
    Renewal(RenewalRecord),
    /// The values of a group's settings that are saved, by key.
    Settings(SettingsGroup, BTreeMap<String, Value>),
}

impl Record {
    /// The id of the record's document.
    pub fn doc_id(&self) -> DocId {
        match self {
            Record::Account(r) => DocId::Account(r.id.clone()),
            Record::Trainee(t) => DocId::Trainee(t.id.clone()),
            Record::Renewal(r) => DocId::Renewal(r.id.clone()),
            Record::Settings(group, _) => DocId::Settings(*group),
        }
    }

    /// The record as the document's `data` (what [`super::merge`] merges).
    pub fn data(&self) -> Value {
        let value = match self {
            Record::Account(r) => serde_json::to_value(r),
            Record::Trainee(t) => serde_json::to_value(t),
            Record::Renewal(r) => serde_json::to_value(r),
            Record::Settings(_, values) => Ok(Value::Object(values.clone().into_iter().collect())),
        };
        value.expect("records serialize to JSON")
    }

    /// The record of document `id` from its `data`, checked: of the kind
    /// the id says, with the id's record id, and (for settings) only
    /// settings of that group, each of its type.
    pub fn from_data(id: &DocId, data: &Value) -> Result<Record, DocError> {
        let name = id.to_string();
        let fail = |why: String| DocError::new(&name, why);
        match id {
            DocId::Account(want) => {
                let r: AccountRecord = typed(data, "an account").map_err(fail)?;
                same_id(&name, want, &r.id).map(|_| Record::Account(r))
            }
            DocId::Trainee(want) => {
                let t: Trainee = typed(data, "a trainee").map_err(fail)?;
                same_id(&name, want, &t.id).map(|_| Record::Trainee(t))
            }
            DocId::Renewal(want) => {
                let r: RenewalRecord = typed(data, "a renewal").map_err(fail)?;
                same_id(&name, want, &r.id).map(|_| Record::Renewal(r))
            }
            DocId::Settings(group) => {
                let Value::Object(values) = data else {
                    return Err(fail("its data is not an object of settings".into()));
                };
                for (key, value) in values {
                    check_setting(*group, key, value).map_err(&fail)?;
                }
                Ok(Record::Settings(*group, values.clone().into_iter().collect()))
            }
        }
    }
}

/// `data` as a `T`, or what is wrong with it.
fn typed<T: DeserializeOwned>(data: &Value, what: &str) -> Result<T, String> {
    T::deserialize(data).map_err(|e| format!("its data is not {what} ({e})"))
}

fn same_id(name: &str, want: &str, found: &str) -> Result<(), DocError> {
    if want == found { Ok(()) } else { Err(DocError::new(name, format!("its data is the record \"{found}\""))) }
}

/// Checks a setting of a group document: its key belongs to `group`, and
/// its value is of the setting's type. A key this version does not know is
/// kept as it is (a newer version may have added it).
fn check_setting(group: SettingsGroup, key: &str, value: &Value) -> Result<(), String> {
    if is_local_only(key) {
        return Err(format!("the setting \"{key}\" belongs to one browser and is never shared"));
    }
    match group_of(key) {
        None => return Ok(()),
        Some(g) if g != group => {
            return Err(format!("the setting \"{key}\" belongs in \"settings:{}\"", g.name()));
        }
        Some(_) => {}
    }
    fn is<T: DeserializeOwned>(value: &Value) -> Result<(), String> {
        T::deserialize(value).map(|_| ()).map_err(|e| e.to_string())
    }
    let checked = match key {
        "agency_name" => is::<String>(value),
        "profile" => is::<AgencyProfile>(value),
        "profitability" => is::<ProfitSettings>(value),
        "renewal_leads" => is::<LeadTimes>(value),
        "tracking_start" => is::<NaiveDate>(value),
        "service_plans" => is::<PlanSet>(value),
        "role_library" => is::<RoleLibrary>(value),
        "advisor" => is::<AdvisorAnswers>(value),
        _ => Ok(()),
    };
    checked.map_err(|e| format!("the setting \"{key}\" is not what the app saves there ({e})"))
}

/// The document body of `record`, with the server's `rev` when known.
pub fn to_doc(record: &Record, rev: Option<&str>, changed: Option<&Changed>) -> Value {
    let id = record.doc_id();
    let mut doc = Map::new();
    doc.insert("_id".into(), Value::String(id.to_string()));
    if let Some(rev) = rev {
        doc.insert("_rev".into(), Value::String(rev.to_string()));
    }
    doc.insert("type".into(), Value::String(id.kind().into()));
    doc.insert("data".into(), record.data());
    if let Some(c) = changed {
        doc.insert("changed".into(), json!({"by": c.by, "at": c.at}));
    }
    Value::Object(doc)
}

/// Who made a version of a document (their team database user name) and
/// when (RFC 3339).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Changed {
    pub by: String,
    pub at: String,
}

impl Changed {
    /// The `changed` field of a document body; anything but an object of
    /// two texts is passed over (it only informs a person).
    fn read(value: Option<&Value>) -> Option<Changed> {
        let v = value?;
        Some(Changed { by: v.get("by")?.as_str()?.to_string(), at: v.get("at")?.as_str()?.to_string() })
    }
}

/// The body that deletes document `id` at revision `rev`.
pub fn deletion_doc(id: &DocId, rev: &str) -> Value {
    json!({"_id": id.to_string(), "_rev": rev, "_deleted": true})
}

/// A document as read from the server.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    pub id: DocId,
    pub rev: Option<String>,
    /// The record; `None` when the document is deleted.
    pub record: Option<Record>,
    /// The revisions CouchDB kept aside as conflicting (`_conflicts`).
    pub conflicts: Vec<String>,
    /// Who made this version, and when, if the body says.
    pub changed: Option<Changed>,
}

/// The document `doc` read back, checked: a known id, a `type` matching
/// it, and `data` of that type.
pub fn from_doc(doc: &Value) -> Result<Doc, DocError> {
    let Value::Object(fields) = doc else {
        return Err(DocError::new("(no id)", "it is not a JSON object"));
    };
    let Some(name) = fields.get("_id").and_then(Value::as_str) else {
        return Err(DocError::new("(no id)", "it has no \"_id\""));
    };
    let id = DocId::parse(name)?;
    let fail = |why: String| DocError::new(name, why);
    let rev = match fields.get("_rev") {
        None => None,
        Some(Value::String(rev)) => Some(rev.clone()),
        Some(other) => return Err(fail(format!("its \"_rev\" is {other}, not text"))),
    };
    let conflicts = match fields.get("_conflicts") {
        None => Vec::new(),
        Some(Value::Array(revs)) if revs.iter().all(Value::is_string) => {
            revs.iter().filter_map(Value::as_str).map(str::to_string).collect()
        }
        Some(_) => return Err(fail("its \"_conflicts\" is not a list of revisions".into())),
    };
    if fields.get("_deleted") == Some(&Value::Bool(true)) {
        return Ok(Doc { id, rev, record: None, conflicts, changed: None });
    }
    match fields.get("type").and_then(Value::as_str) {
        Some(kind) if kind == id.kind() => {}
        Some(kind) => return Err(fail(format!("its type is \"{kind}\" but its id is of {}", id.kind()))),
        None => return Err(fail("it has no \"type\"".into())),
    }
    let Some(data) = fields.get("data") else {
        return Err(fail("it has no \"data\"".into()));
    };
    let record = Record::from_data(&id, data)?;
    Ok(Doc { id, rev, record: Some(record), conflicts, changed: Changed::read(fields.get("changed")) })
}

#[cfg(test)]
mod tests;

//! How a path of a record is named to a person choosing between two
//! values ("Policy 123 – Premium", "Item cl-new-1 – Status").

use super::{Path, Step};
use serde_json::Value;

/// Fields at the top of a record that only hold others (an account
/// record's `account`, a trainee's `progress`): left out of labels.
const HOLDERS: &[&str] = &["account", "progress"];

/// The names of the settings at the top of a settings group.
const SETTINGS: &[(&str, &str)] = &[
    ("agency_name", "Agency name"),
    ("profile", "Departments and staff"),
    ("profitability", "Profitability"),
    ("renewal_leads", "Renewal lead times"),
    ("tracking_start", "Tracking start"),
    ("service_plans", "Client Service Plans"),
    ("role_library", "Role library"),
    ("advisor", "Service-model answers"),
];

/// What an element of a list is called, by the list's field name.
const ELEMENTS: &[(&str, &str)] = &[
    ("policies", "Policy"),
    ("terms", "Earlier term"),
    ("ticks", "Checklist item"),
    ("levels", "Level sign-off"),
    ("activities", "Activity"),
    ("departments", "Department"),
    ("staff", "Staff member"),
    ("tier_sets", "Tiers of"),
    ("process_sets", "Process times of"),
    ("processes", "Process"),
    ("steps", "Step"),
    ("frequencies", "Frequency of"),
    ("overrides", "Override"),
    ("plans", "Plan"),
    ("milestones", "Milestone"),
    ("items", "Item"),
    ("assignments", "Assignment"),
    ("roles", "Role"),
    ("tasks", "Task"),
    ("resources", "Resources"),
];

/// What a key of a map is called, by the map's field names.
const MAPS: &[(&[&str], &str)] = &[
    (&["progress", "items"], "Item"),
    (&["account", "activity"], "Yearly"),
    (&["renewal_leads", "accounts"], "Lead time of account"),
    (&["advisor", "answers"], "Answer to"),
    (&["advisor", "weights"], "Weight of"),
];

/// Fields whose name read as words would not do.
const FIELDS: &[(&str, &str)] = &[
    ("claims_review", "Claims review"),
    ("account_code", "Account code"),
    ("account_revenue", "Account revenue"),
    ("excess_surplus", "Excess and surplus"),
    ("bill_type", "Bill type"),
    ("line_of_business", "Line of business"),
    ("policy_number", "Policy number"),
    ("client_manager", "Client manager"),
    ("client_advocate", "Client advocate"),
    ("self_check", "Self-check"),
    ("verified", "Verification"),
    ("start_date", "Start date"),
    ("from_day", "From day"),
    ("due_day", "Due day"),
];

fn find<'a>(table: &[(&str, &'a str)], key: &str) -> Option<&'a str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// `client_name` → "Client name".
fn words(name: &str) -> String {
    let text = name.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// An identity as a person reads it: text as it is, several values
/// joined.
fn shown(id: &Value) -> String {
    match id {
        Value::String(s) => s.clone(),
        Value::Null => "(none)".into(),
        Value::Array(parts) => parts.iter().map(shown).collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    }
}

/// The name of element `item` of a list, better than its identity when
/// the record has one (a policy's number, a plan's or role's name).
fn element_name(item: Option<&Value>, id: &Value) -> String {
    let text = |field: &str| item.and_then(|i| i.get(field)).and_then(Value::as_str).filter(|s| !s.trim().is_empty());
    text("policy_number").or_else(|| text("name")).or_else(|| text("title")).map_or_else(|| shown(id), str::to_string)
}

/// How the value at `path` of `record` (the merged record, for names of
/// elements) is named to a person: the parts from the top of the record,
/// joined by " – ".
pub fn label(path: &Path, record: &Value) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut here = Some(record);
    let mut names: Vec<&str> = Vec::new();
    let mut list: Option<&str> = None;
    for (i, step) in path.0.iter().enumerate() {
        match step {
            Step::Field(name) => {
                let in_map = MAPS.iter().find(|(p, _)| *p == names.as_slice()).map(|(_, noun)| *noun);
                let is_map = MAPS
                    .iter()
                    .any(|(p, _)| p.len() == names.len() + 1 && p.starts_with(&names) && p[names.len()] == name);
                let is_list = matches!(path.0.get(i + 1), Some(Step::Item(_)));
                let holder = i == 0 && HOLDERS.contains(&name.as_str());
                if let Some(noun) = in_map {
                    parts.push(format!("{noun} {name}"));
                } else if let Some(setting) = find(SETTINGS, name).filter(|_| i == 0) {
                    parts.push(setting.to_string());
                } else if !(holder || is_map || is_list) {
                    parts.push(find(FIELDS, name).map_or_else(|| words(name), str::to_string));
                }
                list = Some(name);
                names.push(name);
                here = here.and_then(|v| v.get(name.as_str()));
            }
            Step::Item(id) => {
                let rule = super::rule_at(&names);
                let item = match (rule, here) {
                    (super::Rule::Keyed { id: identity, .. }, Some(Value::Array(items))) => {
                        items.iter().find(|item| identity.of(item).as_ref() == Some(id))
                    }
                    _ => None,
                };
                let noun = list.and_then(|l| find(ELEMENTS, l)).unwrap_or("Entry");
                parts.push(format!("{noun} {}", element_name(item, id)));
                here = item;
            }
        }
    }
    if parts.is_empty() { "The whole record".into() } else { parts.join(" – ") }
}

//! How each list of the synced records is merged: the identities table of
//! [`super`], as data.

use serde_json::Value;

/// What identifies an element of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Identity {
    /// These fields of an element (an object); one field's value, or the
    /// list of the fields' values. A field left out counts as `null`.
    Fields(&'static [&'static str]),
    /// The first value of a pair (`[department, value]`).
    First,
    /// The element itself (a list of names).
    Itself,
}

impl Identity {
    /// The identity of `item`; `None` when it has none.
    pub fn of(self, item: &Value) -> Option<Value> {
        match (self, item) {
            (Identity::Fields([one]), Value::Object(fields)) => Some(fields.get(*one).cloned().unwrap_or(Value::Null)),
            (Identity::Fields(names), Value::Object(fields)) => {
                Some(Value::Array(names.iter().map(|n| fields.get(*n).cloned().unwrap_or(Value::Null)).collect()))
            }
            (Identity::First, Value::Array(pair)) => pair.first().cloned(),
            (Identity::Itself, item) => Some(item.clone()),
            _ => None,
        }
    }
}

/// How the value at a path is merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Objects key by key; anything else as one value.
    Plain,
    /// One value, never looked into (a decision, a sign-off).
    Whole,
    /// A list merged element by element by `id`; `whole`: each element is
    /// one value.
    Keyed { id: Identity, whole: bool },
    /// An append-only list: every element of every side, once.
    Union,
}

const fn keyed(fields: &'static [&'static str]) -> Rule {
    Rule::Keyed { id: Identity::Fields(fields), whole: false }
}

const fn keyed_whole(fields: &'static [&'static str]) -> Rule {
    Rule::Keyed { id: Identity::Fields(fields), whole: true }
}

const BY_DEPARTMENT: Rule = Rule::Keyed { id: Identity::First, whole: true };

/// The rules by the field names of a path (`*`: any key of a map).
pub const RULES: &[(&[&str], Rule)] = &[
    // An account with its policies.
    (&["policies"], keyed(&["id"])),
    (&["policies", "terms"], keyed_whole(&["effective", "expiration"])),
    // A renewal.
    (&["ticks"], keyed_whole(&["item"])),
    (&["outcome"], Rule::Whole),
    // A trainee.
    (&["progress", "items", "*", "self_check"], Rule::Whole),
    (&["progress", "items", "*", "verified"], Rule::Whole),
    (&["progress", "levels"], keyed_whole(&["level"])),
    (&["progress", "activities"], keyed_whole(&["task", "number", "activity"])),
    (&["progress", "history"], Rule::Union),
    // Settings, under their keys.
    (&["profile", "departments"], Rule::Keyed { id: Identity::Itself, whole: true }),
    (&["profile", "staff"], keyed_whole(&["name", "role"])),
    (&["profitability", "tier_sets"], BY_DEPARTMENT),
    (&["profitability", "process_sets"], BY_DEPARTMENT),
    (&["profitability", "processes"], keyed(&["kind"])),
    (&["profitability", "processes", "steps"], keyed(&["name"])),
    (&["profitability", "frequencies"], keyed(&["kind"])),
    (&["profitability", "overrides"], keyed(&["department", "tier", "kind"])),
    (&["renewal_leads", "departments"], BY_DEPARTMENT),
    (&["service_plans", "plans"], keyed(&["key"])),
    (&["service_plans", "plans", "milestones"], keyed(&["key"])),
    (&["service_plans", "plans", "milestones", "items"], keyed(&["id"])),
    (&["service_plans", "assignments"], keyed(&["department", "tier"])),
    (&["role_library", "roles"], keyed(&["key"])),
    (&["role_library", "roles", "tasks"], keyed(&["key"])),
    (&["role_library", "roles", "tasks", "levels", "*", "items"], keyed(&["key"])),
    (&["role_library", "roles", "tasks", "resources"], keyed(&["heading"])),
];

/// The rule for the value at a path of these field names.
pub fn rule_at(fields: &[&str]) -> Rule {
    RULES
        .iter()
        .find(|(pattern, _)| {
            pattern.len() == fields.len() && pattern.iter().zip(fields).all(|(p, f)| *p == "*" || p == f)
        })
        .map_or(Rule::Plain, |(_, rule)| *rule)
}

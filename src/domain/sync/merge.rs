//! The three-way merge of a record changed on both sides since the version
//! both last had (the *base*): this browser's version (*mine*) and the
//! server's (*theirs*), all three as the JSON `data` of their documents.
//!
//! Changes to different fields, different checklist items or different
//! renewal ticks merge by themselves; the same field changed differently on
//! both sides is a [`Conflict`] the person chooses on (see [`resolve`]).
//! Nothing is decided by a timestamp.
//!
//! # Rules
//! * **Objects** merge key by key. A key added on one side is kept; removed
//!   on one side and unchanged on the other, it is removed; removed on one
//!   side and changed on the other, it is a conflict.
//! * **Anything else** (text, numbers, values of different shapes, lists
//!   without an identity): if mine is the base, theirs; if theirs is the
//!   base, mine; if both are the same, that; otherwise a conflict.
//! * **Lists of records with an identity** merge element by element, by
//!   identity (table below). An element is added, removed or changed as a
//!   key of an object is. *Whole* elements are one act each (a tick, a
//!   sign-off): two different versions of one are a conflict on the
//!   element, never a mix of the two. The order is the base's, then the
//!   new elements of theirs, then mine's; when one side reordered the
//!   elements, its order is kept (theirs when both did). A list where an
//!   element has no identity or two share one is merged as a whole.
//! * **History is append-only**: the base, then theirs' new events, then
//!   mine's, each once.
//! * **Bookkeeping never conflicts**: `revision` takes the larger number,
//!   `updated_at` the later RFC 3339 time.
//! * **A conflict leaves theirs** in [`Merged::value`] (so the value is
//!   always a record the app can read) until [`resolve`] puts the chosen
//!   value there.
//!
//! Passing `Value::Null` as the base merges two records both sides created
//! (a settings group both browsers pushed first): equal parts are kept,
//! different ones are conflicts.
//!
//! # Identities
//! Paths are field names from the record's top; for a settings group they
//! start with the setting's key. `*` is any key of a map.
//!
//! | list | identity | elements |
//! |---|---|---|
//! | `policies` (an account's) | `id` | merged field by field |
//! | `policies.terms` (a policy's earlier terms) | `effective`, `expiration` | whole |
//! | `ticks` (a renewal's) | `item` | whole |
//! | `outcome` (a renewal's, with its `policies`) | — | whole: one decision |
//! | `progress.items.*.self_check`, `.verified` | — | whole: one sign-off |
//! | `progress.levels` | `level` | whole |
//! | `progress.activities` | `task`, `number`, `activity` | whole |
//! | `progress.history` | — | append-only union |
//! | `profile.departments` | the department itself | whole |
//! | `profile.staff` | `name`, `role` | whole |
//! | `profitability.tier_sets`, `.process_sets` | the department (first of the pair) | whole |
//! | `profitability.processes` | `kind` | merged |
//! | `profitability.processes.steps` | `name` | merged |
//! | `profitability.frequencies` | `kind` | merged |
//! | `profitability.overrides` | `department`, `tier`, `kind` | merged |
//! | `renewal_leads.departments` | the department (first of the pair) | whole |
//! | `service_plans.plans` | `key` | merged |
//! | `service_plans.plans.milestones` | `key` | merged |
//! | `service_plans.plans.milestones.items` | `id` | merged |
//! | `service_plans.assignments` | `department`, `tier` | merged |
//! | `role_library.roles` | `key` | merged |
//! | `role_library.roles.tasks` | `key` | merged |
//! | `role_library.roles.tasks.levels.*.items` | `key` | merged |
//! | `role_library.roles.tasks.resources` | `heading` | merged |
//!
//! Every other list (a milestone item's owners, a role's core duties, tier
//! thresholds, a resource group's lines) is one value. Maps (a trainee's
//! `progress.items`, an account's `activity`, lead times per account, the
//! advisor's answers and weights) are objects, merged key by key.

mod label;
mod resolve;
mod rules;

pub use label::label;
pub use resolve::{ResolveError, resolve};
pub use rules::{Identity, Rule, rule_at};

use super::docs::Changed;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;

/// One step of a [`Path`]: a field of an object, or the element of a list
/// with an identity.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Step {
    Field(String),
    /// The element whose identity is this value (one field's value, or a
    /// list of the identity fields' values in the table's order).
    Item(Value),
}

/// Where a value is in a record.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Path(pub Vec<Step>);

impl Path {
    /// The record itself.
    pub fn root() -> Path {
        Path(Vec::new())
    }

    /// This path's field `name`.
    pub fn field(&self, name: &str) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Field(name.to_string()));
        Path(steps)
    }

    /// This path's element of identity `id`.
    pub fn item(&self, id: Value) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Item(id));
        Path(steps)
    }

    /// The field names along the path, elements left out: what the rules
    /// table is keyed by (`["policies", "premium"]`).
    pub fn fields(&self) -> Vec<&str> {
        self.0
            .iter()
            .filter_map(|s| match s {
                Step::Field(name) => Some(name.as_str()),
                Step::Item(_) => None,
            })
            .collect()
    }

    /// Whether `self` is `other` or inside it.
    pub fn starts_with(&self, other: &Path) -> bool {
        self.0.starts_with(&other.0)
    }
}

impl fmt::Display for Path {
    /// `policies[“p1”].premium`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Field(name) if i == 0 => write!(f, "{name}")?,
                Step::Field(name) => write!(f, ".{name}")?,
                Step::Item(id) => write!(f, "[{id}]")?,
            }
        }
        Ok(())
    }
}

/// The same value changed differently on both sides. An absent side is a
/// removal (or, for the base, an addition on both sides).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Conflict {
    pub path: Path,
    /// How the value is named to a person ("Policy 123 – Premium").
    pub label: String,
    pub base: Option<Value>,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    /// Who changed it here, and when (set when the disagreement is found
    /// on a pull; a merge on its own does not know).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mine_changed: Option<Changed>,
    /// Who changed it in the team database, and when, if the document said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs_changed: Option<Changed>,
}

/// A merged record: theirs at every conflict.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub value: Value,
    pub conflicts: Vec<Conflict>,
}

/// The three-way merge of `mine` and `theirs` from `base` (see the module
/// documentation for the rules).
pub fn merge(base: &Value, mine: &Value, theirs: &Value) -> Merged {
    let mut found = Vec::new();
    let value = merge_at(&Path::root(), Some(base), Some(mine), Some(theirs), &mut found).unwrap_or(Value::Null);
    let conflicts = found
        .into_iter()
        .map(|(path, base, mine, theirs)| Conflict {
            label: label(&path, &value),
            path,
            base,
            mine,
            theirs,
            mine_changed: None,
            theirs_changed: None,
        })
        .collect();
    Merged { value, conflicts }
}

type Found = Vec<(Path, Option<Value>, Option<Value>, Option<Value>)>;

fn merge_at(
    path: &Path,
    base: Option<&Value>,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    found: &mut Found,
) -> Option<Value> {
    if let Some(settled) = one_sided(base, mine, theirs) {
        return settled;
    }
    if let Some(kept) = bookkeeping(path, mine, theirs) {
        return Some(kept);
    }
    // The rules are about lists and values at a field; an element itself
    // is merged by the rule of its list (in `keyed`).
    let at_field = !matches!(path.0.last(), Some(Step::Item(_)));
    let rule = if at_field { rule_at(&path.fields()) } else { Rule::Plain };
    match (rule, mine, theirs) {
        (Rule::Whole, ..) => {}
        (Rule::Union, Some(Value::Array(m)), Some(Value::Array(t))) => {
            if let Some(b) = listed(base) {
                return Some(Value::Array(union(b, t, m)));
            }
        }
        (Rule::Keyed { id, whole }, Some(Value::Array(m)), Some(Value::Array(t))) => {
            if let Some(b) = listed(base)
                && let Some(items) = keyed(path, id, whole, b, m, t, found)
            {
                return Some(Value::Array(items));
            }
        }
        (_, Some(Value::Object(m)), Some(Value::Object(t))) => {
            let b = match base {
                Some(Value::Object(b)) => Some(b),
                _ => None,
            };
            return Some(Value::Object(fields(path, b, m, t, found)));
        }
        _ => {}
    }
    found.push((path.clone(), base.cloned(), mine.cloned(), theirs.cloned()));
    theirs.cloned()
}

/// Two objects merged key by key: theirs' keys in their order, then
/// mine's new ones.
fn fields(
    path: &Path,
    base: Option<&Map<String, Value>>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    found: &mut Found,
) -> Map<String, Value> {
    let mut out = Map::new();
    for key in theirs.keys().chain(mine.keys().filter(|k| !theirs.contains_key(*k))) {
        let b = base.and_then(|b| b.get(key));
        if let Some(v) = merge_at(&path.field(key), b, mine.get(key), theirs.get(key), found) {
            out.insert(key.clone(), v);
        }
    }
    out
}

/// `revision` and `updated_at` changed on both sides: the larger, the
/// later.
fn bookkeeping(path: &Path, mine: Option<&Value>, theirs: Option<&Value>) -> Option<Value> {
    let Some(Step::Field(name)) = path.0.last() else { return None };
    match (name.as_str(), mine?, theirs?) {
        ("revision", Value::Number(m), Value::Number(t)) => {
            let (m, t) = (m.as_f64()?, t.as_f64()?);
            Some(if m >= t { mine?.clone() } else { theirs?.clone() })
        }
        ("updated_at", Value::String(m), Value::String(t)) => {
            let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
            let mine_later = match (at(m), at(t)) {
                (Some(m), Some(t)) => m >= t,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => m >= t,
            };
            Some(if mine_later { mine?.clone() } else { theirs?.clone() })
        }
        _ => None,
    }
}

/// A base that is a list, or no list yet (absent or `null`).
fn listed(value: Option<&Value>) -> Option<&[Value]> {
    match value {
        Some(Value::Array(items)) => Some(items),
        None | Some(Value::Null) => Some(&[]),
        Some(_) => None,
    }
}

/// The base's events, then theirs' new ones, then mine's, each once.
fn union(base: &[Value], theirs: &[Value], mine: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in base.iter().chain(theirs).chain(mine) {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// A list's elements by identity, in order; `None` when an element has no
/// identity or two share one.
struct Indexed<'a> {
    order: Vec<(String, Value)>,
    by_key: HashMap<String, &'a Value>,
}

impl<'a> Indexed<'a> {
    fn of(id: Identity, items: &'a [Value]) -> Option<Indexed<'a>> {
        let mut ix = Indexed { order: Vec::with_capacity(items.len()), by_key: HashMap::new() };
        for item in items {
            let idv = id.of(item)?;
            let key = idv.to_string();
            if ix.by_key.insert(key.clone(), item).is_some() {
                return None;
            }
            ix.order.push((key, idv));
        }
        Some(ix)
    }

    fn has(&self, key: &str) -> bool {
        self.by_key.contains_key(key)
    }

    /// Whether this side moved elements of the base around.
    fn reordered(&self, base: &Indexed) -> bool {
        let here = self.order.iter().filter(|(k, _)| base.has(k)).map(|(k, _)| k);
        let there = base.order.iter().filter(|(k, _)| self.has(k)).map(|(k, _)| k);
        !here.eq(there)
    }
}

#[allow(clippy::too_many_arguments)]
fn keyed(
    path: &Path,
    id: Identity,
    whole: bool,
    base: &[Value],
    mine: &[Value],
    theirs: &[Value],
    found: &mut Found,
) -> Option<Vec<Value>> {
    let (b, m, t) = (Indexed::of(id, base)?, Indexed::of(id, mine)?, Indexed::of(id, theirs)?);
    let first = if t.reordered(&b) {
        &t.order
    } else if m.reordered(&b) {
        &m.order
    } else {
        &b.order
    };
    let mut seen: HashMap<&str, ()> = HashMap::new();
    let mut out = Vec::new();
    for (key, idv) in first.iter().chain(&b.order).chain(&t.order).chain(&m.order) {
        if seen.insert(key, ()).is_some() {
            continue;
        }
        let at = path.item(idv.clone());
        let sides = (b.by_key.get(key).copied(), m.by_key.get(key).copied(), t.by_key.get(key).copied());
        let merged =
            if whole { whole_value(&at, sides, found) } else { merge_at(&at, sides.0, sides.1, sides.2, found) };
        out.extend(merged);
    }
    Some(out)
}

/// The value when at most one side changed it (or both the same way):
/// that side's; None when both changed it differently.
fn one_sided(base: Option<&Value>, mine: Option<&Value>, theirs: Option<&Value>) -> Option<Option<Value>> {
    if mine == theirs || theirs == base {
        return Some(mine.cloned());
    }
    if mine == base {
        return Some(theirs.cloned());
    }
    None
}

/// One value, never looked into.
fn whole_value(
    path: &Path,
    (base, mine, theirs): (Option<&Value>, Option<&Value>, Option<&Value>),
    found: &mut Found,
) -> Option<Value> {
    if let Some(settled) = one_sided(base, mine, theirs) {
        return settled;
    }
    found.push((path.clone(), base.cloned(), mine.cloned(), theirs.cloned()));
    theirs.cloned()
}

#[cfg(test)]
mod tests;

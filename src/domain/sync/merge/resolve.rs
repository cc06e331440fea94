//! A person's choice on a conflict, put into the merged record.

use super::{Path, Rule, Step, rule_at};
use serde_json::Value;
use std::fmt;

/// A path that does not lead to a value of the merged record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolveError(pub String);

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ResolveError {}

/// Puts the person's choice at a conflict's `path` of `merged`: `chosen`
/// (a conflict's `mine`, `theirs` or `base`), where `None` removes the
/// value (a removal chosen).
pub fn resolve(merged: &mut Value, path: &Path, chosen: Option<Value>) -> Result<(), ResolveError> {
    let Some((last, parents)) = path.0.split_last() else {
        *merged = chosen.unwrap_or(Value::Null);
        return Ok(());
    };
    let missing = || ResolveError(format!("The merged record has nothing at {path}."));
    let mut here = merged;
    for (i, step) in parents.iter().enumerate() {
        let list_path = Path(path.0[..i].to_vec());
        here = match (step, here) {
            (Step::Field(name), Value::Object(fields)) => fields.get_mut(name).ok_or_else(missing)?,
            (Step::Item(idv), Value::Array(items)) => {
                let at = position(&list_path, items, idv).ok_or_else(missing)?;
                &mut items[at]
            }
            _ => return Err(missing()),
        };
    }
    match (last, here) {
        (Step::Field(name), Value::Object(fields)) => {
            match chosen {
                Some(v) => fields.insert(name.clone(), v),
                None => fields.remove(name),
            };
        }
        (Step::Item(idv), Value::Array(items)) => match (position(&Path(parents.to_vec()), items, idv), chosen) {
            (Some(at), Some(v)) => items[at] = v,
            (Some(at), None) => {
                items.remove(at);
            }
            (None, Some(v)) => items.push(v),
            (None, None) => {}
        },
        _ => return Err(missing()),
    }
    Ok(())
}

/// Where the element of identity `idv` is in the list at `list`.
fn position(list: &Path, items: &[Value], idv: &Value) -> Option<usize> {
    let Rule::Keyed { id, .. } = rule_at(&list.fields()) else { return None };
    items.iter().position(|item| id.of(item).as_ref() == Some(idv))
}

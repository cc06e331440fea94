//! The library's wording rules: the agency written as a mark that each
//! workspace reads as its own name, and lead-in lines that introduce the
//! items after them rather than being items.

use super::*;

/// Stands for the agency's own name in the library's text.
pub const AGENCY: &str = "{agency}";
/// What trainees read in place of [`AGENCY`] when the workspace has no
/// name of its own.
pub const AGENCY_FALLBACK: &str = "the agency";
/// How the role pages name the agency that wrote them: read as [`AGENCY`]
/// wherever they stand as a word of their own (libraries stored by earlier
/// versions still carry them).
pub(super) const SOURCE_AGENCY_NAMES: [&str; 2] = ["Christensen Group", "CG"];
/// True for a line that introduces the lines after it: it ends with a colon.
pub fn is_lead_in(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// Turns every lead-in line of a level that has items after it into the
/// context of those items (up to the next lead-in). A colon on the last
/// line introduces nothing, so that line stays an item.
pub(super) fn fold_lead_ins(items: Vec<Item>) -> Vec<Item> {
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
pub(super) fn replace_word(text: &str, name: &str, by: &str) -> String {
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
pub(super) fn mark_agency(text: &str) -> String {
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

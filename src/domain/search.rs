//! Text as searches compare it: lower case, accents and other marks taken
//! off, so "muller" finds "Müller" and "jose" finds "José".
//!
//! ```
//! use agency_desk::domain::search::{fold, matches};
//! assert_eq!(fold("Müller Bäckerei"), "muller backerei");
//! assert!(matches(&fold("Crème Brûlée Café"), "brulee"));
//! assert!(matches(&fold("José Núñez"), "NUÑEZ"));
//! ```

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `text` in lower case with its letters' marks removed (canonical
/// decomposition, combining marks dropped). Letters that are not a base
/// letter with a mark (ß, ø, æ) stay as they are.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// Whether a folded text holds what was typed (`query` is folded here;
/// blank matches everything).
pub fn matches(folded: &str, query: &str) -> bool {
    let q = fold(query.trim());
    q.is_empty() || folded.contains(&q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_do_not_matter() {
        assert_eq!(fold("ÉCOLE Française"), "ecole francaise");
        assert_eq!(fold("Ångström"), "angstrom");
        assert_eq!(fold("Nguyễn"), "nguyen");
        assert!(matches(&fold("Müller Bakery"), "muller"));
        assert!(matches(&fold("Muller Bakery"), "müller"));
        assert!(!matches(&fold("Miller Bakery"), "muller"));
        assert!(matches(&fold("anything"), "  "));
        // Precomposed and decomposed spellings fold the same.
        assert_eq!(fold("Mu\u{0308}ller"), fold("Müller"));
    }
}

//! Property tests of the formula guard every CSV export writes through: no
//! exported cell starts like a formula unless it is a plain number, and the
//! app's own import can undo the guard exactly.
#![cfg(not(target_arch = "wasm32"))]

use agency_desk::domain::csv_safe::{SafeWriter, TRIGGERS, defuse, restore};
use proptest::prelude::*;

/// Strings that often start like formulas, numbers or quoted text, besides
/// any string at all.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "['=+@\\-\t\r]{0,3}[A-Za-z0-9(),.|!' ]{0,12}",
        "'{0,3}[+\\-]?[0-9]{0,4}(\\.[0-9]{0,3})?",
        "[+\\-]?[0-9]{1,6}\\.[0-9]{2}",
    ]
}

fn is_plain_number(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut parts = s.splitn(2, '.');
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    parts.next().is_some_and(digits) && parts.next().is_none_or(digits)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_defused_cell_never_starts_like_a_formula(s in cell()) {
        let out = defuse(&s);
        prop_assert!(!out.starts_with(TRIGGERS) || is_plain_number(&out), "{:?} -> {:?}", s, out);
        // Only ever one quote in front of the text itself.
        prop_assert!(out == s || out.strip_prefix('\'') == Some(s.as_str()));
    }

    #[test]
    fn restore_undoes_defuse(s in cell()) {
        let out = defuse(&s);
        prop_assert_eq!(restore(&out), s.as_str());
    }

    #[test]
    fn a_written_row_reads_back_to_the_same_cells_after_restore(cells in proptest::collection::vec(cell(), 1..6)) {
        let mut w = SafeWriter::new();
        w.row(&cells);
        let text = w.into_string();
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
        let record = reader.records().next().unwrap().unwrap();
        let back: Vec<&str> = record.iter().map(restore).collect();
        prop_assert_eq!(back, cells.iter().map(String::as_str).collect::<Vec<_>>());
    }
}

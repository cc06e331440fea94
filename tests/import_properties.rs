//! Property tests of the import path: no input panics, and every data row
//! is accounted for (imported, rejected with a reason, or a blank line).
#![cfg(not(target_arch = "wasm32"))]

use agency_desk::domain::book::Department;
use agency_desk::domain::dates::parse_report_date;
use agency_desk::domain::import::{mapping::auto_map, preview::preview, table::read_csv, table::read_file};
use agency_desk::domain::money::parse_money;
use proptest::prelude::*;

const HEADERS: &str = "Client,Dept,Policy Number,Effective,X-Date,Premium,Commission,E&S,Bill Type\n";

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Za-z ,&\"]{0,12}",
        "[0-9$,.()\\-]{0,10}",
        "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}",
        "20[0-9]{2}-[0-9]{2}-[0-9]{2}",
        any::<String>(),
    ]
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(table) = read_csv(&bytes) {
            let p = preview(&table, &auto_map(&table.headers), &Department::Cl);
            prop_assert_eq!(p.accepted_rows + p.rejected.len() + p.blank_lines.len(), p.total_rows);
        }
        let _ = read_file("x.xlsx", &bytes);
    }

    #[test]
    fn every_row_is_imported_or_reported(rows in proptest::collection::vec(proptest::collection::vec(cell(), 1..10), 0..30)) {
        let mut csv = HEADERS.to_string();
        for row in &rows {
            csv.push_str(&row.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
            csv.push('\n');
        }
        let table = read_csv(csv.as_bytes()).unwrap();
        let p = preview(&table, &auto_map(&table.headers), &Department::Cl);
        prop_assert_eq!(p.total_rows, rows.len());
        prop_assert_eq!(p.accepted_rows + p.rejected.len() + p.blank_lines.len(), p.total_rows);
        let lines_in_accounts: usize = p.accounts.iter().map(|a| a.lines.len()).sum();
        prop_assert_eq!(lines_in_accounts, p.accepted_rows);
        for r in &p.rejected {
            prop_assert!(r.line >= 2 && !r.reason.is_empty() && !r.field.is_empty());
        }
    }

    #[test]
    fn cell_parsers_never_panic(s in any::<String>()) {
        let _ = parse_money(&s);
        let _ = parse_report_date(&s);
        let _ = Department::parse(&s);
    }
}

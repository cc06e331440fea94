//! Property tests of the import path: no input panics, every data row
//! is accounted for (imported, rejected with a reason, or a blank line), and
//! amounts are read in the decimal style they are written in or refused.
#![cfg(not(target_arch = "wasm32"))]

use agency_desk::domain::book::Department;
use agency_desk::domain::dates::parse_report_date;
use agency_desk::domain::import::{mapping::auto_map, preview::preview, table::read_csv, table::read_file};
use agency_desk::domain::money::{
    Cents, DecimalStyle, detect_decimal_style, format_money, group_digits, parse_money, parse_money_as,
};
use proptest::prelude::*;

const HEADERS: &str = "Client,Dept,Policy Number,Effective,X-Date,Premium,Commission,E&S,Bill Type\n";

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[A-Za-z ,&\"]{0,12}",
        "[0-9$,.()\\-]{0,10}",
        "[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}",
        "20[0-9]{2}-[0-9]{2}-[0-9]{2}",
        // Any text but control codes, which make a file binary, not CSV.
        any::<String>()
            .prop_map(|s| s.chars().filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')).collect()),
    ]
}

/// An amount written the way a comma-decimal system writes it: `1.234,56`,
/// `1234,56`, `-1.234,56` or `(1.234,56)`.
fn comma_style(cents: Cents, grouped: bool, parentheses: bool) -> String {
    let abs = cents.unsigned_abs();
    let whole = if grouped { group_digits(abs / 100).replace(',', ".") } else { (abs / 100).to_string() };
    let body = format!("{whole},{:02}", abs % 100);
    match (cents < 0, parentheses) {
        (false, _) => body,
        (true, true) => format!("({body})"),
        (true, false) => format!("-{body}"),
    }
}

/// The same amount the US way: `1,234.56` or `1234.56`.
fn point_style(cents: Cents, grouped: bool) -> String {
    if grouped {
        format_money(cents).replace('$', "")
    } else {
        let abs = cents.unsigned_abs();
        format!("{}{}.{:02}", if cents < 0 { "-" } else { "" }, abs / 100, abs % 100)
    }
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
            prop_assert_eq!(p.accepted_rows + p.rejected.len() + p.blank_lines.len() + p.skipped.len(), p.total_rows);
        }
        let _ = read_file("x.xlsx", &bytes);
        if let Ok(table) = read_file("x.csv", &bytes) {
            let p = preview(&table, &auto_map(&table.headers), &Department::Cl);
            prop_assert_eq!(p.accepted_rows + p.rejected.len() + p.blank_lines.len() + p.skipped.len(), p.total_rows);
        }
    }

    #[test]
    fn any_text_never_panics(text in any::<String>(), header in 0..3usize) {
        let heads = ["Client,Premium,Commission,Notes\n", "Client;Premium;X-Date\n", ""];
        let file = format!("{}{text}", heads[header]);
        if let Ok(table) = read_csv(file.as_bytes()) {
            let p = preview(&table, &auto_map(&table.headers), &Department::Cl);
            prop_assert_eq!(p.accepted_rows + p.rejected.len() + p.blank_lines.len() + p.skipped.len(), p.total_rows);
            for column in &p.samples {
                prop_assert!(column.values.len() <= 3);
            }
        }
    }

    #[test]
    fn comma_style_amounts_round_trip(cents in -100_000_000_000i64..100_000_000_000, grouped: bool, parentheses: bool) {
        let written = comma_style(cents, grouped, parentheses);
        prop_assert_eq!(detect_decimal_style([written.as_str(), "1.234", "12"]), DecimalStyle::Comma);
        prop_assert_eq!(parse_money_as(&written, DecimalStyle::Comma), Ok(Some(cents)), "{}", written);
        let point = point_style(cents, grouped);
        prop_assert_eq!(detect_decimal_style([point.as_str(), "1,234", "12"]), DecimalStyle::Point);
        prop_assert_eq!(parse_money(&point), Ok(Some(cents)), "{}", point);
    }

    #[test]
    fn an_amount_read_in_the_other_style_is_refused_never_misread(cents in -100_000_000_000i64..100_000_000_000, grouped: bool) {
        let comma = comma_style(cents, grouped, false);
        prop_assert!(parse_money_as(&comma, DecimalStyle::Point).is_err(), "{} read with a decimal point", comma);
        let point = point_style(cents, grouped);
        prop_assert!(parse_money_as(&point, DecimalStyle::Comma).is_err(), "{} read with a decimal comma", point);
    }

    #[test]
    fn a_comma_style_file_imports_its_amounts(amounts in proptest::collection::vec((0i64..10_000_000_000, -1_000_000_000i64..1_000_000_000, any::<bool>()), 1..20)) {
        let mut csv = "Client;Policy Number;Premium;Commission\n".to_string();
        for (i, (premium, commission, grouped)) in amounts.iter().enumerate() {
            csv.push_str(&format!("Client {i};P-{i};{};{}\n", comma_style(*premium, *grouped, false), comma_style(*commission, !grouped, true)));
        }
        let table = read_csv(csv.as_bytes()).unwrap();
        let p = preview(&table, &auto_map(&table.headers), &Department::Cl);
        prop_assert_eq!(p.decimal_style, DecimalStyle::Comma);
        prop_assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let read: Vec<(Cents, Cents)> = p.accounts.iter().map(|a| (a.policies[0].premium.unwrap(), a.policies[0].commission.unwrap())).collect();
        let written: Vec<(Cents, Cents)> = amounts.iter().map(|(p, c, _)| (*p, *c)).collect();
        prop_assert_eq!(read, written);
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
        prop_assert_eq!(p.accepted_rows + p.rejected.len() + p.blank_lines.len() + p.skipped.len(), p.total_rows);
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

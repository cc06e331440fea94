//! Agency management system reports as they come out of the system: title
//! lines above the header, headers repeated per page, subtotals, report
//! totals and page numbers, CRLF line ends and Windows-1252 text. The
//! fixtures in `tests/fixtures/ams/` are laid out after each system's report.

use agency_desk::domain::book::Department;
use agency_desk::domain::import::skip::SkipReason;
use agency_desk::domain::import::{mapping::auto_map, preview::preview, table::read_file};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/ams/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn an_ams360_style_expiration_list_reads_past_its_title_totals_and_page_breaks() {
    let table = read_file("Expiration List.csv", &fixture("ams360-expiration-list.csv")).unwrap();
    assert_eq!(table.header_line, 5, "the header is under three title lines and a blank one");
    assert_eq!(table.above.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(table.headers[0], "Customer");
    let mapping = auto_map(&table.headers);
    let pv = preview(&table, &mapping, &Department::Cl);

    let skipped: Vec<(usize, SkipReason)> = pv.skipped.iter().map(|s| (s.line, s.reason)).collect();
    assert_eq!(
        skipped,
        vec![
            (9, SkipReason::Total),
            (10, SkipReason::PageFooter),
            (11, SkipReason::RepeatedHeader),
            (14, SkipReason::AmountsWithoutClient),
            (15, SkipReason::Total),
            (16, SkipReason::PageFooter),
        ]
    );
    assert!(pv.skipped[4].text.starts_with("Report Total: 5 Policies"), "{}", pv.skipped[4].text);
    assert_eq!(pv.rejected, vec![], "nothing of the report is taken for a bad row");
    let names: Vec<&str> = pv.accounts.iter().map(|a| a.client_name.as_str()).collect();
    assert_eq!(names, vec!["Harbor Bakery", "Café Lumière", "Maria Garcia"]);
    assert_eq!(pv.policy_count(), 5);
    let commission: i64 = pv.accounts.iter().flat_map(|a| &a.policies).filter_map(|p| p.commission).sum();
    assert_eq!(commission, 172_500, "the policies add up to the report's own total");
    assert_eq!(pv.accepted_rows + pv.rejected.len() + pv.blank_lines.len() + pv.skipped.len(), pv.total_rows);
    // Lines as an editor numbers them, in this CRLF file.
    assert_eq!(pv.accounts[2].lines, vec![12, 13]);
}

#[test]
fn choosing_another_header_row_reads_the_file_again_from_there() {
    let table = read_file("Expiration List.csv", &fixture("ams360-expiration-list.csv")).unwrap();
    let wrong = table.with_header_line(1).unwrap();
    assert_eq!(wrong.headers, vec!["Expiration List"]);
    let m = auto_map(&wrong.headers);
    assert!(agency_desk::domain::import::mapping::check_mapping(&wrong.headers, &m).is_err(), "no client column there");
    assert_eq!(wrong.with_header_line(5).unwrap(), table);
}

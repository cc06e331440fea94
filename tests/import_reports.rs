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
    // Each department value once, with its rows; the repeated header's "Dept" is not one.
    let departments: Vec<(&str, &Department, usize)> =
        pv.department_values.iter().map(|d| (d.value.as_str(), &d.department, d.rows)).collect();
    assert_eq!(departments, vec![("Commercial Lines", &Department::Cl, 3), ("Personal Lines", &Department::Pl, 2)]);
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

#[test]
fn an_epic_style_expiration_report_maps_its_columns_and_departments() {
    use agency_desk::domain::import::mapping::Field;
    let table = read_file("Policy Expiration.csv", &fixture("epic-policy-expiration.csv")).unwrap();
    assert_eq!(table.header_line, 4);
    assert_eq!(table.headers[0], "Account Name", "the byte-order mark is not part of a header");
    let mapping = auto_map(&table.headers);
    let field_of = |header: &str| mapping[table.headers.iter().position(|h| h == header).unwrap()];
    for (header, field) in [
        ("Account Name", Some(Field::ClientName)),
        ("Issuing Company", Some(Field::Carrier)),
        ("Annualized Premium", Some(Field::Premium)),
        ("Annualized Commission", Some(Field::Commission)),
        ("Department", Some(Field::Department)),
        ("Producer 1", Some(Field::Producer)),
        ("Account Manager", Some(Field::ClientManager)),
        ("Servicer", Some(Field::ClientAdvocate)),
    ] {
        assert_eq!(field_of(header), field, "{header}");
    }
    let pv = preview(&table, &mapping, &Department::Pl);
    assert_eq!(pv.rejected, vec![]);
    assert_eq!(pv.skipped.iter().map(|s| (s.line, s.reason)).collect::<Vec<_>>(), vec![(9, SkipReason::Total)]);
    let accounts: Vec<(&str, &Department, &str, &str)> =
        pv.accounts.iter().map(|a| (a.client_name.as_str(), &a.department, a.producer.as_str(), a.client_manager.as_str())).collect();
    assert_eq!(
        accounts,
        vec![
            ("Northwind Traders LLC", &Department::Cl, "Dana Whitfield", "Marco Ruiz"),
            ("Okafor Family", &Department::Pl, "Dana Whitfield", "Ana Novak"),
            ("Bluebird Dental PC", &Department::Benefits, "Sam Ortega", "Ana Novak"),
        ]
    );
    assert_eq!(pv.accounts[0].client_advocate, "Kim Lee");
    let commission: i64 = pv.accounts.iter().flat_map(|a| &a.policies).filter_map(|p| p.commission).sum();
    assert_eq!(commission, 497_450, "the report's own total");
}

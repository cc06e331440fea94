//! Agency management system reports as they come out of the system: title
//! lines above the header, headers repeated per page, subtotals, report
//! totals and page numbers, CRLF line ends and Windows-1252 text. The
//! fixtures in `tests/fixtures/ams/` are laid out after each system's report.

use agency_desk::domain::book::{Book, Department, PolicyStatus};
use agency_desk::domain::changes::apply;
use agency_desk::domain::import::plan::{ImportMode, plan};
use agency_desk::domain::import::preview::Preview;
use agency_desk::domain::import::skip::SkipReason;
use agency_desk::domain::import::{mapping::auto_map, preview::preview, table::read_file};
use agency_desk::domain::profitability::tiers::account_figures;
use agency_desk::domain::renewals::board::{LeadTimes, renewals};
use agency_desk::domain::renewals::plan::ServicePlan;
use chrono::NaiveDate;
use std::collections::HashMap;

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
        ("Account Lookup Code", Some(Field::AccountCode)),
        ("Status", Some(Field::Status)),
    ] {
        assert_eq!(field_of(header), field, "{header}");
    }
    let pv = preview(&table, &mapping, &Department::Pl);
    assert_eq!(pv.rejected, vec![]);
    assert_eq!(pv.skipped.iter().map(|s| (s.line, s.reason)).collect::<Vec<_>>(), vec![(10, SkipReason::Total)]);
    let accounts: Vec<(&str, &Department, &str, &str)> = pv
        .accounts
        .iter()
        .map(|a| (a.client_name.as_str(), &a.department, a.producer.as_str(), a.client_manager.as_str()))
        .collect();
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
    assert_eq!(commission, 482_950, "the report's own total, the cancelled policy's chargeback included");
    assert_eq!(pv.status_counts, vec![(PolicyStatus::Active, 4), (PolicyStatus::Cancelled, 1)]);
    assert_eq!(pv.accounts[1].account_code, "OKAFFAM-01");
}

/// Imports a fixture into an empty book the way the import panel does.
fn imported_book(name: &str, default: Department) -> (Book, Preview) {
    let table = read_file(name, &fixture(name)).unwrap();
    let pv = preview(&table, &auto_map(&table.headers), &default);
    let mut book = Book::default();
    let mut n = 0;
    let (changes, _) = plan(
        &pv,
        &book,
        ImportMode::Merge,
        &mut || {
            n += 1;
            format!("id{n}")
        },
        "2026-12-02T00:00:00Z",
    );
    apply(&mut book, changes.clone());
    (book, pv)
}

#[test]
fn inactive_policies_are_kept_but_count_in_no_revenue_tier_or_renewal() {
    let (book, _) = imported_book("epic-policy-expiration.csv", Department::Pl);
    assert_eq!(book.policies.len(), 5, "the cancelled policy is kept for the account's history");
    let okafor = book.accounts.iter().find(|a| a.client_name == "Okafor Family").unwrap();
    let idx = book.index();
    assert_eq!(idx.revenue(&okafor.id), 327_00, "the cancelled policy's chargeback is not revenue");
    assert_eq!(idx.inactive_policies(&okafor.id).len(), 1);
    assert_eq!(idx.inactive_policies(&okafor.id)[0].status, PolicyStatus::Cancelled);
    let figures = account_figures(&book);
    let total: i64 = figures.iter().map(|f| f.revenue).sum();
    assert_eq!(total, 497_450, "revenue for tiers and concentration is the live policies'");
    assert_eq!(figures.iter().find(|f| *f.id == okafor.id).unwrap().policies, 1);
    let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let board = renewals(
        &book,
        (
            &agency_desk::domain::renewals::plans::PlanSet::single(ServicePlan::original()),
            &agency_desk::domain::renewals::plans::no_tiers,
        ),
        &HashMap::new(),
        &LeadTimes::default(),
        as_of,
        None,
    );
    let policy_numbers: Vec<&str> = board.iter().flat_map(|r| r.policy_numbers.iter().map(String::as_str)).collect();
    assert_eq!(board.len(), 3, "one renewal per live account and date");
    assert!(!policy_numbers.contains(&"PAU 99813"), "a cancelled policy is never on the board: {policy_numbers:?}");
}

#[test]
fn a_hawksoft_style_list_keys_clients_by_number_and_works_commission_from_the_rate() {
    let (book, pv) = imported_book("hawksoft-policy-list.csv", Department::Cl);
    assert_eq!(pv.rejected, vec![]);
    assert_eq!(
        pv.skipped.iter().map(|s| (s.line, s.reason)).collect::<Vec<_>>(),
        vec![(11, SkipReason::AmountsWithoutClient)],
        "a count label in the client-number column, no client"
    );
    let accounts: Vec<(&str, &str, usize)> =
        pv.accounts.iter().map(|a| (a.account_code.as_str(), a.client_name.as_str(), a.policies.len())).collect();
    assert_eq!(
        accounts,
        vec![
            ("10442", "John Smith", 1),
            ("10957", "John Smith", 1),
            ("11830", "Rivera Landscaping LLC", 2),
            ("12001", "Nguyen Bakery", 1),
            ("12208", "Dahl Marine", 1),
        ],
        "two clients of one name stay apart by number; one client written two ways stays one"
    );
    let rivera: Vec<(Option<i64>, bool)> =
        pv.accounts[2].policies.iter().map(|p| (p.commission, p.commission_from_rate)).collect();
    assert_eq!(rivera, vec![(Some(540_00), true), (Some(675_00), true)], "15% of $3,600 and 12.5% of $5,400");
    assert_eq!(
        pv.status_counts,
        vec![(PolicyStatus::Active, 3), (PolicyStatus::Renewed, 1), (PolicyStatus::Cancelled, 2)],
        "Void is a cancellation"
    );
    assert_eq!(book.accounts.len(), 5, "both John Smiths are saved");
    let idx = book.index();
    let former: Vec<&str> =
        book.accounts.iter().filter(|a| idx.is_former(&a.id)).map(|a| a.client_name.as_str()).collect();
    assert_eq!(former, vec!["Nguyen Bakery", "Dahl Marine"]);
    assert_eq!(account_figures(&book).len(), 3, "former clients are not in the tier figures");

    // Importing the list again updates the same five accounts, whatever the names say.
    let table = read_file("again.csv", &fixture("hawksoft-policy-list.csv")).unwrap();
    let again = preview(&table, &auto_map(&table.headers), &Department::Cl);
    let (_, summary) = plan(&again, &book, ImportMode::Merge, &mut || unreachable!("no new records"), "later");
    assert_eq!((summary.new_accounts, summary.updated_accounts, summary.new_policies), (0, 5, 0));
}

#[test]
fn an_ezlynx_style_renewal_report_reads_its_statuses_six_month_terms_and_accents() {
    let (book, pv) = imported_book("ezlynx-renewal-report.csv", Department::Pl);
    assert_eq!(pv.rejected, vec![]);
    let skipped: Vec<(usize, SkipReason)> = pv.skipped.iter().map(|s| (s.line, s.reason)).collect();
    assert_eq!(
        skipped,
        vec![(7, SkipReason::PageFooter), (8, SkipReason::RepeatedHeader), (11, SkipReason::PageFooter)]
    );
    let names: Vec<&str> = pv.accounts.iter().map(|a| a.client_name.as_str()).collect();
    assert_eq!(names, vec!["Zoë Lambert", "François Dubé", "Priya Raman"], "Windows-1252 accents");
    assert_eq!(
        pv.status_counts,
        vec![(PolicyStatus::Active, 3), (PolicyStatus::NonRenewed, 1), (PolicyStatus::Expired, 1)]
    );
    let idx = book.index();
    let dube = book.accounts.iter().find(|a| a.client_name == "François Dubé").unwrap();
    assert!(idx.is_former(&dube.id));
    assert_eq!(idx.revenue(&dube.id), 0);
    let raman = book.accounts.iter().find(|a| a.client_name == "Priya Raman").unwrap();
    assert_eq!(idx.revenue(&raman.id), 46_50, "only the umbrella is in force");
    let auto = book.policies.iter().find(|p| p.policy_number == "PA1188201").unwrap();
    assert_eq!(
        (auto.effective, auto.expiration),
        (NaiveDate::from_ymd_opt(2026, 1, 10), NaiveDate::from_ymd_opt(2026, 7, 10)),
        "a six-month term keeps its dates"
    );
}

#[test]
fn a_status_that_is_not_one_is_rejected_with_line_field_and_value() {
    let csv = "Insured,Policy Number,X-Date,Commission,Status\r\nAcme,P1,1/1/2027,100,Quoted\r\nBeta,P2,1/1/2027,100,Active\r\n";
    let table = read_file("s.csv", csv.as_bytes()).unwrap();
    let pv = preview(&table, &auto_map(&table.headers), &Department::Cl);
    assert_eq!(pv.rejected.len(), 1);
    let r = &pv.rejected[0];
    assert_eq!((r.line, r.field.as_str(), r.value.as_str()), (2, "policy status", "Quoted"));
    assert!(r.reason.contains("not a policy status"), "{}", r.reason);
    assert_eq!(pv.accounts.len(), 1);
}

#[test]
fn qqcatalyst_and_nexsure_headers_map() {
    use agency_desk::domain::import::mapping::Field;
    let h = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let qq = auto_map(&h(&[
        "Contact Name",
        "Customer ID",
        "Policy Number",
        "Writing Carrier",
        "Eff. Date",
        "Exp. Date",
        "Premium",
        "Agent",
        "CSR",
        "Status",
    ]));
    assert_eq!(
        qq,
        [
            Field::ClientName,
            Field::AccountCode,
            Field::PolicyNumber,
            Field::Carrier,
            Field::Effective,
            Field::Expiration,
            Field::Premium,
            Field::Producer,
            Field::ClientManager,
            Field::Status
        ]
        .map(Some)
        .to_vec()
    );
    let nexsure = auto_map(&h(&[
        "Client Name",
        "Client Code",
        "Profit Center",
        "Line of Coverage",
        "Written Premium",
        "Estimated Revenue",
        "Policy Status",
    ]));
    assert_eq!(
        nexsure,
        [
            Field::ClientName,
            Field::AccountCode,
            Field::Department,
            Field::LineOfBusiness,
            Field::Premium,
            Field::Commission,
            Field::Status
        ]
        .map(Some)
        .to_vec()
    );
}

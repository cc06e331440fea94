//! Importing an Excel workbook: a real .xlsx written in memory, read back
//! through the same path the Book page uses.
#![cfg(not(target_arch = "wasm32"))]

use agency_desk::domain::book::Department;
use agency_desk::domain::import::{
    job::{Job, Reply, Request},
    mapping::auto_map,
    preview::preview,
    table::{read_file, read_xlsx_sheet},
};
use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let date = Format::new().set_num_format("m/d/yyyy");
    let headers = [
        "Customer Name",
        "Department",
        "Policy No",
        "Line of Business",
        "Effective Date",
        "Expiration Date",
        "Written Premium",
        "Commission",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // Row 2: real date cells and numbers.
    sheet.write_string(1, 0, "Harbor Bakery").unwrap();
    sheet.write_string(1, 1, "Commercial Lines").unwrap();
    sheet.write_string(1, 2, "BOP-1").unwrap();
    sheet.write_string(1, 3, "BOP").unwrap();
    sheet.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2026, 3, 1).unwrap(), &date).unwrap();
    sheet.write_datetime_with_format(1, 5, ExcelDateTime::from_ymd(2027, 3, 1).unwrap(), &date).unwrap();
    sheet.write_number(1, 6, 4000.0).unwrap();
    sheet.write_number(1, 7, 612.5).unwrap();
    // Row 3: dates and money typed as text, as some exports do.
    sheet.write_string(2, 0, "Lee Family").unwrap();
    sheet.write_string(2, 1, "PL").unwrap();
    sheet.write_string(2, 2, "HO-9").unwrap();
    sheet.write_string(2, 4, "5/10/2026").unwrap();
    sheet.write_string(2, 5, "05/10/27").unwrap();
    sheet.write_string(2, 6, "$1,500.00").unwrap();
    sheet.write_string(2, 7, "(25.00)").unwrap();
    // Row 4: broken expiration.
    sheet.write_string(3, 0, "Broken Co").unwrap();
    sheet.write_string(3, 2, "GL-3").unwrap();
    sheet.write_string(3, 5, "next spring").unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_export_imports_like_a_csv() {
    let table = read_file("Expiration Report.XLSX", &workbook()).unwrap();
    assert_eq!(table.headers[0], "Customer Name");
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.rows[0].line, 2);
    let p = preview(&table, &auto_map(&table.headers), &Department::Cl);
    assert_eq!(p.accepted_rows, 2);
    let harbor = &p.accounts[0];
    assert_eq!(harbor.department, Department::Cl);
    let bop = &harbor.policies[0];
    assert_eq!(bop.effective, NaiveDate::from_ymd_opt(2026, 3, 1));
    assert_eq!(bop.expiration, NaiveDate::from_ymd_opt(2027, 3, 1));
    assert_eq!((bop.premium, bop.commission), (Some(400_000), Some(61_250)));
    let lee = &p.accounts[1].policies[0];
    assert_eq!(lee.expiration, NaiveDate::from_ymd_opt(2027, 5, 10));
    assert_eq!(lee.commission, Some(-2_500));
    assert_eq!(p.rejected.len(), 1);
    assert_eq!((p.rejected[0].line, p.rejected[0].field.as_str()), (4, "expiration date"));
}

#[test]
fn a_workbook_named_csv_is_read_as_excel() {
    let table = read_file("Expiration Report.csv", &workbook()).unwrap();
    assert_eq!(table.headers[0], "Customer Name");
    assert_eq!(table.rows.len(), 3);
    assert_eq!(table.delimiter, None);
}

#[test]
fn a_sheet_with_values_far_to_the_right_is_refused() {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 0, "Client").unwrap();
    sheet.write_string(0, 3_615, "Stray").unwrap();
    sheet.write_string(1, 0, "Acme").unwrap();
    let err = read_file("wide.xlsx", &wb.save_to_buffer().unwrap()).unwrap_err();
    assert_eq!(
        err,
        "Row 1 of the worksheet \"Sheet1\" has 3,616 columns; an agency management system export has at most a few dozen — is this the right file?"
    );
}

#[test]
fn workbook_text_keeps_everything_but_surrounding_spaces() {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 1, "Client").unwrap();
    sheet.write_string(0, 2, "Notes").unwrap();
    sheet.write_string(2, 1, "  Acme  ").unwrap();
    sheet.write_string(2, 2, "\t=1+1").unwrap();
    sheet.write_string(4, 1, "Beta").unwrap();
    let table = read_file("book.xlsx", &wb.save_to_buffer().unwrap()).unwrap();
    assert_eq!(table.headers, vec!["Client", "Notes"], "the sheet's first used column is the first column");
    let got: Vec<(usize, Vec<String>)> = table.rows.iter().map(|r| (r.line, r.cells.clone())).collect();
    let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    assert_eq!(got, vec![(2, vec![]), (3, s(&["Acme", "\t=1+1"])), (4, vec![]), (5, s(&["Beta", ""]))]);
}

#[test]
fn a_workbook_report_with_a_title_and_totals_reads_like_the_csv() {
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.write_string(0, 0, "Expiration List").unwrap();
    sheet.write_string(1, 0, "Harbor Insurance Group").unwrap();
    let headers = ["Customer", "Policy Number", "Exp Date", "Premium", "Commission"];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    sheet.write_string(4, 0, "Harbor Bakery").unwrap();
    sheet.write_string(4, 1, "BOP-1").unwrap();
    sheet.write_string(4, 2, "3/1/2027").unwrap();
    sheet.write_number(4, 3, 4000.0).unwrap();
    sheet.write_number(4, 4, 600.0).unwrap();
    sheet.write_string(5, 0, "Grand Total").unwrap();
    sheet.write_number(5, 3, 4000.0).unwrap();
    sheet.write_number(5, 4, 600.0).unwrap();
    let table = read_file("Expiration List.xlsx", &wb.save_to_buffer().unwrap()).unwrap();
    assert_eq!(table.header_line, 4, "Excel's row number of the header");
    assert_eq!(table.above.iter().map(|r| r.line).collect::<Vec<_>>(), vec![1, 2]);
    let p = preview(&table, &auto_map(&table.headers), &Department::Cl);
    assert_eq!((p.accepted_rows, p.rejected.len()), (1, 0));
    assert_eq!(p.skipped.iter().map(|s| s.line).collect::<Vec<_>>(), vec![6]);
    assert_eq!(p.accounts[0].lines, vec![5]);
}

#[test]
fn a_workbook_of_several_sheets_opens_on_the_policy_list_and_can_read_another() {
    let mut wb = Workbook::new();
    let summary = wb.add_worksheet().set_name("Summary").unwrap();
    summary.write_string(0, 0, "Book of Business Summary").unwrap();
    summary.write_string(1, 0, "Total policies").unwrap();
    summary.write_number(1, 1, 2).unwrap();
    let detail = wb.add_worksheet().set_name("Policies").unwrap();
    for (c, h) in ["Client", "Policy Number", "Status", "Premium", "Comm %"].iter().enumerate() {
        detail.write_string(0, c as u16, *h).unwrap();
    }
    detail.write_string(1, 0, "Acme Tools").unwrap();
    detail.write_string(1, 1, "BOP-1").unwrap();
    detail.write_string(1, 2, "In Force").unwrap();
    detail.write_number(1, 3, 2000).unwrap();
    detail.write_number(1, 4, 15).unwrap();
    detail.write_string(2, 0, "Beta Foods").unwrap();
    detail.write_string(2, 1, "GL-2").unwrap();
    detail.write_string(2, 2, "Cancelled").unwrap();
    detail.write_number(2, 3, 900).unwrap();
    detail.write_number(2, 4, 0.1).unwrap();
    wb.add_worksheet().set_name("Notes").unwrap();
    let bytes = wb.save_to_buffer().unwrap();

    let table = read_file("book.xlsx", &bytes).unwrap();
    assert_eq!(table.sheet.as_deref(), Some("Policies"), "the sheet with a header row, not the first");
    assert_eq!(table.sheets, vec!["Summary", "Policies", "Notes"]);
    let pv = preview(&table, &auto_map(&table.headers), &Department::Cl);
    assert_eq!(pv.rejected, vec![]);
    let commission: Vec<Option<i64>> = pv.accounts.iter().map(|a| a.policies[0].commission).collect();
    assert_eq!(commission, vec![Some(300_00), Some(90_00)], "15 and 0.1 (10%) of the premium");
    assert_eq!(pv.inactive_policy_count(), 1);

    let first = read_xlsx_sheet(&bytes, "Summary").unwrap();
    assert_eq!((first.sheet.as_deref(), first.headers[0].as_str()), (Some("Summary"), "Book of Business Summary"));
    assert_eq!(first.sheets.len(), 3);
    assert!(read_xlsx_sheet(&bytes, "Notes").unwrap_err().contains("\"Notes\" is empty"));
    assert!(read_xlsx_sheet(&bytes, "Missing").unwrap_err().contains("no worksheet named \"Missing\""));

    // The same through the import's job, which keeps the workbook to read
    // another sheet and says which sheets there are.
    let mut replies = Vec::new();
    let job = Job::open("book.xlsx", bytes, &Department::Cl, &mut |r| replies.push(r));
    let Reply::Table { head, .. } = &replies[0] else { panic!("{replies:?}") };
    assert_eq!((head.sheet.as_deref(), head.sheets.len(), head.rows), (Some("Policies"), 3, 2));
    let mut job = job.unwrap();
    replies.clear();
    job.handle(Request::Sheet { name: "Summary".into() }, &mut |r| replies.push(r));
    job.handle(Request::Sheet { name: "Notes".into() }, &mut |r| replies.push(r));
    let [Reply::Table { head, .. }, Reply::Failed { message }] = replies.as_slice() else { panic!("{replies:?}") };
    assert_eq!(head.sheet.as_deref(), Some("Summary"));
    assert!(message.starts_with("book.xlsx: ") && message.contains("\"Notes\" is empty"), "{message}");
}

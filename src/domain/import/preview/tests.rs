use super::super::mapping::auto_map;
use super::super::table::read_csv;
use super::*;

fn run(csv: &str) -> Preview {
    let t = read_csv(csv.as_bytes()).unwrap();
    let m = auto_map(&t.headers);
    preview(&t, &m, &Department::Cl)
}

const EXPIRATION_REPORT: &str = "\
Insured,Dept,Policy Number,LOB,Carrier,Effective,X-Date,Premium,Agency Commission,E&S,Bill Type,CSR
Harbor Bakery,Commercial Lines,BOP-100,BOP,Acme Mutual,3/1/2026,3/1/2027,\"$4,000.00\",$600.00,N,Direct,Ann
Harbor Bakery,CL,WC-200,Work Comp,Acme Mutual,03/01/26,03/01/27,2000,300,,,
Lee Family,Personal,HO-1,Home,Shield,2026-05-10,2027-05-10,1500,(20.00),,,Bo
,CL,X-1,GL,Acme,1/1/2026,1/1/2027,1,1,,,
Broken Dates Co,CL,GL-9,GL,Acme,2/30/2026,2/28/2027,1,1,,,
Backwards Co,CL,GL-10,GL,Acme,2026-06-01,2026-05-01,1,1,,,
Bad Money Co,CL,GL-11,GL,Acme,2026-06-01,2027-06-01,lots,1,,,
,,,,,,,,,,,
Dup Co,CL,BOP-100,BOP,Acme,2026-06-01,2027-06-01,1,1,,,
Odd Flag Co,CL,GL-12,GL,Acme,2026-06-01,2027-06-01,1,1,maybe,,
";

#[test]
fn an_expiration_report_forms_accounts_and_explains_rejects() {
    let p = run(EXPIRATION_REPORT);
    assert_eq!(p.shape, RowShape::PerPolicy);
    assert_eq!(p.total_rows, 10);
    assert_eq!(p.accepted_rows, 3);
    assert_eq!(p.blank_lines, vec![9]);
    assert_eq!(p.accounts.len(), 2);
    let harbor = &p.accounts[0];
    assert_eq!(harbor.client_name, "Harbor Bakery");
    assert_eq!(harbor.department, Department::Cl);
    assert_eq!(harbor.client_manager, "Ann");
    assert_eq!(harbor.policies.len(), 2);
    assert_eq!(harbor.lines, vec![2, 3]);
    assert_eq!(harbor.policies[0].premium, Some(400_000));
    assert_eq!(harbor.policies[1].expiration, NaiveDate::from_ymd_opt(2027, 3, 1));
    let lee = &p.accounts[1];
    assert_eq!(lee.department, Department::Pl);
    assert_eq!(lee.policies[0].commission, Some(-2_000));

    let got: Vec<(usize, &str)> = p.rejected.iter().map(|r| (r.line, r.field.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (5, "client name"),
            (6, "effective date"),
            (7, "expiration date"),
            (8, "premium"),
            (10, "policy number"),
            (11, "E&S"),
        ]
    );
    assert!(p.rejected[4].reason.contains("line 2"), "{}", p.rejected[4].reason);
    assert!(p.rejected[1].value == "2/30/2026");
    assert_eq!(p.accepted_rows + p.rejected.len() + p.blank_lines.len(), p.total_rows);
}

#[test]
fn a_book_report_has_one_row_per_account() {
    let p =
        run("Client,Department,Commission,Producer\nAcme,CL,\"$12,000\",Pat\nBeta,PL,150,\nacme,CL,5,\nGamma,,20,\n");
    assert_eq!(p.shape, RowShape::PerAccount);
    assert_eq!(p.accounts.len(), 3);
    assert_eq!(p.accounts[0].account_revenue, Some(1_200_000));
    assert_eq!(p.accounts[0].producer, "Pat");
    assert_eq!(p.accounts[2].department, Department::Cl, "blank department takes the default");
    assert_eq!(p.rejected.len(), 1);
    assert_eq!(p.rejected[0].line, 4);
    assert!(p.rejected[0].reason.contains("already"));
}

#[test]
fn rows_that_do_not_line_up_with_the_header_are_rejected() {
    let p = run("Client,Policy Number,Commission\nAcme,P-1\nBeta,P-2,5,extra\nGamma,P-3,7,,\n,,\nDelta,P-4,9\n");
    assert_eq!(p.accepted_rows, 2, "Gamma (trailing empty cells) and Delta");
    assert_eq!(p.blank_lines, vec![5]);
    let got: Vec<(usize, &str, &str)> =
        p.rejected.iter().map(|r| (r.line, r.field.as_str(), r.value.as_str())).collect();
    assert_eq!(got, vec![(2, "row", "Acme,P-1"), (3, "row", "Beta,P-2,5,extra")]);
    assert!(p.rejected[0].reason.starts_with("has 2 cells, the header has 3 columns; "), "{}", p.rejected[0].reason);
    assert_eq!(
        p.rejected[1].reason,
        "has 4 cells, the header has 3 columns; a comma inside an unquoted value may have split a cell"
    );
    let p = run("Client;Premium;\nAcme;1;2\nBeta;3\n");
    assert_eq!(p.rejected.len(), 1, "the header's empty last cell is not a column");
    assert!(
        p.rejected[0].reason.contains("has 3 cells, the header has 2 columns; a semicolon"),
        "{}",
        p.rejected[0].reason
    );
}

#[test]
fn a_decimal_comma_file_is_read_as_written() {
    let p = run(
        "Client;Policy Number;Premium;Commission;Endorsements\nAcme;P-1;1.234,56;300,00;1.200\nBeta;P-2;12,5;(20,00);3\nGamma;P-3;1.000;-145,00;\n",
    );
    assert_eq!(p.decimal_style, DecimalStyle::Comma);
    assert!(p.rejected.is_empty(), "{:?}", p.rejected);
    let policies: Vec<(Option<Cents>, Option<Cents>)> =
        p.accounts.iter().map(|a| (a.policies[0].premium, a.policies[0].commission)).collect();
    assert_eq!(
        policies,
        vec![(Some(123_456), Some(30_000)), (Some(1_250), Some(-2_000)), (Some(100_000), Some(-14_500))]
    );
    assert_eq!(p.accounts[0].activity[&ProcessKind::Endorsement], 1_200);
}

#[test]
fn an_amount_that_does_not_fit_the_files_style_is_rejected_not_misread() {
    let p = run(
        "Client,Policy Number,Premium,Commission\nAcme,P-1,\"$1,234.56\",300.00\nBeta,P-2,\"1.234,56\",1\nGamma,P-3,5,\"1,2,3\"\nDelta,P-4,,-145.00\n",
    );
    assert_eq!(p.decimal_style, DecimalStyle::Point);
    assert_eq!(p.accepted_rows, 2);
    let got: Vec<(usize, &str, &str)> =
        p.rejected.iter().map(|r| (r.line, r.field.as_str(), r.value.as_str())).collect();
    assert_eq!(got, vec![(3, "premium", "1.234,56"), (4, "commission", "1,2,3")]);
    assert!(p.rejected[0].reason.contains("cannot be read for sure"), "{}", p.rejected[0].reason);
    assert_eq!(p.accounts[0].policies[0].premium, Some(123_456));
    assert_eq!(p.accounts[1].policies[0].commission, Some(-14_500));
}

#[test]
fn samples_show_each_mapped_column_as_read() {
    let p = run(
        "Client;Fax;Premium;X-Date;E&S\nAcme;1;1.234,56;03/01/26;Y\nBeta;2;;2026-13-01;maybe\nGamma;3;300,00;;\nDelta;4;12,5;1/2/2027;N\n",
    );
    let columns: Vec<(usize, &str, Field)> = p.samples.iter().map(|c| (c.column, c.header.as_str(), c.field)).collect();
    assert_eq!(
        columns,
        vec![
            (0, "Client", Field::ClientName),
            (2, "Premium", Field::Premium),
            (3, "X-Date", Field::Expiration),
            (4, "E&S", Field::ExcessSurplus)
        ]
    );
    let read = |c: usize| -> Vec<(usize, String, Result<String, String>)> {
        p.samples[c].values.iter().map(|v| (v.line, v.raw.clone(), v.reading.clone())).collect()
    };
    assert_eq!(
        read(1),
        vec![
            (2, "1.234,56".into(), Ok("$1,234.56".into())),
            (4, "300,00".into(), Ok("$300.00".into())),
            (5, "12,5".into(), Ok("$12.50".into()))
        ]
    );
    let dates = read(2);
    assert_eq!(dates[0], (2, "03/01/26".into(), Ok("2026-03-01".into())));
    assert!(dates[1].2.as_ref().is_err_and(|e| e.contains("2026-13-01")));
    assert_eq!(dates.len(), 3);
    assert_eq!(read(3)[1].2, Err("\"maybe\" is not yes or no (expected Y/N, Yes/No, True/False, 1/0)".into()));
}

#[test]
fn a_leading_tab_in_a_client_name_is_kept() {
    let p = run("Client,Commission\n\"\t=HYPERLINK(1)\",5\n  Two   Spaces  Co ,6\n");
    assert_eq!(p.accounts[0].client_name, "\t=HYPERLINK(1)");
    assert_eq!(p.accounts[1].client_name, "Two Spaces Co");
}

//! The book as a CSV file, one row per policy (an account without policies
//! gets one row with its account revenue). The columns use names the import
//! recognizes, so an exported book imports back as it was. Cells a
//! spreadsheet would run as formulas get a leading `'` ([`super::csv_safe`]).

use super::activity::ProcessKind;
use super::book::{BillType, Book};
use super::csv_safe::SafeWriter;
use super::money::format_plain;

/// The columns, in order. Later versions only add columns at the end, so a
/// script reading columns by position keeps working.
pub const BOOK_CSV_COLUMNS: [&str; 24] = [
    "client",
    "department",
    "producer",
    "client_manager",
    "client_advocate",
    "policy_number",
    "line_of_business",
    "carrier",
    "effective",
    "expiration",
    "premium",
    "commission",
    "e&s",
    "bill_type",
    "new_business",
    "endorsements",
    "non_renewals",
    "cancellations",
    "audits",
    "certificates",
    "bid_bonds",
    "claims",
    "status",
    "client_id",
];

/// Writes the book as CSV text.
pub fn book_csv(book: &Book) -> String {
    let mut w = SafeWriter::new();
    w.row(BOOK_CSV_COLUMNS);
    let index = book.index();
    let mut accounts: Vec<_> = book.accounts.iter().collect();
    // A stable order, whatever order storage returns records in.
    accounts
        .sort_by(|a, b| a.client_name.to_lowercase().cmp(&b.client_name.to_lowercase()).then_with(|| a.id.cmp(&b.id)));
    for a in accounts {
        let head = [a.client_name.as_str(), a.department.code(), &a.producer, &a.client_manager, &a.client_advocate];
        // Yearly counts go on the account's first row only: the import adds
        // up an account's rows.
        let counts: Vec<String> =
            ProcessKind::counted().map(|k| a.activity.get(&k).map(|n| n.to_string()).unwrap_or_default()).collect();
        let mut first_row = true;
        let mut tail = |row: &mut Vec<String>| {
            if first_row {
                row.extend(counts.iter().cloned());
            } else {
                row.extend(std::iter::repeat_n(String::new(), counts.len()));
            }
            first_row = false;
        };
        // Inactive policies are part of the book's history, so they go too.
        let mut policies = index.policies(&a.id).to_vec();
        policies.extend_from_slice(index.inactive_policies(&a.id));
        policies.sort_by(|x, y| (x.expiration, &x.policy_number, &x.id).cmp(&(y.expiration, &y.policy_number, &y.id)));
        if policies.is_empty() {
            let revenue = format_plain(a.account_revenue.unwrap_or(0));
            let mut row: Vec<String> = head.iter().map(|s| s.to_string()).collect();
            row.extend(["", "", "", "", "", "", &revenue, "", ""].map(String::from));
            tail(&mut row);
            row.extend([String::new(), a.account_code.clone()]);
            w.row(&row);
        }
        for p in policies {
            let effective = p.effective.map(|d| d.to_string()).unwrap_or_default();
            let expiration = p.expiration.map(|d| d.to_string()).unwrap_or_default();
            let premium = format_plain(p.premium);
            let commission = format_plain(p.commission);
            let mut row: Vec<String> = head.iter().map(|s| s.to_string()).collect();
            row.extend(
                [
                    p.policy_number.as_str(),
                    &p.line_of_business,
                    &p.carrier,
                    &effective,
                    &expiration,
                    &premium,
                    &commission,
                    if p.excess_surplus { "Y" } else { "N" },
                    match p.bill_type {
                        BillType::Agency => "Agency",
                        BillType::Direct => "Direct",
                    },
                ]
                .map(String::from),
            );
            tail(&mut row);
            row.extend([p.status.label().to_string(), a.account_code.clone()]);
            w.row(&row);
        }
    }
    w.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{Account, Department, Policy, name_key};
    use crate::domain::csv_safe::HOSTILE;
    use crate::domain::import::{mapping::auto_map, plan, preview::preview, table::read_csv};

    #[test]
    fn the_export_does_not_depend_on_record_order() {
        let mut book = Book::default();
        book.accounts.push(Account::new("b", "Beta", Department::Pl));
        book.accounts.push(Account::new("a", "Alpha", Department::Cl));
        for (id, number) in [("p2", "Z-2"), ("p1", "A-1"), ("p3", "M-3")] {
            let mut p = Policy::new(id, "a");
            p.policy_number = number.into();
            book.policies.push(p);
        }
        let first = book_csv(&book);
        book.accounts.reverse();
        book.policies.reverse();
        assert_eq!(book_csv(&book), first);
        let numbers: Vec<&str> = first.lines().skip(1).map(|l| l.split(',').nth(5).unwrap()).collect();
        assert_eq!(numbers, vec!["A-1", "M-3", "Z-2", ""]);
    }

    #[test]
    fn an_exported_book_imports_back_the_same() {
        let mut book = Book::default();
        let mut a = Account::new("a", "Smith, Jones & \"Co\"", Department::Cl);
        a.producer = "Pat".into();
        a.account_code = "SMIJON-01".into();
        a.activity.insert(ProcessKind::Certificate, 14);
        a.activity.insert(ProcessKind::Claim, 0);
        book.accounts.push(a);
        let mut b = Account::new("b", "Lone Account", Department::Custom("Farm".into()));
        b.account_revenue = Some(12_345);
        book.accounts.push(b);
        let mut p = Policy::new("p", "a");
        p.policy_number = "BOP-1".into();
        p.premium = 400_000;
        p.commission = -1_050;
        p.excess_surplus = true;
        p.bill_type = BillType::Agency;
        p.effective = chrono::NaiveDate::from_ymd_opt(2026, 3, 1);
        p.expiration = chrono::NaiveDate::from_ymd_opt(2027, 3, 1);
        book.policies.push(p);
        let mut cancelled = Policy::new("q", "a");
        cancelled.policy_number = "GL-9".into();
        cancelled.commission = 50_000;
        cancelled.status = crate::domain::book::PolicyStatus::Cancelled;
        book.policies.push(cancelled);

        let text = book_csv(&book);
        let table = read_csv(text.as_bytes()).unwrap();
        let mapping = auto_map(&table.headers);
        assert!(mapping.iter().all(Option::is_some), "every exported column maps: {:?}", table.headers);
        let pv = preview(&table, &mapping, &Department::Cl);
        assert!(pv.rejected.is_empty(), "{:?}", pv.rejected);
        let mut n = 0;
        let (changes, _) = plan::plan(
            &pv,
            &Book::default(),
            plan::ImportMode::Replace,
            &mut || {
                n += 1;
                n.to_string()
            },
            "t",
        );
        let mut back = Book::default();
        crate::domain::changes::apply(&mut back, changes);
        assert_eq!(back.accounts.len(), 2);
        let idx = back.index();
        for orig in &book.accounts {
            let copy = back.account_by_name(&orig.client_name).unwrap();
            assert_eq!(name_key(&copy.client_name), name_key(&orig.client_name));
            assert_eq!(copy.department, orig.department);
            assert_eq!(idx.revenue(&copy.id), book.index().revenue(&orig.id));
        }
        let copy = back.account_by_name("Smith, Jones & \"Co\"").unwrap();
        assert_eq!(copy.activity, book.accounts[0].activity, "yearly counts survive the round trip");
        assert!(back.account_by_name("Lone Account").unwrap().activity.is_empty());
        let q = back.policies.iter().find(|p| p.policy_number == "BOP-1").unwrap();
        assert_eq!(
            (q.premium, q.excess_surplus, q.bill_type, q.expiration),
            (400_000, true, BillType::Agency, book.policies[0].expiration)
        );
        let gone = back.policies.iter().find(|p| p.policy_number == "GL-9").unwrap();
        assert_eq!(
            gone.status,
            crate::domain::book::PolicyStatus::Cancelled,
            "an inactive policy goes out and comes back as one"
        );
        assert_eq!(copy.account_code, "SMIJON-01");
    }

    /// A book of one account per name, each with the producer `=PRODUCER()`
    /// and one policy with a commission of -$145.00.
    fn hostile_book(names: &[&str]) -> Book {
        let mut book = Book::default();
        for (i, name) in names.iter().enumerate() {
            let mut a = Account::new(&format!("a{i}"), name, Department::Cl);
            a.producer = "=PRODUCER()".into();
            book.accounts.push(a);
            let mut p = Policy::new(&format!("p{i}"), &format!("a{i}"));
            p.policy_number = format!("-{i}+1");
            p.commission = -14_500;
            book.policies.push(p);
        }
        book
    }

    #[test]
    fn formulas_in_names_are_written_as_text_and_negative_money_as_numbers() {
        let text = book_csv(&hostile_book(&HOSTILE));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), BOOK_CSV_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), HOSTILE.len());
        let mut clients: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
        clients.sort();
        let mut expected: Vec<String> = HOSTILE.iter().map(|n| format!("'{n}")).collect();
        expected.sort();
        assert_eq!(clients, expected);
        for r in &rows {
            assert_eq!(&r[2], "'=PRODUCER()");
            assert!(r[5].starts_with("'-"), "a policy number that reads as a sum: {:?}", &r[5]);
            assert_eq!(&r[11], "-145.00", "commission stays a number");
        }
    }

    #[test]
    fn a_book_with_formula_names_imports_back_as_it_was() {
        // The import reads our own defused cells back as they were; a name
        // that itself starts with `'=` and one starting with a tab survive too.
        let names = [
            "=HYPERLINK(\"http://x\",\"Click me\")",
            "+cmd|' /C calc'!A0",
            "@SUM(1+1)",
            "-2+3+cmd|' /C calc'!A0",
            "'=1+1",
            "\t=1+2",
        ];
        let book = hostile_book(&names);
        let table = read_csv(book_csv(&book).as_bytes()).unwrap();
        let pv = preview(&table, &auto_map(&table.headers), &Department::Cl);
        assert!(pv.rejected.is_empty(), "{:?}", pv.rejected);
        let mut imported: Vec<&str> = pv.accounts.iter().map(|a| a.client_name.as_str()).collect();
        imported.sort();
        let mut expected = names.to_vec();
        expected.sort();
        assert_eq!(imported, expected);
        for a in &pv.accounts {
            assert_eq!(a.producer, "=PRODUCER()");
            assert_eq!(a.policies.len(), 1);
        }
    }
}

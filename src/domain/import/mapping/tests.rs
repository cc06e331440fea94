use super::*;

fn headers(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn common_ams_headers_map() {
    let h = headers(&[
        "Customer Name",
        "Dept",
        "Commission Revenue",
        "Annual Premium",
        "Policy #",
        "LOB",
        "Company",
        "Inception",
        "Exp Date",
        "Producer",
        "CSR",
        "Client Advocate",
        "E&S",
        "Bill Type",
        "Notes",
        "Client ID",
        "Policy Status",
        "Comm %",
        "New Business",
        "Endorsements",
        "Non-Renewals",
        "Cancellations",
        "Audits",
        "Certificates",
        "Bid Bonds",
        "Claims",
    ]);
    let m = auto_map(&h);
    assert_eq!(m, Field::ALL.iter().map(|f| Some(*f)).collect::<Vec<_>>());
}

#[test]
fn headers_are_case_and_punctuation_insensitive() {
    let m = auto_map(&headers(&["CLIENT", "policy_number", "x-date", "Effective Date:"]));
    assert_eq!(
        m,
        vec![Some(Field::ClientName), Some(Field::PolicyNumber), Some(Field::Expiration), Some(Field::Effective)]
    );
}

#[test]
fn ams360_and_epic_headers_map() {
    let ams = auto_map(&headers(&[
        "Customer",
        "Customer #",
        "Division",
        "Department",
        "Writing Company",
        "Exec",
        "Rep",
        "Bill Method",
        "Comm %",
    ]));
    assert_eq!(
        ams,
        vec![
            Some(Field::ClientName),
            Some(Field::AccountCode),
            None,
            Some(Field::Department),
            Some(Field::Carrier),
            Some(Field::Producer),
            Some(Field::ClientManager),
            Some(Field::BillType),
            Some(Field::CommissionRate),
        ],
        "Department wins over Division; a rate is its own field, not an amount"
    );
    let epic = auto_map(&headers(&[
        "Account Name",
        "Account Lookup Code",
        "Issuing Company",
        "Annualized Premium",
        "Annualized Commission",
        "Producer 1",
        "Account Manager",
        "Servicer",
        "Status",
    ]));
    assert_eq!(
        epic,
        vec![
            Some(Field::ClientName),
            Some(Field::AccountCode),
            Some(Field::Carrier),
            Some(Field::Premium),
            Some(Field::Commission),
            Some(Field::Producer),
            Some(Field::ClientManager),
            Some(Field::ClientAdvocate),
            Some(Field::Status),
        ]
    );
    // Division is the department when nothing else is.
    assert_eq!(auto_map(&headers(&["Insured", "Division"])), vec![Some(Field::ClientName), Some(Field::Department)]);
}

#[test]
fn the_first_column_wins_and_unknowns_are_ignored() {
    let m = auto_map(&headers(&["Insured", "Account Name", "Fax"]));
    assert_eq!(m, vec![Some(Field::ClientName), None, None]);
}

#[test]
fn mapping_checks() {
    let h = headers(&["A", "B"]);
    assert!(check_mapping(&h, &vec![Some(Field::ClientName), Some(Field::Commission)]).is_ok());
    let err = check_mapping(&h, &vec![Some(Field::Commission), Some(Field::Commission)]).unwrap_err();
    assert!(err.contains("A, B"), "{err}");
    assert!(check_mapping(&h, &vec![None, Some(Field::Commission)]).unwrap_err().contains("client name"));
    let err = check_mapping(&h, &vec![Some(Field::ClientName), Some(Field::Premium)]).unwrap_err();
    assert!(err.starts_with("No column is mapped to the commission"), "{err}");
    let h3 = headers(&["A", "B", "C"]);
    assert!(
        check_mapping(&h3, &vec![Some(Field::ClientName), Some(Field::Premium), Some(Field::CommissionRate)]).is_ok()
    );
    let err = check_mapping(&h, &vec![Some(Field::ClientName), Some(Field::CommissionRate)]).unwrap_err();
    assert!(err.contains("map its premium column too"), "{err}");
}

#[test]
fn keys_round_trip() {
    for f in Field::ALL {
        assert_eq!(Field::from_key(f.key()), Some(f));
    }
}

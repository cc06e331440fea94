use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn department_names_from_reports() {
    for (s, dept) in [
        ("Commercial Lines", Department::Cl),
        ("CL", Department::Cl),
        ("commercial", Department::Cl),
        ("Personal", Department::Pl),
        ("PL", Department::Pl),
        ("Personal Lines", Department::Pl),
        ("Employee Benefits", Department::Benefits),
        ("benefits", Department::Benefits),
        ("Life & Health", Department::Benefits),
        ("L&H", Department::Benefits),
        ("EB", Department::Benefits),
        ("Comm", Department::Cl),
        ("00 Commercial", Department::Cl),
        ("01 Personal", Department::Pl),
        ("02 Benefits", Department::Benefits),
        ("02-Employee Benefits", Department::Benefits),
        ("CL - Commercial Lines", Department::Cl),
        ("PL - Personal Lines", Department::Pl),
        ("EB - Employee Benefits", Department::Benefits),
        // Not a built-in department: kept as written.
        ("Farm & Ranch", Department::Custom("Farm & Ranch".into())),
        ("03 Farm", Department::Custom("03 Farm".into())),
        ("CL - Personal Lines", Department::Custom("CL - Personal Lines".into())),
        ("Commercial Auto Dealers", Department::Custom("Commercial Auto Dealers".into())),
    ] {
        assert_eq!(Department::parse(s), Ok(dept), "{s}");
    }
    assert!(Department::parse("  ").is_err());
}

#[test]
fn departments_serialize_as_codes() {
    let json = serde_json::to_string(&vec![Department::Cl, Department::Custom("Farm".into())]).unwrap();
    assert_eq!(json, r#"["CL","Farm"]"#);
    let back: Vec<Department> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, vec![Department::Cl, Department::Custom("Farm".into())]);
    // A custom department saved before the import learned its name stays itself.
    let kept: Vec<Department> = serde_json::from_str(r#"["Life & Health","00 Commercial"]"#).unwrap();
    assert_eq!(kept, vec![Department::Custom("Life & Health".into()), Department::Custom("00 Commercial".into())]);
}

#[test]
fn two_clients_of_one_name_are_told_apart_only_by_different_codes() {
    let mut book = Book::default();
    let mut first = Account::new("a", "John Smith", Department::Pl);
    first.account_code = "10442".into();
    book.accounts.push(first);
    let mut second = Account::new("b", "john  smith", Department::Pl);
    second.account_code = "10957".into();
    assert!(validate_account(&second, &book).is_empty(), "different client numbers");
    second.account_code = "10442 ".into();
    assert!(!validate_account(&second, &book).is_empty(), "the same number is the same client");
    second.account_code.clear();
    assert!(!validate_account(&second, &book).is_empty(), "without a number the name must be unique");
}

#[test]
fn a_former_client_has_no_revenue_and_its_inactive_policies_stay_apart() {
    let mut book = Book::default();
    let mut a = Account::new("a", "Gone Ltd", Department::Cl);
    a.account_revenue = Some(70_000);
    book.accounts.push(a);
    let mut p = Policy::new("p", "a");
    p.commission = 40_000;
    p.status = PolicyStatus::NonRenewed;
    book.policies.push(p);
    let idx = book.index();
    assert!(idx.is_former("a"));
    assert_eq!(idx.revenue("a"), 0, "neither the policy nor an old account figure counts");
    assert!(idx.policies("a").is_empty());
    assert_eq!(idx.inactive_policies("a").len(), 1);
    let json = serde_json::to_string(&book.policies[0]).unwrap();
    assert!(json.contains("NonRenewed"), "{json}");
    let active = serde_json::to_string(&Policy::new("x", "a")).unwrap();
    assert!(!active.contains("status"), "an active policy's record is as before: {active}");
}

#[test]
fn revenue_is_policy_commissions_or_the_account_figure() {
    let mut book = Book::default();
    let mut a = Account::new("a", "A", Department::Cl);
    a.account_revenue = Some(999);
    let mut b = Account::new("b", "B", Department::Pl);
    b.account_revenue = Some(50_000);
    book.accounts = vec![a, b];
    let mut p1 = Policy::new("p1", "a");
    p1.commission = 100_00;
    let mut p2 = Policy::new("p2", "a");
    p2.commission = -25_00;
    book.policies = vec![p1, p2];
    let idx = book.index();
    assert_eq!(idx.revenue("a"), 75_00, "policies win over the account figure");
    assert_eq!(idx.revenue("b"), 50_000);
    assert_eq!(idx.revenue("missing"), 0);
}

#[test]
fn next_expiration_ignores_past_terms() {
    let mut book = Book::default();
    book.accounts.push(Account::new("a", "A", Department::Cl));
    for (id, exp) in [("1", d(2026, 10, 1)), ("2", d(2027, 3, 1)), ("3", d(2026, 12, 1))] {
        let mut p = Policy::new(id, "a");
        p.expiration = Some(exp);
        book.policies.push(p);
    }
    let idx = book.index();
    assert_eq!(idx.next_expiration("a", d(2026, 11, 22)), Some(d(2026, 12, 1)));
    assert_eq!(idx.next_expiration("a", d(2026, 12, 1)), Some(d(2026, 12, 1)));
    assert_eq!(idx.next_expiration("a", d(2027, 3, 2)), None);
}

#[test]
fn validation_names_the_field() {
    let mut book = Book::default();
    book.accounts.push(Account::new("a", "Harbor Bakery", Department::Cl));
    let dup = Account::new("b", "  harbor   BAKERY ", Department::Pl);
    let problems = validate_account(&dup, &book);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "client_name");
    assert!(validate_account(&Account::new("c", " ", Department::Pl), &book)[0].1.contains("required"));
    // Renaming an account to its own name is fine.
    assert!(validate_account(&book.accounts[0].clone(), &book).is_empty());

    let mut p = Policy::new("p", "a");
    p.policy_number = "BOP-1".into();
    p.effective = Some(d(2026, 1, 1));
    p.expiration = Some(d(2026, 1, 1));
    let fields: Vec<_> = validate_policy(&p, &book).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, vec!["expiration"]);
    book.policies.push(p.clone());
    let mut q = Policy::new("q", "zzz");
    q.policy_number = "bop-1".into();
    q.premium = -1;
    let fields: Vec<_> = validate_policy(&q, &book).into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, vec!["account_id", "premium", "policy_number"]);
}

#[test]
fn flags_and_bill_types() {
    assert_eq!(parse_flag("Y"), Ok(true));
    assert_eq!(parse_flag(""), Ok(false));
    assert!(parse_flag("maybe").is_err());
    assert_eq!(BillType::parse("Agency Bill"), Ok(Some(BillType::Agency)));
    assert_eq!(BillType::parse("DB"), Ok(Some(BillType::Direct)));
    assert_eq!(BillType::parse(""), Ok(None));
    assert!(BillType::parse("card").is_err());
}

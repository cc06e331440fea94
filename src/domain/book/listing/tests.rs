use super::*;
use crate::domain::book::{Account, Department, Policy, PolicyStatus};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Four accounts: Émile (CL, two policies, one expiring before the as-of
/// date), Acme (PL, the most commission), Zephyr (CL, none) and Bakery
/// (Benefits, its only policy lost: a former client).
fn book() -> Book {
    let mut b = Book::default();
    for (id, name, dept) in [
        ("e", "Émile Traiteur", Department::Cl),
        ("a", "Acme Roofing", Department::Pl),
        ("z", "Zephyr Marine", Department::Cl),
        ("b", "Bakery on Main", Department::Benefits),
    ] {
        b.accounts.push(Account::new(id, name, dept));
    }
    for (id, account, commission, exp, status) in [
        ("e1", "e", 10_000, d(2027, 3, 1), PolicyStatus::Active),
        ("e2", "e", 5_000, d(2026, 10, 1), PolicyStatus::Active),
        ("a1", "a", 90_000, d(2027, 1, 15), PolicyStatus::Renewed),
        ("b1", "b", 7_000, d(2027, 2, 1), PolicyStatus::Lost),
    ] {
        let mut p = Policy::new(id, account);
        p.commission = commission;
        p.expiration = Some(exp);
        p.status = status;
        b.policies.push(p);
    }
    b
}

fn names<'a>(list: &'a [Row], query: &str, sort: (SortKey, bool)) -> Vec<&'a str> {
    positions(list, query, sort).into_iter().map(|i| list[i].name.as_str()).collect()
}

#[test]
fn a_row_carries_the_figures_of_its_account_on_the_as_of_date() {
    let list = rows(&book(), d(2026, 11, 22));
    let e = &list[0];
    assert_eq!((e.key.as_str(), e.department.as_str()), ("emile traiteur", "CL"));
    assert_eq!((e.revenue, e.policies, e.next_expiration, e.former), (15_000, 2, Some(d(2027, 3, 1)), false));
    let bakery = &list[3];
    assert_eq!((bakery.revenue, bakery.policies, bakery.next_expiration, bakery.former), (0, 0, None, true));
}

#[test]
fn the_search_finds_names_without_accents_or_a_department_code() {
    let list = rows(&book(), d(2026, 11, 22));
    let by_name = (SortKey::Name, true);
    assert_eq!(names(&list, "  EMILE ", by_name), ["Émile Traiteur"]);
    assert_eq!(names(&list, "rin", by_name), ["Zephyr Marine"], "any part of the name");
    assert_eq!(names(&list, "cl", by_name), ["Émile Traiteur", "Zephyr Marine"], "the whole code");
    assert_eq!(names(&list, "c", by_name), ["Acme Roofing"], "a part of a code finds nothing");
    assert_eq!(names(&list, "", by_name).len(), 4);
    assert!(names(&list, "nobody", by_name).is_empty());
}

#[test]
fn each_column_sorts_both_ways_and_undated_accounts_come_last() {
    let list = rows(&book(), d(2026, 11, 22));
    assert_eq!(
        names(&list, "", (SortKey::Name, true)),
        ["Acme Roofing", "Bakery on Main", "Émile Traiteur", "Zephyr Marine"]
    );
    assert_eq!(names(&list, "", (SortKey::Name, false))[0], "Zephyr Marine");
    // Department code, then the name as written (an accented letter after Z).
    assert_eq!(
        names(&list, "", (SortKey::Department, true)),
        ["Bakery on Main", "Zephyr Marine", "Émile Traiteur", "Acme Roofing"]
    );
    assert_eq!(names(&list, "", (SortKey::Revenue, false))[..2], ["Acme Roofing", "Émile Traiteur"]);
    assert_eq!(names(&list, "", (SortKey::Policies, false))[0], "Émile Traiteur");
    assert_eq!(
        names(&list, "", (SortKey::NextExpiration, true)),
        ["Acme Roofing", "Émile Traiteur", "Zephyr Marine", "Bakery on Main"]
    );
    assert_eq!(names(&list, "", (SortKey::NextExpiration, false))[2..], ["Émile Traiteur", "Acme Roofing"]);
    assert!(SortKey::Name.ascending_first() && SortKey::Department.ascending_first());
    assert!(SortKey::NextExpiration.ascending_first());
    assert!(!SortKey::Revenue.ascending_first() && !SortKey::Policies.ascending_first());
}

#[test]
fn the_heading_counts_policies_in_force_apart_and_totals_commission() {
    let b = book();
    assert_eq!(policy_counts(&b), (3, 1));
    assert_eq!(total_revenue(&rows(&b, d(2026, 11, 22))), 105_000);
    assert_eq!(policy_counts(&Book::default()), (0, 0));
}

#[test]
fn the_list_worked_out_in_slices_is_the_list_worked_out_at_once() {
    // A bigger book: accounts with none, one or several policies, some
    // inactive, policies listed out of account order.
    let mut b = book();
    for i in 0..40 {
        b.accounts.push(Account::new(&format!("x{i}"), &format!("Client {i:02}"), Department::Pl));
    }
    for i in 0..90 {
        let mut p = Policy::new(&format!("xp{i}"), &format!("x{}", (i * 7) % 33));
        p.commission = 1_000 + i as i64 * 10;
        p.expiration = Some(d(2027, 1 + (i % 12) as u32, 1 + (i % 27) as u32));
        if i % 5 == 0 {
            p.status = PolicyStatus::Cancelled;
        }
        b.policies.push(p);
    }
    let as_of = d(2026, 12, 7);
    let at_once = {
        let mut work = ListWork::new(&b, as_of);
        assert!(work.step(usize::MAX), "one unbounded step does it all");
        work.finish()
    };
    assert_eq!(at_once.len(), b.accounts.len());
    assert_eq!(
        at_once.iter().map(|r| r.policies).sum::<usize>(),
        3 + 72,
        "the four accounts' 3 in force; 90 more, 18 of them cancelled"
    );
    for budget in [1, 2, 3, 7, 50, 129, 1_000] {
        let mut work = ListWork::new(&b, as_of);
        let mut steps = 1;
        while !work.step(budget) {
            steps += 1;
        }
        // Every policy and account is indexed, then every account gets its row.
        let units = b.policies.len() + 2 * b.accounts.len();
        assert_eq!(steps, units.div_ceil(budget).max(1), "budget {budget}");
        assert_eq!(work.finish(), at_once, "budget {budget}");
    }
}

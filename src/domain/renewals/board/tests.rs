#[test]
fn a_lead_time_form_keeps_other_tabs_departments_and_refuses_a_clash() {
    use super::LeadTimes;
    use crate::domain::book::Department;
    let base = LeadTimes::default();
    let mut edited = base.clone();
    edited.set_department(&Department::Cl, 180);
    edited.set_department(&Department::Pl, 90);
    // Another tab set PL to 100 meanwhile and an account's own time.
    let mut stored = base.clone();
    stored.set_department(&Department::Pl, 100);
    stored.accounts.insert("a1".into(), 30);
    let err = stored.with_department_edits(&base, &edited).unwrap_err();
    assert!(err.contains("Personal Lines to 100 days"), "{err}");
    // The same value from both is no clash; untouched entries stay.
    stored.set_department(&Department::Pl, 90);
    let saved = stored.with_department_edits(&base, &edited).unwrap();
    assert_eq!(saved.for_department(&Department::Cl), 180);
    assert_eq!(saved.for_department(&Department::Pl), 90);
    assert_eq!(saved.accounts.get("a1"), Some(&30));
    // Setting a department back to its default removes its entry.
    let mut back = saved.clone();
    back.set_department(&Department::Cl, default_lead_days(&Department::Cl));
    let saved = saved.with_department_edits(&saved.clone(), &back).unwrap();
    assert!(saved.departments.iter().all(|(d, _)| *d != Department::Cl));
}

use super::testing::one_plan_board;
use super::*;
use crate::domain::book::Account;
use crate::domain::book::Policy;
use crate::domain::renewals::plan::{ServicePlan, default_lead_days};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn book() -> Book {
    let mut b = Book::default();
    for (id, name, dept) in [("a", "Acme", Department::Cl), ("b", "Beta", Department::Pl)] {
        let mut a = Account::new(id, name, dept);
        a.client_manager = "Elena".into();
        b.accounts.push(a);
    }
    let mut add = |id: &str, account: &str, number: &str, exp: NaiveDate| {
        let mut p = Policy::new(id, account);
        p.policy_number = number.into();
        p.carrier = "Acme Mutual".into();
        p.expiration = Some(exp);
        p.effective = exp.checked_sub_months(Months::new(12));
        p.commission = 100_00;
        b.policies.push(p);
    };
    add("p1", "a", "GL-1", d(2027, 1, 31));
    add("p2", "a", "AU-1", d(2027, 1, 31));
    add("p3", "a", "WC-1", d(2027, 6, 1));
    add("p4", "b", "HO-1", d(2026, 11, 21));
    b
}

#[test]
fn buckets_have_exact_edges() {
    let cases = [
        (-400, "expired"),
        (-1, "expired"),
        (0, "0-30"),
        (30, "0-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "91-120"),
        (120, "91-120"),
        (121, "121-180"),
        (180, "121-180"),
        (181, "180+"),
    ];
    for (days, code) in cases {
        assert_eq!(Bucket::of_days(days).code(), code, "{days}");
    }
}

#[test]
fn policies_expiring_together_form_one_renewal() {
    let plan = ServicePlan::original();
    let as_of = d(2026, 11, 22);
    let list = one_plan_board(&plan, &book(), &HashMap::new(), &LeadTimes::default(), as_of, None);
    let summary: Vec<(&str, i64, &str, usize)> =
        list.iter().map(|r| (r.client_name.as_str(), r.days, r.bucket.code(), r.policy_numbers.len())).collect();
    assert_eq!(summary, vec![("Beta", -1, "expired", 1), ("Acme", 70, "61-90", 2), ("Acme", 191, "180+", 1)]);
    let acme = &list[1];
    assert_eq!(acme.total, 37);
    assert_eq!(acme.effective, d(2026, 1, 31));
    // Inside CL's 150-day lead time with nothing done.
    assert!(acme.not_started);
    assert!(!list[2].not_started, "191 days out is before the lead time");
    // Its next milestone is the first one still ahead (Dec 2, 60 days before
    // Jan 31); the earlier ones are overdue.
    assert_eq!(
        acme.next.as_ref().unwrap(),
        &("60 days to renewal – Presentation and proposal".to_string(), d(2026, 12, 2))
    );
    assert_eq!(acme.overdue, 6 + 3 + 4 + 3 + 4 + 3);
    // An expired renewal's next milestone is its latest late one.
    assert_eq!(list[0].next.as_ref().unwrap().0, "30 days to renewal – Renewal plan and documents");
}

#[test]
fn same_date_and_name_are_ordered_by_account_and_a_cancelled_policy_makes_no_renewal() {
    let plan = ServicePlan::original();
    let mut b = Book::default();
    // Two clients of the same name, the later id first in the book.
    for id in ["z9", "a1"] {
        b.accounts.push(Account::new(id, "Harbor Bakery", Department::Cl));
    }
    for (id, account, number, exp, live) in [
        ("p1", "z9", "Z-1", d(2027, 3, 1), true),
        ("p2", "a1", "A-2", d(2027, 3, 1), true),
        ("p3", "a1", "A-1", d(2027, 3, 1), true),
        ("p4", "a1", "A-3", d(2027, 2, 1), false),
    ] {
        let mut p = Policy::new(id, account);
        p.policy_number = number.into();
        p.expiration = Some(exp);
        if !live {
            p.status = crate::domain::book::PolicyStatus::Cancelled;
        }
        b.policies.push(p);
    }
    let list = one_plan_board(&plan, &b, &HashMap::new(), &LeadTimes::default(), d(2026, 11, 22), None);
    let seen: Vec<(&str, Vec<&str>)> =
        list.iter().map(|r| (r.account_id.as_str(), r.policy_numbers.iter().map(String::as_str).collect())).collect();
    // One renewal per account and date, policies in the book's order.
    assert_eq!(seen, vec![("a1", vec!["A-2", "A-1"]), ("z9", vec!["Z-1"])]);
}

#[test]
fn a_narrowing_filter_keeps_only_what_the_earlier_one_kept() {
    let plan = ServicePlan::original();
    let list = one_plan_board(&plan, &book(), &HashMap::new(), &LeadTimes::default(), d(2026, 11, 22), None);
    let texts = ["", "a", "ac", "acme", "acme gl", "gl-1", "1", "beta", "ho-1", "zz"];
    for dept in [None, Some(Department::Cl)] {
        for earlier in texts {
            for later in texts {
                let e = Filter { department: dept.clone(), text: earlier.into(), ..Default::default() };
                let l = Filter { department: dept.clone(), text: later.into(), ..Default::default() };
                if l.narrows(&e) {
                    for r in &list {
                        assert!(!l.matches(r) || e.matches(r), "{later:?} after {earlier:?} kept {}", r.id);
                    }
                }
            }
        }
    }
    // Another department is never a narrowing, whatever the text.
    let cl = Filter { department: Some(Department::Cl), text: "acme".into(), ..Default::default() };
    assert!(!cl.narrows(&Filter { department: Some(Department::Pl), ..Default::default() }));
}

#[test]
fn a_renewal_on_the_as_of_date_is_in_the_first_column() {
    let plan = ServicePlan::original();
    let list = one_plan_board(&plan, &book(), &HashMap::new(), &LeadTimes::default(), d(2026, 11, 21), None);
    let beta = list.iter().find(|r| r.client_name == "Beta").unwrap();
    assert_eq!((beta.days, beta.bucket), (0, Bucket::Days0To30));
}

#[test]
fn ticks_count_and_start_the_renewal_and_lead_times_can_be_overridden() {
    let plan = ServicePlan::original();
    let as_of = d(2026, 11, 22);
    let mut record = RenewalRecord::new("a", d(2027, 1, 31));
    record.ticks.push(Tick { item: "client-strategy:1".into(), by: "Elena".into(), on: as_of });
    let records: HashMap<_, _> = [(record.id.clone(), record)].into_iter().collect();
    let list = one_plan_board(&plan, &book(), &records, &LeadTimes::default(), as_of, None);
    let acme = list.iter().find(|r| r.expiration == d(2027, 1, 31)).unwrap();
    assert_eq!(acme.done, 1);
    assert!(!acme.not_started, "a pre-renewal item is done");
    // A 200-day lead time for the account flags the June renewal too.
    let mut leads = LeadTimes::default();
    leads.accounts.insert("a".into(), 200);
    let list = one_plan_board(&plan, &book(), &HashMap::new(), &leads, as_of, None);
    let june = list.iter().find(|r| r.expiration == d(2027, 6, 1)).unwrap();
    assert_eq!(june.lead_days, 200);
    assert!(june.not_started);
    // A department override applies to its accounts only.
    let leads = LeadTimes { departments: vec![(Department::Cl, 60)], ..Default::default() };
    let list = one_plan_board(&plan, &book(), &HashMap::new(), &leads, as_of, None);
    assert!(!list.iter().find(|r| r.expiration == d(2027, 1, 31)).unwrap().not_started, "70 days out, lead time 60");
}

#[test]
fn lost_renewals_leave_the_board_and_filters_narrow_it() {
    let plan = ServicePlan::original();
    let as_of = d(2026, 11, 22);
    let mut record = RenewalRecord::new("b", d(2026, 11, 21));
    record.outcome = Some(Outcome::Lost {
        on: as_of,
        by: "Elena".into(),
        reason: "Price".into(),
        detail: String::new(),
        policies: Vec::new(),
    });
    let records: HashMap<_, _> = [(record.id.clone(), record)].into_iter().collect();
    let list = one_plan_board(&plan, &book(), &records, &LeadTimes::default(), as_of, None);
    assert_eq!(list.len(), 2);
    let f = Filter { text: crate::domain::search::fold("WC-"), ..Default::default() };
    assert_eq!(list.iter().filter(|r| f.matches(r)).count(), 1);
    // Accents are ignored both ways.
    let mut accented = book();
    accented.accounts[0].client_name = "Acme Müller".into();
    let list2 = one_plan_board(&plan, &accented, &records, &LeadTimes::default(), as_of, None);
    let f = Filter { text: crate::domain::search::fold("muller"), ..Default::default() };
    assert_eq!(list2.iter().filter(|r| f.matches(r)).count(), 2);
    let f = Filter { department: Some(Department::Pl), ..Default::default() };
    assert_eq!(list.iter().filter(|r| f.matches(r)).count(), 0);
    let f = Filter { carrier: "acme mutual".into(), owner: "Elena".into(), ..Default::default() };
    assert_eq!(list.iter().filter(|r| f.matches(r)).count(), 2);
}

#[test]
fn a_lead_time_equal_to_what_applies_is_stored_as_no_entry() {
    let mut leads = LeadTimes::default();
    leads.set_department(&Department::Pl, 120);
    assert!(leads.departments.is_empty(), "PL's default is 120");
    leads.set_department(&Department::Pl, 90);
    leads.set_account("a", &Department::Pl, 90);
    assert!(leads.accounts.is_empty(), "the department's 90 applies already");
    leads.set_account("a", &Department::Pl, 60);
    assert_eq!(leads.accounts.get("a"), Some(&60));
    // Back to the department's figure: the account follows the department again.
    leads.set_account("a", &Department::Pl, 90);
    assert!(leads.accounts.is_empty());
}

#[test]
fn exception_views_round_trip_their_link_and_count_what_they_keep() {
    for v in View::EXCEPTIONS {
        assert_eq!(View::from_param(v.param()), v);
    }
    assert_eq!(View::from_param(None), View::All);
    assert_eq!(View::from_param(Some("nonsense")), View::All);
    let as_of = d(2026, 11, 22);
    let list = renewals(
        &book(),
        (&PlanSet::original(), &crate::domain::renewals::plans::no_tiers),
        &HashMap::new(),
        &LeadTimes::default(),
        as_of,
        None,
    );
    assert_eq!(View::All.count(&list), list.len());
    assert_eq!(View::Overdue.count(&list), list.iter().filter(|r| r.overdue > 0).count());
    assert_eq!(View::ExpiredNotBound.count(&list), list.iter().filter(|r| r.days < 0).count());
}

#[test]
fn a_renewal_sits_in_the_tier_the_profitability_page_gives_its_account() {
    use crate::domain::profitability::analysis::{ProfitSettings, TierLabeller, analyze};
    // One CL account, one policy written E&S, $400 of commission.
    let mut b = Book::default();
    b.accounts.push(Account::new("es", "Surplus Co", Department::Cl));
    let mut p = Policy::new("ES-1", "es");
    p.commission = 400_00;
    p.excess_surplus = true;
    p.expiration = Some(d(2027, 1, 15));
    b.policies.push(p);
    let mut settings = ProfitSettings::default();
    for fee in [0, 300_00] {
        settings.rules.monoline_es_fee = fee;
        let tiers = TierLabeller::new(&settings);
        let tier_of = |d: &Department, revenue, monoline_es| tiers.label(d, revenue, monoline_es);
        let board = renewals(
            &b,
            (&PlanSet::original(), &tier_of),
            &HashMap::new(),
            &LeadTimes::default(),
            d(2026, 11, 22),
            None,
        );
        let analysis = analyze(&b, &settings, &[Department::Cl]);
        let page = analysis.department(&Department::Cl).unwrap();
        let page_tier = page.tiers.label(analysis.accounts[0].tier);
        assert_eq!(board[0].tier, page_tier, "fee {fee}");
        assert_eq!(board[0].tier, if fee == 0 { "Under $500" } else { "$500 – $999" });
        // The tier filter uses the same label.
        assert!(Filter { tier: page_tier, ..Default::default() }.matches(&board[0]));
    }
}

#[test]
fn milestones_before_the_tracking_start_are_neither_overdue_nor_done() {
    let plan = ServicePlan::original();
    let as_of = d(2026, 11, 22);
    // Tracking began on the as-of date: the January renewal (term Jan 31, 2026
    // to Jan 31, 2027) has 23 items due before it and none overdue.
    let list = one_plan_board(&plan, &book(), &HashMap::new(), &LeadTimes::default(), as_of, Some(as_of));
    let acme = list.iter().find(|r| r.expiration == d(2027, 1, 31)).unwrap();
    assert_eq!((acme.overdue, acme.before_tracking, acme.done, acme.total), (0, 23, 0, 14));
    assert!(!acme.not_started, "its lead time began before tracking did");
    assert_eq!(acme.next.as_ref().unwrap().1, d(2026, 12, 2), "the next milestone is still the first one ahead");
    // A month later its 60-day milestone (Dec 2) is overdue: tracked work slips.
    let later = one_plan_board(&plan, &book(), &HashMap::new(), &LeadTimes::default(), d(2026, 12, 22), Some(as_of));
    let acme = later.iter().find(|r| r.expiration == d(2027, 1, 31)).unwrap();
    assert_eq!(acme.overdue, 3);
    // The June renewal's lead time (150 days: Jan 2) begins after tracking:
    // on Feb 1 with nothing done it is flagged.
    let feb = one_plan_board(&plan, &book(), &HashMap::new(), &LeadTimes::default(), d(2027, 2, 1), Some(as_of));
    assert!(feb.iter().find(|r| r.expiration == d(2027, 6, 1)).unwrap().not_started);
    // Marking the earlier milestones done ticks exactly the untracked items.
    let mut record = RenewalRecord::new("a", d(2027, 1, 31));
    record.ticks.push(Tick { item: "plan-development:1".into(), by: "Elena".into(), on: d(2026, 3, 1) });
    assert_eq!(record.mark_before_tracking(&plan, (d(2026, 1, 31), d(2027, 1, 31)), Some(as_of), "Ann", as_of), 22);
    assert_eq!(record.tick("plan-development:1").unwrap().by, "Elena", "an earlier tick keeps who made it");
    let records: HashMap<_, _> = [(record.id.clone(), record)].into_iter().collect();
    let list = one_plan_board(&plan, &book(), &records, &LeadTimes::default(), as_of, Some(as_of));
    let acme = list.iter().find(|r| r.expiration == d(2027, 1, 31)).unwrap();
    assert_eq!((acme.done, acme.total, acme.before_tracking), (23, 37, 0));
}

#[test]
fn a_tick_is_saved_as_meant_never_as_a_toggle() {
    let on = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let mut r = RenewalRecord::new("a1", on);
    // Ann ticks an open item.
    r.set_tick("x", Some(("Ann", on)), None, "Call the client").unwrap();
    let ann = r.tick("x").cloned();
    // Bea, whose screen still showed it open, clicks to tick: refused, Ann's tick stays.
    let err = r.set_tick("x", Some(("Bea", on)), None, "Call the client").unwrap_err();
    assert!(err.contains("Ann") && err.contains("Call the client"), "{err}");
    assert_eq!(r.tick("x"), ann.as_ref());
    // Bea, seeing Ann's tick, unticks on purpose: applied.
    r.set_tick("x", None, ann.as_ref(), "Call the client").unwrap();
    assert!(r.tick("x").is_none());
    // Ann, still seeing her tick, unticks: refused (already not done), nothing changes.
    let err = r.set_tick("x", None, ann.as_ref(), "Call the client").unwrap_err();
    assert!(err.contains("not done"), "{err}");
    assert!(r.tick("x").is_none());
    // Another item is untouched by all of this.
    r.set_tick("y", Some(("Bea", on)), None, "Y").unwrap();
    assert_eq!(r.ticks.len(), 1);
}

#[test]
fn notes_edited_from_an_older_version_are_refused_with_the_newer_text() {
    let on = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let mut r = RenewalRecord::new("a1", on);
    r.set_notes("Tab A: loss runs requested", "").unwrap();
    let err = r.set_notes("Tab B: quote sent", "").unwrap_err();
    assert!(err.contains("Tab A: loss runs requested"), "{err}");
    assert_eq!(r.notes, "Tab A: loss runs requested");
    r.set_notes("Tab B: quote sent", "Tab A: loss runs requested").unwrap();
    assert_eq!(r.notes, "Tab B: quote sent");
    // The claims review is its own text: notes never reach it.
    assert_eq!(r.claims_review, "");
    let err = r.set_claims_review("Two small property claims, both closed", "old").unwrap_err();
    assert!(err.starts_with("This claims review was changed"), "{err}");
    r.set_claims_review("Two small property claims, both closed", "").unwrap();
    assert_eq!(
        (r.notes.as_str(), r.claims_review.as_str()),
        ("Tab B: quote sent", "Two small property claims, both closed")
    );
}

#[test]
fn renewing_within_counts_from_the_as_of_date_to_the_last_day_included() {
    let at = |days: i64| Renewal { days, ..super::testing::renewal("", "", &[], "") };
    let list = [at(-1), at(0), at(30), at(31), at(60), at(90), at(91)];
    assert_eq!(renewing_within(&list, 30), 2, "expired renewals are not renewing");
    assert_eq!(renewing_within(&list, 60), 4);
    assert_eq!(renewing_within(&list, 90), 5);
    assert_eq!(renewing_within(&list, 0), 1);
}

/// A book of `n` accounts with one to three policies each, some sharing an
/// expiration, some inactive or undated, in two departments.
fn many_accounts(n: usize) -> Book {
    let mut b = Book::default();
    for i in 0..n {
        let dept = if i % 3 == 0 { Department::Pl } else { Department::Cl };
        let mut a = Account::new(&format!("a{i}"), &format!("Client {}", n - i), dept);
        a.producer = format!("Producer {}", i % 4);
        b.accounts.push(a);
        for j in 0..(1 + i % 3) {
            let mut p = Policy::new(&format!("p{i}-{j}"), &format!("a{i}"));
            p.policy_number = format!("N{i}-{j}");
            p.carrier = format!("Carrier {}", (i + j) % 5);
            let exp = d(2026, 1, 1) + chrono::Days::new(((i * 7 + j * (i % 2)) % 500) as u64);
            p.expiration = (i % 17 != 5).then_some(exp);
            p.effective = exp.checked_sub_months(Months::new(if j == 2 { 6 } else { 12 }));
            p.commission = (i as i64 % 90) * 1_000_00;
            if i % 11 == 3 && j == 0 {
                p.status = crate::domain::book::PolicyStatus::Cancelled;
            }
            b.policies.push(p);
        }
    }
    b
}

#[test]
fn a_board_worked_out_in_slices_is_the_board_worked_out_at_once() {
    let book = many_accounts(400);
    let plan = ServicePlan::original();
    let plans = PlanSet::single(plan.clone());
    let as_of = d(2026, 6, 1);
    let leads = LeadTimes::default();
    // Ticks on some renewals and one renewal lost.
    let mut records = HashMap::new();
    for i in (0..400).step_by(9) {
        let whole = one_plan_board(&plan, &book, &records, &leads, as_of, None);
        let Some(r) = whole.iter().find(|r| r.account_id == format!("a{i}")) else { continue };
        let mut rec = RenewalRecord::new(&r.account_id, r.expiration);
        let item = &plan.milestones[i % plan.milestones.len()].items[0];
        rec.set_tick(&item.id, Some(("Elena", as_of)), None, &item.text).unwrap();
        records.insert(rec.id.clone(), rec);
    }
    let whole = one_plan_board(&plan, &book, &records, &leads, as_of, Some(d(2026, 3, 1)));
    assert!(whole.len() > 400, "every account renews, some twice: {}", whole.len());
    assert!(whole.iter().any(|r| r.done > 0), "the ticks count");
    assert!(
        whole.is_sorted_by_key(|r| (r.expiration, r.client_name.clone(), r.account_id.clone())),
        "by expiration, then client"
    );
    for budget in [1, 7, 64, 1_000] {
        let mut work = BoardWork::new(
            &book,
            (&plans, &crate::domain::renewals::plans::no_tiers),
            &records,
            &leads,
            as_of,
            Some(d(2026, 3, 1)),
        );
        let mut steps = 1;
        while !work.step(budget) {
            steps += 1;
        }
        // Every policy and account indexed, every account with live
        // policies worked out, every renewal put in its place (sorting
        // takes a date's renewals at a time, and is not counted).
        let units = book.policies.len() + book.accounts.len() + book.index().with_live_policies().count() + whole.len();
        assert!(steps >= units / budget, "{budget} at a time took {steps} steps for {units} units");
        let board = work.finish();
        assert_eq!(board.renewals, whole, "{budget} at a time");
        assert_eq!(board.choices, FilterChoices::of(&whole));
        let refs: Vec<&Renewal> = whole.iter().collect();
        assert_eq!(board.people, crate::domain::renewals::export::people(&refs));
    }
}

#[test]
fn an_index_built_in_slices_finds_what_the_whole_index_finds() {
    let book = many_accounts(50);
    let whole = book.index();
    let mut builder = crate::domain::book::IndexBuilder::new(&book);
    let mut taken = 0;
    while !builder.step(3) {
        assert!(builder.taken_in() > taken, "every step takes some in");
        taken = builder.taken_in();
    }
    let sliced = builder.finish();
    for a in &book.accounts {
        assert_eq!(sliced.policies(&a.id), whole.policies(&a.id));
        assert_eq!(sliced.inactive_policies(&a.id), whole.inactive_policies(&a.id));
        assert_eq!(sliced.revenue(&a.id), whole.revenue(&a.id));
        assert_eq!(sliced.account(&a.id), Some(a));
    }
}

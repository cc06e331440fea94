use super::*;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

#[test]
fn the_demo_is_realistic() {
    let data = demo_agency(as_of());
    let book = &data.book;
    let idx = book.index();
    assert_eq!(book.accounts.len(), 300);
    assert!((4..=6).contains(&data.profile.staff.len()));
    // Trainees at each level, trained by the demo's staff.
    let levels: Vec<_> =
        data.trainees.iter().map(|t| crate::domain::roles::level::expected_level(t.start_date, as_of())).collect();
    use crate::domain::roles::level::Level;
    assert_eq!(levels, vec![Level::Exceeding, Level::Meeting, Level::New]);
    assert!(data.trainees.iter().all(|t| data.profile.staff.iter().any(|s| s.name == t.trainer)));
    // Their progress fits their tenure: the longest-serving has signed
    // off her first level; each has items behind schedule or under way.
    let library = crate::domain::roles::library::RoleLibrary::original();
    let maya = &data.trainees[0];
    let role = library.role(&maya.role).unwrap();
    assert!(maya.progress.level_sign_off(Level::New).is_some());
    assert!(!maya.progress.behind(role, maya.start_date, as_of()).is_empty());
    let avery = &data.trainees[2];
    let f = avery.progress.level_figures(library.role(&avery.role).unwrap(), Level::New);
    assert!(f.self_checked > f.verified && f.verified > 0, "{f:?}");
    // A handful of CL accounts carry most CL revenue.
    let mut cl: Vec<i64> =
        book.accounts.iter().filter(|a| a.department == Department::Cl).map(|a| idx.revenue(&a.id)).collect();
    cl.sort_unstable_by(|a, b| b.cmp(a));
    let total: i64 = cl.iter().sum();
    let top: i64 = cl.iter().take(20).sum();
    assert!(top * 2 >= total, "fewer than 20 CL accounts carry half the CL revenue");
    // Many small PL accounts, some monoline, some E&S, some agency bill.
    let small_pl =
        book.accounts.iter().filter(|a| a.department == Department::Pl && idx.revenue(&a.id) < 25_000).count();
    assert!(small_pl > 50);
    assert!(book.accounts.iter().filter(|a| idx.policies(&a.id).len() == 1).count() > 30);
    assert!(book.policies.iter().any(|p| p.excess_surplus));
    assert!(book.policies.iter().any(|p| p.bill_type == BillType::Agency));
    // Expirations from a month back to thirteen months ahead (off-cycle ones a little further).
    let first = as_of() - Days::new(30);
    assert!(book.policies.iter().all(|p| p.expiration.is_some_and(|e| e >= first)));
    assert!(book.policies.iter().any(|p| p.expiration.is_some_and(|e| e < as_of())));
    // The renewal work looks like an agency's: most renewals on track,
    // a few slipping, past expirations mostly bound, two lost.
    let plans = PlanSet::original();
    let tiers = crate::domain::profitability::analysis::TierLabeller::new(&Default::default());
    let tier_of = |d: &Department, revenue, monoline_es| tiers.label(d, revenue, monoline_es);
    let records: HashMap<String, RenewalRecord> = data.renewals.iter().map(|r| (r.id.clone(), r.clone())).collect();
    let board = renewals(book, (&plans, &tier_of), &records, &LeadTimes::default(), as_of(), data.tracking_start);
    let overdue = board.iter().filter(|r| r.overdue > 0).count();
    assert!(overdue * 20 > board.len() && overdue * 5 < board.len(), "{overdue} of {} overdue", board.len());
    assert!(board.iter().filter(|r| r.done > 0).count() * 2 > board.len());
    // Small accounts follow the light plan.
    let light = board.iter().filter(|r| r.plan == crate::domain::renewals::plans::LIGHT).count();
    assert!(light > 20 && light < board.len() / 2, "{light} light-plan renewals");
    let retention = crate::domain::renewals::retention::last_twelve_months(&data.renewals, as_of());
    assert!(retention.lost_policies > 0);
    assert!(retention.policy_pct().is_some_and(|p| p > 80.0 && p < 100.0), "{retention:?}");
    assert_eq!(crate::domain::renewals::retention::lost_business(book, &data.renewals).len(), 2);
    // Everything restores: ids unique, every policy has its account.
    let text = super::super::backup::write(&data, "demo", 2, "test", "t");
    assert!(super::super::backup::read(&text, 2).is_ok());
}

#[test]
fn the_demo_follows_the_as_of_date() {
    let later = demo_agency(as_of() + Days::new(100));
    let now = demo_agency(as_of());
    assert_eq!(later.book.accounts.len(), now.book.accounts.len());
    assert_eq!(later.book.policies[0].expiration, now.book.policies[0].expiration.map(|d| d + Days::new(100)));
}

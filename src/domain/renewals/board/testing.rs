//! Helpers for tests that build boards.

use super::*;

/// The board of `book` when every renewal follows `plan` and no tiers are known.
pub(crate) fn one_plan_board(
    plan: &crate::domain::renewals::plan::ServicePlan,
    book: &Book,
    records: &HashMap<String, RenewalRecord>,
    leads: &LeadTimes,
    as_of: NaiveDate,
    tracking: Tracking,
) -> Vec<Renewal> {
    renewals(
        book,
        (&PlanSet::single(plan.clone()), &crate::domain::renewals::plans::no_tiers),
        records,
        leads,
        as_of,
        tracking,
    )
}

/// A renewal of Acme (CL) expiring on Mar 1, 2027, 99 days from the as-of
/// date, with the owner, producer, carriers and tier given.
pub(crate) fn renewal(owner: &str, producer: &str, carriers: &[&str], tier: &str) -> Renewal {
    let expiration = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    Renewal {
        id: "a@2027-03-01".into(),
        account_id: "a".into(),
        client_name: "Acme".into(),
        department: Department::Cl,
        owner: owner.into(),
        producer: producer.into(),
        advocate: String::new(),
        revenue: 0,
        tier: tier.into(),
        policy_numbers: Vec::new(),
        carriers: carriers.iter().map(|c| c.to_string()).collect(),
        lines: Vec::new(),
        premium: 0,
        commission: 0,
        search: "acme".into(),
        effective: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        expiration,
        days: 99,
        bucket: Bucket::of_days(99),
        lead_days: 150,
        plan: "full".into(),
        plan_reason: String::new(),
        done: 0,
        total: 0,
        before_tracking: 0,
        next: None,
        overdue: 0,
        not_started: false,
    }
}

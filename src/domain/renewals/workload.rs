//! Who has milestones due, week by week.
//!
//! An item's owners are roles; on an account, the AE is its client manager,
//! the Associate AE and Client Services its client advocate, the Producer
//! its producer. Roles without a person on the account (Claims, Marketing,
//! Loss Control, the service team) are counted under the role's name.

use super::board::{Renewal, RenewalRecord};
use super::plan::Role;
use super::plans::PlanSet;
use crate::domain::book::Book;
use chrono::{Days, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// Weeks the workload view covers.
pub const WEEKS: usize = 8;

/// Who does a role's work on an account: the person the account names
/// for it, else the role's name.
pub fn person(role: Role, manager: &str, advocate: &str, producer: &str) -> String {
    let named = |name: &str| (!name.trim().is_empty()).then(|| name.trim().to_string());
    match role {
        Role::AE => named(manager),
        Role::AssociateAE | Role::ClientServices => named(advocate),
        Role::Producer => named(producer),
        _ => None,
    }
    .unwrap_or_else(|| role.label().to_string())
}

/// The first day of week `week` (0 is the first week, starting on
/// `as_of`), as the workload table heads its columns; none past the
/// calendar's end.
pub fn week_start(as_of: NaiveDate, week: usize) -> Option<NaiveDate> {
    as_of.checked_add_days(Days::new(7 * week as u64))
}

/// Open items due in each of the next [`WEEKS`] weeks (week 1 starts on
/// `as_of`), per person, sorted by name. An item with two owners counts
/// once for each.
pub fn workload(
    renewals: &[&Renewal],
    book: &Book,
    plans: &PlanSet,
    records: &HashMap<String, RenewalRecord>,
    as_of: NaiveDate,
) -> Vec<(String, [usize; WEEKS])> {
    let accounts = book.accounts_by_id();
    let end = as_of.checked_add_days(Days::new(7 * WEEKS as u64)).unwrap_or(NaiveDate::MAX);
    let mut out: BTreeMap<String, [usize; WEEKS]> = BTreeMap::new();
    for r in renewals {
        let Some(account) = accounts.get(r.account_id.as_str()) else { continue };
        let record = records.get(&r.id);
        for m in &plans.plan(&r.plan).milestones {
            let due = m.due(r.effective, r.expiration);
            if due < as_of || due >= end {
                continue;
            }
            let week = ((due - as_of).num_days() / 7) as usize;
            for item in &m.items {
                if record.and_then(|rec| rec.tick(&item.id)).is_some() {
                    continue;
                }
                for role in &item.owners {
                    let who = person(*role, &account.client_manager, &account.client_advocate, &account.producer);
                    out.entry(who).or_insert([0; WEEKS])[week] += 1;
                }
            }
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::super::board::{LeadTimes, Tick, renewals};
    use super::*;
    use crate::domain::book::{Account, Department, Policy};
    use crate::domain::renewals::plan::ServicePlan;

    #[test]
    fn weeks_start_seven_days_apart_from_the_as_of_date() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let as_of = d(2026, 11, 22);
        assert_eq!(week_start(as_of, 0), Some(as_of));
        assert_eq!(week_start(as_of, 1), Some(d(2026, 11, 29)));
        assert_eq!(week_start(as_of, WEEKS - 1), Some(d(2027, 1, 10)));
        assert_eq!(week_start(NaiveDate::MAX, 1), None);
    }

    #[test]
    fn open_items_fall_in_their_week_under_the_person_who_owns_them() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut book = Book::default();
        let mut a = Account::new("a", "Acme", Department::Cl);
        a.client_manager = "Elena".into();
        a.producer = "Marcus".into();
        book.accounts.push(a);
        let mut p = Policy::new("p", "a");
        p.effective = Some(d(2026, 3, 1));
        p.expiration = Some(d(2027, 3, 1));
        book.policies.push(p);
        let plan = ServicePlan::original();
        let as_of = d(2026, 11, 22);
        // Due Dec 1 (submit, week 2: Nov 29 – Dec 5) and Dec 31 (presentation, week 6).
        let mut rec = super::super::board::RenewalRecord::new("a", d(2027, 3, 1));
        rec.ticks.push(Tick { item: "submit:3".into(), by: "x".into(), on: as_of });
        let records: HashMap<_, _> = [(rec.id.clone(), rec)].into_iter().collect();
        let list = renewals(
            &book,
            (&PlanSet::single(plan.clone()), &crate::domain::renewals::plans::no_tiers),
            &records,
            &LeadTimes::default(),
            as_of,
            None,
        );
        let refs: Vec<&Renewal> = list.iter().collect();
        let w: HashMap<String, [usize; WEEKS]> =
            workload(&refs, &book, &PlanSet::single(plan.clone()), &records, as_of).into_iter().collect();
        // Submit: Marketing (1), Elena + Marcus (stewardship report); Claims' item is done.
        assert_eq!(w["Marketing"][1], 1);
        assert_eq!(w["Elena"][1], 1);
        assert_eq!(w["Marcus"][1], 1);
        assert!(!w.contains_key("Claims") || w["Claims"][1] == 0);
        // Presentation (Dec 31 = day 39, week 6): Marcus and Elena schedule it, no advocate named.
        assert_eq!(w["Marcus"][5], 1);
        assert_eq!(w["Elena"][5], 2, "schedule the presentation and complete the proposal");
        assert_eq!(w["Client Services"][5], 1);
        assert_eq!(w["Marketing"][5], 1);
    }
}

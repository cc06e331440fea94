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

//! The agency's Client Service Plans and which renewal follows which.
//!
//! The first plan is the default: the full plan of the source document,
//! for every renewal no assignment names. A light plan for small accounts
//! comes with it, taken from the same items in the spirit of the
//! profitability method (small accounts handled by the account manager, no
//! remarketing, no producer involvement once written, no strategy
//! meetings). Plans are assigned by department and revenue tier; an
//! assignment whose tier no longer exists (the tiers were changed) is
//! ignored, and such renewals follow the default plan.
//!
//! ```
//! use agency_desk::domain::book::Department;
//! use agency_desk::domain::renewals::plans::PlanSet;
//! let plans = PlanSet::original();
//! let (plan, why) = plans.choose(&Department::Pl, "Under $100");
//! assert_eq!(plan.key, "light");
//! assert_eq!(why, "Personal Lines accounts in the tier “Under $100” follow the Light plan for small accounts.");
//! assert_eq!(plans.choose(&Department::Cl, "$10,000 and over").0.key, "full");
//! ```

use super::plan::{Anchor, Item, Milestone, Role, ServicePlan};
use crate::domain::book::Department;
use crate::domain::money::Cents;
use serde::{Deserialize, Serialize};

pub use super::plan::FULL;

/// The key of the light plan that comes with the app.
pub const LIGHT: &str = "light";

/// Which plan the renewals of one department's tier follow.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub department: Department,
    /// A tier label of the department's tier set ("Under $500").
    pub tier: String,
    /// The plan's key.
    pub plan: String,
}

/// Every plan of the agency, the first being the default, and their
/// assignments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanSet {
    pub plans: Vec<ServicePlan>,
    #[serde(default)]
    pub assignments: Vec<Assignment>,
}

impl Default for PlanSet {
    fn default() -> Self {
        PlanSet::original()
    }
}

/// A tier labeller that knows no tiers: every renewal follows the default
/// plan unless a test or caller says otherwise.
pub fn no_tiers(_: &Department, _: Cents, _: bool) -> String {
    String::new()
}

impl PlanSet {
    /// The full plan and the light plan, the light one for CL accounts
    /// under $500 and PL accounts under $500 (the method's small accounts).
    pub fn original() -> PlanSet {
        let assign =
            |department: Department, tier: &str| Assignment { department, tier: tier.into(), plan: LIGHT.into() };
        PlanSet {
            plans: vec![ServicePlan::original(), light_plan()],
            assignments: vec![
                assign(Department::Cl, "Under $500"),
                assign(Department::Pl, "Under $100"),
                assign(Department::Pl, "$100 – $249"),
                assign(Department::Pl, "$250 – $499"),
            ],
        }
    }

    /// One plan for every renewal.
    pub fn single(plan: ServicePlan) -> PlanSet {
        PlanSet { plans: vec![plan], assignments: Vec::new() }
    }

    /// The set as saved by a version that kept one edited plan: that plan
    /// is the default, with the light plan and its assignments beside it.
    pub fn from_edited(mut full: ServicePlan) -> PlanSet {
        full.key = FULL.into();
        let mut set = PlanSet::original();
        set.plans[0] = full;
        set
    }

    /// The default plan.
    pub fn default_plan(&self) -> &ServicePlan {
        &self.plans[0]
    }

    /// The plan of `key`, or the default one when there is none.
    pub fn plan(&self, key: &str) -> &ServicePlan {
        self.plans.iter().find(|p| p.key == key).unwrap_or(&self.plans[0])
    }

    /// The plan for an account of `department` in the tier labelled
    /// `tier`, and why, in words.
    pub fn choose(&self, department: &Department, tier: &str) -> (&ServicePlan, String) {
        let assigned = self
            .assignments
            .iter()
            .find(|a| a.department == *department && a.tier == tier)
            .and_then(|a| self.plans.iter().find(|p| p.key == a.plan));
        match assigned {
            Some(plan) => {
                (plan, format!("{} accounts in the tier “{tier}” follow the {}.", department.label(), plan.name))
            }
            None => (
                self.default_plan(),
                format!("The {} is the default for every tier without a plan of its own.", self.default_plan().name),
            ),
        }
    }

    /// The plan assigned to a department's tier (its key), if any.
    pub fn assigned(&self, department: &Department, tier: &str) -> Option<&str> {
        self.assignments.iter().find(|a| a.department == *department && a.tier == tier).map(|a| a.plan.as_str())
    }

    /// Assigns `plan` (a key; the default's key or blank removes the
    /// assignment) to a department's tier.
    pub fn assign(&mut self, department: &Department, tier: &str, plan: &str) {
        self.assignments.retain(|a| !(a.department == *department && a.tier == tier));
        if !plan.is_empty() && plan != self.plans[0].key {
            self.assignments.push(Assignment { department: department.clone(), tier: tier.into(), plan: plan.into() });
        }
    }

    /// Adds a copy of plan `from` named `name` with a new key, and returns
    /// the key. Refused for a blank or repeated name.
    pub fn add_copy(&mut self, from: &str, name: &str) -> Result<String, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("Give the new plan a name.".into());
        }
        if self.plans.iter().any(|p| p.name.eq_ignore_ascii_case(name)) {
            return Err(format!("There is a plan named “{name}” already."));
        }
        let base: String =
            name.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        let mut key = base.clone();
        let mut n = 2;
        while self.plans.iter().any(|p| p.key == key) {
            key = format!("{base}-{n}");
            n += 1;
        }
        let mut copy = self.plan(from).clone();
        copy.key = key.clone();
        copy.name = name.to_string();
        self.plans.push(copy);
        Ok(key)
    }

    /// Removes a plan (never the default); its assignments go with it.
    pub fn remove(&mut self, key: &str) -> Result<(), String> {
        if self.plans.first().is_some_and(|p| p.key == key) {
            return Err(
                "The default plan cannot be removed: every renewal without a plan of its own follows it.".into()
            );
        }
        self.plans.retain(|p| p.key != key);
        self.assignments.retain(|a| a.plan != key);
        Ok(())
    }

    /// Problems that would make the set unusable: each plan's own
    /// ([`ServicePlan::problems`], named by plan), blank or repeated names.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.plans.is_empty() {
            out.push("There must be at least one plan.".into());
        }
        for (i, p) in self.plans.iter().enumerate() {
            if p.name.trim().is_empty() {
                out.push(format!("Plan {} has no name.", i + 1));
            }
            if self.plans[..i].iter().any(|q| q.key == p.key || q.name.trim().eq_ignore_ascii_case(p.name.trim())) {
                out.push(format!("There are two plans named “{}”.", p.name.trim()));
            }
            out.extend(p.problems().into_iter().map(|x| format!("{}: {x}", p.name.trim())));
        }
        out
    }

    /// Gives every plan without a key one (a stored plan of an earlier
    /// version has none) and every item its key.
    pub fn fill_keys(&mut self) {
        for (i, p) in self.plans.iter_mut().enumerate() {
            if p.key.is_empty() {
                p.key = if i == 0 { FULL.to_string() } else { format!("plan-{}", i + 1) };
            }
            p.fill_ids();
        }
    }
}

/// The light plan: the items of the full plan a small account needs,
/// handled by the account manager and client services; no strategy
/// meetings, no remarketing, no producer once written.
fn light_plan() -> ServicePlan {
    let full = ServicePlan::original();
    let item = |id: &str, owners: Option<Vec<Role>>| {
        let (_, found) = full.items().find(|(_, i)| i.id == id).expect("the light plan names items of the full plan");
        let mut it: Item = found.clone();
        if let Some(o) = owners {
            it.owners = o;
        }
        it
    };
    let milestone = |key: &str, title: &str, anchor, from_day, due_day, items| Milestone {
        key: key.into(),
        title: title.into(),
        anchor,
        from_day,
        due_day,
        items,
    };
    ServicePlan {
        key: LIGHT.into(),
        name: "Light plan for small accounts".into(),
        source: "The full plan's items a small account needs. The profitability method: handle small accounts apart and more lightly; renewals are not remarketed; no producer involvement once written.".into(),
        milestones: vec![
            milestone("light-delivery", "30 days – Policies delivered", Anchor::Effective, 0, 30, vec![item("day-to-day:1", Some(vec![Role::AssociateAE]))]),
            milestone(
                "light-review",
                "120–90 days to renewal – Review the renewal",
                Anchor::Expiration,
                120,
                90,
                vec![item("client-strategy:4", None), item("submit:3", None)],
            ),
            milestone(
                "light-renewal",
                "30 days to renewal – Renewal terms and documents",
                Anchor::Expiration,
                59,
                30,
                vec![
                    item("renewal-plan:5", None),
                    item("renewal-plan:6", Some(vec![Role::AE])),
                    item("renewal-plan:7", None),
                    item("renewal-plan:8", None),
                    item("renewal-plan:9", None),
                    item("renewal-plan:10", None),
                ],
            ),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_light_plan_leaves_out_producers_marketing_and_meetings() {
        let plans = PlanSet::original();
        assert!(plans.problems().is_empty(), "{:?}", plans.problems());
        let light = plans.plan(LIGHT);
        let items: Vec<&Item> = light.items().map(|(_, i)| i).collect();
        assert_eq!(items.len(), 9);
        assert!(
            items
                .iter()
                .all(|i| !i.owners.iter().any(|r| matches!(r, Role::Producer | Role::Marketing | Role::LossControl)))
        );
        assert!(
            items
                .iter()
                .all(|i| !i.text.to_lowercase().contains("meeting") && !i.text.to_lowercase().contains("stewardship"))
        );
        // Its items keep the full plan's keys, so ticks carry over.
        assert!(items.iter().all(|i| plans.plan(FULL).items().any(|(_, f)| f.id == i.id)));
    }

    #[test]
    fn plans_are_chosen_by_department_and_tier() {
        let mut plans = PlanSet::original();
        assert_eq!(plans.choose(&Department::Cl, "Under $500").0.key, LIGHT);
        assert_eq!(plans.choose(&Department::Cl, "$500 – $999").0.key, FULL);
        assert_eq!(plans.choose(&Department::Benefits, "Under $500").0.key, FULL);
        assert!(plans.choose(&Department::Cl, "$500 – $999").1.starts_with("The Client Service Plan is the default"));
        // A copy, assigned to CL's next tier up.
        let key = plans.add_copy(LIGHT, "Small commercial").unwrap();
        assert_eq!(key, "small-commercial");
        assert!(plans.add_copy(LIGHT, " small COMMERCIAL ").is_err());
        plans.assign(&Department::Cl, "$500 – $999", &key);
        assert_eq!(plans.choose(&Department::Cl, "$500 – $999").0.name, "Small commercial");
        // Assigning the default removes the entry; removing a plan removes its assignments.
        plans.assign(&Department::Cl, "Under $500", FULL);
        assert_eq!(plans.assigned(&Department::Cl, "Under $500"), None);
        plans.remove(&key).unwrap();
        assert_eq!(plans.choose(&Department::Cl, "$500 – $999").0.key, FULL);
        assert!(plans.remove(FULL).is_err());
        // An unknown key falls back to the default.
        assert_eq!(plans.plan("gone").key, FULL);
    }

    #[test]
    fn a_plan_edited_by_an_earlier_version_becomes_the_default() {
        let mut edited = ServicePlan::original();
        edited.key.clear();
        edited.milestones[0].title = "Our own start".into();
        let set = PlanSet::from_edited(edited);
        assert_eq!(set.default_plan().milestones[0].title, "Our own start");
        assert_eq!(set.default_plan().key, FULL);
        assert_eq!(set.plans.len(), 2);
        let mut twice = set.clone();
        twice.plans[1].name = set.plans[0].name.clone();
        assert!(twice.problems().iter().any(|p| p.contains("two plans named")));
    }
}

//! The Client Service Plan template and its date rules.
//!
//! Milestones after binding are counted forward from the term's effective
//! date; milestones before renewal are counted back from the expiration
//! date. A milestone is open from its first day to its due day.
//!
//! ```
//! use agency_desk::domain::renewals::plan::{Anchor, ServicePlan};
//! use chrono::NaiveDate;
//! let plan = ServicePlan::original();
//! let submit = plan.milestones.iter().find(|m| m.key == "submit").unwrap();
//! assert_eq!(submit.anchor, Anchor::Expiration);
//! let effective = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
//! let expiration = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
//! // 90 days before July 1, 2027.
//! assert_eq!(submit.due(effective, expiration), NaiveDate::from_ymd_opt(2027, 4, 2).unwrap());
//! ```

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// Who owns an item of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    AE,
    AssociateAE,
    Producer,
    Claims,
    Marketing,
    LossControl,
    ClientServices,
    ServiceTeam,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::AE,
        Role::AssociateAE,
        Role::Producer,
        Role::Claims,
        Role::Marketing,
        Role::LossControl,
        Role::ClientServices,
        Role::ServiceTeam,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Role::AE => "AE",
            Role::AssociateAE => "Associate AE",
            Role::Producer => "Producer",
            Role::Claims => "Claims",
            Role::Marketing => "Marketing",
            Role::LossControl => "Loss Control",
            Role::ClientServices => "Client Services",
            Role::ServiceTeam => "Service team",
        }
    }
}

/// What a milestone's days are counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Anchor {
    /// Days after the term's effective date (binding).
    Effective,
    /// Days before the expiration date (renewal).
    Expiration,
}

/// One task of a milestone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable key (`milestone-key:n` for the original items).
    #[serde(default)]
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub detail: String,
    pub owners: Vec<Role>,
}

impl Item {
    /// "Producer / AE".
    pub fn owner_text(&self) -> String {
        self.owners.iter().map(|r| r.label()).collect::<Vec<_>>().join(" / ")
    }
}

/// A milestone: a window of days and its items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub key: String,
    pub title: String,
    pub anchor: Anchor,
    /// First day of the window (days after the effective date, or days
    /// before the expiration date).
    pub from_day: u32,
    /// Due day, counted the same way.
    pub due_day: u32,
    pub items: Vec<Item>,
}

impl Milestone {
    fn date(&self, day: u32, effective: NaiveDate, expiration: NaiveDate) -> NaiveDate {
        match self.anchor {
            Anchor::Effective => effective.checked_add_days(Days::new(day.into())).unwrap_or(NaiveDate::MAX),
            Anchor::Expiration => expiration.checked_sub_days(Days::new(day.into())).unwrap_or(NaiveDate::MIN),
        }
    }

    /// When the milestone is due for a term.
    pub fn due(&self, effective: NaiveDate, expiration: NaiveDate) -> NaiveDate {
        self.date(self.due_day, effective, expiration)
    }

    /// When the milestone's window opens for a term.
    pub fn opens(&self, effective: NaiveDate, expiration: NaiveDate) -> NaiveDate {
        self.date(self.from_day, effective, expiration)
    }
}

/// The whole template.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePlan {
    /// Stable key among the agency's plans ([`super::plans`]); blank in a
    /// plan saved by an earlier version.
    #[serde(default)]
    pub key: String,
    pub name: String,
    #[serde(default)]
    pub source: String,
    pub milestones: Vec<Milestone>,
}

/// The key of the default (full) plan of the source document.
pub const FULL: &str = "full";

impl ServicePlan {
    /// The plan as the agency's source document gives it.
    pub fn original() -> ServicePlan {
        let mut plan: ServicePlan = serde_json::from_str(include_str!("../../content/client_service_plan.json"))
            .expect("the bundled Client Service Plan is valid JSON of the template's shape");
        plan.key = FULL.to_string();
        plan.fill_ids();
        plan
    }

    /// Gives every item without a key one (`milestone-key:n`).
    pub fn fill_ids(&mut self) {
        for m in &mut self.milestones {
            for (i, item) in m.items.iter_mut().enumerate() {
                if item.id.is_empty() {
                    item.id = format!("{}:{}", m.key, i + 1);
                }
            }
        }
    }

    /// Problems that would make the plan unusable, one message each (empty:
    /// fine): blank titles or items, items without an owner, windows that
    /// end before they open, repeated item keys.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (mi, m) in self.milestones.iter().enumerate() {
            let name = if m.title.trim().is_empty() {
                format!("Milestone {}", mi + 1)
            } else {
                format!("\"{}\"", m.title.trim())
            };
            if m.title.trim().is_empty() {
                out.push(format!("{name} has no title."));
            }
            let backwards = match m.anchor {
                Anchor::Effective => m.from_day > m.due_day,
                Anchor::Expiration => m.from_day < m.due_day,
            };
            if backwards {
                out.push(format!(
                    "{name} is due before it opens (opens on day {}, due on day {}).",
                    m.from_day, m.due_day
                ));
            }
            if m.items.is_empty() {
                out.push(format!("{name} has no items."));
            }
            for (ii, item) in m.items.iter().enumerate() {
                if item.text.trim().is_empty() {
                    out.push(format!("{name}, item {}: the text is blank.", ii + 1));
                }
                if item.owners.is_empty() {
                    out.push(format!("{name}, item {}: choose at least one owner.", ii + 1));
                }
                if !seen.insert(item.id.as_str()) {
                    out.push(format!("{name}, item {}: its key {} is used twice.", ii + 1, item.id));
                }
            }
        }
        out
    }

    /// Every item with its milestone.
    pub fn items(&self) -> impl Iterator<Item = (&Milestone, &Item)> {
        self.milestones.iter().flat_map(|m| m.items.iter().map(move |i| (m, i)))
    }
}

/// Days before expiration a renewal should be started by default: the
/// method's rule of at least 120 days, and 150 for commercial lines, where
/// larger accounts need 150–180.
pub fn default_lead_days(department: &crate::domain::book::Department) -> u32 {
    match department {
        crate::domain::book::Department::Cl => 150,
        _ => 120,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_original_plan_carries_every_milestone_and_item_of_the_source() {
        let plan = ServicePlan::original();
        let keys: Vec<&str> = plan.milestones.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "plan-development",
                "day-to-day",
                "plan-check",
                "midterm",
                "client-strategy",
                "submit",
                "presentation",
                "renewal-plan"
            ]
        );
        let counts: Vec<usize> = plan.milestones.iter().map(|m| m.items.len()).collect();
        assert_eq!(counts, [6, 3, 4, 3, 4, 3, 3, 11]);
        assert!(plan.items().all(|(_, i)| !i.owners.is_empty() && !i.text.is_empty()));
        let ids: std::collections::HashSet<&str> = plan.items().map(|(_, i)| i.id.as_str()).collect();
        assert_eq!(ids.len(), 37, "item keys are unique");
        // Every role of the plan owns something.
        for role in Role::ALL {
            assert!(plan.items().any(|(_, i)| i.owners.contains(&role)), "{role:?}");
        }
    }

    #[test]
    fn due_dates_count_from_the_right_end_across_month_ends_and_leap_years() {
        let plan = ServicePlan::original();
        let m = |k: &str| plan.milestones.iter().find(|x| x.key == k).unwrap().clone();
        // A term bound Jan 31, 2028 (a leap year), expiring Jan 31, 2029.
        let (eff, exp) = (d(2028, 1, 31), d(2029, 1, 31));
        assert_eq!(m("plan-development").due(eff, exp), d(2028, 3, 1), "30 days after Jan 31 in a leap year");
        assert_eq!(m("day-to-day").due(eff, exp), d(2028, 3, 31));
        assert_eq!(m("midterm").opens(eff, exp), d(2028, 5, 30));
        assert_eq!(m("midterm").due(eff, exp), d(2028, 7, 29));
        assert_eq!(m("client-strategy").opens(eff, exp), d(2028, 8, 24));
        assert_eq!(m("client-strategy").due(eff, exp), d(2028, 10, 3));
        assert_eq!(m("renewal-plan").due(eff, exp), d(2029, 1, 1));
        // Counting back over Feb 29: 30 days before March 30, 2028 is Feb 29.
        assert_eq!(m("renewal-plan").due(eff, d(2028, 3, 30)), d(2028, 2, 29));
    }

    #[test]
    fn edited_plans_are_checked() {
        let mut plan = ServicePlan::original();
        assert!(plan.problems().is_empty(), "{:?}", plan.problems());
        plan.milestones[0].items[0].owners.clear();
        plan.milestones[1].title = " ".into();
        plan.milestones[4].from_day = 100; // opens 100 days before, due 120 before: backwards
        plan.milestones[2].items.push(Item {
            id: "submit:1".into(),
            text: "Copy".into(),
            detail: String::new(),
            owners: vec![Role::AE],
        });
        let p = plan.problems();
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[0].contains("item 1: choose at least one owner"));
        assert!(p[1].contains("Milestone 2 has no title"));
        assert!(p[2].contains("used twice") || p[3].contains("used twice"));
        assert!(p.iter().any(|x| x.contains("due before it opens")));
    }

    #[test]
    fn lead_times_default_by_department() {
        use crate::domain::book::Department;
        assert_eq!(default_lead_days(&Department::Cl), 150);
        assert_eq!(default_lead_days(&Department::Pl), 120);
        assert_eq!(default_lead_days(&Department::Benefits), 120);
        assert_eq!(default_lead_days(&Department::Custom("Farm".into())), 120);
    }
}

//! A renewal's record: the items ticked off, its notes and claims review,
//! and how it ended (bound or lost, with the policies that changed), saved
//! against the revision it was edited from.

use super::plan::ServicePlan;
use super::tracking::{Tracking, before_tracking};
use crate::domain::book::PolicyStatus;
use crate::domain::money::Cents;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A ticked-off item: who and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tick {
    pub item: String,
    pub by: String,
    pub on: NaiveDate,
}

/// How a renewal ended, with the policies it changed (see
/// [`super::lifecycle`]; outcomes saved by earlier versions have none).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Renewed: its policies moved to their next terms.
    Bound {
        on: NaiveDate,
        by: String,
        #[serde(default)]
        policies: Vec<Decided>,
    },
    /// Not renewed: its policies were marked lost.
    Lost {
        on: NaiveDate,
        by: String,
        /// One of [`super::lifecycle::LOST_REASONS`].
        reason: String,
        /// More words on the reason.
        #[serde(default)]
        detail: String,
        #[serde(default)]
        policies: Vec<Decided>,
    },
}

impl Outcome {
    /// The policies the outcome changed.
    pub fn policies(&self) -> &[Decided] {
        match self {
            Outcome::Bound { policies, .. } | Outcome::Lost { policies, .. } => policies,
        }
    }

    /// The expiring terms' annual commission of the policies it changed:
    /// what was renewed, or what was lost.
    pub fn commission(&self) -> Cents {
        self.policies().iter().map(|p| p.commission).sum()
    }

    /// When it was decided.
    pub fn on(&self) -> NaiveDate {
        match self {
            Outcome::Bound { on, .. } | Outcome::Lost { on, .. } => *on,
        }
    }
}

/// What the team recorded for one renewal (one term of an account). Kept
/// after the renewal is bound or lost, as its history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenewalRecord {
    /// [`renewal_id`] of the account and expiration.
    pub id: String,
    pub account_id: String,
    pub expiration: NaiveDate,
    #[serde(default)]
    pub ticks: Vec<Tick>,
    /// The team's internal notes (never printed for the client).
    #[serde(default)]
    pub notes: String,
    /// The claims review written for the client, printed in the
    /// stewardship report.
    #[serde(default)]
    pub claims_review: String,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub revision: u32,
}

impl RenewalRecord {
    pub fn new(account_id: &str, expiration: NaiveDate) -> Self {
        RenewalRecord {
            id: renewal_id(account_id, expiration),
            account_id: account_id.into(),
            expiration,
            ticks: Vec::new(),
            notes: String::new(),
            claims_review: String::new(),
            outcome: None,
            revision: 0,
        }
    }

    pub fn tick(&self, item: &str) -> Option<&Tick> {
        self.ticks.iter().find(|t| t.item == item)
    }

    /// Records what a person meant by a click on item `item`: `done` with
    /// who and when, or not done. `seen` is the item as that person saw it
    /// when they clicked (ticked, and by whom, or not). When the stored
    /// item is no longer what they saw (someone else changed it
    /// meanwhile), nothing changes and the message says who did what, so
    /// a click is never applied as a toggle of a state the person did not
    /// see.
    ///
    /// ```
    /// # use agency_desk::domain::renewals::board::{RenewalRecord, Tick};
    /// # use chrono::NaiveDate;
    /// let on = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    /// let mut r = RenewalRecord::new("a1", on);
    /// r.set_tick("x", Some(("Ann", on)), None, "Call the client").unwrap();
    /// // Bea saw the item open and meant to tick it: Ann's tick is kept.
    /// assert!(r.set_tick("x", Some(("Bea", on)), None, "Call the client").unwrap_err().contains("Ann"));
    /// assert_eq!(r.tick("x").unwrap().by, "Ann");
    /// ```
    pub fn set_tick(
        &mut self,
        item: &str,
        done: Option<(&str, NaiveDate)>,
        seen: Option<&Tick>,
        label: &str,
    ) -> Result<(), String> {
        let stored = self.tick(item);
        if stored != seen {
            return Err(match stored {
                Some(t) => format!(
                    "“{label}” was marked done by {} on {} in another tab or window (or by a teammate, through team sync) just before your click, so your click was not applied. It is shown as it is now; click again to change it.",
                    t.by,
                    t.on.format("%b %-d, %Y")
                ),
                None => format!(
                    "“{label}” was marked not done in another tab or window (or by a teammate, through team sync) just before your click, so your click was not applied. It is shown as it is now; click again to change it."
                ),
            });
        }
        self.ticks.retain(|t| t.item != item);
        if let Some((by, on)) = done {
            self.ticks.push(Tick { item: item.to_string(), by: by.to_string(), on });
        }
        Ok(())
    }

    /// Ticks every item of `plan` due before the tracking start that is not
    /// ticked yet (the work the team did before the app), as done by `by`
    /// on `on`. Returns how many were ticked; items ticked already keep
    /// who and when.
    pub fn mark_before_tracking(
        &mut self,
        plan: &ServicePlan,
        term: (NaiveDate, NaiveDate),
        tracking: Tracking,
        by: &str,
        on: NaiveDate,
    ) -> usize {
        let mut n = 0;
        for (m, item) in plan.items() {
            if before_tracking(m.due(term.0, term.1), tracking) && self.tick(&item.id).is_none() {
                self.ticks.push(Tick { item: item.id.clone(), by: by.to_string(), on });
                n += 1;
            }
        }
        n
    }

    /// Replaces the internal notes with `text` (see [`set_text`]).
    pub fn set_notes(&mut self, text: &str, base: &str) -> Result<(), String> {
        set_text(&mut self.notes, text, base, "These notes")
    }

    /// Replaces the claims review with `text` (see [`set_text`]).
    pub fn set_claims_review(&mut self, text: &str, base: &str) -> Result<(), String> {
        set_text(&mut self.claims_review, text, base, "This claims review")
    }
}

/// Replaces a stored text with `text` when it is still the `base` the
/// person began editing from; otherwise refuses, quoting the newer text so
/// that nothing written elsewhere is lost unseen. `what` names the text
/// ("These notes").
pub fn set_text(field: &mut String, text: &str, base: &str, what: &str) -> Result<(), String> {
    if *field != base {
        let newer = if field.trim().is_empty() { "(now empty)".to_string() } else { format!("“{field}”") };
        let verb = if what.starts_with("These") { "were" } else { "was" };
        return Err(format!(
            "{what} {verb} changed in another tab or window (or by a teammate, through team sync) since you began editing, so yours {verb} not saved. Now: {newer}. Your text is still in the box: save again to replace it, or take the newer text."
        ));
    }
    *field = text.to_string();
    Ok(())
}

/// The key of an account's renewal on an expiration date.
pub fn renewal_id(account_id: &str, expiration: NaiveDate) -> String {
    format!("{account_id}@{expiration}")
}

/// A policy as a renewal's outcome found and left it: enough to count it
/// in retention and to undo the outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub id: String,
    #[serde(default)]
    pub policy_number: String,
    /// The expiring term's annual commission.
    #[serde(default)]
    pub commission: Cents,
    /// Its status before the outcome.
    #[serde(default)]
    pub was: PolicyStatus,
    /// Its revision once the outcome was applied; an undo is refused when
    /// the policy has been saved since.
    #[serde(default)]
    pub revision: u32,
}

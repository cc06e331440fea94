//! A policy's status as an agency management system reports it.
//!
//! Live policies (in force, renewed, reinstated) count everywhere. Inactive
//! ones (cancelled, non-renewed, expired, lost, declined, rewritten) are kept
//! with their status for the account's history, but never count in revenue,
//! tiers, concentration or the renewal board.
//!
//! ```
//! use agency_desk::domain::book::PolicyStatus;
//! assert_eq!(PolicyStatus::parse("In Force"), Ok(PolicyStatus::Active));
//! assert_eq!(PolicyStatus::parse("CXL"), Ok(PolicyStatus::Cancelled));
//! assert!(!PolicyStatus::parse("Non-Renewed").unwrap().is_live());
//! assert!(PolicyStatus::parse("Quoted").is_err());
//! ```

use serde::{Deserialize, Serialize};

/// Where a policy stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PolicyStatus {
    /// In force (the status of every policy entered by hand or imported
    /// without a status column).
    #[default]
    Active,
    /// Renewed: the term in the file is the renewal, in force.
    Renewed,
    Cancelled,
    NonRenewed,
    Expired,
    Lost,
    Declined,
    /// Replaced by another policy (a rewrite), so no longer in force.
    Rewritten,
}

impl PolicyStatus {
    /// Every status, live ones first.
    pub const ALL: [PolicyStatus; 8] = [
        PolicyStatus::Active,
        PolicyStatus::Renewed,
        PolicyStatus::Cancelled,
        PolicyStatus::NonRenewed,
        PolicyStatus::Expired,
        PolicyStatus::Lost,
        PolicyStatus::Declined,
        PolicyStatus::Rewritten,
    ];

    /// True for a policy in force, which counts in revenue and on the board.
    pub fn is_live(self) -> bool {
        matches!(self, PolicyStatus::Active | PolicyStatus::Renewed)
    }

    pub fn label(self) -> &'static str {
        match self {
            PolicyStatus::Active => "Active",
            PolicyStatus::Renewed => "Renewed",
            PolicyStatus::Cancelled => "Cancelled",
            PolicyStatus::NonRenewed => "Non-renewed",
            PolicyStatus::Expired => "Expired",
            PolicyStatus::Lost => "Lost",
            PolicyStatus::Declined => "Declined",
            PolicyStatus::Rewritten => "Rewritten",
        }
    }

    /// A stable key (for `data-status` and the editor's select).
    pub fn key(self) -> &'static str {
        match self {
            PolicyStatus::Active => "active",
            PolicyStatus::Renewed => "renewed",
            PolicyStatus::Cancelled => "cancelled",
            PolicyStatus::NonRenewed => "non-renewed",
            PolicyStatus::Expired => "expired",
            PolicyStatus::Lost => "lost",
            PolicyStatus::Declined => "declined",
            PolicyStatus::Rewritten => "rewritten",
        }
    }

    pub fn from_key(key: &str) -> Option<PolicyStatus> {
        PolicyStatus::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Reads a status as AMS reports write it, ignoring case, spaces and
    /// punctuation: `Active`, `A`, `In Force`, `Current`, `New Business`,
    /// `Renewal`, `Renewed`, `Reinstated`, `Pending Cancellation` (still in
    /// force); `Cancelled`/`Canceled`/`Cancel`/`CXL`/`C`/`Void`, `Non-Renewed`/
    /// `Nonrenew`/`NR`, `Expired`/`X`, `Lost`, `Declined`, `Rewritten`/
    /// `Replaced`. A blank status is active.
    pub fn parse(input: &str) -> Result<PolicyStatus, String> {
        let key: String = input.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        Ok(match key.as_str() {
            ""
            | "active"
            | "a"
            | "act"
            | "inforce"
            | "current"
            | "live"
            | "newbusiness"
            | "new"
            | "nb"
            | "reinstated"
            | "reinstate"
            | "pendingcancellation"
            | "pendingcancel"
            | "bound" => PolicyStatus::Active,
            "renewed" | "renewal" | "ren" | "rn" | "rnw" => PolicyStatus::Renewed,
            "cancelled" | "canceled" | "cancel" | "cancellation" | "cxl" | "canc" | "c" | "flatcancel"
            | "flatcancelled" | "void" | "voided" => PolicyStatus::Cancelled,
            "nonrenewed"
            | "nonrenewal"
            | "nonrenew"
            | "nr"
            | "notrenewed"
            | "nonrenewedbycarrier"
            | "nonrenewedbyinsured" => PolicyStatus::NonRenewed,
            "expired" | "exp" | "x" | "lapsed" => PolicyStatus::Expired,
            "lost" | "lostbusiness" | "movedagency" => PolicyStatus::Lost,
            "declined" | "decline" | "dec" => PolicyStatus::Declined,
            "rewritten" | "rewrite" | "replaced" => PolicyStatus::Rewritten,
            _ => {
                return Err(format!(
                    "\"{}\" is not a policy status (expected Active, In force, Renewed, Cancelled, Non-renewed, Expired, Lost, Declined or Rewritten)",
                    input.trim()
                ));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_spellings_read_as_the_statuses() {
        for (text, want) in [
            ("Active", PolicyStatus::Active),
            ("IN FORCE", PolicyStatus::Active),
            ("In-Force", PolicyStatus::Active),
            ("", PolicyStatus::Active),
            ("Reinstated", PolicyStatus::Active),
            ("Renewed", PolicyStatus::Renewed),
            ("Canceled", PolicyStatus::Cancelled),
            ("Cancelled", PolicyStatus::Cancelled),
            ("Flat Cancel", PolicyStatus::Cancelled),
            ("Void", PolicyStatus::Cancelled),
            ("Non-Renewed", PolicyStatus::NonRenewed),
            ("Non Renewal", PolicyStatus::NonRenewed),
            ("NR", PolicyStatus::NonRenewed),
            ("Expired", PolicyStatus::Expired),
            ("Lost", PolicyStatus::Lost),
            ("Declined", PolicyStatus::Declined),
            ("Rewritten", PolicyStatus::Rewritten),
        ] {
            assert_eq!(PolicyStatus::parse(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn only_in_force_statuses_are_live() {
        let live: Vec<_> = PolicyStatus::ALL.into_iter().filter(|s| s.is_live()).collect();
        assert_eq!(live, [PolicyStatus::Active, PolicyStatus::Renewed]);
    }

    #[test]
    fn an_unknown_status_says_what_was_expected() {
        let e = PolicyStatus::parse("Quoted").unwrap_err();
        assert!(e.contains("\"Quoted\"") && e.contains("Cancelled"), "{e}");
    }

    #[test]
    fn keys_round_trip() {
        for s in PolicyStatus::ALL {
            assert_eq!(PolicyStatus::from_key(s.key()), Some(s));
        }
    }
}

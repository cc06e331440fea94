//! What a renewal's stewardship report tells the client: the account's
//! service team, its policies in order, and who delivered each service.
//!
//! The people named are the account's own (who owns which plan role on an
//! account is [`super::workload::person`]); the roles no one on the account
//! is named for are listed by name.

use super::plan::Role;
use super::record::Tick;
use crate::domain::book::{Book, Policy};

/// The roles serving every account without a person named on it, listed
/// under the named team.
pub const ALSO_SERVING: [Role; 4] = [Role::Claims, Role::Marketing, Role::LossControl, Role::ClientServices];

/// The people named on the account, each with the title the report gives
/// them (producer, account executive, client advocate); blank names are
/// left out, and an account not in the book has none.
pub fn service_team(book: &Book, account_id: &str) -> Vec<(&'static str, String)> {
    let Some(a) = book.index().account(account_id) else { return Vec::new() };
    [
        ("Producer", &a.producer),
        ("Account executive (client manager)", &a.client_manager),
        ("Client advocate", &a.client_advocate),
    ]
    .into_iter()
    .filter(|(_, n)| !n.trim().is_empty())
    .map(|(role, n)| (role, n.clone()))
    .collect()
}

/// The account's policies by expiration (none first), then policy number.
pub fn policies_in_order(book: &Book, account_id: &str) -> Vec<Policy> {
    let mut policies: Vec<Policy> = book.index().policies(account_id).iter().map(|p| (*p).clone()).collect();
    policies.sort_by(|a, b| (a.expiration, &a.policy_number).cmp(&(b.expiration, &b.policy_number)));
    policies
}

/// Who ticked an item off, when a name was given: ticks saved by earlier
/// versions before a name was asked for say "someone", or nothing.
pub fn ticked_by(tick: &Tick) -> Option<&str> {
    (!(tick.by.trim().is_empty() || tick.by == "someone")).then_some(tick.by.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{Account, Department};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_team_names_the_accounts_people_in_order_and_skips_blanks() {
        let mut book = Book::default();
        let mut a = Account::new("a", "Acme", Department::Cl);
        a.producer = "Marcus".into();
        a.client_manager = "  ".into();
        a.client_advocate = "Priya".into();
        book.accounts.push(a);
        assert_eq!(
            service_team(&book, "a"),
            [("Producer", "Marcus".to_string()), ("Client advocate", "Priya".to_string())]
        );
        book.accounts[0].client_manager = "Elena".into();
        let roles: Vec<&str> = service_team(&book, "a").into_iter().map(|(r, _)| r).collect();
        assert_eq!(roles, ["Producer", "Account executive (client manager)", "Client advocate"]);
        assert!(service_team(&book, "missing").is_empty());
        let labels = ALSO_SERVING.map(|r| r.label()).join(", ");
        assert_eq!(labels, "Claims, Marketing, Loss Control, Client Services");
    }

    #[test]
    fn policies_run_by_expiration_then_number_with_undated_ones_first() {
        let mut book = Book::default();
        book.accounts.push(Account::new("a", "Acme", Department::Cl));
        for (id, number, exp) in [
            ("p1", "GL-2", Some(d(2027, 3, 1))),
            ("p2", "AU-9", Some(d(2027, 1, 1))),
            ("p3", "GL-1", Some(d(2027, 3, 1))),
            ("p4", "UM-1", None),
        ] {
            let mut p = Policy::new(id, "a");
            p.policy_number = number.into();
            p.expiration = exp;
            book.policies.push(p);
        }
        book.policies.push(Policy::new("other", "b"));
        let ids: Vec<String> = policies_in_order(&book, "a").into_iter().map(|p| p.id).collect();
        assert_eq!(ids, ["p4", "p2", "p3", "p1"]);
    }

    #[test]
    fn a_tick_names_who_did_it_unless_saved_without_a_name() {
        let tick = |by: &str| Tick { item: "submit:1".into(), by: by.into(), on: d(2026, 11, 2) };
        assert_eq!(ticked_by(&tick("Elena")), Some("Elena"));
        assert_eq!(ticked_by(&tick("someone")), None);
        assert_eq!(ticked_by(&tick(" ")), None);
        assert_eq!(ticked_by(&tick("")), None);
    }
}

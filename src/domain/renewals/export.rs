//! The milestones of the board's renewals as CSV and as an iCalendar file.

use super::board::{Renewal, RenewalRecord};
use super::plans::PlanSet;
use super::workload::person;
use crate::domain::book::Book;
use crate::domain::csv_safe::SafeWriter;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The columns of "Export milestones (CSV)".
pub const MILESTONE_COLUMNS: [&str; 8] =
    ["client", "policy_numbers", "expiration", "milestone", "item", "owner_role", "due", "done_on"];

/// One row per item of the plan per renewal, in the renewals' order:
/// policy numbers joined with `; `, dates ISO, `done_on` empty until ticked.
pub fn milestones_csv(renewals: &[&Renewal], plans: &PlanSet, records: &HashMap<String, RenewalRecord>) -> String {
    let mut w = SafeWriter::new();
    w.row(MILESTONE_COLUMNS);
    for r in renewals {
        let record = records.get(&r.id);
        let numbers = r.policy_numbers.join("; ");
        for m in &plans.plan(&r.plan).milestones {
            let due = m.due(r.effective, r.expiration).to_string();
            for item in &m.items {
                let done = record.and_then(|rec| rec.tick(&item.id)).map(|t| t.on.to_string()).unwrap_or_default();
                w.row([
                    r.client_name.as_str(),
                    &numbers,
                    &r.expiration.to_string(),
                    &m.title,
                    &item.text,
                    &item.owner_text(),
                    &due,
                    &done,
                ]);
            }
        }
    }
    w.into_string()
}

/// Which milestones go into a calendar: those due on or after `from`
/// with items still open, and with `person` given, only the items that
/// person owns on the account (see [`person`]).
pub struct CalendarScope<'a> {
    pub from: NaiveDate,
    pub person: Option<&'a str>,
}

/// The people who own plan items on the renewals' accounts (client
/// managers, client advocates, producers), sorted, for the calendar's
/// person choice. Each renewal carries its account's team, so the book
/// is not looked up: with a filter set this runs on every keystroke.
pub fn people(renewals: &[&Renewal]) -> Vec<String> {
    let mut people = super::board::People::default();
    for r in renewals {
        people.add(r);
    }
    people.finish()
}

/// One all-day event per milestone per renewal with open items in
/// `scope`, on its due date, listing those items with the person who owns
/// each on the account, and the account's team. `stamp` is the export time
/// as `YYYYMMDDTHHMMSSZ`.
pub fn milestones_ics(
    renewals: &[&Renewal],
    plans: &PlanSet,
    records: &HashMap<String, RenewalRecord>,
    book: &Book,
    scope: &CalendarScope,
    stamp: &str,
) -> String {
    use ics::parameters::Value;
    use ics::properties::{Categories, Description, DtStart, Summary};
    use ics::{Event, ICalendar, escape_text};
    let index = book.index();
    let mut calendar = ICalendar::new("2.0", "-//AgencyDesk//Renewal milestones//EN");
    for r in renewals {
        let Some(account) = index.account(&r.account_id) else { continue };
        let who = |role| person(role, &account.client_manager, &account.client_advocate, &account.producer);
        let record = records.get(&r.id);
        for m in &plans.plan(&r.plan).milestones {
            let due = m.due(r.effective, r.expiration);
            if due < scope.from {
                continue;
            }
            let lines: Vec<String> = m
                .items
                .iter()
                .filter(|item| record.and_then(|rec| rec.tick(&item.id)).is_none())
                .filter_map(|item| {
                    let owners: Vec<String> = item.owners.iter().map(|role| who(*role)).collect();
                    if scope.person.is_some_and(|p| !owners.iter().any(|o| o == p)) {
                        return None;
                    }
                    Some(format!("- {} — {}", item.text, owners.join(", ")))
                })
                .collect();
            if lines.is_empty() {
                continue;
            }
            let mut event = Event::new(format!("{}-{}@agency-desk", r.id, m.key), stamp.to_string());
            let mut start = DtStart::new(due.format("%Y%m%d").to_string());
            start.add(Value::DATE);
            event.push(start);
            event.push(Summary::new(escape_text(format!("{}: {}", r.client_name, m.title))));
            let policies = if r.policy_numbers.is_empty() {
                String::new()
            } else {
                format!("Policies {}. ", r.policy_numbers.join(", "))
            };
            let team: Vec<String> = [
                ("Producer", &account.producer),
                ("Client manager", &account.client_manager),
                ("Client advocate", &account.client_advocate),
            ]
            .into_iter()
            .filter(|(_, n)| !n.trim().is_empty())
            .map(|(role, n)| format!("{role} {}", n.trim()))
            .collect();
            let team = if team.is_empty() { String::new() } else { format!("Account team: {}.\n", team.join(", ")) };
            event.push(Description::new(escape_text(format!(
                "{policies}Renews {}.\n{team}{}",
                r.expiration,
                lines.join("\n")
            ))));
            event.push(Categories::new("Renewal"));
            calendar.add_event(event);
        }
    }
    let mut out = Vec::new();
    let _ = calendar.write(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::board::testing::one_plan_board;
    use super::super::board::{LeadTimes, Tick};
    use super::*;
    use crate::domain::book::{Account, Book, Department, Policy};
    use crate::domain::renewals::plan::ServicePlan;
    use chrono::NaiveDate;

    #[test]
    fn every_item_of_every_renewal_is_a_row() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut book = Book::default();
        let mut a = Account::new("a", "Smith, Jones & Co", Department::Cl);
        (a.producer, a.client_manager, a.client_advocate) =
            ("Marcus Bell".into(), "Elena Ortiz".into(), "Sam Cho".into());
        book.accounts.push(a);
        for (id, n) in [("p1", "GL-1"), ("p2", "AU-1")] {
            let mut p = Policy::new(id, "a");
            p.policy_number = n.into();
            p.effective = Some(d(2026, 3, 1));
            p.expiration = Some(d(2027, 3, 1));
            book.policies.push(p);
        }
        let plan = ServicePlan::original();
        let mut rec = RenewalRecord::new("a", d(2027, 3, 1));
        rec.ticks.push(Tick { item: "submit:1".into(), by: "Elena".into(), on: d(2026, 11, 20) });
        let records: HashMap<_, _> = [(rec.id.clone(), rec)].into_iter().collect();
        let list = one_plan_board(&plan, &book, &records, &LeadTimes::default(), d(2026, 11, 22), None);
        let refs: Vec<&Renewal> = list.iter().collect();
        let text = milestones_csv(&refs, &PlanSet::single(plan.clone()), &records);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), MILESTONE_COLUMNS);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 37);
        let submit = rows.iter().find(|r| &r[4] == "Submit the renewal as per the strategy").unwrap();
        assert_eq!(&submit[0], "Smith, Jones & Co");
        assert_eq!(&submit[1], "GL-1; AU-1");
        assert_eq!(&submit[2], "2027-03-01");
        assert_eq!(&submit[5], "Marketing");
        assert_eq!(&submit[6], "2026-12-01", "90 days before March 1, 2027");
        assert_eq!(&submit[7], "2026-11-20");
        assert!(rows.iter().filter(|r| r[7].is_empty()).count() == 36);

        // The calendar: open milestones from Nov 22 on (submit, presentation,
        // renewal plan), with the people named.
        let all = CalendarScope { from: d(2026, 11, 22), person: None };
        let ics = milestones_ics(&refs, &PlanSet::single(plan.clone()), &records, &book, &all, "20261122T100000Z");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3);
        assert!(ics.contains("DTSTART;VALUE=DATE:20261201\r\n"), "the submit milestone, 90 days before March 1");
        // Text is escaped (the comma in the client's name); long lines are
        // folded, and unfold to the whole text.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Smith\\, Jones & Co: 120–90 days to renewal – Submit the renewal"));
        assert!(ics.lines().any(|l| l.starts_with(' ')), "long descriptions are folded");
        assert!(!unfolded.contains("Submit the renewal as per the strategy"), "the done item is left out");
        assert!(
            unfolded.contains(
                "Account team: Producer Marcus Bell\\, Client manager Elena Ortiz\\, Client advocate Sam Cho."
            ),
            "{unfolded}"
        );
        assert!(
            unfolded.contains("- Provide the stewardship report to the client — Elena Ortiz\\, Marcus Bell"),
            "{unfolded}"
        );
        // One person's calendar: only the milestones with items Sam owns.
        let sam = CalendarScope { from: d(2026, 11, 22), person: Some("Sam Cho") };
        let ics = milestones_ics(&refs, &PlanSet::single(plan.clone()), &records, &book, &sam, "20261122T100000Z");
        let unfolded = ics.replace("\r\n ", "");
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2, "{unfolded}");
        assert!(!unfolded.contains("Marketing"), "{unfolded}");
        assert_eq!(people(&refs), ["Elena Ortiz", "Marcus Bell", "Sam Cho"]);
    }

    #[test]
    fn formulas_in_names_and_plan_text_are_written_as_text() {
        use crate::domain::csv_safe::HOSTILE;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut book = Book::default();
        for (i, name) in HOSTILE.iter().enumerate() {
            book.accounts.push(Account::new(&format!("a{i}"), name, Department::Cl));
            let mut p = Policy::new(&format!("p{i}"), &format!("a{i}"));
            p.policy_number = "=1+1".into();
            p.effective = Some(d(2026, 3, 1));
            p.expiration = Some(d(2027, 3, 1));
            book.policies.push(p);
        }
        let mut plan = ServicePlan::original();
        plan.milestones[0].title = "@SUM(1+1)".into();
        plan.milestones[0].items[0].text = "-2+3+cmd|' /C calc'!A0".into();
        let records = HashMap::new();
        let list = one_plan_board(&plan, &book, &records, &LeadTimes::default(), d(2026, 11, 22), None);
        assert_eq!(list.len(), HOSTILE.len());
        let refs: Vec<&Renewal> = list.iter().collect();
        let text = milestones_csv(&refs, &PlanSet::single(plan.clone()), &records);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        for r in &rows {
            assert!(r[0].starts_with('\'') && HOSTILE.contains(&&r[0][1..]), "{:?}", &r[0]);
            assert_eq!(&r[1], "'=1+1");
            assert_eq!(&r[2], "2027-03-01");
        }
        let first = rows.iter().filter(|r| &r[3] == "'@SUM(1+1)").count();
        assert_eq!(first, plan.milestones[0].items.len() * HOSTILE.len());
        assert_eq!(rows.iter().filter(|r| &r[4] == "'-2+3+cmd|' /C calc'!A0").count(), HOSTILE.len());
    }
}

//! The milestones of the board's renewals as CSV.

use super::board::{Renewal, RenewalRecord};
use super::plan::ServicePlan;
use std::collections::HashMap;

/// The columns of "Export milestones (CSV)".
pub const MILESTONE_COLUMNS: [&str; 8] = ["client", "policy_numbers", "expiration", "milestone", "item", "owner_role", "due", "done_on"];

/// One row per item of the plan per renewal, in the renewals' order:
/// policy numbers joined with `; `, dates ISO, `done_on` empty until ticked.
pub fn milestones_csv(renewals: &[&Renewal], plan: &ServicePlan, records: &HashMap<String, RenewalRecord>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(MILESTONE_COLUMNS);
    for r in renewals {
        let record = records.get(&r.id);
        let numbers = r.policy_numbers.join("; ");
        for m in &plan.milestones {
            let due = m.due(r.effective, r.expiration).to_string();
            for item in &m.items {
                let done = record.and_then(|rec| rec.tick(&item.id)).map(|t| t.on.to_string()).unwrap_or_default();
                let _ = w.write_record([
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
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::super::board::{renewals, LeadTimes, Tick};
    use super::*;
    use crate::domain::book::{Account, Book, Department, Policy};
    use chrono::NaiveDate;

    #[test]
    fn every_item_of_every_renewal_is_a_row() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut book = Book::default();
        book.accounts.push(Account::new("a", "Smith, Jones & Co", Department::Cl));
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
        let list = renewals(&book, &plan, &records, &LeadTimes::default(), d(2026, 11, 22));
        let refs: Vec<&Renewal> = list.iter().collect();
        let text = milestones_csv(&refs, &plan, &records);
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
    }
}

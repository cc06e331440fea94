//! The demo agency: a realistic book generated the same way every time.
//!
//! About 300 accounts across CL, PL and Benefits: a handful of large CL
//! accounts carry most CL revenue, many small PL accounts, some monoline,
//! some E&S, some agency-billed; expirations spread from a month before the
//! as-of date to thirteen months after it; six staff and three trainees
//! (one at each tenure level).
//!
//! ```
//! use agency_desk::domain::demo::demo_agency;
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
//! let a = demo_agency(as_of);
//! assert_eq!(a, demo_agency(as_of));
//! assert!((280..=320).contains(&a.book.accounts.len()));
//! ```

use super::backup::BackupData;
use super::book::{Account, AgencyProfile, BillType, Book, Department, Policy, StaffMember, StaffRole};
use super::renewals::board::{LeadTimes, RenewalRecord, Tick, renewals};
use super::renewals::lifecycle;
use super::renewals::plans::PlanSet;
use super::renewals::workload::person;
use super::roles::level::{Level, expected_level, level_due};
use super::roles::library::{Role, RoleLibrary};
use super::roles::progress::{Progress, Stamp, Status};
use super::roles::trainee::Trainee;
use chrono::{Days, Months, NaiveDate};
use std::collections::HashMap;

pub use super::backup::DEMO_AGENCY_NAME;
const SEED: u64 = 0x00A6_E4C1_DE5C;

const STAFF: [(&str, StaffRole); 6] = [
    ("Dana Whitfield", StaffRole::Owner),
    ("Marcus Bell", StaffRole::Producer),
    ("Priya Natarajan", StaffRole::Producer),
    ("Elena Ortiz", StaffRole::ClientManager),
    ("Sam Cho", StaffRole::ClientAdvocate),
    ("Jordan Reyes", StaffRole::ClientAdvocate),
];

const BUSINESS_FIRST: [&str; 24] = [
    "Harbor",
    "Summit",
    "Pioneer",
    "Cedar",
    "Riverside",
    "Lakeshore",
    "Granite",
    "Maple",
    "Northgate",
    "Bluewater",
    "Ironwood",
    "Prairie",
    "Beacon",
    "Redstone",
    "Willow",
    "Oakridge",
    "Sterling",
    "Coastal",
    "Evergreen",
    "Frontier",
    "Keystone",
    "Meridian",
    "Silverline",
    "Tri-County",
];
const BUSINESS_KIND: [&str; 20] = [
    "Bakery",
    "Construction",
    "Dental Group",
    "Auto Repair",
    "Logistics",
    "Machine Works",
    "Veterinary Clinic",
    "Property Management",
    "Landscaping",
    "Brewing Co.",
    "Electric",
    "Plumbing & Heating",
    "Medical Partners",
    "Hardware",
    "Trucking",
    "Roofing",
    "Family Restaurant",
    "Manufacturing",
    "Realty",
    "Fitness Center",
];
const GIVEN: [&str; 20] = [
    "Maria", "James", "Aisha", "Robert", "Mei", "David", "Sofia", "Michael", "Fatima", "William", "Lucia", "Thomas",
    "Grace", "Daniel", "Nadia", "Kevin", "Hannah", "Luis", "Olivia", "Samuel",
];
const FAMILY: [&str; 20] = [
    "Garcia", "Nguyen", "Johnson", "Patel", "Kowalski", "Okafor", "Schmidt", "Rossi", "Kim", "Anderson", "Haddad",
    "Murphy", "Silva", "Novak", "Brooks", "Larsen", "Mendez", "Fischer", "Ito", "Walsh",
];
const CL_LINES: [&str; 7] =
    ["BOP", "General Liability", "Workers Comp", "Commercial Auto", "Umbrella", "Property", "Inland Marine"];
const PL_LINES: [&str; 5] = ["Homeowners", "Personal Auto", "Personal Umbrella", "Dwelling Fire", "Boat"];
const BEN_LINES: [&str; 3] = ["Group Medical", "Group Dental", "Group Life"];
const CARRIERS: [&str; 8] = [
    "Acme Mutual",
    "Great Plains Casualty",
    "Shield Insurance",
    "Hartwell",
    "Northern Trust Re",
    "Keystone Indemnity",
    "Bayside Specialty (E&S)",
    "Liberty Crest",
];

/// The demo workspace's whole content for the given as-of date.
pub fn demo_agency(as_of: NaiveDate) -> BackupData {
    let mut rng = fastrand::Rng::with_seed(SEED);
    let mut book = Book::default();
    let mut names = std::collections::HashSet::new();
    let producers = ["Marcus Bell", "Priya Natarajan"];
    let advocates = ["Sam Cho", "Jordan Reyes"];

    let plan: [(Department, usize); 3] = [(Department::Cl, 120), (Department::Pl, 150), (Department::Benefits, 30)];
    for (dept, count) in plan {
        for i in 0..count {
            let name = loop {
                let candidate = match dept {
                    Department::Pl => {
                        format!("{} {}", GIVEN[rng.usize(..GIVEN.len())], FAMILY[rng.usize(..FAMILY.len())])
                    }
                    _ => format!(
                        "{} {}",
                        BUSINESS_FIRST[rng.usize(..BUSINESS_FIRST.len())],
                        BUSINESS_KIND[rng.usize(..BUSINESS_KIND.len())]
                    ),
                };
                if names.insert(candidate.clone()) {
                    break candidate;
                }
            };
            let id = format!("demo-{}-{i:03}", dept.code().to_lowercase());
            let mut account = Account::new(&id, &name, dept.clone());
            account.producer = producers[rng.usize(..2)].to_string();
            account.client_manager = "Elena Ortiz".to_string();
            account.client_advocate = advocates[rng.usize(..2)].to_string();
            account.revision = 1;
            account.updated_at = format!("{as_of}T08:00:00Z");

            // Annual commission for the whole account, in cents: a steep
            // spread so a few accounts carry much of the revenue.
            let total: i64 = match dept {
                Department::Cl => match i {
                    0..=4 => rng.i64(2_000_000..8_000_000),
                    5..=14 => rng.i64(500_000..1_500_000),
                    15..=44 => rng.i64(150_000..500_000),
                    45..=79 => rng.i64(50_000..150_000),
                    _ => rng.i64(10_000..50_000),
                },
                Department::Pl => match i {
                    0..=9 => rng.i64(100_000..250_000),
                    10..=49 => rng.i64(25_000..100_000),
                    _ => rng.i64(3_000..25_000),
                },
                _ => rng.i64(150_000..1_800_000),
            };
            let lines: &[&str] = match dept {
                Department::Cl => &CL_LINES,
                Department::Pl => &PL_LINES,
                _ => &BEN_LINES,
            };
            // Small accounts are often monoline; large ones are rounded.
            let policy_count = if total < 50_000 && rng.u8(..10) < 6 { 1 } else { rng.usize(1..=lines.len().min(4)) };
            let expiration = as_of
                .checked_sub_days(Days::new(30))
                .and_then(|d| d.checked_add_days(Days::new(rng.u64(0..425))))
                .unwrap_or(as_of);
            let mut remaining = total;
            for n in 0..policy_count {
                let share = if n + 1 == policy_count { remaining } else { remaining * rng.i64(30..70) / 100 };
                remaining -= share;
                let mut p = Policy::new(&format!("{id}-p{n}"), &id);
                p.policy_number =
                    format!("{}-{:05}", &lines[n % lines.len()][..2].to_uppercase(), rng.u32(10_000..99_999));
                p.line_of_business = lines[n % lines.len()].to_string();
                let es = dept == Department::Cl && rng.u8(..100) < 8;
                p.carrier = if es { CARRIERS[6] } else { CARRIERS[rng.usize(..6)] }.to_string();
                p.excess_surplus = es;
                p.bill_type = if rng.u8(..100) < 12 { BillType::Agency } else { BillType::Direct };
                p.commission = share;
                p.premium = share * rng.i64(600..1_000) / 100;
                // Policies of an account mostly renew together; some are off-cycle.
                let exp = if n > 0 && rng.u8(..10) < 3 {
                    expiration.checked_add_months(Months::new(rng.u32(1..6))).unwrap_or(expiration)
                } else {
                    expiration
                };
                p.expiration = Some(exp);
                p.effective = exp.checked_sub_months(Months::new(12));
                p.revision = 1;
                p.updated_at = account.updated_at.clone();
                book.policies.push(p);
            }
            book.accounts.push(account);
        }
    }
    let (renewals, tracking_start) = demo_renewals(&mut book, as_of, &mut rng);
    BackupData {
        agency_name: DEMO_AGENCY_NAME.to_string(),
        profile: AgencyProfile {
            departments: Department::standard(),
            staff: STAFF.iter().map(|(n, r)| StaffMember::new(n, *r)).collect(),
        },
        book,
        profitability: None,
        trainees: demo_trainees(as_of),
        renewals,
        renewal_leads: None,
        service_plan: None,
        role_library: None,
        advisor: None,
        tracking_start: Some(tracking_start),
        service_plans: None,
    }
}

/// The demo's renewal work: tracking began a little over a year before
/// `as_of`, and the team has worked the plan since. Items due by now are
/// ticked by the person who owns them, a few days either side of the due
/// date, except on about one renewal in eight, where the latest milestone
/// due has slipped. Of the renewals already past their expiration, most
/// were bound (some at a new premium), two were lost, and a few are still
/// waiting. Returns the records and the tracking start.
fn demo_renewals(book: &mut Book, as_of: NaiveDate, rng: &mut fastrand::Rng) -> (Vec<RenewalRecord>, NaiveDate) {
    let tracking = as_of.checked_sub_days(Days::new(400)).unwrap_or(as_of);
    let plans = PlanSet::original();
    let tiers = crate::domain::profitability::analysis::TierLabeller::new(&Default::default());
    let tier_of = |d: &Department, revenue, monoline_es| tiers.label(d, revenue, monoline_es);
    let open = renewals(book, (&plans, &tier_of), &HashMap::new(), &LeadTimes::default(), as_of, Some(tracking));
    let mut records = Vec::new();
    let mut lost = 0;
    for r in &open {
        let Some(account) = book.accounts.iter().find(|a| a.id == r.account_id).cloned() else { continue };
        let mut record = RenewalRecord::new(&r.account_id, r.expiration);
        let slipping = rng.u8(..8) == 0;
        let plan = plans.plan(&r.plan);
        let latest_due = plan.milestones.iter().map(|m| m.due(r.effective, r.expiration)).filter(|d| *d < as_of).max();
        for (m, item) in plan.items() {
            let due = m.due(r.effective, r.expiration);
            if due >= as_of || (slipping && Some(due) == latest_due) {
                continue;
            }
            let by = item
                .owners
                .first()
                .map(|role| person(*role, &account.client_manager, &account.client_advocate, &account.producer))
                .unwrap_or_default();
            let on = due.checked_sub_days(Days::new(rng.u64(0..12))).unwrap_or(due).max(tracking).min(as_of);
            record.ticks.push(Tick { item: item.id.clone(), by, on });
        }
        if r.expiration < as_of && !slipping {
            let decided_on = r.expiration.checked_sub_days(Days::new(rng.u64(3..20))).unwrap_or(r.expiration);
            let policies: Vec<Policy> =
                book.policies.iter().filter(|p| p.account_id == r.account_id).cloned().collect();
            let mut changed = policies.clone();
            let outcome = if lost < 2 && rng.u8(..4) == 0 {
                lost += 1;
                lifecycle::lose(
                    &mut changed,
                    r.expiration,
                    lifecycle::LOST_REASONS[lost - 1],
                    "",
                    decided_on,
                    &r.owner,
                    &account.updated_at,
                )
            } else {
                let refs: Vec<&Policy> = policies.iter().collect();
                let mut rows = lifecycle::bind_rows(&refs, r.expiration);
                for row in &mut rows {
                    // Renewals come back within a few percent of the expiring premium.
                    let change = rng.i64(97..=108);
                    row.premium = row.premium * change / 100;
                    row.commission = row.commission * change / 100;
                }
                lifecycle::bind(&mut changed, r.expiration, &rows, decided_on, &r.owner, &account.updated_at)
            };
            if let Ok(outcome) = outcome {
                record.outcome = Some(outcome);
                for p in changed {
                    if let Some(stored) = book.policies.iter_mut().find(|x| x.id == p.id) {
                        *stored = p;
                    }
                }
            }
        }
        record.revision = 1;
        records.push(record);
    }
    (records, tracking)
}

/// Three people in training at different tenures on `as_of`, one in each
/// level, longest-serving first (the order trainees are listed in), with
/// progress that fits their tenure: earlier levels mostly verified (a few
/// items left behind schedule), the current level under way.
fn demo_trainees(as_of: NaiveDate) -> Vec<Trainee> {
    let library = RoleLibrary::original();
    let trainee = |id: &str, name: &str, role: &str, days_ago: u64, trainer: &str| {
        let start_date = as_of.checked_sub_days(Days::new(days_ago)).unwrap_or(as_of);
        let progress =
            library.role(role).map(|r| demo_progress(r, name, trainer, start_date, as_of)).unwrap_or_default();
        Trainee {
            id: id.to_string(),
            name: name.to_string(),
            role: role.to_string(),
            start_date,
            trainer: trainer.to_string(),
            revision: 1,
            updated_at: format!("{as_of}T08:00:00Z"),
            progress,
        }
    };
    vec![
        trainee("demo-trainee-1", "Maya Chen", "Client Advocate", 220, "Jordan Reyes"),
        trainee("demo-trainee-2", "Noah Petrakis", "Client Advocate", 130, "Sam Cho"),
        trainee("demo-trainee-3", "Avery Lund", "Client Manager", 45, "Elena Ortiz"),
    ]
}

/// Progress for a demo trainee: every item of a finished level is
/// self-checked and all but every fifth verified (those are behind
/// schedule), except that the first level of a trainee past month 6 is
/// complete and signed off; in the current level the first half is
/// self-checked and the first quarter verified.
fn demo_progress(role: &Role, name: &str, trainer: &str, start: NaiveDate, as_of: NaiveDate) -> Progress {
    let mut p = Progress::default();
    let current = expected_level(start, as_of);
    for level in Level::ALL.into_iter().filter(|l| *l <= current) {
        let items: Vec<String> = role.items_at(level).map(|(_, i)| i.key.clone()).collect();
        let finished = level < current;
        let whole = finished && current == Level::Exceeding && level == Level::New;
        let on = match level_due(start, level) {
            Some(due) if finished => due.checked_sub_days(Days::new(10)).unwrap_or(due),
            _ => as_of.checked_sub_days(Days::new(3)).unwrap_or(as_of),
        };
        let at = format!("{on}T15:00:00Z");
        let by_trainee = Stamp { by: name, on, at: &at };
        let by_trainer = Stamp { by: trainer, on, at: &at };
        let n = items.len();
        for (i, key) in items.iter().enumerate() {
            let (checked, verified) = if finished { (true, whole || i % 5 != 4) } else { (i < n / 2, i < n / 4) };
            let status = match (checked, verified) {
                (_, true) => Status::Independent,
                (true, false) => Status::Observed,
                _ if i < (3 * n) / 4 => Status::Learning,
                _ => Status::NotStarted,
            };
            let _ = p.set_status(role, key, status, &by_trainer);
            if checked {
                let _ = p.self_check(role, key, true, &by_trainee);
            }
            if verified {
                let _ = p.verify(role, key, "", &by_trainer);
            }
        }
        if whole {
            let _ = p.sign_off_level(role, level, "", &by_trainer);
        }
    }
    p
}

#[cfg(test)]
mod tests;

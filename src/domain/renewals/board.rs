//! Renewals of the book on the countdown board.
//!
//! A renewal is an account's policies that expire on the same day. Its
//! column is the number of days from the as-of date to the expiration; its
//! progress, next milestone and flags come from the plan and what the team
//! has ticked off.
//!
//! ```
//! use agency_desk::domain::renewals::board::Bucket;
//! assert_eq!(Bucket::of_days(-1), Bucket::Expired);
//! assert_eq!(Bucket::of_days(0), Bucket::Days0To30);
//! assert_eq!(Bucket::of_days(181), Bucket::Over180);
//! ```

use super::plan::Anchor;
use super::plans::PlanSet;
use crate::domain::book::{Book, BookIndex, Department, IndexBuilder};
use crate::domain::money::Cents;
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// A countdown column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bucket {
    Expired,
    Days0To30,
    Days31To60,
    Days61To90,
    Days91To120,
    Days121To180,
    Over180,
}

impl Bucket {
    pub const ALL: [Bucket; 7] = [
        Bucket::Expired,
        Bucket::Days0To30,
        Bucket::Days31To60,
        Bucket::Days61To90,
        Bucket::Days91To120,
        Bucket::Days121To180,
        Bucket::Over180,
    ];

    /// The column for a renewal `days` from the as-of date (negative: past).
    pub fn of_days(days: i64) -> Bucket {
        match days {
            i64::MIN..=-1 => Bucket::Expired,
            0..=30 => Bucket::Days0To30,
            31..=60 => Bucket::Days31To60,
            61..=90 => Bucket::Days61To90,
            91..=120 => Bucket::Days91To120,
            121..=180 => Bucket::Days121To180,
            _ => Bucket::Over180,
        }
    }

    /// The `data-bucket` value.
    pub fn code(self) -> &'static str {
        match self {
            Bucket::Expired => "expired",
            Bucket::Days0To30 => "0-30",
            Bucket::Days31To60 => "31-60",
            Bucket::Days61To90 => "61-90",
            Bucket::Days91To120 => "91-120",
            Bucket::Days121To180 => "121-180",
            Bucket::Over180 => "180+",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Bucket::Expired => "Expired / not renewed",
            Bucket::Days0To30 => "0–30 days",
            Bucket::Days31To60 => "31–60 days",
            Bucket::Days61To90 => "61–90 days",
            Bucket::Days91To120 => "91–120 days",
            Bucket::Days121To180 => "121–180 days",
            Bucket::Over180 => "Beyond 180 days",
        }
    }
}

pub use super::lead_times::LeadTimes;
pub use super::record::{Outcome, RenewalRecord, Tick, renewal_id, set_text};
pub use super::tracking::{Tracking, before_tracking};

/// A renewal as the board shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct Renewal {
    pub id: String,
    pub account_id: String,
    pub client_name: String,
    pub department: Department,
    pub owner: String,
    pub producer: String,
    /// The account's client advocate (blank: none), for the calendar's
    /// choice of person.
    pub advocate: String,
    /// The account's commission revenue.
    pub revenue: Cents,
    /// The account's revenue tier, as the Profitability page arrays it
    /// (the what-if E&S fee included).
    pub tier: String,
    pub policy_numbers: Vec<String>,
    pub carriers: Vec<String>,
    /// Lines of business of the renewal's policies, as written.
    pub lines: Vec<String>,
    /// Annual premium and commission of the renewal's policies.
    pub premium: Cents,
    pub commission: Cents,
    /// The client name and policy numbers as searches compare them
    /// ([`crate::domain::search::fold`]).
    pub search: String,
    pub effective: NaiveDate,
    pub expiration: NaiveDate,
    /// Days from the as-of date to the expiration (negative: past).
    pub days: i64,
    pub bucket: Bucket,
    pub lead_days: u32,
    /// The key of the plan the renewal follows, and why it follows it.
    pub plan: String,
    pub plan_reason: String,
    /// Items ticked off.
    pub done: usize,
    /// Items tracked: ticked, or due on or after the tracking start.
    pub total: usize,
    /// Items due before the tracking start and not ticked: neither done
    /// nor overdue (see [`Tracking`]).
    pub before_tracking: usize,
    /// The next milestone with items left: the earliest due on or after the
    /// as-of date, else (all of them late) the latest overdue one.
    pub next: Option<(String, NaiveDate)>,
    /// Items past their due date and not done.
    pub overdue: usize,
    /// Inside the lead time with no pre-renewal item done, for a renewal
    /// whose lead time began on or after the tracking start.
    pub not_started: bool,
}

/// Where one plan item of a renewal stands on the as-of date: the rule the
/// board's counts and the renewal panel's late items share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemState {
    Done,
    /// Not done, due before tracking began: neither done nor overdue.
    BeforeTracking,
    /// Not done and its milestone's due date has passed.
    Overdue,
    /// Not done, not yet due.
    Open,
}

impl ItemState {
    pub fn of(done: bool, due: NaiveDate, as_of: NaiveDate, tracking: Tracking) -> ItemState {
        if done {
            ItemState::Done
        } else if before_tracking(due, tracking) {
            ItemState::BeforeTracking
        } else if due < as_of {
            ItemState::Overdue
        } else {
            ItemState::Open
        }
    }
}

/// Labels the revenue tier of an account of a department from its revenue
/// and whether it is monoline E&S
/// ([`crate::domain::profitability::analysis::TierLabeller::label`]).
pub type TierOf<'a> = dyn Fn(&Department, Cents, bool) -> String + 'a;

/// Every open renewal of the book on `as_of`: policies without an expiration
/// date or not in force ([`crate::domain::book::PolicyStatus`]) are left
/// out, as are renewals marked lost. Milestones due before `tracking` are
/// counted apart ([`Renewal::before_tracking`]). Sorted by expiration,
/// then client.
/// Each follows the plan `plans` assigns to its account's department and
/// revenue tier (`tier_of` labels the tier).
/// [`BoardWork`] works out the same a slice at a time.
pub fn renewals(
    book: &Book,
    (plans, tier_of): (&PlanSet, &TierOf<'_>),
    records: &HashMap<String, RenewalRecord>,
    leads: &LeadTimes,
    as_of: NaiveDate,
    tracking: Tracking,
) -> Vec<Renewal> {
    BoardWork::new(book, (plans, tier_of), records, leads, as_of, tracking).finish().renewals
}

/// What a board is worked out from, besides the book.
#[derive(Clone, Copy)]
struct Inputs<'a> {
    plans: &'a PlanSet,
    tier_of: &'a TierOf<'a>,
    records: &'a HashMap<String, RenewalRecord>,
    leads: &'a LeadTimes,
    as_of: NaiveDate,
    tracking: Tracking,
}

/// [`renewals`] worked out a slice at a time, so a page can let the
/// browser draw between slices: the book is indexed, then each account's
/// renewals are worked out, then the list is sorted.
///
/// ```
/// use agency_desk::domain::book::Book;
/// use agency_desk::domain::renewals::board::{BoardWork, LeadTimes};
/// use agency_desk::domain::renewals::plans::{PlanSet, no_tiers};
/// use chrono::NaiveDate;
/// let (book, plans) = (Book::default(), PlanSet::original());
/// let records = Default::default();
/// let leads = LeadTimes::default();
/// let as_of = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
/// let mut work = BoardWork::new(&book, (&plans, &no_tiers), &records, &leads, as_of, None);
/// while !work.step(500) {}
/// assert!(work.finish().renewals.is_empty());
/// ```
pub struct BoardWork<'a> {
    inputs: Inputs<'a>,
    stage: Stage<'a>,
    /// The renewals worked out, in the order the accounts came; each is
    /// taken out again when the list is put in order.
    out: Vec<Option<Renewal>>,
    /// One account's renewals as they are worked out.
    fresh: Vec<Renewal>,
    /// The renewals in order, as they are taken out of `out`.
    sorted: Vec<Renewal>,
    /// The filters' choices and the calendar's people among them, gathered
    /// as they are worked out.
    choices: ChoicesBuilder,
    people: People,
    /// The plan chosen for each department and tier met so far (few):
    /// one choice per department and tier, not one per renewal.
    chosen: Vec<(&'a Department, String, String, String)>,
}

enum Stage<'a> {
    Indexing(IndexBuilder<'a>),
    /// Accounts with live policies, and how many of them are done.
    Accounts {
        index: BookIndex<'a>,
        accounts: Vec<&'a str>,
        done: usize,
    },
    /// Each renewal's expiration and position in `out`, by date, and how
    /// many of them are also in client order (a date at a time).
    Sorting {
        order: Vec<(NaiveDate, u32)>,
        sorted: usize,
    },
    /// The order worked out, and how many renewals are in `sorted`.
    Placing {
        order: Vec<(NaiveDate, u32)>,
        placed: usize,
    },
    Swapping,
}

impl<'a> BoardWork<'a> {
    pub fn new(
        book: &'a Book,
        (plans, tier_of): (&'a PlanSet, &'a TierOf<'a>),
        records: &'a HashMap<String, RenewalRecord>,
        leads: &'a LeadTimes,
        as_of: NaiveDate,
        tracking: Tracking,
    ) -> BoardWork<'a> {
        BoardWork {
            inputs: Inputs { plans, tier_of, records, leads, as_of, tracking },
            stage: Stage::Indexing(IndexBuilder::new(book)),
            out: Vec::new(),
            fresh: Vec::new(),
            sorted: Vec::new(),
            choices: ChoicesBuilder::default(),
            people: People::default(),
            chosen: Vec::new(),
        }
    }

    /// Does up to `budget` more units of work (a policy or account
    /// indexed, an account's renewals worked out, a renewal sorted or put
    /// in its place); true once all are done.
    pub fn step(&mut self, budget: usize) -> bool {
        let mut budget = budget;
        loop {
            match &mut self.stage {
                Stage::Indexing(builder) => {
                    if !builder.step_within(&mut budget) {
                        return false;
                    }
                    let Stage::Indexing(builder) = std::mem::replace(&mut self.stage, Stage::Swapping) else {
                        unreachable!("the stage was just matched")
                    };
                    let index = builder.finish();
                    let accounts: Vec<&str> = index.with_live_policies().map(|(id, _)| id).collect();
                    self.out.reserve(accounts.len());
                    self.stage = Stage::Accounts { index, accounts, done: 0 };
                }
                Stage::Accounts { index, accounts, done } => {
                    let end = done.saturating_add(budget).min(accounts.len());
                    for account_id in &accounts[*done..end] {
                        account_renewals(self.inputs, index, account_id, &mut self.chosen, &mut self.fresh);
                        // Gathered while the renewals are fresh in memory:
                        // gathered from the finished list, each name is a
                        // trip to memory of its own.
                        for r in &self.fresh {
                            self.choices.add(r);
                            self.people.add(r);
                        }
                        self.out.extend(self.fresh.drain(..).map(Some));
                    }
                    budget -= end - *done;
                    *done = end;
                    if end < accounts.len() {
                        return false;
                    }
                    // Sorting dates and positions, not renewals, moves a
                    // few bytes each and reads no renewal.
                    let mut order: Vec<(NaiveDate, u32)> =
                        (self.out.iter().zip(0u32..)).map(|(r, i)| (unplaced(r).expiration, i)).collect();
                    order.sort_unstable();
                    self.stage = Stage::Sorting { order, sorted: 0 };
                }
                Stage::Sorting { order, sorted } => {
                    let out = &self.out;
                    while *sorted < order.len() && budget > 0 {
                        let date = order[*sorted].0;
                        let end = *sorted + order[*sorted..].partition_point(|&(d, _)| d == date);
                        // An account has one renewal per date, so the account breaks every tie.
                        order[*sorted..end].sort_unstable_by(|&(_, a), &(_, b)| {
                            let (a, b) = (unplaced(&out[a as usize]), unplaced(&out[b as usize]));
                            (&a.client_name, &a.account_id).cmp(&(&b.client_name, &b.account_id))
                        });
                        budget = budget.saturating_sub(end - *sorted);
                        *sorted = end;
                    }
                    if *sorted < order.len() {
                        return false;
                    }
                    let Stage::Sorting { order, .. } = std::mem::replace(&mut self.stage, Stage::Swapping) else {
                        unreachable!("the stage was just matched")
                    };
                    self.sorted.reserve_exact(order.len());
                    self.stage = Stage::Placing { order, placed: 0 };
                }
                Stage::Placing { order, placed } => {
                    let end = placed.saturating_add(budget).min(order.len());
                    for &(_, i) in &order[*placed..end] {
                        self.sorted.push(self.out[i as usize].take().expect("each renewal is placed once"));
                    }
                    *placed = end;
                    return end == order.len();
                }
                Stage::Swapping => unreachable!("the stage is put back before step returns"),
            }
        }
    }

    /// The renewals, sorted by expiration, then client, with the choices
    /// they offer (what [`BoardWork::step`] left undone is done first).
    pub fn finish(mut self) -> Board {
        while !self.step(usize::MAX) {}
        Board { renewals: self.sorted, choices: self.choices.finish(), people: self.people.finish() }
    }
}

/// A renewal worked out and not yet put in its place.
fn unplaced(slot: &Option<Renewal>) -> &Renewal {
    slot.as_ref().expect("a renewal is read only before it is put in its place")
}

/// The board worked out: every open renewal ([`renewals`]), the filters'
/// choices among them ([`FilterChoices::of`]) and the people owning their
/// plan items ([`super::export::people`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Board {
    pub renewals: Vec<Renewal>,
    pub choices: FilterChoices,
    pub people: Vec<String>,
}

/// The open renewals of one account: its live policies grouped by
/// expiration date, in the book's order within a group, one renewal each.
fn account_renewals<'a>(
    inputs: Inputs<'a>,
    index: &BookIndex<'a>,
    account_id: &str,
    chosen: &mut Vec<(&'a Department, String, String, String)>,
    out: &mut Vec<Renewal>,
) {
    let Inputs { plans, tier_of, records, leads, as_of, tracking } = inputs;
    let Some(account) = index.account(account_id) else { return };
    let live = index.policies(account_id);
    let mut dated: Vec<(NaiveDate, &crate::domain::book::Policy)> =
        live.iter().filter_map(|p| p.expiration.map(|e| (e, *p))).collect();
    dated.sort_by_key(|(e, _)| *e);
    for group in dated.chunk_by(|a, b| a.0 == b.0) {
        let expiration = group[0].0;
        let policies: Vec<&crate::domain::book::Policy> = group.iter().map(|(_, p)| *p).collect();
        let id = renewal_id(account_id, expiration);
        let record = records.get(&id);
        if matches!(record.and_then(|r| r.outcome.as_ref()), Some(Outcome::Lost { .. })) {
            continue;
        }
        let effective = policies
            .iter()
            .filter_map(|p| p.effective)
            .min()
            .unwrap_or_else(|| expiration.checked_sub_months(Months::new(12)).unwrap_or(expiration));
        let days = (expiration - as_of).num_days();
        let lead_days = leads.for_account(account);
        let revenue = index.revenue(account_id);
        let tier = tier_of(&account.department, revenue, live.len() == 1 && live[0].excess_surplus);
        let (plan_key, plan_reason) = match chosen.iter().find(|(d, t, _, _)| **d == account.department && *t == tier) {
            Some((_, _, key, why)) => (key.clone(), why.clone()),
            None => {
                let (p, why) = plans.choose(&account.department, &tier);
                chosen.push((&account.department, tier.clone(), p.key.clone(), why.clone()));
                (p.key.clone(), why)
            }
        };
        let plan = plans.plan(&plan_key);
        let (mut done, mut total, mut before, mut overdue, mut started) = (0, 0, 0, 0, false);
        let mut next: Option<(&str, NaiveDate)> = None;
        let mut latest_late: Option<(&str, NaiveDate)> = None;
        for m in &plan.milestones {
            let due = m.due(effective, expiration);
            let mut left = false;
            for item in &m.items {
                match ItemState::of(record.and_then(|r| r.tick(&item.id)).is_some(), due, as_of, tracking) {
                    ItemState::Done => {
                        total += 1;
                        done += 1;
                        started |= m.anchor == Anchor::Expiration;
                    }
                    ItemState::BeforeTracking => before += 1,
                    state => {
                        total += 1;
                        left = true;
                        overdue += usize::from(state == ItemState::Overdue);
                    }
                }
            }
            if left && due >= as_of && next.is_none_or(|(_, d)| due < d) {
                next = Some((&m.title, due));
            }
            if left && due < as_of && latest_late.is_none_or(|(_, d)| due > d) {
                latest_late = Some((&m.title, due));
            }
        }
        let mut carriers: Vec<String> =
            policies.iter().map(|p| p.carrier.trim().to_string()).filter(|c| !c.is_empty()).collect();
        carriers.sort();
        carriers.dedup();
        let mut lines: Vec<String> =
            policies.iter().map(|p| p.line_of_business.trim().to_string()).filter(|c| !c.is_empty()).collect();
        lines.dedup();
        let policy_numbers: Vec<String> =
            policies.iter().map(|p| p.policy_number.clone()).filter(|n| !n.is_empty()).collect();
        let search = crate::domain::search::fold(&format!("{} {}", account.client_name, policy_numbers.join(" ")));
        out.push(Renewal {
            id,
            account_id: account_id.to_string(),
            client_name: account.client_name.clone(),
            department: account.department.clone(),
            owner: if account.client_manager.trim().is_empty() {
                account.producer.trim().to_string()
            } else {
                account.client_manager.trim().to_string()
            },
            producer: account.producer.trim().to_string(),
            advocate: account.client_advocate.trim().to_string(),
            revenue,
            tier,
            policy_numbers,
            carriers,
            lines,
            premium: policies.iter().map(|p| p.premium).sum(),
            commission: policies.iter().map(|p| p.commission).sum(),
            search,
            effective,
            expiration,
            days,
            bucket: Bucket::of_days(days),
            lead_days,
            plan: plan_key,
            plan_reason,
            done,
            total,
            before_tracking: before,
            next: next.or(latest_late).map(|(title, due)| (title.to_string(), due)),
            overdue,
            not_started: days >= 0
                && days <= i64::from(lead_days)
                && !started
                && !expiration
                    .checked_sub_days(chrono::Days::new(lead_days.into()))
                    .is_some_and(|start| before_tracking(start, tracking)),
        });
    }
}

/// The board's filters; empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub department: Option<Department>,
    pub owner: String,
    /// A tier label of the renewal's department (see [`Renewal::tier`]).
    pub tier: String,
    pub carrier: String,
    /// Matches the client name or a policy number, ignoring case and
    /// accents: give it folded ([`crate::domain::search::fold`]).
    pub text: String,
}

/// The board's exception views, each a link target (`?view=`) from the dashboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    All,
    /// Renewals with a milestone past due.
    Overdue,
    /// Inside their lead time with nothing done ([`Renewal::not_started`]).
    NotStarted,
    /// Past their expiration and neither bound nor lost.
    ExpiredNotBound,
}

impl View {
    /// The exception views, in the board's order.
    pub const EXCEPTIONS: [View; 3] = [View::Overdue, View::NotStarted, View::ExpiredNotBound];

    /// The `view` parameter of a board link; none for all renewals.
    pub fn param(self) -> Option<&'static str> {
        match self {
            View::All => None,
            View::Overdue => Some("overdue"),
            View::NotStarted => Some("not-started"),
            View::ExpiredNotBound => Some("expired"),
        }
    }

    /// The view a link's `view` parameter names (all renewals when none or unknown).
    pub fn from_param(param: Option<&str>) -> View {
        View::EXCEPTIONS.into_iter().find(|v| v.param() == param).unwrap_or(View::All)
    }

    /// Whether the view shows `r`.
    pub fn keeps(self, r: &Renewal) -> bool {
        match self {
            View::All => true,
            View::Overdue => r.overdue > 0,
            View::NotStarted => r.not_started,
            View::ExpiredNotBound => r.bucket == Bucket::Expired,
        }
    }

    /// How many of `list` the view shows.
    pub fn count<'a>(self, list: impl IntoIterator<Item = &'a Renewal>) -> usize {
        list.into_iter().filter(|r| self.keeps(r)).count()
    }
}

/// How many of `list` expire from the as-of date to `days` days after it.
pub fn renewing_within<'a>(list: impl IntoIterator<Item = &'a Renewal>, days: i64) -> usize {
    list.into_iter().filter(|r| (0..=days).contains(&r.days)).count()
}

impl Filter {
    /// Whether `r` passes.
    pub fn matches(&self, r: &Renewal) -> bool {
        self.matcher()(r)
    }

    /// [`Filter::matches`] for a whole list: the text is prepared for
    /// searching once, not once per renewal.
    pub fn matcher(&self) -> impl Fn(&Renewal) -> bool + '_ {
        let text = self.text.trim();
        let finder = memchr::memmem::Finder::new(text.as_bytes());
        move |r| self.passes_fields(r) && (text.is_empty() || finder.find(r.search.as_bytes()).is_some())
    }

    /// Whether every renewal this filter keeps was kept by `earlier`: the
    /// same choices, and `earlier`'s text found within this one's (typing
    /// on at the end of the search box, say). Then only what `earlier`
    /// kept needs checking.
    ///
    /// ```
    /// use agency_desk::domain::renewals::board::Filter;
    /// let typed = |t: &str| Filter { text: t.into(), ..Default::default() };
    /// assert!(typed("client 012").narrows(&typed("client 01")));
    /// assert!(!typed("client 01").narrows(&typed("client 012")));
    /// let mut other_owner = typed("client 012");
    /// other_owner.owner = "Elena".into();
    /// assert!(!typed("client 012").narrows(&other_owner));
    /// ```
    pub fn narrows(&self, earlier: &Filter) -> bool {
        self.department == earlier.department
            && self.owner == earlier.owner
            && self.tier == earlier.tier
            && self.carrier == earlier.carrier
            && self.text.trim().contains(earlier.text.trim())
    }

    /// Whether `r` passes every filter but the text.
    fn passes_fields(&self, r: &Renewal) -> bool {
        if self.department.as_ref().is_some_and(|d| *d != r.department) {
            return false;
        }
        if !self.owner.is_empty() && r.owner != self.owner && r.producer != self.owner {
            return false;
        }
        if !self.carrier.is_empty() && !r.carriers.iter().any(|c| c.eq_ignore_ascii_case(&self.carrier)) {
            return false;
        }
        self.tier.is_empty() || r.tier == self.tier
    }
}

mod choices;
pub use choices::FilterChoices;
pub use choices::{ChoicesBuilder, People};
mod trail;
pub use trail::Trail;

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

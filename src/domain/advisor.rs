//! The service-model advisor: centralized ("home office") or distributed
//! (local) account management, on the criteria the source article gives for
//! the centralized model (what it says is in [`article`], quoted; the rest
//! is the app's guidance).
//!
//! Each question is answered on a scale of 1 to 5 and leans one way: a high
//! answer to a question that leans centralized pushes toward a centralized
//! team, a high answer to one that leans distributed pushes the other way.
//! An answer's contribution is `weight × (answer − 3)`, signed by the lean,
//! so a middle answer counts for nothing. The total is compared with the
//! largest total the answered questions could reach: a quarter of the way
//! toward either side recommends that model; anything closer to the middle
//! recommends a mix.
//!
//! ```
//! use agency_desk::domain::advisor::{advise, Model, QUESTIONS};
//! use std::collections::BTreeMap;
//! // Every answer as far toward a centralized team as it goes.
//! let answers: BTreeMap<&str, u8> = QUESTIONS.iter()
//!     .map(|q| (q.key, if q.leans == Model::Centralized { 5 } else { 1 }))
//!     .collect();
//! let advice = advise(&answers, &BTreeMap::new());
//! assert_eq!(advice.model, Some(Model::Centralized));
//! assert_eq!(advice.score, advice.max);
//! ```

pub mod article;
pub mod segments;

use super::book::{Book, Department};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A recommendation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    Centralized,
    Distributed,
    Mixed,
}

impl Model {
    /// The code in `data-model` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Model::Centralized => "centralized",
            Model::Distributed => "distributed",
            Model::Mixed => "mixed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Model::Centralized => "Centralized (home office) account management",
            Model::Distributed => "Distributed (local) account management",
            Model::Mixed => "A mix: a central team for shared work, local account managers for the rest",
        }
    }
}

/// One question of the questionnaire.
#[derive(Clone, Copy, Debug)]
pub struct Question {
    pub key: &'static str,
    pub text: &'static str,
    /// Why the question matters. Anything credited to the article is
    /// quoted between “ and ” in its own words (checked against it).
    pub why: &'static str,
    /// The five answers, from 1 to 5.
    pub options: [&'static str; 5],
    /// The model a high answer points to.
    pub leans: Model,
    /// The weight used unless the user sets another (0–5).
    pub weight: u8,
}

/// The questions, in the order they are asked.
pub const QUESTIONS: [Question; 6] = [
    Question {
        key: "similar_needs",
        text: "How similar are your clients' plan designs and coverage needs?",
        why: "The article: the centralized model “can be very effective if the plan designs or needs of all customers in the group are very similar”.",
        options: [
            "Every client is different",
            "Mostly different",
            "Some common patterns",
            "Mostly alike",
            "Nearly identical",
        ],
        leans: Model::Centralized,
        weight: 3,
    },
    Question {
        key: "regulation",
        text: "How much do state regulations and other requirements vary across your clients?",
        why: "The article: the centralized model is very effective “if there is little variation driven by state regulations or other requirements”.",
        options: ["Hardly at all", "A little", "Somewhat", "Considerably", "A great deal"],
        leans: Model::Distributed,
        weight: 3,
    },
    Question {
        key: "call_volume",
        text: "What volume of calls and inquiries reaches your service team?",
        why: "The article: this model is “also effective when there is a high volume of calls or inquiries coming in from customers to the service team”.",
        options: ["Very low", "Low", "Moderate", "High", "Very high"],
        leans: Model::Centralized,
        weight: 3,
    },
    Question {
        key: "team_split",
        text: "How could your service teams be organized?",
        why: "The article: centralized teams are often “broken out by regions serving specific time zones, or by experience serving employers in different industries”.",
        options: [
            "Around each local office and producer",
            "Mostly by office",
            "Partly by office, partly by specialty",
            "By region and time zone",
            "By industry specialty",
        ],
        leans: Model::Centralized,
        weight: 2,
    },
    Question {
        key: "shared_skills",
        text: "Does the service work rely more on a shared skill set (billing, enrollment, certificates) or on local relationships?",
        why: "The article: members of a centralized team “will often share the same skill set, such as experience with billing and enrollment issues”.",
        options: [
            "Almost all relationships",
            "Mostly relationships",
            "An even mix",
            "Mostly shared skills",
            "Almost all shared skills",
        ],
        leans: Model::Centralized,
        weight: 3,
    },
    Question {
        key: "variety",
        text: "How varied are the carriers and lines of business your team works with?",
        why: "The app's reading, not the article's: the more carriers and lines a team must know, the less alike clients' needs are, and the article's centralized model fits when needs “are very similar”.",
        options: ["A handful", "Few", "A moderate range", "Many", "A very wide range"],
        leans: Model::Distributed,
        weight: 2,
    },
];

/// The question of `key`.
pub fn question(key: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.key == key)
}

/// What the agency answered (saved in the workspace). Questions not
/// answered use the book's suggestion where there is one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdvisorAnswers {
    /// Answer (1–5) by question key.
    #[serde(default)]
    pub answers: BTreeMap<String, u8>,
    /// Weights the user changed (0–5), by question key.
    #[serde(default)]
    pub weights: BTreeMap<String, u8>,
    /// When last changed (RFC 3339).
    #[serde(default)]
    pub updated_at: String,
}

/// An answer suggested by the book, with the figures behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub value: u8,
    pub reason: String,
}

/// Facts of the book that answer some questions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BookFacts {
    pub accounts: usize,
    /// The department with most accounts and its share of accounts.
    pub largest_department: Option<(Department, f64)>,
    pub carriers: usize,
    pub lines: usize,
    /// Share of commission revenue held by the largest tenth of accounts.
    pub top_tenth_revenue_share: f64,
}

/// Reads the facts from the book: its current clients (former clients,
/// whose every policy is inactive, are left out) and their live policies.
pub fn book_facts(book: &Book) -> BookFacts {
    let idx = book.index();
    let current: Vec<&super::book::Account> = book.accounts.iter().filter(|a| !idx.is_former(&a.id)).collect();
    let mut per_department: HashMap<&Department, usize> = HashMap::new();
    for a in &current {
        *per_department.entry(&a.department).or_default() += 1;
    }
    let largest = per_department
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.code().cmp(a.0.code())))
        .map(|(d, n)| ((*d).clone(), *n as f64 / current.len().max(1) as f64));
    let distinct = |f: fn(&super::book::Policy) -> &str| -> usize {
        book.policies
            .iter()
            .filter(|p| p.status.is_live())
            .map(|p| f(p).trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let mut revenue: Vec<i64> = current.iter().map(|a| idx.revenue(&a.id).max(0)).collect();
    revenue.sort_unstable_by(|a, b| b.cmp(a));
    let total: i64 = revenue.iter().sum();
    let top = revenue.len().div_ceil(10);
    let top_share = if total > 0 { revenue[..top].iter().sum::<i64>() as f64 / total as f64 } else { 0.0 };
    BookFacts {
        accounts: current.len(),
        largest_department: largest,
        carriers: distinct(|p| p.carrier.as_str()),
        lines: distinct(|p| p.line_of_business.as_str()),
        top_tenth_revenue_share: top_share,
    }
}

/// The first step of `steps` (ascending upper bounds) that `value` stays
/// under, as an answer from 1 to 5.
fn step(value: f64, steps: [f64; 4]) -> u8 {
    steps.iter().position(|s| value < *s).map(|i| i as u8 + 1).unwrap_or(5)
}

/// Answers the book suggests, by question key. Questions the book cannot
/// answer (regulation, how teams are organized) are left out.
pub fn suggestions(facts: &BookFacts) -> BTreeMap<&'static str, Suggestion> {
    let mut out = BTreeMap::new();
    if facts.accounts == 0 {
        return out;
    }
    if let Some((dept, share)) = &facts.largest_department {
        let value = step(*share, [0.4, 0.55, 0.75, 0.9]);
        out.insert(
            "similar_needs",
            Suggestion { value, reason: format!("{:.0}% of your accounts are in {}", share * 100.0, dept.label()) },
        );
    }
    let n = facts.accounts as f64;
    out.insert(
        "call_volume",
        Suggestion {
            value: step(n, [150.0, 400.0, 1000.0, 3000.0]),
            reason: format!("your book has {} accounts", facts.accounts),
        },
    );
    out.insert(
        "shared_skills",
        Suggestion {
            value: if facts.top_tenth_revenue_share >= 0.7 {
                2
            } else if facts.top_tenth_revenue_share >= 0.5 {
                3
            } else {
                4
            },
            reason: format!(
                "the largest tenth of accounts carries {:.0}% of commission revenue (large accounts lean on relationships, many small ones on shared skills)",
                facts.top_tenth_revenue_share * 100.0
            ),
        },
    );
    if facts.carriers + facts.lines > 0 {
        let c = step(facts.carriers as f64, [4.0, 9.0, 16.0, 31.0]);
        let l = step(facts.lines as f64, [4.0, 9.0, 16.0, 31.0]);
        out.insert(
            "variety",
            Suggestion {
                value: (c + l).div_ceil(2),
                reason: format!(
                    "your policies are with {} carriers in {} lines of business",
                    facts.carriers, facts.lines
                ),
            },
        );
    }
    out
}

/// One answer's part in the recommendation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Driver {
    pub key: &'static str,
    pub answer: u8,
    pub weight: u8,
    /// Positive toward centralized, negative toward distributed.
    pub contribution: i32,
}

/// One answer that, changed on its own, would change the recommendation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub key: &'static str,
    pub from: u8,
    pub to: u8,
    pub model: Model,
}

/// The recommendation and its reasoning.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advice {
    /// None until at least [`MIN_ANSWERS`] questions with weight are answered.
    pub model: Option<Model>,
    /// Sum of contributions (positive: centralized).
    pub score: i32,
    /// The largest score the answered questions could reach.
    pub max: i32,
    /// Answered questions, the strongest contribution first.
    pub drivers: Vec<Driver>,
    /// The nearest single change of answer that would change the model,
    /// per question where one exists.
    pub changes: Vec<Change>,
}

/// Answers needed before a recommendation is made.
pub const MIN_ANSWERS: usize = 3;

/// The weight of a question: the user's, else the default, at most 5.
pub fn weight_of(q: &Question, weights: &BTreeMap<String, u8>) -> u8 {
    weights.get(q.key).copied().unwrap_or(q.weight).min(5)
}

fn score(answers: &BTreeMap<&str, u8>, weights: &BTreeMap<String, u8>) -> (i32, i32, Vec<Driver>) {
    let mut total = 0;
    let mut max = 0;
    let mut drivers = Vec::new();
    for q in &QUESTIONS {
        let Some(&answer) = answers.get(q.key) else { continue };
        let answer = answer.clamp(1, 5);
        let weight = weight_of(q, weights);
        let sign = if q.leans == Model::Centralized { 1 } else { -1 };
        let contribution = sign * i32::from(weight) * (i32::from(answer) - 3);
        total += contribution;
        max += 2 * i32::from(weight);
        if weight > 0 {
            drivers.push(Driver { key: q.key, answer, weight, contribution });
        }
    }
    drivers.sort_by_key(|d| std::cmp::Reverse(d.contribution.abs()));
    (total, max, drivers)
}

fn model_of(total: i32, max: i32, answered: usize) -> Option<Model> {
    if answered < MIN_ANSWERS || max == 0 {
        None
    } else if 4 * total >= max {
        Some(Model::Centralized)
    } else if 4 * total <= -max {
        Some(Model::Distributed)
    } else {
        Some(Model::Mixed)
    }
}

/// The recommendation for `answers` (1–5 by question key) with the
/// user's `weights`.
pub fn advise(answers: &BTreeMap<&str, u8>, weights: &BTreeMap<String, u8>) -> Advice {
    let (total, max, drivers) = score(answers, weights);
    let model = model_of(total, max, drivers.len());
    let mut changes = Vec::new();
    if model.is_some() {
        for d in &drivers {
            // The nearest other answer that changes the recommendation.
            let mut candidates: Vec<u8> = (1..=5).filter(|a| *a != d.answer).collect();
            candidates.sort_by_key(|a| (a.abs_diff(d.answer), *a));
            for to in candidates {
                let mut changed = answers.clone();
                changed.insert(d.key, to);
                let (t, m, ds) = score(&changed, weights);
                let other = model_of(t, m, ds.len());
                if other != model {
                    if let Some(other) = other {
                        changes.push(Change { key: d.key, from: d.answer, to, model: other });
                    }
                    break;
                }
            }
        }
    }
    Advice { model, score: total, max, drivers, changes }
}

/// The answers in force: the user's, else the book's suggestion.
pub fn effective_answers(
    saved: &AdvisorAnswers,
    suggested: &BTreeMap<&'static str, Suggestion>,
) -> BTreeMap<&'static str, u8> {
    QUESTIONS
        .iter()
        .filter_map(|q| {
            saved.answers.get(q.key).copied().or_else(|| suggested.get(q.key).map(|s| s.value)).map(|a| (q.key, a))
        })
        .collect()
}

/// The app's guidance for a recommendation of `model` (not the article's:
/// none of it is credited to it).
pub fn guidance(model: Model) -> &'static [&'static str] {
    match model {
        Model::Centralized => &[
            "Your answers lean toward a central team: clients alike enough, and enough shared, repeated work, for one team with one skill set to serve a designated group of them.",
            "Keep the exceptions in view: a client whose needs or requirements stand apart may still want an account manager of its own.",
        ],
        Model::Distributed => &[
            "Your answers lean away from the centralized model's conditions: clients' needs and requirements differ, or the work rests on relationships more than on shared skills.",
            "Local account managers who know each client and work beside the producer are the suggestion here; a central team could still take narrow shared tasks such as billing questions.",
        ],
        Model::Mixed => &[
            "Some of the centralized model's conditions hold and some do not: a central team can take the small, alike accounts and the shared, high-volume work, while account managers of their own keep the larger clients whose needs and requirements differ.",
            "The segments below split this book that way by revenue tier, as a starting point to adjust rather than a rule.",
        ],
    }
}

/// The two models side by side: (aspect, centralized, distributed). This
/// is the app's guidance, not the article's: the article describes only
/// the centralized model (its words are in [`article::ARTICLE_POINTS`]),
/// and says nothing of the distributed one or of who gains what.
pub const COMPARISON: [(&str, &str, &str); 6] = [
    (
        "How it is organized",
        "A team of home-office account managers serves a designated group of clients, often split by region and time zone or by industry.",
        "Account managers work locally, close to the producers and clients they serve.",
    ),
    (
        "Where it fits",
        "Clients whose plan designs and needs are very similar, little variation from state regulation or other requirements, and a high volume of calls and inquiries.",
        "Clients whose needs differ, requirements that vary by state or client, and service that rests on knowing each client.",
    ),
    (
        "The team's skills",
        "Typically more tenured than traditional service representatives, sharing one skill set such as billing and enrollment.",
        "Broader skills per person: each account manager handles the whole range of a client's needs.",
    ),
    (
        "For carriers",
        "Inquiries from many customers answered by one team, whether or not it has been in frequent contact with them before.",
        "Local knowledge of each client's risks and requirements behind every placement.",
    ),
    (
        "For brokers and agencies",
        "A bank of industry or regional knowledge the team applies to future clients in the same region or industry.",
        "Account managers who work beside the producer and keep the relationship with the client.",
    ),
    (
        "For employers and clients",
        "Quick answers to billing and enrollment questions from people who have seen the same question many times.",
        "A familiar contact who knows the client's people, history and requirements.",
    ),
];

#[cfg(test)]
mod tests;

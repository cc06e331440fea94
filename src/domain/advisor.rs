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
mod book_facts;
mod guidance;
pub mod segments;
pub use book_facts::{BookFacts, book_facts, suggestions};
pub use guidance::{COMPARISON, guidance};

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

#[cfg(test)]
mod tests;

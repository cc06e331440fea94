//! The app's own guidance on each model and its side-by-side comparison:
//! shown apart from what the article says, and never credited to it.

use super::*;

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

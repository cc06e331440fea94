//! What the source article says, kept apart from the app's own guidance.
//!
//! The article describes two models of account management but goes into
//! only one of them, the centralized ("home office") model, and when it
//! fits. Each statement credited to it here quotes it: every part of a
//! statement's text between “ and ” is one of its `quotes`, and each quote
//! is the article's own words (`tests/advisor_article.rs` checks them
//! against the article). Everything else the page says about the models
//! (the distributed side, who gains what, the segments of the book) is the
//! app's guidance and is shown under that name.

/// One statement credited to the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArticlePoint {
    pub key: &'static str,
    /// The line shown: a few framing words around the quotes.
    pub text: &'static str,
    /// The article's words the text quotes, each exactly as the article
    /// has them (spacing aside).
    pub quotes: &'static [&'static str],
}

/// Everything the page credits to the article, in the article's order.
pub const ARTICLE_POINTS: [ArticlePoint; 7] = [
    ArticlePoint {
        key: "two_models",
        text: "“Insurance carriers take many different approaches to account management, but recently, two primary models have emerged”: centralized (“home office”) and local (“distributed”).",
        quotes: &[
            "Insurance carriers take many different approaches to account management, but recently, two primary models have emerged",
            "home office",
            "distributed",
        ],
    },
    ArticlePoint {
        key: "portfolios",
        text: "Both approaches have pros and cons, but “certain client portfolios are clearly conducive to one of the two”.",
        quotes: &["certain client portfolios are clearly conducive to one of the two"],
    },
    ArticlePoint {
        key: "organized",
        text: "The centralized model “typically consists of a team of home office account managers who provide services to a designated group of customers”; for instance, “some teams are broken out by regions serving specific time zones, or by experience serving employers in different industries”.",
        quotes: &[
            "typically consists of a team of home office account managers who provide services to a designated group of customers",
            "some teams are broken out by regions serving specific time zones, or by experience serving employers in different industries",
        ],
    },
    ArticlePoint {
        key: "similar_needs",
        text: "The centralized model “can be very effective if the plan designs or needs of all customers in the group are very similar, and if there is little variation driven by state regulations or other requirements”.",
        quotes: &[
            "can be very effective if the plan designs or needs of all customers in the group are very similar, and if there is little variation driven by state regulations or other requirements",
        ],
    },
    ArticlePoint {
        key: "call_volume",
        text: "This model is “also effective when there is a high volume of calls or inquiries coming in from customers to the service team”.",
        quotes: &[
            "also effective when there is a high volume of calls or inquiries coming in from customers to the service team",
        ],
    },
    ArticlePoint {
        key: "shared_skills",
        text: "Members of a centralized team “will often share the same skill set, such as experience with billing and enrollment issues”. “This allows them to respond to inquiries from many customers, regardless of whether or not they’ve been in frequent contact in the past.”",
        quotes: &[
            "will often share the same skill set, such as experience with billing and enrollment issues",
            "This allows them to respond to inquiries from many customers, regardless of whether or not they’ve been in frequent contact in the past.",
        ],
    },
    ArticlePoint {
        key: "knowledge",
        text: "They “may also be able to build a bank of industry knowledge that can be applied to future interactions with employers in the same region, industry, etc.”",
        quotes: &[
            "may also be able to build a bank of industry knowledge that can be applied to future interactions with employers in the same region, industry, etc.",
        ],
    },
];

/// The article's statement of `key`.
pub fn article_point(key: &str) -> Option<&'static ArticlePoint> {
    ARTICLE_POINTS.iter().find(|p| p.key == key)
}

/// The parts of `text` between “ and ”, in order (an unclosed quote runs
/// to the end).
pub fn quoted_parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        let after = &rest[open + '“'.len_utf8()..];
        match after.find('”') {
            Some(close) => {
                parts.push(&after[..close]);
                rest = &after[close + '”'.len_utf8()..];
            }
            None => {
                parts.push(after);
                break;
            }
        }
    }
    parts
}

/// `text` with the quoted parts taken out: the framing words.
pub fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('“') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let after = &rest[open + '“'.len_utf8()..];
        match after.find('”') {
            Some(close) => rest = &after[close + '”'.len_utf8()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` with every run of white space made one space, trimmed: how
/// quotes and the article are compared.
pub fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The article's statements shown with a recommendation of `model`: what
/// it says about when the centralized model fits, led for a distributed or
/// mixed recommendation by its remark that portfolios suit one model or
/// the other.
pub fn points_for(model: super::Model) -> Vec<&'static ArticlePoint> {
    let keys: &[&str] = match model {
        super::Model::Centralized => &["similar_needs", "call_volume", "shared_skills", "knowledge"],
        super::Model::Distributed | super::Model::Mixed => &["portfolios", "similar_needs", "call_volume"],
    };
    keys.iter().filter_map(|k| article_point(k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_parts_and_framing_are_told_apart() {
        let text = "It is “very similar” and “quick”, they say.";
        assert_eq!(quoted_parts(text), ["very similar", "quick"]);
        assert_eq!(normalize_space(&unquoted(text)), "It is and , they say.");
        assert_eq!(quoted_parts("no quotes"), Vec::<&str>::new());
        assert_eq!(quoted_parts("a “b"), ["b"]);
        assert_eq!(normalize_space(&unquoted("a “b")), "a");
        assert_eq!(normalize_space("  a \n b\t c "), "a b c");
    }

    #[test]
    fn each_statement_quotes_exactly_its_quotes() {
        for p in &ARTICLE_POINTS {
            assert_eq!(quoted_parts(p.text), p.quotes, "{}", p.key);
        }
    }

    #[test]
    fn every_model_has_article_points_and_every_key_is_known() {
        for model in [super::super::Model::Centralized, super::super::Model::Distributed, super::super::Model::Mixed] {
            let points = points_for(model);
            assert!(points.len() >= 3, "{model:?}");
        }
        let mut keys: Vec<&str> = ARTICLE_POINTS.iter().map(|p| p.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ARTICLE_POINTS.len());
    }
}

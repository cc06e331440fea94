//! Everything the service-model page credits to the source article is in
//! the article (a copy in `tests/fixtures/seeds/service_models.txt`, checked
//! against the source documents when they are present): each quote word for
//! word (spacing aside), and the few framing words around the quotes are
//! words the article uses. The app's own guidance never names the article.

use agency_desk::domain::advisor::article::{ARTICLE_POINTS, ArticlePoint, normalize_space, quoted_parts, unquoted};
use agency_desk::domain::advisor::{COMPARISON, Model, QUESTIONS, guidance};
use std::collections::BTreeSet;

fn fixture() -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/seeds/service_models.txt", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The source article itself, when the source documents are beside the
/// project (`../shared/seeds`, the file whose name starts with `000_`).
fn source() -> Option<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let entries = std::fs::read_dir(&dir).ok()?;
    let path = entries
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("000_")))?;
    Some(std::fs::read_to_string(path).unwrap())
}

/// The lower-case words of `text` (letters and apostrophes).
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Why `text` (quoting `quotes`) is not backed by `article`, if it is not.
fn unbacked(article: &str, text: &str, quotes: &[&str]) -> Option<String> {
    let body = normalize_space(article);
    if quoted_parts(text) != quotes {
        return Some(format!("the text quotes {:?}, not {:?}", quoted_parts(text), quotes));
    }
    if quotes.is_empty() {
        return Some("nothing is quoted".into());
    }
    if let Some(q) = quotes.iter().find(|q| !body.contains(&normalize_space(q))) {
        return Some(format!("“{q}” is not in the article"));
    }
    // The framing around the quotes: short, and in the article's words
    // (words of four letters or more, so "a", "the", "and" pass).
    let framing = unquoted(text);
    let known = words(article);
    let strange: Vec<String> =
        words(&framing).into_iter().filter(|w| w.chars().count() >= 4 && !known.contains(w)).collect();
    if !strange.is_empty() {
        return Some(format!("the framing uses words the article does not: {strange:?}"));
    }
    let framing_words = framing.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
    if framing_words > 12 {
        return Some(format!("{framing_words} framing words around the quotes (at most 12)"));
    }
    None
}

fn check_points(article: &str, points: &[ArticlePoint]) {
    for p in points {
        if let Some(why) = unbacked(article, p.text, p.quotes) {
            panic!("{}: {why}\n{}", p.key, p.text);
        }
    }
}

#[test]
fn every_statement_credited_to_the_article_is_in_it() {
    check_points(&fixture(), &ARTICLE_POINTS);
}

#[test]
fn the_fixture_is_the_source_article_when_it_is_present() {
    let Some(source) = source() else { return };
    assert_eq!(source, fixture());
    check_points(&source, &ARTICLE_POINTS);
}

#[test]
fn question_hints_that_name_the_article_quote_it() {
    let article = fixture();
    let body = normalize_space(&article);
    for q in &QUESTIONS {
        if !q.why.contains("article") {
            continue;
        }
        let quotes = quoted_parts(q.why);
        assert!(!quotes.is_empty(), "{}: names the article without quoting it", q.key);
        for quote in quotes {
            assert!(body.contains(&normalize_space(quote)), "{}: “{quote}” is not in the article", q.key);
        }
    }
}

#[test]
fn the_apps_guidance_is_never_credited_to_the_article() {
    let mut texts: Vec<&str> =
        COMPARISON.iter().flat_map(|(aspect, central, local)| [*aspect, *central, *local]).collect();
    for model in [Model::Centralized, Model::Distributed, Model::Mixed] {
        texts.extend(guidance(model));
        texts.push(model.label());
    }
    for t in texts {
        assert!(!t.to_lowercase().contains("article"), "guidance credited to the article: {t}");
    }
}

#[test]
fn the_check_refuses_what_the_article_does_not_say() {
    let article = fixture();
    // Words of the article, but not as the article has them.
    assert!(
        unbacked(
            &article,
            "It is “very effective if the plan designs are similar”.",
            &["very effective if the plan designs are similar"]
        )
        .is_some()
    );
    // The distributed model's merits: the article gives none.
    let local = "The distributed model “keeps a familiar contact who knows the client”.";
    assert!(
        unbacked(&article, local, &["keeps a familiar contact who knows the client"])
            .unwrap()
            .contains("not in the article")
    );
    // A true quote with invented framing around it.
    let framed = "Local account managers serve clients better, since “certain client portfolios are clearly conducive to one of the two”.";
    let why =
        unbacked(&article, framed, &["certain client portfolios are clearly conducive to one of the two"]).unwrap();
    assert!(why.contains("better"), "{why}");
    // Quotes the text does not show, or no quote at all.
    assert!(unbacked(&article, "The centralized model.", &["The centralized model"]).is_some());
    assert!(unbacked(&article, "The centralized model.", &[]).is_some());
    // Spacing and line breaks in the article do not matter.
    assert!(
        unbacked(
            &article,
            "“The centralized model\n can be  very effective”",
            &["The centralized model\n can be  very effective"]
        )
        .is_none()
    );
}

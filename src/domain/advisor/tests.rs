use super::*;
use crate::domain::book::{Account, Policy};

fn all(f: impl Fn(&Question) -> u8) -> BTreeMap<&'static str, u8> {
    QUESTIONS.iter().map(|q| (q.key, f(q))).collect()
}

#[test]
fn every_answer_toward_one_side_recommends_that_side() {
    let central = advise(&all(|q| if q.leans == Model::Centralized { 5 } else { 1 }), &BTreeMap::new());
    assert_eq!(central.model, Some(Model::Centralized));
    assert_eq!(central.score, central.max);
    assert_eq!(central.max, 2 * 16, "weights 3+3+3+2+3+2, two points each");
    let local = advise(&all(|q| if q.leans == Model::Centralized { 1 } else { 5 }), &BTreeMap::new());
    assert_eq!(local.model, Some(Model::Distributed));
    assert_eq!(local.score, -local.max);
    // The strongest drivers come first: the weight-3 questions.
    assert!(local.drivers[..4].iter().all(|d| d.weight == 3 && d.contribution == -6));
}

#[test]
fn a_balanced_book_recommends_a_mix() {
    let middle = advise(&all(|_| 3), &BTreeMap::new());
    assert_eq!((middle.model, middle.score), (Some(Model::Mixed), 0));
    // Similar needs and high call volume (centralized) against varying
    // regulation and relationship work (distributed): a mix.
    let pulled: BTreeMap<&str, u8> = [
        ("similar_needs", 5),
        ("call_volume", 5),
        ("regulation", 5),
        ("shared_skills", 1),
        ("team_split", 3),
        ("variety", 3),
    ]
    .into();
    let advice = advise(&pulled, &BTreeMap::new());
    assert_eq!((advice.model, advice.score), (Some(Model::Mixed), 0));
}

#[test]
fn the_quarter_way_thresholds_are_inclusive() {
    // Three weight-3 questions: max 18; 4.5 points is a quarter.
    let w = BTreeMap::new();
    let a: BTreeMap<&str, u8> = [("similar_needs", 5), ("call_volume", 4), ("shared_skills", 3)].into();
    assert_eq!(advise(&a, &w).score, 9);
    assert_eq!(advise(&a, &w).model, Some(Model::Centralized));
    let b: BTreeMap<&str, u8> = [("similar_needs", 4), ("call_volume", 4), ("shared_skills", 2)].into();
    assert_eq!((advise(&b, &w).score, advise(&b, &w).model), (3, Some(Model::Mixed)));
    let c: BTreeMap<&str, u8> = [("similar_needs", 1), ("call_volume", 3), ("shared_skills", 2)].into();
    assert_eq!((advise(&c, &w).score, advise(&c, &w).model), (-9, Some(Model::Distributed)));
}

#[test]
fn too_few_answers_or_zero_weights_give_no_recommendation() {
    let two: BTreeMap<&str, u8> = [("similar_needs", 5), ("call_volume", 5)].into();
    assert_eq!(advise(&two, &BTreeMap::new()).model, None);
    let weights: BTreeMap<String, u8> = QUESTIONS.iter().map(|q| (q.key.to_string(), 0)).collect();
    let advice = advise(&all(|_| 5), &weights);
    assert_eq!((advice.model, advice.max), (None, 0));
}

#[test]
fn weights_change_the_answer_and_are_capped() {
    // +6 − 6 − 3 = −3 of 18: a mix.
    let a: BTreeMap<&str, u8> = [("similar_needs", 5), ("regulation", 5), ("call_volume", 2)].into();
    assert_eq!(advise(&a, &BTreeMap::new()).model, Some(Model::Mixed));
    // Regulation weighted 5 (9 is capped): +6 − 10 − 3 = −7 of 22, past a quarter.
    let heavier: BTreeMap<String, u8> = [("regulation".to_string(), 9)].into();
    let advice = advise(&a, &heavier);
    assert_eq!(advice.drivers[0], Driver { key: "regulation", answer: 5, weight: 5, contribution: -10 });
    assert_eq!(advice.model, Some(Model::Distributed));
}

#[test]
fn what_would_change_the_answer_is_the_nearest_flip() {
    let a: BTreeMap<&str, u8> = [("similar_needs", 5), ("call_volume", 4), ("shared_skills", 3)].into();
    let advice = advise(&a, &BTreeMap::new());
    assert_eq!(advice.model, Some(Model::Centralized));
    // Lowering similar needs from 5 to 4 leaves 6 of 18 (a third): still centralized; to 3 → 3 of 18: mixed.
    assert!(
        advice.changes.contains(&Change { key: "similar_needs", from: 5, to: 3, model: Model::Mixed }),
        "{:?}",
        advice.changes
    );
    assert!(
        advice.changes.contains(&Change { key: "call_volume", from: 4, to: 2, model: Model::Mixed }),
        "{:?}",
        advice.changes
    );
}

#[test]
fn the_book_suggests_answers_and_says_why() {
    let mut book = Book::default();
    for i in 0..200 {
        let dept = if i < 170 { Department::Pl } else { Department::Cl };
        let mut a = Account::new(&format!("a{i}"), &format!("Client {i}"), dept);
        a.account_revenue = None;
        book.accounts.push(a);
        let mut p = Policy::new(&format!("p{i}"), &format!("a{i}"));
        p.carrier = ["Travelers", "Hartford", "travelers "][i % 3].into();
        p.line_of_business = ["Auto", "Home"][i % 2].into();
        p.commission = if i < 20 { 100_000 } else { 1_000 };
        book.policies.push(p);
    }
    let facts = book_facts(&book);
    assert_eq!((facts.accounts, facts.carriers, facts.lines), (200, 2, 2), "names compared without case or spaces");
    assert!((facts.top_tenth_revenue_share - 2_000_000.0 / 2_180_000.0).abs() < 1e-9);
    let s = suggestions(&facts);
    assert_eq!(s["similar_needs"].value, 4, "85% in one department");
    assert_eq!(s["similar_needs"].reason, "85% of your accounts are in Personal Lines");
    assert_eq!(s["call_volume"].value, 2);
    assert_eq!(s["shared_skills"].value, 2, "the top tenth carries 92%");
    assert_eq!(s["variety"].value, 1);
    assert!(!s.contains_key("regulation") && !s.contains_key("team_split"));
    assert!(suggestions(&book_facts(&Book::default())).is_empty());
    // Saved answers win over suggestions.
    let saved = AdvisorAnswers { answers: [("call_volume".to_string(), 5)].into(), ..Default::default() };
    let eff = effective_answers(&saved, &s);
    assert_eq!((eff["call_volume"], eff["similar_needs"], eff.len()), (5, 4, 4));
}

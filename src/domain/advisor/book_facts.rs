//! What the book itself says about the questions: its department mix, size,
//! spread of revenue, carriers and lines, turned into suggested answers.

use super::*;

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
    let current: Vec<&crate::domain::book::Account> = book.accounts.iter().filter(|a| !idx.is_former(&a.id)).collect();
    let mut per_department: HashMap<&Department, usize> = HashMap::new();
    for a in &current {
        *per_department.entry(&a.department).or_default() += 1;
    }
    let largest = per_department
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.code().cmp(a.0.code())))
        .map(|(d, n)| ((*d).clone(), *n as f64 / current.len().max(1) as f64));
    let distinct = |f: fn(&crate::domain::book::Policy) -> &str| -> usize {
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
pub(super) fn step(value: f64, steps: [f64; 4]) -> u8 {
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

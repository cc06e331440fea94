//! Rows of a report that are neither a policy nor an account: a header
//! repeated at the top of each page, page footers, subtotals and totals.
//! They are skipped, and listed as skipped, instead of being rejected (or,
//! worse, imported as a client named "Total").

use super::mapping::{Field, Mapping};
use super::table::trim_spaces;
use serde::{Deserialize, Serialize};

/// How much of a skipped row the preview shows.
pub const SKIPPED_TEXT_CHARS: usize = 80;

/// A row set aside without being read, and what it looked like.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The line (CSV) or row (XLSX) number, as for rejected rows.
    pub line: usize,
    pub reason: SkipReason,
    /// The row's first cells, to recognise it by.
    pub text: String,
}

/// Why a row was skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    /// The header row again (reports repeat it on every page).
    RepeatedHeader,
    /// A row whose first cell says it is a total or subtotal.
    Total,
    /// A page number or page footer.
    PageFooter,
    /// Amounts with no client and no policy: a subtotal line.
    AmountsWithoutClient,
}

impl SkipReason {
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::RepeatedHeader => "the header row repeated",
            SkipReason::Total => "a total or subtotal",
            SkipReason::PageFooter => "a page number",
            SkipReason::AmountsWithoutClient => "amounts with no client and no policy (a subtotal)",
        }
    }
}

/// Whether a row is one to skip, and why. `headers` are the file's column
/// names, `mapping` says which column holds what.
///
/// ```
/// use agency_desk::domain::import::{mapping::auto_map, skip::{skip_reason, SkipReason}};
/// let headers: Vec<String> = ["Insured", "Policy #", "Commission"].map(String::from).to_vec();
/// let mapping = auto_map(&headers);
/// let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
/// assert_eq!(skip_reason(&row(&["Grand Total", "", "$9,120.00"]), &headers, &mapping), Some(SkipReason::Total));
/// assert_eq!(skip_reason(&row(&["", "", "$9,120.00"]), &headers, &mapping), Some(SkipReason::AmountsWithoutClient));
/// assert_eq!(skip_reason(&row(&["Harbor Bakery", "BOP-1", "$600.00"]), &headers, &mapping), None);
/// ```
pub fn skip_reason(cells: &[String], headers: &[String], mapping: &Mapping) -> Option<SkipReason> {
    let filled: Vec<(usize, &str)> =
        cells.iter().map(|c| trim_spaces(c)).enumerate().filter(|(_, c)| !c.is_empty()).collect();
    let &(first_at, first) = filled.first()?;
    if is_repeated_header(&filled, headers) {
        return Some(SkipReason::RepeatedHeader);
    }
    if is_page_footer(first) {
        return Some(SkipReason::PageFooter);
    }
    let column = |field: Field| mapping.iter().position(|m| *m == Some(field));
    let filled_in = |field: Field| column(field).is_some_and(|i| filled.iter().any(|&(j, _)| j == i));
    // A policy number or a date means a real policy, whatever its client is
    // called; a label in one of those columns ("Subtotal" under the dates) does not.
    let has = |field: Field| filled_in(field) && column(field) != Some(first_at);
    let is_policy = [Field::PolicyNumber, Field::Effective, Field::Expiration].iter().any(|f| has(*f));
    if is_total_label(first) && !is_policy {
        return Some(SkipReason::Total);
    }
    let amounts = [Field::Commission, Field::Premium];
    if column(Field::ClientName).is_some()
        && !filled_in(Field::ClientName)
        && !is_policy
        && amounts.iter().any(|f| filled_in(*f))
    {
        return Some(SkipReason::AmountsWithoutClient);
    }
    None
}

/// At least half the header's names, in their columns, and nothing else.
fn is_repeated_header(filled: &[(usize, &str)], headers: &[String]) -> bool {
    let named = headers.iter().filter(|h| !trim_spaces(h).is_empty()).count();
    let same =
        filled.iter().filter(|&&(i, c)| headers.get(i).is_some_and(|h| trim_spaces(h).eq_ignore_ascii_case(c))).count();
    named > 0 && same == filled.len() && same * 2 >= named
}

/// `Total`, `Grand Total`, `Report Total: 18 Policies`, `Subtotal CL`,
/// `Sub-Total`, `Totals for Marcus Bell`, `** Total **`. A plain "Total"
/// followed by more words (`Total Care Dental`) is a name, not a label.
fn is_total_label(first: &str) -> bool {
    let words = first.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let ends_word = |rest: &str| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric());
    let strong = [
        "grand total",
        "report total",
        "subtotal",
        "sub total",
        "sub-total",
        "page total",
        "producer total",
        "department total",
    ];
    if strong.iter().any(|label| words.strip_prefix(label).is_some_and(ends_word)) {
        return true;
    }
    ["totals", "total"].iter().any(|label| {
        words.strip_prefix(label).is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.is_empty()
                || rest.starts_with(|c: char| !c.is_alphanumeric())
                || rest.starts_with("for ")
                || rest.starts_with("of ")
        })
    })
}

/// `Page 3 of 7`, `Page 3`, `- 3 -`.
fn is_page_footer(first: &str) -> bool {
    let lower = first.to_lowercase();
    if let Some(rest) = lower.strip_prefix("page") {
        let rest = rest.trim();
        let mut parts = rest.split_whitespace();
        let number = |p: Option<&str>| p.is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()) && !p.is_empty());
        return match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (n, None, None, None) => number(n),
            (n, Some("of"), m, None) => number(n) && number(m),
            _ => false,
        };
    }
    let inner = first.trim_matches(|c: char| c == '-' || c.is_whitespace());
    inner != first && !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::import::mapping::auto_map;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn totals_page_footers_and_repeated_headers_are_recognised() {
        let headers = row(&["Customer Name", "Policy Number", "Exp Date", "Premium", "Commission"]);
        let m = auto_map(&headers);
        let cases: &[(&[&str], Option<SkipReason>)] = &[
            (
                &["Customer Name", "Policy Number", "Exp Date", "Premium", "Commission"],
                Some(SkipReason::RepeatedHeader),
            ),
            (&["customer name", "policy number", "EXP DATE", "", ""], Some(SkipReason::RepeatedHeader)),
            (&["Customer Name", "Policy Number", "", "", ""], None),
            (&["Report Total: 18 Policies", "", "", "", ""], Some(SkipReason::Total)),
            (&["Grand Total", "", "", "$152,400.00", "$18,120.00"], Some(SkipReason::Total)),
            (&["Subtotal CL", "", "", "", "$9,000.00"], Some(SkipReason::Total)),
            (&["** Totals for Marcus Bell **"], Some(SkipReason::Total)),
            (&["Sub-Total"], Some(SkipReason::Total)),
            (&["Page 3 of 7"], Some(SkipReason::PageFooter)),
            (&["Page 12"], Some(SkipReason::PageFooter)),
            (&["- 4 -"], Some(SkipReason::PageFooter)),
            (&["", "", "", "$152,400.00", "$18,120.00"], Some(SkipReason::AmountsWithoutClient)),
            (&["", "", "Subtotal Commercial Lines:", "$9,100.00", "$1,365.00"], Some(SkipReason::Total)),
            // Real clients whose names begin like a label are kept.
            (&["Totalink Logistics", "GL-1", "03/01/2027", "1000", "150"], None),
            (&["Page Brothers Plumbing", "GL-2", "03/01/2027", "1000", "150"], None),
            (&["Total Care Dental", "GL-3", "", "", ""], None),
            (&["Total Care Dental", "", "", "", "$500.00"], None),
            (&["Total:", "", "", "", "$500.00"], Some(SkipReason::Total)),
            // A row with a policy but no client is the user's to fix: rejected, not skipped.
            (&["", "GL-99999", "03/01/2027", "1000", "150"], None),
            (&["Customer Name", "GL-4", "03/01/2027", "1000", "150"], None),
        ];
        for (cells, expected) in cases {
            assert_eq!(skip_reason(&row(cells), &headers, &m), *expected, "{cells:?}");
        }
    }
}

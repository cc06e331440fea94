//! Hash routes: `#/book`, `#/renewals?dept=CL`, ...
//!
//! The app is served as static files from any folder of any host, with no
//! rewrite rules, so the page part of the address lives after `#`: a reload or
//! a pasted deep link always asks the server for the one `index.html`.
//!
//! ```
//! use agency_desk::routes::{Page, Route};
//! let r = Route::parse("#/renewals?dept=CL");
//! assert_eq!(r.page, Some(Page::Renewals));
//! assert_eq!(r.param("dept"), Some("CL"));
//! assert_eq!(Page::Book.href(), "#/book");
//! ```

/// A top-level page of the app, in navigation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    Dashboard,
    Book,
    Profitability,
    Renewals,
    Onboarding,
    ServiceModel,
    Settings,
}

impl Page {
    /// Every page, in the order the navigation lists them.
    pub const ALL: [Page; 7] = [
        Page::Dashboard,
        Page::Book,
        Page::Profitability,
        Page::Renewals,
        Page::Onboarding,
        Page::ServiceModel,
        Page::Settings,
    ];

    /// The link text in the navigation (a stable automation hook).
    pub fn label(self) -> &'static str {
        match self {
            Page::Dashboard => "Dashboard",
            Page::Book => "Book",
            Page::Profitability => "Profitability",
            Page::Renewals => "Renewals",
            Page::Onboarding => "Onboarding",
            Page::ServiceModel => "Service model",
            Page::Settings => "Settings",
        }
    }

    /// The first path segment after `#/`.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Dashboard => "",
            Page::Book => "book",
            Page::Profitability => "profitability",
            Page::Renewals => "renewals",
            Page::Onboarding => "onboarding",
            Page::ServiceModel => "service-model",
            Page::Settings => "settings",
        }
    }

    /// The `href` of the page's link, e.g. `#/book`.
    pub fn href(self) -> String {
        format!("#/{}", self.slug())
    }

    fn from_slug(slug: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.slug().eq_ignore_ascii_case(slug))
    }
}

/// A parsed hash: the page (None when nothing matches), the path segments
/// after the page's own, and the query parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Option<Page>,
    pub rest: Vec<String>,
    pub params: Vec<(String, String)>,
    /// The hash as given, for the "page not found" message.
    pub raw: String,
}

impl Route {
    /// Parses `location.hash` (`#/book/abc?x=1`); an empty hash is the Dashboard.
    pub fn parse(hash: &str) -> Route {
        let trimmed = hash.trim_start_matches('#');
        let (path, query) = match trimmed.split_once('?') {
            Some((p, q)) => (p, q),
            None => (trimmed, ""),
        };
        let segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned())
            .collect();
        let params = form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let (page, rest) = match segments.split_first() {
            None => (Some(Page::Dashboard), Vec::new()),
            Some((first, rest)) => (Page::from_slug(first), rest.to_vec()),
        };
        Route { page, rest, params, raw: hash.to_string() }
    }

    /// The value of a query parameter in the hash.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_round_trips_through_its_href() {
        for page in Page::ALL {
            let route = Route::parse(&page.href());
            assert_eq!(route.page, Some(page), "{}", page.href());
            assert!(route.rest.is_empty());
        }
    }

    #[test]
    fn empty_hashes_are_the_dashboard() {
        for hash in ["", "#", "#/", "#//"] {
            assert_eq!(Route::parse(hash).page, Some(Page::Dashboard), "{hash:?}");
        }
    }

    #[test]
    fn nested_segments_and_params_are_kept() {
        let r = Route::parse("#/renewals/acct%20one/2027?dept=CL&owner=Ann+Lee");
        assert_eq!(r.page, Some(Page::Renewals));
        assert_eq!(r.rest, vec!["acct one".to_string(), "2027".to_string()]);
        assert_eq!(r.param("owner"), Some("Ann Lee"));
        assert_eq!(r.param("missing"), None);
    }

    #[test]
    fn unknown_pages_are_reported_not_guessed() {
        let r = Route::parse("#/nowhere");
        assert_eq!(r.page, None);
        assert_eq!(r.raw, "#/nowhere");
    }

    #[test]
    fn slugs_match_case_insensitively() {
        assert_eq!(Route::parse("#/Service-Model").page, Some(Page::ServiceModel));
    }

    #[test]
    fn nav_labels_are_the_published_names() {
        let labels: Vec<_> = Page::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(
            labels,
            ["Dashboard", "Book", "Profitability", "Renewals", "Onboarding", "Service model", "Settings"]
        );
    }
}

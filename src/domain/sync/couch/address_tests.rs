//! The address rules: what is accepted, how it is written back, and the
//! message for each refusal.

use super::*;

const PAGE: &str = "https://agency.example";

fn parse(text: &str) -> Result<DatabaseUrl, UrlProblem> {
    DatabaseUrl::parse(text, PAGE)
}

fn problem(text: &str) -> String {
    parse(text).unwrap_err().to_string()
}

#[test]
fn a_path_is_on_the_pages_own_host() {
    let db = parse("/couch/agency-smith").unwrap();
    assert_eq!(db.to_string(), "https://agency.example/couch/agency-smith");
    assert_eq!(db.server_root(), "https://agency.example/couch");
    assert!(db.is_same_origin(PAGE));
    assert!(db.is_same_origin("https://AGENCY.example:443/"));
    let root = parse("/agency-smith/").unwrap();
    assert_eq!(root.to_string(), "https://agency.example/agency-smith");
    assert_eq!(root.server_root(), "https://agency.example");
}

#[test]
fn an_absolute_address_is_written_as_a_browser_writes_its_origin() {
    let db = parse("  HTTPS://Couch.Example:6984/couch/team/agency-smith  ").unwrap();
    assert_eq!(db.origin(), "https://couch.example:6984");
    assert_eq!(db.to_string(), "https://couch.example:6984/couch/team/agency-smith");
    assert!(!db.is_same_origin(PAGE));
    assert_eq!(parse("https://couch.example:443/a").unwrap().origin(), "https://couch.example");
}

#[test]
fn http_only_on_this_computer() {
    for local in ["http://localhost:5984/a", "http://127.0.0.1:5984/a", "http://[::1]:5984/a", "http://LOCALHOST/a"] {
        assert!(parse(local).is_ok(), "{local}");
    }
    assert_eq!(parse("http://localhost:80/a").unwrap().origin(), "http://localhost");
    let msg = problem("http://couch.example/agency-smith");
    assert!(msg.contains("couch.example unencrypted") && msg.contains("https://"), "{msg}");
    // A page served over plain http elsewhere cannot sync with its own path either.
    let from_http = DatabaseUrl::parse("/couch/a", "http://agency.example").unwrap_err();
    assert_eq!(from_http, UrlProblem::Insecure("agency.example".into()));
    assert!(DatabaseUrl::parse("/couch/a", "http://127.0.0.1:8080").is_ok());
}

#[test]
fn passwords_queries_and_fragments_are_refused() {
    for with_password in
        ["https://alice:pw@couch.example/a", "https://alice@couch.example/a", "https://a:p/w@x.example/a"]
    {
        assert_eq!(parse(with_password).unwrap_err(), UrlProblem::Credentials, "{with_password}");
    }
    assert!(problem("https://alice:pw@couch.example/a").contains("user name and password"));
    assert_eq!(parse("https://couch.example/a?x=1").unwrap_err(), UrlProblem::Query);
    assert_eq!(parse("/couch/a#top").unwrap_err(), UrlProblem::Fragment);
    assert!(problem("/couch/a?x").contains("?"));
    assert!(problem("/couch/a#x").contains("#"));
}

#[test]
fn what_is_not_an_address_says_how_to_write_one() {
    assert_eq!(parse("   ").unwrap_err(), UrlProblem::Empty);
    for text in ["couch.example/agency-smith", "ftp://couch.example/a", "//couch.example/a", "/couch/a b"] {
        assert!(matches!(parse(text), Err(UrlProblem::NotAnAddress(_))), "{text}");
    }
    assert!(problem("couch.example/a").contains("start it with https://"));
    assert!(matches!(parse("https://bad_host/a"), Err(UrlProblem::BadHost(_))));
    assert!(matches!(parse("https:///a"), Err(UrlProblem::BadHost(_))));
    assert!(matches!(parse("https://[zz]/a"), Err(UrlProblem::BadHost(_))));
    assert_eq!(parse("https://couch.example:99999/a").unwrap_err(), UrlProblem::BadPort("99999".into()));
    assert_eq!(parse("https://couch.example:0/a").unwrap_err(), UrlProblem::BadPort("0".into()));
    assert!(problem("https://couch.example:x/a").contains("\"x\" is not a port number"));
    assert!(matches!(DatabaseUrl::parse("/couch/a", "null"), Err(UrlProblem::PageOrigin(_))));
}

#[test]
fn the_database_name_follows_couchdbs_rule() {
    for good in ["a", "agency-smith", "a0_$()+-", "team/smith"] {
        let typed = good.replace('/', "%2F");
        let db = parse(&format!("/couch/{typed}")).unwrap();
        assert_eq!(db.name(), good);
        assert_eq!(parse(&db.to_string()).unwrap(), db, "the address reads back as itself");
    }
    assert_eq!(parse("/couch/team%2Fsmith").unwrap().to_string(), "https://agency.example/couch/team%2Fsmith");
    assert_eq!(parse("https://couch.example").unwrap_err(), UrlProblem::NoDatabase);
    assert_eq!(parse("https://couch.example/").unwrap_err(), UrlProblem::NoDatabase);
    assert!(problem("/").contains("names no database"));
    let cases = [
        ("/couch/Agency", "lower case"),
        ("/couch/_users", "start with a lower-case letter"),
        ("/couch/1team", "start with a lower-case letter"),
        ("/couch/agency.smith", "\".\" is not allowed"),
        ("/couch/agenc%C3%A9", "\"é\" is not allowed"),
    ];
    for (text, why) in cases {
        let msg = problem(text);
        assert!(msg.contains("cannot be a CouchDB database's name") && msg.contains(why), "{text}: {msg}");
    }
    let long = format!("/couch/a{}", "b".repeat(238));
    assert!(problem(&long).contains("longer than 238"));
    assert!(parse(&format!("/couch/a{}", "b".repeat(237))).is_ok());
}

#[test]
fn another_origin_only_when_the_build_allows_it() {
    let db = parse("https://couch.example/agency-smith").unwrap();
    assert!(db.check_allowed(PAGE, &["https://other.example", " https://COUCH.example/ "]).is_ok());
    assert!(parse("/couch/a").unwrap().check_allowed(PAGE, &[]).is_ok());
    let refused = db.check_allowed(PAGE, &["https://other.example", "not an origin"]).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "This build of the app may only sync with https://agency.example, https://other.example; \
         ask whoever hosts it to rebuild with SYNC_ORIGINS=https://other.example,https://couch.example."
    );
    let port = parse("https://agency.example:8443/a").unwrap();
    assert!(port.check_allowed(PAGE, &[]).is_err(), "another port is another origin");
}

#[test]
fn the_builds_list_has_no_blanks() {
    assert!(allowed_origins().iter().all(|o| !o.is_empty() && o.trim() == *o));
}

//! A CouchDB database's address, as typed into the app and checked.
//!
//! Accepted: a path on the app's own host (`/couch/agency-smith`, the
//! recommended setup behind the same web server) or an absolute
//! `https://` URL; `http://` only on this computer (`localhost`,
//! `127.0.0.1`, `[::1]`), because Basic auth sends the password with every
//! request. Refused: a user name or password inside the address, a query
//! string, a fragment, and a database name CouchDB would not accept. The
//! database's name is the address's last path segment (`%2F` in it stands
//! for a `/` of the name); what comes before is where CouchDB is mounted.
//!
//! ```
//! use agency_desk::domain::sync::couch::DatabaseUrl;
//! let db = DatabaseUrl::parse("https://Couch.Example:443/agency-smith/", "https://agency.example").unwrap();
//! assert_eq!(db.to_string(), "https://couch.example/agency-smith");
//! assert_eq!(db.name(), "agency-smith");
//! assert!(!db.is_same_origin("https://agency.example"));
//!
//! let wrong = DatabaseUrl::parse("http://couch.example/agency-smith", "https://agency.example");
//! assert!(wrong.unwrap_err().to_string().contains("https://"));
//! ```

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use std::fmt;

/// The longest database name CouchDB accepts.
const MAX_NAME: usize = 238;

/// The other origins this build may sync with, besides the page's own:
/// `SYNC_ORIGINS` when the app was compiled, comma-separated (empty unless
/// set).
pub const SYNC_ORIGINS: &str = match option_env!("SYNC_ORIGINS") {
    Some(origins) => origins,
    None => "",
};

/// [`SYNC_ORIGINS`] as a list, blanks left out.
///
/// ```
/// // A build without SYNC_ORIGINS syncs with its own site only.
/// let origins = agency_desk::domain::sync::couch::allowed_origins();
/// assert!(origins.iter().all(|o| !o.is_empty()));
/// ```
pub fn allowed_origins() -> Vec<&'static str> {
    SYNC_ORIGINS.split(',').map(str::trim).filter(|o| !o.is_empty()).collect()
}

/// Characters written as `%XX` in a path segment: all but letters, digits
/// and `-_.~`.
pub(super) const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// A database's address, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseUrl {
    /// `https://host[:port]`, lower case, without a default port.
    origin: String,
    /// Where CouchDB is mounted on that origin: `""` or `/couch`, never
    /// ending in `/`, as typed.
    mount: String,
    /// The database's name, decoded.
    name: String,
}

/// What is wrong with an address, said for the person who typed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    Empty,
    /// Neither `https://…`, `http://…` nor a path starting with `/`.
    NotAnAddress(String),
    /// `http://` to another computer.
    Insecure(String),
    Credentials,
    Query,
    Fragment,
    BadHost(String),
    BadPort(String),
    NoDatabase,
    /// The name as typed, and why CouchDB refuses it.
    BadName {
        name: String,
        why: String,
    },
    /// The page itself has no http(s) origin (opened from a file).
    PageOrigin(String),
    /// Another origin than this build allows: the database's origin, the
    /// page's, and the other origins allowed.
    NotAllowed {
        origin: String,
        page: String,
        allowed: Vec<String>,
    },
}

impl fmt::Display for UrlProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const EXAMPLE: &str = "such as /couch/agency-smith or https://couch.example/agency-smith";
        match self {
            UrlProblem::Empty => write!(f, "Enter the database's address, {EXAMPLE}."),
            UrlProblem::NotAnAddress(text) => {
                write!(f, "\"{text}\" is not an address: start it with https:// or with / for this site, {EXAMPLE}.")
            }
            UrlProblem::Insecure(host) => write!(
                f,
                "http:// would send the password to {host} unencrypted: use https:// (http:// is accepted only for localhost)."
            ),
            UrlProblem::Credentials => write!(
                f,
                "Take the user name and password out of the address (the part before @): the app asks for them separately and never keeps a password in an address."
            ),
            UrlProblem::Query => {
                write!(f, "Take the part from ? out of the address: it ends with the database's name.")
            }
            UrlProblem::Fragment => {
                write!(f, "Take the part from # out of the address: it ends with the database's name.")
            }
            UrlProblem::BadHost(host) => write!(f, "\"{host}\" is not a host name."),
            UrlProblem::BadPort(port) => write!(f, "\"{port}\" is not a port number (1 to 65535)."),
            UrlProblem::NoDatabase => {
                write!(f, "The address names no database: end it with the database's name, {EXAMPLE}.")
            }
            UrlProblem::BadName { name, why } => write!(f, "\"{name}\" cannot be a CouchDB database's name: {why}."),
            UrlProblem::PageOrigin(page) => {
                write!(f, "The app was opened from {page}, not from a web site, so it cannot sync.")
            }
            UrlProblem::NotAllowed { origin, page, allowed } => {
                write!(f, "This build of the app may only sync with {page}")?;
                for other in allowed {
                    write!(f, ", {other}")?;
                }
                let mut rebuild: Vec<&str> = allowed.iter().map(String::as_str).collect();
                rebuild.push(origin);
                write!(f, "; ask whoever hosts it to rebuild with SYNC_ORIGINS={}.", rebuild.join(","))
            }
        }
    }
}

impl std::error::Error for UrlProblem {}

impl DatabaseUrl {
    /// Reads an address typed by a person; `page_origin` is the app's own
    /// (`location.origin`), against which a path is read.
    pub fn parse(text: &str, page_origin: &str) -> Result<DatabaseUrl, UrlProblem> {
        let text = text.trim();
        if text.is_empty() {
            return Err(UrlProblem::Empty);
        }
        if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(UrlProblem::NotAnAddress(text.to_string()));
        }
        if text.contains('#') {
            return Err(UrlProblem::Fragment);
        }
        if text.contains('?') {
            return Err(UrlProblem::Query);
        }
        let (origin, path) = if text.starts_with('/') && !text.starts_with("//") {
            let page = parse_origin(page_origin).map_err(|e| match e {
                UrlProblem::Insecure(host) => UrlProblem::Insecure(host),
                _ => UrlProblem::PageOrigin(page_origin.to_string()),
            })?;
            (page, text)
        } else {
            let at = text.find("://").ok_or_else(|| UrlProblem::NotAnAddress(text.to_string()))?;
            // A password may hold `/`, so any `@` counts (a name never has one).
            if text.contains('@') {
                return Err(UrlProblem::Credentials);
            }
            let end = text[at + 3..].find('/').map_or(text.len(), |i| i + at + 3);
            (parse_origin(&text[..end])?, &text[end..])
        };
        let path = path.strip_suffix('/').unwrap_or(path);
        let (mount, segment) = path.rsplit_once('/').unwrap_or(("", path));
        if segment.is_empty() {
            return Err(UrlProblem::NoDatabase);
        }
        let name = percent_decode_str(segment).decode_utf8_lossy().into_owned();
        check_name(&name)?;
        Ok(DatabaseUrl { origin, mount: mount.to_string(), name })
    }

    /// `https://host[:port]`, as a browser writes an origin.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The server's root: the origin and where CouchDB is mounted on it
    /// (`https://agency.example/couch`), without a final `/`.
    pub fn server_root(&self) -> String {
        format!("{}{}", self.origin, self.mount)
    }

    /// Whether the database is on the page's own origin (then no CORS, and
    /// CouchDB's `AuthSession` cookie is a same-site cookie).
    pub fn is_same_origin(&self, page_origin: &str) -> bool {
        parse_origin(page_origin).is_ok_and(|page| page == self.origin)
    }

    /// Whether this build may sync with the database: its own origin
    /// always, another only when listed in `allowed` (the build's
    /// [`allowed_origins`]). The page's Content Security Policy lets
    /// `fetch` reach no other.
    ///
    /// ```
    /// use agency_desk::domain::sync::couch::DatabaseUrl;
    /// let db = DatabaseUrl::parse("https://couch.example/agency-smith", "https://agency.example").unwrap();
    /// assert!(db.check_allowed("https://agency.example", &["https://couch.example"]).is_ok());
    /// let refused = db.check_allowed("https://agency.example", &[]).unwrap_err();
    /// assert_eq!(
    ///     refused.to_string(),
    ///     "This build of the app may only sync with https://agency.example; \
    ///      ask whoever hosts it to rebuild with SYNC_ORIGINS=https://couch.example."
    /// );
    /// ```
    pub fn check_allowed(&self, page_origin: &str, allowed: &[&str]) -> Result<(), UrlProblem> {
        if self.is_same_origin(page_origin) {
            return Ok(());
        }
        let allowed: Vec<String> = allowed.iter().filter_map(|o| parse_origin(o.trim()).ok()).collect();
        if allowed.contains(&self.origin) {
            return Ok(());
        }
        let page = parse_origin(page_origin).unwrap_or_else(|_| page_origin.to_string());
        Err(UrlProblem::NotAllowed { origin: self.origin.clone(), page, allowed })
    }
}

/// The database's address: origin, mount and the name as a path segment.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}/{}", self.origin, self.mount, utf8_percent_encode(&self.name, SEGMENT))
    }
}

/// `scheme://host[:port]` (nothing after) → the origin as browsers write
/// it: lower case, default port left out.
fn parse_origin(text: &str) -> Result<String, UrlProblem> {
    let Some((scheme, authority)) = text.split_once("://") else {
        return Err(UrlProblem::NotAnAddress(text.to_string()));
    };
    let authority = authority.strip_suffix('/').unwrap_or(authority);
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => "443",
        "http" => "80",
        _ => return Err(UrlProblem::NotAnAddress(text.to_string())),
    };
    if authority.contains('@') {
        return Err(UrlProblem::Credentials);
    }
    let (host, port) = split_host_port(authority)?;
    let host = host.to_ascii_lowercase();
    if scheme == "http" && !["localhost", "127.0.0.1", "[::1]"].contains(&host.as_str()) {
        return Err(UrlProblem::Insecure(host));
    }
    match port {
        Some(port) if port != default_port => Ok(format!("{scheme}://{host}:{port}")),
        _ => Ok(format!("{scheme}://{host}")),
    }
}

/// `host`, `host:port`, `[v6]` or `[v6]:port`, each part checked.
fn split_host_port(authority: &str) -> Result<(&str, Option<&str>), UrlProblem> {
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']').ok_or_else(|| UrlProblem::BadHost(authority.to_string()))?;
        let (host, rest) = authority.split_at(close + 1);
        let inner = &host[1..host.len() - 1];
        if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') {
            return Err(UrlProblem::BadHost(host.to_string()));
        }
        match rest.strip_prefix(':') {
            Some(port) => (host, Some(port)),
            None if rest.is_empty() => (host, None),
            None => return Err(UrlProblem::BadHost(authority.to_string())),
        }
    } else {
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let label_ok = |l: &str| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !host.split('.').all(label_ok) {
            return Err(UrlProblem::BadHost(host.to_string()));
        }
        (host, port)
    };
    if let Some(port) = port
        && !port.parse::<u16>().is_ok_and(|p| p > 0)
    {
        return Err(UrlProblem::BadPort(port.to_string()));
    }
    Ok((host, port))
}

/// CouchDB's rule: `^[a-z][a-z0-9_$()+/-]*$`, at most 238 characters.
fn check_name(name: &str) -> Result<(), UrlProblem> {
    let refuse = |why: String| Err(UrlProblem::BadName { name: name.to_string(), why });
    let Some(first) = name.chars().next() else { return Err(UrlProblem::NoDatabase) };
    if name.chars().count() > MAX_NAME {
        return refuse(format!("it is longer than {MAX_NAME} characters"));
    }
    if name.chars().any(|c| c.is_ascii_uppercase()) {
        return refuse("database names are lower case".to_string());
    }
    if !first.is_ascii_lowercase() {
        return refuse("it must start with a lower-case letter".to_string());
    }
    if let Some(bad) = name.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+/-".contains(*c)))
    {
        return refuse(format!("\"{bad}\" is not allowed (only lower-case letters, digits and _ $ ( ) + - /)"));
    }
    Ok(())
}

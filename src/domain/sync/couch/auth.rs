//! The `Authorization` header of Basic auth, built in memory.
//!
//! The password goes into this header only: never into a URL, a log line
//! or anything stored. The browser's `btoa` takes Latin-1 only, so the
//! Base64 is done here, over the UTF-8 bytes as CouchDB reads them.
//!
//! ```
//! use agency_desk::domain::sync::couch::auth::basic_auth;
//! assert_eq!(basic_auth("alice", "pw").unwrap(), "Basic YWxpY2U6cHc=");
//! assert!(basic_auth("a:b", "pw").is_err());
//! ```

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `Basic <base64 of name:password>`; a name holding `:` cannot be sent
/// (the first `:` separates the password), nor an empty one.
pub fn basic_auth(name: &str, password: &str) -> Result<String, &'static str> {
    if name.is_empty() {
        return Err("Enter the user name.");
    }
    if name.contains(':') {
        return Err("A user name cannot contain \":\".");
    }
    Ok(format!("Basic {}", base64(format!("{name}:{password}").as_bytes())))
}

/// Standard Base64 with `=` padding.
fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard_vectors() {
        // RFC 4648, section 10.
        let cases = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg==")];
        for (plain, coded) in cases {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64(b"fooba"), "Zm9vYmE=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn a_password_with_accents_is_sent_as_utf8() {
        // The UTF-8 bytes of "josé:ñ/:@", as CouchDB decodes them.
        assert_eq!(basic_auth("josé", "ñ/:@").unwrap(), "Basic am9zw6k6w7EvOkA=");
        assert!(basic_auth("", "pw").is_err());
    }
}

//! What the store takes from the browser: the clock, random ids, and the
//! few values this browser remembers between visits.

use chrono::NaiveDate;
use leptos::prelude::*;

/// The values this browser remembers between visits (its `localStorage`,
/// shared by its tabs); each is a convenience, never part of the book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Remembered {
    /// The workspace a new tab opens (`main` or `demo`).
    Workspace,
    /// Who is working on the renewal board (recorded on ticks).
    RenewalUser,
    /// The trainer signing checklist items in this browser.
    Signer,
    /// The team sync password, when the user asked this browser to
    /// remember it (anyone using this browser profile can then sync as them).
    SyncPassword,
}

impl Remembered {
    /// The storage key; these are kept as earlier builds wrote them.
    fn key(self) -> &'static str {
        match self {
            Remembered::Workspace => "agency-desk.workspace",
            Remembered::RenewalUser => "agency-desk-user",
            Remembered::Signer => "agency-desk-trainer",
            Remembered::SyncPassword => "agency-desk.sync-password",
        }
    }

    /// The remembered value, if any (blank counts as none).
    pub fn get(self) -> Option<String> {
        window()
            .local_storage()
            .ok()
            .flatten()
            .and_then(|s| s.get_item(self.key()).ok().flatten())
            .filter(|v| !v.trim().is_empty())
    }

    /// Remembers `value` (trimmed). A browser that refuses (private mode,
    /// storage off) simply does not remember; nothing else depends on it.
    pub fn set(self, value: &str) {
        if let Ok(Some(s)) = window().local_storage() {
            let _ = s.set_item(self.key(), value.trim());
        }
    }
}

/// The current time as an RFC 3339 stamp, for `updated_at` fields.
pub fn now_stamp() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

/// "14:05" in the browser's time zone for an RFC 3339 stamp.
pub fn local_time(stamp: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(stamp));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// "2026-12-05 14:05" in the browser's time zone for an RFC 3339 stamp
/// (the stamp itself when it is not one).
pub fn local_date_time(stamp: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(stamp));
    if date.get_time().is_nan() {
        return stamp.to_string();
    }
    format!("{}-{:02}-{:02} {}", date.get_full_year(), date.get_month() + 1, date.get_date(), local_time(stamp))
}

/// A new record id: a random 64-bit prefix drawn once per page from the
/// browser's cryptographic generator, then a counter. Ids never repeat
/// within a page; two pages share a prefix with odds of 1 in 2^64. An
/// import of 10,000 policies makes 15,000 ids, so this avoids a call into
/// the browser per id.
pub fn new_id() -> String {
    use std::cell::Cell;
    thread_local! {
        static PREFIX: u64 = {
            let mut bytes = [0u8; 8];
            let filled = window().crypto().and_then(|c| c.get_random_values_with_u8_array(&mut bytes)).is_ok();
            if filled { u64::from_le_bytes(bytes) } else { (js_sys::Math::random() * u64::MAX as f64) as u64 }
        };
        static COUNTER: Cell<u64> = const { Cell::new(0) };
    }
    let n = COUNTER.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    PREFIX.with(|p| format!("{p:016x}-{n:x}"))
}

/// Today in the browser's time zone.
pub fn browser_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

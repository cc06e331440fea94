//! The backup file: one versioned JSON document holding a whole workspace.
//!
//! ```json
//! { "format": "agency-desk-backup", "schema_version": 2, "app_version": "0.1.0",
//!   "exported_at": "2026-11-22T10:00:00Z", "checksum": "sha256:…", "data": { … } }
//! ```
//! The checksum is the SHA-256 of the `data` text exactly as written
//! (compact JSON), so any edit to the data is caught on restore. Files
//! written before version 0.2 hashed `data` re-serialized with sorted keys;
//! those are still accepted.

use super::advisor::AdvisorAnswers;
use super::book::{AgencyProfile, Book};
use super::profitability::analysis::ProfitSettings;
use super::renewals::board::{LeadTimes, RenewalRecord};
use super::renewals::plan::ServicePlan;
use super::roles::library::RoleLibrary;
use super::roles::trainee::Trainee;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub const FORMAT_NAME: &str = "agency-desk-backup";

/// Everything a workspace holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BackupData {
    pub agency_name: String,
    #[serde(default)]
    pub profile: AgencyProfile,
    pub book: Book,
    /// Profitability inputs, when the agency has saved its own.
    #[serde(default)]
    pub profitability: Option<ProfitSettings>,
    /// People in training (none in files of earlier versions).
    #[serde(default)]
    pub trainees: Vec<Trainee>,
    /// Renewal records: ticked items, notes, outcomes.
    #[serde(default)]
    pub renewals: Vec<RenewalRecord>,
    /// Renewal lead times, when the agency set its own.
    #[serde(default)]
    pub renewal_leads: Option<LeadTimes>,
    /// The agency's edited Client Service Plan, if it has one.
    #[serde(default)]
    pub service_plan: Option<ServicePlan>,
    /// The agency's edited role library, if it has one.
    #[serde(default)]
    pub role_library: Option<RoleLibrary>,
    /// The service-model questionnaire's saved answers, if any.
    #[serde(default)]
    pub advisor: Option<AdvisorAnswers>,
    /// When renewal tracking began (absent in files of earlier versions).
    #[serde(default)]
    pub tracking_start: Option<chrono::NaiveDate>,
    /// The agency's plans and their assignments, when it edited them
    /// (files of earlier versions have `service_plan` only).
    #[serde(default)]
    pub service_plans: Option<crate::domain::renewals::plans::PlanSet>,
}

#[derive(Serialize, Deserialize)]
struct Envelope<'a> {
    format: String,
    schema_version: u32,
    app_version: String,
    exported_at: String,
    /// The workspace it was exported from (`main`, `demo`); absent in
    /// files of earlier versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    workspace: Option<String>,
    checksum: String,
    #[serde(borrow)]
    data: &'a serde_json::value::RawValue,
}

/// A checked backup, ready to restore.
#[derive(Clone, Debug, PartialEq)]
pub struct Restorable {
    pub schema_version: u32,
    pub app_version: String,
    pub exported_at: String,
    /// The workspace it was exported from, when the file says.
    pub workspace: Option<String>,
    pub data: BackupData,
}

fn checksum(text: &str) -> String {
    format!("sha256:{:x}", Sha256::digest(text.as_bytes()))
}

/// How files of earlier versions were hashed: `data` re-serialized with
/// sorted keys (serde_json's `Value` keeps object keys sorted).
fn legacy_checksum(data: &serde_json::value::RawValue) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(data.get()).ok()?;
    Some(checksum(&serde_json::to_string(&value).ok()?))
}

/// Writes a backup file's text for a backup of workspace `workspace`.
pub fn write(data: &BackupData, workspace: &str, schema_version: u32, app_version: &str, exported_at: &str) -> String {
    let mut writing = Writing::new(data, workspace, schema_version, app_version, exported_at);
    while !writing.step(usize::MAX) {}
    writing.finish().concat()
}

/// A backup file written a few records at a time ([`Writing::step`]), so
/// that a page can give the browser its turns while a book of 100,000
/// accounts is written out; the file is the one [`write`] gives, in
/// pieces ([`Writing::finish`]). The book's accounts and policies are
/// written one by one into the data text, and the checksum is worked out
/// as the text grows.
///
/// ```
/// use agency_desk::domain::backup::{write, BackupData, Writing};
/// let data = BackupData { agency_name: "Harbor Insurance".into(), ..Default::default() };
/// let mut writing = Writing::new(&data, "main", 8, "0.1.0", "2026-12-07T10:00:00Z");
/// while !writing.step(100) {}
/// assert_eq!(writing.finish().concat(), write(&data, "main", 8, "0.1.0", "2026-12-07T10:00:00Z"));
/// ```
pub struct Writing<'a> {
    data: &'a BackupData,
    /// The data text after the book's policies.
    tail: String,
    /// The envelope's fields, the checksum left to fill in.
    envelope: Envelope<'static>,
    /// Accounts, then policies, written so far.
    accounts: usize,
    policies: usize,
    /// Whether the policies' list has begun.
    in_policies: bool,
    hash: Sha256,
    /// The data text so far, in pieces.
    parts: Vec<String>,
}

/// Where the book sits in the data text: written with an empty book, the
/// data holds this once (a key in quotes cannot occur inside a string,
/// whose quotes are escaped).
const EMPTY_BOOK: &str = r#""book":{"accounts":[],"policies":[]}"#;
/// The envelope's closing, after its data.
const ENVELOPE_END: &str = "\n}";
/// The data text of the envelope written before the data is known.
const NO_DATA: &str = "null";

impl<'a> Writing<'a> {
    pub fn new(
        data: &'a BackupData,
        workspace: &str,
        schema_version: u32,
        app_version: &str,
        exported_at: &str,
    ) -> Writing<'a> {
        // Every field but the book, which is written a record at a time.
        let without_book = BackupData {
            agency_name: data.agency_name.clone(),
            profile: data.profile.clone(),
            book: Book::default(),
            profitability: data.profitability.clone(),
            trainees: data.trainees.clone(),
            renewals: data.renewals.clone(),
            renewal_leads: data.renewal_leads.clone(),
            service_plan: data.service_plan.clone(),
            role_library: data.role_library.clone(),
            advisor: data.advisor.clone(),
            tracking_start: data.tracking_start,
            service_plans: data.service_plans.clone(),
        };
        let text = serde_json::to_string(&without_book).unwrap_or_else(|_| "null".into());
        let at = text.find(EMPTY_BOOK).expect("the data text holds its book");
        let head = format!("{}{}", &text[..at], r#""book":{"accounts":["#);
        let tail = format!("]}}{}", &text[at + EMPTY_BOOK.len()..]);
        let mut writing = Writing {
            data,
            tail,
            envelope: Envelope {
                format: FORMAT_NAME.into(),
                schema_version,
                app_version: app_version.into(),
                exported_at: exported_at.into(),
                workspace: Some(workspace.into()),
                checksum: String::new(),
                data: no_data(),
            },
            accounts: 0,
            policies: 0,
            in_policies: false,
            hash: Sha256::new(),
            parts: Vec::new(),
        };
        writing.push(head);
        writing
    }

    /// Writes up to `records` more accounts or policies; true once the
    /// whole data text is written.
    pub fn step(&mut self, records: usize) -> bool {
        let book = &self.data.book;
        let mut piece = String::new();
        let mut left = records;
        write_list(&mut piece, &book.accounts, &mut self.accounts, &mut left);
        if left > 0 && !self.in_policies {
            piece.push_str(r#"],"policies":["#);
            self.in_policies = true;
        }
        write_list(&mut piece, &book.policies, &mut self.policies, &mut left);
        let done = left > 0;
        if !piece.is_empty() {
            self.push(piece);
        }
        done
    }

    /// The file's text in pieces, in order: call once [`Writing::step`]
    /// said the data is written.
    pub fn finish(mut self) -> Vec<String> {
        let tail = std::mem::take(&mut self.tail);
        self.push(tail);
        self.envelope.checksum = format!("sha256:{:x}", self.hash.finalize());
        let head = serde_json::to_string_pretty(&self.envelope).unwrap_or_default();
        let open = head.strip_suffix(&format!("{NO_DATA}{ENVELOPE_END}")).unwrap_or(&head).to_string();
        let mut parts = Vec::with_capacity(self.parts.len() + 2);
        parts.push(open);
        parts.append(&mut self.parts);
        parts.push(ENVELOPE_END.to_string());
        parts
    }

    fn push(&mut self, piece: String) {
        self.hash.update(piece.as_bytes());
        self.parts.push(piece);
    }
}

/// Writes up to `left` more records of `list` into `piece` as they stand
/// in the list's compact JSON text (comma before each but the first),
/// from record `written` on; counts both.
fn write_list<T: Serialize>(piece: &mut String, list: &[T], written: &mut usize, left: &mut usize) {
    while *left > 0 && *written < list.len() {
        if *written > 0 {
            piece.push(',');
        }
        piece.push_str(&serde_json::to_string(&list[*written]).unwrap_or_else(|_| "null".into()));
        *written += 1;
        *left -= 1;
    }
}

/// The raw JSON `null`, standing for the data while the envelope is written.
fn no_data() -> &'static serde_json::value::RawValue {
    static NULL: std::sync::OnceLock<Box<serde_json::value::RawValue>> = std::sync::OnceLock::new();
    NULL.get_or_init(|| serde_json::value::RawValue::from_string(NO_DATA.into()).expect("null is JSON"))
}

/// Reads and fully checks a backup file: its format, that its schema is not
/// newer than this app's, its checksum, and that every record is whole.
pub fn read(text: &str, current_schema: u32) -> Result<Restorable, String> {
    let envelope: Envelope = serde_json::from_str(text)
        .map_err(|e| format!("This is not an AgencyDesk backup file (it could not be read as one: {e})."))?;
    if envelope.format != FORMAT_NAME {
        return Err(format!("This is not an AgencyDesk backup file (its format is \"{}\").", envelope.format));
    }
    if envelope.schema_version > current_schema {
        return Err(format!(
            "This backup comes from a newer version of AgencyDesk ({}, data version {}); this app understands data version {} and older. Update the app, then restore.",
            envelope.app_version, envelope.schema_version, current_schema
        ));
    }
    if checksum(envelope.data.get()) != envelope.checksum
        && legacy_checksum(envelope.data) != Some(envelope.checksum.clone())
    {
        return Err("This backup file has been changed or damaged since it was exported (its checksum does not match); nothing was restored.".into());
    }
    let data: BackupData = serde_json::from_str(envelope.data.get())
        .map_err(|e| format!("The backup's data is incomplete or damaged: {e}; nothing was restored."))?;
    check_references(&data.book)?;
    let mut trainee_ids = std::collections::HashSet::new();
    if let Some(t) = data.trainees.iter().find(|t| !trainee_ids.insert(t.id.as_str())) {
        return Err(format!("The backup lists trainee id {} twice; nothing was restored.", t.id));
    }
    Ok(Restorable {
        schema_version: envelope.schema_version,
        app_version: envelope.app_version,
        exported_at: envelope.exported_at,
        workspace: envelope.workspace,
        data,
    })
}

/// Whether a backup holds the demo agency rather than an agency's own data.
pub fn is_demo(backup: &Restorable) -> bool {
    backup.workspace.as_deref() == Some(DEMO_WORKSPACE) || backup.data.agency_name == DEMO_AGENCY_NAME
}

/// The workspace id of the demo agency.
pub const DEMO_WORKSPACE: &str = "demo";

/// The made-up agency of the demo workspace.
pub const DEMO_AGENCY_NAME: &str = "Riverbend Insurance (demo)";

/// What the person must know before restoring `backup` into workspace
/// `target` (`main` or `demo`) now named `target_name` (empty: never
/// named): the demo's data over real data, or another agency's backup.
/// None when the backup is plainly this workspace's own.
pub fn restore_warning(backup: &Restorable, target: &str, target_name: &str) -> Option<String> {
    let incoming = backup.data.agency_name.trim();
    if is_demo(backup) && target != DEMO_WORKSPACE {
        return Some(format!(
            "This is a backup of the demo agency ({}), not of your agency's data. Restoring it replaces your real accounts, policies and settings with the demo's.",
            if incoming.is_empty() { DEMO_AGENCY_NAME } else { incoming }
        ));
    }
    let target_name = target_name.trim();
    if !incoming.is_empty() && !target_name.is_empty() && !incoming.eq_ignore_ascii_case(target_name) {
        return Some(format!(
            "This backup is of “{incoming}”, but this workspace is “{target_name}”. Restoring it replaces this workspace's data with the other agency's."
        ));
    }
    None
}

/// The agency name the workspace keeps after restoring `backup`: its own
/// when the backup is the demo's or another agency's (see
/// [`restore_warning`]), the backup's otherwise.
pub fn name_after_restore(backup: &Restorable, target: &str, target_name: &str) -> String {
    if restore_warning(backup, target, target_name).is_some() {
        target_name.to_string()
    } else {
        backup.data.agency_name.clone()
    }
}

fn check_references(book: &Book) -> Result<(), String> {
    let mut ids = std::collections::HashSet::new();
    for a in &book.accounts {
        if !ids.insert(a.id.as_str()) {
            return Err(format!("The backup lists account id {} twice; nothing was restored.", a.id));
        }
    }
    let mut policy_ids = std::collections::HashSet::new();
    for p in &book.policies {
        if !policy_ids.insert(p.id.as_str()) {
            return Err(format!("The backup lists policy id {} twice; nothing was restored.", p.id));
        }
        if !ids.contains(p.account_id.as_str()) {
            return Err(format!(
                "Policy {} in the backup belongs to an account that is not in it; nothing was restored.",
                if p.policy_number.is_empty() { &p.id } else { &p.policy_number }
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::book::{Account, Department, Policy};

    fn sample() -> BackupData {
        let mut book = Book::default();
        book.accounts.push(Account::new("a1", "Harbor \"Bakery\" ☕", Department::Cl));
        let mut p = Policy::new("p1", "a1");
        p.commission = 12_345;
        p.expiration = chrono::NaiveDate::from_ymd_opt(2027, 2, 28);
        book.policies.push(p);
        BackupData {
            agency_name: "Lakeside".into(),
            profile: AgencyProfile::default(),
            book,
            profitability: Some(ProfitSettings::default()),
            trainees: Vec::new(),
            renewals: Vec::new(),
            renewal_leads: None,
            service_plan: None,
            role_library: None,
            advisor: None,
            tracking_start: None,
            service_plans: None,
        }
    }

    /// The file as it was written before it was written in pieces: the
    /// data text whole, then the envelope around it.
    fn written_whole(data: &BackupData, exported_at: &str) -> String {
        let raw = serde_json::value::to_raw_value(data).unwrap();
        let envelope = Envelope {
            format: FORMAT_NAME.into(),
            schema_version: 8,
            app_version: "0.1.0".into(),
            exported_at: exported_at.into(),
            workspace: Some("main".into()),
            checksum: checksum(raw.get()),
            data: &raw,
        };
        serde_json::to_string_pretty(&envelope).unwrap()
    }

    /// Written a few records at a time, the file is byte for byte the one
    /// written in one go, whatever the size of the steps, for a book with
    /// and without policies, and for no book at all.
    #[test]
    fn written_in_steps_the_file_is_the_same() {
        let mut big = sample();
        big.trainees.push(crate::domain::roles::trainee::Trainee {
            id: "t1".into(),
            name: "Ann \"Lee\"".into(),
            role: "Client Manager".into(),
            start_date: chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            trainer: "Elena".into(),
            revision: 1,
            updated_at: String::new(),
            progress: Default::default(),
        });
        for i in 0..50 {
            big.book.accounts.push(Account::new(
                &format!("a{i:03}"),
                &format!("Client {i} \"book\":{{}}"),
                Department::Pl,
            ));
            big.book.policies.push(Policy::new(&format!("p{i:03}"), &format!("a{i:03}")));
        }
        let mut no_policies = big.clone();
        no_policies.book.policies.clear();
        let empty = BackupData { agency_name: "Empty".into(), ..Default::default() };
        for data in [sample(), big, no_policies, empty] {
            let whole = written_whole(&data, "2026-12-07T10:00:00Z");
            for records in [1, 2, 7, 50, 51, 1_000] {
                let mut writing = Writing::new(&data, "main", 8, "0.1.0", "2026-12-07T10:00:00Z");
                let mut steps = 0;
                while !writing.step(records) {
                    steps += 1;
                    assert!(steps <= 200, "the writing ends");
                }
                assert_eq!(writing.finish().concat(), whole, "{records} records a step");
            }
            assert_eq!(write(&data, "main", 8, "0.1.0", "2026-12-07T10:00:00Z"), whole);
            assert!(read(&whole, 8).is_ok());
        }
    }

    #[test]
    fn round_trip_is_identical() {
        let text = write(&sample(), "main", 2, "0.1.0", "2026-11-22T00:00:00Z");
        let back = read(&text, 2).unwrap();
        assert_eq!(back.data, sample());
        assert_eq!(back.schema_version, 2);
    }

    #[test]
    fn an_edited_file_is_refused() {
        let text = write(&sample(), "main", 2, "0.1.0", "t").replace("12345", "99999");
        assert!(read(&text, 2).unwrap_err().contains("checksum"));
    }

    #[test]
    fn files_of_earlier_versions_still_restore() {
        // Earlier versions hashed `data` re-serialized with sorted keys and
        // wrote it pretty-printed.
        let value = serde_json::to_value(sample()).unwrap();
        let sum = format!("sha256:{:x}", Sha256::digest(serde_json::to_string(&value).unwrap().as_bytes()));
        let text = serde_json::to_string_pretty(&serde_json::json!({
            "format": FORMAT_NAME, "schema_version": 2, "app_version": "0.1.0",
            "exported_at": "2026-11-01T00:00:00Z", "checksum": sum, "data": value,
        }))
        .unwrap();
        assert_eq!(read(&text, 3).unwrap().data, sample());
        let edited = text.replace("12345", "12346");
        assert!(read(&edited, 3).unwrap_err().contains("checksum"));
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let text = write(&sample(), "main", 3, "0.9.0", "t");
        let err = read(&text, 2).unwrap_err();
        assert!(err.contains("newer") && err.contains("0.9.0"), "{err}");
    }

    #[test]
    fn other_files_are_refused_with_a_reason() {
        assert!(read("hello", 2).unwrap_err().contains("not an AgencyDesk backup"));
        assert!(
            read(r#"{"format":"x","schema_version":1,"app_version":"","exported_at":"","checksum":"","data":{}}"#, 2)
                .unwrap_err()
                .contains("\"x\"")
        );
    }

    #[test]
    fn orphan_policies_are_refused() {
        let mut data = sample();
        data.book.policies[0].account_id = "nobody".into();
        let text = write(&data, "main", 2, "0.1.0", "t");
        assert!(read(&text, 2).unwrap_err().contains("not in it"));
    }

    #[test]
    fn a_demo_or_another_agencys_backup_is_flagged_and_the_workspace_keeps_its_name() {
        let own = read(&write(&sample(), "main", 2, "0.1.0", "t"), 2).unwrap();
        assert_eq!(own.workspace.as_deref(), Some("main"));
        assert_eq!(restore_warning(&own, "main", "Lakeside"), None);
        assert_eq!(restore_warning(&own, "main", ""), None);
        assert_eq!(name_after_restore(&own, "main", ""), "Lakeside");

        let other = restore_warning(&own, "main", "Hilltop Insurance").unwrap();
        assert!(other.contains("Lakeside") && other.contains("Hilltop Insurance"), "{other}");
        assert_eq!(name_after_restore(&own, "main", "Hilltop Insurance"), "Hilltop Insurance");

        let mut demo_data = sample();
        demo_data.agency_name = crate::domain::demo::DEMO_AGENCY_NAME.into();
        let demo = read(&write(&demo_data, "demo", 2, "0.1.0", "t"), 2).unwrap();
        assert!(is_demo(&demo));
        assert!(restore_warning(&demo, "main", "").unwrap().contains("demo agency"));
        assert_eq!(name_after_restore(&demo, "main", "Hilltop Insurance"), "Hilltop Insurance");
        assert_eq!(name_after_restore(&demo, "main", ""), "");
        // The demo's own backup back into the demo workspace is not flagged.
        assert_eq!(restore_warning(&demo, "demo", crate::domain::demo::DEMO_AGENCY_NAME), None);
    }

    #[test]
    fn files_without_a_workspace_are_still_read_and_a_demo_is_known_by_its_name() {
        let mut demo_data = sample();
        demo_data.agency_name = crate::domain::demo::DEMO_AGENCY_NAME.into();
        let text = write(&demo_data, "demo", 2, "0.1.0", "t").replace("  \"workspace\": \"demo\",\n", "");
        assert!(!text.contains("workspace"), "{text}");
        let r = read(&text, 2).unwrap();
        assert_eq!(r.workspace, None);
        assert!(is_demo(&r));
    }
}

/// Whole days from an RFC 3339 stamp's date to `today` (None if unreadable).
pub fn days_since(stamp: &str, today: chrono::NaiveDate) -> Option<i64> {
    let date = chrono::DateTime::parse_from_rfc3339(stamp).ok()?.date_naive();
    Some((today - date).num_days())
}

/// "Last backup 3 days ago" for Settings.
pub fn last_backup_text(last_backup: Option<&str>, today: chrono::NaiveDate) -> String {
    match last_backup.and_then(|s| days_since(s, today)) {
        None => "No backup has been exported from this workspace yet.".into(),
        Some(d) if d <= 0 => "Last backup today.".into(),
        Some(1) => "Last backup 1 day ago.".into(),
        Some(d) => format!("Last backup {d} days ago."),
    }
}

/// A reminder when the book changed since the last backup and that backup
/// (or, with none, the first unsaved change) is 14 or more days old.
pub fn backup_reminder(
    last_backup: Option<&str>,
    last_change: Option<&str>,
    today: chrono::NaiveDate,
) -> Option<String> {
    let change = last_change?;
    match last_backup {
        Some(b) if b >= change => None,
        Some(b) => {
            let age = days_since(b, today)?;
            (age >= 14).then(|| {
                format!(
                    "Your last backup is {age} days old and the book has changed since. Export a backup in Settings."
                )
            })
        }
        None => {
            let age = days_since(change, today)?;
            (age >= 14).then(|| "This book has never been backed up. Export a backup in Settings.".to_string())
        }
    }
}

#[cfg(test)]
mod reminder_tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reminders_follow_the_fourteen_day_rule() {
        let today = d(2026, 11, 22);
        let old = "2026-11-08T09:00:00.000Z";
        let recent = "2026-11-20T09:00:00.000Z";
        assert!(backup_reminder(Some(old), Some(recent), today).unwrap().contains("14 days"));
        assert_eq!(backup_reminder(Some("2026-11-09T09:00:00.000Z"), Some(recent), today), None, "13 days is fine");
        assert_eq!(backup_reminder(Some(recent), Some(old), today), None, "no change since the backup");
        assert_eq!(backup_reminder(None, None, today), None, "nothing to back up");
        assert!(backup_reminder(None, Some(old), today).unwrap().contains("never"));
        assert_eq!(backup_reminder(None, Some(recent), today), None);
        assert_eq!(last_backup_text(Some(old), today), "Last backup 14 days ago.");
        assert_eq!(last_backup_text(None, today), "No backup has been exported from this workspace yet.");
    }
}

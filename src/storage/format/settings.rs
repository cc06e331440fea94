//! The settings store's records: which settings there are, the type of
//! each one's value, and how a setting is encoded as a stored record.
//!
//! A setting is declared once, as a [`Setting<T>`] constant: its key, how
//! it is named to the person using the app, and (by its type) the type of
//! its value, so no caller chooses the type when reading one.

use crate::domain::advisor::AdvisorAnswers;
use crate::domain::book::AgencyProfile;
use crate::domain::profitability::analysis::ProfitSettings;
use crate::domain::renewals::board::LeadTimes;
use crate::domain::renewals::plan::ServicePlan;
use crate::domain::renewals::plans::PlanSet;
use crate::domain::roles::library::RoleLibrary;
use crate::storage::StorageError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize, de::DeserializeOwned};
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

/// A setting whose value is a `T`, stored under `key`.
pub struct Setting<T> {
    pub key: &'static str,
    /// How the setting is named to the person using the app ("The agency
    /// name"), in messages about it.
    pub label: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T> Setting<T> {
    /// A setting stored under `key`, named `label` in messages.
    pub const fn new(key: &'static str, label: &'static str) -> Self {
        Setting { key, label, value: PhantomData }
    }
}

impl<T> Clone for Setting<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Setting<T> {}

impl<T> fmt::Debug for Setting<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Setting({})", self.key)
    }
}

/// How a setting not named otherwise is called in messages.
const THIS_SETTING: &str = "This setting";

/// The agency's (workspace's) display name.
pub const AGENCY_NAME: Setting<String> = Setting::new("agency_name", "The agency name");
/// The as-of date saved in Settings (absent means "today").
pub const AS_OF_DATE: Setting<NaiveDate> = Setting::new("as_of_date", THIS_SETTING);
/// Departments and staff.
pub const PROFILE: Setting<AgencyProfile> = Setting::new("profile", "The departments and staff");
/// The profitability inputs.
pub const PROFITABILITY: Setting<ProfitSettings> = Setting::new("profitability", "The profitability baseline");
/// When the book last changed (RFC 3339).
pub const LAST_CHANGE_AT: Setting<String> = Setting::new("last_change_at", THIS_SETTING);
/// Renewal lead times.
pub const RENEWAL_LEADS: Setting<LeadTimes> = Setting::new("renewal_leads", "The renewal lead times");
/// The agency's edited Client Service Plan of an earlier version (absent:
/// the original).
pub const SERVICE_PLAN: Setting<ServicePlan> = Setting::new("service_plan", "The Client Service Plan");
/// The agency's plans and their assignments (absent: the plans that come
/// with the app, or [`SERVICE_PLAN`] of an earlier version).
pub const SERVICE_PLANS: Setting<PlanSet> = Setting::new("service_plans", "The Client Service Plans");
/// The agency's edited role library (absent: the original).
pub const ROLE_LIBRARY: Setting<RoleLibrary> = Setting::new("role_library", "The role library");
/// The service-model questionnaire's answers.
pub const ADVISOR: Setting<AdvisorAnswers> = Setting::new("advisor", "The service-model answers");
/// When renewal tracking began ([`crate::domain::renewals::board::Tracking`]):
/// set by the first import, editable in Settings and on the board.
pub const TRACKING_START: Setting<NaiveDate> = Setting::new("tracking_start", "The tracking start");
/// When the last backup was exported (RFC 3339).
pub const LAST_BACKUP_AT: Setting<String> = Setting::new("last_backup_at", THIS_SETTING);
/// The data format the records are in (absent: [`super::steps::BASE_FORMAT`]);
/// see [`super::steps`].
pub const DATA_VERSION: Setting<u32> = Setting::new("data_version", THIS_SETTING);

/// The database a workspace syncs with. Absent: the workspace is not
/// synced, and no write queues anything.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncLink {
    /// The database's address (`https://host/couch/agency-smith`, or a
    /// path on the app's own host).
    pub url: String,
    /// The CouchDB user who connected this browser.
    pub user: String,
    /// When this browser connected (RFC 3339).
    pub connected_at: String,
}

/// The team database this workspace syncs with.
pub const SYNC_LINK: Setting<SyncLink> = Setting::new("sync_link", "The team sync settings");
/// The last `_changes` sequence applied here: pulling resumes after it.
pub const SYNC_CHECKPOINT: Setting<String> = Setting::new("sync_checkpoint", "The sync checkpoint");

/// Every key in use, for the test that no two settings share one.
pub const KEYS: &[&str] = &[
    AGENCY_NAME.key,
    AS_OF_DATE.key,
    PROFILE.key,
    PROFITABILITY.key,
    LAST_CHANGE_AT.key,
    RENEWAL_LEADS.key,
    SERVICE_PLAN.key,
    SERVICE_PLANS.key,
    ROLE_LIBRARY.key,
    ADVISOR.key,
    TRACKING_START.key,
    LAST_BACKUP_AT.key,
    DATA_VERSION.key,
    SYNC_LINK.key,
    SYNC_CHECKPOINT.key,
];

/// A setting as stored: `{"key": …, "value": …}`, keyed by `key` in the
/// settings store. The one encoding every write and read uses.
#[derive(Debug, Serialize, Deserialize)]
pub struct Record<K, V> {
    pub key: K,
    pub value: V,
}

impl<T> Setting<T> {
    /// The stored record of this setting with `value`.
    pub fn record(self, value: &T) -> Record<&'static str, &T> {
        Record { key: self.key, value }
    }

    /// The error for a stored value that is not a `T`.
    pub fn unreadable(self, why: impl fmt::Display) -> StorageError {
        StorageError::new(&format!("read the saved setting \"{}\"", self.key), why)
    }
}

impl<T: DeserializeOwned> Setting<T> {
    /// This setting's value out of its stored record's `value`.
    pub fn decode(self, value: serde_json::Value) -> Result<T, StorageError> {
        serde_json::from_value(value).map_err(|e| self.unreadable(e))
    }
}

/// Every setting of a workspace, read at once (one transaction instead of
/// one per setting when a page loads).
#[derive(Debug, Default)]
pub struct Snapshot {
    values: HashMap<String, serde_json::Value>,
}

impl Snapshot {
    /// The snapshot of the stored `records`.
    pub fn of(records: impl IntoIterator<Item = Record<String, serde_json::Value>>) -> Self {
        Snapshot { values: records.into_iter().map(|r| (r.key, r.value)).collect() }
    }

    /// A setting of the snapshot; `Ok(None)` when it was never saved.
    pub fn get<T: DeserializeOwned>(&self, setting: Setting<T>) -> Result<Option<T>, StorageError> {
        self.values.get(setting.key).map(|v| setting.decode(v.clone())).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_two_settings_share_a_key() {
        let unique: HashSet<_> = KEYS.iter().collect();
        assert_eq!(unique.len(), KEYS.len());
    }

    #[test]
    fn a_setting_is_stored_as_key_and_value() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let text = serde_json::to_string(&TRACKING_START.record(&date)).unwrap();
        assert_eq!(text, r#"{"key":"tracking_start","value":"2026-11-22"}"#);
        let back: Record<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
        let snapshot = Snapshot::of([back]);
        assert_eq!(snapshot.get(TRACKING_START).unwrap(), Some(date));
        assert_eq!(snapshot.get(AGENCY_NAME).unwrap(), None);
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_naming_the_key() {
        let snapshot = Snapshot::of([Record { key: AS_OF_DATE.key.to_string(), value: serde_json::json!(12) }]);
        let err = snapshot.get(AS_OF_DATE).unwrap_err();
        assert!(err.to_string().contains("\"as_of_date\""), "{err}");
    }

    #[test]
    fn settings_are_named_for_people() {
        assert_eq!(AGENCY_NAME.label, "The agency name");
        assert_eq!(SERVICE_PLANS.label, "The Client Service Plans");
        assert_eq!(LAST_BACKUP_AT.label, "This setting");
    }
}

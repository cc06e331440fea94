//! The settings the storage declares and the settings the sync shares
//! cannot drift apart: every key is either in one group document or kept
//! in its browser, never both, and the sync names no key the storage does
//! not have.
#![cfg(not(target_arch = "wasm32"))]

use agency_desk::domain::sync::docs::{LOCAL_ONLY, SettingsGroup, group_of, is_local_only};
use agency_desk::storage::format::settings::KEYS;

#[test]
fn every_setting_is_either_shared_in_a_group_or_local() {
    for key in KEYS {
        let shared = group_of(key).is_some();
        assert!(shared != is_local_only(key), "setting \"{key}\": shared {shared}, local {}", is_local_only(key));
    }
}

#[test]
fn the_sync_names_only_settings_that_exist() {
    let grouped = SettingsGroup::ALL.iter().flat_map(|g| g.keys());
    for key in grouped.chain(LOCAL_ONLY) {
        assert!(KEYS.contains(key), "the sync names \"{key}\", which is no setting");
    }
}

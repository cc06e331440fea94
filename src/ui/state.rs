//! The app's store, provided once through context.
//!
//! Pages read the workspace through read-only signals ([`AppState::book`],
//! [`AppState::trainees`], …) and change it only through the store's
//! actions (`actions.rs`, `setting_actions.rs`, `backup.rs`), which own the
//! database handle, spawn the write, put what was saved into the signals,
//! tell other tabs and hand the caller its outcome. Loading and the targeted
//! refreshes after a refused write are in `load.rs`; notices, the update
//! and reload banners in [`Session`].

mod actions;
mod backup;
mod browser;
mod load;
mod session;
mod setting_actions;
mod team_sync;

pub use backup::ListedCopy;
pub use browser::{Remembered, browser_today, local_date_time, local_time, new_id, now_stamp};
pub use session::Session;
pub use team_sync::{Connection, Joining, SyncState};

use crate::domain::advisor::AdvisorAnswers;
use crate::domain::as_of::{self, AsOf};
use crate::domain::book::{AgencyProfile, Book};
use crate::domain::profitability::analysis::ProfitSettings;
use crate::domain::renewals::board::{LeadTimes, RenewalRecord};
use crate::domain::renewals::plans::PlanSet;
use crate::domain::roles::library::RoleLibrary;
use crate::domain::roles::trainee::Trainee;
use crate::routes::Route;
use crate::storage::format::sync::SyncLink;
use chrono::NaiveDate;
use leptos::prelude::*;
use rexie::Rexie;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

/// The agency's own workspace.
pub const MAIN_WORKSPACE: &str = "main";
/// The demo agency's workspace (its own database).
pub const DEMO_WORKSPACE: &str = crate::domain::backup::DEMO_WORKSPACE;
/// What the app says while the browser has closed the database under it.
pub const LOST_CONNECTION: &str = "Nothing was changed: the browser closed this workspace's saved data after a write failed (the disk or this site's storage may be full). Free space on this computer, then reload the page. If the browser could not keep this site's data, restore your latest backup in Settings.";
/// The name shown until the agency sets its own.
pub const DEFAULT_AGENCY_NAME: &str = "My agency";

/// The store. Cheap to copy; every field is a handle.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The page shown (the address after `#`); navigation sets it.
    pub route: RwSignal<Route>,
    pub as_of: ReadSignal<AsOf>,
    /// The as-of date saved in Settings (None: follow today).
    pub saved_as_of: ReadSignal<Option<NaiveDate>>,
    pub workspace_name: ReadSignal<String>,
    /// `main` or `demo`.
    pub workspace_id: ReadSignal<String>,
    /// The active workspace's accounts and policies.
    pub book: ReadSignal<Arc<Book>>,
    /// Departments and staff.
    pub profile: ReadSignal<AgencyProfile>,
    /// Saved profitability inputs (the what-if baseline).
    pub profit: ReadSignal<ProfitSettings>,
    /// People in training.
    pub trainees: ReadSignal<Vec<Trainee>>,
    /// What the team recorded per renewal, by renewal id.
    pub renewals: ReadSignal<Arc<HashMap<String, RenewalRecord>>>,
    /// Renewal lead times (department and account overrides).
    pub leads: ReadSignal<LeadTimes>,
    /// When renewal tracking began (None: not set; every milestone counts).
    pub tracking: ReadSignal<Option<NaiveDate>>,
    /// The agency's Client Service Plans and which tiers follow which.
    pub plans: ReadSignal<PlanSet>,
    /// The role library in force (the agency's edit, or the original).
    pub library: ReadSignal<RoleLibrary>,
    /// The service-model questionnaire's saved answers.
    pub advisor: ReadSignal<AdvisorAnswers>,
    /// When the book last changed and was last backed up (RFC 3339).
    pub last_change_at: ReadSignal<Option<String>>,
    pub last_backup_at: ReadSignal<Option<String>>,
    /// The team database this workspace syncs with (None: not synced).
    pub sync_link: ReadSignal<Option<SyncLink>>,
    /// This tab's notices, banners and save stamp.
    pub session: Session,
    /// The write halves of the workspace signals: the store's alone.
    set: Writers,
    db: StoredValue<Option<Rc<Rexie>>, LocalStorage>,
}

/// The write half of each workspace signal of [`AppState`].
#[derive(Clone, Copy)]
struct Writers {
    as_of: WriteSignal<AsOf>,
    saved_as_of: WriteSignal<Option<NaiveDate>>,
    workspace_name: WriteSignal<String>,
    workspace_id: WriteSignal<String>,
    book: WriteSignal<Arc<Book>>,
    profile: WriteSignal<AgencyProfile>,
    profit: WriteSignal<ProfitSettings>,
    trainees: WriteSignal<Vec<Trainee>>,
    renewals: WriteSignal<Arc<HashMap<String, RenewalRecord>>>,
    leads: WriteSignal<LeadTimes>,
    tracking: WriteSignal<Option<NaiveDate>>,
    plans: WriteSignal<PlanSet>,
    library: WriteSignal<RoleLibrary>,
    advisor: WriteSignal<AdvisorAnswers>,
    last_change_at: WriteSignal<Option<String>>,
    last_backup_at: WriteSignal<Option<String>>,
    sync_link: WriteSignal<Option<SyncLink>>,
}

impl AppState {
    /// Builds the store from the current address; storage is opened by [`AppState::load`].
    pub fn new() -> Self {
        let location = window().location();
        let search = location.search().unwrap_or_default();
        let route = Route::parse(&location.hash().unwrap_or_default());
        let resolved = as_of::resolve(link_as_of(&search).as_deref(), None, browser_today());
        let workspace =
            Remembered::Workspace.get().filter(|w| w == DEMO_WORKSPACE).unwrap_or_else(|| MAIN_WORKSPACE.to_string());
        let (as_of, set_as_of) = signal(resolved.as_of);
        let (saved_as_of, set_saved_as_of) = signal(None);
        let (workspace_name, set_workspace_name) = signal(DEFAULT_AGENCY_NAME.to_string());
        let (workspace_id, set_workspace_id) = signal(workspace);
        let (book, set_book) = signal(Arc::new(Book::default()));
        let (profile, set_profile) = signal(AgencyProfile::default());
        let (profit, set_profit) = signal(ProfitSettings::default());
        let (trainees, set_trainees) = signal(Vec::new());
        let (renewals, set_renewals) = signal(Arc::new(HashMap::new()));
        let (leads, set_leads) = signal(LeadTimes::default());
        let (tracking, set_tracking) = signal(None);
        let (plans, set_plans) = signal(PlanSet::original());
        let (library, set_library) = signal(RoleLibrary::original());
        let (advisor, set_advisor) = signal(AdvisorAnswers::default());
        let (last_change_at, set_last_change_at) = signal(None);
        let (last_backup_at, set_last_backup_at) = signal(None);
        let (sync_link, set_sync_link) = signal(None);
        let state = AppState {
            route: RwSignal::new(route),
            as_of,
            saved_as_of,
            workspace_name,
            workspace_id,
            book,
            profile,
            profit,
            trainees,
            renewals,
            leads,
            tracking,
            plans,
            library,
            advisor,
            last_change_at,
            last_backup_at,
            sync_link,
            session: Session::new(),
            set: Writers {
                as_of: set_as_of,
                saved_as_of: set_saved_as_of,
                workspace_name: set_workspace_name,
                workspace_id: set_workspace_id,
                book: set_book,
                profile: set_profile,
                profit: set_profit,
                trainees: set_trainees,
                renewals: set_renewals,
                leads: set_leads,
                tracking: set_tracking,
                plans: set_plans,
                library: set_library,
                advisor: set_advisor,
                last_change_at: set_last_change_at,
                last_backup_at: set_last_backup_at,
                sync_link: set_sync_link,
            },
            db: StoredValue::new_local(None),
        };
        if let Some(w) = resolved.warning {
            state.warn(w);
        }
        state
    }

    /// Recomputes the as-of date from the address, the saved setting and today.
    pub fn refresh_as_of(&self) {
        let search = window().location().search().unwrap_or_default();
        let link = link_as_of(&search);
        let resolved = as_of::resolve(link.as_deref(), self.saved_as_of.get_untracked(), browser_today());
        // Set only when it changed: every page change comes here, and what
        // is worked out from the date (the board shared by the Dashboard
        // and the Renewals page) would otherwise be worked out again.
        if self.as_of.get_untracked() != resolved.as_of {
            self.set.as_of.set(resolved.as_of);
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The link's as-of value: the `?asof=` query parameter of the page address.
fn link_as_of(search: &str) -> Option<String> {
    as_of::query_value(search, "asof")
}

/// The store from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

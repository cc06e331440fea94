//! App-wide state, provided once through context.

use crate::domain::advisor::AdvisorAnswers;
use crate::domain::as_of::{self, AsOf};
use crate::domain::book::{AgencyProfile, Book};
use crate::domain::changes::{self, ChangeSet};
use crate::domain::profitability::analysis::ProfitSettings;
use crate::domain::renewals::board::{LeadTimes, RenewalRecord};
use crate::domain::renewals::plan::ServicePlan;
use crate::domain::renewals::plans::PlanSet;
use crate::domain::roles::library::RoleLibrary;
use crate::domain::roles::trainee::Trainee;
use crate::routes::Route;
use crate::storage::settings::{self, Setting};
use crate::storage::{StorageError, workspace as workspace_store};
use chrono::NaiveDate;
use leptos::prelude::*;
use rexie::Rexie;
use std::collections::HashMap;
use std::rc::Rc;

/// The agency's own workspace.
pub const MAIN_WORKSPACE: &str = "main";
/// The demo agency's workspace (its own database).
pub const DEMO_WORKSPACE: &str = crate::domain::backup::DEMO_WORKSPACE;
/// Where the active workspace is remembered (per browser, shared by tabs).
const WORKSPACE_KEY: &str = "agency-desk.workspace";
/// What the app says while the browser has closed the database under it.
pub const LOST_CONNECTION: &str = "Nothing was changed: the browser closed this workspace's saved data after a write failed (the disk or this site's storage may be full). Free space on this computer, then reload the page. If the browser could not keep this site's data, restore your latest backup in Settings.";
/// The name shown until the agency sets its own.
pub const DEFAULT_AGENCY_NAME: &str = "My agency";

/// A message for the user shown in the header area until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// Signals shared by every page. Cheap to copy.
#[derive(Clone, Copy)]
pub struct AppState {
    pub route: RwSignal<Route>,
    pub as_of: RwSignal<AsOf>,
    /// The as-of date saved in Settings (None: follow today).
    pub saved_as_of: RwSignal<Option<NaiveDate>>,
    pub workspace_name: RwSignal<String>,
    /// `main` or `demo`.
    pub workspace_id: RwSignal<String>,
    /// The active workspace's accounts and policies.
    pub book: RwSignal<Book>,
    /// Departments and staff.
    pub profile: RwSignal<AgencyProfile>,
    /// Saved profitability inputs (the what-if baseline).
    pub profit: RwSignal<ProfitSettings>,
    /// People in training.
    pub trainees: RwSignal<Vec<Trainee>>,
    /// What the team recorded per renewal, by renewal id.
    pub renewals: RwSignal<HashMap<String, RenewalRecord>>,
    /// Renewal lead times (department and account overrides).
    pub leads: RwSignal<LeadTimes>,
    /// When renewal tracking began (None: not set; every milestone counts).
    pub tracking: RwSignal<Option<NaiveDate>>,
    /// The agency's Client Service Plans and which tiers follow which.
    pub plans: RwSignal<PlanSet>,
    /// The role library in force (the agency's edit, or the original).
    pub library: RwSignal<RoleLibrary>,
    /// The service-model questionnaire's saved answers.
    pub advisor: RwSignal<AdvisorAnswers>,
    /// When this tab last saved something (shown as "Saved").
    pub saved_at: RwSignal<Option<String>>,
    /// When the book last changed and was last backed up (RFC 3339).
    pub last_change_at: RwSignal<Option<String>>,
    pub last_backup_at: RwSignal<Option<String>>,
    /// Set when another tab upgraded the database: this tab must reload.
    pub needs_reload: RwSignal<bool>,
    pub notice: RwSignal<Option<Notice>>,
    /// A new version of the app is installed and waiting for a reload.
    pub update_ready: RwSignal<bool>,
    /// True once the workspace database is open and settings are loaded.
    pub loaded: RwSignal<bool>,
    /// Set once the browser has closed the database under this tab (a
    /// write failed on a full disk): nothing more can be saved until a reload.
    pub connection_lost: RwSignal<bool>,
    db: StoredValue<Option<Rc<Rexie>>, LocalStorage>,
}

impl AppState {
    /// Builds the state from the current address; storage is opened by [`AppState::load`].
    pub fn new() -> Self {
        let location = window().location();
        let hash = location.hash().unwrap_or_default();
        let search = location.search().unwrap_or_default();
        let route = Route::parse(&hash);
        let resolved = as_of::resolve(link_as_of(&search).as_deref(), None, browser_today());
        let state = AppState {
            route: RwSignal::new(route),
            as_of: RwSignal::new(resolved.as_of),
            saved_as_of: RwSignal::new(None),
            workspace_name: RwSignal::new(DEFAULT_AGENCY_NAME.to_string()),
            workspace_id: RwSignal::new(stored_workspace()),
            book: RwSignal::new(Book::default()),
            profile: RwSignal::new(AgencyProfile::default()),
            profit: RwSignal::new(ProfitSettings::default()),
            trainees: RwSignal::new(Vec::new()),
            renewals: RwSignal::new(HashMap::new()),
            leads: RwSignal::new(LeadTimes::default()),
            tracking: RwSignal::new(None),
            plans: RwSignal::new(PlanSet::original()),
            library: RwSignal::new(RoleLibrary::original()),
            advisor: RwSignal::new(AdvisorAnswers::default()),
            saved_at: RwSignal::new(None),
            last_change_at: RwSignal::new(None),
            last_backup_at: RwSignal::new(None),
            needs_reload: RwSignal::new(false),
            notice: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            loaded: RwSignal::new(false),
            connection_lost: RwSignal::new(false),
            db: StoredValue::new_local(None),
        };
        if let Some(w) = resolved.warning {
            state.warn(w);
        }
        state
    }

    /// (Re)builds the demo agency in the demo workspace's own database.
    pub async fn build_demo(self) {
        if self.workspace_id.get_untracked() != DEMO_WORKSPACE {
            self.error("The demo can only be rebuilt while the demo workspace is open.");
            return;
        }
        let data = crate::domain::demo::demo_agency(self.as_of.get_untracked().date);
        let result = match self.db() {
            Ok(db) => workspace_store::replace_all(&db, &data, None, &now_stamp()).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => self.after_write().await,
            Err(e) => self.error(e),
        }
    }

    /// Opens the active workspace's database and loads its settings and book.
    pub async fn load(self) {
        let workspace = self.workspace_id.get_untracked();
        self.close_db();
        match workspace_store::open_and_load(&workspace).await {
            Ok((db, loaded)) => {
                self.db.set_value(Some(Rc::new(db)));
                super::sync::watch_version_change(
                    &workspace,
                    move || {
                        self.close_db();
                        self.needs_reload.set(true);
                    },
                    move || self.lost_connection(),
                );
                if workspace == DEMO_WORKSPACE && loaded.book.accounts.is_empty() {
                    // Builds the demo, then reads it back.
                    self.build_demo().await;
                } else {
                    self.show(loaded);
                }
            }
            Err(e) => self.error(e),
        }
        self.loaded.set(true);
    }

    /// The browser closed the database under this tab (it does so after a
    /// write fails on a full disk, and will not open it again in this
    /// page): every later save is refused with [`LOST_CONNECTION`] and a
    /// banner asks for a reload once there is room.
    pub fn lost_connection(self) {
        self.connection_lost.set(true);
        self.close_db();
    }

    /// Re-reads settings and the book (after a write here or in another tab).
    pub async fn reload_from(self, db: &Rexie) {
        match workspace_store::load_workspace(db).await {
            Ok(w) => self.show(w),
            Err(e) => self.error(e),
        }
    }

    /// Puts what was read from the workspace into the app's state.
    fn show(self, workspace: workspace_store::Workspace) {
        let workspace_store::Workspace { settings: all, book, trainees, renewals } = workspace;
        let name = all.get::<String>(settings::AGENCY_NAME);
        let saved = all.get::<NaiveDate>(settings::AS_OF_DATE);
        let changed = all.get::<String>(settings::LAST_CHANGE_AT);
        let backed_up = all.get::<String>(settings::LAST_BACKUP_AT);
        match all.get::<AgencyProfile>(settings::PROFILE) {
            Ok(profile) => self.profile.set(profile.unwrap_or_default()),
            Err(e) => self.error(e),
        }
        self.trainees.set(trainees);
        self.renewals.set(renewals.into_iter().map(|r| (r.id.clone(), r)).collect());
        match all.get::<LeadTimes>(settings::RENEWAL_LEADS) {
            Ok(l) => self.leads.set(l.unwrap_or_default()),
            Err(e) => self.error(e),
        }
        match all.get::<NaiveDate>(settings::TRACKING_START) {
            Ok(t) => self.tracking.set(t),
            Err(e) => self.error(e),
        }
        // The plans; a workspace of an earlier version kept one edited plan.
        match (all.get::<PlanSet>(settings::SERVICE_PLANS), all.get::<ServicePlan>(settings::SERVICE_PLAN)) {
            (Ok(Some(mut set)), _) => {
                set.fill_keys();
                self.plans.set(set);
            }
            (Ok(None), Ok(Some(edited))) => self.plans.set(PlanSet::from_edited(edited)),
            (Ok(None), Ok(None)) => self.plans.set(PlanSet::original()),
            (Err(e), _) | (_, Err(e)) => self.error(e),
        }
        match all.get::<RoleLibrary>(settings::ROLE_LIBRARY) {
            Ok(l) => self.library.set(l.unwrap_or_else(RoleLibrary::original)),
            Err(e) => self.error(e),
        }
        match all.get::<AdvisorAnswers>(settings::ADVISOR) {
            Ok(a) => self.advisor.set(a.unwrap_or_default()),
            Err(e) => self.error(e),
        }
        match all.get::<ProfitSettings>(settings::PROFITABILITY) {
            Ok(p) => self.profit.set(p.unwrap_or_default()),
            Err(e) => self.error(e),
        }
        match (name, saved, changed, backed_up) {
            (Ok(name), Ok(saved), Ok(changed), Ok(backed_up)) => {
                self.workspace_name.set(name.unwrap_or_else(|| DEFAULT_AGENCY_NAME.to_string()));
                self.saved_as_of.set(saved);
                self.last_change_at.set(changed);
                self.last_backup_at.set(backed_up);
                self.book.set(book);
                self.refresh_as_of();
            }
            (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => self.error(e),
        }
    }

    /// Re-reads everything from the open database.
    pub async fn reload(self) {
        match self.db() {
            Ok(db) => self.reload_from(&db).await,
            Err(e) => self.error(e),
        }
    }

    /// Call after every successful write: reload here, tell other tabs.
    pub async fn after_write(self) {
        self.saved_at.set(Some(now_stamp()));
        self.reload().await;
        super::sync::announce_change(&self.workspace_id.get_untracked());
        super::sync::ask_persistence_once();
    }

    /// Saves a whole setting edited in a form, then reloads and reports the
    /// outcome in `message` (`ok` on success). `base` holds the version the
    /// form began from: when another tab saved a different one meanwhile,
    /// nothing is written, the message says so, and `base` becomes the newer
    /// version, so that saving again replaces it on purpose.
    pub fn save_setting<T: serde::Serialize + serde::de::DeserializeOwned + Clone + Send + Sync + 'static>(
        self,
        key: Setting<T>,
        base: RwSignal<T>,
        value: T,
        message: RwSignal<super::widgets::form_message::Message>,
        ok: &'static str,
    ) {
        let what = key.label;
        leptos::task::spawn_local(async move {
            let db = match self.db() {
                Ok(db) => db,
                Err(e) => return message.set(Some((true, format!("Not saved: {e}")))),
            };
            let saved = value.clone();
            let result =
                settings::change(&db, key, settings::replace_if_unchanged(base.get_untracked(), value, what)).await;
            match &result {
                Ok(_) => base.set(saved),
                Err(StorageError::Stale(_)) => {
                    if let Ok(Some(newer)) = settings::get(&db, key).await {
                        base.set(newer);
                    }
                }
                Err(_) => {}
            }
            self.report_setting(result.map(|_| ()), message, ok).await;
        });
    }

    /// Changes part of one setting: reads it, applies `change` and writes
    /// it back in one transaction, so the rest of it stays as saved (by this
    /// tab's other forms or by another tab), then reloads and reports like
    /// [`AppState::save_setting`].
    pub fn update_setting<T: serde::Serialize + serde::de::DeserializeOwned + Default + 'static>(
        self,
        key: Setting<T>,
        change: impl FnOnce(&mut T) + 'static,
        message: RwSignal<super::widgets::form_message::Message>,
        ok: &'static str,
    ) {
        self.change_setting(
            key,
            move |stored: Option<T>| {
                let mut value = stored.unwrap_or_default();
                change(&mut value);
                Ok(value)
            },
            message,
            ok,
        );
    }

    /// Like [`AppState::update_setting`], for a change that checks the
    /// stored setting first and may refuse (its message is shown, nothing
    /// is written).
    pub fn change_setting<T: serde::Serialize + serde::de::DeserializeOwned + 'static>(
        self,
        key: Setting<T>,
        change: impl FnOnce(Option<T>) -> Result<T, String> + 'static,
        message: RwSignal<super::widgets::form_message::Message>,
        ok: &'static str,
    ) {
        leptos::task::spawn_local(async move {
            let result = match self.db() {
                Ok(db) => settings::change(&db, key, |stored| change(stored).map_err(StorageError::plain))
                    .await
                    .map(|_: T| ()),
                Err(e) => Err(e),
            };
            self.report_setting(result, message, ok).await;
        });
    }

    /// After a setting's write: `ok` and a reload, or the storage error.
    async fn report_setting(
        self,
        result: Result<(), StorageError>,
        message: RwSignal<super::widgets::Message>,
        ok: &'static str,
    ) {
        match result {
            Ok(()) => {
                message.set(Some((false, ok.to_string())));
                self.after_write().await;
            }
            Err(e) => message.set(Some((true, format!("Not saved: {e}")))),
        }
    }

    /// Closes this tab's connection (another tab is upgrading the database).
    pub fn close_db(&self) {
        if let Some(db) = self.db.get_value() {
            self.db.set_value(None);
            if let Ok(db) = Rc::try_unwrap(db) {
                db.close();
            }
        }
    }

    /// Call after a book write that succeeded: applies the same changes to
    /// the book in memory (no reload), and tells other tabs.
    pub fn commit_local(self, changes: &ChangeSet, changed_at: &str) {
        self.book.update(|b| changes::apply(b, changes));
        self.saved_locally(changed_at);
    }

    /// Call after a write whose result this tab has already applied in
    /// memory: shows "Saved", records the change time, tells other tabs.
    pub fn saved_locally(self, changed_at: &str) {
        self.saved_at.set(Some(now_stamp()));
        self.last_change_at.set(Some(changed_at.to_string()));
        super::sync::announce_change(&self.workspace_id.get_untracked());
        super::sync::ask_persistence_once();
    }

    /// Switches to another workspace (remembered for new tabs).
    pub async fn switch_workspace(self, id: &str) {
        if let Ok(Some(storage)) = window().local_storage() {
            let _ = storage.set_item(WORKSPACE_KEY, id);
        }
        self.loaded.set(false);
        self.workspace_id.set(id.to_string());
        self.book.set(Book::default());
        self.trainees.set(Vec::new());
        self.renewals.set(HashMap::new());
        self.load().await;
    }

    /// The open workspace database, or a message saying why there is none.
    pub fn db(&self) -> Result<Rc<Rexie>, StorageError> {
        self.db.get_value().ok_or_else(|| {
            if self.connection_lost.get_untracked() {
                StorageError::refused_now(LOST_CONNECTION)
            } else {
                StorageError::plain(
                    "The workspace's saved data is not open yet (or could not be opened); reload the page.",
                )
            }
        })
    }

    /// Recomputes the as-of date from the address, the saved setting and today.
    pub fn refresh_as_of(&self) {
        let location = window().location();
        let search = location.search().unwrap_or_default();
        let link = link_as_of(&search);
        let resolved = as_of::resolve(link.as_deref(), self.saved_as_of.get_untracked(), browser_today());
        self.as_of.set(resolved.as_of);
    }

    pub fn error(&self, e: impl std::fmt::Display) {
        self.notice.set(Some(Notice { text: e.to_string(), is_error: true }));
    }

    pub fn warn(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice { text: text.into(), is_error: false }));
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

fn stored_workspace() -> String {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(WORKSPACE_KEY).ok().flatten())
        .filter(|w| w == DEMO_WORKSPACE)
        .unwrap_or_else(|| MAIN_WORKSPACE.to_string())
}

/// The current time as an RFC 3339 stamp, for `updated_at` fields.
pub fn now_stamp() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
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

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

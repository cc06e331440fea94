//! App-wide state, provided once through context.

use crate::domain::as_of::{self, AsOf};
use crate::routes::Route;
use crate::storage::{self, settings, StorageError};
use chrono::NaiveDate;
use leptos::prelude::*;
use rexie::Rexie;
use std::rc::Rc;

/// The workspace the app opens (the agency's own book).
pub const MAIN_WORKSPACE: &str = "main";
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
    pub notice: RwSignal<Option<Notice>>,
    /// A new version of the app is installed and waiting for a reload.
    pub update_ready: RwSignal<bool>,
    /// True once the workspace database is open and settings are loaded.
    pub loaded: RwSignal<bool>,
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
            notice: RwSignal::new(None),
            update_ready: RwSignal::new(false),
            loaded: RwSignal::new(false),
            db: StoredValue::new_local(None),
        };
        if let Some(w) = resolved.warning {
            state.warn(w);
        }
        state
    }

    /// Opens the workspace database and loads its settings.
    pub async fn load(self) {
        match storage::open_workspace(MAIN_WORKSPACE).await {
            Ok(db) => {
                let db = Rc::new(db);
                self.db.set_value(Some(db.clone()));
                match settings::get::<String>(&db, settings::AGENCY_NAME).await {
                    Ok(Some(name)) => self.workspace_name.set(name),
                    Ok(None) => {}
                    Err(e) => self.error(e),
                }
                match settings::get::<NaiveDate>(&db, settings::AS_OF_DATE).await {
                    Ok(saved) => {
                        self.saved_as_of.set(saved);
                        self.refresh_as_of();
                    }
                    Err(e) => self.error(e),
                }
            }
            Err(e) => self.error(e),
        }
        self.loaded.set(true);
    }

    /// The open workspace database, or a message saying why there is none.
    pub fn db(&self) -> Result<Rc<Rexie>, StorageError> {
        self.db.get_value().ok_or_else(|| StorageError {
            message: "The workspace's saved data is not open yet (or could not be opened); reload the page.".into(),
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

/// Today in the browser's time zone.
pub fn browser_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The app state from context.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

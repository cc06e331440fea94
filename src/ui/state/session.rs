//! What this tab shows about itself rather than about the workspace: the
//! notice under the header, "Saved", and the banners asking for a reload.

use super::AppState;
use leptos::prelude::*;

/// A message for the user shown in the header area until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// This tab's session: notices and banners. Cheap to copy.
#[derive(Clone, Copy)]
pub struct Session {
    /// The notice shown under the header (None: none, or dismissed).
    pub notice: RwSignal<Option<Notice>>,
    /// When this tab last saved something (shown as "Saved").
    pub saved_at: ReadSignal<Option<String>>,
    /// Set when another tab upgraded the database: this tab must reload.
    pub needs_reload: ReadSignal<bool>,
    /// Set once the browser has closed the database under this tab (a
    /// write failed on a full disk): nothing more can be saved until a reload.
    pub connection_lost: ReadSignal<bool>,
    /// A new version of the app is installed and waiting for a reload
    /// (set by the service worker's registration).
    pub update_ready: RwSignal<bool>,
    /// True once the workspace database is open and settings are loaded.
    pub loaded: ReadSignal<bool>,
    /// Team sync's state, shown in the header.
    pub sync: RwSignal<super::team_sync::SyncStatus>,
    /// Team sync's disagreements waiting for the user.
    pub conflicts: RwSignal<Vec<crate::storage::format::sync::OpenConflicts>>,
    pub(super) set_saved_at: WriteSignal<Option<String>>,
    pub(super) set_needs_reload: WriteSignal<bool>,
    pub(super) set_connection_lost: WriteSignal<bool>,
    pub(super) set_loaded: WriteSignal<bool>,
}

impl Session {
    pub(super) fn new() -> Self {
        let (saved_at, set_saved_at) = signal(None);
        let (needs_reload, set_needs_reload) = signal(false);
        let (connection_lost, set_connection_lost) = signal(false);
        let (loaded, set_loaded) = signal(false);
        Session {
            notice: RwSignal::new(None),
            saved_at,
            needs_reload,
            connection_lost,
            update_ready: RwSignal::new(false),
            loaded,
            sync: RwSignal::new(Default::default()),
            conflicts: RwSignal::new(Vec::new()),
            set_saved_at,
            set_needs_reload,
            set_connection_lost,
            set_loaded,
        }
    }
}

impl AppState {
    /// Shows an error under the header.
    pub fn error(&self, e: impl std::fmt::Display) {
        self.session.notice.set(Some(Notice { text: e.to_string(), is_error: true }));
    }

    /// Shows a warning under the header.
    pub fn warn(&self, text: impl Into<String>) {
        self.session.notice.set(Some(Notice { text: text.into(), is_error: false }));
    }

    /// After a write whose result is already in the signals: shows "Saved",
    /// records the change time, tells other tabs and asks the browser once
    /// to keep this site's data.
    pub(super) fn saved_locally(self, changed_at: &str) {
        self.session.set_saved_at.set(Some(super::now_stamp()));
        self.set.last_change_at.set(Some(changed_at.to_string()));
        crate::ui::sync::announce_change(&self.workspace_id.get_untracked());
        crate::ui::sync::ask_persistence_once();
        self.count_pending();
    }
}

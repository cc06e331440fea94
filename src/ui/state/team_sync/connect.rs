//! Connecting a workspace to its team database (and joining a team's
//! book when both have one), signing in again, and disconnecting.

use super::{PASSWORD, SyncState, SyncStatus, page_origin, stop_loop};
use crate::domain::sync::couch::{DatabaseUrl, allowed_origins};
use crate::storage::format::sync::{SYNC_LINK, SyncLink};
use crate::storage::settings;
use crate::storage::synced::{self, Start};
use crate::ui::state::{AppState, DEMO_WORKSPACE, Remembered, now_stamp};
use crate::ui::team_sync::couch::Couch;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How a workspace that has data joins a team database that has data too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Joining {
    /// Take the team's book; this browser's is kept as a safety copy.
    TakeTeams,
    /// Merge both books; every difference waits for the user's choice.
    Merge,
}

/// What connecting did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Connection {
    /// Connected; the words say what happens next.
    Connected(String),
    /// Nothing saved: both this browser and the team database (holding
    /// `team_documents` documents) have data, so the user chooses.
    AskHowToJoin { team_documents: u64 },
}

impl AppState {
    /// Connects this workspace to the team database at `url` as `user`.
    /// An empty database gets this workspace's data; a database with data
    /// is pulled into an empty workspace. When both have data, `join`
    /// says what to do; without it nothing is saved and the answer asks
    /// ([`Connection::AskHowToJoin`]). `remember` keeps the password in
    /// this browser's storage; otherwise it lives only in this tab.
    pub fn connect_sync(
        self,
        (url, user, password): (String, String, String),
        remember: bool,
        join: Option<Joining>,
        done: impl FnOnce(Result<Connection, String>) + 'static,
    ) {
        if self.workspace_id.get_untracked() == DEMO_WORKSPACE {
            return done(Err("The demo workspace never syncs: open your agency's workspace first.".into()));
        }
        let origin = page_origin();
        let address = match DatabaseUrl::parse(url.trim(), &origin)
            .and_then(|a| a.check_allowed(&origin, &allowed_origins()).map(|()| a))
        {
            Ok(a) => a,
            Err(e) => return done(Err(format!("Not connected: {e}"))),
        };
        let couch = match Couch::with_password(address, user.trim(), &password) {
            Ok(c) => c,
            Err(e) => return done(Err(format!("Not connected: {e}"))),
        };
        let was = self.session.sync.get_untracked();
        self.set_sync(SyncState::Connecting, 0, "Connecting…");
        spawn_local(async move {
            let outcome = self.join_team(couch, (url, user, password), remember, join).await;
            // Not connected (refused, or asking first): the header is as it was.
            if !matches!(outcome, Ok(Connection::Connected(_))) {
                self.session.sync.set(was);
            }
            done(outcome);
        });
    }

    /// The work of [`AppState::connect_sync`] once the address and the
    /// client are known: reads the database, saves the link as the two
    /// books' contents say (or asks), and starts syncing.
    async fn join_team(
        self,
        couch: Couch,
        (url, user, password): (String, String, String),
        remember: bool,
        join: Option<Joining>,
    ) -> Result<Connection, String> {
        let not_connected = |e: crate::storage::StorageError| format!("Not connected: {e}");
        let info = couch.info().await.map_err(|e| format!("Not connected: {e}"))?;
        let link = SyncLink { url: url.trim().to_string(), user: user.trim().to_string(), connected_at: now_stamp() };
        // Signing in again to the database this workspace syncs with:
        // its records, outbox and place in the changes stay as they are.
        if let Some(old) = self.sync_link.get_untracked().filter(|l| l.url == link.url) {
            let link = SyncLink { connected_at: old.connected_at, ..link };
            self.with_db(|db| async move { settings::put(&db, SYNC_LINK, &link).await })
                .await
                .map_err(not_connected)?;
            self.signed_in_with(couch, password, remember).await;
            return Ok(Connection::Connected("Signed in again: syncing resumes.".into()));
        }
        let has_data =
            self.book.with_untracked(|b| !b.accounts.is_empty()) || self.trainees.with_untracked(|t| !t.is_empty());
        let team_has_data = info.doc_count > 0;
        let join = match (team_has_data, has_data, join) {
            (true, true, None) => return Ok(Connection::AskHowToJoin { team_documents: info.doc_count }),
            (true, true, Some(j)) => Some(j),
            _ => None,
        };
        let copy = match join {
            Some(Joining::TakeTeams) => Some(
                self.joining_safety_copy(&link.connected_at)
                    .await
                    .map_err(|e| format!("Not connected: this browser's book could not be copied first ({e})."))?,
            ),
            _ => None,
        };
        self.with_db(|db| async move {
            let start = match (&copy, team_has_data && !has_data) {
                (Some((id, text)), _) => Start::TakeTeams { safety_copy: (id, text) },
                (None, true) => Start::Download,
                (None, false) => Start::Upload,
            };
            synced::connect(&db, &link, start).await
        })
        .await
        .map_err(not_connected)?;
        if join == Some(Joining::TakeTeams) {
            self.reload().await;
            crate::ui::sync::announce_change(&self.workspace_id.get_untracked());
        }
        self.signed_in_with(couch, password, remember).await;
        Ok(Connection::Connected(
            match (team_has_data, join) {
                (false, _) => "Connected. This workspace's data is being sent to the team database.",
                (true, None) => "Connected. The team's book is being brought into this browser.",
                (true, Some(Joining::TakeTeams)) => {
                    "Connected. The team's book is being brought into this browser; what was here before is kept under Settings → Safety copies."
                }
                (true, Some(Joining::Merge)) => {
                    "Connected. The team's book and this browser's are being merged; any difference is listed for you to choose."
                }
            }
            .into(),
        ))
    }

    /// After the link is saved: keeps the password (in this tab, and in
    /// the browser's storage when `remember`), signs in for a session
    /// cookie, reads the settings again and starts the loop.
    async fn signed_in_with(self, couch: Couch, password: String, remember: bool) {
        PASSWORD.with(|p| *p.borrow_mut() = Some(password.clone()));
        Remembered::SyncPassword.set(if remember { &password } else { "" });
        // A session cookie lets this tab resume after a reload without the
        // password; without one it asks again, so a refusal here changes
        // nothing else.
        let _ = couch.keep_session(&password, &page_origin()).await;
        self.reload_settings().await;
        self.start_sync(couch);
    }

    /// Stops syncing: the records stay, the sync's own records go.
    pub fn disconnect_sync(self, done: impl FnOnce(Result<(), String>) + 'static) {
        stop_loop();
        PASSWORD.with(|p| *p.borrow_mut() = None);
        Remembered::SyncPassword.set("");
        let origin = page_origin();
        let cookie = self.sync_link.get_untracked().and_then(|l| {
            DatabaseUrl::parse(&l.url, &origin).ok().and_then(|a| Couch::with_session_cookie(a, &l.user, &origin))
        });
        spawn_local(async move {
            // The session cookie goes too (if the server is away, it expires).
            if let Some(c) = cookie {
                let _ = c.end_session().await;
            }
            let result = self.with_db(|db| async move { synced::disconnect(&db).await }).await;
            if result.is_ok() {
                self.set_sync(SyncState::Off, 0, SyncStatus::default().message);
                self.session.conflicts.set(Vec::new());
                self.reload_settings().await;
            }
            done(result.map_err(|e| e.to_string()));
        });
    }
}

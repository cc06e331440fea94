//! The store's team sync: connecting, disconnecting, the loop of rounds,
//! the status the header shows, and settling a disagreement. One tab of a
//! browser runs the loop for a workspace (it holds the workspace's Web
//! Lock); the others write into the same outbox and follow its changes.

use super::{AppState, Remembered, now_stamp};
use crate::domain::sync::couch::DatabaseUrl;
use crate::domain::sync::docs::{DocId, Record};
use crate::domain::sync::merge::{Conflict, resolve};
use crate::storage::format::sync::{OpenConflicts, pending};
use crate::storage::synced;
use crate::ui::team_sync::couch::Couch;
use crate::ui::team_sync::engine::{RoundError, round};
use crate::ui::team_sync::lock;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::time::Duration;

mod connect;
pub use connect::{Connection, Joining};

thread_local! {
    /// The password of this session (never stored unless remembered).
    static PASSWORD: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Which loop is current: a loop whose number is no longer this one stops.
    static LOOP: Cell<u64> = const { Cell::new(0) };
}

/// How long a pull waits for the server to report a change.
const WAIT: Duration = Duration::from_millis(1_500);

/// Where sync stands, as the header shows it (`data-state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncState {
    Off,
    Connecting,
    Synced,
    Pending,
    Offline,
    Conflict,
    Error,
}

impl SyncState {
    /// The `data-state` value.
    pub fn as_str(self) -> &'static str {
        match self {
            SyncState::Off => "off",
            SyncState::Connecting => "connecting",
            SyncState::Synced => "synced",
            SyncState::Pending => "pending",
            SyncState::Offline => "offline",
            SyncState::Conflict => "conflict",
            SyncState::Error => "error",
        }
    }
}

/// Sync's status: its state, the documents not yet pushed, and words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyncStatus {
    pub state: SyncState,
    pub pending: usize,
    pub message: String,
}

impl Default for SyncStatus {
    fn default() -> Self {
        SyncStatus {
            state: SyncState::Off,
            pending: 0,
            message: "Not synced: this workspace stays in this browser.".into(),
        }
    }
}

/// Stops the running loop, if any (even numbers: none runs).
fn stop_loop() {
    LOOP.with(|l| l.set((l.get() | 1) + 1));
}

/// The page's own origin (`http://127.0.0.1:8080`).
fn page_origin() -> String {
    window().location().origin().unwrap_or_default()
}

impl AppState {
    fn set_sync(self, state: SyncState, pending: usize, message: impl Into<String>) {
        self.session.sync.set(SyncStatus { state, pending, message: message.into() });
    }

    /// After the workspace is read: resumes syncing if it is linked and
    /// the password is known (this tab's, or remembered); otherwise says
    /// a password is needed.
    pub(super) fn resume_sync(self) {
        let Some(link) = self.sync_link.get_untracked() else {
            stop_loop();
            return self.set_sync(SyncState::Off, 0, SyncStatus::default().message);
        };
        if LOOP.with(|l| l.get()) % 2 == 1 {
            return; // a loop is running
        }
        let password = PASSWORD.with(|p| p.borrow().clone()).or_else(|| Remembered::SyncPassword.get());
        let origin = page_origin();
        let Ok(address) = DatabaseUrl::parse(&link.url, &origin) else {
            return self.set_sync(
                SyncState::Error,
                0,
                format!("Sync is paused: the saved address {} cannot be used.", link.url),
            );
        };
        let asking = format!("Sync is paused: enter {}'s password in Settings → Team sync to resume.", link.user);
        let paused = move || self.set_sync(SyncState::Error, 0, asking);
        if let Some(c) = password.and_then(|pw| Couch::with_password(address.clone(), &link.user, &pw).ok()) {
            return self.start_sync(c);
        }
        // No password here: the session cookie of an earlier sign-in in
        // this browser may still be valid.
        let Some(cookie) = Couch::with_session_cookie(address, &link.user, &origin) else { return paused() };
        self.set_sync(SyncState::Connecting, 0, "Connecting…");
        let asked_at = LOOP.with(|l| l.get());
        spawn_local(async move {
            let answer = cookie.session().await;
            // A sign-in while the server answered started its own loop (or
            // a disconnect stopped everything): that one decides.
            if LOOP.with(|l| l.get()) != asked_at {
                return;
            }
            match answer {
                Ok(s) if s.user_ctx.name.as_deref() == Some(cookie.user()) => self.start_sync(cookie),
                _ => paused(),
            }
        });
    }

    /// Runs rounds until disconnected: push, pull (waiting briefly for
    /// changes), read the workspace again when something arrived; backs off
    /// while the server is away; stops on a refusal that needs the user.
    fn start_sync(self, couch: Couch) {
        // Odd numbers mark a running (or waiting) loop.
        let me = LOOP.with(|l| {
            let next = (l.get() | 1) + 2;
            l.set(next);
            next
        });
        let name = format!("agency-desk-sync-{}", self.workspace_id.get_untracked());
        let couch = std::rc::Rc::new(couch);
        let run = {
            let couch = couch.clone();
            move |release: Option<js_sys::Function>| {
                spawn_local(async move {
                    self.rounds(me, &couch).await;
                    if let Some(release) = release {
                        let _ = release.call0(&wasm_bindgen::JsValue::NULL);
                    }
                })
            }
        };
        let asked = lock::request(&name, move || {
            let (held, release) = lock::hold();
            run(Some(release));
            held
        });
        if asked {
            self.set_sync(
                SyncState::Connecting,
                0,
                "Connecting… (if another tab of this browser is syncing this workspace, this tab follows it and takes over when it closes)",
            );
        } else {
            spawn_local(async move { self.rounds(me, &couch).await });
        }
    }

    /// Runs rounds while loop `me` is current: push, pull (waiting briefly
    /// for changes), read the workspace again and tell the other tabs when
    /// something arrived; backs off while the server is away; stops on a
    /// refusal that needs the user.
    async fn rounds(self, me: u64, couch: &Couch) {
        let mut backoff = 1u64;
        let workspace = self.workspace_id.get_untracked();
        while LOOP.with(|l| l.get()) == me {
            let mut changed = Vec::new();
            let result = match self.db() {
                Ok(db) => {
                    let progress = move |n: usize| {
                        let pending = self.session.sync.get_untracked().pending;
                        self.set_sync(
                            SyncState::Connecting,
                            pending,
                            format!("Receiving the team's book: {n} records so far…"),
                        )
                    };
                    round(&db, couch, Some(WAIT), &now_stamp(), &progress, &mut changed).await
                }
                Err(e) => Err(RoundError::Storage(e)),
            };
            // What this round saved is shown even when it failed part way
            // (the server went away between pages) or the loop was replaced
            // meanwhile (signing in again): the next round pulls from after
            // it and would never show it. (Unless another workspace is open
            // now: this one is read afresh when it is opened again.)
            if !changed.is_empty() && self.workspace_id.get_untracked() == workspace {
                self.refresh_docs(&changed).await;
                crate::ui::sync::announce_change(&self.workspace_id.get_untracked());
            }
            if LOOP.with(|l| l.get()) != me {
                break;
            }
            match result {
                Ok(_) => {
                    backoff = 1;
                    self.show_sync_status().await;
                }
                Err(e) => {
                    let pending = self.session.sync.get_untracked().pending;
                    if e.is_temporary() {
                        self.set_sync(
                            SyncState::Offline,
                            pending,
                            format!(
                                "Offline: changes are kept here and sent when the team database answers again. ({e})"
                            ),
                        );
                        gloo_timers::future::sleep(Duration::from_secs(backoff)).await;
                        backoff = (backoff * 2).min(30);
                    } else if e.needs_sign_in() {
                        self.set_sync(
                            SyncState::Error,
                            pending,
                            format!(
                                "Sync is paused: the team database no longer accepts this sign-in (the password changed, or the session ended). Enter {}'s password in Settings → Team sync to resume; changes made meanwhile are kept here.",
                                couch.user()
                            ),
                        );
                        stop_loop();
                    } else {
                        self.set_sync(SyncState::Error, pending, format!("Sync stopped: {e}"));
                        stop_loop();
                    }
                }
            }
        }
    }

    /// After a write here: counts what waits to be sent, so the header's
    /// figure is right between rounds, while sync is paused or offline,
    /// and in a tab that follows the one syncing.
    pub(super) fn count_pending(self) {
        if self.sync_link.get_untracked().is_none() {
            return;
        }
        self.send_soon();
        spawn_local(async move {
            let Ok(entries) = self.with_db(|db| async move { synced::pending(&db).await }).await else { return };
            let n = pending(&entries).0.len();
            self.session.sync.update(|s| {
                s.pending = n;
                if s.state == SyncState::Synced && n > 0 {
                    s.state = SyncState::Pending;
                }
            });
        });
    }

    /// A change was saved here or in another tab: if this tab's sync is
    /// waiting for the server, it stops waiting and pushes now.
    pub fn send_soon(self) {
        crate::ui::team_sync::couch::cut_wait_short();
    }

    /// Counts what waits to be pushed and the open disagreements.
    async fn show_sync_status(self) {
        let read = self
            .with_db(|db| async move {
                let queued = synced::pending(&db).await?;
                let open = synced::open_conflicts(&db).await?;
                Ok((pending(&queued).0.len(), open))
            })
            .await;
        if let Ok((queued, open)) = read {
            let conflicts: usize = open.iter().map(|o| o.conflicts.len()).sum();
            self.session.conflicts.set(open);
            match (conflicts, queued) {
                (0, 0) => self.set_sync(SyncState::Synced, 0, "Synced with the team database."),
                (0, n) => self.set_sync(SyncState::Pending, n, format!("{n} changes waiting to be sent.")),
                (c, n) => self.set_sync(SyncState::Conflict, n, format!("{c} differences wait for your choice.")),
            }
        }
    }

    /// Settles disagreements of one document: each path gets the value
    /// chosen (None: removed), written with the record and queued.
    pub fn settle_conflicts(
        self,
        doc: String,
        chosen: Vec<(Conflict, Option<Value>)>,
        done: impl FnOnce(Result<(), String>) + 'static,
    ) {
        let id = match DocId::parse(&doc) {
            Ok(id) => id,
            Err(e) => return done(Err(e.to_string())),
        };
        spawn_local(async move {
            let settled = id.clone();
            let result = self
                .with_db(|db| async move {
                    let held = synced::held(&db, std::slice::from_ref(&id)).await?;
                    let mut data = held[&doc].record.as_ref().map(Record::data).unwrap_or(Value::Null);
                    let mut paths = Vec::new();
                    for (c, value) in chosen {
                        resolve(&mut data, &c.path, value)
                            .map_err(|e| crate::storage::StorageError::plain(e.to_string()))?;
                        paths.push(c.path.to_string());
                    }
                    let record = Record::from_data(&id, &data)
                        .map_err(|e| crate::storage::StorageError::plain(e.to_string()))?;
                    synced::settle(&db, &record, &paths, &now_stamp()).await
                })
                .await;
            if result.is_ok() {
                self.refresh_docs(&[settled]).await;
                self.show_sync_status().await;
            }
            done(result.map_err(|e| e.to_string()));
        });
    }

    /// Who works in this workspace when it syncs: the signed-in team
    /// database user, named as the staff list names them. What they tick,
    /// verify, sign off or note is recorded under this name. None when the
    /// workspace does not sync (each page then asks for a name).
    pub fn signed_in(self) -> Option<String> {
        self.sync_link.with(|l| l.as_ref().map(|l| self.profile.with(|p| p.person_for(&l.user))))
    }

    /// The open disagreements, for the conflicts panel.
    pub fn open_conflicts(self) -> Signal<Vec<OpenConflicts>> {
        self.session.conflicts.into()
    }
}

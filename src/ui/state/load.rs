//! Opening the workspace, reading it into the store's signals, and the
//! narrow re-reads after a write was refused: only the record that another
//! tab changed is read again, not the whole workspace.

use super::SyncState;
use super::{AppState, DEFAULT_AGENCY_NAME, DEMO_WORKSPACE, LOST_CONNECTION, Remembered};
use crate::domain::advisor::AdvisorAnswers;
use crate::domain::book::{AgencyProfile, Book};
use crate::domain::changes::{self, ChangeSet};
use crate::domain::profitability::analysis::ProfitSettings;
use crate::domain::renewals::board::LeadTimes;
use crate::domain::renewals::plan::ServicePlan;
use crate::domain::renewals::plans::PlanSet;
use crate::domain::rereads::{FEW, Journal, Overlap, Touched};
use crate::domain::roles::library::RoleLibrary;
use crate::domain::sync::docs::DocId;
use crate::storage::format::sync::{SYNC_LINK, SyncLink};
use crate::storage::settings::{self, Snapshot};
use crate::storage::workspace::{self as workspace_store, Workspace};
use crate::storage::{StorageError, book as book_store, renewals as renewal_store, trainees as trainee_store};
use chrono::NaiveDate;
use futures_channel::oneshot;
use leptos::prelude::*;
use rexie::Rexie;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

thread_local! {
    /// What was shown while whole re-reads were under way.
    static JOURNAL: RefCell<Journal> = RefCell::new(Journal::default());
    /// The whole re-read under way, if any.
    static WHOLE: RefCell<WholeRead> = RefCell::new(WholeRead::default());
}

/// One whole re-read runs at a time; one asked for meanwhile makes it read
/// again once more, and waits for that read.
#[derive(Default)]
struct WholeRead {
    running: bool,
    /// Someone asked after the current read began.
    again: bool,
    /// Those waiting for the next read to be shown.
    waiting: Vec<oneshot::Sender<()>>,
}

/// Runs `read`, giving what was shown while it was under way.
async fn noting_overlap<T>(read: impl std::future::Future<Output = T>) -> (T, Overlap) {
    let reading = JOURNAL.with(|j| j.borrow_mut().begin());
    let out = read.await;
    (out, JOURNAL.with(|j| j.borrow_mut().end(reading)))
}

/// Notes that something was just shown (read from the database, or saved
/// here and put in memory); `touched` says what, and is worked out only
/// while a whole re-read is under way.
pub(super) fn shown(touched: impl FnOnce() -> Touched) {
    JOURNAL.with(|j| j.borrow_mut().note(touched));
}

impl AppState {
    /// Opens the active workspace's database and loads its settings and book.
    pub async fn load(self) {
        let workspace = self.workspace_id.get_untracked();
        self.close_db();
        match workspace_store::open_and_load(&workspace).await {
            Ok((db, loaded)) => {
                self.db.set_value(Some(Rc::new(db)));
                crate::ui::sync::watch_version_change(
                    &workspace,
                    move || {
                        self.close_db();
                        self.session.set_needs_reload.set(true);
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
        self.session.set_loaded.set(true);
    }

    /// Switches to another workspace (remembered for new tabs).
    pub async fn switch_workspace(self, id: &str) {
        Remembered::Workspace.set(id);
        self.session.set_loaded.set(false);
        self.set.workspace_id.set(id.to_string());
        self.set.book.set(Arc::new(Book::default()));
        self.set.trainees.set(Vec::new());
        self.set.renewals.set(Arc::new(HashMap::new()));
        // The other workspace's last change is not this one's (it only
        // moves forward while a workspace is open).
        self.set.last_change_at.set(None);
        self.load().await;
    }

    /// The browser closed the database under this tab (it does so after a
    /// write fails on a full disk, and will not open it again in this
    /// page): every later save is refused with [`LOST_CONNECTION`] and a
    /// banner asks for a reload once there is room.
    pub fn lost_connection(self) {
        self.session.set_connection_lost.set(true);
        self.close_db();
    }

    /// Closes this tab's connection (another tab is upgrading the database).
    fn close_db(&self) {
        if let Some(db) = self.db.get_value() {
            self.db.set_value(None);
            if let Ok(db) = Rc::try_unwrap(db) {
                db.close();
            }
        }
    }

    /// The open workspace database, or the error saying why there is none.
    pub(super) fn db(&self) -> Result<Rc<Rexie>, StorageError> {
        self.db.get_value().ok_or_else(|| {
            if self.session.connection_lost.get_untracked() {
                StorageError::refused_now(LOST_CONNECTION)
            } else {
                StorageError::plain(
                    "The workspace's saved data is not open yet (or could not be opened); reload the page.",
                )
            }
        })
    }

    /// Re-reads everything from the open database (after another tab's
    /// change, or a write that touched the whole workspace).
    ///
    /// One whole read runs at a time: asked for while one runs, it makes
    /// that one read again afterwards and waits for it. A large book is
    /// read in slices, so newer records may be shown while a read is under
    /// way (a change saved here, a record team sync just received): those
    /// are read again after the read is shown, so it never puts an older
    /// version back; when something as wide as the whole book was shown
    /// meanwhile (a large change saved here), everything is read again
    /// before anything is shown.
    pub async fn reload(self) {
        let joined = WHOLE.with(|w| {
            let mut w = w.borrow_mut();
            if !w.running {
                w.running = true;
                return None;
            }
            w.again = true;
            let (shown, wait) = oneshot::channel();
            w.waiting.push(shown);
            Some(wait)
        });
        if let Some(wait) = joined {
            let _ = wait.await;
            return;
        }
        let workspace = self.workspace_id.get_untracked();
        // Those whom the read under way answers: they asked before it began.
        let mut answering = Vec::new();
        loop {
            answering.extend(WHOLE.with(|w| {
                let mut w = w.borrow_mut();
                w.again = false;
                std::mem::take(&mut w.waiting)
            }));
            let (result, overlap) = noting_overlap(async {
                match self.db() {
                    Ok(db) => workspace_store::load_workspace(&db).await,
                    Err(e) => Err(e),
                }
            })
            .await;
            if self.workspace_id.get_untracked() != workspace {
                // Another workspace was opened meanwhile (and read by
                // opening it): this read is of the one before.
                break;
            }
            match result {
                Ok(_) if overlap.everything => continue,
                Ok(w) => {
                    self.show(w);
                    self.read_again(overlap).await;
                }
                Err(e) => self.error(e),
            }
            answering.clear(); // tells them
            if !WHOLE.with(|w| w.borrow().again) {
                break;
            }
        }
        WHOLE.with(|w| {
            let mut w = w.borrow_mut();
            w.running = false;
            w.again = false;
            w.waiting.clear();
        });
    }

    /// Reads again the records shown while a whole read was under way.
    async fn read_again(self, overlap: Overlap) {
        let Overlap { everything: _, accounts, trainees, renewals, settings } = overlap;
        if !accounts.is_empty() {
            self.refresh_accounts(&accounts.iter().map(String::as_str).collect::<Vec<_>>()).await;
        }
        for id in &trainees {
            self.refresh_trainee(id).await;
        }
        for id in &renewals {
            self.refresh_record(id).await;
        }
        if settings {
            self.reload_settings().await;
        }
    }

    /// Re-reads the settings alone (after a setting was written).
    pub(super) async fn reload_settings(self) {
        let result = match self.db() {
            Ok(db) => settings::snapshot(&db).await,
            Err(e) => Err(e),
        };
        match result {
            Ok(all) => self.show_settings(&all),
            Err(e) => self.error(e),
        }
    }

    /// Re-reads one account with its policies (after a save of it was
    /// refused, most often because another tab changed it).
    pub(super) async fn refresh_account(self, id: &str) {
        self.refresh_accounts(&[id]).await
    }

    /// Re-reads accounts with their policies, shown in one change. An
    /// account shown anew while they were read (saved here, say) keeps
    /// what was shown; after a whole read was shown meanwhile, they are
    /// read again.
    async fn refresh_accounts(self, ids: &[&str]) {
        for attempt in 1..=3 {
            let (read, overlap) = noting_overlap(self.read_accounts(ids)).await;
            let mut changes = match read {
                Ok(changes) => changes,
                Err(e) => return self.error(e),
            };
            if overlap.everything && attempt < 3 {
                continue;
            }
            if !overlap.accounts.is_empty() {
                let newer = |id: &str| overlap.accounts.iter().any(|a| a == id);
                changes.delete_account_ids.retain(|id| !newer(id));
                changes.put_accounts.retain(|a| !newer(&a.id));
                changes.put_policies.retain(|p| !newer(&p.account_id));
            }
            let refreshed = changes.delete_account_ids.clone();
            self.set.book.update(|b| changes::apply(Arc::make_mut(b), changes));
            shown(|| Touched::Accounts(refreshed));
            return;
        }
    }

    /// Reads accounts with their policies, as a change that replaces them
    /// (or removes those no longer stored).
    async fn read_accounts(self, ids: &[&str]) -> Result<ChangeSet, StorageError> {
        let db = self.db()?;
        let mut changes = ChangeSet::default();
        for id in ids {
            let record = book_store::load_account(&db, id).await?;
            changes.delete_account_ids.push(id.to_string());
            if let Some(r) = record {
                changes.put_accounts.push(r.account);
                changes.put_policies.extend(r.policies);
            }
        }
        Ok(changes)
    }

    /// Re-reads the records of documents that changed (team sync's
    /// arrivals): each record on its own, or the whole workspace when
    /// more than a few changed.
    pub(super) async fn refresh_docs(self, ids: &[DocId]) {
        if ids.len() > FEW {
            return self.reload().await;
        }
        let accounts: Vec<&str> =
            ids.iter().filter_map(|id| if let DocId::Account(a) = id { Some(a.as_str()) } else { None }).collect();
        if !accounts.is_empty() {
            self.refresh_accounts(&accounts).await;
        }
        for id in ids {
            match id {
                DocId::Trainee(t) => self.refresh_trainee(t).await,
                DocId::Renewal(r) => self.refresh_record(r).await,
                DocId::Account(_) | DocId::Settings(_) => {}
            }
        }
        if ids.iter().any(|id| matches!(id, DocId::Settings(_))) {
            self.reload_settings().await;
        }
    }

    /// Re-reads one trainee (after a save of it was refused).
    pub(super) async fn refresh_trainee(self, id: &str) {
        let read = match self.db() {
            Ok(db) => trainee_store::load_trainee(&db, id).await,
            Err(e) => Err(e),
        };
        match read {
            Ok(found) => {
                self.set.trainees.update(|list| {
                    list.retain(|t| t.id != id);
                    list.extend(found);
                    trainee_store::sort(list);
                });
                shown(|| Touched::Trainee(id.to_string()));
            }
            Err(e) => self.error(e),
        }
    }

    /// Re-reads one renewal's record (after a change of it was refused).
    pub(super) async fn refresh_record(self, id: &str) {
        let read = match self.db() {
            Ok(db) => renewal_store::load_record(&db, id).await,
            Err(e) => Err(e),
        };
        match read {
            Ok(found) => {
                self.set.renewals.update(|m| {
                    let m = Arc::make_mut(m);
                    m.remove(id);
                    if let Some(r) = found {
                        m.insert(r.id.clone(), r);
                    }
                });
                shown(|| Touched::Renewal(id.to_string()));
            }
            Err(e) => self.error(e),
        }
    }

    /// Puts what was read from the workspace into the signals.
    pub(super) fn show(self, workspace: Workspace) {
        let Workspace { settings: all, book, trainees, renewals } = workspace;
        self.set.trainees.set(trainees);
        self.set.renewals.set(Arc::new(renewals.into_iter().map(|r| (r.id.clone(), r)).collect()));
        self.set.book.set(Arc::new(book));
        shown(|| Touched::Everything);
        self.show_settings(&all);
    }

    /// Puts every setting into its signal; a setting that cannot be read
    /// is reported and leaves its signal as it was.
    fn show_settings(self, all: &Snapshot) {
        shown(|| Touched::Settings);
        let name = all.get::<String>(settings::AGENCY_NAME);
        let saved = all.get::<NaiveDate>(settings::AS_OF_DATE);
        let changed = all.get::<String>(settings::LAST_CHANGE_AT);
        let backed_up = all.get::<String>(settings::LAST_BACKUP_AT);
        match all.get::<AgencyProfile>(settings::PROFILE) {
            Ok(profile) => self.set.profile.set(profile.unwrap_or_default()),
            Err(e) => self.error(e),
        }
        match all.get::<LeadTimes>(settings::RENEWAL_LEADS) {
            Ok(l) => self.set.leads.set(l.unwrap_or_default()),
            Err(e) => self.error(e),
        }
        match all.get::<NaiveDate>(settings::TRACKING_START) {
            Ok(t) => self.set.tracking.set(t),
            Err(e) => self.error(e),
        }
        // The plans; a workspace of an earlier version kept one edited plan.
        match (all.get::<PlanSet>(settings::SERVICE_PLANS), all.get::<ServicePlan>(settings::SERVICE_PLAN)) {
            (Ok(Some(mut set)), _) => {
                set.fill_keys();
                self.set.plans.set(set);
            }
            (Ok(None), Ok(Some(edited))) => self.set.plans.set(PlanSet::from_edited(edited)),
            (Ok(None), Ok(None)) => self.set.plans.set(PlanSet::original()),
            (Err(e), _) | (_, Err(e)) => self.error(e),
        }
        match all.get::<RoleLibrary>(settings::ROLE_LIBRARY) {
            Ok(l) => self.set.library.set(l.unwrap_or_else(RoleLibrary::original)),
            Err(e) => self.error(e),
        }
        match all.get::<AdvisorAnswers>(settings::ADVISOR) {
            Ok(a) => self.set.advisor.set(a.unwrap_or_default()),
            Err(e) => self.error(e),
        }
        match all.get::<SyncLink>(SYNC_LINK) {
            Ok(link) => {
                let changed = link != self.sync_link.get_untracked();
                self.set.sync_link.set(link);
                if changed || !matches!(self.session.sync.get_untracked().state, SyncState::Error) {
                    self.resume_sync();
                }
            }
            Err(e) => self.error(e),
        }
        match all.get::<ProfitSettings>(settings::PROFITABILITY) {
            Ok(p) => self.set.profit.set(p.unwrap_or_default()),
            Err(e) => self.error(e),
        }
        match (name, saved, changed, backed_up) {
            (Ok(name), Ok(saved), Ok(changed), Ok(backed_up)) => {
                self.set.workspace_name.set(name.unwrap_or_else(|| DEFAULT_AGENCY_NAME.to_string()));
                self.set.saved_as_of.set(saved);
                // Only forward: a read begun before a change saved here
                // holds an earlier time (the times are ISO, so they sort).
                let shown_at = self.last_change_at.get_untracked();
                self.set.last_change_at.set(std::cmp::max(changed, shown_at));
                self.set.last_backup_at.set(backed_up);
                self.refresh_as_of();
            }
            (Err(e), ..) | (_, Err(e), ..) | (_, _, Err(e), _) | (.., Err(e)) => self.error(e),
        }
    }
}

//! The store's writes of records: the book, trainees and renewals. Each
//! action spawns its write, puts what was saved into the signals (no
//! reload), tells other tabs, and hands the caller the outcome; when the
//! write was refused because another tab changed or removed the record,
//! that record alone is read again so the page shows what is saved.

use super::load::shown;
use super::{AppState, DEMO_WORKSPACE, now_stamp};
use crate::domain::book::{Account, Policy};
use crate::domain::changes::{self, ChangeSet};
use crate::domain::renewals::board::RenewalRecord;
use crate::domain::rereads::Touched;
use crate::domain::roles::trainee::Trainee;
use crate::storage::workspace as workspace_store;
use crate::storage::{StorageError, book as book_store, renewals as renewal_store, trainees as trainee_store};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rexie::Rexie;
use std::future::Future;
use std::rc::Rc;

/// A renewal as its record is keyed: renewal id, account id, expiration.
pub type RenewalKey = (String, String, NaiveDate);

/// Whether a refusal means the stored record is not what this tab shows.
fn out_of_date(e: &StorageError) -> bool {
    matches!(e, StorageError::Stale(_) | StorageError::Missing(_))
}

impl AppState {
    /// Runs `op` on the open database, or gives the error saying why none is open.
    pub(super) async fn with_db<T, Fut: Future<Output = Result<T, StorageError>>>(
        self,
        op: impl FnOnce(Rc<Rexie>) -> Fut,
    ) -> Result<T, StorageError> {
        match self.db() {
            Ok(db) => op(db).await,
            Err(e) => Err(e),
        }
    }

    /// After a write whose result is not in the signals yet (a whole
    /// workspace replaced): shows "Saved", reads everything again, tells
    /// other tabs.
    pub(super) async fn after_write(self) {
        self.session.set_saved_at.set(Some(now_stamp()));
        self.reload().await;
        crate::ui::sync::announce_change(&self.workspace_id.get_untracked());
        crate::ui::sync::ask_persistence_once();
        self.count_pending();
    }

    /// Puts a book change that was saved into the book in memory, and
    /// starts renewal tracking if the change started it.
    fn commit_local(self, changes: ChangeSet, changed_at: &str) {
        let start = changes.tracking_start;
        shown(|| Touched::by(&changes));
        self.set.book.update(|b| changes::apply(std::sync::Arc::make_mut(b), changes));
        if self.tracking.get_untracked().is_none() && start.is_some() {
            self.set.tracking.set(start);
            shown(|| Touched::Settings);
        }
        self.saved_locally(changed_at);
    }

    /// Writes a change set (an import, a deletion, its undo) in one
    /// transaction stamped `changed_at`.
    pub fn apply_changes(
        self,
        changes: ChangeSet,
        changed_at: String,
        done: impl FnOnce(Result<(), StorageError>) + 'static,
    ) {
        spawn_local(async move {
            let result = self
                .with_db(|db| async move {
                    book_store::apply_changes(&db, &changes, &changed_at).await.map(|()| (changes, changed_at))
                })
                .await;
            done(result.map(|(changes, at)| self.commit_local(changes, &at)));
        });
    }

    /// Saves an edited or new account; `base_revision` is the revision the
    /// form began from (a newer one saved meanwhile refuses the save).
    pub fn save_account(
        self,
        account: Account,
        base_revision: Option<u32>,
        done: impl FnOnce(Result<(), StorageError>) + 'static,
    ) {
        let (id, at) = (account.id.clone(), account.updated_at.clone());
        let saving = account.clone();
        let changes = ChangeSet { put_accounts: vec![account], ..Default::default() };
        self.save_in_book(
            move |db| async move { book_store::save_account(&db, &saving, base_revision, &saving.updated_at).await },
            (changes, id, at),
            done,
        );
    }

    /// Saves an edited or new policy, like [`AppState::save_account`].
    pub fn save_policy(
        self,
        policy: Policy,
        base_revision: Option<u32>,
        done: impl FnOnce(Result<(), StorageError>) + 'static,
    ) {
        let (id, at) = (policy.account_id.clone(), policy.updated_at.clone());
        let saving = policy.clone();
        let changes = ChangeSet { put_policies: vec![policy], ..Default::default() };
        self.save_in_book(
            move |db| async move { book_store::save_policy(&db, &saving, base_revision, &saving.updated_at).await },
            (changes, id, at),
            done,
        );
    }

    /// Runs `write` (one account's save); on success puts `changes` into
    /// the book, on a refusal as out of date reads account `id` again.
    fn save_in_book<Fut: Future<Output = Result<(), StorageError>> + 'static>(
        self,
        write: impl FnOnce(Rc<Rexie>) -> Fut + 'static,
        (changes, id, at): (ChangeSet, String, String),
        done: impl FnOnce(Result<(), StorageError>) + 'static,
    ) {
        spawn_local(async move {
            let result = self.with_db(write).await;
            match &result {
                Ok(()) => self.commit_local(changes, &at),
                Err(e) if out_of_date(e) => self.refresh_account(&id).await,
                Err(_) => {}
            }
            done(result);
        });
    }

    /// Saves a trainee's record (new, edited, or with progress changed).
    pub fn save_trainee(
        self,
        next: Trainee,
        base_revision: Option<u32>,
        done: impl FnOnce(Result<(), StorageError>) + 'static,
    ) {
        spawn_local(async move {
            let at = next.updated_at.clone();
            let saving = next.clone();
            let stamp = at.clone();
            let result = self
                .with_db(|db| async move { trainee_store::save_trainee(&db, &saving, base_revision, &stamp).await })
                .await;
            match &result {
                Ok(()) => {
                    let id = next.id.clone();
                    self.set.trainees.update(|list| {
                        list.retain(|t| t.id != next.id);
                        list.push(next);
                        trainee_store::sort(list);
                    });
                    shown(|| Touched::Trainee(id));
                    self.saved_locally(&at);
                }
                Err(e) if out_of_date(e) => self.refresh_trainee(&next.id).await,
                Err(_) => {}
            }
            done(result);
        });
    }

    /// Removes a trainee and their checklist record.
    pub fn delete_trainee(self, id: String, done: impl FnOnce(Result<(), StorageError>) + 'static) {
        spawn_local(async move {
            let at = now_stamp();
            let (gone, stamp) = (id.clone(), at.clone());
            let result =
                self.with_db(|db| async move { trainee_store::delete_trainee(&db, &gone, &stamp).await }).await;
            if result.is_ok() {
                self.set.trainees.update(|l| l.retain(|t| t.id != id));
                shown(|| Touched::Trainee(id));
                self.saved_locally(&at);
            }
            done(result);
        });
    }

    /// Changes a renewal's record with `change`, which sees the stored
    /// record (another tab's ticks included) and may refuse with a reason.
    /// On a refusal the record is read again.
    pub fn change_renewal(
        self,
        (id, account_id, expiration): RenewalKey,
        change: impl FnOnce(&mut RenewalRecord) -> Result<(), String> + 'static,
        done: impl FnOnce(Result<&RenewalRecord, StorageError>) + 'static,
    ) {
        spawn_local(async move {
            let at = now_stamp();
            let (key, stamp) = ((id.clone(), account_id), at.clone());
            let result = self
                .with_db(|db| async move {
                    renewal_store::change_record(&db, (&key.0, &key.1, expiration), &stamp, change).await
                })
                .await;
            match result {
                Ok(saved) => {
                    done(Ok(&saved));
                    shown(|| Touched::Renewal(saved.id.clone()));
                    self.set.renewals.update(|m| {
                        std::sync::Arc::make_mut(m).insert(saved.id.clone(), saved);
                    });
                    self.saved_locally(&at);
                }
                Err(e) => {
                    self.refresh_record(&id).await;
                    done(Err(e));
                }
            }
        });
    }

    /// Records a renewal's outcome (bound, lost, or either undone) together
    /// with the account's policies, in one transaction; `base` is the
    /// record's revision the form began from. Afterwards the record and the
    /// account are read again, whether the write went through or not.
    pub fn decide_renewal(
        self,
        (id, account_id, expiration): RenewalKey,
        base: Option<u32>,
        decide: impl FnOnce(&mut RenewalRecord, &mut Vec<Policy>, &str) -> Result<(), String> + 'static,
        done: impl FnOnce(Result<&RenewalRecord, StorageError>) + 'static,
    ) {
        spawn_local(async move {
            let at = now_stamp();
            let (key, stamp) = ((id.clone(), account_id.clone()), at.clone());
            let result = self
                .with_db(|db| async move {
                    renewal_store::decide(&db, (&key.0, &key.1, expiration), base, &stamp, |rec, policies| {
                        decide(rec, policies, &stamp)
                    })
                    .await
                })
                .await;
            self.refresh_account(&account_id).await;
            match result {
                Ok(saved) => {
                    done(Ok(&saved));
                    shown(|| Touched::Renewal(saved.id.clone()));
                    self.set.renewals.update(|m| {
                        std::sync::Arc::make_mut(m).insert(saved.id.clone(), saved);
                    });
                    self.saved_locally(&at);
                }
                Err(e) => {
                    self.refresh_record(&id).await;
                    done(Err(e));
                }
            }
        });
    }

    /// (Re)builds the demo agency in the demo workspace's own database.
    pub async fn build_demo(self) {
        if self.workspace_id.get_untracked() != DEMO_WORKSPACE {
            self.error("The demo can only be rebuilt while the demo workspace is open.");
            return;
        }
        let data = crate::domain::demo::demo_agency(self.as_of.get_untracked().date);
        match self.with_db(|db| async move { workspace_store::replace_all(&db, &data, None, &now_stamp()).await }).await
        {
            Ok(()) => self.after_write().await,
            Err(e) => self.error(e),
        }
    }
}

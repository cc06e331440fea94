//! The store's writes of settings. Each spawns its write, reads the
//! settings again (never the whole book), tells other tabs, and reports
//! to the form that asked: `message` gets `ok` on success or the reason
//! nothing was saved.

use super::AppState;
use crate::domain::advisor::AdvisorAnswers;
use crate::storage::StorageError;
use crate::storage::settings::{self, Setting};
use crate::ui::widgets::form_message::Message;
use crate::ui::widgets::form_message::Outcome;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Serialize, de::DeserializeOwned};

impl AppState {
    /// After a setting was written: "Saved", settings read again, other
    /// tabs told.
    async fn after_setting(self) {
        self.session.set_saved_at.set(Some(super::now_stamp()));
        self.reload_settings().await;
        crate::ui::sync::announce_change(&self.workspace_id.get_untracked());
        crate::ui::sync::ask_persistence_once();
        self.count_pending();
    }

    /// Saves `value` as the setting, or removes the setting (None), then
    /// hands `done` the outcome.
    pub fn put_setting<T: Serialize + 'static>(
        self,
        key: Setting<T>,
        value: Option<T>,
        done: impl FnOnce(Result<(), StorageError>) + 'static,
    ) {
        spawn_local(async move {
            let result = self
                .with_db(|db| async move {
                    match value {
                        Some(v) => settings::put(&db, key, &v).await,
                        None => settings::remove(&db, key).await,
                    }
                })
                .await;
            if result.is_ok() {
                self.after_setting().await;
            }
            done(result);
        });
    }

    /// Removes the agency's plans, so the ones that come with the app are
    /// in force again.
    pub fn reset_plans(self, done: impl FnOnce(Result<(), StorageError>) + 'static) {
        spawn_local(async move {
            let result = self
                .with_db(|db| async move {
                    settings::remove(&db, settings::SERVICE_PLANS).await?;
                    settings::remove(&db, settings::SERVICE_PLAN).await
                })
                .await;
            if result.is_ok() {
                self.after_setting().await;
            }
            done(result);
        });
    }

    /// Saves a whole setting edited in a form, then reports the outcome in
    /// `message` (`ok` on success). `base` holds the version the form began
    /// from: when another tab saved a different one meanwhile, nothing is
    /// written, the message says so, and `base` becomes the newer version,
    /// so that saving again replaces it on purpose.
    pub fn save_setting<T: Serialize + DeserializeOwned + Clone + Send + Sync + 'static>(
        self,
        key: Setting<T>,
        base: RwSignal<T>,
        value: T,
        message: RwSignal<Message>,
        ok: &'static str,
    ) {
        let what = key.label;
        spawn_local(async move {
            let saved = value.clone();
            let result = self
                .with_db(|db| async move {
                    let result =
                        settings::change(&db, key, settings::replace_if_unchanged(base.get_untracked(), value, what))
                            .await;
                    match &result {
                        Ok(_) => base.set(saved),
                        Err(StorageError::Stale(_)) => {
                            if let Ok(Some(newer)) = settings::get(&db, key).await {
                                base.set(newer);
                            }
                        }
                        Err(_) => {}
                    }
                    result.map(|_| ())
                })
                .await;
            self.report_setting(result, message, ok).await;
        });
    }

    /// Changes part of one setting: reads it, applies `change` and writes
    /// it back in one transaction, so the rest of it stays as saved (by this
    /// tab's other forms or by another tab), then reports like
    /// [`AppState::save_setting`].
    pub fn update_setting<T: Serialize + DeserializeOwned + Default + 'static>(
        self,
        key: Setting<T>,
        change: impl FnOnce(&mut T) + 'static,
        message: RwSignal<Message>,
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
    pub fn change_setting<T: Serialize + DeserializeOwned + 'static>(
        self,
        key: Setting<T>,
        change: impl FnOnce(Option<T>) -> Result<T, String> + 'static,
        message: RwSignal<Message>,
        ok: &'static str,
    ) {
        spawn_local(async move {
            let result = self
                .with_db(|db| async move {
                    settings::change(&db, key, |stored| change(stored).map_err(StorageError::plain)).await.map(|_| ())
                })
                .await;
            self.report_setting(result, message, ok).await;
        });
    }

    /// Changes the service-model answers (in one transaction with reading
    /// them, so another tab's answers are kept); the answers as saved go
    /// straight into their signal, with no other setting read again.
    pub fn update_advisor(
        self,
        change: impl FnOnce(&mut AdvisorAnswers) + 'static,
        done: impl FnOnce(Result<(), StorageError>) + 'static,
    ) {
        spawn_local(async move {
            let at = super::now_stamp();
            let stamp = at.clone();
            let result = self
                .with_db(|db| async move {
                    settings::update::<AdvisorAnswers>(&db, settings::ADVISOR, move |a| {
                        change(a);
                        a.updated_at = stamp;
                    })
                    .await
                })
                .await;
            done(result.map(|saved| {
                self.set.advisor.set(saved);
                super::load::shown(|| crate::domain::rereads::Touched::Settings);
                self.saved_locally(&at);
            }));
        });
    }

    /// After a setting's write: `ok` and the settings read again, or the
    /// reason nothing was saved.
    async fn report_setting(self, result: Result<(), StorageError>, message: RwSignal<Message>, ok: &'static str) {
        match result {
            Ok(()) => {
                message.set(Some(Outcome::Done(ok.to_string())));
                self.after_setting().await;
            }
            Err(e) => message.set(Some(Outcome::Refused(format!("Not saved: {e}")))),
        }
    }
}

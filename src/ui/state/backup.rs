//! Backups: the workspace out as a file, a file (or a safety copy) back
//! in, and the safety copies kept in the workspace.

use super::{AppState, DEFAULT_AGENCY_NAME, now_stamp};
use crate::domain::backup::{self, Restorable};
use crate::storage::{schema, settings, workspace as workspace_store};
use crate::ui::widgets::{files, slices};
use leptos::prelude::*;

/// A safety copy as the list shows it: read and checked like a backup file.
#[derive(Clone)]
pub struct ListedCopy {
    pub id: String,
    pub taken_at: String,
    pub checked: Result<Restorable, String>,
}

impl AppState {
    /// Saves the workspace as a backup file (a download) and records when.
    pub async fn export_backup(self) -> Result<String, String> {
        let db = self.db().map_err(|e| format!("Backup failed: {e}"))?;
        let data = workspace_store::export_data(&db).await.map_err(|e| format!("Backup failed: {e}"))?;
        let stamp = now_stamp();
        let workspace = self.workspace_id.get_untracked();
        // Written in slices, the browser taking its turns: a book of
        // 100,000 accounts takes over a second to write out.
        let mut writing =
            backup::Writing::new(&data, &workspace, schema::current().version, crate::APP_VERSION, &stamp);
        slices::until_done(|records| writing.step(records), || true).await;
        let (file, pieces) = (files::FileParts::default(), writing.finish());
        let (mut next, mut refused) = (pieces.iter(), None);
        slices::until_done(
            |n| {
                // A piece holds a step's records (a few hundred), tens of
                // kilobytes: a few pieces are as much work as `n` records.
                for piece in next.by_ref().take(n.div_ceil(64)) {
                    if let Err(e) = file.push(piece) {
                        refused.get_or_insert(e);
                    }
                }
                next.len() == 0
            },
            || true,
        )
        .await;
        let file_name = format!("agency-desk-backup-{workspace}-{}.json", &stamp[..10]);
        refused
            .map_or(Ok(()), Err)
            .and_then(|()| file.download(&file_name, "application/json"))
            .map_err(|e| format!("Backup failed: the file could not be saved ({e})."))?;
        let saved = format!(
            "Exported {} accounts and {} policies to {file_name}.",
            data.book.accounts.len(),
            data.book.policies.len()
        );
        // The file is out; only the reminder's stamp is left to record.
        if let Err(e) = settings::put(&db, settings::LAST_BACKUP_AT, &stamp).await {
            return Err(format!(
                "{saved} The file was saved, but the time of this backup could not be recorded in this browser, so the backup reminder will still show: {e}"
            ));
        }
        self.reload_settings().await;
        Ok(saved)
    }

    /// The agency name the app shows for a workspace it was never given.
    pub fn saved_name(self) -> String {
        let name = self.workspace_name.get_untracked();
        if name == DEFAULT_AGENCY_NAME { String::new() } else { name }
    }

    /// Replaces the workspace with a backup's data, keeping the current data
    /// as a safety copy in the same transaction.
    pub async fn restore_backup(self, incoming: Restorable) -> Result<String, String> {
        let db = self.db().map_err(|e| e.to_string())?;
        // The safety copy is the current data as a backup file, kept in the database.
        let current = workspace_store::export_data(&db).await.map_err(|e| e.to_string())?;
        let stamp = now_stamp();
        let workspace = self.workspace_id.get_untracked();
        let copy = self.as_backup(&current, &stamp);
        let copy_id = format!("before-restore-{stamp}");
        let mut data = incoming.data.clone();
        data.agency_name = backup::name_after_restore(&incoming, &workspace, &self.saved_name());
        workspace_store::replace_all(&db, &data, Some((&copy_id, &copy)), &stamp).await.map_err(|e| e.to_string())?;
        self.after_write().await;
        Ok(format!(
            "Restored {} accounts and {} policies from the backup of {}. A safety copy of the previous data ({} accounts) was kept in this browser; it is listed under Safety copies.",
            incoming.data.book.accounts.len(),
            incoming.data.book.policies.len(),
            incoming.exported_at,
            current.book.accounts.len()
        ))
    }

    /// `data` as this workspace's backup file, written at `stamp`.
    fn as_backup(self, data: &backup::BackupData, stamp: &str) -> String {
        backup::write(data, &self.workspace_id.get_untracked(), schema::current().version, crate::APP_VERSION, stamp)
    }

    /// This workspace's data as a safety copy taken at `stamp` before
    /// joining a team's book: its id and backup text.
    pub(super) async fn joining_safety_copy(self, stamp: &str) -> Result<(String, String), String> {
        let db = self.db().map_err(|e| e.to_string())?;
        let current = workspace_store::export_data(&db).await.map_err(|e| e.to_string())?;
        Ok((format!("before-joining-{stamp}"), self.as_backup(&current, stamp)))
    }

    /// The safety copies kept in this workspace, each read and checked.
    pub async fn safety_copies(self) -> Result<Vec<ListedCopy>, String> {
        let db = self.db().map_err(|e| e.to_string())?;
        let copies = workspace_store::safety_copies(&db).await.map_err(|e| e.to_string())?;
        Ok(copies
            .into_iter()
            .map(|c| ListedCopy {
                checked: backup::read(&c.backup, schema::current().version),
                id: c.id,
                taken_at: c.taken_at,
            })
            .collect())
    }
}

//! Backup export and restore.

use crate::domain::backup::{self, Restorable};
use crate::storage::{book as book_store, schema, settings};
use crate::ui::state::{browser_today, now_stamp, use_app, AppState};
use crate::ui::widgets::{files, FormMessage};
use leptos::prelude::*;
use leptos::task::spawn_local;

async fn export(state: AppState) -> Result<String, String> {
    let db = state.db().map_err(|e| e.to_string())?;
    let data = book_store::export_data(&db).await.map_err(|e| e.to_string())?;
    let stamp = now_stamp();
    let text = backup::write(&data, schema::current().version, crate::APP_VERSION, &stamp);
    let file_name = format!("agency-desk-backup-{}-{}.json", state.workspace_id.get_untracked(), &stamp[..10]);
    files::download(&file_name, "application/json", &text)?;
    settings::put(&db, settings::LAST_BACKUP_AT, &stamp).await.map_err(|e| e.to_string())?;
    state.reload().await;
    Ok(format!(
        "Exported {} accounts and {} policies to {file_name}.",
        data.book.accounts.len(),
        data.book.policies.len()
    ))
}

async fn restore(state: AppState, incoming: Restorable) -> Result<String, String> {
    let db = state.db().map_err(|e| e.to_string())?;
    // The safety copy is the current data as a backup file, kept in the database.
    let current = book_store::export_data(&db).await.map_err(|e| e.to_string())?;
    let stamp = now_stamp();
    let copy = backup::write(&current, schema::current().version, crate::APP_VERSION, &stamp);
    let copy_id = format!("before-restore-{stamp}");
    book_store::replace_all(&db, &incoming.data, Some((&copy_id, &copy)), &stamp)
        .await
        .map_err(|e| e.to_string())?;
    state.after_write().await;
    Ok(format!(
        "Restored {} accounts and {} policies from the backup of {}. A safety copy of the previous data ({} accounts) was kept in this browser.",
        incoming.data.book.accounts.len(),
        incoming.data.book.policies.len(),
        incoming.exported_at,
        current.book.accounts.len()
    ))
}

#[component]
pub fn BackupCard() -> impl IntoView {
    let state = use_app();
    let message = RwSignal::new(None::<(bool, String)>);
    let pending = RwSignal::new(None::<Restorable>);

    let on_export = move |_| {
        spawn_local(async move {
            match export(state).await {
                Ok(m) => message.set(Some((false, m))),
                Err(e) => message.set(Some((true, format!("Backup failed: {e}")))),
            }
        })
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen_file(&ev) else { return };
        files::reset_input(&ev);
        pending.set(None);
        spawn_local(async move {
            let checked = match files::read_bytes(&file).await {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => backup::read(&text, schema::current().version),
                    Err(_) => Err("This is not an AgencyDesk backup file (it is not text).".into()),
                },
                Err(e) => Err(e),
            };
            match checked {
                Ok(r) => {
                    message.set(None);
                    pending.set(Some(r));
                }
                Err(e) => message.set(Some((true, format!("{}: {e}", file.name())))),
            }
        });
    };
    let on_restore = move |_| {
        let Some(incoming) = pending.get_untracked() else { return };
        pending.set(None);
        spawn_local(async move {
            match restore(state, incoming).await {
                Ok(m) => message.set(Some((false, m))),
                Err(e) => message.set(Some((true, format!("Nothing was restored: {e}")))),
            }
        });
    };

    view! {
        <section class="card">
            <h2>"Backup and restore"</h2>
            <p data-testid="last-backup">
                {move || backup::last_backup_text(state.last_backup_at.get().as_deref(), browser_today())}
            </p>
            <p>"A backup is one file holding this workspace's accounts, policies and settings. Keep it somewhere safe: the data lives only in this browser."</p>
            <div class="inline-form">
                <button type="button" data-testid="backup-export" on:click=on_export>"Export backup"</button>
                <label class="file-label">
                    "Restore from a backup file "
                    <input type="file" accept=".json,application/json" data-testid="backup-import" on:change=on_file/>
                </label>
            </div>
            {move || pending.get().map(|r| {
                let current = state.book.with(|b| (b.accounts.len(), b.policies.len()));
                view! {
                    <div class="confirm-panel" data-testid="restore-preview">
                        <p>
                            {format!(
                                "This backup{} was exported {} by AgencyDesk {} and holds {} accounts and {} policies. Restoring replaces everything in this workspace — now {} accounts and {} policies. A safety copy of the current data is kept first.",
                                if r.data.agency_name.is_empty() { String::new() } else { format!(" of {}", r.data.agency_name) },
                                r.exported_at, r.app_version, r.data.book.accounts.len(), r.data.book.policies.len(), current.0, current.1
                            )}
                        </p>
                        <button type="button" data-testid="restore-confirm" on:click=on_restore>"Replace with this backup"</button>
                        <button type="button" class="secondary" on:click=move |_| pending.set(None)>"Cancel"</button>
                    </div>
                }
            })}
            <FormMessage message=message testid="backup-message"/>
        </section>
    }
}

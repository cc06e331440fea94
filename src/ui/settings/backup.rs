//! Backup export and restore.

use crate::domain::backup::{self, Restorable};
use crate::storage::{schema, workspace as workspace_store};
use crate::ui::state::{ListedCopy, browser_today, use_app};
use crate::ui::widgets::form_message::{Message, Outcome};
use crate::ui::widgets::{FormMessage, files};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn BackupCard() -> impl IntoView {
    let state = use_app();
    let message = RwSignal::new(None::<Outcome>);
    let pending = RwSignal::new(None::<Restorable>);

    // Where the pending restore comes from, for its confirmation.
    let pending_source = RwSignal::new(String::new());
    // The person ticked that they understand the warning about the pending restore.
    let understood = RwSignal::new(false);
    let copies = LocalResource::new(move || {
        // Listed again after every write (a restore adds a copy).
        state.session.saved_at.track();
        state.safety_copies()
    });
    let on_export = move |_| {
        spawn_local(async move {
            match state.export_backup().await {
                Ok(m) => message.set(Some(Outcome::Done(m))),
                Err(e) => message.set(Some(Outcome::Refused(e))),
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
                    understood.set(false);
                    pending_source.set(format!(
                        "This backup{}",
                        if r.data.agency_name.is_empty() {
                            String::new()
                        } else {
                            format!(" of {}", r.data.agency_name)
                        }
                    ));
                    pending.set(Some(r));
                }
                Err(e) => message.set(Some(Outcome::Refused(format!("{}: {e}", file.name())))),
            }
        });
    };
    let on_restore = move |_| {
        let Some(incoming) = pending.get_untracked() else { return };
        pending.set(None);
        spawn_local(async move {
            match state.restore_backup(incoming).await {
                Ok(m) => message.set(Some(Outcome::Done(m))),
                Err(e) => message.set(Some(Outcome::Refused(format!("Nothing was restored: {e}")))),
            }
        });
    };

    let restore_cb = Callback::new(move |ev: leptos::ev::MouseEvent| on_restore(ev));

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
                view! { <RestorePreview r current pending pending_source understood on_restore=restore_cb/> }
            })}
            <h3>"Safety copies"</h3>
            <p class="hint">{format!("Each restore first keeps the data it replaces here, in this browser; the newest {} are kept.", workspace_store::SAFETY_COPIES_KEPT)}</p>
            <SafetyCopies copies message pending pending_source understood/>
            <FormMessage message=message testid="backup-message"/>
        </section>
    }
}

/// The restore about to be made: what the backup holds, what it replaces,
/// and a warning to tick first when it comes from another workspace.
#[component]
fn RestorePreview(
    r: Restorable,
    /// The workspace's accounts and policies now.
    current: (usize, usize),
    pending: RwSignal<Option<Restorable>>,
    pending_source: RwSignal<String>,
    understood: RwSignal<bool>,
    on_restore: Callback<leptos::ev::MouseEvent>,
) -> impl IntoView {
    let state = use_app();
    let warning = backup::restore_warning(&r, &state.workspace_id.get_untracked(), &state.saved_name());
    let needs_ok = warning.is_some();
    view! {
        <div class="confirm-panel" data-testid="restore-preview">
            <p>
                {format!(
                    "{} was exported {} by AgencyDesk {} and holds {} accounts and {} policies. Restoring replaces everything in this workspace — now {} accounts and {} policies. A safety copy of the current data is kept first.",
                    pending_source.get_untracked(), r.exported_at, r.app_version, r.data.book.accounts.len(), r.data.book.policies.len(), current.0, current.1
                )}
            </p>
            {warning.map(|w| view! {
                <p class="form-message error" data-testid="restore-warning">{w}" This workspace keeps its own name."</p>
                <label class="field inline">
                    <input type="checkbox" data-testid="restore-understood" prop:checked=move || understood.get() on:change=move |ev| understood.set(event_target_checked(&ev))/>
                    " I understand; replace this workspace's data"
                </label>
            })}
            <button type="button" data-testid="restore-confirm" disabled=move || needs_ok && !understood.get() on:click=move |ev| on_restore.run(ev)>"Replace with this backup"</button>
            <button type="button" class="secondary" on:click=move |_| pending.set(None)>"Cancel"</button>
        </div>
    }
}

/// The safety copies kept in this browser, each restorable unless damaged.
#[component]
fn SafetyCopies(
    copies: LocalResource<Result<Vec<ListedCopy>, String>>,
    message: RwSignal<Message>,
    pending: RwSignal<Option<Restorable>>,
    pending_source: RwSignal<String>,
    understood: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <Suspense fallback=|| view! { <p class="hint">"Reading the safety copies…"</p> }>
            {move || copies.get().map(|listed| match listed {
                Err(e) => view! { <p class="form-message error">{format!("The safety copies could not be read: {e}")}</p> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p data-testid="safety-copies-none">"No safety copies yet: one is kept each time a backup is restored, and when this workspace takes its team's book."</p> }.into_any(),
                Ok(list) => view! {
                    <table class="data-table compact" data-testid="safety-copies">
                        <thead><tr><th>"Taken"</th><th>"Holds"</th><th></th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|c| {
                                let holds = match &c.checked {
                                    Ok(r) => format!("{}{} accounts, {} policies, {} trainees", if r.data.agency_name.is_empty() { String::new() } else { format!("{}: ", r.data.agency_name) }, r.data.book.accounts.len(), r.data.book.policies.len(), r.data.trainees.len()),
                                    Err(e) => format!("Damaged, cannot be restored: {e}"),
                                };
                                let restorable = c.checked.ok();
                                let taken = c.taken_at.replace('T', " ").chars().take(16).collect::<String>();
                                let source = format!("The safety copy taken {taken} UTC");
                                view! {
                                    <tr data-testid="safety-copy" data-copy=c.id.clone()>
                                        <td>{format!("{taken} UTC")}<br/><small>{if c.id.starts_with("before-joining") { "before taking the team's book" } else { "before a restore" }}</small></td>
                                        <td>{holds}</td>
                                        <td>{restorable.map(|r| view! {
                                            <button type="button" class="secondary" data-testid="safety-copy-restore" on:click=move |_| {
                                                message.set(None);
                                                understood.set(false);
                                                pending_source.set(source.clone());
                                                pending.set(Some(r.clone()));
                                            }>"Restore this copy"</button>
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </Suspense>
    }
}

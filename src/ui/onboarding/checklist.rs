//! A trainee's checklist: every task of the role with its items at the
//! chosen level, each with its status, the trainee's check and the
//! trainer's verification; level sign-offs; the history.

use super::{ProgressFigures, save_progress};
use crate::domain::roles::level::{Level, expected_level, level_due, tenure_text};
use crate::domain::roles::library::{Item, LevelPart, Role, Task};
use crate::domain::roles::progress::{Progress, Status, not_verifiable_reason};
use crate::domain::roles::trainee::Trainee;
use crate::ui::state::Remembered;
use crate::ui::state::use_app;
use crate::ui::widgets::form_message::Message;
use leptos::prelude::*;

/// What the item controls need to save: the trainee, the person signing,
/// an optional note for the next verification, and where to report.
#[derive(Clone, Copy)]
pub(super) struct Signing {
    pub id: StoredValue<String>,
    pub signer: RwSignal<String>,
    pub note: RwSignal<String>,
    pub message: RwSignal<Message>,
}

impl Signing {
    pub fn new(id: &str, trainer: Option<String>) -> Signing {
        Signing {
            id: StoredValue::new(id.to_string()),
            signer: RwSignal::new(Remembered::Signer.get().or(trainer).unwrap_or_default()),
            note: RwSignal::new(String::new()),
            message: RwSignal::new(None),
        }
    }

    /// The signing name: the signed-in person's when the workspace syncs.
    fn by(&self) -> String {
        untrack(|| use_app().signed_in()).unwrap_or_else(|| self.signer.get_untracked().trim().to_string())
    }

    /// Saves a change signed by the trainer (the signing name).
    pub fn as_trainer(
        &self,
        done: String,
        change: impl Fn(&mut Progress, &Role, &crate::domain::roles::progress::Stamp) -> Result<(), String> + 'static,
    ) {
        let by = self.by();
        if !by.is_empty() {
            Remembered::Signer.set(&by);
        }
        save_progress(use_app(), self.id.get_value(), by, self.message, done, change);
    }

    /// Saves the trainee's own check, signed with the trainee's name (or,
    /// when the workspace syncs, the signed-in person's).
    pub fn as_trainee(
        &self,
        trainee: &str,
        done: String,
        change: impl Fn(&mut Progress, &Role, &crate::domain::roles::progress::Stamp) -> Result<(), String> + 'static,
    ) {
        // Signed in to team sync, the person at the keyboard is known.
        let by = untrack(|| use_app().signed_in()).unwrap_or_else(|| trainee.to_string());
        save_progress(use_app(), self.id.get_value(), by, self.message, done, change);
    }
}

/// Asks for a reason (None when the person cancels).
fn ask_reason(question: &str) -> Option<String> {
    window().prompt_with_message(question).ok().flatten()
}

/// One expectation item with its controls.
#[component]
pub(super) fn ItemRow(
    item: Item,
    level: Level,
    trainee: Trainee,
    signing: Signing,
    behind: bool,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let p = trainee.progress.item(&item.key).clone();
    let locked = trainee.progress.level_sign_off(level).is_some();
    let key = StoredValue::new(item.key.clone());
    let text = StoredValue::new(item.text.clone());
    let name = StoredValue::new(trainee.name.clone());
    let short = move || {
        let t = text.get_value();
        if t.chars().count() > 60 { format!("{}…", t.chars().take(60).collect::<String>()) } else { t }
    };
    let set_status = move |ev: leptos::ev::Event| {
        let Some(status) = Status::from_code(&event_target_value(&ev)) else { return };
        let k = key.get_value();
        signing.as_trainer(format!("\"{}\" is now {}.", short(), status.label()), move |p, role, stamp| {
            p.set_status(role, &k, status, stamp)
        });
    };
    let toggle_check = move |ev: leptos::ev::Event| {
        let checked = event_target_checked(&ev);
        let k = key.get_value();
        let done = if checked {
            format!("\"{}\" checked off by {}.", short(), name.get_value())
        } else {
            format!("Check on \"{}\" taken back.", short())
        };
        signing.as_trainee(&name.get_value(), done, move |p, role, stamp| p.self_check(role, &k, checked, stamp));
    };
    let verify = move |_| {
        let k = key.get_value();
        let note = signing.note.get_untracked();
        signing.note.set(String::new());
        signing
            .as_trainer(format!("\"{}\" verified.", short()), move |p, role, stamp| p.verify(role, &k, &note, stamp));
    };
    let undo = move |_| {
        let Some(reason) = ask_reason("Why is this sign-off being undone? (kept in the history)") else { return };
        let k = key.get_value();
        signing.as_trainer(format!("Verification of \"{}\" undone.", short()), move |p, role, stamp| {
            p.unverify(role, &k, &reason, stamp)
        });
    };
    let class = format!(
        "expectation{}{}{}",
        if behind { " behind" } else { "" },
        if p.verified.is_some() { " verified" } else { "" },
        if large { " large" } else { "" }
    );
    let verified = p.verified.clone();
    // The trainer verifies what they have seen: not below Observed.
    let blocked = not_verifiable_reason(p.status);
    let is_verified = p.verified.is_some();
    view! {
        <li class=class data-testid="expectation-item" data-level=level.code() data-item=item.key.clone() data-status=p.status.code() data-verified=p.verified.is_some().to_string() tabindex="-1">
            <span class="item-text">{item.text.clone()}{behind.then(|| view! { <span class="tag warn">"behind schedule"</span> })}</span>
            <span class="item-controls">
                <label class="status-choice">
                    <span class="visually-hidden">"Status"</span>
                    <select data-testid="item-status" disabled=locked on:change=set_status aria-label=format!("Status of: {}", item.text)>
                        {Status::ALL.into_iter().map(|s| view! { <option value=s.code() selected={s == p.status} disabled={is_verified && !s.verifiable()}>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="self-check" title="The trainee's own check">
                    <input type="checkbox" data-testid="self-check" prop:checked=p.self_check.is_some() disabled=locked on:change=toggle_check/>
                    {match &p.self_check { Some(s) => format!("Self-checked {}", s.on.format("%b %-d")), None => "Self-check".to_string() }}
                </label>
                {match verified {
                    Some(v) => view! {
                        <span class="verified-by" data-testid="verified-by">
                            {format!("✓ Verified by {} on {}", v.by, v.on.format("%b %-d, %Y"))}
                            {(!v.note.is_empty()).then(|| format!(" — {}", v.note))}
                            <button type="button" class="link-button" disabled=locked data-testid="verify-undo" on:click=undo>"Undo"</button>
                        </span>
                    }.into_any(),
                    None => view! {
                        <button type="button" class="small" data-testid="verify-item" disabled={locked || blocked.is_some()} title=blocked.clone().unwrap_or_default() on:click=verify>"Verify"</button>
                        {blocked.map(|reason| view! { <span class="hint small" data-testid="verify-needs-observed" title=reason>"Set Observed to verify"</span> })}
                    }.into_any(),
                }}
            </span>
        </li>
    }
}

/// A level's items with their controls, each run of items that a lead-in
/// introduces shown under it (the lead-in is not an item).
#[component]
pub(super) fn LevelItems(
    part: LevelPart,
    level: Level,
    trainee: Trainee,
    signing: Signing,
    behind: Vec<String>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    part.runs()
        .into_iter()
        .map(|(context, items)| {
            let introduced = context.is_some();
            view! {
                {context.map(|c| view! { <p class="item-context" data-testid="item-context" data-level=level.code()>{c.to_string()}</p> })}
                <ul class=if introduced { "expectations introduced" } else { "expectations" } class:large=large>
                    {items.into_iter().map(|item| {
                        let late = behind.contains(&item.key);
                        view! { <ItemRow item=item.clone() level trainee=trainee.clone() signing behind=late large/> }
                    }).collect_view()}
                </ul>
            }
        })
        .collect_view()
}

/// A task's training activities, each marked done (with who recorded it
/// and when, and an undo) or with the button to mark it done.
#[component]
pub(super) fn TrainingActivities(
    task: Task,
    trainee: Trainee,
    signing: Signing,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let activities: Vec<(usize, String)> = task.training_activities().map(|(n, a)| (n, a.to_string())).collect();
    let (done, all) = trainee.progress.activity_count(&task);
    let task_key = StoredValue::new(task.key.clone());
    (!activities.is_empty()).then(|| {
        view! {
            <section class="training-activities" class:large=large data-testid="training-activities" data-task=task.key.clone()>
                <h3>{format!("Training activities ({done} of {all} done)")}</h3>
                <ul class="activities">
                    {activities.into_iter().map(|(n, text)| {
                        let record = trainee.progress.activity_done(&task.key, n).cloned();
                        let is_done = record.is_some();
                        let short = if text.chars().count() > 60 { format!("{}…", text.chars().take(60).collect::<String>()) } else { text.clone() };
                        let short = StoredValue::new(short);
                        let mark = move |done: bool| {
                            let key = task_key.get_value();
                            let message = if done { format!("\"{}\" marked done.", short.get_value()) } else { format!("\"{}\" marked not done.", short.get_value()) };
                            signing.as_trainer(message, move |p, role, stamp| p.mark_activity(role, &key, n, done, stamp));
                        };
                        view! {
                            <li class="activity" class:done=is_done data-testid="training-activity" data-task=task.key.clone() data-activity=n data-done=is_done.to_string()>
                                <span class="activity-text">{text}</span>
                                {match record {
                                    Some(r) => view! {
                                        <span class="verified-by" data-testid="activity-done-by">
                                            {format!("✓ Done {} — recorded by {}", r.on.format("%b %-d, %Y"), r.by)}
                                            <button type="button" class="link-button" data-testid="activity-undo" on:click=move |_| mark(false)>"Undo"</button>
                                        </span>
                                    }.into_any(),
                                    None => view! {
                                        <button type="button" class="secondary small" data-testid="activity-done" on:click=move |_| mark(true)>"Mark done"</button>
                                    }.into_any(),
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// The sign-off line of a level: signed and locked (with reopen), or the
/// button to sign it off.
#[component]
pub(super) fn LevelSignOffLine(level: Level, trainee: Trainee, signing: Signing) -> impl IntoView {
    let sign = trainee.progress.level_sign_off(level).cloned();
    let locked = sign.is_some().to_string();
    let sign_off = move |_| {
        let note = signing.note.get_untracked();
        signing.note.set(String::new());
        signing.as_trainer(format!("{} signed off and locked.", level.label()), move |p, role, stamp| {
            p.sign_off_level(role, level, &note, stamp)
        });
    };
    let reopen = move |_| {
        let Some(reason) = ask_reason(&format!("Why is \"{}\" being reopened? (kept in the history)", level.label()))
        else {
            return;
        };
        signing.as_trainer(format!("{} reopened.", level.label()), move |p, _, stamp| {
            p.reopen_level(level, &reason, stamp)
        });
    };
    view! {
        <div class="level-signoff" data-testid="level-signoff" data-level=level.code() data-locked=locked>
            {match sign {
                Some(s) => view! {
                    <span>{format!("🔒 Signed off as complete by {} on {}", s.by, s.on.format("%b %-d, %Y"))}{(!s.note.is_empty()).then(|| format!(" — {}", s.note))}</span>
                    <button type="button" class="secondary small" data-testid="level-reopen" on:click=reopen>"Reopen"</button>
                }.into_any(),
                None => view! {
                    <button type="button" class="secondary small" data-testid="level-signoff-button" on:click=sign_off>{format!("Sign off {} as complete", level.label())}</button>
                }.into_any(),
            }}
        </div>
    }
}

/// The trainee's name, role, dates and figures.
#[component]
pub(super) fn TraineeHeader(trainee: Trainee, role: Role) -> impl IntoView {
    let state = use_app();
    let as_of = state.as_of.get_untracked().date;
    let level = expected_level(trainee.start_date, as_of);
    let due = level_due(trainee.start_date, level)
        .map(|d| format!("due {}", d.format("%b %-d, %Y")))
        .unwrap_or_else(|| "ongoing".into());
    let figures = trainee.progress.overall(&role);
    view! {
        <div class="trainee-head">
            <h1>{trainee.name.clone()}</h1>
            <p class="meta">
                {format!("{} · trainer {} · started {} · {} in role · expected level: {} ({due})", trainee.role, trainee.trainer, trainee.start_date.format("%b %-d, %Y"), tenure_text(trainee.start_date, as_of), level.label())}
            </p>
            <p class="overall">"Overall: " <ProgressFigures figures trainee=trainee.name.clone()/></p>
        </div>
    }
}

/// The signing name and the note for the next verification.
#[component]
pub(super) fn SigningBar(signing: Signing) -> impl IntoView {
    let state = use_app();
    view! {
        <div class="signing-bar inline-form">
            <Show when=move || state.signed_in().is_some()
                fallback=move || view! { <label>"Signing as (trainer) " <input type="text" size="18" data-testid="signer-name" bind:value=signing.signer/></label> }>
                <span data-testid="signed-in-as">"Signing as " <strong>{move || state.signed_in().unwrap_or_default()}</strong> " (signed in to team sync)"</span>
            </Show>
            <label>"Note for the next verification or sign-off (optional) " <input type="text" size="30" data-testid="verify-note" bind:value=signing.note/></label>
        </div>
    }
}

//! The role library: each role's responsibilities and tasks, blank sign-off
//! sheets, and the editor (rename, add, remove and reorder tasks and items;
//! copy a role; reset to the original; share a role as a file).

use crate::domain::roles::level::Level;
use crate::domain::roles::library::{
    Item, LevelPart, Levels, Role, RoleLibrary, Task, file_stem, read_role_file, role_file,
};
use crate::routes::Page;
use crate::storage::settings::ROLE_LIBRARY;
use crate::ui::state::{AppState, new_id, use_app};
use crate::ui::widgets::form_message::{Message, Outcome};
use crate::ui::widgets::{FormMessage, files};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Applies `op` to the library as stored (the original when the agency has
/// none), checks the result and saves it, in one transaction, so another
/// tab's edit to another role is kept; reports in `message`.
fn change_library(
    state: AppState,
    op: impl FnOnce(&mut RoleLibrary) -> Result<(), String> + 'static,
    message: RwSignal<Message>,
    ok: &'static str,
) {
    state.change_setting(
        ROLE_LIBRARY,
        move |stored: Option<RoleLibrary>| {
            let mut library = stored.unwrap_or_else(RoleLibrary::original);
            op(&mut library)?;
            let problems = library.problems();
            if problems.is_empty() { Ok(library) } else { Err(problems.join(" ")) }
        },
        message,
        ok,
    );
}

#[component]
pub fn LibraryPage() -> impl IntoView {
    let state = use_app();
    let selected =
        RwSignal::new(state.library.with_untracked(|l| l.roles.first().map(|r| r.key.clone()).unwrap_or_default()));
    let role = Memo::new(move |_| {
        let key = selected.get();
        state.library.with(|l| l.roles.iter().find(|r| r.key == key).or(l.roles.first()).cloned())
    });
    let message = RwSignal::new(None::<Outcome>);
    let editing = RwSignal::new(false);
    let import = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen_file(&ev) else { return };
        files::reset_input(&ev);
        spawn_local(async move {
            let text = match files::read_bytes(&file)
                .await
                .and_then(|b| String::from_utf8(b).map_err(|_| format!("{} is not a text file.", file.name())))
            {
                Ok(t) => t,
                Err(e) => return message.set(Some(Outcome::Refused(e))),
            };
            let role = match read_role_file(&text) {
                Ok(r) => r,
                Err(e) => return message.set(Some(Outcome::Refused(format!("{} was not imported: {e}", file.name())))),
            };
            let replaces = state.library.with_untracked(|l| l.roles.iter().any(|r| r.key == role.key));
            if replaces && !window().confirm_with_message(&format!("Replace the library's \"{}\" with the one in {}? Progress recorded against items that keep their keys is kept.", role.name, file.name())).unwrap_or(false) {
                return;
            }
            selected.set(role.key.clone());
            let name = file.name();
            change_library(
                state,
                move |l| l.put_role(role).map_err(|e| format!("{name} was not imported: {e}")),
                message,
                "The role was imported into the library.",
            );
        });
    };
    view! {
        <section class="page role-library" data-testid="role-library">
            <p class="no-print"><a href=Page::Onboarding.href()>"← Onboarding"</a></p>
            <h1>"Role library"</h1>
            <p class="lead">"The role expectations trainees are signed off against: core responsibilities, then each task with why it matters, what is expected at each tenure level, and the knowledge, skills, technology and training activities behind it. Edit them to fit your agency; the original pages can always be put back."</p>
            <div class="chips" role="group" aria-label="Role">
                {move || state.library.with(|l| l.roles.iter().map(|r| {
                    let key = r.key.clone();
                    let on = key.clone();
                    view! { <button type="button" class="chip" aria-pressed=move || (selected.get() == on).to_string() data-testid="role-choice" on:click=move |_| { selected.set(key.clone()); editing.set(false); }>{r.name.clone()}</button> }
                }).collect_view())}
            </div>
            <FormMessage message testid="library-message"/>
            <div class="actions">
                <button type="button" class="secondary" data-testid="role-edit" on:click=move |_| editing.update(|e| *e = !*e)>{move || if editing.get() { "Close the editor" } else { "Edit this role" }}</button>
                <button type="button" class="secondary" data-testid="role-export" on:click=move |_| {
                    if let Some(r) = role.get_untracked() {
                        match files::download(&format!("role-{}.json", file_stem(&r.name)), "application/json", &role_file(&r)) {
                            Ok(()) => message.set(Some(Outcome::Done(format!("\"{}\" was exported as a role file.", r.name)))),
                            Err(e) => message.set(Some(Outcome::Refused(e))),
                        }
                    }
                }>"Export role file"</button>
                <label class="button secondary file-button">"Import role file" <input type="file" accept=".json,application/json" data-testid="role-import" on:change=import/></label>
            </div>
            <RoleTools role selected message/>
            {move || role.get().map(|r| if editing.get() {
                view! { <RoleEditor role=r message/> }.into_any()
            } else {
                view! { <RoleView role=super::for_trainees(state, &r)/> }.into_any()
            })}
        </section>
    }
}

/// Copy, reset, remove, and the blank sheets of the chosen role.
#[component]
fn RoleTools(role: Memo<Option<Role>>, selected: RwSignal<String>, message: RwSignal<Message>) -> impl IntoView {
    let state = use_app();
    let copy_name = RwSignal::new(String::new());
    let copy = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(r) = role.get_untracked() else { return };
        let name = copy_name.get_untracked();
        if name.trim().is_empty() {
            return message.set(Some(Outcome::Refused("Enter a name for the new role.".into())));
        }
        let key = format!("{}-{}", file_stem(&name), new_id());
        copy_name.set(String::new());
        selected.set(key.clone());
        change_library(
            state,
            move |l| l.put_role(r.copy_as(&name, &key)),
            message,
            "The new role was added; edit it below.",
        );
    };
    let reset = move |_| {
        let Some(r) = role.get_untracked() else { return };
        if !window().confirm_with_message(&format!("Put back the original \"{}\"? Your edits to it are discarded; progress on items that still exist is kept.", r.name)).unwrap_or(false) {
            return;
        }
        change_library(state, move |l| l.reset_role(&r.key), message, "The original role is back.");
    };
    let remove = move |_| {
        let Some(r) = role.get_untracked() else { return };
        let users: Vec<String> = state.trainees.with_untracked(|t| {
            t.iter()
                .filter(|t| state.library.with_untracked(|l| l.role(&t.role).map(|x| x.key == r.key).unwrap_or(false)))
                .map(|t| t.name.clone())
                .collect()
        });
        if !users.is_empty() {
            return message.set(Some(Outcome::Refused(format!(
                "\"{}\" is the role of {}; change their role before removing it.",
                r.name,
                users.join(", ")
            ))));
        }
        if !window().confirm_with_message(&format!("Remove the role \"{}\" from the library?", r.name)).unwrap_or(false)
        {
            return;
        }
        selected.set(
            state
                .library
                .with_untracked(|l| l.roles.iter().find(|x| x.key != r.key).map(|x| x.key.clone()).unwrap_or_default()),
        );
        change_library(
            state,
            move |l| {
                l.roles.retain(|x| x.key != r.key);
                Ok(())
            },
            message,
            "The role was removed.",
        );
    };
    view! {
        {move || role.get().map(|r| {
            let original = RoleLibrary::original_role(&r.key).is_some();
            let key = r.key.clone();
            view! {
                <div class="card role-tools">
                    <p>"Blank sign-off sheets to print: "
                        {Level::ALL.into_iter().map(|l| view! {
                            <a class="sheet-link" data-testid="sheet-link" data-level=l.code() href=format!("{}/sheet/{}/{}", Page::Onboarding.href(), key, l.code())>{l.label()}</a>
                        }).collect_view()}
                    </p>
                    <form class="inline-form" on:submit=copy>
                        <label>"Copy this role as " <input type="text" data-testid="role-copy-name" placeholder="e.g. Senior Client Manager" bind:value=copy_name/></label>
                        <button type="submit" class="secondary" data-testid="role-copy">"Copy role"</button>
                        {if original {
                            view! { <button type="button" class="secondary" data-testid="role-reset" on:click=reset>"Reset to the original"</button> }.into_any()
                        } else {
                            view! { <button type="button" class="secondary" data-testid="role-remove" on:click=remove>"Remove this role"</button> }.into_any()
                        }}
                    </form>
                </div>
            }
        })}
    }
}

#[component]
fn RoleView(role: Role) -> impl IntoView {
    view! {
        <div data-testid="role-view" data-role=role.name.clone()>
            {(!role.intro.is_empty()).then(|| view! { <p class="hint">{role.intro.clone()}</p> })}
            {(!role.core.is_empty()).then(|| view! {
                <section class="card">
                    <h2>"Core responsibilities"</h2>
                    <ul>{role.core.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}</ul>
                </section>
            })}
            {role.tasks.iter().map(|task| view! {
                <article class="card task" data-testid="role-task" data-role=role.name.clone() data-task=task.key.clone()>
                    <h2>{task.title.clone()}</h2>
                    <p class="why"><strong>"Why it matters: "</strong>{task.why.clone()}</p>
                    <div class="task-columns">
                        <div>
                            {Level::ALL.into_iter().map(|l| {
                                let part = task.level(l).clone();
                                view! {
                                    <h3>{l.label()}</h3>
                                    {part.note.clone().map(|n| view! { <p class="hint">{n}</p> })}
                                    {part.runs().into_iter().map(|(context, items)| view! {
                                        {context.map(|c| view! { <p class="item-context" data-testid="item-context" data-level=l.code()>{c.to_string()}</p> })}
                                        <ul class:introduced=context.is_some()>{items.into_iter().map(|i| view! { <li data-testid="expectation-item" data-level=l.code() data-item=i.key.clone()>{i.text.clone()}</li> }).collect_view()}</ul>
                                    }).collect_view()}
                                }
                            }).collect_view()}
                            {task.footnote.clone().map(|n| view! { <p class="hint">{n}</p> })}
                        </div>
                        <aside class="resources">
                            {task.resources.iter().map(|g| view! {
                                <h3>{g.heading.clone()}</h3>
                                <ul>{g.items.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}</ul>
                            }).collect_view()}
                        </aside>
                    </div>
                </article>
            }).collect_view()}
        </div>
    }
}

/// Edits a draft of one role; nothing is saved until "Save the role".
#[component]
fn RoleEditor(role: Role, message: RwSignal<Message>) -> impl IntoView {
    let state = use_app();
    let original = StoredValue::new(role.clone());
    let draft = RwSignal::new(role);
    let edit = move |f: Box<dyn FnOnce(&mut Role)>| draft.update(|d| f(d));
    let changed = move || draft.with(|d| original.with_value(|o| d != o));
    let save = move |_| {
        let r = draft.get_untracked();
        let began = original.get_value();
        change_library(
            state,
            move |l| {
                // Saved over the role as this editor began from it, or not at all.
                if l.roles.iter().find(|x| x.key == began.key) != Some(&began) {
                    return Err(format!(
                        "\"{}\" was changed in another tab or window (or by a teammate, through team sync) since you began editing it, so your edits were not saved; the newer version is shown when you discard your changes.",
                        began.name
                    ));
                }
                l.put_role(r)
            },
            message,
            "The role is saved.",
        );
    };
    view! {
        <section class="card role-editor" data-testid="role-editor">
            <h2>"Editing"</h2>
            <p class="hint">"Write {agency} where the agency's own name belongs: trainees read the workspace's name there (set in Settings), or \"the agency\". A line that ends with a colon introduces the items after it in its level: it is shown above them and is not signed off."</p>
            <div class="inline-form">
                <label>"Role name " <input type="text" size="30" data-testid="role-name" prop:value=move || draft.with(|d| d.name.clone()) on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |d| d.name = v)); }/></label>
                <button type="button" data-testid="role-save" disabled=move || !changed() on:click=save>"Save the role"</button>
                <button type="button" class="secondary" disabled=move || !changed() on:click=move |_| draft.set(original.get_value())>"Discard changes"</button>
            </div>
            {move || {
                let n = draft.with(|d| d.tasks.len());
                draft.with(|d| d.tasks.iter().enumerate().map(|(ti, task)| view! {
                    <fieldset class="task-edit" data-testid="task-edit" data-task=task.key.clone()>
                        <legend>{format!("Task {}", ti + 1)}</legend>
                        <div class="inline-form">
                            <label>"Title " <input type="text" size="50" data-testid="task-title" prop:value=task.title.clone() on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |d| d.tasks[ti].title = v)); }/></label>
                            <button type="button" class="icon" aria-label="Move task up" disabled={ti == 0} on:click=move |_| edit(Box::new(move |d| d.tasks.swap(ti, ti - 1)))>"↑"</button>
                            <button type="button" class="icon" aria-label="Move task down" disabled={ti + 1 == n} on:click=move |_| edit(Box::new(move |d| d.tasks.swap(ti, ti + 1)))>"↓"</button>
                            <button type="button" class="icon" aria-label="Remove this task" data-testid="task-remove" on:click=move |_| edit(Box::new(move |d| { d.tasks.remove(ti); }))>"×"</button>
                        </div>
                        <label class="block">"Why it matters " <textarea rows="2" data-testid="task-why" prop:value=task.why.clone() on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |d| d.tasks[ti].why = v)); }></textarea></label>
                        {Level::ALL.into_iter().map(|l| {
                            let items = task.level(l).items.clone();
                            let count = items.len();
                            // The lead-in, shown above the first item it introduces.
                            let earlier = items.clone();
                            let lead_in = move |ii: usize, item: &Item| item.context.clone().filter(|c| ii == 0 || earlier[ii - 1].context.as_ref() != Some(c));
                            view! {
                                <h3>{l.label()}</h3>
                                <ol class="item-edit">
                                    {items.into_iter().enumerate().map(|(ii, item)| view! {
                                        <li data-testid="item-edit" data-level=l.code()>
                                            {lead_in(ii, &item).map(|c| view! { <span class="item-context hint">{c}</span> })}
                                            <input type="text" size="70" data-testid="item-text" aria-label=format!("{} item {}", l.label(), ii + 1) prop:value=item.text.clone() on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |d| d.tasks[ti].level_mut(l).items[ii].text = v)); }/>
                                            <button type="button" class="icon" aria-label="Move up" disabled={ii == 0} on:click=move |_| edit(Box::new(move |d| d.tasks[ti].level_mut(l).items.swap(ii, ii - 1)))>"↑"</button>
                                            <button type="button" class="icon" aria-label="Move down" disabled={ii + 1 == count} on:click=move |_| edit(Box::new(move |d| d.tasks[ti].level_mut(l).items.swap(ii, ii + 1)))>"↓"</button>
                                            <button type="button" class="icon" aria-label="Remove this item" data-testid="item-remove" on:click=move |_| edit(Box::new(move |d| { d.tasks[ti].level_mut(l).items.remove(ii); }))>"×"</button>
                                        </li>
                                    }).collect_view()}
                                </ol>
                                <button type="button" class="secondary small" data-testid="item-add" data-level=l.code() on:click=move |_| edit(Box::new(move |d| {
                                    d.tasks[ti].level_mut(l).items.push(Item::new(format!("item-{}", new_id()), "New expectation"));
                                }))>"+ item"</button>
                            }
                        }).collect_view()}
                    </fieldset>
                }).collect_view())
            }}
            <button type="button" class="secondary" data-testid="task-add" on:click=move |_| edit(Box::new(move |d| {
                d.tasks.push(Task {
                    key: format!("task-{}", new_id()),
                    title: "New task".into(),
                    why: String::new(),
                    levels: Levels { new: LevelPart::default(), meeting: LevelPart::default(), exceeding: LevelPart::default() },
                    footnote: None,
                    resources: Vec::new(),
                });
            }))>"+ task"</button>
        </section>
    }
}

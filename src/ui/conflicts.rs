//! Team sync's disagreements: the same value changed differently in two
//! places. Each is shown side by side, and nothing changes until the user
//! chooses and saves.

use crate::domain::book::AgencyProfile;
use crate::domain::sync::docs::Changed;
use crate::storage::format::sync::OpenConflicts;
use crate::ui::state::{local_date_time, use_app};
use leptos::prelude::*;
use serde_json::Value;

/// Every document with disagreements, under the header.
#[component]
pub fn ConflictsPanel() -> impl IntoView {
    let state = use_app();
    let open = state.open_conflicts();
    view! {
        <Show when=move || open.with(|o| !o.is_empty())>
            <section class="banner conflicts" role="alert" data-testid="sync-conflicts">
                <h2>"Differences to settle"</h2>
                <p>"These were changed differently here and by someone else before either change reached the other. Choose what to keep for each, then save."</p>
                <For each=move || open.get() key=|o| (o.id.clone(), o.at.clone()) let:doc>
                    <DocConflicts doc/>
                </For>
            </section>
        </Show>
    }
}

/// A value as a person reads it.
fn shown(v: &Option<Value>) -> String {
    match v {
        None => "(removed)".into(),
        Some(Value::String(s)) if s.is_empty() => "(empty)".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Who changed one side, and when, as a person reads it.
fn who_when(changed: &Option<Changed>, profile: &AgencyProfile) -> String {
    match changed {
        Some(c) => format!("{}, {}", profile.person_for(&c.by), local_date_time(&c.at)),
        None => "(not recorded)".into(),
    }
}

/// The record a document holds, as people name it: the client, the
/// client's renewal and its date, the trainee, or the settings group.
fn record_name(id: &str) -> String {
    let state = use_app();
    let client = |account: &str| {
        state.book.with_untracked(|b| b.accounts.iter().find(|a| a.id == account).map(|a| a.client_name.clone()))
    };
    match id.split_once(':') {
        Some(("account", a)) => client(a).unwrap_or_else(|| "An account".into()),
        Some(("renewal", r)) => {
            let (account, date) = r.rsplit_once('@').unwrap_or((r, ""));
            format!("{}'s renewal of {date}", client(account).unwrap_or_else(|| "An account".into()))
        }
        Some(("trainee", t)) => state
            .trainees
            .with_untracked(|l| l.iter().find(|x| x.id == t).map(|x| x.name.clone()))
            .unwrap_or_else(|| "A trainee".into()),
        Some(("settings", g)) => format!("Settings ({g})"),
        _ => id.to_string(),
    }
}

/// One document's disagreements with a choice per field.
#[component]
fn DocConflicts(doc: OpenConflicts) -> impl IntoView {
    let state = use_app();
    // Per conflict: true = keep mine, false = keep theirs.
    let choices = RwSignal::new(vec![false; doc.conflicts.len()]);
    let message = RwSignal::new(String::new());
    let id = doc.id.clone();
    let conflicts = doc.conflicts.clone();
    let save = move |_| {
        let chosen = conflicts
            .iter()
            .zip(choices.get_untracked())
            .map(|(c, mine)| (c.clone(), if mine { c.mine.clone() } else { c.theirs.clone() }))
            .collect();
        state.settle_conflicts(id.clone(), chosen, move |r| {
            if let Err(e) = r {
                message.set(format!("Not saved: {e}"));
            }
        });
    };
    let rows = doc
        .conflicts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (mine, theirs) = (shown(&c.mine), shown(&c.theirs));
            let (mine_by, theirs_by) =
                state.profile.with_untracked(|p| (who_when(&c.mine_changed, p), who_when(&c.theirs_changed, p)));
            let pick = move |keep_mine: bool| choices.update(|v| v[i] = keep_mine);
            view! {
                <tr data-testid="conflict-field" data-field=c.path.to_string()>
                    <th scope="row">{c.label.clone()}</th>
                    <td class:chosen=move || choices.with(|v| v[i])>
                        <span class="conflict-value">{mine}</span>
                        <small class="conflict-who" data-testid="conflict-who-mine">{mine_by}</small>
                        <button type="button" data-testid="conflict-keep-mine" on:click=move |_| pick(true)>"Keep mine"</button>
                    </td>
                    <td class:chosen=move || choices.with(|v| !v[i])>
                        <span class="conflict-value">{theirs}</span>
                        <small class="conflict-who" data-testid="conflict-who-theirs">{theirs_by}</small>
                        <button type="button" data-testid="conflict-keep-theirs" on:click=move |_| pick(false)>"Keep theirs"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="conflict" data-testid="sync-conflict" data-record=doc.id.clone()>
            <table class="data-table compact">
                <thead><tr><th>{record_name(&doc.id)}</th><th>"This browser"</th><th>"The team database"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <button type="button" data-testid="conflict-save" on:click=save>"Save these choices"</button>
            <span class="form-message error">{move || message.get()}</span>
        </div>
    }
}

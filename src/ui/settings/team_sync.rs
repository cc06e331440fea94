//! Settings → Team sync: connect this workspace to the agency's CouchDB
//! database, or disconnect it.

use crate::ui::state::{DEMO_WORKSPACE, use_app};
use crate::ui::widgets::FormMessage;
use crate::ui::widgets::form_message::Outcome;
use leptos::prelude::*;

#[component]
pub fn TeamSyncCard() -> impl IntoView {
    let state = use_app();
    let url = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let message = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    // The form starts from the saved link, if any.
    Effect::new(move |_| {
        if let Some(link) = state.sync_link.get() {
            url.set(link.url);
            user.set(link.user);
        }
    });
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let fields = (url.get_untracked(), user.get_untracked(), password.get_untracked());
        state.connect_sync(fields, remember.get_untracked(), move |result| {
            busy.set(false);
            password.set(String::new());
            message.set(Some(match result {
                Ok(m) => Outcome::Done(m),
                Err(m) => Outcome::Refused(m),
            }));
        });
    };
    let disconnect = move |_| {
        state.disconnect_sync(move |result| {
            message.set(Some(match result {
                Ok(()) => Outcome::Done("Disconnected. This workspace stays in this browser, as it is now.".into()),
                Err(e) => Outcome::Refused(format!("Not disconnected: {e}")),
            }))
        });
    };
    view! {
        <section class="card" data-testid="team-sync-card">
            <h2>"Team sync"</h2>
            <p>"Share this workspace with your team through your agency's own CouchDB database. Until you connect, nothing leaves this browser. Every change is kept here first and sent when the database answers."</p>
            <Show when=move || state.workspace_id.get() == DEMO_WORKSPACE>
                <p class="hint">"The demo workspace never syncs."</p>
            </Show>
            <form class="field-grid" on:submit=connect>
                <SyncFields url user password remember/>
                <div class="inline-form">
                    <button type="submit" data-testid="sync-connect" disabled=move || busy.get()>
                        {move || if state.sync_link.get().is_some() { "Reconnect" } else { "Connect" }}
                    </button>
                    <Show when=move || state.sync_link.get().is_some()>
                        <button type="button" class="secondary" data-testid="sync-disconnect" on:click=disconnect>"Disconnect"</button>
                    </Show>
                </div>
            </form>
            <p class="hint" data-testid="sync-state-text">{move || state.session.sync.get().message}</p>
            <FormMessage message testid="sync-message"/>
        </section>
    }
}

/// The database address, the user, the password and "remember".
#[component]
fn SyncFields(
    url: RwSignal<String>,
    user: RwSignal<String>,
    password: RwSignal<String>,
    remember: RwSignal<bool>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>"Team database address (for example /couch/agency-smith, or https://couch.example.com/agency-smith)"</span>
            <input type="text" data-testid="sync-url" prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/>
        </label>
        <label class="field">
            <span>"User name"</span>
            <input type="text" autocomplete="username" data-testid="sync-user" prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev))/>
        </label>
        <label class="field">
            <span>"Password"</span>
            <input type="password" autocomplete="current-password" data-testid="sync-password" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/>
        </label>
        <label class="field inline">
            <input type="checkbox" data-testid="sync-remember" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev))/>
            " Remember the password on this device. Anyone who can open this browser profile can then sync as you; leave it off on a shared computer (you then type it once per tab)."
        </label>
    }
}

//! Settings → Team sync: connect this workspace to the agency's CouchDB
//! database, or disconnect it.

use crate::ui::state::{Connection, DEMO_WORKSPACE, Joining, use_app};
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
    // Set when both this browser and the team database have data: the
    // user chooses how to join before anything is saved.
    let asking = RwSignal::new(None::<u64>);
    let submit = move |join: Option<Joining>| {
        busy.set(true);
        let fields = (url.get_untracked(), user.get_untracked(), password.get_untracked());
        state.connect_sync(fields, remember.get_untracked(), join, move |result| {
            busy.set(false);
            match result {
                Ok(Connection::AskHowToJoin { team_documents }) => {
                    message.set(None);
                    asking.set(Some(team_documents));
                }
                Ok(Connection::Connected(m)) => {
                    asking.set(None);
                    password.set(String::new());
                    message.set(Some(Outcome::Done(m)));
                }
                Err(m) => {
                    asking.set(None);
                    password.set(String::new());
                    message.set(Some(Outcome::Refused(m)));
                }
            }
        });
    };
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit(None);
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
            <HowToJoin asking busy choose=Callback::new(move |j: Option<Joining>| match j {
                Some(j) => submit(Some(j)),
                None => {
                    asking.set(None);
                    password.set(String::new());
                }
            })/>
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
            " Remember the password on this device. Anyone who can open this browser profile can then sync as you; leave it off on a shared computer. Off, the password stays in this tab only; a reload carries on with the team database's sign-in session while it lasts, then asks again."
        </label>
    }
}

/// Both this browser and the team database have a book: take the team's
/// (this one kept as a safety copy) or merge the two. `choose` gets the
/// choice, or None to connect neither way.
#[component]
fn HowToJoin(asking: RwSignal<Option<u64>>, busy: RwSignal<bool>, choose: Callback<Option<Joining>>) -> impl IntoView {
    let state = use_app();
    let here = move || {
        let accounts = state.book.with(|b| b.accounts.len());
        let trainees = state.trainees.with(|t| t.len());
        format!("{accounts} accounts and {trainees} trainees")
    };
    view! {
        <Show when=move || asking.get().is_some()>
            <div class="join-choice" role="group" aria-label="How to join the team's book" data-testid="sync-join">
                <p>
                    {move || format!("The team database already holds {} records, and this browser holds {}. Choose how to join:", asking.get().unwrap_or_default(), here())}
                </p>
                <div class="inline-form">
                    <button type="button" data-testid="sync-join-take" disabled=move || busy.get() on:click=move |_| choose.run(Some(Joining::TakeTeams))>
                        "Take the team's book"
                    </button>
                    <span class="hint">"This browser's book is replaced by the team's; what is here now is kept under Safety copies, to restore or compare."</span>
                </div>
                <div class="inline-form">
                    <button type="button" class="secondary" data-testid="sync-join-merge" disabled=move || busy.get() on:click=move |_| choose.run(Some(Joining::Merge))>
                        "Merge both books"
                    </button>
                    <span class="hint">"Everything here is sent and combined with the team's; where the same value differs, both are listed for you to choose."</span>
                </div>
                <button type="button" class="link-button" data-testid="sync-join-cancel" on:click=move |_| choose.run(None)>"Cancel: stay unsynced"</button>
            </div>
        </Show>
    }
}

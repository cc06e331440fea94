//! Settings: the workspace's name and the app-wide as-of date.

use super::state::{AppState, browser_today, use_app};
use super::widgets::FormMessage;
use crate::domain::as_of::{AsOfSource, format_iso, parse_iso_date};
use crate::storage::settings;
use crate::ui::widgets::form_message::Outcome;
use leptos::prelude::*;

mod backup;
mod profile;
mod team_sync;
mod workspace;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>"Settings"</h1>
            <AsOfForm/>
            <WorkspaceForm/>
            <section class="card" data-testid="tracking-card">
                <h2>"Renewal tracking"</h2>
                <super::renewals::TrackingStart/>
            </section>
            <profile::ProfileCard/>
            <team_sync::TeamSyncCard/>
            <workspace::WorkspaceSwitch/>
            <backup::BackupCard/>
            <workspace::StorageCard/>
            <section class="card">
                <h2>"About"</h2>
                <p>{format!("{} version {}.", crate::PRODUCT_NAME, crate::APP_VERSION)}</p>
                <p>"Everything is kept in this browser's storage on this computer; nothing is sent anywhere unless you connect Team sync, which sends this workspace to your agency's own database only. After one visit the app also opens without a network connection."</p>
            </section>
        </section>
    }
}

/// Clears the saved as-of date so the app follows today again.
pub fn clear_saved_as_of(state: AppState) {
    state.put_setting(settings::AS_OF_DATE, None, move |result| {
        if let Err(e) = result {
            state.error(e)
        }
    });
}

#[component]
fn AsOfForm() -> impl IntoView {
    let state = use_app();
    let draft = RwSignal::new(state.as_of.get_untracked().iso());
    let message = RwSignal::new(None::<Outcome>);
    // Keep the field in step when the date changes elsewhere (header, link).
    Effect::new(move |_| draft.set(state.as_of.get().iso()));

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = match parse_iso_date(&draft.get_untracked()) {
            Ok(d) => d,
            Err(e) => {
                message.set(Some(Outcome::Refused(format!("Not saved: {e}."))));
                return;
            }
        };
        // A date that is today is not kept: the app then follows today.
        let saved = (date != browser_today()).then_some(date);
        state.put_setting(settings::AS_OF_DATE, saved, move |result| match result {
            Ok(()) => {
                drop_link_as_of();
                state.refresh_as_of();
                message.set(Some(Outcome::Done(format!("Saved. Every page now counts from {}.", format_iso(date)))));
            }
            Err(e) => message.set(Some(Outcome::Refused(format!("Not saved: {e}")))),
        });
    };

    view! {
        <section class="card">
            <h2>"As-of date"</h2>
            <p>"Every countdown, tenure and due date counts from this day. Set a later date to see the book as it will look then (for a demo, or to plan ahead); the header says whenever it is not today. A link ending in "<code>"?asof=YYYY-MM-DD"</code>" opens a tab at that date without changing this setting."</p>
            <Show when=move || state.as_of.get().source == AsOfSource::Link>
                <p class="hint">"This tab was opened with a link's date. Saving here replaces it for this tab and sets the date for new tabs."</p>
            </Show>
            <form class="inline-form" on:submit=save>
                <label for="asof-input">"As-of date"</label>
                <input
                    id="asof-input"
                    type="date"
                    data-testid="asof-input"
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    required
                />
                <button type="submit">"Save date"</button>
                <button type="button" class="secondary" on:click=move |_| {
                    drop_link_as_of();
                    clear_saved_as_of(state);
                    message.set(Some(Outcome::Done("Following today again.".into())));
                }>"Use today"</button>
            </form>
            <FormMessage message=message/>
        </section>
    }
}

#[component]
fn WorkspaceForm() -> impl IntoView {
    let state = use_app();
    let draft = RwSignal::new(state.workspace_name.get_untracked());
    let base = RwSignal::new(state.workspace_name.get_untracked());
    Effect::new(move |_| {
        let saved = state.workspace_name.get();
        draft.set(saved.clone());
        base.set(saved);
    });
    let message = RwSignal::new(None::<Outcome>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = draft.get_untracked().trim().to_string();
        if name.is_empty() {
            message.set(Some(Outcome::Refused("Not saved: the agency name cannot be empty.".into())));
            return;
        }
        if name.chars().count() > 80 {
            message.set(Some(Outcome::Refused("Not saved: keep the agency name to 80 characters or fewer.".into())));
            return;
        }
        state.save_setting(settings::AGENCY_NAME, base, name, message, "Saved.");
    };
    view! {
        <section class="card">
            <h2>"Agency"</h2>
            <form class="inline-form" on:submit=save>
                <label for="agency-name">"Agency name"</label>
                <input
                    id="agency-name"
                    type="text"
                    maxlength="80"
                    data-testid="agency-name-input"
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                />
                <button type="submit">"Save name"</button>
            </form>
            <FormMessage message=message/>
        </section>
    }
}

/// Removes `?asof=` from this tab's address so the saved date applies.
pub fn drop_link_as_of() {
    let location = window().location();
    let search = location.search().unwrap_or_default();
    if search.is_empty() {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{hash}")));
    }
}

//! The workspace's tracking start: shown and changed on the board and in
//! Settings.

use crate::domain::as_of::parse_iso_date;
use crate::storage::settings::TRACKING_START;
use crate::ui::state::use_app;
use crate::ui::widgets::FormMessage;
use crate::ui::widgets::form_message::Outcome;
use leptos::prelude::*;

/// "Tracking starts on": milestones due before it are the team's work
/// before the app, greyed on the board and counted neither overdue nor done.
#[component]
pub fn TrackingStart() -> impl IntoView {
    let state = use_app();
    let message = RwSignal::new(None::<Outcome>);
    let save = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let date = if text.trim().is_empty() {
            None
        } else {
            match parse_iso_date(&text) {
                Ok(d) => Some(d),
                Err(e) => return message.set(Some(Outcome::Refused(format!("Not saved: {e}.")))),
            }
        };
        state.put_setting(TRACKING_START, date, move |result| match result {
            Ok(()) => {
                message.set(Some(Outcome::Done(match date {
                    Some(d) => format!("Tracking starts on {}.", d.format("%b %-d, %Y")),
                    None => "No tracking start: every milestone counts.".to_string(),
                })));
            }
            Err(e) => message.set(Some(Outcome::Refused(format!("Not saved: {e}")))),
        });
    };
    view! {
        <div class="tracking-start">
            <label class="field inline">
                <span>"Tracking starts on"</span>
                <input type="date" data-testid="tracking-start" prop:value=move || state.tracking.get().map(|d| d.to_string()).unwrap_or_default() on:change=save/>
            </label>
            <span class="hint">{move || match state.tracking.get() {
                Some(_) => "Milestones due before this date were the team's work before this app: they are greyed, neither overdue nor counted done. A renewal's panel can mark them done.",
                None => "Not set: every milestone counts, however long ago it was due. The first import sets it to that day's as-of date.",
            }}</span>
            <FormMessage message testid="tracking-start-message"/>
        </div>
    }
}

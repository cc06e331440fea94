//! The outcome line under a form: an error in red, a success in green.

use leptos::prelude::*;

/// `(is_error, text)`; nothing is shown while it is None.
pub type Message = Option<(bool, String)>;

/// Applies what was read from a form field and clears `message`, or shows
/// in `message` why it was refused (the field keeps what was typed).
pub fn take<T>(read: Result<T, String>, message: RwSignal<Message>, apply: impl FnOnce(T)) {
    match read {
        Ok(value) => {
            message.set(None);
            apply(value);
        }
        Err(why) => message.set(Some((true, why))),
    }
}

/// Shows `message` as a status line; `testid` names it for automation.
#[component]
pub fn FormMessage(message: RwSignal<Message>, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    move || {
        message.get().map(|(is_error, text)| {
            view! {
                <p class=if is_error { "form-message error" } else { "form-message ok" } role="status" data-testid=testid>
                    {text}
                </p>
            }
        })
    }
}

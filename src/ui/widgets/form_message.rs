//! The outcome line under a form: an error in red, a success in green.

use leptos::prelude::*;

/// What became of the action a form asked for, in words for the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It was done (shown in green).
    Done(String),
    /// It was refused or failed, and nothing was changed (shown in red).
    Refused(String),
}

impl Outcome {
    /// Whether this outcome is a refusal.
    pub fn is_error(&self) -> bool {
        matches!(self, Outcome::Refused(_))
    }

    /// The words shown.
    pub fn text(&self) -> &str {
        match self {
            Outcome::Done(t) | Outcome::Refused(t) => t,
        }
    }
}

/// The line under a form; nothing is shown while it is None.
pub type Message = Option<Outcome>;

/// Applies what was read from a form field and clears `message`, or shows
/// in `message` why it was refused (the field keeps what was typed).
pub fn take<T>(read: Result<T, String>, message: RwSignal<Message>, apply: impl FnOnce(T)) {
    match read {
        Ok(value) => {
            message.set(None);
            apply(value);
        }
        Err(why) => message.set(Some(Outcome::Refused(why))),
    }
}

/// Shows `message` as a status line; `testid` names it for automation.
#[component]
pub fn FormMessage(message: RwSignal<Message>, #[prop(optional)] testid: Option<&'static str>) -> impl IntoView {
    move || {
        message.get().map(|m| {
            view! {
                <p class=if m.is_error() { "form-message error" } else { "form-message ok" } role="status" data-testid=testid>
                    {m.text().to_string()}
                </p>
            }
        })
    }
}

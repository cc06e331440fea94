//! A text of a renewal's record (internal notes, claims review) edited in a
//! box and saved against the stored text.

use super::{AfterChange, RecordChange};
use crate::domain::renewals::board::RenewalRecord;
use crate::ui::widgets::form_message::Message;
use leptos::prelude::*;

/// One text of a renewal's record (internal notes, claims review), edited in
/// a box and saved against the stored text: while nothing is typed the box
/// follows saves from other tabs; a save begun from an older text is
/// refused, and the newer text is offered.
#[component]
pub(super) fn RecordText<C>(
    label: &'static str,
    testid: &'static str,
    save_testid: &'static str,
    take_testid: &'static str,
    saved: &'static str,
    read: fn(&RenewalRecord) -> String,
    write: fn(&mut RenewalRecord, &str, &str) -> Result<(), String>,
    record: Memo<Option<RenewalRecord>>,
    change: C,
    message: RwSignal<Message>,
) -> impl IntoView
where
    C: Fn(RecordChange, &'static str, AfterChange) + Copy + 'static,
{
    let stored = move || record.with_untracked(|r| r.as_ref().map(read).unwrap_or_default());
    let text = RwSignal::new(stored());
    // The stored text the box was begun from.
    let base = RwSignal::new(stored());
    // A newer text from another tab, offered after a refused save.
    let newer = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        let now = record.with(|r| r.as_ref().map(read).unwrap_or_default());
        if text.get_untracked() == base.get_untracked() {
            text.set(now.clone());
            base.set(now);
        }
    });
    let save = move |_| {
        let (typed, from) = (text.get_untracked(), base.get_untracked());
        newer.set(None);
        change(
            Box::new(move |rec| write(rec, &typed, &from)),
            saved,
            Box::new(move |result| match result {
                Ok(r) => base.set(read(r)),
                Err(()) => {
                    // Saving again replaces the newer text on purpose.
                    let now = stored();
                    if now != base.get_untracked() {
                        base.set(now.clone());
                        newer.set(Some(now));
                    }
                }
            }),
        );
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <textarea rows="3" data-testid=testid prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
        </label>
        <div class="actions">
            <button type="button" class="secondary" data-testid=save_testid on:click=save>"Save"</button>
            {move || newer.get().map(|t| view! {
                <button type="button" class="secondary" data-testid=take_testid on:click=move |_| {
                    text.set(t.clone());
                    base.set(t.clone());
                    newer.set(None);
                    message.set(None);
                }>"Take the newer text"</button>
            })}
        </div>
    }
}

//! Keeping tabs in step: a change saved in one tab is announced on a
//! BroadcastChannel and reloaded by the others; a database upgrade from a
//! newer tab closes this tab's connection and asks the user to reload, as
//! does a connection the browser closed (a full disk).

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{BroadcastChannel, IdbDatabase, IdbOpenDbRequest, MessageEvent};

const CHANNEL: &str = "agency-desk-changes";

thread_local! {
    static CHANNEL_HANDLE: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
    static WATCHER: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    static PERSIST_ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Listens for other tabs' changes; call once at start-up. `on_change`
/// hears the id of each workspace another tab changed.
pub fn listen(on_change: impl Fn(String) + 'static) {
    let Ok(channel) = BroadcastChannel::new(CHANNEL) else { return };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        on_change(ev.data().as_string().unwrap_or_default());
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    CHANNEL_HANDLE.with(|c| *c.borrow_mut() = Some(channel));
}

/// Tells other tabs that `workspace` changed.
pub fn announce_change(workspace: &str) {
    CHANNEL_HANDLE.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            let _ = channel.post_message(&JsValue::from_str(workspace));
        }
    });
}

/// Opens a second, plain connection to the workspace's database only to hear
/// `versionchange`: when a newer tab upgrades the schema, this tab closes its
/// connections (so the upgrade is not blocked) and `on_upgrade` asks for a
/// reload; `on_closed` hears the browser closing the connection.
pub fn watch_version_change(workspace: &str, on_upgrade: impl Fn() + 'static, on_closed: impl Fn() + 'static) {
    WATCHER.with(|w| {
        if let Some(old) = w.borrow_mut().take() {
            old.close();
        }
    });
    let Ok(Some(factory)) = window().indexed_db() else { return };
    let Ok(request) = factory.open(&crate::storage::database_name(workspace)) else { return };
    let req: IdbOpenDbRequest = request.clone();
    let (on_upgrade, on_closed) = (std::rc::Rc::new(on_upgrade), std::rc::Rc::new(on_closed));
    let on_success = Closure::<dyn FnMut()>::new(move || {
        let (on_upgrade, on_closed) = (on_upgrade.clone(), on_closed.clone());
        let Ok(result) = req.result() else { return };
        let Ok(db) = result.dyn_into::<IdbDatabase>() else { return };
        let on_version_change = Closure::<dyn FnMut()>::new(move || {
            WATCHER.with(|w| {
                if let Some(db) = w.borrow_mut().take() {
                    db.close();
                }
            });
            on_upgrade();
        });
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        on_version_change.forget();
        // The browser closes every connection to a database whose write
        // failed on a full disk (and, in Chromium, will not open it again
        // until the page reloads): the app says so instead of failing later
        // with a puzzling message.
        let on_close = Closure::<dyn FnMut()>::new(move || {
            WATCHER.with(|w| {
                w.borrow_mut().take();
            });
            on_closed();
        });
        db.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        on_close.forget();
        WATCHER.with(|w| *w.borrow_mut() = Some(db));
    });
    request.set_onsuccess(Some(on_success.as_ref().unchecked_ref()));
    on_success.forget();
}

/// Asks the browser once per session to keep this site's storage even under
/// pressure (called when real data is first saved).
pub fn ask_persistence_once() {
    if PERSIST_ASKED.with(|a| a.replace(true)) {
        return;
    }
    if let Ok(promise) = window().navigator().storage().persist() {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

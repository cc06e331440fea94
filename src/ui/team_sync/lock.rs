//! One tab of a browser syncs a workspace at a time: the tab holding the
//! Web Lock named after the workspace runs the rounds; the others wait for
//! it and follow its changes through the tabs' BroadcastChannel. When the
//! holding tab closes, the browser hands the lock to a waiting tab.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Asks for the lock `name`; `granted` runs once this tab holds it and
/// returns a promise that settles when the tab gives it up. Returns false
/// when the browser has no Web Locks (then nothing is asked, and the caller
/// runs as if granted).
pub fn request(name: &str, granted: impl FnOnce() -> Promise + 'static) -> bool {
    let navigator = web_sys::window().map(|w| JsValue::from(w.navigator()));
    let Some(locks) = navigator.and_then(|n| Reflect::get(&n, &"locks".into()).ok()).filter(|l| l.is_object()) else {
        return false;
    };
    let Some(request) = Reflect::get(&locks, &"request".into()).ok().and_then(|f| f.dyn_into::<Function>().ok()) else {
        return false;
    };
    let callback = Closure::once_into_js(move |_lock: JsValue| -> JsValue { granted().into() });
    request.call2(&locks, &JsValue::from_str(name), &callback).is_ok()
}

/// A promise and the function that settles it: the lock is held until
/// `release` is called.
pub fn hold() -> (Promise, Function) {
    let mut release = None;
    let promise = Promise::new(&mut |resolve, _reject| release = Some(resolve));
    (promise, release.expect("a promise's executor runs at once"))
}

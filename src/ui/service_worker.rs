//! Registers the offline service worker (`sw.js`) and tells the user when a
//! new version is installed and waiting. The app never reloads by itself: the
//! user chooses when, through the "Update available — reload" banner.

use leptos::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

/// Set when the user clicks "reload" in the update banner.
static UPDATE_ACCEPTED: AtomicBool = AtomicBool::new(false);

/// Message that asks a waiting worker to take over (see `public/sw.js`).
const SKIP_WAITING: &str = "skip-waiting";

/// Registers `sw.js` beside `index.html`; sets `update_ready` when a new
/// version is waiting.
pub fn register(update_ready: RwSignal<bool>) {
    let navigator = window().navigator();
    // Service workers need a secure context (https or localhost).
    if !js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();

    // Once the user has accepted an update and the new worker takes control,
    // load it. A first install also changes the controller: no reload then.
    let on_controller_change = Closure::<dyn FnMut()>::new(move || {
        if UPDATE_ACCEPTED.load(Ordering::Relaxed) {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    let promise = container.register("./sw.js");
    leptos::task::spawn_local(async move {
        let registration = match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(r) => r.unchecked_into::<ServiceWorkerRegistration>(),
            Err(e) => {
                web_sys::console::warn_2(&"Offline support is unavailable:".into(), &e);
                return;
            }
        };
        watch(registration, update_ready);
    });
}

fn watch(registration: ServiceWorkerRegistration, update_ready: RwSignal<bool>) {
    // A worker already waiting from an earlier visit.
    if registration.waiting().is_some() && window().navigator().service_worker().controller().is_some() {
        update_ready.set(true);
    }
    let reg = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else { return };
        let worker = installing.clone();
        let on_state_change = Closure::<dyn FnMut()>::new(move || {
            // "installed" with a controller present means an update is waiting;
            // without one it is the first install, nothing to announce.
            if worker.state() == ServiceWorkerState::Installed
                && window().navigator().service_worker().controller().is_some()
            {
                update_ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
        on_state_change.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// Asks the waiting worker to take over; the page reloads on `controllerchange`.
pub fn activate_update() {
    UPDATE_ACCEPTED.store(true, Ordering::Relaxed);
    let container = window().navigator().service_worker();
    let promise = container.get_registration();
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            // No registration: a plain reload is all there is to do.
            let _ = window().location().reload();
            return;
        };
        match reg.waiting() {
            Some(waiting) => post(&waiting),
            None => {
                let _ = window().location().reload();
            }
        }
    });
}

fn post(worker: &ServiceWorker) {
    let _ = worker.post_message(&JsValue::from_str(SKIP_WAITING));
}

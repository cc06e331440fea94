//! Workspaces (the agency's own and the demo), and the browser's storage.

use crate::domain::demo::demo_agency;
use crate::storage::workspace as workspace_store;
use crate::ui::state::{AppState, DEMO_WORKSPACE, MAIN_WORKSPACE, now_stamp, use_app};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// (Re)builds the demo agency in the demo workspace's own database.
pub async fn build_demo(state: AppState) {
    if state.workspace_id.get_untracked() != DEMO_WORKSPACE {
        state.error("The demo can only be rebuilt while the demo workspace is open.");
        return;
    }
    let data = demo_agency(state.as_of.get_untracked().date);
    let result = match state.db() {
        Ok(db) => workspace_store::replace_all(&db, &data, None, &now_stamp()).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => state.after_write().await,
        Err(e) => state.error(e),
    }
}

#[component]
pub fn WorkspaceSwitch() -> impl IntoView {
    let state = use_app();
    let is_demo = move || state.workspace_id.get() == DEMO_WORKSPACE;
    view! {
        <section class="card">
            <h2>"Workspaces"</h2>
            <p>"Your agency's own book and a demo agency are kept in separate databases in this browser. Nothing done in the demo touches your book."</p>
            <div class="inline-form">
                <label for="workspace-switch">"Open workspace"</label>
                <select
                    id="workspace-switch"
                    data-testid="workspace-switch"
                    prop:value=move || state.workspace_id.get()
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        spawn_local(async move { state.switch_workspace(&id).await });
                    }
                >
                    <option value=MAIN_WORKSPACE>"My agency's book"</option>
                    <option value=DEMO_WORKSPACE>"Demo agency"</option>
                </select>
                <button
                    type="button"
                    class="secondary"
                    data-testid="demo-reset"
                    disabled=move || !is_demo()
                    title="Rebuilds the demo agency from scratch for the current as-of date"
                    on:click=move |_| {
                        let ok = window()
                            .confirm_with_message("Rebuild the demo agency? Every change made in the demo is discarded. Your own book is not touched.")
                            .unwrap_or(false);
                        if ok {
                            spawn_local(async move {
                                build_demo(state).await;
                                state.warn("The demo agency was rebuilt.");
                            });
                        }
                    }
                >
                    "Reset demo"
                </button>
            </div>
            <Show when=move || !is_demo()>
                <p class="hint">"Open the demo agency to try every page with about 300 realistic accounts; \"Reset demo\" then rebuilds it."</p>
            </Show>
        </section>
    }
}

#[component]
pub fn StorageCard() -> impl IntoView {
    let info = RwSignal::new(None::<(bool, String)>);
    spawn_local(async move {
        let storage = window().navigator().storage();
        let persisted = match storage.persisted() {
            Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.ok().and_then(|v| v.as_bool()).unwrap_or(false),
            Err(_) => false,
        };
        let usage = match storage.estimate() {
            Ok(p) => match wasm_bindgen_futures::JsFuture::from(p).await {
                Ok(v) => {
                    let est: web_sys::StorageEstimate = v.unchecked_into();
                    let used = est.get_usage().unwrap_or(0.0);
                    let quota = est.get_quota().unwrap_or(0.0);
                    format!("{:.1} MB used of {:.0} MB available to this site", used / 1e6, quota / 1e6)
                }
                Err(_) => "usage unknown".to_string(),
            },
            Err(_) => "usage unknown".to_string(),
        };
        info.set(Some((persisted, usage)));
    });
    view! {
        <section class="card">
            <h2>"Storage in this browser"</h2>
            {move || match info.get() {
                None => view! { <p>"Checking…"</p> }.into_any(),
                Some((persisted, usage)) => view! {
                    <p data-testid="storage-persistent">
                        {if persisted {
                            "Persistent: the browser will not clear this data to free space.".to_string()
                        } else {
                            "Not yet persistent: the browser may clear this data if the disk fills up. AgencyDesk asks for persistence when you first save data; keep backups either way.".to_string()
                        }}
                    </p>
                    <p data-testid="storage-usage">{usage}</p>
                }.into_any(),
            }}
        </section>
    }
}

//! The app shell: header, navigation, banners and the page outlet.

use super::state::{AppState, SyncState, use_app};
use super::{advisor, book, dashboard, onboarding, profitability, renewals, service_worker, settings};
use crate::domain::as_of::AsOfSource;
use crate::routes::{Page, Route};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    book::provide_current_list(state);
    renewals::provide_current_renewals(state);
    profitability::provide_current_profit(state);

    // Follow the address: the hash picks the page; a link's asof may change too.
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = window().location().hash().unwrap_or_default();
        state.route.set(Route::parse(&hash));
        state.refresh_as_of();
        // A new page starts at the top, like a page load would.
        window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || handle.remove());

    super::sync::listen(move |workspace| {
        if workspace == state.workspace_id.get_untracked() {
            spawn_local(state.reload());
            state.send_soon();
        }
    });
    spawn_local(state.load());
    service_worker::register(state.session.update_ready);

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(main) = document().get_element_by_id("main") {
                use wasm_bindgen::JsCast;
                if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
                    let _ = main.focus();
                }
            }
        }>"Skip to content"</a>
        <Header/>
        <Banners/>
        <main id="main" tabindex="-1">
            <PageOutlet/>
        </main>
        <footer class="app-footer no-print">
            {format!("{} {} · all data stays in this browser", crate::PRODUCT_NAME, crate::APP_VERSION)}
        </footer>
    }
}

#[component]
fn Header() -> impl IntoView {
    let state = use_app();
    let as_of = state.as_of;
    let back_to_today = move |_| {
        // Drop a link's asof and any saved date: follow the real today again.
        settings::drop_link_as_of();
        settings::clear_saved_as_of(state);
    };
    view! {
        <header class="app-header">
            <div class="brand-row">
                <a class="brand" href="#/">{crate::PRODUCT_NAME}</a>
                <span class="workspace">
                    <span class="label">"Workspace "</span>
                    <strong data-testid="workspace-name">{move || state.workspace_name.get()}</strong>
                </span>
                <SyncBadge/>
                <span class="save-status" data-testid="save-status" role="status">
                    {move || state.session.saved_at.get().map(|t| format!("✓ Saved {}", super::state::local_time(&t)))}
                </span>
                <span class="as-of" class:not-today=move || !as_of.get().is_today()>
                    <span class="label">{move || if as_of.get().is_today() { "Today " } else { "As of " }}</span>
                    <time data-testid="asof-date" datetime=move || as_of.get().iso()>{move || as_of.get().iso()}</time>
                    <Show when=move || !as_of.get().is_today()>
                        <span class="as-of-source">
                            {move || match as_of.get().source {
                                AsOfSource::Link => " (from this link; not today)",
                                AsOfSource::Saved => " (set in Settings; not today)",
                                AsOfSource::Today => "",
                            }}
                        </span>
                        <button type="button" class="link-button" on:click=back_to_today>"Back to today"</button>
                    </Show>
                </span>
            </div>
            <nav class="main-nav" aria-label="Main">
                <ul>
                    {Page::ALL
                        .into_iter()
                        .map(|page| {
                            let current = move || state.route.with(|r| r.page == Some(page));
                            view! {
                                <li>
                                    <a
                                        href=page.href()
                                        class:active=current
                                        aria-current=move || if current() { Some("page") } else { None }
                                    >
                                        {page.label()}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

#[component]
fn Banners() -> impl IntoView {
    let state = use_app();
    let reminder_dismissed = RwSignal::new(false);
    let reminder = move || {
        crate::domain::backup::backup_reminder(
            state.last_backup_at.get().as_deref(),
            state.last_change_at.get().as_deref(),
            super::state::browser_today(),
        )
    };
    view! {
        <Show when=move || state.workspace_id.get() == super::state::DEMO_WORKSPACE>
            <div class="banner banner-demo" role="status" data-testid="demo-banner">
                <span>"Demo workspace: a made-up agency to explore. Your own book is untouched; switch back in "<a href="#/settings">"Settings"</a>"."</span>
            </div>
        </Show>
        <Show when=move || state.session.needs_reload.get()>
            <div class="banner banner-error" role="alert" data-testid="reload-banner">
                <span>"A newer version of AgencyDesk was opened in another tab and upgraded the saved data. Reload this tab to keep working."</span>
                <button type="button" on:click=|_| { let _ = window().location().reload(); }>"Reload"</button>
            </div>
        </Show>
        <Show when=move || state.session.connection_lost.get()>
            <div class="banner banner-error" role="alert" data-testid="storage-closed-banner">
                <span>{super::state::LOST_CONNECTION}</span>
                <button type="button" on:click=|_| { let _ = window().location().reload(); }>"Reload"</button>
            </div>
        </Show>
        <Show when=move || !reminder_dismissed.get() && reminder().is_some()>
            <div class="banner" role="status" data-testid="backup-reminder">
                <span>{reminder}</span>
                <button type="button" class="link-button" on:click=move |_| reminder_dismissed.set(true)>"Dismiss"</button>
            </div>
        </Show>
        <Show when=move || state.session.update_ready.get()>
            <div class="banner banner-update no-print" role="status" data-testid="update-banner">
                <span>
                    "Update available — "
                    <button type="button" class="inline-button" on:click=|_| service_worker::activate_update()>
                        "reload"
                    </button>
                    " when you are ready (anything unsaved on this page would be lost)."
                </span>
            </div>
        </Show>
        {move || {
            state.session.notice.get().map(|n| {
                view! {
                    <div
                        class="banner"
                        class:banner-error=n.is_error
                        role=if n.is_error { "alert" } else { "status" }
                        data-testid="notice"
                    >
                        <span>{n.text}</span>
                        <button type="button" class="link-button" on:click=move |_| state.session.notice.set(None)>
                            "Dismiss"
                        </button>
                    </div>
                }
            })
        }}
        <super::conflicts::ConflictsPanel/>
    }
}

#[component]
fn PageOutlet() -> impl IntoView {
    let state = use_app();
    let page = Memo::new(move |_| state.route.with(|r| r.page));
    Effect::new(move |_| {
        let title = match page.get() {
            Some(p) => format!("{} · {}", p.label(), crate::PRODUCT_NAME),
            None => format!("Page not found · {}", crate::PRODUCT_NAME),
        };
        document().set_title(&title);
    });
    let pages = move || match page.get() {
        Some(Page::Dashboard) => view! { <dashboard::DashboardPage/> }.into_any(),
        Some(Page::Book) => view! { <book::BookPage/> }.into_any(),
        Some(Page::Profitability) => view! { <profitability::ProfitabilityPage/> }.into_any(),
        Some(Page::Renewals) => view! { <renewals::RenewalsPage/> }.into_any(),
        Some(Page::Onboarding) => view! { <onboarding::OnboardingPage/> }.into_any(),
        Some(Page::ServiceModel) => view! { <advisor::AdvisorPage/> }.into_any(),
        Some(Page::Settings) => view! { <settings::SettingsPage/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    };
    // Pages render once the workspace is open, so nothing shows an empty
    // book that is merely still loading, and no form saves into nothing.
    view! {
        <Show
            when=move || state.session.loaded.get()
            fallback=|| view! { <p class="loading" data-testid="app-loading" role="status">"Opening your data…"</p> }
        >
            {pages}
        </Show>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let state = use_app();
    view! {
        <section class="page">
            <h1>"Page not found"</h1>
            <p>
                "There is no page at "
                <code>{move || state.route.with(|r| r.raw.clone())}</code>
                ". Pick a page from the navigation above, or go to the "
                <a href=Page::Dashboard.href()>"Dashboard"</a>
                "."
            </p>
        </section>
    }
}

/// Team sync's state in the header (`sync-status`, with `data-state` and
/// `data-pending`); says nothing while the workspace is not synced.
#[component]
fn SyncBadge() -> impl IntoView {
    let state = use_app();
    let status = state.session.sync;
    view! {
        <a
            class="sync-status"
            href="#/settings"
            data-testid="sync-status"
            data-state=move || status.with(|s| s.state.as_str())
            data-pending=move || status.with(|s| s.pending.to_string())
            title=move || status.with(|s| s.message.clone())
            class:hidden=move || status.with(|s| s.state == SyncState::Off)
        >
            {move || status.with(|s| match s.state {
                SyncState::Off => String::new(),
                SyncState::Connecting => "Connecting…".into(),
                SyncState::Synced => "✓ Synced".into(),
                SyncState::Pending => format!("↑ {} to send", s.pending),
                SyncState::Offline => "Offline: kept here".into(),
                SyncState::Conflict => "Differences to settle".into(),
                SyncState::Error => "Sync stopped".into(),
            })}
        </a>
    }
}

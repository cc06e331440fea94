//! Browser entry point: mount the app into `<body>`.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(agency_desk::ui::App);
}

/// Natively there is nothing to run: the app lives in the browser. Build it
/// with `make serve` (see README).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("AgencyDesk runs in the browser: see README.md (`make serve`).");
}

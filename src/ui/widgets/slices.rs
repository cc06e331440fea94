//! Long work done on the page's thread a slice at a time, the browser
//! getting a turn between slices to draw and answer the user. The work
//! itself is the domain's (`BoardWork`, `FiguresWork`, `AnalysisWork`):
//! each does a given number of units per call and says when it is done.

/// How long one slice may run before the browser gets a turn (under the
/// 50 ms the browser counts as a long task). Slices of 30 ms showed the
/// board of 10,000 policies about 60 ms later than doing it in one go.
const SLICE_MS: f64 = 45.0;
/// Units of work between looks at the clock.
const STEP: usize = 256;

/// Calls `step` with [`STEP`] units until it says it is done, in slices
/// of [`SLICE_MS`], with a turn for the browser before each slice (the
/// work is started by whatever changed, which may have run for a while
/// itself: a workspace loading, another work) and after the last, before
/// what the work gave is drawn. False when `still_wanted` says, between
/// slices, that the work is no longer wanted.
pub async fn in_slices(mut step: impl FnMut(usize) -> bool, still_wanted: impl Fn() -> bool) -> bool {
    gloo_timers::future::TimeoutFuture::new(0).await;
    if !still_wanted() {
        return false;
    }
    let mut done = false;
    while !done {
        let begun = js_sys::Date::now();
        while !done && js_sys::Date::now() - begun < SLICE_MS {
            done = step(STEP);
        }
        gloo_timers::future::TimeoutFuture::new(0).await;
        if !still_wanted() {
            return false;
        }
    }
    true
}

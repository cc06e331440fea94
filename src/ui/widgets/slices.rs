//! Long work done on the page's thread a slice at a time, the browser
//! getting a turn between slices to draw and answer the user. The work
//! itself is the domain's (`BoardWork`, `FiguresWork`, `AnalysisWork`,
//! the Book's `ListWork`, the import's `Planning`, the backup file's
//! `Writing`):
//! each does a given number of units per call and says when it is done.
//! [`Kept`] keeps such a result current while a page shows it.

use leptos::prelude::*;

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
/// what the work gave is drawn. False when `wanted` says, between slices,
/// that the work is no longer wanted.
pub async fn in_slices(step: impl FnMut(usize) -> bool, wanted: Wanted) -> bool {
    until_done(step, move || wanted.still()).await
}

/// [`in_slices`] for work that stays wanted while `still` says so (work a
/// person asked for, such as a file being written: always).
pub async fn until_done(mut step: impl FnMut(usize) -> bool, still: impl Fn() -> bool) -> bool {
    gloo_timers::future::TimeoutFuture::new(0).await;
    if !still() {
        return false;
    }
    let mut done = false;
    while !done {
        let begun = js_sys::Date::now();
        while !done && js_sys::Date::now() - begun < SLICE_MS {
            done = step(STEP);
        }
        gloo_timers::future::TimeoutFuture::new(0).await;
        if !still() {
            return false;
        }
    }
    true
}

/// The note a page shows while a kept result is being worked out
/// (`data-testid=testid`, absent once `fresh`): `first` until a result of
/// this workspace exists (`ready`), `again` while an earlier one is shown.
pub fn working_note(
    fresh: ReadSignal<bool>,
    ready: impl Fn() -> bool + Send + Sync + 'static,
    testid: &'static str,
    (first, again): (&'static str, &'static str),
) -> impl IntoView {
    move || {
        (!fresh.get()).then(|| {
            let words = if ready() { again } else { first };
            view! { <p class="hint working" data-testid=testid role="status">{words}</p> }
        })
    }
}

/// A result worked out in slices in the background and kept current
/// while a page shows it: worked out only while some page reads it
/// ([`Kept::read`]), again only after what it depends on changed (its
/// version), and dropped at once when the workspace changes, so another
/// workspace's result is never shown. Meanwhile the pages show the result
/// worked out before, with [`Kept::fresh`] false.
#[derive(Clone, Copy)]
pub struct Kept {
    /// Whether the result is for the workspace as it is now.
    pub fresh: ReadSignal<bool>,
    /// How many shown pages read the result; none: no work is done.
    readers: RwSignal<usize>,
}

/// Whether a work started for one version is still wanted (nothing it
/// depends on has changed since): checked between slices, and before the
/// work keeps what it gave.
#[derive(Clone, Copy)]
pub struct Wanted {
    worked_for: StoredValue<Option<u64>>,
    version: u64,
}

impl Wanted {
    pub fn still(self) -> bool {
        self.worked_for.try_get_value().flatten() == Some(self.version)
    }
}

/// A number that goes up with every change of what `track` reads: the
/// version of what a kept result depends on.
pub fn version(track: impl Fn() + Send + Sync + 'static) -> Memo<u64> {
    Memo::new(move |before: Option<&u64>| {
        track();
        before.map_or(0, |v| v.wrapping_add(1))
    })
}

impl Kept {
    /// Runs `work` for each new `version` while a page reads the result.
    /// `work` keeps what it worked out only while [`Wanted::still`] says
    /// so, and answers whether it did. `forget` drops the result, called
    /// when `workspace` changes.
    pub fn new<Fut>(
        version: Memo<u64>,
        workspace: ReadSignal<String>,
        forget: impl Fn() + 'static,
        work: impl Fn(Wanted) -> Fut + 'static,
    ) -> Kept
    where
        Fut: Future<Output = bool> + 'static,
    {
        let (fresh, set_fresh) = signal(false);
        let readers = RwSignal::new(0usize);
        // The version the result (or the work under way) is for, and the
        // workspace it is of.
        let worked_for = StoredValue::new(None::<u64>);
        let worked_in = StoredValue::new(None::<String>);
        Effect::new(move |_| {
            let v = version.get();
            let id = workspace.get();
            if worked_in.with_value(|w| w.as_ref() != Some(&id)) {
                worked_in.set_value(Some(id));
                forget();
            }
            if worked_for.get_value() == Some(v) {
                return;
            }
            set_fresh.set(false);
            if readers.get() == 0 {
                // Work under way for an earlier version stops; the result
                // is worked out again when a page reads it.
                worked_for.set_value(None);
                return;
            }
            worked_for.set_value(Some(v));
            let wanted = Wanted { worked_for, version: v };
            let job = work(wanted);
            leptos::task::spawn_local(async move {
                if job.await && wanted.still() {
                    set_fresh.set(true);
                }
            });
        });
        Kept { fresh, readers }
    }

    /// Counts the calling component as a reader until it is cleaned up.
    pub fn read(self) {
        self.readers.update(|n| *n += 1);
        on_cleanup(move || self.readers.try_update(|n| *n = n.saturating_sub(1)).unwrap_or_default());
    }
}

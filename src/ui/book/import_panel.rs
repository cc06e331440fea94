//! Importing an AMS export: choose a file, check the column mapping, review
//! every accepted and rejected row, then commit in one transaction.
//!
//! Reading the file and checking its rows happen in the import worker
//! ([`worker::ImportWorker`]), started when the first file is chosen: the
//! page stays responsive, shows how far the work has got and can cancel it.
//! The accepted preview comes back to the page, which plans the import a
//! slice at a time and writes it in one transaction.

use crate::domain::book::Department;
use crate::domain::changes::ChangeSet;
use crate::domain::import::job::{Envelope, PreviewAssembly, Reply, Request, TableHead};
use crate::domain::import::mapping::{Mapping, check_mapping};
use crate::domain::import::plan::{ImportMode, PlanSummary, Planning};
use crate::domain::import::preview::{DepartmentChoices, Preview};
use crate::domain::import::table::check_file_size;
use crate::ui::state::{new_id, now_stamp, use_app};
use crate::ui::widgets::{FormMessage, files, slices};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

mod columns;
mod preview;
mod worker;

use crate::ui::widgets::form_message::Outcome;
use columns::{ColumnSignals, columns};
use preview::{PreviewSignals, preview};
use worker::ImportWorker;

/// Work the import worker is doing, as the progress bar shows it.
#[derive(Clone, Debug, PartialEq)]
struct Progress {
    stage: String,
    done: usize,
    /// 0 while the amount of work is not known yet.
    total: usize,
}

/// What the rows were (or are being) checked under.
#[derive(Clone, Debug, PartialEq)]
struct Asked {
    mapping: Mapping,
    department: Department,
    choices: DepartmentChoices,
}

/// The import's conversation with its worker: request numbers, and the
/// preview being received.
#[derive(Default)]
struct Exchange {
    /// The number of the latest request; replies to older ones are stale.
    latest: u32,
    /// The file being opened: its request's number and the default
    /// department its rows are first checked with.
    opening: Option<(u32, Department)>,
    /// The request whose preview the worker is working out, if any.
    checking: Option<u32>,
    /// What the preview shown, or being worked out, was asked under.
    asked: Option<Asked>,
    assembly: PreviewAssembly,
}

impl Exchange {
    fn next(&mut self) -> u32 {
        self.latest += 1;
        self.latest
    }
}

/// What the panel shows and changes.
#[derive(Clone, Copy)]
struct Panel {
    loaded: RwSignal<Option<TableHead>>,
    mapping: RwSignal<Mapping>,
    default_dept: RwSignal<String>,
    dept_choices: RwSignal<DepartmentChoices>,
    result: RwSignal<Option<Arc<Preview>>>,
    progress: RwSignal<Option<Progress>>,
    message: RwSignal<Option<Outcome>>,
    mapping_problem: Memo<Option<String>>,
    /// The worksheet choice, when the file has several.
    sheet_select: NodeRef<leptos::html::Select>,
    worker: StoredValue<Option<ImportWorker>, LocalStorage>,
    exchange: StoredValue<Exchange, LocalStorage>,
}

impl Panel {
    /// Sends `request` to the worker (starting it if needed); its number.
    fn send(self, request: Request, file: Option<&web_sys::File>) -> Option<u32> {
        self.warm();
        if self.worker.with_value(Option::is_none) {
            return None;
        }
        let seq = self.exchange.try_update_value(Exchange::next)?;
        self.worker.with_value(|w| {
            if let Some(w) = w {
                w.send(seq, request, file);
            }
        });
        Some(seq)
    }

    /// Starts the worker ahead of the first file, so that it is ready when
    /// the file is chosen.
    fn warm(self) {
        if self.worker.with_value(Option::is_none) {
            match ImportWorker::start(move |envelope| self.receive(envelope)) {
                Ok(w) => self.worker.set_value(Some(w)),
                Err(e) => self.message.set(Some(Outcome::Refused(e))),
            }
        }
    }

    /// What the rows are to be checked under now.
    fn wanted(self) -> Asked {
        Asked {
            mapping: self.mapping.get_untracked(),
            department: Department::parse(&self.default_dept.get_untracked()).unwrap_or(Department::Cl),
            choices: self.dept_choices.get_untracked(),
        }
    }

    /// Asks for the rows to be checked under the current mapping, unless
    /// that is what the preview shown (or coming) was asked under. While the
    /// worker is checking them under an older one, this is done again when
    /// it finishes.
    fn check_rows(self) {
        if self.loaded.with_untracked(Option::is_none) {
            return;
        }
        if self.mapping_problem.get_untracked().is_some() {
            self.result.set(None);
            self.exchange.update_value(|x| x.asked = None);
            return;
        }
        let wanted = self.wanted();
        if self.exchange.with_value(|x| x.asked.as_ref() == Some(&wanted) || x.checking.is_some()) {
            return;
        }
        self.result.set(None);
        let rows = self.loaded.with_untracked(|l| l.as_ref().map_or(0, |h| h.rows));
        self.progress.set(Some(Progress { stage: "Checking rows".into(), done: 0, total: rows }));
        let request = Request::Preview {
            mapping: wanted.mapping.clone(),
            default_department: wanted.department.clone(),
            choices: wanted.choices.clone(),
        };
        if let Some(seq) = self.send(request, None) {
            self.exchange.update_value(|x| {
                x.checking = Some(seq);
                x.asked = Some(wanted);
                x.assembly = PreviewAssembly::default();
            });
        }
    }

    /// One reply from the worker.
    fn receive(self, Envelope { seq, body }: Envelope<Reply>) {
        let latest = self.exchange.with_value(|x| x.latest);
        match body {
            Reply::Ready => {}
            Reply::Progress { stage, done, total } => {
                if seq == latest {
                    self.progress.set(Some(Progress { stage, done, total }));
                }
            }
            Reply::Table { head, mapping } => {
                if seq != latest {
                    return;
                }
                // The file just opened is checked under the suggested
                // mapping straight away; another sheet or header row is
                // checked when asked.
                let department = self.exchange.try_update_value(|x| x.opening.take()).flatten();
                let asked = department.filter(|(opened, _)| *opened == seq).map(|(_, department)| Asked {
                    mapping: mapping.clone(),
                    department,
                    choices: DepartmentChoices::new(),
                });
                self.exchange.update_value(|x| {
                    x.checking = asked.is_some().then_some(seq);
                    x.asked = asked;
                    x.assembly = PreviewAssembly::default();
                });
                self.result.set(None);
                self.mapping.set(mapping);
                self.dept_choices.set(DepartmentChoices::new());
                self.loaded.set(Some(head));
            }
            part @ (Reply::PreviewHead(_) | Reply::Accounts(_) | Reply::PreviewEnd) => {
                if self.exchange.with_value(|x| x.checking != Some(seq)) {
                    return;
                }
                let end = matches!(part, Reply::PreviewEnd);
                let whole = self.exchange.try_update_value(|x| x.assembly.take(part)).flatten();
                if !end {
                    return;
                }
                let wanted = self.wanted();
                let current = self.exchange.try_update_value(|x| {
                    x.checking = None;
                    let current = seq == latest && x.asked.as_ref() == Some(&wanted);
                    if !current {
                        x.asked = None;
                    }
                    current
                });
                if current == Some(true) {
                    self.progress.set(None);
                    self.result.set(whole.map(Arc::new));
                } else {
                    // Something changed meanwhile: check under what is wanted now.
                    self.check_rows();
                }
            }
            Reply::Failed { message } => {
                let checking = self.exchange.with_value(|x| x.checking);
                if seq != 0 && seq != latest && checking != Some(seq) {
                    return;
                }
                self.progress.set(None);
                self.message.set(Some(Outcome::Refused(message)));
                if checking == Some(seq) {
                    self.exchange.update_value(|x| {
                        x.checking = None;
                        x.asked = None;
                    });
                }
                if seq == 0 {
                    // The worker itself failed: start afresh with the next file.
                    self.clear();
                    let worker = self.worker;
                    spawn_local(async move { worker.set_value(None) });
                } else if let Some(select) = self.sheet_select.get_untracked() {
                    // The file stays as shown, and so does its worksheet: a
                    // sheet that could not be read is no longer selected.
                    let shown = self.loaded.with_untracked(|l| l.as_ref().and_then(|l| l.sheet.clone()));
                    select.set_value(&shown.unwrap_or_default());
                }
            }
        }
    }

    /// Forgets the file and anything under way.
    fn clear(self) {
        self.loaded.set(None);
        // A big file's preview (every row of it) takes tens of milliseconds
        // to free: that is done in a task of its own, not added to the
        // import's commit or whatever else let the file go.
        let preview = self.result.try_update(Option::take).flatten();
        if preview.is_some() {
            spawn_local(async move {
                gloo_timers::future::TimeoutFuture::new(0).await;
                drop(preview);
            });
        }
        self.progress.set(None);
        self.exchange.update_value(|x| {
            *x = Exchange { latest: x.latest + 1, ..Exchange::default() };
        });
    }

    /// Cancels the import: the worker stops at once and the file is let go.
    fn cancel(self) {
        self.clear();
        self.worker.set_value(None);
    }
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = use_app();
    let loaded = RwSignal::new(None::<TableHead>);
    let mapping = RwSignal::new(Mapping::new());
    let default_dept = RwSignal::new("CL".to_string());
    // The department chosen for values of the file's department column.
    let dept_choices = RwSignal::new(DepartmentChoices::new());
    let mode = RwSignal::new(ImportMode::Merge);
    let message = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let result = RwSignal::new(None::<Arc<Preview>>);
    let progress = RwSignal::new(None::<Progress>);

    let mapping_problem = Memo::new(move |_| {
        loaded.with(|l| l.as_ref().and_then(|l| mapping.with(|m| check_mapping(&l.headers, m).err())))
    });
    let panel = Panel {
        loaded,
        mapping,
        default_dept,
        dept_choices,
        result,
        progress,
        message,
        mapping_problem,
        sheet_select: NodeRef::new(),
        worker: StoredValue::new_local(None),
        exchange: StoredValue::new_local(Exchange::default()),
    };
    // The rows are checked again whenever the file, the mapping or the
    // departments change.
    Effect::new(move |_| {
        loaded.track();
        mapping.track();
        default_dept.track();
        dept_choices.track();
        mapping_problem.track();
        panel.check_rows();
    });

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen_file(&ev) else { return };
        files::reset_input(&ev);
        message.set(None);
        panel.clear();
        let name = file.name();
        // A file too large to hold is refused before it is read.
        if let Err(e) = check_file_size(file.size() as u64) {
            message.set(Some(Outcome::Refused(format!("{name}: {e}"))));
            return;
        }
        progress.set(Some(Progress { stage: "Reading the file".into(), done: 0, total: 0 }));
        let department = Department::parse(&default_dept.get_untracked()).unwrap_or(Department::Cl);
        let request = Request::Open { name, default_department: department.clone() };
        if let Some(seq) = panel.send(request, Some(&file)) {
            panel.exchange.update_value(|x| x.opening = Some((seq, department)));
        }
    };

    let commit = move |_: ()| {
        let file_name = loaded.with_untracked(|l| l.as_ref().map(|l| l.file_name.clone()).unwrap_or_default());
        let chosen_mode = mode.get_untracked();
        if chosen_mode == ImportMode::Replace {
            let n = state.book.with_untracked(|b| b.accounts.len());
            if n > 0
                && !window()
                    .confirm_with_message(&format!(
                        "Replace all {n} accounts of this workspace with the file's accounts?"
                    ))
                    .unwrap_or(false)
            {
                return;
            }
        }
        let Some(file) = result.get_untracked() else { return };
        busy.set(true);
        spawn_local(async move {
            let stamp = now_stamp();
            // Whether the panel still shows this file's preview: the page
            // may have gone, the import been cancelled, or the rows been
            // checked again (another worksheet, mapping or department).
            let shown = {
                let file = file.clone();
                move || result.try_with_untracked(|now| now.as_ref().map(|now| Arc::ptr_eq(now, &file)))
            };
            let planned = plan_in_slices(state, &file, chosen_mode, &stamp, || shown() == Some(Some(true))).await;
            let Some((mut changes, summary)) = planned else {
                busy.try_set(false);
                if let Some(Some(false)) = shown() {
                    message.try_set(Some(Outcome::Refused(
                        "Nothing was imported: the file's rows were checked again while the import was being prepared. Look over the preview and press Import again.".into(),
                    )));
                }
                return;
            };
            // The first import starts renewal tracking on the as-of date.
            changes.tracking_start = Some(state.as_of.get_untracked().date);
            let (rejected, skipped) = (file.rejected.len(), file.skipped.len());
            drop(file);
            state.apply_changes(changes, stamp, move |outcome| {
                busy.set(false);
                match outcome {
                    Ok(()) => {
                        panel.cancel();
                        message.set(Some(Outcome::Done(format!(
                            "Imported {file_name}: {}. {} rows were not imported{}.",
                            summary.describe(),
                            rejected,
                            if skipped > 0 {
                                format!("; {skipped} report rows (headers, totals, page numbers) were skipped")
                            } else {
                                String::new()
                            }
                        ))));
                    }
                    Err(e) => message.set(Some(Outcome::Refused(format!("Nothing was imported: {e}")))),
                }
            });
        });
    };

    // Another worksheet or header row is read by the worker, which holds the file.
    let reread = Callback::new(move |request: Request| {
        let stage = match request {
            Request::Sheet { .. } => "Reading the worksheet",
            _ => "Reading the rows under the new headers",
        };
        message.set(None);
        progress.set(Some(Progress { stage: stage.into(), done: 0, total: 0 }));
        panel.send(request, None);
    });
    let columns_signals = ColumnSignals { mapping, reread, sheet_select: panel.sheet_select };
    let preview_signals = PreviewSignals {
        dept_choices,
        mode,
        busy,
        commit: Callback::new(commit),
        cancel: Callback::new(move |_| panel.cancel()),
    };
    let cancel_work = move |_| {
        let name = loaded.with_untracked(|l| l.as_ref().map(|l| l.file_name.clone()));
        panel.cancel();
        let what = name
            .map(|n| format!("The import of {n} was cancelled"))
            .unwrap_or_else(|| "The import was cancelled".into());
        message.set(Some(Outcome::Done(format!("{what}; nothing was saved."))));
    };
    view! {
        <details class="card import" open=move || loaded.with(Option::is_some) || progress.with(Option::is_some)
            on:toggle=move |ev| {
                // Opened by the person, not closed after an import: the
                // worker starts while they look for the file.
                if event_target::<web_sys::HtmlDetailsElement>(&ev).open() {
                    panel.warm();
                }
            }>
            <summary><h2 class="inline">"Import from your agency management system"</h2></summary>
            <p>"Choose a CSV or Excel (.xlsx) export: an expiration or renewal report with one row per policy (rows with the same client become one account), or a book-of-business report with one row per account. Nothing is saved until you press Import."</p>
            <label class="file-label">
                "File "
                <input type="file" accept=".csv,.txt,.xlsx,.xlsm,text/csv" data-testid="book-import" on:change=on_file/>
            </label>
            {move || progress.get().map(|p| view! {
                <div class="import-progress" data-testid="import-progress" role="status">
                    {if p.total > 0 {
                        view! { <progress max=p.total value=p.done></progress> }.into_any()
                    } else {
                        view! { <progress></progress> }.into_any()
                    }}
                    <span>{if p.total > 0 { format!("{}: {} of {}", p.stage, p.done, p.total) } else { format!("{}…", p.stage) }}</span>
                    <button type="button" class="secondary" data-testid="import-cancel" on:click=cancel_work>"Cancel"</button>
                </div>
            })}
            {move || loaded.with(|l| l.as_ref().map(|l| columns(l, columns_signals, default_dept)))}
            {move || mapping_problem.get().map(|p| view! { <p class="form-message error" role="alert">{p}</p> })}
            {move || result.with(|pv| pv.as_deref().map(|pv| preview(pv, preview_signals)))}
        </details>
        <FormMessage message=message testid="import-message"/>
    }
}

/// Plans the import of `file` into the book a slice at a time, the browser
/// drawing between slices (a file of 200,000 policies took a fifth of a
/// second in one task). The plan is made against the book as it is when
/// it ends: a change saved meanwhile (a teammate's, another tab's) has it
/// made again. None when `wanted` says, between slices or at the end,
/// that the plan is no longer wanted.
async fn plan_in_slices(
    state: crate::ui::state::AppState,
    file: &Preview,
    mode: ImportMode,
    stamp: &str,
    wanted: impl Fn() -> bool,
) -> Option<(ChangeSet, PlanSummary)> {
    loop {
        let book = state.book.try_get_untracked()?;
        let mut new_id = new_id;
        let mut work = Planning::new(file, &book, mode, &mut new_id, stamp);
        if !slices::until_done(|units| work.step(units), &wanted).await || !wanted() {
            return None;
        }
        let planned = work.finish();
        // The plan is given up while the book is held here, so the book
        // kept in memory is changed in place when the import is applied.
        let unchanged = state.book.try_with_untracked(|now| Arc::ptr_eq(now, &book))?;
        drop(book);
        if unchanged {
            return Some(planned);
        }
    }
}

//! Importing an AMS export: choose a file, check the column mapping, review
//! every accepted and rejected row, then commit in one transaction.

use crate::domain::book::Department;
use crate::domain::import::mapping::{Mapping, auto_map, check_mapping};
use crate::domain::import::plan::{ImportMode, plan};
use crate::domain::import::preview::{DepartmentChoices, Preview, preview_with};
use crate::domain::import::table::{Table, check_file_size, read_file};
use crate::ui::state::{new_id, now_stamp, use_app};
use crate::ui::widgets::{FormMessage, files};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

mod columns;
mod preview;

use crate::ui::widgets::form_message::Outcome;
use columns::{ColumnSignals, columns};
use preview::{PreviewSignals, preview};

#[derive(Clone)]
struct Loaded {
    file_name: String,
    table: Table,
    /// A workbook's bytes, kept to read another of its sheets.
    workbook: Option<Arc<Vec<u8>>>,
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = use_app();
    let loaded = RwSignal::new(None::<Loaded>);
    let mapping = RwSignal::new(Mapping::new());
    let default_dept = RwSignal::new("CL".to_string());
    // The department chosen for values of the file's department column.
    let dept_choices = RwSignal::new(DepartmentChoices::new());
    let mode = RwSignal::new(ImportMode::Merge);
    let message = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);

    let mapping_problem = Memo::new(move |_| {
        loaded.with(|l| l.as_ref().and_then(|l| mapping.with(|m| check_mapping(&l.table.headers, m).err())))
    });
    let result = Memo::new(move |_| -> Option<Preview> {
        if mapping_problem.get().is_some() {
            return None;
        }
        let dept = Department::parse(&default_dept.get()).unwrap_or(Department::Cl);
        dept_choices.with(|choices| {
            loaded.with(|l| l.as_ref().map(|l| mapping.with(|m| preview_with(&l.table, m, &dept, choices))))
        })
    });

    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files::chosen_file(&ev) else { return };
        files::reset_input(&ev);
        message.set(None);
        let name = file.name();
        // A file too large to hold is refused before it is read.
        if let Err(e) = check_file_size(file.size() as u64) {
            loaded.set(None);
            message.set(Some(Outcome::Refused(format!("{name}: {e}"))));
            return;
        }
        spawn_local(async move {
            let read =
                files::read_bytes(&file).await.and_then(|bytes| read_file(&name, &bytes).map(|table| (table, bytes)));
            match read {
                Ok((table, bytes)) => {
                    mapping.set(auto_map(&table.headers));
                    dept_choices.set(DepartmentChoices::new());
                    let workbook = (table.sheets.len() > 1).then(|| Arc::new(bytes));
                    loaded.set(Some(Loaded { file_name: name, table, workbook }));
                }
                Err(e) => {
                    loaded.set(None);
                    message.set(Some(Outcome::Refused(format!("{name}: {e}"))));
                }
            }
        });
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
        let stamp = now_stamp();
        // The preview is read in place (it holds every row of the file).
        let planned = result.with_untracked(|pv| {
            let pv = pv.as_ref()?;
            let (mut changes, summary) = state.book.with_untracked(|b| plan(pv, b, chosen_mode, &mut new_id, &stamp));
            // The first import starts renewal tracking on the as-of date.
            changes.tracking_start = Some(state.as_of.get_untracked().date);
            Some((changes, summary, pv.rejected.len(), pv.skipped.len()))
        });
        let Some((changes, summary, rejected, skipped)) = planned else { return };
        busy.set(true);
        state.apply_changes(changes, stamp, move |outcome| {
            busy.set(false);
            match outcome {
                Ok(()) => {
                    loaded.set(None);
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
    };

    let columns_signals = ColumnSignals { loaded, mapping, dept_choices, message };
    let preview_signals = PreviewSignals {
        dept_choices,
        mode,
        busy,
        commit: Callback::new(commit),
        cancel: Callback::new(move |_| loaded.set(None)),
    };
    view! {
        <details class="card import" open=move || loaded.with(Option::is_some)>
            <summary><h2 class="inline">"Import from your agency management system"</h2></summary>
            <p>"Choose a CSV or Excel (.xlsx) export: an expiration or renewal report with one row per policy (rows with the same client become one account), or a book-of-business report with one row per account. Nothing is saved until you press Import."</p>
            <label class="file-label">
                "File "
                <input type="file" accept=".csv,.txt,.xlsx,.xlsm,text/csv" data-testid="book-import" on:change=on_file/>
            </label>
            {move || loaded.with(|l| l.as_ref().map(|l| columns(l, columns_signals, default_dept)))}
            {move || mapping_problem.get().map(|p| view! { <p class="form-message error" role="alert">{p}</p> })}
            {move || result.with(|pv| pv.as_ref().map(|pv| preview(pv, preview_signals)))}
        </details>
        <FormMessage message=message testid="import-message"/>
    }
}

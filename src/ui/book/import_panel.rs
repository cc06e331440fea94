//! Importing an AMS export: choose a file, check the column mapping, review
//! every accepted and rejected row, then commit in one transaction.

use crate::domain::book::Department;
use crate::domain::import::mapping::{Field, Mapping, auto_map, check_mapping};
use crate::domain::import::plan::{ImportMode, plan};
use crate::domain::import::preview::{DepartmentChoices, DepartmentValue, Preview, RowShape, preview_with};
use crate::domain::import::table::{Table, check_file_size, read_file, read_xlsx_sheet, row_text};
use crate::storage::book as book_store;
use crate::ui::state::{new_id, now_stamp, use_app};
use crate::ui::widgets::{FormMessage, files};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// How many skipped rows the preview lists (the count covers them all).
const SKIPPED_SHOWN: usize = 200;

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
    let message = RwSignal::new(None::<(bool, String)>);
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
            message.set(Some((true, format!("{name}: {e}"))));
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
                    message.set(Some((true, format!("{name}: {e}"))));
                }
            }
        });
    };

    let commit = move |_| {
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
        spawn_local(async move {
            let outcome = match state.db() {
                Ok(db) => book_store::apply_changes(&db, &changes, &stamp).await,
                Err(e) => Err(e),
            };
            busy.set(false);
            match outcome {
                Ok(()) => {
                    loaded.set(None);
                    message.set(Some((
                        false,
                        format!(
                            "Imported {file_name}: {}. {} rows were not imported{}.",
                            summary.describe(),
                            rejected,
                            if skipped > 0 {
                                format!("; {skipped} report rows (headers, totals, page numbers) were skipped")
                            } else {
                                String::new()
                            }
                        ),
                    )));
                    state.commit_local(&changes, &stamp);
                    if state.tracking.get_untracked().is_none() {
                        state.tracking.set(changes.tracking_start);
                    }
                }
                Err(e) => message.set(Some((true, format!("Nothing was imported: {e}")))),
            }
        });
    };

    view! {
        <details class="card import" open=move || loaded.with(Option::is_some)>
            <summary><h2 class="inline">"Import from your agency management system"</h2></summary>
            <p>"Choose a CSV or Excel (.xlsx) export: an expiration or renewal report with one row per policy (rows with the same client become one account), or a book-of-business report with one row per account. Nothing is saved until you press Import."</p>
            <label class="file-label">
                "File "
                <input type="file" accept=".csv,.txt,.xlsx,.xlsm,text/csv" data-testid="book-import" on:change=on_file/>
            </label>
            {move || loaded.with(|l| l.as_ref().map(|l| {
                let headers = l.table.headers.clone();
                let samples: Vec<String> = (0..headers.len())
                    .map(|i| l.table.rows.iter().take(3).filter_map(|r| r.cells.get(i)).filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" · "))
                    .collect();
                let header_line = l.table.header_line;
                let candidates = l.table.header_candidates();
                let above = header_rows_note(&l.table);
                let sheets = if l.workbook.is_some() { l.table.sheets.clone() } else { Vec::new() };
                let sheet = l.table.sheet.clone().unwrap_or_default();
                view! {
                    <h3>{format!("Columns of {} ({} data rows)", l.file_name, l.table.rows.len())}</h3>
                    {(!sheets.is_empty()).then(|| view! {
                        <p class="sheet-choice">
                            <label>"Worksheet "
                                <select data-testid="import-sheet" aria-label="The worksheet to import"
                                    on:change=move |ev| {
                                        let name = event_target_value(&ev);
                                        let Some((file_name, bytes)) = loaded.with_untracked(|l| l.as_ref().and_then(|l| Some((l.file_name.clone(), l.workbook.clone()?)))) else { return };
                                        match read_xlsx_sheet(&bytes, &name) {
                                            Ok(table) => {
                                                message.set(None);
                                                mapping.set(auto_map(&table.headers));
                                                dept_choices.set(DepartmentChoices::new());
                                                loaded.set(Some(Loaded { file_name, table, workbook: Some(bytes) }));
                                            }
                                            Err(e) => {
                                                message.set(Some((true, format!("{file_name}: {e}"))));
                                                // The choice goes back to the sheet still shown.
                                                let shown = loaded.with_untracked(|l| l.as_ref().and_then(|l| l.table.sheet.clone())).unwrap_or_default();
                                                event_target::<web_sys::HtmlSelectElement>(&ev).set_value(&shown);
                                            }
                                        }
                                    }>
                                    {sheets.iter().map(|s| view! { <option value=s.clone() selected=*s == sheet>{s.clone()}</option> }).collect_view()}
                                </select>
                            </label>
                            " "<span class="hint">{format!("The workbook has {} worksheets; the one whose headers name the most known columns is shown.", sheets.len())}</span>
                        </p>
                    })}
                    <p class="header-row">
                        <label>"Headers on row "
                            <select data-testid="import-header-row" aria-label="The row that names the columns"
                                on:change=move |ev| {
                                    let Ok(line) = event_target_value(&ev).parse::<usize>() else { return };
                                    loaded.update(|l| {
                                        if let Some(l) = l.as_mut()
                                            && let Some(table) = l.table.with_header_line(line)
                                        {
                                            mapping.set(auto_map(&table.headers));
                                            dept_choices.set(DepartmentChoices::new());
                                            l.table = table;
                                        }
                                    });
                                }>
                                {candidates.into_iter().map(|row| {
                                    let line = row.line;
                                    view! { <option value=line.to_string() selected=line == header_line>{format!("{} — {}", line, row_text(&row.cells, ROW_TEXT_CHARS))}</option> }
                                }).collect_view()}
                            </select>
                        </label>
                        " "<span class="hint" data-testid="import-header-note">{above}</span>
                    </p>
                    <table class="data-table compact mapping" data-testid="import-mapping">
                        <thead><tr><th>"Column in the file"</th><th>"Sample values"</th><th>"Imported as"</th></tr></thead>
                        <tbody>
                            {headers.into_iter().enumerate().map(|(i, h)| view! {
                                <tr>
                                    <td>{h.clone()}</td>
                                    <td class="sample">{samples[i].clone()}</td>
                                    <td>
                                        <select aria-label=format!("Field for column {h}") data-testid="import-mapping-select"
                                            prop:value=move || mapping.with(|m| m.get(i).copied().flatten().map(|f| f.key()).unwrap_or(""))
                                            on:change=move |ev| {
                                                let f = Field::from_key(&event_target_value(&ev));
                                                mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = f; });
                                            }>
                                            <option value="">"(not imported)"</option>
                                            {Field::ALL.into_iter().map(|f| view! { <option value=f.key()>{f.label()}</option> }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <div class="inline-form">
                        <label for="import-default-dept">"Department for rows without one"</label>
                        <input id="import-default-dept" type="text" list="department-list-import" prop:value=move || default_dept.get() on:input=move |ev| default_dept.set(event_target_value(&ev))/>
                        <datalist id="department-list-import"><option value="CL"/><option value="PL"/><option value="Benefits"/></datalist>
                    </div>
                }
            }))}
            {move || mapping_problem.get().map(|p| view! { <p class="form-message error" role="alert">{p}</p> })}
            {move || result.with(|pv| pv.as_ref().map(|pv| {
                let shape = match pv.shape {
                    RowShape::PerPolicy => "one row per policy",
                    RowShape::PerAccount => "one row per account",
                };
                let any_rejected = !pv.rejected.is_empty();
                let accepted = pv.accepted_rows;
                let accounts_preview: Vec<_> = pv.accounts.iter().take(8).map(|a| format!("{} ({}, {} policies)", a.client_name, a.department.code(), a.policies.len())).collect();
                let samples = pv.samples.clone();
                let department_values = pv.department_values.clone();
                let status_counts = pv.status_counts.clone();
                let inactive = pv.inactive_policy_count();
                view! {
                    <div class="preview" data-testid="import-preview">
                        <p>
                            "Read as " {shape} ": "
                            <strong data-testid="import-accepted-count">{pv.accepted_rows}</strong>
                            " rows to import, forming " {pv.accounts.len()} " accounts with " {pv.policy_count()} " policies; "
                            <strong data-testid="import-rejected-count">{pv.rejected.len()}</strong>
                            " rows rejected; "
                            <strong data-testid="import-skipped-count">{pv.skipped.len()}</strong>
                            " report rows (repeated headers, totals, page numbers) skipped"
                            {(!pv.blank_lines.is_empty()).then(|| format!("; {} blank rows skipped", pv.blank_lines.len()))}
                            "."
                        </p>
                        <p class="hint">{format!("Accounts: {}{}", accounts_preview.join("; "), if pv.accounts.len() > 8 { "; …" } else { "" })}</p>
                        {(!status_counts.is_empty()).then(|| view! {
                            <p class="statuses" data-testid="import-statuses">
                                "Policy status: "
                                {status_counts.iter().enumerate().map(|(i, (status, n))| view! {
                                    {(i > 0).then_some(" · ")}
                                    <span class=if status.is_live() { "status-live" } else { "status-inactive" }>
                                        <strong data-testid="import-status-count" data-status=status.key()>{*n}</strong>
                                        " " {status.label()}
                                    </span>
                                }).collect_view()}
                                {(inactive > 0).then(|| if inactive == 1 {
                                    ". The inactive policy is kept on its account for history; it counts in no revenue, tier, concentration or renewal.".to_string()
                                } else {
                                    format!(". The {inactive} inactive policies are kept on their accounts for history; they count in no revenue, tier, concentration or renewal.")
                                })}
                            </p>
                        })}
                        {(!department_values.is_empty()).then(|| view! { <DepartmentMap values=department_values.clone() choices=dept_choices/> })}
                        <h3>"How the first values of each column are read"</h3>
                        <p>{pv.decimal_style.describe()}</p>
                        <table class="data-table compact" data-testid="import-samples">
                            <thead><tr><th>"Column in the file"</th><th>"Imported as"</th><th>"Values in the file → as imported"</th></tr></thead>
                            <tbody>
                                {samples.into_iter().map(|column| {
                                    let all_blank = column.values.is_empty();
                                    view! {
                                        <tr>
                                            <td>{column.header}</td>
                                            <td>{column.field.label()}</td>
                                            <td>
                                                {all_blank.then(|| view! { <span class="hint">"(blank in every row)"</span> })}
                                                <ul class="samples-list">
                                                    {column.values.into_iter().map(|v| {
                                                        let (class, text) = match v.reading {
                                                            Ok(read) => ("", format!("\u{201c}{}\u{201d} → {read}", v.raw)),
                                                            Err(why) => ("unread", format!("\u{201c}{}\u{201d} → not imported (line {}): {why}", v.raw, v.line)),
                                                        };
                                                        view! { <li class=class>{text}</li> }
                                                    }).collect_view()}
                                                </ul>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        {(!pv.skipped.is_empty()).then(|| {
                            let more = pv.skipped.len().saturating_sub(SKIPPED_SHOWN);
                            view! {
                                <details class="skipped">
                                    <summary>{format!("Rows skipped as part of the report, not policies or accounts ({})", pv.skipped.len())}</summary>
                                    <table class="data-table compact">
                                        <thead><tr><th>"Line"</th><th>"Looks like"</th><th>"Row"</th></tr></thead>
                                        <tbody>
                                            {pv.skipped.iter().take(SKIPPED_SHOWN).map(|r| view! {
                                                <tr data-testid="import-skipped-row" data-line=r.line>
                                                    <td>{format!("Line {}", r.line)}</td>
                                                    <td>{r.reason.describe()}</td>
                                                    <td>{r.text.clone()}</td>
                                                </tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                    {(more > 0).then(|| view! { <p class="hint">{format!("…and {more} more.")}</p> })}
                                </details>
                            }
                        })}
                        {any_rejected.then(|| view! {
                            <h3>"Rows that will not be imported"</h3>
                            <table class="data-table compact">
                                <thead><tr><th>"Line"</th><th>"Field"</th><th>"Value"</th><th>"Reason"</th></tr></thead>
                                <tbody>
                                    {pv.rejected.iter().map(|r| view! {
                                        <tr data-testid="import-rejected-row" data-line=r.line>
                                            <td>{format!("Line {}", r.line)}</td>
                                            <td>{r.field.clone()}</td>
                                            <td>{r.value.clone()}</td>
                                            <td>{r.reason.clone()}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        <fieldset class="mode">
                            <legend>"Existing accounts"</legend>
                            <label><input type="radio" name="import-mode" data-testid="import-mode-merge" prop:checked=move || mode.get() == ImportMode::Merge on:change=move |_| mode.set(ImportMode::Merge)/>
                                " Merge: update policies with the same number, and accounts with the same client code (or, without one, the same client name); add the rest"</label>
                            <label><input type="radio" name="import-mode" data-testid="import-mode-replace" prop:checked=move || mode.get() == ImportMode::Replace on:change=move |_| mode.set(ImportMode::Replace)/>
                                " Replace: remove every account and policy first; the file becomes the book"</label>
                        </fieldset>
                        <button type="button" data-testid="import-commit" disabled=move || busy.get() || accepted == 0 on:click=commit>
                            {format!("Import {accepted} rows")}
                        </button>
                        <button type="button" class="secondary" on:click=move |_| loaded.set(None)>"Cancel"</button>
                    </div>
                }
            }))}
        </details>
        <FormMessage message=message testid="import-message"/>
    }
}

/// How much of a row the header-row choice and note show.
const ROW_TEXT_CHARS: usize = 70;

/// What became of the rows above the headers.
fn header_rows_note(table: &Table) -> String {
    match table.above.as_slice() {
        [] => "(the first row of the file with anything in it)".into(),
        rows => format!(
            "(the {} above look like a report title and are not imported: {})",
            if rows.len() == 1 { "row" } else { "rows" },
            rows.iter()
                .map(|r| format!("row {} “{}”", r.line, row_text(&r.cells, ROW_TEXT_CHARS)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Each value of the file's department column, its rows and the department
/// it goes to, with a choice of another before anything is saved.
#[component]
fn DepartmentMap(values: Vec<DepartmentValue>, choices: RwSignal<DepartmentChoices>) -> impl IntoView {
    let state = use_app();
    let known = state.profile.with_untracked(|p| p.departments.clone());
    view! {
        <h3>"Departments in the file"</h3>
        <table class="data-table compact" data-testid="import-department-map">
            <thead><tr><th>"Written in the file"</th><th>"Rows"</th><th>"Imported into"</th></tr></thead>
            <tbody>
                {values.into_iter().map(|dv| {
                    let mut options = known.clone();
                    if !options.contains(&dv.department) {
                        options.push(dv.department.clone());
                    }
                    let value = dv.value.clone();
                    let offered = options.clone();
                    view! {
                        <tr data-testid="import-department-value" data-value=dv.value.clone()>
                            <td>{dv.value.clone()}</td>
                            <td class="num">{dv.rows}</td>
                            <td>
                                <select aria-label=format!("Department for “{}”", dv.value)
                                    on:change=move |ev| {
                                        let code = event_target_value(&ev);
                                        if let Some(d) = offered.iter().find(|d| d.code() == code) {
                                            let d = d.clone();
                                            choices.update(|c| { c.insert(value.clone(), d); });
                                        }
                                    }>
                                    {options.into_iter().map(|d| {
                                        let selected = d == dv.department;
                                        let label = if known.contains(&d) { d.label().to_string() } else { format!("New department: {}", d.label()) };
                                        view! { <option value=d.code().to_string() selected=selected>{label}</option> }
                                    }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

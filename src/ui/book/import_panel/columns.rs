//! The columns of a chosen file: which worksheet and which row name them,
//! what each is imported as, and the department for rows without one.

use crate::domain::import::job::{Request, TableHead};
use crate::domain::import::mapping::{Field, Mapping};
use crate::domain::import::table::{TableRow, row_text};
use leptos::prelude::*;

/// How much of a row the header-row choice and note show.
const ROW_TEXT_CHARS: usize = 70;

/// What the column views change: the mapping, and (through the import's
/// worker, which holds the file) the worksheet or header row read.
#[derive(Clone, Copy)]
pub(super) struct ColumnSignals {
    pub mapping: RwSignal<Mapping>,
    pub reread: Callback<Request>,
    pub sheet_select: NodeRef<leptos::html::Select>,
}

/// The columns of the file read, `head`, drawn again whenever it changes.
pub(super) fn columns(
    head: &TableHead,
    signals: ColumnSignals,
    default_dept: RwSignal<String>,
) -> impl IntoView + use<> {
    let headers = head.headers.clone();
    let samples = head.samples.clone();
    let header_line = head.header_line;
    let candidates = head.candidates.clone();
    let above = header_rows_note(&head.above);
    let sheets = head.sheets.clone();
    let sheet = head.sheet.clone().unwrap_or_default();
    view! {
        <h3>{format!("Columns of {} ({} data rows)", head.file_name, head.rows)}</h3>
        {(!sheets.is_empty()).then(|| view! { <SheetChoice sheets sheet signals/> })}
        <HeaderRowChoice candidates header_line above signals/>
        <MappingTable headers samples mapping=signals.mapping/>
        <div class="inline-form">
            <label for="import-default-dept">"Department for rows without one"</label>
            <input id="import-default-dept" type="text" list="department-list-import" prop:value=move || default_dept.get() on:input=move |ev| default_dept.set(event_target_value(&ev))/>
            <datalist id="department-list-import"><option value="CL"/><option value="PL"/><option value="Benefits"/></datalist>
        </div>
    }
}

/// The worksheet of a workbook to import; another one is read from the
/// workbook's bytes.
#[component]
fn SheetChoice(sheets: Vec<String>, sheet: String, signals: ColumnSignals) -> impl IntoView {
    let reread = signals.reread;
    view! {
        <p class="sheet-choice">
            <label>"Worksheet "
                <select data-testid="import-sheet" aria-label="The worksheet to import" node_ref=signals.sheet_select
                    on:change=move |ev| reread.run(Request::Sheet { name: event_target_value(&ev) })>
                    {sheets.iter().map(|s| view! { <option value=s.clone() selected=*s == sheet>{s.clone()}</option> }).collect_view()}
                </select>
            </label>
            " "<span class="hint">{format!("The workbook has {} worksheets; the one whose headers name the most known columns is shown.", sheets.len())}</span>
        </p>
    }
}

/// The row that names the columns, with what became of the rows above it.
#[component]
fn HeaderRowChoice(
    candidates: Vec<TableRow>,
    header_line: usize,
    above: String,
    signals: ColumnSignals,
) -> impl IntoView {
    let reread = signals.reread;
    view! {
        <p class="header-row">
            <label>"Headers on row "
                <select data-testid="import-header-row" aria-label="The row that names the columns"
                    on:change=move |ev| {
                        if let Ok(line) = event_target_value(&ev).parse::<usize>() {
                            reread.run(Request::HeaderLine { line });
                        }
                    }>
                    {candidates.into_iter().map(|row| {
                        let line = row.line;
                        view! { <option value=line.to_string() selected=line == header_line>{format!("{} — {}", line, row_text(&row.cells, ROW_TEXT_CHARS))}</option> }
                    }).collect_view()}
                </select>
            </label>
            " "<span class="hint" data-testid="import-header-note">{above}</span>
        </p>
    }
}

/// Each column of the file with sample values and the field it goes to.
#[component]
fn MappingTable(headers: Vec<String>, samples: Vec<String>, mapping: RwSignal<Mapping>) -> impl IntoView {
    view! {
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
    }
}

/// What became of the rows above the headers.
fn header_rows_note(above: &[TableRow]) -> String {
    match above {
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

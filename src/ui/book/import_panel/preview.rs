//! The preview of an import: what will be imported, how the values are
//! read, the rows skipped or rejected, and the choice of how to import.

use crate::domain::book::PolicyStatus;
use crate::domain::import::plan::ImportMode;
use crate::domain::import::preview::{ColumnSample, DepartmentChoices, DepartmentValue, Preview, Rejected, RowShape};
use crate::domain::import::skip::Skipped;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// How many skipped rows the preview lists (the count covers them all).
const SKIPPED_SHOWN: usize = 200;

/// What the preview's controls change or follow.
#[derive(Clone, Copy)]
pub(super) struct PreviewSignals {
    pub dept_choices: RwSignal<DepartmentChoices>,
    pub mode: RwSignal<ImportMode>,
    pub busy: RwSignal<bool>,
    pub commit: Callback<()>,
    pub cancel: Callback<()>,
}

/// The preview of `pv`, drawn again whenever it changes.
pub(super) fn preview(pv: &Preview, signals: PreviewSignals) -> impl IntoView + use<> {
    let accepted = pv.accepted_rows;
    let samples = pv.samples.clone();
    let department_values = pv.department_values.clone();
    let status_counts = pv.status_counts.clone();
    let inactive = pv.inactive_policy_count();
    view! {
        <div class="preview" data-testid="import-preview">
            {summary(pv)}
            {(!status_counts.is_empty()).then(|| view! { <StatusCounts status_counts inactive/> })}
            {(!department_values.is_empty()).then(|| view! { <DepartmentMap values=department_values.clone() choices=signals.dept_choices/> })}
            <h3>"How the first values of each column are read"</h3>
            <p>{pv.decimal_style.describe()}</p>
            <SampleTable samples/>
            {(!pv.skipped.is_empty()).then(|| skipped_rows(&pv.skipped))}
            {(!pv.rejected.is_empty()).then(|| rejected_rows(&pv.rejected))}
            <CommitControls accepted signals/>
        </div>
    }
}

/// How the file was read and how many rows go where.
fn summary(pv: &Preview) -> impl IntoView + use<> {
    let shape = match pv.shape {
        RowShape::PerPolicy => "one row per policy",
        RowShape::PerAccount => "one row per account",
    };
    let accounts_preview: Vec<_> = pv
        .accounts
        .iter()
        .take(8)
        .map(|a| format!("{} ({}, {} policies)", a.client_name, a.department.code(), a.policies.len()))
        .collect();
    view! {
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
    }
}

/// The policies of the file per status, and what becomes of inactive ones.
#[component]
fn StatusCounts(status_counts: Vec<(PolicyStatus, usize)>, inactive: usize) -> impl IntoView {
    view! {
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
    }
}

/// The first values of each imported column, as written and as read.
#[component]
fn SampleTable(samples: Vec<ColumnSample>) -> impl IntoView {
    view! {
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
    }
}

/// The rows skipped as part of the report (the first of them).
fn skipped_rows(skipped: &[Skipped]) -> impl IntoView + use<> {
    let more = skipped.len().saturating_sub(SKIPPED_SHOWN);
    view! {
        <details class="skipped">
            <summary>{format!("Rows skipped as part of the report, not policies or accounts ({})", skipped.len())}</summary>
            <table class="data-table compact">
                <thead><tr><th>"Line"</th><th>"Looks like"</th><th>"Row"</th></tr></thead>
                <tbody>
                    {skipped.iter().take(SKIPPED_SHOWN).map(|r| view! {
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
}

/// The rows that will not be imported, and why.
fn rejected_rows(rejected: &[Rejected]) -> impl IntoView + use<> {
    view! {
        <h3>"Rows that will not be imported"</h3>
        <table class="data-table compact">
            <thead><tr><th>"Line"</th><th>"Field"</th><th>"Value"</th><th>"Reason"</th></tr></thead>
            <tbody>
                {rejected.iter().map(|r| view! {
                    <tr data-testid="import-rejected-row" data-line=r.line>
                        <td>{format!("Line {}", r.line)}</td>
                        <td>{r.field.clone()}</td>
                        <td>{r.value.clone()}</td>
                        <td>{r.reason.clone()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Merge or replace, then import or cancel.
#[component]
fn CommitControls(accepted: usize, signals: PreviewSignals) -> impl IntoView {
    let PreviewSignals { mode, busy, commit, cancel, .. } = signals;
    view! {
        <fieldset class="mode">
            <legend>"Existing accounts"</legend>
            <label><input type="radio" name="import-mode" data-testid="import-mode-merge" prop:checked=move || mode.get() == ImportMode::Merge on:change=move |_| mode.set(ImportMode::Merge)/>
                " Merge: update policies with the same number, and accounts with the same client code (or, without one, the same client name); add the rest"</label>
            <label><input type="radio" name="import-mode" data-testid="import-mode-replace" prop:checked=move || mode.get() == ImportMode::Replace on:change=move |_| mode.set(ImportMode::Replace)/>
                " Replace: remove every account and policy first; the file becomes the book"</label>
        </fieldset>
        <button type="button" data-testid="import-commit" disabled=move || busy.get() || accepted == 0 on:click=move |_| commit.run(())>
            {format!("Import {accepted} rows")}
        </button>
        <button type="button" class="secondary" on:click=move |_| cancel.run(())>"Cancel"</button>
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

//! Step 2 of the method: the time and cost of each process, department by
//! department, and how often each happens.

use super::{dollars, minutes_text};
use crate::domain::activity::ProcessKind;
use crate::domain::book::Department;
use crate::domain::entry::non_negative;
use crate::domain::profitability::analysis::{Analysis, ProfitSettings};
use crate::domain::profitability::cost::{Basis, ProcessSet, Step};
use crate::ui::widgets::form_message::Outcome;
use crate::ui::widgets::{FormMessage, Message, take};
use leptos::prelude::*;
use std::sync::Arc;

/// The `data-department` of the times of every department without its own.
const SHARED_TIMES: &str = "default";

/// Step 2 of the method: the steps and minutes of each process per
/// department, the chart, the frequencies and the tier overrides.
#[component]
pub fn ProcessCard(draft: RwSignal<ProfitSettings>, analysis: Memo<Arc<Analysis>>) -> impl IntoView {
    let state = crate::ui::state::use_app();
    let departments = Memo::new(move |_| state.profile.with(|p| p.departments.clone()));
    // The department whose times are shown (none: every department without its own).
    let chosen = RwSignal::new(departments.get_untracked().first().cloned());
    let per_minute = Memo::new(move |_| analysis.with(|a| a.minute.as_ref().map(|m| m.per_minute).unwrap_or(0.0)));
    let kinds = Memo::new(move |_| {
        let code = chosen.with(|c| c.as_ref().map(|d| d.code().to_string()).unwrap_or_else(|| SHARED_TIMES.into()));
        chosen.with(|c| {
            draft.with(|d| d.times_for(c.as_ref()).processes.iter().map(|p| (code.clone(), p.kind)).collect::<Vec<_>>())
        })
    });
    // Minutes of one run of each process, per department, for the chart.
    let minutes = Memo::new(move |_| {
        departments.with(|depts| {
            draft.with(|d| {
                depts
                    .iter()
                    .map(|dept| {
                        (dept.code().to_string(), ProcessKind::ALL.map(|k| d.process_set(dept).run_minutes(k)).to_vec())
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    // Why the last step name, minutes or frequency typed was not taken.
    let error = RwSignal::<Message>::new(None);
    view! {
        <section class="card">
            <h2>"Step 2: time and cost of each process"</h2>
            <p class="hint">"Average hands-on minutes per step (not elapsed time), department by department: a personal auto renewal does not take the time of a commercial package. The starting steps, minutes and frequencies are sample assumptions: time your own team, rename, add or remove steps to match how your agency works."</p>
            <DepartmentChoice departments chosen/>
            <TimesSource draft chosen/>
            <table class="data-table compact" data-testid="process-table">
                <thead><tr><th>"Process"</th><th>"Steps and minutes"</th><th class="num">"Total minutes"</th><th class="num">"Cost each"</th></tr></thead>
                <tbody>
                    <For each=move || kinds.get() key=|k| k.clone() let:item>
                        <ProcessRow kind=item.1 code=item.0 chosen draft per_minute error/>
                    </For>
                </tbody>
            </table>
            <FormMessage message=error testid="process-error"/>
            {move || minutes.with(|series| super::super::tables::chart(
                crate::charts::process_minutes_chart(
                    "Minutes of one run of each process, by department",
                    &ProcessKind::ALL.map(|k| k.label().to_string()),
                    series,
                ),
                "Bar chart of each process's minutes in each department; the table above lists the chosen department's steps.".into(),
                "process-chart",
            ))}
            <FrequencyTable draft chosen error/>
            <super::overrides::TierOverrides draft/>
        </section>
    }
}

/// Edits the times shown: the chosen department's (a copy of the shared
/// times on its first change) or the shared ones.
fn edit_times(
    draft: RwSignal<ProfitSettings>,
    chosen: RwSignal<Option<crate::domain::book::Department>>,
    f: impl FnOnce(&mut ProcessSet),
) {
    let dept = chosen.get_untracked();
    draft.update(|d| f(d.process_set_mut(dept.as_ref())));
}

/// A change to one process's list of steps.
type StepsEdit = Box<dyn FnOnce(&mut Vec<Step>)>;

/// One process: its steps (rename, change minutes, add, remove), total and cost.
#[component]
fn ProcessRow(
    kind: ProcessKind,
    code: String,
    chosen: RwSignal<Option<crate::domain::book::Department>>,
    draft: RwSignal<ProfitSettings>,
    per_minute: Memo<f64>,
    error: RwSignal<Message>,
) -> impl IntoView {
    let steps = Memo::new(move |_| {
        chosen.with(|c| {
            draft.with(|d| {
                d.times_for(c.as_ref())
                    .processes
                    .iter()
                    .find(|p| p.kind == kind)
                    .map(|p| p.steps.clone())
                    .unwrap_or_default()
            })
        })
    });
    let total = move || steps.with(|s| s.iter().map(|x| x.minutes).sum::<f64>());
    let edit = move |f: StepsEdit| {
        edit_times(draft, chosen, |set| {
            if let Some(p) = set.processes.iter_mut().find(|p| p.kind == kind) {
                f(&mut p.steps);
            }
        })
    };
    let add = move |_| {
        edit(Box::new(|steps: &mut Vec<Step>| {
            steps.push(Step { name: format!("Step {}", steps.len() + 1), minutes: 0.0 })
        }))
    };
    // Keyed by position and content: editing one step redraws that step
    // only, so focus stays where the user tabbed to.
    let numbered_steps = move || steps.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <tr data-testid="process-row" data-process=kind.label() data-department=code>
            <th scope="row">{kind.label()}</th>
            <td>
                <For each=numbered_steps key=|(i, s)| (*i, s.name.clone(), s.minutes.to_bits()) let:item>
                    {
                        let (si, s) = item;
                        let name = s.name.clone();
                        view! {
                            <span class="step" data-testid="process-step">
                                <input type="text" class="step-name" aria-label=format!("{} step {} name", kind.label(), si + 1)
                                    prop:value=s.name.clone()
                                    on:change=move |ev| {
                                        let text = event_target_value(&ev).trim().to_string();
                                        if text.is_empty() {
                                            error.set(Some(Outcome::Refused(format!("Step {} of {} needs a name; remove the step with × instead.", si + 1, kind.label()))));
                                        } else {
                                            error.set(None);
                                            edit(Box::new(move |steps: &mut Vec<Step>| if let Some(x) = steps.get_mut(si) { x.name = text; }));
                                        }
                                    }/>
                                <input type="number" min="0" step="any" aria-label=format!("{} minutes", name)
                                    prop:value=minutes_text(s.minutes)
                                    on:change={
                                        let name = name.clone();
                                        move |ev| take(non_negative(&event_target_value(&ev), &format!("The minutes of “{name}” ({})", kind.label())), error, |m| {
                                            edit(Box::new(move |steps: &mut Vec<Step>| if let Some(x) = steps.get_mut(si) { x.minutes = m; }))
                                        })
                                    }/>
                                <button type="button" class="icon" data-testid="step-remove" aria-label=format!("Remove the step {name}")
                                    on:click=move |_| edit(Box::new(move |steps: &mut Vec<Step>| { if si < steps.len() { steps.remove(si); } }))>"×"</button>
                            </span>
                        }
                    }
                </For>
                <button type="button" class="secondary small no-print" data-testid="step-add" on:click=add>"+ step"</button>
            </td>
            <td class="num" data-testid="process-minutes">{move || minutes_text(total())}</td>
            <td class="num">{move || dollars(total() * per_minute.get())}</td>
        </tr>
    }
}

/// How often each process happens, per policy or per account.
#[component]
fn FrequencyTable(
    draft: RwSignal<ProfitSettings>,
    chosen: RwSignal<Option<crate::domain::book::Department>>,
    error: RwSignal<Message>,
) -> impl IntoView {
    let rows = Memo::new(move |_| chosen.with(|c| draft.with(|d| d.times_for(c.as_ref()).frequencies.clone())));
    let numbered = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <h3>{move || format!("How often each process happens: {}", chosen.with(|c| c.as_ref().map(|d| d.label().to_string()).unwrap_or_else(|| "departments without their own times".into())))}</h3>
        <p class="hint">"Renewals: once a year for each policy. The rest are the agency's estimates, unless an imported file gave an account its own yearly counts (endorsements, certificates, claims, ...): those counts are used for that account instead."</p>
        <table class="data-table compact" data-testid="frequency-table">
            <thead><tr><th>"Process"</th><th>"Per year"</th><th>"Counted per"</th></tr></thead>
            <tbody>
                <For each=numbered key=|(i, f)| (*i, f.per_year.to_bits()) let:item>
                    {
                        let (fi, f) = item;
                        view! {
                            <tr>
                                <td>{f.kind.label()}</td>
                                <td><input type="number" min="0" step="any" aria-label=format!("{} per year", f.kind.label())
                                    prop:value=minutes_text(f.per_year)
                                    on:change=move |ev| take(non_negative(&event_target_value(&ev), &format!("{} per year", f.kind.label())), error, |v| {
                                        edit_times(draft, chosen, |set| if let Some(f) = set.frequencies.get_mut(fi) { f.per_year = v })
                                    })/></td>
                                <td>{match f.basis { Basis::PerPolicy => "policy", Basis::PerAccount => "account" }}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}

/// The department whose times are shown, or the times of every department
/// without its own.
#[component]
fn DepartmentChoice(departments: Memo<Vec<Department>>, chosen: RwSignal<Option<Department>>) -> impl IntoView {
    view! {
        <div class="inline-form">
            <label for="process-department">"Times for"</label>
            <select id="process-department" data-testid="process-department" on:change=move |ev| {
                let code = event_target_value(&ev);
                chosen.set(departments.with(|ds| ds.iter().find(|d| d.code() == code).cloned()));
            }>
                {move || departments.get().into_iter().map(|d| {
                    let code = d.code().to_string();
                    let is = d.clone();
                    view! { <option value=code selected=move || chosen.with(|c| c.as_ref() == Some(&is))>{d.label().to_string()}</option> }
                }).collect_view()}
                <option value=SHARED_TIMES selected=move || chosen.with(Option::is_none)>"Departments without their own times"</option>
            </select>
        </div>
    }
}

/// Whose times are shown, with the ways to take the sample times or go back
/// to the shared ones.
#[component]
fn TimesSource(draft: RwSignal<ProfitSettings>, chosen: RwSignal<Option<Department>>) -> impl IntoView {
    let own = move || chosen.with(|c| c.as_ref().map(|dept| draft.with(|d| d.has_own_times(dept))));
    view! {
        <p class="hint" data-testid="process-times-source">{move || match (own(), chosen.get()) {
            (Some(true), Some(d)) => format!("{} has times of its own.", d.label()),
            (Some(false), Some(d)) => format!("{} uses the times of departments without their own; a change here gives it its own copy.", d.label()),
            _ => "These times serve every department that has none of its own.".to_string(),
        }}
            {move || chosen.get().map(|dept| {
                let sample = dept.clone();
                let shared = dept.clone();
                view! {
                    " "
                    <button type="button" class="secondary small no-print" data-testid="process-use-sample"
                        on:click=move |_| draft.update(|d| d.use_sample_times(&sample))>{format!("Use the sample {} times", dept.label())}</button>
                    {move || (own() == Some(true)).then(|| {
                        let shared = shared.clone();
                        view! {
                            " "
                            <button type="button" class="secondary small no-print" data-testid="process-share"
                                on:click=move |_| draft.update(|d| d.share_times(&shared))>"Use the shared times instead"</button>
                        }
                    })}
                }
            })}
        </p>
    }
}

//! The method's inputs: the cost of a minute and the process-time chart.

use crate::domain::activity::ProcessKind;
use crate::domain::book::Department;
use crate::domain::entry::{non_negative, whole_number};
use crate::domain::money::group_digits;
use crate::domain::money::{format_money, parse_money};
use crate::domain::profitability::analysis::{Analysis, CostBasis, ProfitSettings};
use crate::domain::profitability::cost::{Basis, ProcessSet, Step, TierOverride};
use crate::domain::profitability::tiers::TierSet;
use crate::ui::widgets::{FormMessage, Message, take};
use leptos::prelude::*;

/// Formats fractional cents as dollars with two decimals ($0.65).
fn dollars(cents: f64) -> String {
    format_money(cents.round() as i64)
}

#[component]
pub fn MinuteCard(draft: RwSignal<ProfitSettings>, analysis: Memo<Analysis>) -> impl IntoView {
    let comp_text = RwSignal::new(crate::domain::money::format_plain(draft.get_untracked().total_compensation));
    let comp_error = RwSignal::new(None::<String>);
    let employees_error = RwSignal::<Message>::new(None);
    // Keep the field in step when the draft is reset to the baseline.
    Effect::new(move |_| {
        let cents = draft.with(|d| d.total_compensation);
        if parse_money(&comp_text.get_untracked()).ok().flatten() != Some(cents) {
            comp_text.set(crate::domain::money::format_plain(cents));
        }
    });
    view! {
        <section class="card">
            <h2>"Step 3: the cost of a minute, of each process and of each account"</h2>
            <p class="hint">"Combined annual salaries and benefits of all employees, owners included, ÷ 100,000 working minutes, ÷ the number of employees. A rough figure: it leaves out other operating costs. The starting values are sample assumptions; enter your agency's."</p>
            <div class="inline-form">
                <label for="total-comp">"Salaries and benefits, per year"</label>
                <input id="total-comp" type="text" inputmode="decimal" data-testid="total-compensation"
                    prop:value=move || comp_text.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        comp_text.set(text.clone());
                        match parse_money(&text) {
                            Ok(Some(c)) if c > 0 => { comp_error.set(None); draft.update(|d| d.total_compensation = c); }
                            Ok(_) => comp_error.set(Some("Enter an amount above $0.".into())),
                            Err(e) => comp_error.set(Some(e)),
                        }
                    }/>
                <label for="employees">"Employees (with owners)"</label>
                <input id="employees" type="number" min="1" step="1" data-testid="employees"
                    prop:value=move || draft.with(|d| d.employees.to_string())
                    on:input=move |ev| take(whole_number(&event_target_value(&ev), "Employees (with owners)", 1, 100_000), employees_error, |n| draft.update(|d| d.employees = n))/>
            </div>
            {move || comp_error.get().map(|e| view! { <p class="form-message error" role="alert">{e}</p> })}
            <FormMessage message=employees_error testid="employees-error"/>
            {move || analysis.with(|a| match &a.minute {
                Ok(m) => view! {
                    <ol class="steps">
                        <li>{format!("{} ÷ 100,000 minutes = {} a minute for the whole staff", format_money(m.total_compensation), dollars(m.all_staff_per_minute))}</li>
                        <li>{format!("{} ÷ {} employees = ", dollars(m.all_staff_per_minute), m.employees)}
                            <strong data-testid="cost-per-minute">{dollars(m.per_minute)}</strong>" a minute"</li>
                    </ol>
                }.into_any(),
                Err(e) => view! { <p class="form-message error" role="alert" data-testid="cost-per-minute-error">{e.clone()}</p> }.into_any(),
            })}
            <Capacity draft analysis/>
        </section>
    }
}

/// How much of the staff's time the processes account for, and which cost
/// the nets are figured on.
#[component]
fn Capacity(draft: RwSignal<ProfitSettings>, analysis: Memo<Analysis>) -> impl IntoView {
    let minutes = |m: f64| group_digits(m.round().max(0.0) as u64);
    view! {
        <h3>"Capacity: the time the processes explain"</h3>
        {move || analysis.with(|a| a.capacity.as_ref().map(|c| {
            let share = c.share();
            let over = c.accounted > c.available;
            view! {
                <p data-testid="capacity" data-share=format!("{share:.1}") class:flag=true class:warn=over>
                    {format!(
                        "The processes account for {} of the {} minutes the staff work in a year ({} employees × 100,000): {share:.1}%.",
                        minutes(c.accounted), minutes(c.available), c.available as u64 / 100_000
                    )}
                    {if over {
                        " They claim more time than the staff has: some process times or frequencies are too high.".to_string()
                    } else {
                        format!(" The other {} minutes are time no process explains: work the method does not list, or times set too low.", minutes(c.unaccounted()))
                    }}
                </p>
                <table class="data-table compact" data-testid="capacity-table">
                    <thead><tr><th>"Department"</th><th class="num">"Process minutes a year"</th><th class="num">"Share of staff minutes"</th></tr></thead>
                    <tbody>
                        {c.by_department.iter().filter(|(_, m)| *m > 0.0).map(|(d, m)| view! {
                            <tr data-department=d.code().to_string()>
                                <td>{d.label().to_string()}</td>
                                <td class="num">{minutes(*m)}</td>
                                <td class="num">{format!("{:.1}%", crate::domain::profitability::tiers::percent(*m, c.available))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }
        }))}
        <label class="field cost-basis">
            <span>"Cost to serve, and so every net on this page, is figured on"</span>
            <select data-testid="cost-basis" on:change=move |ev| {
                if let Some(b) = CostBasis::parse(&event_target_value(&ev)) { draft.update(|d| d.cost_basis = b); }
            }>
                {CostBasis::ALL.into_iter().map(|b| view! {
                    <option value=b.code() selected=move || draft.with(|d| d.cost_basis == b)>{match b {
                        CostBasis::Direct => "Direct cost only: process minutes × the cost of a minute (the method's figure)",
                        CostBasis::Full => "Full cost: all salaries and benefits, spread over accounts by their process minutes",
                    }}</option>
                }).collect_view()}
            </select>
        </label>
        <p class="hint" data-testid="cost-basis-note">{move || analysis.with(|a| match (a.basis, &a.minute) {
            (CostBasis::Full, Ok(m)) => format!(
                "Full cost: {} of salaries and benefits over {} process minutes is {} a process minute, so the costs to serve add up to the whole payroll.",
                format_money(m.total_compensation), group_digits(a.capacity.as_ref().map(|c| c.accounted.round() as u64).unwrap_or(0)), dollars(a.minute_rate)
            ),
            (CostBasis::Direct, Ok(m)) => format!(
                "Direct cost only: each process minute costs {}; the time no process explains is left out, so the costs to serve add up to less than the payroll of {}.",
                dollars(m.per_minute), format_money(m.total_compensation)
            ),
            (_, Err(_)) => String::new(),
        })}</p>
    }
}

/// Minutes as people write them: `12`, `7.5`.
fn minutes_text(m: f64) -> String {
    if m.fract() == 0.0 { format!("{}", m as i64) } else { format!("{m}") }
}

/// The `data-department` of the times of every department without its own.
const SHARED_TIMES: &str = "default";

#[component]
pub fn ProcessCard(draft: RwSignal<ProfitSettings>, analysis: Memo<Analysis>) -> impl IntoView {
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
    let own = move || chosen.with(|c| c.as_ref().map(|dept| draft.with(|d| d.has_own_times(dept))));
    // Why the last step name, minutes or frequency typed was not taken.
    let error = RwSignal::<Message>::new(None);
    view! {
        <section class="card">
            <h2>"Step 2: time and cost of each process"</h2>
            <p class="hint">"Average hands-on minutes per step (not elapsed time), department by department: a personal auto renewal does not take the time of a commercial package. The starting steps, minutes and frequencies are sample assumptions: time your own team, rename, add or remove steps to match how your agency works."</p>
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
            <table class="data-table compact" data-testid="process-table">
                <thead><tr><th>"Process"</th><th>"Steps and minutes"</th><th class="num">"Total minutes"</th><th class="num">"Cost each"</th></tr></thead>
                <tbody>
                    <For each=move || kinds.get() key=|k| k.clone() let:item>
                        <ProcessRow kind=item.1 code=item.0 chosen draft per_minute error/>
                    </For>
                </tbody>
            </table>
            <FormMessage message=error testid="process-error"/>
            {move || minutes.with(|series| super::tables::chart(
                crate::charts::process_minutes_chart(
                    "Minutes of one run of each process, by department",
                    &ProcessKind::ALL.map(|k| k.label().to_string()),
                    series,
                ),
                "Bar chart of each process's minutes in each department; the table above lists the chosen department's steps.".into(),
                "process-chart",
            ))}
            <FrequencyTable draft chosen error/>
            <TierOverrides draft/>
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
                                            error.set(Some((true, format!("Step {} of {} needs a name; remove the step with × instead.", si + 1, kind.label()))));
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

/// Yearly frequencies set for one tier (of one department or of all).
#[component]
fn TierOverrides(draft: RwSignal<ProfitSettings>) -> impl IntoView {
    let state = crate::ui::state::use_app();
    let departments = Memo::new(move |_| state.profile.with(|p| p.departments.clone()));
    // "" means every department.
    let dept = RwSignal::new("CL".to_string());
    let tier = RwSignal::new(0usize);
    let kind = RwSignal::new(ProcessKind::Certificate);
    let per_year = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let chosen_dept = move || {
        let code = dept.get();
        (!code.is_empty()).then(|| Department::parse(&code).unwrap_or(Department::Cl))
    };
    let tier_labels = move || {
        let set = chosen_dept().map(|d| draft.with(|s| s.tier_set(&d))).unwrap_or_else(TierSet::commercial_default);
        (0..set.len())
            .map(|t| if dept.with(String::is_empty) { format!("tier {} from the top", t + 1) } else { set.label(t) })
            .collect::<Vec<_>>()
    };
    let describe = move |o: &TierOverride| {
        let d = o.department.as_ref();
        let tier = match d {
            Some(d) => draft.with(|s| s.tier_set(d)).label(o.tier),
            None => format!("tier {} from the top", o.tier + 1),
        };
        (d.map(|d| d.code().to_string()).unwrap_or_else(|| "All departments".into()), tier)
    };
    let add = move |_| {
        let v = match non_negative(&per_year.get_untracked(), "Per year") {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(e));
                return;
            }
        };
        error.set(None);
        let o = TierOverride {
            department: chosen_dept(),
            tier: tier.get_untracked(),
            kind: kind.get_untracked(),
            per_year: v,
        };
        draft.update(|d| {
            d.overrides.retain(|x| !(x.department == o.department && x.tier == o.tier && x.kind == o.kind));
            d.overrides.push(o);
        });
        per_year.set(String::new());
    };
    view! {
        <h3>"Different frequencies for a tier"</h3>
        <p class="hint">"Larger accounts often need more certificates, endorsements or claims handling than the agency-wide figure. An override for one department wins over one for all departments."</p>
        <div class="inline-form no-print" data-testid="override-form">
            <label>"Department "
                <select data-testid="override-department" on:change=move |ev| { dept.set(event_target_value(&ev)); tier.set(0); }>
                    {move || departments.get().into_iter().map(|d| {
                        let code = d.code().to_string();
                        let selected = dept.with(|x| *x == code);
                        view! { <option value=code.clone() selected=selected>{d.label().to_string()}</option> }
                    }).collect_view()}
                    <option value="" selected=move || dept.with(String::is_empty)>"All departments"</option>
                </select>
            </label>
            <label>"Tier "
                <select data-testid="override-tier" on:change=move |ev| tier.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {move || tier_labels().into_iter().enumerate().map(|(t, label)| view! { <option value=t.to_string() selected=move || tier.get() == t>{label}</option> }).collect_view()}
                </select>
            </label>
            <label>"Process "
                <select data-testid="override-process" on:change=move |ev| {
                    let key = event_target_value(&ev);
                    if let Some(k) = ProcessKind::ALL.into_iter().find(|k| k.count_column() == key) { kind.set(k); }
                }>
                    {ProcessKind::ALL.into_iter().map(|k| view! { <option value=k.count_column() selected=move || kind.get() == k>{k.label()}</option> }).collect_view()}
                </select>
            </label>
            <label>"Per year "
                <input type="number" min="0" step="any" size="6" data-testid="override-per-year" prop:value=move || per_year.get() on:input=move |ev| per_year.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="secondary" data-testid="override-add" on:click=add>"Set for this tier"</button>
        </div>
        {move || error.get().map(|e| view! { <p class="form-message error" role="alert">{e}</p> })}
        {move || {
            let list = draft.with(|d| d.overrides.clone());
            (!list.is_empty()).then(|| view! {
                <table class="data-table compact" data-testid="override-table">
                    <thead><tr><th>"Department"</th><th>"Tier"</th><th>"Process"</th><th class="num">"Per year (instead of the usual)"</th><th class="no-print"></th></tr></thead>
                    <tbody>
                        {list.into_iter().enumerate().map(|(i, o)| {
                            let (d, t) = describe(&o);
                            let usual = draft.with(|s| s.times_for(o.department.as_ref()).frequencies.iter().find(|f| f.kind == o.kind).map(|f| minutes_text(f.per_year)).unwrap_or_default());
                            view! {
                                <tr data-testid="override-row">
                                    <td>{d}</td><td>{t}</td><td>{o.kind.label()}</td>
                                    <td class="num">{format!("{} (usually {usual})", minutes_text(o.per_year))}</td>
                                    <td class="no-print"><button type="button" class="icon" aria-label="Remove this override" on:click=move |_| draft.update(|s| { if i < s.overrides.len() { s.overrides.remove(i); } })>"×"</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            })
        }}
    }
}

//! The method's inputs: the cost of a minute and the process-time chart.

use crate::domain::entry::{non_negative, whole_number};
use crate::domain::money::{format_money, parse_money};
use crate::domain::book::Department;
use crate::domain::profitability::analysis::{Analysis, ProfitSettings};
use crate::domain::profitability::cost::{Basis, ProcessKind, Step, TierOverride};
use crate::domain::profitability::tiers::TierSet;
use crate::ui::widgets::{take, FormMessage, Message};
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
            <h2>"Step 3: the cost of a minute"</h2>
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
        </section>
    }
}

/// Minutes as people write them: `12`, `7.5`.
fn minutes_text(m: f64) -> String {
    if m.fract() == 0.0 { format!("{}", m as i64) } else { format!("{m}") }
}

#[component]
pub fn ProcessCard(draft: RwSignal<ProfitSettings>, analysis: Memo<Analysis>) -> impl IntoView {
    let per_minute = Memo::new(move |_| analysis.with(|a| a.minute.as_ref().map(|m| m.per_minute).unwrap_or(0.0)));
    let kinds = Memo::new(move |_| draft.with(|d| d.processes.iter().map(|p| p.kind).collect::<Vec<_>>()));
    let costs = Memo::new(move |_| {
        let per_minute = per_minute.get();
        draft.with(|d| d.processes.iter().map(|p| (p.kind.label().to_string(), p.total_minutes() * per_minute)).collect::<Vec<_>>())
    });
    // Why the last step name, minutes or frequency typed was not taken.
    let error = RwSignal::<Message>::new(None);
    view! {
        <section class="card">
            <h2>"Step 2: time and cost of each process"</h2>
            <p class="hint">"Average hands-on minutes per step (not elapsed time). The starting steps and minutes are sample assumptions: time your own team, rename, add or remove steps to match how your agency works."</p>
            <table class="data-table compact" data-testid="process-table">
                <thead><tr><th>"Process"</th><th>"Steps and minutes"</th><th class="num">"Total minutes"</th><th class="num">"Cost each"</th></tr></thead>
                <tbody>
                    <For each=move || kinds.get() key=|k| *k let:kind>
                        <ProcessRow kind draft per_minute error/>
                    </For>
                </tbody>
            </table>
            <FormMessage message=error testid="process-error"/>
            {move || costs.with(|costs| super::tables::chart(
                crate::charts::cost_per_process_chart("Cost of one run of each process", costs),
                "Bar chart of the cost of each process; the table above lists the same figures.".into(),
                "process-chart",
            ))}
            <FrequencyTable draft error/>
            <TierOverrides draft/>
        </section>
    }
}

/// A change to one process's list of steps.
type StepsEdit = Box<dyn FnOnce(&mut Vec<Step>)>;

/// One process: its steps (rename, change minutes, add, remove), total and cost.
#[component]
fn ProcessRow(kind: ProcessKind, draft: RwSignal<ProfitSettings>, per_minute: Memo<f64>, error: RwSignal<Message>) -> impl IntoView {
    let steps = Memo::new(move |_| draft.with(|d| d.processes.iter().find(|p| p.kind == kind).map(|p| p.steps.clone()).unwrap_or_default()));
    let total = move || steps.with(|s| s.iter().map(|x| x.minutes).sum::<f64>());
    let edit = move |f: StepsEdit| {
        draft.update(|d| {
            if let Some(p) = d.processes.iter_mut().find(|p| p.kind == kind) {
                f(&mut p.steps);
            }
        })
    };
    let add = move |_| edit(Box::new(|steps: &mut Vec<Step>| steps.push(Step { name: format!("Step {}", steps.len() + 1), minutes: 0.0 })));
    // Keyed by position and content: editing one step redraws that step
    // only, so focus stays where the user tabbed to.
    let numbered_steps = move || steps.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <tr data-testid="process-row" data-process=kind.label()>
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
fn FrequencyTable(draft: RwSignal<ProfitSettings>, error: RwSignal<Message>) -> impl IntoView {
    let rows = Memo::new(move |_| draft.with(|d| d.frequencies.clone()));
    let numbered = move || rows.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <h3>"How often each process happens"</h3>
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
                                        draft.update(|d| d.frequencies[fi].per_year = v)
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
        (0..set.len()).map(|t| if dept.with(String::is_empty) { format!("tier {} from the top", t + 1) } else { set.label(t) }).collect::<Vec<_>>()
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
        let o = TierOverride { department: chosen_dept(), tier: tier.get_untracked(), kind: kind.get_untracked(), per_year: v };
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
                            let usual = draft.with(|s| s.frequencies.iter().find(|f| f.kind == o.kind).map(|f| minutes_text(f.per_year)).unwrap_or_default());
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

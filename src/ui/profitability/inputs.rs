//! The method's inputs: the cost of a minute and the process-time chart.

use crate::domain::money::{format_money, parse_money};
use crate::domain::profitability::analysis::{Analysis, ProfitSettings};
use leptos::prelude::*;

/// Formats fractional cents as dollars with two decimals ($0.65).
fn dollars(cents: f64) -> String {
    format_money(cents.round() as i64)
}

#[component]
pub fn MinuteCard(draft: RwSignal<ProfitSettings>, analysis: Memo<Analysis>) -> impl IntoView {
    let comp_text = RwSignal::new(crate::domain::money::format_plain(draft.get_untracked().total_compensation));
    let comp_error = RwSignal::new(None::<String>);
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
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                            draft.update(|d| d.employees = n);
                        }
                    }/>
            </div>
            {move || comp_error.get().map(|e| view! { <p class="form-message error" role="alert">{e}</p> })}
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

#[component]
pub fn ProcessCard(draft: RwSignal<ProfitSettings>, analysis: Memo<Analysis>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"Step 2: time and cost of each process"</h2>
            <p class="hint">"Average hands-on minutes per step (not elapsed time). The starting minutes are sample assumptions: time your own team and replace them."</p>
            <table class="data-table compact" data-testid="process-table">
                <thead><tr><th>"Process"</th><th>"Steps (minutes)"</th><th class="num">"Total minutes"</th><th class="num">"Cost each"</th></tr></thead>
                <tbody>
                    {move || {
                        let per_minute = analysis.with(|a| a.minute.as_ref().map(|m| m.per_minute).unwrap_or(0.0));
                        draft.with(|d| d.processes.iter().enumerate().map(|(pi, p)| {
                            let total = p.total_minutes();
                            view! {
                                <tr data-testid="process-row" data-process=p.kind.label()>
                                    <td>{p.kind.label()}</td>
                                    <td>
                                        {p.steps.iter().enumerate().map(|(si, s)| view! {
                                            <label class="step">
                                                <span>{s.name.clone()}</span>
                                                <input type="number" min="0" step="1" aria-label=format!("{} minutes", s.name)
                                                    prop:value=s.minutes.to_string()
                                                    on:change=move |ev| {
                                                        if let Ok(m) = event_target_value(&ev).trim().parse::<f64>() {
                                                            if m >= 0.0 && m.is_finite() {
                                                                draft.update(|d| d.processes[pi].steps[si].minutes = m);
                                                            }
                                                        }
                                                    }/>
                                            </label>
                                        }).collect_view()}
                                    </td>
                                    <td class="num">{format!("{total:.0}")}</td>
                                    <td class="num">{dollars(total * per_minute)}</td>
                                </tr>
                            }
                        }).collect_view())
                    }}
                </tbody>
            </table>
            {move || {
                let per_minute = analysis.with(|a| a.minute.as_ref().map(|m| m.per_minute).unwrap_or(0.0));
                let costs: Vec<(String, f64)> = draft.with(|d| d.processes.iter().map(|p| (p.kind.label().to_string(), p.total_minutes() * per_minute)).collect());
                super::tables::chart(
                    crate::charts::cost_per_process_chart("Cost of one run of each process", &costs),
                    "Bar chart of the cost of each process; the table above lists the same figures.".into(),
                    "process-chart",
                )
            }}
            <h3>"How often each process happens"</h3>
            <table class="data-table compact" data-testid="frequency-table">
                <thead><tr><th>"Process"</th><th>"Per year"</th><th>"Counted per"</th></tr></thead>
                <tbody>
                    {move || draft.with(|d| d.frequencies.iter().enumerate().map(|(fi, f)| view! {
                        <tr>
                            <td>{f.kind.label()}</td>
                            <td><input type="number" min="0" step="0.05" aria-label=format!("{} per year", f.kind.label())
                                prop:value=f.per_year.to_string()
                                on:change=move |ev| {
                                    if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                                        if v >= 0.0 && v.is_finite() { draft.update(|d| d.frequencies[fi].per_year = v); }
                                    }
                                }/></td>
                            <td>{match f.basis {
                                crate::domain::profitability::cost::Basis::PerPolicy => "policy",
                                crate::domain::profitability::cost::Basis::PerAccount => "account",
                            }}</td>
                        </tr>
                    }).collect_view())}
                </tbody>
            </table>
        </section>
    }
}

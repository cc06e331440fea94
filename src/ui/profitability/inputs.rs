//! The method's inputs: the cost of a minute (here) and the process-time
//! chart (in `processes`).

use crate::domain::entry::whole_number;
use crate::domain::money::group_digits;
use crate::domain::money::{format_money, parse_money};
use crate::domain::profitability::analysis::{Analysis, CostBasis, ProfitSettings};
use crate::ui::widgets::{FormMessage, Message, take};
use leptos::prelude::*;
use std::sync::Arc;

mod overrides;
mod processes;

pub use processes::ProcessCard;

/// Formats fractional cents as dollars with two decimals ($0.65).
fn dollars(cents: f64) -> String {
    format_money(cents.round() as i64)
}

#[component]
pub fn MinuteCard(draft: RwSignal<ProfitSettings>, analysis: Memo<Arc<Analysis>>) -> impl IntoView {
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
fn Capacity(draft: RwSignal<ProfitSettings>, analysis: Memo<Arc<Analysis>>) -> impl IntoView {
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

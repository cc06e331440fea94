//! Frequencies set for one tier of accounts instead of the usual ones.

use super::minutes_text;
use crate::domain::activity::ProcessKind;
use crate::domain::book::Department;
use crate::domain::entry::non_negative;
use crate::domain::profitability::analysis::ProfitSettings;
use crate::domain::profitability::cost::TierOverride;
use crate::domain::profitability::tiers::TierSet;
use leptos::prelude::*;

/// Yearly frequencies set for one tier (of one department or of all).
#[component]
pub(super) fn TierOverrides(draft: RwSignal<ProfitSettings>) -> impl IntoView {
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

//! The policies of an account being edited: the list, their earlier terms
//! and the policy form.

use super::text_field;
use crate::domain::book::{BillType, Policy, PolicyStatus, validate_policy};
use crate::domain::changes::{ChangeSet, PolicyKey};
use crate::domain::dates::parse_report_date;
use crate::domain::money::{format_money, format_plain, parse_money};
use crate::domain::revision::Revised;
use crate::ui::state::{new_id, now_stamp, use_app};
use leptos::prelude::*;

/// The policies of an account: the list, their earlier terms, and the form
/// that adds a policy or edits one.
#[component]
pub(super) fn Policies(account_id: String) -> impl IntoView {
    let state = use_app();
    let aid = account_id.clone();
    let policies = Memo::new(move |_| {
        state.book.with(|b| b.policies.iter().filter(|p| p.account_id == aid).cloned().collect::<Vec<_>>())
    });
    let inputs = PolicyInputs {
        number: RwSignal::new(String::new()),
        line: RwSignal::new(String::new()),
        carrier: RwSignal::new(String::new()),
        effective: RwSignal::new(String::new()),
        expiration: RwSignal::new(String::new()),
        premium: RwSignal::new(String::new()),
        commission: RwSignal::new(String::new()),
        es: RwSignal::new(false),
        agency_bill: RwSignal::new(false),
        status: RwSignal::new(PolicyStatus::Active),
    };
    let PolicyInputs { number, line, carrier, effective, expiration, premium, commission, es, agency_bill, status } =
        inputs;
    let errors = RwSignal::new(Vec::<String>::new());
    // The policy being edited (None: the form adds a new one).
    let editing = RwSignal::new(None::<Policy>);
    let start_edit = move |p: Policy| {
        number.set(p.policy_number.clone());
        line.set(p.line_of_business.clone());
        carrier.set(p.carrier.clone());
        effective.set(p.effective.map(|d| d.to_string()).unwrap_or_default());
        expiration.set(p.expiration.map(|d| d.to_string()).unwrap_or_default());
        premium.set(format_plain(p.premium));
        commission.set(format_plain(p.commission));
        es.set(p.excess_surplus);
        agency_bill.set(p.bill_type == BillType::Agency);
        status.set(p.status);
        errors.set(Vec::new());
        editing.set(Some(p));
    };
    let clear_form = move || {
        for s in [number, line, carrier, effective, expiration, premium, commission] {
            s.set(String::new());
        }
        es.set(false);
        agency_bill.set(false);
        status.set(PolicyStatus::Active);
        editing.set(None);
    };

    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let base = editing.get_untracked();
        let base_revision = base.as_ref().map(|b| b.revision);
        let mut p = base.unwrap_or_else(|| Policy::new(&new_id(), &account_id));
        p.policy_number = number.get_untracked().trim().to_string();
        p.line_of_business = line.get_untracked().trim().to_string();
        p.carrier = carrier.get_untracked().trim().to_string();
        for (label, sig, slot) in
            [("Effective date", effective, &mut p.effective), ("Expiration date", expiration, &mut p.expiration)]
        {
            match parse_report_date(&sig.get_untracked()) {
                Ok(d) => *slot = d,
                Err(e) => problems.push(format!("{label}: {e}.")),
            }
        }
        for (label, sig, slot) in [("Premium", premium, &mut p.premium), ("Commission", commission, &mut p.commission)]
        {
            match parse_money(&sig.get_untracked()) {
                Ok(v) => *slot = v.unwrap_or(0),
                Err(e) => problems.push(format!("{label}: {e}.")),
            }
        }
        p.excess_surplus = es.get_untracked();
        p.bill_type = if agency_bill.get_untracked() { BillType::Agency } else { BillType::Direct };
        p.status = status.get_untracked();
        p.stamp_edit(base_revision, &now_stamp());
        problems.extend(state.book.with_untracked(|b| validate_policy(&p, b)).into_iter().map(|(_, m)| m));
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        errors.set(Vec::new());
        state.save_policy(p, base_revision, move |result| match result {
            Ok(()) => clear_form(),
            Err(e) => errors.set(vec![e.to_string()]),
        });
    };
    let remove = move |p: Policy| {
        let label =
            if p.policy_number.is_empty() { "this policy".to_string() } else { format!("policy {}", p.policy_number) };
        if !window().confirm_with_message(&format!("Remove {label}?")).unwrap_or(false) {
            return;
        }
        let changes = ChangeSet { delete_policies: vec![PolicyKey::of(&p)], ..Default::default() };
        state.apply_changes(changes, now_stamp(), move |result| {
            if let Err(e) = result {
                state.error(e)
            }
        });
    };

    view! {
        <div class="policies">
            <h3>"Policies"</h3>
            <PolicyTable policies start_edit=Callback::new(start_edit) remove=Callback::new(remove)/>
            <EarlierTerms policies/>
            <PolicyForm inputs editing errors submit=Callback::new(add) cancel=Callback::new(move |_| clear_form())/>
        </div>
    }
}

/// The fields of the policy form.
#[derive(Clone, Copy)]
struct PolicyInputs {
    number: RwSignal<String>,
    line: RwSignal<String>,
    carrier: RwSignal<String>,
    effective: RwSignal<String>,
    expiration: RwSignal<String>,
    premium: RwSignal<String>,
    commission: RwSignal<String>,
    es: RwSignal<bool>,
    agency_bill: RwSignal<bool>,
    status: RwSignal<PolicyStatus>,
}

/// The form that adds a policy, or saves the one being edited.
#[component]
fn PolicyForm(
    inputs: PolicyInputs,
    editing: RwSignal<Option<Policy>>,
    errors: RwSignal<Vec<String>>,
    submit: Callback<leptos::ev::SubmitEvent>,
    cancel: Callback<()>,
) -> impl IntoView {
    view! {
        <form class="editor add-policy" on:submit=move |ev| submit.run(ev) data-testid="policy-form">
            <h3>{move || match editing.get() {
                Some(p) if !p.policy_number.is_empty() => format!("Edit policy {}", p.policy_number),
                Some(_) => "Edit policy".to_string(),
                None => "Add a policy".to_string(),
            }}</h3>
            <PolicyFieldGrid inputs/>
            <p class="hint">"A policy that is not Active or Renewed stays on the account for its history but counts in no revenue, tier or renewal."</p>
            <ul class="form-errors" role="alert">
                {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
            <button type="submit" data-testid="policy-add">{move || if editing.get().is_some() { "Save policy" } else { "Add policy" }}</button>
            <Show when=move || editing.get().is_some()>
                " "
                <button type="button" class="secondary" on:click=move |_| cancel.run(())>"Cancel edit"</button>
            </Show>
        </form>
    }
}

/// The account's policies, each with a way to edit or remove it.
#[component]
fn PolicyTable(policies: Memo<Vec<Policy>>, start_edit: Callback<Policy>, remove: Callback<Policy>) -> impl IntoView {
    view! {
        <table class="data-table compact" data-testid="policy-table">
            <thead><tr><th>"Number"</th><th>"Line"</th><th>"Carrier"</th><th>"Effective"</th><th>"Expiration"</th><th>"Premium"</th><th>"Commission"</th><th>"E&S"</th><th>"Billing"</th><th>"Status"</th><th></th></tr></thead>
            <tbody>
                <For each=move || policies.get() key=|p| (p.id.clone(), p.revision) let:p>
                    {
                        let pc = p.clone();
                        let pe = p.clone();
                        view! {
                            <tr data-testid="policy-row" data-status=p.status.key() class:inactive=!p.status.is_live()>
                                <td>{p.policy_number.clone()}</td>
                                <td>{p.line_of_business.clone()}</td>
                                <td>{p.carrier.clone()}</td>
                                <td>{p.effective.map(|d| d.to_string()).unwrap_or_default()}</td>
                                <td>{p.expiration.map(|d| d.to_string()).unwrap_or_default()}</td>
                                <td class="num">{format_money(p.premium)}</td>
                                <td class="num">{format_money(p.commission)}</td>
                                <td>{if p.excess_surplus { "Yes" } else { "No" }}</td>
                                <td>{p.bill_type.label()}</td>
                                <td>{p.status.label()}{(!p.status.is_live()).then_some(" (not counted)")}</td>
                                <td class="row-actions">
                                    <button type="button" class="link-button" data-testid="policy-edit" on:click=move |_| start_edit.run(pe.clone())>"Edit"</button>
                                    " "
                                    <button type="button" class="link-button" on:click=move |_| remove.run(pc.clone())>"Remove"</button>
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}

/// The earlier terms of the account's policies, newest first per policy.
#[component]
fn EarlierTerms(policies: Memo<Vec<Policy>>) -> impl IntoView {
    move || {
        policies.with(|list| {
        let earlier: Vec<(Policy, crate::domain::book::term::Term)> =
            list.iter().flat_map(|p| p.terms.iter().rev().map(move |t| (p.clone(), t.clone()))).collect();
        (!earlier.is_empty()).then(|| view! {
            <h3>"Earlier terms"</h3>
            <table class="data-table compact" data-testid="policy-terms">
                <thead><tr><th>"Policy"</th><th>"Term"</th><th>"Carrier"</th><th class="num">"Premium"</th><th class="num">"Commission"</th><th>"Renewed"</th></tr></thead>
                <tbody>
                    {earlier.into_iter().map(|(p, t)| {
                        let dates = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_else(|| "?".into());
                        view! {
                            <tr data-testid="policy-term" data-policy=p.policy_number.clone()>
                                <td>{t.policy_number.clone()}{(t.policy_number != p.policy_number).then(|| format!(" (now {})", p.policy_number))}</td>
                                <td>{format!("{} to {}", dates(t.effective), dates(t.expiration))}</td>
                                <td>{t.carrier.clone()}</td>
                                <td class="num">{format_money(t.premium)}</td>
                                <td class="num">{format_money(t.commission)}</td>
                                <td>{format!("{} by {}", t.renewed_on.format("%b %-d, %Y"), t.renewed_by)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })
    })
    }
}

/// The inputs of the policy form.
#[component]
fn PolicyFieldGrid(inputs: PolicyInputs) -> impl IntoView {
    let PolicyInputs { number, line, carrier, effective, expiration, premium, commission, es, agency_bill, status } =
        inputs;
    view! {
        <div class="field-grid">
            {text_field("Policy number", number, "policy-number")}
            {text_field("Line of business", line, "policy-line")}
            {text_field("Carrier", carrier, "policy-carrier")}
            {text_field("Effective (e.g. 2026-03-01)", effective, "policy-effective")}
            {text_field("Expiration", expiration, "policy-expiration")}
            {text_field("Annual premium", premium, "policy-premium")}
            {text_field("Annual commission", commission, "policy-commission")}
            <label class="check"><input type="checkbox" prop:checked=move || es.get() on:change=move |ev| es.set(event_target_checked(&ev))/>" Excess & surplus"</label>
            <label class="check"><input type="checkbox" prop:checked=move || agency_bill.get() on:change=move |ev| agency_bill.set(event_target_checked(&ev))/>" Agency bill"</label>
            <label class="field">
                <span>"Status"</span>
                <select data-testid="policy-status" prop:value=move || status.get().key()
                    on:change=move |ev| if let Some(s) = PolicyStatus::from_key(&event_target_value(&ev)) { status.set(s) }>
                    {PolicyStatus::ALL.into_iter().map(|s| view! { <option value=s.key()>{s.label()}</option> }).collect_view()}
                </select>
            </label>
        </div>
    }
}

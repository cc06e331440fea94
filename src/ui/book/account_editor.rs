//! Adding and editing one account and its policies.

use crate::domain::book::{Account, BillType, Department, Policy, PolicyStatus, validate_account, validate_policy};
use crate::domain::changes::{ChangeSet, PolicyKey};
use crate::domain::dates::parse_report_date;
use crate::domain::money::{format_money, format_plain, parse_money};
use crate::domain::revision::Revised;
use crate::storage::book as book_store;
use crate::ui::state::{new_id, now_stamp, use_app};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn text_field(label: &'static str, value: RwSignal<String>, testid: &'static str) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" data-testid=testid prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

#[component]
pub fn AccountEditor(account_id: Option<String>, on_done: Callback<()>, on_delete: Callback<String>) -> impl IntoView {
    let state = use_app();
    let original = account_id
        .as_ref()
        .and_then(|id| state.book.with_untracked(|b| b.accounts.iter().find(|a| &a.id == id).cloned()));
    let base = original.clone().unwrap_or_else(|| Account::new(&new_id(), "", Department::Cl));
    let is_new = original.is_none();
    let name = RwSignal::new(base.client_name.clone());
    let code = RwSignal::new(base.account_code.clone());
    let dept = RwSignal::new(base.department.code().to_string());
    let producer = RwSignal::new(base.producer.clone());
    let manager = RwSignal::new(base.client_manager.clone());
    let advocate = RwSignal::new(base.client_advocate.clone());
    let notes = RwSignal::new(base.notes.clone());
    let revenue = RwSignal::new(base.account_revenue.map(format_plain).unwrap_or_default());
    let errors = RwSignal::new(Vec::<String>::new());
    let base_revision = original.as_ref().map(|a| a.revision);
    let base_for_save = base.clone();

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let department = Department::parse(&dept.get_untracked()).unwrap_or(Department::Cl);
        let account_revenue = match parse_money(&revenue.get_untracked()) {
            Ok(v) => v,
            Err(e) => {
                problems.push(format!("Account revenue: {e}."));
                None
            }
        };
        let mut account = Account {
            client_name: name.get_untracked().trim().to_string(),
            account_code: code.get_untracked().trim().to_string(),
            department,
            producer: producer.get_untracked().trim().to_string(),
            client_manager: manager.get_untracked().trim().to_string(),
            client_advocate: advocate.get_untracked().trim().to_string(),
            notes: notes.get_untracked(),
            account_revenue,
            ..base_for_save.clone()
        };
        account.stamp_edit(base_revision, &now_stamp());
        problems.extend(state.book.with_untracked(|b| validate_account(&account, b)).into_iter().map(|(_, m)| m));
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        errors.set(Vec::new());
        account.client_name = account.client_name.split_whitespace().collect::<Vec<_>>().join(" ");
        spawn_local(async move {
            let result = match state.db() {
                Ok(db) => book_store::save_account(&db, &account, base_revision, &account.updated_at).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    let changes = ChangeSet { put_accounts: vec![account.clone()], ..Default::default() };
                    state.commit_local(&changes, &account.updated_at);
                    on_done.run(());
                }
                Err(e) => {
                    errors.set(vec![e.to_string()]);
                    state.reload().await;
                }
            }
        });
    };
    let account_id_for_policies = base.id.clone();
    let delete_id = base.id.clone();
    let delete_name = base.client_name.clone();

    view! {
        <form class="editor" on:submit=save data-testid="account-editor">
            <h2>{if is_new { "New account".to_string() } else { format!("Edit {}", base.client_name) }}</h2>
            <div class="field-grid">
                {text_field("Client name", name, "account-name")}
                {text_field("Client code in your AMS (optional)", code, "account-code")}
                <label class="field">
                    <span>"Department"</span>
                    <input type="text" list="department-list" data-testid="account-department" prop:value=move || dept.get() on:input=move |ev| dept.set(event_target_value(&ev))/>
                    <datalist id="department-list">
                        {move || state.profile.get().departments.into_iter().map(|d| view! { <option value=d.code().to_string()>{d.label().to_string()}</option> }).collect_view()}
                    </datalist>
                </label>
                {text_field("Producer", producer, "account-producer")}
                {text_field("Client manager", manager, "account-manager")}
                {text_field("Client advocate", advocate, "account-advocate")}
                <label class="field">
                    <span>"Account revenue (only if no policies)"</span>
                    <input type="text" inputmode="decimal" data-testid="account-revenue" prop:value=move || revenue.get() on:input=move |ev| revenue.set(event_target_value(&ev))/>
                </label>
            </div>
            <label class="field">
                <span>"Notes"</span>
                <textarea rows="2" data-testid="account-notes" prop:value=move || notes.get() on:input=move |ev| notes.set(event_target_value(&ev))></textarea>
            </label>
            <ul class="form-errors" role="alert" data-testid="account-errors">
                {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
            <div class="actions">
                <button type="submit" data-testid="account-save">{if is_new { "Add account" } else { "Save account" }}</button>
                <button type="button" class="secondary" on:click=move |_| on_done.run(())>"Cancel"</button>
                <Show when=move || !is_new>
                    {
                        let id = delete_id.clone();
                        let name = delete_name.clone();
                        view! {
                            <button type="button" class="danger" data-testid="account-delete" on:click=move |_| {
                                let ok = window()
                                    .confirm_with_message(&format!("Delete \"{name}\" and all its policies? You can undo this right after."))
                                    .unwrap_or(false);
                                if ok { on_delete.run(id.clone()); }
                            }>"Delete account"</button>
                        }
                    }
                </Show>
            </div>
        </form>
        <Show when=move || !is_new>
            <Policies account_id=account_id_for_policies.clone()/>
        </Show>
    }
}

#[component]
fn Policies(account_id: String) -> impl IntoView {
    let state = use_app();
    let aid = account_id.clone();
    let policies = Memo::new(move |_| {
        state.book.with(|b| b.policies.iter().filter(|p| p.account_id == aid).cloned().collect::<Vec<_>>())
    });
    let number = RwSignal::new(String::new());
    let line = RwSignal::new(String::new());
    let carrier = RwSignal::new(String::new());
    let effective = RwSignal::new(String::new());
    let expiration = RwSignal::new(String::new());
    let premium = RwSignal::new(String::new());
    let commission = RwSignal::new(String::new());
    let es = RwSignal::new(false);
    let agency_bill = RwSignal::new(false);
    let status = RwSignal::new(PolicyStatus::Active);
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
        spawn_local(async move {
            let result = match state.db() {
                Ok(db) => book_store::save_policy(&db, &p, base_revision, &p.updated_at).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(()) => {
                    clear_form();
                    let changes = ChangeSet { put_policies: vec![p.clone()], ..Default::default() };
                    state.commit_local(&changes, &p.updated_at);
                }
                Err(e) => {
                    errors.set(vec![e.to_string()]);
                    state.reload().await;
                }
            }
        });
    };
    let remove = move |p: Policy| {
        let label =
            if p.policy_number.is_empty() { "this policy".to_string() } else { format!("policy {}", p.policy_number) };
        if !window().confirm_with_message(&format!("Remove {label}?")).unwrap_or(false) {
            return;
        }
        let changes = ChangeSet { delete_policies: vec![PolicyKey::of(&p)], ..Default::default() };
        spawn_local(async move {
            let stamp = now_stamp();
            match state.db() {
                Ok(db) => match book_store::apply_changes(&db, &changes, &stamp).await {
                    Ok(()) => state.commit_local(&changes, &stamp),
                    Err(e) => state.error(e),
                },
                Err(e) => state.error(e),
            }
        });
    };

    view! {
        <div class="policies">
            <h3>"Policies"</h3>
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
                                        <button type="button" class="link-button" data-testid="policy-edit" on:click=move |_| start_edit(pe.clone())>"Edit"</button>
                                        " "
                                        <button type="button" class="link-button" on:click=move |_| remove(pc.clone())>"Remove"</button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            {move || policies.with(|list| {
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
            })}
            <form class="editor add-policy" on:submit=add data-testid="policy-form">
                <h3>{move || match editing.get() {
                    Some(p) if !p.policy_number.is_empty() => format!("Edit policy {}", p.policy_number),
                    Some(_) => "Edit policy".to_string(),
                    None => "Add a policy".to_string(),
                }}</h3>
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
                <p class="hint">"A policy that is not Active or Renewed stays on the account for its history but counts in no revenue, tier or renewal."</p>
                <ul class="form-errors" role="alert">
                    {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
                </ul>
                <button type="submit" data-testid="policy-add">{move || if editing.get().is_some() { "Save policy" } else { "Add policy" }}</button>
                <Show when=move || editing.get().is_some()>
                    " "
                    <button type="button" class="secondary" on:click=move |_| clear_form()>"Cancel edit"</button>
                </Show>
            </form>
        </div>
    }
}

//! Adding and editing one account and its policies.

use super::text_field;
use crate::domain::book::{Account, Department, validate_account};
use crate::domain::money::{format_plain, parse_money};
use crate::domain::revision::Revised;
use crate::ui::state::{new_id, now_stamp, use_app};
use leptos::prelude::*;

use super::policies::Policies;

#[component]
pub fn AccountEditor(account_id: Option<String>, on_done: Callback<()>, on_delete: Callback<String>) -> impl IntoView {
    let state = use_app();
    let original = account_id
        .as_ref()
        .and_then(|id| state.book.with_untracked(|b| b.accounts.iter().find(|a| &a.id == id).cloned()));
    let base = original.clone().unwrap_or_else(|| Account::new(&new_id(), "", Department::Cl));
    let is_new = original.is_none();
    let inputs = AccountInputs {
        name: RwSignal::new(base.client_name.clone()),
        code: RwSignal::new(base.account_code.clone()),
        dept: RwSignal::new(base.department.code().to_string()),
        producer: RwSignal::new(base.producer.clone()),
        manager: RwSignal::new(base.client_manager.clone()),
        advocate: RwSignal::new(base.client_advocate.clone()),
        notes: RwSignal::new(base.notes.clone()),
        revenue: RwSignal::new(base.account_revenue.map(format_plain).unwrap_or_default()),
    };
    let AccountInputs { name, code, dept, producer, manager, advocate, notes, revenue } = inputs;
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
        state.save_account(account, base_revision, move |result| match result {
            Ok(()) => on_done.run(()),
            Err(e) => errors.set(vec![e.to_string()]),
        });
    };
    let account_id_for_policies = base.id.clone();
    let delete_id = base.id.clone();
    let delete_name = base.client_name.clone();

    view! {
        <form class="editor" on:submit=save data-testid="account-editor">
            <h2>{if is_new { "New account".to_string() } else { format!("Edit {}", base.client_name) }}</h2>
            <AccountFields inputs/>
            <ul class="form-errors" role="alert" data-testid="account-errors">
                {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
            <div class="actions">
                <button type="submit" data-testid="account-save">{if is_new { "Add account" } else { "Save account" }}</button>
                <button type="button" class="secondary" on:click=move |_| on_done.run(())>"Cancel"</button>
                <Show when=move || !is_new>
                    <DeleteAccount id=delete_id.clone() name=delete_name.clone() on_delete/>
                </Show>
            </div>
        </form>
        <Show when=move || !is_new>
            <Policies account_id=account_id_for_policies.clone()/>
        </Show>
    }
}

/// The fields of the account form.
#[derive(Clone, Copy)]
struct AccountInputs {
    name: RwSignal<String>,
    code: RwSignal<String>,
    dept: RwSignal<String>,
    producer: RwSignal<String>,
    manager: RwSignal<String>,
    advocate: RwSignal<String>,
    notes: RwSignal<String>,
    revenue: RwSignal<String>,
}

/// The account form's fields: names, department, people, revenue and notes.
#[component]
fn AccountFields(inputs: AccountInputs) -> impl IntoView {
    let state = use_app();
    let AccountInputs { name, code, dept, producer, manager, advocate, notes, revenue } = inputs;
    view! {
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
    }
}

/// Deleting the account, once the person confirms.
#[component]
fn DeleteAccount(id: String, name: String, on_delete: Callback<String>) -> impl IntoView {
    view! {
        <button type="button" class="danger" data-testid="account-delete" on:click=move |_| {
            let ok = window()
                .confirm_with_message(&format!("Delete \"{name}\" and all its policies? You can undo this right after."))
                .unwrap_or(false);
            if ok { on_delete.run(id.clone()); }
        }>"Delete account"</button>
    }
}

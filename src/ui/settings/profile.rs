//! Departments and staff of the agency.

use crate::domain::book::{AgencyProfile, Department, StaffMember, StaffRole, validate_profile};
use crate::storage::settings;
use crate::ui::state::use_app;
use crate::ui::widgets::FormMessage;
use crate::ui::widgets::form_message::Outcome;
use leptos::prelude::*;

fn role_key(role: StaffRole) -> String {
    format!("{role:?}")
}

#[component]
pub fn ProfileCard() -> impl IntoView {
    let state = use_app();
    let draft = RwSignal::new(state.profile.get_untracked());
    let base = RwSignal::new(state.profile.get_untracked());
    // The form follows what is saved, here or in another tab.
    Effect::new(move |_| {
        let saved = state.profile.get();
        draft.set(saved.clone());
        base.set(saved);
    });
    let new_dept = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Outcome>);
    // Why a department was not added, shown beside the field.
    let dept_message = RwSignal::new(None::<Outcome>);

    let save = move |_| {
        let profile: AgencyProfile = draft.get_untracked();
        let problems = validate_profile(&profile);
        if !problems.is_empty() {
            message.set(Some(Outcome::Refused(format!("Not saved: {}", problems.join(" ")))));
            return;
        }
        state.save_setting(settings::PROFILE, base, profile, message, "Saved.");
    };

    view! {
        <section class="card">
            <h2>"Departments and staff"</h2>
            <h3>"Departments"</h3>
            <ul class="chips" data-testid="department-list">
                {move || draft.get().departments.into_iter().enumerate().map(|(i, d)| {
                    let builtin = !matches!(d, Department::Custom(_));
                    view! {
                        <li>
                            {format!("{} ({})", d.label(), d.code())}
                            <Show when=move || !builtin>
                                <button type="button" class="link-button" aria-label="Remove department"
                                    on:click=move |_| draft.update(|p| { p.departments.remove(i); })>" ✕"</button>
                            </Show>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="inline-form">
                <label for="new-department">"Add a department"</label>
                <input id="new-department" type="text" placeholder="e.g. Farm & Ranch" prop:value=move || new_dept.get() on:input=move |ev| new_dept.set(event_target_value(&ev))/>
                <button type="button" class="secondary" on:click=move |_| {
                    match Department::parse(&new_dept.get_untracked()) {
                        Ok(d) if draft.with_untracked(|p| p.departments.iter().any(|x| x.code().eq_ignore_ascii_case(d.code()))) => {
                            dept_message.set(Some(Outcome::Refused(format!("{} is already in the list.", d.label()))));
                        }
                        Ok(d) => {
                            dept_message.set(None);
                            draft.update(|p| p.departments.push(d));
                            new_dept.set(String::new());
                        }
                        Err(e) => dept_message.set(Some(Outcome::Refused(format!("Not added: {e}.")))),
                    }
                }>"Add"</button>
            </div>
            <FormMessage message=dept_message testid="department-message"/>
            <h3>"Staff"</h3>
            <StaffTable draft/>
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| draft.update(|p| p.staff.push(StaffMember::new("", StaffRole::ClientManager)))>"Add a person"</button>
                <button type="button" data-testid="profile-save" on:click=save>"Save departments and staff"</button>
            </div>
            <FormMessage message=message/>
        </section>
    }
}

/// The staff, each with a role and, for those who use team sync, the user
/// name they sign in with (what they record is then kept under their name).
#[component]
fn StaffTable(draft: RwSignal<AgencyProfile>) -> impl IntoView {
    view! {
        <table class="data-table compact staff-table" data-testid="staff-table">
            <thead><tr><th>"Name"</th><th>"Role"</th><th>"Team sync user name"</th><th></th></tr></thead>
            <tbody>
                {move || draft.get().staff.into_iter().enumerate().map(|(i, s)| view! {
                    <tr>
                        <td><input type="text" aria-label="Staff name" prop:value=s.name.clone()
                            on:change=move |ev| { let v = event_target_value(&ev); draft.update(|p| p.staff[i].name = v); }/></td>
                        <td>
                            <select aria-label="Role" prop:value=role_key(s.role)
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    if let Some(r) = StaffRole::ALL.into_iter().find(|r| role_key(*r) == v) {
                                        draft.update(|p| p.staff[i].role = r);
                                    }
                                }>
                                {StaffRole::ALL.into_iter().map(|r| view! { <option value=role_key(r)>{r.label()}</option> }).collect_view()}
                            </select>
                        </td>
                        <td><input type="text" size="12" aria-label="Team sync user name" data-testid="staff-sync-user" placeholder="(not syncing)"
                            prop:value=s.sync_user.clone().unwrap_or_default()
                            on:change=move |ev| {
                                let v = event_target_value(&ev).trim().to_string();
                                draft.update(|p| p.staff[i].sync_user = (!v.is_empty()).then_some(v));
                            }/></td>
                        <td><button type="button" class="link-button" on:click=move |_| draft.update(|p| { p.staff.remove(i); })>"Remove"</button></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

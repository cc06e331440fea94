//! The Dashboard's onboarding tile.

use super::{ProgressFigures, role_of, trainee_href};
use crate::domain::roles::level::{expected_level, tenure_text};
use crate::domain::roles::team::{Standing, standing};
use crate::routes::Page;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The Dashboard's onboarding tile: each trainee with role, tenure,
/// expected level, both progress figures and items behind schedule.
#[component]
pub fn TraineesTile() -> impl IntoView {
    let state = use_app();
    view! {
        <Show when=move || state.trainees.with(|t| !t.is_empty())>
            <section class="card tile" data-testid="trainees-tile">
                <h2><a href=Page::Onboarding.href()>"Onboarding"</a></h2>
                <table class="data-table compact">
                    <thead><tr><th>"Trainee"</th><th>"Expected level (tenure)"</th><th title="Self-checked / verified by the trainer">"Self / verified"</th><th class="num">"Behind"</th></tr></thead>
                    <tbody>
                        {move || {
                            let as_of = state.as_of.get().date;
                            state.trainees.get().into_iter().map(|t| {
                                let Standing { figures, behind } = role_of(state, &t).map(|r| standing(&t, &r, as_of)).unwrap_or_default();
                                let level = expected_level(t.start_date, as_of);
                                let late = behind > 0;
                                view! {
                                    <tr data-testid="tile-trainee" data-trainee=t.name.clone() class:behind-row=late>
                                        <td><a href=trainee_href(&t.id)>{t.name.clone()}</a><br/><span class="hint">{t.role.clone()}</span></td>
                                        <td data-level=level.code()>{level.short()}<br/><span class="hint">{tenure_text(t.start_date, as_of)}</span></td>
                                        <td><ProgressFigures figures trainee=t.name.clone() compact=true/></td>
                                        <td class="num">{if behind > 0 { view! { <span class="tag warn" data-testid="tile-behind" title=format!("{behind} items behind schedule")>{behind}</span> }.into_any() } else { view! { <span>"0"</span> }.into_any() }}</td>
                                    </tr>
                                }
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </section>
        </Show>
    }
}

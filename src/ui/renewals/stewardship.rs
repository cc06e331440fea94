//! The stewardship report of a renewal, laid out for print.

use crate::domain::money::format_money;
use crate::domain::renewals::board::{Renewal, RenewalRecord};
use crate::domain::renewals::plan::ServicePlan;
use crate::domain::renewals::stewardship::{ALSO_SERVING, policies_in_order, service_team, ticked_by};
use crate::ui::state::use_app;
use leptos::prelude::*;

/// The stewardship report outline of a renewal (shown in print only): the
/// service team, policies and premiums, services delivered against the plan,
/// and the claims review with the renewal's notes.
#[component]
pub(super) fn Stewardship(
    renewal: Renewal,
    plan: Memo<ServicePlan>,
    record: Memo<Option<RenewalRecord>>,
) -> impl IntoView {
    let state = use_app();
    let r = renewal;
    let (team, policies) =
        state.book.with_untracked(|b| (service_team(b, &r.account_id), policies_in_order(b, &r.account_id)));
    view! {
        <div class="stewardship" data-testid="stewardship-report">
            <h1>{format!("Stewardship report — {}", r.client_name)}</h1>
            <p>{format!("Renewal {} · prepared by {} · as of {}", r.expiration.format("%B %-d, %Y"), state.workspace_name.get_untracked(), state.as_of.get_untracked().iso())}</p>
            <h2>"Your service team"</h2>
            <ul>
                {team.into_iter().map(|(role, name)| view! { <li>{format!("{role}: {name}")}</li> }).collect_view()}
                <li>{format!("Also serving the account: {}", ALSO_SERVING.map(|x| x.label()).join(", "))}</li>
            </ul>
            <h2>"Policies: expiring and renewal"</h2>
            <table class="print-table" data-testid="stewardship-policies">
                <thead><tr><th>"Policy"</th><th>"Line"</th><th>"Carrier"</th><th>"Term"</th><th class="num">"Expiring premium"</th><th class="num">"Renewal premium"</th><th class="num">"Expiring commission"</th><th class="num">"Renewal commission"</th></tr></thead>
                <tbody>
                    {policies.into_iter().map(|p| {
                        let ((old_premium, old_commission), renewal) = crate::domain::book::term::expiring_and_renewal(&p);
                        let renewal_text = |pick: fn((i64, i64)) -> i64| renewal.map(|r| format_money(pick(r))).unwrap_or_else(|| "not yet bound".into());
                        view! {
                            <tr><td>{p.policy_number.clone()}</td><td>{p.line_of_business.clone()}</td><td>{p.carrier.clone()}</td>
                                <td>{format!("{} to {}", p.effective.map(|d| d.to_string()).unwrap_or_default(), p.expiration.map(|d| d.to_string()).unwrap_or_default())}</td>
                                <td class="num">{format_money(old_premium)}</td><td class="num">{renewal_text(|r| r.0)}</td>
                                <td class="num">{format_money(old_commission)}</td><td class="num">{renewal_text(|r| r.1)}</td></tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <h2>"Services delivered against the plan"</h2>
            {move || plan.with(|p| record.with(|rec| p.milestones.iter().map(|m| {
                let done: Vec<String> = m.items.iter().filter_map(|i| rec.as_ref().and_then(|x| x.tick(&i.id)).map(|t| {
                    let by = ticked_by(t).map(|name| format!(" ({name})")).unwrap_or_default();
                    format!("{} — {}{by}", i.text, t.on.format("%b %-d, %Y"))
                })).collect();
                view! {
                    <h3>{m.title.clone()}</h3>
                    {if done.is_empty() {
                        view! { <p>"Nothing recorded yet."</p> }.into_any()
                    } else {
                        view! { <ul>{done.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul> }.into_any()
                    }}
                }
            }).collect_view()))}
            <h2>"Claims review"</h2>
            <p>{move || record.with(|rec| rec.as_ref().map(|x| x.claims_review.clone()).filter(|n| !n.trim().is_empty()).unwrap_or_else(|| "No claims review recorded for this renewal.".into()))}</p>
        </div>
    }
}

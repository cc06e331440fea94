//! Ending a renewal: the bind form (one row per policy, the renewal terms
//! confirmed), the lost form (a reason), and undoing either.

use crate::domain::book::Policy;
use crate::domain::money::format_plain;
use crate::domain::renewals::board::{Renewal, RenewalRecord};
use crate::domain::renewals::lifecycle::{self, BindRow, LOST_REASONS};
use crate::ui::state::{AppState, use_app};
use crate::ui::widgets::Message;
use crate::ui::widgets::form_message::Outcome;
use chrono::NaiveDate;
use leptos::prelude::*;

/// Undoes the outcome recorded on renewal `id` (bound or lost): its
/// policies go back to what they were, in one transaction with the record.
pub fn undo_outcome(
    state: AppState,
    id: String,
    message: RwSignal<Message>,
    done: &'static str,
    after: impl FnOnce() + 'static,
) {
    let Some(record) = state.renewals.with_untracked(|m| m.get(&id).cloned()) else {
        return message.set(Some(Outcome::Refused(
            "That renewal's record is no longer here (changed in another tab?); nothing was undone.".into(),
        )));
    };
    let key = (record.id.clone(), record.account_id.clone(), record.expiration);
    decide_then(
        state,
        key,
        Some(record.revision),
        message,
        "",
        |rec, policies, stamp| {
            let outcome = rec
                .outcome
                .take()
                .ok_or("This renewal has no outcome to undo (undone in another tab?); nothing was changed.")?;
            lifecycle::undo(policies, rec.expiration, &outcome, stamp)
        },
        move |saved| {
            if saved.is_some() {
                message.set(Some(Outcome::Done(done.to_string())));
                after();
            }
        },
    );
}

/// Writes a renewal's outcome (`decide` gets the record, the account's
/// policies and the time stamp; see [`store::decide`]), then calls `after`
/// with the record as saved, or None when it was refused (`message` then
/// says why, after `refused`).
fn decide_then(
    state: AppState,
    (id, account_id, expiration): (String, String, NaiveDate),
    base: Option<u32>,
    message: RwSignal<Message>,
    refused: &'static str,
    decide: impl FnOnce(&mut RenewalRecord, &mut Vec<Policy>, &str) -> Result<(), String> + 'static,
    after: impl FnOnce(Option<&RenewalRecord>) + 'static,
) {
    state.decide_renewal((id, account_id, expiration), base, decide, move |result| match result {
        Ok(saved) => after(Some(saved)),
        Err(e) => {
            after(None);
            message.set(Some(Outcome::Refused(format!("{refused}{e}"))));
        }
    });
}

/// One policy's row of the bind form, as typed.
#[derive(Clone, Copy)]
struct RowFields {
    carrier: RwSignal<String>,
    number: RwSignal<String>,
    premium: RwSignal<String>,
    commission: RwSignal<String>,
    effective: RwSignal<String>,
    expiration: RwSignal<String>,
}

/// "Renewal bound": the renewal term of each policy, prefilled from the
/// expiring term (same carrier, number, premium and commission; the next
/// term as long as the expiring one). Confirming moves the policies to
/// their new terms and keeps the expiring ones in their history.
/// `on_bound` gets the renewal's id and the next term's.
#[component]
pub fn BindForm(
    renewal: Renewal,
    who: Callback<(), Option<String>>,
    message: RwSignal<Message>,
    on_bound: Callback<(String, String)>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let policies = state.book.with_untracked(|b| {
        let index = b.index();
        lifecycle::bind_rows(index.policies(&renewal.account_id), renewal.expiration)
    });
    let rows: Vec<(String, String, RowFields)> = policies
        .iter()
        .map(|r| {
            let label = if r.policy_number.is_empty() {
                "A policy without a number".to_string()
            } else {
                format!("Policy {}", r.policy_number)
            };
            let fields = RowFields {
                carrier: RwSignal::new(r.carrier.clone()),
                number: RwSignal::new(r.policy_number.clone()),
                premium: RwSignal::new(format_plain(r.premium)),
                commission: RwSignal::new(format_plain(r.commission)),
                effective: RwSignal::new(r.effective.to_string()),
                expiration: RwSignal::new(r.expiration.to_string()),
            };
            (r.policy_id.clone(), label, fields)
        })
        .collect();
    let busy = RwSignal::new(false);
    let read_rows = rows.clone();
    let r = renewal.clone();
    let confirm = move |_| {
        let mut parsed = Vec::new();
        for (id, label, f) in &read_rows {
            let typed =
                [f.carrier, f.number, f.premium, f.commission, f.effective, f.expiration].map(|s| s.get_untracked());
            match BindRow::parse(id, label, typed.each_ref().map(String::as_str)) {
                Ok(row) => parsed.push(row),
                Err(why) => return message.set(Some(Outcome::Refused(format!("Not bound: {why}")))),
            }
        }
        let Some(by) = who.run(()) else { return };
        let on = state.as_of.get_untracked().today;
        let base = state.renewals.with_untracked(|m| m.get(&r.id).map(|x| x.revision));
        let next = parsed.iter().map(|row| row.expiration).min();
        let (account_id, expiration) = (r.account_id.clone(), r.expiration);
        let key = (r.id.clone(), account_id.clone(), expiration);
        busy.set(true);
        decide_then(
            state,
            key,
            base,
            message,
            "Not bound: ",
            move |rec, policies, stamp| {
                rec.outcome = Some(lifecycle::bind(policies, expiration, &parsed, on, &by, stamp)?);
                Ok(())
            },
            move |saved| {
                busy.set(false);
                if let Some(saved) = saved {
                    let next_id =
                        next.map(|d| crate::domain::renewals::board::renewal_id(&account_id, d)).unwrap_or_default();
                    message.set(Some(Outcome::Done("Renewal bound: the policies now run on their renewal terms, and the expiring terms are kept in their history. This is the next term's plan.".into())));
                    on_bound.run((saved.id.clone(), next_id));
                }
            },
        );
    };
    let field = move |label: &'static str, testid: &'static str, signal: RwSignal<String>, kind: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type=kind data-testid=testid prop:value=move || signal.get() on:input=move |ev| signal.set(event_target_value(&ev))/>
            </label>
        }
    };
    view! {
        <section class="bind-form" data-testid="bind-form" aria-label="Bind the renewal">
            <h3>{format!("Bind the renewal of {} ({})", renewal.client_name, renewal.expiration.format("%b %-d, %Y"))}</h3>
            <p class="hint">"Each policy's renewal term, filled in from the expiring one: change what the carrier quoted. A policy renews for as long as its expiring term ran (6 months stays 6 months)."</p>
            {rows.into_iter().zip(policies).map(|((_, label, f), p)| view! {
                <fieldset class="bind-policy" data-testid="bind-policy" data-policy=p.policy_number.clone()>
                    <legend>{label}</legend>
                    <div class="field-grid">
                        {field("Carrier", "bind-carrier", f.carrier, "text")}
                        {field("Policy number", "bind-policy-number", f.number, "text")}
                        {field("Renewal premium", "bind-premium", f.premium, "text")}
                        {field("Renewal commission", "bind-commission", f.commission, "text")}
                        {field("Effective", "bind-effective", f.effective, "date")}
                        {field("Expiration", "bind-expiration", f.expiration, "date")}
                    </div>
                </fieldset>
            }).collect_view()}
            <div class="actions">
                <button type="button" data-testid="bind-confirm" disabled=move || busy.get() on:click=confirm>"Confirm: renewal bound"</button>
                <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </section>
    }
}

/// "Lost / non-renewed": a reason from the list and a few words; the
/// renewal's policies are marked lost (out of revenue and the board, kept
/// on the account) and the renewal is listed as lost business.
#[component]
pub fn LostForm(
    renewal: Renewal,
    who: Callback<(), Option<String>>,
    message: RwSignal<Message>,
    on_lost: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let reason = RwSignal::new(String::new());
    let detail = RwSignal::new(String::new());
    let r = renewal;
    let lose = move |_| {
        let (why, more) = (reason.get_untracked(), detail.get_untracked());
        if let Err(e) = lifecycle::check_lost_reason(&why, &more) {
            return message.set(Some(Outcome::Refused(e)));
        }
        let Some(by) = who.run(()) else { return };
        let on = state.as_of.get_untracked().today;
        let base = state.renewals.with_untracked(|m| m.get(&r.id).map(|x| x.revision));
        let expiration = r.expiration;
        let key = (r.id.clone(), r.account_id.clone(), expiration);
        decide_then(
            state,
            key,
            base,
            message,
            "Not saved: ",
            move |rec, policies, stamp| {
                rec.outcome = Some(lifecycle::lose(policies, expiration, &why, &more, on, &by, stamp)?);
                Ok(())
            },
            move |saved| {
                if let Some(saved) = saved {
                    let text = saved.outcome.as_ref().map(lifecycle::describe).unwrap_or_default();
                    message.set(Some(Outcome::Done(format!("{text}. Its policies no longer count in revenue; it is in the lost-business list, where it can be undone."))));
                    on_lost.run(());
                }
            },
        );
    };
    view! {
        <div class="inline-form lost-form">
            <label class="field inline">
                <span>"Reason"</span>
                <select data-testid="renewal-lost-reason" on:change=move |ev| reason.set(event_target_value(&ev))>
                    <option value="" selected=true>"Choose…"</option>
                    {LOST_REASONS.into_iter().map(|why| view! { <option value=why>{why}</option> }).collect_view()}
                </select>
            </label>
            <label class="field inline">
                <span>"In a few words"</span>
                <input type="text" data-testid="renewal-lost-detail" prop:value=move || detail.get() on:input=move |ev| detail.set(event_target_value(&ev))/>
            </label>
            <button type="button" class="danger" data-testid="renewal-lost" on:click=lose>"Lost / non-renewed"</button>
        </div>
    }
}

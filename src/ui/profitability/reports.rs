//! Step 4: the deeper reports, their thresholds, and CSV exports.

use crate::domain::entry::{amount, non_negative};
use crate::domain::money::{format_money, format_plain, group_digits};
use crate::domain::profitability::analysis::{Analysis, ProfitSettings, ReportRules};
use crate::domain::profitability::reports::{
    Report, ReportKind, house_account_savings, monoline_by_tier, report_counts, report_csv, reports,
};
use crate::ui::state::use_app;
use crate::ui::widgets::{FormMessage, Message, files, take};
use leptos::prelude::*;
use std::sync::Arc;

/// A money input bound to one rule; `error` says why a value was not taken.
fn money_rule(
    label: &'static str,
    testid: &'static str,
    draft: RwSignal<ProfitSettings>,
    error: RwSignal<Message>,
    get: fn(&ReportRules) -> i64,
    set: fn(&mut ReportRules, i64),
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" inputmode="decimal" data-testid=testid
                prop:value=move || draft.with(|d| format_plain(get(&d.rules)))
                on:change=move |ev| take(amount(&event_target_value(&ev), &format!("“{label}”")), error, |v| draft.update(|d| set(&mut d.rules, v)))/>
        </label>
    }
}

/// A number input bound to one rule, from 0 to `max`.
fn number_rule(
    label: &'static str,
    draft: RwSignal<ProfitSettings>,
    error: RwSignal<Message>,
    max: f64,
    get: fn(&ReportRules) -> f64,
    set: fn(&mut ReportRules, f64),
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="number" min="0" max=max
                prop:value=move || draft.with(|d| get(&d.rules).to_string())
                on:change=move |ev| {
                    let read = non_negative(&event_target_value(&ev), &format!("“{label}”")).and_then(|v| {
                        if v <= max { Ok(v) } else { Err(format!("“{label}” can be at most {}; “{v}” is not taken.", group_digits(max as u64))) }
                    });
                    take(read, error, |v| draft.update(|d| set(&mut d.rules, v)));
                }/>
        </label>
    }
}

/// A threshold the book can set: blank takes the book's figure, a value
/// replaces it.
struct BookRule {
    label: &'static str,
    testid: &'static str,
    /// The agency's own figure as typed, if it set one.
    shown: fn(&ReportRules) -> Option<String>,
    read: fn(&str, &str) -> Result<Option<f64>, String>,
    set: fn(&mut ReportRules, Option<f64>),
}

/// The input of a [`BookRule`], with `book` (the book's figure) beside it.
fn book_rule(
    rule: BookRule,
    draft: RwSignal<ProfitSettings>,
    error: RwSignal<Message>,
    book: Signal<String>,
) -> impl IntoView {
    let BookRule { label, testid, shown, read, set } = rule;
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" inputmode="decimal" data-testid=testid placeholder="from the book"
                prop:value=move || draft.with(|d| shown(&d.rules).unwrap_or_default())
                on:change=move |ev| take(read(&event_target_value(&ev), &format!("“{label}”")), error, |v| draft.update(|d| set(&mut d.rules, v)))/>
            <small class="hint">{book}</small>
        </label>
    }
}

/// Blank: none; otherwise an amount of money, below zero allowed (a net can be).
fn optional_money(text: &str, field: &str) -> Result<Option<f64>, String> {
    match crate::domain::money::parse_money(text) {
        Ok(v) => Ok(v.map(|c| c as f64)),
        Err(e) => Err(format!("{field}: {e}.")),
    }
}

/// Blank: none; otherwise minutes, 0 or more.
fn optional_minutes(text: &str, field: &str) -> Result<Option<f64>, String> {
    if text.trim().is_empty() { Ok(None) } else { non_negative(text, field).map(Some) }
}

#[component]
pub fn ReportsCard(draft: RwSignal<ProfitSettings>, analysis: Memo<Arc<Analysis>>) -> impl IntoView {
    // Full lists (sorted, with positions) are worked out only while a report
    // is open or exported: memos compute when read. Counts are cheap.
    let all = Memo::new(move |_| analysis.with(|a| draft.with(|d| reports(a, &d.rules))));
    let counts = Memo::new(move |_| analysis.with(|a| draft.with(|d| report_counts(a, &d.rules))));
    // Why the last threshold typed was not taken.
    let error = RwSignal::<Message>::new(None);
    view! {
        <section class="card">
            <h2>"Step 4: deeper reports"</h2>
            <div class="field-grid no-print">
                {money_rule("Small account: revenue below", "rule-small", draft, error, |r| r.small_account_below, |r, v| r.small_account_below = v)}
                {number_rule("Most markets for a small account", draft, error, 1_000.0, |r| r.max_markets as f64, |r, v| r.max_markets = v.round() as usize)}
                {money_rule("Producer commission questioned below", "rule-producer", draft, error, |r| r.producer_threshold, |r, v| r.producer_threshold = v)}
                {number_rule("Producer's share of renewal commission (%)", draft, error, 100.0, |r| r.producer_split_pct, |r, v| r.producer_split_pct = v)}
                {money_rule("What-if: yearly fee per monoline E&S account", "rule-es-fee", draft, error, |r| r.monoline_es_fee, |r, v| r.monoline_es_fee = v)}
                {money_rule("What-if: minimum revenue for new accounts", "rule-min-new", draft, error, |r| r.min_new_account, |r, v| r.min_new_account = v)}
                {book_rule(
                    BookRule { label: "Low net: below", testid: "rule-low-net", shown: |r| r.low_net_below.map(format_plain), read: optional_money, set: |r, v| r.low_net_below = v.map(|c| c.round() as i64) },
                    draft, error, Signal::derive(move || analysis.with(|a| {
                        let l = &a.limits;
                        if l.low_net_from_book {
                            format!("Blank: the book's lowest quarter, now {} (median net {}).", format_money(l.low_net_below), format_money(l.median_net))
                        } else {
                            format!("The book's median net is {}; blank uses its lowest quarter.", format_money(l.median_net))
                        }
                    })))}
                {book_rule(
                    BookRule { label: "High service: minutes a year, at least", testid: "rule-high-service", shown: |r| r.high_service_minutes.map(|m| m.to_string()), read: optional_minutes, set: |r, v| r.high_service_minutes = v },
                    draft, error, Signal::derive(move || analysis.with(|a| {
                        let l = &a.limits;
                        if l.high_service_from_book {
                            format!("Blank: the book's top quarter, now {} minutes (median account {}).", group_digits(l.high_service_minutes.round() as u64), group_digits(l.median_minutes.round() as u64))
                        } else {
                            format!("The median account takes {} minutes; blank uses the top quarter.", group_digits(l.median_minutes.round() as u64))
                        }
                    })))}
            </div>
            <FormMessage message=error testid="rules-message"/>
            <p class="hint" data-testid="lnhs-limits">{move || analysis.with(|a| {
                let l = &a.limits;
                format!(
                    "“Low net, high service” holds accounts netting below {} ({}) that take at least {} minutes a year ({}); nets are figured on {}.",
                    format_money(l.low_net_below),
                    if l.low_net_from_book { "the book's lowest quarter" } else { "the agency's figure" },
                    group_digits(l.high_service_minutes.round() as u64),
                    if l.high_service_from_book { "the book's top quarter" } else { "the agency's figure" },
                    a.basis.label(),
                )
            })}</p>
            <p data-testid="house-savings">
                {move || analysis.with(|a| draft.with(|d| format!(
                    "Moving accounts under {} with a producer to house accounts would save {} of producer renewal commission a year (at {}%).",
                    format_money(d.rules.producer_threshold), format_money(house_account_savings(a, &d.rules)), d.rules.producer_split_pct
                )))}
            </p>
            <h3>"Policies per account and monoline accounts by tier"</h3>
            <table class="data-table compact" data-testid="monoline-table">
                <thead><tr><th>"Dept"</th><th>"Tier"</th><th class="num">"Accounts"</th><th class="num">"Monoline"</th><th class="num">"Policies per account"</th></tr></thead>
                <tbody>
                    {move || analysis.with(|a| {
                        let ppa: Vec<f64> = a.departments.iter().flat_map(|d| d.tier_rows.iter().map(|r| r.policies_per_account)).collect();
                        monoline_by_tier(a).into_iter().zip(ppa).filter(|((_, _, _, n), _)| *n > 0).map(|((d, label, mono, n), p)| view! {
                            <tr><td>{d.code().to_string()}</td><td>{label}</td><td class="num">{n}</td><td class="num">{mono}</td><td class="num">{format!("{p:.1}")}</td></tr>
                        }).collect_view()
                    })}
                </tbody>
            </table>
            {ReportKind::ALL.into_iter().map(|kind| view! { <ReportList kind all counts analysis draft/> }).collect_view()}
        </section>
    }
}

/// One report: its count always; its first rows only while it is open, so
/// a change of inputs does not rebuild tables nobody is looking at.
#[component]
fn ReportList(
    kind: ReportKind,
    all: Memo<Vec<Report>>,
    counts: Memo<[usize; 7]>,
    analysis: Memo<Arc<Analysis>>,
    draft: RwSignal<ProfitSettings>,
) -> impl IntoView {
    let state = use_app();
    let open = RwSignal::new(false);
    let (title, why) = kind.text();
    let key = kind.key();
    let count = Memo::new(move |_| counts.with(|c| c[kind.index()]));
    let export = move |_| {
        let text = all.with_untracked(|all| {
            analysis.with_untracked(|a| {
                draft.with_untracked(|d| {
                    all.iter().find(|x| x.kind == kind).map(|r| report_csv(r, a, &d.rules)).unwrap_or_default()
                })
            })
        });
        if let Err(e) = files::download(&format!("agency-desk-{key}.csv"), "text/csv", &text) {
            state.error(e);
        }
    };
    view! {
        <details class="report" data-testid="report" data-report=key
            on:toggle=move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
            <summary><strong>{title}</strong>" — "<span data-testid="report-count">{count}</span>" accounts"</summary>
            <p class="hint">{why}</p>
            <button type="button" class="secondary no-print" data-testid="export-report" on:click=export disabled=move || count.get() == 0>"Export list (CSV)"</button>
            {move || open.get().then(|| view! {
                <table class="data-table compact">
                    <thead><tr><th>"Client"</th><th>"Dept"</th><th class="num">"Policies"</th><th class="num">"Revenue"</th><th class="num">{move || analysis.with(|a| format!("Net ({})", a.basis.label()))}</th><th>"Note"</th></tr></thead>
                    <tbody>
                        {all.with(|all| analysis.with(|an| draft.with(|d| all.iter().find(|r| r.kind == kind).map(|r| r.accounts(an, &d.rules).take(25).map(|(a, note)| view! {
                            <tr class:negative=a.net < 0>
                                <td>{a.account.client_name.clone()}</td><td>{a.account.department.code().to_string()}</td>
                                <td class="num">{a.account.policies}</td><td class="num">{format_money(a.account.revenue)}</td>
                                <td class="num">{format_money(a.net)}</td><td>{note}</td>
                            </tr>
                        }).collect_view()))))}
                    </tbody>
                </table>
                {move || (count.get() > 25).then(|| view! { <p class="hint">{format!("The first 25 of {}; the CSV has them all.", count.get())}</p> })}
            })}
        </details>
    }
}

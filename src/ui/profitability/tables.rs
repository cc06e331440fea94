//! The tier, concentration and net tables.

use crate::charts;
use crate::domain::book::Department;
use crate::domain::money::{format_money, parse_money};
use crate::domain::profitability::analysis::{Analysis, ProfitSettings};
use crate::domain::profitability::concentration::Concentration;
use crate::domain::profitability::tiers::{TierRow, TierSet};
use leptos::prelude::*;
use std::sync::Arc;

/// A chart's SVG (built by `charts`, every text escaped there) with a label
/// pointing to the table that holds the same figures.
pub fn chart(svg: String, label: String, testid: &'static str) -> impl IntoView {
    view! { <figure class="chart" role="img" aria-label=label data-testid=testid inner_html=svg></figure> }
}

fn pct(v: f64) -> String {
    format!("{v:.1}%")
}

fn tier_rows_view(rows: Vec<TierRow>) -> impl IntoView {
    rows.into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td>{r.label}</td>
                    <td class="num">{format_money(r.revenue)}</td>
                    <td class="num">{pct(r.revenue_pct)}</td>
                    <td class="num">{r.clients}</td>
                    <td class="num">{pct(r.clients_pct)}</td>
                    <td class="num">{format_money(r.average)}</td>
                    <td class="num">{format!("{:.1}", r.policies_per_account)}</td>
                </tr>
            }
        })
        .collect_view()
}

fn tier_table(code: String, caption: String, rows: Vec<TierRow>) -> impl IntoView {
    view! {
        <table class="data-table compact" data-testid="tier-table" data-department=code>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th>"Tier"</th><th class="num">"Revenue"</th><th class="num">"% of revenue"</th><th class="num">"Clients"</th>
                    <th class="num">"% of clients"</th><th class="num">"Average per client"</th><th class="num">"Policies per account"</th>
                </tr>
            </thead>
            <tbody>{tier_rows_view(rows)}</tbody>
        </table>
    }
}

/// What a department's tier and concentration parts show; unchanged by
/// cost inputs, so a change of minutes or salaries does not redraw them.
#[derive(Clone, PartialEq)]
struct TierPart {
    tiers: TierSet,
    rows: Vec<TierRow>,
    concentration: Concentration,
    revenue: i64,
}

/// One department's tiers, concentration and net. Each part follows its own
/// memo, so only the tables and charts whose figures changed are redrawn.
#[component]
pub fn DepartmentSection(
    department: Department,
    analysis: Memo<Arc<Analysis>>,
    draft: RwSignal<ProfitSettings>,
) -> impl IntoView {
    let code = department.code().to_string();
    let label = department.label().to_string();
    let is_cl = department == Department::Cl;
    let dept = department.clone();
    let tier_part = Memo::new(move |_| {
        analysis.with(|a| {
            a.department(&dept).map(|d| TierPart {
                tiers: d.tiers.clone(),
                rows: d.tier_rows.clone(),
                concentration: d.concentration.clone(),
                revenue: d.revenue,
            })
        })
    });
    let conc = Memo::new(move |_| tier_part.with(|p| p.as_ref().map(|p| p.concentration.clone()).unwrap_or_default()));
    let code_flag = code.clone();
    let flag = move || {
        conc.with(|c| {
        if c.flagged {
            format!(
                "Concentration risk: fewer than 20 {code_flag} accounts ({}) carry 50% or more of {code_flag} revenue.",
                c.accounts_for_half.unwrap_or(0)
            )
        } else {
            format!(
                "No concentration flag: it takes {} accounts to reach half of {code_flag} revenue.",
                c.accounts_for_half.map(|n| n.to_string()).unwrap_or_else(|| "—".into())
            )
        }
    })
    };
    let half = move || conc.with(|c| c.accounts_for_half.map(|n| n.to_string()).unwrap_or_else(|| "—".into()));
    let (c1, c2) = (code.clone(), code.clone());
    let label_h = label.clone();
    let dept_for_editor = department.clone();
    view! {
        <section class="card dept-section" data-department=code.clone()>
            <h2>{move || tier_part.with(|p| p.as_ref().map(|p| format!("{label_h} — {} accounts, {} commission", p.concentration.accounts, format_money(p.revenue))).unwrap_or_default())}</h2>
            <h3>"Revenue tiers"</h3>
            {move || tier_part.with(|p| p.as_ref().map(|p| view! {
                {tier_table(c1.clone(), format!("{label} accounts by commission revenue tier, largest first"), p.rows.clone())}
                {chart(
                    charts::tier_share_chart(&format!("{c1}: share of revenue and of clients by tier"), &p.rows),
                    format!("Bar chart of each {c1} tier's share of revenue and of clients; the table above lists the same figures."),
                    "tier-chart",
                )}
            }))}
            {move || tier_part.with(|p| p.as_ref().map(|p| view! { <TierEditor department=dept_for_editor.clone() tiers=p.tiers.clone() draft/> }))}
            <h3>"Concentration"</h3>
            <p class=move || if conc.with(|c| c.flagged) { "flag warn" } else { "flag" } data-testid="concentration-flag">{flag}</p>
            <ul class="facts">
                <li>"Accounts making up 50% of revenue: "
                    {if is_cl {
                        view! { <strong data-testid="concentration-50">{half}</strong> }.into_any()
                    } else {
                        view! { <strong>{half}</strong> }.into_any()
                    }}
                </li>
                <li>"… 80% of revenue: "<strong>{move || conc.with(|c| c.accounts_for_80.map(|n| n.to_string()).unwrap_or_else(|| "—".into()))}</strong></li>
                <li>"Largest account's share: "<strong>{move || conc.with(|c| pct(c.largest_pct))}</strong>"; the 10 largest: "<strong>{move || conc.with(|c| pct(c.top10_pct))}</strong></li>
                <li>"Accounts under $500 of revenue: "<strong>{move || conc.with(|c| pct(c.under_500_pct))}</strong></li>
            </ul>
            {move || tier_part.with(|p| p.as_ref().map(|p| chart(
                charts::cumulative_share_chart(&format!("{c2}: cumulative share of revenue, largest accounts first"), &p.concentration.curve),
                format!("Curve of the cumulative share of {c2} revenue against the share of accounts, largest first; the figures above summarise it."),
                "pareto-chart",
            )))}
        </section>
    }
}

/// Edits a department's tier thresholds (what-if until saved).
#[component]
fn TierEditor(
    department: crate::domain::book::Department,
    tiers: TierSet,
    draft: RwSignal<ProfitSettings>,
) -> impl IntoView {
    let text = RwSignal::new(
        tiers.thresholds().iter().map(|t| crate::domain::money::format_plain(*t)).collect::<Vec<_>>().join(", "),
    );
    let error = RwSignal::new(None::<String>);
    let dept = department.clone();
    let apply = move |_| {
        let parsed: Result<Vec<i64>, String> = text
            .get_untracked()
            .split([',', ';'])
            .filter(|s| !s.trim().is_empty())
            .map(|s| parse_money(s).and_then(|v| v.ok_or_else(|| "a threshold is blank".to_string())))
            .collect();
        match parsed.and_then(TierSet::new) {
            Ok(set) => {
                error.set(None);
                let dept = dept.clone();
                draft.update(|d| {
                    d.tier_sets.retain(|(x, _)| *x != dept);
                    if set != TierSet::default_for(&dept) {
                        d.tier_sets.push((dept, set));
                    }
                });
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <details class="tier-editor no-print">
            <summary>"Change the tier bounds"</summary>
            <div class="inline-form">
                <label>"Lower bounds of the tiers, smallest first"
                    <input type="text" size="50" data-testid="tier-bounds" data-department=department.code().to_string()
                        prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="secondary" on:click=apply>"Apply"</button>
            </div>
            {move || error.get().map(|e| view! { <p class="form-message error" role="alert">{e}</p> })}
        </details>
    }
}

/// A department's net by tier: the method's cost of handling each account,
/// summed per tier, on the cost basis in force.
#[component]
pub fn NetSection(department: Department, analysis: Memo<Arc<Analysis>>) -> impl IntoView {
    let code = department.code().to_string();
    let label = department.label().to_string();
    let dept = department.clone();
    let net_rows =
        Memo::new(move |_| analysis.with(|a| a.department(&dept).map(|d| d.net_rows.clone()).unwrap_or_default()));
    let basis = Memo::new(move |_| analysis.with(|a| a.basis.label()));
    let (c1, c2, c3) = (code.clone(), code.clone(), code.clone());
    view! {
        <section class="card net-section" data-department=c3>
            <h3>{move || format!("{label}: net by tier (revenue − cost to serve, {})", basis.get())}</h3>
            <table class="data-table compact" data-testid="net-table" data-department=code>
                <thead><tr><th>"Tier"</th><th class="num">"Clients"</th><th class="num">"Revenue"</th><th class="num">"Cost to serve"</th><th class="num">"Net"</th><th class="num">"Losing money"</th></tr></thead>
                <tbody>
                    {move || net_rows.get().into_iter().map(|r| view! {
                        <tr class:negative=r.net < 0>
                            <td>{r.label}</td>
                            <td class="num">{r.clients}</td>
                            <td class="num">{format_money(r.revenue)}</td>
                            <td class="num">{format_money(r.cost)}</td>
                            <td class="num">{format_money(r.net)}</td>
                            <td class="num">{r.losing}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {move || net_rows.with(|rows| chart(
                charts::net_by_tier_chart(&format!("{c1}: net by tier ({})", basis.get()), rows),
                format!("Bar chart of {c2} net by tier; losses are outlined below the zero line. The table above lists the same figures."),
                "net-chart",
            ))}
        </section>
    }
}

#[component]
pub fn AgencyTable(analysis: Memo<Arc<Analysis>>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>"The whole agency"</h2>
            <p class="hint">"Every account in the commercial-lines tiers, for one view across departments."</p>
            {move || analysis.with(|a| tier_table("agency".into(), "All accounts by commission revenue tier".into(), a.agency_rows.clone()))}
        </section>
    }
}

#[component]
pub fn LosingAccounts(analysis: Memo<Arc<Analysis>>) -> impl IntoView {
    view! {
        <section class="card">
            <h2>{move || analysis.with(|a| format!("Accounts that cost more to serve than they bring in ({})", a.basis.label()))}</h2>
            <LosingExplained analysis/>
            {move || analysis.with(|a| {
                let losing = a.largest_losses();
                let total = losing.len();
                let losing: Vec<_> = losing.into_iter().take(50).cloned().collect();
                if losing.is_empty() {
                    view! { <p>"None at these inputs."</p> }.into_any()
                } else {
                    let shown = losing.len();
                    view! {
                        <p>{format!("{total} accounts; the {shown} with the largest loss:")}</p>
                        <table class="data-table compact" data-testid="losing-accounts">
                            <thead><tr><th>"Client"</th><th>"Dept"</th><th class="num">"Policies"</th><th class="num">"Revenue"</th><th class="num">"Cost to serve"</th><th class="num">"Net"</th></tr></thead>
                            <tbody>
                                {losing.into_iter().map(|n| view! {
                                    <tr class="negative">
                                        <td>{n.account.client_name}</td>
                                        <td>{n.account.department.code().to_string()}</td>
                                        <td class="num">{n.account.policies}</td>
                                        <td class="num">{format_money(n.account.revenue)}</td>
                                        <td class="num">{format_money(n.cost)}</td>
                                        <td class="num">{format_money(n.net)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            })}
        </section>
    }
}

/// Why accounts lose money, department by department, from the figures
/// that decide it: the typical losing account's commission, minutes and
/// what those minutes cost.
#[component]
fn LosingExplained(analysis: Memo<Arc<Analysis>>) -> impl IntoView {
    let rows = Memo::new(move |_| analysis.with(|a| a.losing_by_department()));
    view! {
        {move || rows.with(|rows| (!rows.is_empty()).then(|| analysis.with(|a| {
            let rate = format_money(a.minute_rate.round() as i64);
            let basis = a.basis;
            view! {
                <ul class="facts" data-testid="losing-explained">
                    {rows.iter().map(|r| view! {
                        <li data-department=r.department.code().to_string()>
                            {format!(
                                "{}: {} of {} accounts. The typical one has {} {} and {} of commission a year, and its processes take {} minutes: {} at {} a minute ({}).",
                                r.department.label(), r.losing, r.accounts, r.typical_policies,
                                if r.typical_policies == 1 { "policy" } else { "policies" },
                                format_money(r.typical_revenue), crate::domain::money::group_digits(r.typical_minutes.round() as u64),
                                format_money(r.typical_cost), rate, basis.label(),
                            )}
                        </li>
                    }).collect_view()}
                </ul>
                <p class="hint">"The process times and frequencies of Step 2 and the cost of a minute of Step 3 produce these figures: change them to match how the agency works and every net follows."</p>
            }
        })))}
    }
}

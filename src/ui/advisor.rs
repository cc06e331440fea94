//! Service model: a questionnaire on the article's criteria, answers the
//! book can give filled in from it, a recommendation with its reasoning and
//! weights, and the two models side by side (printable). What the article
//! says (its own words, quoted) and the app's guidance are shown apart; a
//! mix names the segments of the book that suit each model. Answers are
//! saved in the workspace as they are given.

use super::state::{AppState, use_app};
use super::widgets::FormMessage;
use crate::domain::advisor::article::{ARTICLE_POINTS, ArticlePoint, points_for};
use crate::domain::advisor::segments::{Segment, segments, side_total};
use crate::domain::advisor::{
    AdvisorAnswers, COMPARISON, MIN_ANSWERS, Model, QUESTIONS, advise, book_facts, effective_answers, guidance,
    question, suggestions, weight_of,
};
use crate::domain::entry::whole_number;
use crate::domain::money::{Cents, format_money_whole};
use crate::ui::widgets::form_message::{Message, Outcome};
use leptos::prelude::*;

/// Applies `change` to the saved answers (in one transaction with reading
/// them, so another tab's answers are kept) and shows the result.
fn save(state: AppState, message: RwSignal<Message>, change: impl FnOnce(&mut AdvisorAnswers) + 'static) {
    state.update_advisor(change, move |result| match result {
        Ok(()) => message.set(None),
        Err(e) => message.set(Some(Outcome::Refused(format!("The answer was not saved: {e}")))),
    });
}

#[component]
pub fn AdvisorPage() -> impl IntoView {
    let state = use_app();
    let message = RwSignal::new(None::<Outcome>);
    let facts = Memo::new(move |_| state.book.with(|b| book_facts(b)));
    let suggested = Memo::new(move |_| facts.with(suggestions));
    let advice = Memo::new(move |_| {
        state.advisor.with(|saved| suggested.with(|s| advise(&effective_answers(saved, s), &saved.weights)))
    });
    let parts = Memo::new(move |_| state.book.with(|book| state.profit.with(|profit| segments(book, profit))));
    let small_below = Memo::new(move |_| state.profit.with(|p| p.rules.small_account_below));
    let reset = move |_| {
        if !window()
            .confirm_with_message("Clear every answer and weight you gave? Answers the book suggests stay filled in.")
            .unwrap_or(false)
        {
            return;
        }
        save(state, message, |a| *a = AdvisorAnswers::default());
    };
    view! {
        <section class="page advisor">
            <h1>"Service model"</h1>
            <p class="subtitle">"Centralized or distributed account management?"</p>
            <p class="lead">"Should your account management sit with a central, “home office” team serving a designated group of clients, or with local, “distributed” account managers? Answer the questions below; answers your book can give are filled in from it and marked, and you can change any of them. Answers are saved in this workspace as you go. What the article behind this page says is quoted under “From the article”; everything else is the app's guidance and is marked so."</p>
            <FormMessage message testid="advisor-message"/>
            <div class="advisor-grid">
                <form class="card questionnaire no-print" data-testid="advisor-questions" on:submit=|ev| ev.prevent_default()>
                    <h2>"Questions"</h2>
                    {QUESTIONS.iter().map(|q| {
                        let key = q.key;
                        // Memos, so that a save of another question (or one still landing
                        // from an earlier click) leaves this question's inputs as the user
                        // has them instead of setting them again mid-edit.
                        let current = Memo::new(move |_| state.advisor.with(|a| a.answers.get(key).copied()));
                        let suggestion = Memo::new(move |_| suggested.with(|s| s.get(key).cloned()));
                        let weight = Memo::new(move |_| state.advisor.with(|a| weight_of(q, &a.weights)));
                        view! {
                            <fieldset class="question" data-testid="advisor-question" data-question=key>
                                <legend>{q.text}</legend>
                                <p class="hint">{q.why}{format!(" A high answer points to a {} team.", if q.leans == Model::Centralized { "centralized" } else { "distributed" })}</p>
                                <div class="scale" role="radiogroup" aria-label=q.text>
                                    {q.options.iter().enumerate().map(|(i, label)| {
                                        let value = i as u8 + 1;
                                        let checked = move || current.get().or_else(|| suggestion.get().map(|s| s.value)) == Some(value);
                                        view! {
                                            <label class="option">
                                                <input type="radio" name=format!("q-{key}") value=value.to_string() data-testid="advisor-answer" data-value=value.to_string()
                                                    prop:checked=checked
                                                    on:change=move |_| save(state, message, move |a| { a.answers.insert(key.to_string(), value); })/>
                                                <span>{format!("{value} · {label}")}</span>
                                            </label>
                                        }
                                    }).collect_view()}
                                </div>
                                {move || match (current.get(), suggestion.get()) {
                                    (None, Some(s)) => view! { <p class="from-book" data-testid="advisor-prefilled">{format!("Filled in from your book: {}.", s.reason)}</p> }.into_any(),
                                    (Some(v), Some(s)) if v != s.value => view! {
                                        <p class="from-book">{format!("Your answer. The book suggests {} ({}). ", s.value, s.reason)}
                                            <button type="button" class="link-button" on:click=move |_| save(state, message, move |a| { a.answers.remove(key); })>"Use the book's answer"</button>
                                        </p>
                                    }.into_any(),
                                    (None, None) => view! { <p class="hint">"Not answered yet; your book does not record this."</p> }.into_any(),
                                    _ => view! { <span></span> }.into_any(),
                                }}
                                <label class="weight">"Weight (0–5) "
                                    <input type="number" min="0" max="5" size="3" data-testid="advisor-weight" prop:value=move || weight.get().to_string()
                                        on:change=move |ev| {
                                            match whole_number(&event_target_value(&ev), &format!("The weight of “{}”", q.text), 0, 5) {
                                                Ok(w) => save(state, message, move |a| { a.weights.insert(key.to_string(), w as u8); }),
                                                Err(e) => message.set(Some(Outcome::Refused(e))),
                                            }
                                        }/>
                                </label>
                            </fieldset>
                        }
                    }).collect_view()}
                    <div class="actions">
                        <button type="button" class="secondary" data-testid="advisor-reset" on:click=reset>"Clear my answers"</button>
                    </div>
                </form>
                <Recommendation advice parts small_below/>
            </div>
            <Comparison/>
        </section>
    }
}

fn answer_text(key: &str, value: u8) -> String {
    question(key)
        .and_then(|q| q.options.get(usize::from(value.clamp(1, 5)) - 1))
        .map(|s| s.to_string())
        .unwrap_or_default()
}

#[component]
fn Recommendation(
    advice: Memo<crate::domain::advisor::Advice>,
    parts: Memo<Vec<Segment>>,
    small_below: Memo<Cents>,
) -> impl IntoView {
    view! {
        <section class="card recommendation">
            <h2>"Recommendation"</h2>
            <p class="print-only">"The questions and answers behind it are listed under “What drove it”."</p>
            {move || advice.with(|a| match a.model {
                None => view! {
                    <p data-testid="advisor-recommendation-pending">{format!("Answer at least {MIN_ANSWERS} questions (with a weight above 0) for a recommendation.")}</p>
                }.into_any(),
                Some(model) => {
                    let lean = if a.score > 0 { "toward a centralized team" } else if a.score < 0 { "toward a distributed team" } else { "to neither side" };
                    view! {
                        <div data-testid="advisor-recommendation" data-model=model.code() class=format!("verdict {}", model.code())>
                            <p class="verdict-text">{model.label()}</p>
                            <p data-testid="advisor-score">{format!("Score {:+} of ±{} ({lean}). A quarter of the way to either side ({}) recommends that model; closer to the middle, a mix.", a.score, a.max, (a.max + 3) / 4)}</p>
                        </div>
                        <h3>"What drove it"</h3>
                        <table class="data-table compact" data-testid="advisor-drivers">
                            <thead><tr><th>"Question"</th><th>"Answer"</th><th class="num">"Weight"</th><th class="num">"Points"</th></tr></thead>
                            <tbody>
                                {a.drivers.iter().map(|d| {
                                    let q = question(d.key);
                                    view! {
                                        <tr data-testid="advisor-driver" data-question=d.key>
                                            <td>{q.map(|q| q.text).unwrap_or_default()}</td>
                                            <td>{format!("{} · {}", d.answer, answer_text(d.key, d.answer))}</td>
                                            <td class="num">{d.weight}</td>
                                            <td class="num">{format!("{:+}", d.contribution)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <p class="hint">"Points = weight × (answer − 3), counted toward a centralized team (+) or a distributed one (−) depending on the question."</p>
                        <section class="from-article" data-testid="advisor-article">
                            <h3>"From the article"</h3>
                            <ArticlePoints points=points_for(model)/>
                        </section>
                        <section class="guidance" data-testid="advisor-guidance">
                            <GuidanceHeading title="The app's guidance"/>
                            <ul class="points">
                                {guidance(model).iter().map(|g| view! { <li>{*g}</li> }).collect_view()}
                            </ul>
                            {(model == Model::Mixed).then(|| view! { <Segments parts small_below/> })}
                            <h4>"Who gains what"</h4>
                            <table class="data-table compact" data-testid="advisor-benefits">
                                <tbody>
                                    {COMPARISON.iter().filter(|(aspect, ..)| aspect.starts_with("For ")).map(|(aspect, central, local)| {
                                        let text = match model {
                                            Model::Centralized => central.to_string(),
                                            Model::Distributed => local.to_string(),
                                            Model::Mixed => format!("From the central team: {} From local account managers: {}", central, local),
                                        };
                                        view! { <tr><th>{*aspect}</th><td>{text}</td></tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </section>
                        <h3>"What would change the answer"</h3>
                        {if a.changes.is_empty() {
                            view! { <p data-testid="advisor-changes">"No single answer changed on its own would change the recommendation."</p> }.into_any()
                        } else {
                            view! {
                                <ul data-testid="advisor-changes">
                                    {a.changes.iter().map(|c| view! {
                                        <li>{format!("“{}”: {} · {} instead of {} · {} → {}", question(c.key).map(|q| q.text).unwrap_or_default(), c.to, answer_text(c.key, c.to), c.from, answer_text(c.key, c.from), c.model.code())}</li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any()
                }
            })}
        </section>
    }
}

/// Statements credited to the article: its words, quoted.
#[component]
fn ArticlePoints(points: Vec<&'static ArticlePoint>) -> impl IntoView {
    view! {
        <ul class="points article-points">
            {points.into_iter().map(|p| view! { <li data-testid="advisor-article-point" data-point=p.key>{p.text}</li> }).collect_view()}
        </ul>
    }
}

/// The heading of a part that is the app's own guidance, marked as such.
#[component]
fn GuidanceHeading(title: &'static str) -> impl IntoView {
    view! {
        <h3>{title}" "<span class="guidance-tag" data-testid="advisor-guidance-tag">"Not from the article"</span></h3>
    }
}

/// The segments of the book a mix would serve each way, with their counts
/// and revenue, or why there are none.
#[component]
fn Segments(parts: Memo<Vec<Segment>>, small_below: Memo<Cents>) -> impl IntoView {
    let side = move |model: Model, title: &'static str, rule: String| {
        let list = parts.with(|all| all.iter().filter(|s| s.model == model).cloned().collect::<Vec<_>>());
        let (accounts, revenue) = parts.with(|all| side_total(all, model));
        view! {
            <div class="segment-side" data-testid="advisor-segment-side" data-model=model.code()>
                <h5>{title}</h5>
                <p class="hint">{rule}</p>
                {if list.is_empty() {
                    view! { <p data-testid="advisor-segment-none">"No account of your book falls here."</p> }.into_any()
                } else {
                    view! {
                        <ul class="segments">
                            {list.into_iter().map(|s| view! {
                                <li data-testid="advisor-segment" data-model=s.model.code() data-department=s.department.code().to_string()
                                    data-accounts=s.accounts.to_string() data-revenue=s.revenue.to_string()>
                                    <strong>{s.department.label().to_string()}</strong>": "
                                    <span data-testid="advisor-segment-accounts">{s.accounts}</span>
                                    {format!(" of {} accounts, ", s.department_accounts)}
                                    <span data-testid="advisor-segment-revenue">{format_money_whole(s.revenue)}</span>
                                    {format!(" commission ({})", s.tiers.join(" · "))}
                                </li>
                            }).collect_view()}
                        </ul>
                        <p class="segment-total" data-testid="advisor-segment-total">{format!("In all: {accounts} accounts, {} commission.", format_money_whole(revenue))}</p>
                    }.into_any()
                }}
            </div>
        }
    };
    view! {
        <div class="segments-block" data-testid="advisor-segments">
            <h4>"Segments of your book"</h4>
            {move || {
                if parts.with(Vec::is_empty) {
                    return view! {
                        <p data-testid="advisor-segments-empty">"Your book has no current accounts, so there are no segments of it to name yet. Add or import accounts on the Book page."</p>
                    }.into_any();
                }
                let threshold = format_money_whole(small_below.get());
                view! {
                    {side(Model::Centralized, "A central, pooled team", format!("Accounts whose revenue tier lies wholly under your small-account threshold of {threshold} (set with the Profitability reports), by department."))}
                    {side(Model::Distributed, "Account managers of their own", format!("Every other account: the tier that holds {threshold} and the tiers above it."))}
                }.into_any()
            }}
        </div>
    }
}

#[component]
fn Comparison() -> impl IntoView {
    view! {
        <section class="card comparison" data-testid="advisor-comparison">
            <div class="page-head">
                <h2>"The two models side by side"</h2>
                <button type="button" class="secondary" data-testid="advisor-print" on:click=move |_| { let _ = window().print(); }>"Print the comparison"</button>
            </div>
            <section class="from-article" data-testid="advisor-article-all">
                <h3>"From the article"</h3>
                <ArticlePoints points=ARTICLE_POINTS.iter().collect()/>
            </section>
            <section class="guidance" data-testid="advisor-comparison-guidance">
                <GuidanceHeading title="The app's guidance"/>
                <p class="hint">"The article names the two models but describes the centralized one only. The table below is the app's own summary, the distributed column and the rows for carriers, agencies and clients included."</p>
                <table class="data-table compare-table">
                    <thead><tr><th></th><th>"Centralized (home office)"</th><th>"Distributed (local)"</th></tr></thead>
                    <tbody>
                        {COMPARISON.iter().map(|(aspect, central, local)| view! {
                            <tr><th>{*aspect}</th><td>{*central}</td><td>{*local}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        </section>
    }
}

//! Book: the agency's accounts and policies — list, edit, import, export.

mod account_editor;
mod current;
mod import_panel;
mod policies;

pub use current::provide_current_list;

use super::state::{now_stamp, use_app};
use super::widgets::files;
use crate::domain::book::Account;
use crate::domain::book::listing::{Row, SortKey, policy_counts, positions, total_revenue};
use crate::domain::changes::ChangeSet;
use crate::domain::export::book_csv;
use crate::domain::money::format_money;
use leptos::prelude::*;

/// Rows shown at first and added by "Show more".
const PAGE: usize = 200;

/// A deleted account kept for "Undo".
#[derive(Clone)]
struct Deleted {
    account: Account,
    policies: Vec<crate::domain::book::Policy>,
}

#[component]
pub fn BookPage() -> impl IntoView {
    let state = use_app();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new((SortKey::Name, true));
    let selected = RwSignal::new(None::<String>);
    let adding = RwSignal::new(false);
    let undo = RwSignal::new(None::<Deleted>);
    // Long books are shown a page at a time; search narrows them instantly.
    let limit = RwSignal::new(PAGE);
    let list = current::use_current_list();
    let all_rows = list.rows;
    // Positions in `all_rows` of the rows that match, in list order: only
    // the rows drawn are copied.
    let shown = Memo::new(move |_| {
        let (q, order) = (query.get(), sort.get());
        all_rows.with(|rows| positions(rows, &q, order))
    });

    let has_more = move || shown.with(Vec::len) > limit.get();

    let delete_account = move |id: String| {
        let Some(deleted) = state.book.with_untracked(|b| {
            b.accounts.iter().find(|a| a.id == id).map(|a| Deleted {
                account: a.clone(),
                policies: b.policies.iter().filter(|p| p.account_id == id).cloned().collect(),
            })
        }) else {
            return;
        };
        let changes = ChangeSet { delete_account_ids: vec![deleted.account.id.clone()], ..Default::default() };
        state.apply_changes(changes, now_stamp(), move |result| match result {
            Ok(()) => {
                selected.set(None);
                undo.set(Some(deleted));
            }
            Err(e) => state.error(e),
        });
    };
    view! {
        <section class="page">
            <BookHeading list/>
            <import_panel::ImportPanel/>
            <UndoBanner undo/>
            <Toolbar query limit adding selected/>
            <Show when=move || adding.get()>
                <account_editor::AccountEditor account_id=None on_done=Callback::new(move |_| adding.set(false)) on_delete=Callback::new(|_: String| {})/>
            </Show>
            <Show
                when=move || !state.book.with(|b| b.accounts.is_empty())
                fallback=|| view! {
                    <div class="empty-state" data-testid="empty-state">
                        <p>"There are no accounts in this workspace yet. Import your agency management system's expiration report or book-of-business report above (CSV or Excel), or add accounts one by one. To look around first, open the demo agency in "<a href="#/settings">"Settings"</a>"."</p>
                    </div>
                }
            >
                {list.working_note()}
                <AccountsTable all_rows shown limit sort selected adding delete_account=Callback::new(delete_account)/>
                <p class="hint" hidden=move || !list.fresh.get()>
                    {move || format!(
                        "Showing {} of {} matching accounts ({} in all).",
                        shown.with(Vec::len).min(limit.get()),
                        shown.with(Vec::len),
                        all_rows.with(Vec::len)
                    )}
                    <Show when=has_more>
                        " "
                        <button type="button" class="secondary" data-testid="book-show-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                            {format!("Show {PAGE} more")}
                        </button>
                    </Show>
                </p>
            </Show>
        </section>
    }
}

/// The page's title with the counts of accounts and policies and the total
/// annual commission.
#[component]
fn BookHeading(list: current::CurrentList) -> impl IntoView {
    let state = use_app();
    view! {
        <div class="page-head">
            <h1>"Book of business"</h1>
            <p class="count">
                <strong data-testid="book-account-count">{move || state.book.with(|b| b.accounts.len())}</strong>
                " accounts · "
                {move || state.book.with(|b| {
                    let (live, inactive) = policy_counts(b);
                    if inactive == 0 { format!("{live} policies") } else { format!("{live} policies in force ({inactive} inactive)") }
                })}
                " · "
                // The total of the rows shown, once they are of this book.
                {move || if list.fresh.get() { format_money(list.rows.with(|r| total_revenue(r))) } else { "…".into() }}
                " annual commission"
            </p>
        </div>
    }
}

/// After a deletion: what was deleted, and a way to put it back.
#[component]
fn UndoBanner(undo: RwSignal<Option<Deleted>>) -> impl IntoView {
    let state = use_app();
    let undo_delete = move |_| {
        let Some(d) = undo.get_untracked() else { return };
        let changes = ChangeSet { put_accounts: vec![d.account], put_policies: d.policies, ..Default::default() };
        state.apply_changes(changes, now_stamp(), move |result| match result {
            Ok(()) => undo.set(None),
            Err(e) => state.error(e),
        });
    };
    view! {
        <Show when=move || undo.get().is_some()>
            <div class="banner" role="status" data-testid="undo-banner">
                <span>{move || undo.get().map(|d| format!("Deleted \"{}\" and its {} policies.", d.account.client_name, d.policies.len()))}</span>
                <button type="button" on:click=undo_delete>"Undo"</button>
            </div>
        </Show>
    }
}

/// Search, a new account and the book's export.
#[component]
fn Toolbar(
    query: RwSignal<String>,
    limit: RwSignal<usize>,
    adding: RwSignal<bool>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app();
    let export_csv = move |_| {
        let text = state.book.with_untracked(|b| book_csv(b));
        let name = format!("agency-desk-book-{}.csv", state.as_of.get_untracked().iso());
        if let Err(e) = files::download(&name, "text/csv", &text) {
            state.error(e);
        }
    };
    view! {
        <div class="toolbar">
            <label for="book-search" class="visually-hidden">"Search accounts"</label>
            <input id="book-search" type="search" placeholder="Search by client name or department code" data-testid="book-search"
                prop:value=move || query.get() on:input=move |ev| { query.set(event_target_value(&ev)); limit.set(PAGE); }/>
            <button type="button" on:click=move |_| { adding.set(true); selected.set(None); }>"Add account"</button>
            <button type="button" class="secondary" on:click=export_csv data-testid="book-export-csv">"Export book (CSV)"</button>
        </div>
    }
}

/// The accounts shown, with sortable columns; a click on a name opens the
/// account's editor under its row.
#[component]
fn AccountsTable(
    all_rows: ReadSignal<Vec<Row>>,
    shown: Memo<Vec<usize>>,
    limit: RwSignal<usize>,
    sort: RwSignal<(SortKey, bool)>,
    selected: RwSignal<Option<String>>,
    adding: RwSignal<bool>,
    delete_account: Callback<String>,
) -> impl IntoView {
    let header = move |label: &'static str, key: SortKey| {
        let aria = move || match sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <th aria-sort=aria>
                <button type="button" class="sort-button" on:click=move |_| sort.update(|(k, asc)| {
                    if *k == key { *asc = !*asc } else { *k = key; *asc = key.ascending_first() }
                })>{label}</button>
            </th>
        }
    };
    view! {
        <table class="data-table" data-testid="book-table">
            <thead>
                <tr>
                    {header("Client", SortKey::Name)}
                    {header("Dept", SortKey::Department)}
                    {header("Commission", SortKey::Revenue)}
                    {header("Policies", SortKey::Policies)}
                    {header("Next expiration", SortKey::NextExpiration)}
                </tr>
            </thead>
            <tbody>
                <For each=move || shown.with(|s| all_rows.with(|rows| s.iter().take(limit.get()).map(|&i| rows[i].clone()).collect::<Vec<_>>())) key=|r| (r.id.clone(), r.revenue, r.policies, r.name.clone(), r.department.clone(), r.next_expiration, r.former) let:row>
                    <AccountRow row selected adding delete_account/>
                </For>
            </tbody>
        </table>
    }
}

/// One account of the list, and its editor while it is open.
#[component]
fn AccountRow(
    row: Row,
    selected: RwSignal<Option<String>>,
    adding: RwSignal<bool>,
    delete_account: Callback<String>,
) -> impl IntoView {
    let id = row.id.clone();
    let id2 = row.id.clone();
    let open = move || selected.get().as_deref() == Some(id.as_str());
    view! {
        <tr class:selected=open.clone() data-testid="book-row" data-account=row.name.clone()>
            <td>
                <button type="button" class="link-button row-link" on:click=move |_| {
                    adding.set(false);
                    selected.update(|s| *s = if s.as_deref() == Some(id2.as_str()) { None } else { Some(id2.clone()) });
                }>{row.name.clone()}</button>
                {row.former.then(|| view! { " "<span class="tag former" data-testid="book-former" title="Every policy of this account is inactive (cancelled, non-renewed, lost, ...); it counts in no revenue, tier or renewal">"former client"</span> })}
            </td>
            <td>{row.department.clone()}</td>
            <td class="num">{format_money(row.revenue)}</td>
            <td class="num">{row.policies}</td>
            <td>{row.next_expiration.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td>
        </tr>
        <Show when=open>
            <tr class="editor-row">
                <td colspan="5">
                    <account_editor::AccountEditor
                        account_id=Some(row.id.clone())
                        on_done=Callback::new(move |_| selected.set(None))
                        on_delete=delete_account
                    />
                </td>
            </tr>
        </Show>
    }
}

/// A labelled text input bound to `value` (the account and policy forms).
fn text_field(label: &'static str, value: RwSignal<String>, testid: &'static str) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" data-testid=testid prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}

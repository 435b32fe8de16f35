//! The migrations view: the migrations the latest run declared with their state, the Dry run,
//! Run and Undo buttons (each a run of that migrator on the engine the run left), and what the
//! last of them did — its statements, the data it loses or would lose, the schema before and
//! after — plus the migration written from the models. A Leptos component with typed handlers
//! and keyed lists (the page's other panes are still HTML text; issue 17 moves them over).

use leptos::prelude::*;

use crate::migrations::{MigrationAction, Migrations};

/// The pane, shown when the latest run that declared migrations did; `act` runs an action
/// (`dry-run`, `migrate`, `undo`).
#[component]
pub fn MigrationsPane(
    migrations: Signal<Option<Migrations>>,
    running: Signal<bool>,
    act: impl Fn(&'static str) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        migrations.get().map(|m| {
            let pending = m.pending();
            let list = m.list.clone();
            let last = m.actions.last().cloned();
            let from_models = m.from_models.clone();
            view! {
                <section class="pane migrations" data-testid="migrations-panel">
                    <h2>"Migrations " <span class="count">{format!("{pending} pending")}</span></h2>
                    <ol class="migration-list">
                        <For each=move || list.clone() key=|m| (m.name.clone(), m.executed) let:m>
                            <li class=if m.executed { "migration done" } else { "migration pending" } data-testid="migration">
                                <span class="badge">{if m.executed { "✓ run" } else { "pending" }}</span>
                                <code>{m.name}</code>
                            </li>
                        </For>
                    </ol>
                    <div class="actions">
                        <button data-testid="migration-dry-run" title="Run the pending migrations in a transaction that is rolled back: see what they would do" disabled=move || running.get() on:click=move |_| act("dry-run")>"Dry run"</button>
                        <button data-testid="migration-run" disabled=move || running.get() on:click=move |_| act("migrate")>"Run"</button>
                        <button data-testid="migration-undo" disabled=move || running.get() on:click=move |_| act("undo")>"Undo"</button>
                    </div>
                    {last.map(|action| view! { <ActionReport action/> })}
                    {from_models.map(|code| view! {
                        <details class="from-models" data-testid="migration-from-models">
                            <summary>"The models differ from the tables: the migration that makes them match"</summary>
                            <pre><code>{code}</code></pre>
                        </details>
                    })}
                </section>
            }
        })
    }
}

/// What one Run, Undo or Dry run did.
#[component]
fn ActionReport(action: MigrationAction) -> impl IntoView {
    let title = action.title();
    let class = if action.dry_run { "migration-action dry" } else { "migration-action" };
    let statements = action.statements.len();
    let sql = action.statements.join("\n");
    let changes: Vec<(usize, &'static str, String)> =
        action.changes.iter().enumerate().map(|(i, c)| (i, c.sign(), c.line())).collect();
    let no_changes = changes.is_empty();
    let losses: Vec<(usize, String)> = action.data_loss.into_iter().enumerate().collect();
    view! {
        <div class=class data-testid="migration-action">
            <h3>{title}</h3>
            {action.dry_run.then(|| view! { <p class="note">"Nothing was kept: the statements ran in a transaction that was rolled back."</p> })}
            {action.error.map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <ul class="data-loss">
                <For each=move || losses.clone() key=|(i, _)| *i let:loss>
                    <li class="warning" data-testid="data-loss">"⚠ " {loss.1}</li>
                </For>
            </ul>
            <h4>"Schema before → after"</h4>
            {no_changes.then(|| view! { <p class="note">"No change."</p> })}
            <ul class="schema-diff" data-testid="schema-diff">
                <For each=move || changes.clone() key=|(i, _, _)| *i let:change>
                    <li class=match change.1 { "+" => "added", "-" => "removed", _ => "changed" }>
                        <span class="sign">{change.1}</span> <code>{change.2}</code>
                    </li>
                </For>
            </ul>
            <details>
                <summary>{format!("{statements} statements")}</summary>
                <pre><code>{sql}</code></pre>
            </details>
        </div>
    }
}

//! The Leptos components of the page: the demo's results and the SQL log. They only lay out
//! what [`crate::demo`] returned, written with the helpers of [`crate::display`].

use leptos::prelude::*;
use orm::QueryEvent;

use crate::demo::{Book, DemoReport, DemoResult, PRICE_LIMIT};
use crate::display;

/// What the demo's ORM calls returned, or the error that stopped them.
#[component]
pub fn Outcome(report: RwSignal<DemoReport>) -> impl IntoView {
    view! {
        <section class="pane result" aria-labelledby="output-heading">
            <h2 id="output-heading">"Result"</h2>
            <div data-testid="output" class="output">
                {move || report.with(|r| match &r.outcome {
                    Ok(result) => results(result).into_any(),
                    Err(err) => view! {
                        <p class="error" data-testid="error" role="alert">{err.to_string()}</p>
                    }.into_any(),
                })}
            </div>
        </section>
    }
}

fn results(result: &DemoResult) -> impl IntoView {
    let books = result.cheap_books.iter().map(book).collect_view();
    let updated = result.updated.as_ref().map(|b| {
        view! {
            <p class="note">
                "Updated " <cite>{b.title.clone()}</cite> " to price "
                <code>{display::price(&b.price)}</code> " with " <code>"instance.update()"</code> "."
            </p>
        }
    });
    view! {
        <p class="caption">
            <code>"Book.findAll"</code> " — price below " {PRICE_LIMIT.to_string()} ", cheapest first:"
        </p>
        <ol class="books" data-testid="titles">{books}</ol>
        {updated}
        <p class="note">
            <code>"Book.count()"</code> " returned " <strong data-testid="count">{result.count}</strong> "."
        </p>
    }
}

fn book(book: &Book) -> impl IntoView {
    view! {
        <li class="book">
            <span class="title" data-testid="title">{book.title.clone()}</span>
            <span class="author">{book.author.clone()}</span>
            <span class="price">{display::price(&book.price)}</span>
        </li>
    }
}

/// Every statement that ran, oldest first.
#[component]
pub fn SqlLog(report: RwSignal<DemoReport>) -> impl IntoView {
    let count = move || report.with(|r| display::statement_count(r.events.len()));
    let entries = move || report.with(|r| r.events.iter().map(entry).collect_view());
    view! {
        <section class="pane" aria-labelledby="log-heading">
            <h2 id="log-heading">
                "SQL log" <span class="badge" data-testid="statement-count">{count}</span>
            </h2>
            <ol class="sql-log" data-testid="sql-log">{entries}</ol>
        </section>
    }
}

fn entry(event: &QueryEvent) -> impl IntoView {
    // Without parameters the inlined statement is the SQL itself: no need to show it twice.
    let inlined = (!event.params.is_empty()).then(|| {
        view! {
            <div class="detail inlined">
                <span class="label">"inlined"</span>
                <code data-testid="inlined">{event.inlined_sql()}</code>
            </div>
        }
    });
    view! {
        <li
            class=format!("entry {}", display::kind_class(event.kind))
            class:failed=event.failed
            data-testid="sql-entry"
        >
            <div class="meta">
                <span class="seq">"#" {event.id}</span>
                <span class="origin">{display::origin(event)}</span>
                <span class="rows">{display::rows(event)}</span>
                <span class="ms">{display::duration(event.duration)}</span>
            </div>
            <pre class="sql" data-testid="sql">{event.sql.clone()}</pre>
            <div class="detail params">
                <span class="label">"params"</span>
                <code data-testid="params">{display::params(&event.params)}</code>
            </div>
            {inlined}
        </li>
    }
}

//! The SQL log: the filter chips and the text search, then the recent runs newest first, each a
//! `<details>` with its counts and a virtualised list of its statements — only the rows on
//! screen are in the DOM, so a run of 100,000 statements scrolls as one of ten. The run in
//! progress is drawn live from the statements the worker streams. Which statements pass, and
//! which rows are on screen, is decided by [`crate::sql_log`]; this draws them.

use leptos::ev::Event;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::lens::{Dialect, DIALECTS};
use crate::panes::RunEntry;
use crate::report::{Marks, Query};
use crate::sql_log::{
    millis, shown, statements, visible_rows, Filter, Narrowing, FILTERS, ROW_HEIGHT, VIEWPORT_HEIGHT,
};

/// The run in progress: what the worker has streamed of it so far.
#[derive(Debug, Clone, Default)]
pub struct LiveRun {
    /// The number it will have in the log.
    pub number: u32,
    /// What runs.
    pub label: String,
    /// Its statements so far.
    pub queries: Vec<Query>,
}

/// The runs the log draws and what narrows them: one copy, shared by the log, its groups and
/// the editor's gutter (`provide_context`).
#[derive(Clone, Copy)]
pub struct LogState {
    /// The finished runs, oldest first.
    pub runs: RwSignal<Vec<RunEntry>>,
    /// The run in progress.
    pub live: RwSignal<Option<LiveRun>>,
    /// The kind chip.
    pub filter: RwSignal<Filter>,
    /// The text search.
    pub search: RwSignal<String>,
    /// A line of the learner's code clicked in the gutter: `(run number, line)`.
    pub line: RwSignal<Option<(u32, u32)>>,
    /// The dialect the rows show ([`crate::lens`]).
    pub dialect: RwSignal<Dialect>,
    /// The time-travel step shown: `(run number, call id)`; its statements are highlighted. (The
    /// type of `line`: each signal type is code of its own in the wasm.)
    pub step: RwSignal<Option<(u32, u32)>>,
}

impl LogState {
    /// Calls `f` with the statements of run `number` and their marks (none yet for a live run).
    pub fn with_run<R>(&self, number: u32, f: impl FnOnce(&[Query], &[Marks]) -> R) -> Option<R> {
        if self.runs.with(|runs| runs.iter().any(|e| e.number == number)) {
            return self
                .runs
                .with(|runs| runs.iter().find(|e| e.number == number).map(|e| f(&e.report.queries, &e.marks)));
        }
        self.live.with(|live| live.as_ref().filter(|l| l.number == number).map(|l| f(&l.queries, &[])))
    }

    /// The number of the run in progress.
    fn live_number(&self) -> Option<u32> {
        self.live.with(|l| l.as_ref().map(|l| l.number))
    }

    /// The number of the newest run (live or finished).
    fn newest(&self) -> Option<u32> {
        self.live_number().or_else(|| self.runs.with(|r| r.last().map(|e| e.number)))
    }

    /// The number of the latest run of the learner's code (live or finished).
    pub fn latest_code_run(&self) -> Option<u32> {
        self.live_number().or_else(|| self.runs.with(|r| r.iter().rev().find(|e| e.is_code_run()).map(|e| e.number)))
    }
}

/// The SQL log pane.
#[component]
pub fn SqlLog() -> impl IntoView {
    let state = expect_context::<LogState>();
    // Newest first: the live run, then the finished ones.
    let numbers = move || {
        let mut numbers: Vec<u32> = state.runs.with(|r| orm::collect::map_vec(r.iter().rev(), |e| e.number));
        if let Some(n) = state.live_number() {
            if !numbers.contains(&n) {
                numbers.insert(0, n);
            }
        }
        numbers
    };
    let chips = FILTERS
        .iter()
        .map(|&(filter, value, label)| {
            view! {
                <button class="chip" class:active=move || state.filter.get() == filter
                    aria-pressed=move || (state.filter.get() == filter).to_string()
                    data-action="filter" data-value=value
                    on:click=move |_| state.filter.set(filter)>{label}</button>
            }
        })
        .collect_view();
    // The same chips choose the dialect the rows show; an opened statement shows all three.
    let dialect_chips = DIALECTS
        .iter()
        .map(|&(dialect, value, label)| {
            view! {
                <button class="chip" class:active=move || state.dialect.get() == dialect
                    aria-pressed=move || (state.dialect.get() == dialect).to_string()
                    data-testid="dialect-chip" data-value=value
                    on:click=move |_| state.dialect.set(dialect)>{label}</button>
            }
        })
        .collect_view();
    let line_chip = move || {
        state.line.get().map(|(_, line)| {
            view! {
                <button class="chip active" data-testid="line-filter" aria-label=format!("Show every line's statements (now line {line})")
                    on:click=move |_| state.line.set(None)>{format!("line {line} ✕")}</button>
            }
        })
    };
    view! {
        <section class="pane" aria-labelledby="sql-log-title">
            <h2 id="sql-log-title">"SQL log"</h2>
            <div class="filters" role="group" aria-label="Which statements">
                {chips}
                {line_chip}
                <input type="search" class="search" data-testid="sql-search" placeholder="Search the SQL"
                    aria-label="Search the SQL" bind:value=state.search />
            </div>
            <div class="filters" role="group" aria-label="Which dialect: what SQLite ran, or what Sequelize would send to PostgreSQL or MySQL">
                {dialect_chips}
            </div>
            <div data-testid="sql-log">
                <Show when=move || state.runs.with(Vec::is_empty) && state.live.with(Option::is_none)>
                    <p class="note">"The statements of each run appear here."</p>
                </Show>
                <For each=numbers key=|n| *n let:number>
                    <RunGroup number />
                </For>
            </div>
        </section>
    }
}

/// One run: its heading and the virtualised list of its statements that pass the filters.
#[component]
fn RunGroup(number: u32) -> impl IntoView {
    let state = expect_context::<LogState>();
    let label = move || {
        let finished = state.runs.with(|r| r.iter().find(|e| e.number == number).map(|e| e.label.clone()));
        finished.or_else(|| state.live.with(|l| l.as_ref().map(|l| l.label.clone()))).unwrap_or_default()
    };
    let is_live = move || state.runs.with(|r| !r.iter().any(|e| e.number == number));
    let counts = Memo::new(move |_| {
        state
            .with_run(number, |queries, _| (queries.len(), queries.iter().filter(|q| q.is_read()).count()))
            .unwrap_or((0, 0))
    });
    let heading = move || {
        let (total, reads) = counts.get();
        let so_far = if is_live() { " so far…" } else { "" };
        format!("{}, {reads} SELECT{}{so_far}", statements(total), if reads == 1 { "" } else { "s" })
    };
    let narrowing = move || Narrowing {
        filter: Some(state.filter.get()),
        search: state.search.get(),
        dialect: state.dialect.get(),
        line: state.line.get().filter(|(run, _)| *run == number).map(|(_, line)| line),
    };
    let passing = Memo::new(move |_| {
        let narrowing = narrowing();
        state.with_run(number, |queries, marks| shown(queries, marks, &narrowing)).unwrap_or_default()
    });
    let scroll_top = RwSignal::new(0_usize);
    let selected = RwSignal::new(None::<u32>);
    // Rows are drawn whole: keyed by position, run state (its marks come when it ends),
    // selection and dialect, so a row changes only by being replaced and holds no effects of its own.
    let rows = move || {
        let range = visible_rows(scroll_top.get(), passing.with(Vec::len));
        let (finished, chosen, dialect) = (!is_live(), selected.get(), state.dialect.get());
        passing.with(|p| orm::collect::map_vec(&p[range], |&i| (i, finished, chosen == Some(i), dialect)))
    };
    let first_row = move || visible_rows(scroll_top.get(), passing.with(Vec::len)).start;
    let on_scroll = move |ev: Event| {
        if let Some(element) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            scroll_top.set(element.scroll_top().max(0) as usize);
        }
    };
    let shown_count = move || passing.with(Vec::len);
    // The newest run is open and the page closes the one before when a run comes, unless the
    // learner opened or closed it themselves (a click on its summary): then it stays as they left it.
    let touched = StoredValue::new(false);
    let open = RwSignal::new(true);
    Effect::new(move |_| {
        let is_newest = state.newest() == Some(number);
        if !touched.get_value() {
            open.set(is_newest);
        }
    });
    // A time-travel step of this run: its first statement is scrolled into the list's view.
    Effect::new(move |_| {
        let Some((run, call)) = state.step.get().filter(|(run, _)| *run == number) else { return };
        let row = state.with_run(run, |queries, _| {
            passing.with_untracked(|p| {
                p.iter().position(|&i| queries.get(i as usize).is_some_and(|q| q.call == u64::from(call)))
            })
        });
        let selector = format!("[data-run=\"{number}\"] .sql-viewport");
        if let (Some(Some(row)), Ok(Some(viewport))) = (row, document().query_selector(&selector)) {
            viewport.set_scroll_top((row.saturating_sub(1) * ROW_HEIGHT) as i32);
        }
    });
    let on_toggle = move |ev: Event| {
        if let Some(details) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
            open.set(details.open());
        }
    };
    view! {
        <details class="run-group" data-testid="run-group" data-run=number data-live=is_live
            prop:open=move || open.get() on:toggle=on_toggle>
            <summary on:click=move |_| touched.set_value(true)>
                {format!("Run {number} · ")}{label}" — "
                <strong data-testid="statement-count">{heading}</strong>
            </summary>
            <p class="note" data-testid="shown-count" data-shown=shown_count
                class:hidden=move || shown_count() == counts.get().0>
                {move || format!("{} shown", shown_count())}
            </p>
            <div class="sql-viewport" data-testid="sql-viewport" tabindex="-1" role="region"
                aria-label=format!("Statements of run {number}")
                style=move || format!("height: {}px", (shown_count() * ROW_HEIGHT).min(VIEWPORT_HEIGHT))
                on:scroll=on_scroll>
                <ol class="sql-log" style=move || {
                    let rows = shown_count() * ROW_HEIGHT;
                    format!("height: {rows}px; padding-top: {}px", first_row() * ROW_HEIGHT)
                }>
                    <For each=rows key=|row| *row let:row>
                        <Entry number index=row.0 is_selected=row.2 dialect=row.3 selected />
                    </For>
                </ol>
            </div>
            {move || selected.get().map(|index| view! { <Detail number index selected /> })}
        </details>
    }
}

/// One statement's row: its number, origin, marks, rows and time, and the SQL on one line; a
/// button, so a click, Enter or Space opens it in full below the list.
#[component]
fn Entry(
    number: u32,
    index: u32,
    is_selected: bool,
    dialect: Dialect,
    selected: RwSignal<Option<u32>>,
) -> impl IntoView {
    let state = expect_context::<LogState>();
    let found = state.with_run(number, |queries, marks| {
        queries.get(index as usize).map(|q| (q.clone(), marks.get(index as usize).copied().unwrap_or_default()))
    });
    let Some((q, mark)) = found.flatten() else {
        return ().into_any();
    };
    let rows = if q.kind_class() == "write" { format!("{} changed", q.rows) } else { format!("{} rows", q.rows) };
    let mut class = format!("entry {}", q.kind_class());
    for (on, name) in [(mark.flagged, " flagged"), (q.failed, " failed"), (is_selected, " selected")] {
        if on {
            class.push_str(name);
        }
    }
    let tag = |on: bool, text: &'static str, extra: &'static str| on.then(|| view! { <span class=extra>{text}</span> });
    let call = u32::try_from(q.call).unwrap_or(u32::MAX);
    view! {
        <li class=class class:in-step=move || state.step.get() == Some((number, call)) data-testid="sql-entry" data-query-id=q.id>
            <button class="row" aria-expanded=is_selected.to_string()
                on:click=move |_| selected.set(if is_selected { None } else { Some(index) })>
                <span class="meta">
                    <span class="seq">{format!("#{}", q.id)}</span>
                    <span class="origin">{q.origin()}</span>
                    {q.line.map(|l| view! { <span class="line-ref">{format!("line {l}")}</span> })}
                    {tag(mark.flagged, "⚠ warned", "tag warned")}
                    {tag(mark.duplicate, "duplicate", "tag")}
                    {tag(q.failed, "✗ failed", "tag")}
                    <span class="row-count">{rows}</span>
                    <span class="ms">{millis(q.ms)}</span>
                </span>
                <span class="sql lens" data-testid="sql" data-dialect=DIALECTS.iter().find(|d| d.0 == dialect).map_or("", |d| d.1)
                    inner_html=crate::lens::row_html(&q, dialect)></span>
            </button>
        </li>
    }
    .into_any()
}

/// The selected statement in full: the SQL wrapped, its parameters and the SQL with them inlined.
#[component]
fn Detail(number: u32, index: u32, selected: RwSignal<Option<u32>>) -> impl IntoView {
    let state = expect_context::<LogState>();
    let Some(q) = state.with_run(number, |queries, _| queries.get(index as usize).cloned()).flatten() else {
        return ().into_any();
    };
    let params = (!q.params.is_empty()).then(|| {
        view! {
            <div class="detail"><span class="label">"params"</span><code data-testid="params">{format!("[{}]", q.params.join(", "))}</code></div>
            <div class="detail"><span class="label">"inlined"</span><code data-testid="inlined">{q.inlined.clone()}</code></div>
        }
    });
    let plan = (!q.plan.is_empty()).then(|| {
        view! {
            <div class="detail"><span class="label">"plan"</span><ul class="plan" data-testid="plan" inner_html=crate::sql_log::plan_html(&q.plan)></ul></div>
        }
    });
    view! {
        <div class="statement" data-testid="statement-detail" role="region" aria-label=format!("Statement #{}", q.id)>
            <div class="meta">
                <span class="seq">{format!("#{}", q.id)}</span>
                <span class="origin">{q.origin()}</span>
                <button class="close" aria-label="Close the statement" on:click=move |_| selected.set(None)>"✕"</button>
            </div>
            <pre class="sql full">{q.sql.clone()}</pre>
            {params}
            <div class="detail"><span class="label">"dialects"</span><div class="lens-all" data-testid="dialects" inner_html=crate::lens::all_html(&q)></div></div>
            {plan}
        </div>
    }
    .into_any()
}

//! The page's header: the title, the lesson picker, and the buttons that act on the whole page —
//! Run (disabled while a run goes), Stop (enabled only then), Share, Export and Import. Drawn
//! once: a run changes the buttons' state, never the elements, so the keyboard focus stays.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::lessons::LESSONS;

/// What the header's controls do, for the page to decide.
#[derive(Clone, Copy)]
pub struct HeaderActions {
    /// A lesson picked (its id).
    pub pick: Callback<String>,
    /// Run.
    pub run: Callback<()>,
    /// Stop.
    pub stop: Callback<()>,
    /// Share.
    pub share: Callback<()>,
    /// Export .sqlite.
    pub export: Callback<()>,
    /// Import .sqlite: the file input that holds the chosen file.
    pub import: Callback<web_sys::HtmlInputElement>,
}

/// The header.
#[component]
pub fn Header(lesson_id: RwSignal<String>, running: RwSignal<bool>, actions: HeaderActions) -> impl IntoView {
    let options = LESSONS
        .iter()
        .map(|l| view! { <option value=l.id data-lesson=l.id selected=move || lesson_id.get() == l.id>{l.title}</option> })
        .collect_view();
    view! {
        <header class="top">
            <h1>"ORM Playground"</h1>
            <p class="tagline">"Sequelize-style code on real SQLite, in your browser: every statement it runs, and the N+1 traps."</p>
            <div class="actions">
                <label class="picker">"Lesson "
                    <select data-testid="lesson-picker" prop:value=move || lesson_id.get()
                        on:change=move |ev| actions.pick.run(event_target_value(&ev))>{options}</select>
                </label>
                <button data-testid="run-button" class="run" disabled=move || running.get()
                    on:click=move |_| actions.run.run(())>{move || if running.get() { "Running…" } else { "Run" }}</button>
                <button data-testid="stop-button" class="stop" disabled=move || !running.get()
                    on:click=move |_| actions.stop.run(())>"Stop"</button>
                <button data-testid="share-button" class="share" on:click=move |_| actions.share.run(())>"Share"</button>
                <button data-testid="export-button" class="share" on:click=move |_| actions.export.run(())>"Export .sqlite"</button>
                <label class="share">"Import .sqlite"
                    <input type="file" accept=".sqlite,.sqlite3,.db" data-testid="import-file" class="visually-hidden"
                        on:change=move |ev| {
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                actions.import.run(input);
                            }
                        } />
                </label>
            </div>
        </header>
    }
}

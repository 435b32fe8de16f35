//! The page's header: the title, the lesson picker, and the buttons that act on the whole page —
//! Run (disabled while a run goes, and until the lessons are read), Stop (enabled only then),
//! Share, Export and Import. Drawn once: a run changes the buttons' state, never the elements, so
//! the keyboard focus stays. The picker lists the lessons read from their files, a ✓ on each
//! whose goal the learner has met.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::lessons::Lesson;

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

/// The header. Embedded (`?embed`, the stylesheet's `.embed`), only Run, Stop and a link to
/// the whole playground show.
#[component]
pub fn Header(
    lessons: RwSignal<Vec<Lesson>>,
    lesson_id: RwSignal<String>,
    goals_met: RwSignal<Vec<String>>,
    running: RwSignal<bool>,
    loaded: RwSignal<bool>,
    actions: HeaderActions,
) -> impl IntoView {
    let met = move |id: &str| goals_met.with(|m| m.iter().any(|g| g == id));
    // Each option's label follows the progress on its own. The list is drawn once the lessons are
    // read (it changes once per page load): a keyed <For/> here measured 0.9 KB more of wasm
    // for nothing to key.
    let option = move |l: Lesson| {
        let Lesson { id, title, .. } = l;
        let (picked_id, met_id) = (id.clone(), id.clone());
        let label = move || if met(&met_id) { format!("✓ {title}") } else { title.clone() };
        view! { <option value=id.clone() data-lesson=id selected=move || lesson_id.with(|p| *p == picked_id)>{label}</option> }
    };
    let progress =
        move || lessons.with(|all| format!("{} of {} goals met", all.iter().filter(|l| met(&l.id)).count(), all.len()));
    let whole = move || format!("./?lesson={}", lesson_id.get());
    view! {
        <header class="top">
            <h1 class="full-only">"ORM Playground"</h1>
            <p class="tagline full-only">"Sequelize-style code on real SQLite, in your browser: every statement it runs, and the N+1 traps."</p>
            <div class="actions">
                <label class="picker full-only">"Lesson "
                    <select data-testid="lesson-picker" prop:value=move || lesson_id.get()
                        on:change=move |ev| actions.pick.run(event_target_value(&ev))>
                        {move || lessons.get().into_iter().map(option).collect_view()}
                    </select>
                </label>
                <span class="progress full-only" data-testid="progress">{progress}</span>
                <button data-testid="run-button" class="run" disabled=move || running.get() || !loaded.get()
                    on:click=move |_| actions.run.run(())>{move || if running.get() { "Running…" } else { "Run" }}</button>
                <button data-testid="stop-button" class="stop" disabled=move || !running.get()
                    on:click=move |_| actions.stop.run(())>"Stop"</button>
                <button data-testid="share-button" class="share full-only" on:click=move |_| actions.share.run(())>"Share"</button>
                <button data-testid="export-button" class="share full-only" on:click=move |_| actions.export.run(())>"Export .sqlite"</button>
                <label class="share full-only">"Import .sqlite"
                    <input type="file" accept=".sqlite,.sqlite3,.db" data-testid="import-file" class="visually-hidden"
                        on:change=move |ev| {
                            if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                actions.import.run(input);
                            }
                        } />
                </label>
                <a class="share embed-only" data-testid="open-whole" href=whole target="_blank" rel="noopener">"Open in the ORM Playground ↗"</a>
            </div>
        </header>
    }
}

//! # playground — the ORM playground's browser UI
//!
//! For now a walking skeleton: on load, and on every press of Run, the `App` component runs
//! [`demo::run_demo`] on a fresh in-memory SQLite database in the page and shows what the ORM
//! returned and every statement that ran (its SQL with `?` placeholders, the bound parameters,
//! the statement with the parameters inlined, rows and duration).
//!
//! The demo script and the formatting of query events are plain Rust ([`demo`], [`display`]) and
//! are tested natively; the Leptos components exist only on `wasm32`.

pub mod demo;
pub mod display;

#[cfg(target_arch = "wasm32")]
mod view;

#[cfg(target_arch = "wasm32")]
pub use app::App;

#[cfg(target_arch = "wasm32")]
mod app {
    use leptos::prelude::*;

    use crate::demo::run_demo;
    use crate::view::{Outcome, SqlLog};

    /// The playground page: a header with the Run button, the demo's results and the SQL log.
    #[component]
    pub fn App() -> impl IntoView {
        let (run, set_run) = signal(1_u32);
        let report = RwSignal::new(run_demo());
        let rerun = move |_| {
            report.set(run_demo());
            set_run.update(|n| *n += 1);
        };

        view! {
            <header class="top">
                <h1>"ORM Playground"</h1>
                <p class="tagline">"A Sequelize-style ORM on real SQLite, running in your browser."</p>
                <div class="actions">
                    <button data-testid="run-button" class="run" on:click=rerun>"Run"</button>
                    <span class="run-count" data-testid="run-count">"Run " {run}</span>
                </div>
            </header>
            <main class="panes">
                <Outcome report=report />
                <SqlLog report=report />
            </main>
        }
    }
}

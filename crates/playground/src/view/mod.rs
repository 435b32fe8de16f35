//! The page, in Leptos: [`App`] holds the workspace (code and lesson), the recent runs and the
//! panes' small state, and provides the log's state ([`sql_log::LogState`]) to the components
//! that share it: the editor with its per-line statement counts ([`editor::Editor`]) and the
//! live, virtualised SQL log ([`sql_log::SqlLog`]). The other panes are still HTML text from
//! [`crate::panes`] and [`crate::html`] (plain Rust, tested natively), their clicks routed by
//! `data-action`. Code runs through `window.ormPlayground` (`page_api`), in the engine's worker.

mod editor;
mod header;
mod model_forms;
mod page_api;
mod results;
mod scaling;
mod sql_log;

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::lessons::{self, Lesson};
use crate::panes::{self, RunEntry};
use crate::report::Report;
use crate::rows::{self, RowAction};
use editor::Editor;
use header::{Header, HeaderActions};
use model_forms::ModelForms;
use scaling::Scaling;
use sql_log::{LiveRun, LogState, SqlLog};

/// How many runs the SQL log keeps.
const KEPT_RUNS: usize = 6;

/// The `data-action` and `data-value` of the clicked element (or its nearest ancestor with one).
fn action(ev: &MouseEvent) -> Option<(String, String)> {
    let element = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("[data-action]").ok()??;
    Some((element.get_attribute("data-action")?, element.get_attribute("data-value").unwrap_or_default()))
}

/// A property (`value`, `checked`) of the form field with this id; `undefined` when there is none.
#[inline(never)]
fn property(id: &str, name: &str) -> wasm_bindgen::JsValue {
    let element = document().get_element_by_id(id);
    element.and_then(|el| js_sys::Reflect::get(&el, &name.into()).ok()).unwrap_or_default()
}

/// The `value` of the form field with this id.
fn field(id: &str) -> String {
    property(id, "value").as_string().unwrap_or_default()
}

/// Time travel's control is redrawn with each step (HTML text): the focus goes back to the
/// control that had it, or to the slider when that one is now disabled (a step at either end).
fn refocus_travel() {
    let id = document().active_element().map(|e| e.id()).filter(|id| id.starts_with("travel-"));
    let Some(id) = id else { return };
    request_animation_frame(move || {
        for id in [id.as_str(), "travel-slider"] {
            if let Some(element) = document().get_element_by_id(id) {
                let _ = element.unchecked_ref::<web_sys::HtmlElement>().focus();
            }
            if document().active_element().is_some_and(|e| e.id() == id) {
                return;
            }
        }
    });
}

/// The latest run of the learner's code (not a click in the data panel or migrations view).
fn latest_code_run(runs: &[RunEntry]) -> Option<&Report> {
    runs.iter().rev().find(|e| e.is_code_run()).map(|e| &e.report)
}

/// The lessons and the id of the one picked.
#[derive(Clone, Copy)]
struct Picked {
    lessons: RwSignal<Vec<Lesson>>,
    id: RwSignal<String>,
}

impl Picked {
    /// The lesson picked (the first while the picked one is unknown). A copy, through one
    /// function: a generic `with` measured a copy of itself per caller in the wasm.
    fn get(self) -> Option<Lesson> {
        self.lessons.with(|all| self.id.with(|id| all.iter().find(|l| &l.id == id).or(all.first()).cloned()))
    }
}

/// The playground page.
#[component]
pub fn App() -> impl IntoView {
    // `?embed`: the compact layout for an <iframe> (lesson, editor, output, warnings, SQL log),
    // which neither reads nor saves the learner's workspace.
    let embed = page_api::param("embed").is_some();
    let lessons = RwSignal::new(Vec::<Lesson>::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let goals_met = RwSignal::new(page_api::goals_met());
    // Run waits for the lessons (read or failed): the code to run may be the lesson's.
    let loaded = RwSignal::new(false);
    let lesson_id = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let saved = if embed { None } else { page_api::load_workspace() };
    if let Some((id, text)) = saved.as_deref().and_then(|saved| saved.split_once('\n')) {
        lesson_id.set(id.to_owned());
        code.set(text.to_owned());
    }
    let runs = RwSignal::new(Vec::<RunEntry>::new());
    let live = RwSignal::new(None::<LiveRun>);
    let log = LogState {
        runs,
        live,
        filter: RwSignal::new(crate::sql_log::Filter::All),
        search: RwSignal::new(String::new()),
        line: RwSignal::new(None),
        dialect: RwSignal::new(crate::lens::Dialect::Sqlite),
        step: RwSignal::new(None),
    };
    provide_context(log);
    let running = RwSignal::new(false);
    let notice = RwSignal::new(String::new());
    let before_fix = RwSignal::new(None::<crate::report::ReadCost>);
    let table = RwSignal::new((0_usize, 0_usize));
    // The time-travel step shown (`None`: the last) of the latest run of the learner's code; an
    // `Option<u32>` as the log's selected row, a signal type the page already has.
    let travel = RwSignal::new(None::<u32>);
    // Shows step `step` and highlights its statements in the SQL log (they carry its call id).
    let show_step = move |step: Option<u32>| {
        travel.set(step);
        log.step.set(runs.with_untracked(|r| {
            let entry = r.iter().rev().find(|e| e.is_code_run())?;
            let call = entry.report.history.as_ref()?.call_at(step.map(|s| s as usize))?;
            Some((entry.number, u32::try_from(call).ok()?))
        }));
    };
    // The data panel's form: the row being edited, and what was typed (kept when a click fails).
    let row_form = RwSignal::new((None::<usize>, Vec::<String>::new()));
    let picked = Picked { lessons, id: lesson_id };

    // The workspace is saved by web/bridge.js (it watches the editor and the lesson picker).
    // The lessons come from their files; then `?lesson=` or a share link wins over the saved
    // workspace, which wins over the first lesson.
    spawn_local(async move {
        let (read, trouble) = lessons::read_all(page_api::lesson_files().await);
        problems.set(trouble);
        let known = |id: &str| read.iter().find(|l| l.id == id);
        let shared = match page_api::read_share_link().await {
            Some(Err(why)) => {
                notice.set(why);
                None
            }
            shared => shared.and_then(Result::ok),
        };
        let asked = page_api::param("lesson");
        let (pick, text) = if let Some((text, id)) = shared {
            notice.set("Opened the code from the share link.".into());
            (known(&id).or(read.first()), Some(text))
        } else if let Some(asked) = asked.filter(|id| saved.is_none() || lesson_id.get_untracked() != *id) {
            if known(&asked).is_none() {
                notice.set(format!("There is no lesson `{asked}`: here is the first one."));
            }
            (known(&asked).or(read.first()), None)
        } else if saved.is_some() {
            (known(&lesson_id.get_untracked()).or(read.first()), Some(code.get_untracked()))
        } else {
            (read.first(), None)
        };
        if let Some(pick) = pick {
            lesson_id.set(pick.id.clone());
            code.set(text.unwrap_or_else(|| pick.code.clone()));
        }
        lessons.set(read);
        loaded.set(true);
    });

    // A click in the data panel (`panel_code`) or the migrations view (`migration`) runs on the
    // engine the latest run left.
    let start_run =
        move |source: String, label: String, panel_code: Option<String>, migration: Option<&'static str>| {
            if running.get_untracked() {
                return;
            }
            running.set(true);
            let number = runs.with_untracked(|list| list.last().map_or(1, |e| e.number + 1));
            live.set(Some(LiveRun { number, label: label.clone(), queries: Vec::new() }));
            // A new run of the learner's code ends the line filter of the one before.
            if panel_code.is_none() && migration.is_none() {
                log.line.set(None);
            }
            spawn_local(async move {
                let keep = panel_code.is_some() || migration.is_some();
                let stream = move |batch: Vec<crate::report::Query>| {
                    live.update(|l| {
                        if let Some(l) = l.as_mut() {
                            l.queries.extend(batch);
                        }
                    });
                };
                let report = page_api::run(&source, keep, migration, !keep, stream).await;
                if report.error.is_none() {
                    row_form.set((None, Vec::new()));
                }
                // A run of the learner's code: progress, and the embedding page told.
                if let Some(lesson) = picked.get().filter(|_| !keep) {
                    let state = lesson.goal_state(&report);
                    if state.is_ok() && !goals_met.with_untracked(|met| met.contains(&lesson.id)) {
                        page_api::mark_goal_met(&lesson.id);
                        goals_met.update(|met| met.push(lesson.id.clone()));
                    }
                    page_api::tell_embedder(&lesson.id, state.is_ok(), state.err().as_deref());
                }
                let marks = report.marks();
                runs.update(|list| {
                    list.push(RunEntry { number, label, report, panel_code, migration, marks });
                    if list.len() > KEPT_RUNS {
                        list.remove(0);
                    }
                });
                if !keep {
                    show_step(None);
                }
                live.set(None);
                running.set(false);
            });
        };
    let run_code = move || {
        if !loaded.get_untracked() {
            return;
        }
        before_fix.set(None);
        let title = picked.get().map_or_else(|| "your code".into(), |l| l.title);
        start_run(code.get_untracked(), title, None, None);
    };
    // A models form's code: into the editor and run (the diagram and the tables follow the
    // code), or a notice saying what the form needs.
    let edit_code = move |edited: Option<String>| match edited {
        Some(edited) => {
            code.set(edited);
            run_code();
        }
        None => notice.set(
            "The forms need plain names (letters, digits, _ and $) and edit models written as \
             sequelize.define('Name', { … })."
                .into(),
        ),
    };
    // "Apply the fix and re-run": the lesson's fixed code, with the SELECT count before it kept.
    let apply_fix = Callback::new(move |()| {
        if let Some(fixed) = picked.get().and_then(|l| l.fixed) {
            before_fix.set(runs.with_untracked(|r| latest_code_run(r).map(Report::read_cost)));
            code.set(fixed.clone());
            start_run(fixed, "fixed version".to_owned(), None, None);
        }
    });
    // "Add the index and re-run": the advised `addIndex` right after the code's `sync`.
    let add_index = Callback::new(move |line: String| {
        if let Some(indexed) = crate::codegen::insert_after_sync(&code.get_untracked(), &line) {
            before_fix.set(runs.with_untracked(|r| latest_code_run(r).map(Report::read_cost)));
            code.set(indexed.clone());
            start_run(indexed, "with the index".to_owned(), None, None);
        }
    });
    let on_click = move |ev: MouseEvent| {
        let Some((action, value)) = action(&ev) else { return };
        match action.as_str() {
            "migration" => {
                let (action, label): (&'static str, &str) = match value.as_str() {
                    "dry-run" => ("dry-run", "migrations: dry run"),
                    "undo" => ("undo", "migrations: undo"),
                    _ => ("migrate", "migrations: run"),
                };
                start_run(String::new(), label.to_owned(), None, Some(action));
            }
            "table" => {
                table.set((value.parse().unwrap_or(0), 0));
                row_form.set((None, Vec::new()));
            }
            "page" => table.update(|t| t.1 = value.parse().unwrap_or(0)),
            // The step buttons (the slider has no data-value: `on_change` reads it).
            "travel" => {
                if let Ok(step) = value.parse() {
                    show_step(Some(step));
                    refocus_travel();
                }
            }
            "row-edit" | "row-cancel" => {
                let row = value.parse().ok().filter(|_| action == "row-edit");
                let values = row.and_then(|row| {
                    runs.with_untracked(|r| {
                        let (model, t) = rows::selected(&r.last()?.report, table.get_untracked().0)?;
                        Some(rows::values_of(model, t, row))
                    })
                });
                row_form.set((row, values.unwrap_or_default()));
            }
            "row-create" | "row-save" | "row-delete" => {
                let row = value.parse().unwrap_or(0);
                let action = match action.as_str() {
                    "row-create" => RowAction::Create,
                    "row-save" => RowAction::Update(row),
                    _ => RowAction::Destroy(row),
                };
                let ran = runs.with_untracked(|r| {
                    let (model, t) = rows::selected(&r.last()?.report, table.get_untracked().0)?;
                    let values: Vec<String> =
                        (0..rows::editable(model).count()).map(|i| field(&format!("row-field-{i}"))).collect();
                    Some((rows::row_code(model, t, action, &values)?, model.name.clone(), values))
                });
                if let Some((panel_code, model, values)) = ran {
                    row_form.update(|form| form.1 = values);
                    start_run(panel_code.clone(), format!("data panel: {model}"), Some(panel_code), None);
                }
            }
            _ => {}
        }
    };
    // The time-travel slider, moved (on release, or by a key): redrawn, so its focus is put back.
    let on_change = move |ev: leptos::ev::Event| {
        let Some(slider) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if slider.id() == "travel-slider" {
            show_step(slider.value().parse().ok());
            refocus_travel();
        }
    };
    let header = HeaderActions {
        pick: Callback::new(move |id: String| {
            lesson_id.set(id);
            if let Some(start) = picked.get().map(|l| l.code) {
                code.set(start);
            }
            before_fix.set(None);
        }),
        run: Callback::new(move |()| run_code()),
        stop: Callback::new(|()| page_api::stop()),
        share: Callback::new(move |()| {
            let (text, id) = (code.get_untracked(), lesson_id.get_untracked());
            spawn_local(async move {
                notice.set(match page_api::share_link(&text, &id).await {
                    Some(_) => "The address bar (and the clipboard) now hold a link with your code.".into(),
                    None => "This browser cannot make share links (no CompressionStream).".into(),
                });
            });
        }),
        export: Callback::new(move |()| {
            spawn_local(async move {
                notice.set(page_api::download_database().await.unwrap_or_else(|| "The export failed.".into()));
            })
        }),
        import: Callback::new(move |input: web_sys::HtmlInputElement| {
            spawn_local(async move {
                if let Some(message) = page_api::import_from(input.into()).await {
                    notice.set(message);
                }
            })
        }),
    };
    // The panes read the latest report in place (a run can hold 10,000 statements: no copies).
    let error_line = move || runs.with(|r| latest_code_run(r)?.error.as_ref()?.line);

    view! {
        <div class=if embed { "app embed" } else { "app" } on:click=on_click on:change=on_change>
            <Header lessons lesson_id goals_met running loaded actions=header />
            <p class="notice" role="status" data-testid="notice">{move || notice.get()}</p>
            <div class="lesson-problems" role="alert" data-testid="lesson-problems"
                inner_html=move || problems.with(|p| crate::lessons::problems_html(p))></div>
            <main class="layout">
                <div class="left">
                    <section class="pane lesson" data-testid="lesson">
                        {move || runs.with(|r| results::lesson_card(picked.get().as_ref(), latest_code_run(r), before_fix.get()))}
                    </section>
                    <Editor code run=header.run error_line=Signal::derive(error_line) />
                    <Scaling picked code runs running />
                    <section class="pane" aria-labelledby="warnings-title">
                        <h2 id="warnings-title">"Warnings"</h2>
                        <div data-testid="warnings">
                            {move || {
                                let apply = picked.get().is_some_and(|l| l.fixed.is_some()).then_some(apply_fix);
                                runs.with(|r| latest_code_run(r).map(|report| results::warnings(report, apply, add_index)))
                            }}
                        </div>
                    </section>
                    <section class="pane" aria-labelledby="output-title">
                        <h2 id="output-title">"Output"</h2>
                        <div class="output" data-testid="output">
                            {move || runs.with(|r| match latest_code_run(r) {
                                Some(report) => results::output(report).into_any(),
                                None => view! { <p class="note">"Press Run (Ctrl+Enter) to run the code."</p> }.into_any(),
                            })}
                        </div>
                    </section>
                </div>
                <div class="right">
                    // The migrations of the latest run that declared any.
                    <div class="full-only" inner_html=move || runs.with(|r| {
                        let latest = r.iter().rev().find_map(|e| e.report.migrations.as_ref());
                        latest.map(|m| m.html(running.get())).unwrap_or_default()
                    })></div>
                    <SqlLog />
                    <section class="pane full-only" data-testid="data-panel" inner_html=move || {
                        row_form.with(|(editing, values)| runs.with(|r| {
                            let panel_run = r.last().filter(|e| e.panel_code.is_some());
                            // Time travel first: the tables after any call of the latest code run.
                            let history = latest_code_run(r).and_then(|report| report.history.as_ref());
                            let mut html = crate::travel::pane_html(history, travel.get().map(|s| s as usize));
                            html.push_str(&panes::data(r.last().map(|e| &e.report), table.get(), *editing, values, panel_run));
                            html
                        }))
                    }></section>
                    <section class="pane full-only" data-testid="model-panel">
                        <div inner_html=move || runs.with(|r| panes::models(r.last().map(|e| &e.report)))></div>
                        <ModelForms code edited=Callback::new(edit_code) />
                    </section>
                </div>
            </main>
        </div>
    }
}

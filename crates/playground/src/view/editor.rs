//! The code editor: a text area over its highlighted copy, and a gutter with the line numbers,
//! the line of the run's error, and how many statements each line ran in the latest run — a
//! click on that count narrows the SQL log to them. Tab indents through the browser's own
//! editing command, so Ctrl+Z still undoes it.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::sql_log::LogState;
use crate::highlight::highlight;
use crate::sql_log::{line_counts, statements};

/// Tab in the editor: two spaces at the caret, inserted as typing would (the undo history
/// keeps it; setting the text area's value would wipe that history). `insertText` fires
/// `input`, which updates the code signal.
fn indent() {
    if let Ok(document) = document().dyn_into::<web_sys::HtmlDocument>() {
        let _ = document.exec_command_with_show_ui_and_value("insertText", false, "  ");
    }
}

/// The editor pane. `run` is what Ctrl+Enter does; `error_line` marks the run's error.
#[component]
pub fn Editor(code: RwSignal<String>, run: Callback<()>, error_line: Signal<Option<u32>>) -> impl IntoView {
    let state = expect_context::<LogState>();
    let line_count = move || code.with(|c| c.split('\n').count());
    let counts = Memo::new(move |_| {
        let lines = line_count();
        state
            .latest_code_run()
            .and_then(|run| state.with_run(run, |queries, _| line_counts(queries, lines)))
            .unwrap_or_default()
    });
    // Tab indents; Esc then Tab moves on to the next control (no keyboard trap).
    let tab_leaves = StoredValue::new(false);
    let on_keydown = move |ev: KeyboardEvent| {
        let key = ev.key();
        let plain = !ev.shift_key() && !ev.ctrl_key() && !ev.alt_key() && !ev.meta_key();
        if key == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            run.run(());
        } else if key == "Tab" && plain && !tab_leaves.get_value() {
            ev.prevent_default();
            indent();
        }
        tab_leaves.set_value(key == "Escape");
    };
    // Drawn whole when the code or the counts change (a few hundred lines at most).
    let gutter = move || {
        let (error, run) = (error_line.get(), state.latest_code_run());
        counts.with(|counts| {
            (1..=line_count() as u32)
                .map(|line| {
                    let count = counts.get(line as usize - 1).copied().unwrap_or(0);
                    let badge = (count > 0).then(|| {
                        let said = statements(count as usize);
                        view! {
                            <button class="line-count" data-testid="line-count" data-line=line
                                aria-label=format!("Line {line} ran {said}: show them in the SQL log")
                                title=format!("{said} from line {line}")
                                on:click=move |_| state.line.set(run.map(|run| (run, line)))>{count}</button>
                        }
                    });
                    let class = if error == Some(line) { "line-number error-line" } else { "line-number" };
                    view! { <div class="gutter-line">{badge}<span class=class aria-hidden="true">{line}</span></div> }
                })
                .collect_view()
        })
    };
    let highlighted = move || {
        code.with(|c| {
            let pieces = highlight(c)
                .into_iter()
                .map(|(kind, text)| match kind.class() {
                    Some(class) => view! { <span class=class>{text.to_owned()}</span> }.into_any(),
                    None => text.to_owned().into_any(),
                })
                .collect_view();
            // The last line shows even when empty.
            (pieces, "\n")
        })
    };
    view! {
        <section class="pane editor-pane">
            <div class="editor">
                <div class="gutter" data-testid="gutter">{gutter}</div>
                <div class="code-stack">
                    <pre class="code-layer" aria-hidden="true">{highlighted}</pre>
                    <textarea data-testid="editor" class="code-input" aria-label="JavaScript code" spellcheck="false"
                        autocapitalize="off" autocomplete="off" wrap="off"
                        prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev))
                        on:keydown=on_keydown></textarea>
                </div>
            </div>
            <p class="hint">"Ctrl+Enter (⌘+Enter) runs · Tab indents (Esc, then Tab, leaves the editor) · your code is saved in this browser · the number beside a line is how many statements it ran: click it to see them"</p>
        </section>
    }
}

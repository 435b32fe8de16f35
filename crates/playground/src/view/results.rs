//! What the latest run of the learner's code says: the lesson card with its goal's state, the
//! analyzer's warnings with their fixes (and "apply the fix and re-run" for a lesson that has
//! one), and the output — what the code printed and returned as foldable trees
//! ([`crate::printed`]), and the error with the learner's line.

use leptos::prelude::*;

use crate::lessons::{explanation_html, Lesson};
use crate::printed::{fold, Printed};
use crate::report::{ReadCost, Report};

/// The lesson card: title, explanation, the goal with its state after `latest` (and why it is
/// missed), and the SELECTs (count, full scans, time) before and after an applied fix.
pub fn lesson_card(lesson: Option<&Lesson>, latest: Option<&Report>, before_fix: Option<ReadCost>) -> impl IntoView {
    let state = lesson.zip(latest).map(|(lesson, r)| lesson.goal_state(r));
    let (mark, class, words) = match &state {
        None => ("○", "goal", " Goal: "),
        Some(Ok(())) => ("✓", "goal met", " Goal met: "),
        Some(Err(_)) => ("✗", "goal missed", " Goal not met yet: "),
    };
    let why = state.and_then(Result::err).map(|why| format!(" — {why}"));
    let before_after = before_fix.zip(latest.map(Report::read_cost)).map(|(before, after)| {
        view! { <p class="before-after" data-testid="before-after">{before.compared(after)}</p> }
    });
    let (title, explanation, goal) = match lesson {
        Some(l) => (l.title.clone(), explanation_html(&l.explanation), l.goal.clone()),
        None => ("Loading the lessons…".into(), String::new(), String::new()),
    };
    view! {
        <h2>{title}</h2>
        <div inner_html=explanation></div>
        <p class=class data-testid="goal"><span class="mark" aria-hidden="true">{mark}</span>{words}{goal}
            <span class="why" data-testid="goal-why">{why}</span></p>
        {before_after}
    }
}

/// The warnings of `report`, each with its explanation and fix as code; `apply` (a lesson with a
/// fixed version) adds the button that applies it and runs again, and `add_index` the button of
/// a missing index (given the fix's first line: the `addIndex` call).
pub fn warnings(report: &Report, apply: Option<Callback<()>>, add_index: Callback<String>) -> impl IntoView {
    if report.warnings.is_empty() {
        return view! { <p class="note ok-note" data-testid="no-warnings">"No warnings."</p> }.into_any();
    }
    report
        .warnings
        .iter()
        .map(|w| {
            let n = w.query_ids.len();
            let fix = w.fix.clone().map(|fix| view! { <pre class="fix"><code>{fix}</code></pre> });
            // A missing index's button adds the fix's `addIndex` line; the others apply the lesson's fix.
            let index = w.index_line();
            let button = (index.is_some() || apply.is_some()).then(|| {
                let (testid, label) = match index {
                    Some(_) => ("add-index", "Add the index and re-run"),
                    None => ("apply-fix", "Apply the fix and re-run"),
                };
                let index = index.map(str::to_owned);
                let click = move |_| match (&index, apply) {
                    (Some(line), _) => add_index.run(line.clone()),
                    (None, Some(apply)) => apply.run(()),
                    (None, None) => {}
                };
                view! { <button class="apply" data-testid=testid on:click=click>{label}</button> }
            });
            view! {
                <div class="warning" data-testid="warning" data-kind=w.kind.clone() role="note">
                    <div class="warning-head">
                        <span class="kind">{format!("⚠ {}", w.kind.to_ascii_uppercase())}</span>
                        <span>{format!("{n} statement{}", if n == 1 { "" } else { "s" })}</span>
                    </div>
                    <p>{w.message.clone()}</p>
                    {fix}
                    {button}
                </div>
            }
        })
        .collect_view()
        .into_any()
}

/// Printed text as folds: an open `<details>` per object or array.
fn printed_view(pieces: Vec<Printed>) -> Vec<AnyView> {
    pieces
        .into_iter()
        .map(|piece| match piece {
            Printed::Text(text) => text.into_any(),
            Printed::Fold { summary, newline, body } => {
                // The newline is hidden: a folded summary reads `{ …` on one line.
                let newline = newline.then(|| view! { <i hidden>"\n"</i> });
                view! { <details open><summary>{summary}{newline}</summary>{printed_view(body)}</details> }.into_any()
            }
        })
        .collect()
}

/// What `report`'s code printed (one `.line` per console call), what it returned, and its
/// error with the learner's line.
pub fn output(report: &Report) -> impl IntoView {
    let lines =
        report.output.iter().map(|entry| view! { <div class="line">{printed_view(fold(entry))}</div> }).collect_view();
    let result = report.result.as_ref().map(|result| {
        view! { <div class="line result" data-testid="result"><span class="label">"returned"</span>{printed_view(fold(result))}</div> }
    });
    let error = report.error.as_ref().map(|e| {
        let line = e.line.map(|l| format!("line {l}: ")).unwrap_or_default();
        view! { <div class="error" role="alert" data-testid="error">{format!("{line}{}: {}", e.name, e.message)}</div> }
    });
    let nothing = (report.output.is_empty() && report.result.is_none() && report.error.is_none())
        .then(|| view! { <p class="note">"(nothing printed)"</p> });
    view! { {lines}{result}{error}{nothing} }
}

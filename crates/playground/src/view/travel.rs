//! The time-travel pane: a step control (previous / next / slider, "step k of n: User.create")
//! over the latest run of the learner's code, the tables after that step with its rows marked
//! (HTML text from [`crate::travel`], tested natively), and the step's statements highlighted in
//! the SQL log through [`LogState::step`].

use leptos::prelude::*;

use super::sql_log::LogState;
use crate::travel::History;

/// The time-travel pane.
#[component]
pub fn TimeTravel() -> impl IntoView {
    let log = expect_context::<LogState>();
    // The latest run of the learner's code: its number and its history's steps.
    let latest = Memo::new(move |_| {
        log.runs.with(|r| {
            let entry = r.iter().rev().find(|e| e.is_code_run())?;
            Some((entry.number, entry.report.history.as_ref().map_or(0, |h| h.steps.len())))
        })
    });
    let steps = move || latest.get().map_or(0, |(_, n)| n);
    let with_history = move |f: &dyn Fn(&History) -> String| {
        let number = latest.get()?.0;
        log.runs.with(|r| r.iter().find(|e| e.number == number)?.report.history.as_ref().map(f))
    };
    let step = RwSignal::new(0_usize);
    // A new run shows its last step: the tables as the code left them.
    Effect::new(move |_| step.set(steps().saturating_sub(1)));
    // The step's statements are highlighted in the log: they carry its call id.
    Effect::new(move |_| {
        let at = step.get();
        let call = latest.get().and_then(|(number, _)| {
            log.runs.with(|r| {
                let h = r.iter().find(|e| e.number == number)?.report.history.as_ref()?;
                h.steps.get(at).map(|s| (number, s.call))
            })
        });
        log.step.set(call);
    });
    let caption = move || with_history(&|h| h.caption(step.get())).unwrap_or_default();
    let tables = move || with_history(&|h| h.step_html(step.get())).unwrap_or_default();
    let go = move |by: isize| step.update(|s| *s = s.saturating_add_signed(by).min(steps().saturating_sub(1)));
    view! {
        <section class="pane full-only" aria-labelledby="travel-title" data-testid="time-travel">
            <h2 id="travel-title">"Time travel"</h2>
            <p class="note" class:hidden=move || { steps() > 0 }>"After a run, each call that changed rows is a step here."</p>
            <div class="travel-controls" class:hidden=move || steps() == 0>
                <button data-testid="travel-prev" prop:disabled=move || step.get() == 0 on:click=move |_| go(-1)>"‹ previous"</button>
                <input type="range" min="0" max=move || steps().saturating_sub(1) data-testid="travel-slider"
                    aria-label="Step" prop:value=move || step.get().to_string()
                    on:input=move |ev| step.set(event_target_value(&ev).parse().unwrap_or(0)) />
                <button data-testid="travel-next" prop:disabled=move || { step.get() + 1 >= steps() } on:click=move |_| go(1)>"next ›"</button>
                <span class="travel-caption" role="status" data-testid="travel-caption">{caption}</span>
            </div>
            <div class="travel-tables" data-testid="travel-tables" inner_html=tables></div>
        </section>
    }
}

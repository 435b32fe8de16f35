//! "How it scales": for a lesson that declares its seed size, runs each version of the code —
//! the learner's, the learner's with the index the analyzer advised, the lesson's fix — at each
//! size, one run after another in the engine's worker (each run on a fresh database, and Stop
//! ends them as it ends any run), and draws the chart of [`crate::scaling`] as the points come.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{latest_code_run, page_api, Picked};
use crate::panes::RunEntry;
use crate::scaling::{chart_svg, Point, Series};

/// The chart's state: the sizes, the series so far, and whether the runs are over.
#[derive(Clone, Default)]
struct Chart {
    sizes: Vec<u32>,
    series: Vec<Series>,
    done: bool,
}

/// The pane, shown for a lesson with `scale:`.
#[component]
pub fn Scaling(
    picked: Picked,
    code: RwSignal<String>,
    runs: RwSignal<Vec<RunEntry>>,
    running: RwSignal<bool>,
) -> impl IntoView {
    let chart = RwSignal::new(None::<Chart>);
    // Another lesson: another chart.
    Effect::new(move |_| {
        picked.id.track();
        chart.set(None);
    });
    let start = move |_| {
        let Some(lesson) = picked.get() else { return };
        let Some(scale) = lesson.scale.clone() else { return };
        if running.get_untracked() {
            return;
        }
        let source = code.get_untracked();
        let mut versions = vec![("your code", source.clone())];
        // The index the latest run of the code was advised, after its `sync`.
        let advised = runs
            .with_untracked(|r| latest_code_run(r)?.warnings.iter().find_map(|w| w.index_line().map(str::to_owned)));
        if let Some(indexed) = advised.and_then(|line| crate::codegen::insert_after_sync(&source, &line)) {
            versions.push(("with the index", indexed));
        }
        if let Some(fixed) = lesson.fixed {
            versions.push(("the fix", fixed));
        }
        let series = versions.iter().map(|(label, _)| Series { label, points: Vec::new(), error: None }).collect();
        chart.set(Some(Chart { sizes: scale.sizes.clone(), series, done: false }));
        running.set(true);
        spawn_local(async move {
            'versions: for (i, (_, source)) in versions.iter().enumerate() {
                for &n in &scale.sizes {
                    let stopped =
                        |why: String| chart.update(|c| c.as_mut().map_or((), |c| c.series[i].error = Some(why)));
                    let Some(sized) = scale.with_size(source, n) else {
                        stopped(format!("the code has no `const {} = <a number>` line", scale.name));
                        continue 'versions;
                    };
                    let report = page_api::run(&sized, false, None, false, |_| {}).await;
                    if let Some(e) = &report.error {
                        stopped(format!("{} = {n}: {}: {}", scale.name, e.name, e.message));
                        if e.name == "StoppedError" || e.name == "TimeoutError" {
                            break 'versions;
                        }
                        continue 'versions;
                    }
                    chart.update(|c| c.as_mut().map_or((), |c| c.series[i].points.push(Point::of(n, &report))));
                }
            }
            chart.update(|c| c.as_mut().map_or((), |c| c.done = true));
            running.set(false);
        });
    };
    let sizes = move || picked.get().and_then(|l| l.scale).map(|s| format!("{} = {}", s.name, join(&s.sizes)));
    let state = move || chart.with(|c| c.as_ref().map_or("idle", |c| if c.done { "done" } else { "running" }));
    view! {
        <section class="pane scaling full-only" data-testid="scaling" hidden=move || sizes().is_none()>
            <h2>"How it scales"</h2>
            <p class="note">"Runs your code, your code with the advised index, and the lesson's fix with "
                {sizes} ", each on a fresh database, and draws their SELECTs and the time they took."</p>
            <button class="apply" data-testid="scale-run" on:click=start disabled=move || running.get()>"Run at each size"</button>
            <div data-testid="chart" data-state=state
                inner_html=move || chart.with(|c| c.as_ref().map(|c| chart_svg(&c.sizes, &c.series)).unwrap_or_default())></div>
        </section>
    }
}

fn join(sizes: &[u32]) -> String {
    sizes.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
}

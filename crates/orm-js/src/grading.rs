//! Grading a learner's code from Rust, for a test author's `wasm-bindgen-test` in a headless
//! browser: [`run`] runs JavaScript through the engine exactly as the playground does
//! (`window.ormPlayground.run`, installing the shell the first time) and gives the report as
//! JSON; [`grade`] also checks a goal written in the lessons' language ([`crate::goals`]) and
//! says which check was missed and why.
//!
//! ```ignore
//! #[wasm_bindgen_test]
//! async fn the_orders_load_in_two_queries() {
//!     let report = orm_js::grading::grade(LEARNER_CODE, "no error\nat most 2 selects\nno warning n+1").await;
//!     assert_eq!(report.err(), None);
//! }
//! ```
//!
//! `crates/orm-js/tests/grading.rs` is a whole example, run by the test command.

use js_sys::{Function, Promise, Reflect};
use serde_json::Value as Json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::goals::Goal;

/// `window.ormPlayground`, installing the shell when the page has none.
fn playground() -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let existing = Reflect::get(&global, &"ormPlayground".into())?;
    if existing.is_object() {
        return Ok(existing);
    }
    crate::install()?;
    Reflect::get(&global, &"ormPlayground".into())
}

/// Runs `code` on a fresh in-memory database and resolves to the report (`ENGINE.md`:
/// `output`, `error`, `queries`, `warnings`, `schema`, …) as JSON. `Err` only when the engine
/// itself could not be reached; an error of the learner's code is in the report's `error`.
pub async fn run(code: &str) -> Result<Json, JsValue> {
    let api = playground()?;
    let run: Function = Reflect::get(&api, &"run".into())?.dyn_into()?;
    let promise: Promise = run.call1(&api, &code.into())?.dyn_into()?;
    let report = JsFuture::from(promise).await?;
    let text = js_sys::JSON::stringify(&report)?.as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| JsValue::from_str(&format!("the report is not JSON: {e}")))
}

/// Runs `code` and checks `goal` (one check per line, see [`crate::goals`]): the report when
/// every check is met, else which check was missed and why (`at most 2 selects: 13 selects
/// ran; at most 2`), with the run's error when it had one.
pub async fn grade(code: &str, goal: &str) -> Result<Json, String> {
    let checks = Goal::parse(goal).map_err(|e| format!("the goal is malformed: {e}"))?.checks;
    let report = run(code).await.map_err(|e| format!("the engine could not run the code: {e:?}"))?;
    // `Goal::parse` skips the same blank lines: each check beside the line it was read from.
    let lines = goal.lines().map(str::trim).filter(|l| !l.is_empty());
    for (line, check) in lines.zip(&checks) {
        if let Err(why) = check.check(&report) {
            let error = report.get("error").filter(|e| e.is_object()).map(|e| {
                let field = |key: &str| e.get(key).and_then(Json::as_str).unwrap_or("").to_owned();
                format!(" (the run failed: {}: {})", field("name"), field("message"))
            });
            return Err(format!("{line}: {why}{}", error.unwrap_or_default()));
        }
    }
    Ok(report)
}

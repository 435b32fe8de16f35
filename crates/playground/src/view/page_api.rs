//! The page's side of `window.ormPlayground` (web/bridge.js): running code in the engine's
//! worker, stopping it, the saved workspace and share links. Thin calls through `js_sys`; every
//! failure becomes a report with an error or `None`, never a panic.

use js_sys::{Function, Promise, Reflect};
use serde_json::Value as Json;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::report::{Query, Report};

fn api() -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &"ormPlayground".into()).ok().filter(|v| v.is_object())
}

fn call(method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let api = api().ok_or_else(|| JsValue::from_str("window.ormPlayground is missing (web/bridge.js did not load)"))?;
    let function: Function = Reflect::get(&api, &method.into())?.dyn_into()?;
    function.apply(&api, &args.iter().collect())
}

async fn call_async(method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let promise: Promise = call(method, args)?.dyn_into()?;
    JsFuture::from(promise).await
}

/// A JavaScript value as JSON (`JSON.stringify`, then serde_json's parser, which the core
/// already links for JSON attributes; `Date`s become their ISO text).
fn to_json(value: &JsValue) -> Json {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| serde_json::from_slice(s.as_bytes()).ok())
        .unwrap_or(Json::Null)
}

fn failed(message: String) -> Report {
    Report::from_json(&serde_json::json!({ "error": { "name": "PlaygroundError", "message": message } }))
}

/// Runs code in the engine's worker (on the engine the latest run left when `keep`; then
/// `migration` calls that run's migrator: `migrate`, `undo`, `dry-run`); a run that could not
/// even start is a report with an error. Each statement records the learner's line, its
/// query plan and what Sequelize would send for it on PostgreSQL and MySQL, and
/// `on_statements` gets them in batches while the run goes; with `history` the report has what
/// each call changed (time travel).
pub async fn run(
    code: &str,
    keep: bool,
    migration: Option<&str>,
    history: bool,
    on_statements: impl Fn(Vec<Query>) + 'static,
) -> Report {
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"keep".into(), &keep.into());
    let _ = Reflect::set(&options, &"history".into(), &history.into());
    let _ = Reflect::set(&options, &"lines".into(), &true.into());
    let _ = Reflect::set(&options, &"plans".into(), &true.into());
    let _ = Reflect::set(&options, &"dialects".into(), &true.into());
    if let Some(action) = migration {
        let _ = Reflect::set(&options, &"migration".into(), &action.into());
    }
    let streamed = Closure::<dyn Fn(JsValue)>::new(move |batch: JsValue| {
        on_statements(orm::collect::map_vec(to_json(&batch).as_array().into_iter().flatten(), Query::from_json));
    });
    let _ = Reflect::set(&options, &"onStatements".into(), streamed.as_ref());
    let report = match call_async("run", &[code.into(), options.into()]).await {
        Ok(report) => Report::from_json(&to_json(&report)),
        Err(err) => failed(format!("{err:?}")),
    };
    // The bridge calls it no more once the run has resolved.
    drop(streamed);
    report
}

/// Ends the run in progress (the worker is replaced by a fresh one).
pub fn stop() {
    let _ = call("stop", &[]);
}

/// The saved workspace text, if any.
pub fn load_workspace() -> Option<String> {
    call("loadWorkspace", &[]).ok().and_then(|v| v.as_string())
}

/// A link that carries the code (compressed) and the lesson in its fragment.
pub async fn share_link(code: &str, lesson: &str) -> Option<String> {
    call_async("shareLink", &[code.into(), lesson.into()]).await.ok().and_then(|v| v.as_string())
}

/// The code and lesson of the share link the page was opened with, or why it could not be read
/// (damaged, too large, not a share link).
pub async fn read_share_link() -> Option<Result<(String, String), String>> {
    let shared = to_json(&call_async("readShareLink", &[]).await.ok()?);
    if let Some(why) = shared.get("error").and_then(|e| e.as_str()) {
        return Some(Err(why.to_owned()));
    }
    Some(Ok((shared.get("code")?.as_str()?.to_owned(), shared.get("lesson")?.as_str()?.to_owned())))
}

/// Exports the latest run's database as a download; the text says what happened.
pub async fn download_database() -> Option<String> {
    call_async("downloadDatabase", &[]).await.ok().and_then(|v| v.as_string())
}

/// Imports the `.sqlite` file chosen in the file input `input`; the text says what happened.
pub async fn import_from(input: JsValue) -> Option<String> {
    call_async("importFrom", &[input]).await.ok().and_then(|v| v.as_string())
}

/// The lesson files `lessons/index.json` lists: each file's path and its text, or why it could
/// not be fetched (an index that does not read is one entry with its error).
pub async fn lesson_files() -> Vec<(String, Result<String, String>)> {
    let files = match call_async("lessonFiles", &[]).await {
        Ok(files) => to_json(&files),
        Err(err) => {
            return vec![("lessons/index.json".into(), Err(format!("the lessons could not be fetched: {err:?}")))]
        }
    };
    let field = |f: &Json, key: &str| f.get(key).and_then(Json::as_str).map(str::to_owned);
    let entry = |f: &Json| {
        let text = field(f, "text").ok_or_else(|| field(f, "error").unwrap_or_default());
        (field(f, "file").unwrap_or_default(), text)
    };
    orm::collect::map_vec(files.as_array().into_iter().flatten(), entry)
}

/// The page address's `?name=` value.
pub fn param(name: &str) -> Option<String> {
    call("param", &[name.into()]).ok().and_then(|v| v.as_string())
}

/// The lessons whose goal the learner has met in this browser.
pub fn goals_met() -> Vec<String> {
    let met = call("goalsMet", &[]).map(|v| to_json(&v)).unwrap_or_default();
    orm::collect::map_vec(met.as_array().into_iter().flatten().filter_map(Json::as_str), str::to_owned)
}

/// Keeps in the browser that the learner met this lesson's goal.
pub fn mark_goal_met(lesson: &str) {
    let _ = call("markGoalMet", &[lesson.into()]);
}

/// In an `<iframe>`: tells the embedding page whether the run met the lesson's goal.
pub fn tell_embedder(lesson: &str, met: bool, why: Option<&str>) {
    let why = why.map_or(JsValue::NULL, JsValue::from_str);
    let _ = call("tellEmbedder", &[lesson.into(), met.into(), why]);
}

//! # orm-js — the Sequelize-compatible JavaScript API over the ORM core
//!
//! Two layers (the contract between them is `ENGINE.md` beside this crate):
//!
//! - [`Engine`] (Rust, `#[wasm_bindgen]`): every decision — SQL, validation, hydration, change
//!   tracking, analysis — is made here, on an `orm::Database`. Methods are synchronous and take
//!   and return plain JavaScript values; instances are handles (numbers) into the engine's
//!   instance table.
//! - The shell (`js/shell/*.js`): `Sequelize`, `Model`, `DataTypes`, `Op`, error classes,
//!   instances with getters and setters, `async` methods and `window.ormPlayground.run`. It only
//!   normalises arguments and calls the engine.
//!
//! [`install`] evaluates the shell with a factory for engines; the page calls it at start-up.
//!
//! Inside the crate, each engine method is a method of `Core` on `serde_json` arguments that
//! returns a `Js` tree (plain Rust, tested natively), wrapped by a `#[wasm_bindgen]` method
//! that only converts. Nothing here panics: every failure is thrown to JavaScript as an error
//! object with Sequelize's `name`.

mod accessors;
mod convert;
mod eager;
mod engine;
mod errors;
mod events;
mod finders;
pub mod goals;
#[cfg(target_arch = "wasm32")]
pub mod grading;
mod handles;
mod history;
#[cfg(target_arch = "wasm32")]
mod host;
mod instances;
mod query;
mod schema;
mod writes;

#[cfg(test)]
#[path = "../compact_js.rs"]
mod compact_js;
pub mod contract;
#[cfg(test)]
mod tests;

use wasm_bindgen::prelude::*;

pub use engine::Engine;

/// The shell's source: the files of `js/shell/` in name order, concatenated and minified (or
/// compacted) by `build.rs`, evaluated by [`install`].
const SHELL: &str = include_str!(concat!(env!("OUT_DIR"), "/shell.js"));

/// Evaluates the JavaScript shell as `new Function('createEngine', source)` and calls it with a
/// function that returns a fresh [`Engine`]; the shell then defines `window.ormPlayground`.
/// Call it once at start-up (calling it again evaluates the shell again). Only works in a
/// JavaScript host (wasm32).
pub fn install() -> Result<(), JsValue> {
    let shell = js_sys::Function::new_with_args("createEngine", SHELL);
    let create = Closure::<dyn Fn() -> Result<JsValue, JsValue>>::new(|| Engine::new().map(JsValue::from));
    let result = shell.call1(&JsValue::UNDEFINED, create.as_ref());
    // The shell keeps the factory for later runs: it must outlive this call.
    create.forget();
    result.map(|_| ())
}

//! What the core borrows from the JavaScript host in the browser, installed by [`install`] when
//! an engine is created:
//! - the regex engine for `is` / `not` validators: JavaScript's own `RegExp`, the engine
//!   validator.js uses under Sequelize, so every pattern a learner writes (lookarounds,
//!   backreferences, `\p{…}`, every flag) means exactly what it means in Sequelize;
//! - upper- and lower-casing of non-ASCII text: `String.prototype.toUpperCase`/`toLowerCase`,
//!   so inflection and `isLowercase` match JavaScript exactly and the wasm needs no Unicode
//!   case tables;
//! - the value of decimal text (`'9.99'` for a `DECIMAL`, the `min`/`max` validators):
//!   `parseFloat`, so the wasm needs no float parser of its own.

use js_sys::{Array, JsString, Reflect, RegExp};
use orm::text::Case;
use orm::validate::Matcher;
use wasm_bindgen::{JsCast, JsValue};

/// Makes the core use the browser's `RegExp` and case mapping on this thread.
pub fn install() {
    orm::validate::set_regex_compiler(compile);
    orm::text::set_case_mapper(case);
    orm::number::set_number_parser(js_sys::parse_float);
}

/// `text.toLowerCase()` / `text.toUpperCase()`.
fn case(text: &str, case: Case) -> String {
    let text = JsString::from(text);
    match case {
        Case::Lower => text.to_lower_case(),
        Case::Upper => text.to_upper_case(),
    }
    .into()
}

/// `new RegExp(source, flags)`; a pattern JavaScript rejects gives its `SyntaxError` message.
fn compile(source: &str, flags: &str) -> Result<Matcher, String> {
    let constructor = js_sys::global()
        .dyn_into::<js_sys::Object>()
        .ok()
        .and_then(|global| Reflect::get(&global, &JsValue::from_str("RegExp")).ok())
        .and_then(|ctor| ctor.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| "this JavaScript host has no RegExp".to_owned())?;
    let args = Array::of2(&JsValue::from_str(source), &JsValue::from_str(flags));
    let regex: RegExp = Reflect::construct(&constructor, &args)
        .map_err(|err| {
            Reflect::get(&err, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "invalid regular expression".to_owned())
        })?
        .unchecked_into();
    // validator.js tests with `str.match(re)`, which starts at 0 whatever the `g`/`y` state.
    Ok(Box::new(move |text: &str| {
        regex.set_last_index(0);
        regex.test(text)
    }))
}

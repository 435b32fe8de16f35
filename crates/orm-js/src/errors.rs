//! Errors thrown to JavaScript: every failing engine method throws a plain object
//! `{ name, message, errors: [{ message, type, path, value, validatorKey }], sql }` with
//! Sequelize's `name` (`SequelizeValidationError`, …); the shell turns it into an instance of
//! the matching error class.
//!
//! Nothing here panics: a panic would kill the page, so every failure, including a handle the
//! shell got wrong, is one of these objects.

use orm::{Error, ErrorKind};
use wasm_bindgen::JsValue;

use crate::convert::Js;

/// The plain error object for an ORM error.
pub fn error_js(error: &Error) -> Js {
    let items = error
        .errors
        .iter()
        .map(|item| {
            Js::object([
                ("message", Js::from(item.message.as_str())),
                ("type", Js::from(item.kind)),
                ("path", Js::from(item.path.as_str())),
                ("value", Js::value(&item.value)),
                ("validatorKey", Js::from(item.validator_key.as_str())),
            ])
        })
        .collect();
    Js::object([
        ("name", Js::from(error.name())),
        ("message", Js::from(error.message.as_str())),
        ("errors", Js::Array(items)),
        ("sql", Js::opt_str(error.sql.as_deref())),
    ])
}

/// A plain error object with only a name and a message (and no items, no SQL).
pub fn error_object(name: &str, message: &str) -> Js {
    Js::object([
        ("name", Js::from(name)),
        ("message", Js::from(message)),
        ("errors", Js::Array(Vec::new())),
        ("sql", Js::Null),
    ])
}

/// The value thrown for an ORM error.
pub fn throw(error: &Error) -> JsValue {
    error_js(error).to_js()
}

/// A usage error (`name: 'Error'`): the call itself is wrong.
pub fn usage(message: impl Into<String>) -> Error {
    Error::usage(message)
}

/// The error for a handle that is not in the instance table (a bug in the shell, or a handle
/// kept across `reset()`).
pub fn unknown_handle(handle: u32) -> Error {
    Error::new(
        ErrorKind::Usage,
        format!("Unknown instance handle {handle}: the instance belongs to an engine that was reset"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use orm::{ValidationErrorItem, Value};
    use serde_json::json;

    #[test]
    fn validation_errors_keep_their_items() {
        let error = Error::validation(vec![ValidationErrorItem {
            message: "Book.title cannot be null".into(),
            kind: "notNull Violation",
            path: "title".into(),
            value: Value::Null,
            validator_key: "is_null".into(),
        }]);
        assert_eq!(
            error_js(&error).to_json(),
            json!({
                "name": "SequelizeValidationError",
                "message": "notNull Violation: Book.title cannot be null",
                "errors": [{"message": "Book.title cannot be null", "type": "notNull Violation", "path": "title", "value": null, "validatorKey": "is_null"}],
                "sql": null
            })
        );
    }

    #[test]
    fn usage_errors_are_plain_errors() {
        assert_eq!(error_js(&usage("bad")).to_json()["name"], json!("Error"));
        assert_eq!(error_js(&unknown_handle(7)).to_json()["message"].as_str().map(|m| m.contains("7")), Some(true));
    }
}

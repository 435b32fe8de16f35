//! Values as the ORM sees them: what a learner writes into an attribute and what a read gives
//! back, with the JavaScript types Sequelize gives (booleans, numbers, `Date`, parsed JSON).
//!
//! SQLite itself has five storage classes; [`Value`] is richer so that a `BOOLEAN` reads back as a
//! boolean and a `DATE` as a date. The conversion to and from SQLite's storage lives in
//! [`crate::types`], keyed by the attribute's data type.

use std::fmt;

/// A value of one attribute, one bound parameter or one column read.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// SQL `NULL`, JavaScript `null`.
    #[default]
    Null,
    /// A boolean (`BOOLEAN` columns are stored as 0/1 and read back as booleans).
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A string.
    Text(String),
    /// Raw bytes (`BLOB`).
    Blob(Vec<u8>),
    /// A point in time as milliseconds since the Unix epoch, like JavaScript's `Date`.
    Date(i64),
    /// A parsed JSON document (`JSON` columns), boxed so that every other value stays small.
    Json(Box<serde_json::Value>),
}

impl Value {
    /// True for [`Value::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The value as a number, when it is one (integers widen to floats).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// The value as a string slice, when it is text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The name of the value's type as a JavaScript learner would say it, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Int(_) | Value::Float(_) => "number",
            Value::Text(_) => "string",
            Value::Blob(_) => "Buffer",
            Value::Date(_) => "Date",
            Value::Json(_) => "object",
        }
    }

    /// The value as JavaScript's `String(value)` would write it; validators work on this text,
    /// as Sequelize's validator.js does.
    pub fn to_js_string(&self) -> String {
        match self {
            Value::Null => "null".to_owned(),
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => crate::number::format_js_number(*f),
            Value::Text(s) => s.clone(),
            Value::Blob(b) => String::from_utf8_lossy(b).into_owned(),
            Value::Date(ms) => crate::datetime::format_iso(*ms),
            Value::Json(j) => match &**j {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            },
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_js_string())
    }
}

macro_rules! from_impl {
    ($($t:ty => $variant:ident as $as:ty),* $(,)?) => {
        $(impl From<$t> for Value {
            fn from(v: $t) -> Self {
                Value::$variant(v as $as)
            }
        })*
    };
}
from_impl!(i32 => Int as i64, i64 => Int as i64, u32 => Int as i64, f64 => Float as f64, f32 => Float as f64);

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}
impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}
impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}
impl From<Vec<u8>> for Value {
    fn from(v: Vec<u8>) -> Self {
        Value::Blob(v)
    }
}
impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        Value::Json(Box::new(v))
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// The SQL literal of a value as Sequelize's SQLite dialect writes it (see [`crate::raw::inline_params`]).
pub fn sql_literal(value: &Value) -> String {
    match value {
        Value::Null => "NULL".to_owned(),
        Value::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::number::format_js_number(*f),
        Value::Text(s) => quote(s),
        Value::Blob(bytes) => {
            let mut out = String::with_capacity(bytes.len() * 2 + 3);
            out.push_str("X'");
            for b in bytes {
                out.push_str(&format!("{b:02x}"));
            }
            out.push('\'');
            out
        }
        Value::Date(ms) => quote(&crate::datetime::format_sqlite(*ms)),
        Value::Json(json) => quote(&json.to_string()),
    }
}

/// `'text'` with every `'` doubled.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

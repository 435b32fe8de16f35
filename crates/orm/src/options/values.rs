//! Values as the JavaScript shell hands them over (see the conventions in [`super`]), turned into
//! [`Value`]s and [`Record`]s, plus the small helpers every options parser here shares: the
//! tagged objects ([`Marker`]), option paths in messages, typed getters and the check that
//! refuses unknown option keys.
//!
//! Every error is a usage error whose message starts with the option path (`where.price`,
//! `include[0].as`) and says what was expected and what arrived.

use std::fmt::Display;

use serde_json::{Map, Number, Value as Json};

use crate::collect::try_map;
use crate::error::{Error, Result};
use crate::ident;
use crate::instance::Record;
use crate::value::Value;

/// A JSON object.
pub(crate) type Obj = Map<String, Json>;

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// The keys that tag an object as a JavaScript value JSON cannot carry.
const MARKER_KEYS: [&str; 14] = [
    "$date",
    "$number",
    "$bytes",
    "$fn",
    "$col",
    "$literal",
    "$model",
    "$regex",
    "$default",
    "$function",
    "$instance",
    "$undefined",
    "$where",
    "$cast",
];

/// Whether one of `obj`'s keys is a marker key. (Its keys are compared with the ten marker keys
/// rather than each marker key hashed and looked up: for the few keys of a row of values, that
/// cost more than the rest of reading the row.)
fn has_marker_key(obj: &Obj) -> bool {
    obj.keys().any(|k| k.starts_with('$') && MARKER_KEYS.contains(&k.as_str()))
}

/// A tagged object: a JavaScript value that JSON cannot carry as it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Marker<'a> {
    /// `{"$date": ms}`: a `Date`.
    Date(i64),
    /// `{"$bytes": [..]}`: a `Buffer` or `Uint8Array`.
    Bytes(Vec<u8>),
    /// `{"$number": "NaN" | "Infinity" | "-Infinity"}`: a number JSON cannot write.
    Number(f64),
    /// `{"$fn": name, "args": [..]}`: `sequelize.fn(name, ...args)`.
    Fn(&'a str, &'a [Json]),
    /// `{"$col": name}`: `sequelize.col(name)`.
    Col(&'a str),
    /// `{"$literal": sql}`: `sequelize.literal(sql)`.
    Literal(&'a str),
    /// `{"$model": name}`: a model class.
    Model(&'a str),
    /// `{"$regex": source, "flags": flags}`: a `RegExp`.
    Regex(&'a str, &'a str),
    /// `{"$default": "NOW"}`: `DataTypes.NOW` or `DataTypes.UUIDV4` as a default value.
    Default(&'a str),
    /// `{"$function": name}`: a JavaScript function.
    Function(&'a str),
    /// `{"$instance": handle}`: a model instance (the engine's handle).
    Instance,
    /// `{"$undefined": true}`: `undefined` where it must not be dropped silently (a `where`
    /// condition's value: dropping it would widen the condition, see `options::filter`).
    Undefined,
    /// `{"$where": {"left": expr, "op": key, "right": json}}`: `sequelize.where(…)`.
    Where(&'a Json),
    /// `{"$cast": expr, "type": "TEXT"}`: `sequelize.cast(expr, type)`.
    Cast(&'a Json, &'a str),
}

/// The marker `json` is, if it is one. An object with a marker key and anything unexpected
/// beside it is an error: the shell sent something malformed.
pub(crate) fn marker<'a>(path: &str, json: &'a Json) -> Result<Option<Marker<'a>>> {
    let Json::Object(obj) = json else { return Ok(None) };
    if !has_marker_key(obj) {
        return Ok(None);
    }
    let Some(key) = MARKER_KEYS.iter().find(|k| obj.contains_key(**k)) else { return Ok(None) };
    let inner = &obj[*key];
    let extra: &[&str] = match *key {
        "$fn" => &["args"],
        "$cast" => &["type"],
        "$regex" => &["flags"],
        _ => &[],
    };
    let malformed = || usage(path, format!("malformed {{\"{key}\": …}} value from the JavaScript shell: {json}"));
    if obj.keys().any(|k| k != key && !extra.contains(&k.as_str())) {
        return Err(malformed());
    }
    let text = |j: &'a Json| j.as_str().ok_or_else(malformed);
    Ok(Some(match *key {
        "$date" => {
            let ms = inner
                .as_f64()
                .filter(|f| f.is_finite() && f.fract() == 0.0)
                .ok_or_else(|| usage(path, "Invalid Date: the Date holds no time (its getTime() is NaN)".to_owned()))?;
            Marker::Date(ms as i64)
        }
        "$number" => Marker::Number(match inner.as_str() {
            Some("NaN") => f64::NAN,
            Some("Infinity") => f64::INFINITY,
            Some("-Infinity") => f64::NEG_INFINITY,
            _ => return Err(malformed()),
        }),
        "$bytes" => {
            let bytes = inner.as_array().ok_or_else(malformed)?;
            let bytes = try_map(bytes, |b| b.as_u64().and_then(|b| u8::try_from(b).ok()).ok_or(()));
            Marker::Bytes(bytes.map_err(|()| malformed())?)
        }
        "$fn" => {
            let args = match obj.get("args") {
                None => &[][..],
                Some(Json::Array(args)) => args.as_slice(),
                Some(_) => return Err(malformed()),
            };
            Marker::Fn(text(inner)?, args)
        }
        "$col" => Marker::Col(text(inner)?),
        "$literal" => Marker::Literal(text(inner)?),
        "$model" => Marker::Model(text(inner)?),
        "$regex" => Marker::Regex(text(inner)?, obj.get("flags").map_or(Ok(""), text)?),
        "$default" => Marker::Default(text(inner)?),
        "$instance" => Marker::Instance,
        "$undefined" => Marker::Undefined,
        "$where" => Marker::Where(inner),
        "$cast" => Marker::Cast(inner, obj.get("type").map_or(Err(malformed()), text)?),
        _ => Marker::Function(inner.as_str().unwrap_or("")),
    }))
}

/// A usage error `{path}: {message}`.
pub(crate) fn usage(path: &str, message: impl Display) -> Error {
    Error::usage(format!("{path}: {message}"))
}

/// A usage error `{path}: expected {what}; got {json}`.
pub(crate) fn expected(path: &str, what: &str, got: &Json) -> Error {
    usage(path, format!("expected {what}; got {}", describe(got)))
}

/// A JSON value as a learner would recognise it in a message.
pub(crate) fn describe(json: &Json) -> String {
    match json {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => number(n).to_js_string(),
        Json::String(s) => ident::printable(s),
        Json::Array(items) if items.is_empty() => "an empty array".into(),
        Json::Array(_) => "an array".into(),
        Json::Object(obj) => match marker("", json) {
            Ok(Some(Marker::Date(_))) => "a Date".into(),
            Ok(Some(Marker::Bytes(_))) => "a Buffer".into(),
            Ok(Some(Marker::Fn(name, _))) => format!("sequelize.fn({})", ident::printable(name)),
            Ok(Some(Marker::Col(name))) => format!("sequelize.col({})", ident::printable(name)),
            Ok(Some(Marker::Literal(sql))) => format!("sequelize.literal({})", ident::printable(sql)),
            Ok(Some(Marker::Model(name))) => format!("the model {name}"),
            Ok(Some(Marker::Regex(source, flags))) => format!("the RegExp /{source}/{flags}"),
            Ok(Some(Marker::Default(name))) => format!("DataTypes.{name}"),
            Ok(Some(Marker::Function(_))) => "a function".into(),
            Ok(Some(Marker::Instance)) => "a model instance".into(),
            Ok(Some(Marker::Undefined)) => "undefined".into(),
            Ok(Some(Marker::Where(_))) => "sequelize.where(…)".into(),
            Ok(Some(Marker::Cast(..))) => "sequelize.cast(…)".into(),
            _ if obj.is_empty() => "an empty object".into(),
            _ => {
                let keys: Vec<String> = crate::collect::map_vec(obj.keys().take(4), |k| key_display(k));
                let more = if obj.len() > 4 { ", …" } else { "" };
                format!("an object with keys {}{more}", keys.join(", "))
            }
        },
    }
}

/// A key as written in JavaScript: `$op:or` is `[Op.or]`, anything else its quoted name.
pub(crate) fn key_display(key: &str) -> String {
    match key.strip_prefix("$op:") {
        Some(op) => format!("[Op.{op}]"),
        None => ident::printable(key),
    }
}

/// The path of `key` inside `path`: `where.price`, `where[Op.or]`, `where["a b"]`.
pub(crate) fn child(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key.chars().count() <= 64
        && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        && !key.starts_with(|c: char| c.is_ascii_digit());
    match (path.is_empty(), key.strip_prefix("$op:")) {
        (_, Some(op)) => format!("{path}[Op.{op}]"),
        (true, None) if plain => key.to_owned(),
        (false, None) if plain => format!("{path}.{key}"),
        (_, None) => format!("{path}[{}]", ident::printable(key)),
    }
}

/// The path of item `i` of the array at `path`.
pub(crate) fn item(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// The object at `path`, or an error saying `what` was expected.
pub(crate) fn object<'a>(path: &str, json: &'a Json, what: &str) -> Result<&'a Obj> {
    match json {
        Json::Object(obj) if !has_marker_key(obj) => Ok(obj),
        other => Err(expected(path, what, other)),
    }
}

/// A boolean option.
pub(crate) fn boolean(path: &str, json: &Json) -> Result<bool> {
    json.as_bool().ok_or_else(|| expected(path, "true or false", json))
}

/// A string option.
pub(crate) fn string<'a>(path: &str, json: &'a Json) -> Result<&'a str> {
    json.as_str().ok_or_else(|| expected(path, "a string", json))
}

/// A whole number ≥ 0 (`limit`, `offset`).
pub(crate) fn count(path: &str, json: &Json) -> Result<u64> {
    match number_of(json) {
        Some(Value::Int(n)) if n >= 0 => Ok(n.unsigned_abs()),
        _ => Err(expected(path, "a whole number of 0 or more", json)),
    }
}

/// A number (`by` of increment).
pub(crate) fn float(path: &str, json: &Json) -> Result<f64> {
    number_of(json).and_then(|v| v.as_f64()).ok_or_else(|| expected(path, "a number", json))
}

fn number_of(json: &Json) -> Option<Value> {
    match json {
        Json::Number(n) => Some(number(n)),
        _ => None,
    }
}

/// A JSON number as a JavaScript number: a safe integer is [`Value::Int`], anything else
/// [`Value::Float`].
pub(crate) fn number(n: &Number) -> Value {
    if let Some(i) = n.as_i64() {
        return if i.unsigned_abs() <= MAX_SAFE_INTEGER.unsigned_abs() {
            Value::Int(i)
        } else {
            Value::Float(i as f64)
        };
    }
    let f = n.as_f64().unwrap_or(f64::NAN);
    if f.fract() == 0.0 && f.abs() <= MAX_SAFE_INTEGER as f64 {
        Value::Int(f as i64)
    } else {
        Value::Float(f)
    }
}

/// Refuses any key of `obj` that is not in `known`: keys in `unsupported` with the reason given
/// there, others as unknown options (with a suggestion when one is close). `context` names the
/// call (`findAll`, `include[0] of findAll`).
pub(crate) fn check_keys(obj: &Obj, context: &str, known: &[&str], unsupported: &[(&str, &str)]) -> Result<()> {
    for key in obj.keys() {
        if known.contains(&key.as_str()) {
            continue;
        }
        if let Some((_, why)) = unsupported.iter().find(|(k, _)| k == key) {
            let why = if why.is_empty() { String::new() } else { format!("; {why}") };
            return Err(Error::usage(format!("Option {} of {context} is not supported yet{why}", key_display(key))));
        }
        let close = known.iter().find(|k| close_to(key, k));
        let hint = close.map_or(String::new(), |k| format!(" (did you mean \"{k}\"?)"));
        return Err(Error::usage(format!(
            "Unknown option {} in {context}{hint}; the options are: {}",
            key_display(key),
            known.join(", ")
        )));
    }
    Ok(())
}

/// True when `a` is a likely typo of `b`: the same but for case, or at most two edits apart.
fn close_to(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() < 4 || a.len().abs_diff(b.len()) > 2 || a.len() > 64 {
        return false;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + usize::from(ca != cb));
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()] <= 2
}

/// A value with no structure of its own: null, a boolean, a number, a string, a `Date` or a
/// `Buffer`. `what` says what the value is for, in the error.
pub(crate) fn scalar(path: &str, json: &Json, what: &str) -> Result<Value> {
    Ok(match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => number(n),
        Json::String(s) => Value::Text(s.clone()),
        other => match marker(path, other)? {
            Some(Marker::Date(ms)) => Value::Date(ms),
            Some(Marker::Bytes(bytes)) => Value::Blob(bytes),
            Some(Marker::Number(f)) => Value::Float(f),
            Some(m) => return Err(not_a_value(path, &m, other)),
            None => return Err(expected(path, what, other)),
        },
    })
}

/// The error for a marker where a value belongs.
pub(crate) fn not_a_value(path: &str, marker: &Marker<'_>, json: &Json) -> Error {
    let why = match marker {
        Marker::Fn(..) | Marker::Col(_) | Marker::Literal(_) => {
            "SQL expressions cannot be used as values here; every value is bound as a parameter"
        }
        Marker::Function(_) => "functions cannot be stored or compared",
        Marker::Instance => "use the value of one of its attributes, such as its primary key",
        Marker::Undefined => "a variable or property that was never set? Use null to compare with NULL",
        _ => "this is not a value",
    };
    usage(path, format!("{} is not a value: {why}", describe(json)))
}

/// A value for an attribute as `create`, `update` and `defaultValue` take it: a scalar, or an
/// array or object for a `JSON` attribute (kept as [`Value::Json`], with `Date`s inside written
/// as ISO text and `Buffer`s as `{ type: 'Buffer', data }`, as `JSON.stringify` writes them).
pub fn value_from_json(json: &Json) -> Result<Value> {
    value_at("value", json)
}

pub(crate) fn value_at(path: &str, json: &Json) -> Result<Value> {
    match json {
        Json::Array(_) => Ok(Value::from(plain_json(path, json)?)),
        Json::Object(_) if marker(path, json)?.is_none() => Ok(Value::from(plain_json(path, json)?)),
        other => scalar(path, other, "a value"),
    }
}

/// A JSON document with markers written as `JSON.stringify` would write those values.
fn plain_json(path: &str, json: &Json) -> Result<Json> {
    Ok(match json {
        Json::Array(items) => Json::Array(try_map(items.iter().enumerate(), |(i, j)| plain_json(&item(path, i), j))?),
        Json::Object(obj) => match marker(path, json)? {
            Some(Marker::Date(ms)) => Json::String(crate::datetime::format_iso(ms)),
            Some(Marker::Number(_)) => Json::Null, // as JSON.stringify writes NaN and Infinity
            Some(Marker::Bytes(bytes)) => serde_json::json!({ "type": "Buffer", "data": bytes }),
            Some(m) => return Err(not_a_value(path, &m, json)),
            None => {
                let mut out = Obj::new();
                for (key, value) in obj {
                    if key.starts_with("$op:") {
                        return Err(usage(&child(path, key), "an operator cannot be part of a stored value"));
                    }
                    out.insert(key.clone(), plain_json(&child(path, key), value)?);
                }
                Json::Object(out)
            }
        },
        other => other.clone(),
    })
}

/// The values of `create`, `build`, `update` or one row of `bulkCreate`: an object from
/// attribute name to value (see [`value_from_json`]), in the order given.
pub fn record_from_json(json: &Json) -> Result<Record> {
    record_at("values", json)
}

pub(crate) fn record_at(path: &str, json: &Json) -> Result<Record> {
    let obj = object(path, json, "an object of attribute values such as { title: 'Dune' }")?;
    record_of(path, &mut obj.iter().map(|(key, value)| (key.as_str(), value)), obj.len())
}

/// A record of `(key, value)` pairs, each value read by [`value_at`].
fn record_of<'a>(path: &str, pairs: &mut dyn Iterator<Item = (&'a str, &'a Json)>, len: usize) -> Result<Record> {
    let mut record = Record::with_capacity(len);
    for (key, value) in pairs {
        if key.starts_with("$op:") {
            return Err(usage(&child(path, key), "operators belong in `where`, not among the values"));
        }
        record.insert(key.to_owned(), with_path(|at| value_at(at, value), || child(path, key))?);
    }
    Ok(record)
}

/// The rows of `bulkCreate`: an array of objects (see [`record_from_json`]), or rows that all
/// have the same keys as `{"$keys": [key, …], "$rows": [[value, …], …]}` (how the shell sends
/// them: one list of keys instead of one per row, which JSON reads in half the time).
pub fn records_from_json(json: &Json) -> Result<Vec<Record>> {
    let (keys, rows) = match (json, json.get("$keys"), json.get("$rows")) {
        (Json::Array(rows), ..) => (None, rows),
        (_, Some(Json::Array(keys)), Some(Json::Array(rows))) => (Some(keys), rows),
        _ => return Err(expected("records", "an array of objects", json)),
    };
    let read = |at: &str, row: &Json| match (keys, row) {
        (Some(keys), Json::Array(values)) if values.len() == keys.len() => {
            record_of(at, &mut keys.iter().map(|k| k.as_str().unwrap_or_default()).zip(values), keys.len())
        }
        // An object, or a compact row of the wrong length: the object's error says what a row is.
        _ => record_at(at, row),
    };
    try_map(rows.iter().enumerate(), |(i, row)| with_path(|at| read(at, row), || item("records", i)))
}

/// `read(path)`, with the path (which only error messages use) built only when reading fails:
/// building one for every value of a 10,000-row `bulkCreate` cost more than reading the values.
fn with_path<T>(read: impl Fn(&str) -> Result<T>, path: impl FnOnce() -> String) -> Result<T> {
    read("").or_else(|_| read(&path()))
}

//! Values crossing the boundary between the engine and JavaScript.
//!
//! Going in, every `*Json` argument is turned into a [`serde_json::Value`] with
//! serde-wasm-bindgen ([`from_js`]); `orm::options` reads the tagged forms the shell writes
//! (`{"$date": ms}`, `"$op:lt"` keys, …).
//!
//! Going out, results are first built as [`Js`], a plain Rust tree of what JavaScript will see,
//! so that every decision about a result's shape is ordinary Rust with native unit tests; only
//! [`Js::to_js`] touches `js_sys`. Attribute values become the JavaScript types Sequelize gives:
//! numbers, strings, booleans, `null`, `Date` objects, parsed objects for `JSON` and `Uint8Array`
//! for `BLOB`.
//!
//! Also here: the rows of `raw: true` reads and raw queries — values as SQLite stores them
//! (booleans as 0/1, dates as text), includes flattened into `'category.label'` keys, and
//! `nest: true`, which folds those keys back into objects.

use std::collections::HashMap;

use js_sys::{Array, Date, Object, Reflect, Uint8Array};
use orm::model::Model;
use orm::{Instance, Related, Value};
use serde_json::Value as Json;
use wasm_bindgen::JsValue;

/// A JavaScript value as the engine returns it, before it is built with `js_sys`.
#[derive(Debug, Clone, PartialEq)]
pub enum Js {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// A `Date` (milliseconds since the epoch).
    Date(i64),
    /// A `Uint8Array`.
    Bytes(Vec<u8>),
    /// A parsed JSON document (an object, array or scalar), built with `JSON.parse`.
    Json(Json),
    /// An array.
    Array(Vec<Js>),
    /// A plain object; keys keep this order (as far as JavaScript keeps insertion order).
    Object(Vec<(String, Js)>),
}

impl Js {
    /// An attribute value as JavaScript sees it.
    pub fn value(value: &Value) -> Js {
        match value {
            Value::Null => Js::Null,
            Value::Bool(b) => Js::Bool(*b),
            Value::Int(i) => Js::Num(*i as f64),
            Value::Float(f) => Js::Num(*f),
            Value::Text(s) => Js::Str(s.clone()),
            Value::Blob(b) => Js::Bytes(b.clone()),
            Value::Date(ms) => Js::Date(*ms),
            Value::Json(j) => Js::Json((**j).clone()),
        }
    }

    /// An object from key/value pairs.
    pub fn object<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Js)>) -> Js {
        Js::Object(orm::collect::map_vec(pairs, |(k, v)| (k.into(), v)))
    }

    /// An array of `f` of each item: `Js::Array(items.map(f).collect())` as a plain loop, without
    /// the adapter code `collect` instantiates per call site.
    pub fn list<T>(items: impl IntoIterator<Item = T>, mut f: impl FnMut(T) -> Js) -> Js {
        let mut out = Vec::new();
        for item in items {
            out.push(f(item));
        }
        Js::Array(out)
    }

    /// A string, or `null` when there is none.
    pub fn opt_str(s: Option<&str>) -> Js {
        s.map_or(Js::Null, |s| Js::Str(s.to_owned()))
    }

    /// The tree as JSON in the shell's conventions (`Date` as `{"$date": ms}`, bytes as
    /// `{"$bytes": [..]}`, `undefined` as `null`), for tests.
    #[cfg(test)]
    pub fn to_json(&self) -> Json {
        match self {
            Js::Undefined | Js::Null => Json::Null,
            Js::Bool(b) => Json::Bool(*b),
            Js::Num(n) => num_json(*n),
            Js::Str(s) => Json::String(s.clone()),
            Js::Date(ms) => serde_json::json!({ "$date": ms }),
            Js::Bytes(b) => serde_json::json!({ "$bytes": b }),
            Js::Json(j) => j.clone(),
            Js::Array(items) => Json::Array(orm::collect::map_vec(items.iter(), Js::to_json)),
            Js::Object(pairs) => Json::Object(pairs.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
        }
    }

    /// Builds the JavaScript value. Only works on wasm32 (js-sys panics natively).
    ///
    /// An array or object that JSON carries exactly (no `undefined`, date, bytes or non-finite
    /// number anywhere in it) is written as JSON text and built by one `JSON.parse`: field by
    /// field, every key and string was a text decoded on its own and every property a call out
    /// of the wasm, which made a query event (14 fields) cost about 25 µs — half of a
    /// `findByPk`'s time outside SQLite. `JSON.parse` gives the same objects: own properties in
    /// this order (a `__proto__` key included, as below), the same numbers.
    pub fn to_js(&self) -> JsValue {
        if matches!(self, Js::Array(_) | Js::Object(_)) {
            let mut text = String::with_capacity(512);
            if self.write_json(&mut text) {
                if let Ok(value) = js_sys::JSON::parse(&text) {
                    return value;
                }
            }
        }
        match self {
            Js::Undefined => JsValue::UNDEFINED,
            Js::Null => JsValue::NULL,
            Js::Bool(b) => JsValue::from_bool(*b),
            Js::Num(n) => JsValue::from_f64(*n),
            Js::Str(s) => JsValue::from_str(s),
            Js::Date(ms) => Date::new(&JsValue::from_f64(*ms as f64)).into(),
            Js::Bytes(b) => Uint8Array::from(b.as_slice()).into(),
            Js::Json(j) => js_sys::JSON::parse(&j.to_string()).unwrap_or_else(|_| JsValue::from_str(&j.to_string())),
            Js::Array(items) => {
                let array = Array::new();
                for item in items {
                    array.push(&item.to_js());
                }
                array.into()
            }
            Js::Object(pairs) => {
                // Its keys made by `JSON.parse` (each an own property, a `__proto__` key
                // included: set on a fresh `{}`, it would replace the prototype and vanish),
                // then each value set over its key's `null`.
                let mut keys = String::from("{");
                for (i, (key, _)) in pairs.iter().enumerate() {
                    if i > 0 {
                        keys.push(',');
                    }
                    json_string(key, &mut keys);
                    keys.push_str(":null");
                }
                keys.push('}');
                let object = js_sys::JSON::parse(&keys).unwrap_or_else(|_| Object::new().into());
                for (key, value) in pairs {
                    let _ = Reflect::set(&object, &JsValue::from_str(key), &value.to_js());
                }
                object
            }
        }
    }
}

impl Js {
    /// Appends the value as JSON text; `false` (and `out` partly written) when JSON cannot carry
    /// it exactly. A number that is not whole is written by ryu's shortest round-trip form
    /// (`0.5`, `1e+300`, `-0.0`), which `JSON.parse` reads back to the same double.
    fn write_json(&self, out: &mut String) -> bool {
        match self {
            Js::Null => out.push_str("null"),
            Js::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            // A whole number (ids, counts, handles: most of them) by its digits; any other by
            // serde_json's (ryu, linked already), `None` when it is not finite. (Not -0: its
            // digits would read back as 0.)
            Js::Num(n) if n.fract() == 0.0 && n.abs() < 1e15 && (*n != 0.0 || n.is_sign_positive()) => {
                if *n < 0.0 {
                    out.push('-');
                }
                orm::number::push_decimal(out, n.abs() as u64, 1);
            }
            Js::Num(n) => match serde_json::Number::from_f64(*n) {
                Some(number) => out.push_str(&number.to_string()),
                None => return false,
            },
            Js::Str(s) => json_string(s, out),
            // What `to_js` parses for it alone: serde_json's text.
            Js::Json(j) => out.push_str(&j.to_string()),
            Js::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    if !item.write_json(out) {
                        return false;
                    }
                }
                out.push(']');
            }
            Js::Object(pairs) => {
                out.push('{');
                for (i, (key, value)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    json_string(key, out);
                    out.push(':');
                    if !value.write_json(out) {
                        return false;
                    }
                }
                out.push('}');
            }
            Js::Undefined | Js::Date(_) | Js::Bytes(_) => return false,
        }
        true
    }
}

/// A JSON string literal: `"` and `\\` escaped, and the control characters as `\u00XX`.
fn json_string(s: &str, out: &mut String) {
    out.push('"');
    // The runs between characters to escape, copied whole (all of a statement's text, mostly).
    let mut from = 0;
    for (at, b) in s.bytes().enumerate() {
        if b == b'"' || b == b'\\' || b < 0x20 {
            out.push_str(&s[from..at]);
            from = at + 1;
            match b {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                _ => {
                    out.push_str(if b < 0x10 { "\\u000" } else { "\\u001" });
                    out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
                }
            }
        }
    }
    out.push_str(&s[from..]);
    out.push('"');
}

/// A number as JSON: an integer when it is one (so tests can compare with `json!(1)`).
#[cfg(test)]
fn num_json(n: f64) -> Json {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        Json::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Json::Null, Json::Number)
    }
}

impl From<bool> for Js {
    fn from(b: bool) -> Js {
        Js::Bool(b)
    }
}

impl From<&str> for Js {
    fn from(s: &str) -> Js {
        Js::Str(s.to_owned())
    }
}

impl From<String> for Js {
    fn from(s: String) -> Js {
        Js::Str(s)
    }
}

impl From<u64> for Js {
    fn from(n: u64) -> Js {
        Js::Num(n as f64)
    }
}

impl From<usize> for Js {
    fn from(n: usize) -> Js {
        Js::Num(n as f64)
    }
}

impl From<i64> for Js {
    fn from(n: i64) -> Js {
        Js::Num(n as f64)
    }
}

/// Reads a `*Json` argument: `undefined` and `null` are `null`; anything else goes through
/// `JSON.stringify` and serde_json. A value JSON cannot hold (a function, a Symbol, a circular
/// structure) is an error object.
pub fn from_js(value: &JsValue) -> Result<Json, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Json::Null);
    }
    // As JSON text: the shell has made every value JSON already (dates, bytes, operators, model
    // classes; see ENGINE.md), and serde_json's parser is linked anyway, where a serde-wasm-bindgen
    // deserializer would add its own code to the download. `from_slice`, not `from_str`: the
    // core reads stored JSON with `from_slice`, and one reader means one copy of the parser in
    // the download (−1.3 KB gzipped); a `String` is valid UTF-8 either way.
    let text = js_sys::JSON::stringify(value).ok().and_then(|text| text.as_string());
    match text.map(|text| serde_json::from_slice(text.as_bytes())) {
        Some(Ok(json)) => Ok(json),
        Some(Err(e)) => Err(unreadable(&e.to_string())),
        None => Err(unreadable("not JSON (a function, a symbol or a circular structure?)")),
    }
}

fn unreadable(why: &str) -> JsValue {
    let message = format!("The JavaScript shell passed a value the engine cannot read: {why}");
    crate::errors::error_object("Error", &message).to_js()
}

/// A value as SQLite stores it in a column of `model`'s attribute `key` (what Sequelize's
/// `raw: true` gives): booleans as 0/1, dates as text, `JSON` as its text. Keys that are not
/// attributes (aliases, functions) keep their value.
pub fn stored(model: Option<&Model>, key: &str, value: &Value) -> Value {
    let Some(attr) = model.and_then(|m| m.attribute(key)) else { return value.clone() };
    match attr.data_type().to_storage(&attr.name, value) {
        Ok(stored) => orm::types::from_sql_value(stored),
        Err(_) => value.clone(),
    }
}

/// The models of a find's result tree, by include path (`""` for the root, `"category"`,
/// `"posts.comments"`), for [`raw_rows`].
pub type Models = HashMap<String, Model>;

/// The rows `findAll({ raw: true })` gives for these instances: one row per combination of
/// included instances (as the JOIN returned them), with included attributes under
/// `'alias.attribute'` keys, values as stored. An include without instances gives its keys with
/// `null`, as a LEFT JOIN does.
pub fn raw_rows(instances: &[Instance], models: &Models) -> Vec<Vec<(String, Js)>> {
    let mut shapes: HashMap<String, Vec<String>> = HashMap::new();
    for instance in instances {
        collect_shapes(instance, "", &mut shapes);
    }
    let mut rows = Vec::new();
    for instance in instances {
        rows.extend(flatten(instance, "", models, &shapes));
    }
    rows
}

/// The keys of the first instance seen at each include path (with its nested includes).
fn collect_shapes(instance: &Instance, path: &str, shapes: &mut HashMap<String, Vec<String>>) {
    if !shapes.contains_key(path) {
        shapes.insert(path.to_owned(), orm::collect::map_vec(instance.values().keys(), String::clone));
    }
    for (alias, related) in &instance.included {
        let child = join_path(path, alias);
        match related {
            Related::One(Some(c)) => collect_shapes(c, &child, shapes),
            Related::One(None) => {}
            Related::Many(children) => children.iter().for_each(|c| collect_shapes(c, &child, shapes)),
        }
    }
}

fn join_path(path: &str, alias: &str) -> String {
    if path.is_empty() {
        alias.to_owned()
    } else {
        format!("{path}.{alias}")
    }
}

fn prefixed(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn flatten(
    instance: &Instance,
    path: &str,
    models: &Models,
    shapes: &HashMap<String, Vec<String>>,
) -> Vec<Vec<(String, Js)>> {
    let model = models.get(path);
    let base: Vec<(String, Js)> =
        orm::collect::map_vec(instance.values().iter(), |(k, v)| (prefixed(path, k), Js::value(&stored(model, k, v))));
    let mut rows = vec![base];
    for (alias, related) in &instance.included {
        let child = join_path(path, alias);
        let children: Vec<&Instance> = match related {
            Related::One(one) => orm::collect::map_vec(one.iter(), |b| b.as_ref()),
            Related::Many(many) => orm::collect::map_vec(many.iter(), |b| b),
        };
        let child_rows: Vec<Vec<(String, Js)>> = if children.is_empty() {
            vec![null_row(&child, models, shapes)]
        } else {
            orm::collect::flat_map_vec(children, |c| flatten(c, &child, models, shapes))
        };
        rows = orm::collect::flat_map_vec(rows.iter(), |row| {
            child_rows.iter().map(move |extra| {
                let mut joined = row.clone();
                joined.extend(extra.iter().cloned());
                joined
            })
        });
    }
    rows
}

/// The keys of an include path with `null` values (and those of the includes below it).
fn null_row(path: &str, models: &Models, shapes: &HashMap<String, Vec<String>>) -> Vec<(String, Js)> {
    let keys: Vec<String> = match shapes.get(path) {
        Some(keys) => keys.clone(),
        None => {
            models.get(path).map_or_else(Vec::new, |m| orm::collect::map_vec(m.attributes.iter(), |a| a.name.clone()))
        }
    };
    let mut row: Vec<(String, Js)> = orm::collect::map_vec(keys.iter(), |k| (prefixed(path, k), Js::Null));
    let prefix = format!("{path}.");
    let nested: Vec<&String> = orm::collect::filter_map_vec(shapes.keys(), |p| {
        p.strip_prefix(&prefix).is_some_and(|rest| !rest.contains('.')).then_some(p)
    });
    // In name order, with the core's sort (a standard sort would be a copy of its own in the wasm).
    for i in orm::collect::order(nested.len(), &|a, b| nested[a].cmp(nested[b])) {
        row.extend(null_row(nested[i], models, shapes));
    }
    row
}

/// `nest: true`: keys with dots become nested objects (`{ 'a.b': 1 }` → `{ a: { b: 1 } }`), as
/// Sequelize's `dottie.transform` does.
pub fn nest(row: Vec<(String, Js)>) -> Js {
    let mut out: Vec<(String, Js)> = Vec::new();
    for (key, value) in row {
        let parts: Vec<&str> = orm::collect::map_vec(key.split('.'), |p| p);
        insert_path(&mut out, &parts, value);
    }
    Js::Object(out)
}

fn insert_path(object: &mut Vec<(String, Js)>, parts: &[&str], value: Js) {
    let Some((first, rest)) = parts.split_first() else { return };
    if rest.is_empty() {
        match object.iter_mut().find(|(k, _)| k == first) {
            Some(slot) => slot.1 = value,
            None => object.push(((*first).to_owned(), value)),
        }
        return;
    }
    let position = match object.iter().position(|(k, _)| k == first) {
        Some(i) => i,
        None => {
            object.push(((*first).to_owned(), Js::Object(Vec::new())));
            object.len() - 1
        }
    };
    if !matches!(object[position].1, Js::Object(_)) {
        object[position].1 = Js::Object(Vec::new());
    }
    if let Js::Object(inner) = &mut object[position].1 {
        insert_path(inner, rest, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_become_javascript_types() {
        assert_eq!(Js::value(&Value::Int(3)), Js::Num(3.0));
        assert_eq!(Js::value(&Value::Date(5)), Js::Date(5));
        assert_eq!(Js::value(&Value::from(json!({"a": 1}))).to_json(), json!({"a": 1}));
        assert_eq!(Js::value(&Value::Blob(vec![1, 2])).to_json(), json!({"$bytes": [1, 2]}));
        assert_eq!(Js::Num(2.5).to_json(), json!(2.5));
    }

    #[test]
    fn json_text_is_what_json_parse_reads_back() {
        let tree = Js::object([
            ("id", Js::Num(3.0)),
            ("ms", Js::Num(0.012_345_678_9)),
            ("big", Js::Num(1e300)),
            ("sql", Js::from("SELECT `a` FROM \"t\" WHERE x = 'q\\n' \u{1}\n\u{2028}é")),
            ("list", Js::list([Js::Null, Js::Bool(true), Js::Bool(false)], |x| x)),
            ("json", Js::Json(json!({"b": [1, "c"], "a": null}))),
            ("__proto__", Js::Object(Vec::new())),
        ]);
        let mut text = String::new();
        assert!(tree.write_json(&mut text));
        // (As JavaScript reads them: every number a double.)
        fn doubles(j: Json) -> Json {
            match j {
                Json::Number(n) => json!(n.as_f64().unwrap()),
                Json::Array(items) => Json::Array(items.into_iter().map(doubles).collect()),
                Json::Object(map) => Json::Object(map.into_iter().map(|(k, v)| (k, doubles(v))).collect()),
                other => other,
            }
        }
        assert_eq!(doubles(serde_json::from_str(&text).unwrap()), doubles(tree.to_json()));
        assert!(text.starts_with(r#"{"id":3,"ms":0.0123456789,"big":1e+300,"#), "{text}");
        for (n, written) in [
            (0.0, "0"),
            (-0.0, "-0.0"),
            (-42.0, "-42"),
            (1e15, "1000000000000000.0"),
            (999_999_999_999_999.0, "999999999999999"),
            (2.5, "2.5"),
        ] {
            let mut number = String::new();
            assert!(Js::Num(n).write_json(&mut number) && number == written, "{n}: {number}");
        }
        assert!(text.contains(r#""sql":"SELECT `a` FROM \"t\" WHERE x = 'q\\n' \u0001\u000a"#), "{text}");
        // What JSON cannot carry exactly goes field by field.
        for leaf in [Js::Undefined, Js::Num(f64::NAN), Js::Num(f64::INFINITY), Js::Date(0), Js::Bytes(vec![1])] {
            assert!(!Js::Array(vec![Js::Null, leaf]).write_json(&mut String::new()));
        }
    }

    #[test]
    fn nest_folds_dotted_keys() {
        let row = vec![
            ("id".to_owned(), Js::Num(1.0)),
            ("products.name".to_owned(), Js::from("a")),
            ("products.tag.label".to_owned(), Js::from("t")),
            ("products.id".to_owned(), Js::Num(2.0)),
        ];
        assert_eq!(nest(row).to_json(), json!({"id": 1, "products": {"name": "a", "tag": {"label": "t"}, "id": 2}}));
    }
}

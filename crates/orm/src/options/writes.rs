//! The options of the writing calls: `destroy`, `update`, `restore`, `increment` /
//! `decrement`, `findOrCreate`, and the options-only checks of `create`, `bulkCreate`, `save`.
//!
//! A `where` given to a write is kept even when empty: `destroy({ where: {} })` deletes every
//! row in Sequelize, while a missing `where` is refused.

use serde_json::Value as Json;

use super::filter::where_at;
use super::values::{check_keys, child, expected, float, item, object, record_at, string, usage, Obj};
use crate::collect::try_map;
use crate::crud::DestroyOptions;
use crate::error::{Error, Result};
use crate::instance::Record;
use crate::query::filter::{Op, Operand, Where};

/// The options every write accepts and the shell acts on.
const TRANSPORT: [&str; 3] = ["transaction", "logging", "benchmark"];

const WRITE_UNSUPPORTED: [(&str, &str); 8] = [
    ("individualHooks", "hooks are the JavaScript API's (Rust callers: Database::add_hook)"),
    ("hooks", "hooks are the JavaScript API's (Rust callers: Database::add_hook)"),
    ("fields", ""),
    ("returning", ""),
    ("silent", ""),
    ("validate", ""),
    ("limit", ""),
    ("sideEffects", ""),
];

fn options<'a>(method: &str, json: &'a Json, own: &[&str], unsupported: &[(&str, &str)]) -> Result<Option<&'a Obj>> {
    if json.is_null() {
        return Ok(None);
    }
    let obj = object(method, json, "an options object")?;
    let mut known = own.to_vec();
    known.extend(TRANSPORT);
    let mut refused: Vec<(&str, &str)> = crate::collect::filter_map_vec(WRITE_UNSUPPORTED.iter().copied(), |(k, v)| {
        (!own.contains(&k)).then_some((k, v))
    });
    refused.extend_from_slice(unsupported);
    check_keys(obj, method, &known, &refused)?;
    Ok(Some(obj))
}

fn present_where(obj: Option<&Obj>) -> Result<Option<Where>> {
    match obj.and_then(|o| o.get("where")) {
        None | Some(Json::Null) => Ok(None),
        Some(json) => where_at("where", json).map(Some),
    }
}

/// Parses the options of `Model.destroy`: `where`, `truncate`, `force`.
pub fn destroy_options_from_json(json: &Json) -> Result<DestroyOptions> {
    let unsupported = [("cascade", ""), ("restartIdentity", "")];
    let obj = options("destroy", json, &["where", "truncate", "force"], &unsupported)?;
    let flag = |key: &str| obj.and_then(|o| o.get(key)).map_or(Ok(false), |j| super::values::boolean(key, j));
    Ok(DestroyOptions { filter: present_where(obj)?, truncate: flag("truncate")?, force: flag("force")? })
}

/// Parses the options of `Model.update(values, options)` and returns its `where`, which is
/// required (Sequelize's message when it is missing).
pub fn update_where_from_json(json: &Json) -> Result<Where> {
    let obj = options("update", json, &["where"], &[("paranoid", "")])?;
    present_where(obj)?.ok_or_else(|| Error::usage("Missing where attribute in the options parameter"))
}

/// Parses the options of `Model.restore` and returns its `where` (none restores every row).
pub fn restore_where_from_json(json: &Json) -> Result<Option<Where>> {
    present_where(options("restore", json, &["where"], &[])?)
}

/// What `increment` / `decrement` change, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct IncrementOptions {
    /// The amount per attribute (negative for `decrement`).
    pub by: Vec<(String, f64)>,
    /// `where`; none changes every row.
    pub filter: Option<Where>,
}

/// Parses `Model.increment(fields, options)` (or `decrement` when `decrement` is true): the
/// amount per attribute (negated for `decrement`) and the `where`. `fields` is a name, an array
/// of names (each changed `by`, default 1) or an object of amounts (`by` then does not apply).
pub fn increment_from_json(fields: &Json, json: &Json, decrement: bool) -> Result<IncrementOptions> {
    let method = if decrement { "decrement" } else { "increment" };
    let obj = options(method, json, &["where", "by"], &[("increment", "")])?;
    let by = obj.and_then(|o| o.get("by")).map_or(Ok(1.0), |j| float("by", j))?;
    let sign = if decrement { -1.0 } else { 1.0 };
    let amounts = match fields {
        Json::String(name) => vec![(name.clone(), sign * by)],
        Json::Array(names) => {
            try_map(names.iter().enumerate(), |(i, j)| Ok((string(&item("fields", i), j)?.to_owned(), sign * by)))?
        }
        Json::Object(_) => {
            let obj = object("fields", fields, "")?;
            try_map(obj, |(k, j)| Ok((k.clone(), sign * float(&child("fields", k), j)?)))?
        }
        other => {
            return Err(expected("fields", "an attribute name, an array of names or { attribute: amount }", other))
        }
    };
    if amounts.is_empty() {
        return Err(usage("fields", format!("{method} needs at least one attribute")));
    }
    Ok(IncrementOptions { by: amounts, filter: present_where(obj)? })
}

/// Parses the options of `Model.findOrCreate`: the `where` (plain values only: they are also
/// the values created) and the `defaults`.
pub fn find_or_create_from_json(json: &Json) -> Result<(Record, Record)> {
    let missing = || {
        Error::usage("Missing where attribute in the options parameter passed to findOrCreate. Please note that the API has changed, and is now options only (an object with where, defaults keys, transaction etc.)")
    };
    let obj = options("findOrCreate", json, &["where", "defaults"], &[])?.ok_or_else(missing)?;
    let filter = match obj.get("where") {
        None | Some(Json::Null) => return Err(missing()),
        Some(json) => json,
    };
    let mut values = Record::new();
    for part in flatten(where_at("where", filter)?) {
        match part {
            Where::Attr { attribute, op: Op::Eq, operand: Operand::Value(value) } => {
                values.insert(attribute, value);
            }
            _ => {
                return Err(usage(
                    "where",
                    "findOrCreate's where takes plain values such as { sku: 'a1' } (they are also the values it creates); use findOne and create for other conditions",
                ))
            }
        }
    }
    let defaults = match obj.get("defaults") {
        None | Some(Json::Null) => Record::new(),
        Some(json) => record_at("defaults", json)?,
    };
    Ok((values, defaults))
}

fn flatten(w: Where) -> Vec<Where> {
    match w {
        Where::And(parts) => crate::collect::flat_map_vec(parts, flatten),
        other => vec![other],
    }
}

/// Checks the options of `create`, `bulkCreate`, `save`, `build` or instance `update` /
/// `destroy` (`method`): the core takes none of its own, so only the transport-level ones are
/// accepted and anything else is refused.
pub fn check_write_options(method: &str, json: &Json) -> Result<()> {
    let unsupported = [
        ("raw", ""),
        ("isNewRecord", ""),
        ("include", "create the associated rows separately"),
        ("ignoreDuplicates", ""),
        ("updateOnDuplicate", ""),
        ("force", ""),
    ];
    let own: &[&str] = match method {
        "destroy" => &["force"],
        "save" => &["fields"],
        _ => &[],
    };
    options(method, json, own, &unsupported).map(|_| ())
}

//! `where` objects (`{ price: { [Op.lt]: 30 }, [Op.or]: [...] }`) into [`Where`] trees.
//!
//! The shape follows Sequelize 6: the entries of an object are ANDed; an attribute's value is a
//! plain value (`=`, or `IS NULL` for null), an array (`IN`) or an object of operators (ANDed);
//! `[Op.or]` / `[Op.and]` take an array or an object of conditions, at the top or inside an
//! attribute; `[Op.not]` negates conditions at the top and means `IS NOT` (null, booleans),
//! `!=` (a value) or `NOT IN` (an array) inside an attribute.
//!
//! Where Sequelize quietly builds nonsense, this refuses with a message instead: a plain `"$lt"`
//! key (Sequelize v6 reads it as an attribute and compares with `NaN`), `[Op.eq]` with an array,
//! `[Op.not]` with an object inside an attribute, and the operators SQLite has no SQL for
//! (`Op.iLike`, `Op.regexp`, the PostgreSQL array and range operators).

use serde_json::Value as Json;

use super::expr::select_expr;
use super::values::{child, describe, expected, item, key_display, marker, object, scalar, usage, Marker, Obj};
use crate::collect::try_map;
use crate::error::Result;
use crate::query::filter::{Op, Operand, Where};
use crate::query::find::SelectExpr;
use crate::value::Value;

/// Parses a `where` object. The path in error messages starts at `where`.
pub fn where_from_json(json: &Json) -> Result<Where> {
    where_at("where", json)
}

/// Parses the `where` object at `path`: an object of conditions, `sequelize.where(…)` or a
/// `sequelize.literal(…)` condition.
pub(crate) fn where_at(path: &str, json: &Json) -> Result<Where> {
    match marker(path, json)? {
        Some(Marker::Literal(sql)) => return Ok(Where::Raw(sql.to_owned())),
        Some(Marker::Where(inner)) => return where_expr(path, inner),
        _ => {}
    }
    let obj = where_object(path, json)?;
    let mut parts = Vec::with_capacity(obj.len());
    for (key, value) in obj {
        parts.push(entry(&child(path, key), key, value)?);
    }
    Ok(all(parts))
}

/// An optional `where`: null means none, and so does an empty object (Sequelize writes no
/// `WHERE` for `where: {}`).
pub(crate) fn optional_where(path: &str, json: Option<&Json>) -> Result<Option<Where>> {
    match json {
        None | Some(Json::Null) => Ok(None),
        Some(json) => Ok(Some(where_at(path, json)?).filter(|w| *w != Where::And(Vec::new()))),
    }
}

fn where_object<'a>(path: &str, json: &'a Json) -> Result<&'a Obj> {
    if let Some(m) = marker(path, json)? {
        let why = match m {
            Marker::Fn(..) | Marker::Col(_) | Marker::Cast(..) => {
                "an expression alone is not a condition: compare it with sequelize.where(expression, value)"
            }
            _ => "a where is an object of conditions",
        };
        return Err(usage(path, format!("{why}; got {}", describe(json))));
    }
    match json {
        Json::Object(obj) => Ok(obj),
        other => Err(expected(path, "an object of conditions such as { price: 5 }", other)),
    }
}

/// `sequelize.where(left, [op], right)`: `{ left, op, right }` (see `Marker::Where`). The right
/// side is a value (null: `IS NULL`), an array (`IN`), a column or an expression, or an object
/// of operators, as an attribute's conditions are.
fn where_expr(path: &str, json: &Json) -> Result<Where> {
    let obj = object(path, json, "sequelize.where(expression, value)")?;
    let left = select_expr(&child(path, "left"), obj.get("left").unwrap_or(&Json::Null))?;
    let op_key = obj.get("op").and_then(Json::as_str).unwrap_or("eq");
    let right = obj.get("right").unwrap_or(&Json::Null);
    let right_path = child(path, "right");
    // The conditions of an attribute, with the expression in the attribute's place.
    let conditions = match (marker(&right_path, right)?, right) {
        (Some(Marker::Col(_) | Marker::Fn(..) | Marker::Literal(_) | Marker::Cast(..)), _) => {
            let op = Op::from_key(op_key).ok_or_else(|| unknown_operator(path, op_key))?;
            return Ok(Where::Expr { left, op, operand: Operand::Expr(select_expr(&right_path, right)?) });
        }
        (None, Json::Object(_)) => attribute(&right_path, PLACEHOLDER, right)?,
        _ if op_key == "eq" => attribute(&right_path, PLACEHOLDER, right)?,
        _ => vec![operator(path, PLACEHOLDER, &format!("$op:{op_key}"), right)?],
    };
    Ok(retarget(all(conditions), &left))
}

/// Conditions on values inside the JSON attribute `name`, at `keys` and below: each plain key
/// goes one level down, operators and values compare what is there.
fn json_conditions(path: &str, name: &str, keys: Vec<String>, json: &Json) -> Result<Vec<Where>> {
    let here = SelectExpr::JsonPath { attribute: name.to_owned(), path: keys.clone() };
    match json {
        Json::Object(obj) if marker(path, json)?.is_none() => {
            let mut parts = Vec::with_capacity(obj.len());
            for (key, value) in obj {
                if key.starts_with("$op:") {
                    if keys.is_empty() {
                        return Err(usage(
                            path,
                            "a JSON attribute's conditions name a key inside it: { meta: { theme: 'dark' } }",
                        ));
                    }
                    parts.push(retarget(operator(path, PLACEHOLDER, key, value)?, &here));
                } else {
                    let mut deeper = keys.clone();
                    deeper.push(key.clone());
                    parts.extend(json_conditions(&child(path, key), name, deeper, value)?);
                }
            }
            Ok(parts)
        }
        _ if keys.is_empty() => attribute(path, name, json),
        other => Ok(vec![retarget(all(attribute(path, PLACEHOLDER, other)?), &here)]),
    }
}

/// The attribute name that stands for an expression while an attribute's conditions are parsed
/// (`sequelize.where`, JSON paths, `'$include.attr$'`); no real attribute can have it (NUL).
const PLACEHOLDER: &str = "\u{0}expression";

/// `tree` with the conditions on [`PLACEHOLDER`] made conditions on `left`.
fn retarget(tree: Where, left: &SelectExpr) -> Where {
    match tree {
        Where::And(parts) => Where::And(crate::collect::map_vec(parts, |p| retarget(p, left))),
        Where::Or(parts) => Where::Or(crate::collect::map_vec(parts, |p| retarget(p, left))),
        Where::Not(inner) => Where::Not(Box::new(retarget(*inner, left))),
        Where::Attr { attribute, op, operand } if attribute == PLACEHOLDER => {
            Where::Expr { left: left.clone(), op, operand }
        }
        other => other,
    }
}

/// ANDs parts, without a wrapper around a single one.
fn all(mut parts: Vec<Where>) -> Where {
    if parts.len() == 1 {
        parts.remove(0)
    } else {
        Where::And(parts)
    }
}

/// One entry of a where object: an attribute's conditions or a logical operator.
fn entry(path: &str, key: &str, value: &Json) -> Result<Where> {
    if let Some(op) = key.strip_prefix("$op:") {
        return match op {
            // An empty object among the alternatives is no alternative (Sequelize drops it), so
            // `[Op.or]: [{}]` matches nothing instead of every row; so is an `[Op.and]` of
            // nothing but empty objects (`[Op.or]: [{ [Op.and]: [{}] }, { id: 1 }]` is `id = 1`).
            "or" => Ok(Where::Or(crate::collect::filter_map_vec(conditions(path, value)?, |w| {
                (!is_empty(&w)).then_some(w)
            }))),
            "and" => Ok(Where::And(conditions(path, value)?)),
            "not" => Ok(Where::Not(Box::new(all(conditions(path, value)?)))),
            _ if Op::from_key(op).is_some() => {
                Err(usage(path, format!("[Op.{op}] needs an attribute: write {{ price: {{ [Op.{op}]: … }} }}")))
            }
            _ => Err(unknown_operator(path, op)),
        };
    }
    // `'$posts.title$'`: an attribute of an included model (the joins resolve it).
    if key.len() > 2 && key.starts_with('$') && key.ends_with('$') {
        let mut names: Vec<String> = crate::collect::map_vec(key[1..key.len() - 1].split('.'), str::to_owned);
        let last = names.pop().unwrap_or_default();
        if names.is_empty() || last.is_empty() || names.iter().any(String::is_empty) {
            return Err(usage(
                path,
                "write an included model's attribute as \"$alias.attribute$\", e.g. \"$posts.title$\"",
            ));
        }
        let left = SelectExpr::Included { path: names, attribute: last };
        return Ok(retarget(all(attribute(path, PLACEHOLDER, value)?), &left));
    }
    if let Some(rest) = key.strip_prefix('$') {
        return Err(dollar_key(path, rest));
    }
    // `'meta.theme': 'dark'`: a value inside the JSON attribute `meta`.
    if let Some((name, rest)) = key.split_once('.') {
        let keys: Vec<String> = crate::collect::map_vec(rest.split('.'), str::to_owned);
        return Ok(all(json_conditions(path, name, keys, value)?));
    }
    Ok(all(attribute(path, key, value)?))
}

/// True for a condition Sequelize writes as nothing: an AND of nothing but such conditions.
fn is_empty(w: &Where) -> bool {
    matches!(w, Where::And(parts) if parts.iter().all(is_empty))
}

/// The conditions under `[Op.or]`, `[Op.and]` or `[Op.not]`: an array of where objects, or an
/// object whose entries are conditions each.
fn conditions(path: &str, json: &Json) -> Result<Vec<Where>> {
    match json {
        Json::Array(items) => try_map(items.iter().enumerate(), |(i, w)| where_at(&item(path, i), w)),
        other => {
            let obj = where_object(path, other)?;
            try_map(obj, |(key, value)| entry(&child(path, key), key, value))
        }
    }
}

/// The error for a plain `"$…"` key, which Sequelize 6 reads as an attribute name.
fn dollar_key(path: &str, rest: &str) -> crate::error::Error {
    let mut message = "attribute names cannot start with $".to_owned();
    if Op::from_key(rest).is_some() || matches!(rest, "or" | "and" | "not") {
        message += &format!(
            "; for the operator write [Op.{rest}] (a plain \"${rest}\" key is an attribute name in Sequelize v6)"
        );
    }
    usage(path, message)
}

/// The conditions on one attribute: `title: 'Dune'`, `price: { [Op.lt]: 30 }`, `id: [1, 2]`.
///
/// `undefined` as the value (the shell sends `{"$undefined": true}`) is refused with
/// Sequelize's message: dropping the condition would widen the statement, so that
/// `destroy({ where: { email: input.email } })` with no `input.email` would delete every row.
fn attribute(path: &str, name: &str, json: &Json) -> Result<Vec<Where>> {
    let value = |v: Value| Where::Attr { attribute: name.to_owned(), op: Op::Eq, operand: Operand::Value(v) };
    match marker(path, json)? {
        Some(Marker::Undefined) => {
            return Err(crate::error::Error::usage(format!(
                "WHERE parameter \"{name}\" has invalid \"undefined\" value"
            )))
        }
        // `{ name: sequelize.where(…) }`: Sequelize uses the condition and ignores the key.
        Some(Marker::Where(inner)) => return Ok(vec![where_expr(path, inner)?]),
        // `{ age: sequelize.col('minAge') }`: compared with a column.
        Some(Marker::Col(_) | Marker::Fn(..) | Marker::Cast(..)) => {
            return Ok(vec![Where::Attr {
                attribute: name.to_owned(),
                op: Op::Eq,
                operand: Operand::Expr(select_expr(path, json)?),
            }])
        }
        _ => {}
    }
    match json {
        Json::Array(_) => Ok(vec![Where::Attr { attribute: name.to_owned(), op: Op::In, operand: list(path, json)? }]),
        Json::Object(obj) if marker(path, json)?.is_none() => {
            // `{ meta: { theme: 'dark' } }`: keys that are not operators are a path inside a
            // JSON attribute (the compiler checks that `meta` is one).
            if obj.keys().any(|k| !k.starts_with('$')) {
                return json_conditions(path, name, Vec::new(), json);
            }
            let mut parts = Vec::with_capacity(obj.len());
            for (key, operand) in obj {
                parts.push(operator(path, name, key, operand)?);
            }
            if parts.is_empty() {
                return Err(expected(path, "a value, an array or operators such as { [Op.gt]: 1 }", json));
            }
            Ok(parts)
        }
        other => Ok(vec![value(scalar(path, other, "a value")?)]),
    }
}

/// One operator entry `key: json` inside the object of the attribute `name` at `parent`.
fn operator(parent: &str, name: &str, key: &str, json: &Json) -> Result<Where> {
    let path = &child(parent, key);
    let Some(op_key) = key.strip_prefix("$op:") else {
        if let Some(rest) = key.strip_prefix('$') {
            if Op::from_key(rest).is_some() || matches!(rest, "or" | "and" | "not") {
                return Err(usage(
                    parent,
                    format!("\"{key}\" is not an operator; write {{ [Op.{rest}]: … }} (plain \"$\" keys are not operators in Sequelize v6)"),
                ));
            }
        }
        return Err(usage(
            parent,
            format!(
                "expected a value, an array or operators such as {{ [Op.gt]: 1 }}; got an object with the key {} (conditions inside JSON attributes are not supported)",
                key_display(key)
            ),
        ));
    };
    let attr = |op: Op, operand: Operand| Where::Attr { attribute: name.to_owned(), op, operand };
    let one = |op: Op| -> Result<Where> {
        // `{ [Op.gt]: sequelize.col('minAge') }` or `{ [Op.gt]: { [Op.col]: 'minAge' } }`.
        if let Some(right) = column_operand(path, json)? {
            return Ok(attr(op, Operand::Expr(right)));
        }
        match json {
            Json::Array(_) => Err(usage(
                path,
                match op {
                    Op::Eq => "Op.eq takes one value; for a list of values use Op.in".to_owned(),
                    Op::Ne => "Op.ne takes one value; for a list of values use Op.notIn".to_owned(),
                    _ => format!("Op.{} takes one value, not an array", op.key()),
                },
            )),
            other => Ok(attr(op, Operand::Value(scalar(path, other, "one value")?))),
        }
    };
    match op_key {
        "or" | "and" => {
            let mut parts = Vec::new();
            match json {
                Json::Array(items) => {
                    for (i, value) in items.iter().enumerate() {
                        parts.push(all(attribute(&item(path, i), name, value)?));
                    }
                }
                Json::Object(obj) if marker(path, json)?.is_none() => {
                    for (key, value) in obj {
                        parts.push(operator(path, name, key, value)?);
                    }
                }
                other => return Err(expected(path, "an array or an object of conditions", other)),
            }
            Ok(if op_key == "or" { Where::Or(parts) } else { Where::And(parts) })
        }
        "not" => match json {
            Json::Null | Json::Bool(_) => Ok(attr(Op::Not, Operand::Value(scalar(path, json, "")?))),
            Json::Array(_) => Ok(attr(Op::NotIn, list(path, json)?)),
            Json::Object(_) if marker(path, json)?.is_none() => Err(usage(
                path,
                "inside an attribute, Op.not takes null, true, false, a value or an array; to negate conditions write { [Op.not]: { price: { … } } } at the top",
            )),
            other => Ok(attr(Op::Ne, Operand::Value(scalar(path, other, "one value")?))),
        },
        // `{ age: { [Op.col]: 'minAge' } }`: equal to another column.
        "col" => match json {
            Json::String(column) => Ok(attr(Op::Eq, Operand::Expr(SelectExpr::Attr(column.clone())))),
            other => Err(expected(path, "Op.col with an attribute name", other)),
        },
        "in" | "notIn" => match json {
            Json::Array(_) => Ok(attr(if op_key == "in" { Op::In } else { Op::NotIn }, list(path, json)?)),
            other => Err(usage(path, format!("Op.{op_key} takes an array of values; got {}", describe(other)))),
        },
        "between" | "notBetween" => match json {
            Json::Array(items) if items.len() == 2 => {
                let op = if op_key == "between" { Op::Between } else { Op::NotBetween };
                Ok(attr(op, list(path, json)?))
            }
            other => Err(usage(path, format!("Op.{op_key} takes an array of two values; got {}", describe(other)))),
        },
        other => match Op::from_key(other) {
            Some(op) => one(op),
            None => Err(unknown_operator(path, other)),
        },
    }
}

/// A column or expression as an operator's operand, if `json` is one.
fn column_operand(path: &str, json: &Json) -> Result<Option<SelectExpr>> {
    if let Some(Marker::Col(_) | Marker::Fn(..) | Marker::Literal(_) | Marker::Cast(..)) = marker(path, json)? {
        return select_expr(path, json).map(Some);
    }
    match json.as_object().and_then(|o| o.get("$op:col").filter(|_| o.len() == 1)) {
        Some(Json::String(name)) => Ok(Some(SelectExpr::Attr(name.clone()))),
        Some(other) => Err(expected(path, "Op.col with an attribute name", other)),
        None => Ok(None),
    }
}

/// A list of values for `IN`, `NOT IN` or `BETWEEN`.
fn list(path: &str, json: &Json) -> Result<Operand> {
    let items = json.as_array().map_or(&[][..], Vec::as_slice);
    let values =
        try_map(items.iter().enumerate(), |(i, v)| scalar(&item(path, i), v, "a value (lists cannot be nested)"))?;
    Ok(Operand::List(values))
}

/// The error for an operator that is not one of the supported ones.
fn unknown_operator(path: &str, op: &str) -> crate::error::Error {
    let why = match op {
        "iLike" | "notILike" => format!(
            "Op.{op} does not exist on SQLite (Sequelize sends ILIKE, a syntax error there); Op.like already ignores the case of ASCII letters on SQLite"
        ),
        "regexp" | "notRegexp" | "iRegexp" | "notIRegexp" => {
            format!("Op.{op} needs a REGEXP function, which SQLite does not have")
        }
        "overlap" | "contains" | "contained" | "adjacent" | "strictLeft" | "strictRight" | "noExtendRight"
        | "noExtendLeft" | "any" | "all" | "match" | "anyKeyExists" | "allKeysExist" => {
            format!("Op.{op} is a PostgreSQL operator; SQLite has no such operator")
        }
        _ => {
            let known = [
                "eq", "ne", "is", "not", "gt", "gte", "lt", "lte", "between", "notBetween", "in", "notIn", "like",
                "notLike", "startsWith", "endsWith", "substring", "and", "or",
            ];
            format!("unknown operator Op.{op}; the operators are Op.{}", known.join(", Op."))
        }
    };
    usage(path, why)
}

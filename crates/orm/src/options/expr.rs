//! The expressions of finder options into [`SelectExpr`]s: `attributes` (with aliases,
//! `include` / `exclude`), `group`, and `sequelize.fn`, `col`, `literal` and `cast` wherever
//! they appear (`order`, the comparisons of a `where`).

use serde_json::Value as Json;

use super::values::{check_keys, child, expected, item, marker, object, scalar, string, usage, Marker};
use crate::collect::try_map;
use crate::error::Result;
use crate::query::find::{Attributes, SelectExpr};

/// `attributes`: `['id', ['title', 'name'], [fn, 'n']]`, or `{ include: [...] }`, or
/// `{ exclude: [...] }`.
pub(crate) fn attributes(path: &str, json: &Json) -> Result<Attributes> {
    let what = "an array of attribute names, or { include: [...] } or { exclude: [...] }";
    match json {
        Json::Array(items) => {
            Ok(Attributes::Only(try_map(items.iter().enumerate(), |(i, j)| selected(&item(path, i), j))?))
        }
        Json::Object(_) => {
            let obj = object(path, json, what)?;
            check_keys(obj, path, &["include", "exclude"], &[])?;
            let list = |key: &str| match obj.get(key) {
                None => Ok(&[][..]),
                Some(Json::Array(items)) => Ok(items.as_slice()),
                Some(other) => Err(expected(&child(path, key), "an array", other)),
            };
            let (extra, skip) = (list("include")?, list("exclude")?);
            if !extra.is_empty() && !skip.is_empty() {
                return Err(usage(
                    path,
                    "include and exclude together are not supported yet; list the attributes instead",
                ));
            }
            if !skip.is_empty() {
                let at = child(path, "exclude");
                let names = try_map(skip.iter().enumerate(), |(i, j)| string(&item(&at, i), j).map(str::to_owned));
                return Ok(Attributes::Exclude(names?));
            }
            if !extra.is_empty() {
                let at = child(path, "include");
                let extra = try_map(extra.iter().enumerate(), |(i, j)| selected(&item(&at, i), j));
                return Ok(Attributes::Extra(extra?));
            }
            Ok(Attributes::All)
        }
        other => Err(expected(path, what, other)),
    }
}

/// One entry of `attributes`: a name, `[expression, alias]`, or an expression.
fn selected(path: &str, json: &Json) -> Result<(SelectExpr, Option<String>)> {
    match json {
        Json::Array(pair) => match pair.as_slice() {
            [expr, Json::String(alias)] => Ok((select_expr(&item(path, 0), expr)?, Some(alias.clone()))),
            _ => Err(expected(
                path,
                "[expression, alias] such as [sequelize.fn('COUNT', sequelize.col('id')), 'n']",
                json,
            )),
        },
        other => Ok((select_expr(path, other)?, None)),
    }
}

/// `group`: a name, an expression, or an array of them.
pub(crate) fn group(path: &str, json: &Json) -> Result<Vec<SelectExpr>> {
    match json {
        Json::Null => Ok(Vec::new()),
        Json::Array(items) => try_map(items.iter().enumerate(), |(i, j)| select_expr(&item(path, i), j)),
        other => Ok(vec![select_expr(path, other)?]),
    }
}

/// An expression of `attributes`, `order` or `group`: an attribute name, `sequelize.col`,
/// `sequelize.fn` or a (limited) `sequelize.literal`.
pub(crate) fn select_expr(path: &str, json: &Json) -> Result<SelectExpr> {
    match (json, marker(path, json)?) {
        (Json::String(name), _) => Ok(SelectExpr::Attr(name.clone())),
        (_, Some(Marker::Col(name))) => col(name),
        (_, Some(Marker::Literal(sql))) => literal(path, sql),
        (_, Some(Marker::Cast(inner, ty))) => {
            // As a function's argument: a string is a value (`CAST('5' AS INTEGER)`).
            Ok(SelectExpr::Cast(Box::new(fn_arg(&child(path, "cast"), inner)?), ty.to_owned()))
        }
        (_, Some(Marker::Fn(name, args))) => {
            if name.eq_ignore_ascii_case("DISTINCT") {
                return match args {
                    [one] => Ok(SelectExpr::Distinct(Box::new(select_expr(&child(path, "args[0]"), one)?))),
                    _ => Err(usage(path, "sequelize.fn('DISTINCT', …) takes one column")),
                };
            }
            let args = try_map(args.iter().enumerate(), |(i, arg)| fn_arg(&format!("{path}.args[{i}]"), arg));
            Ok(SelectExpr::Fn { name: name.to_owned(), args: args? })
        }
        (other, _) => Err(expected(path, "an attribute name, sequelize.col(…) or sequelize.fn(…)", other)),
    }
}

/// An argument of `sequelize.fn`: a column or function, or a value (a string is a value there,
/// as in Sequelize: `fn('lower', 'ABC')` is `lower('ABC')`).
fn fn_arg(path: &str, json: &Json) -> Result<SelectExpr> {
    match marker(path, json)? {
        Some(Marker::Col(_) | Marker::Fn(..) | Marker::Literal(_) | Marker::Cast(..)) => select_expr(path, json),
        _ => Ok(SelectExpr::Value(scalar(path, json, "a value, sequelize.col(…) or sequelize.fn(…)")?)),
    }
}

fn col(name: &str) -> Result<SelectExpr> {
    if name == "*" {
        return Ok(SelectExpr::Star);
    }
    // `sequelize.col('meta.theme')` / `sequelize.json('meta.theme')`: a value inside a JSON
    // attribute (the compiler checks that `meta` is one).
    if let Some((attribute, rest)) = name.split_once('.') {
        return Ok(SelectExpr::JsonPath {
            attribute: attribute.to_owned(),
            path: crate::collect::map_vec(rest.split('.'), str::to_owned),
        });
    }
    Ok(SelectExpr::Attr(name.to_owned()))
}

/// `sequelize.literal(sql)`: the learner's SQL, kept as it is (Sequelize writes it verbatim).
/// A NUL byte cannot be in SQL text; an empty literal would write broken SQL.
fn literal(path: &str, sql: &str) -> Result<SelectExpr> {
    if sql.contains('\0') {
        return Err(usage(path, "sequelize.literal(…) cannot contain a NUL character"));
    }
    if sql.trim().is_empty() {
        return Err(usage(path, "sequelize.literal('') is empty: write the SQL it stands for"));
    }
    Ok(SelectExpr::Literal(sql.to_owned()))
}

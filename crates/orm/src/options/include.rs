//! `include` entries into [`Include`]s, and `order` into order terms — on the main model
//! (`['price', 'DESC']`, `[fn, 'DESC']`) or on an included one (`[{ model: Post, as: 'posts' },
//! 'id', 'ASC']`, `['posts', 'id']`), which become [`IncludeOrder`]s.
//!
//! An include or order term may name a model without its alias; which association that is
//! depends on the models defined, so [`resolve_include_aliases`] settles it against a
//! [`Database`] after parsing.

use serde_json::Value as Json;

use super::expr::{attributes, select_expr};
use super::filter::optional_where;
use super::values::{boolean, check_keys, child, describe, expected, item, marker, object, string, usage, Marker};
use crate::collect::try_map;
use crate::db::Database;
use crate::error::Result;
use crate::include::{Include, IncludeOrder, ThroughOptions};
use crate::query::find::{FindOptions, SelectExpr};
use crate::sql::Direction;

const INCLUDE: [&str; 10] =
    ["model", "as", "association", "where", "required", "separate", "attributes", "order", "include", "through"];

const INCLUDE_UNSUPPORTED: [(&str, &str); 9] = [
    ("paranoid", ""),
    ("right", ""),
    ("duplicating", ""),
    ("limit", ""),
    ("all", "list the includes"),
    ("nested", "list the includes"),
    ("on", ""),
    ("or", ""),
    ("subQuery", ""),
];

/// The order terms on the main model.
pub(crate) type MainOrder = Vec<(SelectExpr, Direction)>;

/// One order term before it is split into the main model's and the includes'.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Term {
    /// On the main model.
    Main(SelectExpr, Direction),
    /// On an included model: the aliases (or model names) down to it, the attribute, the
    /// direction.
    Nested(Vec<String>, String, Direction),
}

/// `include`: one entry or an array of them.
pub(crate) fn includes(path: &str, json: &Json) -> Result<Vec<Include>> {
    match json {
        Json::Null => Ok(Vec::new()),
        Json::Array(items) => try_map(items.iter().enumerate(), |(i, j)| include(&item(path, i), j)),
        other => Ok(vec![include(path, other)?]),
    }
}

/// One include: `Post`, `'posts'`, `{ model: Post, as: 'posts', where, … }`, `{ association }`.
fn include(path: &str, json: &Json) -> Result<Include> {
    let what = "a model, an association name or { model, as, … }";
    match (json, marker(path, json)?) {
        (Json::String(alias), _) => return Ok(Include::alias(alias)),
        (_, Some(Marker::Model(model))) => return Ok(Include { model: Some(model.to_owned()), ..Include::default() }),
        (Json::Object(_), None) => {}
        (other, _) => return Err(expected(path, what, other)),
    }
    let obj = object(path, json, what)?;
    check_keys(obj, path, &INCLUDE, &INCLUDE_UNSUPPORTED)?;
    let at = |key: &str| child(path, key);
    let mut include = Include::default();
    if let Some(model) = obj.get("model") {
        include.model = match marker(&at("model"), model)? {
            Some(Marker::Model(name)) => Some(name.to_owned()),
            _ if model.is_string() => {
                return Err(expected(
                    &at("model"),
                    "a model such as { model: Post } (to name an association, write { association: 'posts' })",
                    model,
                ))
            }
            _ => return Err(expected(&at("model"), "a model such as { model: Post }", model)),
        };
    }
    let alias = obj.get("as").map(|j| string(&at("as"), j)).transpose()?;
    let association = obj.get("association").map(|j| string(&at("association"), j)).transpose()?;
    include.alias = match (alias, association) {
        (Some(a), Some(b)) if a != b => {
            return Err(usage(path, format!("as ({a}) and association ({b}) name different associations")))
        }
        (a, b) => a.or(b).map(str::to_owned),
    };
    if include.model.is_none() && include.alias.is_none() {
        return Err(usage(path, "an include needs a model or an association, e.g. { model: Post, as: 'posts' }"));
    }
    include.filter = optional_where(&at("where"), obj.get("where"))?;
    if let Some(required) = obj.get("required") {
        include.required = Some(boolean(&at("required"), required)?);
    } else if include.filter.is_none() && obj.get("where").is_some_and(|w| !w.is_null()) {
        include.required = Some(true); // `where: {}` still makes the include required, as in Sequelize.
    }
    if let Some(separate) = obj.get("separate") {
        include.separate = boolean(&at("separate"), separate)?;
    }
    if let Some(json) = obj.get("attributes") {
        include.attributes = Some(attributes(&at("attributes"), json)?);
    }
    if let Some(json) = obj.get("include") {
        include.include = includes(&at("include"), json)?;
    }
    if let Some(json) = obj.get("order").filter(|j| !j.is_null()) {
        let order_path = at("order");
        if !include.separate {
            return Err(usage(
                &order_path,
                "an include's own order needs separate: true (Sequelize ignores it otherwise); order a joined include in the top-level order: [[{ model, as }, 'attribute', 'ASC']]",
            ));
        }
        for term in order_terms(&order_path, json, &include.include)? {
            match term {
                Term::Main(expr, direction) => include.order.push((expr, direction)),
                Term::Nested(..) => {
                    return Err(usage(
                        &order_path,
                        "order on a nested include is not supported here; put it in the top-level order",
                    ))
                }
            }
        }
    }
    if let Some(json) = obj.get("through") {
        include.through = Some(through(&at("through"), json)?);
    }
    Ok(include)
}

/// `through: { attributes, where }` of a `belongsToMany` include, or of a `belongsToMany`
/// getter (`getProjects({ through: { where } })`).
pub fn through_options_from_json(path: &str, json: &Json) -> Result<ThroughOptions> {
    through(path, json)
}

fn through(path: &str, json: &Json) -> Result<ThroughOptions> {
    let obj = object(path, json, "{ attributes: [...], where: {...} }")?;
    check_keys(obj, path, &["attributes", "where"], &[("paranoid", "")])?;
    let mut through =
        ThroughOptions { attributes: None, filter: optional_where(&child(path, "where"), obj.get("where"))? };
    if let Some(json) = obj.get("attributes").filter(|j| !j.is_null()) {
        let at = child(path, "attributes");
        let Json::Array(names) = json else { return Err(expected(&at, "an array of attribute names", json)) };
        let names = try_map(names.iter().enumerate(), |(i, j)| string(&item(&at, i), j).map(str::to_owned));
        through.attributes = Some(names?);
    }
    Ok(through)
}

/// `order`: an array of terms (or one `sequelize.fn`/`col`/`literal`). `includes` are the
/// query's includes, to tell `['posts', 'id']` (an include's attribute) from `['id', 'down']`
/// (a misspelt direction).
pub(crate) fn order_terms(path: &str, json: &Json, includes: &[Include]) -> Result<Vec<Term>> {
    let items = match (json, marker(path, json)?) {
        (Json::Null, _) => return Ok(Vec::new()),
        (Json::Array(items), _) => items,
        (_, Some(Marker::Fn(..) | Marker::Col(_) | Marker::Literal(_))) => {
            return Ok(vec![Term::Main(select_expr(path, json)?, Direction::Asc)])
        }
        (other, _) => {
            return Err(usage(
                path,
                format!(
                    "Order must be type of array or instance of a valid sequelize method; got {} (write order: [['id', 'ASC']])",
                    describe(other)
                ),
            ))
        }
    };
    let mut terms = Vec::with_capacity(items.len());
    for (i, json) in items.iter().enumerate() {
        let at = item(path, i);
        terms.push(match json {
            Json::String(s) if i > 0 && items[i - 1].is_string() && direction(s).is_some() => {
                let (dir, prev) = (describe(json), describe(&items[i - 1]));
                return Err(usage(
                    &at,
                    format!(
                        "{dir} is read as a second order term (a column named {dir}), not as the direction of {prev}; write order: [[{prev}, {dir}]]"
                    ),
                ));
            }
            Json::Array(parts) => term(&at, parts, includes)?,
            other => Term::Main(select_expr(&at, other)?, Direction::Asc),
        });
    }
    Ok(terms)
}

/// A direction (`ASC`, `desc`): `None` when the text is no direction at all.
fn direction(text: &str) -> Option<Result<Direction, String>> {
    let words: Vec<String> = crate::collect::map_vec(text.split_whitespace(), str::to_ascii_uppercase);
    match words.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["ASC"] => Some(Ok(Direction::Asc)),
        ["DESC"] => Some(Ok(Direction::Desc)),
        [order @ .., "NULLS", nulls @ ("FIRST" | "LAST")] if order.len() <= 1 => {
            let descending = match order {
                [] => None,
                ["ASC"] => Some(false),
                ["DESC"] => Some(true),
                _ => return None,
            };
            Some(Ok(Direction::Nulls { descending, first: *nulls == "FIRST" }))
        }
        _ => None,
    }
}

/// One array term: `[expr]`, `[expr, direction]`, `[include…, attribute, direction?]`.
fn term(path: &str, parts: &[Json], includes: &[Include]) -> Result<Term> {
    let (body, dir) = match parts {
        [.., Json::String(last)] if parts.len() > 1 => match direction(last) {
            Some(Ok(dir)) => (&parts[..parts.len() - 1], dir),
            Some(Err(message)) => return Err(usage(&item(path, parts.len() - 1), message)),
            None => (parts, Direction::Asc),
        },
        _ => (parts, Direction::Asc),
    };
    let (last, steps) = match body.split_last() {
        None => return Err(usage(path, "expected [attribute, direction] such as ['id', 'DESC']; got an empty array")),
        Some((only, [])) => return Ok(Term::Main(select_expr(&item(path, 0), only)?, dir)),
        Some(split) => split,
    };
    if let ([Json::String(first)], Json::String(second)) = (steps, last) {
        let named = includes.iter().any(|i| i.alias.as_deref() == Some(first) || i.model.as_deref() == Some(first));
        if !named {
            return Err(usage(
                &item(path, 1),
                format!(
                    "{} is not a sort direction; use 'ASC' or 'DESC' (or, to order by an included model, name an include of this query)",
                    crate::ident::printable(second)
                ),
            ));
        }
    }
    let attribute = match (last, marker(path, last)?) {
        (Json::String(name), _) => name.clone(),
        (_, Some(Marker::Col(name))) => name.to_owned(),
        (other, _) => return Err(expected(&item(path, steps.len()), "an attribute name of the included model", other)),
    };
    let mut names = Vec::with_capacity(steps.len());
    for (i, step) in steps.iter().enumerate() {
        let at = item(path, i);
        names.push(match (step, marker(&at, step)?) {
            (Json::String(alias), _) => alias.clone(),
            (_, Some(Marker::Model(model))) => model.to_owned(),
            (Json::Object(obj), None) => match (obj.get("as"), obj.get("model").map(|m| marker(&at, m)).transpose()?) {
                (Some(alias), _) => string(&child(&at, "as"), alias)?.to_owned(),
                (None, Some(Some(Marker::Model(model)))) => model.to_owned(),
                _ => return Err(expected(&at, "an included model such as { model: Post, as: 'posts' }", step)),
            },
            (other, _) => return Err(expected(&at, "an included model or an association name", other)),
        });
    }
    Ok(Term::Nested(resolve_steps(includes, names), attribute, dir))
}

/// Replaces each model name on the path by the alias of the include that loads it, where the
/// query's includes say it.
fn resolve_steps(mut level: &[Include], names: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let found = level
            .iter()
            .find(|i| i.alias.as_deref() == Some(name.as_str()))
            .or_else(|| level.iter().find(|i| i.model.as_deref() == Some(name.as_str())));
        out.push(found.and_then(|i| i.alias.clone()).unwrap_or(name));
        level = found.map_or(&[], |i| i.include.as_slice());
    }
    out
}

/// Splits terms into the main model's `order` and the includes' `include_order`. The core
/// sorts by the main model's terms first, so a term on an include before a term on the main
/// model is refused rather than silently reordered.
pub(crate) fn split_order(path: &str, terms: Vec<Term>) -> Result<(MainOrder, Vec<IncludeOrder>)> {
    let mut order = Vec::new();
    let mut nested: Vec<IncludeOrder> = Vec::new();
    for (i, term) in terms.into_iter().enumerate() {
        match term {
            Term::Main(expr, direction) if nested.is_empty() => order.push((expr, direction)),
            Term::Main(..) => {
                return Err(usage(
                    &item(path, i),
                    "ordering by the main model after an included model is not supported yet; put the included models' terms last",
                ))
            }
            Term::Nested(path, attribute, direction) => nested.push(IncludeOrder { path, attribute, direction }),
        }
    }
    Ok((order, nested))
}

/// Gives every include of `options` (a find on `model`) its association's alias, and rewrites
/// the order terms that named an include by its model to use that alias. Unknown or ambiguous
/// includes are the core's `EagerLoadingError`s.
pub fn resolve_include_aliases(db: &Database, model: &str, options: &mut FindOptions) -> Result<()> {
    fill_aliases(db, model, &mut options.include)?;
    merge_duplicates(&mut options.include);
    for term in &mut options.include_order {
        let mut level = options.include.as_slice();
        for name in &mut term.path {
            let found = level
                .iter()
                .find(|i| i.alias.as_deref() == Some(name.as_str()))
                .or_else(|| level.iter().find(|i| i.model.as_deref() == Some(name.as_str())));
            if let Some(found) = found {
                if let Some(alias) = &found.alias {
                    name.clone_from(alias);
                }
            }
            level = found.map_or(&[], |i| i.include.as_slice());
        }
    }
    Ok(())
}

fn fill_aliases(db: &Database, source: &str, includes: &mut [Include]) -> Result<()> {
    for include in includes {
        let association = db.resolve_include(source, include)?;
        include.alias = Some(association.alias.clone());
        fill_aliases(db, &association.target, &mut include.include)?;
    }
    Ok(())
}

/// The same association included twice is one include, as Sequelize merges them
/// (`_uniqIncludes`): both `where`s, the later options over the earlier ones, both lists of
/// nested includes. Two JOINs under one alias would be SQL that SQLite refuses.
fn merge_duplicates(includes: &mut Vec<Include>) {
    let mut i = 0;
    while i < includes.len() {
        let Some(first) = includes[..i].iter().position(|e| e.alias == includes[i].alias) else {
            i += 1;
            continue;
        };
        let later = includes.remove(i);
        let earlier = &mut includes[first];
        earlier.filter = match (earlier.filter.take(), later.filter) {
            (Some(a), Some(b)) => Some(a.and(b)),
            (a, b) => a.or(b),
        };
        earlier.required = later.required.or(earlier.required);
        earlier.attributes = later.attributes.or(earlier.attributes.take());
        earlier.separate |= later.separate;
        earlier.order.extend(later.order);
        earlier.include.extend(later.include);
        earlier.through = later.through.or(earlier.through.take());
    }
    for include in includes {
        merge_duplicates(&mut include.include);
    }
}

//! Finder options (`findAll`, `findOne`, `findByPk`, `findAndCountAll`, `count`, `max`/`min`/
//! `sum`) into [`FindOptions`]: `where`, `attributes`, `order`, `group`, `limit`, `offset`,
//! `raw`, `paranoid`, `rejectOnEmpty` and `include`.
//!
//! Each finder accepts the options Sequelize documents for it that the core can honour, plus
//! the transport-level ones the shell acts on (`transaction`, `logging`, `benchmark`, `plain`,
//! `nest`), which are accepted and not interpreted here. Any other key is an error listing the
//! options — a typo such as `wehre` is never silently dropped.

use serde_json::Value as Json;

use super::expr::{attributes, group, select_expr};
use super::filter::optional_where;
use super::include::{includes, order_terms, resolve_include_aliases, split_order};
use super::values::{boolean, check_keys, child, count, expected, object};
use crate::db::Database;
use crate::error::Result;
use crate::query::find::{FindOptions, SelectExpr};

/// Options the shell acts on and the core does not read: accepted by every finder.
pub(crate) const TRANSPORT: [&str; 5] = ["transaction", "logging", "benchmark", "plain", "nest"];

const FIND: [&str; 12] = [
    "where",
    "attributes",
    "include",
    "order",
    "group",
    "having",
    "limit",
    "offset",
    "raw",
    "paranoid",
    "rejectOnEmpty",
    "subQuery",
];

/// Sequelize options of the finders that the core cannot honour yet.
const UNSUPPORTED: [(&str, &str); 10] = [
    ("lock", "SQLite has no row locks"),
    ("skipLocked", "SQLite has no row locks"),
    ("indexHints", "SQLite has no index hints"),
    ("replacements", "replacements are for sequelize.query"),
    ("bind", "bind parameters are for sequelize.query"),
    ("useMaster", ""),
    ("searchPath", ""),
    ("mapToModel", ""),
    ("fieldMap", ""),
    ("minifyAliases", ""),
];

/// The options of `count` and `findAndCountAll`: the find options (with `distinct`), and the
/// attribute counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CountOptions {
    /// `where`, `include`, `distinct`, `paranoid` (and, for `findAndCountAll`, the rest of the
    /// find).
    pub find: FindOptions,
    /// `col`: the attribute counted (`count(col)`, or `count(DISTINCT col)` with `distinct`).
    pub col: Option<String>,
}

/// What a finder method accepts.
#[derive(Clone, Copy, PartialEq)]
enum Finder {
    /// `findAll`, `findOne`, `findByPk`, association getters.
    Find,
    /// `findAndCountAll`.
    FindAndCount,
    /// `count`.
    Count,
    /// `max`, `min`, `sum`.
    Aggregate,
}

impl Finder {
    fn of(method: &str) -> Finder {
        match method {
            "findAndCountAll" => Finder::FindAndCount,
            "count" => Finder::Count,
            "max" | "min" | "sum" | "aggregate" => Finder::Aggregate,
            _ => Finder::Find,
        }
    }

    fn keys(self) -> Vec<&'static str> {
        let own: &[&str] = match self {
            Finder::Find => &FIND,
            Finder::FindAndCount => &[],
            Finder::Count => &["where", "include", "distinct", "col", "paranoid"],
            Finder::Aggregate => &["where", "paranoid"],
        };
        let mut keys = own.to_vec();
        if self == Finder::FindAndCount {
            keys.extend(FIND);
            keys.extend(["distinct", "col"]);
        }
        keys.extend(TRANSPORT);
        keys
    }
}

/// Parses the options of the finder `method` (`"findAll"`, `"findOne"`, `"findByPk"`,
/// `"findAndCountAll"`, `"count"`, `"max"`, … or an association getter such as `"getPosts"`,
/// which takes `findAll`'s options). `null` means no options. An `include` or an order term
/// that names a model without `as` keeps the model's name until
/// [`resolve_include_aliases`] replaces it by the association's alias; [`find_options_in`] does
/// both.
///
/// `col` is refused here (it is [`count_options_from_json`]'s); `distinct` is accepted by
/// `findAndCountAll` and `count`, and refused by `findAll`, where Sequelize ignores it.
pub fn find_options_from_json(method: &str, json: &Json) -> Result<FindOptions> {
    let (options, col) = parse(method, json)?;
    if col.is_some() {
        return Err(crate::error::Error::usage(format!(
            "Option \"col\" of {method} belongs to count and findAndCountAll; parse those with count_options_from_json"
        )));
    }
    Ok(options)
}

/// [`find_options_from_json`] for `model` of `db`, with the aliases of includes given by model
/// resolved (so that `order: [[Post, 'id', 'ASC']]` finds the include of `Post`). This is what
/// the shell calls.
pub fn find_options_in(db: &Database, model: &str, method: &str, json: &Json) -> Result<FindOptions> {
    let mut options = find_options_from_json(method, json)?;
    resolve_include_aliases(db, model, &mut options)?;
    Ok(options)
}

/// Parses the options of `count` or `findAndCountAll` (`method`), including `distinct` and
/// `col`.
pub fn count_options_from_json(method: &str, json: &Json) -> Result<CountOptions> {
    let (find, col) = parse(method, json)?;
    Ok(CountOptions { find, col })
}

/// [`count_options_from_json`] with include aliases resolved, as [`find_options_in`].
pub fn count_options_in(db: &Database, model: &str, method: &str, json: &Json) -> Result<CountOptions> {
    let mut options = count_options_from_json(method, json)?;
    resolve_include_aliases(db, model, &mut options.find)?;
    Ok(options)
}

fn parse(method: &str, json: &Json) -> Result<(FindOptions, Option<String>)> {
    let mut options = FindOptions::default();
    if json.is_null() {
        return Ok((options, None));
    }
    let obj = object(method, json, "an options object such as { where: { id: 1 } }")?;
    let finder = Finder::of(method);
    if finder == Finder::Find && obj.contains_key("distinct") {
        return Err(crate::error::Error::usage(format!(
            "{method} has no option \"distinct\" (Sequelize ignores it there): count distinct rows with count({{ distinct: true }}), or select distinct values with attributes: [[sequelize.fn('DISTINCT', sequelize.col('name')), 'name']]"
        )));
    }
    if finder == Finder::Count && obj.contains_key("group") {
        // The JavaScript API turns count({ group }) into that findAll (one count per group).
        return Err(crate::error::Error::usage(
            "count gives one number: for a count per group, find with attributes [group, [fn('count', col('*')), 'count']] and group",
        ));
    }
    check_keys(obj, method, &finder.keys(), &UNSUPPORTED)?;
    let at = |key: &str| child("", key);
    if let Some(include) = obj.get("include") {
        options.include = includes("include", include)?;
    }
    options.filter = optional_where("where", obj.get("where"))?;
    options.having = optional_where("having", obj.get("having"))?;
    if let Some(json) = obj.get("attributes") {
        options.attributes = attributes("attributes", json)?;
    }
    if let Some(json) = obj.get("order") {
        let terms = order_terms("order", json, &options.include)?;
        (options.order, options.include_order) = split_order("order", terms)?;
    }
    if let Some(json) = obj.get("group") {
        options.group = group("group", json)?;
    }
    let limit = |key: &str| match obj.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(json) => count(&at(key), json).map(Some),
    };
    options.limit = limit("limit")?;
    options.offset = limit("offset")?;
    let flag = |key: &str, default: bool| obj.get(key).map_or(Ok(default), |json| boolean(&at(key), json));
    options.raw = flag("raw", false)?;
    options.paranoid = flag("paranoid", true)?;
    options.sub_query =
        obj.get("subQuery").filter(|j| !j.is_null()).map_or(Ok(true), |j| boolean(&at("subQuery"), j))?;
    options.reject_on_empty = match obj.get("rejectOnEmpty") {
        None | Some(Json::Null) => false,
        Some(Json::Bool(b)) => *b,
        Some(other) => {
            return Err(expected("rejectOnEmpty", "true or false (a custom error object is not supported yet)", other))
        }
    };
    options.distinct = flag("distinct", false)?;
    let col = match obj.get("col") {
        None | Some(Json::Null) => None,
        Some(json) => match select_expr("col", json)? {
            SelectExpr::Attr(name) => Some(name),
            _ => return Err(expected("col", "an attribute name", json)),
        },
    };
    Ok((options, col))
}

//! Expressions of a query before they are SQL: what `attributes`, `order`, `group` and the
//! comparisons of a `where` name (attributes, `fn`, `col`, `literal`, `cast`, JSON paths), and
//! their translation into [`crate::sql::Expr`] for one model.

use crate::error::{Error, Result};
use crate::ident::{self, IdentKind};
use crate::model::Model;
use crate::sql::Expr;
use crate::types::plain_storage;
use crate::value::Value;

/// An expression in `attributes`, `order` or `group`.
#[derive(Debug, Clone, PartialEq)]
pub enum SelectExpr {
    /// An attribute of the model (`sequelize.col('price')` or a plain name).
    Attr(String),
    /// `sequelize.fn('COUNT', …)`.
    Fn {
        /// The function name; it must be a plain identifier.
        name: String,
        /// Its arguments.
        args: Vec<SelectExpr>,
    },
    /// A value (a literal argument of a function).
    Value(Value),
    /// `*` (as in `fn('COUNT', col('*'))`).
    Star,
    /// `DISTINCT expr` (as in `fn('COUNT', fn('DISTINCT', col('x')))`).
    Distinct(Box<SelectExpr>),
    /// `sequelize.literal(sql)`: the learner's own SQL, written as it is (the analyzer flags a
    /// value spliced into it).
    Literal(String),
    /// `sequelize.cast(expr, type)`: `CAST(expr AS type)`.
    Cast(Box<SelectExpr>, String),
    /// `'$posts.title$'`: an attribute of an included model, named by its include path (aliases
    /// from the root). Resolved against the query's joins (`include/join.rs`); anywhere else
    /// it is an error.
    Included {
        /// The aliases from the root to the included model (`["posts"]`, `["posts", "comments"]`).
        path: Vec<String>,
        /// The attribute of that model.
        attribute: String,
    },
    /// A value inside a `JSON` attribute (`{ meta: { theme: 'dark' } }`, `'meta.theme'`,
    /// `sequelize.json('meta.theme')`): `json_extract(meta, '$.theme')`, the path bound.
    JsonPath {
        /// The `JSON` attribute.
        attribute: String,
        /// The keys inside it.
        path: Vec<String>,
    },
}

/// Which attributes a find reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Attributes {
    /// All of the model's attributes.
    All,
    /// Exactly these, each optionally aliased.
    Only(Vec<(SelectExpr, Option<String>)>),
    /// All but these.
    Exclude(Vec<String>),
    /// All, plus these extra expressions.
    Extra(Vec<(SelectExpr, Option<String>)>),
}

/// Translates an expression on `model` (table alias `alias`) into SQL.
pub fn compile_expr(model: &Model, alias: &str, expr: &SelectExpr) -> Result<Expr> {
    Ok(match expr {
        SelectExpr::Attr(name) => Expr::col(alias, &model.require_attribute(name)?.field),
        SelectExpr::Fn { name, args } => {
            ident::check(IdentKind::Alias, name).map_err(|_| {
                Error::usage(format!("{} is not a function name; use a plain SQL function name such as COUNT or lower", ident::printable(name)))
            })?;
            let (distinct, args) = match args.as_slice() {
                [SelectExpr::Distinct(inner)] => (true, vec![compile_expr(model, alias, inner)?]),
                _ => (false, crate::collect::try_map(args, |a| compile_expr(model, alias, a))?),
            };
            Expr::Func { name: name.clone(), args, distinct }
        }
        SelectExpr::Value(v) => Expr::Param(plain(v)),
        SelectExpr::Star => Expr::Star,
        SelectExpr::Literal(sql) => Expr::Literal(sql.clone()),
        SelectExpr::Included { path, attribute } => {
            return Err(Error::usage(format!(
                "where: \"${}.{attribute}$\" names an attribute of an included model; include {} in this query (a JOINed include, not separate)",
                path.join("."),
                path.join(" and ")
            )))
        }
        SelectExpr::JsonPath { attribute, path } => {
            let attr = model.require_attribute(attribute)?;
            if *attr.data_type() != crate::types::DataType::Json {
                return Err(Error::usage(format!(
                    "{}.{attribute} is not a JSON attribute: a condition on {attribute}.{} needs DataTypes.JSON",
                    model.name,
                    path.join(".")
                )));
            }
            Expr::Func {
                name: "json_extract".into(),
                args: vec![Expr::col(alias, &attr.field), Expr::Param(Value::Text(json_path(path)))],
                distinct: false,
            }
        }
        SelectExpr::Cast(inner, ty) => {
            // A name, and numbers in one pair of parentheses at the end (`DECIMAL(10, 2)`): the
            // type is written into the SQL as it is.
            let (name, args) = match ty.split_once('(') {
                Some((name, rest)) => (name, rest.strip_suffix(')')),
                None => (ty.as_str(), Some("")),
            };
            let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_'))
                && args.is_some_and(|a| a.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | ',')));
            if !plain || !ty.starts_with(|c: char| c.is_ascii_alphabetic()) {
                return Err(Error::usage(format!("sequelize.cast: {} is not a SQL type name (such as TEXT or INTEGER)", ident::printable(ty))));
            }
            Expr::Cast(Box::new(compile_expr(model, alias, inner)?), ty.clone())
        }
        SelectExpr::Distinct(_) => {
            return Err(Error::usage("DISTINCT is only allowed as the single argument of a function, as in fn('COUNT', fn('DISTINCT', col('x')))"))
        }
    })
}

/// A JSON path for SQLite's JSON functions: `$.a.b`, a key that is not a plain name quoted
/// (`$."a.b"`).
fn json_path(keys: &[String]) -> String {
    let mut path = String::from("$");
    for key in keys {
        if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') {
            path.push('.');
            path.push_str(key);
        } else {
            path.push_str(&format!(".\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\"")));
        }
    }
    path
}

/// An expression with its columns unqualified (one table: result columns, an `UPDATE`).
pub(crate) fn unqualified(expr: Expr) -> Expr {
    match expr {
        Expr::Column { column, .. } => Expr::Column { table: None, column },
        Expr::Func { name, args, distinct } => {
            Expr::Func { name, args: crate::collect::map_vec(args, unqualified), distinct }
        }
        Expr::Cast(inner, ty) => Expr::Cast(Box::new(unqualified(*inner)), ty),
        other => other,
    }
}

/// Values used as parameters outside any attribute (aggregates, raw queries) in storage form.
pub fn plain(value: &Value) -> Value {
    crate::types::from_sql_value(plain_storage(value))
}

//! `where`: conditions on attributes as a learner writes them (`{ price: { [Op.lt]: 30 } }`),
//! and their translation into column-level [`Cond`]s for one model.
//!
//! Attribute names are looked up in the model (an unknown one is an error naming the model's
//! attributes), values pass through the attribute's data type (a `BOOLEAN` compares as 0/1, a
//! `DATE` in Sequelize's storage format) and always become bound parameters.

use crate::error::{Error, Result};
use crate::model::Model;
pub use crate::query::expr::plain;
use crate::sql::{CmpOp, Cond, Expr};
use crate::value::Value;

/// A `where` operator (Sequelize's `Op.*`) that exists on SQLite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `Op.eq` (and a bare value); null means `IS NULL`.
    Eq,
    /// `Op.ne`; null means `IS NOT NULL`.
    Ne,
    /// `Op.is`: `IS NULL`, `IS true`.
    Is,
    /// `Op.not`: `IS NOT`.
    Not,
    /// `Op.gt`.
    Gt,
    /// `Op.gte`.
    Gte,
    /// `Op.lt`.
    Lt,
    /// `Op.lte`.
    Lte,
    /// `Op.between` with two values.
    Between,
    /// `Op.notBetween` with two values.
    NotBetween,
    /// `Op.in` (and a bare array).
    In,
    /// `Op.notIn`.
    NotIn,
    /// `Op.like`.
    Like,
    /// `Op.notLike`.
    NotLike,
    /// `Op.startsWith`: `LIKE 'x%'`.
    StartsWith,
    /// `Op.endsWith`: `LIKE '%x'`.
    EndsWith,
    /// `Op.substring`: `LIKE '%x%'`.
    Substring,
}

impl Op {
    /// The operator for a key as the JavaScript layer passes it (`eq`, `lt`, `notIn`, …).
    pub fn from_key(key: &str) -> Option<Op> {
        Some(match key {
            "eq" => Op::Eq,
            "ne" => Op::Ne,
            "is" => Op::Is,
            "not" => Op::Not,
            "gt" => Op::Gt,
            "gte" => Op::Gte,
            "lt" => Op::Lt,
            "lte" => Op::Lte,
            "between" => Op::Between,
            "notBetween" => Op::NotBetween,
            "in" => Op::In,
            "notIn" => Op::NotIn,
            "like" => Op::Like,
            "notLike" => Op::NotLike,
            "startsWith" => Op::StartsWith,
            "endsWith" => Op::EndsWith,
            "substring" => Op::Substring,
            _ => return None,
        })
    }

    /// The key, as in `Op.lt`.
    pub fn key(self) -> &'static str {
        match self {
            Op::Eq => "eq",
            Op::Ne => "ne",
            Op::Is => "is",
            Op::Not => "not",
            Op::Gt => "gt",
            Op::Gte => "gte",
            Op::Lt => "lt",
            Op::Lte => "lte",
            Op::Between => "between",
            Op::NotBetween => "notBetween",
            Op::In => "in",
            Op::NotIn => "notIn",
            Op::Like => "like",
            Op::NotLike => "notLike",
            Op::StartsWith => "startsWith",
            Op::EndsWith => "endsWith",
            Op::Substring => "substring",
        }
    }
}

/// The right-hand side of a condition.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// One value.
    Value(Value),
    /// A list (for `in`, `notIn`, `between`).
    List(Vec<Value>),
    /// A column or an expression (`{ [Op.gt]: sequelize.col('minAge') }`), for comparisons.
    Expr(crate::query::expr::SelectExpr),
}

/// A `where` tree over a model's attributes.
#[derive(Debug, Clone, PartialEq)]
pub enum Where {
    /// `Op.and`: all of these.
    And(Vec<Where>),
    /// `Op.or`: any of these.
    Or(Vec<Where>),
    /// `Op.not`: not this.
    Not(Box<Where>),
    /// `attribute op operand`.
    Attr {
        /// The attribute name.
        attribute: String,
        /// The operator.
        op: Op,
        /// The operand.
        operand: Operand,
    },
    /// `sequelize.where(expr, op, operand)`: a condition on an expression (`lower(name) = ?`).
    Expr {
        /// The expression compared.
        left: crate::query::expr::SelectExpr,
        /// The operator.
        op: Op,
        /// The operand.
        operand: Operand,
    },
    /// `sequelize.literal(sql)` as a condition: the learner's SQL, as it is.
    Raw(String),
}

impl Where {
    /// `attribute op value`.
    pub fn attr(attribute: &str, op: Op, value: impl Into<Value>) -> Where {
        Where::Attr { attribute: attribute.to_owned(), op, operand: Operand::Value(value.into()) }
    }

    /// `attribute = value`.
    pub fn eq(attribute: &str, value: impl Into<Value>) -> Where {
        Where::attr(attribute, Op::Eq, value)
    }

    /// `attribute IN (values)`.
    pub fn is_in(attribute: &str, values: Vec<Value>) -> Where {
        Where::Attr { attribute: attribute.to_owned(), op: Op::In, operand: Operand::List(values) }
    }

    /// Both this and `other`.
    pub fn and(self, other: Where) -> Where {
        match self {
            Where::And(mut parts) => {
                parts.push(other);
                Where::And(parts)
            }
            first => Where::And(vec![first, other]),
        }
    }

    /// Translates the tree into a column-level condition on `model`, whose table is aliased as
    /// `alias` (pass `None` for statements without an alias, such as `UPDATE`).
    pub fn compile(&self, model: &Model, alias: Option<&str>) -> Result<Cond> {
        Ok(match self {
            Where::And(parts) => Cond::And(crate::collect::try_map(parts, |p| p.compile(model, alias))?),
            Where::Or(parts) => Cond::Or(crate::collect::try_map(parts, |p| p.compile(model, alias))?),
            Where::Not(inner) => Cond::Not(Box::new(inner.compile(model, alias)?)),
            Where::Raw(sql) => Cond::Literal(sql.clone()),
            Where::Expr { left, op, operand } => {
                let left_expr = crate::query::expr::compile_expr(model, alias.unwrap_or(&model.name), left)?;
                let left_expr = if alias.is_none() { crate::query::expr::unqualified(left_expr) } else { left_expr };
                // A value inside JSON compared with a number is compared as a number, as
                // Sequelize casts it.
                let numeric = matches!(operand, Operand::Value(Value::Int(_) | Value::Float(_)))
                    || matches!(operand, Operand::List(items) if items.iter().any(|v| matches!(v, Value::Int(_) | Value::Float(_))));
                let left_expr = match left {
                    crate::query::expr::SelectExpr::JsonPath { .. } if numeric && *op != Op::Eq => {
                        Expr::Cast(Box::new(left_expr), "DOUBLE PRECISION".into())
                    }
                    _ => left_expr,
                };
                if let Operand::Expr(right) = operand {
                    let right = crate::query::expr::compile_expr(model, alias.unwrap_or(&model.name), right)?;
                    return Ok(Cond::Compare(left_expr, compare_op(*op)?, right));
                }
                let store = |v: &Value| -> Result<Expr> { Ok(Expr::Param(plain(v))) };
                compile_op(left_expr, *op, operand, &store, "(sequelize.where)")?
            }
            Where::Attr { attribute, op, operand } => {
                let attr = model.require_attribute(attribute)?;
                let column = Expr::Column { table: alias.map(str::to_owned), column: attr.field.clone() };
                if let Operand::Expr(right) = operand {
                    // Op.col: compare with another column of the model (or an expression).
                    let right = crate::query::expr::compile_expr(model, alias.unwrap_or(&model.name), right)?;
                    let right = if alias.is_none() { crate::query::expr::unqualified(right) } else { right };
                    return Ok(Cond::Compare(column, compare_op(*op)?, right));
                }
                let store = |v: &Value| -> Result<Expr> {
                    Ok(Expr::Param(match v {
                        Value::Null => Value::Null,
                        v => crate::types::param_value(attr.data_type(), &attr.name, v)?,
                    }))
                };
                compile_op(column, *op, operand, &store, &attr.name)?
            }
        })
    }
}

fn compile_op(
    column: Expr,
    op: Op,
    operand: &Operand,
    store: &dyn Fn(&Value) -> Result<Expr>,
    name: &str,
) -> Result<Cond> {
    let one = |what: &str| -> Result<&Value> {
        match operand {
            Operand::Value(v) => Ok(v),
            Operand::List(_) => Err(Error::usage(format!("where.{name}: Op.{} takes {what}, not an array", op.key()))),
            Operand::Expr(_) => Err(Error::usage(format!("where.{name}: Op.{} takes {what}, not a column", op.key()))),
        }
    };
    let text = |prefix: &str, suffix: &str| -> Result<Expr> {
        let v = one("a string")?;
        Ok(Expr::Param(Value::Text(format!("{prefix}{}{suffix}", v.to_js_string()))))
    };
    let bool_or_null = |v: &Value| -> Result<Expr> {
        match v {
            Value::Null => Ok(Expr::Keyword("NULL")),
            Value::Bool(true) => Ok(Expr::Keyword("1")),
            Value::Bool(false) => Ok(Expr::Keyword("0")),
            other => Err(Error::usage(format!(
                "where.{name}: Op.{} takes null, true or false, not {}",
                op.key(),
                crate::types::printable_value(other)
            ))),
        }
    };
    Ok(match op {
        Op::Eq | Op::Ne | Op::Gt | Op::Gte | Op::Lt | Op::Lte => {
            let value = match operand {
                Operand::List(items) if op == Op::Eq => {
                    return compile_op(column, Op::In, &Operand::List(items.clone()), store, name)
                }
                Operand::List(items) if op == Op::Ne => {
                    return compile_op(column, Op::NotIn, &Operand::List(items.clone()), store, name)
                }
                _ => one("one value")?,
            };
            match (op, value) {
                (Op::Eq, Value::Null) => Cond::Compare(column, CmpOp::Is, Expr::Keyword("NULL")),
                (Op::Ne, Value::Null) => Cond::Compare(column, CmpOp::IsNot, Expr::Keyword("NULL")),
                _ => Cond::Compare(column, compare_op(op)?, store(value)?),
            }
        }
        Op::Is => Cond::Compare(column, CmpOp::Is, bool_or_null(one("null or a boolean")?)?),
        Op::Not => Cond::Compare(column, CmpOp::IsNot, bool_or_null(one("null or a boolean")?)?),
        Op::In | Op::NotIn => {
            let items = match operand {
                Operand::List(items) => items,
                Operand::Value(_) | Operand::Expr(_) => {
                    return Err(Error::usage(format!("where.{name}: Op.{} takes an array of values", op.key())))
                }
            };
            let exprs = crate::collect::try_map(items, store)?;
            Cond::In(column, exprs, op == Op::NotIn)
        }
        Op::Between | Op::NotBetween => match operand {
            Operand::List(items) if items.len() == 2 => {
                Cond::Between(column, store(&items[0])?, store(&items[1])?, op == Op::NotBetween)
            }
            _ => return Err(Error::usage(format!("where.{name}: Op.{} takes an array of two values", op.key()))),
        },
        // The value as it is, as Sequelize binds it: `LIKE NULL` matches nothing, a boolean is
        // 1 or 0 (the operators below build text from the value as JavaScript writes it).
        Op::Like => Cond::Compare(column, CmpOp::Like, Expr::Param(plain(one("a string")?))),
        Op::NotLike => Cond::Compare(column, CmpOp::NotLike, Expr::Param(plain(one("a string")?))),
        Op::StartsWith => Cond::Compare(column, CmpOp::Like, text("", "%")?),
        Op::EndsWith => Cond::Compare(column, CmpOp::Like, text("%", "")?),
        Op::Substring => Cond::Compare(column, CmpOp::Like, text("%", "%")?),
    })
}

/// The SQL comparison of an operator that compares one operand (a value, a column or an
/// expression).
fn compare_op(op: Op) -> Result<CmpOp> {
    Ok(match op {
        Op::Eq => CmpOp::Eq,
        Op::Ne => CmpOp::Ne,
        Op::Gt => CmpOp::Gt,
        Op::Gte => CmpOp::Gte,
        Op::Lt => CmpOp::Lt,
        Op::Lte => CmpOp::Lte,
        Op::Like => CmpOp::Like,
        Op::NotLike => CmpOp::NotLike,
        other => {
            return Err(Error::usage(format!(
                "Op.{} cannot compare with a column or an expression; use =, !=, <, <=, >, >= or like",
                other.key()
            )))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttributeSpec, ModelSpec};
    use crate::types::DataType;

    fn model() -> Model {
        Model::from_spec(
            ModelSpec::new("Book")
                .attribute(AttributeSpec::new("title", DataType::String(None)))
                .attribute(AttributeSpec::new("price", DataType::Float))
                .attribute(AttributeSpec::new("inStock", DataType::Boolean)),
        )
        .unwrap()
    }

    fn sql(w: Where) -> (String, Vec<Value>) {
        let select =
            crate::sql::Select { filter: Some(w.compile(&model(), Some("Book")).unwrap()), ..Default::default() };
        let r = select.render();
        (r.sql.trim_start_matches("SELECT * WHERE ").trim_end_matches(';').to_owned(), r.params)
    }

    #[test]
    fn operators() {
        assert_eq!(sql(Where::eq("title", Value::Null)).0, "`Book`.`title` IS NULL");
        assert_eq!(sql(Where::attr("title", Op::Ne, Value::Null)).0, "`Book`.`title` IS NOT NULL");
        assert_eq!(sql(Where::attr("price", Op::Lt, 30)), ("`Book`.`price` < ?".into(), vec![Value::Float(30.0)]));
        // A BOOLEAN stays a boolean parameter (SQLite binds it as 1; the dialect lens writes `true`).
        assert_eq!(sql(Where::eq("inStock", true)), ("`Book`.`inStock` = ?".into(), vec![Value::Bool(true)]));
        assert_eq!(sql(Where::eq("inStock", 1)), ("`Book`.`inStock` = ?".into(), vec![Value::Bool(true)]));
        assert_eq!(
            sql(Where::attr("title", Op::StartsWith, "Java")),
            ("`Book`.`title` LIKE ?".into(), vec![Value::from("Java%")])
        );
        let between = Where::Attr {
            attribute: "price".into(),
            op: Op::Between,
            operand: Operand::List(vec![1.into(), 2.into()]),
        };
        assert_eq!(sql(between).0, "`Book`.`price` BETWEEN ? AND ?");
        assert_eq!(sql(Where::is_in("title", vec![])).0, "0 = 1");
        let or = Where::Or(vec![Where::eq("title", "a"), Where::Not(Box::new(Where::attr("price", Op::Gte, 3)))]);
        assert_eq!(
            sql(or.and(Where::attr("inStock", Op::Is, Value::Null))).0,
            "(`Book`.`title` = ? OR NOT (`Book`.`price` >= ?)) AND `Book`.`inStock` IS NULL"
        );
    }

    #[test]
    fn mistakes_are_clear_errors() {
        let m = model();
        let err = Where::eq("titel", "x").compile(&m, None).unwrap_err();
        assert!(err.message.starts_with("Model Book has no attribute \"titel\""));
        let err = Where::attr("price", Op::In, 3).compile(&m, None).unwrap_err();
        assert_eq!(err.message, "where.price: Op.in takes an array of values");
        let err = Where::attr("price", Op::Is, 3).compile(&m, None).unwrap_err();
        assert_eq!(err.message, "where.price: Op.is takes null, true or false, not 3");
        let err = Where::eq("price", "cheap").compile(&m, None).unwrap_err();
        assert_eq!(err.message, "\"cheap\" is not a valid FLOAT for attribute \"price\"");
    }
}

//! `sequelize.query(sql, options)`: the learner's own SQL (replacements and bind parameters are
//! bound by the core, never spliced), with Sequelize's return shapes on SQLite:
//!
//! | `type` | result |
//! |---|---|
//! | `SELECT` | the rows (`plain: true`: the first row or `null`) |
//! | `INSERT` | `[lastID, changes]` |
//! | `UPDATE` | `[undefined, changes]` |
//! | `BULKUPDATE`, `BULKDELETE` | `changes` |
//! | `DELETE` | `undefined` |
//! | `SHOWTABLES` | the table names |
//! | `RAW` or none | `[rows, metadata]`: metadata `{}` for reads, `{ lastID, changes }` for an `INSERT`; `[[], {}]` for other writes and DDL, as Sequelize gives them |
//!
//! With `model` (and without `raw: true`) the rows become instances of the model; with
//! `mapToModel: true` column names are mapped to attribute names. `nest: true` folds
//! `'a.b'` columns into objects.
//!
//! Differences: `UPSERT` and `DESCRIBE` are refused.

use orm::model::Model;
use orm::options::{query_options_from_json, QueryType};
use orm::{Instance, Record, Result, StatementKind, Value};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::convert::{nest, Js};
use crate::engine::{arg, done, Core, Engine};

impl Core {
    /// `query(sql, options)`.
    pub fn query(&mut self, sql: &str, options: &Json) -> Result<Js> {
        let options = query_options_from_json(options)?;
        if let Some(model) = &options.model {
            self.db.model(model)?;
        }
        let result = self.db.query(sql, &options.query)?;
        let changes = Js::from(result.changes);
        let rows_js = |rows: &[Record]| -> Vec<Js> {
            rows.iter()
                .map(|row| {
                    let pairs: Vec<(String, Js)> =
                        orm::collect::map_vec(row.iter(), |(k, v)| (k.clone(), Js::value(v)));
                    if options.nest {
                        nest(pairs)
                    } else {
                        Js::Object(pairs)
                    }
                })
                .collect()
        };
        let first = |rows: Vec<Js>| rows.into_iter().next().unwrap_or(Js::Null);
        let selects = matches!(options.query_type, None | Some(QueryType::Select));
        if let (Some(model), true, false) = (&options.model, selects, options.raw == Some(true)) {
            let model = self.db.model(model)?.clone();
            let instances: Vec<Instance> =
                orm::collect::map_vec(result.rows.iter(), |row| instance_of(&model, row, options.map_to_model));
            let handles = self.register_all(instances, &[]);
            return Ok(match handles {
                Js::Array(items) if options.plain => first(items),
                other => other,
            });
        }
        Ok(match options.query_type {
            Some(QueryType::Select) if options.plain => first(rows_js(&result.rows)),
            Some(QueryType::Select) => Js::Array(rows_js(&result.rows)),
            Some(QueryType::Insert) => Js::Array(vec![last_id(&result), changes]),
            Some(QueryType::Update) => Js::Array(vec![Js::Undefined, changes]),
            Some(QueryType::BulkUpdate | QueryType::BulkDelete) => changes,
            Some(QueryType::Delete) => Js::Undefined,
            Some(QueryType::ShowTables) => {
                Js::list(result.rows.iter().filter_map(|row| row.values().next()), Js::value)
            }
            // Sequelize's [lastID, null] (the last insert id: SQLite keeps it when the row was updated).
            Some(QueryType::Upsert) => Js::Array(vec![last_id(&result), Js::Null]),
            Some(QueryType::Describe) if sql.contains("PRAGMA TABLE_INFO") => describe(&result.rows),
            Some(QueryType::Describe) => Js::Undefined,
            Some(QueryType::Raw) | None if options.plain => first(rows_js(&result.rows)),
            Some(QueryType::Raw) | None => match result.kind {
                _ if sql.contains("PRAGMA TABLE_INFO") => describe(&result.rows),
                // A read, or anything else that returned rows (`PRAGMA table_info(…)`).
                Some(StatementKind::Read) => Js::Array(vec![Js::Array(rows_js(&result.rows)), Js::object::<&str>([])]),
                _ if !result.rows.is_empty() => {
                    Js::Array(vec![Js::Array(rows_js(&result.rows)), Js::object::<&str>([])])
                }
                Some(StatementKind::Write) if first_keyword(sql) == "INSERT" => {
                    Js::Array(vec![Js::Undefined, Js::object([("lastID", last_id(&result)), ("changes", changes)])])
                }
                _ => Js::Array(vec![Js::Array(Vec::new()), Js::object::<&str>([])]),
            },
        })
    }
}

/// What Sequelize makes of `PRAGMA TABLE_INFO` rows: `{ column: { type, allowNull,
/// defaultValue, primaryKey } }` (a default written `'x'` without its quotes).
fn describe(rows: &[Record]) -> Js {
    let columns = rows
        .iter()
        .map(|row| {
            let text = |key: &str| match row.get(key) {
                Some(Value::Text(t)) => Some(t.clone()),
                _ => None,
            };
            let number = |key: &str| match row.get(key) {
                Some(Value::Int(n)) => *n,
                _ => 0,
            };
            let default = match row.get("dflt_value") {
                None | Some(Value::Null) => Js::Undefined,
                Some(Value::Text(t)) if t == "NULL" => Js::Null,
                Some(Value::Text(t)) => Js::from(t.replace('\'', "").as_str()),
                Some(other) => Js::value(other),
            };
            let fields = Js::object([
                ("type", Js::opt_str(text("type").as_deref())),
                ("allowNull", Js::from(number("notnull") == 0)),
                ("defaultValue", default),
                ("primaryKey", Js::from(number("pk") != 0)),
            ]);
            (text("name").unwrap_or_default(), fields)
        })
        .collect();
    Js::Object(columns)
}

/// SQLite's last insert rowid after an `INSERT` (Sequelize's `lastID`), or `null`.
fn last_id(result: &orm::QueryResult) -> Js {
    result.last_insert_id.map_or(Js::Null, |id| Js::value(&Value::Int(id)))
}

/// The first keyword of a statement, upper-cased.
fn first_keyword(sql: &str) -> String {
    sql.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("").to_ascii_uppercase()
}

/// An instance of `model` from a raw row: columns that are attributes get the attribute's type
/// (a `DATE` column becomes a date); with `map_to_model`, columns named by their field get the
/// attribute's name.
fn instance_of(model: &Model, row: &Record, map_to_model: bool) -> Instance {
    let mut record = Record::with_capacity(row.len());
    for (column, value) in row {
        let attr = if map_to_model {
            model.attributes.iter().find(|a| &a.field == column).or_else(|| model.attribute(column))
        } else {
            model.attribute(column)
        };
        match attr {
            Some(attr) => {
                let key = if map_to_model { attr.name.clone() } else { column.clone() };
                record.insert(key, typed(attr.data_type(), value));
            }
            None => {
                record.insert(column.clone(), value.clone());
            }
        }
    }
    Instance::loaded(&model.name, record, None)
}

/// A raw column value as the attribute's type reads it.
fn typed(data_type: &orm::DataType, value: &Value) -> Value {
    data_type.from_stored(value.clone())
}

impl Engine {
    /// `query(sql, optionsJson)` → as Sequelize's `sequelize.query`.
    pub fn query(&mut self, sql: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = arg(&options)?;
        done(self.core.query(sql, &options))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use orm::DataType;

    #[test]
    fn raw_values_take_the_attribute_type() {
        assert_eq!(typed(&DataType::Boolean, &Value::Int(1)), Value::Bool(true));
        assert_eq!(typed(&DataType::Date, &Value::from("1970-01-01 00:00:00.000 +00:00")), Value::Date(0));
        assert_eq!(first_keyword("  insert into x"), "INSERT");
    }
}

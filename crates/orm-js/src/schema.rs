//! `queryInterface(method, args)`: Sequelize's QueryInterface over the core's `schema` module —
//! `createTable`, `addColumn`, `addIndex`, `describeTable`, … — each argument converted from the
//! shell's JSON as the model options are (an attribute here is what `define` takes).

use orm::options::{model_spec_from_json, records_from_json, where_from_json};
use orm::{AttributeSpec, Result};
use serde_json::Value as Json;
use wasm_bindgen::prelude::*;

use crate::convert::Js;
use crate::engine::{arg, done, Core, Engine};
use crate::errors;

impl Core {
    /// `queryInterface(method, args)`.
    pub fn query_interface(&mut self, method: &str, args: &Json) -> Result<Js> {
        let args = args.as_array().cloned().unwrap_or_default();
        let at = |i: usize| args.get(i).unwrap_or(&Json::Null);
        let text = |i: usize, what: &str| -> Result<String> {
            at(i).as_str().map(str::to_owned).ok_or_else(|| {
                errors::usage(format!("queryInterface.{method}: the {what} must be a string; got {}", at(i)))
            })
        };
        Ok(match method {
            "createTable" => {
                let attributes = self.attributes(at(1))?;
                self.db.create_table(&text(0, "table name")?, attributes)?;
                Js::Undefined
            }
            "dropTable" => {
                self.db.drop_table(&text(0, "table name")?)?;
                Js::Undefined
            }
            "dropAllTables" => {
                self.db.drop_all_tables()?;
                Js::Undefined
            }
            "renameTable" => {
                self.db.rename_table(&text(0, "table name")?, &text(1, "new table name")?)?;
                Js::Undefined
            }
            "showAllTables" => Js::Array(self.db.show_all_tables()?.iter().map(|t| Js::from(t.as_str())).collect()),
            "describeTable" => self.describe(&text(0, "table name")?)?,
            "addColumn" => {
                let column = text(1, "column name")?;
                let mut attributes = self.attributes(&Json::Object([(column, at(2).clone())].into_iter().collect()))?;
                self.db.add_column(&text(0, "table name")?, attributes.remove(0))?;
                Js::Undefined
            }
            "removeColumn" => {
                self.db.remove_column(&text(0, "table name")?, &text(1, "column name")?)?;
                Js::Undefined
            }
            "renameColumn" => {
                self.db.rename_column(&text(0, "table name")?, &text(1, "column name")?, &text(2, "new column name")?)?;
                Js::Undefined
            }
            "addIndex" => {
                // addIndex(table, fields, options) or addIndex(table, { fields, … }).
                let (fields, options) = match at(1) {
                    Json::Array(_) => (at(1).clone(), at(2).clone()),
                    Json::Object(o) => (o.get("fields").cloned().unwrap_or(Json::Null), at(1).clone()),
                    other => return Err(errors::usage(format!("queryInterface.addIndex: expected the fields; got {other}"))),
                };
                let fields: Vec<String> = fields
                    .as_array()
                    .map(|a| a.iter().filter_map(|f| f.as_str().map(str::to_owned)).collect())
                    .unwrap_or_default();
                let name = options.get("name").and_then(Json::as_str);
                let unique = options.get("unique") == Some(&Json::Bool(true))
                    || options.get("type").and_then(Json::as_str).is_some_and(|t| t.eq_ignore_ascii_case("unique"));
                let filter = match options.get("where") {
                    None | Some(Json::Null) => None,
                    Some(w) => Some(where_from_json(w)?),
                };
                let name = self.db.add_index(&text(0, "table name")?, &fields, name, unique, filter.as_ref())?;
                Js::from(name.as_str())
            }
            "removeIndex" => {
                self.db.remove_index(&text(0, "table name")?, &text(1, "index name")?)?;
                Js::Undefined
            }
            "showIndex" => {
                let indexes = self.db.show_index(&text(0, "table name")?)?;
                Js::Array(
                    indexes
                        .iter()
                        .map(|i| {
                            Js::object([
                                ("name", Js::from(i.name.as_str())),
                                ("unique", Js::from(i.unique)),
                                (
                                    "fields",
                                    Js::Array(
                                        i.columns.iter().map(|c| Js::object([("attribute", Js::from(c.as_str()))])).collect(),
                                    ),
                                ),
                            ])
                        })
                        .collect(),
                )
            }
            "bulkInsert" => {
                let rows = records_from_json(at(1))?;
                Js::from(self.db.bulk_insert(&text(0, "table name")?, rows)? as i64)
            }
            "bulkDelete" => {
                let filter = optional_where(at(1))?;
                Js::from(self.db.bulk_delete(&text(0, "table name")?, filter.as_ref())? as i64)
            }
            "bulkUpdate" => {
                let values = orm::options::record_from_json(at(1))?;
                let filter = optional_where(at(2))?;
                Js::from(self.db.bulk_update(&text(0, "table name")?, &values, filter.as_ref())? as i64)
            }
            "select" | "rawSelect" => {
                let options = at(1);
                let attributes: Option<Vec<String>> = options
                    .get("attributes")
                    .and_then(Json::as_array)
                    .map(|a| a.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect());
                let filter = optional_where(options.get("where").unwrap_or(&Json::Null))?;
                let rows = self.db.select_rows(&text(0, "table name")?, attributes.as_deref(), filter.as_ref())?;
                if method == "rawSelect" {
                    // The first row's value of the column asked for, or null.
                    let column = text(2, "column name")?;
                    rows.first().and_then(|r| r.get(&column)).map_or(Js::Null, Js::value)
                } else {
                    Js::Array(
                        rows.iter()
                            .map(|r| Js::Object(r.iter().map(|(k, v)| (k.clone(), Js::value(v))).collect()))
                            .collect(),
                    )
                }
            }
            other => {
                return Err(errors::usage(format!(
                    "queryInterface.{other} is not one of the playground's: createTable, dropTable, dropAllTables, renameTable, showAllTables, describeTable, addColumn, removeColumn, renameColumn, addIndex, removeIndex, showIndex, bulkInsert, bulkUpdate, bulkDelete, select, rawSelect"
                )))
            }
        })
    }

    /// Attributes as `define` takes them, for a table (no `id` or timestamps added).
    fn attributes(&self, json: &Json) -> Result<Vec<AttributeSpec>> {
        let spec = model_spec_from_json(&self.db, "Table", json, &serde_json::json!({ "timestamps": false }))?;
        Ok(spec.attributes)
    }

    /// `describeTable(table)`: `{ column: { type, allowNull, defaultValue, primaryKey, unique } }`
    /// as Sequelize gives it (a column alone in a unique index is `unique`).
    fn describe(&mut self, table: &str) -> Result<Js> {
        let columns = self.db.describe_table(table)?;
        let indexes = self.db.show_index(table)?;
        let unique = |c: &str| indexes.iter().any(|i| i.unique && i.columns.len() == 1 && i.columns[0] == c);
        Ok(Js::Object(
            columns
                .iter()
                .map(|c| {
                    let default = match c.default.as_deref() {
                        None => Js::Undefined,
                        Some("NULL") => Js::Null,
                        Some(text) => Js::from(text.replace('\'', "").as_str()),
                    };
                    let fields = Js::object([
                        ("type", Js::from(c.data_type.as_str())),
                        ("allowNull", Js::from(c.allow_null)),
                        ("defaultValue", default),
                        ("primaryKey", Js::from(c.primary_key)),
                        ("unique", Js::from(unique(&c.name))),
                    ]);
                    (c.name.clone(), fields)
                })
                .collect(),
        ))
    }
}

/// A `where` that may be absent or empty (no condition).
fn optional_where(json: &Json) -> Result<Option<orm::Where>> {
    match json {
        Json::Null => Ok(None),
        Json::Object(o) if o.is_empty() => Ok(None),
        w => where_from_json(w).map(Some),
    }
}

impl Engine {
    /// `queryInterface(method, argsJson)` → what Sequelize's QueryInterface method returns.
    pub fn query_interface(&mut self, method: &str, args: JsValue) -> Result<JsValue, JsValue> {
        let args = arg(&args)?;
        done(self.core.query_interface(method, &args))
    }
}

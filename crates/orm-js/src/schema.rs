//! `queryInterface(method, args)`: Sequelize's QueryInterface over the core's `schema` module —
//! `createTable`, `addColumn`, `addIndex`, `describeTable`, … — each argument converted from the
//! shell's JSON as the model options are (an attribute here is what `define` takes).

use orm::model::ReferentialAction;
use orm::options::{model_spec_from_json, records_from_json, where_from_json};
use orm::schema::alter::TablePlan;
use orm::schema::diff::SchemaChange;
use orm::schema::migration_code::IndexPlan;
use orm::schema::{ConstraintKind, ConstraintSpec};
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
            "showAllTables" => Js::list(self.db.show_all_tables()?.iter(), |t| Js::from(t.as_str())),
            "describeTable" => self.describe(&text(0, "table name")?)?,
            "addColumn" => {
                let column = text(1, "column name")?;
                let mut attributes = self.attributes(&Json::Object([(column, at(2).clone())].into_iter().collect()))?;
                self.db.add_column(&text(0, "table name")?, attributes.remove(0))?;
                Js::Undefined
            }
            "changeColumn" => {
                let column = text(1, "column name")?;
                let mut attributes = self.attributes(&Json::Object([(column.clone(), at(2).clone())].into_iter().collect()))?;
                self.db.change_column(&text(0, "table name")?, &column, attributes.remove(0))?;
                Js::Undefined
            }
            "addConstraint" => {
                // addConstraint(table, { type, fields, … }) or, as Sequelize 5, (table, fields, { … }).
                let options = match at(1) {
                    Json::Array(fields) => {
                        let mut options = at(2).as_object().cloned().unwrap_or_default();
                        options.insert("fields".into(), Json::Array(fields.clone()));
                        Json::Object(options)
                    }
                    other => other.clone(),
                };
                let constraint = constraint_from_json(&options)?;
                Js::from(self.db.add_constraint(&text(0, "table name")?, &constraint)?.as_str())
            }
            "removeConstraint" => {
                self.db.remove_constraint(&text(0, "table name")?, &text(1, "constraint name")?)?;
                Js::Undefined
            }
            "showConstraint" => Js::list(self.db.show_constraints(&text(0, "table name")?)?.iter(), |c| {
                Js::object([
                    ("constraintName", Js::from(c.name.as_str())),
                    ("constraintType", Js::from(c.kind.as_str())),
                    ("constraintCondition", Js::from(c.condition.as_str())),
                ])
            }),
            "getForeignKeyReferencesForTable" => {
                let table = text(0, "table name")?;
                Js::list(self.db.foreign_key_references(&table)?.iter(), |r| {
                    Js::object([
                        ("tableName", Js::from(table.as_str())),
                        ("columnName", Js::from(r.column.as_str())),
                        ("referencedTableName", Js::from(r.referenced_table.as_str())),
                        ("referencedColumnName", Js::from(r.referenced_column.as_str())),
                    ])
                })
            }
            // The migrator's own steps (not on the QueryInterface object).
            "setForeignKeys" => {
                self.db.set_foreign_keys(at(0) == &Json::Bool(true))?;
                Js::Undefined
            }
            "checkForeignKeys" => {
                self.db.check_foreign_keys(None)?;
                Js::Undefined
            }
            "executedMigrations" => {
                Js::list(self.db.executed_migrations()?.iter(), |n| Js::from(n.as_str()))
            }
            "schemaMark" => {
                self.schema_mark = self.db.schema_state()?;
                Js::Undefined
            }
            "schemaDiff" => {
                let after = self.db.schema_state()?;
                Js::list(orm::schema::diff::diff(&self.schema_mark, &after).iter(), change_js)
            }
            "plansFromModels" => Js::list(self.db.plans_from_models()?.iter(), |(p, i)| plan_js(p, i)),
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
                    .map(|a| orm::collect::filter_map_vec(a.iter(), |f| f.as_str().map(str::to_owned)))
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
                                        orm::collect::map_vec(i.columns.iter(), |c| Js::object([("attribute", Js::from(c.as_str()))])),
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
                    .map(|a| orm::collect::filter_map_vec(a.iter(), |n| n.as_str().map(str::to_owned)));
                let filter = optional_where(options.get("where").unwrap_or(&Json::Null))?;
                let rows = self.db.select_rows(&text(0, "table name")?, attributes.as_deref(), filter.as_ref())?;
                if method == "rawSelect" {
                    // The first row's value of the column asked for, or null.
                    let column = text(2, "column name")?;
                    rows.first().and_then(|r| r.get(&column)).map_or(Js::Null, Js::value)
                } else {
                    Js::list(rows.iter(), |r| Js::Object(orm::collect::map_vec(r.iter(), |(k, v)| (k.clone(), Js::value(v)))))
                }
            }
            other => {
                return Err(errors::usage(format!(
                    "queryInterface.{other} is not one of the playground's: createTable, dropTable, dropAllTables, renameTable, showAllTables, describeTable, addColumn, changeColumn, removeColumn, renameColumn, addIndex, removeIndex, showIndex, addConstraint, removeConstraint, showConstraint, getForeignKeyReferencesForTable, bulkInsert, bulkUpdate, bulkDelete, select, rawSelect"
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
        let references = self.db.foreign_key_references(table)?;
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
                    let mut fields = Js::object([
                        ("type", Js::from(c.data_type.as_str())),
                        ("allowNull", Js::from(c.allow_null)),
                        ("defaultValue", default),
                        ("primaryKey", Js::from(c.primary_key)),
                        ("unique", Js::from(unique(&c.name))),
                    ]);
                    if let (Js::Object(fields), Some(r)) = (&mut fields, references.iter().find(|r| r.column == c.name))
                    {
                        fields.push((
                            "references".to_owned(),
                            Js::object([
                                ("model", Js::from(r.referenced_table.as_str())),
                                ("key", Js::from(r.referenced_column.as_str())),
                            ]),
                        ));
                    }
                    (c.name.clone(), fields)
                })
                .collect(),
        ))
    }
}

/// A table's plan for a migration written from the models: `{ table, create, added: [[column,
/// sql]], changed: [[column, before, after]], removed: [[column, sql]], indexes: [[name, [columns],
/// unique]] }`.
fn plan_js(plan: &TablePlan, indexes: &[IndexPlan]) -> Js {
    let texts = |items: &[&str]| Js::list(items.iter(), |t| Js::from(*t));
    Js::object([
        ("table", Js::from(plan.table.as_str())),
        ("create", Js::from(plan.create)),
        ("added", Js::list(plan.added.iter(), |a| texts(&[&a.column, &a.definition]))),
        ("changed", Js::list(plan.changed.iter(), |(c, a, b)| texts(&[c, a, b]))),
        ("removed", Js::list(plan.removed.iter(), |(c, a)| texts(&[c, a]))),
        (
            "indexes",
            Js::list(indexes.iter(), |i| {
                let columns: Vec<&str> = orm::collect::map_vec(i.columns.iter(), String::as_str);
                Js::Array(vec![Js::from(i.name.as_str()), texts(&columns), Js::from(i.unique)])
            }),
        ),
    ])
}

/// A schema change as the report gives it: `{ table, change, before, after }`, `change` one of
/// `table-added`, `table-removed`, `column-added`, `column-removed`, `column-changed`,
/// `table-changed`, `index-added`, `index-removed`.
fn change_js(change: &SchemaChange) -> Js {
    let (table, kind, before, after) = match change {
        SchemaChange::TableAdded(t, sql) => (t, "table-added", None, Some(sql)),
        SchemaChange::TableRemoved(t, sql) => (t, "table-removed", Some(sql), None),
        SchemaChange::ColumnAdded(t, sql) => (t, "column-added", None, Some(sql)),
        SchemaChange::ColumnRemoved(t, sql) => (t, "column-removed", Some(sql), None),
        SchemaChange::ColumnChanged(t, a, b) => (t, "column-changed", Some(a), Some(b)),
        SchemaChange::TableChanged(t, a, b) => (t, "table-changed", Some(a), Some(b)),
        SchemaChange::IndexAdded(t, sql) => (t, "index-added", None, Some(sql)),
        SchemaChange::IndexRemoved(t, sql) => (t, "index-removed", Some(sql), None),
    };
    Js::object([
        ("table", Js::from(table.as_str())),
        ("change", Js::from(kind)),
        ("before", Js::opt_str(before.map(String::as_str))),
        ("after", Js::opt_str(after.map(String::as_str))),
    ])
}

/// `addConstraint`'s options: `{ type, fields, name, where, references: { table, field },
/// onDelete, onUpdate }`.
fn constraint_from_json(json: &Json) -> Result<ConstraintSpec> {
    let fields: Vec<String> = json
        .get("fields")
        .and_then(Json::as_array)
        .map(|a| orm::collect::filter_map_vec(a.iter(), |f| f.as_str().map(str::to_owned)))
        .unwrap_or_default();
    let name = json.get("name").and_then(Json::as_str).map(str::to_owned);
    let action = |key: &str| -> Result<Option<ReferentialAction>> {
        json.get(key).and_then(Json::as_str).map(ReferentialAction::parse).transpose()
    };
    let kind = match json.get("type").and_then(Json::as_str).map(str::to_ascii_lowercase).as_deref() {
        Some("unique") => ConstraintKind::Unique,
        Some("primary key") => ConstraintKind::PrimaryKey,
        Some("check") => ConstraintKind::Check(where_from_json(json.get("where").unwrap_or(&Json::Null)).map_err(|e| {
            errors::usage(format!("queryInterface.addConstraint: a check needs a where: {}", e.message))
        })?),
        Some("foreign key") => {
            let references = json.get("references").unwrap_or(&Json::Null);
            let table = references.get("table").or_else(|| references.get("model")).and_then(Json::as_str);
            let column = references.get("field").or_else(|| references.get("key")).and_then(Json::as_str);
            let (Some(table), Some(column)) = (table, column) else {
                return Err(errors::usage(
                    "queryInterface.addConstraint: a foreign key needs references: { table: 'users', field: 'id' }",
                ));
            };
            ConstraintKind::ForeignKey {
                table: table.to_owned(),
                column: column.to_owned(),
                on_delete: action("onDelete")?,
                on_update: action("onUpdate")?,
            }
        }
        Some("default") => {
            return Err(errors::usage(
                "queryInterface.addConstraint: SQLite has no DEFAULT constraint (Sequelize adds one on MSSQL only); give the column a defaultValue with changeColumn",
            ))
        }
        other => {
            return Err(errors::usage(format!(
                "queryInterface.addConstraint: type must be 'unique', 'check', 'primary key' or 'foreign key'; got {}",
                other.map_or("nothing".to_owned(), |t| format!("'{t}'"))
            )))
        }
    };
    Ok(ConstraintSpec { kind, fields, name })
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

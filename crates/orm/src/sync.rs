//! `sync` and `drop`: the DDL for the defined models — `CREATE TABLE` with the database-level
//! constraints (NOT NULL, UNIQUE, PRIMARY KEY, DEFAULT, REFERENCES … ON DELETE/ON UPDATE) and
//! indexes, in dependency order so a table exists before another references it.
//!
//! DDL cannot bind parameters, so a literal `defaultValue` is the one value written into SQL
//! text: it goes through [`sql_literal`], which only writes numbers, `NULL` and single-quoted
//! strings with quotes doubled (SQLite has no backslash escapes), and refuses NUL bytes.

use crate::db::{Ctx, Database};
use crate::error::{Error, Result};
use crate::ident::quote;
use crate::lens::Special;
use crate::model::{DefaultValue, Model, Unique};
use crate::types::plain_storage;
use crate::value::Value;

/// Options of `sync`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncOptions {
    /// `force: true`: drop each table first.
    pub force: bool,
    /// `alter: true` (or `{ drop: false }`): make each existing table match its model
    /// ([`crate::schema::alter`]).
    pub alter: Option<Alter>,
}

/// `alter`'s options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alter {
    /// Remove the columns the model does not have (`alter: { drop: false }` keeps them).
    pub drop: bool,
}

impl Database {
    /// Creates the tables of every defined model that do not exist yet (`sequelize.sync()`);
    /// with `force`, drops them first. The statements are the ones Sequelize 6 runs on SQLite,
    /// so a `logging` counter sees the same number: per model, a look in `sqlite_master` (or, with
    /// `force`, a `DROP`), the `CREATE TABLE`, `PRAGMA INDEX_LIST` (and `INDEX_INFO` for SQLite's
    /// own unique indexes), then the model's missing indexes. `force` first drops every table,
    /// dependents first, then again with foreign keys off, as Sequelize does.
    pub fn sync(&mut self, options: SyncOptions) -> Result<()> {
        let order = self.dependency_order()?;
        self.in_call(|db| {
            if options.force {
                for name in order.iter().rev() {
                    db.drop_model_table(name, "sync")?;
                }
                let ctx = Ctx::new(None, "sync");
                db.executor.exec(&ctx, &crate::lens::Special::ForeignKeys(false))?;
                for name in &order {
                    db.drop_model_table(name, "sync")?;
                }
                db.executor.exec(&ctx, &crate::lens::Special::ForeignKeys(true))?;
            }
            for name in &order {
                db.sync_one(name, options)?;
            }
            Ok(())
        })
    }

    /// Creates the table of one model (`Model.sync()`).
    pub fn sync_model(&mut self, model: &str, options: SyncOptions) -> Result<()> {
        self.model(model)?;
        self.in_call(|db| db.sync_one(model, options))
    }

    /// Drops the tables of every defined model (`sequelize.drop()`), dependents first.
    pub fn drop_all(&mut self) -> Result<()> {
        let order = self.dependency_order()?;
        self.in_call(|db| {
            for name in order.iter().rev() {
                db.drop_model_table(name, "drop")?;
            }
            Ok(())
        })
    }

    /// Drops the table of one model (`Model.drop()`): `DROP TABLE IF EXISTS`, as Sequelize. A
    /// table other tables reference can still be dropped (SQLite checks foreign keys on writes,
    /// not on `DROP`, unless a row would be left dangling — then it is a foreign-key error).
    pub fn drop_model(&mut self, model: &str) -> Result<()> {
        self.model(model)?;
        self.in_call(|db| db.drop_model_table(model, "drop"))
    }

    fn drop_model_table(&mut self, name: &str, operation: &'static str) -> Result<()> {
        let table = self.model(name)?.table.clone();
        self.drop_table_reporting(&Ctx::new(Some(name), operation), &table)
    }

    fn sync_one(&mut self, name: &str, options: SyncOptions) -> Result<()> {
        let model = self.model(name)?;
        let table = model.table.clone();
        let create = create_table_sql(model)?;
        let indexes = create_index_sql(model);
        let ctx = Ctx::new(Some(name), "sync");
        let mut exists = false;
        if options.force {
            self.drop_model_table(name, "sync")?;
        } else {
            exists = !self.executor.read(&ctx, &Special::TableExists(&table), |_| ())?.0.is_empty();
        }
        match options.alter {
            Some(alter) if exists => self.alter_table(name, alter.drop)?,
            _ => {
                let model = self.model_rc(name)?;
                self.executor.exec(&ctx, &Special::CreateTable(&model, &create))?
            }
        }
        let (existing, _) =
            self.executor.read(&ctx, &Special::IndexList(&table), |row| row.get::<_, String>(1).unwrap_or_default())?;
        for auto in existing.iter().filter(|n| n.starts_with("sqlite_autoindex_")) {
            self.executor.read(&ctx, &Special::IndexInfo(auto), |_| ())?;
        }
        let model = self.model_rc(name)?;
        for ((index, sql), spec) in indexes.iter().zip(&model.options.indexes) {
            if !existing.contains(index) {
                let fields = crate::collect::map_vec(spec.fields.iter(), |f| {
                    model.attribute(f).map_or_else(|| f.clone(), |a| a.field.clone())
                });
                let stmt = Special::AddIndex {
                    sql,
                    table: &table,
                    name: index,
                    fields: &fields,
                    unique: spec.unique,
                    partial: false,
                };
                self.executor.exec(&ctx, &stmt)?;
            }
        }
        Ok(())
    }

    /// Model names ordered so that every model comes after the models its foreign keys reference.
    pub(crate) fn dependency_order(&self) -> Result<Vec<String>> {
        let models: Vec<&Model> = crate::collect::map_vec(self.models(), |m| m);
        let mut done: Vec<String> = Vec::new();
        let mut visiting: Vec<String> = Vec::new();
        fn visit<'a>(model: &'a Model, models: &[&'a Model], done: &mut Vec<String>, visiting: &mut Vec<String>) {
            if done.contains(&model.name) || visiting.contains(&model.name) {
                return; // already placed, or a cycle: SQLite accepts forward references
            }
            visiting.push(model.name.clone());
            for attr in &model.attributes {
                if let Some(target) =
                    attr.spec.references.as_ref().and_then(|r| models.iter().find(|m| m.table == r.table))
                {
                    if target.name != model.name {
                        visit(target, models, done, visiting);
                    }
                }
            }
            visiting.retain(|n| n != &model.name);
            done.push(model.name.clone());
        }
        for model in &models {
            visit(model, &models, &mut done, &mut visiting);
        }
        Ok(done)
    }
}

/// The `CREATE TABLE IF NOT EXISTS` statement of a model, as Sequelize writes it on SQLite.
pub fn create_table_sql(model: &Model) -> Result<String> {
    let mut columns = Vec::new();
    let single_pk = model.primary_key.len() == 1;
    for attr in &model.attributes {
        columns.push(column_definition(attr, single_pk)?);
    }
    if !single_pk && !model.primary_key.is_empty() {
        let keys: Vec<String> =
            crate::collect::map_vec(model.primary_key.iter().filter_map(|i| model.attributes.get(*i)), |a| {
                quote(&a.field)
            });
        columns.push(format!("PRIMARY KEY ({})", keys.join(", ")));
    }
    for (_, fields) in model.composite_uniques(quote) {
        columns.push(format!("UNIQUE ({})", fields.join(", ")));
    }
    Ok(format!("CREATE TABLE IF NOT EXISTS {} ({});", quote(&model.table), columns.join(", ")))
}

/// One column's definition in `CREATE TABLE` or `ALTER TABLE … ADD`: name, type, key or
/// `NOT NULL`, default, `UNIQUE`, `REFERENCES`. `single_pk`: the table's key is this one column.
pub fn column_definition(attr: &crate::model::Attribute, single_pk: bool) -> Result<String> {
    let spec = &attr.spec;
    let mut column = format!("{} {}", quote(&attr.field), spec.data_type.sql());
    if spec.primary_key && single_pk {
        column.push_str(" PRIMARY KEY");
        if spec.auto_increment {
            column.push_str(" AUTOINCREMENT");
        }
    } else if !spec.allow_null {
        column.push_str(" NOT NULL");
    }
    if let Some(DefaultValue::Value(value)) = &spec.default {
        let stored = spec.data_type.to_storage(&attr.name, value)?;
        column.push_str(" DEFAULT ");
        match (value, &stored) {
            // A number is written as it was given (`DEFAULT 0` for a DECIMAL, as Sequelize).
            (Value::Int(i), rusqlite::types::Value::Real(_)) => column.push_str(&i.to_string()),
            _ => column.push_str(&sql_literal(&crate::types::from_sql_value(stored), &attr.name)?),
        }
    }
    if spec.unique == Some(Unique::Single) {
        column.push_str(" UNIQUE");
    }
    if let Some(references) = &spec.references {
        column.push_str(&format!(" REFERENCES {} ({})", quote(&references.table), quote(&references.column)));
        if let Some(action) = references.on_delete {
            column.push_str(" ON DELETE ");
            column.push_str(action.sql());
        }
        if let Some(action) = references.on_update {
            column.push_str(" ON UPDATE ");
            column.push_str(action.sql());
        }
    }
    Ok(column)
}

/// The `CREATE INDEX` statements of a model's `indexes` option, with the index names; the default
/// name is Sequelize's `table_field1_field2`, lower-cased.
pub fn create_index_sql(model: &Model) -> Vec<(String, String)> {
    crate::collect::map_vec(&model.options.indexes, |index| {
        let columns: Vec<String> = crate::collect::map_vec(&index.fields, |f| {
            model.attribute(f).map_or_else(|| f.clone(), |a| a.field.clone())
        });
        let name = index
            .name
            .clone()
            .unwrap_or_else(|| crate::text::lowercase(&format!("{}_{}", model.table, columns.join("_"))));
        let quoted: Vec<String> = crate::collect::map_vec(columns.iter(), |c| quote(c));
        let sql = format!(
            "CREATE {}INDEX {} ON {} ({});",
            if index.unique { "UNIQUE " } else { "" },
            quote(&name),
            quote(&model.table),
            quoted.join(", ")
        );
        (name, sql)
    })
}

/// Writes a stored value as an SQL literal for DDL: see the module docs.
pub fn sql_literal(value: &Value, attribute: &str) -> Result<String> {
    Ok(match plain_storage(value) {
        rusqlite::types::Value::Null => "NULL".to_owned(),
        rusqlite::types::Value::Integer(i) => i.to_string(),
        rusqlite::types::Value::Real(f) if f.is_finite() => crate::number::debug(f),
        rusqlite::types::Value::Real(_) => {
            return Err(Error::usage(format!("defaultValue of \"{attribute}\" must be a finite number")))
        }
        rusqlite::types::Value::Text(t) => {
            if t.contains('\0') {
                return Err(Error::usage(format!("defaultValue of \"{attribute}\" contains a NUL character")));
            }
            format!("'{}'", t.replace('\'', "''"))
        }
        rusqlite::types::Value::Blob(b) => {
            let hex: String = b.iter().map(|byte| format!("{byte:02X}")).collect();
            format!("X'{hex}'")
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AttributeSpec, ModelOptions, ModelSpec, References, ReferentialAction};
    use crate::types::DataType;

    #[test]
    fn create_table_like_sequelize() {
        let mut label = AttributeSpec::new("label", DataType::String(None)).unique();
        label.default = Some(DefaultValue::Value(Value::from("it's")));
        let ok = AttributeSpec::new("ok", DataType::Boolean).default(DefaultValue::Value(Value::Bool(true)));
        let mut category = AttributeSpec::new("categoryId", DataType::Integer);
        category.references = Some(References {
            table: "Categories".into(),
            column: "id".into(),
            on_delete: Some(ReferentialAction::SetNull),
            on_update: Some(ReferentialAction::Cascade),
        });
        let model = Model::from_spec(
            ModelSpec::new("Category").attribute(label).attribute(ok).attribute(category).options(ModelOptions {
                indexes: vec![crate::model::IndexSpec { name: None, fields: vec!["ok".into()], unique: false }],
                ..ModelOptions::default()
            }),
        )
        .unwrap();
        assert_eq!(
            create_table_sql(&model).unwrap(),
            "CREATE TABLE IF NOT EXISTS `Categories` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `label` VARCHAR(255) DEFAULT 'it''s' UNIQUE, `ok` TINYINT(1) DEFAULT 1, `categoryId` INTEGER REFERENCES `Categories` (`id`) ON DELETE SET NULL ON UPDATE CASCADE, `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);"
        );
        assert_eq!(
            create_index_sql(&model),
            [("categories_ok".to_owned(), "CREATE INDEX `categories_ok` ON `Categories` (`ok`);".to_owned())]
        );
    }

    #[test]
    fn literals_are_escaped_or_refused() {
        assert_eq!(sql_literal(&Value::from("a'); DROP TABLE t; --"), "x").unwrap(), "'a''); DROP TABLE t; --'");
        assert!(sql_literal(&Value::from("a\0b"), "x").is_err());
        assert_eq!(sql_literal(&Value::Float(1.5), "x").unwrap(), "1.5");
    }
}

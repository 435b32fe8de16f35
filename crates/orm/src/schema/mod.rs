//! The QueryInterface: schema changes by table name, as migrations make them
//! (`queryInterface.createTable`, `addColumn`, `addIndex`, …), every statement in the query log.
//!
//! SQLite (3.35 and later, as here) adds, renames and drops a column with `ALTER TABLE` itself,
//! keeping the rest of the table; so do we (Sequelize rebuilds the table to drop a column). A
//! column SQLite cannot drop (part of an index, a key, a foreign key) is an error that says so,
//! and changes nothing. What `ALTER TABLE` cannot do — change a column, add or remove a
//! constraint — is a rebuild ([`rebuild`]) that keeps everything else the table had.
//! `sync({ alter: true })` is in [`alter`].

pub mod alter;
mod definition;
pub mod diff;
pub mod migration_code;
pub mod rebuild;

pub use rebuild::{ConstraintDescription, ConstraintKind, ConstraintSpec, ForeignKeyReference};

use crate::db::{Ctx, Database};
use crate::error::{Error, Result};
use crate::ident::{self, quote, IdentKind};
use crate::instance::Record;
use crate::lens::SqliteOnly;
use crate::log::{DataLoss, DataLossKind, Report};
use crate::model::{AttributeSpec, Model, ModelOptions, ModelSpec};
use crate::query::filter::Where;
use crate::sql::Rendered;
use crate::types::DataType;
use crate::value::Value;

/// A column as `describeTable` gives it (`PRAGMA TABLE_INFO`).
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnDescription {
    /// The column name.
    pub name: String,
    /// Its declared type (`VARCHAR(255)`).
    pub data_type: String,
    /// Whether it accepts NULL.
    pub allow_null: bool,
    /// Its default, as SQLite keeps it (SQL text), if any.
    pub default: Option<String>,
    /// Whether it is (part of) the primary key.
    pub primary_key: bool,
}

/// An index as `showIndex` gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexDescription {
    /// The index name.
    pub name: String,
    /// `UNIQUE`.
    pub unique: bool,
    /// The columns, in order.
    pub columns: Vec<String>,
}

impl Database {
    fn schema_ctx(&self) -> Ctx<'static> {
        Ctx::new(None, "queryInterface")
    }

    fn check_table(table: &str) -> Result<()> {
        ident::check(IdentKind::Table, table)
    }

    /// `createTable(table, attributes)`: `CREATE TABLE IF NOT EXISTS`, the columns as given
    /// (no `id` or timestamps added: a migration says what it wants).
    pub fn create_table(&mut self, table: &str, attributes: Vec<AttributeSpec>) -> Result<()> {
        let model = table_model(table, attributes)?;
        let sql = crate::sync::create_table_sql(&model)?;
        let ctx = self.schema_ctx();
        self.executor.exec(&ctx, &crate::lens::Special::CreateTable(&model, &sql))
    }

    /// `dropTable(table)`: `DROP TABLE IF EXISTS`.
    pub fn drop_table(&mut self, table: &str) -> Result<()> {
        Self::check_table(table)?;
        let ctx = self.schema_ctx();
        self.drop_table_reporting(&ctx, table)
    }

    /// `DROP TABLE IF EXISTS`, reporting the rows it deletes ([`DataLossKind::DroppedTable`]).
    pub(crate) fn drop_table_reporting(&mut self, ctx: &Ctx, table: &str) -> Result<()> {
        let rows = if self.executor.wants_reports() && self.table_exists(table)? {
            self.executor.quiet_number(&format!("SELECT count(*) FROM {};", quote(table)))? as usize
        } else {
            0
        };
        self.executor.exec(ctx, &crate::lens::Special::DropTable(table))?;
        if rows > 0 {
            let query_id = self.executor.last_event_id();
            let table = table.to_owned();
            self.report(|_| {
                Some(Report::DataLoss(DataLoss {
                    query_id,
                    table,
                    column: None,
                    rows,
                    what: DataLossKind::DroppedTable,
                }))
            });
        }
        Ok(())
    }

    /// `renameTable(from, to)`: `ALTER TABLE … RENAME TO …`.
    pub fn rename_table(&mut self, from: &str, to: &str) -> Result<()> {
        Self::check_table(from)?;
        Self::check_table(to)?;
        let ctx = self.schema_ctx();
        self.executor.exec(&ctx, &crate::lens::Special::RenameTable(from, to))
    }

    /// `showAllTables()`: the tables, without SQLite's own.
    pub fn show_all_tables(&mut self) -> Result<Vec<String>> {
        let ctx = self.schema_ctx();
        let sql = SqliteOnly(Rendered {
            sql: "SELECT name FROM `sqlite_master` WHERE type = ? AND substr(name, 1, 7) <> ?;".to_owned(),
            params: vec![Value::from("table"), Value::from("sqlite_")],
        });
        Ok(self.executor.read(&ctx, &sql, |row| row.get::<_, String>(0).unwrap_or_default())?.0)
    }

    /// `dropAllTables()`: every table, with foreign keys off while they go (as Sequelize).
    pub fn drop_all_tables(&mut self) -> Result<()> {
        let tables = self.show_all_tables()?;
        let ctx = self.schema_ctx();
        self.executor.exec(&ctx, &crate::lens::Special::ForeignKeys(false))?;
        let dropped = tables.iter().try_for_each(|t| self.drop_table_reporting(&ctx, t));
        self.executor.exec(&ctx, &crate::lens::Special::ForeignKeys(true))?;
        dropped
    }

    /// The names in sequelize-cli's `SequelizeMeta` table (the migrations run), read without
    /// logging; none when the table does not exist.
    pub fn executed_migrations(&self) -> Result<Vec<String>> {
        if !self.table_exists("SequelizeMeta")? {
            return Ok(Vec::new());
        }
        self.executor.quiet_texts("SELECT name FROM `SequelizeMeta` ORDER BY name;", 0)
    }

    /// `describeTable(table)`: its columns; an unknown table is an error naming it.
    pub fn describe_table(&mut self, table: &str) -> Result<Vec<ColumnDescription>> {
        Self::check_table(table)?;
        let ctx = self.schema_ctx();
        let sql = SqliteOnly::text(format!("PRAGMA TABLE_INFO({});", quote(table)));
        let (columns, _) = self.executor.read(&ctx, &sql, |row| ColumnDescription {
            name: row.get(1).unwrap_or_default(),
            data_type: row.get(2).unwrap_or_default(),
            allow_null: row.get::<_, i64>(3).unwrap_or(0) == 0,
            default: row.get::<_, Option<String>>(4).unwrap_or(None),
            primary_key: row.get::<_, i64>(5).unwrap_or(0) != 0,
        })?;
        if columns.is_empty() {
            return Err(Error::usage(format!(
                "No description found for \"{table}\" table. Check the table name and schema; remember, they _are_ case sensitive."
            )));
        }
        Ok(columns)
    }

    /// `addColumn(table, column, attribute)`: `ALTER TABLE … ADD …`.
    pub fn add_column(&mut self, table: &str, mut attribute: AttributeSpec) -> Result<()> {
        Self::check_table(table)?;
        self.describe_quietly(table)?;
        // The column is named by `field` when given, as Sequelize writes it.
        if let Some(field) = attribute.field.take() {
            attribute.name = field;
        }
        let model = table_model(table, vec![attribute.clone()])?;
        let column = column_sql(table, attribute)?;
        let sql = format!("ALTER TABLE {} ADD {};", quote(table), column);
        let ctx = self.schema_ctx();
        self.executor.exec(&ctx, &crate::lens::Special::AddColumn(&sql, table, &model))
    }

    /// `removeColumn(table, column)`: `ALTER TABLE … DROP COLUMN` (see the module doc).
    pub fn remove_column(&mut self, table: &str, column: &str) -> Result<()> {
        Self::check_table(table)?;
        ident::check(IdentKind::Column, column)?;
        self.require_column(table, column)?;
        let ctx = self.schema_ctx();
        let rows = if self.executor.wants_reports() { self.count_values(table, column)? } else { 0 };
        self.executor
            .exec(&ctx, &crate::lens::Special::RemoveColumn(table, column))
            .map(|()| {
                if rows > 0 {
                    let query_id = self.executor.last_event_id();
                    self.report(|_| {
                        Some(Report::DataLoss(DataLoss {
                            query_id,
                            table: table.to_owned(),
                            column: Some(column.to_owned()),
                            rows,
                            what: DataLossKind::DroppedColumn,
                        }))
                    });
                }
            })
            .map_err(|e| {
                Error::new(
                    e.kind,
                    format!(
                        "{} (SQLite drops a column only when no index, key or constraint uses it: remove those first)",
                        e.message
                    ),
                )
            })
    }

    /// `renameColumn(table, from, to)`: `ALTER TABLE … RENAME COLUMN … TO …`.
    pub fn rename_column(&mut self, table: &str, from: &str, to: &str) -> Result<()> {
        Self::check_table(table)?;
        ident::check(IdentKind::Column, to)?;
        self.require_column(table, from)?;
        let ctx = self.schema_ctx();
        self.executor.exec(
            &ctx,
            &crate::lens::SqliteOnly::text(format!(
                "ALTER TABLE {} RENAME COLUMN {} TO {};",
                quote(table),
                quote(from),
                quote(to)
            )),
        )
    }

    /// `addIndex(table, fields, { name, unique, where })`. The partial index's condition is
    /// written into the DDL (an index cannot bind parameters), each value as an escaped literal.
    pub fn add_index(
        &mut self,
        table: &str,
        fields: &[String],
        name: Option<&str>,
        unique: bool,
        filter: Option<&Where>,
    ) -> Result<String> {
        Self::check_table(table)?;
        if fields.is_empty() {
            return Err(Error::usage("addIndex needs at least one field"));
        }
        let columns = self.describe_quietly(table)?;
        for field in fields {
            if !columns.iter().any(|(c, ..)| c == field) {
                return Err(Error::usage(format!("addIndex: table {table} has no column {field}")));
            }
        }
        let name = match name {
            Some(name) => name.to_owned(),
            None => crate::text::lowercase(&format!("{table}_{}", fields.join("_"))),
        };
        ident::check(IdentKind::Index, &name)?;
        let quoted: Vec<String> = crate::collect::map_vec(fields.iter(), |f| quote(f));
        let mut sql = format!(
            "CREATE {}INDEX {} ON {} ({})",
            if unique { "UNIQUE " } else { "" },
            quote(&name),
            quote(table),
            quoted.join(", ")
        );
        if let Some(filter) = filter {
            sql.push_str(" WHERE ");
            sql.push_str(&self.condition_sql(table, filter)?);
        }
        sql.push(';');
        let ctx = self.schema_ctx();
        let index =
            crate::lens::Special::AddIndex { sql: &sql, table, name: &name, fields, unique, partial: filter.is_some() };
        self.executor.exec(&ctx, &index)?;
        Ok(name)
    }

    /// `removeIndex(table, name)`: `DROP INDEX IF EXISTS`.
    pub fn remove_index(&mut self, table: &str, name: &str) -> Result<()> {
        Self::check_table(table)?;
        ident::check(IdentKind::Index, name)?;
        let ctx = self.schema_ctx();
        self.executor.exec(&ctx, &crate::lens::Special::RemoveIndex(table, name))
    }

    /// `showIndex(table)`: the table's indexes with their columns.
    pub fn show_index(&mut self, table: &str) -> Result<Vec<IndexDescription>> {
        Self::check_table(table)?;
        let ctx = self.schema_ctx();
        let (indexes, _) = self.executor.read(&ctx, &crate::lens::Special::IndexList(table), |row| {
            (row.get::<_, String>(1).unwrap_or_default(), row.get::<_, i64>(2).unwrap_or(0) != 0)
        })?;
        let mut out = Vec::with_capacity(indexes.len());
        for (name, unique) in indexes {
            let (columns, _) = self.executor.read(&ctx, &crate::lens::Special::IndexInfo(&name), |row| {
                row.get::<_, String>(2).unwrap_or_default()
            })?;
            out.push(IndexDescription { name, unique, columns });
        }
        Ok(out)
    }

    /// `bulkInsert(table, rows)`: one `INSERT` of every row, the values bound; the columns are
    /// every key any row has. Returns how many rows were inserted.
    pub fn bulk_insert(&mut self, table: &str, rows: Vec<Record>) -> Result<usize> {
        Self::check_table(table)?;
        let mut columns: Vec<String> = Vec::new();
        for row in &rows {
            for key in row.keys() {
                if !columns.contains(key) {
                    ident::check(IdentKind::Column, key)?;
                    columns.push(key.clone());
                }
            }
        }
        if rows.is_empty() || columns.is_empty() {
            return Ok(0);
        }
        let rows = crate::collect::map_vec(rows.iter(), |row| {
            crate::collect::map_vec(columns.iter(), |c| crate::query::filter::plain(row.get(c).unwrap_or(&Value::Null)))
        });
        let insert = crate::sql::Insert { table: table.to_owned(), columns, rows, returning: Vec::new() };
        let ctx = self.schema_ctx();
        self.executor.write(&ctx, &insert)
    }

    /// `bulkDelete(table, where)`: a `DELETE` (of every row without a `where`, as Sequelize).
    pub fn bulk_delete(&mut self, table: &str, filter: Option<&Where>) -> Result<usize> {
        Self::check_table(table)?;
        let columns = self.describe_quietly(table)?;
        let model = columns_model(table, &columns)?;
        let delete = crate::sql::Delete {
            table: table.to_owned(),
            filter: filter.map(|w| w.compile(&model, None)).transpose()?,
        };
        let ctx = self.schema_ctx();
        self.executor.write(&ctx, &delete)
    }

    /// `bulkUpdate(table, values, where)`: one `UPDATE`, the values bound; returns the rows changed.
    pub fn bulk_update(&mut self, table: &str, values: &Record, filter: Option<&Where>) -> Result<usize> {
        Self::check_table(table)?;
        let columns = self.describe_quietly(table)?;
        let mut set = Vec::with_capacity(values.len());
        for (column, value) in values {
            if !columns.iter().any(|(c, ..)| c == column) {
                return Err(Error::usage(format!("bulkUpdate: table {table} has no column {column}")));
            }
            set.push((column.clone(), crate::sql::Expr::Param(crate::query::filter::plain(value))));
        }
        if set.is_empty() {
            return Ok(0);
        }
        let model = columns_model(table, &columns)?;
        let update = crate::sql::Update {
            table: table.to_owned(),
            set,
            filter: filter.map(|w| w.compile(&model, None)).transpose()?,
        };
        let ctx = self.schema_ctx();
        self.executor.write(&ctx, &update)
    }

    /// `select(null, table, { where, attributes })`: the rows as plain records (the values as
    /// SQLite keeps them).
    pub fn select_rows(
        &mut self,
        table: &str,
        attributes: Option<&[String]>,
        filter: Option<&Where>,
    ) -> Result<Vec<Record>> {
        Self::check_table(table)?;
        let columns = self.describe_quietly(table)?;
        let model = columns_model(table, &columns)?;
        let listed: Vec<(crate::sql::Expr, Option<String>)> = match attributes {
            None => vec![(crate::sql::Expr::Star, None)],
            Some(names) => crate::collect::try_map(names, |n| {
                if columns.iter().any(|(c, ..)| c == n) {
                    Ok((crate::sql::Expr::bare(n), None))
                } else {
                    Err(Error::usage(format!("select: table {table} has no column {n}")))
                }
            })?,
        };
        let select = crate::sql::Select {
            columns: listed,
            from: Some(crate::sql::TableRef { table: table.to_owned(), alias: None }),
            filter: filter.map(|w| w.compile(&model, Some(table))).transpose()?,
            ..Default::default()
        };
        let ctx = self.schema_ctx();
        let (rows, _) = self.executor.read(&ctx, &select, |row| {
            let names: Vec<String> = crate::collect::map_vec(row.as_ref().column_names(), str::to_owned);
            names
                .into_iter()
                .enumerate()
                .map(|(i, n)| {
                    (n, crate::types::value_from_ref(row.get_ref(i).unwrap_or(rusqlite::types::ValueRef::Null)))
                })
                .collect::<Record>()
        })?;
        Ok(rows)
    }

    /// The columns of a table with their declared types, read without logging; an unknown table
    /// is an error.
    fn describe_quietly(&self, table: &str) -> Result<Vec<(String, String, bool)>> {
        let columns: Vec<(String, String, bool)> =
            self.executor.quiet_read(&format!("PRAGMA TABLE_INFO({});", quote(table)), |row| {
                Ok((row.get::<_, String>(1)?, row.get::<_, String>(2)?, row.get::<_, i64>(5)? != 0))
            })?;
        if columns.is_empty() {
            return Err(Error::usage(format!("Table \"{table}\" does not exist")));
        }
        Ok(columns)
    }

    /// A condition on the table's columns as SQL text with its values written in as escaped
    /// literals, for DDL (a partial index's `WHERE`, a `CHECK`), which cannot bind parameters.
    pub(crate) fn condition_sql(&self, table: &str, filter: &Where) -> Result<String> {
        let columns = self.describe_quietly(table)?;
        let model = columns_model(table, &columns)?;
        let select = crate::sql::Select { filter: Some(filter.compile(&model, None)?), ..Default::default() };
        let rendered = select.render();
        let condition = rendered.sql.trim_start_matches("SELECT * WHERE ").trim_end_matches(';');
        Ok(crate::raw::inline_params(condition, &rendered.params))
    }

    fn require_column(&self, table: &str, column: &str) -> Result<()> {
        if self.describe_quietly(table)?.iter().any(|(c, ..)| c == column) {
            Ok(())
        } else {
            Err(Error::usage(format!("Table \"{table}\" has no column \"{column}\"")))
        }
    }
}

/// One column's definition as `addColumn` and `changeColumn` write it.
pub(crate) fn column_sql(table: &str, attribute: AttributeSpec) -> Result<String> {
    let name = attribute.name.clone();
    let model = table_model(table, vec![attribute])?;
    let attr = model.attribute(&name).ok_or_else(|| Error::usage(format!("no column {name}")))?;
    crate::sync::column_definition(attr, false)
}

/// A name as a SQL string literal, for the ORM's own reads of `sqlite_master` (names are
/// checked identifiers; the quotes are doubled all the same).
pub(crate) fn sql_text(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// A model standing for a table as a migration describes it: the attributes as given, named by
/// the table, with no `id` or timestamps added.
fn table_model(table: &str, attributes: Vec<AttributeSpec>) -> Result<Model> {
    let options = ModelOptions {
        timestamps: false,
        freeze_table_name: true,
        table_name: Some(table.to_owned()),
        ..ModelOptions::default()
    };
    let mut spec = ModelSpec::new("Table").options(options);
    spec.attributes = attributes;
    let mut model = Model::from_spec(spec)?;
    if model.auto_primary_key {
        // A migration's table has only the columns it lists.
        model.attributes.remove(0);
        model.primary_key.clear();
        model.auto_primary_key = false;
    }
    Ok(model)
}

/// A model over a table's existing columns, for conditions on them (`bulkDelete`, a partial
/// index): each column's values converted as its declared type says (`DATETIME` is a date; a
/// type Sequelize does not write compares as text, as SQLite's affinity does).
fn columns_model(table: &str, columns: &[(String, String, bool)]) -> Result<Model> {
    let typed = |declared: &str| match declared.to_ascii_uppercase().as_str() {
        "DATETIME" => DataType::Date,
        "TINYINT(1)" => DataType::Boolean,
        other => DataType::parse(other).unwrap_or(DataType::Text),
    };
    let keyed = columns.iter().any(|(.., key)| *key);
    let attributes = columns
        .iter()
        .map(|(name, declared, key)| {
            let mut attribute = AttributeSpec::new(name, typed(declared));
            // (A table without a key still gets none: `id` here is not a key to add.)
            attribute.primary_key = *key || (!keyed && name == "id");
            attribute
        })
        .collect();
    table_model(table, attributes)
}

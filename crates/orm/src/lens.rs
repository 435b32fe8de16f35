//! The dialect lens: for each statement the ORM runs on SQLite, what Sequelize 6 would send to
//! PostgreSQL and MySQL for the same call (generated, never run), values inline.
//!
//! Statements built as data ([`crate::sql`]) are simply written again in the other dialect. The
//! few statements the ORM writes as SQLite text — DDL, SQLite's introspection (`sqlite_master`,
//! `PRAGMA INDEX_LIST`) and transaction control — are [`Special`]: each knows its SQLite text
//! (byte for byte what ran before the lens) and what Sequelize sends instead on the other
//! dialects, or that there is no such statement there. A learner's raw SQL is sent as written
//! on every dialect ([`Shown::AsWritten`]); ORM text the lens does not translate yet says so
//! ([`Shown::NotShown`]) rather than pretending.
//!
//! Nothing here runs unless the lens is on ([`crate::Database::set_dialects`]).

use std::borrow::Cow;

use crate::dialect::Dialect;
use crate::ident::quote;
use crate::model::{DefaultValue, Model, Unique};
pub use crate::sql::{DialectSql, Shown};
use crate::sql::{Rendered, Statement};
use crate::value::Value;

/// The lens of a statement on every other dialect ([`crate::dialect::LENSES`]).
pub(crate) fn lens_all(statement: &dyn Statement) -> Vec<DialectSql> {
    crate::collect::map_vec(crate::dialect::LENSES.iter(), |d| DialectSql {
        dialect: d.name(),
        shown: statement.lens(*d),
    })
}

/// The database name shown where Sequelize's MySQL introspection names it.
pub const DATABASE: &str = "playground";

/// SQL text the learner wrote (`sequelize.query`, a `literal` in a statement of its own): runs on
/// SQLite as it is, shown as written elsewhere.
pub(crate) struct Raw<'a>(pub &'a Rendered);

impl Statement for Raw<'_> {
    fn sqlite(&self) -> Cow<'_, Rendered> {
        Cow::Borrowed(self.0)
    }

    fn lens(&self, _: &dyn Dialect) -> Shown {
        Shown::AsWritten
    }
}

/// SQLite text of the ORM's that the lens does not translate (see [`Shown::NotShown`]).
pub(crate) struct SqliteOnly(pub Rendered);

impl SqliteOnly {
    /// SQL text without parameters.
    pub(crate) fn text(sql: impl Into<String>) -> SqliteOnly {
        SqliteOnly(Rendered { sql: sql.into(), params: Vec::new() })
    }
}

impl Statement for SqliteOnly {
    fn sqlite(&self) -> Cow<'_, Rendered> {
        Cow::Borrowed(&self.0)
    }

    fn lens(&self, _: &dyn Dialect) -> Shown {
        Shown::NotShown
    }
}

/// A statement the ORM writes as SQLite text, with what Sequelize sends instead elsewhere.
pub(crate) enum Special<'a> {
    /// `sync`'s look for the table (`SELECT name FROM sqlite_master …`).
    TableExists(&'a str),
    /// `PRAGMA INDEX_LIST(table)`: the table's indexes (Sequelize's `showIndex`).
    IndexList(&'a str),
    /// `PRAGMA INDEX_INFO(index)`: an index's columns (elsewhere `showIndex` gave them).
    IndexInfo(&'a str),
    /// The model's `CREATE TABLE IF NOT EXISTS`.
    CreateTable(&'a Model, &'a str),
    /// `DROP TABLE IF EXISTS`.
    DropTable(&'a str),
    /// `PRAGMA foreign_keys = ON/OFF`.
    ForeignKeys(bool),
    /// `addColumn`: the SQLite text, the table, and the column as a one-column model's.
    AddColumn(&'a str, &'a str, &'a Model),
    /// `removeColumn(table, column)`.
    RemoveColumn(&'a str, &'a str),
    /// `addIndex` or a model's index: the SQLite text, table, name, columns, unique; a partial
    /// index (`where`) is SQLite text only (MySQL has none).
    AddIndex { sql: &'a str, table: &'a str, name: &'a str, fields: &'a [String], unique: bool, partial: bool },
    /// `removeIndex(table, name)`.
    RemoveIndex(&'a str, &'a str),
    /// `renameTable(from, to)`.
    RenameTable(&'a str, &'a str),
    /// The start of a transaction.
    Begin,
    /// A nested transaction's start: `SAVEPOINT`.
    Savepoint(u64),
    /// `COMMIT`.
    Commit,
    /// `ROLLBACK`.
    Rollback,
    /// A nested transaction's commit: `RELEASE SAVEPOINT`.
    Release(u64),
    /// A nested transaction's rollback: `ROLLBACK TO SAVEPOINT`.
    RollbackTo(u64),
}

impl Special<'_> {
    /// The SQLite text, as the ORM wrote it before the lens (the parity tests hold it).
    fn sqlite_text(&self) -> Rendered {
        let text = |s: String| Rendered { sql: s, params: Vec::new() };
        match self {
            Special::TableExists(table) => Rendered {
                sql: "SELECT name FROM sqlite_master WHERE type='table' AND name=?;".to_owned(),
                params: vec![Value::Text((*table).to_owned())],
            },
            Special::IndexList(table) => text(format!("PRAGMA INDEX_LIST({})", quote(table))),
            Special::IndexInfo(index) => text(format!("PRAGMA INDEX_INFO({})", quote(index))),
            Special::CreateTable(_, sql) => text((*sql).to_owned()),
            Special::DropTable(table) => text(format!("DROP TABLE IF EXISTS {};", quote(table))),
            Special::ForeignKeys(on) => text(format!("PRAGMA foreign_keys = {};", if *on { "ON" } else { "OFF" })),
            Special::AddColumn(sql, ..) => text((*sql).to_owned()),
            Special::RemoveColumn(table, column) => {
                text(format!("ALTER TABLE {} DROP COLUMN {};", quote(table), quote(column)))
            }
            Special::AddIndex { sql, .. } => text((*sql).to_owned()),
            Special::RemoveIndex(_, name) => text(format!("DROP INDEX IF EXISTS {};", quote(name))),
            Special::RenameTable(from, to) => text(format!("ALTER TABLE {} RENAME TO {};", quote(from), quote(to))),
            Special::Begin => text(crate::dialect::Sqlite.begin().to_owned()),
            Special::Savepoint(id) => text(format!("SAVEPOINT `sp{id}`;")),
            Special::Commit => text("COMMIT;".to_owned()),
            Special::Rollback => text("ROLLBACK;".to_owned()),
            Special::Release(id) => text(format!("RELEASE SAVEPOINT `sp{id}`;")),
            Special::RollbackTo(id) => text(format!("ROLLBACK TO SAVEPOINT `sp{id}`;")),
        }
    }
}

impl Statement for Special<'_> {
    fn sqlite(&self) -> Cow<'_, Rendered> {
        Cow::Owned(self.sqlite_text())
    }

    fn lens(&self, d: &dyn Dialect) -> Shown {
        let q = |name: &str| {
            let mut out = String::new();
            d.quote(&mut out, name);
            out
        };
        let lit = |value: &str| {
            let mut out = String::new();
            d.literal(&mut out, &Value::Text(value.to_owned()));
            out
        };
        let one = |s: String| Shown::Sql(vec![s]);
        match self {
            Special::TableExists(table) => one(d.table_exists(&lit(table), &lit(DATABASE))),
            Special::IndexList(table) => one(d.show_index(&q(table), &lit(table))),
            // `showIndex` already gave the columns.
            Special::IndexInfo(_) => Shown::Sql(Vec::new()),
            Special::CreateTable(model, _) => one(create_table(d, model)),
            Special::DropTable(table) => one(format!("DROP TABLE IF EXISTS {};", q(table))),
            // Sequelize turns foreign keys on per SQLite connection; the servers keep them on.
            Special::ForeignKeys(_) => Shown::Sql(Vec::new()),
            Special::AddColumn(_, table, model) => match model.attributes.first() {
                Some(attr) => one(d.add_column(&q(table), &q(&attr.field), &attribute_sql(d, model, attr))),
                None => Shown::NotShown,
            },
            Special::RemoveColumn(table, column) => {
                Shown::Sql(d.remove_column(&q(table), &q(column), &lit(table), &lit(column), &lit(DATABASE)))
            }
            Special::AddIndex { partial: true, .. } => Shown::NotShown,
            Special::AddIndex { table, name, fields, unique, .. } => {
                let columns = crate::collect::map_vec(fields.iter(), |f| q(f)).join(", ");
                one(d.add_index(&q(table), &q(name), &columns, *unique))
            }
            Special::RemoveIndex(table, name) => one(d.remove_index(&q(table), &q(name))),
            Special::RenameTable(from, to) => one(format!("ALTER TABLE {} RENAME TO {};", q(from), q(to))),
            Special::Begin => one(d.begin().to_owned()),
            Special::Savepoint(id) => one(format!("SAVEPOINT {};", q(&format!("sp{id}")))),
            Special::Commit => one("COMMIT;".to_owned()),
            Special::Rollback => one("ROLLBACK;".to_owned()),
            // Sequelize sends nothing when a nested transaction commits: the savepoint stays.
            Special::Release(_) => Shown::Sql(Vec::new()),
            Special::RollbackTo(id) => one(format!("ROLLBACK TO SAVEPOINT {};", q(&format!("sp{id}")))),
        }
    }
}

/// A model's `CREATE TABLE` as Sequelize's createTableQuery writes it on `d` (the PostgreSQL and
/// MySQL generators; SQLite's is [`crate::sync::create_table_sql`]): each column's attribute
/// string (type, `NOT NULL`, auto-increment, default, `UNIQUE`, `PRIMARY KEY`, `REFERENCES`),
/// then the key, the composite unique keys and, on MySQL, the foreign keys as table constraints.
pub(crate) fn create_table(d: &dyn Dialect, model: &Model) -> String {
    let q = |name: &str| {
        let mut out = String::new();
        d.quote(&mut out, name);
        out
    };
    let mut columns = Vec::new();
    let mut keys = Vec::new();
    let mut foreign = Vec::new();
    for attr in &model.attributes {
        let spec = &attr.spec;
        let mut s = attribute_head(d, model, attr);
        let mut references = String::new();
        if let Some(r) = &spec.references {
            references = format!("REFERENCES {} ({})", q(&r.table), q(&r.column));
            if let Some(action) = r.on_delete {
                references.push_str(" ON DELETE ");
                references.push_str(action.sql());
            }
            if let Some(action) = r.on_update {
                references.push_str(" ON UPDATE ");
                references.push_str(action.sql());
            }
        }
        if spec.primary_key {
            keys.push(q(&attr.field));
            s.push_str(" PRIMARY KEY");
        }
        if !references.is_empty() {
            if d.foreign_keys_as_constraints() {
                foreign.push(format!("FOREIGN KEY ({}) {references}", q(&attr.field)));
            } else {
                s.push(' ');
                s.push_str(&references);
            }
        }
        columns.push(format!("{} {}", q(&attr.field), d.column_definition(s)));
    }
    let mut clause = columns.join(", ");
    for (name, fields) in model.composite_uniques(q) {
        clause.push_str(&format!(", UNIQUE {}({})", d.unique_name(&q(name)), fields.join(", ")));
    }
    if !keys.is_empty() {
        clause.push_str(&format!(", PRIMARY KEY ({})", keys.join(d.key_separator())));
    }
    for f in foreign {
        clause.push_str(", ");
        clause.push_str(&f);
    }
    format!("CREATE TABLE IF NOT EXISTS {} ({}){};", q(&model.table), clause, d.table_options())
}

/// The start of a column's attribute string in Sequelize's `attributeToSQL`: type, `NOT NULL`,
/// auto-increment, default, `UNIQUE`.
fn attribute_head(d: &dyn Dialect, model: &Model, attr: &crate::model::Attribute) -> String {
    let spec = &attr.spec;
    let mut s = d.type_name(&spec.data_type, &model.table, &attr.field);
    if !spec.allow_null {
        s.push_str(" NOT NULL");
    }
    if spec.auto_increment {
        s.push_str(d.auto_increment());
    }
    if let Some(DefaultValue::Value(value)) = &spec.default {
        s.push_str(" DEFAULT ");
        d.literal(&mut s, value);
    }
    if spec.unique == Some(Unique::Single) {
        s.push_str(" UNIQUE");
    }
    s
}

/// A column's whole attribute string (for `addColumn`): [`attribute_head`], `PRIMARY KEY`,
/// `REFERENCES`.
fn attribute_sql(d: &dyn Dialect, model: &Model, attr: &crate::model::Attribute) -> String {
    let mut s = attribute_head(d, model, attr);
    if attr.spec.primary_key {
        s.push_str(" PRIMARY KEY");
    }
    if let Some(r) = &attr.spec.references {
        let mut quoted = String::new();
        d.quote(&mut quoted, &r.table);
        quoted.push_str(" (");
        d.quote(&mut quoted, &r.column);
        s.push_str(&format!(" REFERENCES {quoted})"));
    }
    s
}

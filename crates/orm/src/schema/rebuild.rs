//! The changes `ALTER TABLE` cannot make — `changeColumn`, `addConstraint`, `removeConstraint`
//! — made by rebuilding the table as SQLite's documentation prescribes
//! (<https://sqlite.org/lang_altertable.html#otheralter>): create the new table under a
//! temporary name, copy the rows, drop the old table, rename the new one, create the indexes and
//! triggers again, check the foreign keys — with foreign keys off while the old table is gone, all
//! in one transaction.
//!
//! Sequelize rebuilds from `PRAGMA TABLE_INFO` and so loses `AUTOINCREMENT`, `ON DELETE`/
//! `ON UPDATE` actions, `CHECK`s and every index of the table; and it drops the old table with
//! foreign keys on, so SQLite's implicit `DELETE` cascades into the tables that reference it
//! (a `sync({ alter: true })` of `Users` deletes every `Post`). We edit the table's own
//! `CREATE TABLE` text ([`TableDefinition`]) and keep everything else as it was.
//!
//! Foreign keys cannot be turned off inside a transaction (SQLite ignores the pragma there):
//! outside one, the rebuild turns them off and on around its own; inside one (a learner's
//! transaction) it goes ahead only when no table references this one, and otherwise says so. The
//! migrator turns them off before each migration's transaction ([`Database::set_foreign_keys`]).

use super::definition::{self, TableDefinition};
use crate::db::{Ctx, Database};
use crate::error::{Error, ErrorKind, Result};
use crate::ident::{self, quote, IdentKind};
use crate::log::{DataLoss, DataLossKind, Report};
use crate::model::{AttributeSpec, ReferentialAction};
use crate::query::filter::Where;
use crate::value::Value;

/// A table constraint for `addConstraint`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintSpec {
    /// What it constrains.
    pub kind: ConstraintKind,
    /// The columns.
    pub fields: Vec<String>,
    /// Its name; by default `table_fields_uk` / `_ck` / `_pk` / `_referencedTable_fk`, as
    /// Sequelize names it.
    pub name: Option<String>,
}

/// The kinds of constraint SQLite keeps in a table's definition.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstraintKind {
    /// `UNIQUE (fields)`.
    Unique,
    /// `CHECK (condition)`, the condition written as a `where`.
    Check(Where),
    /// `PRIMARY KEY (fields)`.
    PrimaryKey,
    /// `FOREIGN KEY (fields) REFERENCES table (column)`.
    ForeignKey {
        /// The referenced table.
        table: String,
        /// The referenced column.
        column: String,
        /// `ON DELETE`.
        on_delete: Option<ReferentialAction>,
        /// `ON UPDATE`.
        on_update: Option<ReferentialAction>,
    },
}

/// A named table constraint as `showConstraint` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstraintDescription {
    /// Its name.
    pub name: String,
    /// `UNIQUE`, `CHECK`, `PRIMARY KEY` or `FOREIGN KEY`.
    pub kind: String,
    /// What follows the kind (`(\`total\` >= 0)`).
    pub condition: String,
}

/// A foreign key as `getForeignKeyReferencesForTable` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKeyReference {
    /// The referencing column.
    pub column: String,
    /// The referenced table.
    pub referenced_table: String,
    /// The referenced column.
    pub referenced_column: String,
}

impl Database {
    /// `changeColumn(table, column, attribute)`: the column's definition replaced by the one
    /// given (type, `allowNull`, `defaultValue`, `unique`, `references`), by a rebuild.
    pub fn change_column(&mut self, table: &str, column: &str, mut attribute: AttributeSpec) -> Result<()> {
        attribute.name = column.to_owned();
        attribute.field = None;
        let mut definition = self.table_definition(table)?;
        let at = definition.column(column).ok_or_else(|| no_column(table, column))?;
        let new = super::column_sql(table, attribute)?;
        let ctx = Ctx::new(None, "queryInterface");
        let from = definition::declared_type_upper(&definition.elements[at]);
        let to = definition::declared_type_upper(&new);
        definition.elements[at] = new;
        let narrowing = self.narrowing(table, column, &from, &to)?;
        let columns = definition.columns();
        let copy_id = self.rebuild_table(&ctx, table, &definition, &columns)?;
        if let Some((rows, examples)) = narrowing {
            self.report(|_| {
                Some(Report::DataLoss(DataLoss {
                    query_id: copy_id,
                    table: table.to_owned(),
                    column: Some(column.to_owned()),
                    rows,
                    what: DataLossKind::Narrowed { from, to, examples },
                }))
            });
        }
        Ok(())
    }

    /// `addConstraint(table, { type, fields, name, where, references })`: the constraint added
    /// to the table's definition, by a rebuild; returns its name.
    pub fn add_constraint(&mut self, table: &str, constraint: &ConstraintSpec) -> Result<String> {
        let mut definition = self.table_definition(table)?;
        let columns = definition.columns();
        if constraint.fields.is_empty() {
            return Err(Error::usage("addConstraint needs the fields it constrains: { fields: ['column'] }"));
        }
        for field in &constraint.fields {
            if !columns.contains(field) {
                return Err(no_column(table, field));
            }
        }
        let (suffix, body) = match &constraint.kind {
            ConstraintKind::Unique => ("uk".to_owned(), format!("UNIQUE ({})", quoted_list(&constraint.fields))),
            ConstraintKind::PrimaryKey => {
                ("pk".to_owned(), format!("PRIMARY KEY ({})", quoted_list(&constraint.fields)))
            }
            ConstraintKind::Check(condition) => {
                ("ck".to_owned(), format!("CHECK ({})", self.condition_sql(table, condition)?))
            }
            ConstraintKind::ForeignKey { table: target, column, on_delete, on_update } => {
                ident::check(IdentKind::Table, target)?;
                ident::check(IdentKind::Column, column)?;
                let mut body = format!(
                    "FOREIGN KEY ({}) REFERENCES {} ({})",
                    quoted_list(&constraint.fields),
                    quote(target),
                    quote(column)
                );
                for (verb, action) in [("DELETE", on_delete), ("UPDATE", on_update)] {
                    if let Some(action) = action {
                        body.push_str(&format!(" ON {verb} {}", action.sql()));
                    }
                }
                (format!("{target}_fk"), body)
            }
        };
        let name = match &constraint.name {
            Some(name) => name.clone(),
            None => format!("{table}_{}_{suffix}", constraint.fields.join("_")),
        };
        ident::check(IdentKind::Index, &name)?;
        if definition.constraint(&name).is_some() {
            return Err(Error::new(
                ErrorKind::Database,
                format!("SQLITE_ERROR: table \"{table}\" already has a constraint named {name}"),
            ));
        }
        definition.elements.push(format!("CONSTRAINT {} {body}", quote(&name)));
        let ctx = Ctx::new(None, "queryInterface");
        self.rebuild_table(&ctx, table, &definition, &columns)?;
        Ok(name)
    }

    /// `removeConstraint(table, name)`: the named constraint taken out of the table's
    /// definition, by a rebuild. (An index made by `addIndex` is removed with `removeIndex`.)
    pub fn remove_constraint(&mut self, table: &str, name: &str) -> Result<()> {
        let mut definition = self.table_definition(table)?;
        let at = definition.constraint(name).ok_or_else(|| {
            Error::usage(format!(
                "Constraint {name} on table {table} does not exist (showConstraint lists the table's named constraints; an index is removed with removeIndex)"
            ))
        })?;
        definition.elements.remove(at);
        let columns = definition.columns();
        let ctx = Ctx::new(None, "queryInterface");
        self.rebuild_table(&ctx, table, &definition, &columns).map(|_| ())
    }

    /// `showConstraint(table)`: the table's named constraints.
    pub fn show_constraints(&mut self, table: &str) -> Result<Vec<ConstraintDescription>> {
        let definition = self.table_definition(table)?;
        Ok(definition
            .elements
            .iter()
            .filter_map(|e| {
                let name = definition::constraint_name(e)?;
                let rest = e.splitn(3, char::is_whitespace).nth(2)?.trim();
                let kind = ["PRIMARY KEY", "FOREIGN KEY", "UNIQUE", "CHECK"]
                    .into_iter()
                    .find(|k| rest.len() >= k.len() && rest[..k.len()].eq_ignore_ascii_case(k))?;
                Some(ConstraintDescription {
                    name,
                    kind: kind.to_owned(),
                    condition: rest[kind.len()..].trim().to_owned(),
                })
            })
            .collect())
    }

    /// `getForeignKeyReferencesForTable(table)`: the table's foreign keys.
    pub fn foreign_key_references(&mut self, table: &str) -> Result<Vec<ForeignKeyReference>> {
        ident::check(IdentKind::Table, table)?;
        self.executor.quiet_read(&format!("PRAGMA foreign_key_list({});", quote(table)), |row| {
            Ok(ForeignKeyReference {
                column: row.get(3)?,
                referenced_table: row.get(2)?,
                referenced_column: row.get::<_, Option<String>>(4)?.unwrap_or_default(),
            })
        })
    }

    /// Turns foreign-key enforcement on or off (`PRAGMA foreign_keys`), in the log; SQLite
    /// ignores it inside a transaction, so the migrator calls it before and after each one.
    pub fn set_foreign_keys(&mut self, on: bool) -> Result<()> {
        let ctx = Ctx::new(None, "migration");
        self.executor.exec(&ctx, &crate::lens::Special::ForeignKeys(on))
    }

    /// `PRAGMA foreign_key_check`, in the log: an error naming the first row whose foreign key
    /// points nowhere (what a migration with foreign keys off must check before it commits).
    pub fn check_foreign_keys(&mut self, table: Option<&str>) -> Result<()> {
        let sql = match table {
            Some(t) => format!("PRAGMA foreign_key_check({});", quote(t)),
            None => "PRAGMA foreign_key_check;".to_owned(),
        };
        let ctx = Ctx::new(None, "migration");
        let (broken, _) = self.executor.read(&ctx, &crate::lens::SqliteOnly::text(sql), |row| {
            (
                row.get::<_, String>(0).unwrap_or_default(),
                row.get::<_, Option<i64>>(1).unwrap_or(None),
                row.get::<_, String>(2).unwrap_or_default(),
            )
        })?;
        match broken.first() {
            None => Ok(()),
            Some((child, rowid, parent)) => Err(Error::new(
                ErrorKind::ForeignKeyConstraint,
                format!(
                    "SQLITE_CONSTRAINT: FOREIGN KEY constraint failed: {} row{} of \"{child}\" (rowid {}) point to no row of \"{parent}\"",
                    broken.len(),
                    if broken.len() == 1 { "" } else { "s" },
                    rowid.map_or("?".to_owned(), |r| r.to_string())
                ),
            )),
        }
    }

    /// The table's `CREATE TABLE` text, split; an unknown table is an error naming it.
    pub(crate) fn table_definition(&self, table: &str) -> Result<TableDefinition> {
        ident::check(IdentKind::Table, table)?;
        let sql = self.executor.quiet_texts(
            &format!("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = {};", super::sql_text(table)),
            0,
        )?;
        let sql = sql.into_iter().next().ok_or_else(|| Error::usage(format!("Table \"{table}\" does not exist")))?;
        TableDefinition::parse(&sql)
    }

    /// Rebuilds `table` as `definition` says, copying `columns` (the new table's columns that
    /// the old one has, by name); returns the id of the copying statement (what a change loses
    /// is reported with it).
    pub(crate) fn rebuild_table(
        &mut self,
        ctx: &Ctx,
        table: &str,
        definition: &TableDefinition,
        columns: &[String],
    ) -> Result<u64> {
        let staging = format!("{table}_new");
        ident::check(IdentKind::Table, &staging)?;
        if self.table_exists(&staging)? {
            return Err(Error::usage(format!(
                "Cannot rebuild \"{table}\": a table \"{staging}\" is in the way (the rebuild builds the new table under that name)"
            )));
        }
        let fk_on = self.executor.quiet_number("PRAGMA foreign_keys;")? == 1;
        let own_transaction = self.executor.autocommit();
        if fk_on && !own_transaction {
            let referencing = self.tables_referencing(table)?;
            if !referencing.is_empty() {
                return Err(Error::usage(format!(
                    "Cannot rebuild \"{table}\" inside a transaction while foreign keys are on: {} reference{} it, and dropping the old table would delete (or cascade into) their rows. Run the change outside a transaction, or in a migration (sequelize.migrator turns foreign keys off around each migration, as SQLite's documentation says to).",
                    definition::and_quoted(&referencing),
                    if referencing.len() == 1 { "s" } else { "" }
                )));
            }
        }
        let old_columns = self.table_definition(table)?.columns();
        let kept: Vec<&String> =
            crate::collect::filter_map_vec(columns.iter(), |c| old_columns.contains(c).then_some(c));
        // The indexes and triggers to create again (SQLite's own, with no `sql`, come back with
        // the table), without those on a column the new table does not have.
        let mut schema: Vec<(String, String)> = self.executor.quiet_read(
            &format!(
                "SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = {} AND sql IS NOT NULL;",
                super::sql_text(table)
            ),
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let dropped: Vec<&String> =
            crate::collect::filter_map_vec(old_columns.iter(), |c| (!columns.contains(c)).then_some(c));
        if !dropped.is_empty() {
            let mut keep = Vec::new();
            for (name, sql) in schema {
                let on = self.executor.quiet_texts(&format!("PRAGMA index_info({});", quote(&name)), 2)?;
                if !on.iter().any(|c| dropped.contains(&c)) {
                    keep.push((name, sql));
                }
            }
            schema = keep;
        }
        let list = crate::collect::map_vec(kept.iter(), |c| quote(c)).join(", ");
        if own_transaction {
            if fk_on {
                self.executor.exec(ctx, &crate::lens::Special::ForeignKeys(false))?;
            }
            if let Err(e) = self.executor.exec(ctx, &crate::lens::SqliteOnly::text("BEGIN;")) {
                if fk_on {
                    self.executor.exec(ctx, &crate::lens::Special::ForeignKeys(true))?;
                }
                return Err(e);
            }
        }
        // The new table, the copy, the old table out and the new one in, its indexes and
        // triggers again — then, with foreign keys off, their check.
        let mut statements = vec![
            definition.render(&staging),
            format!("INSERT INTO {} ({list}) SELECT {list} FROM {};", quote(&staging), quote(table)),
            format!("DROP TABLE {};", quote(table)),
            format!("ALTER TABLE {} RENAME TO {};", quote(&staging), quote(table)),
        ];
        statements.extend(schema.into_iter().map(|(_, sql)| sql + ";"));
        let steps = |db: &mut Database| -> Result<u64> {
            let mut copy_id = 0;
            for (i, sql) in statements.into_iter().enumerate() {
                if i == 1 {
                    // (A write, so the log says how many rows it copied.)
                    db.executor.write(ctx, &crate::lens::SqliteOnly::text(sql))?;
                    copy_id = db.executor.last_event_id();
                } else {
                    db.executor.exec(ctx, &crate::lens::SqliteOnly::text(&sql))?;
                }
            }
            if fk_on || !own_transaction {
                db.check_foreign_keys(Some(table))?;
            }
            Ok(copy_id)
        };
        let result = steps(self);
        if own_transaction {
            let end = if result.is_ok() { "COMMIT;" } else { "ROLLBACK;" };
            let ended = self.executor.exec(ctx, &crate::lens::SqliteOnly::text(end));
            if fk_on {
                self.executor.exec(ctx, &crate::lens::Special::ForeignKeys(true))?;
            }
            let copy_id = result?;
            ended?;
            self.statement_cache.clear();
            return Ok(copy_id);
        }
        self.statement_cache.clear();
        result
    }

    /// The tables whose foreign keys reference `table` (itself included).
    fn tables_referencing(&self, table: &str) -> Result<Vec<String>> {
        let tables = self.executor.quiet_texts(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\';",
            0,
        )?;
        let mut referencing = Vec::new();
        for t in tables {
            let targets = self.executor.quiet_texts(&format!("PRAGMA foreign_key_list({});", quote(&t)), 2)?;
            if targets.iter().any(|target| target.eq_ignore_ascii_case(table)) {
                referencing.push(t);
            }
        }
        Ok(referencing)
    }

    pub(crate) fn table_exists(&self, table: &str) -> Result<bool> {
        let found = self.executor.quiet_number(&format!(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = {};",
            super::sql_text(table)
        ))?;
        Ok(found > 0)
    }

    /// How many rows hold a value the new type `to` cannot keep as it is, with a few of them;
    /// `None` when none do, the type class does not narrow, or nobody listens.
    pub(crate) fn narrowing(
        &self,
        table: &str,
        column: &str,
        from: &str,
        to: &str,
    ) -> Result<Option<(usize, Vec<String>)>> {
        if from == to || !self.executor.wants_reports() {
            return Ok(None);
        }
        let c = quote(column);
        let condition = match type_class(to) {
            TypeClass::Integer => format!(
                "{c} IS NOT NULL AND CAST(CAST({c} AS INTEGER) AS TEXT) <> CAST({c} AS TEXT)"
            ),
            TypeClass::Real => format!(
                "typeof({c}) IN ('text', 'blob') AND CAST(CAST({c} AS REAL) AS TEXT) <> {c} AND CAST(CAST({c} AS INTEGER) AS TEXT) <> {c}"
            ),
            TypeClass::Text(Some(length)) => format!("length({c}) > {length}"),
            TypeClass::Text(None) | TypeClass::Other => return Ok(None),
        };
        let examples: Vec<Value> = self
            .executor
            .quiet_read(&format!("SELECT {c} FROM {} WHERE {condition} LIMIT 3;", quote(table)), |row| {
                Ok(crate::types::value_from_ref(row.get_ref(0)?))
            })?;
        if examples.is_empty() {
            return Ok(None);
        }
        let rows = self.executor.quiet_number(&format!("SELECT count(*) FROM {} WHERE {condition};", quote(table)))?;
        let shown =
            crate::collect::map_vec(examples.iter(), |v| crate::raw::inline_params("?", std::slice::from_ref(v)));
        Ok(Some((rows as usize, shown)))
    }
}

enum TypeClass {
    Integer,
    Real,
    Text(Option<u64>),
    Other,
}

/// What a declared type keeps, as far as narrowing goes.
fn type_class(declared: &str) -> TypeClass {
    let upper = declared.to_ascii_uppercase();
    if upper.contains("INT") || upper.starts_with("BOOLEAN") {
        TypeClass::Integer
    } else if ["REAL", "FLOA", "DOUB", "DECIMAL", "NUMERIC"].iter().any(|k| upper.contains(k)) {
        TypeClass::Real
    } else if ["CHAR", "TEXT", "CLOB"].iter().any(|k| upper.contains(k)) {
        let length = upper.split_once('(').and_then(|(_, rest)| rest.trim_end_matches(')').trim().parse::<u64>().ok());
        TypeClass::Text(length)
    } else {
        TypeClass::Other
    }
}

fn quoted_list(fields: &[String]) -> String {
    crate::collect::map_vec(fields.iter(), |f| quote(f)).join(", ")
}

fn no_column(table: &str, column: &str) -> Error {
    Error::usage(format!("Table \"{table}\" has no column \"{column}\""))
}

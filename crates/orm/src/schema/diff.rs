//! The schema before and after a change, and what changed between them — tables, columns (by
//! their definitions) and indexes — for the migrations view and a dry run's report. Read
//! without logging.

use super::definition::{self, TableDefinition};
use crate::db::Database;
use crate::error::Result;

/// A table as `sqlite_master` keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableState {
    /// The table name.
    pub name: String,
    /// Its `CREATE TABLE` statement.
    pub sql: String,
    /// Its indexes' `CREATE INDEX` statements (SQLite's own, for `UNIQUE` columns, have none).
    pub indexes: Vec<String>,
}

/// One difference between two schemas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaChange {
    /// A table was created (its statement).
    TableAdded(String, String),
    /// A table was dropped (its statement before).
    TableRemoved(String, String),
    /// A column was added: table, its definition.
    ColumnAdded(String, String),
    /// A column was removed: table, its definition before.
    ColumnRemoved(String, String),
    /// A column's definition changed: table, before, after.
    ColumnChanged(String, String, String),
    /// Something else in the table's statement changed (a constraint): table, before, after.
    TableChanged(String, String, String),
    /// An index was created: table, its statement.
    IndexAdded(String, String),
    /// An index was dropped: table, its statement before.
    IndexRemoved(String, String),
}

impl Database {
    /// Every table with its indexes, in name order (SQLite's own tables left out).
    pub fn schema_state(&self) -> Result<Vec<TableState>> {
        let tables: Vec<(String, String)> = self.executor.quiet_read(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name;",
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let mut state = Vec::with_capacity(tables.len());
        for (name, sql) in tables {
            let indexes = self.executor.quiet_texts(
                &format!(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = {} AND sql IS NOT NULL ORDER BY name;",
                    super::sql_text(&name)
                ),
                0,
            )?;
            state.push(TableState { name, sql, indexes });
        }
        Ok(state)
    }
}

/// What changed from `before` to `after`, table by table in name order.
pub fn diff(before: &[TableState], after: &[TableState]) -> Vec<SchemaChange> {
    let mut changes = Vec::new();
    let all: Vec<&str> = crate::collect::map_vec(before.iter().chain(after), |t| t.name.as_str());
    let mut names: Vec<&str> =
        crate::collect::map_vec(crate::collect::order(all.len(), &|a, b| all[a].cmp(all[b])), |i| all[i]);
    names.dedup();
    for name in names {
        let old = before.iter().find(|t| t.name == name);
        let new = after.iter().find(|t| t.name == name);
        match (old, new) {
            (None, Some(new)) => changes.push(SchemaChange::TableAdded(name.to_owned(), new.sql.clone())),
            (Some(old), None) => changes.push(SchemaChange::TableRemoved(name.to_owned(), old.sql.clone())),
            (Some(old), Some(new)) => {
                table_diff(name, old, new, &mut changes);
                for index in new.indexes.iter().filter(|i| !old.indexes.contains(i)) {
                    changes.push(SchemaChange::IndexAdded(name.to_owned(), index.clone()));
                }
                for index in old.indexes.iter().filter(|i| !new.indexes.contains(i)) {
                    changes.push(SchemaChange::IndexRemoved(name.to_owned(), index.clone()));
                }
            }
            (None, None) => {}
        }
    }
    changes
}

fn table_diff(name: &str, old: &TableState, new: &TableState, changes: &mut Vec<SchemaChange>) {
    if old.sql == new.sql {
        return;
    }
    let (Ok(before), Ok(after)) = (TableDefinition::parse(&old.sql), TableDefinition::parse(&new.sql)) else {
        changes.push(SchemaChange::TableChanged(name.to_owned(), old.sql.clone(), new.sql.clone()));
        return;
    };
    let table = name.to_owned();
    let start = changes.len();
    for column in after.columns() {
        let now = &after.elements[after.column(&column).unwrap_or_default()];
        match before.column(&column) {
            None => changes.push(SchemaChange::ColumnAdded(table.clone(), now.clone())),
            Some(at) if !same(&before.elements[at], now) => {
                changes.push(SchemaChange::ColumnChanged(table.clone(), before.elements[at].clone(), now.clone()))
            }
            Some(_) => {}
        }
    }
    for column in before.columns() {
        if after.column(&column).is_none() {
            let was = &before.elements[before.column(&column).unwrap_or_default()];
            changes.push(SchemaChange::ColumnRemoved(table.clone(), was.clone()));
        }
    }
    let constraints = |t: &TableDefinition| -> Vec<String> {
        crate::collect::filter_map_vec(t.elements.iter(), |e| definition::column_name(e).is_none().then(|| e.clone()))
    };
    if constraints(&before) != constraints(&after) || changes.len() == start {
        changes.push(SchemaChange::TableChanged(table, old.sql.clone(), new.sql.clone()));
    }
}

/// Two column definitions that differ only in how the name is quoted are the same.
fn same(a: &str, b: &str) -> bool {
    let rest = |e: &str| {
        let name = definition::column_name(e).unwrap_or_default();
        let body = e.trim_start();
        let skip = body.find(char::is_whitespace).unwrap_or(body.len());
        (name, body[skip..].trim().to_owned())
    };
    rest(a) == rest(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(name: &str, sql: &str, indexes: &[&str]) -> TableState {
        TableState {
            name: name.into(),
            sql: sql.into(),
            indexes: crate::collect::map_vec(indexes.iter(), |s| s.to_string()),
        }
    }

    #[test]
    fn columns_tables_and_indexes_are_compared() {
        let before = [
            table("a", "CREATE TABLE `a` (`id` INTEGER PRIMARY KEY, `x` TEXT, `y` TEXT)", &["CREATE INDEX i ON a (x)"]),
            table("gone", "CREATE TABLE gone (id)", &[]),
        ];
        let after = [
            table("a", "CREATE TABLE \"a\" (id INTEGER PRIMARY KEY, `x` VARCHAR(5), `z` TEXT)", &[]),
            table("b", "CREATE TABLE b (id)", &[]),
        ];
        assert_eq!(
            diff(&before, &after),
            [
                SchemaChange::ColumnChanged("a".into(), "`x` TEXT".into(), "`x` VARCHAR(5)".into()),
                SchemaChange::ColumnAdded("a".into(), "`z` TEXT".into()),
                SchemaChange::ColumnRemoved("a".into(), "`y` TEXT".into()),
                SchemaChange::IndexRemoved("a".into(), "CREATE INDEX i ON a (x)".into()),
                SchemaChange::TableAdded("b".into(), "CREATE TABLE b (id)".into()),
                SchemaChange::TableRemoved("gone".into(), "CREATE TABLE gone (id)".into()),
            ]
        );
        assert!(diff(&after, &after).is_empty());
    }
}

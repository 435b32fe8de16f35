//! `sequelize.query`: a learner's own SQL, with `replacements` or `bind` turned into bound
//! parameters by [`crate::raw`] — never spliced into the text — and rows read back as plain
//! records.

use crate::db::{Ctx, Database};
use crate::error::{Error, ErrorKind, Result};
use crate::instance::Record;
use crate::log::StatementKind;
use crate::raw::{prepare_raw, Binds, Replacements};
use crate::sql::Rendered;
use crate::types::value_from_ref;

/// The options of a raw query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryOptions {
    /// `replacements`: `?` or `:name`.
    pub replacements: Replacements,
    /// `bind`: `$1` or `$name`.
    pub bind: Binds,
}

/// What a raw query returned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueryResult {
    /// The rows, for statements that return rows.
    pub rows: Vec<Record>,
    /// Rows changed, for writes.
    pub changes: usize,
    /// The kind of statement.
    pub kind: Option<StatementKind>,
    /// The rowid of the last row inserted by this connection, after an `INSERT` (SQLite's
    /// `last_insert_rowid()`, Sequelize's `lastID`).
    pub last_insert_id: Option<i64>,
}

impl Database {
    /// Runs one SQL statement of the learner's own (`sequelize.query`). More than one statement
    /// in the text is refused, so a replacement can never smuggle a second one in.
    pub fn query(&mut self, sql: &str, options: &QueryOptions) -> Result<QueryResult> {
        if let Some(why) = crate::raw::makes_a_file(sql) {
            return Err(Error::new(ErrorKind::Database, why).with_sql(sql));
        }
        let prepared = prepare_raw(sql, &options.replacements, &options.bind)?;
        let stmt = Rendered { sql: prepared.sql, params: prepared.params };
        let kind = StatementKind::of_sql(&stmt.sql);
        let ctx = Ctx::new(None, "query");
        self.in_call(|db| {
            let mut names: Vec<String> = Vec::new();
            let (rows, _) = db.executor.read(&ctx, &crate::lens::Raw(&stmt), |row| {
                let statement = row.as_ref();
                if names.is_empty() {
                    names = (0..statement.column_count())
                        .map(|i| statement.column_name(i).map_or_else(|_| format!("column{i}"), str::to_owned))
                        .collect();
                }
                let mut record = Record::with_capacity(names.len());
                for (i, name) in names.iter().enumerate() {
                    let raw = row.get_ref(i).unwrap_or(rusqlite::types::ValueRef::Null);
                    record.insert(name.clone(), value_from_ref(raw));
                }
                record
            })?;
            let changes = if kind == StatementKind::Write && rows.is_empty() { db.executor.changes() } else { 0 };
            let last_insert_id = (kind == StatementKind::Write).then(|| db.executor.last_insert_rowid());
            Ok(QueryResult { rows, changes, kind: Some(kind), last_insert_id })
        })
    }
}

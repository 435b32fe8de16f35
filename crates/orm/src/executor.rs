//! The executor: the SQLite connection and the one place where statements run, so that every
//! statement, whatever asked for it, becomes exactly one [`QueryEvent`] (with its plan, its
//! dialect lens and its changes to the history when those are on). It also keeps the
//! transactions' state. The operations above it (crud, include, sync, schema, …) reach the
//! connection only through its methods; its fields are private to this module.
//!
//! [`Database`](crate::Database) makes part of it public: transactions, subscribers, runs,
//! export and import.

use std::borrow::Cow;

use rusqlite::types::{ToSql, ToSqlOutput};
use rusqlite::Connection;
use web_time::Instant;

use crate::error::{Error, ErrorKind, Result};
use crate::lens::Special;
use crate::log::{LazyOrigin, QueryEvent, QueryLog, StatementKind, Subscriber, SubscriptionId};
use crate::sql::{Rendered, Statement};
use crate::value::Value;

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::from(rusqlite::types::Null),
            Value::Int(i) => ToSqlOutput::from(*i),
            Value::Float(f) => ToSqlOutput::from(*f),
            Value::Text(s) => ToSqlOutput::from(s.as_str()),
            Value::Blob(b) => ToSqlOutput::from(b.as_slice()),
            other => ToSqlOutput::Owned(crate::types::plain_storage(other)),
        })
    }
}

/// The connection and what every statement run on it updates.
pub(crate) struct Executor {
    conn: Connection,
    log: QueryLog,
    open_transactions: Vec<u64>,
    ended_transactions: Vec<(u64, TxEnd)>,
    next_transaction: u64,
    /// What each call changed, when asked for ([`Database::set_history`]).
    history: Option<Box<crate::history::Recorder>>,
}

impl Executor {
    /// A fresh in-memory database's connection.
    pub(crate) fn open_in_memory() -> Result<Executor> {
        Self::over(Connection::open_in_memory().map_err(|e| map_sqlite_error(&e, ""))?)
    }

    /// A database file's connection (on wasm32, a database in sqlite-wasm-rs's VFS).
    pub(crate) fn open(path: &str) -> Result<Executor> {
        Self::over(Connection::open(path).map_err(|e| map_sqlite_error(&e, ""))?)
    }

    fn over(conn: Connection) -> Result<Executor> {
        // Sequelize turns foreign keys on for every SQLite connection; so do we (not logged, as
        // Sequelize does not log it either).
        conn.execute_batch("PRAGMA foreign_keys = ON;").map_err(|e| map_sqlite_error(&e, ""))?;
        // Defensive: SQL cannot corrupt the file (`PRAGMA writable_schema`, writes to
        // `sqlite_master` or shadow tables); a learner's raw query gets SQLite's refusal.
        conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)
            .map_err(|e| map_sqlite_error(&e, ""))?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Executor {
            conn,
            log: QueryLog::default(),
            open_transactions: Vec::new(),
            ended_transactions: Vec::new(),
            next_transaction: 0,
            history: None,
        })
    }

    /// A top-level call starts (or a nested one: only the outermost takes a new call id).
    pub(crate) fn enter_call(&mut self) {
        if self.log.call_depth == 0 {
            self.log.next_call += 1;
            self.log.current_call = Some(self.log.next_call);
        }
        self.log.call_depth += 1;
    }

    /// The call [`Executor::enter_call`] started is over.
    pub(crate) fn leave_call(&mut self) {
        self.log.call_depth -= 1;
    }

    /// Sends a report to its subscribers.
    pub(crate) fn emit_report(&mut self, report: &crate::log::Report) {
        self.log.emit_report(report);
    }

    /// Runs a read and maps each row; returns the rows and the id of the event that recorded it.
    pub(crate) fn read<T>(
        &mut self,
        ctx: &Ctx,
        stmt: &dyn Statement,
        mut map: impl FnMut(&rusqlite::Row<'_>) -> T,
    ) -> Result<(Vec<T>, u64)> {
        let rendered = stmt.sqlite();
        let mut out = Vec::new();
        let (_, id) =
            self.read_each(ctx, &rendered.sql, rendered.params.as_slice().into(), Some(stmt), &mut |row| {
                out.push(map(row))
            })?;
        Ok((out, id))
    }

    /// Runs a read and hands each row to `each`; returns the number of rows and the id of the
    /// event that recorded it. `lens` is the statement the SQL was rendered from, for the dialect
    /// lens (a cached statement has none: the cache is bypassed while the lens is on). Not
    /// generic, so that its code exists once in the wasm build rather than once per caller.
    pub(crate) fn read_each(
        &mut self,
        ctx: &Ctx,
        sql: &str,
        params: Cow<'_, [Value]>,
        lens: Option<&dyn Statement>,
        each: &mut dyn FnMut(&rusqlite::Row<'_>),
    ) -> Result<(usize, u64)> {
        let id = self.next_event_id();
        let started = self.clock();
        let result = (|| -> rusqlite::Result<usize> {
            let mut prepared = self.conn.prepare_cached(sql)?;
            let mut rows = prepared.query(rusqlite::params_from_iter(params.iter()))?;
            let mut count = 0;
            while let Some(row) = rows.next()? {
                each(row);
                count += 1;
            }
            Ok(count)
        })();
        let rows = *result.as_ref().unwrap_or(&0);
        self.record(id, ctx, sql, params, lens, rows, started, result.is_err());
        result.map(|rows| (rows, id)).map_err(|e| map_sqlite_error(&e, sql))
    }

    /// Runs a write; returns the number of rows changed.
    pub(crate) fn write(&mut self, ctx: &Ctx, stmt: &dyn Statement) -> Result<usize> {
        let rendered = stmt.sqlite();
        let id = self.next_event_id();
        let started = self.clock();
        let result = self
            .conn
            .prepare_cached(&rendered.sql)
            .and_then(|mut prepared| prepared.execute(rusqlite::params_from_iter(rendered.params.iter())));
        let rows = *result.as_ref().unwrap_or(&0);
        self.record(
            id,
            ctx,
            &rendered.sql,
            Cow::Borrowed(&rendered.params),
            Some(stmt),
            rows,
            started,
            result.is_err(),
        );
        result.map_err(|e| map_sqlite_error(&e, &rendered.sql))
    }

    /// Runs a statement without parameters that returns no rows (DDL, transaction control).
    pub(crate) fn exec(&mut self, ctx: &Ctx, stmt: &dyn Statement) -> Result<()> {
        let rendered = stmt.sqlite();
        let sql = rendered.sql.as_str();
        let id = self.next_event_id();
        let started = self.clock();
        let result = self.conn.execute_batch(sql);
        self.record(id, ctx, sql, Cow::Borrowed(&[]), Some(stmt), 0, started, result.is_err());
        result.map_err(|e| map_sqlite_error(&e, sql))
    }

    /// Whether the dialect lens is on (the statement cache steps aside while it is).
    pub(crate) fn dialects(&self) -> bool {
        self.log.dialects
    }

    /// Reads without logging, for the ORM's own bookkeeping (never on a learner's behalf).
    pub(crate) fn quiet_read<T>(
        &self,
        sql: &str,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut prepared = self.conn.prepare(sql).map_err(|e| map_sqlite_error(&e, sql))?;
        let rows = prepared.query_map([], map).map_err(|e| map_sqlite_error(&e, sql))?;
        crate::collect::try_map(rows, |row| row).map_err(|e| map_sqlite_error(&e, sql))
    }

    /// One text column (`column`) of the ORM's own read without logging, NULL as empty (one
    /// function for every such read: each closure given to `quiet_read` is code of its own).
    pub(crate) fn quiet_texts(&self, sql: &str, column: usize) -> Result<Vec<String>> {
        self.quiet_read(sql, |row| Ok(row.get::<_, Option<String>>(column)?.unwrap_or_default()))
    }

    /// The first column of the first row of the ORM's own read, as an integer (0 for no row).
    pub(crate) fn quiet_number(&self, sql: &str) -> Result<i64> {
        Ok(self.quiet_read(sql, |row| row.get::<_, Option<i64>>(0))?.first().copied().flatten().unwrap_or(0))
    }

    /// The start of a statement, when someone listens to its duration (reading the clock asks
    /// the system natively and calls into JavaScript in the browser).
    fn clock(&self) -> Option<Instant> {
        self.log.has_subscribers().then(Instant::now)
    }

    fn next_event_id(&mut self) -> u64 {
        self.log.next_event += 1;
        self.log.next_event
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        id: u64,
        ctx: &Ctx,
        sql: &str,
        params: Cow<'_, [Value]>,
        lens: Option<&dyn Statement>,
        rows: usize,
        started: Option<Instant>,
        failed: bool,
    ) {
        let call = if self.log.call_depth > 0 {
            self.log.current_call.unwrap_or(0)
        } else {
            self.log.next_call += 1;
            self.log.next_call
        };
        if let Some(history) = self.history.as_mut() {
            history.after_statement(&self.conn, ctx.model, ctx.operation, sql, call, failed);
        }
        if !self.log.has_subscribers() {
            // Nobody listens: skip copying the SQL and parameters into an event (call ids still
            // advance, so they stay the same whether or not anyone subscribes).
            return;
        }
        let kind = StatementKind::of_sql(sql);
        let plan = if !self.log.plans || failed {
            Vec::new()
        } else if kind == StatementKind::Ddl {
            // The schema may have changed (an index added or dropped): plan everything again.
            self.log.plan_cache.clear();
            Vec::new()
        } else if crate::plan::is_planned(sql) {
            self.log.plan_cache.plan(&self.conn, sql, &params)
        } else {
            Vec::new()
        };
        let event = QueryEvent {
            id,
            call,
            run: self.log.run,
            sql: sql.to_owned(),
            params: params.into_owned(),
            rows,
            duration: started.map(|s| s.elapsed()).unwrap_or_default(),
            model: ctx.model.map(str::to_owned),
            operation: ctx.operation,
            kind,
            lazy: ctx.lazy.clone(),
            failed,
            plan,
            dialects: match (self.log.dialects, lens) {
                (false, _) => Vec::new(),
                (true, Some(lens)) => crate::lens::lens_all(lens),
                (true, None) => crate::lens::lens_all(&crate::lens::SqliteOnly(Rendered::default())),
            },
        };
        self.log.emit(&event);
    }

    fn end(&mut self, t: Transaction, how: TxEnd) -> Result<()> {
        if let Some((_, ended)) = self.ended_transactions.iter().find(|(id, _)| *id == t.id) {
            let verb = if how == TxEnd::Commit { "committed" } else { "rolled back" };
            let state = if *ended == TxEnd::Commit { "commit" } else { "rollback" };
            return Err(Error::new(
                ErrorKind::Transaction,
                format!("Transaction cannot be {verb} because it has been finished with state: {state}"),
            ));
        }
        match self.open_transactions.last() {
            Some(top) if *top == t.id => {}
            Some(_) => {
                return Err(Error::new(
                    ErrorKind::Transaction,
                    "A nested transaction is still open; commit or roll back the innermost transaction first",
                ))
            }
            None => return Err(Error::new(ErrorKind::Transaction, "This transaction is not open")),
        }
        let outer = self.open_transactions.len() == 1;
        let stmt = match (how, outer) {
            (TxEnd::Commit, true) => Special::Commit,
            (TxEnd::Rollback, true) => Special::Rollback,
            (TxEnd::Commit, false) => Special::Release(t.id),
            (TxEnd::Rollback, false) => Special::RollbackTo(t.id),
        };
        self.open_transactions.pop();
        self.ended_transactions.push((t.id, how));
        self.exec(&Ctx::new(None, "transaction"), &stmt)
    }

    /// The rowid of the last insert on this connection.
    pub(crate) fn last_insert_rowid(&self) -> i64 {
        self.conn.last_insert_rowid()
    }

    /// Rows changed by the last write.
    pub(crate) fn changes(&self) -> usize {
        usize::try_from(self.conn.changes()).unwrap_or(0)
    }

    /// A random version-4 UUID from SQLite's own generator (seeded by the OS natively and by the
    /// browser's crypto on wasm32), so the core needs no random-number crate.
    pub(crate) fn random_uuid(&self) -> Result<String> {
        let bytes: Vec<Vec<u8>> = self.quiet_read("SELECT randomblob(16)", |r| r.get(0))?;
        let mut b = bytes.into_iter().next().unwrap_or_default();
        b.resize(16, 0);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex: String = b.iter().map(|byte| format!("{byte:02x}")).collect();
        Ok(format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]))
    }

    /// Whether anyone listens to reports (so that counting rows for one is worth it).
    pub(crate) fn wants_reports(&self) -> bool {
        self.log.wants_reports()
    }

    /// The id of the last statement run (0 before any).
    pub(crate) fn last_event_id(&self) -> u64 {
        self.log.next_event
    }

    /// Whether the connection is outside any transaction (SQLite's autocommit mode; a learner's
    /// raw `BEGIN` counts too).
    pub(crate) fn autocommit(&self) -> bool {
        self.conn.is_autocommit()
    }

    /// [`Database::set_dialects`](crate::Database::set_dialects).
    pub(crate) fn set_dialects(&mut self, on: bool) {
        self.log.dialects = on;
    }

    /// [`Database::begin`](crate::Database::begin).
    pub(crate) fn begin(&mut self) -> Result<Transaction> {
        self.next_transaction += 1;
        let id = self.next_transaction;
        let stmt = if self.open_transactions.is_empty() { Special::Begin } else { Special::Savepoint(id) };
        self.exec(&Ctx::new(None, "transaction"), &stmt)?;
        self.open_transactions.push(id);
        Ok(Transaction { id })
    }

    /// [`Database::commit`](crate::Database::commit).
    pub(crate) fn commit(&mut self, t: Transaction) -> Result<()> {
        self.end(t, TxEnd::Commit)
    }

    /// [`Database::rollback`](crate::Database::rollback).
    pub(crate) fn rollback(&mut self, t: Transaction) -> Result<()> {
        self.end(t, TxEnd::Rollback)
    }

    /// [`Database::in_transaction`](crate::Database::in_transaction).
    pub(crate) fn in_transaction(&self) -> bool {
        !self.open_transactions.is_empty()
    }

    /// [`Database::table_names`](crate::Database::table_names).
    pub(crate) fn table_names(&self) -> Result<Vec<String>> {
        self.quiet_read(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            |r| r.get(0),
        )
    }

    /// [`Database::export`](crate::Database::export).
    pub(crate) fn export(&mut self, mid_run: bool) -> Result<Option<Vec<u8>>> {
        let fail = |e: rusqlite::Error| map_sqlite_error(&e, "");
        if !self.conn.is_autocommit() {
            if mid_run {
                return Ok(None);
            }
            self.conn.execute_batch("ROLLBACK").map_err(fail)?;
            for id in std::mem::take(&mut self.open_transactions) {
                self.ended_transactions.push((id, TxEnd::Rollback));
            }
        }
        Ok(Some(self.conn.serialize(rusqlite::MAIN_DB).map_err(fail)?.to_vec()))
    }

    /// [`Database::import`](crate::Database::import).
    pub(crate) fn import(&mut self, bytes: &[u8]) -> Result<()> {
        if self.in_transaction() {
            return Err(Error::usage(
                "cannot import a database while a transaction is open; commit or roll it back first",
            ));
        }
        let fail = |e: rusqlite::Error| map_sqlite_error(&e, "");
        let loaded = self
            .conn
            .deserialize_read_exact(rusqlite::MAIN_DB, bytes, bytes.len(), false)
            .and_then(|()| self.conn.execute_batch("PRAGMA trusted_schema = OFF; SELECT count(*) FROM sqlite_master;"))
            // Every imported file is checked whole: a damaged one is refused now, not found
            // broken by a later query.
            .and_then(|()| {
                let problems: Vec<String> = self
                    .conn
                    .prepare("PRAGMA integrity_check(5)")?
                    .query_map([], |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<_>>()?;
                if problems == ["ok"] {
                    Ok(())
                } else {
                    Err(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
                        Some(format!("integrity_check found: {}", problems.join("; "))),
                    ))
                }
            });
        if let Err(e) = loaded {
            // A connection that loaded something else than a database cannot load another one:
            // start again from an empty database.
            self.conn = Executor::open_in_memory()?.conn;
            // The update hook went with the old connection: the history stops with it.
            self.history = None;
            return Err(Error::new(
                ErrorKind::Database,
                format!("This file is not a SQLite database ({})", fail(e).message),
            ));
        }
        self.conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true).map_err(fail)?;
        Ok(())
    }

    /// [`Database::peek_table`](crate::Database::peek_table).
    pub(crate) fn peek_table(&self, table: &str, limit: usize) -> Result<TablePeek> {
        let quoted = crate::ident::quote(table);
        let count_sql = format!("SELECT count(*) FROM {quoted}");
        let count: i64 =
            self.conn.query_row(&count_sql, [], |r| r.get(0)).map_err(|e| map_sqlite_error(&e, &count_sql))?;
        let sql = format!("SELECT * FROM {quoted} LIMIT ?");
        let mut prepared = self.conn.prepare(&sql).map_err(|e| map_sqlite_error(&e, &sql))?;
        let columns: Vec<String> = crate::collect::map_vec(prepared.column_names(), str::to_owned);
        let width = columns.len();
        let rows = prepared
            .query_map([limit as i64], |row| {
                (0..width).map(|i| row.get::<_, rusqlite::types::Value>(i).map(crate::types::from_sql_value)).collect()
            })
            .map_err(|e| map_sqlite_error(&e, &sql))?;
        let rows = crate::collect::try_map(rows, |row| row).map_err(|e| map_sqlite_error(&e, &sql))?;
        Ok(TablePeek { columns, rows, count: count.max(0) as u64 })
    }

    /// [`Database::schema_sql`](crate::Database::schema_sql).
    pub(crate) fn schema_sql(&self) -> Result<Vec<String>> {
        self.quiet_read("SELECT coalesce(sql, '') FROM sqlite_master ORDER BY type, name", |r| r.get(0))
    }

    /// [`Database::subscribe`](crate::Database::subscribe).
    pub(crate) fn subscribe(&mut self, subscriber: Subscriber) -> SubscriptionId {
        self.log.subscribe(subscriber)
    }

    /// [`Database::subscribe_reports`](crate::Database::subscribe_reports).
    pub(crate) fn subscribe_reports(&mut self, subscriber: crate::log::ReportSubscriber) -> SubscriptionId {
        self.log.subscribe_reports(subscriber)
    }

    /// [`Database::unsubscribe`](crate::Database::unsubscribe).
    pub(crate) fn unsubscribe(&mut self, id: SubscriptionId) -> bool {
        self.log.unsubscribe(id)
    }

    /// [`Database::set_plans`](crate::Database::set_plans).
    pub(crate) fn set_plans(&mut self, on: bool) {
        self.log.plans = on;
        self.log.plan_cache.clear();
    }

    /// [`Database::set_history`](crate::Database::set_history).
    pub(crate) fn set_history(&mut self, on: bool) -> Result<()> {
        let fail = |e: rusqlite::Error| map_sqlite_error(&e, "");
        if on && self.history.is_none() {
            let (mut recorder, hook) = crate::history::Recorder::new();
            recorder.begin_run(self.conn.is_autocommit());
            self.conn.update_hook(Some(hook)).map_err(fail)?;
            self.history = Some(Box::new(recorder));
        } else if !on && self.history.is_some() {
            self.conn.update_hook(None::<fn(rusqlite::hooks::Action, &str, &str, i64)>).map_err(fail)?;
            self.history = None;
        }
        Ok(())
    }

    /// [`Database::history`](crate::Database::history).
    pub(crate) fn history(&self) -> Option<&crate::history::History> {
        self.history.as_deref().map(crate::history::Recorder::history)
    }

    /// [`Database::begin_run`](crate::Database::begin_run).
    pub(crate) fn begin_run(&mut self) -> u64 {
        if let Some(history) = self.history.as_mut() {
            history.begin_run(self.conn.is_autocommit());
        }
        self.log.run += 1;
        self.log.run
    }

    /// Whether `t` is still open.
    pub(crate) fn is_open(&self, t: Transaction) -> bool {
        self.open_transactions.contains(&t.id)
    }

    /// Rolls back `t` and every transaction opened inside it, innermost first.
    pub(crate) fn roll_back_through(&mut self, t: Transaction) -> Result<()> {
        while let Some(&top) = self.open_transactions.last() {
            self.end(Transaction { id: top }, TxEnd::Rollback)?;
            if top == t.id {
                break;
            }
        }
        Ok(())
    }
}

/// Who asked for a statement: recorded on its event. It borrows the model's name, which is
/// copied only when someone listens.
#[derive(Debug, Clone, Default)]
pub(crate) struct Ctx<'m> {
    pub model: Option<&'m str>,
    pub operation: &'static str,
    pub lazy: Option<LazyOrigin>,
}

impl<'m> Ctx<'m> {
    pub(crate) fn new(model: Option<&'m str>, operation: &'static str) -> Self {
        Ctx { model, operation, lazy: None }
    }
}

/// A transaction handle from [`Database::begin`]. Commit or roll back each one, innermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transaction {
    id: u64,
}

impl Transaction {
    /// The transaction's id (unique within the database).
    pub fn id(self) -> u64 {
        self.id
    }
}

/// How a transaction ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TxEnd {
    Commit,
    Rollback,
}

/// A look at a table's first rows: see [`Database::peek_table`].
#[derive(Debug, Clone, PartialEq)]
pub struct TablePeek {
    /// The column names, in table order.
    pub columns: Vec<String>,
    /// The first rows, values in column order.
    pub rows: Vec<Vec<Value>>,
    /// How many rows the table has in all.
    pub count: u64,
}

/// Turns a SQLite error into an ORM error with Sequelize's kind and a message naming the cause.
pub(crate) fn map_sqlite_error(error: &rusqlite::Error, sql: &str) -> Error {
    use rusqlite::ffi;
    // A statement SQLite could not prepare comes as SqlInputError when SQLite tells the offset
    // of the bad token (natively it may come as a plain failure): both read the same.
    let (failure, message) = match error {
        rusqlite::Error::SqliteFailure(failure, message) => (Some(failure), message.clone()),
        rusqlite::Error::SqlInputError { error, msg, .. } => (Some(error), Some(msg.clone())),
        _ => (None, None),
    };
    let (kind, message) = match (failure, error) {
        // SQLite's answer to a statement of nothing but whitespace, comments or `;` (the ORM's
        // own statements are never empty), which Sequelize reports as "SQLITE_MISUSE: not an error".
        (Some(failure), _) if failure.code == rusqlite::ErrorCode::ApiMisuse => (
            ErrorKind::Database,
            "SQLITE_MISUSE: the query holds no SQL statement, only whitespace, comments or ;".to_owned(),
        ),
        (Some(failure), _) => {
            let text = message.unwrap_or_else(|| failure.to_string());
            let kind = match failure.extended_code {
                ffi::SQLITE_CONSTRAINT_FOREIGNKEY => ErrorKind::ForeignKeyConstraint,
                // A delete or update that ON DELETE/UPDATE RESTRICT refuses comes with the plain
                // SQLITE_CONSTRAINT code; Sequelize tells it by its message, and so do we.
                _ if failure.code == rusqlite::ErrorCode::ConstraintViolation
                    && text.contains("FOREIGN KEY constraint failed") =>
                {
                    ErrorKind::ForeignKeyConstraint
                }
                // Every other constraint (UNIQUE, PRIMARY KEY, and also NOT NULL and CHECK) is a
                // UniqueConstraintError in Sequelize on SQLite: its driver gives one code for all.
                _ if failure.code == rusqlite::ErrorCode::ConstraintViolation => ErrorKind::UniqueConstraint,
                _ => ErrorKind::Database,
            };
            let code = match failure.code {
                rusqlite::ErrorCode::ConstraintViolation => "SQLITE_CONSTRAINT",
                rusqlite::ErrorCode::DatabaseBusy => "SQLITE_BUSY",
                rusqlite::ErrorCode::ReadOnly => "SQLITE_READONLY",
                rusqlite::ErrorCode::TooBig => "SQLITE_TOOBIG",
                _ => "SQLITE_ERROR",
            };
            (kind, format!("{code}: {text}"))
        }
        (None, rusqlite::Error::MultipleStatement) => (
            ErrorKind::Database,
            "A query may hold one statement only; run each statement with its own sequelize.query call".to_owned(),
        ),
        // Only a learner's raw query can get here: the ORM's own statements bind every `?`.
        (None, rusqlite::Error::InvalidParameterCount(given, needed)) => (
            ErrorKind::Database,
            format!(
                "The query has {needed} parameters for SQLite but {given} values to bind: SQLite reads @name, $name, :name and ?NNN as parameters of its own where they are not placeholders (whose names are ASCII letters, digits and _); write ? or :name with `replacements`, or $1 or $name with `bind`"
            ),
        ),
        (None, other) => (ErrorKind::Database, other.to_string()),
    };
    let mut error = Error::new(kind, message);
    if !sql.is_empty() {
        error = error.with_sql(sql);
    }
    error
}

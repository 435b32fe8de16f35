//! What both sides work on: the models (defined through the ORM), the same tables for the
//! hand-written side, deterministic rows, and the plain Rust structs the hand-written side builds.
//!
//! The hand-written side's tables are made by running the ORM's own `CREATE TABLE` statements on
//! a plain rusqlite connection (with `PRAGMA foreign_keys = ON`, as the ORM sets), so both sides
//! query identical schemas. Models have no timestamps, so every column is one the workload names.
//! Values are stored as Sequelize stores them (booleans as 0/1, dates as
//! `YYYY-MM-DD HH:MM:SS.sss +00:00` text) and both sides convert them back: the hand-written side
//! with the same date parser as the ORM (`orm::datetime`), so the ratio measures the ORM's own
//! overhead rather than two date parsers.

mod accounts;
mod blog;
mod products;

pub use accounts::{define_accounts, Account};
pub use blog::{define_blog, seed_blog, Post, User};
pub use products::{define_products, seed_products, Product, SELECT_PRODUCTS};

use orm::{Database, Instance, ModelOptions, SyncOptions, Value};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::BenchResult;

/// Model options without `createdAt`/`updatedAt`.
pub(crate) fn no_timestamps() -> ModelOptions {
    ModelOptions { timestamps: false, ..ModelOptions::default() }
}

/// A fresh in-memory ORM database with the models `define` adds, synced.
pub fn orm_db(define: fn(&mut Database) -> BenchResult<()>) -> BenchResult<Database> {
    let mut db = Database::open_in_memory()?;
    define(&mut db)?;
    db.sync(SyncOptions::default())?;
    Ok(db)
}

/// The `CREATE TABLE` statements of `db`'s synced models, tables first.
pub fn ddl(db: &Database) -> BenchResult<Vec<String>> {
    // SQLite makes `sqlite_sequence` itself, with the first AUTOINCREMENT table.
    let mut ddl: Vec<String> =
        db.schema_sql()?.into_iter().filter(|s| !s.is_empty() && !s.contains("sqlite_sequence")).collect();
    // The schema lists indexes before tables.
    ddl.sort_by_key(|s| !s.starts_with("CREATE TABLE"));
    Ok(ddl)
}

/// A fresh in-memory rusqlite connection with the tables of `ddl` (see [`ddl`]) and foreign keys
/// on, as the ORM sets them.
pub fn anchor_db(ddl: &[String]) -> BenchResult<Connection> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    for statement in ddl {
        conn.execute_batch(statement)?;
    }
    Ok(conn)
}

/// What a hand-written write starts each run from: a fresh database with the tables of `ddl`
/// and its own copy of the rows to write, both made in `prepare`, outside the timing.
pub struct FreshRows<T> {
    ddl: Vec<String>,
    rows: Vec<T>,
    conn: Option<Connection>,
    input: Vec<T>,
}

impl<T: Clone> FreshRows<T> {
    /// Rows to write into the tables of `ddl` (see [`ddl`]).
    pub fn new(ddl: Vec<String>, rows: Vec<T>) -> Self {
        FreshRows { ddl, rows, conn: None, input: Vec::new() }
    }

    /// A fresh database (see [`anchor_db`]) and a fresh copy of the rows.
    pub fn prepare(&mut self) -> BenchResult<()> {
        self.conn = Some(anchor_db(&self.ddl)?);
        self.input = self.rows.clone();
        Ok(())
    }

    /// The database and the rows `prepare` made.
    pub fn take(&mut self) -> BenchResult<(&mut Connection, Vec<T>)> {
        let rows = std::mem::take(&mut self.input);
        Ok((self.conn.as_mut().ok_or("prepare first")?, rows))
    }

    /// The database, to check what a run stored.
    pub fn conn(&self) -> BenchResult<&Connection> {
        Ok(self.conn.as_ref().ok_or("prepare first")?)
    }
}

/// A `DATE` column's stored text as milliseconds (the ORM's own parser; see the module doc).
pub fn date(raw: ValueRef<'_>) -> Option<i64> {
    match raw {
        ValueRef::Text(t) => std::str::from_utf8(t).ok().and_then(orm::datetime::parse),
        ValueRef::Integer(ms) => Some(ms),
        _ => None,
    }
}

/// Fails with a message naming the first difference when the two sides built different results,
/// or when they built fewer than `expected` items (a benchmark of no work is no benchmark).
pub fn ensure_same<T: PartialEq + std::fmt::Debug>(
    what: &str,
    ours: &[T],
    anchor: &[T],
    expected: usize,
) -> BenchResult<()> {
    if ours.len() != anchor.len() || ours.len() != expected {
        return Err(
            format!("{what}: ours built {}, the anchor {}, expected {expected}", ours.len(), anchor.len()).into()
        );
    }
    if let Some((i, (a, b))) = ours.iter().zip(anchor).enumerate().find(|(_, (a, b))| a != b) {
        return Err(format!("{what}: item {i} differs:\n  ours:   {a:?}\n  anchor: {b:?}").into());
    }
    Ok(())
}

fn missing(i: &Instance, attribute: &str, kind: &str) -> Box<dyn std::error::Error> {
    format!("{}.{attribute}: expected {kind}, got {:?}", i.model, i.get(attribute)).into()
}

pub(crate) fn int(i: &Instance, attribute: &str) -> BenchResult<i64> {
    match i.get(attribute) {
        Some(Value::Int(v)) => Ok(*v),
        _ => Err(missing(i, attribute, "an integer")),
    }
}

pub(crate) fn float(i: &Instance, attribute: &str) -> BenchResult<f64> {
    i.get(attribute).and_then(Value::as_f64).ok_or_else(|| missing(i, attribute, "a number"))
}

pub(crate) fn text(i: &Instance, attribute: &str) -> BenchResult<String> {
    i.get(attribute).and_then(Value::as_str).map(str::to_owned).ok_or_else(|| missing(i, attribute, "a string"))
}

pub(crate) fn boolean(i: &Instance, attribute: &str) -> BenchResult<bool> {
    match i.get(attribute) {
        Some(Value::Bool(b)) => Ok(*b),
        _ => Err(missing(i, attribute, "a boolean")),
    }
}

pub(crate) fn date_value(i: &Instance, attribute: &str) -> BenchResult<Option<i64>> {
    match i.get(attribute) {
        Some(Value::Date(ms)) => Ok(Some(*ms)),
        Some(Value::Null) | None => Ok(None),
        _ => Err(missing(i, attribute, "a date")),
    }
}

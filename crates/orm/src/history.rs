//! Time travel: what each top-level ORM call of a run changed, row by row, so that a page can
//! show the tables after any call. Asked for with [`crate::Database::set_history`]; off, no hook
//! is registered and nothing is recorded.
//!
//! Changes, not copies. SQLite's update hook (in every SQLite build; the preupdate hook, which
//! also gives old values, needs `SQLITE_ENABLE_PREUPDATE_HOOK`, which the browser's SQLite leaves
//! out) tells which rows a statement inserted, updated or deleted — by table and rowid, cascades
//! and raw SQL included. After the statement the recorder reads the inserted and updated rows
//! back (unlogged, by ranges of rowids: a 10,000-row `INSERT` is one read); a deleted row is
//! known from the step that wrote it. SQLite restores pages on `ROLLBACK` without telling any
//! hook, so the recorder keeps the rows touched since each open transaction and savepoint, and
//! when one rolls back reads them again: a row that is back is restored, one that is not vanished.
//! A statement that fails is undone by SQLite too: what the hook saw of it is dropped.
//!
//! Not covered: tables `WITHOUT ROWID` (the hook is not called for them), rows that an
//! `INSERT OR REPLACE` deletes (nor for those), and schema changes (a table dropped or rebuilt
//! mid-run keeps its rows in the history).

use std::sync::{Arc, Mutex};

use rusqlite::hooks::Action;
use rusqlite::Connection;

use crate::keys::{GroupKey, KeyMap, RowKey};
use crate::log::StatementKind;
use crate::value::Value;

/// What a run changed, call by call ([`crate::Database::history`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    /// The tables the hook saw, indexed by [`Change::table`].
    pub tables: Vec<HistoryTable>,
    /// One step per top-level call that changed rows or ended a transaction, in order.
    pub steps: Vec<Step>,
}

/// A table of the history: its name and its columns as last read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HistoryTable {
    /// The table's name.
    pub name: String,
    /// Its column names (empty until a row of it was read).
    pub columns: Vec<String>,
}

/// What one top-level call changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The call id, as in [`crate::QueryEvent::call`]: the statements of the step.
    pub call: u64,
    /// `Product.create`, `query`, or a transaction's statement (`ROLLBACK`).
    pub label: String,
    /// The rows it changed, each once, in the order SQLite changed them.
    pub changes: Vec<Change>,
}

/// One row changed by a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Index into [`History::tables`].
    pub table: usize,
    /// The row's rowid.
    pub rowid: i64,
    /// What happened to it.
    pub kind: ChangeKind,
    /// The row after the step, in the table's column order; `None` when it is gone (deleted, or
    /// rolled back out of existence).
    pub values: Option<Vec<Value>>,
}

/// What happened to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Inserted.
    Inserted,
    /// Updated.
    Updated,
    /// Deleted.
    Deleted,
    /// A paranoid model's `destroy`: an `UPDATE` that set `deletedAt`.
    SoftDeleted,
    /// Put back as it was (or removed, when `values` is `None`) by a `ROLLBACK` or a
    /// `ROLLBACK TO SAVEPOINT`.
    RolledBack,
}

impl ChangeKind {
    /// The name the playground uses (`inserted`, `updated`, `deleted`, `soft-deleted`,
    /// `rolled-back`).
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Inserted => "inserted",
            ChangeKind::Updated => "updated",
            ChangeKind::Deleted => "deleted",
            ChangeKind::SoftDeleted => "soft-deleted",
            ChangeKind::RolledBack => "rolled-back",
        }
    }
}

/// What the update hook saw since the last statement: table names (indexed as
/// [`History::tables`]) and `(table, rowid, action)` per row change.
#[derive(Default)]
struct Touched {
    names: Vec<String>,
    rows: Vec<(u32, i64, Action)>,
}

/// The recorder of one database: the hook's buffer, the history, and the rows touched since
/// each open transaction or savepoint.
pub(crate) struct Recorder {
    touched: Arc<Mutex<Touched>>,
    history: History,
    /// `(table, rowid)` of every change since the outermost open transaction began.
    journal: Vec<(usize, i64)>,
    /// The open transaction (`None`) and savepoints (their names), each with the journal's length
    /// when it began.
    marks: Vec<(Option<String>, usize)>,
}

/// `(table, rowid)` → an index. The key type of the include folder's child index, so the map's
/// code (and its FxHash) is shared: each map type is code of its own in the wasm.
type Keys = KeyMap<(usize, usize, RowKey), usize>;

fn key(table: usize, rowid: i64) -> (usize, usize, RowKey) {
    (table, 0, RowKey::One(GroupKey::Int(rowid)))
}

/// One statement's net change to a row (a row inserted then updated is inserted).
#[derive(Clone, Copy, PartialEq)]
enum Net {
    Inserted,
    Updated,
    Deleted,
    Gone,
}

impl Recorder {
    /// A recorder and the update hook that feeds it (register it on the connection).
    pub(crate) fn new() -> (Recorder, impl FnMut(Action, &str, &str, i64) + Send + 'static) {
        let touched = Arc::new(Mutex::new(Touched::default()));
        let shared = Arc::clone(&touched);
        let hook = move |action: Action, db: &str, table: &str, rowid: i64| {
            if db != "main" {
                return;
            }
            if let Ok(mut t) = shared.lock() {
                let index = match t.names.iter().rposition(|n| n == table) {
                    Some(i) => i,
                    None => {
                        t.names.push(table.to_owned());
                        t.names.len() - 1
                    }
                };
                t.rows.push((index as u32, rowid, action));
            }
        };
        (Recorder { touched, history: History::default(), journal: Vec::new(), marks: Vec::new() }, hook)
    }

    /// A new run: the steps so far are forgotten; a transaction left open stays open.
    pub(crate) fn begin_run(&mut self, autocommit: bool) {
        self.history.steps.clear();
        self.journal.clear();
        self.marks.clear();
        if !autocommit {
            self.marks.push((None, 0));
        }
    }

    pub(crate) fn history(&self) -> &History {
        &self.history
    }

    /// After each statement: what it changed becomes part of call `call`'s step.
    pub(crate) fn after_statement(
        &mut self,
        conn: &Connection,
        model: Option<&str>,
        operation: &str,
        sql: &str,
        call: u64,
        failed: bool,
    ) {
        let rows = match self.touched.lock() {
            Ok(mut t) => {
                for name in &t.names[self.history.tables.len().min(t.names.len())..] {
                    self.history.tables.push(HistoryTable { name: name.clone(), columns: Vec::new() });
                }
                std::mem::take(&mut t.rows)
            }
            Err(_) => return,
        };
        let kind = StatementKind::of_sql(sql);
        let verb = first_word(sql);
        let mut changes = Vec::new();
        // A failed statement is undone by SQLite; a schema change's copies are not the learner's rows.
        if !failed && kind != StatementKind::Ddl && !rows.is_empty() {
            let soft = operation == "destroy" && verb == "UPDATE";
            changes = self.read_changes(conn, &rows, soft);
        }
        if !self.marks.is_empty() {
            self.journal.extend(changes.iter().map(|c| (c.table, c.rowid)));
        }
        let ends =
            !failed && kind == StatementKind::Transaction && self.transaction_statement(conn, sql, &verb, &mut changes);
        // A transaction that ended by itself (an error that rolled it back) or without our noticing.
        let ended_anyway = conn.is_autocommit() && !self.marks.is_empty();
        if ended_anyway {
            if matches!(verb.as_str(), "COMMIT" | "END" | "RELEASE") {
                self.marks.clear();
                self.journal.clear();
            } else {
                self.roll_back_to(conn, 0, &mut changes);
                self.marks.clear();
            }
        } else if !conn.is_autocommit() && self.marks.is_empty() {
            self.marks.push((None, self.journal.len()));
        }
        if changes.is_empty() && !ends && !ended_anyway {
            return;
        }
        match self.history.steps.last_mut() {
            Some(step) if step.call == call => step.changes.append(&mut changes),
            _ => {
                let label = if kind == StatementKind::Transaction {
                    sql.trim().trim_end_matches(';').replace('`', "")
                } else {
                    model.map_or_else(|| operation.to_owned(), |m| format!("{m}.{operation}"))
                };
                self.history.steps.push(Step { call, label, changes });
            }
        }
    }

    /// `SAVEPOINT`, `RELEASE`, `ROLLBACK [TO]` and `COMMIT`; returns whether the statement ends a
    /// transaction or savepoint (a step of its own). `BEGIN` is seen through SQLite's autocommit
    /// flag, as is a transaction that an error ended.
    fn transaction_statement(&mut self, conn: &Connection, sql: &str, verb: &str, changes: &mut Vec<Change>) -> bool {
        let name = savepoint_name(sql);
        match verb {
            "SAVEPOINT" => {
                if self.marks.is_empty() {
                    self.marks.push((None, self.journal.len()));
                }
                self.marks.push((name, self.journal.len()));
                false
            }
            "RELEASE" => {
                if let Some(i) = self.mark_named(name.as_deref()) {
                    self.marks.truncate(i);
                }
                true
            }
            "ROLLBACK" if name.is_some() => {
                if let Some(i) = self.mark_named(name.as_deref()) {
                    let from = self.marks[i].1;
                    self.marks.truncate(i + 1);
                    self.roll_back_to(conn, from, changes);
                }
                true
            }
            "ROLLBACK" => {
                self.roll_back_to(conn, 0, changes);
                self.marks.clear();
                true
            }
            "COMMIT" | "END" => {
                self.marks.clear();
                self.journal.clear();
                true
            }
            _ => false,
        }
    }

    fn mark_named(&self, name: Option<&str>) -> Option<usize> {
        let name = name?;
        self.marks.iter().rposition(|(n, _)| n.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(name)))
    }

    /// The rows touched since journal position `from` are read again, as SQLite restored them.
    fn roll_back_to(&mut self, conn: &Connection, from: usize, changes: &mut Vec<Change>) {
        let keys: Vec<(usize, i64)> = self.journal.drain(from.min(self.journal.len())..).collect();
        // Each row once, in the order first touched (one map type for the whole recorder).
        let mut at = Keys::default();
        let first = changes.len();
        for (table, rowid) in keys {
            if let std::collections::hash_map::Entry::Vacant(slot) = at.entry(key(table, rowid)) {
                slot.insert(changes.len());
                changes.push(Change { table, rowid, kind: ChangeKind::RolledBack, values: None });
            }
        }
        self.fill(conn, &at, &mut changes[..], first);
    }

    /// Reads the rows of `at` (key → index into `changes`) into their changes' `values`; a row
    /// not found keeps `None`.
    fn fill(&mut self, conn: &Connection, at: &Keys, changes: &mut [Change], first: usize) {
        let mut tables: Vec<usize> = Vec::new();
        for c in &changes[first..] {
            if at.contains_key(&key(c.table, c.rowid)) && !tables.contains(&c.table) {
                tables.push(c.table);
            }
        }
        for table in tables {
            // (A deleted row is not looked for.)
            let ids: Vec<i64> = crate::collect::filter_map_vec(&changes[first..], |c| {
                (c.table == table && at.contains_key(&key(table, c.rowid))).then_some(c.rowid)
            });
            self.read_rows(conn, table, &ids, &mut |rowid, values| {
                if let Some(&i) = at.get(&key(table, rowid)) {
                    changes[i].values = Some(values);
                }
            });
        }
    }

    /// One statement's row changes, netted per row, with the values of the rows that remain.
    fn read_changes(&mut self, conn: &Connection, rows: &[(u32, i64, Action)], soft: bool) -> Vec<Change> {
        let mut order: Vec<((usize, i64), Net)> = Vec::with_capacity(rows.len());
        let mut index = Keys::default();
        for &(table, rowid, action) in rows {
            let (table, k) = (table as usize, key(table as usize, rowid));
            match index.get(&k) {
                None => {
                    let net = match action {
                        Action::SQLITE_INSERT => Net::Inserted,
                        Action::SQLITE_DELETE => Net::Deleted,
                        _ => Net::Updated,
                    };
                    index.insert(k, order.len());
                    order.push(((table, rowid), net));
                }
                Some(&i) => {
                    let net = &mut order[i].1;
                    *net = match (*net, action) {
                        (Net::Inserted, Action::SQLITE_DELETE) => Net::Gone,
                        (Net::Gone, Action::SQLITE_INSERT) => Net::Inserted,
                        (Net::Inserted, _) => Net::Inserted,
                        (_, Action::SQLITE_DELETE) => Net::Deleted,
                        (Net::Gone, _) => Net::Gone,
                        _ => Net::Updated,
                    };
                }
            }
        }
        // The rows that remain are read back; the others are gone.
        let mut changes: Vec<Change> = Vec::with_capacity(order.len());
        let mut at = Keys::default();
        for &((table, rowid), net) in &order {
            let kind = match net {
                Net::Gone => continue,
                Net::Deleted => ChangeKind::Deleted,
                Net::Inserted => ChangeKind::Inserted,
                Net::Updated if soft => ChangeKind::SoftDeleted,
                Net::Updated => ChangeKind::Updated,
            };
            if kind != ChangeKind::Deleted {
                at.insert(key(table, rowid), changes.len());
            }
            changes.push(Change { table, rowid, kind, values: None });
        }
        self.fill(conn, &at, &mut changes[..], 0);
        for c in &mut changes {
            // Written, then deleted within the statement (by a trigger): gone.
            if c.values.is_none() {
                c.kind = ChangeKind::Deleted;
            }
        }
        changes
    }

    /// The rows of `table` with these rowids, read by runs of consecutive rowids as they come (a
    /// bulk insert's are one run), unlogged; `found` gets each row found.
    fn read_rows(&mut self, conn: &Connection, table: usize, ids: &[i64], found: &mut dyn FnMut(i64, Vec<Value>)) {
        let Some(entry) = self.history.tables.get_mut(table) else { return };
        let sql = format!("SELECT rowid, * FROM {} WHERE rowid BETWEEN ?1 AND ?2", crate::ident::quote(&entry.name));
        let Ok(mut prepared) = conn.prepare_cached(&sql) else { return };
        let width = prepared.column_count();
        if entry.columns.len() + 1 != width {
            entry.columns = prepared.column_names().skip(1).map(str::to_owned).collect();
        }
        let mut start = 0;
        while start < ids.len() {
            let mut end = start;
            while end + 1 < ids.len() && ids[end + 1] == ids[end].wrapping_add(1) {
                end += 1;
            }
            if let Ok(mut rows) = prepared.query([ids[start], ids[end]]) {
                while let Ok(Some(row)) = rows.next() {
                    let Ok(rowid) = row.get::<_, i64>(0) else { continue };
                    let values = crate::collect::map_vec(1..width, |i| {
                        row.get::<_, rusqlite::types::Value>(i).map_or(Value::Null, crate::types::from_sql_value)
                    });
                    found(rowid, values);
                }
            }
            start = end + 1;
        }
    }
}

/// A statement's first keyword, upper case.
fn first_word(sql: &str) -> String {
    sql.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("").to_ascii_uppercase()
}

/// The savepoint a `SAVEPOINT x`, `RELEASE [SAVEPOINT] x` or `ROLLBACK [TRANSACTION] TO
/// [SAVEPOINT] x` names, unquoted; `None` for other statements.
fn savepoint_name(sql: &str) -> Option<String> {
    let words: Vec<&str> = sql.trim().trim_end_matches(';').split_whitespace().collect();
    let upper = |i: usize| words.get(i).map(|w| w.to_ascii_uppercase()).unwrap_or_default();
    let at = match upper(0).as_str() {
        "SAVEPOINT" => 1,
        "RELEASE" => 1 + usize::from(upper(1) == "SAVEPOINT"),
        "ROLLBACK" => {
            let to = (1..words.len()).find(|&i| upper(i) == "TO")?;
            to + 1 + usize::from(upper(to + 1) == "SAVEPOINT")
        }
        _ => return None,
    };
    let name = words.get(at)?.trim_matches(|c| matches!(c, '`' | '"' | '\'' | '[' | ']'));
    Some(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn savepoint_names_are_read_from_each_form() {
        assert_eq!(savepoint_name("SAVEPOINT `sp2`;").as_deref(), Some("sp2"));
        assert_eq!(savepoint_name("release savepoint \"ab\"").as_deref(), Some("ab"));
        assert_eq!(savepoint_name("RELEASE x").as_deref(), Some("x"));
        assert_eq!(savepoint_name("ROLLBACK TO SAVEPOINT `sp3`;").as_deref(), Some("sp3"));
        assert_eq!(savepoint_name("rollback transaction to y").as_deref(), Some("y"));
        assert_eq!(savepoint_name("ROLLBACK;"), None);
        assert_eq!(savepoint_name("COMMIT"), None);
    }
}

//! Query plans: SQLite's `EXPLAIN QUERY PLAN` of a statement the ORM ran, as data. Asked for with
//! [`crate::Database::set_plans`], each read (`SELECT`, `WITH`) and each `UPDATE` or `DELETE` gets
//! its plan in its [`crate::log::QueryEvent`]: the statement is prepared again with `EXPLAIN QUERY
//! PLAN` in front and its parameters bound, which plans it without running it, on the database as
//! it is right after the statement ran (the plan depends on the schema and its indexes, not on
//! the rows). It is not a statement of the log: no event, no count.

use rusqlite::Connection;

use crate::value::Value;

/// One step of a plan: SQLite's `id`, the `parent` step it belongs to (0 at the top) and its
/// text (`SCAN Items`, `SEARCH Users USING INTEGER PRIMARY KEY (rowid=?)`, `USE TEMP B-TREE FOR
/// ORDER BY`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanStep {
    /// The step's id.
    pub id: i64,
    /// The id of the step it belongs to; 0 for a top-level step.
    pub parent: i64,
    /// What SQLite does.
    pub detail: String,
}

/// The plans asked for so far, by statement: a statement that runs again (the N+1 loop's
/// `SELECT … WHERE orderId = ?`, a thousand `findByPk`s) is planned once. A plan depends on the
/// schema, not the rows, so [`Plans::clear`] on any schema change; and on the parameters only
/// where SQLite plans a `LIKE` or `GLOB` by its pattern's value, so those are kept by value too.
#[derive(Debug, Default)]
pub struct Plans {
    known: indexmap::IndexMap<String, Vec<PlanStep>>,
}

impl Plans {
    /// The plan of `sql` with `params`, from [`explain`] the first time.
    pub fn plan(&mut self, conn: &Connection, sql: &str, params: &[Value]) -> Vec<PlanStep> {
        let by_value =
            sql.as_bytes().windows(4).any(|w| w.eq_ignore_ascii_case(b"LIKE") || w.eq_ignore_ascii_case(b"GLOB"));
        let key = if by_value { crate::raw::inline_params(sql, params) } else { sql.to_owned() };
        if let Some(plan) = self.known.get(&key) {
            return plan.clone();
        }
        let plan = explain(conn, sql, params);
        self.known.insert(key, plan.clone());
        plan
    }

    /// Forgets every plan (the schema changed).
    pub fn clear(&mut self) {
        self.known.clear();
    }
}

/// Whether a statement gets a plan: reads, updates and deletes (an `INSERT … VALUES` has none
/// worth showing; DDL and transaction control none at all).
pub fn is_planned(sql: &str) -> bool {
    let first = sql.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    ["SELECT", "WITH", "UPDATE", "DELETE"].iter().any(|verb| first.eq_ignore_ascii_case(verb))
}

/// The plan of `sql` with `params` bound; empty when SQLite cannot plan it (then the statement
/// itself failed, and says why).
pub fn explain(conn: &Connection, sql: &str, params: &[Value]) -> Vec<PlanStep> {
    let explained = format!("EXPLAIN QUERY PLAN {sql}");
    let Ok(mut prepared) = conn.prepare(&explained) else { return Vec::new() };
    let rows = prepared.query_map(rusqlite::params_from_iter(params.iter()), |row| {
        Ok(PlanStep { id: row.get(0)?, parent: row.get(1)?, detail: row.get(3)? })
    });
    rows.map(|rows| crate::collect::filter_map_vec(rows, Result::ok)).unwrap_or_default()
}

/// The table a step reads in full (`SCAN Items`, `SCAN Items USING COVERING INDEX …`: every
/// entry of it), if it does: not `SCAN CONSTANT ROW` nor a subquery's or a view's own rows.
pub fn scanned_table(detail: &str) -> Option<&str> {
    let rest = detail.strip_prefix("SCAN ")?;
    let table = rest.split(' ').next().unwrap_or(rest);
    (!table.is_empty() && !table.starts_with('(') && !rest.starts_with("CONSTANT ROW")).then_some(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_say_scan_or_search_without_running_the_statement() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE items (id INTEGER PRIMARY KEY, order_id INTEGER); INSERT INTO items VALUES (1, 7);",
        )
        .unwrap();
        let by_order = explain(&conn, "SELECT * FROM items WHERE order_id = ?", &[Value::Int(7)]);
        assert_eq!(by_order.iter().map(|s| s.detail.as_str()).collect::<Vec<_>>(), ["SCAN items"]);
        conn.execute_batch("CREATE INDEX items_order ON items (order_id);").unwrap();
        let indexed = explain(&conn, "SELECT * FROM items WHERE order_id = ?", &[Value::Int(7)]);
        assert_eq!(indexed[0].detail, "SEARCH items USING COVERING INDEX items_order (order_id=?)");
        // A DELETE is planned, not run.
        assert_eq!(
            explain(&conn, "DELETE FROM items WHERE id = ?", &[Value::Int(1)])[0].detail,
            "SEARCH items USING INTEGER PRIMARY KEY (rowid=?)"
        );
        let left: i64 = conn.query_row("SELECT count(*) FROM items", [], |r| r.get(0)).unwrap();
        assert_eq!(left, 1);
        assert_eq!(explain(&conn, "SELECT * FROM nope", &[]), Vec::new());
    }

    #[test]
    fn a_statement_is_planned_once_until_the_schema_changes() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a TEXT);").unwrap();
        let mut plans = Plans::default();
        assert_eq!(plans.plan(&conn, "SELECT * FROM t WHERE a = ?", &[Value::Int(1)])[0].detail, "SCAN t");
        conn.execute_batch("CREATE INDEX t_a ON t (a);").unwrap();
        // Kept until cleared (the database clears it on every schema change)…
        assert_eq!(plans.plan(&conn, "SELECT * FROM t WHERE a = ?", &[Value::Int(2)])[0].detail, "SCAN t");
        plans.clear();
        assert!(plans.plan(&conn, "SELECT * FROM t WHERE a = ?", &[Value::Int(2)])[0]
            .detail
            .starts_with("SEARCH t USING"));
        // … and a LIKE is kept by its pattern: a leading wildcard cannot use an index.
        let like = "SELECT * FROM t WHERE a LIKE ?";
        let prefix = plans.plan(&conn, like, &[Value::Text("ab%".into())]);
        let anywhere = plans.plan(&conn, like, &[Value::Text("%ab".into())]);
        assert_eq!(plans.known.len(), 3);
        assert_eq!(anywhere[0].detail, "SCAN t");
        assert!(!prefix.is_empty());
    }

    #[test]
    fn which_statements_are_planned_and_which_steps_scan_a_table() {
        assert!(
            is_planned("SELECT 1")
                && is_planned(" with x as (select 1) select * from x")
                && is_planned("DELETE FROM t")
        );
        assert!(
            !is_planned("INSERT INTO t VALUES (1)") && !is_planned("CREATE TABLE t (a)") && !is_planned("PRAGMA x")
        );
        assert_eq!(scanned_table("SCAN Items"), Some("Items"));
        assert_eq!(scanned_table("SCAN Items USING COVERING INDEX i"), Some("Items"));
        assert_eq!(scanned_table("SCAN CONSTANT ROW"), None);
        assert_eq!(scanned_table("SCAN (subquery-1)"), None);
        assert_eq!(scanned_table("SEARCH Items USING INDEX i (a=?)"), None);
    }
}

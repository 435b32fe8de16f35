//! How the UI displays query events and values: parameter lists, row counts, durations, prices.
//! Plain functions, so they are tested natively.

use std::time::Duration;

use orm::raw::sql_literal;
use orm::{QueryEvent, StatementKind, Value};

/// The bound parameters as a list of SQL literals: `['Dune', 18.5]`, or `[]` when there are none.
pub fn params(params: &[Value]) -> String {
    let items: Vec<String> = params.iter().map(sql_literal).collect();
    format!("[{}]", items.join(", "))
}

/// What the row count of a statement means: rows returned by a read, rows changed by a write;
/// empty for DDL and transaction control, where SQLite's count means nothing.
pub fn rows(event: &QueryEvent) -> String {
    let plural = |n: usize| if n == 1 { "row" } else { "rows" };
    match event.kind {
        StatementKind::Read => format!("{} {}", event.rows, plural(event.rows)),
        StatementKind::Write => format!("{} {} changed", event.rows, plural(event.rows)),
        StatementKind::Ddl | StatementKind::Transaction => String::new(),
    }
}

/// A duration in milliseconds with up to three decimals: `0.042 ms`, `12 ms`. Browsers round
/// their clock (to 0.1 ms in Chromium, unless the page is cross-origin isolated), so a fast
/// statement often measures zero there: that is written `<0.1 ms`, not `0 ms`.
pub fn duration(duration: Duration) -> String {
    if duration.is_zero() {
        return "<0.1 ms".to_owned();
    }
    let ms = duration.as_secs_f64() * 1000.0;
    let text = format!("{ms:.3}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text} ms")
}

/// A `DECIMAL(10,2)` price as money: `18.50`; other values as JavaScript writes them.
pub fn price(value: &Value) -> String {
    match value.as_f64() {
        Some(n) => format!("{n:.2}"),
        None => value.to_js_string(),
    }
}

/// Which ORM call caused a statement: `Book.findAll`, or just the operation without a model.
pub fn origin(event: &QueryEvent) -> String {
    match &event.model {
        Some(model) => format!("{model}.{}", event.operation),
        None => event.operation.to_owned(),
    }
}

/// `1 statement`, `7 statements`.
pub fn statement_count(n: usize) -> String {
    format!("{n} {}", if n == 1 { "statement" } else { "statements" })
}

/// A short lowercase name of the statement kind, for CSS classes.
pub fn kind_class(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::Ddl => "ddl",
        StatementKind::Read => "read",
        StatementKind::Write => "write",
        StatementKind::Transaction => "transaction",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: StatementKind, rows: usize) -> QueryEvent {
        QueryEvent {
            id: 1,
            call: 1,
            run: 0,
            sql: "SELECT 1".into(),
            params: vec![],
            rows,
            duration: Duration::from_micros(42),
            model: Some("Book".into()),
            operation: "findAll",
            kind,
            lazy: None,
            failed: false,
        }
    }

    #[test]
    fn writes_params_as_sql_literals() {
        assert_eq!(params(&[]), "[]");
        assert_eq!(params(&[Value::from("it's"), Value::from(18.5), Value::Null]), "['it''s', 18.5, NULL]");
    }

    #[test]
    fn writes_rows_by_statement_kind() {
        assert_eq!(rows(&event(StatementKind::Read, 2)), "2 rows");
        assert_eq!(rows(&event(StatementKind::Write, 1)), "1 row changed");
        assert_eq!(rows(&event(StatementKind::Ddl, 0)), "");
    }

    #[test]
    fn writes_durations_in_milliseconds() {
        assert_eq!(duration(Duration::from_micros(42)), "0.042 ms");
        assert_eq!(duration(Duration::from_millis(12)), "12 ms");
        assert_eq!(duration(Duration::from_micros(100)), "0.1 ms");
        assert_eq!(duration(Duration::ZERO), "<0.1 ms");
    }

    #[test]
    fn writes_prices_with_two_decimals() {
        assert_eq!(price(&Value::from(18.5)), "18.50");
        assert_eq!(price(&Value::from(55)), "55.00");
        assert_eq!(price(&Value::Null), "null");
    }

    #[test]
    fn names_the_origin_and_counts() {
        assert_eq!(origin(&event(StatementKind::Read, 0)), "Book.findAll");
        assert_eq!(statement_count(1), "1 statement");
        assert_eq!(statement_count(7), "7 statements");
    }
}

//! Time travel: a run's `history` (what each top-level call changed, recorded by the engine as
//! changes, not copies — see `orm::history`) read from the report, and the tables after any step
//! folded from those changes, as HTML text with the step's rows marked (`inserted`, `updated`,
//! `deleted`, `deleted (paranoid)`, `rolled back`). Plain Rust with native tests; the step control
//! is `view/travel.rs`.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value as Json;

use crate::html::escape;
use crate::report::{list, string, text};

/// At most this many rows of a table are drawn at a step (its changed rows first).
pub const SHOWN_ROWS: usize = 50;

/// One row changed by a step.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Index into [`History::tables`].
    pub table: usize,
    /// The row's rowid.
    pub rowid: i64,
    /// `inserted`, `updated`, `deleted`, `soft-deleted` or `rolled-back`.
    pub kind: String,
    /// The row after the step, each value as text; `None` when it is gone.
    pub values: Option<Vec<String>>,
}

/// What one call changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The call id: the step's statements carry it (`Query::call`).
    pub call: u64,
    /// `Product.create`, `ROLLBACK`, …
    pub label: String,
    /// The rows it changed.
    pub changes: Vec<Change>,
}

/// A run's history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    /// Each table's name and columns.
    pub tables: Vec<(String, Vec<String>)>,
    /// The steps, in order.
    pub steps: Vec<Step>,
}

impl History {
    /// Reads the report's `history` (`None` when the run has none).
    pub fn from_json(value: &Json) -> Option<History> {
        if !value.is_object() {
            return None;
        }
        let tables = orm::collect::map_vec(list(value, "tables"), |t| {
            (string(t, "name"), orm::collect::map_vec(list(t, "columns"), text))
        });
        let change = |c: &Json| {
            let at = |i: usize| c.get(i).unwrap_or(&Json::Null);
            Change {
                table: at(0).as_u64().unwrap_or(0) as usize,
                rowid: at(1).as_i64().unwrap_or(0),
                kind: at(2).as_str().unwrap_or("").to_owned(),
                values: at(3).as_array().map(|v| orm::collect::map_vec(v.iter(), text)),
            }
        };
        let steps = orm::collect::map_vec(list(value, "steps"), |s| Step {
            call: s.get("call").and_then(Json::as_u64).unwrap_or(0),
            label: string(s, "label"),
            changes: orm::collect::map_vec(list(s, "changes"), change),
        });
        Some(History { tables, steps })
    }

    /// `step 2 of 5: Product.create`.
    pub fn caption(&self, step: usize) -> String {
        match self.steps.get(step) {
            Some(s) => format!("step {} of {}: {}", step + 1, self.steps.len(), s.label),
            None => "No call changed a row.".into(),
        }
    }

    /// The tables after step `step`: the ones it changed (every table changed so far when it
    /// changed none, as a `COMMIT`), each row marked with what the step did to it. A row the
    /// step deleted or rolled out of existence is drawn one last time, struck through.
    pub fn step_html(&self, step: usize) -> String {
        let Some(current) = self.steps.get(step) else { return String::new() };
        let mut shown: Vec<usize> = Vec::new();
        let so_far = &self.steps[..=step];
        let touched = if current.changes.is_empty() { so_far } else { std::slice::from_ref(current) };
        for c in touched.iter().flat_map(|s| &s.changes) {
            if !shown.contains(&c.table) {
                shown.push(c.table);
            }
        }
        let mut out = String::new();
        for table in shown {
            // rowid → (values, the step's mark, gone after the step)
            let mut rows: BTreeMap<i64, Row> = BTreeMap::new();
            for (i, s) in so_far.iter().enumerate() {
                let now = i == step;
                for c in s.changes.iter().filter(|c| c.table == table) {
                    let mark = now.then_some(c.kind.as_str());
                    match (&c.values, now) {
                        (Some(values), _) => {
                            rows.insert(c.rowid, (values.clone(), mark, false));
                        }
                        // Gone at this step: drawn once more with its last values.
                        (None, true) => {
                            let last = rows.remove(&c.rowid).map(|r| r.0).unwrap_or_default();
                            rows.insert(c.rowid, (last, mark, true));
                        }
                        (None, false) => {
                            rows.remove(&c.rowid);
                        }
                    }
                }
            }
            let (name, columns) = self.tables.get(table).cloned().unwrap_or_default();
            table_html(&mut out, &name, &columns, &rows);
        }
        out
    }
}

/// The label a mark reads as, and its CSS class.
fn mark_label(kind: &str, gone: bool) -> (&'static str, &'static str) {
    match kind {
        "inserted" => ("inserted", "row-inserted"),
        "updated" => ("updated", "row-updated"),
        "deleted" => ("deleted", "row-deleted"),
        "soft-deleted" => ("deleted (paranoid)", "row-soft-deleted"),
        "rolled-back" if gone => ("rolled back: gone", "row-rolled-back row-gone"),
        "rolled-back" => ("rolled back", "row-rolled-back"),
        _ => ("", ""),
    }
}

/// A row at a step: its values, what the step did to it, and whether it is gone after the step.
type Row<'a> = (Vec<String>, Option<&'a str>, bool);

fn table_html(out: &mut String, name: &str, columns: &[String], rows: &BTreeMap<i64, Row<'_>>) {
    // Rows gone before the step are not counted; rows it removed are, drawn one last time.
    let total = rows.values().filter(|r| !r.2).count();
    // The step's rows first when the table is too long to draw whole.
    let mut order: Vec<(&i64, &Row<'_>)> = rows.iter().collect();
    if order.len() > SHOWN_ROWS {
        order.sort_by_key(|(rowid, (_, mark, _))| (mark.is_none(), **rowid));
        order.truncate(SHOWN_ROWS);
        order.sort_by_key(|(rowid, _)| **rowid);
    }
    let note = if order.len() < rows.len() { format!(", {} shown", order.len()) } else { String::new() };
    let _ = write!(
        out,
        "<h3 class=\"travel-table\">{} <span class=\"note\">({total} row{}{note})</span></h3>\
         <table class=\"rows travel\" data-testid=\"travel-table\" data-table=\"{}\"><thead><tr>",
        escape(name),
        if total == 1 { "" } else { "s" },
        escape(name)
    );
    for c in columns {
        let _ = write!(out, "<th>{}</th>", escape(c));
    }
    out.push_str("<th><span class=\"visually-hidden\">Change</span></th></tr></thead><tbody>");
    for (rowid, (values, mark, gone)) in order {
        let (label, class) = mark.map_or(("", ""), |kind| mark_label(kind, *gone));
        let _ = write!(out, "<tr class=\"{class}\" data-rowid=\"{rowid}\" data-mark=\"{label}\">");
        for i in 0..columns.len() {
            let value = values.get(i).map_or("", String::as_str);
            let null = if value == "NULL" { " class=\"null\"" } else { "" };
            let _ = write!(out, "<td{null}>{}</td>", escape(value));
        }
        let _ = write!(out, "<td class=\"mark\">{label}</td></tr>");
    }
    out.push_str("</tbody></table>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The transaction lesson's shape: a create, then a transaction whose update and insert
    /// roll back.
    fn history() -> History {
        History::from_json(&json!({
            "tables": [{ "name": "Products", "columns": ["id", "name", "stock"] }, { "name": "Orders", "columns": ["id", "total"] }],
            "steps": [
                { "call": 3, "label": "Product.create", "changes": [[0, 1, "inserted", [1, "Mouse", 7]]] },
                { "call": 6, "label": "Product.decrement", "changes": [[0, 1, "updated", [1, "Mouse", 5]]] },
                { "call": 7, "label": "Order.create", "changes": [[1, 1, "inserted", [1, 200]]] },
                { "call": 9, "label": "ROLLBACK", "changes": [[0, 1, "rolled-back", [1, "Mouse", 7]], [1, 1, "rolled-back", null]] },
                { "call": 10, "label": "COMMIT", "changes": [] },
            ],
        }))
        .unwrap()
    }

    #[test]
    fn a_step_shows_the_tables_it_changed_with_its_rows_marked() {
        let h = history();
        assert_eq!(h.caption(1), "step 2 of 5: Product.decrement");
        let created = h.step_html(0);
        assert!(created.contains(
            "<tr class=\"row-inserted\" data-rowid=\"1\" data-mark=\"inserted\"><td>1</td><td>Mouse</td><td>7</td>"
        ));
        assert!(!created.contains("Orders"), "only the tables the step changed");
        assert!(h.step_html(1).contains("data-mark=\"updated\"><td>1</td><td>Mouse</td><td>5</td>"));
        let order = h.step_html(2);
        assert!(
            order.contains("data-table=\"Orders\"") && order.contains("data-mark=\"inserted\"><td>1</td><td>200</td>")
        );
        // The rollback: the stock is back and the order is drawn one last time, gone.
        let rollback = h.step_html(3);
        assert!(rollback.contains(
            "class=\"row-rolled-back\" data-rowid=\"1\" data-mark=\"rolled back\"><td>1</td><td>Mouse</td><td>7</td>"
        ));
        assert!(rollback.contains("class=\"row-rolled-back row-gone\" data-rowid=\"1\" data-mark=\"rolled back: gone\"><td>1</td><td>200</td>"));
        // A step that changed nothing shows every table so far: the order is no longer there.
        let commit = h.step_html(4);
        assert!(
            commit.contains("Orders <span class=\"note\">(0 rows)</span>")
                && commit.contains("<td>Mouse</td><td>7</td>")
        );
        assert!(!commit.contains("data-mark=\"rolled"), "nothing is marked at a step that changed nothing");
        assert_eq!(History::from_json(&Json::Null), None);
    }

    #[test]
    fn deletes_are_marked_once_then_gone_and_long_tables_show_the_changed_rows() {
        let name = |i: i64| if i == 1 { "<b>".to_owned() } else { format!("n{i}") };
        let rows: Vec<Json> = (1..=61).map(|i| json!([0, i, "inserted", [i, name(i)]])).collect();
        let h = History::from_json(&json!({
            "tables": [{ "name": "Notes", "columns": ["id", "text"] }],
            "steps": [
                { "call": 1, "label": "Note.bulkCreate", "changes": rows },
                { "call": 2, "label": "Note.destroy", "changes": [[0, 2, "soft-deleted", [2, "n2"]], [0, 3, "deleted", null]] },
                { "call": 3, "label": "query", "changes": [[0, 4, "updated", [4, "x"]]] },
            ],
        }))
        .unwrap();
        let first = h.step_html(0);
        assert!(first.contains("(61 rows, 50 shown)") && first.contains("&lt;b&gt;"));
        let destroy = h.step_html(1);
        assert!(
            destroy.contains("data-rowid=\"2\" data-mark=\"deleted (paranoid)\"")
                && destroy.contains("class=\"row-deleted\" data-rowid=\"3\"")
        );
        assert!(destroy.find("data-rowid=\"2\"") < destroy.find("data-rowid=\"3\""), "rows stay in rowid order");
        let after = h.step_html(2);
        assert!(!after.contains("data-rowid=\"3\""), "a deleted row is gone after its step");
        assert!(after.contains("(60 rows, 50 shown)") && after.contains("data-rowid=\"4\" data-mark=\"updated\""));
    }
}

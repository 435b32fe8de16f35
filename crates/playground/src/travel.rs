//! Time travel: a run's `history` (what each top-level call changed, recorded by the engine as
//! changes, not copies — see `orm::history`) read from the report, and the tables after any step
//! folded from those changes, as HTML text with the step's rows marked (`inserted`, `updated`,
//! `deleted`, `deleted (paranoid)`, `rolled back`), and the pane with its step control
//! (previous / next / a slider), drawn above the data panel's tables. Plain Rust with native tests;
//! the App routes the control's `data-action="travel"` and highlights the step's statements.

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
    /// The row after the step, each value as text; `None` when it is gone; empty when the engine
    /// did not send it (past the first 1,000 changes of a step: the row is there, its values unknown).
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
                values: match c.get(3) {
                    None => Some(Vec::new()),
                    Some(v) => v.as_array().map(|v| orm::collect::map_vec(v.iter(), text)),
                },
            }
        };
        let steps = orm::collect::map_vec(list(value, "steps"), |s| Step {
            call: s.get("call").and_then(Json::as_u64).unwrap_or(0),
            label: string(s, "label"),
            changes: orm::collect::map_vec(list(s, "changes"), change),
        });
        Some(History { tables, steps })
    }

    /// The step shown: `step` (the one picked, `None` for the last), within the steps.
    pub fn at(&self, step: Option<usize>) -> usize {
        let last = self.steps.len().saturating_sub(1);
        step.unwrap_or(last).min(last)
    }

    /// The call id of the step shown (its statements carry it).
    pub fn call_at(&self, step: Option<usize>) -> Option<u64> {
        self.steps.get(self.at(step)).map(|s| s.call)
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
            // By rowid: the row, or `None` once it is gone (a vector kept in order, not a map:
            // a BTreeMap was 5 KB of wasm).
            let mut rows: Vec<(i64, Option<Row<'_>>)> = Vec::new();
            for (i, s) in so_far.iter().enumerate() {
                let now = i == step;
                for c in s.changes.iter().filter(|c| c.table == table) {
                    let slot = match rows.binary_search_by_key(&c.rowid, |r| r.0) {
                        Ok(at) => &mut rows[at].1,
                        Err(at) => {
                            rows.insert(at, (c.rowid, None));
                            &mut rows[at].1
                        }
                    };
                    let mark = now.then_some(c.kind.as_str());
                    *slot = match (&c.values, now) {
                        (Some(values), _) => Some((values.clone(), mark, false)),
                        // Gone at this step: drawn once more with its last values.
                        (None, true) => Some((slot.take().map(|r| r.0).unwrap_or_default(), mark, true)),
                        (None, false) => None,
                    };
                }
            }
            let (name, columns) = self.tables.get(table).cloned().unwrap_or_default();
            table_html(&mut out, &name, &columns, &rows);
        }
        out
    }
}

/// The time-travel pane: the step control and the tables after step `step` (`None`: the last),
/// or a note when the run changed no row. The control's elements carry `data-action="travel"`;
/// a button's `data-value` is the step it goes to, the slider's value is read when it changes.
pub fn pane_html(history: Option<&History>, step: Option<usize>) -> String {
    let mut out = String::from("<div class=\"travel\" data-testid=\"time-travel\"><h2>Time travel</h2>");
    match history.filter(|h| !h.steps.is_empty()) {
        None => out.push_str("<p class=\"note\">After a run, each call that changed rows is a step here.</p>"),
        Some(h) => {
            let (k, last) = (h.at(step), h.steps.len() - 1);
            let off = |disabled: bool| if disabled { " disabled" } else { "" };
            let _ = write!(
                out,
                "<div class=\"travel-controls\">\
                 <button id=\"travel-prev\" data-action=\"travel\" data-value=\"{}\" data-testid=\"travel-prev\"{}>‹ previous</button>\
                 <input type=\"range\" id=\"travel-slider\" min=\"0\" max=\"{last}\" value=\"{k}\" \
                 data-action=\"travel\" data-testid=\"travel-slider\" aria-label=\"Step\">\
                 <button id=\"travel-next\" data-action=\"travel\" data-value=\"{}\" data-testid=\"travel-next\"{}>next ›</button>\
                 <span class=\"travel-caption\" role=\"status\" data-testid=\"travel-caption\">{}</span></div>",
                k.saturating_sub(1),
                off(k == 0),
                (k + 1).min(last),
                off(k == last),
                escape(&h.caption(k))
            );
            out.push_str(&h.step_html(k));
        }
    }
    out.push_str("</div>");
    out
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

fn table_html(out: &mut String, name: &str, columns: &[String], rows: &[(i64, Option<Row<'_>>)]) {
    let present = || rows.iter().filter_map(|(rowid, row)| Some((*rowid, row.as_ref()?)));
    // Rows gone after the step are not counted; rows it removed are drawn one last time.
    let total = present().filter(|(_, r)| !r.2).count();
    // A table too long to draw whole shows the step's rows first, then the others, in rowid order.
    let marked = present().filter(|(_, r)| r.1.is_some()).count().min(SHOWN_ROWS);
    let (mut marked_left, mut others_left) = (marked, SHOWN_ROWS - marked);
    let mut shown = Vec::new();
    for (rowid, row) in present() {
        let left = if row.1.is_some() { &mut marked_left } else { &mut others_left };
        if *left > 0 {
            *left -= 1;
            shown.push((rowid, row));
        }
    }
    let note = if shown.len() < present().count() { format!(", {} shown", shown.len()) } else { String::new() };
    let _ = write!(
        out,
        "<h3 class=\"travel-table\">{} <span class=\"note\">({total} row{}{note})</span></h3>\
         <table class=\"rows travel\" data-testid=\"travel-table\" data-table=\"{}\" tabindex=\"0\" \
         aria-label=\"{} after the step\"><thead><tr>",
        escape(name),
        if total == 1 { "" } else { "s" },
        escape(name),
        escape(name)
    );
    // (Focusable: a wide table scrolls, and the keyboard must reach it.) The mark first: a wide row
    // would hide it at the end.
    out.push_str("<th><span class=\"visually-hidden\">Change</span></th>");
    for c in columns {
        let _ = write!(out, "<th>{}</th>", escape(c));
    }
    out.push_str("</tr></thead><tbody>");
    for (rowid, (values, mark, gone)) in shown {
        let (label, class) = mark.map_or(("", ""), |kind| mark_label(kind, *gone));
        let _ = write!(
            out,
            "<tr class=\"{class}\" data-rowid=\"{rowid}\" data-mark=\"{label}\"><td class=\"mark\">{label}</td>"
        );
        for i in 0..columns.len() {
            let value = values.get(i).map_or("", String::as_str);
            let null = if value == "NULL" { " class=\"null\"" } else { "" };
            let _ = write!(out, "<td{null}>{}</td>", escape(value));
        }
        out.push_str("</tr>");
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
            "<tr class=\"row-inserted\" data-rowid=\"1\" data-mark=\"inserted\"><td class=\"mark\">inserted</td><td>1</td><td>Mouse</td><td>7</td>"
        ));
        assert!(!created.contains("Orders"), "only the tables the step changed");
        assert!(h
            .step_html(1)
            .contains("data-mark=\"updated\"><td class=\"mark\">updated</td><td>1</td><td>Mouse</td><td>5</td>"));
        let order = h.step_html(2);
        assert!(
            order.contains("data-table=\"Orders\"")
                && order.contains("data-mark=\"inserted\"><td class=\"mark\">inserted</td><td>1</td><td>200</td>")
        );
        // The rollback: the stock is back and the order is drawn one last time, gone.
        let rollback = h.step_html(3);
        assert!(rollback.contains(
            "class=\"row-rolled-back\" data-rowid=\"1\" data-mark=\"rolled back\"><td class=\"mark\">rolled back</td><td>1</td><td>Mouse</td><td>7</td>"
        ));
        assert!(rollback.contains("class=\"row-rolled-back row-gone\" data-rowid=\"1\" data-mark=\"rolled back: gone\"><td class=\"mark\">rolled back: gone</td><td>1</td><td>200</td>"));
        // A step that changed nothing shows every table so far: the order is no longer there.
        let commit = h.step_html(4);
        assert!(
            commit.contains("Orders <span class=\"note\">(0 rows)</span>")
                && commit.contains("<td>Mouse</td><td>7</td>")
        );
        assert!(!commit.contains("data-mark=\"rolled"), "nothing is marked at a step that changed nothing");
        assert_eq!(History::from_json(&Json::Null), None);
        // The pane: the last step unless one is picked, the buttons going one step either way.
        let pane = pane_html(Some(&h), None);
        assert!(
            pane.contains("step 5 of 5: COMMIT")
                && pane.contains("value=\"4\"")
                && pane.contains("data-testid=\"travel-next\" disabled")
        );
        let second = pane_html(Some(&h), Some(1));
        assert!(
            second.contains("data-value=\"0\" data-testid=\"travel-prev\">")
                && second.contains("data-value=\"2\" data-testid=\"travel-next\">")
        );
        assert_eq!((h.call_at(None), h.call_at(Some(1)), h.call_at(Some(99))), (Some(10), Some(6), Some(10)));
        assert!(pane_html(None, None).contains("After a run"));
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
        // A change sent without its values (past the engine's first 1,000 of a step) is a row all the same.
        let unsent = History::from_json(&json!({
            "tables": [{ "name": "Notes", "columns": ["id", "text"] }],
            "steps": [{ "call": 1, "label": "Note.bulkCreate", "changes": [[0, 1, "inserted", [1, "a"]], [0, 2, "inserted"]] }],
        }))
        .unwrap();
        let html = unsent.step_html(0);
        assert!(
            html.contains("(2 rows)")
                && html.contains(
                    "data-rowid=\"2\" data-mark=\"inserted\"><td class=\"mark\">inserted</td><td></td><td></td></tr>"
                ),
            "{html}"
        );
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

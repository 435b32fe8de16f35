//! The panes that are still HTML text, built from the page's state: the models (diagram and
//! cards) and the data (tables, pager, the row form). The Leptos view (`view/`) puts each into
//! its container and routes clicks by their `data-action` attribute (`table`, `page`, `row-*`).
//! The other panes are components; these stay text because typed views cost more than the size
//! budget has (docs/size.md, issue 17).

use std::fmt::Write;

use crate::html::{diagram_svg, escape, model_cards, table_page, PAGE_ROWS};
use crate::report::{Marks, Report};
use crate::rows::{self, model_of};

/// One run in the SQL log.
#[derive(Debug, Clone, PartialEq)]
pub struct RunEntry {
    /// 1 for the page's first run, and so on.
    pub number: u32,
    /// What ran (the lesson's title, "fixed version", …).
    pub label: String,
    /// Its report.
    pub report: Report,
    /// For a click in the data panel, the code it ran (on the engine the run before left).
    pub panel_code: Option<String>,
    /// For a button of the migrations view, its action (`migrate`, `undo`, `dry-run`), run on the
    /// engine the run before left.
    pub migration: Option<&'static str>,
    /// [`Report::marks`] of its statements, worked out once.
    pub marks: Vec<Marks>,
}

impl RunEntry {
    /// A run of the learner's code (not a click in the data panel or the migrations view).
    pub fn is_code_run(&self) -> bool {
        self.panel_code.is_none() && self.migration.is_none()
    }
}

/// The models pane's diagram and a card per model (or a hint); its forms are `view/model_forms.rs`.
pub fn models(latest: Option<&Report>) -> String {
    let drawn = match latest {
        Some(r) if !r.models.is_empty() => {
            format!("{}<div class=\"model-cards\">{}</div>", diagram_svg(&r.models), model_cards(&r.models))
        }
        _ => "<p class=\"note\">Run code that defines models to see them here.</p>".to_owned(),
    };
    format!("<h2>Models</h2>{drawn}")
}

/// The data pane's content: a tab per table (with its row count), a page of the selected
/// table's rows and the pager; for a model's table, edit and delete on each row and the row form
/// (`editing` a row, with the `values` typed so far); and what the latest click in the panel ran
/// (`panel_run`), with its error.
pub fn data(
    latest: Option<&Report>,
    (selected, page): (usize, usize),
    editing: Option<usize>,
    values: &[String],
    panel_run: Option<&RunEntry>,
) -> String {
    let Some(r) = latest.filter(|r| !r.tables.is_empty()) else {
        return "<h2>Data</h2><p class=\"note\">No tables yet.</p>".to_owned();
    };
    let current = selected.min(r.tables.len() - 1);
    let table = &r.tables[current];
    let pages = table.rows.len().div_ceil(PAGE_ROWS).max(1);
    let page = page.min(pages - 1);
    let mut out = String::from("<h2>Data</h2><div class=\"filters\">");
    for (i, t) in r.tables.iter().enumerate() {
        let active = if i == current { " active" } else { "" };
        let _ = write!(
            out,
            "<button class=\"chip{active}\" data-action=\"table\" data-value=\"{i}\">{} ({})</button>",
            escape(&t.name),
            t.count
        );
    }
    out.push_str("</div>");
    let model = model_of(&r.models, &table.name);
    out.push_str(&table_page(table, page, model.is_some()));
    let more = if table.count as usize > table.rows.len() {
        format!(" — the first {} of {} rows", table.rows.len(), table.count)
    } else {
        String::new()
    };
    let disabled = |off: bool| if off { " disabled" } else { "" };
    let _ = write!(
        out,
        "<div class=\"pager\"><button data-action=\"page\" data-value=\"{}\"{}>‹ prev</button><span>page {} of {pages}{more}</span>\
         <button data-action=\"page\" data-value=\"{}\"{}>next ›</button></div>",
        page.saturating_sub(1),
        disabled(page == 0),
        page + 1,
        page + 1,
        disabled(page + 1 >= pages),
    );
    if let Some(model) = model {
        out.push_str(&rows::form(model, editing, values));
    }
    if let Some(run) = panel_run {
        let _ = write!(
            out,
            "<pre class=\"fix\" data-testid=\"row-code\"><code>{}</code></pre>",
            escape(run.panel_code.as_deref().unwrap_or(""))
        );
        if let Some(e) = &run.report.error {
            let _ = write!(
                out,
                "<p class=\"error\" role=\"alert\" data-testid=\"row-error\">{}: {}</p>",
                escape(&e.name),
                escape(&e.message)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report(value: serde_json::Value) -> Report {
        Report::from_json(&value)
    }

    #[test]
    fn the_data_pane_pages_through_the_selected_table() {
        let r = report(json!({ "schema": { "tables": [
            { "name": "A", "columns": ["x"], "count": 3, "rows": [[1], [2], [3]] },
            { "name": "B", "columns": ["y"], "count": 60, "rows": (0..25).map(|i| json!([i])).collect::<Vec<_>>() },
        ] } }));
        let html = data(Some(&r), (1, 2), None, &[], None);
        assert!(html.contains("B (60)") && html.contains("page 3 of 3 — the first 25 of 60 rows"));
        assert!(html.contains("data-value=\"1\">‹ prev") && html.contains("next ›") && html.contains("disabled>next"));
        assert!(data(Some(&r), (9, 9), None, &[], None).contains("page 3 of 3"), "out-of-range choices are clamped");
        assert!(data(None, (0, 0), None, &[], None).contains("No tables yet."));
        assert!(!html.contains("row-form"), "a table without a model has no row form");
        assert!(models(None).contains("Run code that defines models"));
    }

    #[test]
    fn the_data_pane_edits_a_models_rows_and_shows_what_a_click_ran() {
        let r = report(json!({ "schema": {
            "models": [{ "name": "Tag", "tableName": "Tags", "attributes": [
                { "name": "id", "field": "id", "type": "INTEGER", "primaryKey": true, "autoIncrement": true },
                { "name": "label", "field": "label", "type": "STRING" } ] }],
            "tables": [{ "name": "Tags", "columns": ["id", "label"], "count": 1, "rows": [[1, "a"]] }],
        } }));
        let failed = RunEntry {
            migration: None,
            number: 2,
            label: "data panel".into(),
            report: report(
                json!({ "error": { "name": "SequelizeValidationError", "message": "Validation <len> failed" } }),
            ),
            panel_code: Some("await Tag.create({ \"label\": \"\" });".into()),
            marks: vec![],
        };
        let html = data(Some(&r), (0, 0), Some(0), &["b".to_owned()], Some(&failed));
        assert!(html.contains("data-action=\"row-delete\" data-value=\"0\"") && html.contains("editing row 1"));
        assert!(html.contains("value=\"b\"") && html.contains("row-save"));
        assert!(html.contains("data-testid=\"row-code\"><code>await Tag.create({ &quot;label&quot;: &quot;&quot; });"));
        assert!(html.contains("data-testid=\"row-error\">SequelizeValidationError: Validation &lt;len&gt; failed"));
    }
}

//! The migrations view: the migrations a run declared with their state, what the last Run, Undo
//! or Dry run did (statements, data-loss warnings, the schema before and after), and the
//! migration written from the models — read from the report's `migrations`
//! (`crates/orm-js/ENGINE.md`) and drawn as HTML text like the other panes (the Dry run, Run and
//! Undo buttons carry `data-action="migration"`). A typed Leptos component for this pane
//! measured 20.1 KB gzipped, most of it the framework's typed-view code the page does not link
//! yet: that is issue 17's decision, for the whole page at once.

use std::fmt::Write;

use serde_json::Value as Json;

use crate::html::escape;
use crate::report::{list, opt_string, string};

/// One migration and whether it has run (it is in `SequelizeMeta`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationState {
    /// Its name.
    pub name: String,
    /// Recorded as run.
    pub executed: bool,
}

/// One change between the schema before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaChange {
    /// The table.
    pub table: String,
    /// `table-added`, `column-removed`, … (see ENGINE.md).
    pub change: String,
    /// The definition before (a column's, a table's or an index's SQL).
    pub before: Option<String>,
    /// The definition after.
    pub after: Option<String>,
}

impl SchemaChange {
    /// `+`, `-` or `~`, for the line's mark and class.
    pub fn sign(&self) -> &'static str {
        match (&self.before, &self.after) {
            (None, Some(_)) => "+",
            (Some(_), None) => "-",
            _ => "~",
        }
    }

    /// The line shown: what changed and its definition (`Users: column `email` VARCHAR(255)`).
    pub fn line(&self) -> String {
        let what = self.change.split('-').next().unwrap_or("");
        match (&self.before, &self.after) {
            (Some(before), Some(after)) if what == "column" => format!("{}: {before}  →  {after}", self.table),
            (Some(_), Some(after)) => format!("{}: {what} now {after}", self.table),
            (_, Some(sql)) | (Some(sql), None) => format!("{}: {what} {sql}", self.table),
            (None, None) => format!("{}: {what}", self.table),
        }
    }
}

/// What one call of the migrator did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationAction {
    /// `migrate` or `undo`.
    pub kind: String,
    /// A dry run: nothing was kept.
    pub dry_run: bool,
    /// The migrations it ran (or would run).
    pub names: Vec<String>,
    /// Their statements, in order.
    pub statements: Vec<String>,
    /// The schema before and after.
    pub changes: Vec<SchemaChange>,
    /// The data-loss warnings.
    pub data_loss: Vec<String>,
    /// What stopped it.
    pub error: Option<String>,
}

impl MigrationAction {
    /// `Dry run of migrate: 001-create-orders, 002-discount-code`.
    pub fn title(&self) -> String {
        let what = if self.kind == "undo" { "Undo" } else { "Migrate" };
        let names = if self.names.is_empty() { "nothing to do".to_owned() } else { self.names.join(", ") };
        if self.dry_run {
            format!("Dry run of {}: {names}", what.to_ascii_lowercase())
        } else {
            format!("{what}: {names}")
        }
    }
}

/// The report's `migrations`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Migrations {
    /// The migrations, in order, with their state.
    pub list: Vec<MigrationState>,
    /// What the migrator's calls did, oldest first.
    pub actions: Vec<MigrationAction>,
    /// The migration that would make the tables match the models, as code.
    pub from_models: Option<String>,
}

fn strings(value: &Json, key: &str) -> Vec<String> {
    orm::collect::map_vec(list(value, key).filter_map(Json::as_str), str::to_owned)
}

impl Migrations {
    /// Reads the report's `migrations`; `None` when the run declared no migrator.
    pub fn from_json(value: &Json) -> Option<Migrations> {
        value.as_object()?;
        let states = orm::collect::map_vec(list(value, "list"), |m| MigrationState {
            name: string(m, "name"),
            executed: m.get("executed") == Some(&Json::Bool(true)),
        });
        let actions = orm::collect::map_vec(list(value, "actions"), |a| MigrationAction {
            kind: string(a, "kind"),
            dry_run: a.get("dryRun") == Some(&Json::Bool(true)),
            names: strings(a, "names"),
            statements: strings(a, "statements"),
            changes: orm::collect::map_vec(list(a, "changes"), |c| SchemaChange {
                table: string(c, "table"),
                change: string(c, "change"),
                before: opt_string(c, "before"),
                after: opt_string(c, "after"),
            }),
            data_loss: strings(a, "dataLoss"),
            error: opt_string(a, "error"),
        });
        Some(Migrations { list: states, actions, from_models: opt_string(value, "fromModels") })
    }

    /// How many have not run.
    pub fn pending(&self) -> usize {
        self.list.iter().filter(|m| !m.executed).count()
    }
}

impl Migrations {
    /// The pane's HTML; the buttons are disabled while a run is going.
    pub fn html(&self, running: bool) -> String {
        let mut out = format!(
            "<section class=\"pane migrations\" data-testid=\"migrations-panel\"><h2>Migrations <span class=\"count\">{} pending</span></h2><ol class=\"migration-list\">",
            self.pending()
        );
        for m in &self.list {
            let (class, badge) = if m.executed { ("done", "✓ run") } else { ("pending", "pending") };
            let _ = write!(
                out,
                "<li class=\"migration {class}\" data-testid=\"migration\"><span class=\"badge\">{badge}</span> <code>{}</code></li>",
                escape(&m.name)
            );
        }
        let disabled = if running { " disabled" } else { "" };
        out.push_str("</ol><div class=\"actions\">");
        for (value, label) in [("dry-run", "Dry run"), ("migrate", "Run"), ("undo", "Undo")] {
            let _ = write!(
                out,
                "<button data-action=\"migration\" data-value=\"{value}\" data-testid=\"migration-{value}\"{disabled}>{label}</button> "
            );
        }
        out.push_str("</div>");
        if let Some(action) = self.actions.last() {
            out.push_str(&action.html());
        }
        if let Some(code) = &self.from_models {
            let _ = write!(
                out,
                "<details data-testid=\"migration-from-models\"><summary>The models differ from the tables: \
                 the migration that makes them match</summary><pre class=\"fix\"><code>{}</code></pre></details>",
                escape(code)
            );
        }
        out.push_str("</section>");
        out
    }
}

impl MigrationAction {
    /// What the action did, as HTML.
    fn html(&self) -> String {
        let mut out = format!(
            "<div class=\"migration-action{}\" data-testid=\"migration-action\"><h3>{}</h3>",
            if self.dry_run { " dry" } else { "" },
            escape(&self.title())
        );
        if self.dry_run {
            out.push_str(
                "<p class=\"note\">Nothing was kept: the statements ran in a transaction that was rolled back.</p>",
            );
        }
        if let Some(error) = &self.error {
            let _ = write!(out, "<p class=\"error\" role=\"alert\">{}</p>", escape(error));
        }
        out.push_str("<ul class=\"data-loss\">");
        for loss in &self.data_loss {
            let _ = write!(out, "<li class=\"warning\" data-testid=\"data-loss\">⚠ {}</li>", escape(loss));
        }
        out.push_str("</ul><h4>Schema before → after</h4>");
        if self.changes.is_empty() {
            out.push_str("<p class=\"note\">No change.</p>");
        }
        out.push_str("<ul class=\"schema-diff\" data-testid=\"schema-diff\">");
        for change in &self.changes {
            let class = match change.sign() {
                "+" => "added",
                "-" => "removed",
                _ => "changed",
            };
            let _ = write!(
                out,
                "<li class=\"{class}\"><span class=\"sign\">{}</span> <code>{}</code></li>",
                change.sign(),
                escape(&change.line())
            );
        }
        let _ = write!(
            out,
            "</ul><details><summary>{} statements</summary><pre class=\"fix\"><code>{}</code></pre></details></div>",
            self.statements.len(),
            escape(&self.statements.join("\n"))
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_report_s_migrations_read_into_states_actions_and_lines() {
        let m = Migrations::from_json(&json!({
            "list": [{ "name": "001", "executed": true }, { "name": "002", "executed": false }],
            "actions": [{ "kind": "migrate", "dryRun": true, "names": ["002"], "statements": ["ALTER TABLE `a` DROP COLUMN `b`;"],
                "changes": [
                    { "table": "a", "change": "column-removed", "before": "`b` TEXT", "after": null },
                    { "table": "a", "change": "column-changed", "before": "`c` TEXT", "after": "`c` INTEGER" },
                    { "table": "t", "change": "table-added", "before": null, "after": "CREATE TABLE t (x)" },
                ],
                "dataLoss": ["Dropping column \"b\" …"], "error": null }],
            "fromModels": null,
        }))
        .unwrap();
        assert_eq!(m.pending(), 1);
        let action = &m.actions[0];
        assert_eq!(action.title(), "Dry run of migrate: 002");
        let lines: Vec<(&str, String)> = orm::collect::map_vec(action.changes.iter(), |c| (c.sign(), c.line()));
        assert_eq!(
            lines,
            [
                ("-", "a: column `b` TEXT".to_owned()),
                ("~", "a: `c` TEXT  →  `c` INTEGER".to_owned()),
                ("+", "t: table CREATE TABLE t (x)".to_owned()),
            ]
        );
        assert_eq!(Migrations::from_json(&Json::Null), None);
        let html = m.html(false);
        assert!(html.contains("<span class=\"badge\">✓ run</span> <code>001</code>"), "{html}");
        assert!(html.contains("data-action=\"migration\" data-value=\"dry-run\""), "{html}");
        assert!(
            html.contains("<li class=\"removed\"><span class=\"sign\">-</span> <code>a: column `b` TEXT</code></li>"),
            "{html}"
        );
        assert!(
            html.contains("<h3>Dry run of migrate: 002</h3>") && html.contains("data-testid=\"data-loss\""),
            "{html}"
        );
        assert!(m.html(true).contains("data-value=\"undo\" data-testid=\"migration-undo\" disabled>"));
        // Names and SQL are escaped: a migration named like markup stays text.
        let hostile = Migrations {
            list: vec![MigrationState { name: "<img src=x onerror=alert(1)>".into(), executed: false }],
            ..Migrations::default()
        };
        assert!(hostile.html(false).contains("&lt;img src=x onerror=alert(1)&gt;"));
        let undo = MigrationAction {
            kind: "undo".into(),
            dry_run: false,
            names: vec![],
            statements: vec![],
            changes: vec![],
            data_loss: vec![],
            error: None,
        };
        assert_eq!(undo.title(), "Undo: nothing to do");
    }
}

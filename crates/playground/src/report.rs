//! The report of one run, as `window.ormPlayground.run` resolves it (see
//! `crates/orm-js/ENGINE.md`), read from its JSON form into plain Rust for the views: printed
//! lines, the error, the statements, the warnings and the schema snapshot. Missing or odd fields
//! read as empty, so a report from a crashed engine still displays.

use serde_json::Value as Json;

/// The error that ended a run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunError {
    /// Sequelize's or JavaScript's error name (`SequelizeValidationError`, `TypeError`, …).
    pub name: String,
    /// The message.
    pub message: String,
    /// The learner's line, when known (1-based).
    pub line: Option<u32>,
}

/// One statement that ran.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// The event id (warnings refer to it).
    pub id: u64,
    /// The SQL with `?` placeholders.
    pub sql: String,
    /// The parameters, each written as JavaScript would print it.
    pub params: Vec<String>,
    /// The SQL with the parameters inlined (for reading, never for running).
    pub inlined: String,
    /// Duration in milliseconds.
    pub ms: f64,
    /// Rows returned (reads) or changed (writes).
    pub rows: u64,
    /// The model whose call ran it.
    pub model: Option<String>,
    /// The operation (`findAll`, `create`, `sync`, `getPosts`, …).
    pub op: String,
    /// A lazy load through an accessor: the association's name.
    pub lazy: Option<String>,
    /// The statement failed.
    pub failed: bool,
    /// The learner's line whose call ran it (1-based), when the run recorded lines.
    pub line: Option<u32>,
    /// SQLite's query plan, when the run asked for plans: each step's id, parent id and text.
    pub plan: Vec<(u64, u64, String)>,
    /// What Sequelize would send on PostgreSQL and MySQL, when the run asked for the lens.
    pub dialects: Option<crate::lens::Lens>,
    /// The top-level call that ran it (a time-travel step is one call).
    pub call: u64,
}

/// The reads of a run, before and after a fix: [`Report::read_cost`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadCost {
    /// `SELECT`s run.
    pub reads: usize,
    /// `SELECT`s whose plan reads a table in full (`SCAN …`).
    pub scans: usize,
    /// Their time, in milliseconds.
    pub ms: f64,
}

impl ReadCost {
    /// `SELECTs: 13 → 1 · 4.21 ms → 0.93 ms`, with ` · full scans: 3 → 0` when those changed.
    pub fn compared(self, after: ReadCost) -> String {
        let ms = |ms: f64| format!("{} ms", hundredths(ms));
        let mut text = format!("SELECTs: {} → {} · {} → {}", self.reads, after.reads, ms(self.ms), ms(after.ms));
        if self.scans != after.scans {
            text.push_str(&format!(" · full scans: {} → {}", self.scans, after.scans));
        }
        text
    }
}

impl Query {
    /// Reads one statement event (an entry of the report's `queries`, or of a batch the run
    /// streams while it goes).
    pub fn from_json(q: &Json) -> Query {
        Query {
            id: q.get("id").and_then(Json::as_u64).unwrap_or(0),
            call: q.get("callId").and_then(Json::as_u64).unwrap_or(0),
            sql: string(q, "sql"),
            params: orm::collect::map_vec(list(q, "params"), text),
            inlined: string(q, "inlined"),
            ms: q.get("ms").and_then(Json::as_f64).unwrap_or(0.0),
            rows: q.get("rows").and_then(Json::as_u64).unwrap_or(0),
            model: opt_string(q, "model"),
            op: string(q, "op"),
            lazy: q.get("lazy").filter(|l| l.is_object()).map(|l| string(l, "association")),
            failed: q.get("failed").and_then(Json::as_bool).unwrap_or(false),
            line: q.get("line").and_then(Json::as_u64).and_then(|l| u32::try_from(l).ok()),
            plan: orm::collect::map_vec(list(q, "plan"), |s| {
                let number = |key| s.get(key).and_then(Json::as_u64).unwrap_or(0);
                (number("id"), number("parent"), string(s, "detail"))
            }),
            dialects: crate::lens::Lens::from_json(q.get("dialects")),
        }
    }

    /// The statement's first word (`SELECT`, `INSERT`, …), as written.
    fn verb(&self) -> &str {
        self.sql.split_whitespace().next().unwrap_or("")
    }

    /// True for a `SELECT` a learner's call ran (not `sync`'s look at the schema).
    pub fn is_read(&self) -> bool {
        self.op != "sync" && self.verb().eq_ignore_ascii_case("SELECT")
    }

    /// True for an `INSERT`, `UPDATE` or `DELETE`.
    pub fn is_write(&self) -> bool {
        ["INSERT", "UPDATE", "DELETE"].iter().any(|v| self.verb().eq_ignore_ascii_case(v))
    }

    /// The CSS class of the statement's kind.
    pub fn kind_class(&self) -> &'static str {
        let is = |verbs: &[&str]| verbs.iter().any(|v| self.verb().eq_ignore_ascii_case(v));
        if is(&["SELECT", "PRAGMA", "WITH"]) {
            "read"
        } else if is(&["INSERT", "UPDATE", "DELETE", "REPLACE"]) {
            "write"
        } else if is(&["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"]) {
            "transaction"
        } else {
            "ddl"
        }
    }

    /// `Book.findAll`, `Order.getItems (lazy)`, or the operation alone.
    pub fn origin(&self) -> String {
        let call = match &self.model {
            Some(model) => format!("{model}.{}", self.op),
            None => self.op.clone(),
        };
        if self.lazy.is_some() {
            format!("{call} · lazy")
        } else {
            call
        }
    }
}

/// One finding of the analyzer.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// `n+1`, `duplicate`, `cartesian` or `unused-eager`.
    pub kind: String,
    /// The explanation.
    pub message: String,
    /// The statements involved.
    pub query_ids: Vec<u64>,
    /// The fix, as code.
    pub fix: Option<String>,
}

impl Warning {
    /// For a missing index: the fix's first line, the `addIndex` call ("Add the index and re-run"
    /// and the scaling pane put it after the code's `sync`).
    pub fn index_line(&self) -> Option<&str> {
        self.fix.as_deref().filter(|_| self.kind == "missing-index")?.lines().next()
    }
}

/// Milliseconds to two decimals, written with integers (a float's `{}` would link the float
/// printer into the wasm).
pub fn hundredths(ms: f64) -> String {
    let h = (ms * 100.0).round() as u64;
    format!("{}.{:02}", h / 100, h % 100)
}

/// A model in the schema snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelInfo {
    /// The model name.
    pub name: String,
    /// Its table.
    pub table: String,
    /// Its attributes, in definition order.
    pub attributes: Vec<AttributeInfo>,
    /// Associations defined on this model.
    pub associations: Vec<AssociationInfo>,
}

/// An attribute in the schema snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributeInfo {
    /// The attribute name.
    pub name: String,
    /// Its column.
    pub field: String,
    /// Its type (`STRING`, `INTEGER`, …).
    pub ty: String,
    /// Markers: `PK`, `FK → table, on delete …`, `unique`, `not null`, joined by ` · `.
    pub marks: String,
    /// Part of the primary key.
    pub primary_key: bool,
    /// Filled in by the database or the ORM (an auto-increment key, a timestamp), so the data
    /// panel's form leaves it out.
    pub generated: bool,
}

/// An association in the schema snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct AssociationInfo {
    /// `HasMany`, `BelongsTo`, `HasOne`, `BelongsToMany`.
    pub kind: String,
    /// The target model.
    pub target: String,
    /// The alias.
    pub alias: String,
    /// The foreign key attribute.
    pub foreign_key: String,
    /// The junction model of a belongsToMany.
    pub through: Option<String>,
    /// The accessor methods it creates.
    pub accessors: Vec<String>,
}

/// A table in the schema snapshot: its columns, row count and first rows (as text).
#[derive(Debug, Clone, PartialEq)]
pub struct TableInfo {
    /// The table name.
    pub name: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows in the table.
    pub count: u64,
    /// The first rows, each value as text (`NULL` for null).
    pub rows: Vec<Vec<String>>,
}

/// A run's report.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The printed lines.
    pub output: Vec<String>,
    /// The error that ended the run.
    pub error: Option<RunError>,
    /// The statements, in order.
    pub queries: Vec<Query>,
    /// The analyzer's findings.
    pub warnings: Vec<Warning>,
    /// The models after the run.
    pub models: Vec<ModelInfo>,
    /// The tables after the run.
    pub tables: Vec<TableInfo>,
    /// What the code returned, printed (`null` when it returned nothing).
    pub result: Option<String>,
    /// The migrations the run declared, their state and what was done with them.
    pub migrations: Option<crate::migrations::Migrations>,
    /// What each call changed (time travel), when the run recorded it.
    pub history: Option<crate::travel::History>,
}

pub(crate) fn text(value: &Json) -> String {
    match value {
        Json::String(s) => s.clone(),
        Json::Null => "NULL".into(),
        other => other.to_string(),
    }
}

/// A text field of a JSON object (empty when absent); shared with [`crate::migrations`].
pub(crate) fn string(value: &Json, key: &str) -> String {
    value.get(key).and_then(Json::as_str).unwrap_or("").to_owned()
}

pub(crate) fn opt_string(value: &Json, key: &str) -> Option<String> {
    value.get(key).and_then(Json::as_str).map(str::to_owned)
}

pub(crate) fn list<'a>(value: &'a Json, key: &str) -> impl Iterator<Item = &'a Json> {
    value.get(key).and_then(Json::as_array).into_iter().flatten()
}

impl Report {
    /// Reads a report from its JSON form (`JSON.stringify` of what `run` resolved to).
    pub fn from_json(value: &Json) -> Report {
        let error = value.get("error").filter(|e| e.is_object()).map(|e| RunError {
            name: string(e, "name"),
            message: string(e, "message"),
            line: e.get("line").and_then(Json::as_u64).and_then(|l| u32::try_from(l).ok()),
        });
        let queries = orm::collect::map_vec(list(value, "queries"), Query::from_json);
        let warnings = orm::collect::map_vec(list(value, "warnings"), |w| Warning {
            kind: string(w, "kind"),
            message: string(w, "message"),
            query_ids: orm::collect::filter_map_vec(list(w, "queryIds"), Json::as_u64),
            fix: opt_string(w, "fix"),
        });
        let schema = value.get("schema").cloned().unwrap_or(Json::Null);
        let models = orm::collect::map_vec(list(&schema, "models"), model_info);
        let tables = orm::collect::map_vec(list(&schema, "tables"), |t| TableInfo {
            name: string(t, "name"),
            columns: orm::collect::map_vec(list(t, "columns"), text),
            count: t.get("count").and_then(Json::as_f64).unwrap_or(0.0) as u64,
            rows: orm::collect::map_vec(list(t, "rows"), |r| {
                orm::collect::map_vec(r.as_array().into_iter().flatten(), text)
            }),
        });
        let result = opt_string(value, "result");
        let migrations = value.get("migrations").and_then(crate::migrations::Migrations::from_json);
        let output = orm::collect::map_vec(list(value, "output"), text);
        let history = value.get("history").and_then(crate::travel::History::from_json);
        Report { output, error, queries, warnings, models, tables, result, migrations, history }
    }

    /// How many `SELECT`s the learner's calls ran (the figure lesson goals and fixes compare).
    pub fn read_count(&self) -> usize {
        self.queries.iter().filter(|q| q.is_read()).count()
    }

    /// What an applied fix is measured by: the `SELECT`s, how many read a table in full (by
    /// their plans), and their time.
    pub fn read_cost(&self) -> ReadCost {
        let reads = self.queries.iter().filter(|q| q.is_read());
        ReadCost {
            reads: reads.clone().count(),
            scans: reads
                .clone()
                .filter(|q| q.plan.iter().any(|(_, _, step)| orm::plan::scanned_table(step).is_some()))
                .count(),
            ms: reads.map(|q| q.ms).sum(),
        }
    }

    /// For each statement, in order: whether a warning points at it, and whether another
    /// statement of the run has the same SQL and parameters. Worked out once per drawing, in one
    /// pass (a run can have 10,000 statements).
    pub fn marks(&self) -> Vec<Marks> {
        // String-keyed sets in serde_json's map, which the page already links (a new hash set
        // type would add code to a download with almost no room left).
        let mut flagged = serde_json::Map::new();
        for id in self.warnings.iter().flat_map(|w| &w.query_ids) {
            flagged.insert(id.to_string(), Json::Null);
        }
        let key = |q: &Query| format!("{}\u{0}{}", q.sql, q.params.join("\u{0}"));
        let mut seen_twice = serde_json::Map::new();
        for q in &self.queries {
            let again = seen_twice.contains_key(&key(q));
            seen_twice.insert(key(q), Json::Bool(again));
        }
        orm::collect::map_vec(&self.queries, |q| Marks {
            flagged: flagged.contains_key(&q.id.to_string()),
            duplicate: seen_twice.get(&key(q)) == Some(&Json::Bool(true)),
        })
    }
}

/// What [`Report::marks`] says of one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Marks {
    /// A warning points at it.
    pub flagged: bool,
    /// Another statement of the run has the same SQL and parameters.
    pub duplicate: bool,
}

fn model_info(m: &Json) -> ModelInfo {
    let attributes = orm::collect::map_vec(list(m, "attributes"), |a| {
        let mut marks = Vec::new();
        if a.get("primaryKey").and_then(Json::as_bool) == Some(true) {
            marks.push("PK".to_owned());
        }
        if let Some(r) = a.get("references").filter(|r| r.is_object()) {
            let on_delete = opt_string(r, "onDelete").map(|d| format!(", on delete {d}")).unwrap_or_default();
            marks.push(format!("FK → {}{on_delete}", string(r, "table")));
        }
        if a.get("unique").and_then(Json::as_bool) == Some(true) {
            marks.push("unique".into());
        }
        if a.get("allowNull").and_then(Json::as_bool) == Some(false)
            && a.get("primaryKey").and_then(Json::as_bool) != Some(true)
        {
            marks.push("not null".into());
        }
        let name = string(a, "name");
        let primary_key = a.get("primaryKey").and_then(Json::as_bool) == Some(true);
        let generated = (primary_key && a.get("autoIncrement").and_then(Json::as_bool) == Some(true))
            || ["createdAt", "updatedAt", "deletedAt"].contains(&name.as_str());
        AttributeInfo {
            field: string(a, "field"),
            ty: string(a, "type"),
            marks: marks.join(" · "),
            primary_key,
            generated,
            name,
        }
    });
    let associations = orm::collect::map_vec(list(m, "associations"), |a| AssociationInfo {
        kind: string(a, "kind"),
        target: string(a, "target"),
        alias: string(a, "as"),
        foreign_key: string(a, "foreignKey"),
        through: opt_string(a, "through"),
        accessors: a
            .get("accessors")
            .and_then(Json::as_object)
            .map(|o| orm::collect::map_vec(o.values().filter_map(Json::as_str), str::to_owned))
            .unwrap_or_default(),
    });
    ModelInfo { name: string(m, "name"), table: string(m, "tableName"), attributes, associations }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_report_reads_into_queries_warnings_and_schema() {
        let report = Report::from_json(&json!({
            "ok": false,
            "output": ["a", "b"],
            "error": { "name": "TypeError", "message": "x is not a function", "line": 4 },
            "queries": [
                { "id": 1, "sql": "SELECT name FROM sqlite_master", "op": "sync", "params": [] },
                { "id": 2, "sql": "SELECT `id` FROM `Users` WHERE `id` = ?", "inlined": "SELECT `id` FROM `Users` WHERE `id` = 1",
                  "params": [1], "ms": 0.25, "rows": 1, "model": "User", "op": "findByPk", "lazy": null, "failed": false },
                { "id": 3, "sql": "INSERT INTO `Posts` VALUES (?)", "params": [null], "op": "getPosts", "model": "User",
                  "lazy": { "association": "posts" } },
            ],
            "warnings": [{ "kind": "n+1", "message": "m", "queryIds": [2], "fix": "include" }],
            "schema": {
                "models": [{ "name": "Post", "tableName": "Posts", "attributes": [
                    { "name": "id", "field": "id", "type": "INTEGER", "primaryKey": true, "autoIncrement": true, "allowNull": false },
                    { "name": "userId", "type": "INTEGER", "allowNull": true,
                      "references": { "table": "Users", "key": "id", "onDelete": "SET NULL" } },
                ], "associations": [{ "kind": "BelongsTo", "target": "User", "as": "user", "foreignKey": "userId",
                    "through": null, "accessors": { "get": "getUser", "set": "setUser" } }] }],
                "tables": [{ "name": "Posts", "columns": ["id", "userId"], "count": 7, "rows": [[1, null]] }],
            },
        }));
        assert_eq!(report.error.as_ref().map(|e| (e.name.as_str(), e.line)), Some(("TypeError", Some(4))));
        assert_eq!(report.read_count(), 1, "sync's look at sqlite_master is not the learner's read");
        assert_eq!(report.read_cost(), ReadCost { reads: 1, scans: 0, ms: 0.25 });
        assert_eq!(report.queries[1].origin(), "User.findByPk");
        assert_eq!(report.queries[2].origin(), "User.getPosts · lazy");
        assert_eq!(report.queries[2].params, ["NULL"]);
        assert!(report.queries[2].is_write() && !report.queries[1].is_write());
        assert_eq!(report.queries[1].kind_class(), "read");
        let marks = report.marks();
        assert!(marks[1].flagged && !marks[2].flagged);
        let post = &report.models[0];
        let id = &post.attributes[0];
        assert_eq!(
            (id.name.as_str(), id.ty.as_str(), id.marks.as_str(), id.primary_key),
            ("id", "INTEGER", "PK", true)
        );
        assert!(id.generated && !post.attributes[1].generated);
        assert_eq!(post.attributes[1].marks, "FK → Users, on delete SET NULL");
        assert_eq!(post.associations[0].accessors, ["getUser", "setUser"]);
        assert_eq!(report.tables[0].rows, [["1", "NULL"]]);
        assert_eq!(report.tables[0].count, 7);
    }

    #[test]
    fn a_broken_report_reads_as_empty() {
        let report = Report::from_json(&json!({ "ok": false }));
        assert_eq!(report, Report::default());
        let same = Query {
            id: 1,
            sql: "SELECT 1".into(),
            params: vec![],
            inlined: String::new(),
            ms: 0.0,
            rows: 0,
            model: None,
            op: "query".into(),
            lazy: None,
            failed: false,
            line: None,
            plan: Vec::new(),
            dialects: None,
            call: 0,
        };
        let report = Report { queries: vec![same.clone(), Query { id: 2, ..same.clone() }], ..Report::default() };
        assert!(report.marks()[0].duplicate);
    }

    #[test]
    fn a_fix_is_compared_by_reads_scans_and_time() {
        let scanning = Report::from_json(&json!({ "queries": [
            { "id": 1, "sql": "SELECT count(*) FROM `Orders` AS `Order` WHERE `status` = ?", "op": "count", "ms": 2.004,
              "plan": [{ "id": 2, "parent": 0, "detail": "SCAN Order" }] },
            { "id": 2, "sql": "SELECT count(*) FROM `Orders` AS `Order` WHERE `status` = ?", "op": "count", "ms": 1.5,
              "plan": [{ "id": 2, "parent": 0, "detail": "SCAN Order USING COVERING INDEX o_c" }] },
            { "id": 3, "sql": "SELECT 1", "op": "query", "ms": 0.001, "plan": [{ "id": 1, "parent": 0, "detail": "SCAN CONSTANT ROW" }] },
        ] }));
        let before = scanning.read_cost();
        assert_eq!((before.reads, before.scans), (3, 2));
        let indexed = ReadCost { reads: 3, scans: 0, ms: 0.0549 };
        assert_eq!(before.compared(indexed), "SELECTs: 3 → 3 · 3.51 ms → 0.05 ms · full scans: 2 → 0");
        assert_eq!(indexed.compared(indexed), "SELECTs: 3 → 3 · 0.05 ms → 0.05 ms");
    }
}

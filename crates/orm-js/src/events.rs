//! The engine's subscribers to the query log: a buffer of events that the shell takes after
//! each call (`takeEvents`, which drives Sequelize's `logging` option and the run report), and
//! the N+1 analyzer (`findings`), fed with the log, the ORM's hydration reports and the
//! engine's own reports of includes the code never read.

use std::cell::RefCell;
use std::rc::Rc;

use orm::analyze::{Analyzer, Finding, FindingKind, Settings, UnusedInclude};
use orm::{Database, QueryEvent};

use crate::convert::Js;

/// The subscribers of one database.
pub struct Observers {
    events: Rc<RefCell<Vec<QueryEvent>>>,
    analyzer: Rc<RefCell<Analyzer>>,
}

impl Observers {
    /// Subscribes a fresh buffer and analyzer to `db`.
    pub fn attach(db: &mut Database) -> Observers {
        let events: Rc<RefCell<Vec<QueryEvent>>> = Rc::default();
        let buffer = Rc::clone(&events);
        db.subscribe(Box::new(move |event| {
            if let Ok(mut buffer) = buffer.try_borrow_mut() {
                buffer.push(event.clone());
            }
        }));
        let analyzer = Rc::new(RefCell::new(Analyzer::new(Settings::default())));
        db.subscribe(Analyzer::subscriber(&analyzer));
        db.subscribe_reports(Analyzer::report_subscriber(&analyzer));
        Observers { events, analyzer }
    }

    /// The events since the last call, oldest first.
    pub fn take(&self) -> Vec<QueryEvent> {
        self.events.try_borrow_mut().map(|mut events| std::mem::take(&mut *events)).unwrap_or_default()
    }

    /// The findings of run `run`, with `unused` (the includes never read) taken into account.
    pub fn findings(&self, run: u64, unused: Vec<UnusedInclude>) -> Vec<Finding> {
        let Ok(analyzer) = self.analyzer.try_borrow() else { return Vec::new() };
        if unused.is_empty() {
            return analyzer.findings_for_run(run);
        }
        let mut analyzer = analyzer.clone();
        for report in unused {
            analyzer.observe_unused_include(report);
        }
        analyzer.findings_for_run(run)
    }
}

/// At most this many parameters of a statement go to JavaScript, unless `logging` wants the
/// statement in full (`take_events(true)`).
pub const SHOWN_PARAMS: usize = 1000;

/// A query event as the shell and the run report get it:
/// `{ id, sql, params, inlined, ms, rows, model, op, lazy, runId, callId, failed, plan, dialects }`, where
/// `lazy` is `null` or `{ association, sourceModel, sourceKey, sourceQuery }` and `plan` (only
/// when the run asked for plans and SQLite planned the statement) `[{ id, parent, detail }]`. Without `full`, a
/// statement with more than [`SHOWN_PARAMS`] parameters has only the first ones in `params` and
/// `inlined` cut with `…` after them: the SQL log shows the shape, and a megabyte of text for a
/// 10,000-row `INSERT` cost a fifth of its bulkCreate's time.
pub fn event_js(event: &QueryEvent, full: bool) -> Js {
    let shown = if full { event.params.len() } else { event.params.len().min(SHOWN_PARAMS) };
    let lazy = match &event.lazy {
        None => Js::Null,
        Some(origin) => Js::object([
            ("association", Js::from(origin.association.as_str())),
            ("sourceModel", Js::from(origin.source_model.as_str())),
            ("sourceKey", Js::from(origin.source_key.as_str())),
            ("sourceQuery", origin.source_query.map_or(Js::Null, Js::from)),
        ]),
    };
    Js::object([
        ("id", Js::from(event.id)),
        ("sql", Js::from(event.sql.as_str())),
        // As SQLite binds them (a boolean 0/1, a date its stored text), as before the lens kept
        // parameters typed.
        ("params", Js::list(event.params[..shown].iter(), |v| Js::value(&orm::types::bound(v)))),
        ("inlined", Js::from(event.inlined_sql_upto(shown))),
        ("ms", Js::Num(event.duration.as_secs_f64() * 1000.0)),
        ("rows", Js::from(event.rows)),
        ("model", Js::opt_str(event.model.as_deref())),
        ("op", Js::from(event.operation)),
        ("lazy", lazy),
        ("runId", Js::from(event.run)),
        ("callId", Js::from(event.call)),
        ("failed", Js::from(event.failed)),
        ("plan", plan_js(&event.plan)),
        ("dialects", dialects_js(&event.dialects, full)),
    ])
}

/// At most this many characters of a statement in another dialect go to JavaScript, unless
/// `logging` wants it in full: the lens of a 10,000-row `INSERT` is cut as its `inlined` is.
pub const SHOWN_LENS_CHARS: usize = 20_000;

/// The dialect lens as `{ postgres: [sql], mysql: [sql], note }`, or `null` when the run did not
/// ask for it. `note`: `null`, `'as-written'` (the learner's raw SQL, sent as written everywhere)
/// or `'not-shown'` (SQLite-only text of the ORM's that the lens does not translate).
fn dialects_js(lenses: &[orm::lens::DialectSql], full: bool) -> Js {
    use orm::lens::Shown;
    if lenses.is_empty() {
        return Js::Null;
    }
    let cut = |s: &String| match s.char_indices().nth(SHOWN_LENS_CHARS) {
        Some((at, _)) if !full => Js::from(format!("{}…", &s[..at])),
        _ => Js::from(s.as_str()),
    };
    let mut fields = Vec::with_capacity(lenses.len() + 1);
    let mut note = Js::Null;
    for lens in lenses {
        let list = match &lens.shown {
            Shown::Sql(statements) => Js::list(statements.iter(), cut),
            Shown::AsWritten => {
                note = Js::from("as-written");
                Js::Array(Vec::new())
            }
            Shown::NotShown => {
                note = Js::from("not-shown");
                Js::Array(Vec::new())
            }
        };
        fields.push((lens.dialect, list));
    }
    fields.push(("note", note));
    Js::object(fields)
}

/// A plan as `[{ id, parent, detail }]`, or `null` when the statement has none.
fn plan_js(plan: &[orm::plan::PlanStep]) -> Js {
    if plan.is_empty() {
        return Js::Null;
    }
    let step = |s: &orm::plan::PlanStep| {
        Js::object([("id", Js::from(s.id)), ("parent", Js::from(s.parent)), ("detail", Js::from(s.detail.as_str()))])
    };
    Js::list(plan.iter(), step)
}

/// The `kind` string of a finding.
pub fn kind_name(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::NPlusOne => "n+1",
        FindingKind::Duplicate => "duplicate",
        FindingKind::Cartesian => "cartesian",
        FindingKind::UnusedEager => "unused-eager",
        FindingKind::UnboundValue => "unbound-value",
        FindingKind::DataLoss => "data-loss",
        FindingKind::MissingIndex => "missing-index",
        FindingKind::JoinedCount => "joined-count",
        FindingKind::JoinedLimit => "joined-limit",
    }
}

/// A finding as the run report's `warnings` hold it:
/// `{ kind, message, model, association, count, queryIds, fix }`.
pub fn finding_js(finding: &Finding) -> Js {
    Js::object([
        ("kind", Js::from(kind_name(finding.kind))),
        ("message", Js::from(finding.message.as_str())),
        ("model", Js::opt_str(finding.model.as_deref())),
        ("association", Js::opt_str(finding.association.as_deref())),
        ("count", Js::from(finding.count)),
        ("queryIds", Js::list(finding.query_ids.iter(), |id| Js::from(*id))),
        ("fix", Js::opt_str(finding.fix.as_deref())),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value as Json};

    #[test]
    fn events_carry_the_lens_when_the_run_asks_for_it() {
        let mut db = Database::open_in_memory().unwrap();
        let observers = Observers::attach(&mut db);
        db.set_dialects(true);
        let mut spec = orm::ModelSpec::new("Item");
        spec = spec.attribute(orm::AttributeSpec::new("on", orm::DataType::Boolean));
        db.define(spec).unwrap();
        db.sync(Default::default()).unwrap();
        db.create("Item", orm::Record::from_iter([("on".to_owned(), orm::Value::Bool(true))])).unwrap();
        db.query("SELECT 1", &Default::default()).unwrap();
        let events = observers.take();
        let insert = events.iter().find(|e| e.sql.starts_with("INSERT")).unwrap();
        let js = event_js(insert, false).to_json();
        // JavaScript gets the parameters as SQLite binds them; the lens writes PostgreSQL's literal.
        assert_eq!(js["params"][1], json!(1));
        let pg = js["dialects"]["postgres"][0].as_str().unwrap();
        assert!(pg.starts_with("INSERT INTO \"Items\" (\"id\", \"on\"") && pg.contains(", true, "), "{pg}");
        assert!(!js["dialects"]["mysql"][0].as_str().unwrap().contains("RETURNING"));
        assert_eq!(js["dialects"]["note"], Json::Null);
        let raw = event_js(events.last().unwrap(), false).to_json();
        assert_eq!(raw["dialects"], json!({ "postgres": [], "mysql": [], "note": "as-written" }));
        db.set_dialects(false);
        db.query("SELECT 2", &Default::default()).unwrap();
        assert_eq!(event_js(&observers.take()[0], false).to_json()["dialects"], Json::Null);
    }

    #[test]
    fn findings_have_the_report_shape() {
        let finding = Finding {
            kind: FindingKind::NPlusOne,
            run: 1,
            message: "m".into(),
            model: Some("Product".into()),
            association: None,
            count: 3,
            query_ids: vec![1, 2],
            fix: None,
        };
        assert_eq!(
            finding_js(&finding).to_json(),
            json!({"kind": "n+1", "message": "m", "model": "Product", "association": null, "count": 3, "queryIds": [1, 2], "fix": null})
        );
    }
}

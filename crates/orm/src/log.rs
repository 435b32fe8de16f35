//! The query log: every statement the ORM runs becomes a [`QueryEvent`], and subscribers get
//! each event as it happens. The playground's SQL panel, Sequelize's `logging` option and the
//! N+1 analyzer are all subscribers; none of them is special.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use crate::value::Value;

/// What kind of statement an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// Schema changes: `CREATE TABLE`, `DROP TABLE`, `CREATE INDEX`, `PRAGMA`.
    Ddl,
    /// A read: `SELECT`.
    Read,
    /// A write: `INSERT`, `UPDATE`, `DELETE`.
    Write,
    /// Transaction control: `BEGIN`, `COMMIT`, `ROLLBACK`, `SAVEPOINT`, `RELEASE`.
    Transaction,
}

impl StatementKind {
    /// Classifies a statement by its first keyword.
    pub fn of_sql(sql: &str) -> StatementKind {
        let first = sql.trim_start().split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
        match first.to_ascii_uppercase().as_str() {
            "SELECT" | "WITH" | "VALUES" | "EXPLAIN" => StatementKind::Read,
            "INSERT" | "UPDATE" | "DELETE" | "REPLACE" => StatementKind::Write,
            "BEGIN" | "COMMIT" | "END" | "ROLLBACK" | "SAVEPOINT" | "RELEASE" => StatementKind::Transaction,
            _ => StatementKind::Ddl,
        }
    }
}

/// Where a lazily loaded association was read from: the instance it was called on and the
/// result that instance came from. The N+1 analyzer groups lazy loads by `source_query`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LazyOrigin {
    /// The association read (`category`, `products`).
    pub association: String,
    /// The model the accessor was called on.
    pub source_model: String,
    /// The primary key of the instance the accessor was called on, as text.
    pub source_key: String,
    /// The id of the query event whose result the instance came from, if it came from one.
    pub source_query: Option<u64>,
    /// How many rows that result had.
    pub source_rows: Option<usize>,
}

/// One statement the ORM ran.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryEvent {
    /// Sequence number of the statement within the database, from 1.
    pub id: u64,
    /// The top-level ORM call this statement belongs to (one `findAll` with a separate include
    /// runs two statements with the same `call`).
    pub call: u64,
    /// The run this statement belongs to, as set with [`crate::Database::begin_run`] (one press
    /// of Run in the playground); 0 outside any run.
    pub run: u64,
    /// The SQL, with `?` placeholders.
    pub sql: String,
    /// The bound parameters, in order.
    pub params: Vec<Value>,
    /// Rows returned (reads) or changed (writes).
    pub rows: usize,
    /// How long SQLite took.
    pub duration: Duration,
    /// The model that caused the statement, if any.
    pub model: Option<String>,
    /// The ORM operation that caused it (`findAll`, `create`, `sync`, `query`, …).
    pub operation: &'static str,
    /// What kind of statement it is.
    pub kind: StatementKind,
    /// Set when the statement is a lazy load through an association accessor.
    pub lazy: Option<LazyOrigin>,
    /// Whether the statement failed (the error is returned to the caller).
    pub failed: bool,
    /// SQLite's plan for it, when plans are asked for ([`crate::Database::set_plans`]) and it is
    /// a read, an `UPDATE` or a `DELETE`; empty otherwise.
    pub plan: Vec<crate::plan::PlanStep>,
    /// What Sequelize would send for it on PostgreSQL and MySQL, when the lens is on
    /// ([`crate::Database::set_dialects`]); empty otherwise.
    pub dialects: Vec<crate::lens::DialectSql>,
}

impl QueryEvent {
    /// The statement with its parameters written inline as SQL literals, for display only.
    pub fn inlined_sql(&self) -> String {
        crate::raw::inline_params(&self.sql, &self.params)
    }

    /// [`QueryEvent::inlined_sql`] with at most `limit` parameters, cut with `…` after them.
    pub fn inlined_sql_upto(&self, limit: usize) -> String {
        crate::raw::inline_params_upto(&self.sql, &self.params, limit)
    }

    /// A copy with no parameters (a 10,000-row `INSERT` has 50,000 of them).
    pub(crate) fn without_params(&self) -> QueryEvent {
        QueryEvent {
            id: self.id,
            call: self.call,
            run: self.run,
            sql: self.sql.clone(),
            params: Vec::new(),
            rows: self.rows,
            duration: self.duration,
            model: self.model.clone(),
            operation: self.operation,
            kind: self.kind,
            lazy: self.lazy.clone(),
            failed: self.failed,
            plan: self.plan.clone(),
            dialects: self.dialects.clone(),
        }
    }
}

/// One association included in a read, as the ORM planned it (`include: [{ model, as, … }]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludeShape {
    /// The association's name (`as`): `posts`.
    pub association: String,
    /// The model it loads: `Post`.
    pub model: String,
    /// Whether it is a to-many association (`hasMany`, `belongsToMany`), whose JOIN repeats the
    /// parent row once per child.
    pub many: bool,
    /// Whether it is loaded by a separate `IN (…)` query (`separate: true`) rather than joined.
    pub separate: bool,
    /// Includes nested inside this one.
    pub include: Vec<IncludeShape>,
}

impl IncludeShape {
    /// A joined to-one include (`belongsTo`, `hasOne`) of `model` as `association`.
    pub fn one(association: &str, model: &str) -> IncludeShape {
        IncludeShape {
            association: association.to_owned(),
            model: model.to_owned(),
            many: false,
            separate: false,
            include: vec![],
        }
    }

    /// A joined to-many include (`hasMany`, `belongsToMany`) of `model` as `association`.
    pub fn many(association: &str, model: &str) -> IncludeShape {
        IncludeShape { many: true, ..IncludeShape::one(association, model) }
    }

    /// The same include, loaded with `separate: true`.
    pub fn separate(self) -> IncludeShape {
        IncludeShape { separate: true, ..self }
    }

    /// The same include with `child` nested inside it.
    pub fn with(mut self, child: IncludeShape) -> IncludeShape {
        self.include.push(child);
        self
    }
}

/// What the ORM built from the rows of one read: reported after hydration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hydration {
    /// The id of the read's query event.
    pub query_id: u64,
    /// Every instance built from the rows: top-level and nested, each counted once per place it
    /// appears in the result tree.
    pub instances: usize,
    /// The include tree of the read, as planned (joined and separate ones alike).
    pub includes: Vec<IncludeShape>,
}

/// A schema change that deletes data (or that another database would refuse), reported with
/// the statement that makes it. The ORM counts the rows with reads of its own, which are not in
/// the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataLoss {
    /// The id of the statement that makes the change.
    pub query_id: u64,
    /// The table changed.
    pub table: String,
    /// The column, for a column's change.
    pub column: Option<String>,
    /// How many rows lose something.
    pub rows: usize,
    /// What they lose.
    pub what: DataLossKind,
}

/// What a [`DataLoss`] loses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataLossKind {
    /// The table is dropped with its rows.
    DroppedTable,
    /// The column is dropped with its rows' values.
    DroppedColumn,
    /// The column's new type cannot hold some values as they are: SQLite keeps them (a type is
    /// an affinity there), PostgreSQL would refuse the change, MySQL would convert or cut them.
    Narrowed {
        /// The declared type before.
        from: String,
        /// The declared type after.
        to: String,
        /// A few of the values, as SQL literals.
        examples: Vec<String>,
    },
}

/// What the ORM reports beside the statements, for the analyzer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    /// What a read built (the cartesian and unused-include checks).
    Hydration(Hydration),
    /// A schema change that deletes data.
    DataLoss(DataLoss),
}

/// A subscriber to query events.
pub type Subscriber = Box<dyn FnMut(&QueryEvent)>;

/// A subscriber to the ORM's reports ([`Report`]).
pub type ReportSubscriber = Box<dyn FnMut(&Report)>;

/// Identifies a subscription so it can be removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubscriptionId(u64);

/// The list of subscribers and the counters that number events.
#[derive(Default)]
pub struct QueryLog {
    subscribers: Vec<(SubscriptionId, Subscriber)>,
    report_subscribers: Vec<(SubscriptionId, ReportSubscriber)>,
    next_subscription: u64,
    pub(crate) next_event: u64,
    pub(crate) next_call: u64,
    pub(crate) current_call: Option<u64>,
    pub(crate) call_depth: u32,
    pub(crate) run: u64,
    /// Each planned statement's event carries its plan ([`crate::plan`]).
    pub(crate) plans: bool,
    /// Plans already asked for, by statement ([`crate::plan::Plans`]).
    pub(crate) plan_cache: crate::plan::Plans,
    /// Each event carries the dialect lens ([`crate::lens`]).
    pub(crate) dialects: bool,
}

impl QueryLog {
    /// Adds a subscriber; it gets every event from now on.
    pub fn subscribe(&mut self, subscriber: Subscriber) -> SubscriptionId {
        self.next_subscription += 1;
        let id = SubscriptionId(self.next_subscription);
        self.subscribers.push((id, subscriber));
        id
    }

    /// Adds a subscriber to the ORM's reports: after a read with includes is folded into
    /// instances, how many instances it built and the include tree it planned; with a schema
    /// change, the data it deletes.
    pub fn subscribe_reports(&mut self, subscriber: ReportSubscriber) -> SubscriptionId {
        self.next_subscription += 1;
        let id = SubscriptionId(self.next_subscription);
        self.report_subscribers.push((id, subscriber));
        id
    }

    /// Removes a subscriber of either kind; returns whether it was there.
    pub fn unsubscribe(&mut self, id: SubscriptionId) -> bool {
        let before = self.subscribers.len() + self.report_subscribers.len();
        self.subscribers.retain(|(sid, _)| *sid != id);
        self.report_subscribers.retain(|(sid, _)| *sid != id);
        before != self.subscribers.len() + self.report_subscribers.len()
    }

    pub(crate) fn emit_report(&mut self, report: &Report) {
        for (_, subscriber) in &mut self.report_subscribers {
            subscriber(report);
        }
    }

    pub(crate) fn wants_reports(&self) -> bool {
        !self.report_subscribers.is_empty()
    }

    pub(crate) fn has_subscribers(&self) -> bool {
        !self.subscribers.is_empty()
    }

    pub(crate) fn emit(&mut self, event: &QueryEvent) {
        for (_, subscriber) in &mut self.subscribers {
            subscriber(event);
        }
    }
}

/// A subscriber that keeps every event in memory, for tests and reports.
#[derive(Clone, Default)]
pub struct Recorder {
    events: Rc<RefCell<Vec<QueryEvent>>>,
}

impl Recorder {
    /// A new, empty recorder.
    pub fn new() -> Self {
        Self::default()
    }

    /// A subscriber that appends to this recorder.
    pub fn subscriber(&self) -> Subscriber {
        let events = Rc::clone(&self.events);
        Box::new(move |event| events.borrow_mut().push(event.clone()))
    }

    /// Every event recorded so far.
    pub fn events(&self) -> Vec<QueryEvent> {
        self.events.borrow().clone()
    }

    /// The SQL of every event recorded so far.
    pub fn sql(&self) -> Vec<String> {
        crate::collect::map_vec(self.events.borrow().iter(), |e| e.sql.clone())
    }

    /// How many events were recorded.
    pub fn len(&self) -> usize {
        self.events.borrow().len()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.events.borrow().is_empty()
    }

    /// Forgets what was recorded.
    pub fn clear(&self) {
        self.events.borrow_mut().clear();
    }
}

//! The N+1 analyzer: pure code over the stream of [`QueryEvent`]s that finds the performance
//! traps the playground teaches, each as a [`Finding`] with a fix written as code.
//!
//! It depends on the event type alone — no SQLite, no UI — so it is tested on hand-made event
//! streams, and it runs as one more log subscriber ([`Analyzer::subscriber`]). What it finds:
//!
//! - **N+1 by provenance** ([`FindingKind::NPlusOne`]): lazy loads of one association on several
//!   instances that came from the same multi-row result ([`crate::LazyOrigin`]).
//! - **N+1 by shape**: the same read statement (SQL text with `?` for every value) run in one run
//!   with several different parameter lists — `findByPk` in a loop.
//! - **Exact duplicates** ([`FindingKind::Duplicate`]): the same statement with the same
//!   parameters, with no write in between that could change its result.
//! - **Cartesian blow-up** ([`FindingKind::Cartesian`]): a JOIN that read many more rows than the
//!   instances it built; needs the ORM's [`Hydration`] report.
//! - **Unused eager loading** ([`FindingKind::UnusedEager`]): an include the code never read;
//!   needs access tracking's [`UnusedInclude`] report.
//! - **Values in the SQL text** ([`FindingKind::UnboundValue`]): a raw query or literal that
//!   writes a value instead of binding it.
//! - **Data loss** ([`FindingKind::DataLoss`]): a schema change that deletes rows or values;
//!   needs the ORM's [`DataLoss`](crate::log::DataLoss) reports.
//! - **Count of joined rows** ([`FindingKind::JoinedCount`]): `findAndCountAll` with a to-many
//!   include counting the JOIN's rows; needs the [`Hydration`] report.
//! - **Limit of joined rows** ([`FindingKind::JoinedLimit`]): `limit` with a joined to-many
//!   include and `subQuery: false`, limiting the JOIN's rows; needs the [`Hydration`] report.
//! - **Missing index** ([`FindingKind::MissingIndex`]): statements that read a whole table to
//!   find rows by a column without an index; needs the events' query plans
//!   ([`crate::Database::set_plans`]).
//!
//! Findings never span runs ([`QueryEvent::run`]), failed statements are ignored, and the same
//! input always gives the same findings in the same order (by first statement id). A statement
//! counts in at most one N+1 finding, and reads already in an N+1 finding are not reported again
//! as duplicates: the N+1 fix removes them.

mod data_loss;
mod duplicates;
mod eager;
mod findings;
mod js;
mod missing_index;
mod nplus1;
mod sqltext;
#[cfg(test)]
mod tests;
mod unbound;

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use crate::log::{DataLoss, QueryEvent, Report, StatementKind, Subscriber};

pub use eager::{Hydration, Include, UnusedInclude};
pub use findings::{Finding, FindingKind};

/// Thresholds of the analyzer. The defaults are tuned for lessons: small data, where a pattern
/// matters more than its cost today.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// N+1 by provenance: how many distinct instances of one multi-row result must lazily load
    /// the same association. Default 2 — the lazy load itself is the evidence; values below 2 act
    /// as 2, since one lazy load is never an N+1.
    pub nplus1_min_lazy_loads: usize,
    /// N+1 by shape: how many different parameter lists one read statement must run with in one
    /// run. Default 3, so two similar lookups in a row are not called a loop; values below 2 act
    /// as 2.
    pub nplus1_min_repeats: usize,
    /// Cartesian blow-up: how many rows per instance built a read must reach. Default 2.0: a
    /// single to-many JOIN reads about one row per instance, sibling ones multiply.
    pub cartesian_ratio: f64,
    /// Cartesian blow-up: the fewest rows worth a warning. Default 50; below that the product of
    /// the JOINs costs nothing anyone would notice.
    pub cartesian_min_rows: usize,
    /// Missing index: how many statements of a run must have read the same table in full to
    /// find rows by the same column. Default 3, as for an N+1 by shape: one full read of a table
    /// costs what the table costs, the same read in a loop multiplies it (the events do not say
    /// how big a table is; how often it was read in full they do).
    pub index_min_statements: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            nplus1_min_lazy_loads: 2,
            nplus1_min_repeats: 3,
            cartesian_ratio: 2.0,
            cartesian_min_rows: 50,
            index_min_statements: 3,
        }
    }
}

/// The events the detectors read: every observed statement that did not fail, in id order.
pub(crate) struct Events<'a>(&'a [QueryEvent]);

impl<'a> Events<'a> {
    /// The events in id order.
    pub(crate) fn events(&self) -> std::slice::Iter<'a, QueryEvent> {
        self.0.iter()
    }

    /// The event with this id.
    pub(crate) fn get(&self, id: u64) -> Option<&'a QueryEvent> {
        find_id(self.0, id, |e| e.id).ok().map(|i| &self.0[i])
    }
}

// The analyzer keeps its data in vectors and orders and groups them with the two helpers below
// rather than with `BTreeMap`/`BTreeSet` and the standard sorts: in the wasm build every key type
// of a B-tree and every element type of a sort is a separate copy of that code, and these two
// functions serve them all. `order` ([`crate::collect::order`]) also serves the rest of the core
// and the JavaScript API, so that the wasm carries no standard sort at all.

/// A parameter list as text that tells different lists apart: each value as its SQL literal.
pub(crate) fn params_key(params: &[crate::value::Value]) -> String {
    let literals: Vec<String> = crate::collect::map_vec(params.iter(), crate::raw::sql_literal);
    literals.join(", ")
}

/// A read the learner's code asked for: not the look in `sqlite_master` that `sync` makes for
/// each model (the same statement with another table name each time, which is not an N+1).
pub(crate) fn is_learner_read(event: &QueryEvent) -> bool {
    event.kind == StatementKind::Read && event.operation != "sync"
}

/// The indices `0..len` grouped by `cmp`: the groups in `cmp` order, each group's indices
/// ascending — what iterating a `BTreeMap<key, Vec<_>>` filled in index order gives.
pub(crate) fn groups(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in crate::collect::order(len, cmp) {
        match out.last_mut() {
            Some(group) if cmp(group[0], i) == Ordering::Equal => group.push(i),
            _ => out.push(vec![i]),
        }
    }
    out
}

/// The position of the item with key `id` in `items` ascending by key: `Ok` when it is there,
/// `Err` with the place to insert it otherwise.
pub(crate) fn find_id<T>(items: &[T], id: u64, key: fn(&T) -> u64) -> Result<usize, usize> {
    items.binary_search_by(|item| key(item).cmp(&id))
}

/// Collects query events and reports from the ORM, and turns them into findings on demand.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    settings: Settings,
    /// Ascending by id.
    events: Vec<QueryEvent>,
    /// Ascending by query id, one per query.
    hydrations: Vec<Hydration>,
    unused: Vec<UnusedInclude>,
    data_losses: Vec<DataLoss>,
}

impl Analyzer {
    /// An analyzer with these thresholds.
    pub fn new(settings: Settings) -> Self {
        Analyzer { settings, ..Analyzer::default() }
    }

    /// The thresholds in use.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Takes one statement into account. Failed statements are ignored (they changed nothing and
    /// returned nothing); an id seen before is ignored too.
    pub fn observe(&mut self, event: &QueryEvent) {
        if event.failed {
            return;
        }
        let Err(at) = find_id(&self.events, event.id, |e| e.id) else { return };
        // Only reads are compared by parameters; a bulk insert's thousands of values are not kept
        // (nor copied).
        let kept = if event.kind == StatementKind::Read { event.clone() } else { event.without_params() };
        self.events.insert(at, kept);
    }

    /// Takes into account what hydration built from a read (for cartesian blow-up, and for the
    /// fix of an unused include). A second report for the same statement replaces the first;
    /// reports about statements never observed are ignored.
    pub fn observe_hydration(&mut self, hydration: Hydration) {
        match find_id(&self.hydrations, hydration.query_id, |h| h.query_id) {
            Ok(at) => self.hydrations[at] = hydration,
            Err(at) => self.hydrations.insert(at, hydration),
        }
    }

    /// Takes into account a report of the ORM (what a read built, a schema change's data loss).
    pub fn observe_report(&mut self, report: &Report) {
        match report {
            Report::Hydration(hydration) => self.observe_hydration(hydration.clone()),
            Report::DataLoss(loss) => self.data_losses.push(loss.clone()),
        }
    }

    /// Takes into account that the code never read an included association. Repeated reports of
    /// the same include count once; reports about statements never observed are ignored.
    pub fn observe_unused_include(&mut self, report: UnusedInclude) {
        self.unused.push(report);
    }

    /// Everything found so far, ordered by first statement id (then kind).
    pub fn findings(&self) -> Vec<Finding> {
        let log = Events(&self.events);
        // Statements already part of an N+1 finding, by position in `self.events`.
        let mut claimed = vec![false; self.events.len()];
        let mut found = nplus1::by_provenance(&log, &self.settings, &mut claimed);
        found.extend(nplus1::by_shape(&log, &self.settings, &mut claimed));
        found.extend(duplicates::find(&log, &claimed));
        found.extend(eager::cartesian(&log, &self.hydrations, &self.settings));
        found.extend(eager::unused(&log, &self.hydrations, &self.unused));
        found.extend(unbound::find(&log));
        found.extend(data_loss::find(&log, &self.data_losses));
        found.extend(missing_index::find(&log, &self.settings));
        found.extend(eager::joined_count(&log, &self.hydrations));
        found.extend(eager::joined_limit(&log, &self.hydrations));
        findings::sort(&mut found);
        found
    }

    /// The findings of one run ([`QueryEvent::run`]).
    pub fn findings_for_run(&self, run: u64) -> Vec<Finding> {
        let mut found = self.findings();
        found.retain(|f| f.run == run);
        found
    }

    /// Forgets every event and report; call it when statement ids start again (a new database).
    pub fn clear(&mut self) {
        self.events.clear();
        self.hydrations.clear();
        self.unused.clear();
        self.data_losses.clear();
    }

    /// A report subscriber that feeds `analyzer` (see [`crate::Database::subscribe_reports`]).
    pub fn report_subscriber(analyzer: &Rc<RefCell<Analyzer>>) -> crate::log::ReportSubscriber {
        let analyzer = Rc::clone(analyzer);
        Box::new(move |report| {
            if let Ok(mut analyzer) = analyzer.try_borrow_mut() {
                analyzer.observe_report(report);
            }
        })
    }

    /// A log subscriber that feeds `analyzer`. An event that arrives while the analyzer is
    /// borrowed elsewhere is skipped rather than panicking inside the ORM.
    pub fn subscriber(analyzer: &Rc<RefCell<Analyzer>>) -> Subscriber {
        let analyzer = Rc::clone(analyzer);
        Box::new(move |event| {
            if let Ok(mut analyzer) = analyzer.try_borrow_mut() {
                analyzer.observe(event);
            }
        })
    }
}

/// Analyzes a finished list of events in one go.
pub fn analyze(events: &[QueryEvent], settings: Settings) -> Vec<Finding> {
    let mut analyzer = Analyzer::new(settings);
    for event in events {
        analyzer.observe(event);
    }
    analyzer.findings()
}

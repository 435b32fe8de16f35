//! The database: the model registry (models, associations, hooks, the statements rendered once
//! per model) over the [`Executor`], which owns the SQLite connection and is the one place
//! where statements run. The operations a learner calls (`create`, `findAll`, `sync`, …) are
//! `impl Database` blocks in their own modules, above this one. Here are only the registry and
//! the part of the executor that is public (transactions, subscribers, runs, export).

use indexmap::IndexMap;

use crate::error::{Error, Result};
pub(crate) use crate::executor::Ctx;
use crate::executor::Executor;
pub use crate::executor::{TablePeek, Transaction};
use crate::log::{Subscriber, SubscriptionId};
use crate::model::{Model, ModelSpec};

/// An ORM database: a SQLite connection with models and a query log.
pub struct Database {
    /// The connection, the query log, the transactions and the history: every statement runs
    /// through it.
    pub(crate) executor: Executor,
    models: IndexMap<String, std::rc::Rc<Model>>,
    pub(crate) associations: Vec<crate::association::Association>,
    /// `findAll()` and `findByPk` rendered once per model; emptied when a model changes.
    pub(crate) statement_cache: crate::statement_cache::StatementCache,
    /// Hooks added by Rust callers (`add_hook`).
    pub(crate) hooks: crate::hooks::Hooks,
}

impl Database {
    /// Opens a fresh in-memory database (Sequelize's `'sqlite::memory:'`).
    pub fn open_in_memory() -> Result<Database> {
        Ok(Self::over(Executor::open_in_memory()?))
    }

    /// Opens (or creates) a database file. On wasm32 the path names a database in the VFS that
    /// sqlite-wasm-rs installed.
    pub fn open(path: &str) -> Result<Database> {
        Ok(Self::over(Executor::open(path)?))
    }

    fn over(executor: Executor) -> Database {
        Database {
            executor,
            models: IndexMap::new(),
            associations: Vec::new(),
            statement_cache: Default::default(),
            hooks: Default::default(),
        }
    }

    /// Defines a model (`sequelize.define`). Defining a name again replaces the model and drops
    /// the associations declared on it, as in Sequelize (the new class has none).
    pub fn define(&mut self, spec: ModelSpec) -> Result<&Model> {
        let model = Model::from_spec(spec)?;
        if let Some(clash) =
            self.models.values().find(|m| m.name != model.name && m.table.eq_ignore_ascii_case(&model.table))
        {
            return Err(Error::usage(format!(
                "Model {} would use the table \"{}\", which model {} already uses; give one of them another tableName",
                model.name, model.table, clash.name
            )));
        }
        let name = model.name.clone();
        self.statement_cache.clear();
        // Defined again, a model is a new class in Sequelize: the associations declared on the
        // old one go with it (so code that defines and associates its models can run again).
        self.associations.retain(|a| a.source != name);
        self.models.insert(name.clone(), std::rc::Rc::new(model));
        Ok(&self.models[&name])
    }

    /// The model named `name`, or an error listing the defined models.
    pub fn model(&self, name: &str) -> Result<&Model> {
        self.models.get(name).map(|m| &**m).ok_or_else(|| self.unknown_model(name))
    }

    fn unknown_model(&self, name: &str) -> Error {
        let known: Vec<&str> = crate::collect::map_vec(self.models.keys(), String::as_str);
        Error::usage(format!(
            "Model {} is not defined{}",
            crate::ident::printable(name),
            if known.is_empty() {
                "; define it first with sequelize.define".to_owned()
            } else {
                format!("; the defined models are: {}", known.join(", "))
            }
        ))
    }

    /// Adds a foreign-key attribute to a model (associations call this).
    pub(crate) fn add_foreign_key(&mut self, model: &str, spec: crate::model::AttributeSpec) -> Result<()> {
        self.model(model)?;
        self.statement_cache.clear();
        match self.models.get_mut(model) {
            Some(m) => std::rc::Rc::make_mut(m).add_attribute(spec),
            None => Err(Error::usage("model vanished")),
        }
    }

    /// Defines a junction model for `belongsToMany`: its primary key is the pair of foreign keys
    /// added next, so it gets no `id` of its own.
    pub(crate) fn define_junction(&mut self, spec: ModelSpec) -> Result<()> {
        let mut model = Model::from_spec(spec)?;
        model.remove_attribute("id");
        self.statement_cache.clear();
        self.models.insert(model.name.clone(), std::rc::Rc::new(model));
        Ok(())
    }

    /// Removes the `id` that a junction model got by default (see `associate`).
    pub(crate) fn drop_auto_primary_key(&mut self, model: &str) {
        self.statement_cache.clear();
        if let Some(m) = self.models.get_mut(model) {
            let m = std::rc::Rc::make_mut(m);
            m.remove_attribute("id");
            m.auto_primary_key = false;
        }
    }

    /// Every defined model, in definition order.
    pub fn models(&self) -> impl Iterator<Item = &Model> {
        self.models.values().map(|m| &**m)
    }

    /// The model named `name`, shared: cheap to keep while the database is borrowed mutably.
    pub(crate) fn model_rc(&self, name: &str) -> Result<std::rc::Rc<Model>> {
        self.models.get(name).cloned().ok_or_else(|| self.unknown_model(name))
    }

    /// Sends a report to its subscribers, building it only when someone listens.
    pub(crate) fn report(&mut self, build: impl FnOnce(&Self) -> Option<crate::log::Report>) {
        if self.executor.wants_reports() {
            if let Some(report) = build(self) {
                self.executor.emit_report(&report);
            }
        }
    }

    /// Runs `f` as one top-level call: every statement it runs carries the same call id.
    pub(crate) fn in_call<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.executor.enter_call();
        let result = f(self);
        self.executor.leave_call();
        result
    }

    /// From now on, each statement's event carries what Sequelize would send for it on
    /// PostgreSQL and MySQL ([`crate::lens`]): two more renderings per statement, and the
    /// statement cache is bypassed, so only when someone shows them.
    pub fn set_dialects(&mut self, on: bool) {
        self.executor.set_dialects(on)
    }

    /// Starts a transaction (`sequelize.transaction()` without a callback). Inside another
    /// transaction it is a savepoint.
    pub fn begin(&mut self) -> Result<Transaction> {
        self.executor.begin()
    }

    /// Commits a transaction (or releases its savepoint).
    pub fn commit(&mut self, t: Transaction) -> Result<()> {
        self.executor.commit(t)
    }

    /// Rolls a transaction back (or back to its savepoint).
    pub fn rollback(&mut self, t: Transaction) -> Result<()> {
        self.executor.rollback(t)
    }

    /// True while any transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.executor.in_transaction()
    }

    /// The names of the tables in the database (not SQLite's own), for tests and the UI.
    pub fn table_names(&self) -> Result<Vec<String>> {
        self.executor.table_names()
    }

    /// The whole database as the bytes of a `.sqlite` file (SQLite's serialization of `main`):
    /// for export and for keeping a named database across page loads. Not logged.
    ///
    /// What is committed, never half a transaction: inside one, `mid_run` (a save while the code
    /// still runs) gives `None`; otherwise (the run is over) the open transaction is rolled back
    /// first, as closing the connection would.
    pub fn export(&mut self, mid_run: bool) -> Result<Option<Vec<u8>>> {
        self.executor.export(mid_run)
    }

    /// Replaces the database's content with a `.sqlite` file's bytes (from [`Database::export`]
    /// or any SQLite 3 file). The models defined so far stay defined. Bytes that are not a SQLite
    /// database are refused and leave an empty database. An imported file is not trusted: SQL
    /// functions in its schema (views, triggers, defaults) cannot have side effects, and writes
    /// to SQLite's own schema are refused (SQLite's defensive mode).
    pub fn import(&mut self, bytes: &[u8]) -> Result<()> {
        self.executor.import(bytes)
    }

    /// The first `limit` rows of a table (in rowid order), its column names and its row count,
    /// read without logging: for the playground's data panel, not on a learner's behalf. The
    /// name is quoted (any name a raw `CREATE TABLE` made works); an unknown table is an error.
    pub fn peek_table(&self, table: &str, limit: usize) -> Result<TablePeek> {
        self.executor.peek_table(table, limit)
    }

    /// The full schema text (every `CREATE` statement), for tests that check nothing changed.
    pub fn schema_sql(&self) -> Result<Vec<String>> {
        self.executor.schema_sql()
    }

    /// Adds a subscriber to the query log.
    pub fn subscribe(&mut self, subscriber: Subscriber) -> SubscriptionId {
        self.executor.subscribe(subscriber)
    }

    /// Adds a subscriber to the ORM's reports (see [`crate::log::Report`]).
    pub fn subscribe_reports(&mut self, subscriber: crate::log::ReportSubscriber) -> SubscriptionId {
        self.executor.subscribe_reports(subscriber)
    }

    /// Removes a subscriber.
    pub fn unsubscribe(&mut self, id: SubscriptionId) -> bool {
        self.executor.unsubscribe(id)
    }

    /// From now on, each read, `UPDATE` and `DELETE` that runs gets SQLite's plan in its query
    /// event ([`crate::plan`]): one more prepare per statement, so only when someone shows them.
    pub fn set_plans(&mut self, on: bool) {
        self.executor.set_plans(on)
    }

    /// From now on, record what each top-level call changes ([`crate::history`]): SQLite's
    /// update hook is registered and the changed rows are read back after each statement
    /// (unlogged). Off (the default), no hook is registered and nothing is recorded.
    pub fn set_history(&mut self, on: bool) -> Result<()> {
        self.executor.set_history(on)
    }

    /// What the calls since [`Database::begin_run`] changed, when [`Database::set_history`] is on.
    pub fn history(&self) -> Option<&crate::history::History> {
        self.executor.history()
    }

    /// Starts a new run (one press of Run in the playground): later events carry its id.
    pub fn begin_run(&mut self) -> u64 {
        self.executor.begin_run()
    }

    /// A managed transaction: runs `f`, commits when it returns `Ok`, rolls back and returns the
    /// error when it returns `Err`. Nested calls use savepoints.
    pub fn transaction<T>(&mut self, f: impl FnOnce(&mut Database, Transaction) -> Result<T>) -> Result<T> {
        let t = self.begin()?;
        match f(self, t) {
            Ok(value) => {
                self.commit(t)?;
                Ok(value)
            }
            Err(error) => {
                // The closure may have ended the transaction itself; only roll back if it is open.
                if self.executor.is_open(t) {
                    self.executor.roll_back_through(t)?;
                }
                Err(error)
            }
        }
    }
}

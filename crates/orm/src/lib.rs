//! # orm — a Sequelize v6 style ORM core on real SQLite
//!
//! Models are defined at run time, validated before any SQL runs, and read and written through
//! statements that bind every value and quote every identifier. Every statement is a
//! [`QueryEvent`] that subscribers receive as it happens. The same code runs natively (rusqlite's
//! bundled SQLite) and in the browser (rusqlite on sqlite-wasm-rs).
//!
//! ```
//! use orm::{AttributeSpec, DataType, Database, FindOptions, ModelSpec, Record, SyncOptions, Value, Where};
//!
//! let mut db = Database::open_in_memory()?;
//! db.define(ModelSpec::new("Book").attribute(AttributeSpec::new("title", DataType::String(None)).not_null()))?;
//! db.sync(SyncOptions::default())?;
//! db.create("Book", Record::from([("title".to_owned(), Value::from("Dune"))]))?;
//! let books = db.find_all("Book", &FindOptions::new().filter(Where::eq("title", "Dune")))?;
//! assert_eq!(books[0].value("id"), Value::Int(1));
//! # Ok::<(), orm::Error>(())
//! ```
//!
//! See `ARCHITECTURE.md` at the repository root for how the modules fit together.

// The modules in layers, lowest first. A module uses only modules of its own layer or of a
// lower one, and no two modules use each other, even through others: `tests/it/architecture.rs`
// reads this list and every module's `crate::` paths, and fails on an upward use or a circle
// (or on a use a layer's `uses only:` list leaves out).
// `pub` modules are the API other crates use beside the re-exports below; the rest are the
// core's own (the executor and the statement layer among them).

// Layer 1: basics — values, their types and text, errors, identifiers.
pub mod collect;
pub mod datetime;
mod error;
mod ident;
pub mod inflection;
mod keys;
pub mod number;
pub mod text;
pub mod types;
mod value;

// Layer 2: models — what a model, an instance, an association, a hook and a validator are.
mod association;
mod attribute_values;
mod hooks;
mod instance;
pub mod model;
pub mod validate;

// Layer 3: statements — SQL as data, written in a dialect; queries compiled into it.
mod dialect;
pub mod lens;
pub mod plan;
mod query;
pub mod raw;
mod sql;
mod statement_cache;

// Layer 4: the executor — the one place statements run, the query log, the history, the registry.
mod db;
mod executor;
pub mod history;
pub mod log;

// Layer 5: operations — what a learner calls on a model or the database, as `impl Database`.
mod accessors;
mod associate;
mod crud;
mod include;
mod raw_query;
pub mod schema;
mod sync;
mod through;
mod upsert;

// Layer 6: options — Sequelize's JavaScript options (JSON) into the specs and options above.
pub mod options;

// Layer 7: the analyzer — pure code over the query log's events; nothing in the core uses it
// (uses only: log, plan, raw, value, collect, text, number).
pub mod analyze;

pub use association::{Association, AssociationKind, AssociationOptions};
pub use attribute_values::Values;
pub use crud::{Aggregate, DestroyOptions};
pub use db::{Database, TablePeek, Transaction};
pub use error::{Error, ErrorKind, Result, ValidationErrorItem};
pub use hooks::{HookFn, HookPoint};
pub use include::{Include, IncludeOrder, ThroughOptions};
pub use instance::{Instance, Record, Related};
pub use log::{LazyOrigin, QueryEvent, Recorder, StatementKind, Subscriber, SubscriptionId};
pub use model::{
    AttributeSpec, DefaultValue, IndexSpec, Model, ModelOptions, ModelSpec, References, ReferentialAction,
    TimestampName, Unique,
};
pub use query::filter::{Op, Operand, Where};
pub use query::find::{Attributes, FindOptions, SelectExpr};
pub use raw::{Params, Replacement, Replacements};
pub use raw_query::{QueryOptions, QueryResult};
pub use sql::Direction;
pub use sync::{Alter, SyncOptions};
pub use types::DataType;
pub use value::Value;

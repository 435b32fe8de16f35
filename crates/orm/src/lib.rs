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

pub mod accessors;
mod associate;
pub mod association;
pub mod attribute_values;
pub mod collect;
pub mod crud;
pub mod datetime;
pub mod db;
pub mod dialect;
pub mod error;
mod executor;
pub mod history;
pub mod hooks;
pub mod ident;
pub mod include;
pub mod inflection;
pub mod instance;
mod keys;
pub mod lens;
pub mod log;
pub mod model;
pub mod number;
pub mod options;
pub mod plan;
pub mod query;
pub mod raw;
pub mod raw_query;
pub mod schema;
pub mod sql;
mod statement_cache;
pub mod sync;
pub mod text;
pub mod through;
pub mod types;
pub mod upsert;
pub mod validate;
pub mod value;

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
pub use sync::SyncOptions;
pub use types::DataType;
pub use value::Value;

//! Integration tests of the ORM core against real SQLite. The same tests run natively
//! (`cargo test`) and in headless Chromium (`cargo test --target wasm32-unknown-unknown`), where
//! SQLite is sqlite-wasm-rs. They assert results and the statements that ran.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// A [`orm::Record`] from `key => value` pairs.
macro_rules! rec {
    ($($k:expr => $v:expr),* $(,)?) => {
        orm::Record::from_iter([$(($k.to_string(), orm::Value::from($v))),*])
    };
}

mod analyzer;
#[cfg(not(target_arch = "wasm32"))]
mod architecture;
mod associations;
mod bookstore;
mod crud;
mod dialects;
#[cfg(not(target_arch = "wasm32"))]
mod differential;
mod ecommerce;
#[cfg(not(target_arch = "wasm32"))]
mod fuzz;
mod history;
mod hooks;
mod hostile;
mod query_log;
mod raw_queries;
mod schema;
mod schema_rebuild;
mod transactions;
mod tutorials;
mod types;

use orm::{Database, Recorder};

/// A fresh in-memory database with a recorder subscribed to its query log.
pub fn db_with_log() -> (Database, Recorder) {
    let mut db = Database::open_in_memory().expect("open in-memory database");
    let recorder = Recorder::new();
    db.subscribe(recorder.subscriber());
    (db, recorder)
}

/// An integer attribute `name` referencing `table`'s `id`, with this `ON DELETE` (and no `ON UPDATE`).
pub fn foreign_key(name: &str, table: &str, on_delete: orm::ReferentialAction) -> orm::AttributeSpec {
    let mut spec = orm::AttributeSpec::new(name, orm::DataType::Integer);
    spec.references =
        Some(orm::References { table: table.into(), column: "id".into(), on_delete: Some(on_delete), on_update: None });
    spec
}

/// The first keyword of each recorded statement, for asserting the shape of what ran.
pub fn verbs(recorder: &Recorder) -> Vec<String> {
    recorder.sql().iter().map(|s| s.split_whitespace().next().unwrap_or("").trim_end_matches(';').to_owned()).collect()
}

//! Unit tests of the options parsers: exact core structures for `json!` inputs, exact error
//! messages, and finds parsed from JSON run against a real in-memory database.

#![allow(clippy::unwrap_used)] // tests state their expectations by unwrapping

mod filter;
mod find;
mod misc;
mod model;
mod values;
mod writes;

//! # bench — the ORM core beside hand-written rusqlite, in the same run
//!
//! Each workload (issues #3 and #6) is done twice on fresh in-memory SQLite databases: once
//! through [`orm`] ("ours") and once by hand with rusqlite ("anchor"), building equivalent Rust
//! values on both sides. Before any timing, both sides' results are compared and the workload is
//! refused if they differ. [`harness`] then interleaves the two sides and reports the median time
//! of each; [`report`] prints the table and the peak memory.
//!
//! Run it with `scripts/bench.sh` (a release build); `--quick` for a short run.

pub mod data;
pub mod harness;
pub mod report;
pub mod workloads;

/// The error type of the benchmark: any error of the ORM, of rusqlite, or a mismatch between
/// the two sides.
pub type BenchResult<T> = Result<T, Box<dyn std::error::Error>>;

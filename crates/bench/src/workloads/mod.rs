//! The workloads of issues #3 and #6, each as a pair of [`Side`](crate::harness::Side)s: the ORM
//! and hand-written rusqlite doing the same work on equal data.
//!
//! Every workload builds its databases outside the timed region, runs each side once and
//! compares the results ([`crate::data::ensure_same`]) before it measures anything.

pub mod bulk_create;
pub mod create;
pub mod find_all;
pub mod find_by_pk;
pub mod floor;
pub mod history;
pub mod include;
pub mod plans;

use crate::harness::{Config, Measurement};
use crate::BenchResult;

/// How much data each workload handles.
#[derive(Debug, Clone, PartialEq)]
pub struct Sizes {
    /// Rows read by `findAll` (and the table `findByPk` reads from).
    pub rows: usize,
    /// Users of the include workloads.
    pub users: usize,
    /// Posts per user of the include workloads.
    pub posts_per_user: usize,
    /// Rows written by `bulkCreate`.
    pub bulk_rows: usize,
    /// `findByPk` calls per run.
    pub lookups: usize,
    /// `create` calls per run.
    pub creates: usize,
}

impl Sizes {
    /// The sizes of the issues: 10,000 rows, 1,000 users × 10 posts, 1,000 calls.
    pub fn full() -> Sizes {
        Sizes { rows: 10_000, users: 1_000, posts_per_user: 10, bulk_rows: 10_000, lookups: 1_000, creates: 1_000 }
    }

    /// A handful of rows, for tests.
    pub fn tiny() -> Sizes {
        Sizes { rows: 20, users: 4, posts_per_user: 3, bulk_rows: 20, lookups: 5, creates: 5 }
    }
}

/// Which goal of issue #6 a workload is held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Reads: within 1.3× of the hand-written code.
    Read,
    /// Includes: within 1.5× (issue #3).
    Include,
    /// Writes: within 1.5×.
    Write,
    /// What showing query plans adds to a run: within 2× of the run without (a page that
    /// doubles its statements' cost to explain them is still quick for a learner's code).
    Plans,
    /// A write against the same SQL by hand (issue 22): within 1.2×.
    Floor,
    /// What recording time travel adds to a run (issue 21): within 2× of the run without, as plans.
    History,
}

impl Kind {
    /// The largest ratio (ours / anchor) the goal allows.
    pub fn goal(self) -> f64 {
        match self {
            Kind::Read => 1.3,
            Kind::Include | Kind::Write => 1.5,
            Kind::Plans | Kind::History => 2.0,
            Kind::Floor => 1.2,
        }
    }
}

/// One workload: its name, its goal, and how to run it.
pub struct Workload {
    /// A short name to select it with `--only` (`find-all`, `include-join`, …).
    pub id: &'static str,
    /// The kind of work, which sets the goal.
    pub kind: Kind,
    /// The name in the table, for these sizes.
    pub label: fn(&Sizes) -> String,
    /// Sets up, checks that both sides agree, and measures.
    pub run: fn(&Sizes, &Config) -> BenchResult<Measurement>,
}

/// Every workload, in the order of the table.
pub fn all() -> Vec<Workload> {
    vec![
        Workload {
            id: "find-all",
            kind: Kind::Read,
            label: |s| format!("findAll, {} rows", count(s.rows)),
            run: find_all::run,
        },
        Workload {
            id: "include-join",
            kind: Kind::Include,
            label: |s| format!("findAll + include hasMany {} × {} (JOIN)", count(s.users), s.posts_per_user),
            run: include::run_join,
        },
        Workload {
            id: "include-separate",
            kind: Kind::Include,
            label: |s| format!("findAll + include hasMany {} × {} (separate)", count(s.users), s.posts_per_user),
            run: include::run_separate,
        },
        Workload {
            id: "bulk-create",
            kind: Kind::Write,
            label: |s| format!("bulkCreate, {} rows", count(s.bulk_rows)),
            run: bulk_create::run,
        },
        Workload {
            id: "find-by-pk",
            kind: Kind::Read,
            label: |s| format!("findByPk × {}", count(s.lookups)),
            run: find_by_pk::run,
        },
        Workload {
            id: "create-floor",
            kind: Kind::Floor,
            label: |s| format!("create with validations × {} vs the same SQL by hand", count(s.creates)),
            run: floor::run_create,
        },
        Workload {
            id: "bulk-create-floor",
            kind: Kind::Floor,
            label: |s| format!("bulkCreate, {} rows vs the same SQL by hand", count(s.bulk_rows)),
            run: floor::run_bulk_create,
        },
        Workload {
            id: "plans",
            kind: Kind::Plans,
            label: |s| format!("query plans: findByPk × {} with plans vs without (both the ORM)", count(s.lookups)),
            run: plans::run,
        },
        Workload {
            id: "history",
            kind: Kind::History,
            label: |s| {
                format!("time travel: bulkCreate, {} rows with history vs without (both the ORM)", count(s.bulk_rows))
            },
            run: history::run,
        },
        Workload {
            id: "create",
            kind: Kind::Write,
            label: |s| format!("create with validations × {}", count(s.creates)),
            run: create::run,
        },
    ]
}

/// A count with thousands separators (`10,000`).
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_separators() {
        assert_eq!([count(5), count(1000), count(10_000), count(1_234_567)], ["5", "1,000", "10,000", "1,234,567"]);
    }

    /// Every workload on a handful of rows: both sides agree (checked inside `run`) and one
    /// measured pair completes.
    #[test]
    fn every_workload_agrees_on_tiny_data() {
        for workload in all() {
            let measured = (workload.run)(&Sizes::tiny(), &Config::fixed(0, 1));
            assert!(measured.is_ok(), "{}: {}", workload.id, measured.err().map(|e| e.to_string()).unwrap_or_default());
        }
    }
}

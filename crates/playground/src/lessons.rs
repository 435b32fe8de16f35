//! The lessons: seed tutorials, each with a short explanation, the code it starts with, a goal
//! the page checks on the run's report, and — for the traps — the fixed code that "apply and
//! re-run" runs. Plain data and plain functions, so the goal checks are tested natively.

use crate::report::Report;

/// One thing a lesson's goal requires of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Check {
    /// The code ran to the end without an error.
    NoError,
    /// At most this many `SELECT`s ran (outside `sync`).
    MaxReads(usize),
    /// No warning of this kind (`n+1`, `duplicate`, `cartesian`, `unused-eager`).
    NoWarning(&'static str),
    /// A printed line contains this text.
    Prints(&'static str),
}

impl Check {
    /// Whether the report meets the check.
    pub fn met(self, report: &Report) -> bool {
        match self {
            Check::NoError => report.error.is_none(),
            Check::MaxReads(n) => report.read_count() <= n,
            Check::NoWarning(kind) => report.warnings.iter().all(|w| w.kind != kind),
            Check::Prints(text) => report.output.iter().any(|line| line.contains(text)),
        }
    }
}

/// A lesson of the picker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lesson {
    /// Stable id: the `data-lesson` attribute and the share link's lesson.
    pub id: &'static str,
    /// The title in the picker.
    pub title: &'static str,
    /// What the lesson teaches, in two or three sentences.
    pub explanation: &'static str,
    /// The goal in words, shown beside its check mark.
    pub goal: &'static str,
    /// What the goal requires of the run.
    pub checks: &'static [Check],
    /// The code the lesson starts with.
    pub code: &'static str,
    /// For a trap: the fixed code that "apply and re-run" runs.
    pub fixed: Option<&'static str>,
}

impl Lesson {
    /// True when every check of the goal is met.
    pub fn goal_met(&self, report: &Report) -> bool {
        self.checks.iter().all(|c| c.met(report))
    }

    /// The lesson with this id.
    pub fn find(id: &str) -> Option<&'static Lesson> {
        LESSONS.iter().find(|l| l.id == id)
    }
}

/// The seed tutorials, in the order of the picker.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        id: "bookstore",
        title: "Bookstore CRUD",
        explanation: "Define a model, create rows, find them with a where clause, update one and delete one. \
                      Watch each call become one statement: create is an INSERT, findAll a SELECT, save an UPDATE \
                      of only the changed column.",
        goal: "Run it without errors and print the cheap books",
        checks: &[Check::NoError, Check::Prints("cheap:")],
        code: include_str!("lessons/bookstore.js"),
        fixed: None,
    },
    Lesson {
        id: "users-posts",
        title: "Users and posts",
        explanation: "A user has many posts. `include` loads the users and their posts in one SELECT with a \
                      LEFT OUTER JOIN, and Sequelize folds the joined rows back into nested objects.",
        goal: "Load the users with their posts in at most 1 query",
        checks: &[Check::NoError, Check::MaxReads(1), Check::NoWarning("n+1")],
        code: include_str!("lessons/users-posts.js"),
        fixed: None,
    },
    Lesson {
        id: "nplus1",
        title: "The e-commerce N+1 trap",
        explanation: "Each order's items are loaded in the loop, one SELECT per order: N orders cost N+1 queries. \
                      The warning names the trap and the fix: load the items with the orders using `include`.",
        goal: "Load the orders with their items in at most 2 queries",
        checks: &[Check::NoError, Check::MaxReads(2), Check::NoWarning("n+1")],
        code: include_str!("lessons/nplus1.js"),
        fixed: Some(include_str!("lessons/nplus1-fixed.js")),
    },
    Lesson {
        id: "transaction",
        title: "The order that rolls back",
        explanation: "Placing an order decrements stock and writes the order in one transaction. When an item \
                      is out of stock the error rolls everything back: look for ROLLBACK in the log and the \
                      unchanged stock.",
        goal: "The second order fails and the stock is unchanged",
        checks: &[Check::NoError, Check::Prints("rolled back"), Check::Prints("stock 1 7")],
        code: include_str!("lessons/transaction.js"),
        fixed: None,
    },
    Lesson {
        id: "validations",
        title: "Validations versus constraints",
        explanation: "Validations run in the ORM before any SQL (no statement in the log); constraints run in the \
                      database (the INSERT is in the log and fails). Both surface as errors with Sequelize's names.",
        goal: "See a ValidationError and a UniqueConstraintError",
        checks: &[
            Check::NoError,
            Check::Prints("SequelizeValidationError"),
            Check::Prints("SequelizeUniqueConstraintError"),
        ],
        code: include_str!("lessons/validations.js"),
        fixed: None,
    },
    Lesson {
        id: "raw",
        title: "Raw queries and the injection that fails",
        explanation: "`sequelize.query` with replacements binds every value as a parameter, so a value that \
                      looks like SQL stays a value. Compare the statement with `?` and its inlined form.",
        goal: "The injection attempt finds no rows",
        checks: &[Check::NoError, Check::Prints("injection rows 0")],
        code: include_str!("lessons/raw.js"),
        fixed: None,
    },
    Lesson {
        id: "paranoid",
        title: "Paranoid delete and restore",
        explanation: "A paranoid model never deletes: destroy sets `deletedAt`, finders skip those rows, \
                      `paranoid: false` sees them and `restore` brings them back. `force: true` really deletes.",
        goal: "Delete a note, restore it and count 3 notes again",
        checks: &[Check::NoError, Check::Prints("restored 3")],
        code: include_str!("lessons/paranoid.js"),
        fixed: None,
    },
    Lesson {
        id: "hooks",
        title: "Hooks: your code inside the ORM's",
        explanation: "Hooks run your functions in the middle of a create or update: tidy a value before it is \
                      validated, refuse a row before the INSERT, write an audit row after it. A hook that throws \
                      stops the operation — but what already ran stays, unless it ran in a transaction.",
        goal: "The crash inside the transaction leaves no user and no audit row",
        checks: &[
            Check::NoError,
            Check::Prints("normalised ada@example.com"),
            Check::Prints("users ada@example.com, crash1@example.com"),
            Check::Prints("audit created ada@example.com, created crash1@example.com"),
        ],
        code: include_str!("lessons/hooks.js"),
        fixed: None,
    },
    Lesson {
        id: "migrations",
        title: "Migrations: change the schema, undo it, dry-run it",
        explanation: "A migration's up() changes the schema (here a nullable column and a partial index) and \
                      down() undoes it; Umzug runs them in order and records them in SequelizeMeta. Undoing \
                      drops the column with whatever it held: the warning says how many rows lost a value. \
                      In the Migrations panel, Dry run shows what the pending migrations would run and lose, \
                      keeping nothing.",
        goal: "Apply the discount-code migration, then undo it",
        checks: &[
            Check::NoError,
            Check::Prints("after up: id, total, note, discount_code"),
            Check::Prints("after down: id, total, note"),
        ],
        code: include_str!("lessons/migrations.js"),
        fixed: None,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report(value: serde_json::Value) -> Report {
        Report::from_json(&value)
    }

    #[test]
    fn lesson_ids_are_unique_and_every_lesson_has_code_and_a_goal() {
        for (i, lesson) in LESSONS.iter().enumerate() {
            assert!(LESSONS[..i].iter().all(|other| other.id != lesson.id), "duplicate id {}", lesson.id);
            assert!(lesson.code.contains("require('sequelize')"), "{} requires sequelize", lesson.id);
            assert!(!lesson.checks.is_empty());
            assert_eq!(Lesson::find(lesson.id), Some(lesson));
        }
        assert!(LESSONS.len() >= 7);
        assert_eq!(Lesson::find("nope"), None);
    }

    #[test]
    fn goals_count_reads_outside_sync_and_look_at_warnings_and_output() {
        let nplus1 = Lesson::find("nplus1").unwrap();
        let select = |id: u32, op: &str| json!({ "id": id, "sql": "SELECT 1", "op": op, "params": [] });
        let trapped = report(json!({
            "ok": true, "output": [], "error": null,
            "queries": [select(1, "sync"), select(2, "findAll"), select(3, "getItems"), select(4, "getItems"), select(5, "getItems")],
            "warnings": [{ "kind": "n+1", "message": "m", "queryIds": [3, 4, 5] }],
        }));
        assert_eq!(trapped.read_count(), 4);
        assert!(!nplus1.goal_met(&trapped));
        let fixed = report(json!({
            "ok": true, "output": [], "error": null,
            "queries": [select(1, "sync"), select(2, "findAll")], "warnings": [],
        }));
        assert!(nplus1.goal_met(&fixed));
        let failed =
            report(json!({ "ok": false, "output": [], "error": { "name": "TypeError", "message": "x", "line": 3 } }));
        assert!(!Check::NoError.met(&failed));
        assert!(Check::Prints("cheap:").met(&report(json!({ "output": ["cheap: a, b"] }))));
    }
}

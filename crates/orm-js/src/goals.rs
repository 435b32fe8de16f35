//! Goals as data: the small language in which a lesson file or a test author says what a run of
//! a learner's code must do — `at most 2 selects`, `no warning n+1`, `prints stock 1 7`,
//! `table Users has 3 rows` — parsed from one line of text into a [`Check`] and checked against
//! a run's report: the JSON `ormPlayground.run` resolves to (`ENGINE.md`), or anything that
//! implements [`Run`]. Plain Rust, tested natively; the page and [`crate::grading`] share it.
//!
//! The checks, one per line (keywords in any case):
//!
//! | check | met when |
//! |---|---|
//! | `no error` | the code ran to the end |
//! | `error NAME` | the run ended with this error (`SequelizeValidationError`, `TypeError`, …) |
//! | `at most` / `at least` / `exactly` `N` `selects`, `statements`, `writes`, `inserts`, `updates`, `deletes` | that many statements of the kind ran, `sync()`'s own left out; `selects` count the SELECTs the learner's calls ran |
//! | `no warnings` | the analyzer found nothing |
//! | `no warning KIND` / `warning KIND` | no warning (a warning) of this kind: `n+1`, `duplicate`, `cartesian`, `unused-eager`, `unbound-value`, `data-loss`, `missing-index`, `joined-count`, `joined-limit` |
//! | `prints TEXT` / `does not print TEXT` | a printed line contains TEXT (none does); quotes around TEXT are dropped |
//! | `table NAME has N rows` (also `at most` / `at least N rows`) | the table holds that many rows after the run |
//! | `no scan` / `no scan of NAME` | no statement's query plan reads a table in full (`SCAN …`), or not this one — named as the plan names it: Sequelize's queries alias a table by its model (`Item`) or its include's `as`; `sync()`'s own left out; needs a run with plans (the page's runs have them) |

/// The analyzer's warning kinds, as the report names them.
pub const WARNING_KINDS: &[&str] = &[
    "n+1",
    "duplicate",
    "cartesian",
    "unused-eager",
    "unbound-value",
    "data-loss",
    "missing-index",
    "joined-count",
    "joined-limit",
];

/// What a check compares a count with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// No more than.
    AtMost,
    /// No fewer than.
    AtLeast,
    /// Exactly.
    Exactly,
}

impl Bound {
    fn holds(self, count: u64, n: u64) -> bool {
        match self {
            Bound::AtMost => count <= n,
            Bound::AtLeast => count >= n,
            Bound::Exactly => count == n,
        }
    }

    fn words(self) -> &'static str {
        match self {
            Bound::AtMost => "at most",
            Bound::AtLeast => "at least",
            Bound::Exactly => "exactly",
        }
    }
}

/// Which statements a count looks at (`sync()`'s own are never counted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `SELECT`s.
    Selects,
    /// Every statement.
    Statements,
    /// `INSERT`, `UPDATE` and `DELETE`.
    Writes,
    /// `INSERT`s.
    Inserts,
    /// `UPDATE`s.
    Updates,
    /// `DELETE`s.
    Deletes,
}

/// The kinds in the order [`Kind`] lists them, with their names in the language.
const KINDS: &[(&str, Kind)] = &[
    ("selects", Kind::Selects),
    ("statements", Kind::Statements),
    ("writes", Kind::Writes),
    ("inserts", Kind::Inserts),
    ("updates", Kind::Updates),
    ("deletes", Kind::Deletes),
];

impl Kind {
    fn counts(self, sql: &str) -> bool {
        let verb = sql.split_whitespace().next().unwrap_or("");
        let is = |v: &str| verb.eq_ignore_ascii_case(v);
        match self {
            Kind::Selects => is("SELECT"),
            Kind::Statements => true,
            Kind::Writes => is("INSERT") || is("UPDATE") || is("DELETE"),
            Kind::Inserts => is("INSERT"),
            Kind::Updates => is("UPDATE"),
            Kind::Deletes => is("DELETE"),
        }
    }

    fn name(self) -> &'static str {
        KINDS.iter().find(|(_, k)| *k == self).map_or("statements", |(name, _)| name)
    }
}

/// One thing a goal requires of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The code ran to the end without an error.
    NoError,
    /// The run ended with the error of this name.
    Error(String),
    /// A bound on how many statements of a kind ran.
    Count(Bound, u64, Kind),
    /// No warning of this kind (`None`: no warning at all).
    NoWarning(Option<String>),
    /// A warning of this kind.
    Warning(String),
    /// A printed line contains this text.
    Prints(String),
    /// No printed line contains this text.
    DoesNotPrint(String),
    /// A bound on a table's rows after the run.
    TableRows(String, Bound, u64),
    /// No statement's plan scans a table (`None`) or this table, as the plan names it.
    NoScan(Option<String>),
}

/// What a check needs to know of a run.
pub trait Run {
    /// The name of the error that ended the run, if one did.
    fn error_name(&self) -> Option<&str>;
    /// Each statement's SQL and the operation that ran it (`findAll`, `sync`, …), in order.
    fn statements(&self) -> Vec<(&str, &str)>;
    /// The kind of each warning.
    fn warning_kinds(&self) -> Vec<&str>;
    /// The printed lines.
    fn printed(&self) -> Vec<&str>;
    /// The rows a table holds after the run (`None`: no such table).
    fn table_rows(&self, table: &str) -> Option<u64>;
    /// Each statement's plan steps (`SCAN Item`, `SEARCH …`) and the operation that ran it.
    fn plans(&self) -> Vec<(&str, Vec<&str>)>;
}

/// The checks a goal line can be, for error messages.
pub const SYNTAX: &str =
    "no error · error NAME · at most|at least|exactly N selects|statements|writes|inserts|updates|deletes \
     · no warnings · no warning KIND · warning KIND · prints TEXT · does not print TEXT · table NAME has N rows \
     · no scan · no scan of NAME";

/// Splits off `word` (any ASCII case) and the spaces after it.
fn after<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    (head.eq_ignore_ascii_case(word) && (rest.is_empty() || rest.starts_with(' '))).then(|| rest.trim_start())
}

/// `at most N`, `at least N`, `exactly N` or `N` (exactly), and the text after it.
fn bound(text: &str) -> Option<(Bound, Result<u64, String>, &str)> {
    let (bound, rest) = [Bound::AtMost, Bound::AtLeast, Bound::Exactly]
        .into_iter()
        .find_map(|b| Some((b, after(text, b.words())?)))
        .unwrap_or((Bound::Exactly, text));
    let (number, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let n = number.parse::<u64>().map_err(|_| format!("`{number}` is not a whole number"));
    Some((bound, n, rest.trim_start()))
}

/// The text of `prints TEXT`, its quotes dropped.
fn quoted(text: &str) -> Result<String, String> {
    let unquoted = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    if unquoted.is_empty() {
        Err("say what text (`prints stock 1 7`)".into())
    } else {
        Ok(unquoted.to_owned())
    }
}

fn warning_kind(kind: &str) -> Result<String, String> {
    if WARNING_KINDS.contains(&kind) {
        Ok(kind.to_owned())
    } else {
        Err(format!("`{kind}` is not a warning kind; the kinds are {}", WARNING_KINDS.join(", ")))
    }
}

impl Check {
    /// Reads one check. The error says what is wrong and what the checks look like.
    pub fn parse(line: &str) -> Result<Check, String> {
        let text = line.trim();
        let wrong = |why: String| format!("`{text}`: {why}");
        if text.eq_ignore_ascii_case("no error") {
            return Ok(Check::NoError);
        }
        if text.eq_ignore_ascii_case("no scan") {
            return Ok(Check::NoScan(None));
        }
        if let Some(name) = after(text, "no scan of").filter(|n| !n.is_empty() && !n.contains(' ')) {
            return Ok(Check::NoScan(Some(name.to_owned())));
        }
        if text.eq_ignore_ascii_case("no warnings") {
            return Ok(Check::NoWarning(None));
        }
        if let Some(kind) = after(text, "no warning") {
            return warning_kind(kind).map(|k| Check::NoWarning(Some(k))).map_err(wrong);
        }
        if let Some(kind) = after(text, "warning") {
            return warning_kind(kind).map(Check::Warning).map_err(wrong);
        }
        if let Some(name) = after(text, "error").filter(|n| !n.is_empty() && !n.contains(' ')) {
            return Ok(Check::Error(name.to_owned()));
        }
        if let Some(rest) = after(text, "prints") {
            return quoted(rest).map(Check::Prints).map_err(wrong);
        }
        if let Some(rest) = after(text, "does not print") {
            return quoted(rest).map(Check::DoesNotPrint).map_err(wrong);
        }
        if let Some(rest) = after(text, "table") {
            let (table, rest) = rest.split_once(' ').unwrap_or((rest, ""));
            let counted = after(rest, "has").and_then(bound);
            return match counted {
                Some((bound, n, unit)) if ["row", "rows"].iter().any(|u| unit.eq_ignore_ascii_case(u)) => {
                    n.map(|n| Check::TableRows(table.to_owned(), bound, n)).map_err(wrong)
                }
                _ => Err(wrong("write it as `table NAME has N rows`".into())),
            };
        }
        if text.starts_with(|c: char| c.is_ascii_digit())
            || ["at most", "at least", "exactly"].iter().any(|w| after(text, w).is_some())
        {
            if let Some((bound, n, unit)) = bound(text) {
                let singular = unit.strip_suffix(['s', 'S']).unwrap_or(unit);
                let kind = KINDS.iter().find(|(name, _)| name[..name.len() - 1].eq_ignore_ascii_case(singular));
                return match kind {
                    Some((_, kind)) => n.map(|n| Check::Count(bound, n, *kind)).map_err(wrong),
                    None => Err(wrong(format!(
                        "`{unit}` is not something counted; count selects, statements, writes, inserts, updates or deletes"
                    ))),
                };
            }
        }
        Err(format!("`{text}` is not a check; the checks are: {SYNTAX}"))
    }

    /// `Ok` when the run meets the check, else why not (`13 selects ran; at most 2`).
    pub fn check(&self, run: &impl Run) -> Result<(), String> {
        let missed = |why: String| Err(why);
        match self {
            Check::NoError => match run.error_name() {
                None => Ok(()),
                Some(name) => missed(format!("the run ended with {name}")),
            },
            Check::Error(name) => match run.error_name() {
                Some(got) if got == name => Ok(()),
                Some(got) => missed(format!("the run ended with {got}, not {name}")),
                None => missed(format!("the run ended without {name}")),
            },
            Check::Count(bound, n, kind) => {
                let count =
                    run.statements().iter().filter(|(sql, op)| *op != "sync" && kind.counts(sql)).count() as u64;
                if bound.holds(count, *n) {
                    Ok(())
                } else {
                    missed(format!("{count} {} ran; {} {n}", kind.name(), bound.words()))
                }
            }
            Check::NoWarning(kind) => {
                let kinds = run.warning_kinds();
                match kinds.iter().find(|k| kind.as_deref().is_none_or(|want| want == **k)) {
                    None => Ok(()),
                    Some(k) => missed(format!("a {k} warning")),
                }
            }
            Check::Warning(kind) => match run.warning_kinds().contains(&kind.as_str()) {
                true => Ok(()),
                false => missed(format!("no {kind} warning")),
            },
            Check::Prints(text) => match run.printed().iter().any(|line| line.contains(text.as_str())) {
                true => Ok(()),
                false => missed(format!("nothing printed contains “{text}”")),
            },
            Check::DoesNotPrint(text) => match run.printed().iter().find(|line| line.contains(text.as_str())) {
                None => Ok(()),
                Some(line) => missed(format!("printed “{line}”")),
            },
            Check::NoScan(name) => {
                let plans = run.plans();
                let scan = plans.iter().filter(|(op, _)| *op != "sync").flat_map(|(_, steps)| steps).find(|step| {
                    orm::plan::scanned_table(step).is_some_and(|t| name.as_deref().is_none_or(|want| want == t))
                });
                match scan {
                    None => Ok(()),
                    Some(step) => missed(format!("a plan says {step}")),
                }
            }
            Check::TableRows(table, bound, n) => match run.table_rows(table) {
                Some(count) if bound.holds(count, *n) => Ok(()),
                Some(count) => missed(format!("{table} has {count} rows; {} {n}", bound.words())),
                None => missed(format!("there is no table {table}")),
            },
        }
    }
}

/// A goal: every check must be met.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Goal {
    /// The checks.
    pub checks: Vec<Check>,
}

impl Goal {
    /// Reads a goal, one check per line (blank lines skipped); the error names the line.
    pub fn parse(text: &str) -> Result<Goal, String> {
        let lines = text.lines().enumerate().filter(|(_, line)| !line.trim().is_empty());
        let checks =
            orm::collect::try_map(lines, |(i, line)| Check::parse(line).map_err(|e| format!("line {}: {e}", i + 1)))?;
        Ok(Goal { checks })
    }

    /// `Ok` when the run meets every check, else why the first it misses is missed.
    pub fn check(&self, run: &impl Run) -> Result<(), String> {
        self.checks.iter().try_for_each(|c| c.check(run))
    }
}

/// The report as `ormPlayground.run` resolves it, read as JSON.
impl Run for serde_json::Value {
    fn error_name(&self) -> Option<&str> {
        let error = self.get("error").filter(|e| e.is_object())?;
        Some(error.get("name").and_then(serde_json::Value::as_str).unwrap_or("Error"))
    }

    fn statements(&self) -> Vec<(&str, &str)> {
        orm::collect::map_vec(list(self, "queries"), |q| (text(q, "sql"), text(q, "op")))
    }

    fn warning_kinds(&self) -> Vec<&str> {
        orm::collect::filter_map_vec(list(self, "warnings"), |w| w.get("kind")?.as_str())
    }

    fn printed(&self) -> Vec<&str> {
        orm::collect::filter_map_vec(list(self, "output"), serde_json::Value::as_str)
    }

    fn plans(&self) -> Vec<(&str, Vec<&str>)> {
        orm::collect::map_vec(list(self, "queries"), |q| {
            (text(q, "op"), orm::collect::map_vec(list(q, "plan"), |s| text(s, "detail")))
        })
    }

    fn table_rows(&self, table: &str) -> Option<u64> {
        let mut tables = self.get("schema").map(|s| list(s, "tables"))?;
        tables.find(|t| t.get("name").and_then(serde_json::Value::as_str) == Some(table))?.get("count")?.as_u64()
    }
}

fn text<'a>(value: &'a serde_json::Value, key: &str) -> &'a str {
    value.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}

fn list<'a>(value: &'a serde_json::Value, key: &str) -> impl Iterator<Item = &'a serde_json::Value> {
    value.get(key).and_then(serde_json::Value::as_array).into_iter().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report() -> serde_json::Value {
        json!({
            "output": ["cheap: Dune", "stock 1 7"],
            "error": null,
            "queries": [
                { "sql": "SELECT name FROM sqlite_master", "op": "sync", "plan": [{ "id": 2, "parent": 0, "detail": "SCAN sqlite_master" }] },
                { "sql": "CREATE TABLE \"Books\" (id)", "op": "sync" },
                { "sql": "INSERT INTO \"Books\" VALUES (?)", "op": "create" },
                { "sql": "SELECT * FROM \"Books\"", "op": "findAll", "plan": [{ "id": 2, "parent": 0, "detail": "SCAN Book" }] },
                { "sql": "select * FROM \"Books\" WHERE id = ?", "op": "findByPk",
                  "plan": [{ "id": 2, "parent": 0, "detail": "SEARCH Book USING INTEGER PRIMARY KEY (rowid=?)" }] },
                { "sql": "UPDATE \"Books\" SET x = ?", "op": "save" },
            ],
            "warnings": [{ "kind": "duplicate" }],
            "schema": { "tables": [{ "name": "Books", "count": 3 }] },
        })
    }

    fn met(line: &str) -> Result<(), String> {
        Check::parse(line).unwrap_or_else(|e| panic!("{e}")).check(&report())
    }

    #[test]
    fn counts_leave_sync_out_and_say_how_many_ran() {
        assert_eq!(met("at most 2 selects"), Ok(()));
        assert_eq!(met("at most 1 select"), Err("2 selects ran; at most 1".into()));
        assert_eq!(met("exactly 4 statements"), Ok(()));
        assert_eq!(met("at least 2 writes"), Ok(()));
        assert_eq!(met("AT MOST 0 Deletes"), Ok(()));
        assert_eq!(met("1 insert"), Ok(()));
        assert_eq!(met("exactly 2 updates"), Err("1 updates ran; exactly 2".into()));
    }

    #[test]
    fn errors_warnings_output_and_tables() {
        assert_eq!(met("no error"), Ok(()));
        assert_eq!(met("error TypeError"), Err("the run ended without TypeError".into()));
        assert_eq!(met("no warning n+1"), Ok(()));
        assert_eq!(met("no warning duplicate"), Err("a duplicate warning".into()));
        assert_eq!(met("no warnings"), Err("a duplicate warning".into()));
        assert_eq!(met("warning duplicate"), Ok(()));
        assert_eq!(met("warning n+1"), Err("no n+1 warning".into()));
        assert_eq!(met("prints stock 1 7"), Ok(()));
        assert_eq!(met("prints \"cheap: \""), Ok(()));
        assert_eq!(met("does not print stock"), Err("printed “stock 1 7”".into()));
        assert_eq!(met("table Books has 3 rows"), Ok(()));
        assert_eq!(met("table Books has at most 2 rows"), Err("Books has 3 rows; at most 2".into()));
        assert_eq!(met("table Users has 1 row"), Err("there is no table Users".into()));
        assert_eq!(met("no scan"), Err("a plan says SCAN Book".into()));
        assert_eq!(met("no scan of Book"), Err("a plan says SCAN Book".into()));
        // sync()'s look at sqlite_master is not the learner's.
        assert_eq!(met("no scan of sqlite_master"), Ok(()));
        assert_eq!(met("No Scan of Order"), Ok(()));
        let failed = json!({ "error": { "name": "SequelizeValidationError" }, "output": [] });
        assert_eq!(Check::parse("error SequelizeValidationError").unwrap().check(&failed), Ok(()));
        assert_eq!(Check::NoError.check(&failed), Err("the run ended with SequelizeValidationError".into()));
    }

    #[test]
    fn a_malformed_check_says_what_is_wrong() {
        let err = |line: &str| Check::parse(line).unwrap_err();
        assert_eq!(err("at most two selects"), "`at most two selects`: `two` is not a whole number");
        assert!(err("at most 2 queries").contains("`queries` is not something counted"));
        assert!(err("no warning n+2").contains("`n+2` is not a warning kind; the kinds are n+1, duplicate"));
        assert!(err("prints").contains("say what text"));
        assert!(err("table Books 3").contains("table NAME has N rows"));
        assert!(err("fast please").starts_with("`fast please` is not a check; the checks are: no error"));
        assert_eq!(
            Goal::parse("no error\n\nat most x selects").unwrap_err(),
            "line 3: `at most x selects`: `x` is not a whole number"
        );
    }

    #[test]
    fn a_goal_needs_every_check() {
        let goal = Goal::parse("no error\nat most 2 selects\nno warning n+1").unwrap();
        assert_eq!(goal.checks.len(), 3);
        assert_eq!(goal.check(&report()), Ok(()));
        let missed = Goal::parse("no error\nat most 1 selects").unwrap();
        assert_eq!(missed.check(&report()), Err("2 selects ran; at most 1".into()));
    }
}

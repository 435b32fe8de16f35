//! The dialect lens of the SQL log: which dialect the log shows (SQLite, which ran, or what
//! Sequelize 6 would send to PostgreSQL or MySQL for the same call), each statement's text in
//! it, and the tokens that differ from SQLite's, marked. Plain Rust, tested natively; the view
//! sets the HTML it writes (everything from a report escaped).

use serde_json::Value as Json;

use crate::html::escape;
use crate::report::Query;

/// A dialect the log can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Dialect {
    /// What ran.
    #[default]
    Sqlite,
    /// What Sequelize would send to PostgreSQL.
    Postgres,
    /// What Sequelize would send to MySQL.
    MySql,
}

/// The dialects with their `data-value` and label, in the order the log offers them.
pub const DIALECTS: [(Dialect, &str, &str); 3] = [
    (Dialect::Sqlite, "sqlite", "SQLite"),
    (Dialect::Postgres, "postgres", "PostgreSQL"),
    (Dialect::MySql, "mysql", "MySQL"),
];

impl Dialect {
    /// The label (`PostgreSQL`).
    pub fn label(self) -> &'static str {
        DIALECTS.iter().find(|(d, ..)| *d == self).map_or("", |(_, _, label)| label)
    }
}

/// A statement on the other dialects, as its event carries it (`dialects` in ENGINE.md).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lens {
    /// What Sequelize would send to PostgreSQL (none: no such statement there).
    pub postgres: Vec<String>,
    /// What it would send to MySQL.
    pub mysql: Vec<String>,
    /// `as-written` (the learner's raw SQL), `not-shown` (a SQLite-only step), or none.
    pub note: Option<String>,
}

impl Lens {
    /// Reads an event's `dialects` (`null` when the run did not ask for them).
    pub fn from_json(json: Option<&Json>) -> Option<Lens> {
        let json = json.filter(|j| j.is_object())?;
        let list = |key: &str| {
            let items = json.get(key).and_then(Json::as_array).map(Vec::as_slice).unwrap_or_default();
            orm::collect::map_vec(items.iter(), |s| s.as_str().unwrap_or_default().to_owned())
        };
        Some(Lens {
            postgres: list("postgres"),
            mysql: list("mysql"),
            note: json.get("note").and_then(Json::as_str).map(str::to_owned),
        })
    }
}

/// The statement as SQLite ran it, values inline.
fn sqlite_text(q: &Query) -> &str {
    if q.inlined.is_empty() {
        &q.sql
    } else {
        &q.inlined
    }
}

/// The statement on `dialect` as HTML: the text (several statements one per line), each token
/// that differs from SQLite's in `<mark>`, or a note in `<em>` when there is nothing to show.
pub fn html(q: &Query, dialect: Dialect) -> String {
    let sqlite = sqlite_text(q);
    let Some(lens) = &q.dialects else {
        return format!("<em>{}</em> {}", escape("(run again to see it in another dialect)"), escape(sqlite));
    };
    let statements = match dialect {
        Dialect::Sqlite => return escape(sqlite),
        Dialect::Postgres => &lens.postgres,
        Dialect::MySql => &lens.mysql,
    };
    match lens.note.as_deref() {
        Some("as-written") => {
            return format!("<em>sent as written (it may not run on {}):</em> {}", dialect.label(), escape(sqlite))
        }
        Some(_) => return format!("<em>SQLite-only step; the lens does not translate it:</em> {}", escape(sqlite)),
        None => {}
    }
    if statements.is_empty() {
        return format!("<em>no such statement on {}</em>", dialect.label());
    }
    let marked = orm::collect::map_vec(statements.iter(), |s| marked(sqlite, s));
    marked.join("\n")
}

/// A row of the log as HTML: SQLite's statement with its placeholders (as it ran), or
/// [`html`] on another dialect.
pub fn row_html(q: &Query, dialect: Dialect) -> String {
    match dialect {
        Dialect::Sqlite => escape(&q.sql),
        other => html(q, other),
    }
}

/// The statement on every dialect as HTML, one `<div>` each with its label (the opened
/// statement's detail).
pub fn all_html(q: &Query) -> String {
    let mut out = String::new();
    for (d, value, label) in DIALECTS {
        out.push_str(&format!(
            "<div class=\"lens-row\" data-dialect=\"{value}\"><span class=\"label\">{label}</span><code>{}</code></div>",
            html(q, d)
        ));
    }
    out
}

/// A token of SQL: a quoted name or string, a word, a run of spaces, or one other character.
fn tokens(sql: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = sql.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let c = bytes[i];
        if matches!(c, b'\'' | b'"' | b'`') {
            i += 1;
            while i < bytes.len() {
                if bytes[i] == c {
                    // A doubled quote stays inside.
                    if bytes.get(i + 1) == Some(&c) {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                if c == b'\'' && bytes[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
        } else if c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80 {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] >= 0x80) {
                i += 1;
            }
        } else if c.is_ascii_whitespace() {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
        } else {
            i += 1;
        }
        let end = i.min(bytes.len());
        // Stay on character boundaries (a quoted name ends on its quote; words take whole UTF-8).
        let end = (end..=bytes.len()).find(|&e| sql.is_char_boundary(e)).unwrap_or(bytes.len());
        i = end;
        out.push(&sql[start..end]);
    }
    out
}

/// Statements longer than this (in tokens, both multiplied) are shown without marks: the
/// comparison is quadratic.
const MAX_CELLS: usize = 400_000;

/// `other` as HTML, its tokens that are not in SQLite's statement (by a longest common
/// subsequence of the tokens that are not spaces) in `<mark>`.
pub fn marked(sqlite: &str, other: &str) -> String {
    let a: Vec<&str> = orm::collect::filter_map_vec(tokens(sqlite), |t| (!t.trim().is_empty()).then_some(t));
    let b = tokens(other);
    let words: Vec<usize> = orm::collect::filter_map_vec(0..b.len(), |i| (!b[i].trim().is_empty()).then_some(i));
    if a.len().saturating_mul(words.len()) > MAX_CELLS {
        return escape(other);
    }
    // lengths[i][j]: the common subsequence of a[i..] and the words j.. of b.
    let (n, m) = (a.len(), words.len());
    let mut lengths = vec![0_u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i * (m + 1) + j] = if a[i] == b[words[j]] {
                lengths[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                lengths[(i + 1) * (m + 1) + j].max(lengths[i * (m + 1) + j + 1])
            };
        }
    }
    let mut common = vec![false; b.len()];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[words[j]] {
            common[words[j]] = true;
            i += 1;
            j += 1;
        } else if lengths[(i + 1) * (m + 1) + j] >= lengths[i * (m + 1) + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    let mut out = String::with_capacity(other.len() + 32);
    for (k, token) in b.iter().enumerate() {
        if common[k] || token.trim().is_empty() {
            out.push_str(&escape(token));
        } else {
            out.push_str("<mark>");
            out.push_str(&escape(token));
            out.push_str("</mark>");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn query(inlined: &str, dialects: Json) -> Query {
        let mut q = Query::from_json(&json!({ "sql": inlined, "inlined": inlined, "dialects": dialects }));
        q.id = 1;
        q
    }

    #[test]
    fn differing_tokens_are_marked() {
        assert_eq!(
            marked("SELECT `id` FROM `Users` LIMIT 1, 2;", "SELECT \"id\" FROM \"Users\" LIMIT 2 OFFSET 1;"),
            "SELECT <mark>&quot;id&quot;</mark> FROM <mark>&quot;Users&quot;</mark> LIMIT 2 <mark>OFFSET</mark> <mark>1</mark>;"
        );
        assert_eq!(marked("COMMIT;", "COMMIT;"), "COMMIT;");
        assert_eq!(
            marked("UPDATE `t` SET `b`=1;", "UPDATE `t` SET `b`=true;"),
            "UPDATE `t` SET `b`=<mark>true</mark>;"
        );
        // Quotes doubled or escaped stay inside their string.
        assert_eq!(tokens("'it''s' 'a\\'b'"), ["'it''s'", " ", "'a\\'b'"]);
    }

    #[test]
    fn each_dialect_reads_its_text_or_says_why_there_is_none() {
        let q = query(
            "BEGIN DEFERRED TRANSACTION;",
            json!({ "postgres": ["START TRANSACTION;"], "mysql": ["START TRANSACTION;"], "note": null }),
        );
        assert_eq!(html(&q, Dialect::Sqlite), "BEGIN DEFERRED TRANSACTION;");
        assert_eq!(row_html(&q, Dialect::Sqlite), "BEGIN DEFERRED TRANSACTION;");
        assert_eq!(html(&q, Dialect::Postgres), "<mark>START</mark> TRANSACTION;");
        let q = query("PRAGMA INDEX_INFO(`x`)", json!({ "postgres": [], "mysql": [], "note": null }));
        assert_eq!(html(&q, Dialect::MySql), "<em>no such statement on MySQL</em>");
        let q = query("SELECT 1", json!({ "postgres": [], "mysql": [], "note": "as-written" }));
        assert_eq!(html(&q, Dialect::Postgres), "<em>sent as written (it may not run on PostgreSQL):</em> SELECT 1");
        let q = query("SELECT 1", Json::Null);
        assert!(html(&q, Dialect::Postgres).starts_with("<em>(run again"));
        assert!(all_html(&q).contains("data-dialect=\"mysql\""));
    }
}

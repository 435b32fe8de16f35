//! What the SQL log shows, decided in plain Rust: which statements of a run pass the filters
//! (kind, text search, the editor line the learner clicked), which of them are on screen in the
//! virtualised list, and how many statements each line of the learner's code ran (the editor's
//! gutter). The Leptos components in `view/sql_log.rs` and `view/editor.rs` only draw these.

use crate::html::escape;
use crate::lens::Dialect;
use crate::report::{Marks, Query};

/// A statement's query plan as HTML: one line per step, indented under its parent, with a badge
/// that names what it costs — `full scan` (every row of the table), `index` (a search through
/// one), `temp sort` (a B-tree built to sort or group), `automatic index` (one SQLite builds for
/// this statement alone: an index the schema lacks). Empty when there is no plan.
pub fn plan_html(plan: &[(u64, u64, String)]) -> String {
    let mut html = String::new();
    for (id, parent, detail) in plan {
        let mut depth = 0;
        let mut up = *parent;
        while up != 0 && depth < plan.len() {
            depth += 1;
            up = plan.iter().find(|(i, _, _)| *i == up).map_or(0, |(_, p, _)| *p);
        }
        let (class, badge) = if detail.contains("AUTOMATIC") {
            ("warn", "automatic index")
        } else if orm::plan::scanned_table(detail).is_some() {
            ("bad", "full scan")
        } else if detail.starts_with("SEARCH") {
            ("ok", "index")
        } else if detail.starts_with("USE TEMP B-TREE") {
            ("warn", "temp sort")
        } else {
            ("", "")
        };
        let badge = if badge.is_empty() { String::new() } else { format!("<b class=\"badge {class}\">{badge}</b> ") };
        html.push_str(&format!(
            "<li data-step=\"{id}\" style=\"margin-left:{}em\">{badge}{}</li>",
            depth * 2,
            escape(detail)
        ));
    }
    html
}

/// Which statements the SQL log shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// Every statement.
    All,
    /// INSERT, UPDATE, DELETE.
    Writes,
    /// Statements that ran more than once with the same parameters.
    Duplicates,
    /// Statements a warning points at.
    Flagged,
}

/// The filter chips: the filter, its `data-value` and its label.
pub const FILTERS: [(Filter, &str, &str); 4] = [
    (Filter::All, "all", "all"),
    (Filter::Writes, "writes", "writes"),
    (Filter::Duplicates, "duplicates", "duplicates"),
    (Filter::Flagged, "flagged", "warned"),
];

/// Every statement is drawn as one row of this height (px): the list can then be virtualised
/// with arithmetic alone (the CSS of `.entry` holds the same figure).
pub const ROW_HEIGHT: usize = 46;

/// The most a run's list is tall before it scrolls (px).
pub const VIEWPORT_HEIGHT: usize = 460;

/// Rows drawn above and below the visible ones, so a quick scroll shows no gap.
const OVERSCAN: usize = 6;

/// What narrows a run's statements.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Narrowing {
    /// The kind chip.
    pub filter: Option<Filter>,
    /// Text the SQL must contain (ASCII letters in either case; empty for any).
    pub search: String,
    /// The dialect whose text the search reads: the one the log shows.
    pub dialect: Dialect,
    /// The learner's line that ran them (a click in the gutter).
    pub line: Option<u32>,
}

/// The positions in `queries` of the statements that pass `narrowing`, in order. `marks` may be
/// shorter than `queries` (a run still going has none yet): the rest count as unmarked.
pub fn shown(queries: &[Query], marks: &[Marks], narrowing: &Narrowing) -> Vec<u32> {
    let needle = narrowing.search.trim();
    let mut out = Vec::new();
    for (i, q) in queries.iter().enumerate() {
        let mark = marks.get(i).copied().unwrap_or_default();
        let kind_ok = match narrowing.filter.unwrap_or(Filter::All) {
            Filter::All => true,
            Filter::Writes => q.is_write(),
            Filter::Duplicates => mark.duplicate,
            Filter::Flagged => mark.flagged,
        };
        if kind_ok
            && narrowing.line.is_none_or(|line| q.line == Some(line))
            && (needle.is_empty() || text_contains(q, narrowing.dialect, needle))
        {
            out.push(i as u32);
        }
    }
    out
}

/// The statement's text on `dialect` contains `needle`: what the lens shows there, or SQLite's
/// text where the lens has nothing else to show (raw SQL is sent as written, a step it does not
/// translate, a run without the lens).
fn text_contains(q: &Query, dialect: Dialect, needle: &str) -> bool {
    match (dialect, q.dialects.as_ref().filter(|lens| lens.note.is_none())) {
        (Dialect::Postgres, Some(lens)) => lens.postgres.iter().any(|s| contains_folded(s, needle)),
        (Dialect::MySql, Some(lens)) => lens.mysql.iter().any(|s| contains_folded(s, needle)),
        _ => contains_folded(&q.sql, needle),
    }
}

/// `haystack` contains `needle`, ASCII letters in either case (other characters as written:
/// Unicode's case tables would weigh more than the SQL log itself).
fn contains_folded(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.len() <= h.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// The rows of a list of `count` rows to draw when it is scrolled to `scroll_top`: the visible
/// ones and a few either side, as a range of positions.
pub fn visible_rows(scroll_top: usize, count: usize) -> std::ops::Range<usize> {
    let first = scroll_top / ROW_HEIGHT;
    let on_screen = VIEWPORT_HEIGHT.div_ceil(ROW_HEIGHT) + 1;
    let start = first.saturating_sub(OVERSCAN).min(count);
    let end = (first + on_screen + OVERSCAN).min(count);
    start..end
}

/// How many statements each line of the learner's code ran: `counts[line - 1]`, for lines
/// `1..=line_count` (statements of lines past the end, or of no line, are not counted).
pub fn line_counts(queries: &[Query], line_count: usize) -> Vec<u32> {
    let mut counts = vec![0_u32; line_count];
    for q in queries {
        if let Some(slot) = q.line.and_then(|l| counts.get_mut((l as usize).wrapping_sub(1))) {
            *slot += 1;
        }
    }
    counts
}

/// A duration in milliseconds as the log prints it: rounded to 0.01 ms, without trailing zeros
/// (`0.25 ms`, `4.5 ms`, `12 ms`). Integer arithmetic: the wasm links no float printer for it.
pub fn millis(ms: f64) -> String {
    let hundredths = (ms.max(0.0) * 100.0).round() as u64;
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    match fraction {
        0 => format!("{whole} ms"),
        f if f % 10 == 0 => format!("{whole}.{} ms", f / 10),
        f => format!("{whole}.{f:02} ms"),
    }
}

/// `1 statement`, `12 statements`.
pub fn statements(n: usize) -> String {
    format!("{n} statement{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_is_indented_by_parent_and_badged_by_cost() {
        let plan = vec![
            (3, 0, "SCAN Order".to_owned()),
            (15, 0, "SEARCH items USING AUTOMATIC COVERING INDEX (orderId=?) LEFT-JOIN".to_owned()),
            (20, 0, "USE TEMP B-TREE FOR ORDER BY".to_owned()),
            (24, 20, "SEARCH Item USING INTEGER PRIMARY KEY (rowid=?)".to_owned()),
            (30, 0, "SCAN CONSTANT ROW <x>".to_owned()),
        ];
        assert_eq!(
            plan_html(&plan),
            "<li data-step=\"3\" style=\"margin-left:0em\"><b class=\"badge bad\">full scan</b> SCAN Order</li>\
             <li data-step=\"15\" style=\"margin-left:0em\"><b class=\"badge warn\">automatic index</b> SEARCH items USING AUTOMATIC COVERING INDEX (orderId=?) LEFT-JOIN</li>\
             <li data-step=\"20\" style=\"margin-left:0em\"><b class=\"badge warn\">temp sort</b> USE TEMP B-TREE FOR ORDER BY</li>\
             <li data-step=\"24\" style=\"margin-left:2em\"><b class=\"badge ok\">index</b> SEARCH Item USING INTEGER PRIMARY KEY (rowid=?)</li>\
             <li data-step=\"30\" style=\"margin-left:0em\">SCAN CONSTANT ROW &lt;x&gt;</li>"
        );
        assert_eq!(plan_html(&[]), "");
    }

    fn query(id: u64, sql: &str, line: Option<u32>) -> Query {
        Query { id, sql: sql.into(), line, ..Query::default() }
    }

    fn log() -> Vec<Query> {
        vec![
            query(1, "CREATE TABLE `Users` (…)", Some(3)),
            query(2, "INSERT INTO `Users` (`name`) VALUES (?)", Some(5)),
            query(3, "SELECT * FROM `Users` WHERE `id` = ?", Some(7)),
            query(4, "SELECT * FROM `Users` WHERE `id` = ?", Some(7)),
            query(5, "SELECT count(*) FROM `Posts`", None),
        ]
    }

    #[test]
    fn every_statement_passes_no_narrowing() {
        assert_eq!(shown(&log(), &[], &Narrowing::default()), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn kind_search_and_line_narrow_together() {
        let queries = log();
        let writes = Narrowing { filter: Some(Filter::Writes), ..Narrowing::default() };
        assert_eq!(shown(&queries, &[], &writes), vec![1]);
        let search = Narrowing { search: "  users` where ".into(), ..Narrowing::default() };
        assert_eq!(shown(&queries, &[], &search), vec![2, 3]);
        let line = Narrowing { line: Some(7), search: "select".into(), ..Narrowing::default() };
        assert_eq!(shown(&queries, &[], &line), vec![2, 3]);
        let nothing = Narrowing { line: Some(5), search: "select".into(), ..Narrowing::default() };
        assert!(shown(&queries, &[], &nothing).is_empty());
        // Other characters match as written.
        let accents = vec![query(1, "SELECT 'Émile'", None)];
        assert_eq!(shown(&accents, &[], &Narrowing { search: "'Émi".into(), ..Narrowing::default() }), vec![0]);
        assert!(shown(&accents, &[], &Narrowing { search: "émile".into(), ..Narrowing::default() }).is_empty());
    }

    #[test]
    fn the_search_reads_the_dialect_the_log_shows() {
        let mut queries = log();
        queries[2].dialects = Some(crate::lens::Lens {
            postgres: vec![r#"SELECT * FROM "Users" WHERE "id" = 1"#.into()],
            mysql: vec!["SELECT * FROM `Users` WHERE `id` = 1".into()],
            note: None,
        });
        queries[4].dialects = Some(crate::lens::Lens { note: Some("as-written".into()), ..Default::default() });
        let on = |dialect, search: &str| Narrowing { dialect, search: search.into(), ..Narrowing::default() };
        assert_eq!(shown(&queries, &[], &on(Dialect::Postgres, r#""users""#)), vec![2]);
        assert!(shown(&queries, &[], &on(Dialect::Sqlite, r#""users""#)).is_empty());
        assert_eq!(shown(&queries, &[], &on(Dialect::MySql, "`id` = 1")), vec![2]);
        // Raw SQL, and statements of a run without the lens, are searched as SQLite ran them.
        assert_eq!(shown(&queries, &[], &on(Dialect::Postgres, "count(*)")), vec![4]);
        assert_eq!(shown(&queries, &[], &on(Dialect::Postgres, "INSERT")), vec![1]);
    }

    #[test]
    fn marks_drive_the_duplicate_and_warned_chips_and_missing_marks_are_unmarked() {
        let queries = log();
        let marks = [Marks::default(), Marks::default(), Marks { flagged: true, duplicate: true }];
        let flagged = Narrowing { filter: Some(Filter::Flagged), ..Narrowing::default() };
        assert_eq!(shown(&queries, &marks, &flagged), vec![2]);
        let duplicates = Narrowing { filter: Some(Filter::Duplicates), ..Narrowing::default() };
        assert_eq!(shown(&queries, &marks, &duplicates), vec![2]);
    }

    #[test]
    fn the_window_covers_the_screen_and_the_overscan_within_the_list() {
        assert_eq!(visible_rows(0, 0), 0..0);
        assert_eq!(visible_rows(0, 5), 0..5);
        let on_screen = VIEWPORT_HEIGHT.div_ceil(ROW_HEIGHT) + 1;
        assert_eq!(visible_rows(0, 100_000), 0..on_screen + OVERSCAN);
        let top = 50_000 * ROW_HEIGHT;
        assert_eq!(visible_rows(top, 100_000), 50_000 - OVERSCAN..50_000 + on_screen + OVERSCAN);
        assert_eq!(visible_rows(top, 50_003), 50_000 - OVERSCAN..50_003);
        // Scrolled past the end (the list shrank under a filter): nothing past it.
        assert_eq!(visible_rows(top, 10), 10..10);
    }

    #[test]
    fn line_counts_count_each_line_and_skip_the_rest() {
        assert_eq!(line_counts(&log(), 8), vec![0, 0, 1, 0, 1, 0, 2, 0]);
        // A statement of a line the code no longer has (edited since the run) is not counted.
        assert_eq!(line_counts(&log(), 4), vec![0, 0, 1, 0]);
        assert_eq!(line_counts(&[query(1, "x", Some(0))], 2), vec![0, 0]);
    }

    #[test]
    fn durations_print_to_the_hundredth_without_trailing_zeros() {
        assert_eq!(millis(0.0), "0 ms");
        assert_eq!(millis(0.254), "0.25 ms");
        assert_eq!(millis(4.5), "4.5 ms");
        assert_eq!(millis(0.05), "0.05 ms");
        assert_eq!(millis(12.0), "12 ms");
        assert_eq!(millis(1234.567), "1234.57 ms");
        assert_eq!(millis(-1.0), "0 ms");
    }

    #[test]
    fn statement_counts_read_as_english() {
        assert_eq!(statements(1), "1 statement");
        assert_eq!(statements(13), "13 statements");
    }
}

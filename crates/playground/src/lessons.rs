//! Lessons as content: each lesson is a Markdown file in `public/lessons/` (copied to
//! `dist/lessons/`), listed by `lessons/index.json`, fetched when the page loads and read here.
//! A tutorial site adds a lesson by adding a file and its name in the index; a file that does not
//! read gives a message naming the file, the field and the line — never a broken page.
//!
//! ~~~text
//! ---
//! title: The e-commerce N+1 trap
//! goal: Load the orders with their items in at most 2 queries
//! check: no error
//! check: at most 2 selects
//! check: no warning n+1
//! scale: N = 10, 100, 1000          (optional: "How it scales" runs the code with each N)
//! ---
//! Each order's items are loaded in the loop, one SELECT per order …   (the explanation)
//!
//! ```js
//! // the code the lesson starts with
//! ```
//!
//! ```js fixed
//! // for a trap: the fixed code that "apply the fix and re-run" runs
//! ```
//! ~~~
//!
//! The lesson's id is the file's name without `.md`. Checks are the goal language of
//! [`orm_js::goals`], shared with test authors who grade code from Rust.

use orm_js::goals::{Check, Run, WARNING_KINDS};

use crate::html::escape;
use crate::report::Report;
use crate::scaling::Scale;

/// A lesson of the picker.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    /// The file's name without `.md`: the `data-lesson` attribute, `?lesson=` and share links.
    pub id: String,
    /// The title in the picker.
    pub title: String,
    /// What the lesson teaches: paragraphs of text with `code` spans.
    pub explanation: String,
    /// The goal in words, shown beside its check mark.
    pub goal: String,
    /// What the goal requires of the run.
    pub checks: Vec<Check>,
    /// The code the lesson starts with.
    pub code: String,
    /// For a trap: the fixed code that "apply the fix and re-run" runs.
    pub fixed: Option<String>,
    /// The seed size "How it scales" varies (`scale: N = 10, 100, 1000`), if the lesson has one.
    pub scale: Option<Scale>,
}

/// The front matter's fields, for the message about an unknown one.
const FIELDS: &str = "title, goal, check, scale";

impl Lesson {
    /// `Ok` when the run meets every check of the goal, else why the first missed one is missed.
    pub fn goal_state(&self, report: &Report) -> Result<(), String> {
        self.checks.iter().try_for_each(|c| c.check(report))
    }

    /// Reads the lesson file `file` (its path, as messages name it: `lessons/nplus1.md`).
    pub fn parse(file: &str, text: &str) -> Result<Lesson, String> {
        let name = file.rsplit('/').next().unwrap_or(file);
        let id = name.strip_suffix(".md").ok_or_else(|| format!("{file}: a lesson file's name ends in .md"))?;
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(format!("{file}: name lesson files with letters, digits, - and _ (it is the lesson's id)"));
        }
        let text = text.replace("\r\n", "\n");
        let wrong = |line: usize, what: String| format!("{file}, line {line}: {what}");
        let mut lines = text.split('\n').enumerate().map(|(i, l)| (i + 1, l));
        if lines.next().map(|(_, l)| l.trim_end()) != Some("---") {
            return Err(format!("{file}: a lesson starts with front matter: a line `---`, then `title: …`, `goal: …` and `check: …` lines, then `---`"));
        }
        let (mut title, mut goal, mut checks, mut scale) = (None, None, Vec::new(), None);
        let mut closed = false;
        for (n, line) in lines.by_ref() {
            if line.trim_end() == "---" {
                closed = true;
                break;
            }
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((field, value)) = line.split_once(':') else {
                return Err(wrong(n, format!("`{line}` is not a `field: value` line (the fields are {FIELDS})")));
            };
            let value = value.trim();
            let empty = || wrong(n, format!("field `{}` is empty", field.trim()));
            match field.trim() {
                "title" if !value.is_empty() => title = Some(value.to_owned()),
                "goal" if !value.is_empty() => goal = Some(value.to_owned()),
                "check" => checks.push(Check::parse(value).map_err(|e| wrong(n, format!("field `check`: {e}")))?),
                "scale" => scale = Some(Scale::parse(value).map_err(|e| wrong(n, format!("field `scale`: {e}")))?),
                "title" | "goal" => return Err(empty()),
                other => return Err(wrong(n, format!("unknown field `{other}` (the fields are {FIELDS})"))),
            }
        }
        if !closed {
            return Err(format!("{file}: the front matter has no closing `---` line"));
        }
        let missing = |field: &str| format!("{file}: the front matter has no `{field}:` line");
        let title = title.ok_or_else(|| missing("title"))?;
        let goal = goal.ok_or_else(|| missing("goal"))?;
        if checks.is_empty() {
            return Err(format!(
                "{file}: the goal has no `check:` line (one per line, for example `check: at most 2 selects`; warning kinds: {})",
                WARNING_KINDS.join(", ")
            ));
        }
        let (mut explanation, mut code, mut fixed) = (String::new(), None, None);
        while let Some((n, line)) = lines.next() {
            let Some(info) = line.trim_end().strip_prefix("```") else {
                if code.is_none() {
                    explanation.push_str(line);
                    explanation.push('\n');
                } else if !line.trim().is_empty() {
                    return Err(wrong(n, "text after the code; put the explanation before it".into()));
                }
                continue;
            };
            let mut block = String::new();
            let mut ended = false;
            for (_, line) in lines.by_ref() {
                if line.trim_end() == "```" {
                    ended = true;
                    break;
                }
                block.push_str(line);
                block.push('\n');
            }
            if !ended {
                return Err(wrong(n, "this code block has no closing ``` line".into()));
            }
            let slot = match info.trim() {
                "js" | "javascript" => &mut code,
                "js fixed" | "javascript fixed" => &mut fixed,
                other => {
                    return Err(wrong(
                        n,
                        format!("a code block is ```js (the code) or ```js fixed (the fix), not ```{other}"),
                    ))
                }
            };
            if slot.replace(block).is_some() {
                return Err(wrong(n, format!("a second ```{} block", info.trim())));
            }
        }
        let code = code.ok_or_else(|| format!("{file}: the lesson has no ```js code block"))?;
        let explanation = explanation.trim().to_owned();
        if explanation.is_empty() {
            return Err(format!("{file}: the explanation (the text between the front matter and the code) is empty"));
        }
        if let Some(scale) = scale.as_ref().filter(|s| s.with_size(&code, 1).is_none()) {
            return Err(format!(
                "{file}: field `scale`: the code has no `const {} = <a number>` line to set",
                scale.name
            ));
        }
        Ok(Lesson { id: id.to_owned(), title, explanation, goal, checks, code, fixed, scale })
    }
}

/// What the page's lesson files give: the lessons that read, in the index's order, and one
/// message per file that did not (or that repeats an id).
pub fn read_all(files: Vec<(String, Result<String, String>)>) -> (Vec<Lesson>, Vec<String>) {
    let mut lessons: Vec<Lesson> = Vec::new();
    let mut problems = Vec::new();
    for (file, text) in files {
        match text.and_then(|text| Lesson::parse(&file, &text)) {
            Ok(lesson) if lessons.iter().any(|l| l.id == lesson.id) => {
                problems.push(format!("{file}: another lesson already has the id `{}`", lesson.id));
            }
            Ok(lesson) => lessons.push(lesson),
            Err(problem) => problems.push(problem),
        }
    }
    (lessons, problems)
}

/// The explanation as HTML: a `<p>` per paragraph (blank-line separated), `code` spans as
/// `<code>`, everything else escaped.
pub fn explanation_html(explanation: &str) -> String {
    let mut html = String::new();
    for paragraph in explanation.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        for (i, piece) in paragraph.split('`').enumerate() {
            let piece = escape(piece);
            if i % 2 == 1 {
                html.push_str("<code>");
                html.push_str(&piece);
                html.push_str("</code>");
            } else {
                html.push_str(&piece);
            }
        }
        html.push_str("</p>");
    }
    html
}

/// The lesson files that did not read, each with what is wrong, as HTML (empty when none).
pub fn problems_html(problems: &[String]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let items: String = problems.iter().map(|p| format!("<li>{}</li>", escape(p))).collect();
    format!("<strong>Some lesson files could not be read:</strong><ul>{items}</ul>")
}

/// A run's report, as the goal checks read it.
impl Run for Report {
    fn error_name(&self) -> Option<&str> {
        self.error.as_ref().map(|e| e.name.as_str())
    }

    fn statements(&self) -> Vec<(&str, &str)> {
        orm::collect::map_vec(self.queries.iter(), |q| (q.sql.as_str(), q.op.as_str()))
    }

    fn warning_kinds(&self) -> Vec<&str> {
        orm::collect::map_vec(self.warnings.iter(), |w| w.kind.as_str())
    }

    fn printed(&self) -> Vec<&str> {
        orm::collect::map_vec(self.output.iter(), String::as_str)
    }

    fn table_rows(&self, table: &str) -> Option<u64> {
        self.tables.iter().find(|t| t.name == table).map(|t| t.count)
    }

    fn plans(&self) -> Vec<(&str, Vec<&str>)> {
        self.queries
            .iter()
            .map(|q| (q.op.as_str(), orm::collect::map_vec(q.plan.iter(), |(_, _, detail)| detail.as_str())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NPLUS1: &str = "---\ntitle: The N+1 trap\ngoal: At most 2 queries\ncheck: no error\ncheck: at most 2 selects\n\
        check: no warning n+1\n---\nEach order's items load in the loop.\n\nUse `include`.\n\n```js\nrun();\n```\n\n```js fixed\nfixed();\n```\n";

    fn problem(text: &str) -> String {
        Lesson::parse("lessons/x.md", text).unwrap_err()
    }

    #[test]
    fn a_lesson_file_reads_into_its_parts() {
        let lesson = Lesson::parse("lessons/nplus1.md", NPLUS1).unwrap();
        assert_eq!(lesson.id, "nplus1");
        assert_eq!(lesson.title, "The N+1 trap");
        assert_eq!(lesson.goal, "At most 2 queries");
        assert_eq!(lesson.checks.len(), 3);
        assert_eq!(lesson.explanation, "Each order's items load in the loop.\n\nUse `include`.");
        assert_eq!(
            explanation_html(&lesson.explanation),
            "<p>Each order&#39;s items load in the loop.</p><p>Use <code>include</code>.</p>"
        );
        assert_eq!(problems_html(&[]), "");
        assert_eq!(
            problems_html(&["a <b>".into()]),
            "<strong>Some lesson files could not be read:</strong><ul><li>a &lt;b&gt;</li></ul>"
        );
        assert_eq!(lesson.code, "run();\n");
        assert_eq!(lesson.fixed.as_deref(), Some("fixed();\n"));
        // Windows line ends read the same.
        assert_eq!(Lesson::parse("lessons/nplus1.md", &NPLUS1.replace('\n', "\r\n")).unwrap(), lesson);
    }

    #[test]
    fn a_malformed_file_names_the_file_the_field_and_the_line() {
        assert_eq!(
            problem(&NPLUS1.replace("at most 2 selects", "at most two selects")),
            "lessons/x.md, line 5: field `check`: `at most two selects`: `two` is not a whole number"
        );
        assert_eq!(
            problem(&NPLUS1.replace("title:", "titel:")),
            "lessons/x.md, line 2: unknown field `titel` (the fields are title, goal, check, scale)"
        );
        assert_eq!(
            problem(&NPLUS1.replace("goal: At most 2 queries\n", "")),
            "lessons/x.md: the front matter has no `goal:` line"
        );
        assert!(problem(&NPLUS1.replace("title: The N+1 trap", "title:")).contains("line 2: field `title` is empty"));
        assert!(problem("title: x\n").contains("a lesson starts with front matter"));
        assert!(problem("---\ntitle: x\n").contains("no closing `---` line"));
        assert!(problem(&NPLUS1.replace("```js\nrun();\n```", "")).contains("has no ```js code block"));
        assert!(problem(&NPLUS1.replace("```js fixed\nfixed();\n```", "```sql\nSELECT 1\n```")).contains("not ```sql"));
        assert!(problem(&NPLUS1.replace("fixed();\n```", "fixed();\n")).contains("no closing ``` line"));
        assert!(problem(&NPLUS1.replace("check: no error\ncheck: at most 2 selects\ncheck: no warning n+1\n", ""))
            .contains("has no `check:` line"));
        assert!(problem(&NPLUS1.replace("check: no error\n", "check: no error\nscale: N = 10\n"))
            .starts_with("lessons/x.md, line 5: field `scale`: `N = 10`: two to six sizes"));
        assert_eq!(
            problem(&NPLUS1.replace("check: no error\n", "check: no error\nscale: N = 10, 100\n")),
            "lessons/x.md: field `scale`: the code has no `const N = <a number>` line to set"
        );
        let scaled = NPLUS1
            .replace("check: no error\n", "check: no error\nscale: N = 10, 100\n")
            .replace("run();", "const N = 3;");
        assert_eq!(Lesson::parse("lessons/x.md", &scaled).unwrap().scale.map(|s| s.sizes), Some(vec![10, 100]));
        assert!(Lesson::parse("lessons/a b.md", NPLUS1).unwrap_err().contains("letters, digits"));
        assert!(Lesson::parse("lessons/x.txt", NPLUS1).unwrap_err().contains("ends in .md"));
    }

    #[test]
    fn reading_many_keeps_the_good_ones_and_names_each_problem() {
        let files = vec![
            ("lessons/a.md".to_owned(), Ok(NPLUS1.to_owned())),
            ("lessons/b.md".to_owned(), Err("lessons/b.md: HTTP 404".to_owned())),
            ("extra/a.md".to_owned(), Ok(NPLUS1.to_owned())),
            ("lessons/c.md".to_owned(), Ok("nonsense".to_owned())),
        ];
        let (lessons, problems) = read_all(files);
        assert_eq!(lessons.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(), ["a"]);
        assert_eq!(problems.len(), 3);
        assert_eq!(problems[1], "extra/a.md: another lesson already has the id `a`");
    }

    #[test]
    fn goals_count_reads_outside_sync_and_look_at_warnings_and_output() {
        let nplus1 = Lesson::parse("lessons/nplus1.md", NPLUS1).unwrap();
        let select = |id: u32, op: &str| json!({ "id": id, "sql": "SELECT 1", "op": op, "params": [] });
        let trapped = Report::from_json(&json!({
            "ok": true, "output": [], "error": null,
            "queries": [select(1, "sync"), select(2, "findAll"), select(3, "getItems"), select(4, "getItems"), select(5, "getItems")],
            "warnings": [{ "kind": "n+1", "message": "m", "queryIds": [3, 4, 5] }],
        }));
        assert_eq!(nplus1.goal_state(&trapped), Err("4 selects ran; at most 2".into()));
        let fixed = Report::from_json(&json!({
            "ok": true, "output": [], "error": null,
            "queries": [select(1, "sync"), select(2, "findAll")], "warnings": [],
        }));
        assert_eq!(nplus1.goal_state(&fixed), Ok(()));
        let failed = Report::from_json(
            &json!({ "ok": false, "output": [], "error": { "name": "TypeError", "message": "x", "line": 3 } }),
        );
        assert_eq!(nplus1.goal_state(&failed), Err("the run ended with TypeError".into()));
    }

    /// Whatever a file holds, reading it gives a lesson or a message, never a panic: pieces of
    /// lesson syntax and multi-byte text shuffled by a fixed pseudo-random sequence.
    #[test]
    fn any_text_reads_or_says_why() {
        let pieces = [
            "---",
            "\n",
            "title: é",
            "goal:",
            "check: ",
            "at most ",
            "2 ",
            "selects",
            "no scan of ",
            "table ",
            " has ",
            "```js",
            "```js fixed",
            "```",
            "`",
            "prints \"",
            "ü🙂",
            "\r\n",
            ":",
            " ",
            "no warning ",
            "n+1",
            "9999999999999999999999",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            let _ = Lesson::parse("lessons/fuzz.md", &text);
            for line in text.lines() {
                let _ = Check::parse(line);
            }
            let _ = explanation_html(&text);
        }
    }

    /// The lessons the site ships: every file the index lists reads, with its goal.
    #[test]
    fn the_shipped_lessons_all_read() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/lessons");
        let index = std::fs::read_to_string(format!("{dir}/index.json")).unwrap();
        let names: Vec<String> = serde_json::from_str(&index).unwrap();
        let files = names
            .iter()
            .map(|name| {
                (format!("lessons/{name}"), std::fs::read_to_string(format!("{dir}/{name}")).map_err(|e| e.to_string()))
            })
            .collect();
        let (lessons, problems) = read_all(files);
        assert_eq!(problems, Vec::<String>::new());
        assert!(lessons.len() >= 9, "{} lessons", lessons.len());
        for lesson in &lessons {
            assert!(lesson.code.contains("require('sequelize')"), "{} requires sequelize", lesson.id);
        }
    }
}

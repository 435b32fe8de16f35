//! Raw queries (`sequelize.query`) with `replacements` and `bind`: the placeholder scanner
//! (`orm::raw`) and `Database::query`.
//!
//! A case is a `SELECT` of columns, each a placeholder or a string literal full of text that
//! looks like placeholders, with comments between them, each column aliased by a quoted
//! identifier that also looks like placeholders. The row that comes back must hold exactly the
//! values given and the literals' text, under the aliases written: a placeholder the scanner
//! missed, or one it found inside a literal, an identifier or a comment, shows as a wrong value
//! or a wrong number of parameters. The statement the query log shows (with the values inlined)
//! must give the same row. A second target throws SQL soup at the scanner.

use orm::raw::{inline_params, Params, Replacement, Replacements};
use orm::{Database, QueryOptions, Value};

use super::{nasty_string, run, short, Rng};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Positional,
    Named,
    BindPositional,
    BindNamed,
    Nothing,
}

#[derive(Debug)]
struct RawCase {
    mode: Mode,
    sql: String,
    options: QueryOptions,
    /// The column names and values the row must have, or `None` when the scanner must refuse.
    expected: Option<Vec<(String, Value)>>,
}

/// Text that looks like placeholders and comment or quote starts, for literals and identifiers.
fn tricky_text(rng: &mut Rng) -> String {
    let parts = [
        "?", "?1", ":name", "::", ":", "$1", "$name", "$$", "$", "--", "/*", "*/", "\"", "`", "[", "]", "''", "a", " ",
        "é", "🦀", "\n", "%", "@x", "\\",
    ];
    let mut text = String::new();
    for _ in 0..rng.below(6) {
        if rng.one_in(5) {
            text += &nasty_string(rng).replace('\0', "");
        } else {
            text += *rng.pick(&parts);
        }
    }
    text
}

/// Text inside a literal or a quoted identifier as it reaches SQLite with `bind`: Sequelize's
/// `/\B\$(\$|\w+)/g` runs over the whole SQL, so `$$` becomes `$` there too, where the `$` is
/// not right after a word character (`before`: the character before `text`); `$name` stays.
fn with_bind(before: char, text: &str) -> String {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let previous = if i == 0 { before } else { chars[i - 1] };
        if chars[i] == '$' && !word(previous) {
            match chars.get(i + 1) {
                Some('$') => {
                    out.push('$');
                    i += 2;
                    continue;
                }
                Some(&c) if word(c) => {
                    out.push('$');
                    i += 1;
                    while i < chars.len() && word(chars[i]) {
                        out.push(chars[i]);
                        i += 1;
                    }
                    continue;
                }
                _ => {}
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn random_value(rng: &mut Rng) -> Value {
    match rng.below(6) {
        0 => Value::Null,
        1 => Value::Int(rng.range(i64::MIN / 2, i64::MAX / 2)),
        2 => Value::Int(rng.range(-3, 3)),
        3 => Value::Float(*rng.pick(&[0.5, -1.25, 1e21, 1e-7, 123_456.789])),
        _ => Value::Text(tricky_text(rng)),
    }
}

fn name(rng: &mut Rng) -> String {
    // ASCII only: `$é` and `:é` are not placeholders, in Sequelize either (a regression test
    // has them).
    (*rng.pick(&["a", "b", "_x", "name", "A1", "__proto__", "constructor", "toString", "x9"])).to_owned()
}

fn generate(rng: &mut Rng) -> RawCase {
    let mode = *rng.pick(&[Mode::Positional, Mode::Named, Mode::BindPositional, Mode::BindNamed, Mode::Nothing]);
    let mut sql = rng.pick(&["SELECT ", "select\n", "  SELECT/**/", "SELECT -- c ?\n"]).to_string();
    let mut expected = Vec::new();
    let mut positional: Vec<Replacement> = Vec::new();
    let mut named: Vec<(String, Replacement)> = Vec::new();
    let mut bind_list: Vec<Value> = Vec::new();
    let mut bind_named: Vec<(String, Value)> = Vec::new();
    let mut refused = false;
    let columns = 1 + rng.below(5);
    for i in 0..columns {
        if i > 0 {
            sql += *rng.pick(&[", ", ",", " ,\n", "/* ?, :a, $1 */,", ", -- ? :a $1 'x\n"]);
        }
        let value = if mode == Mode::Nothing || rng.one_in(3) {
            // A string literal: its text comes back as written ('' is one quote; $$ is one $
            // with bind, as Sequelize's bind regular expression runs over the whole text).
            let text = tricky_text(rng);
            sql += &format!("'{}'", text.replace('\'', "''"));
            let text =
                if matches!(mode, Mode::BindPositional | Mode::BindNamed) { with_bind('\'', &text) } else { text };
            Value::Text(text)
        } else {
            let value = random_value(rng);
            match mode {
                Mode::Positional => {
                    sql.push('?');
                    positional.push(Replacement::One(value.clone()));
                }
                Mode::Named => {
                    let key = name(rng);
                    match named.iter().find(|(k, _)| *k == key) {
                        Some((_, Replacement::One(v))) => {
                            // The same name again: the same value.
                            sql += &format!(":{key}");
                            expected.push((format!("c{i}"), v.clone()));
                            sql += &format!(" AS \"c{i}\"");
                            continue;
                        }
                        _ => {
                            sql += &format!(":{key}");
                            named.push((key, Replacement::One(value.clone())));
                        }
                    }
                }
                Mode::BindPositional => {
                    bind_list.push(value.clone());
                    sql += &format!("${}", bind_list.len());
                }
                Mode::BindNamed => {
                    let key = name(rng);
                    if let Some((_, v)) = bind_named.iter().find(|(k, _)| *k == key) {
                        sql += &format!("${key} AS \"c{i}\"");
                        expected.push((format!("c{i}"), v.clone()));
                        continue;
                    }
                    sql += &format!("${key}");
                    bind_named.push((key, value.clone()));
                }
                Mode::Nothing => unreachable!(),
            }
            value
        };
        // The alias: a quoted identifier with placeholder-like text inside.
        let suffix = tricky_text(rng).replace(['"', '`', ']'], "");
        let alias = format!("c{i}{suffix}");
        match rng.below(3) {
            0 => sql += &format!(" AS \"{}\"", alias),
            1 => sql += &format!(" AS `{}`", alias),
            _ => sql += &format!(" AS [{}]", alias),
        }
        let alias = if matches!(mode, Mode::BindPositional | Mode::BindNamed) { with_bind('"', &alias) } else { alias };
        expected.push((alias, value));
    }
    if rng.one_in(8) {
        // A placeholder of the other kind: the scanner must refuse the query.
        let stray = match mode {
            Mode::Positional => ", :a",
            Mode::Named => ", ?",
            Mode::BindPositional | Mode::BindNamed => *rng.pick(&[", ?", ", :a"]),
            Mode::Nothing => "",
        };
        refused = !stray.is_empty();
        sql += stray;
    }
    sql += *rng.pick(&["", ";", " -- end ?", " /* :x */", "\n"]);
    let options = match mode {
        Mode::Positional => {
            if rng.one_in(4) {
                positional.push(Replacement::One(Value::Int(99))); // extra values are ignored
            }
            QueryOptions { replacements: Replacements::Positional(positional), bind: Params::None }
        }
        Mode::Named => {
            if rng.one_in(4) {
                named.push(("unused".into(), Replacement::One(Value::Int(99))));
            }
            QueryOptions { replacements: Replacements::Named(named), bind: Params::None }
        }
        Mode::BindPositional => QueryOptions { replacements: Replacements::None, bind: Params::Positional(bind_list) },
        Mode::BindNamed => QueryOptions { replacements: Replacements::None, bind: Params::Named(bind_named) },
        Mode::Nothing => QueryOptions::default(),
    };
    RawCase { mode, sql, options, expected: (!refused).then_some(expected) }
}

fn row_of(db: &mut Database, sql: &str, options: &QueryOptions) -> Result<Vec<(String, Value)>, String> {
    let result = db.query(sql, options).map_err(|e| format!("{:?}: {}", e.kind, e.message))?;
    let [row] = result.rows.as_slice() else { return Err(format!("{} rows", result.rows.len())) };
    Ok(row.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
}

#[test]
fn fuzz_raw_placeholders_bind_exactly_the_values_given() {
    run("raw", 2_500, generate, |case| {
        let mut db = Database::open_in_memory().unwrap();
        let got = row_of(&mut db, &case.sql, &case.options);
        let Some(expected) = &case.expected else {
            return match got {
                Err(message) if message.starts_with("Usage") => Ok(()),
                other => Err(format!("a stray placeholder of the other kind was not refused: {other:?}")),
            };
        };
        let got = got?;
        if got != *expected {
            return Err(format!("the row is {got:?}, expected {expected:?}"));
        }
        // The statement as the query log shows it, values inlined, gives the same row.
        if case.mode != Mode::Nothing {
            let prepared = orm::raw::prepare_raw(&case.sql, &case.options.replacements, &case.options.bind).unwrap();
            let inlined = inline_params(&prepared.sql, &prepared.params);
            let again = row_of(&mut db, &inlined, &QueryOptions::default())
                .map_err(|e| format!("the logged statement {inlined:?} fails: {e}"))?;
            if again != got {
                return Err(format!("the logged statement {inlined:?} gives {again:?}, not {got:?}"));
            }
        }
        Ok(())
    });
}

/// SQL soup: random pieces of SQL, placeholders, quotes and comments. The scanner never panics;
/// when it accepts the text and SQLite prepares it, SQLite gets one value per parameter.
#[test]
fn fuzz_raw_sql_soup_never_panics() {
    let pieces = [
        "SELECT ", "1", "?", ":a", ":b", "$1", "$2", "$a", "$$", "::", "'", "''", "'x'", "\"", "\"a\"", "`", "[", "]",
        "--", "/*", "*/", "\n", ", ", " ", "(", ")", "?1", "?2", "@a", ":1", "$", "$0", "$01", "é", "\0", ";", "FROM",
        " IN (", ":list", " AS ", "x", "$a$b", "\\",
    ];
    run(
        "raw-soup",
        6_000,
        |rng| {
            let sql: String = (0..rng.below(14)).map(|_| *rng.pick(&pieces)).collect();
            let options = match rng.below(5) {
                0 => QueryOptions {
                    replacements: Replacements::Positional(
                        (0..rng.below(4)).map(|_| Replacement::One(Value::Int(rng.range(0, 9)))).collect(),
                    ),
                    bind: Params::None,
                },
                1 => QueryOptions {
                    replacements: Replacements::Named(vec![
                        ("a".into(), Replacement::One(Value::Int(1))),
                        ("list".into(), Replacement::List((0..rng.below(3)).map(|i| Value::Int(i as i64)).collect())),
                    ]),
                    bind: Params::None,
                },
                2 => QueryOptions {
                    replacements: Replacements::None,
                    bind: Params::Positional((0..rng.below(3)).map(|i| Value::Int(i as i64)).collect()),
                },
                3 => QueryOptions {
                    replacements: Replacements::None,
                    bind: Params::Named(vec![("a".into(), Value::from("x")), ("0".into(), Value::Null)]),
                },
                _ => QueryOptions::default(),
            };
            (sql, options)
        },
        |(sql, options)| {
            let _ = inline_params(sql, &[Value::Int(1), Value::from("'")]);
            let Ok(prepared) = orm::raw::prepare_raw(sql, &options.replacements, &options.bind) else { return Ok(()) };
            let _ = inline_params(&prepared.sql, &prepared.params);
            let mut db = Database::open_in_memory().unwrap();
            match db.query(sql, options) {
                Err(e) if e.message.contains("Wrong number") || e.message.contains("API misuse") => Err(format!(
                    "SQLite was given the wrong parameters: {} (sql {:?})",
                    e.message,
                    short(&prepared.sql, 200)
                )),
                _ => Ok(()),
            }
        },
    );
}

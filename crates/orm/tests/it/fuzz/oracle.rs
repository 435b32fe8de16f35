//! A `where` never matches a row it should not, and never misses one: random small tables of a
//! model with nullable `INTEGER`, `STRING`, `BOOLEAN` and `DATE` attributes, random `where`
//! trees over them (every comparison operator, `Op.and`/`or`/`not` at the top and inside an
//! attribute, nested), and the primary keys `findAll` (and `count`, and `destroy` on a copy)
//! give compared with a plain evaluation of the same `where` here.
//!
//! The reference reads the `where` as Sequelize 6 writes it in SQL (checked against Sequelize
//! 6.37 on sqlite3) and evaluates that SQL with three-valued logic: `NULL` compares as unknown,
//! `NOT unknown` is unknown, `IN (…, NULL)` is never false, `LIKE` ignores the case of ASCII
//! letters. Sequelize writes `Op.like` with `null` as `LIKE NULL` and with `true` as `LIKE 1`,
//! but `Op.startsWith: null` as `LIKE 'null%'`. Where the core differs from Sequelize on purpose
//! (ARCHITECTURE.md), the reference follows the core: `{ n: { [Op.or]: [] } }` matches nothing.
//! Values stay in a domain where SQLite's comparison rules are plain: integers against integers,
//! ASCII text against text (an `INTEGER` compared with a numeric string, a `STRING` with a number,
//! as SQLite's column affinity converts them), booleans as 0/1, dates as their text, which orders
//! as time does between the years 1000 and 9999.

use std::collections::BTreeSet;

use orm::options::{find_options_in, record_from_json};
use orm::{Database, ErrorKind, Value};
use serde_json::{json, Map, Value as Json};

use super::{run, Rng};

const DAY: i64 = 86_400_000;

/// One row: `n` INTEGER, `s` STRING, `b` BOOLEAN, `d` DATE (ms), each nullable.
#[derive(Debug, Clone)]
struct Row {
    id: i64,
    n: Option<i64>,
    s: Option<String>,
    b: Option<bool>,
    d: Option<i64>,
}

const STRINGS: &[&str] =
    &["", "a", "A", "ab", "aB", "b", "ba", "a%", "_", "%", "it's", "null", "NULL", "true", "1", "10", "2", "-1"];

#[derive(Debug)]
struct Case {
    rows: Vec<Row>,
    wheres: Vec<Json>,
}

fn random_row(rng: &mut Rng, id: i64) -> Row {
    Row {
        id,
        n: (!rng.one_in(4)).then(|| rng.range(-2, 3)),
        s: (!rng.one_in(4)).then(|| (*rng.pick(STRINGS)).to_owned()),
        b: (!rng.one_in(4)).then(|| rng.one_in(2)),
        d: (!rng.one_in(4)).then(|| rng.range(0, 4) * DAY + rng.pick(&[0, 1, 3_600_000]) * rng.range(0, 1)),
    }
}

const COLUMNS: &[&str] = &["n", "s", "b", "d"];

/// A value to compare `column` with: mostly of its own type, sometimes null, sometimes a
/// numeric string for `n` or a number for `s`.
fn operand(rng: &mut Rng, column: &str) -> Json {
    if rng.one_in(7) {
        return Json::Null;
    }
    match column {
        "n" if rng.one_in(6) => json!(rng.range(-2, 3).to_string()),
        "n" => json!(rng.range(-2, 3)),
        "s" if rng.one_in(6) => json!(rng.range(-1, 10)),
        "s" => json!(*rng.pick(STRINGS)),
        "b" => json!(rng.one_in(2)),
        _ if rng.one_in(4) => json!(format!("1970-01-0{}", rng.range(1, 5))),
        _ => json!({"$date": rng.range(0, 4) * DAY + rng.pick(&[0, 1, 3_600_000]) * rng.range(0, 1)}),
    }
}

fn pattern(rng: &mut Rng) -> Json {
    match rng.below(8) {
        0 => Json::Null,
        1 => json!(rng.one_in(2)),
        2 => json!(rng.range(-1, 10)),
        _ => {
            json!(*rng
                .pick(&["a", "A%", "%a", "_", "%", "", "a_", "%'%", "1%", "%0%", "n%", "1970%", "%00:00%", "t%", "_b"]))
        }
    }
}

/// An attribute's conditions: a value, a list, or an object of operators.
fn conditions(rng: &mut Rng, column: &str, depth: usize) -> Json {
    match rng.below(if depth == 0 { 6 } else { 8 }) {
        0 | 1 => operand(rng, column),
        2 => Json::Array((0..rng.below(4)).map(|_| operand(rng, column)).collect()),
        _ => {
            let mut obj = Map::new();
            for _ in 0..1 + rng.below(2) {
                let ops: &[&str] = if depth == 0 {
                    &[
                        "eq",
                        "ne",
                        "gt",
                        "gte",
                        "lt",
                        "lte",
                        "in",
                        "notIn",
                        "between",
                        "notBetween",
                        "like",
                        "notLike",
                        "startsWith",
                        "endsWith",
                        "substring",
                        "is",
                        "not",
                    ]
                } else {
                    &["eq", "ne", "gt", "lt", "in", "notIn", "between", "like", "is", "not", "or", "and", "or"]
                };
                let op = *rng.pick(ops);
                let value = match op {
                    "in" | "notIn" => Json::Array((0..rng.below(4)).map(|_| operand(rng, column)).collect()),
                    "between" | "notBetween" => json!([operand(rng, column), operand(rng, column)]),
                    "like" | "notLike" | "startsWith" | "endsWith" | "substring" => pattern(rng),
                    "is" => json!(*rng.pick(&[json!(null), json!(true), json!(false)])),
                    "not" => match rng.below(3) {
                        0 => json!(*rng.pick(&[json!(null), json!(true), json!(false)])),
                        1 => Json::Array((0..rng.below(3)).map(|_| operand(rng, column)).collect()),
                        _ => operand(rng, column),
                    },
                    "or" | "and" => {
                        Json::Array((0..rng.below(3)).map(|_| conditions(rng, column, depth - 1)).collect())
                    }
                    _ => operand(rng, column),
                };
                obj.insert(format!("$op:{op}"), value);
            }
            Json::Object(obj)
        }
    }
}

fn where_tree(rng: &mut Rng, depth: usize) -> Json {
    let mut obj = Map::new();
    for _ in 0..rng.below(4) {
        if depth > 0 && rng.one_in(3) {
            let op = *rng.pick(&["or", "and", "not"]);
            let value = if rng.one_in(4) {
                where_tree(rng, depth - 1)
            } else {
                Json::Array((0..rng.below(4)).map(|_| where_tree(rng, depth - 1)).collect())
            };
            obj.insert(format!("$op:{op}"), value);
        } else {
            let column = *rng.pick(COLUMNS);
            obj.insert(column.to_owned(), conditions(rng, column, depth.min(2)));
        }
    }
    Json::Object(obj)
}

fn generate(rng: &mut Rng) -> Case {
    let rows = (1..=rng.below(21) as i64).map(|id| random_row(rng, id)).collect();
    let wheres = (0..20).map(|_| where_tree(rng, 3)).collect();
    Case { rows, wheres }
}

// --- The reference: SQL's three-valued logic over the row. ---

type Tv = Option<bool>;

fn and(parts: impl IntoIterator<Item = Tv>) -> Tv {
    let mut out = Some(true);
    for p in parts {
        out = match (out, p) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        };
    }
    out
}

fn or(parts: impl IntoIterator<Item = Tv>) -> Tv {
    let mut out = Some(false);
    for p in parts {
        out = match (out, p) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), Some(false)) => Some(false),
            _ => None,
        };
    }
    out
}

fn not(v: Tv) -> Tv {
    v.map(|b| !b)
}

/// A value as SQLite holds it for the comparison: an integer or text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Sql {
    Int(i64),
    Text(String),
}

/// The cell of `column` in `row`, as stored.
fn cell(row: &Row, column: &str) -> Option<Sql> {
    match column {
        "n" => row.n.map(Sql::Int),
        "s" => row.s.clone().map(Sql::Text),
        "b" => row.b.map(|b| Sql::Int(i64::from(b))),
        _ => row.d.map(|ms| Sql::Text(orm::datetime::format_sqlite(ms))),
    }
}

/// An operand as the statement binds it for `column` (after the column's affinity).
fn bound(column: &str, json: &Json) -> Option<Sql> {
    match (column, json) {
        (_, Json::Null) => None,
        ("n", Json::String(s)) => Some(Sql::Int(s.parse().unwrap())),
        ("s", Json::Number(n)) => Some(Sql::Text(n.to_string())),
        (_, Json::Number(n)) => Some(Sql::Int(n.as_i64().unwrap())),
        // `s IS 1`: the column's TEXT affinity makes the 1 text.
        ("s", Json::Bool(b)) => Some(Sql::Text(i64::from(*b).to_string())),
        (_, Json::Bool(b)) => Some(Sql::Int(i64::from(*b))),
        ("d", Json::String(s)) => Some(Sql::Text(orm::datetime::format_sqlite(orm::datetime::parse(s).unwrap()))),
        ("d", Json::Object(o)) => Some(Sql::Text(orm::datetime::format_sqlite(o["$date"].as_i64().unwrap()))),
        (_, Json::String(s)) => Some(Sql::Text(s.clone())),
        other => panic!("no operand {other:?}"),
    }
}

fn compare(a: &Option<Sql>, b: &Option<Sql>, f: impl Fn(std::cmp::Ordering) -> bool) -> Tv {
    match (a, b) {
        (Some(a), Some(b)) => Some(f(a.cmp(b))),
        _ => None,
    }
}

fn is(a: &Option<Sql>, b: &Option<Sql>) -> bool {
    a == b
}

/// SQLite's `LIKE` without `ESCAPE`: `%` any run, `_` any one character, ASCII letters in any case.
fn like(text: &str, pattern: &str) -> bool {
    fn go(t: &[char], p: &[char]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some(('%', rest)) => (0..=t.len()).any(|i| go(&t[i..], rest)),
            Some(('_', rest)) => !t.is_empty() && go(&t[1..], rest),
            Some((c, rest)) => t.first().is_some_and(|x| x.eq_ignore_ascii_case(c)) && go(&t[1..], rest),
        }
    }
    let t: Vec<char> = text.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    go(&t, &p)
}

fn text_of(v: &Sql) -> String {
    match v {
        Sql::Int(i) => i.to_string(),
        Sql::Text(t) => t.clone(),
    }
}

/// The pattern Sequelize writes for a `LIKE` operator: `Op.like`/`notLike` bind the value as it
/// is (null is `LIKE NULL`, a boolean 1 or 0); the others build text from the value as
/// JavaScript writes it (`'null%'`).
fn like_pattern(op: &str, json: &Json) -> Option<String> {
    let js = match json {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.to_string(),
        Json::String(s) => s.clone(),
        other => panic!("no pattern {other:?}"),
    };
    match op {
        "like" | "notLike" => match json {
            Json::Null => None,
            Json::Bool(b) => Some(i64::from(*b).to_string()),
            _ => Some(js),
        },
        "startsWith" => Some(format!("{js}%")),
        "endsWith" => Some(format!("%{js}")),
        _ => Some(format!("%{js}%")),
    }
}

fn eval_op(row: &Row, column: &str, op: &str, value: &Json) -> Tv {
    let here = cell(row, column);
    let list =
        |json: &Json| -> Vec<Option<Sql>> { json.as_array().unwrap().iter().map(|v| bound(column, v)).collect() };
    let is_in = |items: &[Option<Sql>]| or(items.iter().map(|v| compare(&here, v, |o| o.is_eq())));
    match op {
        "eq" if value.is_null() => Some(here.is_none()),
        "ne" if value.is_null() => Some(here.is_some()),
        "eq" => compare(&here, &bound(column, value), |o| o.is_eq()),
        "ne" => compare(&here, &bound(column, value), |o| o.is_ne()),
        "gt" => compare(&here, &bound(column, value), |o| o.is_gt()),
        "gte" => compare(&here, &bound(column, value), |o| o.is_ge()),
        "lt" => compare(&here, &bound(column, value), |o| o.is_lt()),
        "lte" => compare(&here, &bound(column, value), |o| o.is_le()),
        "is" => Some(is(&here, &bound(column, value))),
        "not" => match value {
            Json::Null | Json::Bool(_) => Some(!is(&here, &bound(column, value))),
            Json::Array(_) => eval_op(row, column, "notIn", value),
            _ => compare(&here, &bound(column, value), |o| o.is_ne()),
        },
        "in" => is_in(&list(value)),
        // Sequelize writes no condition for `NOT IN` an empty list.
        "notIn" => not(is_in(&list(value))),
        "between" | "notBetween" => {
            let items = list(value);
            let inside = and([compare(&here, &items[0], |o| o.is_ge()), compare(&here, &items[1], |o| o.is_le())]);
            if op == "between" {
                inside
            } else {
                not(inside)
            }
        }
        "like" | "notLike" | "startsWith" | "endsWith" | "substring" => {
            let (Some(text), Some(pattern)) = (here.as_ref().map(text_of), like_pattern(op, value)) else {
                return None;
            };
            let matched = like(&text, &pattern);
            Some(if op == "notLike" { !matched } else { matched })
        }
        "or" | "and" => {
            let parts = value.as_array().unwrap().iter().map(|v| eval_attr(row, column, v));
            if op == "or" {
                or(parts)
            } else {
                and(parts)
            }
        }
        other => panic!("no operator {other}"),
    }
}

fn eval_attr(row: &Row, column: &str, value: &Json) -> Tv {
    match value {
        Json::Array(_) => eval_op(row, column, "in", value),
        Json::Object(obj) if !obj.contains_key("$date") => {
            and(obj.iter().map(|(k, v)| eval_op(row, column, k.strip_prefix("$op:").unwrap(), v)))
        }
        _ => eval_op(row, column, "eq", value),
    }
}

fn eval_where(row: &Row, json: &Json) -> Tv {
    and(json.as_object().unwrap().iter().map(|(key, value)| match key.as_str() {
        "$op:and" => and(conditions_of(value).map(|w| eval_where(row, &w))),
        // An empty object among the alternatives is no alternative, as in Sequelize.
        "$op:or" => or(conditions_of(value).filter(|w| !is_empty_where(w)).map(|w| eval_where(row, &w))),
        "$op:not" => not(and(conditions_of(value).map(|w| eval_where(row, &w)))),
        column => eval_attr(row, column, value),
    }))
}

/// The where objects under a logical operator: an array of them, or one object whose entries
/// are conditions each.
fn conditions_of(json: &Json) -> Box<dyn Iterator<Item = Json> + '_> {
    match json {
        Json::Array(items) => Box::new(items.iter().cloned()),
        Json::Object(obj) => Box::new(obj.iter().map(|(k, v)| json!({ k.clone(): v.clone() }))),
        other => panic!("no conditions {other}"),
    }
}

/// True for a where that Sequelize writes as no condition: `{}`, `{ [Op.and]: [] }`, an
/// attribute's `{ n: { [Op.and]: [] } }`, and objects of nothing else.
fn is_empty_where(json: &Json) -> bool {
    fn attribute_empty(json: &Json) -> bool {
        match json {
            Json::Object(obj) if !obj.contains_key("$date") => obj
                .iter()
                .all(|(k, v)| k == "$op:and" && v.as_array().is_some_and(|items| items.iter().all(attribute_empty))),
            _ => false,
        }
    }
    match json.as_object() {
        Some(obj) => obj.iter().all(|(k, v)| match k.as_str() {
            "$op:and" => conditions_of(v).all(|w| is_empty_where(&w)),
            "$op:or" | "$op:not" => false,
            _ => attribute_empty(v),
        }),
        None => false,
    }
}

fn table(rows: &[Row]) -> Database {
    let mut db = Database::open_in_memory().unwrap();
    let attributes = json!({"n": "INTEGER", "s": "STRING", "b": "BOOLEAN", "d": "DATE"});
    let options = json!({"timestamps": false});
    let spec = orm::options::model_spec_from_json(&db, "Row", &attributes, &options).unwrap();
    db.define(spec).unwrap();
    db.sync(orm::SyncOptions::default()).unwrap();
    let records = rows
        .iter()
        .map(|r| {
            record_from_json(&json!({
                "id": r.id, "n": r.n, "s": r.s, "b": r.b,
                "d": r.d.map(|ms| json!({"$date": ms})),
            }))
            .unwrap()
        })
        .collect();
    db.bulk_create("Row", records).unwrap();
    db
}

/// The keys `findAll` returns for `where`, or `None` when the core refuses it.
fn found(db: &mut Database, json: &Json) -> Result<Option<BTreeSet<i64>>, String> {
    let options = match find_options_in(db, "Row", "findAll", &json!({ "where": json })) {
        Ok(options) => options,
        Err(e) if e.kind == ErrorKind::Usage || e.kind == ErrorKind::Validation => return Ok(None),
        Err(e) => return Err(format!("parsing failed: {:?}: {}", e.kind, e.message)),
    };
    let rows = match db.find_all("Row", &options) {
        Ok(rows) => rows,
        Err(e) if e.kind == ErrorKind::Usage || e.kind == ErrorKind::Validation => return Ok(None),
        Err(e) => return Err(format!("findAll failed: {:?}: {}", e.kind, e.message)),
    };
    let count = db.count("Row", &options).map_err(|e| format!("count failed: {}", e.message))?;
    let keys: BTreeSet<i64> = rows
        .iter()
        .map(|r| match r.value("id") {
            Value::Int(id) => id,
            other => panic!("id {other:?}"),
        })
        .collect();
    if count != keys.len() as i64 {
        return Err(format!("count gives {count}, findAll {} rows", keys.len()));
    }
    Ok(Some(keys))
}

/// Checks one `where` on `rows`.
fn check_where(db: &mut Database, rows: &[Row], json: &Json) -> Result<(), String> {
    let Some(got) = found(db, json)? else { return Ok(()) };
    let expected: BTreeSet<i64> = rows.iter().filter(|r| eval_where(r, json) == Some(true)).map(|r| r.id).collect();
    if got != expected {
        let wrong: Vec<&Row> = rows.iter().filter(|r| got.contains(&r.id) != expected.contains(&r.id)).collect();
        return Err(format!(
            "where {json}\nfindAll gives {got:?}, the reference {expected:?}; rows that differ: {wrong:?}"
        ));
    }
    Ok(())
}

#[test]
fn fuzz_where_matches_the_reference() {
    run("where-oracle", 100, generate, |case| {
        let mut db = table(&case.rows);
        for json in &case.wheres {
            check_where(&mut db, &case.rows, json)?;
        }
        Ok(())
    });
}

/// A row for [`assert_where`]: `(n, s, b, d)`.
pub type Cells<'a> = (Option<i64>, Option<&'a str>, Option<bool>, Option<i64>);

/// One `where` on one table, for regression tests.
pub fn assert_where(rows: &[Cells<'_>], json: Json) {
    let rows: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, (n, s, b, d))| Row { id: i as i64 + 1, n: *n, s: s.map(str::to_owned), b: *b, d: *d })
        .collect();
    check_where(&mut table(&rows), &rows, &json).unwrap();
}

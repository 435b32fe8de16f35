//! Finder options from JSON (`orm::options::find_options_in`, `count_options_in`): `where`
//! trees, `attributes`, `order`, `group`, `limit`/`offset` and include trees over four
//! associated models, generated at random and then mutated.
//!
//! Property: no panic, and every statement the core builds prepares in SQLite — the options are
//! refused with a clear error before any SQL, or the find runs. SQLite may refuse only SQL the
//! learner wrote: a `sequelize.literal`, or a `sequelize.fn` of their choosing.

use orm::options::{count_options_in, find_options_in};
use orm::{AssociationKind, Database, Recorder, SyncOptions};
use serde_json::{json, Map, Value as Json};

use super::{mutate, nasty_string, random_json, run, short, Rng};

/// Users with posts (`posts`, back as `author`), posts with tags (`tags`, through `PostTags`),
/// users with a profile (`profile`); a few rows of each.
pub fn blog() -> Database {
    let mut db = Database::open_in_memory().unwrap();
    let define = |db: &mut Database, name: &str, attributes: Json| {
        let spec = orm::options::model_spec_from_json(db, name, &attributes, &Json::Null).unwrap();
        db.define(spec).unwrap();
    };
    define(
        &mut db,
        "User",
        json!({"name": "STRING", "age": "INTEGER", "active": "BOOLEAN", "meta": "JSON", "born": "DATE"}),
    );
    define(&mut db, "Post", json!({"title": "STRING", "votes": "INTEGER"}));
    define(&mut db, "Tag", json!({"label": "STRING"}));
    define(&mut db, "Profile", json!({"bio": "TEXT"}));
    let associate = |db: &mut Database, kind, source: &str, target: &str, options: Json| {
        let options = orm::options::association_options_from_json(kind, &options).unwrap();
        db.associate(kind, source, target, options).unwrap();
    };
    associate(&mut db, AssociationKind::HasMany, "User", "Post", json!({"as": "posts", "foreignKey": "authorId"}));
    associate(&mut db, AssociationKind::BelongsTo, "Post", "User", json!({"as": "author", "foreignKey": "authorId"}));
    associate(&mut db, AssociationKind::BelongsToMany, "Post", "Tag", json!({"as": "tags", "through": "PostTags"}));
    associate(&mut db, AssociationKind::BelongsToMany, "Tag", "Post", json!({"as": "posts", "through": "PostTags"}));
    associate(&mut db, AssociationKind::HasOne, "User", "Profile", json!({"as": "profile"}));
    db.sync(SyncOptions::default()).unwrap();
    let create = |db: &mut Database, model: &str, json: Json| {
        db.create(model, orm::options::record_from_json(&json).unwrap()).unwrap();
    };
    create(
        &mut db,
        "User",
        json!({"name": "ann", "age": 31, "active": true, "meta": {"theme": "dark", "n": 2}, "born": {"$date": 0}}),
    );
    create(&mut db, "User", json!({"name": "Bob", "age": null, "active": false, "meta": null}));
    create(&mut db, "User", json!({"name": "it's", "age": 7}));
    create(&mut db, "Post", json!({"title": "a", "votes": 3, "authorId": 1}));
    create(&mut db, "Post", json!({"title": "b%", "votes": null, "authorId": 1}));
    create(&mut db, "Post", json!({"title": null, "votes": 0, "authorId": 2}));
    create(&mut db, "Tag", json!({"label": "rust"}));
    create(&mut db, "Tag", json!({"label": "sql"}));
    create(&mut db, "PostTags", json!({"PostId": 1, "TagId": 1}));
    create(&mut db, "PostTags", json!({"PostId": 1, "TagId": 2}));
    create(&mut db, "PostTags", json!({"PostId": 3, "TagId": 2}));
    create(&mut db, "Profile", json!({"bio": "hi", "UserId": 2}));
    db
}

const ATTRIBUTES: &[(&str, &[&str])] = &[
    ("User", &["id", "name", "age", "active", "meta", "born", "createdAt", "updatedAt"]),
    ("Post", &["id", "title", "votes", "authorId", "createdAt"]),
    ("Tag", &["id", "label"]),
    ("Profile", &["id", "bio", "UserId"]),
];

const ASSOCIATIONS: &[(&str, &[(&str, &str)])] = &[
    ("User", &[("posts", "Post"), ("profile", "Profile")]),
    ("Post", &[("author", "User"), ("tags", "Tag")]),
    ("Tag", &[("posts", "Post")]),
    ("Profile", &[]),
];

const OPERATORS: &[&str] = &[
    "eq",
    "ne",
    "is",
    "not",
    "gt",
    "gte",
    "lt",
    "lte",
    "between",
    "notBetween",
    "in",
    "notIn",
    "like",
    "notLike",
    "startsWith",
    "endsWith",
    "substring",
    "and",
    "or",
    "col",
    "iLike",
    "regexp",
    "contains",
    "nope",
    "__proto__",
    "constructor",
    "",
];

const FUNCTIONS: &[&str] =
    &["count", "lower", "upper", "length", "max", "min", "sum", "avg", "coalesce", "nope", "a b"];

fn attributes_of(model: &str) -> &'static [&'static str] {
    ATTRIBUTES.iter().find(|(m, _)| *m == model).map_or(&[], |(_, a)| a)
}

fn associations_of(model: &str) -> &'static [(&'static str, &'static str)] {
    ASSOCIATIONS.iter().find(|(m, _)| *m == model).map_or(&[], |(_, a)| a)
}

fn attribute_name(rng: &mut Rng, model: &str) -> String {
    match rng.below(12) {
        0 => nasty_string(rng),
        1 => (*rng.pick(&[
            "$posts.title$",
            "$author.name$",
            "$posts.nope$",
            "$nope.id$",
            "meta.theme",
            "meta.n.x",
            "$.$",
            "nope",
        ]))
        .to_owned(),
        _ => (*rng.pick(attributes_of(model))).to_owned(),
    }
}

fn scalar(rng: &mut Rng) -> Json {
    match rng.below(10) {
        0 => Json::Null,
        1 => json!(rng.one_in(2)),
        2 | 3 => json!(rng.range(-2, 40)),
        4 => json!(*rng.pick(&["a", "ann", "b%", "%", "_", "it's", "", "2024-01-01", "dark"])),
        5 => json!({"$date": *rng.pick(&[0.0, 1e12, -1.0, 8.64e15, 8.7e15, 1e300])}),
        6 => json!({"$bytes": [1, 2]}),
        7 => json!({"$undefined": true}),
        _ => random_json(rng, 0, &[], &[]),
    }
}

fn expression(rng: &mut Rng, model: &str, depth: usize) -> Json {
    match rng.below(if depth == 0 { 3 } else { 5 }) {
        0 => json!({"$col": attribute_name(rng, model)}),
        1 => json!({"$literal": *rng.pick(&["1", "`User`.`age`", "id", "'x'", "*", "", " ", "a\0"])}),
        2 => scalar(rng),
        3 => {
            json!({"$cast": expression(rng, model, depth - 1), "type": *rng.pick(&["INTEGER", "TEXT", "nope", "a)b", ""])})
        }
        _ => {
            json!({"$fn": *rng.pick(FUNCTIONS), "args": (0..rng.below(3)).map(|_| expression(rng, model, depth - 1)).collect::<Vec<_>>()})
        }
    }
}

/// An attribute's conditions: a value, a list, an object of operators, or an expression.
fn conditions(rng: &mut Rng, model: &str, depth: usize) -> Json {
    match rng.below(if depth == 0 { 2 } else { 6 }) {
        0 => scalar(rng),
        1 => Json::Array((0..rng.below(4)).map(|_| scalar(rng)).collect()),
        2 => expression(rng, model, 1),
        3 => {
            json!({"$where": {"left": expression(rng, model, 1), "op": *rng.pick(OPERATORS), "right": conditions(rng, model, depth - 1)}})
        }
        _ => {
            let mut obj = Map::new();
            for _ in 0..1 + rng.below(3) {
                let op = *rng.pick(OPERATORS);
                let operand = match op {
                    "in" | "notIn" | "between" | "notBetween" => {
                        Json::Array((0..rng.below(4)).map(|_| scalar(rng)).collect())
                    }
                    "or" | "and" => Json::Array((0..rng.below(3)).map(|_| conditions(rng, model, depth - 1)).collect()),
                    "col" => json!(attribute_name(rng, model)),
                    _ if rng.one_in(6) => expression(rng, model, 1),
                    _ => scalar(rng),
                };
                let key = if rng.one_in(10) { format!("${op}") } else { format!("$op:{op}") };
                obj.insert(key, operand);
            }
            Json::Object(obj)
        }
    }
}

pub fn where_tree(rng: &mut Rng, model: &str, depth: usize) -> Json {
    if rng.one_in(12) {
        return json!({"$literal": *rng.pick(&["1 = 1", "age > 3", "nope(", ""])});
    }
    let mut obj = Map::new();
    for _ in 0..rng.below(4) {
        let key = if depth > 0 && rng.one_in(3) {
            let op = *rng.pick(&["or", "and", "not", "or", "gt", "nope"]);
            let sub = if rng.one_in(3) {
                where_tree(rng, model, depth - 1)
            } else {
                Json::Array((0..rng.below(3)).map(|_| where_tree(rng, model, depth - 1)).collect())
            };
            obj.insert(format!("$op:{op}"), sub);
            continue;
        } else {
            attribute_name(rng, model)
        };
        obj.insert(key, conditions(rng, model, depth));
    }
    Json::Object(obj)
}

fn order(rng: &mut Rng, model: &str) -> Json {
    let direction = |rng: &mut Rng| json!(*rng.pick(&["ASC", "DESC", "asc", "NULLS FIRST", "DESC NULLS LAST", "up"]));
    let term = |rng: &mut Rng| match rng.below(6) {
        0 => json!(attribute_name(rng, model)),
        1 => json!([attribute_name(rng, model), direction(rng)]),
        2 => {
            let (alias, target) = associations_of(model).first().copied().unwrap_or(("nope", "Tag"));
            json!([alias, attribute_name(rng, target), direction(rng)])
        }
        3 => {
            let (_, target) = associations_of(model).first().copied().unwrap_or(("nope", "Tag"));
            json!([{"$model": target}, attribute_name(rng, target), direction(rng)])
        }
        4 => json!([expression(rng, model, 1), direction(rng)]),
        _ => json!([{"model": {"$model": "Post"}, "as": "posts"}, "title"]),
    };
    match rng.below(4) {
        0 => term(rng),
        _ => Json::Array((0..rng.below(3)).map(|_| term(rng)).collect()),
    }
}

fn attribute_list(rng: &mut Rng, model: &str) -> Json {
    let entry = |rng: &mut Rng| match rng.below(4) {
        0 => json!([expression(rng, model, 1), *rng.pick(&["n", "name", "", "a b"])]),
        1 => expression(rng, model, 1),
        _ => json!(attribute_name(rng, model)),
    };
    match rng.below(4) {
        0 => json!({"exclude": [attribute_name(rng, model)]}),
        1 => json!({"include": [entry(rng)]}),
        _ => Json::Array((0..rng.below(4)).map(|_| entry(rng)).collect()),
    }
}

fn include(rng: &mut Rng, model: &str, depth: usize) -> Json {
    let associations = associations_of(model);
    let (alias, target) =
        if associations.is_empty() || rng.one_in(8) { ("nope", "Tag") } else { *rng.pick(associations) };
    match rng.below(5) {
        0 => return json!(alias),
        1 => return json!({"$model": target}),
        _ => {}
    }
    let mut obj = Map::new();
    match rng.below(3) {
        0 => obj.insert("model".into(), json!({"$model": target})),
        1 => obj.insert("association".into(), json!(alias)),
        _ => {
            obj.insert("model".into(), json!({"$model": target}));
            obj.insert("as".into(), json!(alias))
        }
    };
    for _ in 0..rng.below(4) {
        let (key, value) = match rng.below(8) {
            0 => ("where", where_tree(rng, target, 1)),
            1 => ("required", json!(rng.one_in(2))),
            2 => ("separate", json!(rng.one_in(2))),
            3 => ("attributes", attribute_list(rng, target)),
            4 if depth > 0 => {
                ("include", Json::Array((0..1 + rng.below(2)).map(|_| include(rng, target, depth - 1)).collect()))
            }
            5 => ("order", order(rng, target)),
            6 => ("through", json!({"attributes": [], "where": where_tree(rng, "Tag", 0)})),
            _ => ("limit", json!(1)),
        };
        obj.insert(key.into(), value);
    }
    Json::Object(obj)
}

pub fn find_options(rng: &mut Rng, model: &str) -> Json {
    let mut obj = Map::new();
    for _ in 0..rng.below(5) {
        let (key, value) = match rng.below(10) {
            0 | 1 => ("where", where_tree(rng, model, 2)),
            2 => ("attributes", attribute_list(rng, model)),
            3 => ("order", order(rng, model)),
            4 | 5 => (
                "include",
                if rng.one_in(3) {
                    include(rng, model, 2)
                } else {
                    Json::Array((0..1 + rng.below(2)).map(|_| include(rng, model, 2)).collect())
                },
            ),
            6 => ("group", json!(attribute_name(rng, model))),
            7 => ("limit", super::nasty_number(rng)),
            8 => ("offset", json!(rng.range(0, 3))),
            _ => (
                *rng.pick(&["raw", "paranoid", "having", "wehre", "distinct", "__proto__"]),
                random_json(rng, 1, &[], &[]),
            ),
        };
        obj.insert(key.into(), value);
    }
    Json::Object(obj)
}

#[derive(Debug)]
struct FindCase {
    model: &'static str,
    method: &'static str,
    options: Json,
}

fn generate(rng: &mut Rng) -> FindCase {
    let model = *rng.pick(&["User", "User", "Post", "Tag"]);
    let method = *rng.pick(&["findAll", "findAll", "findOne", "count", "findAndCountAll"]);
    let mut options = find_options(rng, model);
    for _ in 0..rng.below(3) {
        mutate(rng, &mut options, &["where", "include", "$op:or", "$op:not", "model", "as", "attributes", "$op:in"]);
    }
    FindCase { model, method, options }
}

/// Why SQLite refusing `options` would be the learner's doing, if it would.
fn learners_sql(options: &Json) -> bool {
    let text = options.to_string();
    text.contains("\"$literal\"") || text.contains("\"$fn\"")
}

/// Runs a find, and reports a statement SQLite could not prepare.
pub fn check_find(db: &mut Database, log: &Recorder, model: &str, method: &str, options: &Json) -> Result<(), String> {
    log.clear();
    let outcome = match method {
        "count" | "findAndCountAll" => count_options_in(db, model, method, options).and_then(|o| {
            if method == "count" {
                db.count(model, &o.find).map(drop)
            } else {
                db.find_and_count_all(model, &o.find).map(drop)
            }
        }),
        _ => find_options_in(db, model, method, options).and_then(|o| {
            if method == "findOne" {
                db.find_one(model, &o).map(drop)
            } else {
                db.find_all(model, &o).map(drop)
            }
        }),
    };
    let failed: Vec<String> = log.events().iter().filter(|e| e.failed).map(|e| e.sql.clone()).collect();
    match outcome {
        // The core's own errors come before any SQL (an unknown attribute is a DatabaseError
        // without a statement, as in Sequelize); SQLite refusing a statement shows in the log.
        Err(e) if !failed.is_empty() && !learners_sql(options) => {
            Err(format!("SQLite refused a statement: {:?}: {} (failed: {failed:?})", e.kind, short(&e.message, 400)))
        }
        Ok(()) if !failed.is_empty() => Err(format!("a statement failed but the find succeeded: {failed:?}")),
        _ => Ok(()),
    }
}

#[test]
fn fuzz_finder_options_prepare_or_are_refused() {
    let db = std::cell::RefCell::new(blog());
    let log = Recorder::new();
    db.borrow_mut().subscribe(log.subscriber());
    run("finders", 3_000, generate, |case| {
        check_find(&mut db.borrow_mut(), &log, case.model, case.method, &case.options)
    });
}

//! Model definitions from JSON (`orm::options::model_spec_from_json`, as `sequelize.define`
//! hands them over), then `sync`, `create` and `findAll` on what was accepted.
//!
//! Property: no panic; a definition is refused with a clear error, or it is accepted and then
//! every statement made from it prepares: `CREATE TABLE` and its indexes, an `INSERT` of random
//! values (refused by validation or a constraint, never by SQLite's parser), a `SELECT`, and an
//! `alter` sync that finds nothing to change.

use orm::options::{model_spec_from_json, record_from_json};
use orm::{Database, ErrorKind, FindOptions, SyncOptions};
use serde_json::{json, Map, Value as Json};

use super::{mutate, nasty_string, random_json, run, short, Rng};

const NAMES: &[&str] =
    &["title", "n", "id", "createdAt", "updatedAt", "deletedAt", "other_id", "OtherId", "price", "meta", "é", "x"];

const TYPES: &[&str] = &[
    "STRING",
    "STRING(3)",
    "STRING(0)",
    "STRING(4294967295)",
    "TEXT",
    "INTEGER",
    "BIGINT",
    "FLOAT",
    "REAL",
    "DOUBLE",
    "DECIMAL",
    "DECIMAL(10,2)",
    "DECIMAL(2,10)",
    "BOOLEAN",
    "DATE",
    "DATE(6)",
    "DATEONLY",
    "UUID",
    "ENUM('a','b')",
    "ENUM('it''s','x')",
    "ENUM()",
    "ENUM('')",
    "JSON",
    "BLOB",
    "VIRTUAL",
    "string",
    " INTEGER ",
    "NOW",
];

const ATTRIBUTE_KEYS: &[&str] = &[
    "type",
    "allowNull",
    "unique",
    "defaultValue",
    "primaryKey",
    "autoIncrement",
    "field",
    "validate",
    "references",
    "onDelete",
    "onUpdate",
    "comment",
    "values",
];

const OPTION_KEYS: &[&str] = &[
    "tableName",
    "freezeTableName",
    "timestamps",
    "createdAt",
    "updatedAt",
    "deletedAt",
    "paranoid",
    "underscored",
    "indexes",
    "modelName",
    "comment",
];

const VALIDATORS: &[&str] = &[
    "len",
    "isEmail",
    "is",
    "not",
    "isIn",
    "notIn",
    "min",
    "max",
    "notEmpty",
    "isInt",
    "isUUID",
    "contains",
    "equals",
    "isDate",
    "isAfter",
    "notNull",
    "isUrl",
    "isIP",
    "isAlpha",
    "isNumeric",
    "isLowercase",
    "isDecimal",
    "isFloat",
    "max",
];

fn name(rng: &mut Rng) -> String {
    if rng.one_in(6) {
        nasty_string(rng)
    } else {
        (*rng.pick(NAMES)).to_owned()
    }
}

fn default_value(rng: &mut Rng) -> Json {
    match rng.below(6) {
        0 => json!({"$default": *rng.pick(&["NOW", "UUIDV4", "UUIDV1", "nope"])}),
        1 => json!({"$date": rng.pick(&[0.0, -1.0, 8.64e15, 1e300, 1.5])}),
        2 => json!({"$bytes": [0, 255, 39]}),
        3 => json!({"$fn": "now"}),
        _ => random_json(rng, 2, &[], &["a", "'", "it's", "\0", "1", "2024-01-01"]),
    }
}

fn validators(rng: &mut Rng) -> Json {
    let mut obj = Map::new();
    for _ in 0..rng.below(3) {
        let arg = match rng.below(6) {
            0 => json!(true),
            1 => json!([rng.range(-2, 5), rng.range(-2, 9)]),
            2 => {
                json!({"$regex": *rng.pick(&["^a", "(", "[", "a{99999}", "\\", "(?i)x", ".*"]), "flags": *rng.pick(&["", "i", "g", "z"])})
            }
            3 => json!([["a", "b"]]),
            4 => json!({"args": rng.range(-5, 5), "msg": nasty_string(rng)}),
            _ => random_json(rng, 2, &["args", "msg"], &[]),
        };
        obj.insert((*rng.pick(VALIDATORS)).to_owned(), arg);
    }
    Json::Object(obj)
}

fn attribute(rng: &mut Rng) -> Json {
    if rng.one_in(3) {
        return json!(*rng.pick(TYPES));
    }
    let mut obj = Map::new();
    obj.insert("type".into(), json!(*rng.pick(TYPES)));
    for _ in 0..rng.below(4) {
        let key = *rng.pick(ATTRIBUTE_KEYS);
        let value = match key {
            "allowNull" | "primaryKey" | "autoIncrement" => json!(rng.one_in(2)),
            "unique" => json!(*rng.pick(&[json!(true), json!(false), json!("pair"), json!({"name": "k"})])),
            "defaultValue" => default_value(rng),
            "field" => json!(name(rng)),
            "validate" => validators(rng),
            "references" => match rng.below(4) {
                0 => json!({"model": {"$model": "Other"}}),
                1 => json!({"model": "Others", "key": name(rng)}),
                2 => json!({"model": {"$model": "Thing"}, "key": "id"}),
                _ => json!({"model": nasty_string(rng)}),
            },
            "onDelete" | "onUpdate" => {
                json!(*rng.pick(&["CASCADE", "SET NULL", "RESTRICT", "NO ACTION", "cascade", "x"]))
            }
            "values" => json!(["a", "b"]),
            _ => json!(nasty_string(rng)),
        };
        obj.insert(key.to_owned(), value);
    }
    Json::Object(obj)
}

fn options(rng: &mut Rng) -> Json {
    if rng.one_in(4) {
        return Json::Null;
    }
    let mut obj = Map::new();
    for _ in 0..rng.below(4) {
        let key = *rng.pick(OPTION_KEYS);
        let value = match key {
            "tableName" => json!(name(rng)),
            "createdAt" | "updatedAt" | "deletedAt" => {
                if rng.one_in(2) {
                    json!(rng.one_in(2))
                } else {
                    json!(name(rng))
                }
            }
            "indexes" => json!([{"fields": [name(rng), name(rng)], "unique": rng.one_in(2)}]),
            "modelName" => json!("Thing"),
            "comment" => json!(nasty_string(rng)),
            _ => json!(rng.one_in(2)),
        };
        obj.insert(key.to_owned(), value);
    }
    Json::Object(obj)
}

#[derive(Debug)]
struct ModelCase {
    name: String,
    attributes: Json,
    options: Json,
    records: Vec<Json>,
}

fn generate(rng: &mut Rng) -> ModelCase {
    let mut attributes = Map::new();
    for _ in 0..rng.below(5) {
        attributes.insert(name(rng), attribute(rng));
    }
    let mut attributes = Json::Object(attributes);
    let mut options = options(rng);
    if rng.one_in(3) {
        mutate(rng, &mut attributes, ATTRIBUTE_KEYS);
    }
    if rng.one_in(5) {
        mutate(rng, &mut options, OPTION_KEYS);
    }
    let keys: Vec<String> = attributes.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
    let records = (0..rng.below(4))
        .map(|_| {
            let mut record = Map::new();
            for key in &keys {
                if rng.one_in(2) {
                    record.insert(key.clone(), random_json(rng, 1, &[], &["a", "b", "it's", "2024-01-01"]));
                }
            }
            Json::Object(record)
        })
        .collect();
    let name = if rng.one_in(8) { nasty_string(rng) } else { "Thing".to_owned() };
    ModelCase { name, attributes, options, records }
}

/// An error that means SQLite refused a statement the core built (the core's own errors come
/// before any SQL: a default value that is not of the attribute's type fails `sync` with a
/// clear error). Not a reference SQLite cannot resolve: a table that does not exist
/// (`references: { model: 'Nopes' }`), or a column of another table that is neither its key nor
/// unique (`{ model: 'Others', key: 'label' }`). Those fail every insert, as in Sequelize, since
/// what a table name refers to is only known to SQLite. Nor a fractional number for an `INTEGER`
/// primary key (`id: 0.1`): the core stores a fraction in an `INTEGER` column as SQLite and
/// Sequelize do, and SQLite refuses it in the key ("datatype mismatch"), as it does Sequelize's.
fn refused_by_sqlite(e: &orm::Error) -> bool {
    e.kind == ErrorKind::Database
        && e.sql.is_some()
        && !e.message.contains("foreign key mismatch")
        && !e.message.contains("no such table")
        && !e.message.contains("datatype mismatch")
}

#[test]
fn fuzz_model_definitions() {
    run("models", 1_000, generate, |case| {
        let mut db = Database::open_in_memory().unwrap();
        let other = model_spec_from_json(&db, "Other", &json!({"label": "STRING"}), &Json::Null).unwrap();
        db.define(other).unwrap();
        let Ok(spec) = model_spec_from_json(&db, &case.name, &case.attributes, &case.options) else { return Ok(()) };
        let Ok(model) = db.define(spec) else { return Ok(()) };
        let name = model.name.clone();
        match db.sync(SyncOptions::default()) {
            Err(e) if refused_by_sqlite(&e) => {
                return Err(format!("sync of an accepted model failed: {:?}: {}", e.kind, short(&e.message, 300)))
            }
            Err(_) => return Ok(()),
            Ok(()) => {}
        }
        for json in &case.records {
            let Ok(record) = record_from_json(json) else { continue };
            match db.create(&name, record) {
                Err(e) if refused_by_sqlite(&e) => {
                    return Err(format!("create {json} failed in SQLite: {}", short(&e.message, 300)));
                }
                _ => {}
            }
        }
        if let Err(e) = db.find_all(&name, &FindOptions::new()) {
            return Err(format!("findAll failed: {:?}: {}", e.kind, short(&e.message, 300)));
        }
        let alter = SyncOptions { alter: Some(orm::Alter { drop: true }), ..SyncOptions::default() };
        if let Err(e) = db.sync(alter) {
            return Err(format!(
                "sync({{ alter }}) of an unchanged model failed: {:?}: {}",
                e.kind,
                short(&e.message, 300)
            ));
        }
        Ok(())
    });
}

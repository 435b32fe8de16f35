//! Raw queries (parity scenario 11): replacements and bind become bound parameters; an
//! injection attempt stays data.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::{
    AttributeSpec, DataType, Database, ModelOptions, ModelSpec, Params, QueryOptions, Replacement, Replacements,
    SyncOptions, Value,
};

use crate::db_with_log;

fn users() -> (Database, crate::Recorder) {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("u")
            .attribute(AttributeSpec::new("name", DataType::String(None)))
            .attribute(AttributeSpec::new("role", DataType::String(None)))
            .options(ModelOptions { table_name: Some("users".into()), timestamps: false, ..Default::default() }),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    db.bulk_create(
        "u",
        vec![
            rec! { "name" => "ann", "role" => "admin" },
            rec! { "name" => "bob", "role" => "user" },
            rec! { "name" => "cy", "role" => "user" },
        ],
    )
    .unwrap();
    log.clear();
    (db, log)
}

fn names(result: &orm::QueryResult) -> Vec<Value> {
    result.rows.iter().map(|r| r["name"].clone()).collect()
}

#[test]
fn replacements_named_positional_and_lists() {
    let (mut db, log) = users();
    let named = QueryOptions {
        replacements: Replacements::Named(vec![("role".into(), Replacement::from("user"))]),
        ..Default::default()
    };
    let r = db.query("SELECT name FROM users WHERE role = :role ORDER BY name", &named).unwrap();
    assert_eq!(names(&r), [Value::from("bob"), Value::from("cy")]);
    assert_eq!(log.sql()[0], "SELECT name FROM users WHERE role = ? ORDER BY name");

    let list = QueryOptions {
        replacements: Replacements::Named(vec![("names".into(), Replacement::List(vec!["ann".into(), "cy".into()]))]),
        ..Default::default()
    };
    let r = db.query("SELECT name FROM users WHERE name IN (:names) ORDER BY name", &list).unwrap();
    assert_eq!(names(&r), [Value::from("ann"), Value::from("cy")]);
    assert_eq!(log.sql()[1], "SELECT name FROM users WHERE name IN (?, ?) ORDER BY name");

    let positional =
        QueryOptions { replacements: Replacements::Positional(vec!["admin".into()]), ..Default::default() };
    let r = db.query("SELECT count(*) AS n FROM users WHERE role = ?", &positional).unwrap();
    assert_eq!(r.rows[0]["n"], Value::Int(1));
}

#[test]
fn injection_stays_data() {
    let (mut db, log) = users();
    let evil = "x' OR '1'='1";
    let options =
        QueryOptions { replacements: Replacements::Named(vec![("name".into(), evil.into())]), ..Default::default() };
    let r = db.query("SELECT name FROM users WHERE name = :name", &options).unwrap();
    assert!(r.rows.is_empty());
    assert_eq!(log.events()[0].params, [Value::from(evil)]);
    let two = db.query("SELECT 1; DROP TABLE users", &QueryOptions::default()).unwrap_err();
    assert!(two.message.contains("one statement"), "{}", two.message);
    assert_eq!(db.table_names().unwrap(), ["users"]);
}

#[test]
fn bind_parameters() {
    let (mut db, _) = users();
    let options = QueryOptions { bind: Params::Named(vec![("role".into(), "user".into())]), ..Default::default() };
    let r = db.query("SELECT name FROM users WHERE role = $role ORDER BY name DESC", &options).unwrap();
    assert_eq!(names(&r), [Value::from("cy"), Value::from("bob")]);
    let options = QueryOptions { bind: Params::Positional(vec!["ann".into()]), ..Default::default() };
    let r = db.query("UPDATE users SET role = 'owner' WHERE name = $1", &options).unwrap();
    assert_eq!(r.changes, 1);
    let options = QueryOptions { bind: Params::Positional(vec!["dee".into()]), ..Default::default() };
    let r = db.query("INSERT INTO users (name, role) VALUES ($1, 'user')", &options).unwrap();
    assert_eq!((r.changes, r.last_insert_id), (1, Some(4)), "Sequelize's lastID");
    let err = db
        .query("SELECT :x", &QueryOptions { replacements: Replacements::Named(vec![]), ..Default::default() })
        .unwrap_err();
    assert_eq!(err.message, "Named replacement \":x\" has no entry in the replacement map.");
}

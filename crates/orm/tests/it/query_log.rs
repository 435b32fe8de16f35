//! The query log: every statement is an event with its SQL, parameters, rows, duration, model,
//! operation and call id, delivered to subscribers as it happens.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::cell::RefCell;
use std::rc::Rc;

use orm::{AttributeSpec, DataType, FindOptions, ModelSpec, StatementKind, SyncOptions, Value, Where};

use crate::db_with_log;

#[test]
fn events_describe_each_statement() {
    let (mut db, log) = db_with_log();
    db.define(ModelSpec::new("User").attribute(AttributeSpec::new("name", DataType::String(None)))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    let run = db.begin_run();
    db.create("User", rec! { "name" => "O'Brien" }).unwrap();
    db.find_all("User", &FindOptions::new().filter(Where::eq("name", "O'Brien"))).unwrap();
    let events = log.events();
    let [look, create_table, index_list, insert, select] = events.as_slice() else {
        panic!("5 events, got {:#?}", log.sql())
    };

    assert_eq!((look.kind, look.params.as_slice()), (StatementKind::Read, [Value::from("Users")].as_slice()));
    assert_eq!((create_table.kind, create_table.operation, create_table.run), (StatementKind::Ddl, "sync", 0));
    assert_eq!(index_list.sql, "PRAGMA INDEX_LIST(`Users`)");
    assert_eq!(create_table.call, index_list.call, "one sync is one call");
    assert_eq!(
        (insert.kind, insert.operation, insert.model.as_deref()),
        (StatementKind::Write, "create", Some("User"))
    );
    assert_eq!((insert.rows, insert.run), (1, run));
    assert_eq!((select.kind, select.operation, select.rows), (StatementKind::Read, "findAll", 1));
    assert_eq!(select.params, [Value::from("O'Brien")]);
    assert_eq!(
        select.inlined_sql(),
        "SELECT `id`, `name`, `createdAt`, `updatedAt` FROM `Users` AS `User` WHERE `User`.`name` = 'O''Brien';"
    );
    assert!(events.windows(2).all(|w| w[0].id < w[1].id), "ids increase");
    assert!(insert.call != select.call, "each top-level call has its own id");
    assert!(!select.failed);
}

#[test]
fn subscribers_get_events_as_they_happen_and_can_leave() {
    let (mut db, _) = db_with_log();
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&seen);
    let id = db.subscribe(Box::new(move |e| sink.borrow_mut().push(e.sql.clone())));
    db.define(ModelSpec::new("User")).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    assert_eq!(seen.borrow().len(), 3, "look in sqlite_master, CREATE TABLE, PRAGMA INDEX_LIST");
    assert!(db.unsubscribe(id));
    db.count("User", &FindOptions::new()).unwrap();
    assert_eq!(seen.borrow().len(), 3, "no events after unsubscribing");
}

#[test]
fn failed_statements_are_logged_and_marked() {
    let (mut db, log) = db_with_log();
    let err = db.query("SELECT * FROM missing_table", &orm::QueryOptions::default()).unwrap_err();
    assert_eq!(err.name(), "SequelizeDatabaseError");
    assert_eq!(err.message, "SQLITE_ERROR: no such table: missing_table");
    assert!(log.events()[0].failed);
}

#[test]
fn peeking_at_a_table_logs_nothing() {
    let (mut db, log) = db_with_log();
    db.define(ModelSpec::new("User").attribute(AttributeSpec::new("name", DataType::String(None)))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    for name in ["a", "b", "c"] {
        db.create("User", rec! { "name" => name }).unwrap();
    }
    db.query("CREATE TABLE \"odd \"\"name\" (x)", &orm::QueryOptions::default()).unwrap();
    let before = log.events().len();

    let peek = db.peek_table("Users", 2).unwrap();
    assert_eq!(peek.columns, ["id", "name", "createdAt", "updatedAt"]);
    assert_eq!(peek.count, 3);
    assert_eq!(peek.rows.len(), 2);
    assert_eq!(peek.rows[1][1], Value::from("b"));
    assert_eq!(db.peek_table("odd \"name", 5).unwrap().columns, ["x"]);
    assert!(db.peek_table("Nope", 5).unwrap_err().to_string().contains("no such table"));
    assert_eq!(log.events().len(), before, "the data panel's reads are not the learner's queries");
}

#[test]
fn a_database_exports_and_imports_as_sqlite_file_bytes() {
    let (mut db, log) = db_with_log();
    db.define(ModelSpec::new("User").attribute(AttributeSpec::new("name", DataType::String(None)))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    db.create("User", rec! { "name" => "Ann" }).unwrap();
    let before = log.events().len();
    let bytes = db.export(false).unwrap().unwrap();
    assert!(bytes.starts_with(b"SQLite format 3\0"), "a .sqlite file");

    let (mut other, _) = db_with_log();
    other.define(ModelSpec::new("User").attribute(AttributeSpec::new("name", DataType::String(None)))).unwrap();
    other.import(&bytes).unwrap();
    let users = other.find_all("User", &FindOptions::new()).unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].get("name"), Some(&Value::from("Ann")));

    let err = other.import(b"definitely not a database, but long enough to look like one").unwrap_err();
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
    other.sync(SyncOptions::default()).unwrap();
    assert_eq!(
        other.find_all("User", &FindOptions::new()).unwrap().len(),
        0,
        "a refused file leaves an empty database"
    );
    assert_eq!(log.events().len(), before, "export is not a learner's query");
}

#[test]
fn a_damaged_file_is_refused_on_import() {
    let (mut db, _) = db_with_log();
    db.define(ModelSpec::new("User").attribute(AttributeSpec::new("name", DataType::String(None)).unique())).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    let rows = (0..300).map(|i| rec! { "name" => format!("user number {i}") }).collect();
    db.bulk_create("User", rows).unwrap();
    let mut bytes = db.export(false).unwrap().unwrap();
    // Damage the last page (a page of the table or of its unique index), keep the header.
    let page = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let last = bytes.len() - page;
    for b in &mut bytes[last + 8..last + 200] {
        *b = 0x5a;
    }
    let (mut other, _) = db_with_log();
    let err = other.import(&bytes).unwrap_err();
    assert!(err.to_string().contains("integrity_check found"), "{err}");
    assert!(other.schema_sql().unwrap().is_empty(), "a refused file leaves an empty database");
}

/// A save never holds half a transaction: while the code runs (`mid_run`) there is nothing to
/// save inside one; once the run is over an open transaction is rolled back first, as closing the
/// connection would, and the file has what had committed.
#[test]
fn an_export_holds_what_committed() {
    let (mut db, _) = db_with_log();
    db.define(ModelSpec::new("User").attribute(AttributeSpec::new("name", DataType::String(None)))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    db.create("User", rec! { "name" => "committed" }).unwrap();
    let t = db.begin().unwrap();
    db.create("User", rec! { "name" => "half-written" }).unwrap();
    assert_eq!(db.export(true).unwrap(), None, "nothing to save mid-run inside a transaction");
    let bytes = db.export(false).unwrap().unwrap();
    assert!(!db.in_transaction(), "the open transaction was rolled back");
    assert!(db.commit(t).is_err(), "and it has ended");
    let (mut other, _) = db_with_log();
    other.define(ModelSpec::new("User").attribute(AttributeSpec::new("name", DataType::String(None)))).unwrap();
    other.import(&bytes).unwrap();
    let names: Vec<_> =
        other.find_all("User", &FindOptions::new()).unwrap().iter().map(|u| u.get("name").cloned()).collect();
    assert_eq!(names, [Some(Value::from("committed"))]);
    assert!(db.export(true).unwrap().is_some(), "between transactions a save has the file");
}

//! Transactions: managed (a closure; rollback on error, the error comes back), unmanaged
//! (begin/commit/rollback), and savepoints for nesting.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::{AttributeSpec, DataType, Database, Error, ErrorKind, FindOptions, ModelSpec, SyncOptions};

use crate::{db_with_log, verbs};

fn accounts() -> (Database, crate::Recorder) {
    let (mut db, log) = db_with_log();
    db.define(ModelSpec::new("Account").attribute(AttributeSpec::new("owner", DataType::String(None)))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    log.clear();
    (db, log)
}

fn count(db: &mut Database) -> i64 {
    db.count("Account", &FindOptions::new()).unwrap()
}

#[test]
fn managed_commit_and_rollback() {
    let (mut db, log) = accounts();
    let id = db.transaction(|db, _| Ok(db.create("Account", rec! { "owner" => "a" })?.value("id"))).unwrap();
    assert_eq!(id, orm::Value::Int(1));
    assert_eq!(verbs(&log), ["BEGIN", "INSERT", "COMMIT"]);
    assert_eq!(log.sql()[0], "BEGIN DEFERRED TRANSACTION;");
    log.clear();
    let err = db
        .transaction(|db, _| -> Result<(), Error> {
            db.create("Account", rec! { "owner" => "b" })?;
            Err(Error::usage("changed my mind"))
        })
        .unwrap_err();
    assert_eq!(err.message, "changed my mind", "the closure's error comes back");
    assert_eq!(verbs(&log), ["BEGIN", "INSERT", "ROLLBACK"]);
    assert_eq!(count(&mut db), 1);
}

#[test]
fn nested_transactions_use_savepoints() {
    let (mut db, log) = accounts();
    db.transaction(|db, _| {
        db.create("Account", rec! { "owner" => "outer" })?;
        let inner = db.transaction(|db, _| -> Result<(), Error> {
            db.create("Account", rec! { "owner" => "inner" })?;
            Err(Error::usage("inner fails"))
        });
        assert!(inner.is_err());
        db.transaction(|db, _| db.create("Account", rec! { "owner" => "kept" }).map(|_| ()))
    })
    .unwrap();
    assert_eq!(
        verbs(&log),
        ["BEGIN", "INSERT", "SAVEPOINT", "INSERT", "ROLLBACK", "SAVEPOINT", "INSERT", "RELEASE", "COMMIT"]
    );
    assert!(log.sql()[4].starts_with("ROLLBACK TO SAVEPOINT"));
    let owners: Vec<String> =
        db.find_all("Account", &FindOptions::new()).unwrap().iter().map(|a| a.value("owner").to_js_string()).collect();
    assert_eq!(owners, ["outer", "kept"]);
}

#[test]
fn unmanaged_transactions_and_misuse() {
    let (mut db, log) = accounts();
    let t = db.begin().unwrap();
    db.create("Account", rec! { "owner" => "x" }).unwrap();
    db.rollback(t).unwrap();
    assert_eq!(count(&mut db), 0);
    let err = db.commit(t).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Transaction);
    assert_eq!(err.message, "Transaction cannot be committed because it has been finished with state: rollback");

    let outer = db.begin().unwrap();
    let inner = db.begin().unwrap();
    let err = db.commit(outer).unwrap_err();
    assert!(err.message.contains("innermost"), "{}", err.message);
    db.commit(inner).unwrap();
    db.create("Account", rec! { "owner" => "y" }).unwrap();
    db.commit(outer).unwrap();
    assert!(!db.in_transaction());
    assert_eq!(count(&mut db), 1);
    assert_eq!(verbs(&log).iter().filter(|v| *v == "BEGIN").count(), 2);
}

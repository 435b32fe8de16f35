//! Time travel (`Database::set_history`): the exact rows each top-level call changed — creates,
//! updates, a paranoid destroy, a cascade, a raw write — and what a rollback or a savepoint's
//! rollback puts back; recording adds no statement to the log.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::history::ChangeKind;
use orm::QueryOptions;
use orm::{
    AttributeSpec, DataType, Database, DestroyOptions, Error, ModelOptions, ModelSpec, ReferentialAction, SyncOptions,
    Value, Where,
};

use crate::{db_with_log, foreign_key};

/// Each step as `(label, [(table, rowid, kind, values)])`.
type Steps = Vec<(String, Vec<(String, i64, ChangeKind, Option<Vec<Value>>)>)>;

fn steps(db: &Database) -> Steps {
    let history = db.history().expect("history is on");
    history
        .steps
        .iter()
        .map(|s| {
            let changes = s
                .changes
                .iter()
                .map(|c| (history.tables[c.table].name.clone(), c.rowid, c.kind, c.values.clone()))
                .collect();
            (s.label.clone(), changes)
        })
        .collect()
}

fn row(values: &[Value]) -> Option<Vec<Value>> {
    Some(values.to_vec())
}

/// `Person(id, name)` and `Pet(id, name, personId → People ON DELETE CASCADE)`, no timestamps;
/// history on from the first run.
fn people_and_pets() -> (Database, orm::Recorder) {
    let (mut db, log) = db_with_log();
    let plain = || ModelOptions { timestamps: false, ..ModelOptions::default() };
    db.define(ModelSpec::new("Person").attribute(AttributeSpec::new("name", DataType::String(None))).options(plain()))
        .unwrap();
    let owner = foreign_key("personId", "People", ReferentialAction::Cascade);
    db.define(
        ModelSpec::new("Pet")
            .attribute(AttributeSpec::new("name", DataType::String(None)))
            .attribute(owner)
            .options(plain()),
    )
    .unwrap();
    db.set_history(true).unwrap();
    db.begin_run();
    db.sync(SyncOptions::default()).unwrap();
    (db, log)
}

#[test]
fn each_call_records_the_rows_it_wrote_and_no_statement() {
    let (mut db, log) = people_and_pets();
    let before = log.len();
    db.create("Person", rec! { "name" => "ann" }).unwrap();
    db.bulk_create("Pet", vec![rec! { "name" => "rex", "personId" => 1 }, rec! { "name" => "tom", "personId" => 1 }])
        .unwrap();
    db.update_where("Pet", rec! { "name" => "max" }, Some(Where::eq("name", "tom"))).unwrap();
    // The cascade deletes both pets after their owner, in the same step.
    db.destroy_where("Person", DestroyOptions { filter: Some(Where::eq("id", 1)), ..Default::default() }).unwrap();
    // A raw write: the rows it inserted are read back like the ORM's.
    db.query("INSERT INTO People (name) VALUES ('bea'), ('cy')", &QueryOptions::default()).unwrap();
    db.query("UPDATE People SET name = upper(name) WHERE name = 'cy'", &QueryOptions::default()).unwrap();
    db.query("DELETE FROM People", &QueryOptions::default()).unwrap();
    assert_eq!(log.len() - before, 7, "one statement per call: recording reads nothing into the log");
    let (ann, rex, tom) = (Value::from("ann"), Value::from("rex"), Value::from("tom"));
    use ChangeKind::*;
    assert_eq!(
        steps(&db),
        vec![
            ("Person.create".into(), vec![("People".into(), 1, Inserted, row(&[Value::Int(1), ann]))]),
            (
                "Pet.bulkCreate".into(),
                vec![
                    ("Pets".into(), 1, Inserted, row(&[Value::Int(1), rex, Value::Int(1)])),
                    ("Pets".into(), 2, Inserted, row(&[Value::Int(2), tom, Value::Int(1)])),
                ]
            ),
            (
                "Pet.update".into(),
                vec![("Pets".into(), 2, Updated, row(&[Value::Int(2), "max".into(), Value::Int(1)]))]
            ),
            (
                "Person.destroy".into(),
                vec![
                    ("People".into(), 1, Deleted, None),
                    ("Pets".into(), 1, Deleted, None),
                    ("Pets".into(), 2, Deleted, None)
                ]
            ),
            (
                "query".into(),
                vec![
                    ("People".into(), 2, Inserted, row(&[Value::Int(2), "bea".into()])),
                    ("People".into(), 3, Inserted, row(&[Value::Int(3), "cy".into()])),
                ]
            ),
            ("query".into(), vec![("People".into(), 3, Updated, row(&[Value::Int(3), "CY".into()]))]),
            // A DELETE without WHERE deletes row by row (no truncate optimization, natively too).
            ("query".into(), vec![("People".into(), 2, Deleted, None), ("People".into(), 3, Deleted, None)]),
        ]
    );
    assert_eq!(
        db.history().unwrap().tables.iter().find(|t| t.name == "Pets").unwrap().columns,
        ["id", "name", "personId"]
    );
}

#[test]
fn a_rollback_takes_back_what_its_transaction_wrote() {
    let (mut db, _log) = people_and_pets();
    db.create("Person", rec! { "name" => "ann" }).unwrap();
    let err = db
        .transaction(|db, _| -> Result<(), Error> {
            db.create("Person", rec! { "name" => "bob" })?;
            db.update_where("Person", rec! { "name" => "ANN" }, Some(Where::eq("id", 1)))?;
            Err(Error::usage("changed my mind"))
        })
        .unwrap_err();
    assert_eq!(err.message, "changed my mind");
    use ChangeKind::*;
    let s = steps(&db);
    assert_eq!(
        s.iter().map(|(label, _)| label.as_str()).collect::<Vec<_>>(),
        ["Person.create", "Person.create", "Person.update", "ROLLBACK"]
    );
    assert_eq!(s[1].1, vec![("People".into(), 2, Inserted, row(&[Value::Int(2), "bob".into()]))]);
    assert_eq!(s[2].1, vec![("People".into(), 1, Updated, row(&[Value::Int(1), "ANN".into()]))]);
    // At the ROLLBACK, bob vanishes and ann is back as she was.
    assert_eq!(
        s[3].1,
        vec![
            ("People".into(), 2, RolledBack, None),
            ("People".into(), 1, RolledBack, row(&[Value::Int(1), "ann".into()]))
        ]
    );
    // A commit is a step of its own, with no change.
    let t = db.begin().unwrap();
    db.create("Person", rec! { "name" => "cy" }).unwrap();
    db.commit(t).unwrap();
    let s = steps(&db);
    assert_eq!(s[s.len() - 1], ("COMMIT".into(), vec![]));
    assert_eq!(s[s.len() - 2].1, vec![("People".into(), 2, Inserted, row(&[Value::Int(2), "cy".into()]))]);
}

#[test]
fn a_savepoint_rollback_undoes_only_its_part() {
    let (mut db, _log) = people_and_pets();
    let outer = db.begin().unwrap();
    db.create("Person", rec! { "name" => "ann" }).unwrap();
    let inner = db.begin().unwrap();
    db.create("Person", rec! { "name" => "bob" }).unwrap();
    db.update_where("Person", rec! { "name" => "ANN" }, Some(Where::eq("id", 1))).unwrap();
    db.rollback(inner).unwrap();
    db.create("Person", rec! { "name" => "cy" }).unwrap();
    db.rollback(outer).unwrap();
    use ChangeKind::*;
    let s = steps(&db);
    let labels: Vec<&str> = s.iter().map(|(label, _)| label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Person.create",
            "Person.create",
            "Person.update",
            &format!("ROLLBACK TO SAVEPOINT sp{}", inner.id()),
            "Person.create",
            "ROLLBACK"
        ]
    );
    // The savepoint's rollback: bob gone, ann's name back; ann herself stays.
    assert_eq!(
        s[3].1,
        vec![
            ("People".into(), 2, RolledBack, None),
            ("People".into(), 1, RolledBack, row(&[Value::Int(1), "ann".into()]))
        ]
    );
    // cy reuses rowid 2; the outer rollback takes everything.
    assert_eq!(s[4].1, vec![("People".into(), 2, Inserted, row(&[Value::Int(2), "cy".into()]))]);
    let mut last = s[5].1.clone();
    last.sort_by_key(|c| c.1);
    assert_eq!(last, vec![("People".into(), 1, RolledBack, None), ("People".into(), 2, RolledBack, None)]);
}

#[test]
fn a_raw_transaction_and_a_failed_statement() {
    let (mut db, _log) = people_and_pets();
    let raw = |db: &mut Database, sql: &str| db.query(sql, &QueryOptions::default()).map(|_| ());
    raw(&mut db, "BEGIN").unwrap();
    raw(&mut db, "INSERT INTO People (name) VALUES ('ann')").unwrap();
    raw(&mut db, "SAVEPOINT a").unwrap();
    raw(&mut db, "INSERT INTO People (name) VALUES ('bob')").unwrap();
    raw(&mut db, "ROLLBACK TO a").unwrap();
    raw(&mut db, "RELEASE a").unwrap();
    // A statement that fails half-way (the second row breaks the primary key) changes nothing.
    assert!(raw(&mut db, "INSERT INTO People (id, name) VALUES (5, 'x'), (1, 'dup')").is_err());
    raw(&mut db, "COMMIT").unwrap();
    use ChangeKind::*;
    let s = steps(&db);
    assert_eq!(
        s.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>(),
        ["query", "query", "ROLLBACK TO a", "RELEASE a", "COMMIT"]
    );
    assert_eq!(s[2].1, vec![("People".into(), 2, RolledBack, None)]);
    assert!(s[3].1.is_empty() && s[4].1.is_empty());
}

#[test]
fn a_paranoid_destroy_is_a_soft_delete() {
    let (mut db, _log) = db_with_log();
    db.define(
        ModelSpec::new("Note")
            .attribute(AttributeSpec::new("text", DataType::String(None)))
            .options(ModelOptions { paranoid: true, ..ModelOptions::default() }),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    db.set_history(true).unwrap();
    db.begin_run();
    db.create("Note", rec! { "text" => "a" }).unwrap();
    db.destroy_where("Note", DestroyOptions { filter: Some(Where::eq("id", 1)), ..Default::default() }).unwrap();
    db.destroy_where("Note", DestroyOptions { filter: Some(Where::eq("id", 1)), force: true, ..Default::default() })
        .unwrap();
    let s = steps(&db);
    let kinds: Vec<(&str, ChangeKind)> = s.iter().map(|(l, c)| (l.as_str(), c[0].2)).collect();
    assert_eq!(
        kinds,
        [
            ("Note.create", ChangeKind::Inserted),
            ("Note.destroy", ChangeKind::SoftDeleted),
            ("Note.destroy", ChangeKind::Deleted)
        ]
    );
    let columns = &db.history().unwrap().tables[0].columns;
    let deleted_at = columns.iter().position(|c| c == "deletedAt").unwrap();
    let soft = s[1].1[0].3.as_ref().unwrap();
    assert!(matches!(soft[deleted_at], Value::Text(_)), "deletedAt is set: {soft:?}");
}

#[test]
fn history_off_records_nothing_and_a_new_run_starts_afresh() {
    let (mut db, _log) = people_and_pets();
    db.create("Person", rec! { "name" => "ann" }).unwrap();
    assert_eq!(steps(&db).len(), 1);
    db.begin_run();
    assert!(steps(&db).is_empty());
    db.set_history(false).unwrap();
    db.create("Person", rec! { "name" => "bob" }).unwrap();
    assert!(db.history().is_none());
    let (mut fresh, _) = db_with_log();
    assert!(fresh.history().is_none());
    fresh.query("CREATE TABLE t (a)", &QueryOptions::default()).unwrap();
    assert!(fresh.history().is_none());
}

#[test]
fn an_on_delete_set_null_updates_the_children_in_the_same_step() {
    let (mut db, _log) = db_with_log();
    let plain = || ModelOptions { timestamps: false, ..ModelOptions::default() };
    db.define(ModelSpec::new("Owner").attribute(AttributeSpec::new("name", DataType::String(None))).options(plain()))
        .unwrap();
    let owner = foreign_key("ownerId", "Owners", ReferentialAction::SetNull);
    db.define(ModelSpec::new("Car").attribute(owner).options(plain())).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    db.create("Owner", rec! { "name" => "ann" }).unwrap();
    db.create("Car", rec! { "ownerId" => 1 }).unwrap();
    db.set_history(true).unwrap();
    db.begin_run();
    db.destroy_where("Owner", DestroyOptions { filter: Some(Where::eq("id", 1)), ..Default::default() }).unwrap();
    use ChangeKind::*;
    assert_eq!(
        steps(&db),
        vec![(
            "Owner.destroy".into(),
            vec![("Owners".into(), 1, Deleted, None), ("Cars".into(), 1, Updated, row(&[Value::Int(1), Value::Null]))]
        )],
        "the car that SET NULL changed is read back, though the run never wrote it before"
    );
}

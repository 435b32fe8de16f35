//! Changes `ALTER TABLE` cannot make (`changeColumn`, constraints, `sync({ alter })`): the
//! table rebuilt keeps what it had — `AUTOINCREMENT`, indexes, `ON DELETE CASCADE`, the rows of
//! the tables that reference it — and what a change deletes is reported as data loss.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use std::cell::RefCell;
use std::rc::Rc;

use orm::analyze::{Analyzer, FindingKind, Settings};
use orm::schema::{ConstraintKind, ConstraintSpec};
use orm::{AttributeSpec, DataType, Database, DefaultValue, ModelSpec, QueryOptions, SyncOptions, Value, Where};

use crate::db_with_log;

fn run(db: &mut Database, statements: &[&str]) {
    for sql in statements {
        db.query(sql, &QueryOptions::default()).unwrap();
    }
}

fn count(db: &mut Database, table: &str) -> i64 {
    let r = db.query(&format!("SELECT count(*) AS n FROM {table}"), &QueryOptions::default()).unwrap();
    match r.rows[0].get("n") {
        Some(Value::Int(n)) => *n,
        other => panic!("count: {other:?}"),
    }
}

fn users_and_posts(db: &mut Database) {
    run(
        db,
        &[
            "CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255), age VARCHAR(255))",
            "CREATE INDEX users_name ON users (name)",
            "CREATE TABLE posts (id INTEGER PRIMARY KEY, userId INTEGER REFERENCES users (id) ON DELETE CASCADE)",
            "INSERT INTO users (name, age) VALUES ('ada', '36'), ('bob', 'old'), ('cy', NULL)",
            "INSERT INTO posts (userId) VALUES (1), (2), (3)",
        ],
    );
}

fn analyzed(db: &mut Database) -> Rc<RefCell<Analyzer>> {
    let analyzer = Rc::new(RefCell::new(Analyzer::new(Settings::default())));
    db.subscribe(Analyzer::subscriber(&analyzer));
    db.subscribe_reports(Analyzer::report_subscriber(&analyzer));
    analyzer
}

#[test]
fn change_column_rebuilds_the_table_and_keeps_everything_else() {
    let (mut db, log) = db_with_log();
    users_and_posts(&mut db);
    let analyzer = analyzed(&mut db);
    log.clear();
    db.change_column("users", "age", AttributeSpec::new("age", DataType::Integer)).unwrap();
    assert_eq!(
        log.sql(),
        [
            "PRAGMA foreign_keys = OFF;",
            "BEGIN;",
            "CREATE TABLE `users_new` (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(255), `age` INTEGER);",
            "INSERT INTO `users_new` (`id`, `name`, `age`) SELECT `id`, `name`, `age` FROM `users`;",
            "DROP TABLE `users`;",
            "ALTER TABLE `users_new` RENAME TO `users`;",
            "CREATE INDEX users_name ON users (name);",
            "PRAGMA foreign_key_check(`users`);",
            "COMMIT;",
            "PRAGMA foreign_keys = ON;",
        ]
    );
    // The rows of the table that references it are all there (Sequelize's rebuild, with foreign
    // keys on, cascades its DROP into them), and so are the index and AUTOINCREMENT.
    assert_eq!(count(&mut db, "posts"), 3);
    assert_eq!(count(&mut db, "users"), 3);
    let schema = db.schema_sql().unwrap().join("\n");
    assert!(schema.contains("AUTOINCREMENT") && schema.contains("users_name"), "{schema}");
    // 'old' does not fit an INTEGER: reported with the copying statement.
    let findings = analyzer.borrow().findings();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].kind, FindingKind::DataLoss);
    assert_eq!(findings[0].count, 1);
    assert!(findings[0].message.contains("'old'"), "{}", findings[0].message);
    let copy = log.events().into_iter().find(|e| e.id == findings[0].query_ids[0]).unwrap();
    assert!(copy.sql.starts_with("INSERT INTO `users_new`"), "{}", copy.sql);
}

#[test]
fn inside_a_transaction_a_referenced_table_is_not_rebuilt() {
    let (mut db, _log) = db_with_log();
    users_and_posts(&mut db);
    let before = db.schema_sql().unwrap();
    let t = db.begin().unwrap();
    let err = db.change_column("users", "name", AttributeSpec::new("name", DataType::Text)).unwrap_err();
    assert!(err.message.contains("\"posts\" references it"), "{}", err.message);
    db.rollback(t).unwrap();
    assert_eq!(db.schema_sql().unwrap(), before);
    // With foreign keys off first (what the migrator does), it goes ahead and keeps the posts.
    db.set_foreign_keys(false).unwrap();
    let t = db.begin().unwrap();
    db.change_column("users", "name", AttributeSpec::new("name", DataType::Text)).unwrap();
    db.commit(t).unwrap();
    db.set_foreign_keys(true).unwrap();
    assert_eq!(count(&mut db, "posts"), 3);
}

#[test]
fn constraints_are_added_shown_and_removed() {
    let (mut db, _log) = db_with_log();
    users_and_posts(&mut db);
    let unique = ConstraintSpec { kind: ConstraintKind::Unique, fields: vec!["name".into()], name: None };
    assert_eq!(db.add_constraint("users", &unique).unwrap(), "users_name_uk");
    let check = ConstraintSpec {
        kind: ConstraintKind::Check(Where::Attr {
            attribute: "id".into(),
            op: orm::Op::Gt,
            operand: orm::Operand::Value(Value::Int(0)),
        }),
        fields: vec!["id".into()],
        name: None,
    };
    assert_eq!(db.add_constraint("users", &check).unwrap(), "users_id_ck");
    let shown = db.show_constraints("users").unwrap();
    assert_eq!(
        shown.iter().map(|c| (c.name.as_str(), c.kind.as_str())).collect::<Vec<_>>(),
        [("users_name_uk", "UNIQUE"), ("users_id_ck", "CHECK")]
    );
    assert_eq!(shown[1].condition, "(`id` > 0)");
    let dup = db.query("INSERT INTO users (name) VALUES ('ada')", &QueryOptions::default()).unwrap_err();
    assert!(dup.message.contains("UNIQUE"), "{}", dup.message);
    // The same name again, a missing column, a missing constraint: errors, nothing changed.
    let before = db.schema_sql().unwrap();
    assert!(db.add_constraint("users", &unique).unwrap_err().message.contains("already has a constraint"));
    let ghost = ConstraintSpec { kind: ConstraintKind::Unique, fields: vec!["ghost".into()], name: None };
    assert!(db.add_constraint("users", &ghost).unwrap_err().message.contains("no column \"ghost\""));
    assert!(db.remove_constraint("users", "nope").unwrap_err().message.contains("does not exist"));
    assert_eq!(db.schema_sql().unwrap(), before);
    db.remove_constraint("users", "users_name_uk").unwrap();
    db.query("INSERT INTO users (name) VALUES ('ada')", &QueryOptions::default()).unwrap();
    assert_eq!(count(&mut db, "posts"), 3);
}

fn user_model(db: &mut Database, attributes: Vec<AttributeSpec>) {
    let mut spec = ModelSpec::new("User");
    spec.attributes = attributes;
    spec.options.timestamps = false;
    db.define(spec).unwrap();
}

#[test]
fn sync_alter_adds_changes_and_drops_columns_in_one_rebuild() {
    let (mut db, log) = db_with_log();
    user_model(
        &mut db,
        vec![AttributeSpec::new("name", DataType::String(None)), AttributeSpec::new("legacy", DataType::Text)],
    );
    db.sync(SyncOptions::default()).unwrap();
    run(&mut db, &["INSERT INTO Users (name, legacy) VALUES ('ada', 'x'), ('a-very-long-name', NULL)"]);
    let analyzer = analyzed(&mut db);
    user_model(
        &mut db,
        vec![
            AttributeSpec::new("name", DataType::String(Some(5))),
            AttributeSpec::new("email", DataType::String(None)).not_null().default(DefaultValue::Value("none".into())),
            {
                let mut code = AttributeSpec::new("code", DataType::String(None));
                code.unique = Some(orm::model::Unique::Single);
                code
            },
        ],
    );
    let plan = db.alter_plan("User", true).unwrap();
    assert_eq!(
        plan.added.iter().map(|a| (a.column.as_str(), a.simple)).collect::<Vec<_>>(),
        [("email", true), ("code", false)]
    );
    assert_eq!(plan.changed.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), ["name"]);
    assert_eq!(plan.removed.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(), ["legacy"]);
    // The plan a migration written from the models carries out: the same differences.
    let plans = db.plans_from_models().unwrap();
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].0, plan);
    assert!(plans[0].1.is_empty());
    log.clear();
    db.sync(SyncOptions { alter: Some(orm::Alter { drop: true }), ..Default::default() }).unwrap();
    let sql = log.sql();
    assert_eq!(sql.iter().filter(|s| s.starts_with("CREATE TABLE `Users_new`")).count(), 1, "{sql:#?}");
    assert!(
        sql.contains(&"ALTER TABLE `Users` ADD `email` VARCHAR(255) NOT NULL DEFAULT 'none';".to_owned()),
        "{sql:#?}"
    );
    let schema = db.schema_sql().unwrap().join("\n");
    assert!(schema.contains("`code` VARCHAR(255) UNIQUE") && !schema.contains("legacy"), "{schema}");
    assert_eq!(count(&mut db, "Users"), 2);
    let kinds: Vec<(FindingKind, usize)> = analyzer.borrow().findings().iter().map(|f| (f.kind, f.count)).collect();
    // The dropped column had one value; one name is longer than 5.
    assert_eq!(kinds, [(FindingKind::DataLoss, 1), (FindingKind::DataLoss, 1)]);
    // Now the table matches: alter again changes nothing, and there is no migration to write.
    log.clear();
    db.sync(SyncOptions { alter: Some(orm::Alter { drop: true }), ..Default::default() }).unwrap();
    assert!(!log.sql().iter().any(|s| s.contains("Users_new") || s.starts_with("ALTER")), "{:#?}", log.sql());
    assert!(db.plans_from_models().unwrap().is_empty());
}

#[test]
fn dropping_a_table_with_rows_is_reported() {
    let (mut db, _log) = db_with_log();
    users_and_posts(&mut db);
    let analyzer = analyzed(&mut db);
    db.drop_table("posts").unwrap();
    db.remove_column("users", "age").unwrap();
    let findings = analyzer.borrow().findings();
    assert_eq!(
        findings.iter().map(|f| (f.kind, f.count)).collect::<Vec<_>>(),
        [(FindingKind::DataLoss, 3), (FindingKind::DataLoss, 2)]
    );
    assert!(findings[0].message.contains("Dropping \"posts\" deletes its 3 rows"), "{}", findings[0].message);
}

#[test]
fn hostile_names_and_values_change_nothing() {
    let (mut db, _log) = db_with_log();
    users_and_posts(&mut db);
    let before = db.schema_sql().unwrap();
    let bad_column = db.change_column("users", "name`; DROP TABLE posts; --", AttributeSpec::new("x", DataType::Text));
    assert!(bad_column.is_err());
    let bad_table = db.change_column("users`x", "name", AttributeSpec::new("name", DataType::Text));
    assert!(bad_table.unwrap_err().message.contains("Invalid table name"));
    let bad_name =
        ConstraintSpec { kind: ConstraintKind::Unique, fields: vec!["name".into()], name: Some("x`) ; --".into()) };
    assert!(db.add_constraint("users", &bad_name).unwrap_err().message.contains("Invalid index name"));
    let fk = ConstraintSpec {
        kind: ConstraintKind::ForeignKey {
            table: "users) ON DELETE CASCADE --".into(),
            column: "id".into(),
            on_delete: None,
            on_update: None,
        },
        fields: vec!["age".into()],
        name: None,
    };
    assert!(db.add_constraint("users", &fk).is_err());
    assert_eq!(db.schema_sql().unwrap(), before);
    // A value in a CHECK is written as an escaped literal, not as SQL.
    let check = ConstraintSpec {
        kind: ConstraintKind::Check(Where::Attr {
            attribute: "name".into(),
            op: orm::Op::Ne,
            operand: orm::Operand::Value(Value::from("x') OR 1=1 --")),
        }),
        fields: vec!["name".into()],
        name: None,
    };
    db.add_constraint("users", &check).unwrap();
    let shown = db.show_constraints("users").unwrap();
    assert_eq!(shown[0].condition, "(`name` != 'x'') OR 1=1 --')");
    assert_eq!(count(&mut db, "posts"), 3);
}

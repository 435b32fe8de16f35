//! Finders, aggregates, updates, deletes (paranoid included), increments and the constraint
//! errors, each asserting results and the statements that ran.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::{
    Aggregate, AttributeSpec, DataType, Database, DefaultValue, DestroyOptions, Direction, ErrorKind, FindOptions,
    ModelOptions, ModelSpec, Op, References, ReferentialAction, SyncOptions, Value, Where,
};

use crate::{db_with_log, foreign_key, verbs};

fn people(db: &mut Database, paranoid: bool) {
    db.define(
        ModelSpec::new("Person")
            .attribute(AttributeSpec::new("name", DataType::String(None)).not_null())
            .attribute(AttributeSpec::new("email", DataType::String(None)).unique())
            .attribute(AttributeSpec::new("age", DataType::Integer).default(DefaultValue::Value(Value::Int(30))))
            .options(ModelOptions { paranoid, ..ModelOptions::default() }),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    db.bulk_create(
        "Person",
        vec![
            rec! { "name" => "ann", "email" => "ann@x.io", "age" => 31 },
            rec! { "name" => "bob", "email" => "bob@x.io", "age" => 42 },
            rec! { "name" => "cy", "email" => "cy@x.io" },
        ],
    )
    .unwrap();
}

#[test]
fn table_names_are_inferred_like_sequelize() {
    let (mut db, _) = db_with_log();
    people(&mut db, false);
    db.define(ModelSpec::new("Category")).unwrap();
    assert_eq!(db.model("Person").unwrap().table, "People");
    assert_eq!(db.model("Category").unwrap().table, "Categories");
}

#[test]
fn bulk_create_is_one_statement_and_assigns_keys() {
    let (mut db, log) = db_with_log();
    db.define(ModelSpec::new("Tag").attribute(AttributeSpec::new("label", DataType::String(None)))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    log.clear();
    let tags = db.bulk_create("Tag", (0..5).map(|i| rec! { "label" => format!("t{i}") }).collect()).unwrap();
    assert_eq!(log.len(), 1);
    assert!(log.sql()[0].starts_with(
        "INSERT INTO `Tags` (`id`, `label`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?), (?, ?, ?, ?),"
    ));
    let ids: Vec<Value> = tags.iter().map(|t| t.value("id")).collect();
    assert_eq!(ids, (1..=5).map(Value::Int).collect::<Vec<_>>());
    assert!(tags.iter().all(|t| !t.is_new_record && t.changed().is_empty()));
    assert!(db.bulk_create("Tag", vec![]).unwrap().is_empty());
    assert_eq!(log.len(), 1, "an empty bulkCreate runs nothing");
}

#[test]
fn create_and_bulk_create_set_missing_or_null_timestamps_after_the_given_values() {
    let (mut db, log) = db_with_log();
    db.define(ModelSpec::new("Tag").attribute(AttributeSpec::new("label", DataType::String(None)))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    log.clear();
    let given = Value::Date(86_400_000);
    let rows = vec![
        rec! { "label" => "a" },
        rec! { "label" => "b", "createdAt" => given.clone() },
        rec! { "createdAt" => Value::Null, "label" => "c" },
    ];
    let tags = db.bulk_create("Tag", rows).unwrap();
    let keys = |t: &orm::Instance| t.values().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&tags[0]), ["id", "label", "updatedAt", "createdAt"], "as Sequelize orders dataValues");
    assert_eq!(keys(&tags[1]), ["id", "label", "createdAt", "updatedAt"]);
    assert_eq!(keys(&tags[2]), ["id", "createdAt", "label", "updatedAt"]);
    assert_eq!(tags[1].value("createdAt"), given, "a given timestamp is kept");
    let now = tags[0].value("createdAt");
    assert!(matches!(now, Value::Date(_)) && now != given);
    assert!(tags.iter().all(|t| t.value("updatedAt") == now), "one now for every row");
    assert_eq!(tags[2].value("createdAt"), now, "null is replaced");
    // The one statement binds each row's timestamps as text.
    let params = &log.events()[0].params;
    assert_eq!(params.len(), 12);
    assert!(matches!(&params[2], Value::Text(t) if t.ends_with(" +00:00")));
    assert_eq!(params[2], params[3]);
    let created = db.create("Tag", rec! { "label" => "d" }).unwrap();
    assert_eq!(keys(&created), ["id", "label", "updatedAt", "createdAt"]);
    assert!(matches!(created.value("createdAt"), Value::Date(_)));
    assert!(created.changed().is_empty() && !created.is_new_record);
}

#[test]
fn large_bulk_create_is_batched_in_one_transaction() {
    let (mut db, log) = db_with_log();
    db.define(ModelSpec::new("Tag").attribute(AttributeSpec::new("label", DataType::String(None)))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    log.clear();
    let rows = (0..10_000).map(|i| rec! { "label" => format!("t{i}") }).collect();
    db.bulk_create("Tag", rows).unwrap();
    assert_eq!(verbs(&log), ["BEGIN", "INSERT", "INSERT", "COMMIT"]);
    assert_eq!(db.count("Tag", &FindOptions::new()).unwrap(), 10_000);
}

#[test]
fn find_or_create_and_find_and_count_all() {
    let (mut db, log) = db_with_log();
    people(&mut db, false);
    log.clear();
    let (found, created) = db.find_or_create("Person", rec! { "name" => "ann" }, rec! {}).unwrap();
    assert!(!created);
    assert_eq!(found.value("email"), Value::from("ann@x.io"));
    assert_eq!(verbs(&log), ["BEGIN", "SELECT", "COMMIT"]);
    log.clear();
    let (made, created) = db.find_or_create("Person", rec! { "name" => "dee" }, rec! { "age" => 20 }).unwrap();
    assert!(created);
    assert_eq!((made.value("id"), made.value("age")), (Value::Int(4), Value::Int(20)));
    assert_eq!(verbs(&log), ["BEGIN", "SELECT", "INSERT", "COMMIT"]);

    log.clear();
    let (count, rows) =
        db.find_and_count_all("Person", &FindOptions::new().order_by("id", Direction::Asc).limit(2)).unwrap();
    assert_eq!((count, rows.len()), (4, 2));
    assert_eq!(log.sql()[0], "SELECT count(*) AS `count` FROM `People` AS `Person`;");
    assert_eq!(log.events().iter().map(|e| e.call).collect::<std::collections::HashSet<_>>().len(), 1, "one call");
}

#[test]
fn aggregates() {
    let (mut db, log) = db_with_log();
    people(&mut db, false);
    log.clear();
    let all = FindOptions::new();
    assert_eq!(db.aggregate("Person", Aggregate::Max, "age", &all).unwrap(), Value::Int(42));
    assert_eq!(db.aggregate("Person", Aggregate::Min, "age", &all).unwrap(), Value::Int(30));
    assert_eq!(db.aggregate("Person", Aggregate::Sum, "age", &all).unwrap(), Value::Int(103));
    let nobody = FindOptions::new().filter(Where::attr("age", Op::Gt, 100));
    assert_eq!(db.aggregate("Person", Aggregate::Max, "age", &nobody).unwrap(), Value::Null);
    assert_eq!(db.count("Person", &FindOptions::new().filter(Where::attr("age", Op::Gte, 31))).unwrap(), 2);
    assert_eq!(log.sql()[0], "SELECT max(`age`) AS `max` FROM `People` AS `Person`;");
    let err = db.aggregate("Person", Aggregate::Max, "height", &all).unwrap_err();
    assert!(err.message.starts_with("Model Person has no attribute \"height\""), "{}", err.message);
}

#[test]
fn static_update_and_destroy_refuse_without_where() {
    let (mut db, log) = db_with_log();
    people(&mut db, false);
    log.clear();
    let err = db.update_where("Person", rec! { "age" => 1 }, None).unwrap_err();
    assert_eq!(err.message, "Missing where attribute in the options parameter");
    let err = db.destroy_where("Person", DestroyOptions::default()).unwrap_err();
    assert_eq!(err.message, "Missing where or truncate attribute in the options parameter of model.destroy.");
    assert!(log.is_empty());

    let changed = db.update_where("Person", rec! { "age" => 50 }, Some(Where::attr("age", Op::Lt, 40))).unwrap();
    assert_eq!(changed, 2);
    assert_eq!(log.sql(), ["UPDATE `People` SET `age`=?, `updatedAt`=? WHERE `age` < ?;"]);
    let err = db.update_where("Person", rec! { "name" => Value::Null }, Some(Where::eq("id", 1))).unwrap_err();
    assert_eq!(err.errors[0].message, "Person.name cannot be null");
    assert_eq!(db.destroy_where("Person", DestroyOptions { truncate: true, ..Default::default() }).unwrap(), 3);
    assert_eq!(log.sql().last().unwrap(), "DELETE FROM `People`;");
}

#[test]
fn paranoid_destroy_restore_and_force() {
    let (mut db, log) = db_with_log();
    people(&mut db, true);
    let mut ann = db.find_by_pk("Person", 1, &FindOptions::new()).unwrap().unwrap();
    log.clear();
    db.destroy_instance(&mut ann, false).unwrap();
    assert_eq!(log.sql(), ["UPDATE `People` SET `deletedAt`=?, `updatedAt`=? WHERE `id` = ?;"]);
    assert!(matches!(ann.value("deletedAt"), Value::Date(_)));
    assert_eq!(db.count("Person", &FindOptions::new()).unwrap(), 2, "soft-deleted rows are hidden");
    let mut with_deleted = FindOptions::new();
    with_deleted.paranoid = false;
    assert_eq!(db.count("Person", &with_deleted).unwrap(), 3);
    assert_eq!(db.restore_where("Person", Some(Where::eq("id", 1))).unwrap(), 1);
    assert_eq!(db.count("Person", &FindOptions::new()).unwrap(), 3);
    db.destroy_where("Person", DestroyOptions { filter: Some(Where::eq("name", "bob")), ..Default::default() })
        .unwrap();
    assert_eq!(db.count("Person", &with_deleted).unwrap(), 3);
    db.destroy_where(
        "Person",
        DestroyOptions { filter: Some(Where::eq("name", "bob")), force: true, ..Default::default() },
    )
    .unwrap();
    assert_eq!(db.count("Person", &with_deleted).unwrap(), 2, "force really deletes");
    let (mut plain_db, _) = db_with_log();
    people(&mut plain_db, false);
    assert_eq!(plain_db.restore_where("Person", None).unwrap_err().message, "Model is not paranoid");
}

#[test]
fn increment_reload_and_instance_update() {
    let (mut db, log) = db_with_log();
    people(&mut db, false);
    let mut bob = db.find_by_pk("Person", 2, &FindOptions::new()).unwrap().unwrap();
    log.clear();
    db.increment_instance(&bob, &[("age".into(), 2.0)]).unwrap();
    assert_eq!(bob.value("age"), Value::Int(42), "like Sequelize on SQLite, the instance keeps its value");
    db.reload(&mut bob).unwrap();
    assert_eq!(bob.value("age"), Value::Int(44));
    db.increment_where("Person", &[("age".into(), -4.0)], Some(Where::eq("id", 2))).unwrap();
    db.update_instance(&mut bob, rec! { "name" => "robert" }).unwrap();
    db.reload(&mut bob).unwrap();
    assert_eq!((bob.value("age"), bob.value("name")), (Value::Int(40), Value::from("robert")));
    assert_eq!(verbs(&log), ["UPDATE", "SELECT", "UPDATE", "UPDATE", "SELECT"]);
    let err = db.increment_instance(&bob, &[("name".into(), 1.0)]).unwrap_err();
    assert!(err.message.contains("it is a STRING, not a number"), "{}", err.message);
}

#[test]
fn unique_and_foreign_key_errors_name_the_cause() {
    let (mut db, log) = db_with_log();
    people(&mut db, false);
    let err = db.create("Person", rec! { "name" => "ann2", "email" => "ann@x.io" }).unwrap_err();
    assert_eq!(err.kind, ErrorKind::UniqueConstraint);
    assert_eq!(err.name(), "SequelizeUniqueConstraintError");
    assert_eq!(err.message, "Validation error");
    assert_eq!(err.errors[0].message, "email must be unique");
    assert_eq!(err.errors[0].kind, "unique violation");
    assert_eq!(err.errors[0].value, Value::from("ann@x.io"));
    assert!(log.events().last().unwrap().failed, "the failed INSERT is in the log, marked failed");

    let mut fk = AttributeSpec::new("personId", DataType::Integer);
    fk.references = Some(References {
        table: "People".into(),
        column: "id".into(),
        on_delete: Some(ReferentialAction::Cascade),
        on_update: Some(ReferentialAction::Cascade),
    });
    db.define(ModelSpec::new("Pet").attribute(AttributeSpec::new("name", DataType::String(None))).attribute(fk))
        .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    let err = db.create("Pet", rec! { "name" => "rex", "personId" => 99 }).unwrap_err();
    assert_eq!(err.kind, ErrorKind::ForeignKeyConstraint);
    assert_eq!(err.message, "SQLITE_CONSTRAINT: FOREIGN KEY constraint failed");
    db.create("Pet", rec! { "name" => "rex", "personId" => 1 }).unwrap();
    db.destroy_where("Person", DestroyOptions { filter: Some(Where::eq("id", 1)), ..Default::default() }).unwrap();
    assert_eq!(db.count("Pet", &FindOptions::new()).unwrap(), 0, "ON DELETE CASCADE ran");

    // A delete that ON DELETE RESTRICT refuses is a foreign-key error too, and deletes nothing.
    let owner = foreign_key("personId", "People", ReferentialAction::Restrict);
    db.define(ModelSpec::new("Car").attribute(owner)).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    let bea = db.create("Person", rec! { "name" => "bea", "email" => "bea@x.io" }).unwrap();
    let bea_id = bea.get("id").cloned().unwrap_or(Value::Null);
    db.create("Car", rec! { "personId" => bea_id.clone() }).unwrap();
    let people_before = db.count("Person", &FindOptions::new()).unwrap();
    let err = db
        .destroy_where("Person", DestroyOptions { filter: Some(Where::eq("id", bea_id)), ..Default::default() })
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::ForeignKeyConstraint, "{err}");
    assert_eq!(err.message, "SQLITE_CONSTRAINT: FOREIGN KEY constraint failed");
    assert_eq!(db.count("Person", &FindOptions::new()).unwrap(), people_before, "nothing was deleted");
}

#[test]
fn not_null_and_reject_on_empty() {
    let (mut db, log) = db_with_log();
    people(&mut db, false);
    log.clear();
    let err = db.create("Person", rec! {}).unwrap_err();
    assert_eq!(err.message, "notNull Violation: Person.name cannot be null");
    assert!(log.is_empty());
    let mut options = FindOptions::new().filter(Where::eq("id", 99));
    assert!(db.find_one("Person", &options).unwrap().is_none());
    options.reject_on_empty = true;
    assert_eq!(db.find_one("Person", &options).unwrap_err().name(), "SequelizeEmptyResultError");
}

#[test]
fn attributes_exclude_and_offset() {
    let (mut db, log) = db_with_log();
    people(&mut db, false);
    log.clear();
    let mut options = FindOptions::new().order_by("id", Direction::Asc).offset(1);
    options.attributes = orm::Attributes::Exclude(vec!["createdAt".into(), "updatedAt".into(), "email".into()]);
    let rows = db.find_all("Person", &options).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].values().keys().collect::<Vec<_>>(), ["id", "name", "age"]);
    assert_eq!(
        log.sql()[0],
        "SELECT `id`, `name`, `age` FROM `People` AS `Person` ORDER BY `Person`.`id` ASC LIMIT ?, ?;"
    );
}

#[test]
fn group_functions_aliases_and_operators() {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("Sale")
            .attribute(AttributeSpec::new("region", DataType::String(None)).field("region_code"))
            .attribute(AttributeSpec::new("amount", DataType::Integer))
            .attribute(AttributeSpec::new("sku", DataType::String(None)).not_null())
            .options(ModelOptions { timestamps: false, ..Default::default() }),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    assert!(log.sql()[1].contains("`region_code` VARCHAR(255)"), "field renames the column");
    let rows = [("north", 10, "a"), ("north", 5, "b"), ("south", 7, "c"), ("east", 1, "d")];
    for (region, amount, sku) in rows {
        db.create("Sale", rec! { "region" => region, "amount" => amount, "sku" => sku }).unwrap();
    }
    log.clear();
    let mut options = FindOptions::new();
    options.attributes = orm::Attributes::Only(vec![
        (orm::SelectExpr::Attr("region".into()), None),
        (
            orm::SelectExpr::Fn { name: "sum".into(), args: vec![orm::SelectExpr::Attr("amount".into())] },
            Some("total".into()),
        ),
    ]);
    options.group = vec![orm::SelectExpr::Attr("region".into())];
    options.order = vec![(orm::SelectExpr::Attr("total".into()), Direction::Desc)];
    options.filter = Some(Where::Or(vec![
        Where::attr("region", Op::StartsWith, "nor"),
        Where::Attr {
            attribute: "amount".into(),
            op: Op::Between,
            operand: orm::Operand::List(vec![6.into(), 8.into()]),
        },
    ]));
    let totals = db.find_all("Sale", &options).unwrap();
    let pairs: Vec<(Value, Value)> = totals.iter().map(|r| (r.value("region"), r.value("total"))).collect();
    assert_eq!(pairs, [(Value::from("north"), Value::Int(15)), (Value::from("south"), Value::Int(7))]);
    assert_eq!(
        log.sql()[0],
        "SELECT `region_code` AS `region`, sum(`amount`) AS `total` FROM `Sales` AS `Sale` WHERE `Sale`.`region_code` LIKE ? OR `Sale`.`amount` BETWEEN ? AND ? GROUP BY `Sale`.`region_code` ORDER BY `total` DESC;"
    );
    let not_in = FindOptions::new().filter(Where::Attr {
        attribute: "sku".into(),
        op: Op::NotIn,
        operand: orm::Operand::List(vec!["a".into(), "b".into()]),
    });
    assert_eq!(db.count("Sale", &not_in).unwrap(), 2);
    let ends =
        FindOptions::new().filter(Where::attr("region", Op::EndsWith, "th").and(Where::attr("amount", Op::Ne, 5)));
    assert_eq!(db.count("Sale", &ends).unwrap(), 2);
    let substring = FindOptions::new().filter(Where::Not(Box::new(Where::attr("region", Op::Substring, "ort"))));
    assert_eq!(db.count("Sale", &substring).unwrap(), 2);
}

#[test]
fn composite_unique_keys() {
    let (mut db, _) = db_with_log();
    let part = |name: &str| {
        let mut a = AttributeSpec::new(name, DataType::String(None));
        a.unique = Some(orm::Unique::Composite("owner_slug".into()));
        a
    };
    db.define(ModelSpec::new("Page").attribute(part("owner")).attribute(part("slug"))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    assert!(db.schema_sql().unwrap().iter().any(|s| s.contains("UNIQUE (`owner`, `slug`)")));
    db.create("Page", rec! { "owner" => "a", "slug" => "home" }).unwrap();
    db.create("Page", rec! { "owner" => "b", "slug" => "home" }).unwrap();
    let err = db.create("Page", rec! { "owner" => "a", "slug" => "home" }).unwrap_err();
    let paths: Vec<&str> = err.errors.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["owner", "slug"]);
}

#[test]
fn an_empty_where_writes_no_where_clause() {
    let (mut db, log) = db_with_log();
    people(&mut db, false);
    log.clear();
    let all = DestroyOptions { filter: Some(Where::And(vec![])), ..Default::default() };
    assert_eq!(db.destroy_where("Person", all).unwrap(), 3);
    assert_eq!(log.sql(), ["DELETE FROM `People`;"]);
}

#[test]
fn sync_runs_what_sequelize_runs_and_creates_missing_indexes_once() {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("Tag")
            .attribute(AttributeSpec::new("label", DataType::String(None)).unique())
            .attribute(AttributeSpec::new("rank", DataType::Integer))
            .options(ModelOptions {
                indexes: vec![orm::IndexSpec { name: None, fields: vec!["rank".into()], unique: false }],
                ..Default::default()
            }),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    assert_eq!(verbs(&log), ["SELECT", "CREATE", "PRAGMA", "PRAGMA", "CREATE"]);
    assert_eq!(log.sql()[3], "PRAGMA INDEX_INFO(`sqlite_autoindex_Tags_1`)");
    assert_eq!(log.sql()[4], "CREATE INDEX `tags_rank` ON `Tags` (`rank`);");
    log.clear();
    db.sync(SyncOptions::default()).unwrap();
    assert_eq!(verbs(&log), ["SELECT", "CREATE", "PRAGMA", "PRAGMA"], "the index exists: not created again");
}

#[test]
fn virtual_attributes_are_held_never_written_and_computed_defaults_come_first() {
    let (mut db, log) = db_with_log();
    let mut spec = ModelSpec::new("Account")
        .attribute(AttributeSpec::new("code", DataType::String(None)))
        .attribute(AttributeSpec::new("hash", DataType::String(None)))
        .options(ModelOptions { timestamps: false, ..ModelOptions::default() });
    spec.virtuals.push("password".into());
    db.define(spec).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    assert!(!db.schema_sql().unwrap().concat().contains("password"), "a VIRTUAL attribute has no column");
    log.clear();
    // A `defaultValue` function's value (computed by the caller) sits before the primary key.
    let mut account = db
        .build_with_defaults("Account", rec! { "password" => "s3cret", "hash" => "h" }, rec! { "code" => "A-1" })
        .unwrap();
    let keys: Vec<&String> = account.values().keys().collect();
    assert_eq!(keys, ["code", "id", "password", "hash"]);
    db.save(&mut account).unwrap();
    let sql = log.sql();
    assert_eq!(sql.len(), 1, "{sql:?}");
    assert_eq!(sql[0], "INSERT INTO `Accounts` (`id`, `code`, `hash`) VALUES (?, ?, ?) RETURNING `id`;");
    assert_eq!(account.get("password"), Some(&Value::from("s3cret")), "the instance keeps its virtual value");
    // A change to a virtual attribute alone writes nothing.
    account.set("password", Value::from("other"));
    log.clear();
    db.save(&mut account).unwrap();
    assert!(log.sql().is_empty(), "{:?}", log.sql());
    account.set("hash", Value::from("h2"));
    db.save(&mut account).unwrap();
    assert_eq!(log.sql().len(), 1);
    assert!(log.sql()[0].starts_with("UPDATE `Accounts` SET `hash`=?"), "{:?}", log.sql());
}

#[test]
fn upsert_inserts_or_updates_on_the_unique_key_in_one_statement() {
    let (mut db, log) = db_with_log();
    people(&mut db, false);
    log.clear();
    let ann = db.upsert("Person", rec! { "email" => "ann@x.io", "name" => "Ann B." }).unwrap();
    let sql = log.sql();
    assert_eq!(sql.len(), 1);
    assert!(
        sql[0].contains("ON CONFLICT (`email`) DO UPDATE SET `email`=EXCLUDED.`email`, `name`=EXCLUDED.`name`, `updatedAt`=EXCLUDED.`updatedAt` RETURNING `id`;"),
        "{}",
        sql[0]
    );
    assert_eq!(ann.value("id"), Value::Int(1), "the id of the row it updated");
    assert_eq!(db.count("Person", &FindOptions::new()).unwrap(), 3, "no new row");
    let found = db.find_all("Person", &FindOptions::new().filter(Where::eq("id", 1))).unwrap();
    assert_eq!(found[0].value("name"), Value::from("Ann B."));
    let dee = db.upsert("Person", rec! { "email" => "dee@x.io", "name" => "Dee" }).unwrap();
    // (SQLite's AUTOINCREMENT spent a key on the insert that became an update.)
    let Value::Int(dee_id) = dee.value("id") else { panic!("an id") };
    assert!(dee_id > 3, "a new row: {dee_id}");
    // With the primary key among the values, the conflict is on it.
    log.clear();
    db.upsert("Person", rec! { "id" => dee_id, "name" => "Dee D.", "email" => "dee@x.io" }).unwrap();
    assert!(log.sql()[0].contains("ON CONFLICT (`id`)"), "{}", log.sql()[0]);
    // Validation runs first: nothing is written.
    log.clear();
    assert!(db.upsert("Person", rec! { "email" => "x@x.io" }).is_err(), "name is required");
    assert!(log.sql().is_empty());
}

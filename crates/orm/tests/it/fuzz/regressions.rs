//! Inputs the fuzz targets found bugs with, each kept as a small test with the literal input.

use orm::options::find_options_in;
use orm::raw::{Params, Replacements};
use orm::{Database, QueryOptions, Recorder, Value};
use serde_json::json;

use super::oracle::assert_where;

/// `Op.like` binds its value as Sequelize does (`LIKE 1` for `true`, `LIKE NULL` for null),
/// where it used to compare with the text `'true'` or `'null'`.
#[test]
fn fuzz_regression_like_binds_booleans_and_null_as_sequelize_does() {
    // where-oracle, case seed 0xf8c12581a885f632.
    let rows =
        [(Some(1), Some("null"), None, None), (Some(0), Some("NULL"), None, None), (Some(2), Some("true"), None, None)];
    assert_where(&rows, json!({"n": {"$op:like": true}}));
    assert_where(&rows, json!({"s": {"$op:like": null}}));
    assert_where(&rows, json!({"s": {"$op:notLike": null}}));
    assert_where(&rows, json!({"s": {"$op:like": true}}));
    // startsWith and the others write the value as JavaScript does, as Sequelize does.
    assert_where(&rows, json!({"s": {"$op:startsWith": null}}));
    assert_where(&rows, json!({"s": {"$op:endsWith": true}}));
}

/// The same association included twice is merged into one JOIN, as Sequelize merges it; it used
/// to be joined twice under one alias, which SQLite refused ("ambiguous column name").
#[test]
fn fuzz_regression_an_association_included_twice_is_one_join() {
    // finders, case seed 0x7eb0ddd49a12430d.
    let mut db = super::finders::blog();
    let log = Recorder::new();
    db.subscribe(log.subscriber());
    let options = find_options_in(&db, "Tag", "findAll", &json!({"include": ["posts", "posts"], "offset": 3})).unwrap();
    db.find_and_count_all("Tag", &options).unwrap();
    let twice = json!({"include": [{"association": "posts", "where": {"votes": 3}}, {"model": {"$model": "Post"}, "as": "posts", "where": {"title": "a"}}]});
    let options = find_options_in(&db, "User", "findAll", &twice).unwrap();
    let users = db.find_all("User", &options).unwrap();
    assert_eq!(users.len(), 1, "both wheres apply, and the include is required");
    assert!(log.events().iter().all(|e| !e.failed));
    assert_eq!(log.sql().last().unwrap().matches("JOIN `Posts`").count(), 1, "{}", log.sql().last().unwrap());
}

/// A raw query with a parameter SQLite reads but no placeholder binds (`$é`: bind names are
/// ASCII, as in Sequelize) says so, instead of rusqlite's "Wrong number of parameters".
#[test]
fn fuzz_regression_a_parameter_left_for_sqlite_is_a_clear_error() {
    // raw, case seed 0xe74bdd277247ea2f.
    let mut db = Database::open_in_memory().unwrap();
    let bind = Params::Named(vec![("b".into(), Value::Int(1)), ("é".into(), Value::Int(2))]);
    let err = db.query("SELECT $b, $é", &QueryOptions { replacements: Replacements::None, bind }).unwrap_err();
    assert!(err.message.starts_with("The query has 2 parameters for SQLite but 1 values to bind"), "{}", err.message);
    let err = db.query("SELECT @a", &QueryOptions::default()).unwrap_err();
    assert!(err.message.starts_with("The query has 1 parameters for SQLite but 0 values"), "{}", err.message);
}

/// A raw query of nothing but a comment is a clear error, where it was "bad parameter or other
/// API misuse" (Sequelize says "SQLITE_MISUSE: not an error").
#[test]
fn fuzz_regression_a_raw_query_without_a_statement() {
    // raw-soup, case seed 0xe3eb5a968899ff7c.
    let mut db = Database::open_in_memory().unwrap();
    for sql in ["/*[1$01$a$bé$a$b(\n\n", "", " ; ", "-- nothing"] {
        let err = db.query(sql, &QueryOptions::default()).unwrap_err();
        assert_eq!(err.message, "SQLITE_MISUSE: the query holds no SQL statement, only whitespace, comments or ;");
    }
}

/// An OR under a one-part AND (or an `[Op.or]` whose only entry is an `[Op.or]`) is written in
/// parentheses: it was written bare, so `n != 1 AND b = 1 OR n = 1` matched rows the first
/// condition excludes (a `where: { ownerId, [Op.and]: [{ [Op.or]: […] }] }` read other owners'
/// rows).
#[test]
fn fuzz_regression_an_or_inside_a_one_part_and_keeps_its_parentheses() {
    // where-oracle, case seed 0x769e8f182d41079b, reduced.
    let rows =
        [(Some(1), None, Some(true), None), (Some(2), None, Some(true), None), (Some(1), None, Some(false), None)];
    assert_where(&rows, json!({"n": {"$op:ne": 1}, "$op:or": {"$op:or": [{"b": true}, {"n": 1}]}}));
    assert_where(&rows, json!({"n": {"$op:ne": 1}, "$op:or": [{"$op:or": [{"b": true}, {"n": 1}]}]}));
    assert_where(&rows, json!({"n": 2, "$op:and": [{"$op:or": [{"b": true}, {"n": 1}]}]}));
    assert_where(&rows, json!({"n": 2, "$op:and": [{"$op:and": [{"$op:or": [{"b": true}, {"n": 1}]}]}]}));
}

/// An `[Op.and]` of empty objects among `[Op.or]`'s alternatives is no alternative, as in
/// Sequelize (`(n = 1)`); it was `1 = 1 OR n = 1`, every row.
#[test]
fn fuzz_regression_an_empty_and_is_no_alternative_of_an_or() {
    let rows = [(Some(1), None, None, None), (Some(2), None, None, None)];
    assert_where(&rows, json!({"$op:or": [{"$op:and": [{}]}, {"n": 1}]}));
    assert_where(&rows, json!({"$op:or": [{"$op:and": {}}, {"n": 1}]}));
    assert_where(&rows, json!({"$op:or": [{"$op:and": [{"$op:and": []}, {}]}, {"n": 1}]}));
}

/// An object or array as the value of an attribute that is not `JSON` is refused before SQL, as
/// the value "abc" is for an `INTEGER`; it was stored as JSON text, or refused by SQLite for an
/// `INTEGER PRIMARY KEY` ("datatype mismatch"). A `STRING` says it as Sequelize does.
#[test]
fn fuzz_regression_an_object_is_only_a_json_attributes_value() {
    // models, case seed 0x8069d86d46ef0aa2, reduced.
    let mut db = Database::open_in_memory().unwrap();
    let attributes = json!({"id": {"type": "INTEGER", "primaryKey": true}, "n": "INTEGER", "t": "STRING", "j": "JSON"});
    let spec = orm::options::model_spec_from_json(&db, "Thing", &attributes, &json!(null)).unwrap();
    db.define(spec).unwrap();
    db.sync(orm::SyncOptions::default()).unwrap();
    let create = |db: &mut Database, values| db.create("Thing", orm::options::record_from_json(&values).unwrap());
    let err = create(&mut db, json!({"id": {"a": "it's"}})).unwrap_err();
    assert_eq!(err.kind, orm::ErrorKind::Validation);
    assert!(err.sql.is_none(), "refused before SQL: {}", err.message);
    let err = create(&mut db, json!({"n": [1, 2]})).unwrap_err();
    assert_eq!(err.message, "[1,2] is not a valid INTEGER for attribute \"n\"");
    let err = create(&mut db, json!({"t": {"a": 1}})).unwrap_err();
    assert_eq!(err.message, "string violation: t cannot be an array or an object");
    create(&mut db, json!({"j": {"a": [1]}})).unwrap();
}

/// An identifier whose seventh byte is inside a character (`éééé`) is a valid name; checking it
/// for the `sqlite_` prefix sliced the string there and panicked.
#[test]
fn fuzz_regression_a_unicode_name_does_not_panic() {
    // models, case seed 0xe075f7e52b2960c.
    let mut db = Database::open_in_memory().unwrap();
    let spec = orm::options::model_spec_from_json(&db, "Thing", &json!({"éééé": "STRING"}), &json!(null)).unwrap();
    db.define(spec).unwrap();
    db.sync(orm::SyncOptions::default()).unwrap();
    let spec = orm::options::model_spec_from_json(&db, "Ünïcödé", &json!({}), &json!(null)).unwrap();
    assert_eq!(db.define(spec).unwrap().table, "Ünïcödés");
}

/// A timestamp named after the primary key is refused when the model is defined; every write
/// used to put a date into the key, which SQLite refused ("datatype mismatch").
#[test]
fn fuzz_regression_a_timestamp_cannot_be_the_primary_key() {
    // models, case seed 0xb1f6cded6a91d956, reduced.
    let db = Database::open_in_memory().unwrap();
    for option in ["createdAt", "updatedAt"] {
        let spec = orm::options::model_spec_from_json(&db, "Thing", &json!({}), &json!({ option: "id" })).unwrap();
        let err = orm::Model::from_spec(spec).unwrap_err();
        assert_eq!(
            err.message,
            format!("Model Thing: {option} names the primary key \"id\"; give the timestamp another name, e.g. {option}: '{option}'")
        );
    }
    let options = json!({"paranoid": true, "deletedAt": "key"});
    let spec = orm::options::model_spec_from_json(
        &db,
        "Thing",
        &json!({"key": {"type": "INTEGER", "primaryKey": true}}),
        &options,
    )
    .unwrap();
    assert!(orm::Model::from_spec(spec).unwrap_err().message.contains("deletedAt names the primary key \"key\""));
}

/// The table and column a reference names are identifiers like any other, checked when the
/// model is defined: a hostile table name went into `REFERENCES` (quoted) and every insert
/// failed with SQLite's "no such table".
#[test]
fn fuzz_regression_a_reference_names_a_valid_table_and_column() {
    // models, case seed 0x9d090c6cbd6beebd, reduced.
    let db = Database::open_in_memory().unwrap();
    for references in [json!({"model": "*)名*/;"}), json!({"model": "Others", "key": "a b"})] {
        let attributes = json!({"otherId": {"type": "INTEGER", "references": references}});
        let spec = orm::options::model_spec_from_json(&db, "Thing", &attributes, &json!(null)).unwrap();
        let err = orm::Model::from_spec(spec).unwrap_err();
        assert_eq!(err.kind, orm::ErrorKind::InvalidIdentifier, "{}", err.message);
    }
}

/// A date before year 0 or after 9999 reads back as the date it was: it is stored as Sequelize
/// (moment) writes it, `-0001-07-11 …` or `10000-01-01 …`, which the parser did not read, so the
/// value came back as text.
#[test]
fn fuzz_regression_dates_outside_four_digit_years_read_back() {
    // dates, case seed 0x2db840bd41674e12.
    for ms in [-62_182_233_017_101, 253_402_300_800_000, -8_640_000_000_000_000, 8_640_000_000_000_000] {
        let stored = orm::datetime::format_sqlite(ms);
        assert_eq!(orm::datetime::parse(&stored), Some(ms), "{stored}");
        let day = orm::datetime::format_date_only(ms);
        assert_eq!(orm::datetime::parse(&day), Some(ms.div_euclid(86_400_000) * 86_400_000), "{day}");
    }
    assert_eq!(orm::datetime::parse("-0000-01-01"), None, "no minus zero, as in JavaScript");
    assert_eq!(orm::datetime::parse("+10000-01-01"), None, "a + takes six digits, as in JavaScript");
    let mut db = Database::open_in_memory().unwrap();
    let spec = orm::options::model_spec_from_json(&db, "Event", &json!({"at": "DATE"}), &json!(null)).unwrap();
    db.define(spec).unwrap();
    db.sync(orm::SyncOptions::default()).unwrap();
    db.create("Event", orm::options::record_from_json(&json!({"at": {"$date": -62_182_233_017_101_i64}})).unwrap())
        .unwrap();
    let events = db.find_all("Event", &orm::FindOptions::new()).unwrap();
    assert_eq!(events[0].value("at"), Value::Date(-62_182_233_017_101));
}

/// With includes, the primary key is read even when `attributes` leaves it out, as Sequelize
/// does: without it the roots came back once per joined row, and with `limit` SQLite refused
/// the paged subquery ("no such column: Tag.id").
#[test]
fn fuzz_regression_includes_read_the_primary_key() {
    // finders, ORM_FUZZ_SEED=7, case seed 0x5478961c3dc1e60b, reduced.
    let mut db = super::finders::blog();
    let find = |db: &mut Database, model: &str, options| {
        let options = find_options_in(db, model, "findAll", &options).unwrap();
        db.find_all(model, &options).unwrap()
    };
    let tags = find(&mut db, "Tag", json!({"include": ["posts"], "attributes": [{"$col": "label"}], "limit": 1}));
    assert_eq!(tags.len(), 1);
    assert_eq!(tags[0].value("label"), Value::from("rust"));
    let users = find(&mut db, "User", json!({"include": ["posts"], "attributes": ["name"]}));
    let names: Vec<Value> = users.iter().map(|u| u.value("name")).collect();
    assert_eq!(names, [Value::from("ann"), Value::from("Bob"), Value::from("it's")], "each user once");
    // As Sequelize: read first and hidden with a JOIN; read last and shown with separate
    // includes only.
    assert_eq!(users[0].values().keys().collect::<Vec<_>>(), ["name"]);
    let users =
        find(&mut db, "User", json!({"include": [{"association": "posts", "separate": true}], "attributes": ["name"]}));
    assert!(matches!(users[0].related("posts"), Some(orm::Related::Many(posts)) if posts.len() == 2));
    assert_eq!(users[0].values().keys().collect::<Vec<_>>(), ["name", "id"]);
}

/// `having` without `group` or an aggregate is refused before SQL: SQLite refused the statement
/// ("HAVING clause on a non-aggregate query"), as it does Sequelize's.
#[test]
fn fuzz_regression_having_needs_a_group_or_an_aggregate() {
    // finders, ORM_FUZZ_SEED=11, case seed 0xa03d68069776782d.
    let mut db = super::finders::blog();
    let log = Recorder::new();
    db.subscribe(log.subscriber());
    let options = find_options_in(&db, "Post", "findAll", &json!({"having": {"$op:not": []}})).unwrap();
    let err = db.find_all("Post", &options).unwrap_err();
    assert!(err.message.starts_with("`having` filters groups: add `group`"), "{}", err.message);
    assert!(log.is_empty(), "no statement ran");
    for options in [
        json!({"having": {"votes": {"$op:gt": 0}}, "group": "authorId"}),
        json!({"attributes": [[{"$fn": "count", "args": [{"$col": "id"}]}, "n"]], "having": {"n": {"$op:gt": 1}}}),
    ] {
        let options = find_options_in(&db, "Post", "findAll", &options).unwrap();
        db.find_all("Post", &options).unwrap();
    }
}

/// `sequelize.cast`'s type is written into the SQL as it is, so it must be a type name: a `)`
/// in it passed the check and ended the CAST early (`CAST(x AS a)b)`, a syntax error, or SQL of
/// the caller's choosing).
#[test]
fn fuzz_regression_a_cast_type_cannot_close_the_cast() {
    // finders, ORM_FUZZ_SEED=12, case seed 0x34853cb14327b8b1.
    let mut db = super::finders::blog();
    let log = Recorder::new();
    db.subscribe(log.subscriber());
    for ty in ["a)b", "INTEGER) OR (1", "DECIMAL(10,2))", "TEXT(", "(1)"] {
        let order = json!({"order": [[{"$cast": {"$col": "id"}, "type": ty}, "ASC"]]});
        let options = find_options_in(&db, "Post", "findAll", &order).unwrap();
        let err = db.find_all("Post", &options).unwrap_err();
        assert!(err.message.contains("is not a SQL type name"), "{ty}: {}", err.message);
    }
    assert!(log.is_empty(), "no statement ran: {:?}", log.sql());
    for ty in ["INTEGER", "DECIMAL(10, 2)", "DOUBLE PRECISION", "varchar(255)"] {
        let order = json!({"order": [[{"$cast": {"$col": "id"}, "type": ty}, "ASC"]]});
        let options = find_options_in(&db, "Post", "findAll", &order).unwrap();
        db.find_all("Post", &options).unwrap();
    }
}

//! Hostile names and values: quotes, backticks, NUL bytes, `sqlite_` prefixes, SQL fragments,
//! huge strings and unicode. Names are refused with a clear error before any SQL runs; values
//! are bound and stored as they are. Nothing panics, and the schema and data are unchanged.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::{
    AttributeSpec, Attributes, DataType, Database, Direction, ErrorKind, FindOptions, ModelOptions, ModelSpec,
    SelectExpr, SyncOptions, Value, Where,
};

use crate::db_with_log;

const HOSTILE_NAMES: &[&str] = &[
    "",
    "a`b",
    "x` TEXT); DROP TABLE `Notes`; --",
    "name\"",
    "it's",
    "a\0b",
    "sqlite_master",
    "SQLITE_sequence",
    "1st",
    "a b",
    "a;b",
    "(select 1)",
    "Notes.id",
    "--",
    "a\nb",
];

fn notes() -> (Database, crate::Recorder) {
    let (mut db, log) = db_with_log();
    db.define(ModelSpec::new("Note").attribute(AttributeSpec::new("body", DataType::Text))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    db.create("Note", rec! { "body" => "keep me" }).unwrap();
    (db, log)
}

fn snapshot(db: &mut Database) -> (Vec<String>, Vec<Value>) {
    let rows = db.find_all("Note", &FindOptions::new().order_by("id", Direction::Asc)).unwrap();
    (db.schema_sql().unwrap(), rows.iter().map(|r| r.value("body")).collect())
}

#[test]
fn hostile_identifiers_are_refused_before_any_sql() {
    let (mut db, log) = notes();
    let before = snapshot(&mut db);
    log.clear();
    let huge = "n".repeat(100_000);
    for name in HOSTILE_NAMES.iter().copied().chain([huge.as_str()]) {
        let as_model = db.define(ModelSpec::new(name)).unwrap_err();
        assert_eq!(as_model.kind, ErrorKind::InvalidIdentifier, "model {name:?}");
        assert!(as_model.message.len() < 400, "the message stays short even for a huge name");
        let as_attribute =
            db.define(ModelSpec::new("Evil").attribute(AttributeSpec::new(name, DataType::Text))).unwrap_err();
        assert_eq!(as_attribute.kind, ErrorKind::InvalidIdentifier, "attribute {name:?}");
        let as_table = db
            .define(
                ModelSpec::new("Evil")
                    .options(ModelOptions { table_name: Some(name.to_owned()), ..Default::default() }),
            )
            .unwrap_err();
        assert_eq!(as_table.kind, ErrorKind::InvalidIdentifier, "table {name:?}");
        let as_field = db
            .define(ModelSpec::new("Evil").attribute(AttributeSpec::new("ok", DataType::Text).field(name)))
            .unwrap_err();
        assert_eq!(as_field.kind, ErrorKind::InvalidIdentifier, "field {name:?}");

        let mut aliased = FindOptions::new();
        aliased.attributes = Attributes::Only(vec![(SelectExpr::Attr("body".into()), Some(name.to_owned()))]);
        assert!(db.find_all("Note", &aliased).is_err(), "alias {name:?}");
        assert!(db.find_all("Note", &FindOptions::new().filter(Where::eq(name, 1))).is_err(), "where key {name:?}");
        assert!(db.find_all("Note", &FindOptions::new().order_by(name, Direction::Asc)).is_err(), "order {name:?}");
        let mut function = FindOptions::new();
        function.attributes = Attributes::Only(vec![(
            SelectExpr::Fn { name: name.to_owned(), args: vec![SelectExpr::Star] },
            Some("n".into()),
        )]);
        assert!(db.find_all("Note", &function).is_err(), "function {name:?}");
    }
    assert!(log.is_empty(), "no statement ran: {:?}", log.sql());
    assert!(db.model("Evil").is_err());
    assert_eq!(snapshot(&mut db), before);
}

#[test]
fn hostile_values_are_stored_verbatim() {
    let (mut db, _) = notes();
    let schema = db.schema_sql().unwrap();
    let values = [
        "'); DROP TABLE `Notes`; --".to_owned(),
        "\" OR 1=1 --".to_owned(),
        "`backticks`".to_owned(),
        "nul\0inside".to_owned(),
        "unicode: ñ 名前 🦀 \u{202e}rtl".to_owned(),
        "x".repeat(1_000_000),
        "$1 :name ? @p".to_owned(),
    ];
    for value in &values {
        let note = db.create("Note", rec! { "body" => value.as_str() }).unwrap();
        let found = db.find_all("Note", &FindOptions::new().filter(Where::eq("body", value.as_str()))).unwrap();
        assert_eq!(found.len(), 1, "found by the hostile value itself");
        assert_eq!(found[0].value("id"), note.value("id"));
        assert_eq!(found[0].value("body"), Value::from(value.as_str()), "stored verbatim");
    }
    assert_eq!(db.schema_sql().unwrap(), schema, "the schema is unchanged");
    assert_eq!(db.count("Note", &FindOptions::new()).unwrap(), 1 + values.len() as i64);
    let injection = db.find_all("Note", &FindOptions::new().filter(Where::eq("body", "x' OR '1'='1"))).unwrap();
    assert!(injection.is_empty());
}

#[test]
fn wrong_values_for_a_type_are_clear_errors() {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("Item")
            .attribute(AttributeSpec::new("qty", DataType::Integer))
            .attribute(AttributeSpec::new("state", DataType::Enum(vec!["new".into(), "old".into()]))),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    log.clear();
    let err = db.create("Item", rec! { "qty" => "three" }).unwrap_err();
    assert_eq!(err.message, "\"three\" is not a valid INTEGER for attribute \"qty\"");
    let err = db.create("Item", rec! { "state" => "'; DROP TABLE x" }).unwrap_err();
    assert!(err.message.contains("is not a valid choice for attribute \"state\""), "{}", err.message);
    assert!(log.is_empty());
    let err = db.find_all("Ghost", &FindOptions::new()).unwrap_err();
    assert_eq!(err.message, "Model \"Ghost\" is not defined; the defined models are: Item");
}

/// Names every JavaScript object has (`constructor`, `__proto__`, `toString`…) and `dataValues`
/// cannot be attributes: as attributes they would replace what every instance relies on. Each
/// is refused with the way out (another name, the same column), and nothing is defined.
#[test]
fn attribute_names_every_object_has_are_refused() {
    let (mut db, log) = db_with_log();
    for name in ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "dataValues"] {
        let attributes: serde_json::Value =
            serde_json::from_str(&format!(r#"{{"title":"STRING","{name}":"STRING"}}"#)).unwrap();
        let err = orm::options::model_spec_from_json(&db, "Note", &attributes, &serde_json::Value::Null).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Usage, "{name}");
        assert!(err.message.starts_with(&format!("Note: `{name}` cannot be an attribute name")), "{}", err.message);
        assert!(err.message.contains(&format!("field: '{name}'")), "{}", err.message);
    }
    // The column may keep the name.
    let attributes = serde_json::json!({ "ctor": { "type": "STRING", "field": "constructor" } });
    let spec = orm::options::model_spec_from_json(&db, "Note", &attributes, &serde_json::Value::Null).unwrap();
    db.define(spec).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    let note = db.create("Note", rec! { "ctor" => "x" }).unwrap();
    assert_eq!(note.value("ctor"), Value::from("x"));
    assert!(log.sql().iter().any(|s| s.contains("`constructor`")), "{:?}", log.sql());
}

/// As Sequelize: an object, an array or a `Date` given to a `STRING`/`TEXT` attribute is a
/// `string violation` (not its JSON text stored without a word), listed with the other schema
/// failures before the validators' failures.
#[test]
fn objects_in_string_attributes_are_string_violations() {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("Note")
            .attribute(
                AttributeSpec::new("title", DataType::String(None))
                    .validate(orm::validate::Validator::from_json("len", &serde_json::json!([5, 10])).unwrap()),
            )
            .attribute(AttributeSpec::new("body", DataType::Text))
            .attribute(AttributeSpec::new("tag", DataType::String(None)).not_null()),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    log.clear();
    let values = orm::options::record_from_json(&serde_json::json!({ "title": "x", "body": ["a", 1] })).unwrap();
    let err = db.create("Note", values).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    let items: Vec<_> = err.errors.iter().map(|e| (e.kind, e.path.as_str(), e.validator_key.as_str())).collect();
    assert_eq!(
        items,
        [
            ("string violation", "body", "not_a_string"),
            ("notNull Violation", "tag", "is_null"),
            ("Validation error", "title", "len")
        ]
    );
    assert_eq!(err.errors[0].message, "body cannot be an array or an object");
    let values = orm::options::record_from_json(&serde_json::json!({ "tag": { "$date": 0 } })).unwrap();
    assert_eq!(db.create("Note", values).unwrap_err().errors[0].kind, "string violation");
    assert!(log.is_empty(), "nothing ran: {:?}", log.sql());
}

/// NaN and ±Infinity reach the core (as `{"$number": …}`, JSON has no such numbers) and are
/// stored as Sequelize stores them: as text in FLOAT columns, read back as the numbers; in an
/// INTEGER column Infinity is a REAL and NaN a NULL (SQLite's binding, as under Sequelize).
#[test]
fn nan_and_infinity_round_trip_as_sequelize_stores_them() {
    let (mut db, _log) = db_with_log();
    db.define(
        ModelSpec::new("M")
            .attribute(AttributeSpec::new("f", DataType::Float))
            .attribute(AttributeSpec::new("i", DataType::Integer)),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    for (text, expected) in [("NaN", f64::NAN), ("Infinity", f64::INFINITY), ("-Infinity", f64::NEG_INFINITY)] {
        let values =
            orm::options::record_from_json(&serde_json::json!({ "f": { "$number": text }, "i": { "$number": text } }))
                .unwrap();
        let made = db.create("M", values).unwrap();
        let found = db.find_by_pk("M", made.value("id"), &FindOptions::new()).unwrap().unwrap();
        match found.value("f") {
            Value::Float(f) => {
                assert!(f.to_bits() == expected.to_bits() || (f.is_nan() && expected.is_nan()), "{text}: {f}")
            }
            other => panic!("{text}: f read back as {other:?}"),
        }
        let stored = db
            .query(
                &format!("SELECT typeof(f) AS tf, f, typeof(i) AS ti FROM \"Ms\" WHERE id = {}", made.value("id")),
                &Default::default(),
            )
            .unwrap();
        assert_eq!(stored.rows[0].get("tf"), Some(&Value::from("text")), "{text}");
        assert_eq!(stored.rows[0].get("f"), Some(&Value::from(text)));
        let integer = if text == "NaN" { "null" } else { "real" };
        assert_eq!(stored.rows[0].get("ti"), Some(&Value::from(integer)), "{text}");
    }
    let malformed = orm::options::record_from_json(&serde_json::json!({ "f": { "$number": "1e999" } }));
    assert!(malformed.is_err());
}

/// Dates past year 9999 are written as Sequelize writes them (`10000-01-01 …`) and read back as
/// dates, not as text.
#[test]
fn dates_past_year_9999_read_back_as_dates() {
    let (mut db, _log) = db_with_log();
    db.define(ModelSpec::new("E").attribute(AttributeSpec::new("at", DataType::Date))).unwrap();
    db.sync(SyncOptions::default()).unwrap();
    for ms in [253_402_300_800_000_i64, 8_640_000_000_000_000, -62_198_755_200_000] {
        let made = db.create("E", rec! { "at" => Value::Date(ms) }).unwrap();
        let found = db.find_by_pk("E", made.value("id"), &FindOptions::new()).unwrap().unwrap();
        assert_eq!(found.value("at"), Value::Date(ms));
    }
}

/// Learner connections are defensive: SQL cannot rewrite the schema behind SQLite's back.
#[test]
fn raw_sql_cannot_write_the_schema_table() {
    let (mut db, _log) = db_with_log();
    db.query("CREATE TABLE t (a)", &Default::default()).unwrap();
    let _ = db.query("PRAGMA writable_schema = 1", &Default::default());
    let err = db
        .query("UPDATE sqlite_master SET sql = 'CREATE TABLE t (b)' WHERE name = 't'", &Default::default())
        .unwrap_err();
    assert!(err.message.contains("may not be modified"), "{}", err.message);
    let sql = db.query("SELECT sql FROM sqlite_master WHERE name = 't'", &Default::default()).unwrap();
    assert_eq!(sql.rows[0].get("sql"), Some(&Value::from("CREATE TABLE t (a)")));
}

#[test]
fn raw_sql_cannot_make_a_file_beside_the_database() {
    let (mut db, log) = db_with_log();
    db.query("CREATE TABLE t (a)", &Default::default()).unwrap();
    // Natively a real path, checked on disk afterwards; in the browser a name in SQLite's
    // in-memory file system (wasm32 has no temp_dir).
    #[cfg(not(target_arch = "wasm32"))]
    let dir = {
        let dir = std::env::temp_dir().join(format!("orm-attach-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    };
    #[cfg(not(target_arch = "wasm32"))]
    let file = dir.join("beside.db").to_str().unwrap().to_owned();
    #[cfg(target_arch = "wasm32")]
    let file = "beside.db".to_owned();
    let file = file.as_str();
    for sql in [
        format!("ATTACH '{file}' AS other"),
        format!("/* a comment */ attach database '{file}' as other"),
        format!("ATTACH ('{file}') AS other"),
        format!("VACUUM INTO '{file}'"),
        format!("vacuum main into '{file}'"),
    ] {
        let err = db.query(&sql, &Default::default()).unwrap_err();
        assert_eq!(err.name(), "SequelizeDatabaseError");
        assert!(
            err.message.starts_with("SQLITE_ERROR: ATTACH and VACUUM INTO may not name a file here"),
            "{}",
            err.message
        );
        assert!(err.message.contains("ATTACH ':memory:' AS name"), "{}", err.message);
        assert_eq!(err.sql.as_deref(), Some(sql.as_str()));
        #[cfg(not(target_arch = "wasm32"))]
        assert!(!std::path::Path::new(file).exists(), "{sql} made the file");
    }
    // Refused before SQLite sees them: nothing ran.
    assert_eq!(log.events().len(), 1);
    // In-memory databases and a plain VACUUM stay allowed.
    for sql in [
        "ATTACH ':memory:' AS scratch",
        "CREATE TABLE scratch.n (x)",
        "DETACH scratch",
        "ATTACH DATABASE '' AS t2",
        "VACUUM",
    ] {
        db.query(sql, &Default::default()).unwrap();
    }
    assert_eq!(log.events().len(), 6);
    #[cfg(not(target_arch = "wasm32"))]
    std::fs::remove_dir_all(&dir).unwrap();
}

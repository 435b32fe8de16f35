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

//! Values read back with the JavaScript types Sequelize gives: booleans, numbers, dates,
//! date-only strings, parsed JSON, UUID defaults, blobs.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::{AttributeSpec, DataType, DefaultValue, FindOptions, ModelSpec, SyncOptions, Value};
use serde_json::json;

use crate::db_with_log;

#[test]
fn values_read_back_with_javascript_types() {
    let (mut db, log) = db_with_log();
    db.define(
        ModelSpec::new("Event")
            .attribute(AttributeSpec::new("uid", DataType::Uuid).default(DefaultValue::UuidV4))
            .attribute(AttributeSpec::new("public", DataType::Boolean))
            .attribute(AttributeSpec::new("at", DataType::Date))
            .attribute(AttributeSpec::new("day", DataType::DateOnly))
            .attribute(AttributeSpec::new("meta", DataType::Json))
            .attribute(AttributeSpec::new("ratio", DataType::Double))
            .attribute(AttributeSpec::new("big", DataType::BigInt))
            .attribute(AttributeSpec::new("raw", DataType::Blob))
            .attribute(AttributeSpec::new("seen", DataType::Date).default(DefaultValue::Now)),
    )
    .unwrap();
    db.sync(SyncOptions::default()).unwrap();
    let at = 1_700_000_000_123;
    let created = db
        .create(
            "Event",
            rec! {
                "public" => true,
                "at" => Value::Date(at),
                "day" => "2024-02-29",
                "meta" => json!({"tags": ["a", "b"], "n": 1}),
                "ratio" => 0.5,
                "big" => 9_007_199_254_740_993_i64,
                "raw" => vec![0_u8, 159, 255],
            },
        )
        .unwrap();
    let insert = log.events().into_iter().find(|e| e.sql.starts_with("INSERT")).unwrap();
    // Parameters stay typed (for the dialect lens) and bind as SQLite stores them.
    assert!(insert.params.contains(&Value::Date(at)) && insert.params.contains(&Value::Bool(true)));
    let bound: Vec<Value> = insert.params.iter().map(orm::types::bound).collect();
    assert!(bound.contains(&Value::from("2023-11-14 22:13:20.123 +00:00")), "DATE stored as Sequelize does");
    assert!(bound.contains(&Value::Int(1)), "BOOLEAN stored as 1");
    assert!(insert.inlined_sql().contains("'2023-11-14 22:13:20.123 +00:00'") && insert.inlined_sql().contains(", 1,"));
    let event = db.find_by_pk("Event", created.value("id"), &FindOptions::new()).unwrap().unwrap();
    assert_eq!(event.value("public"), Value::Bool(true));
    assert_eq!(event.value("at"), Value::Date(at));
    assert_eq!(event.value("day"), Value::from("2024-02-29"));
    assert_eq!(event.value("meta"), Value::from(json!({"tags": ["a", "b"], "n": 1})));
    assert_eq!(event.value("ratio"), Value::Float(0.5));
    assert_eq!(event.value("big"), Value::Int(9_007_199_254_740_993));
    assert_eq!(event.value("raw"), Value::Blob(vec![0, 159, 255]));
    assert!(matches!(event.value("seen"), Value::Date(ms) if ms > at));
    let Value::Text(uid) = event.value("uid") else { panic!("uuid is text") };
    assert_eq!(uid.len(), 36);
    assert_eq!(&uid[14..15], "4", "version 4");
    assert!(matches!(event.value("createdAt"), Value::Date(_)));
}

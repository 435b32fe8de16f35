//! Values, records and the shared helpers.

use serde_json::{json, Value as Json};

use crate::options::values::*;
use crate::value::Value;

#[test]
fn numbers_follow_javascript() {
    let value = |j: Json| value_from_json(&j).unwrap();
    assert_eq!(value(json!(5)), Value::Int(5));
    assert_eq!(value(json!(5.0)), Value::Int(5), "an integral f64 from JavaScript is an integer");
    assert_eq!(value(json!(2.5)), Value::Float(2.5));
    assert_eq!(value(json!(9007199254740993.0)), Value::Float(9007199254740992.0));
    assert_eq!(value(json!(9007199254740993_i64)), Value::Float(9007199254740992.0));
    assert_eq!(value(json!(-9007199254740991_i64)), Value::Int(-9007199254740991));
}

#[test]
fn tagged_values() {
    assert_eq!(value_from_json(&json!({"$date": 86_400_000})).unwrap(), Value::Date(86_400_000));
    assert_eq!(value_from_json(&json!({"$bytes": [1, 255]})).unwrap(), Value::Blob(vec![1, 255]));
    let doc = value_from_json(&json!({"tags": ["a"], "at": {"$date": 0}, "raw": {"$bytes": [7]}})).unwrap();
    assert_eq!(
        doc,
        Value::from(json!({"tags": ["a"], "at": "1970-01-01T00:00:00.000Z", "raw": {"type": "Buffer", "data": [7]}}))
    );
    assert_eq!(
        value_from_json(&json!({"$date": 1, "x": 2})).unwrap_err().message,
        "value: malformed {\"$date\": …} value from the JavaScript shell: {\"$date\":1,\"x\":2}"
    );
    assert_eq!(
        value_from_json(&json!({"$date": null})).unwrap_err().message,
        "value: Invalid Date: the Date holds no time (its getTime() is NaN)"
    );
    assert_eq!(
        value_from_json(&json!({"$instance": 3})).unwrap_err().message,
        "value: a model instance is not a value: use the value of one of its attributes, such as its primary key"
    );
    assert_eq!(
        value_from_json(&json!({"$fn": "NOW"})).unwrap_err().message,
        "value: sequelize.fn(\"NOW\") is not a value: SQL expressions cannot be used as values here; every value is bound as a parameter"
    );
}

#[test]
fn records_keep_their_order_and_refuse_operators() {
    let record = record_from_json(&json!({"title": "Dune", "price": 9.5, "meta": {"a": 1}, "gone": null})).unwrap();
    let keys: Vec<&str> = record.keys().map(String::as_str).collect();
    assert_eq!(keys, ["title", "price", "meta", "gone"]);
    assert_eq!(record["meta"], Value::from(json!({"a": 1})));
    assert_eq!(record["gone"], Value::Null);
    assert_eq!(
        record_from_json(&json!({"$op:gt": 1})).unwrap_err().message,
        "values[Op.gt]: operators belong in `where`, not among the values"
    );
    assert_eq!(
        record_from_json(&json!([1])).unwrap_err().message,
        "values: expected an object of attribute values such as { title: 'Dune' }; got an array"
    );
    assert_eq!(
        records_from_json(&json!([{"a": 1}, 2])).unwrap_err().message,
        "records[1]: expected an object of attribute values such as { title: 'Dune' }; got 2"
    );
    // Paths are built only when a value fails, and then they are the whole path.
    let err = records_from_json(&json!([{"a": 1}, {"b": {"c": [1, {"$op:eq": 2}]}}])).unwrap_err();
    assert_eq!(err.message, "records[1].b.c[1][Op.eq]: an operator cannot be part of a stored value");
    let err = records_from_json(&json!([{"a": {"$fn": "now", "args": []}}])).unwrap_err();
    assert!(err.message.starts_with("records[0].a: "), "{}", err.message);
}

#[test]
fn rows_with_the_same_keys_read_from_the_compact_form_as_from_objects() {
    let objects = json!([
        {"title": "Dune", "price": 9.5, "at": {"$date": 0}},
        {"title": "Emma", "price": null, "at": {"$date": 86_400_000}}
    ]);
    let compact = json!({
        "$keys": ["title", "price", "at"],
        "$rows": [["Dune", 9.5, {"$date": 0}], ["Emma", null, {"$date": 86_400_000}]]
    });
    let from_compact = records_from_json(&compact).unwrap();
    assert_eq!(from_compact, records_from_json(&objects).unwrap());
    assert_eq!(from_compact[1].keys().collect::<Vec<_>>(), ["title", "price", "at"]);
    assert_eq!(from_compact[1]["at"], Value::Date(86_400_000));
    // Errors name the row and the key as for objects.
    let err = records_from_json(&json!({"$keys": ["a"], "$rows": [[1], [{"$op:eq": 2}]]})).unwrap_err();
    assert_eq!(err.message, "records[1].a[Op.eq]: an operator cannot be part of a stored value");
    let err = records_from_json(&json!({"$keys": ["a", "b"], "$rows": [[1, 2], [3]]})).unwrap_err();
    assert_eq!(
        err.message,
        "records[1]: expected an object of attribute values such as { title: 'Dune' }; got an array"
    );
    let err = records_from_json(&json!({"$rows": [[1]]})).unwrap_err();
    assert!(err.message.starts_with("records: expected an array of objects"), "{}", err.message);
}

#[test]
fn unknown_keys_are_named_with_a_suggestion() {
    let obj = json!({"where": 1, "limt": 2});
    let Json::Object(obj) = obj else { unreachable!() };
    let err = check_keys(&obj, "findAll", &["where", "limit"], &[]).unwrap_err();
    assert_eq!(
        err.message,
        "Unknown option \"limt\" in findAll (did you mean \"limit\"?); the options are: where, limit"
    );
    let err = check_keys(&obj, "findAll", &["where"], &[("limt", "use limit")]).unwrap_err();
    assert_eq!(err.message, "Option \"limt\" of findAll is not supported yet; use limit");
}

#[test]
fn paths() {
    assert_eq!(child("where", "price"), "where.price");
    assert_eq!(child("where", "$op:or"), "where[Op.or]");
    assert_eq!(child("where", "a b"), "where[\"a b\"]");
    assert_eq!(child("", "title"), "title");
    assert_eq!(describe(&json!({"$lt": 5})), "an object with keys \"$lt\"");
}

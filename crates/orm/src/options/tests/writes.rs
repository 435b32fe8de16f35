//! The options of writes.

use serde_json::{json, Value as Json};

use crate::crud::DestroyOptions;
use crate::instance::Record;
use crate::options::{
    check_write_options, destroy_options_from_json, find_or_create_from_json, increment_from_json,
    restore_where_from_json, update_where_from_json, IncrementOptions,
};
use crate::query::filter::{Op, Where};
use crate::value::Value;

#[test]
fn destroy_update_restore() {
    let options = destroy_options_from_json(&json!({"where": {"id": 3}, "force": true, "transaction": {}})).unwrap();
    assert_eq!(options, DestroyOptions { filter: Some(Where::eq("id", 3)), truncate: false, force: true });
    let all = destroy_options_from_json(&json!({"where": {}})).unwrap();
    assert_eq!(all.filter, Some(Where::And(vec![])), "`where: {{}}` is kept: it means every row");
    assert!(destroy_options_from_json(&json!({"truncate": true})).unwrap().truncate);
    assert_eq!(
        destroy_options_from_json(&json!({"cascade": true})).unwrap_err().message,
        "Option \"cascade\" of destroy is not supported yet"
    );
    assert_eq!(
        update_where_from_json(&json!({"where": {"balance": {"$op:gte": 50}}})).unwrap(),
        Where::attr("balance", Op::Gte, 50)
    );
    assert_eq!(
        update_where_from_json(&Json::Null).unwrap_err().message,
        "Missing where attribute in the options parameter"
    );
    assert_eq!(
        update_where_from_json(&json!({"where": {"a": 1}, "individualHooks": true})).unwrap_err().message,
        "Option \"individualHooks\" of update is not supported yet; hooks are the JavaScript API's (Rust callers: Database::add_hook)"
    );
    assert_eq!(restore_where_from_json(&json!({"where": {"id": 2}})).unwrap(), Some(Where::eq("id", 2)));
    assert_eq!(restore_where_from_json(&Json::Null).unwrap(), None);
}

#[test]
fn increment_and_decrement() {
    let IncrementOptions { by, filter } =
        increment_from_json(&json!({"balance": 100}), &json!({"where": {"tier": "gold"}}), false).unwrap();
    assert_eq!(by, [("balance".to_owned(), 100.0)]);
    assert_eq!(filter, Some(Where::eq("tier", "gold")));
    let IncrementOptions { by, .. } =
        increment_from_json(&json!("balance"), &json!({"by": 1, "where": {"owner": "c"}}), true).unwrap();
    assert_eq!(by, [("balance".to_owned(), -1.0)]);
    let IncrementOptions { by, filter } = increment_from_json(&json!(["a", "b"]), &Json::Null, false).unwrap();
    assert_eq!(by, [("a".to_owned(), 1.0), ("b".to_owned(), 1.0)]);
    assert_eq!(filter, None);
    assert_eq!(
        increment_from_json(&json!([]), &Json::Null, false).unwrap_err().message,
        "fields: increment needs at least one attribute"
    );
    assert_eq!(
        increment_from_json(&json!("a"), &json!({"by": "2"}), false).unwrap_err().message,
        "by: expected a number; got \"2\""
    );
}

#[test]
fn find_or_create() {
    let (filter, defaults) =
        find_or_create_from_json(&json!({"where": {"sku": "a1"}, "defaults": {"kind": "x", "qty": 0}})).unwrap();
    assert_eq!(filter, Record::from([("sku".to_owned(), Value::from("a1"))]));
    assert_eq!(defaults, Record::from([("kind".to_owned(), Value::from("x")), ("qty".to_owned(), Value::Int(0))]));
    assert!(find_or_create_from_json(&json!({"defaults": {}}))
        .unwrap_err()
        .message
        .starts_with("Missing where attribute in the options parameter passed to findOrCreate."));
    assert_eq!(
        find_or_create_from_json(&json!({"where": {"qty": {"$op:gt": 1}}})).unwrap_err().message,
        "where: findOrCreate's where takes plain values such as { sku: 'a1' } (they are also the values it creates); use findOne and create for other conditions"
    );
}

#[test]
fn write_options_accept_only_transport() {
    assert!(check_write_options("create", &json!({"transaction": null, "logging": false})).is_ok());
    assert!(check_write_options("destroy", &json!({"force": true})).is_ok());
    assert_eq!(
        check_write_options("create", &json!({"fields": ["a"]})).unwrap_err().message,
        "Option \"fields\" of create is not supported yet"
    );
    assert_eq!(
        check_write_options("bulkCreate", &json!({"ignoreDuplicates": true})).unwrap_err().message,
        "Option \"ignoreDuplicates\" of bulkCreate is not supported yet"
    );
    assert_eq!(
        check_write_options("save", &json!({"foo": 1})).unwrap_err().message,
        "Unknown option \"foo\" in save; the options are: fields, transaction, logging, benchmark"
    );
    assert!(check_write_options("save", &json!({"fields": ["name"]})).is_ok());
}

//! The engine in headless Chromium, called from Rust exactly as the JavaScript shell calls it:
//! plain JavaScript values in (built with `JSON.parse`, read by serde-wasm-bindgen), plain
//! JavaScript values out (`Date`s, `Uint8Array`s, parsed JSON), errors thrown as objects with
//! Sequelize's names. The logic behind each method has native tests in the crate; these check
//! the boundary.

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use js_sys::{Date, Reflect, Uint8Array, JSON};
use orm_js::Engine;
use serde_json::{json, Value as Json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// A JavaScript value from JSON.
fn js(value: Json) -> JsValue {
    JSON::parse(&value.to_string()).unwrap()
}

/// A JavaScript value as JSON (`Date`s as their ISO text).
fn back(value: &JsValue) -> Json {
    if value.is_undefined() {
        return Json::Null;
    }
    serde_json::from_str(&String::from(JSON::stringify(value).unwrap())).unwrap()
}

fn prop(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

fn handle(value: JsValue) -> u32 {
    value.as_f64().unwrap() as u32
}

fn handles(value: JsValue) -> Vec<u32> {
    back(&value).as_array().unwrap().iter().map(|h| h.as_u64().unwrap() as u32).collect()
}

/// Products in categories, as in parity scenario 03.
fn shop() -> Engine {
    let mut engine = Engine::new().unwrap();
    let none = js(json!({ "timestamps": false }));
    engine.define("Product", js(json!({ "name": "STRING", "meta": "JSON", "raw": "BLOB" })), none.clone()).unwrap();
    engine.define("Category", js(json!({ "label": "STRING" })), none).unwrap();
    let belongs = js(json!({ "as": "category", "foreignKey": "categoryId" }));
    engine.associate("belongsTo", "Product", "Category", belongs).unwrap();
    let has = js(json!({ "as": "products", "foreignKey": "categoryId" }));
    engine.associate("hasMany", "Category", "Product", has).unwrap();
    engine.sync(JsValue::UNDEFINED).unwrap();
    let labels = js(json!([{ "label": "Books" }, { "label": "Games" }, { "label": "Tools" }]));
    engine.bulk_create("Category", labels, JsValue::UNDEFINED).unwrap();
    let rows: Vec<Json> = (0..6)
        .map(|i| json!({ "name": format!("P{i}"), "categoryId": i % 3 + 1, "meta": { "n": i }, "raw": { "$bytes": [i] } }))
        .collect();
    engine.bulk_create("Product", js(Json::Array(rows)), JsValue::UNDEFINED).unwrap();
    engine.take_events(true);
    engine
}

#[test]
fn install_evaluates_the_shell() {
    orm_js::install().unwrap();
}

#[test]
fn define_create_and_read_back_javascript_values() {
    let mut engine = Engine::new().unwrap();
    let info = engine
        .define("Event", js(json!({ "title": { "type": "STRING", "allowNull": false }, "at": "DATE" })), JsValue::NULL)
        .unwrap();
    assert_eq!(back(&prop(&info, "tableName")), json!("Events"));
    engine.sync(js(json!({ "force": true }))).unwrap();
    let h =
        handle(engine.create("Event", js(json!({ "title": "Launch", "at": { "$date": 0 } })), JsValue::NULL).unwrap());
    let at = engine.get(h, "at").unwrap();
    assert!(at.is_instance_of::<Date>(), "a DATE attribute is a Date");
    assert_eq!(at.unchecked_ref::<Date>().get_time(), 0.0);
    let value = engine.json_of(h).unwrap();
    assert!(prop(&value, "createdAt").is_instance_of::<Date>());
    assert_eq!(back(&prop(&value, "at")), json!("1970-01-01T00:00:00.000Z"));
    assert!(engine.get(h, "nope").unwrap().is_undefined());
    assert_eq!(back(&engine.changed(h).unwrap()), json!(false));
    engine.set(h, "title", js(json!("Landing"))).unwrap();
    assert_eq!(back(&engine.changed(h).unwrap()), json!(["title"]));
    engine.save(h, JsValue::UNDEFINED).unwrap();
    let found = engine.find_by_pk("Event", js(json!(1)), JsValue::UNDEFINED).unwrap();
    assert_eq!(back(&engine.get(handle(found), "title").unwrap()), json!("Landing"));
}

#[test]
fn find_all_with_include_nests_handles_json_and_blobs() {
    let mut engine = shop();
    let options =
        js(json!({ "include": [{ "model": { "$model": "Category" }, "as": "category" }], "order": [["id", "ASC"]] }));
    let found = handles(engine.find_all("Product", options).unwrap());
    assert_eq!(found.len(), 6);
    let category = handle(engine.get(found[1], "category").unwrap());
    assert_eq!(back(&engine.get(category, "label").unwrap()), json!("Games"));
    assert_eq!(back(&engine.get(found[1], "meta").unwrap()), json!({ "n": 1 }), "JSON is a parsed object");
    let raw = engine.get(found[1], "raw").unwrap();
    assert_eq!(raw.unchecked_ref::<Uint8Array>().to_vec(), vec![1], "a BLOB is a Uint8Array");
    let value = engine.json_of(found[0]).unwrap();
    assert_eq!(back(&prop(&value, "category")), json!({ "id": 1, "label": "Books" }));
    let rows = engine
        .find_all("Product", js(json!({ "raw": true, "include": "category", "order": [["id", "ASC"]], "limit": 1 })))
        .unwrap();
    assert_eq!(
        back(&rows),
        json!([{ "id": 1, "name": "P0", "meta": "{\"n\":0}", "raw": { "0": 0 }, "categoryId": 1, "category.id": 1, "category.label": "Books" }])
    );
}

#[test]
fn errors_are_thrown_as_objects_with_sequelize_names() {
    let mut engine = Engine::new().unwrap();
    engine.define("User", js(json!({ "email": { "type": "STRING", "allowNull": false } })), JsValue::NULL).unwrap();
    engine.sync(JsValue::NULL).unwrap();
    let error = engine.create("User", js(json!({})), JsValue::NULL).unwrap_err();
    assert_eq!(back(&prop(&error, "name")), json!("SequelizeValidationError"));
    assert_eq!(
        back(&prop(&error, "errors")),
        json!([{ "message": "User.email cannot be null", "type": "notNull Violation", "path": "email", "value": null, "validatorKey": "is_null" }])
    );
    let error = engine.find_all("User", js(json!({ "wehre": { "id": 1 } }))).unwrap_err();
    assert_eq!(back(&prop(&error, "name")), json!("Error"));
    assert!(back(&prop(&error, "message")).as_str().unwrap().contains("did you mean \"where\""));
    let error = engine.query("SELECT * FROM nowhere", JsValue::NULL).unwrap_err();
    assert_eq!(back(&prop(&error, "name")), json!("SequelizeDatabaseError"));
    assert_eq!(back(&prop(&error, "sql")), json!("SELECT * FROM nowhere"));
    let function = js_sys::Function::new_no_args("return 1");
    let error = engine.find_all("User", function.into()).unwrap_err();
    assert_eq!(back(&prop(&error, "name")), json!("Error"), "a value JSON cannot hold is an error, not a panic");
    assert!(engine.get(42, "email").is_err());
}

#[test]
fn events_and_findings_of_a_lazy_loop() {
    let mut engine = shop();
    let run = engine.begin_run(true, false, false).unwrap() as u32;
    let products = handles(engine.find_all("Product", js(json!({ "order": [["id", "ASC"]] }))).unwrap());
    for h in products {
        engine.call_accessor(h, "category", "get", JsValue::NULL, JsValue::NULL).unwrap();
    }
    let events = back(&engine.take_events(true));
    assert_eq!(events.as_array().unwrap().len(), 7);
    assert_eq!(events[0]["op"], json!("findAll"));
    assert_eq!(events[1]["lazy"]["association"], json!("category"));
    assert_eq!(events[1]["runId"], json!(run));
    assert!(events[1]["ms"].is_number());
    // With plans: the findAll reads every product, each lazy load searches by primary key.
    assert_eq!(events[0]["plan"][0]["detail"], json!("SCAN Product"));
    assert!(
        events[1]["plan"][0]["detail"].as_str().unwrap().starts_with("SEARCH Category USING INTEGER PRIMARY KEY"),
        "{}",
        events[1]["plan"]
    );
    let findings = back(&engine.findings(run));
    assert_eq!(findings.as_array().unwrap().len(), 1);
    assert_eq!(findings[0]["kind"], json!("n+1"));
    assert_eq!(findings[0]["model"], json!("Product"));
    assert_eq!(findings[0]["queryIds"].as_array().unwrap().len(), 7);
}

#[test]
fn history_of_a_transaction_that_rolls_back() {
    let mut engine = shop();
    engine.begin_run(false, false, false).unwrap();
    assert!(engine.history().is_null(), "no history unless the run asks");
    engine.begin_run(false, false, true).unwrap();
    let tx = engine.begin().unwrap().as_f64().unwrap() as u32;
    engine.create("Category", js(json!({ "label": "Toys" })), JsValue::UNDEFINED).unwrap();
    engine.rollback(tx).unwrap();
    let events = back(&engine.take_events(true));
    assert_eq!(events.as_array().unwrap().len(), 3, "BEGIN, INSERT, ROLLBACK: recording adds no statement");
    let history = back(&engine.history());
    assert_eq!(history["tables"], json!([{ "name": "Categories", "columns": ["id", "label"] }]));
    let steps = history["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 2);
    assert_eq!(
        (&steps[0]["label"], &steps[0]["changes"]),
        (&json!("Category.create"), &json!([[0, 4, "inserted", [4, "Toys"]]]))
    );
    assert_eq!((&steps[1]["label"], &steps[1]["changes"]), (&json!("ROLLBACK"), &json!([[0, 4, "rolled-back", null]])));
    // A step's call is its statements' callId.
    assert_eq!(steps[0]["call"], events[1]["callId"]);
    assert_eq!(steps[1]["call"], events[2]["callId"]);
}

#[test]
fn raw_query_shapes() {
    let mut engine = shop();
    let rows = engine
        .query(
            "SELECT label FROM Categories WHERE id IN (:ids)",
            js(json!({ "replacements": { "ids": [1, 3] }, "type": "SELECT" })),
        )
        .unwrap();
    assert_eq!(back(&rows), json!([{ "label": "Books" }, { "label": "Tools" }]));
    let pair = engine.query("SELECT count(*) AS n FROM Products", JsValue::UNDEFINED).unwrap();
    assert_eq!(back(&pair), json!([[{ "n": 6 }], {}]));
    let tx = engine.begin().unwrap().as_f64().unwrap() as u32;
    engine.query("DELETE FROM Products", JsValue::NULL).unwrap();
    engine.rollback(tx).unwrap();
    assert_eq!(back(&engine.count("Product", JsValue::NULL).unwrap()), json!(6));
}

#[test]
fn call_checks_every_argument_against_the_declared_methods() {
    let mut engine = shop();
    let args = |values: Json| -> js_sys::Array { js(values).unchecked_into() };
    // A right call, through the one entry point.
    let found = engine.call("findAll", args(json!(["Product", { "where": { "name": "P1" } }]))).unwrap();
    assert_eq!(handles(found).len(), 1);
    // A wrong argument is an error naming the method and the argument, not a silent "" or 0.
    let message = |e: JsValue| prop(&e, "message").as_string().unwrap();
    let err = engine.call("findAll", args(json!([3, null]))).unwrap_err();
    assert!(message(err).starts_with("The ORM engine's findAll: argument 1 (model) must be a string; got the number 3"));
    let err = engine.call("get", args(json!(["1", "name"]))).unwrap_err();
    assert!(message(err).contains("argument 1 (handle) must be a whole number"));
    let err = engine.call("nope", args(json!([]))).unwrap_err();
    assert_eq!(message(err), "The ORM engine has no method nope (the shell and the engine disagree on ENGINE.md)");
    // methods(): what the shell derives its bookkeeping from.
    let methods = back(&engine.call("methods", args(json!([]))).unwrap());
    let effect = |name: &str| methods.as_array().unwrap().iter().find(|m| m["name"] == name).unwrap()["effect"].clone();
    assert_eq!((effect("get"), effect("set"), effect("save")), (json!("reads"), json!("changes"), json!("runs")));
}

//! The e-commerce guide (parity scenario 04) against the core's Rust API: validations with
//! custom messages, an order placed in a managed transaction, and one that rolls back.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::validate::Validator;
use orm::{
    AttributeSpec, DataType, Database, DefaultValue, Error, ErrorKind, FindOptions, ModelOptions, ModelSpec, Record,
    SyncOptions, Value,
};
use serde_json::json;

use crate::{db_with_log, verbs};

fn validator(key: &str, arg: serde_json::Value) -> Validator {
    Validator::from_json(key, &arg).unwrap()
}

fn define(db: &mut Database) {
    let underscored = |table: &str, timestamps: bool| ModelOptions {
        table_name: Some(table.into()),
        underscored: true,
        timestamps,
        ..ModelOptions::default()
    };
    db.define(
        ModelSpec::new("Product")
            .attribute(AttributeSpec::new("id", DataType::Integer).auto_increment_key())
            .attribute(
                AttributeSpec::new("name", DataType::String(Some(200)))
                    .not_null()
                    .validate(validator("notEmpty", json!({"msg": "Product name cannot be blank"})))
                    .validate(validator(
                        "len",
                        json!({"args": [2, 200], "msg": "Name must be between 2 and 200 characters"}),
                    )),
            )
            .attribute(
                AttributeSpec::new("priceInCents", DataType::Integer)
                    .not_null()
                    .validate(validator("min", json!({"args": [0], "msg": "Price cannot be negative"})))
                    .validate(validator("isInt", json!({"msg": "Price must be a whole number of cents"}))),
            )
            .attribute(
                AttributeSpec::new("stockQuantity", DataType::Integer)
                    .default(DefaultValue::Value(Value::Int(0)))
                    .validate(validator("min", json!({"args": [0], "msg": "Stock cannot go below zero"}))),
            )
            .attribute(
                AttributeSpec::new("isActive", DataType::Boolean).default(DefaultValue::Value(Value::Bool(true))),
            )
            .options(underscored("products", true)),
    )
    .unwrap();
    db.define(
        ModelSpec::new("Order")
            .attribute(AttributeSpec::new("totalInCents", DataType::Integer).not_null())
            .attribute(
                AttributeSpec::new("status", DataType::String(None)).default(DefaultValue::Value("pending".into())),
            )
            .options(underscored("orders", true)),
    )
    .unwrap();
    db.define(
        ModelSpec::new("OrderItem")
            .attribute(
                AttributeSpec::new("quantity", DataType::Integer).not_null().validate(validator("min", json!(1))),
            )
            .attribute(AttributeSpec::new("unitPriceInCents", DataType::Integer).not_null())
            .attribute(AttributeSpec::new("orderId", DataType::Integer))
            .attribute(AttributeSpec::new("productId", DataType::Integer))
            .options(underscored("order_items", false)),
    )
    .unwrap();
    db.sync(SyncOptions { force: true, ..Default::default() }).unwrap();
}

/// `placeOrder` from the guide: decrement stock and write the order in one transaction.
fn place_order(db: &mut Database, items: &[(Value, i64)]) -> Result<orm::Instance, Error> {
    db.transaction(|db, _t| {
        let mut total = 0;
        let mut lines = Vec::new();
        for (product_id, quantity) in items {
            let product = db
                .find_by_pk("Product", product_id.clone(), &FindOptions::new())?
                .ok_or_else(|| Error::usage(format!("Product {product_id} not found")))?;
            let Value::Int(stock) = product.value("stockQuantity") else { panic!("stock is an integer") };
            if stock < *quantity {
                return Err(Error::usage(format!("Insufficient stock for product {}", product.value("name"))));
            }
            db.increment_instance(&product, &[("stockQuantity".into(), -(*quantity as f64))])?;
            let Value::Int(price) = product.value("priceInCents") else { panic!("price is an integer") };
            total += price * quantity;
            lines.push(
                rec! { "productId" => product.value("id"), "quantity" => *quantity, "unitPriceInCents" => price },
            );
        }
        let order = db.create("Order", rec! { "totalInCents" => total, "status" => "pending" })?;
        let lines: Vec<Record> = lines
            .into_iter()
            .map(|mut l| {
                l.insert("orderId".into(), order.value("id"));
                l
            })
            .collect();
        db.bulk_create("OrderItem", lines)?;
        Ok(order)
    })
}

#[test]
fn ecommerce_order_with_rollback() {
    let (mut db, log) = db_with_log();
    define(&mut db);
    let laptop = db
        .create("Product", rec! { "name" => "Pro Laptop 15", "priceInCents" => 149_999, "stockQuantity" => 2 })
        .unwrap();
    let mouse =
        db.create("Product", rec! { "name" => "Mouse", "priceInCents" => 2599, "stockQuantity" => 10 }).unwrap();
    assert_eq!(laptop.value("isActive"), Value::Bool(true), "defaults apply");

    log.clear();
    let err = db.create("Product", rec! { "name" => "", "priceInCents" => -5 }).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Validation);
    assert_eq!(err.name(), "SequelizeValidationError");
    let messages: Vec<&str> = err.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        ["Product name cannot be blank", "Name must be between 2 and 200 characters", "Price cannot be negative"]
    );
    assert!(log.is_empty(), "validation fails before any SQL");

    let order = place_order(&mut db, &[(laptop.value("id"), 1), (mouse.value("id"), 3)]).unwrap();
    assert_eq!(
        (order.value("id"), order.value("totalInCents"), order.value("status")),
        (Value::Int(1), Value::Int(157_796), "pending".into())
    );
    assert_eq!(
        verbs(&log),
        ["BEGIN", "SELECT", "UPDATE", "SELECT", "UPDATE", "INSERT", "INSERT", "COMMIT"],
        "{:#?}",
        log.sql()
    );
    assert_eq!(
        log.sql()[2],
        "UPDATE `products` SET `stock_quantity`=`stock_quantity` + ?, `updated_at`=? WHERE `id` = ?;"
    );

    log.clear();
    let err = place_order(&mut db, &[(mouse.value("id"), 1), (laptop.value("id"), 5)]).unwrap_err();
    assert_eq!(err.message, "Insufficient stock for product Pro Laptop 15");
    assert_eq!(verbs(&log), ["BEGIN", "SELECT", "UPDATE", "SELECT", "ROLLBACK"]);

    let stock = |db: &mut Database, id: Value| {
        db.find_by_pk("Product", id, &FindOptions::new()).unwrap().unwrap().value("stockQuantity")
    };
    assert_eq!(stock(&mut db, laptop.value("id")), Value::Int(1));
    assert_eq!(stock(&mut db, mouse.value("id")), Value::Int(7), "the rolled-back decrement is undone");
    assert_eq!(db.count("Order", &FindOptions::new()).unwrap(), 1);
    assert_eq!(db.count("OrderItem", &FindOptions::new()).unwrap(), 2);
}

//! Grading an exercise from Rust — the example for test authors (README, "Grading from Rust").
//! The exercise: "load every order with its items in at most 2 queries". The learner's first try
//! loads the items in the loop (the N+1 trap) and is graded down with the reason; the fixed try
//! passes, and the test also asserts on the SQL it ran. Runs in headless Chromium:
//!
//! ```sh
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test -p orm-js --target wasm32-unknown-unknown --test grading
//! ```

#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests state their expectations by unwrapping

use orm_js::grading::{grade, run};
use serde_json::Value as Json;
use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// What the exercise gives every learner: three orders with two items each.
const SETUP: &str = r#"
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const Order = sequelize.define('Order', { customer: DataTypes.STRING });
const Item = sequelize.define('Item', { product: DataTypes.STRING });
Order.hasMany(Item, { as: 'items', foreignKey: 'orderId' });
await sequelize.sync();
for (const customer of ['Ada', 'Grace', 'Linus']) {
  const order = await Order.create({ customer });
  await Item.bulkCreate([{ product: 'pen', orderId: order.id }, { product: 'ink', orderId: order.id }]);
}
"#;

/// The exercise's goal, in the lessons' goal language.
const GOAL: &str = "no error
at most 2 selects
no warning n+1
prints Ada: pen, ink";

fn exercise(answer: &str) -> String {
    format!("{SETUP}\n{answer}")
}

/// The SQL of the report's statements, `sync()`'s left out.
fn statements(report: &Json) -> Vec<String> {
    let queries = report["queries"].as_array().unwrap();
    queries.iter().filter(|q| q["op"] != "sync").map(|q| q["sql"].as_str().unwrap().to_owned()).collect()
}

#[test]
async fn the_lazy_loop_is_graded_down_with_the_reason() {
    let lazy = exercise(
        "for (const order of await Order.findAll()) {
           const items = await order.getItems();
           console.log(`${order.customer}: ${items.map((i) => i.product).join(', ')}`);
         }",
    );
    let why = grade(&lazy, GOAL).await.unwrap_err();
    assert_eq!(why, "at most 2 selects: 4 selects ran; at most 2");
    // The report says the same, in detail: one SELECT for the orders, one per order, and the
    // analyzer's N+1 warning naming them.
    let report = run(&lazy).await.unwrap();
    let selects: Vec<String> = statements(&report).into_iter().filter(|sql| sql.starts_with("SELECT")).collect();
    assert_eq!(selects.len(), 4);
    assert!(selects[1].ends_with("FROM `Items` AS `Item` WHERE `Item`.`orderId` = ?;"), "{}", selects[1]);
    assert_eq!(report["warnings"][0]["kind"], "n+1");
}

#[test]
async fn the_eager_fix_passes_in_one_select() {
    let eager = exercise(
        "const orders = await Order.findAll({ include: { model: Item, as: 'items' }, order: [['id'], ['items', 'id']] });
         for (const order of orders) console.log(`${order.customer}: ${order.items.map((i) => i.product).join(', ')}`);",
    );
    let report = grade(&eager, GOAL).await.unwrap();
    let sql = statements(&report);
    // 3 orders and 3 bulk inserts of the setup, then the one SELECT with its JOIN.
    assert_eq!(sql.len(), 7, "{sql:#?}");
    assert!(
        sql[6].starts_with("SELECT")
            && sql[6].contains("LEFT OUTER JOIN `Items` AS `items` ON `Order`.`id` = `items`.`orderId`"),
        "{}",
        sql[6]
    );
    assert_eq!(report["output"], serde_json::json!(["Ada: pen, ink", "Grace: pen, ink", "Linus: pen, ink"]));
}

#[test]
async fn an_error_in_the_code_is_named_and_a_malformed_goal_is_refused() {
    let broken = exercise("await Order.findAll({ include: 'nope' });");
    let why = grade(&broken, GOAL).await.unwrap_err();
    assert!(why.starts_with("no error: the run ended with "), "{why}");
    assert!(why.contains("(the run failed: "), "{why}");
    let why = grade(&exercise(""), "at most two selects").await.unwrap_err();
    assert_eq!(why, "the goal is malformed: line 1: `at most two selects`: `two` is not a whole number");
}

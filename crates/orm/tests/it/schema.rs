//! The QueryInterface (`orm::schema`): the statements each call runs, and what it refuses.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::{AttributeSpec, DataType, DefaultValue, Op, Value, Where};

use crate::db_with_log;

#[test]
fn a_migration_s_calls_write_sqlite_s_own_ddl() {
    let (mut db, log) = db_with_log();
    let mut id = AttributeSpec::new("id", DataType::Integer).not_null();
    id.primary_key = true;
    id.auto_increment = true;
    let total = AttributeSpec::new("total", DataType::Decimal(Some((10, 2))))
        .not_null()
        .default(DefaultValue::Value(Value::Int(0)));
    db.create_table("orders", vec![id, total]).unwrap();
    db.add_column("orders", AttributeSpec::new("discount_code", DataType::String(None))).unwrap();
    let ne_null =
        Where::Attr { attribute: "discount_code".into(), op: Op::Ne, operand: orm::Operand::Value(Value::Null) };
    db.add_index("orders", &["discount_code".into()], Some("orders_discount_code_idx"), false, Some(&ne_null)).unwrap();
    db.rename_column("orders", "discount_code", "coupon").unwrap();
    db.remove_index("orders", "orders_discount_code_idx").unwrap();
    db.remove_column("orders", "coupon").unwrap();
    assert_eq!(
        log.sql(),
        [
            "CREATE TABLE IF NOT EXISTS `orders` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `total` DECIMAL(10,2) NOT NULL DEFAULT 0);",
            "ALTER TABLE `orders` ADD `discount_code` VARCHAR(255);",
            "CREATE INDEX `orders_discount_code_idx` ON `orders` (`discount_code`) WHERE `discount_code` IS NOT NULL;",
            "ALTER TABLE `orders` RENAME COLUMN `discount_code` TO `coupon`;",
            "DROP INDEX IF EXISTS `orders_discount_code_idx`;",
            "ALTER TABLE `orders` DROP COLUMN `coupon`;",
        ]
    );
    let columns = db.describe_table("orders").unwrap();
    assert_eq!(columns.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["id", "total"]);
    assert_eq!(columns[1].default.as_deref(), Some("0"));
    // A partial index's values are literals in the DDL, escaped.
    db.add_column("orders", AttributeSpec::new("note", DataType::Text)).unwrap();
    let quoted = Where::eq("note", "it's");
    db.add_index("orders", &["note".into()], Some("odd"), false, Some(&quoted)).unwrap();
    assert!(log.sql().last().unwrap().ends_with("WHERE `note` = 'it''s';"), "{:?}", log.sql().last());
    // Bad input changes nothing and names what is wrong.
    let before = db.schema_sql().unwrap();
    assert!(db.add_column("nope", AttributeSpec::new("x", DataType::Text)).unwrap_err().message.contains("nope"));
    assert!(db.remove_column("orders", "ghost").unwrap_err().message.contains("no column \"ghost\""));
    assert!(db.rename_table("orders", "bad`name").is_err());
    assert_eq!(db.schema_sql().unwrap(), before);
    assert_eq!(db.bulk_insert("orders", vec![rec! { "total" => 5 }, rec! { "total" => 9 }]).unwrap(), 2);
    assert_eq!(db.bulk_delete("orders", Some(&Where::eq("total", 5))).unwrap(), 1);
    db.rename_table("orders", "purchases").unwrap();
    assert_eq!(db.show_all_tables().unwrap(), ["purchases"]);
    db.drop_table("purchases").unwrap();
    assert!(db.show_all_tables().unwrap().is_empty());
}

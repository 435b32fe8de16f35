//! The bookstore CRUD tutorial (parity scenario 01) against the core's Rust API.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use orm::{AttributeSpec, DataType, Direction, FindOptions, ModelOptions, ModelSpec, Op, SyncOptions, Value, Where};

use crate::{db_with_log, verbs};

fn define_books(db: &mut orm::Database) {
    let spec = ModelSpec::new("Book")
        .attribute(AttributeSpec::new("id", DataType::Integer).auto_increment_key())
        .attribute(AttributeSpec::new("title", DataType::String(Some(200))).not_null())
        .attribute(AttributeSpec::new("author", DataType::String(Some(100))).not_null())
        .attribute(AttributeSpec::new("price", DataType::Decimal(Some((10, 2)))))
        .options(ModelOptions { table_name: Some("books".into()), ..ModelOptions::default() });
    db.define(spec).unwrap();
}

fn titles(books: &[orm::Instance]) -> Vec<String> {
    books.iter().map(|b| b.value("title").to_js_string()).collect()
}

#[test]
fn bookstore_crud_tutorial() {
    let (mut db, log) = db_with_log();
    define_books(&mut db);
    db.sync(SyncOptions { force: true, ..Default::default() }).unwrap();
    assert_eq!(
        log.sql(),
        [
            "DROP TABLE IF EXISTS `books`;",
            "PRAGMA foreign_keys = OFF;",
            "DROP TABLE IF EXISTS `books`;",
            "PRAGMA foreign_keys = ON;",
            "DROP TABLE IF EXISTS `books`;",
            "CREATE TABLE IF NOT EXISTS `books` (`id` INTEGER PRIMARY KEY AUTOINCREMENT, `title` VARCHAR(200) NOT NULL, `author` VARCHAR(100) NOT NULL, `price` DECIMAL(10,2), `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL);",
            "PRAGMA INDEX_LIST(`books`)",
        ]
    );
    log.clear();

    for (title, author, price) in [
        ("JavaScript: The Good Parts", "Douglas Crockford", 29.99),
        ("Eloquent JavaScript", "Marijn Haverbeke", 34.95),
        ("You Don't Know JS", "Kyle Simpson", 24.99),
    ] {
        db.create("Book", rec! { "title" => title, "author" => author, "price" => price }).unwrap();
    }
    assert_eq!(log.len(), 3, "one INSERT per create");
    assert_eq!(
        log.sql()[0],
        "INSERT INTO `books` (`id`, `title`, `author`, `price`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?, ?, ?) RETURNING `id`;"
    );
    let params = &log.events()[0].params;
    assert_eq!(
        params[..4],
        [Value::Null, Value::from("JavaScript: The Good Parts"), Value::from("Douglas Crockford"), Value::Float(29.99)]
    );

    let mut fourth = db
        .build("Book", rec! { "title" => "Node.js Design Patterns", "author" => "Mario Casciaro", "price" => 39.99 })
        .unwrap();
    assert!(fourth.value("id").is_null(), "before save the id is null");
    assert!(fourth.is_new_record);
    db.save(&mut fourth).unwrap();
    assert_eq!(fourth.value("id"), Value::Int(4));
    assert!(!fourth.is_new_record);

    log.clear();
    let all = db.find_all("Book", &FindOptions::new().order_by("id", Direction::Asc)).unwrap();
    assert_eq!(all.len(), 4);
    assert_eq!(all[0].value("price"), Value::Float(29.99));
    assert_eq!(
        log.sql(),
        ["SELECT `id`, `title`, `author`, `price`, `createdAt`, `updatedAt` FROM `books` AS `Book` ORDER BY `Book`.`id` ASC;"]
    );

    let cheap = db
        .find_all(
            "Book",
            &FindOptions::new().filter(Where::attr("price", Op::Lt, 30.0)).order_by("price", Direction::Asc),
        )
        .unwrap();
    assert_eq!(titles(&cheap), ["You Don't Know JS", "JavaScript: The Good Parts"]);
    let by_price = db.find_all("Book", &FindOptions::new().order_by("price", Direction::Desc)).unwrap();
    assert_eq!(
        titles(&by_price),
        ["Node.js Design Patterns", "Eloquent JavaScript", "JavaScript: The Good Parts", "You Don't Know JS"]
    );
    let second = db.find_by_pk("Book", 2, &FindOptions::new()).unwrap().unwrap();
    assert_eq!(second.value("title"), Value::from("Eloquent JavaScript"));

    log.clear();
    let mut first = db
        .find_one("Book", &FindOptions::new().filter(Where::eq("title", "JavaScript: The Good Parts")))
        .unwrap()
        .unwrap();
    first.set("price", Value::Float(32.99));
    assert_eq!(first.changed(), ["price"]);
    db.save(&mut first).unwrap();
    assert_eq!(verbs(&log), ["SELECT", "UPDATE"]);
    assert_eq!(log.sql()[0], "SELECT `id`, `title`, `author`, `price`, `createdAt`, `updatedAt` FROM `books` AS `Book` WHERE `Book`.`title` = ? LIMIT ?;");
    assert_eq!(
        log.sql()[1],
        "UPDATE `books` SET `price`=?, `updatedAt`=? WHERE `id` = ?;",
        "only the changed field and updatedAt"
    );
    db.save(&mut first).unwrap();
    assert_eq!(log.len(), 2, "saving an unchanged instance runs no statement");
    let reread = db.find_by_pk("Book", first.value("id"), &FindOptions::new()).unwrap().unwrap();
    assert_eq!(reread.value("price"), Value::Float(32.99));

    assert_eq!(db.count("Book", &FindOptions::new()).unwrap(), 4);
    let mut victim = db
        .find_one("Book", &FindOptions::new().filter(Where::attr("author", Op::Like, "%Casciaro%")))
        .unwrap()
        .unwrap();
    db.destroy_instance(&mut victim, false).unwrap();
    assert_eq!(db.count("Book", &FindOptions::new()).unwrap(), 3);
    let destroyed = db
        .destroy_where("Book", orm::DestroyOptions { filter: Some(Where::eq("id", 2)), ..Default::default() })
        .unwrap();
    assert_eq!(destroyed, 1);
    let remaining = db.find_all("Book", &FindOptions::new().order_by("id", Direction::Asc)).unwrap();
    let ids: Vec<Value> = remaining.iter().map(|b| b.value("id")).collect();
    assert_eq!(ids, [Value::Int(1), Value::Int(3)]);
}

//! The demo script the walking skeleton runs: a `Book` model on a fresh in-memory database,
//! three `create`s, a filtered and ordered `findAll`, an `update` and a `count`.
//!
//! It is plain Rust on the `orm` crate — no Leptos — so it runs (and is tested) natively as well
//! as in the browser. Every statement it causes is recorded through an [`orm::Recorder`], and the
//! statements that ran before a failure are kept, so the UI can show them next to the error.

use orm::{
    AttributeSpec, DataType, Database, Direction, FindOptions, Instance, ModelSpec, Op, QueryEvent, Record, Recorder,
    SyncOptions, Value, Where,
};

/// The books the demo creates: title, author, price.
pub const BOOKS: [(&str, &str, f64); 3] = [
    ("Dune", "Frank Herbert", 18.5),
    ("Structure and Interpretation of Computer Programs", "Abelson & Sussman", 55.0),
    ("The Hobbit", "J. R. R. Tolkien", 12.99),
];

/// The `findAll` keeps books cheaper than this.
pub const PRICE_LIMIT: f64 = 30.0;

/// One book as the demo shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// The primary key.
    pub id: Value,
    /// `title`.
    pub title: String,
    /// `author`.
    pub author: String,
    /// `price`, as SQLite gave it back.
    pub price: Value,
}

impl Book {
    fn from_instance(instance: &Instance) -> Book {
        let text = |name: &str| instance.value(name).to_js_string();
        Book { id: instance.value("id"), title: text("title"), author: text("author"), price: instance.value("price") }
    }
}

/// What the demo's ORM calls returned.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoResult {
    /// The books cheaper than [`PRICE_LIMIT`], cheapest first, as the `findAll` returned them.
    pub cheap_books: Vec<Book>,
    /// The book whose price the demo changed, after the `update`.
    pub updated: Option<Book>,
    /// What `count` returned at the end.
    pub count: i64,
}

/// One run of the demo: every statement that ran, and what the calls returned or the error
/// that stopped them.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoReport {
    /// Every statement that ran, in order, including any before a failure.
    pub events: Vec<QueryEvent>,
    /// The results, or the ORM error that stopped the script.
    pub outcome: Result<DemoResult, orm::Error>,
}

/// Runs the demo on a fresh in-memory database.
pub fn run_demo() -> DemoReport {
    run_recorded(script)
}

/// Runs `script` on a fresh in-memory database, recording every statement it causes.
fn run_recorded(script: impl FnOnce(&mut Database) -> Result<DemoResult, orm::Error>) -> DemoReport {
    let recorder = Recorder::new();
    let outcome = Database::open_in_memory().and_then(|mut db| {
        db.subscribe(recorder.subscriber());
        script(&mut db)
    });
    DemoReport { events: recorder.events(), outcome }
}

/// The script itself, as a learner would write it in Sequelize:
///
/// ```js
/// const Book = sequelize.define('Book', {
///   title: { type: DataTypes.STRING, allowNull: false },
///   author: DataTypes.STRING,
///   price: DataTypes.DECIMAL(10, 2),
/// });
/// await sequelize.sync();
/// for (const b of books) await Book.create(b);
/// const cheap = await Book.findAll({ where: { price: { [Op.lt]: 30 } }, order: [['price', 'ASC']] });
/// await cheap[0].update({ price: 9.99 });
/// const count = await Book.count();
/// ```
fn script(db: &mut Database) -> Result<DemoResult, orm::Error> {
    db.define(
        ModelSpec::new("Book")
            .attribute(AttributeSpec::new("title", DataType::String(None)).not_null())
            .attribute(AttributeSpec::new("author", DataType::String(None)))
            .attribute(AttributeSpec::new("price", DataType::Decimal(Some((10, 2))))),
    )?;
    db.sync(SyncOptions::default())?;
    for (title, author, price) in BOOKS {
        db.create("Book", record([("title", title.into()), ("author", author.into()), ("price", price.into())]))?;
    }
    let cheap = FindOptions::new()
        .filter(Where::attr("price", Op::Lt, PRICE_LIMIT))
        .order_by("price", Direction::Asc)
        .order_by("title", Direction::Asc);
    let mut found = db.find_all("Book", &cheap)?;
    let updated = match found.first_mut() {
        Some(first) => {
            db.update_instance(first, record([("price", Value::from(9.99))]))?;
            Some(Book::from_instance(first))
        }
        None => None,
    };
    let count = db.count("Book", &FindOptions::new())?;
    Ok(DemoResult { cheap_books: found.iter().map(Book::from_instance).collect(), updated, count })
}

fn record<const N: usize>(pairs: [(&str, Value); N]) -> Record {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_keyword(sql: &str) -> String {
        sql.split_whitespace().next().unwrap_or_default().to_ascii_uppercase()
    }

    #[test]
    fn demo_runs_the_expected_statements() {
        let report = run_demo();
        let result = report.outcome.expect("the demo runs without an ORM error");
        let keywords: Vec<String> = report.events.iter().map(|e| first_keyword(&e.sql)).collect();
        // sync looks the table up, creates it and lists its indexes, as Sequelize does.
        assert_eq!(
            keywords,
            ["SELECT", "CREATE", "PRAGMA", "INSERT", "INSERT", "INSERT", "SELECT", "UPDATE", "SELECT"]
        );
        assert!(report.events[1].sql.contains("CREATE TABLE"), "{}", report.events[1].sql);
        assert!(report.events.iter().all(|e| !e.failed));

        let select = &report.events[6];
        assert!(select.sql.contains("WHERE") && select.sql.contains('?'), "{}", select.sql);
        assert!(select.sql.contains("ORDER BY"), "{}", select.sql);
        assert_eq!(select.params, [Value::from(PRICE_LIMIT)]);
        assert_eq!(select.rows, 2);
        assert!(select.inlined_sql().contains("< 30"), "{}", select.inlined_sql());
        assert!(report.events[8].sql.to_ascii_lowercase().contains("count("), "{}", report.events[8].sql);

        let titles: Vec<&str> = result.cheap_books.iter().map(|b| b.title.as_str()).collect();
        assert_eq!(titles, ["The Hobbit", "Dune"]);
        let updated = result.updated.expect("a book was updated");
        assert_eq!(updated.title, "The Hobbit");
        assert_eq!(updated.price.as_f64(), Some(9.99));
        assert_eq!(result.count, 3);
    }

    #[test]
    fn an_orm_error_is_reported_with_the_statements_before_it() {
        let report = run_recorded(|db| {
            db.define(
                ModelSpec::new("Book").attribute(AttributeSpec::new("title", DataType::String(None)).not_null()),
            )?;
            db.sync(SyncOptions::default())?;
            db.create("Book", record([("title", Value::Null)]))?;
            unreachable!("create refuses a null title");
        });
        let err = report.outcome.expect_err("a validation error");
        assert_eq!(err.name(), "SequelizeValidationError");
        assert_eq!(report.events.len(), 3, "only sync's statements ran: the create was refused before SQL");
    }

    #[test]
    fn every_run_starts_from_a_fresh_database() {
        let first = run_demo();
        let second = run_demo();
        assert_eq!(first.events.len(), second.events.len());
        assert_eq!(second.outcome.map(|r| r.count).ok(), Some(3));
    }
}

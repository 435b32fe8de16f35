//! The products of `findAll`, `findByPk` and `bulkCreate`: a model with a STRING, an INTEGER, a
//! DOUBLE, a BOOLEAN and a DATE.

use orm::{AttributeSpec, DataType, Database, Instance, ModelSpec, Record, Value};
use rusqlite::Connection;

use super::{boolean, date, date_value, float, int, no_timestamps, text};
use crate::BenchResult;

/// 2026-01-01T00:00:00Z in milliseconds: the first `releasedAt`.
const BASE_MS: i64 = 1_767_225_600_000;

/// A product as the hand-written side reads it (table `Products`).
#[derive(Debug, Clone, PartialEq)]
pub struct Product {
    /// `id`.
    pub id: i64,
    /// `name` (STRING, not null).
    pub name: String,
    /// `stock` (INTEGER).
    pub stock: i64,
    /// `price` (DOUBLE).
    pub price: f64,
    /// `active` (BOOLEAN).
    pub active: bool,
    /// `releasedAt` (DATE), in milliseconds since the epoch.
    pub released_at: Option<i64>,
}

/// Every product, with the columns in the order [`Product::from_row`] reads them.
pub const SELECT_PRODUCTS: &str = "SELECT `id`, `name`, `stock`, `price`, `active`, `releasedAt` FROM `Products`";

impl Product {
    /// The `i`-th product of the data set (id not yet assigned: 0).
    pub fn nth(i: usize) -> Product {
        let n = i as i64;
        Product {
            id: 0,
            name: format!("Product {i:05}"),
            stock: (n * 7919) % 1000,
            price: ((n * 37) % 10_000) as f64 / 100.0,
            active: !i.is_multiple_of(3),
            released_at: Some(BASE_MS + n * 3_600_000 + n % 1000),
        }
    }

    /// The product as the values the ORM is given (`Product.create({...})`).
    pub fn to_record(&self) -> Record {
        Record::from([
            ("name".to_owned(), Value::from(self.name.as_str())),
            ("stock".to_owned(), Value::Int(self.stock)),
            ("price".to_owned(), Value::Float(self.price)),
            ("active".to_owned(), Value::Bool(self.active)),
            ("releasedAt".to_owned(), self.released_at.map_or(Value::Null, Value::Date)),
        ])
    }

    /// Reads a row of [`SELECT_PRODUCTS`], converting as the ORM does.
    pub fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Product> {
        Ok(Product {
            id: row.get(0)?,
            name: row.get(1)?,
            stock: row.get(2)?,
            price: row.get(3)?,
            active: row.get::<_, i64>(4)? != 0,
            released_at: date(row.get_ref(5)?),
        })
    }

    /// The same product from an ORM instance (for comparing the two sides).
    pub fn from_instance(i: &Instance) -> BenchResult<Product> {
        Ok(Product {
            id: int(i, "id")?,
            name: text(i, "name")?,
            stock: int(i, "stock")?,
            price: float(i, "price")?,
            active: boolean(i, "active")?,
            released_at: date_value(i, "releasedAt")?,
        })
    }

    /// Binds the product's columns (all but `id`) as Sequelize stores them.
    pub fn storage(&self) -> (String, i64, f64, i64, Option<String>) {
        (
            self.name.clone(),
            self.stock,
            self.price,
            i64::from(self.active),
            self.released_at.map(orm::datetime::format_sqlite),
        )
    }
}

/// Defines `Product` (name, stock, price, active, releasedAt).
pub fn define_products(db: &mut Database) -> BenchResult<()> {
    db.define(
        ModelSpec::new("Product")
            .attribute(AttributeSpec::new("name", DataType::String(None)).not_null())
            .attribute(AttributeSpec::new("stock", DataType::Integer))
            .attribute(AttributeSpec::new("price", DataType::Double))
            .attribute(AttributeSpec::new("active", DataType::Boolean))
            .attribute(AttributeSpec::new("releasedAt", DataType::Date))
            .options(no_timestamps()),
    )?;
    Ok(())
}

/// Inserts `n` products into both databases, the ORM's through `bulkCreate` and the other by
/// hand, so both hold the same rows with the same ids.
pub fn seed_products(db: &mut Database, conn: &mut Connection, n: usize) -> BenchResult<()> {
    let products: Vec<Product> = (0..n).map(Product::nth).collect();
    db.bulk_create("Product", products.iter().map(Product::to_record).collect())?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO `Products` (`name`, `stock`, `price`, `active`, `releasedAt`) VALUES (?, ?, ?, ?, ?)",
        )?;
        for p in &products {
            insert.execute(p.storage())?;
        }
    }
    tx.commit()?;
    Ok(())
}

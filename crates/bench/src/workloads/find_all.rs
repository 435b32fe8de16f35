//! `Product.findAll()` of every row, against a prepared `SELECT` that builds one owned
//! [`Product`] per row (booleans from 0/1, dates parsed from their text).

use orm::{Database, FindOptions, Instance};
use rusqlite::Connection;

use crate::data::{self, Product, SELECT_PRODUCTS};
use crate::harness::{measure, Config, Measurement, Side};
use crate::BenchResult;

/// The ORM side: `findAll` with no options.
pub struct Ours {
    /// The seeded database.
    pub db: Database,
}

impl Side for Ours {
    type Output = Vec<Instance>;

    fn run(&mut self) -> BenchResult<Vec<Instance>> {
        Ok(self.db.find_all("Product", &FindOptions::new())?)
    }
}

/// The hand-written side.
pub struct Anchor {
    /// The seeded connection.
    pub conn: Connection,
}

impl Side for Anchor {
    type Output = Vec<Product>;

    fn run(&mut self) -> BenchResult<Vec<Product>> {
        let mut select = self.conn.prepare_cached(SELECT_PRODUCTS)?;
        let products = select.query_map([], Product::from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(products)
    }
}

/// Seeds both sides with `rows` products.
pub fn setup(rows: usize) -> BenchResult<(Ours, Anchor)> {
    let mut db = data::orm_db(data::define_products)?;
    let mut conn = data::anchor_db(&data::ddl(&db)?)?;
    data::seed_products(&mut db, &mut conn, rows)?;
    Ok((Ours { db }, Anchor { conn }))
}

/// Sets up, checks that both sides read the same products, and measures.
pub fn run(sizes: &crate::workloads::Sizes, config: &Config) -> BenchResult<Measurement> {
    let (mut ours, mut anchor) = setup(sizes.rows)?;
    let found = ours.run()?.iter().map(Product::from_instance).collect::<BenchResult<Vec<_>>>()?;
    data::ensure_same("findAll", &found, &anchor.run()?, sizes.rows)?;
    measure(config, &mut ours, &mut anchor)
}

//! `Product.findByPk(id)` called once per key, against a cached prepared
//! `SELECT … WHERE id = ?` run once per key, each building an owned [`Product`].

use orm::{Database, FindOptions, Instance};
use rusqlite::{Connection, OptionalExtension};

use crate::data::{self, Product, SELECT_PRODUCTS};
use crate::harness::{measure, Config, Measurement, Side};
use crate::workloads::{find_all, Sizes};
use crate::BenchResult;

/// The keys looked up: `lookups` ids spread over `1..=rows`, in no particular order.
pub fn keys(rows: usize, lookups: usize) -> Vec<i64> {
    (0..lookups).map(|i| ((i * 7919) % rows.max(1)) as i64 + 1).collect()
}

/// The ORM side: one `findByPk` per key.
pub struct Ours {
    /// The seeded database.
    pub db: Database,
    /// The keys to look up.
    pub keys: Vec<i64>,
}

impl Side for Ours {
    type Output = Vec<Option<Instance>>;

    fn run(&mut self) -> BenchResult<Vec<Option<Instance>>> {
        let options = FindOptions::new();
        let mut found = Vec::with_capacity(self.keys.len());
        for &key in &self.keys {
            found.push(self.db.find_by_pk("Product", key, &options)?);
        }
        Ok(found)
    }
}

/// The hand-written side: one cached prepared statement, run once per key.
pub struct Anchor {
    /// The seeded connection.
    pub conn: Connection,
    /// The keys to look up.
    pub keys: Vec<i64>,
}

impl Side for Anchor {
    type Output = Vec<Option<Product>>;

    fn run(&mut self) -> BenchResult<Vec<Option<Product>>> {
        let sql = format!("{SELECT_PRODUCTS} WHERE `id` = ?");
        let mut found = Vec::with_capacity(self.keys.len());
        for &key in &self.keys {
            let mut select = self.conn.prepare_cached(&sql)?;
            found.push(select.query_row([key], Product::from_row).optional()?);
        }
        Ok(found)
    }
}

/// Sets up, checks that both sides find the same products, and measures.
pub fn run(sizes: &Sizes, config: &Config) -> BenchResult<Measurement> {
    let (ours, anchor) = find_all::setup(sizes.rows)?;
    let keys = keys(sizes.rows, sizes.lookups);
    let mut ours = Ours { db: ours.db, keys: keys.clone() };
    let mut anchor = Anchor { conn: anchor.conn, keys };
    let found: Vec<Product> =
        ours.run()?.iter().flatten().map(Product::from_instance).collect::<BenchResult<Vec<_>>>()?;
    let expected: Vec<Product> = anchor.run()?.into_iter().flatten().collect();
    data::ensure_same("findByPk", &found, &expected, sizes.lookups)?;
    measure(config, &mut ours, &mut anchor)
}

//! `Product.bulkCreate(rows)` into an empty table, against hand-written inserts in one
//! transaction. Both sides start from a fresh database each run (made outside the timed region)
//! and return the rows with the ids SQLite gave them.
//!
//! The hand-written side is the fastest of the obvious ways measured here: cached prepared
//! multi-row `INSERT … VALUES (…), (…) … RETURNING id` statements of [`BATCH`] rows, in one
//! transaction. (A cached prepared single-row `INSERT` per row with `last_insert_rowid()`, in one
//! transaction, took about 1.2× as long; batches of 25 to 100 rows were equally fast, 1,000 rows
//! slower, 5,000 slower than single rows.)

use orm::{Database, Instance, Record};

use crate::data::{self, FreshRows, Product, SELECT_PRODUCTS};
use crate::harness::{measure, Config, Measurement, Side};
use crate::workloads::Sizes;
use crate::BenchResult;

/// The ORM side: one `bulkCreate` of every row.
pub struct Ours {
    rows: Vec<Record>,
    db: Option<Database>,
    input: Vec<Record>,
}

impl Side for Ours {
    type Output = Vec<Instance>;

    fn prepare(&mut self) -> BenchResult<()> {
        self.db = Some(data::orm_db(data::define_products)?);
        self.input = self.rows.clone();
        Ok(())
    }

    fn run(&mut self) -> BenchResult<Vec<Instance>> {
        let db = self.db.as_mut().ok_or("prepare first")?;
        Ok(db.bulk_create("Product", std::mem::take(&mut self.input))?)
    }
}

/// Rows per `INSERT` statement of the hand-written side.
pub const BATCH: usize = 100;

/// The hand-written side.
pub struct Anchor {
    fresh: FreshRows<Product>,
}

impl Side for Anchor {
    type Output = Vec<Product>;

    fn prepare(&mut self) -> BenchResult<()> {
        self.fresh.prepare()
    }

    fn run(&mut self) -> BenchResult<Vec<Product>> {
        let (conn, mut products) = self.fresh.take()?;
        let tx = conn.transaction()?;
        let mut sql = (0, String::new());
        for chunk in products.chunks_mut(BATCH) {
            let released: Vec<Option<String>> =
                chunk.iter().map(|p| p.released_at.map(orm::datetime::format_sqlite)).collect();
            let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 5);
            for (p, released) in chunk.iter().zip(&released) {
                params.extend([&p.name as &dyn rusqlite::ToSql, &p.stock, &p.price, &p.active, released]);
            }
            if sql.0 != chunk.len() {
                let values = vec!["(?, ?, ?, ?, ?)"; chunk.len()].join(", ");
                sql = (
                    chunk.len(),
                    format!(
                        "INSERT INTO `Products` (`name`, `stock`, `price`, `active`, `releasedAt`) VALUES {values} RETURNING `id`"
                    ),
                );
            }
            let mut insert = tx.prepare_cached(&sql.1)?;
            let ids = insert.query_map(params.as_slice(), |row| row.get::<_, i64>(0))?;
            for (p, id) in chunk.iter_mut().zip(ids) {
                p.id = id?;
            }
        }
        tx.commit()?;
        Ok(products)
    }
}

/// The two sides, with the data set of `rows` products.
pub fn setup(rows: usize) -> BenchResult<(Ours, Anchor)> {
    let products: Vec<Product> = (0..rows).map(Product::nth).collect();
    let ddl = data::ddl(&data::orm_db(data::define_products)?)?;
    let ours = Ours { rows: products.iter().map(Product::to_record).collect(), db: None, input: Vec::new() };
    let anchor = Anchor { fresh: FreshRows::new(ddl, products) };
    Ok((ours, anchor))
}

/// Sets up, checks that both sides return and store the same rows, and measures.
pub fn run(sizes: &Sizes, config: &Config) -> BenchResult<Measurement> {
    let (mut ours, mut anchor) = setup(sizes.bulk_rows)?;
    ours.prepare()?;
    anchor.prepare()?;
    let created = ours.run()?.iter().map(Product::from_instance).collect::<BenchResult<Vec<_>>>()?;
    data::ensure_same("bulkCreate (returned)", &created, &anchor.run()?, sizes.bulk_rows)?;
    let db = ours.db.as_mut().ok_or("prepared")?;
    let stored = db.find_all("Product", &orm::FindOptions::new())?;
    let stored = stored.iter().map(Product::from_instance).collect::<BenchResult<Vec<_>>>()?;
    let conn = anchor.fresh.conn()?;
    let expected =
        conn.prepare(SELECT_PRODUCTS)?.query_map([], Product::from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    data::ensure_same("bulkCreate (stored)", &stored, &expected, sizes.bulk_rows)?;
    measure(config, &mut ours, &mut anchor)
}

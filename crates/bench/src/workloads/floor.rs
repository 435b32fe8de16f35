//! The ORM's own overhead on writes (issue 22): `create` and `bulkCreate` through the ORM against
//! the hand-written side running **the ORM's statements** — recorded from the ORM itself, with the
//! same checks and conversions as the hand-written workloads — instead of its own. What is left
//! between the two is what the ORM does in Rust: building instances, validating, binding, reading
//! back. (Against the hand-written side's own SQL, `create` and `bulkCreate` also pay for the
//! statements Sequelize runs — `INSERT … RETURNING`, a transaction — which no Rust can remove.)

use orm::{Database, Recorder};

use crate::data::{self, Account, FreshRows, Product};
use crate::harness::{measure, Config, Measurement, Side};
use crate::workloads::create::validate;
use crate::workloads::{bulk_create, create, Sizes};
use crate::BenchResult;

/// The statements the ORM ran for `work`, with their number of parameters.
pub fn recorded(
    define: fn(&mut Database) -> BenchResult<()>,
    work: impl FnOnce(&mut Database) -> BenchResult<()>,
) -> BenchResult<Vec<(String, usize)>> {
    let mut db = data::orm_db(define)?;
    let log = Recorder::new();
    db.subscribe(log.subscriber());
    work(&mut db)?;
    Ok(log.events().into_iter().map(|e| (e.sql, e.params.len())).collect())
}

/// `create`'s hand-written side running the ORM's `INSERT … RETURNING` (its `id` bound to null).
pub struct CreateFloor {
    fresh: FreshRows<Account>,
    sql: String,
}

impl Side for CreateFloor {
    type Output = Vec<Account>;

    fn prepare(&mut self) -> BenchResult<()> {
        self.fresh.prepare()
    }

    fn run(&mut self) -> BenchResult<Vec<Account>> {
        let (conn, mut created) = self.fresh.take()?;
        for account in &mut created {
            validate(account)?;
            let mut insert = conn.prepare_cached(&self.sql)?;
            let null = rusqlite::types::Null;
            account.id = insert.query_row((null, &account.username, &account.email, account.age), |r| r.get(0))?;
        }
        Ok(created)
    }
}

/// `bulkCreate`'s hand-written side running the ORM's statements: its transaction and its
/// multi-row `INSERT … RETURNING`s (their `id`s bound to null).
pub struct BulkFloor {
    fresh: FreshRows<Product>,
    statements: Vec<(String, usize)>,
}

impl Side for BulkFloor {
    type Output = Vec<Product>;

    fn prepare(&mut self) -> BenchResult<()> {
        self.fresh.prepare()
    }

    fn run(&mut self) -> BenchResult<Vec<Product>> {
        let (conn, mut products) = self.fresh.take()?;
        let mut rest = products.as_mut_slice();
        for (sql, count) in &self.statements {
            if *count == 0 {
                conn.execute_batch(sql)?;
                continue;
            }
            let (chunk, after) = std::mem::take(&mut rest).split_at_mut(count / 6);
            rest = after;
            let released: Vec<Option<String>> =
                chunk.iter().map(|p| p.released_at.map(orm::datetime::format_sqlite)).collect();
            let null = rusqlite::types::Null;
            let mut params: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(*count);
            for (p, released) in chunk.iter().zip(&released) {
                params.extend([&null as &dyn rusqlite::ToSql, &p.name, &p.stock, &p.price, &p.active, released]);
            }
            let mut insert = conn.prepare_cached(sql)?;
            let ids = insert.query_map(params.as_slice(), |row| row.get::<_, i64>(0))?;
            for (p, id) in chunk.iter_mut().zip(ids) {
                p.id = id?;
            }
        }
        Ok(products)
    }
}

/// `create` × N through the ORM against [`CreateFloor`]; both must return the same accounts.
pub fn run_create(sizes: &Sizes, config: &Config) -> BenchResult<Measurement> {
    let accounts: Vec<Account> = (0..sizes.creates).map(Account::nth).collect();
    let first = accounts.first().ok_or("no accounts")?.to_record();
    let sql = recorded(data::define_accounts, |db| db.create("Account", first).map(|_| ()).map_err(Into::into))?;
    let insert = sql.into_iter().find(|(s, _)| s.starts_with("INSERT")).ok_or("create ran no INSERT")?.0;
    let (mut ours, _) = create::setup(sizes.creates)?;
    let ddl = data::ddl(&data::orm_db(data::define_accounts)?)?;
    let mut floor = CreateFloor { fresh: FreshRows::new(ddl, accounts), sql: insert };
    ours.prepare()?;
    floor.prepare()?;
    let created = ours.run()?.iter().map(Account::from_instance).collect::<BenchResult<Vec<_>>>()?;
    data::ensure_same("create (floor)", &created, &floor.run()?, sizes.creates)?;
    measure(config, &mut ours, &mut floor)
}

/// `bulkCreate` of N rows through the ORM against [`BulkFloor`]; both must return the same rows.
pub fn run_bulk_create(sizes: &Sizes, config: &Config) -> BenchResult<Measurement> {
    let products: Vec<Product> = (0..sizes.bulk_rows).map(Product::nth).collect();
    let records = products.iter().map(Product::to_record).collect();
    let statements =
        recorded(data::define_products, |db| db.bulk_create("Product", records).map(|_| ()).map_err(Into::into))?;
    let (mut ours, _) = bulk_create::setup(sizes.bulk_rows)?;
    let ddl = data::ddl(&data::orm_db(data::define_products)?)?;
    let mut floor = BulkFloor { fresh: FreshRows::new(ddl, products), statements };
    ours.prepare()?;
    floor.prepare()?;
    let created = ours.run()?.iter().map(Product::from_instance).collect::<BenchResult<Vec<_>>>()?;
    data::ensure_same("bulkCreate (floor)", &created, &floor.run()?, sizes.bulk_rows)?;
    measure(config, &mut ours, &mut floor)
}

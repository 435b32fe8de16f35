//! How close the ORM can get to the hand-written side of `create` and `bulkCreate` while it
//! runs the statements Sequelize runs: the anchor's own code (same checks, same conversions,
//! same rusqlite calls), but running the ORM's statements, recorded from the ORM itself, instead
//! of its own. The ratio of that to the anchor is what the SQL alone costs; nothing the ORM does
//! in Rust can go below it.
//!
//! ```text
//! cargo run --release -p bench --example sql_floor
//! ```

use bench::data::{self, Account, FreshRows, Product};
use bench::harness::{measure, Config, Side};
use bench::workloads::create::validate;
use bench::BenchResult;
use orm::{Database, Recorder};

/// The statements the ORM ran for `work`, with their number of parameters.
fn recorded(define: fn(&mut Database) -> BenchResult<()>, work: impl FnOnce(&mut Database)) -> Vec<(String, usize)> {
    let mut db = data::orm_db(define).expect("database");
    let log = Recorder::new();
    db.subscribe(log.subscriber());
    work(&mut db);
    log.events().into_iter().map(|e| (e.sql, e.params.len())).collect()
}

/// `create`'s anchor running the ORM's `INSERT … RETURNING` (with its `id` bound to null).
struct CreateFloor {
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

/// `bulkCreate`'s anchor running the ORM's statements: its transaction and its multi-row
/// `INSERT … RETURNING`s (with their `id`s bound to null).
struct BulkFloor {
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

fn main() -> BenchResult<()> {
    let config = Config::full();
    let accounts: Vec<Account> = (0..1_000).map(Account::nth).collect();
    let create_sql = recorded(data::define_accounts, |db| {
        db.create("Account", accounts[0].to_record()).expect("create");
    });
    let (ours, anchor) = bench::workloads::create::setup(accounts.len())?;
    let ddl = data::ddl(&data::orm_db(data::define_accounts)?)?;
    let mut floor = CreateFloor { fresh: FreshRows::new(ddl, accounts), sql: create_sql[0].0.clone() };
    report("create × 1,000", &config, ours, anchor, &mut floor)?;

    let products: Vec<Product> = (0..10_000).map(Product::nth).collect();
    let statements = recorded(data::define_products, |db| {
        db.bulk_create("Product", products.iter().map(Product::to_record).collect()).expect("bulkCreate");
    });
    println!("bulkCreate runs: {:?}", statements.iter().map(|(s, n)| (&s[..s.len().min(40)], n)).collect::<Vec<_>>());
    let (ours, anchor) = bench::workloads::bulk_create::setup(products.len())?;
    let ddl = data::ddl(&data::orm_db(data::define_products)?)?;
    let mut floor = BulkFloor { fresh: FreshRows::new(ddl, products), statements };
    report("bulkCreate, 10,000 rows", &config, ours, anchor, &mut floor)
}

/// Measures the ORM and the floor, each against the anchor, and prints the ratios.
fn report<O: Side, A: Side, F: Side>(
    label: &str,
    config: &Config,
    mut ours: O,
    mut anchor: A,
    floor: &mut F,
) -> BenchResult<()> {
    let with_sql = measure(config, floor, &mut anchor)?;
    let orm = measure(config, &mut ours, &mut anchor)?;
    println!(
        "{label}: anchor with the ORM's SQL {:.2}× the anchor ({:?} / {:?}); the ORM {:.2}× ({:?} / {:?})",
        with_sql.ratio(),
        with_sql.ours,
        with_sql.anchor,
        orm.ratio(),
        orm.ours,
        orm.anchor
    );
    Ok(())
}

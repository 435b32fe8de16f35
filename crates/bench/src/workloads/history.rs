//! The cost of time travel (issue 21): `Product.bulkCreate` of every row into an empty table with
//! a recorder subscribed (as the playground always has) and [`orm::Database::set_history`] on,
//! against the same run with history off. Both sides are the ORM; each run starts from a fresh
//! database made outside the timed region.

use orm::log::Recorder;
use orm::{Database, Instance, Record};

use crate::data::{self, Product};
use crate::harness::{measure, Config, Measurement, Side};
use crate::workloads::Sizes;
use crate::BenchResult;

/// One side: `bulkCreate` with or without history.
pub struct Recorded {
    rows: Vec<Record>,
    input: Vec<Record>,
    db: Option<Database>,
    recorder: Recorder,
    history: bool,
}

impl Side for Recorded {
    type Output = Vec<Instance>;

    fn prepare(&mut self) -> BenchResult<()> {
        let mut db = data::orm_db(data::define_products)?;
        self.recorder = Recorder::new();
        db.subscribe(self.recorder.subscriber());
        db.set_history(self.history)?;
        db.begin_run();
        self.db = Some(db);
        self.input = self.rows.clone();
        Ok(())
    }

    fn run(&mut self) -> BenchResult<Vec<Instance>> {
        let db = self.db.as_mut().ok_or("prepare first")?;
        Ok(db.bulk_create("Product", std::mem::take(&mut self.input))?)
    }
}

fn side(rows: usize, history: bool) -> Recorded {
    let rows = (0..rows).map(Product::nth).map(|p| p.to_record()).collect();
    Recorded { rows, input: Vec::new(), db: None, recorder: Recorder::new(), history }
}

/// Sets up, checks that the recorded run has one step with a change per row (and the other no
/// history) and that both logged the same statements, and measures.
pub fn run(sizes: &Sizes, config: &Config) -> BenchResult<Measurement> {
    let (mut on, mut off) = (side(sizes.bulk_rows, true), side(sizes.bulk_rows, false));
    on.prepare()?;
    off.prepare()?;
    on.run()?;
    off.run()?;
    let (db_on, db_off) = (on.db.as_ref().ok_or("prepared")?, off.db.as_ref().ok_or("prepared")?);
    let history = db_on.history().ok_or("history is on")?;
    let inserted = history.steps.iter().flat_map(|s| &s.changes).filter(|c| c.values.is_some()).count();
    if history.steps.len() != 1
        || inserted != sizes.bulk_rows
        || db_off.history().is_some()
        || on.recorder.sql() != off.recorder.sql()
    {
        return Err(Box::from(format!(
            "history: {} steps, {inserted} rows recorded of {}; the logs differ: {}",
            history.steps.len(),
            sizes.bulk_rows,
            on.recorder.sql() != off.recorder.sql()
        )));
    }
    measure(config, &mut on, &mut off)
}

//! The cost of query plans (issue 19): `findByPk` × 1,000 with a recorder subscribed (as the
//! playground always has) and [`orm::Database::set_plans`] on, against the same run without plans.
//! Both sides are the ORM; the anchor is the run the page made before plans existed.

use orm::log::Recorder;
use orm::{FindOptions, Instance};

use crate::harness::{measure, Config, Measurement, Side};
use crate::workloads::{find_all, find_by_pk, Sizes};
use crate::BenchResult;

/// One side: `findByPk` per key on a database whose events are recorded, with or without plans.
pub struct Recorded {
    /// The seeded database, a recorder subscribed.
    pub db: orm::Database,
    /// What the subscriber keeps (cleared each run, as the page takes each run's events).
    pub recorder: Recorder,
    /// The keys to look up.
    pub keys: Vec<i64>,
}

impl Side for Recorded {
    type Output = Vec<Option<Instance>>;

    fn run(&mut self) -> BenchResult<Vec<Option<Instance>>> {
        self.recorder.clear();
        let options = FindOptions::new();
        let mut found = Vec::with_capacity(self.keys.len());
        for &key in &self.keys {
            found.push(self.db.find_by_pk("Product", key, &options)?);
        }
        Ok(found)
    }
}

fn side(rows: usize, keys: Vec<i64>, plans: bool) -> BenchResult<Recorded> {
    let (ours, _) = find_all::setup(rows)?;
    let mut db = ours.db;
    let recorder = Recorder::new();
    db.subscribe(recorder.subscriber());
    db.set_plans(plans);
    Ok(Recorded { db, recorder, keys })
}

/// Sets up, checks that the planned run has a plan on every statement (and the other none), and
/// measures.
pub fn run(sizes: &Sizes, config: &Config) -> BenchResult<Measurement> {
    let keys = find_by_pk::keys(sizes.rows, sizes.lookups);
    let mut planned = side(sizes.rows, keys.clone(), true)?;
    let mut plain = side(sizes.rows, keys, false)?;
    let found = planned.run()?.iter().flatten().count();
    let found_plain = plain.run()?.iter().flatten().count();
    let events = planned.recorder.events();
    let searched = events.iter().filter(|e| e.plan.iter().any(|s| s.detail.starts_with("SEARCH Product"))).count();
    if found != sizes.lookups
        || found_plain != found
        || searched != sizes.lookups
        || plain.recorder.events().iter().any(|e| !e.plan.is_empty())
    {
        return Err(Box::from(format!(
            "plans: found {found} and {found_plain} of {} rows; {searched} statements planned as a search",
            sizes.lookups
        )));
    }
    measure(config, &mut planned, &mut plain)
}

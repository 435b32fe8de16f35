//! The timing harness: warm-up, then interleaved runs of the two sides of a workload, and the
//! median time per run of each.
//!
//! The two sides alternate run by run, and which one goes first alternates too, so that noise on
//! a shared machine (another build, frequency changes) falls on both alike. What is timed is
//! [`Side::run`] and dropping what it returned (freeing the instances or structs a read built is
//! part of what reading them costs); [`Side::prepare`] (a fresh database for a write workload)
//! is not.

use std::hint::black_box;
use std::time::Duration;

// std's Instant natively; performance.now() on wasm32, where std's panics.
use web_time::Instant;

use crate::BenchResult;

/// How long and how often to measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Untimed pairs of runs before measuring.
    pub warmup: usize,
    /// Keep measuring pairs until this much wall time has passed …
    pub budget: Duration,
    /// … but measure at least this many pairs …
    pub min_iterations: usize,
    /// … and at most this many.
    pub max_iterations: usize,
}

impl Config {
    /// The full run: about two seconds per workload.
    pub fn full() -> Config {
        Config { warmup: 2, budget: Duration::from_secs(2), min_iterations: 5, max_iterations: 10_000 }
    }

    /// A quick run (smoke test, profiling): a quarter of a second per workload.
    pub fn quick() -> Config {
        Config { warmup: 1, budget: Duration::from_millis(250), min_iterations: 3, max_iterations: 10_000 }
    }

    /// Exactly `n` measured pairs, whatever the time.
    pub fn fixed(warmup: usize, n: usize) -> Config {
        Config { warmup, budget: Duration::ZERO, min_iterations: n.max(1), max_iterations: n.max(1) }
    }
}

/// One side of a workload: the ORM, or the hand-written rusqlite code.
pub trait Side {
    /// What one run builds (instances, structs); dropping it is timed with the run.
    type Output;

    /// Untimed preparation before each run; by default nothing (reads reuse one database).
    fn prepare(&mut self) -> BenchResult<()> {
        Ok(())
    }

    /// The timed work.
    fn run(&mut self) -> BenchResult<Self::Output>;
}

/// The medians of one workload.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measurement {
    /// Median time of one run through the ORM.
    pub ours: Duration,
    /// Median time of one run of the hand-written code.
    pub anchor: Duration,
    /// How many runs of each side were measured.
    pub iterations: usize,
}

impl Measurement {
    /// The ratio of the medians, ours / anchor.
    pub fn ratio(&self) -> f64 {
        self.ours.as_secs_f64() / self.anchor.as_secs_f64().max(f64::MIN_POSITIVE)
    }
}

/// Prepares and runs one side once; returns the time of the run and of dropping its output.
fn timed<S: Side>(side: &mut S) -> BenchResult<Duration> {
    side.prepare()?;
    let started = Instant::now();
    drop(black_box(side.run()?));
    Ok(started.elapsed())
}

/// Warms up, then measures `ours` and `anchor` in alternation as `config` says.
pub fn measure<A: Side, B: Side>(config: &Config, ours: &mut A, anchor: &mut B) -> BenchResult<Measurement> {
    for _ in 0..config.warmup {
        timed(ours)?;
        timed(anchor)?;
    }
    let started = Instant::now();
    let mut ours_times = Vec::new();
    let mut anchor_times = Vec::new();
    while ours_times.len() < config.max_iterations
        && (ours_times.len() < config.min_iterations || started.elapsed() < config.budget)
    {
        if ours_times.len() % 2 == 0 {
            ours_times.push(timed(ours)?);
            anchor_times.push(timed(anchor)?);
        } else {
            anchor_times.push(timed(anchor)?);
            ours_times.push(timed(ours)?);
        }
    }
    Ok(Measurement { ours: median(&mut ours_times), anchor: median(&mut anchor_times), iterations: ours_times.len() })
}

/// The median of some durations (the mean of the two middle ones for an even count).
pub fn median(times: &mut [Duration]) -> Duration {
    if times.is_empty() {
        return Duration::ZERO;
    }
    times.sort_unstable();
    let mid = times.len() / 2;
    if times.len() % 2 == 1 {
        times[mid]
    } else {
        (times[mid - 1] + times[mid]) / 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Counter(usize);

    impl Side for Counter {
        type Output = usize;
        fn run(&mut self) -> BenchResult<usize> {
            self.0 += 1;
            Ok(self.0)
        }
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        let ms = Duration::from_millis;
        assert_eq!(median(&mut [ms(3), ms(1), ms(2)]), ms(2));
        assert_eq!(median(&mut [ms(4), ms(1), ms(2), ms(3)]), Duration::from_micros(2500));
        assert_eq!(median(&mut []), Duration::ZERO);
    }

    #[test]
    fn fixed_config_runs_warmup_plus_n_of_each_side() {
        let (mut a, mut b) = (Counter(0), Counter(0));
        let m = measure(&Config::fixed(2, 3), &mut a, &mut b).unwrap();
        assert_eq!((m.iterations, a.0, b.0), (3, 5, 5));
    }
}

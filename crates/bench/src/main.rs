//! `bench`: runs every workload (or those `--only` names), then prints the table and the peak
//! memory. See `scripts/bench.sh`, which also prints the machine and the date.
//!
//! ```text
//! bench [--quick] [--iterations N] [--warmup N] [--budget SECONDS] [--only ID[,ID…]] [--json]
//! ```
//! `--json` prints one line of JSON per workload instead of the table, with the peak RSS of the
//! process so far (`peak_rss_kb`): `crates/bench/browser/wasm_vs_native.py` runs one workload
//! per process this way, beside the same workload in headless Chromium.
//! The environment variables `BENCH_QUICK=1`, `BENCH_ITERATIONS`, `BENCH_ONLY` do the same.
//! Workload ids: find-all, include-join, include-separate, bulk-create, find-by-pk, create, history (and the others of `workloads::all`).

use std::process::ExitCode;
use std::time::Duration;

use bench::harness::Config;
use bench::report::{self, Line};
use bench::workloads::{self, Sizes};
use bench::BenchResult;

/// What the command line asked for.
struct Args {
    config: Config,
    only: Option<Vec<String>>,
    json: bool,
}

/// The usage line.
const USAGE: &str =
    "usage: bench [--quick] [--iterations N] [--warmup N] [--budget SECONDS] [--only ID[,ID…]] [--json]\n\
    ids: find-all, include-join, include-separate, bulk-create, find-by-pk, create";

/// Reads the environment and the arguments; `None` when only help was asked for.
fn parse_args() -> BenchResult<Option<Args>> {
    let mut config =
        if std::env::var("BENCH_QUICK").is_ok_and(|v| v == "1") { Config::quick() } else { Config::full() };
    let mut iterations: Option<usize> = std::env::var("BENCH_ITERATIONS").ok().map(|v| v.parse()).transpose()?;
    let mut only = std::env::var("BENCH_ONLY").ok();
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--quick" => config = Config::quick(),
            "--iterations" => iterations = Some(value()?.parse()?),
            "--warmup" => config.warmup = value()?.parse()?,
            "--budget" => config.budget = Duration::from_secs_f64(value()?.parse()?),
            "--only" => only = Some(value()?),
            "--json" => json = true,
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(None);
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    if let Some(n) = iterations {
        config = Config::fixed(config.warmup, n);
    }
    let only = only.map(|list| list.split(',').map(|s| s.trim().to_owned()).collect());
    Ok(Some(Args { config, only, json }))
}

fn run() -> BenchResult<()> {
    let Some(args) = parse_args()? else { return Ok(()) };
    let sizes = Sizes::full();
    let mut lines = Vec::new();
    for workload in workloads::all() {
        if args.only.as_ref().is_some_and(|only| !only.iter().any(|id| id == workload.id)) {
            continue;
        }
        let label = (workload.label)(&sizes);
        eprint!("{label} … ");
        let measurement = (workload.run)(&sizes, &args.config)?;
        eprintln!("{} runs of each side", measurement.iterations);
        if args.json {
            let line = Line { label: label.clone(), kind: workload.kind, measurement };
            let peak = report::status_kb("VmHWM").map_or(-1.0, |kb| kb as f64);
            println!("{}", report::json_line(workload.id, &line, &[("peak_rss_kb", peak)]));
        }
        lines.push(Line { label, kind: workload.kind, measurement });
    }
    if lines.is_empty() {
        return Err("no workload matches --only".into());
    }
    if args.json {
        return Ok(());
    }
    println!();
    print!("{}", report::table(&lines));
    println!();
    println!("{}", report::peak_memory());
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench: {error}");
            ExitCode::FAILURE
        }
    }
}

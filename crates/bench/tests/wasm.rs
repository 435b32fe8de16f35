//! The workloads of `src/workloads` in headless Chromium (wasm32, SQLite from sqlite-wasm-rs),
//! for the wasm-against-native comparison of issue #6: `crates/bench/browser/wasm_vs_native.py`
//! builds this target in release mode and runs one test per workload (a fresh page, so a fresh
//! wasm memory, each time), beside the native `bench --only ID --json` of the same workload.
//!
//! Each test prints one line, `BENCH_JSON {…}` (see `bench::report::json_line`), with the medians
//! of both sides in the browser and the size of the wasm memory before the workload and after
//! it. Wasm memory only grows, so the size after is the high-water mark of the whole workload
//! (setup, both sides, every run) plus what the test harness itself holds.
//!
//! `full::ID` runs the workload as `bench` does (about two seconds of runs), `quick::ID` as
//! `bench --quick`. Nothing here asserts a time; none of these run in `scripts/test.sh`. By hand:
//!
//! ```text
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown \
//!     -p bench --test wasm -- --nocapture quick::find_all
//! ```
#![cfg(target_arch = "wasm32")]

use bench::harness::Config;
use bench::report::{self, Line};
use bench::workloads::{self, Sizes};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The current size of this module's linear memory, in bytes.
fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer: js_sys::ArrayBuffer = memory.buffer().unchecked_into();
    f64::from(buffer.byte_length())
}

/// Runs workload `id` at the full sizes and prints its line of JSON.
fn run(id: &str, config: Config) {
    let start = memory_bytes();
    let sizes = Sizes::full();
    let workload = workloads::all().into_iter().find(|w| w.id == id).expect("a known workload id");
    let measurement = (workload.run)(&sizes, &config).unwrap_or_else(|e| panic!("{id}: {e}"));
    let line = Line { label: (workload.label)(&sizes), kind: workload.kind, measurement };
    let memory = [("wasm_memory_start_bytes", start), ("wasm_memory_bytes", memory_bytes())];
    console_log!("BENCH_JSON {}", report::json_line(id, &line, &memory));
}

/// One test per workload in `mod full` and in `mod quick`.
macro_rules! tests {
    ($($name:ident => $id:literal),* $(,)?) => {
        mod full {
            use wasm_bindgen_test::wasm_bindgen_test;
            $(#[wasm_bindgen_test] fn $name() { super::run($id, super::Config::full()) })*
        }
        mod quick {
            use wasm_bindgen_test::wasm_bindgen_test;
            $(#[wasm_bindgen_test] fn $name() { super::run($id, super::Config::quick()) })*
        }
    };
}

tests! {
    find_all => "find-all",
    include_join => "include-join",
    include_separate => "include-separate",
    bulk_create => "bulk-create",
    find_by_pk => "find-by-pk",
    create => "create",
}

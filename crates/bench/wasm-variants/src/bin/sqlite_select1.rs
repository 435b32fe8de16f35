//! The start-up anchor of issue #6, and SQLite's share of the payload: only SQLite in wasm
//! (rusqlite on sqlite-wasm-rs, the same SQLite build as the site, `.cargo/config.toml`),
//! opening an in-memory database and running `SELECT 1`, nothing else.
//! `crates/bench/browser/startup.py` builds it (release, wasm-bindgen `--target web`, wasm-opt as
//! the site's), serves it beside a copy of `dist/` and times navigation to the end of `main`
//! against navigation to the first lesson's results; `crates/bench/browser/payload.py` weighs it.
//! Natively it does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
    let conn = rusqlite::Connection::open_in_memory().expect("an in-memory SQLite database");
    let one: i64 = conn.query_row("SELECT 1", [], |row| row.get(0)).expect("SELECT 1");
    // The page reads this to know SQLite really answered.
    js_sys::Reflect::set(&js_sys::global(), &"__anchorResult".into(), &wasm_bindgen::JsValue::from(one as f64))
        .expect("a global to write to");
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

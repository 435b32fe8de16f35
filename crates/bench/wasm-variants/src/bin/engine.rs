//! The playground's wasm without its UI: what `crates/playground`'s main does in the engine's
//! worker (install the JavaScript API: SQLite, the ORM core, the engine and its shell), and no
//! Leptos page. `crates/bench/browser/payload.py` weighs it to split the site's payload into
//! SQLite, ORM + API and UI. Natively it does nothing.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    if let Err(err) = orm_js::install() {
        web_sys::console::error_2(&"the JavaScript API failed to install:".into(), &err);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

//! The playground binary. In the browser (the `wasm32` build Trunk makes) the same wasm runs
//! twice: on the page it mounts the [`playground::App`]; in the engine's worker (started by
//! `web/bridge.js`, where there is no `document`) it installs the JavaScript API. Natively it
//! only lists the lessons: the playground is a web page (`scripts/serve.sh`).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    let on_page = js_sys::Reflect::has(&js_sys::global(), &"document".into()).unwrap_or(false);
    if on_page {
        leptos::mount::mount_to_body(playground::App);
    } else if let Err(err) = orm_js::install() {
        // The worker reports a missing API to the page (web/engine-worker.js); this says why.
        web_sys::console::error_2(&"the JavaScript API failed to install:".into(), &err);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!("The ORM playground is a web page: scripts/serve.sh builds it and serves http://127.0.0.1:8080");
    println!("Lessons:");
    for lesson in playground::lessons::LESSONS {
        println!("  {:<12} {}", lesson.id, lesson.title);
    }
}

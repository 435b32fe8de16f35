//! The playground binary. In the browser (the `wasm32` build Trunk makes) it mounts the
//! [`playground::App`] on the page; natively, `cargo run -p playground` runs the same demo and
//! prints its statements, which is handy when working on the ORM without a browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(playground::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use playground::{demo, display};

    let report = demo::run_demo();
    for event in &report.events {
        println!("-- {} · {} · {}", display::origin(event), display::rows(event), display::duration(event.duration));
        println!("{}", event.inlined_sql());
    }
    println!("-- {}", display::statement_count(report.events.len()));
    match report.outcome {
        Ok(result) => {
            for book in &result.cheap_books {
                println!("{} by {} ({})", book.title, book.author, book.price);
            }
            println!("count: {}", result.count);
        }
        Err(err) => {
            eprintln!("{err}");
            std::process::exit(1);
        }
    }
}

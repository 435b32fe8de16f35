//! The playground binary. In the browser (the `wasm32` build Trunk makes) the same wasm runs
//! twice: on the page it mounts the [`playground::App`]; in the engine's worker (started by
//! `web/bridge.js`, where there is no `document`) it installs the JavaScript API. Natively it
//! checks lesson files and prints a lesson's code: the playground is a web page (`scripts/serve.sh`).

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

/// Natively: checks lesson files as the page reads them, for a tutorial author —
/// `cargo run -p playground -- public/lessons` (a folder with an `index.json`, or `.md` files) —
/// or prints a lesson's code (`--code FILE.md`, `--fixed FILE.md`).
#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        println!("The ORM playground is a web page: scripts/serve.sh builds it and serves http://127.0.0.1:8080");
        println!("To check lesson files: cargo run -p playground -- public/lessons   (or some-lesson.md ...)");
        println!("A lesson's code:       cargo run -p playground -- --code public/lessons/nplus1.md   (or --fixed)");
        return std::process::ExitCode::SUCCESS;
    }
    // `--code FILE.md` / `--fixed FILE.md`: the lesson's code, to run it under real Sequelize
    // (tests/parity/README.md).
    let words: Vec<&str> = orm::collect::map_vec(args.iter(), String::as_str);
    if let [flag @ ("--code" | "--fixed"), file] = words.as_slice() {
        let lesson = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"));
        let code = lesson.and_then(|text| playground::lessons::Lesson::parse(file, &text)).map(|lesson| match *flag {
            "--code" => Some(lesson.code),
            _ => lesson.fixed,
        });
        return match code {
            Ok(Some(code)) => {
                print!("{code}");
                std::process::ExitCode::SUCCESS
            }
            Ok(None) => {
                eprintln!("error: {file} has no ```js fixed block");
                std::process::ExitCode::FAILURE
            }
            Err(problem) => {
                eprintln!("error: {problem}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    let read_file = |file: String| {
        let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"));
        (file, text)
    };
    let mut read = Vec::new();
    for arg in &args {
        let index = std::path::Path::new(arg).join("index.json");
        if !index.is_file() {
            read.push(read_file(arg.clone()));
            continue;
        }
        let listed = std::fs::read_to_string(&index)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<Vec<String>>(&text).map_err(|e| e.to_string()));
        match listed {
            Ok(names) => read.extend(names.into_iter().map(|name| read_file(format!("{arg}/{name}")))),
            Err(problem) => read.push((index.display().to_string(), Err(format!("{}: {problem}", index.display())))),
        }
    }
    let (lessons, problems) = playground::lessons::read_all(read);
    for lesson in &lessons {
        println!("ok  {:<14} {} ({} checks)", lesson.id, lesson.title, lesson.checks.len());
    }
    for problem in &problems {
        eprintln!("error: {problem}");
    }
    if problems.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}

//! Concatenates the shell (`js/shell/*.js`, in name order), compacts it (see `compact_js.rs`)
//! and writes it to `$OUT_DIR/shell.js`, which `src/lib.rs` embeds.

#[path = "compact_js.rs"]
mod compact_js;

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("js/shell");
    println!("cargo::rerun-if-changed=js/shell");
    println!("cargo::rerun-if-changed=compact_js.rs");
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("js/shell is readable")
        .map(|entry| entry.expect("js/shell lists").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "js"))
        .collect();
    files.sort();
    let mut source = String::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        source.push_str(&fs::read_to_string(file).expect("shell file is UTF-8"));
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("shell.js");
    fs::write(out, compact_js::compact_js(&source)).expect("OUT_DIR is writable");
}

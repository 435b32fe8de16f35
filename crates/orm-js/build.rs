//! Concatenates the shell (`js/shell/*.js`, in name order) into `$OUT_DIR/shell.js`, which
//! `src/lib.rs` embeds, made smaller for the download:
//! - with `ORM_JS_TERSER` set to a terser executable (the scripts set it to the one
//!   `scripts/install-tools.sh` installs), minified by terser: names mangled except class and
//!   function names (`inspect` prints them) and `createEngine`; the `//# sourceURL` line kept;
//! - otherwise compacted (see `compact_js.rs`): comment lines and indentation dropped.

#[path = "compact_js.rs"]
mod compact_js;

use std::{env, fs, path::Path, process::Command};

fn main() {
    println!("cargo::rerun-if-changed=js/shell");
    println!("cargo::rerun-if-changed=compact_js.rs");
    println!("cargo::rerun-if-env-changed=ORM_JS_TERSER");
    let mut files: Vec<_> = fs::read_dir("js/shell")
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
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out_dir).join("shell.js");
    match env::var("ORM_JS_TERSER").ok().filter(|t| !t.is_empty()) {
        Some(terser) => {
            let input = Path::new(&out_dir).join("shell.source.js");
            fs::write(&input, &source).expect("OUT_DIR is writable");
            let status = Command::new(&terser)
                .arg(&input)
                .args(["--parse", "bare_returns", "--toplevel", "--compress", "passes=2", "--mangle"])
                .args(["reserved=['createEngine']", "--keep-classnames", "--keep-fnames", "--comments", "/sourceURL/"])
                .arg("--output")
                .arg(&out)
                .status()
                .unwrap_or_else(|e| panic!("ORM_JS_TERSER={terser} could not run: {e}"));
            assert!(status.success(), "terser ({terser}) failed on the shell: {status}");
        }
        None => fs::write(out, compact_js::compact_js(&source)).expect("OUT_DIR is writable"),
    }
}

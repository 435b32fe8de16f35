//! Concatenates the shell (`js/shell/*.js`, in name order) into `$OUT_DIR/shell.js`, which
//! `src/lib.rs` embeds, made smaller for the download:
//! - with `ORM_JS_TERSER` set to a terser executable (the scripts set it to the one
//!   `scripts/install-tools.sh` installs), minified by terser: names mangled except class names,
//!   [`VISIBLE_FUNCTIONS`] and `createEngine`; the `//# sourceURL` line kept;
//! - otherwise compacted (see `compact_js.rs`): comment lines and indentation dropped.

#[path = "compact_js.rs"]
mod compact_js;

use std::{env, fs, path::Path, process::Command};

/// The shell's functions whose names learner code can see (`console.log(Sequelize.fn)` prints
/// `[Function: fn]`, as in Node): terser keeps these names and mangles the others, which saves
/// 0.6 KB of the download. `tests/e2e/playground.py` checks what learner code sees.
const VISIBLE_FUNCTIONS: &str =
    "/^(fn|col|literal|where|cast|json|and|or|not|require|format|inspect|DEFAULT_LOGGING)$/";

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
                .args(["--parse", "bare_returns", "--toplevel", "--keep-classnames", "--comments", "/sourceURL/"])
                .args(["--compress", &format!("passes=2,keep_fnames={VISIBLE_FUNCTIONS}")])
                .args(["--mangle", &format!("reserved=['createEngine'],keep_fnames={VISIBLE_FUNCTIONS}")])
                .arg("--output")
                .arg(&out)
                .status()
                .unwrap_or_else(|e| panic!("ORM_JS_TERSER={terser} could not run: {e}"));
            assert!(status.success(), "terser ({terser}) failed on the shell: {status}");
        }
        None => fs::write(out, compact_js::compact_js(&source)).expect("OUT_DIR is writable"),
    }
}

//! Shrinks the JavaScript shell before it is embedded in the wasm: drops whole-line comments
//! (`//`, `/* … */`, `/** … */`), blank lines and indentation. Nothing inside a line changes, so
//! strings, regular expressions and template literals keep their meaning; `//# sourceURL` lines
//! stay (the shell's stack filtering needs them). The shell has no template literal whose text
//! spans lines (a unit test in `src/tests.rs` checks that), so indentation is always code.
//! Shared by `build.rs` and the crate's tests.

/// The shell source without comment-only lines, blank lines and indentation.
pub fn compact_js(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut in_block_comment = false;
    for line in source.lines() {
        let code = line.trim();
        if in_block_comment {
            in_block_comment = !code.contains("*/");
            continue;
        }
        if code.is_empty() || (code.starts_with("//") && !code.starts_with("//#")) {
            continue;
        }
        if code.starts_with("/*") {
            match code.find("*/") {
                // A comment followed by code on the same line keeps the code.
                Some(end) if !code[end + 2..].trim().is_empty() => {
                    out.push_str(code[end + 2..].trim());
                    out.push('\n');
                }
                Some(_) => {}
                None => in_block_comment = true,
            }
            continue;
        }
        out.push_str(code);
        out.push('\n');
    }
    out
}

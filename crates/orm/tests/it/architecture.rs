//! The core's module layers, checked: `src/lib.rs` lists the modules under `// Layer N:`
//! headers, and every `crate::` path in a module's code (its tests aside) must name a module of
//! the same layer or a lower one, with no circle among the modules. The compiler checks the
//! visibility (`pub(crate)`); this checks the direction.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Each module of `lib.rs` with its layer number, in the order listed.
fn layers(lib: &str) -> Vec<(String, u32)> {
    layers_and_limits(lib).0
}

/// The modules with their layers, in the order listed.
type Layers = Vec<(String, u32)>;
/// The layers whose header says which modules alone they may use (`(uses only: log, plan)`).
type Limits = BTreeMap<u32, Vec<String>>;

/// What `lib.rs` declares: the modules' layers and the layers' limits.
fn layers_and_limits(lib: &str) -> (Layers, Limits) {
    let mut layer = None;
    let mut modules = Vec::new();
    let mut limits = BTreeMap::new();
    for line in lib.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("// Layer ") {
            let number = rest.split(':').next().unwrap_or_default();
            layer = Some(number.parse::<u32>().unwrap_or_else(|_| panic!("a layer header without a number: {line}")));
        }
        if let (Some(layer), Some(i)) = (layer, line.find("(uses only: ").filter(|_| line.starts_with("//"))) {
            let list = line[i + "(uses only: ".len()..].split(')').next().unwrap_or_default();
            limits.insert(layer, list.split(',').map(|m| m.trim().to_owned()).collect::<Vec<_>>());
        }
        if let Some(name) = line.strip_prefix("pub mod ").or_else(|| line.strip_prefix("mod ")) {
            let name = name.trim_end_matches(';').to_owned();
            let layer = layer.unwrap_or_else(|| panic!("module {name} is listed before any `// Layer N:` header"));
            modules.push((name, layer));
        }
    }
    (modules, limits)
}

/// The source files of a module: `src/name.rs`, or every file under `src/name/` except tests.
fn files_of(src: &Path, module: &str) -> Vec<PathBuf> {
    let file = src.join(format!("{module}.rs"));
    if file.exists() {
        return vec![file];
    }
    let mut out = Vec::new();
    let mut dirs = vec![src.join(module)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "tests") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") && path.file_stem().is_some_and(|s| s != "tests") {
                out.push(path);
            }
        }
    }
    out
}

/// The code of a file without its comments and its test module.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines().map(|line| line.find("//").map_or(line, |i| &line[..i])).collect::<Vec<_>>().join("\n")
}

/// The first segment of every `crate::` path: `crate::a::b` and `crate::{a, b::c}` alike.
fn used_modules(code: &str) -> Vec<String> {
    let name = |s: &str| -> String { s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect() };
    let mut out = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's top level.
            let (mut depth, mut start) = (0, true);
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        out.push(name(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(name(rest));
        }
    }
    out
}

#[test]
fn modules_use_only_their_own_layer_or_lower_ones_and_no_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let (layers, limits) = layers_and_limits(&lib);
    let layers: BTreeMap<String, u32> = layers.into_iter().collect();
    assert!(layers.len() > 30, "lib.rs lists the core's modules under layer headers: {layers:?}");

    let mut uses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut upward = Vec::new();
    for (module, layer) in &layers {
        let files = files_of(&src, module);
        assert!(!files.is_empty(), "module {module} has no source file");
        let mut used: Vec<String> = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for other in used_modules(&code(&text)) {
                let Some(other_layer) = layers.get(&other) else { continue };
                if other == *module || used.contains(&other) {
                    continue;
                }
                if other_layer > layer {
                    upward.push(format!("{} (layer {layer}) uses {other} (layer {other_layer})", file.display()));
                }
                if limits.get(layer).is_some_and(|allowed| other_layer != layer && !allowed.contains(&other)) {
                    upward.push(format!(
                        "{} (layer {layer}) uses {other}, which its `uses only:` list leaves out",
                        file.display()
                    ));
                }
                used.push(other);
            }
        }
        uses.insert(module, used);
    }
    assert!(upward.is_empty(), "modules using what their layer may not:\n{}", upward.join("\n"));

    // A circle: a depth-first walk that comes back to a module on its own path.
    fn walk<'a>(
        module: &'a str,
        uses: &'a BTreeMap<&str, Vec<String>>,
        path: &mut Vec<&'a str>,
        done: &mut Vec<&'a str>,
    ) -> Option<String> {
        if let Some(i) = path.iter().position(|m| *m == module) {
            return Some(format!("{} -> {module}", path[i..].join(" -> ")));
        }
        if done.contains(&module) {
            return None;
        }
        path.push(module);
        for next in uses.get(module).into_iter().flatten() {
            if let Some(circle) = walk(next, uses, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.push(module);
        None
    }
    let mut done = Vec::new();
    for module in uses.keys() {
        if let Some(circle) = walk(module, &uses, &mut Vec::new(), &mut done) {
            panic!("an import circle among the core's modules: {circle}");
        }
    }
}

#[test]
fn the_checker_sees_grouped_and_plain_paths() {
    let code = code("use crate::{a::X, b};\n// crate::commented\nfn f() { crate::c::g(); }\n");
    assert_eq!(used_modules(&code), ["a", "b", "c"]);
    assert_eq!(layers("// Layer 2: x\nmod a;\npub mod b;\n"), [("a".to_owned(), 2), ("b".to_owned(), 2)]);
    let (_, limits) = layers_and_limits("// Layer 3: y — z\n// (uses only: a, b).\nmod c;\n");
    assert_eq!(limits[&3], ["a", "b"]);
}

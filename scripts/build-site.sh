#!/usr/bin/env bash
# Builds the site into dist/ (release, wasm-opt -Oz): what the e2e tests and any static host use.
#   scripts/build-site.sh               # tools must be installed (scripts/install-tools.sh)
#   scripts/build-site.sh --plain-wasm  # the wasm not precompressed (a host that serves Brotli)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# npm's wasm-opt first: Debian's wasm-opt 108 produces a module that fails at start-up. Trunk
# runs it through scripts/trunk/wasm-opt, which also puts the functions in an order gzip
# compresses better (Rust's sorted by name: about 20 KB less gzipped, same code).
export PATH="$root/scripts/trunk:$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The JavaScript API's shell is minified by terser when it is compiled (crates/orm-js/build.rs).
export ORM_JS_TERSER="$root/.tools/node_modules/.bin/terser"

[ -x "$root/.tools/node_modules/.bin/wasm-opt" ] || { echo "build-site: .tools has no wasm-opt; run scripts/install-tools.sh" >&2; exit 1; }
for tool in trunk wasm-bindgen wasm-opt terser zopfli; do
  command -v "$tool" >/dev/null || { echo "build-site: $tool not found; run scripts/install-tools.sh" >&2; exit 1; }
done

# --plain-wasm: leave the wasm uncompressed, for a host that serves Brotli (README).
plain_wasm=false
args=()
for arg in "$@"; do
  if [ "$arg" = --plain-wasm ]; then plain_wasm=true; else args+=("$arg"); fi
done

trunk build --release --minify ${args[@]+"${args[@]}"}
# Trunk leaves the JavaScript as written: minify it (and keep index.html's integrity hashes right).
python3 scripts/minify-dist.py dist
# A SQLite option that leaves a C function undefined makes the wasm import it from "env", and the
# page fails at start-up ("Failed to resolve module specifier env"): refuse such a build.
# (Some SQLITE_OMIT_* options only work when SQLite's parser is generated again, which the
# amalgamation is not: ATTACH, VACUUM and REINDEX left undefined symbols that only this finds.)
if ! python3 scripts/wasm-imports.py --refuse env dist/*_bg.wasm; then
  echo "build-site: the wasm imports from \"env\" (an undefined C symbol; check the SQLite options in .cargo/config.toml)" >&2
  exit 1
fi
# The wasm ships zopfli-compressed for gzip hosts, inflated by the browser as it streams in.
if [ "$plain_wasm" = false ]; then
  python3 scripts/precompress-wasm.py dist
fi
echo "build-site: built $(du -sh dist | cut -f1) into dist/"

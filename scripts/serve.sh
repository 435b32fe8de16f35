#!/usr/bin/env bash
# Installs what is missing (scripts/install-tools.sh skips what is there), then serves the
# playground with live reload at http://127.0.0.1:8080 (release build, as in production).
#   scripts/serve.sh [extra trunk serve options]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/install-tools.sh"
# npm's wasm-opt first: Debian's wasm-opt 108 produces a module that fails at start-up.
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The JavaScript API's shell is minified by terser when it is compiled (crates/orm-js/build.rs).
export ORM_JS_TERSER="$root/.tools/node_modules/.bin/terser"

exec trunk serve --release "$@"

#!/usr/bin/env bash
# Installs what is missing (scripts/install-tools.sh skips what is there), builds the site (release,
# minified, exactly what the tests check) and serves dist/ at http://127.0.0.1:8080.
#   scripts/serve.sh [extra trunk build options]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/install-tools.sh"
# npm's wasm-opt first: Debian's wasm-opt 108 produces a module that fails at start-up.
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The JavaScript API's shell is minified by terser when it is compiled (crates/orm-js/build.rs).
export ORM_JS_TERSER="$root/.tools/node_modules/.bin/terser"

# Build exactly what the tests check (scripts/build-site.sh: Trunk, then the JavaScript minified)
# and serve dist/ as any static host would. While working on the UI, `trunk serve` rebuilds on
# every change instead (with the tools above on PATH).
"$root/scripts/build-site.sh" "$@"
echo "serve: http://127.0.0.1:8080 (Ctrl+C stops)"
exec python3 -m http.server 8080 --bind 127.0.0.1 --directory "$root/dist"

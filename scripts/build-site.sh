#!/usr/bin/env bash
# Builds the site into dist/ (release, wasm-opt -Oz): what the e2e tests and any static host use.
#   scripts/build-site.sh            # tools must be installed (scripts/install-tools.sh)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# npm's wasm-opt first: Debian's wasm-opt 108 produces a module that fails at start-up.
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

for tool in trunk wasm-bindgen wasm-opt; do
  command -v "$tool" >/dev/null || { echo "build-site: $tool not found; run scripts/install-tools.sh" >&2; exit 1; }
done

trunk build --release "$@"
echo "build-site: built $(du -sh dist | cut -f1) into dist/"

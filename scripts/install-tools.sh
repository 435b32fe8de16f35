#!/usr/bin/env bash
# Installs what building and testing the playground needs, and skips what is already there.
# Safe to run again: every step checks first. Versions are pinned here and in Trunk.toml.
#
#   clang, llvm            compile SQLite (sqlite-wasm-rs) for wasm32
#   zopfli                 precompresses the site's wasm (scripts/precompress-wasm.py; its Python module too)
#   chromium, chromedriver headless browser for wasm-bindgen-test and the UI tests
#   wasm32 target          rustup
#   trunk                  builds and serves the site
#   wasm-bindgen-cli       the exact version Cargo.lock pins (wasm-bindgen-test-runner too)
#   wasm-opt (binaryen)    from npm: Debian's wasm-opt 108 breaks the module, see ../shared/TOOLCHAIN.md
#   terser, axe-core       from npm: minifying the JavaScript; the UI tests' accessibility audit
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
TERSER_VERSION=5.51.2
AXE_VERSION=4.14.1
TOOLS_DIR="$root/.tools"

say() { printf '\033[1m[install-tools]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root for: $*"; return 1; fi
}

# --- Debian packages -------------------------------------------------------------------------
missing=()
command -v clang >/dev/null || missing+=(clang)
command -v llvm-ar >/dev/null || missing+=(llvm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v gzip >/dev/null || missing+=(gzip)
command -v zopfli >/dev/null || missing+=(zopfli)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# zopfli's Python module: precompress-wasm.py splits the deflate stream into unlimited blocks
# with it (the command line caps them at 15; about 0.9 KB more, docs/size.md).
if ! python3 -c 'import zopfli.zopfli' 2>/dev/null; then
  say "pip install zopfli==0.4.3"
  python3 -m pip install -q zopfli==0.4.3
fi

# --- Rust target ------------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# --- Trunk -------------------------------------------------------------------------------------
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "cargo install trunk $TRUNK_VERSION (about 8 minutes once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# --- wasm-bindgen-cli at the version Cargo.lock pins ------------------------------------------
wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$root/Cargo.lock")"
if [ -z "$wb_version" ]; then say "Cargo.lock names no wasm-bindgen version"; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  say "cargo install wasm-bindgen-cli $wb_version (about 6 minutes once)"
  # no --locked: its lock file names a crate version the registry lacks (TOOLCHAIN.md)
  cargo install wasm-bindgen-cli --version "=$wb_version"
fi

# --- wasm-opt from npm's binaryen ----------------------------------------------------------------
if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
  say "npm install binaryen@$BINARYEN_VERSION into .tools/"
  mkdir -p "$TOOLS_DIR"
  (cd "$TOOLS_DIR" && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
    && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION")
fi

# --- terser from npm: minifies the JavaScript API's shell (orm-js build.rs) and the page's JS ----
if ! "$TOOLS_DIR/node_modules/.bin/terser" --version 2>/dev/null | grep -q "terser $TERSER_VERSION\$"; then
  say "npm install terser@$TERSER_VERSION into .tools/"
  mkdir -p "$TOOLS_DIR"
  (cd "$TOOLS_DIR" && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
    && npm install --no-audit --no-fund --silent "terser@$TERSER_VERSION")
fi

# --- axe-core from npm: the accessibility audit of the UI tests (tests/e2e) ----------------------
if ! grep -qs "\"version\": \"$AXE_VERSION\"" "$TOOLS_DIR/node_modules/axe-core/package.json"; then
  say "npm install axe-core@$AXE_VERSION into .tools/"
  mkdir -p "$TOOLS_DIR"
  (cd "$TOOLS_DIR" && { [ -f package.json ] || echo '{"private":true}' > package.json; } \
    && npm install --no-audit --no-fund --silent "axe-core@$AXE_VERSION")
fi

say "tools ready: $(trunk --version), $(wasm-bindgen --version), $("$TOOLS_DIR/node_modules/.bin/wasm-opt" --version), $(/usr/bin/chromium --version 2>/dev/null | head -1)"

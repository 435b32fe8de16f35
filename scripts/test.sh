#!/usr/bin/env bash
# Runs every test of the project, as CI does: installs what is missing, then formatting, lints
# (native and wasm32), the native tests, the JavaScript shell's Node tests, the same core tests
# in headless Chromium, the JavaScript API and the parity scenarios in headless Chromium, the
# release build of the site with its size budget, and the end-to-end test of the built site.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "install tools (skips what is present)"
scripts/install-tools.sh
export PATH="$root/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# The JavaScript API's shell is minified by terser when it is compiled (crates/orm-js/build.rs).
export ORM_JS_TERSER="$root/.tools/node_modules/.bin/terser"
export CHROMEDRIVER=/usr/bin/chromedriver

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy (wasm32)"
cargo clippy --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings

step "tests (native)"
cargo test --workspace

step "JavaScript shell tests (Node)"
node --test crates/orm-js/js/

step "core tests in headless Chromium (wasm-bindgen-test)"
cargo test -p orm --target wasm32-unknown-unknown --test it

step "orm-js in headless Chromium: the engine, and parity with real Sequelize (tests/parity)"
cargo test -p orm-js --target wasm32-unknown-unknown

step "release build of the site"
scripts/build-site.sh

step "size budget of dist/"
scripts/size-report.sh --check

step "end-to-end: the built site in headless Chromium over WebDriver"
python3 tests/e2e/playground.py

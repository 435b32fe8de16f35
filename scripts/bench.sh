#!/usr/bin/env bash
# Benchmarks (issues #3 and #6): prints the machine and the date, then these tables (workload,
# ours, anchor, ratio, goal), each pair measured in the same run:
#  - native: the ORM core against hand-written rusqlite doing the same work, in one run, and the
#    peak memory (crates/bench; a release build, the first run compiles for a minute or two);
#  - wasm: the same workloads through the ORM in headless Chromium (wasm32, crates/bench/tests/
#    wasm.rs) against the ORM natively, workload by workload, with the peak wasm memory beside
#    the native peak RSS (crates/bench/browser/wasm_vs_native.py);
#  - sequelize: the playground (dist/ in headless Chromium, window.ormPlayground.run) against
#    real Sequelize 6 on Node running the same script, crates/bench/node/workload.js, interleaved
#    run by run (crates/bench/node/compare.py). It installs crates/bench/node's npm packages
#    (`npm ci`) and builds the site (scripts/build-site.sh) when they are missing;
#  - sequelize-browser: the same script in the same headless Chromium against real Sequelize 6
#    on sql.js, bundled for the browser (esbuild, crates/bench/node/browser/build.mjs, into
#    target/bench-sequelize-browser/), interleaved run by run, then what bounds each step (SQL
#    time inside each side) and the two payloads (crates/bench/browser/sequelize_browser.py);
#  - startup: navigation to the first lesson's results on the built site against a page that
#    only instantiates the same SQLite wasm and runs `SELECT 1`, each load in a fresh headless
#    Chromium profile (crates/bench/browser/startup.py; it builds the anchor page from
#    crates/bench/wasm-variants into target/bench-startup/, not into dist/);
#  - sql-log: the page's SQL log with 100,004 statements against 104 (scrolling, a chip, the
#    search), and a run with the per-line statement stamps against one without
#    (crates/bench/browser/sql_log.py);
#  - payload: dist/ gzipped against the official SQLite wasm build of the same version (npm's
#    @sqlite.org/sqlite-wasm, installed with Sequelize), then split into SQLite, ORM + API and UI
#    by building the same SQLite alone and the engine without the UI
#    (crates/bench/browser/payload.py).
# Then, when more than one section ran, every comparison row of them in one table
# (crates/bench/summary.py). The browser sections are skipped with a message when Chromium or
# ChromeDriver is missing.
#
#   scripts/bench.sh [--quick] [--iterations N] [--warmup N] [--budget SECONDS] [--only ID[,ID…]]
#
# --quick: a short run of each; --iterations N: N timed iterations of each native workload and N
# counted runs of each side of the Sequelize comparison and N page loads of each side of the
# start-up comparison; --warmup N: the same for uncounted ones; --budget: native only. --only
# takes the native workload ids (find-all, include-join, include-separate, bulk-create,
# find-by-pk, create) and the section names `wasm`, `sequelize`, `sequelize-browser`, `startup`,
# `sql-log` and `payload`:
# `--only sequelize` runs the Sequelize comparison alone, `--only find-all` the native find-all
# alone, `--only wasm,find-all` the native find-all and the wasm comparison of find-all alone,
# `--only wasm` the wasm comparison of every workload.
# BENCH_QUICK=1, BENCH_ITERATIONS and BENCH_ONLY do the same as the options.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

native_args=()
compare_args=()
wasm_args=()
startup_args=()
only="${BENCH_ONLY:-}"
unset BENCH_ONLY # the native binary gets the native ids through --only
[[ "${BENCH_QUICK:-}" == 1 ]] && compare_args+=(--quick) && wasm_args+=(--quick) && startup_args+=(--quick)
[[ -n "${BENCH_ITERATIONS:-}" ]] && compare_args+=(--runs "$BENCH_ITERATIONS") && startup_args+=(--runs "$BENCH_ITERATIONS")
while (($#)); do
  arg="$1"
  shift
  case "$arg" in
    --only | --iterations | --warmup | --budget)
      (($#)) || { echo "bench: $arg needs a value" >&2; exit 2; }
      value="$1"
      shift
      case "$arg" in
        --only) only="$value" ;;
        --iterations) native_args+=(--iterations "$value"); compare_args+=(--runs "$value"); startup_args+=(--runs "$value") ;;
        --warmup) native_args+=(--warmup "$value"); compare_args+=(--warmup "$value"); startup_args+=(--warmup "$value") ;;
        --budget) native_args+=(--budget "$value") ;;
      esac
      ;;
    --quick) native_args+=(--quick); compare_args+=(--quick); wasm_args+=(--quick); startup_args+=(--quick) ;;
    --help | -h)
      sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *) native_args+=("$arg") ;;
  esac
done

# Split --only into the native ids and the sections.
run_native=1
run_wasm=1
run_sequelize=1
run_sequelize_browser=1
run_startup=1
run_sql_log=1
run_payload=1
if [[ -n "$only" ]]; then
  native_ids=()
  run_wasm=0
  run_sequelize=0
  run_sequelize_browser=0
  run_startup=0
  run_sql_log=0
  run_payload=0
  IFS=',' read -ra ids <<<"$only"
  for id in "${ids[@]}"; do
    id="${id// /}"
    case "$id" in
      wasm) run_wasm=1 ;;
      sequelize) run_sequelize=1 ;;
      sequelize-browser) run_sequelize_browser=1 ;;
      startup) run_startup=1 ;;
      sql-log) run_sql_log=1 ;;
      payload) run_payload=1 ;;
      "") ;;
      *) native_ids+=("$id") ;;
    esac
  done
  if ((${#native_ids[@]})); then
    native_args+=(--only "$(IFS=,; echo "${native_ids[*]}")")
    wasm_args+=(--only "$(IFS=,; echo "${native_ids[*]}")")
  else
    run_native=0
  fi
fi
browser_ok() {
  if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    echo "skipped: /usr/bin/chromium or /usr/bin/chromedriver not found (scripts/install-tools.sh installs them)"
    return 1
  fi
}

cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
status=0
# Each section's output is also kept here, for the table of every comparison at the end.
tables="$(mktemp -d)"
trap 'rm -rf "$tables"' EXIT
sections=()

# The Node packages of crates/bench/node: real Sequelize with sqlite3, the official SQLite wasm
# build (the payload's anchor), and sql.js with esbuild and buffer (the in-browser anchor).
need_node_packages() {
  local dir=crates/bench/node/node_modules
  local package
  for package in sequelize sqlite3 @sqlite.org/sqlite-wasm sql.js esbuild buffer; do
    [[ -f "$dir/$package/package.json" ]] || break
  done
  if [[ ! -f "$dir/$package/package.json" ]]; then
    echo "bench: installing Sequelize, sqlite3, the official SQLite wasm build, sql.js and esbuild into $dir (npm ci; sqlite3 compiles for a minute or two)" >&2
    (cd crates/bench/node && npm ci --no-audit --no-fund >&2) || { echo "bench: npm ci failed in crates/bench/node" >&2; exit 1; }
  fi
}
need_site() {
  if [[ ! -f dist/index.html ]]; then
    echo "bench: dist/ is missing, building the site (scripts/build-site.sh)" >&2
    scripts/build-site.sh >&2
  fi
}

if ((run_native)); then
  echo "rustc:   $(rustc --version)"
  echo
  echo "## ours (the ORM core, native) vs anchor (hand-written rusqlite)"
  sections+=(native)
  cargo run -p bench --release --quiet -- "${native_args[@]}" | tee "$tables/native.md" || status=$?
fi

if ((run_wasm)); then
  echo
  echo "## ours (the ORM in wasm, headless Chromium) vs anchor (the same ORM native), the same workloads"
  sections+=(wasm)
  if browser_ok; then
    CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" python3 crates/bench/browser/wasm_vs_native.py "${wasm_args[@]}" \
      | tee "$tables/wasm.md" || status=$?
  fi
fi

if ((run_sequelize)); then
  echo
  echo "## ours (the playground in headless Chromium) vs anchor (Sequelize 6 on Node), the same script"
  sections+=(sequelize)
  if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    echo "skipped: /usr/bin/chromium or /usr/bin/chromedriver not found (scripts/install-tools.sh installs them)"
  elif ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "skipped: node and npm not found"
  else
    need_node_packages
    need_site
    python3 crates/bench/node/compare.py "${compare_args[@]}" | tee "$tables/sequelize.md" || status=$?
  fi
fi

if ((run_sequelize_browser)); then
  echo
  echo "## ours (the playground in headless Chromium) vs anchor (Sequelize 6 on sql.js in the same Chromium), the same script"
  sections+=(sequelize-browser)
  if ! browser_ok; then
    :
  elif ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "skipped: node and npm not found"
  else
    need_node_packages
    need_site
    CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}" python3 crates/bench/browser/sequelize_browser.py "${compare_args[@]}" \
      | tee "$tables/sequelize-browser.md" || status=$?
  fi
fi

if ((run_startup)); then
  echo
  echo "## start-up: ours (navigation to the first lesson's results) vs anchor (a page that only starts SQLite in wasm and runs SELECT 1)"
  sections+=(startup)
  if browser_ok; then
    need_site
    PATH="$root/.tools/node_modules/.bin:$PATH" python3 crates/bench/browser/startup.py "${startup_args[@]}" \
      | tee "$tables/startup.md" || status=$?
  fi
fi

if ((run_sql_log)); then
  echo
  echo "## SQL log: 100,004 statements (ours) vs 104 (anchor) on the built page, and the per-line stamps' cost"
  sections+=(sql-log)
  if browser_ok; then
    need_site
    python3 crates/bench/browser/sql_log.py ${startup_args[@]+"${startup_args[@]}"} | tee "$tables/sql-log.md" || status=$?
  fi
fi

if ((run_payload)); then
  echo
  echo "## payload: dist/ gzipped against the official SQLite wasm build, and by part"
  sections+=(payload)
  need_site
  if command -v npm >/dev/null; then
    need_node_packages
  else
    echo "bench: npm not found: the payload has no anchor (the official SQLite wasm build comes from npm)" >&2
  fi
  PATH="$root/.tools/node_modules/.bin:$PATH" python3 crates/bench/browser/payload.py | tee "$tables/payload.md" || status=$?
fi

if ((${#sections[@]} > 1)); then
  echo
  echo "## every comparison above in one table"
  args=()
  for section in "${sections[@]}"; do args+=("$section=$tables/$section.md"); done
  python3 crates/bench/summary.py "${args[@]}"
fi
exit "$status"

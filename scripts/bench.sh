#!/usr/bin/env bash
# Benchmarks the ORM core against hand-written rusqlite doing the same work, in one run (issues
# #3 and #6): prints the machine and the date, then one table (workload, ours, anchor, ratio,
# goal) and the peak memory. A release build; the first run compiles for a minute or two.
# Arguments go to the benchmark: --quick (a short run), --iterations N, --only find-all,create, …
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"

cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}"
echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "rustc:   $(rustc --version)"
exec cargo run -p bench --release --quiet -- "$@"

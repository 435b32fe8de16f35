#!/usr/bin/env bash
# Prints the gzipped size of each file in dist/ and the total; with --check, fails when the total
# passes the budget (720 KB gzipped, DEVELOPERS.md: a guard, not a target). Sizes use gzip -9, as a static host would serve;
# a file that is already gzip (`*.gz`, the precompressed wasm) counts as it is.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUDGET_BYTES=$((720 * 1024))
dist="$root/dist"
[ -d "$dist" ] || { echo "no dist/: run scripts/build-site.sh first"; exit 1; }
total=0
while IFS= read -r -d '' file; do
  raw=$(wc -c < "$file")
  # A precompressed file (the zopfli wasm) goes over the wire as it is: its own size.
  if [[ "$file" == *.gz ]]; then gz=$raw; else gz=$(gzip -9 -c "$file" | wc -c); fi
  total=$((total + gz))
  printf '%10d B raw %10d B gzip  %s\n' "$raw" "$gz" "${file#"$dist"/}"
done < <(find "$dist" -type f -print0 | sort -z)
awk -v t="$total" -v b=$((BUDGET_BYTES / 1024)) 'BEGIN { printf "total gzipped: %d B (%.1f KB); budget %d KB\n", t, t / 1024, b }'
if [ "${1:-}" = "--check" ] && [ "$total" -gt "$BUDGET_BYTES" ]; then
  echo "dist/ is over the size budget"; exit 1
fi

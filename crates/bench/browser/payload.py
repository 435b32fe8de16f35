#!/usr/bin/env python3
"""The site's payload, gzipped, against the official SQLite wasm build, and split into SQLite,
ORM + API and UI (issue #6).

The anchor is the official build of the same SQLite version, the npm package
`@sqlite.org/sqlite-wasm` (pinned in crates/bench/node/package.json; `npm ci` there installs it):
its `sqlite3.wasm` and its JavaScript glue `index.mjs`, each gzipped the same way; the goal is a
whole playground of at most 720 KB (737,280 B; the budget was 600 KB until issue 13).

Method: differences between wasm modules built the same way (release profile, wasm-bindgen,
wasm-opt with the site's options from web/index.html), each gzipped with `gzip -9` as
scripts/size-report.sh does:

- SQLite = crates/bench/wasm-variants' `sqlite_select1` (SQLite through rusqlite opening a
  database and running SELECT 1, with the Rust and wasm-bindgen runtime that takes);
- ORM + API = `engine` (what the site's wasm runs in the engine's worker: orm_js::install, so
  the ORM core, the engine and its JavaScript shell, on the same SQLite) minus `sqlite_select1`;
- UI = the site's wasm (a consistent copy of dist/) minus `engine`: Leptos, the page's
  components, the lessons and panes;
- the JavaScript and other files of dist/ as they are.

Gzip is not additive, so the parts are differences of separately compressed modules and sum to
the measured total only approximately (shared code such as serde_json or the allocator falls to
the first module that links it: SQLite's line holds the runtime, ORM + API holds serde_json).

    python3 crates/bench/browser/payload.py [--no-build] [--site DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OFFICIAL = HERE.parent / "node" / "node_modules" / "@sqlite.org" / "sqlite-wasm"
OFFICIAL_FILES = ("dist/sqlite3.wasm", "dist/index.mjs")
BUDGET = 720 * 1024
sys.path.insert(0, str(HERE))
from startup import OUT, ROOT, build_variants, snapshot_site  # noqa: E402


def gz(path: Path) -> int:
    """The file's size over the wire, as scripts/size-report.sh counts it: gzip -9, or its own size
    when it is already compressed (the zopfli wasm)."""
    if path.suffix == ".gz":
        return path.stat().st_size
    return len(subprocess.run(["gzip", "-9", "-c", str(path)], capture_output=True, check=True).stdout)


def official_build() -> tuple[str, int] | None:
    """The official SQLite wasm build's version and its files gzipped, or None when not installed."""
    package = OFFICIAL / "package.json"
    if not package.is_file() or not all((OFFICIAL / f).is_file() for f in OFFICIAL_FILES):
        print(f"payload: {OFFICIAL} is not installed (npm ci in crates/bench/node): no anchor", file=sys.stderr)
        return None
    version = json.loads(package.read_text())["version"]
    return version, sum(gz(OFFICIAL / f) for f in OFFICIAL_FILES)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-build", action="store_true", help="reuse target/bench-startup/{sqlite_select1,engine}")
    parser.add_argument("--site", type=Path, default=ROOT / "dist", help="the built site (default: dist/)")
    args = parser.parse_args()
    if not args.no_build:
        build_variants(("sqlite_select1", "engine"))
    site = snapshot_site(args.site)
    sqlite = OUT / "sqlite_select1" / "sqlite_select1_bg.wasm"
    engine = OUT / "engine" / "engine_bg.wasm"
    site_wasm = [p for p in site.iterdir() if p.name.endswith(("_bg.wasm", "_bg.wasm.gz"))]
    if len(site_wasm) != 1:
        print(f"payload: expected one *_bg.wasm(.gz) in dist/, found {len(site_wasm)}", file=sys.stderr)
        return 2
    # Every file, the lessons' folder too, as scripts/size-report.sh counts them.
    files = sorted(p for p in site.rglob("*") if p.is_file())
    total = sum(gz(p) for p in files)
    shipped_wasm = site_wasm[0]
    if site_wasm[0].name.endswith(".gz"):
        # Shipped zopfli-compressed (scripts/precompress-wasm.py): the parts below compare the
        # module itself, gzipped as the variants are.
        plain = OUT / site_wasm[0].name.removesuffix(".gz")
        plain.write_bytes(gzip.decompress(site_wasm[0].read_bytes()))
        site_wasm = [plain]
    s, e, w = gz(sqlite), gz(engine), gz(site_wasm[0])
    raw = {p: p.stat().st_size for p in (sqlite, engine, site_wasm[0])}

    anchor = official_build()
    print("| workload | ours | anchor | ratio | goal |")
    print("|---|---:|---:|---:|---|")
    verdict = "met" if total <= BUDGET else "missed"
    if anchor is None:
        print(f"| payload: dist/ gzipped | {total:,} B | — (npm ci in crates/bench/node) | — | "
              f"≤ 720 KB: {verdict} |")
    else:
        version, anchor_total = anchor
        print(f"| payload: dist/ gzipped (ours) vs the official SQLite {version} wasm build, sqlite3.wasm + its "
              f"JavaScript glue (anchor) | {total:,} B | {anchor_total:,} B | {total / anchor_total:.2f}× | "
              f"≤ 720 KB: {verdict} |")
    print()

    def row(part: str, how: str, raw_bytes: int | None, gzipped: int) -> str:
        shown = f"{raw_bytes:,} B" if raw_bytes is not None else "—"
        return f"| {part} | {how} | {shown} | {gzipped:,} B | {100 * gzipped / total:.1f}% |"

    print("| part | measured as | raw | gzipped | share |")
    print("|---|---|---:|---:|---:|")
    print(row("SQLite (with rusqlite and the Rust runtime)", "`sqlite_select1` wasm", raw[sqlite], s))
    print(row("ORM core + JavaScript API (engine and shell)", "`engine` wasm − `sqlite_select1` wasm",
              raw[engine] - raw[sqlite], e - s))
    print(row("UI (Leptos, components, lessons, panes)", "site wasm − `engine` wasm",
              raw[site_wasm[0]] - raw[engine], w - e))
    lessons = [p for p in files if p.parent != site]
    glue = [p for p in files if p.suffix == ".js" and p.name.startswith("playground")]
    plumbing = [p for p in files if p.suffix == ".js" and p not in glue and p not in lessons]
    other = [p for p in files if p.suffix != ".js" and p != shipped_wasm and p not in lessons]
    for part, group in (("wasm-bindgen glue", glue), ("worker plumbing (bridge, engine worker)", plumbing),
                        ("page: HTML, CSS, icon", other), ("lessons (public/lessons, fetched when picked)", lessons)):
        names = f"{len(group)} files in `lessons/`" if group is lessons else ", ".join(f"`{p.name}`" for p in group)
        print(row(part, names, sum(p.stat().st_size for p in group), sum(gz(p) for p in group)))
    print(f"| **total of dist/** | each file gzipped, as scripts/size-report.sh | "
          f"{sum(p.stat().st_size for p in files):,} B | **{total:,} B** | |")
    print()
    print(f"The three wasm lines add up to the site's wasm, {w:,} B gzipped ({gz(shipped_wasm):,} B as shipped, "
          f"by zopfli); each is a difference between "
          f"separately gzipped modules, so shared code counts in the first module that links it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

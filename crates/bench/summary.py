#!/usr/bin/env python3
"""One table of every comparison scripts/bench.sh ran (issue #6: "prints one table").

Each section of the bench (native, wasm, sequelize, sequelize-browser, startup, sql-log, payload) prints its own Markdown
tables; scripts/bench.sh keeps each section's output in a file named after it. This reads those
files and prints the rows of each section's comparison table — the one whose header starts
`| workload |` — under one header, with the section's name in front and the first five columns
(workload, ours, anchor, ratio, goal): the sections' other tables (memory, the payload's parts)
and extra columns stay in their own output above.

    python3 crates/bench/summary.py SECTION=FILE [SECTION=FILE …]
"""

from __future__ import annotations

import sys
from pathlib import Path

LABELS = {
    "native": "native: the ORM vs hand-written rusqlite",
    "wasm": "wasm: the ORM in Chromium vs the ORM native",
    "sequelize": "the playground vs Sequelize 6 on Node",
    "sequelize-browser": "the playground vs Sequelize 6 in Chromium (sql.js)",
    "startup": "start-up",
    "sql-log": "the page's SQL log",
    "payload": "payload",
}


def cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def comparison_rows(text: str) -> list[list[str]]:
    """The body rows of the first table whose header starts with `| workload |`."""
    rows: list[list[str]] = []
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("| workload |"):
            for body in lines[i + 2:]:
                if not body.startswith("|"):
                    break
                rows.append(cells(body)[:5])
            break
    return rows


def main(args: list[str]) -> int:
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    out = ["| section | workload | ours | anchor | ratio | goal |", "|---|---|---:|---:|---:|---|"]
    for arg in args:
        section, _, file = arg.partition("=")
        path = Path(file)
        rows = comparison_rows(path.read_text()) if path.is_file() else []
        if not rows:
            out.append(f"| {LABELS.get(section, section)} | (no table: see its output above) | | | | |")
        out += [f"| {LABELS.get(section, section)} | " + " | ".join(row) + " |" for row in rows]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python3
"""What time travel (the run option `history`, issue 21) costs a run: the built site (dist/) in
headless Chromium, one page, `window.ormPlayground.run` of each workload with `history: true`
(ours) and without (anchor), alternating, the first `--warmup` of each not counted; medians of
the run's time (post to the worker and back, report included) and of the report's `history` as
JSON text.

- `bulkCreate 10,000`: one `bulkCreate` of 10,000 rows (one step of 10,000 inserted rows).
- `N+1 lesson`: public/lessons/nplus1.md's code as shipped (12 orders, 24 items, 12 lazy loads).

    python3 crates/bench/browser/history.py [--runs N] [--warmup N]

Needs a built dist/ (scripts/build-site.sh), Chromium and ChromeDriver. Exit status 0 when it
measured, 1 when a measurement failed, 2 on a set-up error.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))
from startup import (ARGS, CHROMIUM, WebDriverError, browsers_missing, serve_and_drive,  # noqa: E402
                     snapshot_site, stop)

BULK = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING, email: DataTypes.STRING, age: DataTypes.INTEGER });
await sequelize.sync();
await User.bulkCreate(Array.from({ length: 10000 }, (_, i) => ({ name: `user ${i}`, email: `u${i}@example.com`, age: i % 90 })));
"""


def lesson_code(lesson: str) -> str:
    text = (ROOT / "public" / "lessons" / f"{lesson}.md").read_text()
    return text.split("\n```js\n", 1)[1].split("\n```\n", 1)[0] + "\n"


WORKLOADS = {"bulkCreate 10,000": BULK, "N+1 lesson": lesson_code("nplus1")}

API_RUN = """
const [code, options, done] = arguments;
window.ormPlayground.ready().then(() => {
  const start = performance.now();
  window.ormPlayground.run(code, options).then((r) => {
    const ms = performance.now() - start;
    const h = typeof r.history === 'string' ? JSON.parse(r.history) : r.history;
    done({ ms, ok: r.ok, error: r.error, n: r.queries.length, steps: h ? h.steps.length : null,
      changes: h ? h.steps.reduce((n, s) => n + s.changes.length, 0) : null, bytes: h ? JSON.stringify(h).length : 0 });
  });
});
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each side (default 7)")
    parser.add_argument("--warmup", type=int, default=2, help="uncounted runs of each side first (default 2)")
    args = parser.parse_args()
    if browsers_missing("history"):
        return 2
    site = snapshot_site()
    processes: list = []
    samples = {w: {"ours": [], "anchor": []} for w in WORKLOADS}
    shape = {}
    try:
        port, driver = serve_and_drive(site, Path(tempfile.mkdtemp(prefix="bench-history-")), processes)
        driver.start({"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": ARGS}})
        try:
            driver.session_call("POST", "/timeouts", {"script": 120_000})
            driver.session_call("POST", "/url", {"url": f"http://127.0.0.1:{port}/"})
            for i in range(args.warmup + args.runs):
                for name, code in WORKLOADS.items():
                    for side in (("ours", "anchor") if i % 2 == 0 else ("anchor", "ours")):
                        r = driver.execute_async(API_RUN, code, {"history": side == "ours", "lines": True, "plans": True},
                                                 timeout=120)
                        if not r["ok"]:
                            print(f"history: {name} failed: {r['error']}", file=sys.stderr)
                            return 1
                        counted = i >= args.warmup
                        print(f"history: {i + 1}/{args.warmup + args.runs}{'' if counted else ' (warm-up)'} {name}, "
                              f"{side}: {r['ms']:.1f} ms, {r['n']} statements, {r['steps']} steps, {r['changes']} changes, "
                              f"{r['bytes']:,} B of history", file=sys.stderr)
                        if counted:
                            samples[name][side].append(r["ms"])
                            if side == "ours":
                                shape[name] = r
        finally:
            driver.quit()
    except (WebDriverError, OSError, RuntimeError) as error:
        print(f"history: {error}", file=sys.stderr)
        return 1
    finally:
        for process in reversed(processes):
            stop(process)
    print("| workload (page's run options: lines, plans) | history on | history off | cost | history in the report |")
    print("|---|---|---|---|---|")
    for name in WORKLOADS:
        on, off = (statistics.median(samples[name][s]) for s in ("ours", "anchor"))
        r = shape[name]
        print(f"| {name} | {on:.1f} ms | {off:.1f} ms | {on - off:+.1f} ms ({(on / off - 1) * 100:+.0f} %) | "
              f"{r['steps']} steps, {r['changes']:,} changes, {r['bytes']:,} B of JSON |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

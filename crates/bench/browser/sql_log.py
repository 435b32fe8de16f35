#!/usr/bin/env python3
"""The page's SQL log with 100,004 statements against the same log with 104 (issue #17), and
what the per-line statement counts cost a run.

- The log: the built site (dist/) in headless Chromium. Each page load runs one script from the
  Run button — a loop of 100,000 `findByPk` (ours) or of 100 (anchor) after a sync and a
  bulkCreate — then measures, in the page, from the action to the first animation frame that
  shows its result: scrolling the run's list to its middle (the statement at the middle is
  drawn), the `writes` chip (one statement left), and a search for `INSERT INTO` (one left).
  The list is virtualised (a screenful of rows in the DOM), so scrolling should not depend on
  the run's size; the chips and the search look at every statement, so they grow with it: their
  goal is an absolute one, a tenth of a second, what feels immediate.
- The per-line counts: `window.ormPlayground.run` of a loop of 20,000 `findByPk`, with
  `lines: true` (ours: each call's statements stamped with the learner's line, one stack capture
  per call, what the page asks for) against without (anchor), alternating, in one page.
The two sides alternate load by load; the first `--warmup` of each are not counted; medians.

    python3 crates/bench/browser/sql_log.py [--runs N] [--warmup N] [--quick]

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
sys.path.insert(0, str(HERE))
from startup import (ARGS, CHROMIUM, WebDriver, WebDriverError, browsers_missing, serve_and_drive,  # noqa: E402
                     snapshot_site, stop)

LOG_SCRIPT = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING });
await sequelize.sync();
await User.bulkCreate(Array.from({ length: 100 }, (_, i) => ({ name: `u${i}` })));
for (let i = 0; i < N; i++) await User.findByPk((i % 100) + 1);
"""
SIDES = {"ours": 100_000, "anchor": 100}
LINES_CALLS = 20_000
TIMEOUT_S = 120

# Puts the script in the editor, clicks Run and resolves with the shown count of the run's finished
# group, or with a text saying what went wrong (the run's error, or what the page was doing after
# `limit` ms): a failed run is reported as such, never as the driver's script timeout.
# The Run button is enabled only once the page has read its lessons and restored the workspace,
# which then fills the editor: before that, a click does nothing and the code typed is overwritten
# (the engine's ready() can come first on a fresh load). So the code goes in once it is enabled.
RUN = """
const [code, limit, done] = arguments;
const began = performance.now();
const run = () => document.querySelector('[data-testid="run-button"]');
const late = () => performance.now() - began > limit;
const error = () => { const e = document.querySelector('[data-testid="error"]'); return e ? ` (the page's error: ${e.textContent.trim().slice(0, 300)})` : ''; };
let clicked;
const wait = () => {
  const group = document.querySelector('[data-testid="run-group"]:not([data-live])');
  const any = document.querySelector('[data-testid="run-group"]');
  if (group && !run().disabled) {
    const count = group.querySelector('[data-testid="shown-count"]');
    const summary = group.querySelector('summary').textContent.trim();
    if (count && !error()) done(Number(count.dataset.shown));
    else done(`the run ended: ${summary}${error()}${count ? '' : ' (its group has no shown count)'}`);
  } else if (!any && !run().disabled && performance.now() - clicked > 5000) done('the click on Run started no run');
  else if (late()) done(`no finished run after ${Math.round((performance.now() - began) / 1000)} s: ${any ? any.querySelector('summary').textContent.trim() : 'no run group'}`);
  else setTimeout(wait, 50);
};
const start = () => {
  const area = document.querySelector('[data-testid="editor"]');
  if (late()) return done(`the page did not become ready: Run button ${run() ? (run().disabled ? 'disabled' : 'enabled') : 'absent'}`);
  if (!area || !run() || run().disabled) return setTimeout(start, 50);
  window.ormPlayground.ready().then(() => {
    area.value = code;
    area.dispatchEvent(new Event('input', { bubbles: true }));
    run().click();
    clicked = performance.now();
    setTimeout(wait, 50);
  }, (e) => done(`the engine did not load: ${e}`));
};
start();
"""

# Does the action named arguments[0] and resolves with the time to the first frame showing it.
MEASURE = """
const [action, total, done] = arguments;
const group = document.querySelector('[data-testid="run-group"]');
const viewport = group.querySelector('[data-testid="sql-viewport"]');
const shown = () => Number(group.querySelector('[data-testid="shown-count"]').dataset.shown);
const search = (text) => {
  const box = document.querySelector('[data-testid="sql-search"]');
  box.value = text;
  box.dispatchEvent(new Event('input', { bubbles: true }));
};
const chip = (name) => document.querySelector(`[data-action="filter"][data-value="${name}"]`).click();
const middle = Math.floor(total / 2);
const [act, drawn, undo] = {
  scroll: [() => { viewport.scrollTop = middle * 46; },
    () => [...viewport.querySelectorAll('[data-testid="sql-entry"]')].some((e) => Number(e.dataset.queryId) === middle + 1),
    () => { viewport.scrollTop = 0; }],
  writes: [() => chip('writes'), () => shown() === 1, () => chip('all')],
  search: [() => search('INSERT INTO'), () => shown() === 1, () => search('')],
}[action];
const start = performance.now();
act();
const look = () => {
  if (drawn()) {
    const ms = performance.now() - start;
    undo();
    const settle = () => (shown() === total ? done(ms) : requestAnimationFrame(settle));
    requestAnimationFrame(settle);
  } else if (performance.now() - start > 10000) done(null);
  else requestAnimationFrame(look);
};
requestAnimationFrame(look);
"""

API_RUN = """
const [code, options, done] = arguments;
window.ormPlayground.ready().then(() => {
  const start = performance.now();
  window.ormPlayground.run(code, options).then((r) => done({ ms: performance.now() - start, ok: r.ok, n: r.queries.length,
    lines: r.queries.filter((q) => q.line === 6).length }));
});
"""


def log_load(driver: WebDriver, url: str, side: str) -> dict[str, float]:
    """One page load: the side's run, then each action once."""
    driver.start({"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": ARGS}})
    try:
        driver.session_call("POST", "/window/rect", {"width": 1400, "height": 1000})
        driver.session_call("POST", "/timeouts", {"script": TIMEOUT_S * 1000})
        driver.session_call("POST", "/url", {"url": url})
        total = driver.execute_async(RUN, LOG_SCRIPT.replace("N;", f"{SIDES[side]};"), (TIMEOUT_S - 10) * 1000,
                                     timeout=TIMEOUT_S)
        if isinstance(total, str):
            raise RuntimeError(f"{side}: {total}")
        if total != SIDES[side] + 4:
            raise RuntimeError(f"{side}: the run's log shows {total} statements, not {SIDES[side] + 4}")
        times = {}
        for action in ("scroll", "writes", "search"):
            ms = driver.execute_async(MEASURE, action, total, timeout=30)
            if ms is None:
                raise RuntimeError(f"{side}: {action} never showed its result")
            times[action] = ms
        return times
    finally:
        driver.quit()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="counted page loads of each side (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted loads of each side first (default 1)")
    parser.add_argument("--quick", action="store_true", help="2 counted loads of each side")
    args = parser.parse_args()
    runs = 2 if args.quick else args.runs
    if browsers_missing("sql-log"):
        return 2
    site = snapshot_site()
    processes: list = []
    samples: dict[str, dict[str, list[float]]] = {side: {"scroll": [], "writes": [], "search": []} for side in SIDES}
    lines: dict[str, list[float]] = {"ours": [], "anchor": []}
    try:
        port, driver = serve_and_drive(site, Path(tempfile.mkdtemp(prefix="bench-sql-log-")), processes)
        url = f"http://127.0.0.1:{port}/"
        for i in range(args.warmup + runs):
            for side in (("ours", "anchor") if i % 2 == 0 else ("anchor", "ours")):
                times = log_load(driver, url, side)
                counted = i >= args.warmup
                print(f"sql-log: load {i + 1}/{args.warmup + runs}{'' if counted else ' (warm-up)'}, {side}: "
                      + ", ".join(f"{k} {v:.1f} ms" for k, v in times.items()), file=sys.stderr)
                if counted:
                    for action, ms in times.items():
                        samples[side][action].append(ms)
        # The per-line stamps: one page, the two options alternating.
        driver.start({"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": ARGS}})
        try:
            driver.session_call("POST", "/timeouts", {"script": TIMEOUT_S * 1000})
            driver.session_call("POST", "/url", {"url": url})
            code = LOG_SCRIPT.replace("N;", f"{LINES_CALLS};")
            for i in range(args.warmup + runs):
                for side in (("ours", "anchor") if i % 2 == 0 else ("anchor", "ours")):
                    options = {"timeoutMs": TIMEOUT_S * 1000, "lines": side == "ours"}
                    r = driver.execute_async(API_RUN, code, options, timeout=TIMEOUT_S)
                    if not r["ok"] or r["n"] != LINES_CALLS + 4 or r["lines"] != (LINES_CALLS if side == "ours" else 0):
                        raise RuntimeError(f"the per-line run ({side}) went wrong: {r}")
                    if i >= args.warmup:
                        lines[side].append(r["ms"])
        finally:
            driver.quit()
    except (RuntimeError, WebDriverError, TimeoutError) as error:
        print(f"sql-log: {error}", file=sys.stderr)
        return 1
    finally:
        for process in reversed(processes):
            stop(process)

    def median(values: list[float]) -> float:
        return statistics.median(values)

    print("| workload | ours | anchor | ratio | goal |")
    print("|---|---:|---:|---:|---|")
    for action, what, goal in (
        ("scroll", "SQL log: scroll to the middle, 100,004 statements (ours) vs 104 (anchor)", "≤ 2× (virtualised)"),
        ("writes", "SQL log: the writes chip, 100,004 statements vs 104", "≤ 100 ms"),
        ("search", "SQL log: search `INSERT INTO`, 100,004 statements vs 104", "≤ 100 ms"),
    ):
        ours, anchor = median(samples["ours"][action]), median(samples["anchor"][action])
        ok = ours <= 2 * anchor if action == "scroll" else ours <= 100
        print(f"| {what} | {ours:.1f} ms | {anchor:.1f} ms | {ours / anchor:.2f}× | {goal}: {'met' if ok else 'missed'} |")
    ours, anchor = median(lines["ours"]), median(lines["anchor"])
    per_call = (ours - anchor) / LINES_CALLS * 1000
    print(f"| run of {LINES_CALLS:,} findByPk with each statement's line (ours) vs without (anchor) | {ours:.0f} ms | "
          f"{anchor:.0f} ms | {ours / anchor:.2f}× | none set ({per_call:.1f} µs a call) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

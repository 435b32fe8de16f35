#!/usr/bin/env python3
"""The playground against real Sequelize 6 in the same browser: the in-browser anchor (issue 22).

The same script as the Node comparison, crates/bench/node/workload.js (bulkCreate 1,000 users,
10,000 posts, 10,000 rows through a beforeCreate hook each; create × 1,000 with validators;
findAll with include 1,000 × 10 by JOIN and separate; the lazy loop; findByPk × 1,000; the lazy
loop's statements as raw queries), on both sides,
alternating run by run in one process:

- ours: the built site (dist/) in headless Chromium through `window.ormPlayground.run(script)`,
  exactly as crates/bench/node/compare.py drives it (its `Playground`);
- anchor: real Sequelize 6 with sql.js (both from npm, pinned in crates/bench/node/package.json)
  bundled for the browser by crates/bench/node/browser/build.mjs (esbuild, pinned there too) into
  target/bench-sequelize-browser/, with a small `sqlite3` module implementing the part of
  node-sqlite3's API that Sequelize's sqlite dialect uses on sql.js's in-memory database, and
  shims for the Node built-ins Sequelize imports. `window.sequelizeAnchor.run(script)` evaluates
  the script as run-sequelize.js does on Node (an AsyncFunction with its own `require` and
  `console`), a fresh Sequelize and database each run, in the same Chromium binary with the same
  flags, its own session (so neither page is a background tab).

Each step is timed by the script itself (performance.now()) and its result counts are checked
(compare.py's `parse`); medians; ratio = ours / anchor; goals as compare.py's for the Node
anchor: include reads and findByPk within 0.1×, writes within 0.3×. Then, unless --no-analysis, what bounds each step: a few
more runs of each side timing the SQL inside each engine — ours from the statements' own `ms`
(the run's report, `lines: true` to tell which step ran each), the anchor's from the time spent
in sql.js's prepare/bind/step (the shim's counters); what is outside SQL is the counted median
minus that — and the payload: dist/ each file gzipped
as scripts/size-report.sh counts it, against the anchor's bundle and sql.js's wasm, gzip -9.

    python3 crates/bench/browser/sequelize_browser.py [--runs N] [--warmup N] [--quick] [--no-build]
                                                      [--no-analysis] [--dist DIR]

Needs `npm ci` in crates/bench/node, a built dist/ and Chromium with ChromeDriver. Exit status:
0 when it measured (goals met or not), 1 when a run failed or gave a wrong result, 2 on a set-up
error.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
NODE = HERE.parent / "node"
sys.path.insert(0, str(NODE))
from compare import (CHROMIUM, GOALS, HELD_TO, LOAD_TIMEOUT_S, RUN_TIMEOUT_S, SCRIPT, STEPS,  # noqa: E402
                     Playground, RunError, SetupError, WebDriverError, millis, parse, serve_and_drive, wait_until)

OUT = ROOT / "target" / "bench-sequelize-browser"

RUN_ANCHOR = """
const [code, options, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
window.sequelizeAnchor.run(code, options).then(
  (r) => done(r),
  (e) => done({ ok: false, output: [], error: { name: 'DriverError', message: String(e) } }));
"""

# Ours with each statement's line and time: only what the analysis reads.
RUN_OURS_LINES = """
const [code, done] = [arguments[0], arguments[arguments.length - 1]];
window.ormPlayground.run(code, { timeoutMs: 0, lines: true }).then(
  (r) => done({ ok: r.ok, output: r.output, error: r.error, queries: r.queries.map((q) => [q.line, q.ms]) }),
  (e) => done({ ok: false, output: [], error: { name: 'DriverError', message: String(e) } }));
"""


def build(out: Path) -> None:
    modules = NODE / "node_modules"
    for package in ("sequelize", "sql.js", "esbuild"):
        if not (modules / package / "package.json").is_file():
            raise SetupError(f"{package} is not installed in {modules}: run `npm ci` in {NODE}")
    node = shutil.which("node")
    if node is None:
        raise SetupError("node not found")
    subprocess.run([node, str(NODE / "browser" / "build.mjs"), str(out)], check=True, stdout=sys.stderr)


class Anchor(Playground):
    """The anchor page (target/bench-sequelize-browser/) in its own headless Chromium session:
    compare.py's `Playground` (its processes, its clean-up), with the anchor's page and API."""

    def __enter__(self) -> "Anchor":
        try:
            port, self.driver = serve_and_drive(self.dist, self.logs, self.processes, prefix="bench-anchor-")
            self.driver.start({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": CHROMIUM,
                    "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--no-first-run", f"--user-data-dir={self.tmp / 'chromium-profile'}"],
                },
            })
            self.driver.session_call("POST", "/timeouts", {"script": RUN_TIMEOUT_S * 1000})
            self.driver.session_call("POST", "/url", {"url": f"http://127.0.0.1:{port}/"})
            has_api = "return !!(window.sequelizeAnchor && typeof window.sequelizeAnchor.run === 'function');"
            try:
                wait_until("window.sequelizeAnchor", lambda: self.driver.execute(has_api), LOAD_TIMEOUT_S)
            except TimeoutError:
                raise SetupError(f"the page in {self.dist} does not install window.sequelizeAnchor "
                                 f"(after {LOAD_TIMEOUT_S} s; see the browser's console)") from None
            ready = self.driver.execute_async(
                "const done = arguments[arguments.length - 1];"
                "window.sequelizeAnchor.ready().then(() => done(null), (e) => done(String(e)));", timeout=LOAD_TIMEOUT_S)
            if ready is not None:
                raise SetupError(f"sql.js did not start in the anchor page: {ready}")
        except BaseException:
            self.__exit__()
            raise
        return self

    def version(self) -> str:
        v = self.driver.execute("return window.sequelizeAnchor.versions;")
        sqlite = self.driver.execute_async(
            "const done = arguments[arguments.length - 1];"
            "window.sequelizeAnchor.run(\"const { Sequelize } = require('sequelize');"
            "const s = new Sequelize('sqlite::memory:', { logging: false });"
            "const [[r]] = await s.query('SELECT sqlite_version() AS v'); console.log(r.v); await s.close();\")"
            ".then((r) => done(r.output[0] || (r.error && r.error.message)));", timeout=60)
        return f"Sequelize {v['sequelize']} on sql.js {v['sqljs']} (SQLite {sqlite}), bundled with esbuild"

    def run(self, code: str, sql_time: bool = False) -> dict:
        return self.driver.execute_async(RUN_ANCHOR, code, {"sqlTime": sql_time}, timeout=RUN_TIMEOUT_S + 10)


# --- what bounds each step ------------------------------------------------------------------------

def step_of_line(code: str) -> dict[int, str]:
    """Line number (1-based, as the playground reports it) → the workload step whose body holds it."""
    starts = [(i + 1, m.group(1)) for i, line in enumerate(code.splitlines())
              if (m := re.search(r"\bstep\('([^']+)'", line))]
    owner: dict[int, str] = {}
    total = len(code.splitlines())
    for n, (line, name) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else total + 1
        for i in range(line, end):
            owner[i] = name
    return owner


def attribute(queries: list, owner: dict[int, str]) -> list[tuple[str, float]]:
    """(step, ms) of each statement in run order. A statement without a line (the shell runs
    bulkCreate with `individualHooks` from its own code, so the learner's line is lost) goes to the
    one step between the known steps around it, or else to the step before it; statements before
    the first step (the sync) to none. (The anchor cannot tell the sync from the first step: its
    first row's count includes the sync's dozen statements, well under a millisecond.)"""
    order = [step for step, *_ in STEPS]
    known = [owner.get(line) if line is not None else None for line, _ in queries]
    out = []
    for i, (_line, ms) in enumerate(queries):
        step = known[i]
        if step is None:
            before = next((known[j] for j in range(i - 1, -1, -1) if known[j] is not None), None)
            after = next((known[j] for j in range(i + 1, len(known)) if known[j] is not None), None)
            if before is None:
                continue
            if after is None:
                out.append((before, ms or 0.0))
                continue
            lo = order.index(before)
            hi = order.index(after) if after is not None else len(order)
            step = order[lo + 1] if hi - lo == 2 else before
        out.append((step, ms or 0.0))
    return out


def analyse(ours: Playground, anchor: Anchor, code: str, runs: int) -> dict[str, dict[str, list[float]]]:
    """Per step: each side's total and its SQL time (ms) and statement count, `runs` runs each."""
    owner = step_of_line(code)
    out = {step: {k: [] for k in ("ours", "ours_sql", "ours_n", "anchor", "anchor_sql", "anchor_n")}
           for step, *_ in STEPS}
    for i in range(runs):
        print(f"analysis {i + 1}:", end="", file=sys.stderr, flush=True)
        report = ours.driver.execute_async(RUN_OURS_LINES, code, timeout=RUN_TIMEOUT_S + 10)
        times = parse("ours", report)
        sql: dict[str, list[float]] = {}
        for step, ms in attribute(report["queries"], owner):
            sql.setdefault(step, []).append(ms)
        for step in out:
            out[step]["ours"].append(times[step])
            out[step]["ours_sql"].append(sum(sql.get(step, [])))
            out[step]["ours_n"].append(len(sql.get(step, [])))
        report = anchor.run(code, sql_time=True)
        times = parse("anchor", report)
        for step in out:
            out[step]["anchor"].append(times[step])
            out[step]["anchor_sql"].append(report["sql"].get(step, {}).get("ms", 0.0))
            out[step]["anchor_n"].append(report["sql"].get(step, {}).get("statements", 0))
        print(" done", file=sys.stderr)
    return out


def analysis_table(data: dict[str, dict[str, list[float]]], ours: dict[str, list[float]],
                   anchor: dict[str, list[float]]) -> str:
    """Per step: each side's counted median, its SQL time from the analysis runs, and the rest
    (counted median − SQL: the analysis runs' own totals are not used, since `lines: true` adds a
    stack capture per engine call to ours)."""
    rows = ["| step | ours | ours in SQLite (statements) | ours outside | anchor | anchor in sql.js (statements) "
            "| anchor outside | outside, ours / anchor |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for step, label, _kind, _ in STEPS:
        d = {k: statistics.median(v) for k, v in data[step].items()}
        o, a = statistics.median(ours[step]), statistics.median(anchor[step])
        o_out, a_out = o - d["ours_sql"], a - d["anchor_sql"]
        ratio = f"{o_out / a_out:.3f}×" if a_out > 0 else "—"
        rows.append(f"| {label} | {millis(o)} | {millis(d['ours_sql'])} ({d['ours_n']:,.0f}) | {millis(o_out)} "
                    f"| {millis(a)} | {millis(d['anchor_sql'])} ({d['anchor_n']:,.0f}) | {millis(a_out)} | {ratio} |")
    return "\n".join(rows) + "\n"


# --- a model without lifecycle functions pays nothing for them ---------------------------------------

# Issue 22: a model with no hooks, validators-as-functions or getters pays nothing for their
# existence. Ours against ours, alternating in one page: the same plain model's writes and read,
# with another model in the run that has every kind of lifecycle function (ours), and with none
# anywhere in the run (the anchor). `/*ELSEWHERE*/` is where the other model goes.
PLAIN = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const Plain = sequelize.define('Plain', { label: { type: DataTypes.STRING, allowNull: false }, n: DataTypes.INTEGER });
/*ELSEWHERE*/
await sequelize.sync();
let start = performance.now();
for (let i = 1; i <= 1000; i++) await Plain.create({ label: `row ${i}`, n: i });
console.log(`bench create ${(performance.now() - start).toFixed(3)}`);
const rows = [];
for (let i = 1; i <= 10000; i++) rows.push({ label: `bulk ${i}`, n: i });
start = performance.now();
await Plain.bulkCreate(rows);
console.log(`bench bulkCreate ${(performance.now() - start).toFixed(3)}`);
start = performance.now();
const found = await Plain.findAll();
console.log(`bench findAll ${(performance.now() - start).toFixed(3)}`);
console.log(`check rows=${found.length} labels=${found.filter((p) => p.label.startsWith('row ') || p.label.startsWith('bulk ')).length}`);
"""
ELSEWHERE = """const Other = sequelize.define('Other', {
  name: {
    type: DataTypes.STRING,
    validate: { notBlank(value) { if (!value.trim()) throw new Error('blank'); } },
    get() { return this.getDataValue('name').toUpperCase(); },
  },
}, { hooks: { beforeCreate(other) { other.name = other.name.trim(); } } });
Other.afterFind(() => {});
"""
LIFECYCLE_STEPS = [("create", "create × 1,000"), ("bulkCreate", "bulkCreate 10,000"), ("findAll", "findAll 11,000")]


def lifecycle_absent(ours: Playground, runs: int, warmup: int) -> str:
    """The rows of a plain model's steps, with lifecycle functions elsewhere against none."""
    scripts = {"with": PLAIN.replace("/*ELSEWHERE*/", ELSEWHERE), "none": PLAIN.replace("/*ELSEWHERE*/", "")}
    samples: dict[str, dict[str, list[float]]] = {side: {step: [] for step, _ in LIFECYCLE_STEPS} for side in scripts}
    for i in range(warmup + runs):
        for side in (["with", "none"] if i % 2 == 0 else ["none", "with"]):
            report = ours.run(scripts[side])
            if not report.get("ok"):
                raise RunError(f"the lifecycle script ({side}) failed: {report.get('error')}")
            out = "\n".join(str(line) for line in report.get("output", []))
            if "check rows=11000 labels=11000" not in out:
                raise RunError(f"the lifecycle script ({side}) gave a wrong result: {out}")
            if i >= warmup:
                for line in out.split("\n"):
                    parts = line.split(" ")
                    if len(parts) == 3 and parts[0] == "bench":
                        samples[side][parts[1]].append(float(parts[2]))
    rows = []
    for step, label in LIFECYCLE_STEPS:
        w, n = samples["with"][step], samples["none"][step]
        ratio = statistics.median(w) / statistics.median(n)
        # The noise: half the interquartile range of the anchor's own runs, relative to its median.
        q = statistics.quantiles(n, n=4) if len(n) >= 2 else [statistics.median(n)] * 3
        noise = max((q[2] - q[0]) / 2 / statistics.median(n), 0.02)
        verdict = f"within noise (±{noise:.0%}): {'met' if abs(ratio - 1) <= noise else 'missed'}"
        rows.append(f"| no lifecycle pays nothing: {label} of a model without hooks, validator functions or getters, "
                    f"another model in the run having them (ours) vs none in the run (anchor: ours) "
                    f"| {millis(statistics.median(w))} | {millis(statistics.median(n))} | {ratio:.3f}× | {verdict} |")
    return "\n".join(rows) + "\n"


# --- payload --------------------------------------------------------------------------------------

def gz(path: Path) -> int:
    if path.name.endswith(".gz"):
        return path.stat().st_size  # precompressed: goes over the wire as it is (scripts/size-report.sh)
    return len(subprocess.run(["gzip", "-9", "-c", str(path)], capture_output=True, check=True).stdout)


def payload(dist: Path, anchor: Path) -> tuple[int, int, dict[str, int]]:
    ours = sum(gz(p) for p in sorted(dist.rglob("*")) if p.is_file())
    parts = {p.name: gz(p) for p in sorted(anchor.iterdir()) if p.name != "meta.json" and p.is_file()}
    return ours, sum(parts.values()), parts


# --- the run --------------------------------------------------------------------------------------

def table(ours: dict[str, list[float]], anchor: dict[str, list[float]], sizes: tuple[int, int, dict[str, int]]) -> str:
    out = ["| workload | ours | anchor | ratio | goal |", "|---|---:|---:|---:|---|"]
    for step, label, kind, _ in STEPS:
        o, a = statistics.median(ours[step]), statistics.median(anchor[step])
        goal, held = GOALS.get(kind), HELD_TO.get(kind)
        if goal is not None:
            verdict = f"≤ {goal}×: {'met' if o / a <= goal else 'missed'}"
        elif held is not None:
            verdict = f"none set (≤ {held}× as the include reads: {'met' if o / a <= held else 'missed'})"
        else:
            verdict = "—"
        out.append(f"| {label} | {millis(o)} | {millis(a)} | {o / a:.3f}× | {verdict} |")
    ours_b, anchor_b, parts = sizes
    what = " + ".join(f"`{name}` {size:,} B" for name, size in parts.items())
    out.append(f"| payload: dist/ gzipped, UI and lessons included (ours) vs the anchor's bundle and sql.js's wasm, "
               f"gzip -9 ({what}) | {ours_b:,} B | {anchor_b:,} B | {ours_b / anchor_b:.2f}× | — |")
    return "\n".join(out) + "\n"


def measure(args: argparse.Namespace, logs: Path, tmp: Path) -> str:
    code = SCRIPT.read_text()
    (tmp / "ours").mkdir()
    (tmp / "anchor").mkdir()
    with Playground(args.dist, logs, tmp / "ours") as ours, Anchor(OUT, logs, tmp / "anchor") as anchor:
        print(f"ours: {ours.version()}, the playground ({args.dist})")
        print(f"anchor: {anchor.version()} in the same Chromium, its own session")
        sides = [("ours", ours), ("anchor", anchor)]
        samples: dict[str, dict[str, list[float]]] = {name: {step: [] for step, *_ in STEPS} for name, _ in sides}
        for i in range(args.warmup + args.runs):
            counted = i >= args.warmup
            print(f"{'run' if counted else 'warm-up'} {i - args.warmup + 1 if counted else i + 1}:", end="",
                  file=sys.stderr, flush=True)
            for name, side in (sides if i % 2 == 0 else list(reversed(sides))):
                times = parse(name, side.run(code))
                print(f" {name} {sum(times.values()):.0f} ms", end="", file=sys.stderr, flush=True)
                if counted:
                    for step in samples[name]:
                        samples[name][step].append(times[step])
            print(file=sys.stderr)
        analysis = analyse(ours, anchor, code, args.analysis_runs) if args.analysis_runs else None
        print("the lifecycle rows: ours with lifecycle functions on another model against none", file=sys.stderr)
        lifecycle = lifecycle_absent(ours, args.runs, args.warmup)
    out = "\n" + table(samples["ours"], samples["anchor"], payload(args.dist, OUT)) + lifecycle
    if analysis is not None:
        out += (f"\nWhat bounds each step: the counted medians above, the time in SQL from {args.analysis_runs} more "
                f"runs of each side (medians; ours: its statements' own `ms`, run with `lines: true` to know each "
                f"statement's step; the anchor: the time inside sql.js's prepare, bind, step and row reading), and the "
                f"rest, outside SQL:\n\n" + analysis_table(analysis, samples["ours"], samples["anchor"]))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="counted runs of each side (default 15, --quick 3)")
    parser.add_argument("--warmup", type=int, default=1, help="runs of each side not counted (default 1)")
    parser.add_argument("--quick", action="store_true", help="a short run: 3 counted runs, 1 analysis run")
    parser.add_argument("--no-build", action="store_true", help=f"reuse the bundle in {OUT}")
    parser.add_argument("--no-analysis", action="store_true", help="skip the runs that time the SQL inside each side")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="the built site (default: dist/)")
    args = parser.parse_args()
    if args.runs is None:
        args.runs = 3 if args.quick else 15
    args.analysis_runs = 0 if args.no_analysis else 1 if args.quick else 3
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    logs = ROOT / "target" / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="orm-playground-bench-anchor-"))
    try:
        if not args.no_build or not (OUT / "sequelize-anchor.js").is_file():
            build(OUT)
        print(measure(args, logs, tmp), end="")
        return 0
    except SetupError as error:
        print(f"sequelize-browser: {error}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as error:
        print(f"sequelize-browser: building the anchor failed: {error}", file=sys.stderr)
        return 2
    except (RunError, WebDriverError, TimeoutError, OSError) as error:
        print(f"\nsequelize-browser: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

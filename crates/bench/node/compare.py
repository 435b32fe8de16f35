#!/usr/bin/env python3
"""The playground against real Sequelize 6 on Node, the same script (issue #6).

Runs workload.js (bulkCreate 1,000 users and 10,000 posts, 10,000 rows through a beforeCreate
hook each, create × 1,000 with validators, findAll with include by JOIN and separate, the
lazy-loading loop, findByPk × 1,000, and as a reference without a goal the lazy loop's statements
as raw queries) on both sides, interleaved run by run so noise on the machine
falls on both, and prints the medians as one Markdown table (workload, ours, anchor, ratio, goal):

- ours: the built site (dist/) in headless Chromium, through `window.ormPlayground.run(script)`
  (a fresh engine and database each run), driven over WebDriver with Python's standard library
  as tests/e2e/playground.py does: dist/ served by `python3 -m http.server` on a free local port,
  /usr/bin/chromedriver, the W3C protocol spoken with urllib;
- anchor: run-sequelize.js --serve, real Sequelize with the sqlite3 driver on Node, one process
  that runs the script with a fresh Sequelize instance each run.

The script times each step itself with performance.now() and prints `bench STEP MS` and
`check STEP RESULT`; a run whose checks differ from Sequelize's, or from the expected counts, is
an error, so a wrong result can never pass for a fast one. The first `--warmup` runs of each side
are not counted. Ratio = median of ours / median of the anchor.

    python3 crates/bench/node/compare.py [--runs N] [--warmup N] [--quick] [--side both|playground|node]

Needs `npm ci` in crates/bench/node, a built dist/ (scripts/build-site.sh) and Chromium with
ChromeDriver; scripts/bench.sh sees to the first two. Exit status: 0 when it measured (goals met
or not), 1 when a run failed or gave a wrong result, 2 on a usage or set-up error.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SCRIPT = HERE / "workload.js"
# The WebDriver client and process helpers the browser tests use (tests/e2e/webdriver.py).
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from webdriver import (CHROMEDRIVER, CHROMIUM, WebDriver, WebDriverError, serve_and_drive, start,  # noqa: E402,F401
                       stop, wait_until)

LOAD_TIMEOUT_S = 60
RUN_TIMEOUT_S = 300

# The steps of workload.js: id, label, kind (issue #6's goals: include reads within 0.1×
# Sequelize's time, writes within 0.3×; it sets none for other reads, which are held to the
# include reads' and shown as such; issue 22 adds findByPk, a lookup, within 0.1×), and the check
# line a right result prints.
STEPS = [
    ("bulkCreate-users", "bulkCreate 1,000 users", "write", "created=1000 ids=1000"),
    ("bulkCreate-posts", "bulkCreate 10,000 posts", "write", "created=10000"),
    ("bulkCreate-hooks", "bulkCreate 10,000 rows, individualHooks: a beforeCreate hook per row", "write",
     "created=10000 trimmed=10000"),
    ("create-validated", "create × 1,000, one at a time, with validators (len, isEmail)", "write", "created=1000"),
    ("include-join", "findAll + include hasMany 1,000 × 10 (JOIN)", "include", "users=1000 posts=10000 each=10"),
    ("include-separate", "findAll + include hasMany 1,000 × 10 (separate)", "include",
     "users=1000 posts=10000 each=10"),
    ("lazy-loop", "lazy loop: findAll 1,000 users, then getPosts() on each", "read",
     "users=1000 posts=10000 each=10"),
    ("find-by-pk", "findByPk × 1,000, one at a time", "lookup", "found=1000"),
    ("lazy-loop-raw", "reference: the lazy loop's 1,001 SELECTs as raw sequelize.query", "reference",
     "users=1000 posts=10000"),
]
# Issue 22 holds reads by key to the include reads' 0.1× too.
GOALS = {"include": 0.1, "lookup": 0.1, "write": 0.3}
HELD_TO = {"read": GOALS["include"]}


class SetupError(Exception):
    """Something the comparison needs is missing (exit status 2)."""


class RunError(Exception):
    """A run failed or gave a wrong result (exit status 1)."""


# --- WebDriver, as in tests/e2e/smoke.py --------------------------------------------------------

# --- the two sides --------------------------------------------------------------------------------

# Runs the script in the page; hands back only what the comparison reads (the statements of a
# 10,000-row bulkCreate would make a large answer for nothing).
RUN_IN_PAGE = """
const [code, done] = [arguments[0], arguments[arguments.length - 1]];
window.ormPlayground.run(code, { timeoutMs: 0 }).then(
  (r) => done({ ok: r.ok, output: r.output, error: r.error, queries: r.queries.length, warnings: r.warnings.length }),
  (e) => done({ ok: false, output: [], error: { name: 'DriverError', message: String(e) } }));
"""


class Playground:
    """The built site in headless Chromium."""

    def __init__(self, dist: Path, logs: Path, tmp: Path) -> None:
        self.dist, self.logs, self.tmp = dist, logs, tmp
        self.processes: list[subprocess.Popen] = []
        self.driver: WebDriver | None = None

    def __enter__(self) -> "Playground":
        for path in (CHROMIUM, CHROMEDRIVER):
            if not os.access(path, os.X_OK):
                raise SetupError(f"{path} not found (apt-get install chromium chromium-driver)")
        if not (self.dist / "index.html").is_file():
            raise SetupError(f"{self.dist}/index.html not found: build the site first (scripts/build-site.sh)")
        try:
            site_port, self.driver = serve_and_drive(self.dist, self.logs, self.processes, prefix="bench-")
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
            self.driver.session_call("POST", "/url", {"url": f"http://127.0.0.1:{site_port}/"})
            has_api = "return !!(window.ormPlayground && typeof window.ormPlayground.run === 'function');"
            try:
                wait_until("window.ormPlayground", lambda: self.driver.execute(has_api), LOAD_TIMEOUT_S)
            except TimeoutError:
                raise SetupError(f"the page in {self.dist} does not install window.ormPlayground.run "
                                 f"(after {LOAD_TIMEOUT_S} s); rebuild it with scripts/build-site.sh") from None
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *_) -> None:
        if self.driver is not None:
            try:
                self.driver.quit()
            except (WebDriverError, OSError):
                pass
            self.driver = None
        for process in reversed(self.processes):
            stop(process)
        self.processes = []

    def version(self) -> str:
        agent = self.driver.execute("return navigator.userAgent;")
        for part in str(agent).split():
            if part.startswith(("HeadlessChrome/", "Chrome/")):
                return "Chromium " + part.split("/", 1)[1]
        return str(agent)

    def run(self, code: str) -> dict:
        return self.driver.execute_async(RUN_IN_PAGE, code, timeout=RUN_TIMEOUT_S + 10)


class Sequelize:
    """run-sequelize.js --serve: real Sequelize 6 on Node, one run per request."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Sequelize":
        node = shutil.which("node")
        if node is None:
            raise SetupError("node not found")
        for package in ("sequelize", "sqlite3"):
            if not (HERE / "node_modules" / package / "package.json").is_file():
                raise SetupError(f"{package} is not installed in {HERE}/node_modules: run `npm ci` there")
        self.process = start([node, "--no-deprecation", str(HERE / "run-sequelize.js"), "--serve", str(SCRIPT)],
                             self.logs / "bench-node.log", stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self

    def __exit__(self, *_) -> None:
        if self.process is not None and self.process.stdin:
            try:
                self.process.stdin.close()
            except OSError:
                pass
        stop(self.process)
        self.process = None

    def version(self) -> str:
        def version_of(package: str) -> str:
            return json.loads((HERE / "node_modules" / package / "package.json").read_text())["version"]
        node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
        return f"Sequelize {version_of('sequelize')} with sqlite3 {version_of('sqlite3')} on Node {node}"

    def run(self, _code: str) -> dict:
        assert self.process and self.process.stdin and self.process.stdout
        self.process.stdin.write(b"run\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RunError(f"run-sequelize.js stopped (see {self.logs / 'bench-node.log'})")
        return json.loads(line)


# --- measuring --------------------------------------------------------------------------------

def parse(side: str, report: dict) -> dict[str, float]:
    """The step times of one report; raises RunError when the run failed or a check is wrong."""
    if not report.get("ok"):
        error = report.get("error") or {}
        line = f" (line {error['line']})" if error.get("line") else ""
        raise RunError(f"{side}: the script failed{line}: {error.get('name')}: {error.get('message')}\n"
                       + "\n".join(f"  {entry}" for entry in report.get("output", [])))
    times: dict[str, float] = {}
    checks: dict[str, str] = {}
    for entry in report.get("output", []):
        for text in str(entry).split("\n"):
            parts = text.split(" ", 2)
            if len(parts) == 3 and parts[0] == "bench":
                times[parts[1]] = float(parts[2])
            elif len(parts) == 3 and parts[0] == "check":
                checks[parts[1]] = parts[2]
    for step, _label, _kind, expected in STEPS:
        if step not in times:
            raise RunError(f"{side}: no `bench {step}` line in the output: {report.get('output')}")
        if checks.get(step) != expected:
            raise RunError(f"{side}: wrong result of {step}: `{checks.get(step)}`, expected `{expected}`")
    return times


def millis(ms: float) -> str:
    """Milliseconds with precision to match, as crates/bench/src/report.rs prints them."""
    return f"{ms:.0f} ms" if ms >= 100 else f"{ms:.1f} ms" if ms >= 10 else f"{ms:.2f} ms"


def table(ours: dict[str, list[float]] | None, anchor: dict[str, list[float]] | None) -> str:
    if ours is not None and anchor is not None:
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
    else:
        which, samples = ("ours", ours) if ours is not None else ("anchor", anchor)
        out = [f"| workload | {which} |", "|---|---:|"]
        out += [f"| {label} | {millis(statistics.median(samples[step]))} |" for step, label, _, _ in STEPS]
    return "\n".join(out) + "\n"


def measure(args: argparse.Namespace, logs: Path, tmp: Path) -> str:
    code = SCRIPT.read_text()
    with Playground(args.dist, logs, tmp) if args.side in ("both", "playground") else _Absent() as ours, \
            Sequelize(logs) if args.side in ("both", "node") else _Absent() as anchor:
        sides = [("ours", ours), ("anchor", anchor)]
        sides = [(name, side) for name, side in sides if not isinstance(side, _Absent)]
        for name, side in sides:
            print(f"{name}: {side.version()}")
        samples: dict[str, dict[str, list[float]]] = {name: {step: [] for step, *_ in STEPS} for name, _ in sides}
        total = args.warmup + args.runs
        for i in range(total):
            counted = i >= args.warmup
            print(f"{'run' if counted else 'warm-up'} {i - args.warmup + 1 if counted else i + 1}:", end="",
                  file=sys.stderr, flush=True)
            # Alternate which side goes first, so neither always runs right after the other.
            for name, side in (sides if i % 2 == 0 else list(reversed(sides))):
                times = parse(name, side.run(code))
                print(f" {name} {sum(times.values()):.0f} ms", end="", file=sys.stderr, flush=True)
                if counted:
                    for step in times:
                        if step in samples[name]:
                            samples[name][step].append(times[step])
            print(file=sys.stderr)
    return table(samples.get("ours"), samples.get("anchor"))


class _Absent:
    def __enter__(self):
        return self

    def __exit__(self, *_):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=None, help="counted runs of each side (default 15, --quick 3)")
    parser.add_argument("--warmup", type=int, default=1, help="runs of each side not counted (default 1)")
    parser.add_argument("--quick", action="store_true", help="a short run: 3 counted runs")
    parser.add_argument("--side", choices=("both", "playground", "node"), default="both")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="the built site (default: dist/)")
    args = parser.parse_args()
    if args.runs is None:
        args.runs = 3 if args.quick else 15
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")

    # Turn SIGTERM into an exception so the processes are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    logs = ROOT / "target" / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="orm-playground-bench-"))
    try:
        print(measure(args, logs, tmp), end="")
        return 0
    except SetupError as error:
        print(f"compare: {error}", file=sys.stderr)
        return 2
    except (RunError, WebDriverError, TimeoutError, OSError) as error:
        print(f"\ncompare: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

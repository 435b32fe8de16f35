#!/usr/bin/env python3
"""Start-up of the playground against a page that only starts SQLite in wasm (issue #6).

- ours: the built site (a snapshot of dist/). Time from navigation start (performance.timeOrigin)
  until the first lesson's results are on the page: an in-page observer, installed before any of
  the page's scripts run (Page.addScriptToEvaluateOnNewDocument), clicks Run the moment the
  button is there and enabled, as an eager learner would, and notes performance.now() when the
  run's finished group (`[data-testid="run-group"]` without `data-live`, drawn from the report) appears. That covers the
  page's wasm and UI, the engine worker instantiating the same wasm and installing the API, and
  the first lesson's run (its models, sync, inserts and queries) and drawing its SQL log. Also
  noted: when the Run button appeared and when `window.ormPlayground.ready()` resolved.
- anchor: crates/bench/browser/anchor.html, which instantiates the wasm of
  crates/bench/wasm-variants/src/bin/sqlite_select1.rs (rusqlite on sqlite-wasm-rs, the same
  SQLite build and flags, release profile, wasm-bindgen --target web, wasm-opt with the site's
  options from web/index.html) whose main opens an in-memory database and runs SELECT 1; time
  from navigation start until init() has returned.

Both are served by one local `python3 -m http.server` (no network throttling: the download size
difference costs almost nothing here; the payload is measured apart). Each measurement is two
visits in a new headless Chromium profile: the **first visit** (empty HTTP cache, no compiled
wasm cached), then, after the browser has had two seconds to write its caches and was closed,
the **repeat visit** in the same profile (HTTP cache and V8's compiled-code cache warm). Both
are counted, so one run gives both rows. The two sides alternate visit pair by visit pair (which
goes first alternates too); the first `--warmup` pairs of each are not counted; figures are
medians; ratio = ours / anchor, goal within 2× on the repeat visit (the first visit is reported
with what bounds it: compiling the wasm, which the anchor's smaller wasm also pays).

    python3 crates/bench/browser/startup.py [--runs N] [--warmup N] [--quick] [--no-build] [--site DIR]

Builds the anchor into target/bench-startup/ (not dist/, not Trunk); needs a built dist/
(scripts/build-site.sh), wasm-bindgen and wasm-opt (scripts/install-tools.sh), Chromium and
ChromeDriver. Exit status: 0 when it measured, 1 when a load failed, 2 on a set-up error.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE.parent / "node"))
from compare import CHROMEDRIVER, CHROMIUM, WebDriver, WebDriverError, serve_and_drive, stop  # noqa: E402

OUT = ROOT / "target" / "bench-startup"
GOAL = 2.0
VISITS = ("first visit", "repeat visit")
LOAD_TIMEOUT_S = 60
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

# Installed before the site's own scripts: click Run as soon as it can be clicked, note the times.
OBSERVER = """
(() => {
  const t = (window.__startup = {});
  const check = () => {
    const button = document.querySelector('[data-testid="run-button"]');
    if (!t.clicked && button && !button.disabled) {
      t.clicked = performance.now();
      button.click();
      // Only now (the page is parsed, the UI drawn): asked while bridge.js is still in <head>,
      // ready() would find no wasm to load yet.
      window.ormPlayground.ready().then(() => { t.ready = performance.now(); });
    }
    const group = t.clicked && !t.results && document.querySelector('[data-testid="run-group"]:not([data-live])');
    if (group) {
      t.results = performance.now();
      t.text = group.textContent.slice(0, 160);
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();
"""

WAIT = """
const [key, done] = [arguments[0], arguments[arguments.length - 1]];
const poll = () => {
  const value = key === 'site' ? (window.__startup && window.__startup.results && window.__startup)
                               : (window.__anchorDone && { done: window.__anchorDone, result: window.__anchorResult });
  if (value) done(JSON.parse(JSON.stringify(value))); else setTimeout(poll, 20);
};
poll();
"""


def wasm_opt_args() -> list[str]:
    """The site's wasm-opt options, as web/index.html gives them to Trunk (`-Oz --converge …`)."""
    html = (ROOT / "web" / "index.html").read_text()
    level = re.search(r'data-wasm-opt="([^"]+)"', html)
    params = re.search(r'data-wasm-opt-params="([^"]*)"', html)
    return [f"-O{level.group(1) if level else 'z'}", *(params.group(1).split() if params else [])]


def build_variants(names: tuple[str, ...] = ("sqlite_select1", "engine")) -> dict[str, Path]:
    """Builds binaries of crates/bench/wasm-variants for wasm32 (release, wasm-bindgen --target web,
    wasm-opt as the site's, functions ordered as the site's) into target/bench-startup/NAME/;
    returns those folders."""
    print(f"bench: building {', '.join(names)} (crates/bench/wasm-variants, release, wasm32)", file=sys.stderr)
    bins = [arg for name in names for arg in ("--bin", name)]
    env = dict(os.environ)
    terser = ROOT / ".tools" / "node_modules" / ".bin" / "terser"
    if "ORM_JS_TERSER" not in env and terser.exists():
        env["ORM_JS_TERSER"] = str(terser)  # the shell minified as scripts/build-site.sh has it
    subprocess.run(["cargo", "build", "--release", "--quiet", "--target", "wasm32-unknown-unknown",
                    "-p", "bench-wasm-variants", *bins], cwd=ROOT, check=True, env=env)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    folders = {}
    for name in names:
        folder = OUT / name
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        built = target / "wasm32-unknown-unknown" / "release" / f"{name}.wasm"
        subprocess.run(["wasm-bindgen", "--target", "web", "--no-typescript", "--out-dir", str(folder), str(built)],
                       check=True)
        wasm = folder / f"{name}_bg.wasm"
        # The site's wasm-opt, functions ordered for gzip as build-site.sh has them (scripts/trunk).
        subprocess.run([str(ROOT / "scripts" / "trunk" / "wasm-opt"), *wasm_opt_args(), "-o", str(wasm), str(wasm)], check=True)
        folders[name] = folder
    if "sqlite_select1" in folders:
        shutil.copy(HERE / "anchor.html", folders["sqlite_select1"] / "index.html")
    return folders


def consistent(site: Path) -> bool:
    """Every file index.html names is there and matches its integrity hash (a copy taken while
    dist/ was being rebuilt would not)."""
    html = (site / "index.html").read_text()
    tags = re.findall(r"<(?:link|script)\b[^>]*>", html)
    checked = 0
    for tag in tags:
        integrity = re.search(r"integrity=[\"']?(sha384-[A-Za-z0-9+/=]+)", tag)
        url = re.search(r"(?:href|src)=[\"']?\.?/?([^\"' >]+)", tag)
        if not integrity or not url:
            continue
        path = site / url.group(1)
        if not path.is_file():
            return False
        digest = "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()
        if digest != integrity.group(1):
            return False
        checked += 1
    return checked > 0


def snapshot_site(dist: Path = ROOT / "dist") -> Path:
    """Copies the built site (dist/, which may be rebuilt while we measure) to
    target/bench-startup/site/, again until the copy is consistent."""
    site = OUT / "site"
    for attempt in range(60):
        if not (dist / "index.html").is_file():
            raise SystemExit(f"bench: {dist}/index.html not found: build the site first (scripts/build-site.sh)")
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(dist, site, ignore=shutil.ignore_patterns(".stage"))
        if consistent(site):
            return site
        if attempt == 0:
            print("bench: dist/ is being rebuilt (its files and integrity hashes differ), waiting up to 5 minutes "
                  "for a consistent copy", file=sys.stderr)
        time.sleep(5)
    raise SystemExit("bench: no consistent copy of dist/ (files and integrity hashes differ)")


def visit(driver: WebDriver, url: str, side: str, args: list[str], linger_s: float = 0) -> dict:
    """Opens `url` in a browser started with `args` (the site's observer installed first),
    waits for its times, stays `linger_s` seconds more, closes the browser; the in-page times."""
    driver.start({"browserName": "chrome", "goog:chromeOptions": {"binary": CHROMIUM, "args": args}})
    try:
        if side == "site":
            driver.session_call("POST", "/goog/cdp/execute",
                                {"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": OBSERVER}})
        driver.session_call("POST", "/timeouts", {"script": LOAD_TIMEOUT_S * 1000})
        driver.session_call("POST", "/url", {"url": url})
        value = driver.execute_async(WAIT, side, timeout=LOAD_TIMEOUT_S + 10)
        time.sleep(linger_s)
        return value
    finally:
        driver.quit()


def browsers_missing(tool: str) -> bool:
    """True, and says so, when Chromium or ChromeDriver is not installed."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            print(f"{tool}: {path} not found (apt-get install chromium chromium-driver)", file=sys.stderr)
            return True
    return False


def load_pair(driver: WebDriver, url: str, side: str) -> tuple[dict, dict]:
    """A first visit in a new profile, then a repeat visit in it; the in-page times of both."""
    profile = tempfile.mkdtemp(prefix="bench-startup-profile-")
    try:
        args = [*ARGS, f"--user-data-dir={profile}"]
        first = measured_load(driver, url, side, args, linger_s=2)
        return first, measured_load(driver, url, side, args)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def measured_load(driver: WebDriver, url: str, side: str, args: list[str], linger_s: float = 0) -> dict:
    """One measured page load with these browser arguments (staying `linger_s` seconds after)."""
    value = visit(driver, url, side, args, linger_s)
    if side == "site" and (" 0 statements" in value.get("text", "") or "statements" not in value.get("text", "")):
        raise RuntimeError(f"the first lesson's run did not run its statements: {value.get('text')!r}")
    if side == "anchor" and value.get("result") != 1:
        raise RuntimeError(f"the anchor page did not get 1 from SELECT 1: {value}")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="counted page loads of each side (default 9)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted loads of each side first (default 1)")
    parser.add_argument("--quick", action="store_true", help="3 counted loads of each side")
    parser.add_argument("--no-build", action="store_true", help="reuse target/bench-startup/sqlite_select1")
    parser.add_argument("--site", type=Path, default=ROOT / "dist", help="the built site (default: dist/)")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    if browsers_missing("startup"):
        return 2
    if not args.no_build:
        build_variants(("sqlite_select1",))
    snapshot_site(args.site)
    processes = []
    times: dict[str, dict[str, list[dict]]] = {visit: {"site": [], "anchor": []} for visit in VISITS}
    logs = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    try:
        port, driver = serve_and_drive(OUT, logs, processes)
        urls = {"site": f"http://127.0.0.1:{port}/site/", "anchor": f"http://127.0.0.1:{port}/sqlite_select1/"}
        for i in range(args.warmup + runs):
            for side in (["site", "anchor"] if i % 2 == 0 else ["anchor", "site"]):
                pair = load_pair(driver, urls[side], side)
                counted = i >= args.warmup
                key = "results" if side == "site" else "done"
                print(f"startup: pair {i + 1}/{args.warmup + runs}{'' if counted else ' (warm-up)'}, {side}: "
                      f"first visit {pair[0][key]:.0f} ms, repeat visit {pair[1][key]:.0f} ms", file=sys.stderr)
                if counted:
                    for visit, value in zip(VISITS, pair):
                        times[visit][side].append(value)
        first = times["first visit"]["site"][0].get("text", "")
        print(f"startup: the first run's group reads: {first!r}", file=sys.stderr)
    except (RuntimeError, TimeoutError, WebDriverError, OSError) as error:
        print(f"startup: {error}", file=sys.stderr)
        return 1
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(logs, ignore_errors=True)

    def med(visit: str, side: str, key: str) -> float:
        return statistics.median(v[key] for v in times[visit][side])

    print("| workload | ours | anchor | ratio | goal |")
    print("|---|---:|---:|---:|---|")
    for visit in VISITS:
        ours, anchor_ms = med(visit, "site", "results"), med(visit, "anchor", "done")
        ratio = ours / anchor_ms
        goal = f"≤ {GOAL:g}×: {'met' if ratio <= GOAL else 'missed'}" if visit == "repeat visit" else "reported"
        print(f"| start-up ({visit}): navigation → the first lesson's results (ours) vs → SQLite wasm ran SELECT 1 "
              f"(anchor) | {ours:.0f} ms | {anchor_ms:.0f} ms | {ratio:.2f}× | {goal} |")
    print()
    for visit in VISITS:
        print(f"ours, {visit}, medians: Run button enabled at {med(visit, 'site', 'clicked'):.0f} ms, engine ready "
              f"(ormPlayground.ready()) at {med(visit, 'site', 'ready'):.0f} ms, results drawn at "
              f"{med(visit, 'site', 'results'):.0f} ms.")
    print(f"{runs} visit pairs of each side after {args.warmup} uncounted, each pair in a new Chromium profile.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

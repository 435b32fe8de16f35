#!/usr/bin/env python3
"""Smoke test of the built site (dist/) in headless Chromium, over WebDriver.

Uses only Python's standard library: it serves dist/ with `python3 -m http.server` on a free
local port, starts /usr/bin/chromedriver, and speaks the W3C WebDriver protocol with urllib.
It checks that the page runs the demo on load (the statements in the SQL log, the titles in the
output), that the Run button runs it again, and that the browser reported no error. It saves a
screenshot to target/e2e/smoke.png and always stops the processes it started.

    scripts/build-site.sh && python3 tests/e2e/smoke.py

The last line of the output is `N passed, M failed`; the exit status is non-zero on failure.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
OUT = ROOT / "target" / "e2e"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
LOAD_TIMEOUT_S = 30
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C key of an element reference

# What the demo runs: the leading keyword of each statement, in order (sync looks the table up in
# sqlite_master, creates it and lists its indexes, as Sequelize does).
EXPECTED_KEYWORDS = ["SELECT", "CREATE", "PRAGMA", "INSERT", "INSERT", "INSERT", "SELECT", "UPDATE", "SELECT"]
EXPECTED_TITLES = ["The Hobbit", "Dune"]


class Results:
    """Collects named checks and prints each as it is made."""

    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, name: str, ok: bool, detail: object = "") -> bool:
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail != "" else ""))
        return ok

    def equal(self, name: str, actual: object, expected: object) -> bool:
        return self.check(name, actual == expected, f"expected {expected!r}, got {actual!r}")


class WebDriverError(Exception):
    pass


class WebDriver:
    """The few W3C WebDriver commands this test needs."""

    def __init__(self, base_url: str) -> None:
        self.base = base_url.rstrip("/")
        self.session: str | None = None

    def call(self, method: str, path: str, body: object = None, timeout: float = 60) -> object:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                payload = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            try:
                value = json.loads(error.read()).get("value", {})
                message = f"{value.get('error')}: {value.get('message', '').splitlines()[0]}"
            except (ValueError, AttributeError, IndexError):
                message = str(error)
            raise WebDriverError(f"{method} {path}: {message}") from None
        return payload.get("value")

    def session_call(self, method: str, path: str, body: object = None) -> object:
        return self.call(method, f"/session/{self.session}{path}", body)

    def start(self, capabilities: dict) -> None:
        value = self.call("POST", "/session", {"capabilities": {"alwaysMatch": capabilities}})
        self.session = value["sessionId"]

    def quit(self) -> None:
        if self.session:
            try:
                self.call("DELETE", f"/session/{self.session}", timeout=20)
            finally:
                self.session = None

    def execute(self, script: str, *args: object) -> object:
        return self.session_call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css: str) -> str:
        value = self.session_call("POST", "/element", {"using": "css selector", "value": css})
        return value[ELEMENT]

    def click(self, css: str) -> None:
        self.session_call("POST", f"/element/{self.find(css)}/click", {})

    def browser_log(self) -> list[dict] | None:
        """The browser console entries since the last call, or None if the driver has no log."""
        for path in ("/se/log", "/log"):
            try:
                return self.session_call("POST", path, {"type": "browser"})
            except WebDriverError:
                continue
        return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(what: str, probe, timeout: float, interval: float = 0.2):
    """Calls `probe` until it returns something truthy; raises TimeoutError after `timeout`."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            value = probe()
            if value:
                return value
        except (OSError, WebDriverError) as error:
            last_error = error
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:g} s waiting for {what}" + (f" ({last_error})" if last_error else ""))


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def start(args: list[str], log: Path) -> subprocess.Popen:
    # Own process group, so stopping it also stops what it started (chromedriver's Chromium).
    with open(log, "wb") as out:
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


# Reads everything the checks need from the page in one round trip.
READ_PAGE = """
const q = (sel, root = document) => root.querySelector(sel);
const text = (el) => (el ? el.textContent.trim() : null);
const log = q('[data-testid="sql-log"]');
return {
  title: document.title,
  runCount: text(q('[data-testid="run-count"]')),
  statementCount: text(q('[data-testid="statement-count"]')),
  entries: log ? [...log.querySelectorAll('[data-testid="sql-entry"]')].map((e) => ({
    sql: text(q('[data-testid="sql"]', e)),
    params: text(q('[data-testid="params"]', e)),
    inlined: text(q('[data-testid="inlined"]', e)),
    text: e.textContent,
  })) : null,
  output: text(q('[data-testid="output"]')),
  titles: [...document.querySelectorAll('[data-testid="output"] [data-testid="title"]')].map(text),
  count: text(q('[data-testid="count"]')),
  error: text(q('[data-testid="error"]')),
  pageErrors: window.__errors || null,
};
"""

ENTRY_COUNT = "return document.querySelectorAll('[data-testid=\"sql-log\"] [data-testid=\"sql-entry\"]').length;"


def check_page(results: Results, page: dict, phase: str) -> None:
    """The checks that hold after every run of the demo."""
    entries = page["entries"] or []
    results.equal(f"{phase}: page title", page["title"], "ORM Playground")
    results.equal(f"{phase}: no ORM error shown", page["error"], None)
    results.equal(f"{phase}: number of statements in the log", len(entries), len(EXPECTED_KEYWORDS))
    keywords = [(e["sql"] or "").split(" ", 1)[0].upper() for e in entries]
    results.equal(f"{phase}: leading keywords of the statements", keywords, EXPECTED_KEYWORDS)
    results.equal(f"{phase}: statement count shown", page["statementCount"], f"{len(EXPECTED_KEYWORDS)} statements")
    if len(entries) != len(EXPECTED_KEYWORDS):
        return
    create, inserts, select, update, count = entries[1], entries[3:6], entries[6], entries[7], entries[8]

    results.check(f"{phase}: CREATE TABLE Books", create["sql"].startswith("CREATE TABLE") and "`Books`" in create["sql"],
                  create["sql"])
    results.equal(f"{phase}: CREATE TABLE binds nothing", create["params"], "[]")
    for title, insert in zip(("Dune", "Structure and Interpretation", "The Hobbit"), inserts):
        ok = (insert["sql"].startswith("INSERT INTO `Books`") and "?" in insert["sql"] and "'" not in insert["sql"]
              and title in (insert["params"] or "") and title in (insert["inlined"] or ""))
        results.check(f"{phase}: INSERT of {title!r} binds its values", ok, insert)

    sql = select["sql"]
    ok = ("FROM `Books`" in sql and "WHERE `Book`.`price` < ?" in sql and "ORDER BY `Book`.`price` ASC" in sql)
    results.check(f"{phase}: SELECT with a ? placeholder and ORDER BY", ok, sql)
    results.equal(f"{phase}: SELECT params", select["params"], "[30]")
    results.check(f"{phase}: SELECT inlined", "`price` < 30 ORDER BY" in (select["inlined"] or ""), select["inlined"])
    results.check(f"{phase}: SELECT returned 2 rows", "2 rows" in select["text"], select["text"])

    ok = (update["sql"].startswith("UPDATE `Books` SET") and "?" in update["sql"]
          and "9.99" in (update["params"] or "") and "9.99" in (update["inlined"] or ""))
    results.check(f"{phase}: UPDATE binds the new price", ok, update)
    results.check(f"{phase}: UPDATE changed 1 row", "1 row changed" in update["text"], update["text"])
    results.check(f"{phase}: count(*)", count["sql"].startswith("SELECT count(*)"), count["sql"])
    results.check(f"{phase}: every entry shows a duration", all(" ms" in e["text"] for e in entries))

    results.equal(f"{phase}: titles in the output", page["titles"], EXPECTED_TITLES)
    results.equal(f"{phase}: count in the output", page["count"], "3")
    results.equal(f"{phase}: no page errors (window.__errors)", page["pageErrors"], [])


def run(results: Results, tmp: Path) -> None:
    if not (DIST / "index.html").is_file():
        results.check("dist/index.html exists", False, "run scripts/build-site.sh first")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    processes: list[subprocess.Popen] = []
    driver: WebDriver | None = None
    try:
        site_port, driver_port = free_port(), free_port()
        processes.append(start([sys.executable, "-m", "http.server", str(site_port), "--bind", "127.0.0.1",
                                "--directory", str(DIST)], OUT / "http-server.log"))
        processes.append(start([CHROMEDRIVER, f"--port={driver_port}"], OUT / "chromedriver.log"))
        wait_until("the static server", lambda: port_open(site_port), 15)
        driver = WebDriver(f"http://127.0.0.1:{driver_port}")
        wait_until("chromedriver", lambda: (driver.call("GET", "/status", timeout=2) or {}).get("ready"), 15)

        driver.start({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--no-first-run", f"--user-data-dir={tmp / 'chromium-profile'}"],
            },
            "goog:loggingPrefs": {"browser": "ALL"},
        })
        driver.session_call("POST", "/window/rect", {"width": 1280, "height": 1000})
        driver.session_call("POST", "/url", {"url": f"http://127.0.0.1:{site_port}/"})

        # On load.
        wait_until("the SQL log to fill", lambda: driver.execute(ENTRY_COUNT) >= len(EXPECTED_KEYWORDS),
                   LOAD_TIMEOUT_S)
        page = driver.execute(READ_PAGE)
        results.equal("load: run counter", page["runCount"], "Run 1")
        check_page(results, page, "load")

        # After pressing Run.
        driver.click('[data-testid="run-button"]')
        wait_until("the second run", lambda: driver.execute(READ_PAGE)["runCount"] == "Run 2", LOAD_TIMEOUT_S)
        check_page(results, driver.execute(READ_PAGE), "run again")

        # Console errors (the driver's browser log; window.__errors is checked above).
        log = driver.browser_log()
        if log is None:
            print("note: this chromedriver has no browser log; relying on window.__errors")
        else:
            severe = [e.get("message") for e in log if e.get("level") == "SEVERE"]
            results.equal("no SEVERE browser console entries", severe, [])

        # Screenshot of the whole page.
        height = driver.execute("return document.documentElement.scrollHeight + outerHeight - innerHeight;")
        driver.session_call("POST", "/window/rect", {"width": 1280, "height": min(max(int(height), 800), 4000)})
        png = base64.b64decode(driver.session_call("GET", "/screenshot"))
        (OUT / "smoke.png").write_bytes(png)
        results.check("screenshot saved to target/e2e/smoke.png", png.startswith(b"\x89PNG"))
    except (TimeoutError, WebDriverError, OSError, KeyError, TypeError) as error:
        results.check("the browser session ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        if driver is not None:
            try:
                driver.quit()
            except (WebDriverError, OSError):
                pass
        for process in reversed(processes):
            stop(process)


def main() -> int:
    # Turn SIGTERM into an exception so the processes are stopped on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results = Results()
    tmp = Path(tempfile.mkdtemp(prefix="orm-playground-e2e-"))
    try:
        run(results, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{results.passed} passed, {results.failed} failed")
    return 1 if results.failed else 0


if __name__ == "__main__":
    sys.exit(main())

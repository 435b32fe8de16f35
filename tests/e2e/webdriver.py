"""The few W3C WebDriver commands the browser tests and the benchmarks need, spoken with urllib
(no Selenium), and the processes they run: a static server for dist/ and chromedriver, each in its
own process group so stopping it also stops what it started. Used by tests/e2e/playground.py and
by crates/bench/node/compare.py (and through it crates/bench/browser/*.py).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C key of an element reference


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

    def session_call(self, method: str, path: str, body: object = None, timeout: float = 60) -> object:
        return self.call(method, f"/session/{self.session}{path}", body, timeout)

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

    def execute_async(self, script: str, *args: object, timeout: float = 60) -> object:
        """Runs `script` with a callback as its last argument and returns what it passes."""
        return self.session_call("POST", "/execute/async", {"script": script, "args": list(args)}, timeout)

    def find(self, css: str) -> str:
        value = self.session_call("POST", "/element", {"using": "css selector", "value": css})
        return value[ELEMENT]

    def click(self, css: str) -> None:
        self.session_call("POST", f"/element/{self.find(css)}/click", {})

    def press(self, *keys: str) -> None:
        """Presses keys, one after the other, on whatever has the focus (W3C actions): each a
        character or one of KEYS, or a chord as a tuple (`(KEYS["Control"], "z")`)."""
        actions: list[dict] = []
        for key in keys:
            chord = key if isinstance(key, tuple) else (key,)
            actions += [{"type": "keyDown", "value": k} for k in chord]
            actions += [{"type": "keyUp", "value": k} for k in reversed(chord)]
        self.session_call("POST", "/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})
        self.session_call("DELETE", "/actions")

    def browser_log(self) -> list[dict] | None:
        """The browser console entries since the last call, or None if the driver has no log."""
        for path in ("/se/log", "/log"):
            try:
                return self.session_call("POST", path, {"type": "browser"})
            except WebDriverError:
                continue
        return None


# WebDriver's codes for the keys that are not characters.
KEYS = {"Tab": "\ue004", "Enter": "\ue007", "Escape": "\ue00c", "Space": "\ue00d", "ArrowDown": "\ue015", "ArrowUp": "\ue013",
        "Control": "\ue009", "Shift": "\ue008"}


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


def start(args: list[str], log: Path, **kwargs) -> subprocess.Popen:
    """Starts a process logging to `log` (its stdout too, unless given), in its own process group,
    so stopping it also stops what it started (chromedriver's Chromium)."""
    with open(log, "wb") as out:
        return subprocess.Popen(args, stdout=kwargs.pop("stdout", out), stderr=out, start_new_session=True, **kwargs)


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



def serve_and_drive(directory: Path, logs: Path, processes: list, prefix: str = "") -> tuple[int, WebDriver]:
    """Serves `directory` with Python's static server on a free local port and starts ChromeDriver;
    both processes go into `processes` (the caller stops them, even when this fails half-way) and
    log to `logs`. Returns the site's port and a client for ChromeDriver (no session yet)."""
    site_port, driver_port = free_port(), free_port()
    processes.append(start([sys.executable, "-m", "http.server", str(site_port), "--bind", "127.0.0.1",
                            "--directory", str(directory)], logs / f"{prefix}http-server.log"))
    processes.append(start([CHROMEDRIVER, f"--port={driver_port}"], logs / f"{prefix}chromedriver.log"))
    wait_until("the static server", lambda: port_open(site_port), 15)
    driver = WebDriver(f"http://127.0.0.1:{driver_port}")
    wait_until("chromedriver", lambda: (driver.call("GET", "/status", timeout=2) or {}).get("ready"), 15)
    return site_port, driver


def chromium_capabilities(profile: Path) -> dict:
    return {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", f"--user-data-dir={profile}"],
        },
        "goog:loggingPrefs": {"browser": "ALL"},
    }

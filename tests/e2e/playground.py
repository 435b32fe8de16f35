#!/usr/bin/env python3
"""Browser tests of the built playground (dist/) in headless Chromium, over WebDriver.

It serves dist/ on a free local port, drives Chromium through chromedriver (Python's standard
library only, see webdriver.py) and checks what a learner and a learning site do:
- `window.ormPlayground.run` (the embedding API): output, errors with the learner's line, a
  runaway loop ended by the time limit with the engine restarted; every parity scenario of
  tests/parity printing exactly what real Sequelize printed; named databases kept across a
  reload, export and import;
- every lesson: pick it, run it, its goal, the SQL log (entries and the count per run), the
  warnings; the N+1 lesson's "apply the fix and re-run" and the SELECT count before and after;
- bad input marked on its line; Stop ending an endless loop; the models panel (diagram, accessor
  methods, the form that writes a model into the editor); the data panel; the workspace
  surviving a reload; a share link carrying the code;
- no error reached the page or the browser console;
- the hostile-input suite (hostile.py: several hundred cases of hostile identifiers, values, built-ins,
  attacks on the worker and raw SQL).
Screenshots go to target/e2e/ (one per lesson, and the N+1 fix).

    scripts/build-site.sh && python3 tests/e2e/playground.py
    E2E_ONLY=hostile python3 tests/e2e/playground.py        # one check (E2E_DIST=dir: another built site)

The last line of the output is `N passed, M failed`; the exit status is non-zero on failure.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import zlib
from pathlib import Path

from hostile import check_hostile
from persistence import check_persistence_cases
from webdriver import (KEYS, Results, WebDriver, WebDriverError, chromium_capabilities, serve_and_drive, stop,
                       wait_until)

ROOT = Path(__file__).resolve().parents[2]
DIST = Path(os.environ.get("E2E_DIST") or ROOT / "dist")  # E2E_DIST: another built site
OUT = ROOT / "target" / "e2e"
PARITY = ROOT / "tests" / "parity" / "lessons"  # each lesson's output under real Sequelize 6
LOAD_TIMEOUT_S = 60
RUN_TIMEOUT_S = 60

# The SQL log draws one screenful of rows and a few either side (crates/playground/src/sql_log.rs:
# ceil(460 / 46) + 1 on screen, 6 overscan above and below), however many statements a run has.
ROWS_DRAWN = 23

# The lessons, in the picker's order. A trap's goal (nplus1, indexes, counting) is met by its fix.
LESSONS = ["getting-started", "bookstore", "users-posts", "nplus1", "indexes", "counting", "transaction", "validations", "raw", "paranoid",
           "hooks", "migrations"]

API_RUN = """
const done = arguments[arguments.length - 1];
window.ormPlayground.ready()
  .then(() => window.ormPlayground.run(arguments[0], arguments[1] || {}))
  .then(done, (e) => done({ thrown: String(e) }));
"""

READ = """
const q = (sel) => document.querySelector(sel);
const text = (sel) => { const el = q(sel); return el ? el.textContent.trim() : null; };
const groups = [...document.querySelectorAll('[data-testid="run-group"]')];
const latest = groups[0];
const finished = groups.find((g) => !g.hasAttribute('data-live'));
return {
  runs: finished ? Number(finished.dataset.run) : 0,
  goal: text('[data-testid="goal"]'),
  beforeAfter: text('[data-testid="before-after"]'),
  output: text('[data-testid="output"]'),
  lines: [...document.querySelectorAll('[data-testid="output"] .line')].map((l) => l.textContent),
  error: text('[data-testid="error"]'),
  warnings: [...document.querySelectorAll('[data-testid="warning"]')].map((w) => w.dataset.kind),
  entries: latest ? latest.querySelectorAll('[data-testid="sql-entry"]').length : 0,
  shown: latest ? Number(latest.querySelector('[data-testid="shown-count"]').dataset.shown) : 0,
  gutter: [...document.querySelectorAll('[data-testid="line-count"]')].map((b) => [Number(b.dataset.line), Number(b.textContent)]),
  flagged: latest ? latest.querySelectorAll('[data-testid="sql-entry"].flagged').length : 0,
  count: latest ? latest.querySelector('[data-testid="statement-count"]').textContent : null,
  sql: latest ? [...latest.querySelectorAll('[data-testid="sql"]')].map((e) => e.textContent) : [],
  editor: q('[data-testid="editor"]').value,
  errorLine: text('.gutter .error-line'),
  running: q('[data-testid="run-button"]').disabled,
  rects: document.querySelectorAll('[data-testid="diagram"] rect').length,
  models: text('[data-testid="model-panel"]'),
  data: text('[data-testid="data-panel"]'),
  dataRows: document.querySelectorAll('[data-testid="data-panel"] table:not(.travel) tbody tr').length,
  pageErrors: window.__errors || null,
};
"""

SET_EDITOR = """
const area = document.querySelector('[data-testid="editor"]');
area.value = arguments[0];
area.dispatchEvent(new Event('input', { bubbles: true }));
"""

PICK_LESSON = """
const picker = document.querySelector('[data-testid="lesson-picker"]');
picker.value = arguments[0];
picker.dispatchEvent(new Event('change', { bubbles: true }));
"""


def png_is_drawn(png: bytes, width: int) -> bool:
    """A screenshot of the page as drawn: a PNG `width` pixels wide whose pixels are not one
    colour (a blank or failed page compresses to a few distinct byte values)."""
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    pos, idat, size = 8, b"", None
    while pos + 8 <= len(png):
        length, kind = int.from_bytes(png[pos:pos + 4], "big"), png[pos + 4:pos + 8]
        body = png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            size = (int.from_bytes(body[0:4], "big"), int.from_bytes(body[4:8], "big"))
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    pixels = zlib.decompress(idat) if idat else b""
    return size is not None and size[0] == width and size[1] >= 400 and len(set(pixels[:400_000])) > 32


class Page:
    """The playground in one browser tab."""

    def __init__(self, driver: WebDriver, url: str) -> None:
        self.driver = driver
        self.url = url

    def fill(self, fields: dict) -> None:
        """Sets form fields by element id: a value, or `checked` for a boolean."""
        self.driver.execute(FILL_FIELDS, fields)

    def open(self, url: str | None = None) -> None:
        self.driver.session_call("POST", "/url", {"url": url or self.url})
        wait_until("the page and its engine", lambda: self.driver.execute_async(
            "const done = arguments[0]; (window.ormPlayground ? window.ormPlayground.ready() : Promise.reject())"
            ".then(() => done(!!document.querySelector('[data-testid=editor]')), () => done(false));"), LOAD_TIMEOUT_S)

    def read(self) -> dict:
        return self.driver.execute(READ)

    def run(self, action=None) -> dict:
        """Clicks Run (or does `action`) and waits for the run to land in the SQL log."""
        before = self.read()["runs"]
        if action is None:
            self.driver.click('[data-testid="run-button"]')
        else:
            action()
        wait_until("the run to finish", lambda: (lambda p: p["runs"] > before and not p["running"])(self.read()),
                   RUN_TIMEOUT_S)
        return self.read()

    def api(self, code: str, options: dict | None = None) -> dict:
        return self.driver.execute_async(API_RUN, code, options or {})

    def screenshot(self, name: str, width: int = 1440, whole: bool = True) -> bool:
        """The page at `width` into target/e2e/NAME.png: all of it (up to 6,000 px tall), or
        the first screenful (`whole=False`)."""
        height = self.driver.execute("return document.documentElement.scrollHeight;") if whole else 860
        self.driver.session_call("POST", "/window/rect", {"width": width, "height": min(max(int(height) + 140, 900), 6000)})
        png = base64.b64decode(self.driver.session_call("GET", "/screenshot"))
        (OUT / f"{name}.png").write_bytes(png)
        return png_is_drawn(png, width)


def check_api(results: Results, page: Page) -> None:
    report = page.api("const { Sequelize } = require('sequelize');\nconsole.log('sum', 1 + 1);")
    results.equal("api: output", report.get("output"), ["sum 2"])
    results.equal("api: report keys", sorted(report),
                  ["engineFailed", "error", "history", "migrations", "ok", "output", "queries", "result", "schema", "warnings"])
    results.equal("api: the engine has not failed", report.get("engineFailed"), False)
    # The minified shell keeps the names of the functions learner code can see (crates/orm-js/build.rs).
    report = page.api("const { Sequelize } = require('sequelize');\nconst util = require('util');\n"
                      "console.log([Sequelize.fn, Sequelize.col, Sequelize.literal, Sequelize.and, "
                      "Sequelize.or, require, util.format, util.inspect].map((f) => f.name).join(' '));\n"
                      "console.log(Sequelize.fn);")
    results.equal("api: function names learner code sees survive minification", report.get("output"),
                  ["fn col literal and or require format inspect", "[Function: fn]"])
    report = page.api("const a = 1;\nnull.x;")
    results.equal("api: error with the learner's line", (report.get("error") or {}).get("line"), 2)
    report = page.api("while (true) {}", {"timeoutMs": 1500})
    results.equal("api: an endless loop ends with TimeoutError", (report.get("error") or {}).get("name"), "TimeoutError")
    report = page.api("console.log('after the loop');")
    results.equal("api: the next run works on a fresh engine", report.get("output"), ["after the loop"])
    report = page.api("self.close();\nawait new Promise(() => {});", {"timeoutMs": 1500})
    results.equal("api: code cannot close the engine's worker (close is gone)",
                  ((report.get("error") or {}).get("name"), (report.get("error") or {}).get("message")),
                  ("TypeError", "self.close is not a function"))
    results.equal("api: and the next run gets a fresh worker", page.api("console.log(1 + 1);").get("output"), ["2"])
    code = ("const { Sequelize, DataTypes } = require('sequelize');\n"
            "const s = new Sequelize('sqlite::memory:', { logging: false });\n"
            "const U = s.define('U', { name: DataTypes.STRING });\nawait s.sync();\nawait U.create({ name: 'x' });")
    report = page.api(code)
    tables = {t["name"]: t["count"] for t in (report.get("schema") or {}).get("tables", [])}
    results.equal("api: the schema snapshot lists the table and its rows", tables, {"Us": 1})
    # Without `lines`, a call's statements wait in the engine and are read in batches: the migrations
    # lesson (its dry run and undo read the run's statements) reports the same either way.
    batched, each_call = page.api(lesson_code("migrations")), page.api(lesson_code("migrations"), {"lines": True})
    results.equal("api: statements read in batches or per call, the same report",
                  [(r.get("ok"), [q["sql"] for q in r.get("queries") or []], r.get("migrations"),
                    [w.get("kind") for w in r.get("warnings") or []]) for r in (batched, each_call)],
                  [(True, [q["sql"] for q in each_call.get("queries") or []], each_call.get("migrations"), ["data-loss"])] * 2)
    # Issue 13: the module as shipped once trapped ("memory access out of bounds") on exactly this.
    code = ("const { Sequelize, DataTypes } = require('sequelize');\n"
            "const sequelize = new Sequelize('sqlite::memory:', { logging: false });\n"
            "const Task = sequelize.define('Task', { title: DataTypes.STRING }, { timestamps: false });\n"
            "await sequelize.sync();\nawait Task.create({ title: 't1' });\n"
            "console.log(await Task.count({ where: { title: 't1' } }));")
    report = page.api(code)
    results.equal("api: count with a where in the shipped module", (report.get("output"), report.get("error")), (["1"], None))
    # A value written into a raw query's SQL is flagged, with the bound version as the fix.
    code = ("const { Sequelize } = require('sequelize');\n"
            "const sequelize = new Sequelize('sqlite::memory:', { logging: false });\n"
            "await sequelize.query(\"CREATE TABLE t (name TEXT)\");\n"
            "await sequelize.query(\"SELECT * FROM t WHERE name = 'ada'\");")
    warnings = page.api(code).get("warnings") or []
    results.equal("api: a spliced value is an unbound-value warning", [w.get("kind") for w in warnings], ["unbound-value"])
    results.equal("api: its fix binds the value", (warnings[0].get("fix") if warnings else None),
                  "await sequelize.query(`SELECT * FROM t WHERE name = ?`, { replacements: ['ada'] });")


# Installed before the page's scripts: a run asked as soon as the page is parsed, long before the
# engine is ready (the page holds it until the worker says the engine is ready).
EARLY_RUN = """
document.addEventListener('DOMContentLoaded', () => {
  const early = (window.__early = { asked: performance.now() });
  window.ormPlayground.ready().then(() => { early.ready = performance.now(); });
  window.ormPlayground.run("console.log('asked before the engine was ready');").then((report) => { early.report = report; });
});
"""


COUNTING_TRAP = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING });
const Post = sequelize.define('Post', { title: DataTypes.STRING });
User.hasMany(Post, { as: 'posts' });
await sequelize.sync();
const [ann, bob] = await User.bulkCreate([{ name: 'Ann' }, { name: 'Bob' }]);
await Post.bulkCreate([{ title: 'x', UserId: ann.id }, { title: 'y', UserId: ann.id }, { title: 'z', UserId: bob.id }]);
const { count, rows } = await User.findAndCountAll({ include: { model: Post, as: 'posts' }, DISTINCT });
console.log('count', count, 'rows', rows.length, rows.map((u) => u.posts.length).join(' '));
"""


def check_counting_trap(results: Results, page: Page) -> None:
    """findAndCountAll with a to-many include counts joined rows, as in Sequelize; the warning
    says so, and `distinct: true` counts the users."""
    trapped = page.api(COUNTING_TRAP.replace(", DISTINCT", ""))
    results.equal("counting trap: the count is the JOIN's rows, as in real Sequelize", trapped.get("output"), ["count 3 rows 2 2 1"])
    results.equal("counting trap: a joined-count warning with distinct: true as the fix",
                  [(w["kind"], "distinct: true" in (w.get("fix") or "")) for w in trapped.get("warnings", [])], [("joined-count", True)])
    fixed = page.api(COUNTING_TRAP.replace("DISTINCT", "distinct: true"))
    results.equal("counting trap: distinct: true counts the users, and the warning goes",
                  (fixed.get("output"), [w["kind"] for w in fixed.get("warnings", [])]), (["count 2 rows 2 2 1"], []))


def check_early_request(results: Results, page: Page) -> None:
    added = page.driver.session_call("POST", "/goog/cdp/execute",
                                     {"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": EARLY_RUN}})
    try:
        page.open()
        wait_until("the early run", lambda: page.driver.execute("return !!(window.__early && window.__early.report);"),
                   RUN_TIMEOUT_S)
    finally:
        page.driver.session_call("POST", "/goog/cdp/execute", {"cmd": "Page.removeScriptToEvaluateOnNewDocument",
                                                               "params": {"identifier": added["identifier"]}})
    early = page.driver.execute("return window.__early;")
    results.check("api: a run asked before the engine is ready waits for it and runs",
                  early["ready"] > early["asked"] and early["report"].get("output") == ["asked before the engine was ready"],
                  {key: early.get(key) for key in ("asked", "ready")} | {"output": early["report"].get("output")})


def check_parity(results: Results, page: Page) -> None:
    """Every parity scenario through the built page's window.ormPlayground (the worker path)."""
    for scenario in sorted((ROOT / "tests" / "parity" / "scenarios").glob("*.js")):
        expected = (ROOT / "tests" / "parity" / "expected" / f"{scenario.stem}.out").read_text()
        report = page.api(scenario.read_text())
        got = "".join(f"{line}\n" for line in report.get("output") or [])
        results.equal(f"parity {scenario.stem}: prints what real Sequelize printed", got, expected)


def check_lessons(results: Results, page: Page) -> None:
    options = page.driver.execute(
        "return [...document.querySelectorAll('[data-testid=\"lesson-picker\"] option')].map((o) => o.dataset.lesson);")
    results.equal("lesson picker lists the lessons", options, LESSONS)
    for lesson in LESSONS:
        page.driver.execute(PICK_LESSON, lesson)
        state = page.run()
        entries, count = state["entries"], state["count"] or ""
        results.check(f"{lesson}: ran without an error", state["error"] is None, state["error"])
        # Every statement passes the "all" chip; the virtualised list draws the first screenful.
        results.check(f"{lesson}: the SQL log shows its statements",
                      0 < entries <= min(state["shown"], ROWS_DRAWN) and count.startswith(f"{state['shown']} statement"),
                      (entries, state["shown"], count))
        results.check(f"{lesson}: no page errors", state["pageErrors"] == [], state["pageErrors"])
        expected = (PARITY / f"{lesson}.out").read_text().rstrip("\n")
        results.equal(f"{lesson}: prints what real Sequelize printed", "\n".join(state["lines"]), expected)
        results.check(f"{lesson}: screenshot", page.screenshot(f"lesson-{lesson}"))
        if lesson == "nplus1":
            check_nplus1(results, page, state)
        elif lesson in ("indexes", "counting"):
            check_trap_lesson(results, page, lesson, state)
        elif lesson == "migrations":
            # Its down() drops a column that held a discount code: that is the lesson.
            results.check(f"{lesson}: goal met", (state["goal"] or "").startswith("✓"), state["goal"])
            results.equal(f"{lesson}: a data-loss warning for the undone column", state["warnings"], ["data-loss"])
        else:
            results.check(f"{lesson}: goal met", (state["goal"] or "").startswith("✓"), state["goal"])
            results.equal(f"{lesson}: no warnings", state["warnings"], [])
        if lesson == "users-posts":
            selects = [s for s in state["sql"] if s.startswith("SELECT `")]
            results.check("users-posts: one SELECT, with a JOIN", len(selects) == 1 and "LEFT OUTER JOIN `Posts` AS `posts`" in selects[0],
                          selects)
            results.equal("users-posts: the diagram has a box per model", state["rects"], 2)
            results.check("users-posts: the models panel lists the accessors",
                          "getPosts" in (state["models"] or "") and "HasMany Post as posts" in (state["models"] or ""), state["models"])
        if lesson == "bookstore":
            results.check("bookstore: the data panel shows the books", "Books (2)" in (state["data"] or "") and state["dataRows"] == 2,
                          (state["data"], state["dataRows"]))


# The rows of the newest run in the SQL log as the chosen dialect shows them, and the lens of an
# opened statement (its three dialects).
READ_DIALECT_ROWS = """
const group = document.querySelector('[data-testid="run-group"]');
const rows = group ? [...group.querySelectorAll('[data-testid="sql"]')] : [];
return { rows: rows.map((r) => r.textContent), dialects: rows.map((r) => r.dataset.dialect || 'sqlite'),
         marks: group ? group.querySelectorAll('[data-testid="sql"] mark').length : 0,
         detail: [...document.querySelectorAll('[data-testid="dialects"] .lens-row')].map((r) => r.dataset.dialect + ': ' + r.textContent) };
"""


SET_SEARCH = """
const box = document.querySelector('[data-testid="sql-search"]');
box.value = arguments[0];
box.dispatchEvent(new Event('input', { bubbles: true }));
"""


def settled(read, done, timeout: float = 10.0):
    """What `read` gives once `done` holds of it, or after `timeout` seconds: the last reading."""
    end = time.monotonic() + timeout
    value = read()
    while not done(value) and time.monotonic() < end:
        time.sleep(0.1)
        value = read()
    return value


def check_dialects(results: Results, page: Page) -> None:
    """The dialect lens: every statement of every lesson comes with what Sequelize would send to
    PostgreSQL and MySQL (through the embedding API, as the page asks for it), and the SQL log
    switches between the three."""
    for lesson in LESSONS:
        report = page.api(lesson_code(lesson), {"dialects": True})
        queries = report.get("queries") or []
        missing = [q.get("sql") for q in queries
                   if not isinstance(q.get("dialects"), dict)
                   or not all(isinstance(q["dialects"].get(d), list) for d in ("postgres", "mysql"))]
        results.check(f"dialects {lesson}: every statement has its PostgreSQL and MySQL text ({len(queries)} statements)",
                      len(queries) > 0 and missing == [], missing[:3])
        lens = [q["dialects"] for q in queries if isinstance(q.get("dialects"), dict)]
        shown = sum(1 for d in lens if d.get("postgres"))
        untranslated = sum(1 for d in lens if d.get("note") == "not-shown")
        print(f"     {lesson}: {shown} of {len(queries)} statements shown on PostgreSQL, {untranslated} SQLite-only steps not translated")
        # The migrations lesson's QueryInterface steps are SQLite's own (rebuilds, ALTERs): the
        # lens says so instead of guessing; every other lesson's statements are translated.
        if lesson != "migrations":
            results.check(f"dialects {lesson}: no statement the lens leaves untranslated", untranslated == 0, untranslated)
    page.driver.execute(PICK_LESSON, "transaction")
    page.run()
    page.driver.click('[data-testid="dialect-chip"][data-value="postgres"]')
    wait_until("the PostgreSQL rows", lambda: set(page.driver.execute(READ_DIALECT_ROWS)["dialects"]) == {"postgres"}, 10)
    pg = page.driver.execute(READ_DIALECT_ROWS)
    results.check("dialects transaction: PostgreSQL shows START TRANSACTION",
                  any(r.startswith("START TRANSACTION") for r in pg["rows"]), pg["rows"][:12])
    results.check("dialects transaction: PostgreSQL quotes names with \"",
                  any('"Products"' in r for r in pg["rows"]) and not any("`" in r for r in pg["rows"]), pg["rows"][:12])
    results.check("dialects transaction: the differing tokens are marked", pg["marks"] > 0, pg["marks"])
    page.driver.click('[data-testid="run-group"] [data-testid="sql-entry"] button.row')
    wait_until("the opened statement", lambda: len(page.driver.execute(READ_DIALECT_ROWS)["detail"]) == 3, 10)
    detail = page.driver.execute(READ_DIALECT_ROWS)["detail"]
    results.check("dialects transaction: an opened statement shows all three dialects",
                  [d.split(":")[0] for d in detail] == ["sqlite", "postgres", "mysql"], detail)
    results.check("dialects: screenshot of the PostgreSQL log", page.screenshot("dialects-postgres"))
    page.driver.click('[data-testid="dialect-chip"][data-value="mysql"]')
    wait_until("the MySQL rows", lambda: set(page.driver.execute(READ_DIALECT_ROWS)["dialects"]) == {"mysql"}, 10)
    my = page.driver.execute(READ_DIALECT_ROWS)
    results.check("dialects transaction: MySQL shows START TRANSACTION and backticks",
                  any(r.startswith("START TRANSACTION") for r in my["rows"]) and any("`Products`" in r for r in my["rows"]), my["rows"][:12])
    results.check("dialects: screenshot of the MySQL log", page.screenshot("dialects-mysql"))
    # The search reads the text of the dialect shown: MySQL's START TRANSACTION, not SQLite's BEGIN.
    page.driver.execute(SET_SEARCH, "start transaction")
    starts = lambda rows: rows != [] and all(r.startswith("START TRANSACTION") for r in rows)  # noqa: E731
    found = settled(lambda: page.driver.execute(READ_DIALECT_ROWS)["rows"], starts)
    results.check("dialects: on MySQL the search finds its START TRANSACTION and nothing else", starts(found), found)
    page.driver.click('[data-testid="dialect-chip"][data-value="sqlite"]')
    none = settled(lambda: page.driver.execute(READ_DIALECT_ROWS)["rows"], lambda rows: rows == [])
    results.equal("dialects: on SQLite the same search finds nothing (it ran BEGIN DEFERRED TRANSACTION)", none, [])
    page.driver.execute(SET_SEARCH, "")
    back = settled(lambda: page.driver.execute(READ_DIALECT_ROWS), lambda b: len(b["rows"]) > 1)
    results.check("dialects: back to SQLite, the rows are what ran", any(r.startswith("BEGIN DEFERRED TRANSACTION") for r in back["rows"]),
                  back["rows"][:12])


def lesson_code(lesson: str) -> str:
    """The starting code of a shipped lesson (its ```js block, public/lessons/LESSON.md)."""
    text = (ROOT / "public" / "lessons" / f"{lesson}.md").read_text()
    return text.split("\n```js\n", 1)[1].split("\n```\n", 1)[0] + "\n"


# A lesson a tutorial author adds to dist/ (not in the build): a lazy loop whose goal only its fix meets.
ADDED_SETUP = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:');
const Note = sequelize.define('Note', { text: DataTypes.STRING });
const Tag = sequelize.define('Tag', { name: DataTypes.STRING });
Note.hasMany(Tag, { as: 'tags' });
await sequelize.sync();
for (const text of ['a', 'b', 'c']) {
  const note = await Note.create({ text });
  await Tag.bulkCreate([{ name: 'x', NoteId: note.id }, { name: 'y', NoteId: note.id }]);
}
"""
ADDED_LESSON = f"""---
title: Added at test time
goal: Count the notes' tags in one query
check: no error
check: at most 1 select
check: table Tags has 6 rows
check: no scan of Tag
---
A lesson from a file the e2e test adds: the loop runs `getTags` per note.

```js
{ADDED_SETUP}for (const note of await Note.findAll()) console.log(note.text, (await note.getTags()).length);
```

```js fixed
{ADDED_SETUP}for (const note of await Note.findAll({{ include: 'tags' }})) console.log(note.text, note.tags.length);
```
"""

# The same file with a typo in a check: the page names the file, the line and the field.
BROKEN_LESSON = ADDED_LESSON.replace("check: at most 1 select", "check: at most one select")

# A tutorial page that embeds the added lesson and records what the playground tells it.
EMBED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>A tutorial</title></head>
<body><h1>A tutorial page</h1>
<iframe id="lesson" title="ORM Playground lesson" src="./?embed&amp;lesson=e2e-added" width="760" height="900"></iframe>
<script>
  window.messages = [];
  addEventListener('message', (event) => { if (event.data && event.data.type === 'orm-playground:goal') window.messages.push(event.data); });
</script></body></html>
"""

PROGRESS = "const p = document.querySelector('[data-testid=\"progress\"]'); return p ? p.textContent : null;"


def check_lesson_files(results: Results, page: Page) -> None:
    """Lessons as content: a lesson file and a malformed one added to dist/ at test time, its
    goal checked, progress kept, and the lesson embedded in a tutorial page's iframe."""
    lessons = DIST / "lessons"
    index = lessons / "index.json"
    shipped = index.read_text()
    added = [lessons / "e2e-added.md", lessons / "e2e-broken.md", DIST / "e2e-embed.html"]
    try:
        added[0].write_text(ADDED_LESSON)
        added[1].write_text(BROKEN_LESSON)
        added[2].write_text(EMBED_PAGE)
        index.write_text(json.dumps(json.loads(shipped) + ["e2e-added.md", "e2e-broken.md", "missing.md"]))
        page.open(page.url + "?lesson=e2e-added")
        # The lessons are read after the engine is ready: wait for the picker to list them.
        options = wait_until("the lessons in the picker", lambda: page.driver.execute(
            "return [...document.querySelectorAll('[data-testid=\"lesson-picker\"] option')].map((o) => o.dataset.lesson);") or None,
            LOAD_TIMEOUT_S)
        results.equal("lesson files: the added file is in the picker, after the shipped ones", options, LESSONS + ["e2e-added"])
        problems = page.driver.execute("return document.querySelector('[data-testid=\"lesson-problems\"]').textContent;")
        results.check("lesson files: a malformed file names the file, the line and the field",
                      "lessons/e2e-broken.md, line 5: field `check`: `at most one select`: `one` is not a whole number" in problems,
                      problems)
        results.check("lesson files: a listed file that is missing is named", "lessons/missing.md: HTTP 404" in problems, problems)
        state = page.read()
        results.check("lesson files: ?lesson= opens the added lesson with its code",
                      "getTags" in state["editor"] and "Added at test time" in page.driver.execute(
                          "return document.querySelector('[data-testid=\"lesson\"]').textContent;"), state["editor"][:80])
        progress = page.driver.execute(PROGRESS)
        state = page.run()
        results.check("lesson files: the lazy loop misses the goal and says why",
                      (state["goal"] or "").startswith("✗") and "4 selects ran; at most 1" in state["goal"], state["goal"])
        page.driver.click('[data-testid="apply-fix"]')
        wait_until("the fixed run", lambda: (lambda p: p["runs"] > state["runs"] and not p["running"])(page.read()), RUN_TIMEOUT_S)
        fixed = page.read()
        results.check("lesson files: the fix meets the goal (1 select, Tags has 6 rows)", (fixed["goal"] or "").startswith("✓"),
                      fixed["goal"])
        met = page.driver.execute(PROGRESS)
        results.check("lesson files: progress counts the met goal", progress != met and met.split(" of ")[1] == f"{len(LESSONS) + 1} goals met",
                      (progress, met))
        page.open(page.url + "?lesson=e2e-added")
        kept = wait_until("the lessons after a reload", lambda: (lambda p: p if p and f" of {len(LESSONS) + 1} " in p else None)(
            page.driver.execute(PROGRESS)), LOAD_TIMEOUT_S)
        results.equal("lesson files: progress is kept across a reload", kept, met)
        label = page.driver.execute("return document.querySelector('option[data-lesson=\"e2e-added\"]').textContent;")
        results.equal("lesson files: the picker marks the met lesson", label, "✓ Added at test time")

        # Embedded in a tutorial page: the compact layout, and the goal posted to the embedder.
        page.driver.session_call("POST", "/url", {"url": page.url + "e2e-embed.html"})
        page.driver.session_call("POST", "/frame", {"id": 0})
        wait_until("the embedded playground", lambda: page.driver.execute_async(
            "const done = arguments[0]; (window.ormPlayground ? window.ormPlayground.ready() : Promise.reject())"
            ".then(() => done((document.querySelector('[data-testid=editor]') || {}).value || ''), () => done(''));"), LOAD_TIMEOUT_S)
        shown = page.driver.execute(
            "const seen = (id) => { const el = document.querySelector(`[data-testid=\"${id}\"]`); return !!el && el.offsetParent !== null; };"
            "return ['lesson-picker', 'share-button', 'model-panel', 'data-panel', 'editor', 'output', 'sql-log', 'open-whole'].map(seen);")
        results.equal("embed: editor, output, SQL log and a link to the whole page; no picker, share, models or data",
                      shown, [False, False, False, False, True, True, True, True])
        before = page.read()["runs"]
        page.driver.click('[data-testid="run-button"]')
        wait_until("the embedded run", lambda: (lambda p: p["runs"] > before and not p["running"])(page.read()), RUN_TIMEOUT_S)
        page.driver.click('[data-testid="apply-fix"]')
        wait_until("the embedded fix", lambda: (lambda p: p["runs"] > before + 1 and not p["running"])(page.read()), RUN_TIMEOUT_S)
        results.check("embed: screenshot", page.screenshot("embed", 800))
        page.driver.session_call("POST", "/frame/parent", {})
        messages = page.driver.execute("return window.messages;")
        results.equal("embed: the embedder gets the goal after each run (missed with why, then met)",
                      [(m.get("lesson"), m.get("met"), m.get("why")) for m in messages],
                      [("e2e-added", False, "4 selects ran; at most 1"), ("e2e-added", True, None)])
    finally:
        index.write_text(shipped)
        for file in added:
            file.unlink(missing_ok=True)
        page.open()


READ_MIGRATIONS = """
const panel = document.querySelector('[data-testid="migrations-panel"]');
if (!panel) return null;
const all = (sel) => [...panel.querySelectorAll(sel)];
const action = panel.querySelector('[data-testid="migration-action"]');
return {
  states: all('[data-testid="migration"]').map((m) => m.textContent.replace(/\\s+/g, ' ').trim()),
  action: action ? action.querySelector('h3').textContent : null,
  dataLoss: all('[data-testid="data-loss"]').map((w) => w.textContent),
  diff: all('[data-testid="schema-diff"] li').map((li) => li.className + ' ' + li.textContent.replace(/\\s+/g, ' ').trim()),
  fromModels: !!panel.querySelector('[data-testid="migration-from-models"]'),
};
"""


def check_migrations_view(results: Results, page: Page) -> None:
    """The migrations lesson's panel: its migrations' state, then Dry run, Run and Undo."""
    page.driver.execute(PICK_LESSON, "migrations")
    page.run()
    view = page.driver.execute(READ_MIGRATIONS)
    results.equal("migrations view: lists the migrations with their state", (view or {}).get("states"),
                  ["✓ run 001-create-orders", "pending 002-discount-code", "pending 003-tidy-up"])
    # Dry run: what 002 and 003 would do, the data 003 would lose, and nothing kept.
    page.run(lambda: page.driver.click('[data-testid="migration-dry-run"]'))
    view = page.driver.execute(READ_MIGRATIONS) or {}
    results.equal("migrations view: the dry run's title", view.get("action"),
                  "Dry run of migrate: 002-discount-code, 003-tidy-up")
    loss = view.get("dataLoss") or []
    results.check("migrations view: the dry run flags the dropped notes and the narrowed total",
                  len(loss) == 2 and any('"note"' in w and "1 row" in w for w in loss)
                  and any('"total"' in w and "20.5" in w for w in loss), loss)
    diff = view.get("diff") or []
    results.check("migrations view: the schema diff shows the column added, removed and changed",
                  any(d.startswith("added") and "discount_code" in d for d in diff)
                  and any(d.startswith("removed") and "`note`" in d for d in diff)
                  and any(d.startswith("changed") and "INTEGER" in d for d in diff), diff)
    results.equal("migrations view: nothing kept after the dry run", view.get("states"),
                  ["✓ run 001-create-orders", "pending 002-discount-code", "pending 003-tidy-up"])
    results.check("migrations view: screenshot of the dry run", page.screenshot("migrations-dry-run"))
    page.run(lambda: page.driver.click('[data-testid="migration-migrate"]'))
    view = page.driver.execute(READ_MIGRATIONS) or {}
    results.equal("migrations view: Run applies the pending ones", view.get("states"),
                  ["✓ run 001-create-orders", "✓ run 002-discount-code", "✓ run 003-tidy-up"])
    results.equal("migrations view: Run reports the data it lost", len(view.get("dataLoss") or []), 2)
    page.run(lambda: page.driver.click('[data-testid="migration-undo"]'))
    view = page.driver.execute(READ_MIGRATIONS) or {}
    results.equal("migrations view: Undo reverts the last one", (view.get("action"), view.get("states")),
                  ("Undo: 003-tidy-up", ["✓ run 001-create-orders", "✓ run 002-discount-code", "pending 003-tidy-up"]))
    results.check("migrations view: screenshot after undo", page.screenshot("migrations-undo"))


# Clicks the newest run's first statement whose SQL contains arguments[0] (true when there is one).
CLICK_STATEMENT = """
const group = document.querySelector('[data-testid="run-group"]');
const entry = [...group.querySelectorAll('[data-testid="sql-entry"]')]
  .find((e) => e.querySelector('[data-testid="sql"]').textContent.includes(arguments[0]));
if (entry) entry.querySelector('button.row').click();
return !!entry;
"""

READ_PLAN = """
const group = document.querySelector('[data-testid="run-group"]');
return [...group.querySelectorAll('[data-testid="plan"] li')].map((li) => li.textContent);
"""


def open_plan(page: Page, sql: str) -> list:
    """The plan of the newest run's first statement whose SQL contains `sql`, as its steps' text."""
    if not page.driver.execute(CLICK_STATEMENT, sql):
        return []
    return wait_until(f"the plan of the statement with {sql!r}", lambda: page.driver.execute(READ_PLAN), 10)


def check_nplus1(results: Results, page: Page, trapped: dict) -> None:
    results.check("nplus1: goal missed before the fix", (trapped["goal"] or "").startswith("✗"), trapped["goal"])
    results.equal("nplus1: an N+1 warning, and the index the lazy lookups lack", trapped["warnings"], ["n+1", "missing-index"])
    message = page.driver.execute("return document.querySelector('[data-testid=\"warning\"] p').textContent;")
    results.check("nplus1: the warning links the loop to the findAll's rows, key by key",
                  "for 12 of the 12 Order rows that query #" in message and "(Order 1, 2, 3, 4, 5, 6, … 12)" in message, message)
    page.driver.click('[data-action="filter"][data-value="flagged"]')
    warned = page.read()
    results.equal("nplus1: the findAll and its 12 lazy loads are highlighted together", (warned["shown"], warned["flagged"]), (13, 13))
    page.driver.click('[data-action="filter"][data-value="all"]')
    # Queries per line: the loop's line ran 12 statements, the findAll's one.
    lines = trapped["editor"].split("\n")
    find_all = next(i + 1 for i, text in enumerate(lines) if "Order.findAll(" in text)
    lazy = next(i + 1 for i, text in enumerate(lines) if "getItems()" in text)
    counts = dict(trapped["gutter"])
    results.equal("nplus1: the gutter counts 1 statement for the findAll's line and 12 for the loop's",
                  (counts.get(find_all), counts.get(lazy)), (1, 12))
    page.driver.click(f'[data-testid="line-count"][data-line="{lazy}"]')
    only_line = page.read()
    line_refs = page.driver.execute("return [...document.querySelectorAll('[data-testid=\"run-group\"]')[0]"
                                    ".querySelectorAll('.line-ref')].map((e) => e.textContent);")
    results.check("nplus1: a click on the loop's count shows its 12 statements",
                  only_line["shown"] == 12 and line_refs == [f"line {lazy}"] * 12, (only_line["shown"], line_refs))
    results.equal("nplus1: a lazy load's plan reads every item (no index on orderId)",
                  open_plan(page, "WHERE `Item`.`orderId` = "), ["full scan SCAN Item"])
    page.driver.click('[data-testid="line-filter"]')
    results.equal("nplus1: the line chip clears the line filter", page.read()["shown"], trapped["shown"])
    # The index the lazy lookups lack: added after sync, the same loop searches instead of scanning.
    indexed = page.run(lambda: page.driver.click('[data-testid="add-index"]'))
    results.check("nplus1: 'Add the index' puts the addIndex after sync",
                  "await sequelize.sync();\nawait sequelize.getQueryInterface().addIndex('Items', ['orderId']);" in indexed["editor"],
                  indexed["editor"][:400])
    results.equal("nplus1: with the index only the N+1 warning is left", indexed["warnings"], ["n+1"])
    page.driver.click(f'[data-testid="line-count"][data-line="{lazy + 1}"]')
    searched = open_plan(page, "WHERE `Item`.`orderId` = ")
    results.check("nplus1: with the index the lazy load's plan searches (SCAN → SEARCH)",
                  len(searched) == 1 and searched[0].startswith("index SEARCH Item USING INDEX"), searched)
    page.driver.click('[data-testid="line-filter"]')
    fixed = page.run(lambda: page.driver.click('[data-testid="apply-fix"]'))
    results.check("nplus1: goal met after apply and re-run", (fixed["goal"] or "").startswith("✓"), fixed["goal"])
    results.check("nplus1: SELECT count before and after", (fixed["beforeAfter"] or "").startswith("SELECTs: 13 → 1 · "), fixed["beforeAfter"])
    results.equal("nplus1: no warnings after the fix", fixed["warnings"], [])
    results.check("nplus1: the editor holds the fixed code", "include: [{ model: Item, as: 'items' }]" in fixed["editor"])
    fixed_lines = fixed["editor"].split("\n")
    fixed_find = next(i + 1 for i, text in enumerate(fixed_lines) if "Order.findAll(" in text)
    results.check("nplus1: after the fix the findAll's line ran 1 statement and no line ran 12",
                  dict(fixed["gutter"]).get(fixed_find) == 1 and all(c != 12 for _, c in fixed["gutter"] if _ >= fixed_find),
                  fixed["gutter"])
    page.driver.click(f'[data-testid="line-count"][data-line="{fixed_find}"]')
    plan = open_plan(page, "LEFT OUTER JOIN")
    page.driver.click('[data-testid="line-filter"]')
    results.check("nplus1: the fix's JOIN plan: the orders scanned, the items searched through an automatic index",
                  plan[:1] == ["full scan SCAN Order"] and any(s.startswith("automatic index SEARCH items USING AUTOMATIC") for s in plan),
                  plan)
    results.equal("nplus1: the fix prints what real Sequelize printed", "\n".join(fixed["lines"]),
                  (PARITY / "nplus1-fixed.out").read_text().rstrip("\n"))
    results.check("nplus1: screenshot after the fix", page.screenshot("nplus1-fixed"))


def check_trap_lesson(results: Results, page: Page, lesson: str, trapped: dict) -> None:
    """A trap lesson: its warning and missed goal, then "apply the fix and re-run": the goal met, no
    warning, the output real Sequelize printed for the fix, and the reads compared."""
    kind = {"indexes": "missing-index", "counting": "joined-count"}[lesson]
    results.check(f"{lesson}: goal missed before the fix", (trapped["goal"] or "").startswith("✗"), trapped["goal"])
    results.equal(f"{lesson}: the {kind} warning", trapped["warnings"], [kind])
    if lesson == "indexes":
        results.equal("indexes: each count's plan reads every order", open_plan(page, "WHERE `Order`.`status` = "), ["full scan SCAN Order"])
    # The missing index's own button (the addIndex after sync); the counting trap's lesson fix.
    button = "add-index" if lesson == "indexes" else "apply-fix"
    fixed = page.run(lambda: page.driver.click(f'[data-testid="{button}"]'))
    if lesson == "indexes":
        results.check("indexes: 'Add the index' puts the addIndex after sync",
                      "await sequelize.sync();\nawait sequelize.getQueryInterface().addIndex('Orders', ['status']);" in fixed["editor"],
                      fixed["editor"][:600])
    results.check(f"{lesson}: goal met after the fix and re-run", (fixed["goal"] or "").startswith("✓"), fixed["goal"])
    results.equal(f"{lesson}: no warnings after the fix", fixed["warnings"], [])
    results.equal(f"{lesson}: the fix prints what real Sequelize printed", "\n".join(fixed["lines"]),
                  (PARITY / f"{lesson}-fixed.out").read_text().rstrip("\n"))
    compared = fixed["beforeAfter"] or ""
    if lesson == "indexes":
        results.check("indexes: before and after, the same SELECTs, no full scans, and their times",
                      compared.startswith("SELECTs: 3 → 3 · ") and compared.endswith(" · full scans: 3 → 0"), compared)
        searched = open_plan(page, "WHERE `Order`.`status` = ")
        results.check("indexes: with the index the count's plan searches (SCAN → SEARCH)",
                      len(searched) == 1 and searched[0].startswith("index SEARCH Order USING COVERING INDEX"), searched)
        times = [float(t) for t in compared.split(" · ")[1].replace(" ms", "").split(" → ")]
        results.check("indexes: the counts took less time through the index", times[1] < times[0], compared)
    else:
        results.check("counting: before and after, the same SELECTs", compared.startswith("SELECTs: 2 → 2 · "), compared)
    results.check(f"{lesson}: screenshot after the fix", page.screenshot(f"{lesson}-fixed"))


READ_CHART = """
const chart = document.querySelector('[data-testid="chart"]');
const first = chart.querySelector('figure');
return {
  state: chart.dataset.state,
  legend: [...chart.querySelectorAll('[data-testid="series"]')].map((li) => li.textContent),
  points: first ? [...first.querySelectorAll('circle')].map((c) => [c.dataset.series, Number(c.dataset.n), Number(c.dataset.reads), Number(c.dataset.ms)]) : [],
};
"""


def check_scaling(results: Results, page: Page) -> None:
    """"How it scales" on the N+1 lesson: the lazy loop's SELECTs climb with N, the index's
    version runs as many but in less time, the fix's stay flat; Stop ends the runs."""
    page.driver.execute(PICK_LESSON, "nplus1")
    trapped = page.run()
    results.equal("scaling: the lesson's run advises the index", trapped["warnings"], ["n+1", "missing-index"])
    page.driver.click('[data-testid="scale-run"]')
    chart = wait_until("the scaling runs", lambda: (lambda c: c if c["state"] == "done" else None)(page.driver.execute(READ_CHART)), 300)
    results.equal("scaling: three series", chart["legend"], ["your code", "with the index", "the fix"])
    by = {}
    for series, n, reads, ms in chart["points"]:
        by.setdefault(series, []).append((n, reads, ms))
    reads = {series: [r for _, r, _ in points] for series, points in by.items()}
    results.equal("scaling: the lazy loop's SELECTs climb with N (N + 1)", reads.get("your code"), [11, 101, 1001])
    results.equal("scaling: with the index, as many SELECTs", reads.get("with the index"), [11, 101, 1001])
    results.equal("scaling: the fix stays at one SELECT", reads.get("the fix"), [1, 1, 1])
    ms = {series: [m for _, _, m in points] for series, points in by.items()}
    results.check("scaling: the lazy loop's time climbs", ms["your code"][2] > ms["your code"][0], ms)
    results.check("scaling: the index bends the loop's time down at N = 1000", ms["with the index"][2] < ms["your code"][2], ms)
    results.check("scaling: screenshot", page.screenshot("scaling"))
    # Stop in the middle: the runs end, the chart says so, and Run works again.
    page.driver.click('[data-testid="scale-run"]')
    wait_until("a scaling run to start", lambda: page.driver.execute(READ_CHART)["state"] == "running", 30)
    page.driver.click('[data-testid="stop-button"]')
    stopped = wait_until("the stopped chart", lambda: (lambda c: c if c["state"] == "done" else None)(page.driver.execute(READ_CHART)), 60)
    results.check("scaling: Stop ends the runs and the chart says so", any("stopped" in entry for entry in stopped["legend"]), stopped["legend"])
    after = page.run()
    results.check("scaling: Run works after a stopped scaling", after["error"] is None and after["lines"][:1] == ["Customer 1 2 items"],
                  (after["error"], after["lines"][:1]))


def check_bad_input_and_stop(results: Results, page: Page) -> None:
    page.driver.execute(SET_EDITOR, "const ok = 1;\nconst broken = ;\n")
    state = page.run()
    results.check("syntax error: shown with its line", "line 2" in (state["error"] or "") and "SyntaxError" in state["error"],
                  state["error"])
    results.equal("syntax error: the line is marked in the gutter", state["errorLine"], "2")
    page.driver.execute(SET_EDITOR, "console.log('spinning');\nwhile (true) {}\n")
    page.driver.click('[data-testid="run-button"]')
    wait_until("the run to start", lambda: page.read()["running"], 10)
    state = page.run(lambda: page.driver.click('[data-testid="stop-button"]'))
    results.check("stop: ends an endless loop", "StoppedError" in (state["error"] or ""), state["error"])
    page.driver.execute(PICK_LESSON, "raw")
    state = page.run()
    results.check("stop: the next run works", state["error"] is None and "injection rows 0" in (state["output"] or ""),
                  (state["error"], state["output"]))


LARGE = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING });
await sequelize.sync();
await User.bulkCreate(Array.from({ length: 100 }, (_, i) => ({ name: `u${i}` })));
for (let i = 0; i < 100000; i++) await User.findByPk((i % 100) + 1);
"""
LARGE_STATEMENTS = 100_004  # the sync's 3, the bulkCreate, 100,000 findByPk

# Scrolls the newest run's list to statement position arguments[0] and resolves, on the first
# frame that draws it, with the time that took and the rows in the DOM.
SCROLL_TO = """
const [position, done] = arguments;
const viewport = document.querySelector('[data-testid="run-group"] [data-testid="sql-viewport"]');
const start = performance.now();
viewport.scrollTop = position * 46;
const look = () => {
  const ids = [...viewport.querySelectorAll('[data-testid="sql-entry"]')].map((e) => Number(e.dataset.queryId));
  if (ids.includes(position + 1)) done({ ms: performance.now() - start, rows: ids.length, ids });
  else if (performance.now() - start > 5000) done({ ms: null, rows: ids.length, ids });
  else requestAnimationFrame(look);
};
requestAnimationFrame(look);
"""

# Does arguments[0] (a script that changes the narrowing) and resolves on the first frame whose
# shown count is arguments[1], with the time that took.
NARROW = """
const [change, want, done] = arguments;
const start = performance.now();
new Function(change)();
const look = () => {
  const shown = Number(document.querySelector('[data-testid="run-group"] [data-testid="shown-count"]').dataset.shown);
  if (shown === want) done({ ms: performance.now() - start, shown });
  else if (performance.now() - start > 10000) done({ ms: null, shown });
  else requestAnimationFrame(look);
};
requestAnimationFrame(look);
"""


def check_large_log(results: Results, page: Page) -> None:
    """100,000 statements in one run: every one reachable, a screenful in the DOM, filters and
    search over all of them. The times are printed (a benchmark, not an assertion)."""
    page.driver.execute(SET_EDITOR, LARGE)
    state = page.run()
    results.check("100,000 statements: the run's count is complete",
                  (state["count"] or "").startswith(f"{LARGE_STATEMENTS} statements"), state["count"])
    results.check("100,000 statements: all of them in the list, one screenful in the DOM",
                  state["shown"] == LARGE_STATEMENTS and 0 < state["entries"] <= ROWS_DRAWN, (state["shown"], state["entries"]))
    results.equal("100,000 statements: one N+1 warning", state["warnings"], ["n+1"])
    middle = page.driver.execute_async(SCROLL_TO, 50_000)
    results.check("100,000 statements: scrolled to the middle, statement #50,001 is drawn",
                  middle["ms"] is not None and middle["rows"] <= ROWS_DRAWN, middle)
    end = page.driver.execute_async(SCROLL_TO, LARGE_STATEMENTS - 1)
    results.check("100,000 statements: the last one is reachable", end["ms"] is not None, end)
    writes = page.driver.execute_async(NARROW, "document.querySelector('[data-action=\"filter\"][data-value=\"writes\"]').click()", 1)
    results.check("100,000 statements: the writes chip leaves the INSERT", writes["ms"] is not None, writes)
    everything = page.driver.execute_async(NARROW, "document.querySelector('[data-action=\"filter\"][data-value=\"all\"]').click()",
                                           LARGE_STATEMENTS)
    search = ("const box = document.querySelector('[data-testid=\"sql-search\"]'); box.value = 'INSERT INTO';"
              "box.dispatchEvent(new Event('input', { bubbles: true }));")
    found = page.driver.execute_async(NARROW, search, 1)
    results.check("100,000 statements: the search finds the one INSERT", found["ms"] is not None, found)
    cleared = page.driver.execute_async(NARROW, search.replace("'INSERT INTO'", "''"), LARGE_STATEMENTS)
    results.check("100,000 statements: clearing the search shows them all again", cleared["ms"] is not None, cleared)
    print(f"measure: SQL log of {LARGE_STATEMENTS} statements: scroll to the middle {middle['ms']:.1f} ms, to the end "
          f"{end['ms']:.1f} ms; writes chip {writes['ms']:.1f} ms, all chip {everything['ms']:.1f} ms; "
          f"search {found['ms']:.1f} ms, cleared {cleared['ms']:.1f} ms (to the first frame drawn)")


SLOW = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING });
await sequelize.sync();
for (let i = 0; i < 25; i++) {
  await User.create({ name: `u${i}` });
  await new Promise((resolve) => setTimeout(resolve, 100));
}
"""

READ_LIVE = """
const group = document.querySelector('[data-testid="run-group"]');
return { running: document.querySelector('[data-testid="run-button"]').disabled,
         run: group ? Number(group.dataset.run) : 0,
         count: group ? group.querySelector('[data-testid="statement-count"]').textContent : null };
"""


def check_live_log(results: Results, page: Page) -> None:
    """Statements appear while a 2.5 s run goes; a run group the learner opened stays open."""
    page.driver.execute(SET_EDITOR, SLOW)
    before = page.read()["runs"]
    # The learner opens an older run's statements (the second group, closed when the newest
    # came), then runs again: it stays open; the newest run so far closes when the next comes.
    opened = page.driver.execute("const g = document.querySelectorAll('[data-testid=run-group]')[1];"
                                 "return g && !g.open ? Number(g.dataset.run) : null;")
    newest = before
    if opened is not None:
        page.driver.click(f'[data-testid="run-group"][data-run="{opened}"] > summary')
    # A half-filled form of the models pane.
    page.fill({"new-model-name": "Draft"})
    page.driver.click('[data-testid="run-button"]')
    seen = []
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while time.monotonic() < deadline:
        live = page.driver.execute(READ_LIVE)
        if live["run"] > before:
            seen.append((live["running"], live["count"]))
        if seen and not live["running"]:
            break
        time.sleep(0.15)
    during = [count for running, count in seen if running and count and "so far" in count]
    results.check("live log: the statement count grows while the run goes",
                  len(set(during)) >= 3 and not during[0].startswith("28 statements"), seen[:12])
    final = page.read()
    results.check("live log: the finished run has every statement, no longer 'so far'",
                  (final["count"] or "").startswith("28 statements, 0 SELECTs") and "so far" not in final["count"], final["count"])
    still_open = page.driver.execute(f"const g = document.querySelector('[data-testid=\"run-group\"][data-run=\"{opened}\"]');"
                                     "return g ? g.open : null;")
    results.check("live log: the run group the learner opened is still open after the run", opened is not None and still_open,
                  (opened, still_open))
    results.equal("live log: a half-filled form keeps what was typed through the run",
                  page.driver.execute("return document.getElementById('new-model-name').value;"), "Draft")
    page.fill({"new-model-name": ""})
    closed = page.driver.execute("return document.querySelector(arguments[0]).open;",
                                 f'[data-testid="run-group"][data-run="{newest}"]')
    results.equal("live log: the run before, opened by the page, closed when the new one came", closed, False)


ACTIVE = "const a = document.activeElement; return a ? (a.dataset.testid || a.tagName.toLowerCase()) : null;"


def tab_to(page: Page, testid: str, limit: int = 40) -> bool:
    """Presses Tab until the control `testid` has the focus (at most `limit` times)."""
    for _ in range(limit):
        if page.driver.execute(ACTIVE) == testid:
            return True
        page.driver.press(KEYS["Tab"])
    return page.driver.execute(ACTIVE) == testid


def check_keyboard(results: Results, page: Page) -> None:
    """Lessons, Run and Stop with the keyboard alone; Tab in the editor indents and Ctrl+Z
    undoes it; Esc then Tab leaves the editor."""
    # Sequential focus starts from the top of the page.
    page.driver.execute("document.body.tabIndex = -1; document.body.focus(); window.scrollTo(0, 0);")
    results.check("keyboard: Tab reaches the lesson picker", tab_to(page, "lesson-picker"), page.driver.execute(ACTIVE))
    first = page.driver.execute("return document.querySelector('[data-testid=\"lesson-picker\"]').value;")
    last = page.driver.execute("const p = document.querySelector('[data-testid=\"lesson-picker\"]');"
                               "return p.selectedIndex === p.options.length - 1;")
    page.driver.press(KEYS["ArrowUp"] if last else KEYS["ArrowDown"])
    picked = page.driver.execute("return document.querySelector('[data-testid=\"lesson-picker\"]').value;")
    results.check("keyboard: the arrow key picks the next lesson", picked != first, (first, picked))
    results.check("keyboard: Tab reaches Run", tab_to(page, "run-button", 3), page.driver.execute(ACTIVE))
    state = page.run(lambda: page.driver.press(KEYS["Enter"]))
    results.check("keyboard: Enter on Run runs the lesson", state["error"] is None and state["entries"] > 0, state["error"])
    # Stop: an endless loop, then Tab to Stop and Enter.
    page.driver.execute(SET_EDITOR, "while (true) {}\n")
    page.driver.execute("document.querySelector('[data-testid=\"run-button\"]').focus();")
    page.driver.press(KEYS["Enter"])
    wait_until("the run to start", lambda: page.read()["running"], 10)
    results.check("keyboard: Tab reaches Stop while running", tab_to(page, "stop-button", 3), page.driver.execute(ACTIVE))
    state = page.run(lambda: page.driver.press(KEYS["Enter"]))
    results.check("keyboard: Enter on Stop ends the run", "StoppedError" in (state["error"] or ""), state["error"])
    # The editor: Tab indents, Ctrl+Z undoes it, Esc then Tab moves on.
    page.driver.execute(SET_EDITOR, "const a = 1;")
    page.driver.execute("const e = document.querySelector('[data-testid=\"editor\"]'); e.focus(); e.setSelectionRange(0, 0);")
    page.driver.press(KEYS["Tab"])
    indented = page.read()["editor"]
    page.driver.press((KEYS["Control"], "z"))
    undone = page.read()["editor"]
    results.equal("keyboard: Tab indents and Ctrl+Z undoes it", (indented, undone), ("  const a = 1;", "const a = 1;"))
    page.driver.press(KEYS["Escape"], KEYS["Tab"])
    results.check("keyboard: Esc then Tab leaves the editor", page.driver.execute(ACTIVE) != "editor", page.driver.execute(ACTIVE))


AXE = ROOT / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(
  (r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))),
  (e) => done([{ id: 'axe-failed', impact: 'critical', help: String(e), nodes: [] }]));
"""


def check_screenshots(results: Results, page: Page) -> None:
    """Every pane after the N+1 lesson ran, a statement opened, at 1400 and 800 px wide."""
    page.driver.execute(PICK_LESSON, "nplus1")
    page.run()
    page.driver.click('[data-testid="run-group"] [data-testid="sql-entry"] .row')
    for width in (1400, 800):
        results.check(f"screenshot of every pane at {width} px", page.screenshot(f"panes-{width}", width))
    results.check("screenshot of the first screenful (the README's)", page.screenshot("first-screen", 1400, whole=False))


def check_accessibility(results: Results, page: Page) -> None:
    """axe-core's audit of the page after a lesson ran (every pane drawn): no serious or
    critical violation. The minor and moderate ones are printed."""
    if not AXE.is_file():
        results.check("accessibility: axe-core is installed (scripts/install-tools.sh)", False, str(AXE))
        return
    page.driver.execute(PICK_LESSON, "nplus1")
    page.run()
    page.driver.execute(AXE.read_text())
    violations = page.driver.execute_async(AXE_RUN, timeout=120)
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    for v in violations:
        if v not in serious:
            print(f"axe ({v['impact']}): {v['id']} — {v['help']} — {v['nodes']}")
    results.equal("accessibility: no serious or critical axe-core violations", serious, [])


def check_models_form(results: Results, page: Page) -> None:
    page.driver.execute(PICK_LESSON, "users-posts")
    page.fill({"new-model-name": "Tag", "new-model-attributes": "label:STRING(40)"})
    state = page.run(lambda: page.driver.click('[data-testid="add-model"]'))
    results.check("models form writes a define before the sync",
                  "const Tag = sequelize.define('Tag', {\n  label: DataTypes.STRING(40),\n});\nawait sequelize.sync" in state["editor"],
                  state["editor"][:400])
    results.equal("models form: the code runs again and the diagram shows the new model", state["rects"], 3)
    page.fill({"new-model-name": "Post", "new-model-attributes": "likes:INTEGER"})
    state = page.run(lambda: page.driver.click('[data-testid="add-model"]'))
    results.check("models form adds an attribute to an existing model",
                  "sequelize.define('Post', {\n  likes: DataTypes.INTEGER, title: DataTypes.STRING })" in state["editor"],
                  state["editor"][:600])
    results.check("models form: the diagram shows the new attribute",
                  "likes: INTEGER" in page.driver.execute("return document.querySelector('[data-testid=\"diagram\"]').textContent;"))
    page.fill({"assoc-source": "Tag", "assoc-kind": "belongsToMany", "assoc-target": "Post"})
    state = page.run(lambda: page.driver.click('[data-testid="add-association"]'))
    results.check("association form writes the call", "Tag.belongsToMany(Post, { through: 'TagPost' });" in state["editor"],
                  state["editor"][:800])
    results.equal("association form: the junction appears in the diagram", state["rects"], 4)
    page.fill({"attr-model": "Post", "attr-name": "title", "attr-required": True, "attr-unique": True,
               "attr-default": "untitled", "attr-validator": "len: [2, 50]"})
    state = page.run(lambda: page.driver.click('[data-testid="set-attribute"]'))
    results.check("attribute form replaces the attribute's definition with its options",
                  "likes: DataTypes.INTEGER, title: { type: DataTypes.STRING, allowNull: false, unique: true, "
                  "defaultValue: \"untitled\", validate: { len: [2, 50] } } })" in state["editor"], state["editor"][:700])
    results.check("attribute form: the model card shows the constraints", "unique · not null" in (state["models"] or ""),
                  state["models"])
    page.fill({"assoc-source": "User", "assoc-kind": "hasMany", "assoc-target": "Tag", "assoc-as": "labels",
               "assoc-fk": "ownerId", "assoc-on-delete": "CASCADE"})
    state = page.run(lambda: page.driver.click('[data-testid="add-association"]'))
    results.check("association form writes foreignKey and onDelete",
                  "User.hasMany(Tag, { as: 'labels', foreignKey: 'ownerId', onDelete: 'CASCADE' });" in state["editor"],
                  state["editor"][:900])
    results.check("association form: the foreign key and its onDelete are in the models panel",
                  "ownerId" in (state["models"] or "") and "FK → Users, on delete CASCADE" in (state["models"] or ""),
                  state["models"])
    labels = page.driver.execute("return [...document.querySelectorAll('[data-testid=\"diagram\"] text.edge')]"
                                 ".map((t) => t.textContent);")
    results.check("association form: the diagram labels the line with its onDelete",
                  "hasMany labelson delete CASCADE" in labels, labels)
    results.equal("models forms: the edited code runs without an error", state["error"], None)
    results.check("models form: screenshot", page.screenshot("models-form"))


DATA_PANEL = """
const panel = document.querySelector('[data-testid="data-panel"]');
const groups = [...document.querySelectorAll('[data-testid="run-group"]')];
return {
  chips: [...panel.querySelectorAll('[data-action="table"]')].map((c) => c.textContent),
  rows: [...panel.querySelectorAll('table:not(.travel) tbody tr')].map((r) => [...r.querySelectorAll('td:not(.row-actions)')].map((d) => d.textContent)),
  fields: [...panel.querySelectorAll('[data-testid="row-form"] input')].map((i) => [i.dataset.field, i.value]),
  code: (panel.querySelector('[data-testid="row-code"]') || {}).textContent || null,
  error: (panel.querySelector('[data-testid="row-error"]') || {}).textContent || null,
  label: groups[0] ? groups[0].querySelector('summary').textContent : null,
  sql: groups[0] ? [...groups[0].querySelectorAll('[data-testid="sql"]')].map((e) => e.textContent) : [],
  goal: document.querySelector('[data-testid="goal"]').textContent,
};
"""

FILL_FIELDS = """
for (const [id, value] of Object.entries(arguments[0])) {
  const field = document.getElementById(id);
  if (typeof value === 'boolean') field.checked = value; else field.value = value;
  // As typing and ticking do: the page's forms keep their state from these events.
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}
"""

FILL_ROW = """
arguments[0].forEach((value, i) => { document.getElementById('row-field-' + i).value = value; });
"""


def check_data_panel(results: Results, page: Page) -> None:
    """Create, edit and delete a row through the ORM from the data panel, on the kept engine."""
    page.driver.execute(PICK_LESSON, "bookstore")
    page.run()
    panel = lambda: page.driver.execute(DATA_PANEL)  # noqa: E731
    before = panel()
    results.equal("data panel: a field per attribute the ORM does not fill in", [f for f, _ in before["fields"]],
                  ["title", "author", "price"])
    page.driver.execute(FILL_ROW, ["", "Anon", "5"])
    after = page.run(lambda: page.driver.click('[data-testid="row-create"]'))
    state = panel()
    results.check("data panel: a validation error is shown in the panel",
                  (state["error"] or "").startswith("SequelizeValidationError: notNull Violation: Book.title cannot be null"),
                  state["error"])
    results.equal("data panel: nothing was written", [s for s in state["sql"] if s.startswith("INSERT")], [])
    results.equal("data panel: what was typed stays in the form", [v for _, v in state["fields"]], ["", "Anon", "5"])
    results.check("data panel: the lesson's goal still counts the code's run", state["goal"].startswith("✓"), state["goal"])
    page.driver.execute(FILL_ROW, ["Refactoring", "Martin Fowler", "47.5"])
    page.run(lambda: page.driver.click('[data-testid="row-create"]'))
    state = panel()
    results.equal("data panel: create runs Model.create on the kept engine", state["code"],
                  "const sequelize = new (require('sequelize').Sequelize)('sqlite::memory:');\n"
                  "await sequelize.model(\"Book\").create({ \"title\": \"Refactoring\", \"author\": \"Martin Fowler\", "
                  "\"price\": 47.5 });")
    results.check("data panel: its INSERT is in the SQL log, in a run of its own",
                  (state["label"] or "").find("data panel: Book") > 0 and len(state["sql"]) == 1
                  and state["sql"][0].startswith("INSERT INTO `Books`"), (state["label"], state["sql"]))
    results.check("data panel: the new row is in the table", state["chips"] == ["Books (3)"]
                  and state["rows"][-1][1:4] == ["Refactoring", "Martin Fowler", "47.5"], (state["chips"], state["rows"]))
    page.driver.click('[data-action="row-edit"][data-value="0"]')
    state = panel()
    results.equal("data panel: edit fills the form with the row", [v for _, v in state["fields"]],
                  ["JavaScript: The Good Parts", "Douglas Crockford", "29.99"])
    page.driver.click('[data-action="row-cancel"]')
    state = panel()
    results.equal("data panel: cancel empties the form again", [v for _, v in state["fields"]], ["", "", ""])
    page.driver.click('[data-action="row-edit"][data-value="0"]')
    page.driver.execute(FILL_ROW, ["JavaScript: The Best Parts"])
    page.run(lambda: page.driver.click('[data-testid="row-save"]'))
    state = panel()
    results.check("data panel: save runs one UPDATE by primary key",
                  len(state["sql"]) == 1 and state["sql"][0].startswith("UPDATE `Books` SET `title`=?")
                  and state["sql"][0].endswith("WHERE `id` = ?;"), state["sql"])
    results.equal("data panel: the row shows the new value", state["rows"][0][1], "JavaScript: The Best Parts")
    page.run(lambda: page.driver.click('[data-testid="row-delete"][data-value="0"]'))
    state = panel()
    results.check("data panel: delete runs one DELETE by primary key",
                  state["sql"] == ["DELETE FROM `Books` WHERE `id` = ?;"], state["sql"])
    results.equal("data panel: the row is gone", (state["chips"], len(state["rows"])), (["Books (2)"], 2))
    results.check("data panel: screenshot", page.screenshot("data-panel"))


RETURNED = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING });
const Post = sequelize.define('Post', { title: DataTypes.STRING });
User.hasMany(Post);
await sequelize.sync();
const ann = await User.create({ name: 'Ann' });
await Post.bulkCreate([{ title: 'Hello', UserId: ann.id }, { title: 'Again', UserId: ann.id }]);
return User.findAll({ include: Post });
"""


# The time-travel pane: its caption, the step's tables (each row's mark and cells) and the
# statements the SQL log highlights as the step's.
TRAVEL = """
const pane = document.querySelector('[data-testid="time-travel"]');
const text = (sel) => { const e = pane.querySelector(sel); return e ? e.textContent : null; };
return {
  caption: text('[data-testid="travel-caption"]'),
  prev: pane.querySelector('[data-testid="travel-prev"]').disabled,
  next: pane.querySelector('[data-testid="travel-next"]').disabled,
  tables: [...pane.querySelectorAll('table[data-testid="travel-table"]')].map((t) => ({
    name: t.dataset.table,
    heading: t.previousElementSibling ? t.previousElementSibling.textContent : '',
    rows: [...t.querySelectorAll('tbody tr')].map((r) => [r.dataset.mark, ...[...r.querySelectorAll('td:not(.mark)')].map((c) => c.textContent)]),
  })),
  inStep: [...document.querySelectorAll('details.run-group[open] .entry.in-step [data-testid="sql"]')].map((e) => e.textContent),
};
"""


# Moves the time-travel slider to a step, as a release of the slider would (its `change`).
SET_SLIDER = """
const s = document.querySelector('[data-testid="travel-slider"]');
s.value = String(arguments[0]);
s.dispatchEvent(new Event('change', { bubbles: true }));
"""


def pick_and_run(page: Page, lesson: str, marker: str) -> None:
    """Picks a lesson, waits until the editor holds its code (the lessons load as the page
    does), and runs it."""
    page.driver.execute(PICK_LESSON, lesson)
    wait_until(f"the {lesson} lesson in the editor", lambda: marker in (page.driver.execute(
        "return document.querySelector('[data-testid=\"editor\"]').value;") or ""), LOAD_TIMEOUT_S)
    page.run()


def check_time_travel(results: Results, page: Page) -> None:
    """Steps through the transaction lesson: the order row and the lower stock appear inside the
    transaction and are gone at its ROLLBACK; each step's statements are highlighted in the log."""
    pick_and_run(page, "transaction", "placeOrder")
    travel = lambda: page.driver.execute(TRAVEL)  # noqa: E731
    last = travel()
    results.check("time travel: a run shows its last step", last["caption"] == "step 5 of 5: ROLLBACK" and last["next"],
                  last["caption"])
    # Back to the first step with the slider, then forward one step at a time.
    page.driver.execute(SET_SLIDER, 0)
    steps = [travel()]
    focus = []
    while not steps[-1]["next"] and len(steps) < 10:
        page.driver.click('[data-testid="travel-next"]')
        steps.append(travel())
        focus.append(page.driver.execute("return document.activeElement && document.activeElement.id;"))
        if steps[-1]["caption"].startswith("step 3 "):
            results.check("time travel: screenshot of the order inside the transaction", page.screenshot("time-travel-order"))
    results.check("time travel: the slider goes back to the first step", steps[0]["prev"], steps[0]["caption"])
    # The control is redrawn with each step: the focus stays on it (the slider once next is disabled).
    results.equal("time travel: the focus stays on next, then the slider", focus,
                  ["travel-next"] * (len(focus) - 1) + ["travel-slider"])
    labels = [s["caption"].split(": ", 1)[-1] for s in steps]
    results.equal("time travel: one step per call that changed rows, and the ROLLBACK", labels,
                  ["Product.create", "Product.create", "Order.create", "Product.increment", "ROLLBACK"])
    if len(steps) != 5:
        return
    first, _, order, decrement, rollback = steps
    results.equal("time travel: step 1 inserts the laptop", [(t["name"], [r[:4] for r in t["rows"]]) for t in first["tables"]],
                  [("Products", [["inserted", "1", "Laptop", "1"]])])
    results.equal("time travel: the order row appears inside the transaction",
                  [(t["name"], t["heading"], [r[:3] for r in t["rows"]]) for t in order["tables"]],
                  [("Orders", "Orders (1 row)", [["inserted", "1", "0"]])])
    results.check("time travel: the step's INSERT is highlighted in the SQL log",
                  len(order["inStep"]) == 1 and order["inStep"][0].startswith("INSERT INTO `Orders`"), order["inStep"])
    results.equal("time travel: the decrement lowers the mouse's stock",
                  [(t["name"], [r[:4] for r in t["rows"]]) for t in decrement["tables"]],
                  [("Products", [["", "1", "Laptop", "1"], ["updated", "2", "Mouse", "5"]])])
    results.equal("time travel: at the ROLLBACK the order vanishes and the stock is back",
                  sorted((t["name"], t["heading"], tuple(tuple(r[:3 if t["name"] == "Orders" else 4]) for r in t["rows"]))
                         for t in rollback["tables"]),
                  [("Orders", "Orders (0 rows)", (("rolled back: gone", "1", "0"),)),
                   ("Products", "Products (2 rows)", (("", "1", "Laptop", "1"), ("rolled back", "2", "Mouse", "7")))])
    results.equal("time travel: the ROLLBACK is the step's statement in the log", rollback["inStep"], ["ROLLBACK;"])
    results.check("time travel: screenshot of the rollback", page.screenshot("time-travel-rollback"))
    # The paranoid lesson: destroy is an UPDATE of deletedAt, marked so; restore an update; force a real delete.
    pick_and_run(page, "paranoid", "paranoid: true")
    marked = []
    for step in range(4):
        page.driver.execute(SET_SLIDER, step)
        state = travel()
        marked.append((state["caption"], [(r[0], r[2]) for t in state["tables"] for r in t["rows"] if r[0]]))
        if step == 1:
            results.check("time travel: screenshot of a paranoid destroy", page.screenshot("time-travel-paranoid"))
    results.equal("time travel: the paranoid lesson's steps and marks", marked, [
        ("step 1 of 4: Note.bulkCreate", [("inserted", "one"), ("inserted", "two"), ("inserted", "three")]),
        ("step 2 of 4: Note.destroy", [("deleted (paranoid)", "two")]),
        ("step 3 of 4: Note.restore", [("updated", "two")]),
        ("step 4 of 4: Note.destroy", [("deleted", "three")]),
    ])


def check_result_tree(results: Results, page: Page) -> None:
    """What the code returns shows as a tree: instances as values, includes nested and foldable."""
    report = page.api(RETURNED)
    result = report.get("result") or ""
    results.check("result: the returned instances, with their include nested",
                  result.startswith("[\n  {\n    id: 1,\n    name: 'Ann',") and "    Posts: [\n      {\n        id: " in result,
                  result)
    page.driver.execute(SET_EDITOR, RETURNED)
    page.run()
    tree = lambda: page.driver.execute(  # noqa: E731
        "const r = document.querySelector('[data-testid=\"result\"]');"
        "return r ? [r.querySelectorAll('details').length, r.querySelectorAll('details:not([open])').length,"
        " [...r.querySelectorAll('summary')].map((s) => s.textContent.trim())] : null;")
    before = tree()
    results.equal("result: a fold per object and array, the include nested", before and before[2],
                  ["[", "{", "Posts: [", "{", "{"])
    page.driver.click('[data-testid="result"] details details > summary')
    after = tree()
    results.equal("result: a click folds the instance", after[1] if after else None, 1)
    results.check("result: screenshot", page.screenshot("result-tree"))


def check_persistence_and_sharing(results: Results, page: Page) -> None:
    page.driver.execute(SET_EDITOR, "// kept across reloads\nconsole.log('persisted');\n")
    page.open()
    results.equal("workspace survives a reload", page.read()["editor"], "// kept across reloads\nconsole.log('persisted');\n")
    page.driver.execute(SET_EDITOR, "console.log('shared code');\n")
    page.driver.click('[data-testid="share-button"]')
    url = wait_until("the share link", lambda: (lambda u: u if "code=" in u else None)(
        page.driver.execute("return location.href;")), 10)
    page.driver.execute("localStorage.clear();")
    # A fresh load (only the fragment differs, which would not reload the page).
    page.driver.session_call("POST", "/url", {"url": "about:blank"})
    page.open(url)
    opened = wait_until("the shared code in the editor", lambda: (lambda e: e if "shared code" in e else None)(page.read()["editor"]), 10)
    results.equal("share link opens with its code", opened, "console.log('shared code');\n")


STORED = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize({ dialect: 'sqlite', storage: 'notes.db', logging: false });
const Note = sequelize.define('Note', { text: DataTypes.STRING });
await sequelize.sync();
await Note.create({ text: 'kept' });
console.log('notes', await Note.count());
"""


def check_storage(results: Results, page: Page) -> None:
    """A named database survives a reload (IndexedDB in the worker); export and import."""
    first = page.api(STORED)
    results.equal("storage: first run", first.get("output"), ["notes 1"])
    page.open()
    again = page.api(STORED)
    results.equal("storage: the named database survived a reload", again.get("output"), ["notes 2"])
    results.equal("storage: a memory database starts empty", page.api(STORED.replace("storage: 'notes.db', ", "")).get("output"),
                  ["notes 1"])
    exported = page.driver.execute_async(
        "const done = arguments[0]; window.ormPlayground.exportDatabase().then((b) => done(b ? "
        "[b.length, String.fromCharCode(...b.slice(0, 15))] : null), (e) => done(String(e)));")
    results.check("export: the latest run's database as a .sqlite file", bool(exported) and exported[1] == "SQLite format 3",
                  exported)
    # A run as the page makes them (each statement's line and plan) changes no built-in: the
    # worker stays, and with it the run's database (a replaced worker would have none).
    page.api(STORED.replace("storage: 'notes.db', ", ""), {"lines": True, "plans": True})
    still = page.driver.execute_async(
        "const done = arguments[0]; window.ormPlayground.exportDatabase().then((b) => done(b ? b.length : null), (e) => done(String(e)));")
    results.check("a run with lines and plans keeps its worker (its database is still there)", isinstance(still, int) and still > 0, still)
    imported = page.driver.execute_async(
        "const done = arguments[0]; const p = window.ormPlayground;"
        "p.exportDatabase().then((b) => p.importDatabase('copy.db', b)).then(done, (e) => done(String(e)));")
    results.equal("import: a .sqlite file becomes a named database", imported, None)
    copy = page.api(STORED.replace("notes.db", "copy.db"))
    results.equal("import: the imported data is there", copy.get("output"), ["notes 2"])
    refused = page.driver.execute_async(
        "const done = arguments[0]; window.ormPlayground.importDatabase('bad.db', new TextEncoder().encode('not a database, "
        "just text that is long enough')).then(done, (e) => done(String(e)));")
    results.check("import: a file that is not a database is refused", "not a SQLite database" in (refused or ""), refused)
    lesson = lesson_code("users-posts")
    page.api(lesson)
    kept = page.api(lesson, {"keep": True})
    results.equal("keep: code with models and associations runs again on the kept database",
                  (kept.get("error"), len(kept.get("output") or [])), (None, 4))
    results.equal("storage: third run", page.api(STORED).get("output"), ["notes 3"])
    kept = page.api("const { Sequelize } = require('sequelize');\nconst s = new Sequelize('sqlite::memory:');\n"
                    "await s.model('Note').create({ text: 'added on the kept engine' });", {"keep": True})
    results.equal("keep: the kept engine's models are in sequelize.models", kept.get("error"), None)
    page.open()
    results.equal("keep: a write on a kept named database is saved too", page.api(STORED).get("output"), ["notes 5"])


def run(results: Results, tmp: Path) -> None:
    if not (DIST / "index.html").is_file():
        results.check("dist/index.html exists", False, "run scripts/build-site.sh first")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    processes = []
    driver: WebDriver | None = None
    try:
        site_port, driver = serve_and_drive(DIST, OUT, processes)
        driver.start(chromium_capabilities(tmp / "chromium-profile"))
        driver.session_call("POST", "/window/rect", {"width": 1440, "height": 1000})
        page = Page(driver, f"http://127.0.0.1:{site_port}/")
        page.open()
        results.equal("page title", driver.execute("return document.title;"), "ORM Playground")

        # E2E_ONLY=api,parity runs only the checks named (for a quick look at one build).
        only = {name.strip() for name in os.environ.get("E2E_ONLY", "").split(",") if name.strip()}
        for name, check in (("api", check_api), ("early request", check_early_request), ("storage", check_storage), ("parity", check_parity),
                            ("lessons", check_lessons), ("dialects", check_dialects), ("lesson files", check_lesson_files),
                            ("counting trap", check_counting_trap), ("scaling", check_scaling),
                            ("safe persistence", check_persistence_cases),
                            ("migrations", check_migrations_view),
                            ("bad input", check_bad_input_and_stop),
                            ("large log", check_large_log), ("live log", check_live_log),
                            ("keyboard", check_keyboard), ("accessibility", check_accessibility),
                            ("screenshots", check_screenshots),
                            ("models form", check_models_form), ("data panel", check_data_panel),
                            ("time travel", check_time_travel),
                            ("result tree", check_result_tree), ("persistence", check_persistence_and_sharing),
                            ("hostile", check_hostile)):
            if only and name not in only:
                continue
            try:
                check(results, page)
            except (TimeoutError, WebDriverError, KeyError, TypeError, IndexError) as error:
                results.check(f"{name}: ran to the end", False, f"{type(error).__name__}: {error}")

        log = driver.browser_log()
        results.check("the browser's console log can be read (for the check below)", log is not None)
        if log is not None:
            # (The lesson-files check lists a missing file on purpose: its 404 is expected.)
            severe = [e.get("message") for e in log if e.get("level") == "SEVERE" and "/lessons/missing.md" not in e.get("message", "")]
            results.equal("no SEVERE browser console entries", severe, [])
        results.equal("no page errors (window.__errors)", driver.execute("return window.__errors;"), [])
    except (TimeoutError, WebDriverError, OSError) as error:
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

"""Persistence that loses nothing, on the built page (issue 20): two tabs on one named database,
Stop in the middle of writes, a damaged or foreign `.sqlite` import, and share links that are cut
short, too large or not ours. Used by playground.py (`E2E_ONLY=persistence`).
"""

from __future__ import annotations

import time

from webdriver import Results, wait_until

TABS = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize({ dialect: 'sqlite', storage: 'tabs.db', logging: false });
const Note = sequelize.define('Note', { text: DataTypes.STRING });
await sequelize.sync();
await Note.create({ text: 'TEXT' });
await new Promise((done) => setTimeout(done, WAIT));
console.log('notes', (await Note.findAll()).map((n) => n.text).join(','));
"""

# Writes a row, waits past a checkpoint, writes another (saved then), then opens a transaction,
# writes in it and waits for ever: Stop ends it there.
STOPPED = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize({ dialect: 'sqlite', storage: 'stopped.db', logging: false });
const Note = sequelize.define('Note', { text: DataTypes.STRING });
await sequelize.sync();
await Note.create({ text: 'first' });
await new Promise((done) => setTimeout(done, 700));
await Note.create({ text: 'second' });
const t = await sequelize.transaction();
await Note.create({ text: 'half-written' }, { transaction: t });
await new Promise((done) => setTimeout(done, 10000));
await t.commit();
"""

COUNT = """const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize({ dialect: 'sqlite', storage: 'NAME', logging: false });
const Note = sequelize.define('Note', { text: DataTypes.STRING });
await sequelize.sync();
console.log((await Note.findAll()).map((n) => n.text).join(',') || '(none)');
"""

START_RUN = """
window.__pending = null;
window.ormPlayground.run(arguments[0]).then((r) => { window.__pending = r; });
"""


def check_persistence_cases(results: Results, page) -> None:
    check_two_tabs(results, page)
    check_stop_keeps_what_committed(results, page)
    check_hostile_imports(results, page)
    check_share_links(results, page)
    check_full_storage(results, page)
    check_refused_storage(results, page)


def switch(page, handle: str) -> None:
    page.driver.session_call("POST", "/window", {"handle": handle})


def check_two_tabs(results: Results, page) -> None:
    """Two tabs on `tabs.db`: each run starts from what the other saved last; a save over a
    newer copy is refused and said so, and the other tab's rows stay."""
    first = page.driver.session_call("GET", "/window")
    second = page.driver.session_call("POST", "/window/new", {"type": "tab"})["handle"]
    switch(page, second)
    page.open()  # loaded (and the database read) before the first tab writes
    switch(page, first)
    a = page.api(TABS.replace("TEXT", "a1").replace("WAIT", "0"))
    results.equal("two tabs: the first tab writes", a.get("output"), ["notes a1"])
    switch(page, second)
    b = page.api(TABS.replace("TEXT", "b1").replace("WAIT", "0"))
    results.equal("two tabs: the second tab's run starts from the first tab's save", b.get("output"), ["notes a1,b1"])
    switch(page, first)
    # The first tab's run writes, then waits; meanwhile the second tab saves.
    page.driver.execute(START_RUN, TABS.replace("TEXT", "a2").replace("WAIT", "1500"))
    switch(page, second)
    b2 = page.api(TABS.replace("TEXT", "b2").replace("WAIT", "0"))
    results.equal("two tabs: the second tab saves while the first runs", b2.get("output"), ["notes a1,b1,b2"])
    switch(page, first)
    late = wait_until("the first tab's run", lambda: page.driver.execute("return window.__pending;"), 30)
    error = late.get("error") or {}
    results.check("two tabs: the first tab's save over the newer copy is refused, and says so",
                  error.get("name") == "StorageError" and "saved by another tab" in error.get("message", ""), error)
    after = page.api(COUNT.replace("NAME", "tabs.db"))
    results.equal("two tabs: nothing of the second tab's was lost", after.get("output"), ["a1,b1,b2"])
    switch(page, second)
    page.driver.session_call("DELETE", "/window")
    switch(page, first)


def check_stop_keeps_what_committed(results: Results, page) -> None:
    """Stop in the middle of a run on a named database: what had committed (saved between
    transactions as the run goes) stays; the open transaction's row is not saved."""
    page.driver.execute(START_RUN, STOPPED)
    time.sleep(2.5)
    page.driver.execute("window.ormPlayground.stop();")
    stopped = wait_until("the stopped run", lambda: page.driver.execute("return window.__pending;"), 30)
    results.equal("stop: the run was stopped", (stopped.get("error") or {}).get("name"), "StoppedError")
    after = page.api(COUNT.replace("NAME", "stopped.db"))
    results.equal("stop: what committed stays, the open transaction's row is not saved", after.get("output"), ["first,second"])
    # Ended in a transaction that was never committed: the save leaves it out (rolled back, as
    # a closed connection would).
    ended = page.api(STOPPED.replace("stopped.db", "ended.db").replace("await new Promise((done) => setTimeout(done, 10000));\nawait t.commit();\n", ""))
    results.equal("end: a run that ends inside a transaction ran", (ended.get("error") or {}).get("name"), None)
    results.equal("end: the uncommitted row is not saved", page.api(COUNT.replace("NAME", "ended.db")).get("output"),
                  ["first,second"])


IMPORT = """
const done = arguments[arguments.length - 1];
const p = window.ormPlayground;
p.importDatabase(arguments[0], Uint8Array.from(arguments[1])).then(done, (e) => done('threw ' + e));
"""


def check_hostile_imports(results: Results, page) -> None:
    """A `.sqlite` file cut short, damaged, or not SQLite is refused with a reason; a file whose
    schema is hostile (a trigger that rewrites it) imports, and the connection stays defensive."""
    made = page.api(COUNT.replace("NAME", "source.db").replace("console.log(", "await Note.bulkCreate(Array.from({ length: 400 }, (_, i) => ({ text: 'row ' + i })));\nconsole.log("))
    results.equal("import: a source database", (made.get("error") or {}).get("name"), None)
    exported = page.driver.execute_async("const done = arguments[0]; window.ormPlayground.exportDatabase().then((b) => done(Array.from(b)));")
    results.check("import: exported a database of several pages", len(exported) > 8192, len(exported))
    cut = page.driver.execute_async(IMPORT, "cut.db", exported[: len(exported) // 2])
    results.check("import: a file cut short is refused with SQLite's reason",
                  isinstance(cut, str) and any(w in cut for w in ("integrity", "malformed", "not a SQLite", "disk image")), cut)
    page_size = exported[16] * 256 + exported[17]
    damaged = list(exported)
    for i in range(len(damaged) - page_size + 8, len(damaged) - page_size + 300):
        damaged[i] = 0x5A
    broken = page.driver.execute_async(IMPORT, "damaged.db", damaged)
    results.check("import: a damaged page is refused", bool(broken), broken)
    text = page.driver.execute_async(IMPORT, "text.db", list(b"id,name\n1,Ann\n2,Bob\n" * 10))
    results.check("import: a CSV file is refused as not SQLite", "not a SQLite database" in str(text), text)
    hostile = page.api("""const { Sequelize } = require('sequelize');
const sequelize = new Sequelize({ dialect: 'sqlite', storage: 'hostile.db', logging: false });
const attempt = async (sql) => { try { await sequelize.query(sql); console.log('ran', sql.split(' ')[0]); } catch (e) { console.log(e.name); } };
await sequelize.query("CREATE TABLE t (a)");
await attempt("CREATE TRIGGER rewrite AFTER INSERT ON t BEGIN UPDATE sqlite_master SET sql = 'x'; END");
await attempt("INSERT INTO t VALUES (1)");
await attempt("PRAGMA writable_schema = 1");
await attempt("UPDATE sqlite_master SET sql = 'x' WHERE name = 't'");
console.log((await sequelize.query("SELECT sql FROM sqlite_master WHERE name = 't'"))[0][0].sql);
""")
    output = hostile.get("output") or []
    results.check("import: SQL that rewrites the schema (a trigger, writable_schema) is refused; the schema is unchanged",
                  output[-1:] == ["CREATE TABLE t (a)"] and "SequelizeDatabaseError" in output, output)


SHARE = """
const done = arguments[arguments.length - 1];
const bytes = new TextEncoder().encode(arguments[0]);
new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer().then((b) => {
  const packed = btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  done(packed);
});
"""


def check_share_links(results: Results, page) -> None:
    """A share link cut short, too large, or not ours opens the saved workspace and says why;
    a good one opens its code."""
    page.driver.execute("localStorage.clear();")
    good = page.driver.execute_async(SHARE, "console.log('from the link');\n")
    base = page.url.split("#")[0]
    for name, fragment, expected in (
        ("cut short", f"lesson=nplus1&code={good[: len(good) // 2]}", "damaged"),
        ("not ours", "code=%%%not-base64%%%", "damaged"),
        ("too large", "code=" + page.driver.execute_async(SHARE, " " * 2_000_000), "larger than 1 MB"),
    ):
        page.driver.session_call("POST", "/url", {"url": "about:blank"})
        page.open(f"{base}#{fragment}")
        notice = wait_until(f"the notice of a share link {name}", lambda: page.driver.execute(
            "return document.querySelector('[data-testid=\"notice\"]').textContent;") or None, 10)
        results.check(f"share link {name}: the page says so and opens the workspace", expected in notice, notice)
        results.check(f"share link {name}: the editor has a lesson's code, not the link's",
                      "from the link" not in page.read()["editor"] and page.read()["editor"].strip() != "", page.read()["editor"][:80])
    page.driver.session_call("POST", "/url", {"url": "about:blank"})
    page.open(f"{base}#lesson=nplus1&code={good}")
    opened = wait_until("the shared code in the editor", lambda: (lambda e: e if "from the link" in e else None)(page.read()["editor"]), 10)
    results.equal("share link: a good one opens its code", opened, "console.log('from the link');\n")
    page.driver.session_call("POST", "/url", {"url": "about:blank"})
    page.open(base)


FULL = COUNT.replace("NAME", "full.db").replace("console.log(", """await Note.create({ text: 'second' });
await sequelize.query('CREATE TABLE Big (b BLOB)');
await sequelize.query('INSERT INTO Big VALUES (randomblob(2000000))');
console.log(""")


def quota(page, origin: str, size: int | None) -> None:
    """Lowers an origin's storage quota to `size` bytes through the DevTools protocol (None: back
    to the browser's own). IndexedDB compresses what it stores, hence random bytes in FULL."""
    params = {"origin": origin} if size is None else {"origin": origin, "quotaSize": size}
    page.driver.session_call("POST", "/goog/cdp/execute", {"cmd": "Storage.overrideQuotaForOrigin", "params": params})


def check_full_storage(results: Results, page) -> None:
    """Storage full: a save that does not fit is refused by the browser; the run says so, this tab
    keeps the database (the next run starts from it), the saved copy is the last that fitted, and
    once there is room the next run saves it.

    On the page's other name, `localhost`: a fresh origin whose storage is first used after its
    quota is lowered (Chromium's IndexedDB caches the room it found for an origin for a while)."""
    origin = page.url.replace("127.0.0.1", "localhost").rstrip("/")
    quota(page, origin, 300_000)
    try:
        page.open(origin + "/")
        saved = page.api(COUNT.replace("NAME", "full.db").replace("console.log(", "await Note.create({ text: 'first' });\nconsole.log("))
        results.equal("storage full: a first save fits", (saved.get("output"), saved.get("error")), (["first"], None))
        full = page.api(FULL)
        error = full.get("error") or {}
        results.check("storage full: the run says the database was not saved, and why",
                      error.get("name") == "StorageError" and "Storage is full (QuotaExceededError)" in error.get("message", "")
                      and "This tab keeps it" in error.get("message", ""), error)
        results.equal("storage full: the code ran", full.get("output"), ["first,second"])
        kept = page.api(COUNT.replace("NAME", "full.db"))
        results.equal("storage full: this tab keeps the database for the next run", kept.get("output"), ["first,second"])
        results.check("storage full: the next run says again it was not saved",
                      "QuotaExceededError" in str((kept.get("error") or {}).get("message")), kept.get("error"))
    finally:
        quota(page, origin, None)
    room = page.api(COUNT.replace("NAME", "full.db"))
    results.equal("storage full: with room again, the next run saves it", (room.get("output"), room.get("error")), (["first,second"], None))
    page.open(origin + "/")
    reloaded = page.api(COUNT.replace("NAME", "full.db"))
    results.equal("storage full: after a reload the saved copy has every committed row", reloaded.get("output"), ["first,second"])
    page.open()


def check_refused_storage(results: Results, page) -> None:
    """Storage the browser refuses (here: the page's IndexedDB database at a version this page
    cannot open, as a newer page would leave it): a named database works until the page closes,
    and each run says it was not saved."""
    upgraded = page.driver.execute_async("const done = arguments[0]; const r = indexedDB.open('orm-playground', 99);"
                                         "r.onsuccess = () => { r.result.close(); done(true); }; r.onerror = () => done('error');"
                                         "r.onblocked = () => done('blocked: the worker kept its connection');")
    results.equal("refused storage: the open tab's worker lets a newer page upgrade its storage", upgraded, True)
    page.open()
    first = page.api(COUNT.replace("NAME", "refused.db").replace("console.log(", "await Note.create({ text: 'kept in memory' });\nconsole.log("))
    error = first.get("error") or {}
    results.check("refused storage: the run says the database was not saved, and why",
                  error.get("name") == "StorageError" and "refused storage" in error.get("message", ""), error)
    results.equal("refused storage: the code ran", first.get("output"), ["kept in memory"])
    again = page.api(COUNT.replace("NAME", "refused.db"))
    results.equal("refused storage: kept until the page closes", again.get("output"), ["kept in memory"])
    page.driver.execute_async("const done = arguments[0]; const r = indexedDB.deleteDatabase('orm-playground');"
                              "r.onsuccess = r.onerror = r.onblocked = () => done(true);")
    page.open()


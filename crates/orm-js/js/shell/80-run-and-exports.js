// ---------------------------------------------------------------------------------------------
// window.ormPlayground.run
// ---------------------------------------------------------------------------------------------

const util = Object.freeze({ format, inspect });

/** `require` for learner code: `sequelize` (the API given), `umzug` (over it), `util`. */
function requireFor(api, run) {
  let umzug = null;
  const modules = { sequelize: api.Sequelize, util, 'node:util': util };
  return function require(name) {
    if (hasOwn(modules, name)) return modules[name];
    if (name === 'umzug') return umzug || (umzug = createUmzugModule(api, (body) => trackedPromise(body, run)));
    const e = new Error(`Cannot find module '${name}': the playground provides only 'sequelize', 'umzug' and 'util'`);
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  };
}

let keptEngine = null;
let previousEngines = [];
// The migrator the latest run declared on the kept engine, for the page's Dry run / Run / Undo
// (`run('', { keep: true, migration })`, see migrationAction).
let keptMigrations = null;

const DEFAULT_TIMEOUT_MS = 30000;
// How many rows of each table a report's `schema` carries.
const SNAPSHOT_ROWS = 50;

/** Timers for learner code that the run knows of: it waits for them and cancels what is left. */
function makeTimers(run) {
  const fire = (fnc, args) => {
    try {
      if (typeof fnc === 'function') fnc(...args);
    } catch (e) {
      if (run.unhandled === undefined) run.unhandled = e;
    }
  };
  const { setTimeout: st, clearTimeout: ct, setInterval: si, clearInterval: ci } = nativeTimers;
  return {
    setTimeout(fnc, ms, ...args) {
      const id = st(() => {
        run.timers.delete(id);
        fire(fnc, args);
      }, ms);
      run.timers.set(id, 'timeout');
      return id;
    },
    setInterval(fnc, ms, ...args) {
      const id = si(() => fire(fnc, args), ms);
      run.timers.set(id, 'interval');
      return id;
    },
    clearTimeout(id) {
      run.timers.delete(id);
      ct(id);
    },
    clearInterval(id) {
      run.timers.delete(id);
      ci(id);
    },
    clearAll() {
      for (const [id, kind] of run.timers) (kind === 'interval' ? ci : ct)(id);
      run.timers.clear();
    },
  };
}

/** Waits until the run's API Promises have settled and its timers have fired. */
async function settle(run) {
  const wait = (ms) => new Promise((resolve) => nativeTimers.setTimeout(resolve, ms));
  for (;;) {
    await wait(0); // let `.then()` callbacks run and start what they start
    if (run.pending.size) {
      for (const p of [...run.pending]) await new Promise((settled) => thenOf(p, settled, settled));
    } else if (run.timers.size) {
      await wait(4);
    } else {
      return;
    }
  }
}

/** `read()`, or `fallback` when reading throws (a hostile thrown value: a Proxy with throwing traps, a throwing getter). */
const readOr = (read, fallback) => {
  try {
    return read();
  } catch (_) {
    return fallback;
  }
};

function describeThrown(e, code) {
  if (readOr(() => e instanceof Error || (e && typeof e === 'object' && 'message' in e && 'name' in e), false)) {
    // (`e.stack` calls a learner's `Error.prepareStackTrace`, which may throw.)
    let line = readOr(() => lineFromStack(e.stack), null);
    if (line === null && readOr(() => e instanceof SyntaxError && e.fromCompile, false)) line = syntaxErrorLine(code, e.message);
    return {
      name: readOr(() => String(e.name || 'Error'), 'Error'),
      message: readOr(() => String(e.message), '(its message cannot be read: reading it throws)'),
      line,
    };
  }
  return { name: 'Error', message: `Uncaught ${readOr(() => inspect(e), 'exception (a value that throws when it is read)')}`, line: null };
}

/**
 * Runs learner code; resolves to `{ ok, output, error, queries, warnings }` (see ENGINE.md).
 * Never rejects: a failure of the shell itself is reported as an `InternalError`.
 */
async function run(code, options) {
  try {
    return notThenable(await runUnguarded(code, options));
  } catch (e) {
    return notThenable({
      ok: false,
      output: [],
      error: { name: 'InternalError', message: `The playground failed (a bug in the playground, not in your code): ${e && e.message ? e.message : e}`, line: null },
      queries: [],
      warnings: [],
    });
  }
}

const CHECKPOINT_MS = 500;

/**
 * `report` with an own, non-enumerable `then` that is undefined: when learner code gave every
 * object a `then` (`Object.prototype.then = …`), a report would otherwise be taken for a Promise
 * by each `await` on the way to the page, which would get whatever that `then` resolves to. (Not
 * enumerable: it is not copied to the page, nor listed among the report's keys.)
 */
function notThenable(report) {
  defineProperty(report, 'then', { value: undefined, enumerable: false, configurable: true, writable: false });
  return report;
}

function freeEngines(engines) {
  for (const old of engines) {
    try { if (typeof old.free === 'function') old.free(); } catch (_) { /* already gone */ }
  }
}

async function runUnguarded(code, options) {
  options = options || {};
  const output = [];
  const cons = makeConsole(output);
  let engine;
  const kept = !!(options.keep && keptEngine);
  if (kept) {
    engine = keptEngine;
  } else {
    if (!options.discard) {
      freeEngines(previousEngines);
      previousEngines = [];
    }
    engine = newEngine();
  }
  const keptBefore = keptEngine;
  keptEngine = engine;
  const runCtx = {
    engine, kept, engineTaken: false, extraEngines: [], runIds: new Map(), events: [], console: cons,
    pending: new Set(), timers: new Map(), unhandled: undefined, persisted: [],
    lines: !!options.lines, plans: !!options.plans, dialects: !!options.dialects, history: !!options.history, progress: typeof options.progress === 'function' ? options.progress : null,
  };
  // A named database is saved while the run goes too, between transactions and at most once a
  // CHECKPOINT_MS: Stop and the time limit end the worker at once, and keep what had committed.
  let savedAt = performance.now();
  runCtx.checkpoint = (e) => {
    // (Nothing to save asks no clock: `performance.now()` after every engine call cost more.)
    if (!runCtx.persisted.length || performance.now() - savedAt < CHECKPOINT_MS) return;
    for (const [kept, name] of runCtx.persisted) {
      if (kept !== e) continue;
      savedAt = performance.now();
      try {
        const bytes = e.exportDatabase(true);
        if (bytes) globalThis.ormStorage.save(name, bytes);
      } catch (_) { /* reported by the save when the run ends */ }
    }
  };
  let error = null;
  let result = null;
  try {
    runCtx.runIds.set(engine, engine.beginRun(runCtx.plans, runCtx.dialects, runCtx.history));
  } catch (e) {
    error = { name: 'InternalError', message: `The ORM engine could not start: ${e && e.message ? e.message : e}`, line: null };
  }
  const source = `${wrapLearnerCode(rewriteImports(String(code)))}\n//# sourceURL=${CODE_URL}`;
  const globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
  const stackLimit = Error.stackTraceLimit;
  let fnc = null;
  if (!error) {
    try {
      fnc = new AsyncFunction(...LEARNER_PARAMS, source);
    } catch (e) {
      error = { name: e && e.name ? e.name : 'SyntaxError', message: e && e.message ? e.message : String(e), line: syntaxErrorLine(String(code), e && e.message) };
    }
  }
  if (fnc) {
    Error.stackTraceLimit = 50;
    const timers = makeTimers(runCtx);
    let timeoutTimer;
    // A rejection nobody handles during the run is the run's error (Node would stop on it).
    const onUnhandled = (event) => {
      if (runCtx.unhandled === undefined) runCtx.unhandled = event.reason;
      event.preventDefault();
    };
    // The page, or the worker the engine runs in (Node has no such event: its tests do without).
    const page = typeof globalThis.addEventListener === 'function' ? globalThis : null;
    if (page) page.addEventListener('unhandledrejection', onUnhandled);
    try {
      const timeoutMs = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : options.timeoutMs;
      const timeout = new Promise((_, reject) => {
        if (timeoutMs > 0 && nativeTimers.setTimeout) {
          timeoutTimer = nativeTimers.setTimeout(() => {
            const e = new Error(`The code did not finish within ${timeoutMs / 1000} s (is an await waiting for something that never happens, or a timer still running?)`);
            e.name = 'TimeoutError';
            reject(e);
          }, timeoutMs);
        }
      });
      const api = createApi(runCtx);
      const body = (async () => {
        const module = { exports: {} }; // for a pasted file's `module.exports = …`
        const value = await fnc(requireFor(api, runCtx), cons, timers.setTimeout, timers.setInterval, timers.clearTimeout, timers.clearInterval, module, module.exports, makeProcess());
        if (options.migration) await migrationAction(runCtx, kept ? keptMigrations : null, options.migration);
        // What the code returns, as a tree: instances as their values (includes nested).
        const plain = (v) => (v && typeof v.toJSON === 'function' && !(v instanceof Date) ? v.toJSON() : v);
        if (value !== undefined) result = inspect(Array.isArray(value) ? value.map(plain) : plain(value), { depth: null });
        await settle(runCtx);
      })();
      await new Promise((resolve, reject) => {
        thenOf(body, resolve, reject);
        thenOf(timeout, resolve, reject);
      });
    } catch (e) {
      error = describeThrown(e, String(code));
    } finally {
      if (timeoutTimer !== undefined) nativeTimers.clearTimeout(timeoutTimer);
      timers.clearAll();
      Error.stackTraceLimit = stackLimit;
      // Let rejections of this run surface before the listener goes.
      await new Promise((resolve) => (nativeTimers.setTimeout ? nativeTimers.setTimeout(resolve, 0) : resolve()));
      if (page) page.removeEventListener('unhandledrejection', onUnhandled);
      // Implicit globals (`x = 1` without a declaration) must not leak into the next run.
      for (const name of Object.getOwnPropertyNames(globalThis)) {
        if (!globalsBefore.has(name)) {
          try {
            const d = Object.getOwnPropertyDescriptor(globalThis, name);
            if (d && d.configurable && 'value' in d) delete globalThis[name];
          } catch (_) { /* not ours to remove */ }
        }
      }
    }
    if (error === null && runCtx.unhandled !== undefined) error = describeThrown(runCtx.unhandled, String(code));
  }
  // The code is over; what is left is its report (seconds for 100,000 statements).
  if (typeof options.codeEnded === 'function') readOr(options.codeEnded, null);
  // An internal failure ends the run's usefulness even when the learner's code caught it.
  if (error === null && engineFailure !== null) error = describeThrown(engineFailure, String(code));
  const queries = runCtx.events;
  const warnings = [];
  for (const e of [engine, ...runCtx.extraEngines]) {
    try {
      const rest = e.takeEvents ? plainify(e.takeEvents()) : [];
      if (rest && rest.length) queries.push(...rest);
      const runId = runCtx.runIds.get(e);
      if (runId !== undefined && e.findings) warnings.push(...(plainify(e.findings(runId)) || []));
    } catch (_) { /* an engine that failed is reported through error */ }
  }
  // Named databases are saved when the run ends, whatever happened in it (as a file would be).
  const storageErrors = [];
  // (By index: learner code may have replaced the arrays' iterator.)
  for (let i = 0; i < runCtx.persisted.length; i++) {
    const e = runCtx.persisted[i][0];
    const name = runCtx.persisted[i][1];
    try {
      globalThis.ormStorage.save(name, e.exportDatabase());
    } catch (err) {
      storageErrors.push(`${name}: ${err && err.message ? err.message : err}`);
    }
  }
  if (error === null && storageErrors.length) {
    error = { name: 'StorageError', message: `The database could not be saved (${storageErrors.join('; ')})`, line: null };
  }
  // The models and the tables' first rows after the run, for the page's diagram and data panel
  // (read without logging).
  let schema = null;
  try {
    if (typeof engine.snapshot === 'function') schema = plainify(engine.snapshot(SNAPSHOT_ROWS));
  } catch (_) { /* a closed or failed engine has nothing to show */ }
  // What each call changed, for the page's time travel (only when the run asked for it).
  let history = null;
  if (runCtx.history) {
    try { history = plainify(engine.history()); } catch (_) { /* a failed engine has none */ }
  }
  const migrations = migrationsReport(runCtx);
  const declared = runCtx.migrators && runCtx.migrators[runCtx.migrators.length - 1];
  if (!options.discard && declared && declared.sequelize[DB].engine === engine) keptMigrations = declared;
  else if (!options.discard && !kept) keptMigrations = null;
  if (options.discard && !kept) {
    keptEngine = keptBefore;
    freeEngines([engine, ...runCtx.extraEngines]);
  } else {
    previousEngines.push(engine, ...runCtx.extraEngines);
    if (options.keep) previousEngines = previousEngines.filter((e) => e !== engine);
  }
  return notThenable({ ok: error === null, output, error, queries, warnings, schema, migrations, result, history, engineFailed: engineFailure !== null });
}

// ---------------------------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------------------------

// The API outside runs (for the page's own use and tests); each run gets a fresh one.
const pageApi = createApi();
/** The database of the latest run's first `Sequelize` as `.sqlite` bytes, or null. */
function exportDatabase() {
  return keptEngine ? keptEngine.exportDatabase() : null;
}

/**
 * Keeps `bytes` (a `.sqlite` file) as the named database `name`, for `storage: name`; throws a
 * `SequelizeDatabaseError` when they are not a SQLite database.
 */
function importDatabase(name, bytes) {
  const store = globalThis.ormStorage;
  if (!store) throw new Error('Importing needs the playground page (its worker keeps named databases)');
  const engine = newEngine();
  try {
    engine.importDatabase(bytes);
    store.save(String(name), engine.exportDatabase());
  } catch (raw) {
    throw toError(raw, pageApi.ERRORS);
  } finally {
    if (typeof engine.free === 'function') engine.free();
  }
}

const ormPlayground = Object.freeze({
  run,
  exportDatabase,
  importDatabase,
  Sequelize: pageApi.Sequelize,
  Model: pageApi.Model,
  DataTypes,
  Op,
  QueryTypes,
  errors: pageApi.ERRORS,
  require: requireFor(pageApi),
  format,
  inspect,
});

// On the page (`window`) or in the engine's worker (`self`); not in Node, whose tests use the
// returned object.
if (typeof window !== 'undefined' || typeof WorkerGlobalScope !== 'undefined') {
  defineProperty(globalThis, 'ormPlayground', { value: ormPlayground, configurable: true, enumerable: false, writable: false });
}

return {
  ormPlayground,
  internals: {
    format, inspect, normalize, splitOptions, rewriteImports, syntaxErrorLine, lineFromStack, learnerStack,
    typeString, toError: (raw) => toError(raw, pageApi.ERRORS), makeConsole, formatTable, plainify,
    attributeCode, migrationCode,
  },
};
//# sourceURL=orm-playground/sequelize.js

// The part of node-sqlite3's API (npm `sqlite3`) that Sequelize 6's sqlite dialect uses
// (lib/dialects/sqlite/connection-manager.js and query.js), on sql.js's in-memory database, so the
// real Sequelize runs in the browser: `new Database(path, mode, cb)`, `serialize`, `parallelize`,
// `run`/`all`/`get`/`each`/`exec`/`prepare` with node-sqlite3's argument forms, the callback's
// `this` a `Statement` holding `lastID` and `changes` (query.js reads both, and checks the class's
// name, for bulkCreate's ids), `close`. Only in-memory databases: any file name opens a fresh one.
//
// node-sqlite3 calls back from libuv's thread pool, a later macrotask; this calls back in a
// microtask (after the statement ran, synchronously, on the page's thread), which can only make
// the anchor faster. sql.js must be initialised first: `await init()` (the bundle's ready()).
'use strict';
const initSqlJs = require('sql.js/dist/sql-wasm-browser.js');

let SQL = null;
// With `stats.enabled` (the bench's analysis run), the time spent running statements in sql.js
// (prepare, bind, step, reading the rows) and their count.
const stats = { enabled: false, ms: 0, statements: 0 };

/** Loads sql.js's wasm once; `locateFile` tells it where sql-wasm-browser.wasm is served. */
async function init(options) {
  if (!SQL) SQL = await initSqlJs(options);
  return SQL;
}

const OPEN_READONLY = 0x1;
const OPEN_READWRITE = 0x2;
const OPEN_CREATE = 0x4;
const OPEN_FULLMUTEX = 0x10000;
const OPEN_URI = 0x40;
const OPEN_SHAREDCACHE = 0x20000;
const OPEN_PRIVATECACHE = 0x40000;

/** node-sqlite3's call forms: (sql, cb), (sql, [params], cb), (sql, {$k: v}, cb), (sql, p1, p2, …, cb). */
function splitArgs(args) {
  let cb = null;
  let end = args.length;
  if (end && typeof args[end - 1] === 'function') cb = args[--end];
  let params;
  if (end === 0) params = undefined;
  else if (end === 1 && (Array.isArray(args[0]) || (args[0] !== null && typeof args[0] === 'object'))) params = args[0];
  else params = Array.prototype.slice.call(args, 0, end);
  if (Array.isArray(params) && params.length === 0) params = undefined;
  if (Array.isArray(params)) params = params.map(toBindable);
  else if (params) {
    const named = {};
    for (const key of Object.keys(params)) named[/^[:$@]/.test(key) ? key : `$${key}`] = toBindable(params[key]);
    params = named;
  }
  return { params, cb };
}

/** What node-sqlite3 binds for a JavaScript value that sql.js would not take as it is. */
function toBindable(value) {
  if (value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** node-sqlite3's errors: `SQLITE_CODE: message`, with `errno` and `code`. */
function sqliteError(error) {
  const message = String(error && error.message ? error.message : error);
  const code = /constraint failed/i.test(message) ? 'SQLITE_CONSTRAINT'
    : /no such table|syntax error|no such column/i.test(message) ? 'SQLITE_ERROR'
      : /database is locked/i.test(message) ? 'SQLITE_BUSY' : 'SQLITE_ERROR';
  const out = new Error(`${code}: ${message}`);
  out.code = code;
  out.errno = code === 'SQLITE_CONSTRAINT' ? 19 : code === 'SQLITE_BUSY' ? 5 : 1;
  return out;
}

function later(cb, self, ...args) {
  if (cb) queueMicrotask(() => cb.apply(self, args));
}

/** Every row of a prepared sql.js statement as objects keyed by column name (later names win, as in node-sqlite3). */
function rowsOf(stmt, limit = Infinity) {
  const rows = [];
  const names = stmt.getColumnNames();
  while (rows.length < limit && stmt.step()) {
    const values = stmt.get();
    const row = {};
    for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
    rows.push(row);
  }
  return rows;
}

class Statement {
  constructor(database, sql) {
    this.sql = sql;
    this._database = database;
    this._params = undefined;
    this.lastID = undefined;
    this.changes = undefined;
    const start = stats.enabled ? performance.now() : 0;
    try {
      this._stmt = database._db.prepare(sql);
    } catch (error) {
      this._stmt = null;
      this._error = sqliteError(error);
    }
    if (stats.enabled) stats.ms += performance.now() - start;
  }

  _withParams(args, body) {
    const { params, cb } = splitArgs(args);
    if (this._error) {
      if (cb) later(cb, this, this._error);
      else this._database._unhandled(this._error);
      return this;
    }
    let result;
    let error = null;
    try {
      this._stmt.reset();
      if (params !== undefined) this._stmt.bind(params);
      else if (this._params !== undefined) this._stmt.bind(this._params);
      result = body(this._stmt);
    } catch (e) {
      error = sqliteError(e);
    }
    if (cb) later(cb, this, error, result);
    else if (error) this._database._unhandled(error);
    return this;
  }

  bind(...args) {
    const { params, cb } = splitArgs(args);
    this._params = params;
    later(cb, this, null);
    return this;
  }

  reset(cb) {
    if (this._stmt) this._stmt.reset();
    later(cb, this, null);
    return this;
  }

  run(...args) {
    return this._withParams(args, (stmt) => {
      while (stmt.step());
      this.changes = this._database._db.getRowsModified();
      this.lastID = this._database._lastInsertRowid();
      return undefined;
    });
  }

  all(...args) {
    return this._withParams(args, (stmt) => rowsOf(stmt));
  }

  get(...args) {
    return this._withParams(args, (stmt) => rowsOf(stmt, 1)[0]);
  }

  each(...args) {
    // (params…, rowCallback, completeCallback): rows one by one, then the count.
    let complete = null;
    if (args.length >= 2 && typeof args[args.length - 1] === 'function' && typeof args[args.length - 2] === 'function') {
      complete = args.pop();
    }
    const onRow = args.pop();
    return this._withParams([...args, (error, rows) => {
      if (error) return onRow.call(this, error);
      for (const row of rows) onRow.call(this, null, row);
      if (complete) complete.call(this, null, rows.length);
    }], (stmt) => rowsOf(stmt));
  }

  finalize(cb) {
    if (this._stmt) this._stmt.free();
    this._stmt = null;
    later(cb, this._database, null);
    return this._database;
  }
}

class Database {
  constructor(filename, mode, cb) {
    if (typeof mode === 'function') {
      cb = mode;
      mode = OPEN_READWRITE | OPEN_CREATE;
    }
    if (!SQL) throw new Error('sqlite3 (sql.js shim): call init() before opening a database');
    this.filename = filename;
    this.mode = mode;
    this.open = true;
    this._db = new SQL.Database();
    this._rowid = null;
    this._listeners = {};
    // After the constructor has returned: connection-manager.js stores the object, then resolves
    // with what it stored.
    later(cb, this, null);
    later(() => this._emit('open'), this);
  }

  _lastInsertRowid() {
    if (!this._rowid) this._rowid = this._db.prepare('SELECT last_insert_rowid()');
    this._rowid.step();
    const id = this._rowid.get()[0];
    this._rowid.reset();
    return id;
  }

  _unhandled(error) {
    if (this._listeners.error && this._listeners.error.length) this._emit('error', error);
    else queueMicrotask(() => { throw error; });
  }

  _emit(event, ...args) {
    for (const listener of this._listeners[event] || []) listener.apply(this, args);
  }

  on(event, listener) {
    (this._listeners[event] = this._listeners[event] || []).push(listener);
    return this;
  }

  once(event, listener) {
    const once = (...args) => {
      this._listeners[event] = this._listeners[event].filter((l) => l !== once);
      listener.apply(this, args);
    };
    return this.on(event, once);
  }

  removeListener(event, listener) {
    this._listeners[event] = (this._listeners[event] || []).filter((l) => l !== listener);
    return this;
  }

  // Statements run in order on one thread anyway: serialize and parallelize call back at once.
  serialize(cb) {
    if (cb) cb();
    return this;
  }

  parallelize(cb) {
    if (cb) cb();
    return this;
  }

  configure() {
    return this;
  }

  /** Database#run/all/get: one statement prepared, run at once and freed; the callback's `this` is it. */
  _oneShot(method, args) {
    const statement = new Statement(this, args[0]);
    const { params, cb } = splitArgs(Array.prototype.slice.call(args, 1));
    let result;
    let error = statement._error || null;
    const start = stats.enabled ? performance.now() : 0;
    if (!error) {
      try {
        if (params !== undefined) statement._stmt.bind(params);
        if (method === 'run') {
          while (statement._stmt.step());
          statement.changes = this._db.getRowsModified();
          statement.lastID = this._lastInsertRowid();
        } else if (method === 'all') {
          result = rowsOf(statement._stmt);
        } else {
          result = rowsOf(statement._stmt, 1)[0];
        }
      } catch (e) {
        error = sqliteError(e);
      }
      statement._stmt.free();
      statement._stmt = null;
    }
    if (stats.enabled) {
      stats.ms += performance.now() - start;
      stats.statements += 1;
    }
    if (cb) later(cb, statement, error, result);
    else if (error) this._unhandled(error);
    return this;
  }

  run(...args) {
    return this._oneShot('run', args);
  }

  all(...args) {
    return this._oneShot('all', args);
  }

  get(...args) {
    return this._oneShot('get', args);
  }

  each(sql, ...rest) {
    const statement = new Statement(this, sql);
    statement.each(...rest);
    statement.finalize();
    return this;
  }

  exec(sql, cb) {
    let error = null;
    try {
      this._db.exec(sql);
    } catch (e) {
      error = sqliteError(e);
    }
    if (cb) later(cb, this, error);
    else if (error) this._unhandled(error);
    return this;
  }

  prepare(sql, ...rest) {
    const statement = new Statement(this, sql);
    const { params, cb } = splitArgs(rest);
    if (params !== undefined) statement._params = params;
    later(cb, statement, statement._error || null);
    return statement;
  }

  close(cb) {
    let error = null;
    try {
      if (this._rowid) this._rowid.free();
      this._rowid = null;
      this._db.close();
      this.open = false;
    } catch (e) {
      error = sqliteError(e);
    }
    later(cb, this, error);
    later(() => this._emit('close'), this);
  }

  // node-sqlite3's extras Sequelize does not call.
  loadExtension(_path, cb) {
    later(cb, this, new Error('sqlite3 (sql.js shim): no extensions'));
    return this;
  }

  wait(cb) {
    later(cb, this, null);
    return this;
  }

  interrupt() {}
}

function verbose() {
  return module.exports;
}

module.exports = {
  init,
  stats,
  Database,
  Statement,
  verbose,
  cached: { Database },
  OPEN_READONLY,
  OPEN_READWRITE,
  OPEN_CREATE,
  OPEN_FULLMUTEX,
  OPEN_URI,
  OPEN_SHAREDCACHE,
  OPEN_PRIVATECACHE,
  VERSION: 'sql.js',
};

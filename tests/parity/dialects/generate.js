#!/usr/bin/env node
// Runs the ORM calls of calls.json on three Sequelize 6 instances — sqlite (real, in memory),
// postgres and mysql (no server: their connections are fakes) — and prints, per call, the
// statements each dialect sends, values written inline with that dialect's own escaping
// (Sequelize's sql-string `escape`), so `$1`/`?` bind forms compare fairly.
//
// How the fakes answer: the sqlite instance runs each call first, for real, and every statement's
// result (rows, lastID, changes) is queued; the postgres and mysql connections then answer each
// SELECT/INSERT/UPDATE/DELETE of the same call with the next queued result of the same kind
// (introspection and DDL get no rows). So ids, found rows and counts are the ones SQLite gave, and
// each dialect takes the same path through the call as it would against a real server holding the
// same rows.
//
// The clock is frozen at 2026-01-01T00:00:00.000Z (createdAt/updatedAt), as in the Rust test.
//
// Usage (regenerate the fixture):
//   (cd /work/seq && npm install sequelize@6 sqlite3 pg mysql2)
//   NODE_PATH=/work/seq/node_modules node tests/parity/dialects/generate.js > tests/parity/dialects/expected.json
'use strict';
const fs = require('fs');
const path = require('path');

const FROZEN = Date.UTC(2026, 0, 1);
const RealDate = Date;
class FrozenDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(FROZEN);
    else super(...args);
  }
  static now() {
    return FROZEN;
  }
}
global.Date = FrozenDate;

const { Sequelize, DataTypes, Op } = require('sequelize');
const SqlString = require('sequelize/lib/sql-string');
const spec = JSON.parse(fs.readFileSync(path.join(__dirname, 'calls.json'), 'utf8'));

// ---- values: orm::options' JSON conventions → Sequelize arguments ----
function toJs(value, models) {
  if (Array.isArray(value)) return value.map((v) => toJs(v, models));
  if (value && typeof value === 'object') {
    if ('$date' in value) return new Date(value.$date);
    if ('$model' in value) return models[value.$model];
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      const target = key.startsWith('$op:') ? Op[key.slice(4)] : key;
      out[target] = toJs(v, models);
    }
    return out;
  }
  return value;
}

function attributesOf(attrs) {
  const out = {};
  for (const [name, a] of Object.entries(attrs)) {
    const def = typeof a === 'string' ? { type: a } : { ...a };
    def.type = DataTypes[def.type];
    out[name] = def;
  }
  return out;
}

// ---- inlining: each dialect's own escape ----
function inline(sql, params, dialect) {
  if (!params) return sql;
  // sqlite3 gets `$1` parameters as an object keyed by number.
  const at = (n) => (Array.isArray(params) ? params[n - 1] : n in params ? params[n] : params[`$${n}`]);
  let out = '';
  let next = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '$' && /[0-9]/.test(sql[i + 1] || '')) {
      let j = i + 1;
      while (/[0-9]/.test(sql[j] || '')) j++;
      out += SqlString.escape(at(Number(sql.slice(i + 1, j))), '+00:00', dialect);
      i = j - 1;
    } else if (c === '?' && dialect !== 'postgres') {
      out += SqlString.escape(at(++next), '+00:00', dialect);
    } else {
      out += c;
    }
  }
  return out;
}

// ---- statement kinds, for matching a fake's answer to SQLite's result ----
function kind(sql) {
  const s = sql.trim();
  if (/^SHOW/i.test(s)) return 'introspect';
  // findOrCreate's INSERT on PostgreSQL, inside a temporary function that catches the conflict.
  if (/^CREATE OR REPLACE FUNCTION/i.test(s) && /INSERT INTO/.test(s)) return 'INSERT';
  if (/^SELECT/i.test(s) && /sqlite_master|pg_class|pg_index|information_schema|pg_catalog/i.test(s)) return 'introspect';
  const first = (/^[A-Za-z]+/.exec(s) || [''])[0].toUpperCase();
  if (['SELECT', 'INSERT', 'UPDATE', 'DELETE'].includes(first)) return first;
  return 'other';
}

// For the call running: each dialect's statements, SQLite's results (queue), each fake's copy.
let current = null;

function record(dialect, sql, params) {
  // PostgreSQL's findOrCreate names its temporary function's body delimiter with a random id.
  if (current) current[dialect].push(inline(sql, params, dialect).replace(/\$func_[0-9a-f]+\$/g, '$func_ID$'));
}

function takeResult(dialect, sql) {
  const k = kind(sql);
  if (k === 'introspect' || k === 'other') return { rows: [], lastID: undefined, changes: 0 };
  const queue = current.queues[dialect];
  const i = queue.findIndex((r) => r.kind === k);
  if (i === -1) return { rows: [], lastID: undefined, changes: 0 };
  return queue.splice(i, 1)[0];
}

function sqliteInstance() {
  const sequelize = new Sequelize('sqlite::memory:', { logging: false });
  const Query = sequelize.dialect.Query;
  const run = Query.prototype.run;
  Query.prototype.run = function (sql, parameters) {
    record('sqlite', sql, parameters);
    const conn = this.connection;
    const k = kind(sql);
    // A view of the connection that queues what each statement gave (not the ORM's internal
    // `PRAGMA table_info` reads, which come without parameters).
    this.connection = new Proxy(conn, {
      get(target, prop) {
        if (prop === 'all' || prop === 'run') {
          return (s, params, cb) => {
            if (typeof params === 'function') return target[prop](s, params);
            return target[prop](s, params, function (err, rows) {
              if (!err && current) current.queue.push({ kind: k, rows: rows || [], lastID: this.lastID, changes: this.changes });
              cb.call(this, err, rows);
            });
          };
        }
        const v = target[prop];
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    return run.call(this, sql, parameters).finally(() => {
      this.connection = conn;
    });
  };
  return sequelize;
}

function fakeInstance(dialect) {
  const sequelize = new Sequelize('playground', 'user', 'pass', {
    dialect,
    logging: false,
    databaseVersion: dialect === 'postgres' ? '16.0.0' : '8.0.36',
    pool: { max: 1 },
  });
  const cm = sequelize.connectionManager;
  const answer = (sql, params) => {
    record(dialect, sql, params);
    const r = takeResult(dialect, sql);
    const k = kind(sql);
    if (dialect === 'postgres') {
      let rows = r.rows.length || k !== 'INSERT' ? r.rows : [{ id: r.lastID }];
      if (/^CREATE OR REPLACE FUNCTION/i.test(sql)) rows = rows.map((row) => ({ ...row, sequelize_caught_exception: null }));
      return { rows, rowCount: k === 'SELECT' ? rows.length : r.changes || rows.length, command: k };
    }
    if (k === 'SELECT' || k === 'introspect') return r.rows;
    if (k === 'INSERT') {
      const first = r.rows.length ? r.rows[0].id : r.lastID - (r.changes || 1) + 1;
      return { insertId: first, affectedRows: r.changes || r.rows.length };
    }
    if (k === 'other') return { affectedRows: 0 };
    return { affectedRows: r.changes, changedRows: r.changes };
  };
  const handle = () => ({ setMaxListeners() {} });
  const connection = () => ({
    query(sql, params, cb) {
      if (typeof sql === 'object') sql = sql.sql;
      if (typeof params === 'function') [params, cb] = [[], params];
      setImmediate(() => cb(null, answer(sql, params)));
      return handle();
    },
    execute(sql, params, cb) {
      setImmediate(() => cb(null, answer(sql, params)));
      return handle();
    },
    on() {},
    removeListener() {},
  });
  cm.getConnection = async () => connection();
  cm.releaseConnection = async () => {};
  return sequelize;
}

function defineAll(sequelize) {
  const models = {};
  for (const m of spec.models) models[m.name] = sequelize.define(m.name, attributesOf(m.attributes), m.options);
  for (const a of spec.associations) models[a.source][a.kind](models[a.target], a.options);
  return models;
}

async function call(sequelize, models, c, transaction) {
  if (c.method === 'sync') return sequelize.sync();
  if (c.method === 'query') return sequelize.query(c.args[0]);
  if (c.method === 'queryInterface') {
    const args = toJs(c.args, models);
    if (c.qi === 'createTable') args[1] = attributesOf(args[1]);
    if (c.qi === 'addColumn') args[2] = attributesOf({ c: args[2] }).c;
    return sequelize.getQueryInterface()[c.qi](...args);
  }
  if (c.method === 'transaction') {
    const t = await sequelize.transaction();
    for (const inner of c.calls) await call(sequelize, models, inner, t);
    return c.end === 'commit' ? t.commit() : t.rollback();
  }
  const args = toJs(c.args || [], models);
  if (transaction) {
    // The options argument is the last one (create/update/destroy/increment).
    const last = args.length - 1;
    if (c.method === 'create' || args.length < 2) args.push({ transaction });
    else args[last] = { ...args[last], transaction };
  }
  return models[c.model][c.method](...args);
}

async function main() {
  const instances = {
    sqlite: sqliteInstance(),
    postgres: fakeInstance('postgres'),
    mysql: fakeInstance('mysql'),
  };
  const models = {};
  for (const [d, s] of Object.entries(instances)) models[d] = defineAll(s);
  const out = [];
  for (const c of spec.calls) {
    current = { sqlite: [], postgres: [], mysql: [], queue: [], queues: {} };
    await call(instances.sqlite, models.sqlite, c);
    for (const d of ['postgres', 'mysql']) {
      current.queues[d] = current.queue.slice();
      await call(instances[d], models[d], c);
    }
    out.push({ name: c.name, sqlite: current.sqlite, postgres: current.postgres, mysql: current.mysql });
  }
  current = null;
  const header = `Sequelize ${require('sequelize/package.json').version}, pg ${require('pg/package.json').version}, mysql2 ${require('mysql2/package.json').version}; clock frozen at 2026-01-01T00:00:00.000Z; written by tests/parity/dialects/generate.js`;
  process.stdout.write(JSON.stringify({ header, calls: out }, null, 1) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${e.stack}\n`);
  process.exitCode = 1;
});

// The in-browser anchor (issue 22): real Sequelize 6 on sql.js, bundled for the browser by
// build.mjs. `window.sequelizeAnchor.run(code)` runs a script as run-sequelize.js does on Node —
// the body of an AsyncFunction with its own `require` (which knows `sequelize`) and `console` —
// and resolves to `{ ok, output, error, sql }` like the playground's report; `sql` is what the
// statements took inside sql.js (`{ ms, statements }`), read per step from the `bench` lines.
'use strict';
const sqlite3 = require('sqlite3');
const sequelize = require('sequelize');
const util = require('util');

const AsyncFunction = (async () => {}).constructor;
const modules = { sequelize, sqlite3 };

function requireInScript(name) {
  if (Object.prototype.hasOwnProperty.call(modules, name)) return modules[name];
  throw new Error(`Cannot find module '${name}' (the anchor bundle has sequelize and sqlite3)`);
}

async function run(code, options = {}) {
  const output = [];
  // With `sqlTime`, each `bench STEP MS` line gets `STEP`'s time inside sql.js since the last one.
  const stats = sqlite3.stats;
  stats.enabled = !!options.sqlTime;
  stats.ms = 0;
  stats.statements = 0;
  const sql = {};
  const log = (...args) => {
    const line = util.format(...args);
    output.push(line);
    const m = /^bench (\S+) /.exec(line);
    if (m && stats.enabled) {
      sql[m[1]] = { ms: stats.ms, statements: stats.statements };
      stats.ms = 0;
      stats.statements = 0;
    }
  };
  const cons = { log, info: log, warn: log, error: log, debug: log };
  try {
    await new AsyncFunction('require', 'console', code)(requireInScript, cons);
    return { ok: true, output, error: null, sql };
  } catch (e) {
    return { ok: false, output, error: { name: String(e && e.name), message: String(e && e.message), stack: String(e && e.stack) }, sql };
  } finally {
    stats.enabled = false;
  }
}

let loading = null;
function ready() {
  // sql.js's wasm is served beside the bundle.
  loading = loading || sqlite3.init({ locateFile: (file) => new URL(file, document.baseURI).href });
  return loading.then(() => true);
}

window.sequelizeAnchor = {
  ready,
  run,
  versions: { sequelize: SEQUELIZE_VERSION, sqljs: SQLJS_VERSION },
};

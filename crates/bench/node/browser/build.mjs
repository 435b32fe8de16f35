// Bundles real Sequelize 6 with sql.js for the browser: the in-browser anchor of issue 22
// (crates/bench/browser/sequelize_browser.py). esbuild (pinned in ../package.json), platform
// browser, minified (names kept: Sequelize's sqlite dialect checks `constructor.name === "Statement"`).
// - `sqlite3` is shims/sqlite3.js: node-sqlite3's API on sql.js's in-memory database;
// - Node's built-ins that Sequelize and its dependencies import are small shims (util, events,
//   path, fs, url, assert); `process` and `Buffer` (npm's buffer) are injected; crypto,
//   pg-hstore and the dialects other than sqlite that sequelize.js requires by name in a switch
//   are empty (never called here: they would only add to the payload what the anchor does not
//   run); moment-timezone is its data-less build; the abstract connection manager's
//   `require(moduleName)` names sqlite3 (a one-line patch).
// OUT_DIR also gets meta.json, esbuild's account of what the bundle holds (not served).
//
//   node crates/bench/node/browser/build.mjs [OUT_DIR]     (default: target/bench-sequelize-browser)
// OUT_DIR gets index.html, sequelize-anchor.js and sql-wasm-browser.wasm.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../../..');
const out = resolve(process.argv[2] || join(root, 'target', 'bench-sequelize-browser'));
const modules = join(here, '..', 'node_modules');
const version = (name) => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;

const shims = {
  sqlite3: 'sqlite3.js',
  util: 'util.js',
  events: 'events.js',
  path: 'path.js',
  fs: 'fs.js',
  url: 'url.js',
  assert: 'assert.js',
  crypto: 'empty.js',
  'pg-hstore': 'empty.js',
};
const otherDialects = /^\.\/dialects\/(mariadb|mssql|mysql|oracle|postgres|db2|snowflake)$/;

const shimPlugin = {
  name: 'node-shims',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z0-9-]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      return Object.hasOwn(shims, name) ? { path: join(here, 'shims', shims[name]) } : undefined;
    });
    // moment-timezone without its time-zone data (its own data-less build, moment-timezone.js):
    // with the default timezone '+00:00', DATE's _applyTimezone finds no zone of that name either
    // way and uses moment's utcOffset; the data (724 KB minified, 34 KB gzipped) is left out, as
    // a page bundling Sequelize for SQLite would leave it out too.
    b.onResolve({ filter: /^moment-timezone$/ }, () => ({ path: join(modules, 'moment-timezone', 'moment-timezone.js') }));
    // The dialect's driver is `require(moduleName)`, which a bundler cannot follow: name sqlite3.
    b.onLoad({ filter: /sequelize[\\/]lib[\\/]dialects[\\/]abstract[\\/]connection-manager\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source.replace('return require(moduleName);',
        'return moduleName === "sqlite3" ? require("sqlite3") : require(moduleName);');
      if (patched === source) throw new Error(`${args.path}: no \`return require(moduleName);\` to point at sqlite3`);
      return { contents: patched, loader: 'js' };
    });
    b.onResolve({ filter: otherDialects }, (args) =>
      /sequelize[\\/]lib[\\/]sequelize\.js$/.test(args.importer) ? { path: join(here, 'shims', 'empty.js') } : undefined);
  },
};

mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(here, 'entry.js')],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  outfile: join(out, 'sequelize-anchor.js'),
  inject: [join(here, 'shims', 'process.js'), join(here, 'shims', 'buffer-global.js')],
  define: {
    SEQUELIZE_VERSION: JSON.stringify(version('sequelize')),
    SQLJS_VERSION: JSON.stringify(version('sql.js')),
    global: 'globalThis',
  },
  plugins: [shimPlugin],
  metafile: true,
  logLevel: 'warning',
});
copyFileSync(join(modules, 'sql.js', 'dist', 'sql-wasm-browser.wasm'), join(out, 'sql-wasm-browser.wasm'));
copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
writeFileSync(join(out, 'meta.json'), JSON.stringify(result.metafile));
console.log(`built ${out} (Sequelize ${version('sequelize')}, sql.js ${version('sql.js')}, esbuild ${version('esbuild')})`);

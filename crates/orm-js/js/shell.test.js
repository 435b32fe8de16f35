// Node tests of the JavaScript shell's pure parts (format/inspect against Node's own util,
// argument normalisation, DataTypes, import rewriting, line numbers, error classes) and of its
// plumbing over a small fake engine. Run: node --test crates/orm-js/js/
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');

// The shell is the files of shell/ concatenated in name order, as src/lib.rs embeds them.
const SHELL_DIR = path.join(__dirname, 'shell');
const SOURCE = fs.readdirSync(SHELL_DIR).filter((f) => f.endsWith('.js')).sort()
  .map((f) => fs.readFileSync(path.join(SHELL_DIR, f), 'utf8')).join('');

/** A fake engine: enough of ENGINE.md to exercise the shell's plumbing without SQL. */
function fakeEngine() {
  const models = new Map();
  const instances = new Map();
  let next = 1;
  let events = [];
  let runId = 0;
  const event = (sql) => events.push({ id: events.length + 1, sql, params: [], inlined: sql, ms: 0.25, rows: 0, model: null, op: 'raw', lazy: false, runId, callId: 1, failed: false });
  const newInstance = (model, values, isNew) => {
    const h = next++;
    const info = models.get(model);
    const data = {};
    for (const a of info.attributes) data[a.name] = a.name === 'id' ? null : undefined;
    for (const [k, v] of Object.entries(values || {})) data[k] = v && v.$date !== undefined ? new Date(v.$date) : v;
    for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
    instances.set(h, { model, data, previous: { ...data }, changed: new Set(isNew ? Object.keys(values || {}) : []), isNew });
    return h;
  };
  const reads = ['get', 'keys', 'toJSON', 'changed', 'changedKey', 'previous', 'isNewRecord', 'modelOf', 'modelInfo',
    'associations', 'markRead', 'validate'];
  return {
    calls: [],
    // The effects of src/contract.rs for the methods this fake has; any other `runs`.
    methods() {
      return [...reads.map((name) => ({ name, effect: 'reads' })),
        ...['set', 'build', 'define', 'associate'].map((name) => ({ name, effect: 'changes' }))];
    },
    beginRun() { runId += 1; return runId; },
    takeEvents() { this.takes = (this.takes || 0) + 1; const e = events; events = []; return e; },
    findings() { return []; },
    reset() { models.clear(); instances.clear(); },
    open(name) { this.calls.push(['open', name]); },
    exportDatabase() { return new Uint8Array([this.marker || 0]); },
    importDatabase(bytes) {
      if (bytes[0] === 255) throw { name: 'SequelizeDatabaseError', message: 'This file is not a SQLite database', errors: [] };
      this.marker = bytes[0];
      this.calls.push(['importDatabase', bytes[0]]);
    },
    define(model, attrs, options) {
      this.calls.push(['define', model, attrs, options]);
      if (attrs.bad) throw { name: 'Error', message: `${model}.bad: Unknown data type "NOPE"`, errors: [] };
      const attributes = [{ name: 'id', field: 'id', type: 'INTEGER', allowNull: false, primaryKey: true, autoIncrement: true }];
      for (const name of Object.keys(attrs)) attributes.push({ name, field: name, type: attrs[name].type, allowNull: true, primaryKey: false, autoIncrement: false });
      const info = { name: model, tableName: `${model}s`, primaryKeys: ['id'], attributes };
      models.set(model, info);
      return info;
    },
    sync() { for (const m of models.keys()) event(`CREATE TABLE IF NOT EXISTS \`${m}s\` (...)`); },
    modelInfo(model) { return models.get(model); },
    associate(kind, source, target, options) {
      const many = kind === 'hasMany' || kind === 'belongsToMany';
      const as = options.as || (many ? `${target}s` : target);
      const foreignKey = options.foreignKey || `${kind === 'belongsTo' ? target : source}Id`;
      const holder = kind === 'belongsTo' ? source : target;
      let through = null;
      if (kind === 'belongsToMany') {
        through = typeof options.through === 'string' ? options.through : options.through.$model;
        if (!models.has(through)) models.set(through, { name: through, tableName: through, primaryKeys: [], attributes: [] });
      } else if (!models.get(holder).attributes.some((a) => a.name === foreignKey)) {
        models.get(holder).attributes.push({ name: foreignKey, field: foreignKey, type: 'INTEGER', allowNull: true, primaryKey: false, autoIncrement: false });
      }
      const upper = as.charAt(0).toUpperCase() + as.slice(1);
      return { as, foreignKey, kind, source, target, many, through, accessors: { get: `get${upper}`, set: `set${upper}`, create: `create${upper}` } };
    },
    build(model, values) { return newInstance(model, values, true); },
    create(model, values) {
      const h = newInstance(model, values, false);
      const inst = instances.get(h);
      inst.data.id = h;
      inst.previous = { ...inst.data };
      event(`INSERT INTO \`${model}s\` VALUES (${h})`);
      return h;
    },
    bulkCreate(model, rows, options) {
      this.calls.push(['bulkCreate', model, rows, options]);
      const objects = Array.isArray(rows) ? rows
        : rows.$rows.map((values) => Object.fromEntries(rows.$keys.map((k, i) => [k, values[i]])));
      return objects.map((values) => this.create(model, values));
    },
    findAll(model, options) {
      this.calls.push(['findAll', model, options]);
      event(`SELECT * FROM \`${model}s\``);
      return [...instances.keys()].filter((h) => instances.get(h).model === model && !instances.get(h).isNew);
    },
    query(sql, options) {
      this.calls.push(['query', sql, options]);
      event(sql);
      return [{ result: 2 }];
    },
    get(h, key) {
      this.calls.push(['get', h, key]);
      const { data } = instances.get(h);
      return data[key];
    },
    set(h, key, value) {
      const inst = instances.get(h);
      if (inst.data[key] !== value) inst.changed.add(key);
      inst.data[key] = value;
    },
    keys(h) { return Object.keys(instances.get(h).data); },
    toJSON(h) { return { ...instances.get(h).data }; },
    changed(h) { const c = [...instances.get(h).changed]; return c.length ? c : false; },
    changedKey(h, key) { return instances.get(h).changed.has(key); },
    previous(h, key) { return instances.get(h).previous[key]; },
    isNewRecord(h) { return instances.get(h).isNew; },
    modelOf(h) { return instances.get(h).model; },
    save(h) {
      const inst = instances.get(h);
      inst.isNew = false;
      inst.changed.clear();
      inst.previous = { ...inst.data };
      event('UPDATE');
    },
    validate() {
      throw { name: 'SequelizeValidationError', message: 'Validation error: bad', errors: [{ message: 'bad', type: 'Validation error', path: 'email', value: 'x', validatorKey: 'isEmail' }], sql: null };
    },
    begin() { event('BEGIN DEFERRED TRANSACTION;'); return 7; },
    commit() { event('COMMIT;'); },
    rollback() { event('ROLLBACK;'); },
  };
}

function load() {
  const engines = [];
  const api = new Function('createEngine', SOURCE)(() => {
    const e = fakeEngine();
    engines.push(e);
    return e;
  });
  return { ...api, engines };
}

const { ormPlayground, internals, engines } = load();
const { format, inspect, normalize, rewriteImports, syntaxErrorLine, typeString } = internals;

// ---------------------------------------------------------------------------------------------
// format / inspect against Node's util
// ---------------------------------------------------------------------------------------------

class Point {
  constructor() {
    this.x = 1;
    this.y = 2;
  }
}
class Empty {}
const circular = { name: 'loop' };
circular.self = circular;
const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
const nullProto = Object.create(null);
nullProto.a = 1;

const SAMPLES = [
  ['strings and numbers', ['a', 1, -0, NaN, Infinity, 1.5e300, 10n]],
  ['primitives alone', [null, undefined, true, false]],
  ['nested arrays beyond depth', [[1, [2, [3, [4, [5]]]]]]],
  ['nested objects beyond depth', [{ a: { b: { c: { d: 1 } } } }]],
  ['quotes in strings', [{ a: "it's", b: 'say "hi"', c: 'both \' and "', d: 'all \' " `', e: 'line\nbreak', f: '\t\u0001' }]],
  ['keys needing quotes', [{ 'a-b': 1, '1x': 2, _ok: 3, $dollar: 4, 'with space': 5 }]],
  ['symbol keys and values', [{ [Symbol('k')]: 1, v: Symbol('v'), [Symbol.for('gt')]: 2 }]],
  ['long arrays grouped', [Array.from({ length: 30 }, (_, i) => i)]],
  ['long string arrays grouped', [Array.from({ length: 8 }, (_, i) => `item${i}`)]],
  ['more than 100 items', [Array.from({ length: 120 }, (_, i) => i)]],
  ['mixed long array', [[1, 'two', { three: 3 }, [4], null, undefined, true, 8.5]]],
  ['long values break lines', [{ long: 'x'.repeat(70), other: 1 }]],
  ['long strings split on newlines', [{ text: 'first line of text\nsecond line of the text that is long enough to break the line' }]],
  ['array of objects', [[{ id: 1, name: 'Ann', age: 30 }, { id: 2, name: 'Bob', age: 40 }]]],
  ['rows like findAll raw', [[{ kind: 'food', n: 1, total: 3 }, { kind: 'new', n: 1, total: 2 }, { kind: 'tool', n: 2, total: 12 }, { kind: 'toy', n: 2, total: 10 }]]],
  ['empty things', [{}, [], [[]], { a: {} }, '']],
  ['Map and Set', [new Map([[1, 'a'], ['b', { c: 2 }]]), new Set([1, 'x']), new Map(), new Set()]],
  ['Date and RegExp', [new Date(0), [new Date(86400000)], { d: new Date(1e12) }, /a+b/gi, new Date(NaN)]],
  ['functions and classes', [function foo() {}, () => 1, class Bar {}, class extends Point {}, async function af() {}, Math.max]],
  ['class instances', [new Point(), new Empty(), [new Point()], { p: new Point() }]],
  ['null prototype', [nullProto, Object.create(null)]],
  ['circular', [circular]],
  ['sparse arrays', [sparse, new Array(5), [undefined, , 3]]], // eslint-disable-line no-sparse-arrays
  ['typed arrays', [new Uint8Array([1, 2, 3]), new Uint8Array(0)]],
  ['boxed primitives', [new Number(3), new String('ab'), new Boolean(false)]], // eslint-disable-line no-new-wrappers
  ['nested mixed', [{ users: [{ name: 'Ada', posts: [{ title: 'Hello', tags: ['a', 'b'] }] }], count: 2 }]],
  ['deep array of arrays', [[[1, 2, [3, 4, [5, [6]]]], 'x']]],
  ['many keys', [Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`key${i}`, i * 1000]))]],
  ['object with array value long', [{ ids: Array.from({ length: 26 }, (_, i) => i * 7), label: 'numbers' }]],
  ['unicode', ['héllo', { s: 'ünï', e: '😀' }]],
  ['percent without args', ['100%']],
  ['placeholders', ['%s|%d|%i|%f|%j|%O|%%|%c', 'str', '42', 3.9, '1.5', { a: 1 }, { b: 2 }, 'css']],
  ['%s with objects', ['%s and %s and %s', { a: 1 }, [1, 2], new Point()]],
  ['%s with numbers', ['%s %s %s', -0, 5n, null]],
  ['extra args after placeholders', ['%s is %d', 'x', 5, 'extra', { y: 1 }]],
  ['missing args', ['%s and %s', 'only one']],
  ['non-string first', [5, 'a', { b: 1 }]],
  ['promise', [Promise.resolve(1).then(() => {}) && new Promise(() => {})]],
  ['weak collections', [new WeakMap(), new WeakSet()]],
];

for (const [name, args] of SAMPLES) {
  test(`format matches util.format: ${name}`, () => {
    assert.equal(format(...args), util.format(...args));
  });
}

test('inspect matches util.inspect with options', () => {
  const v = { a: [1, 2, { b: { c: { d: {} } } }], e: 'x' };
  for (const opts of [{ depth: 0 }, { depth: 4 }, { depth: Infinity }, { breakLength: Infinity }, { compact: 1 }]) {
    assert.equal(inspect(v, opts), util.inspect(v, opts), JSON.stringify(opts));
  }
});

// Generated values (a seeded PRNG, so every run prints the same ones): the port against Node's
// util on nested objects and arrays, strings with quotes and unicode, special numbers, Dates,
// Maps, Sets, class instances, circular references, long arrays, and inspect's options. A
// mismatch names the case's number and prints both texts.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function valueGenerator(seed) {
  const rand = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const chance = (p) => rand() < p;
  const CHARS = ['a', 'b', 'Z', ' ', "'", '"', '`', '\\', '\n', '\t', '\r', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', 'é', 'ß', '中', '😀', '\u200b', '\u2028', '\ufeff', '\ud800', '👨\u200d👩\u200d👧', '👍🏽', 'ｘ', '한', 'e\u0301', '\u00ad', '%', '%s', '{', '}', '[', ':', ',', '$', '_', '1'];
  const NUMBERS = [0, -0, 1, -1, 1.5, -2.25, NaN, Infinity, -Infinity, 1e21, 1e-7, 123456789012, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, 0.1 + 0.2, 1e100, -1e-300];
  const KEYS = ['a', 'b', 'id', 'name', 'createdAt', 'a-b', '1x', '0', '42', '', 'with space', '$x', '_y', 'ü', 'key\n', "it's", 'constructor', '__proto__x', 'toString'];
  const text = () => pick([
    () => Array.from({ length: int(0, 12) }, () => pick(CHARS)).join(''),
    () => pick(['', 'hello', "it's", 'say "hi"', 'both \' and "', 'all \' " `', 'line\nbreak\nagain', 'ünïcödé 😀']),
    () => 'x'.repeat(int(15, 90)),
    () => Array.from({ length: int(2, 5) }, () => 'word '.repeat(int(1, 9))).join('\n'),
  ])();
  class Point { constructor() { this.x = int(-5, 5); this.y = pick(NUMBERS); } }
  class Person { constructor(name) { this.name = name; this.tags = []; } }
  class Empty {}
  class Child extends Person {}
  const leaf = () => pick([
    () => pick(NUMBERS),
    () => int(-1000, 1000),
    text, text,
    () => pick([null, undefined, true, false]),
    () => BigInt(int(-99, 99)),
    () => new Date(pick([0, 1e12, -1e12, 8.64e15, -8.64e15, NaN, Date.UTC(2024, 1, 29, 12, 30)])),
    () => pick([Symbol('s'), Symbol.for('gt'), Symbol(), Symbol.iterator]),
    () => pick([/a+b/gi, /[\/]/, new RegExp('')]),
    () => pick([function named() {}, () => 1, class K {}, async function af() {}, Math.max, function* gen() {}, async function* agen() {}, function* () {}]),
    () => new Empty(),
  ])();
  const value = (depth) => {
    if (depth <= 0 || chance(0.3)) return leaf();
    return pick([
      () => Array.from({ length: pick([0, 1, 2, 3, 5, 7, 26, 101, 130]) }, () => (chance(0.7) ? int(-50, 500) : value(depth - 1))),
      () => Array.from({ length: int(0, 6) }, () => value(depth - 1)),
      () => Array.from({ length: int(3, 30) }, () => pick([text, () => 'item' + int(0, 99), () => pick(NUMBERS)])()),
      () => Object.fromEntries(Array.from({ length: int(0, 7) }, () => [pick(KEYS), value(depth - 1)])),
      () => Object.fromEntries(Array.from({ length: int(0, 30) }, (_, i) => [`key${i}`, int(0, 99999)])),
      () => new Map(Array.from({ length: int(0, 4) }, () => [chance(0.5) ? pick(KEYS) : value(depth - 1), value(depth - 1)])),
      () => new Set(Array.from({ length: int(0, 5) }, () => value(depth - 1))),
      () => Object.assign(new Point(), chance(0.3) ? { extra: value(depth - 1) } : {}),
      () => Object.assign(new (chance(0.5) ? Person : Child)(text()), { tags: Array.from({ length: int(0, 4) }, text) }),
      () => { const o = Object.create(null); o[pick(KEYS)] = value(depth - 1); return o; },
      () => { const o = { name: text(), child: { list: [] } }; o.child.list.push(o, value(depth - 1)); if (chance(0.5)) o.self = o; return o; },
      () => { const a = [value(depth - 1)]; a.push(a); return a; },
      () => { const arr = new Array(int(1, 8)); arr[int(0, arr.length - 1)] = value(depth - 1); return arr; },
      () => ({ [Symbol('k')]: value(depth - 1), v: value(depth - 1) }),
      () => [new Number(int(0, 9)), new String(text()), new Boolean(chance(0.5))], // eslint-disable-line no-new-wrappers
      () => new Uint8Array(Array.from({ length: pick([0, 3, 120]) }, () => int(0, 255))),
    ])();
  };
  const options = () => {
    const o = {};
    if (chance(0.5)) o.depth = pick([0, 1, 2, 3, 5, null, Infinity]);
    if (chance(0.4)) o.breakLength = pick([20, 40, 80, 120, Infinity]);
    if (chance(0.3)) o.compact = pick([1, 2, 3, 5]);
    if (chance(0.2)) o.maxArrayLength = pick([0, 3, 10, 100, Infinity]);
    if (chance(0.15)) o.maxStringLength = pick([0, 5, 20, 10000]);
    return o;
  };
  const template = () => Array.from({ length: int(1, 4) }, () => pick(['%s', '%d', '%i', '%f', '%j', '%o', '%O', '%%', '%c', ' and ', 'x=', '%']) + pick(['', ' ', ':'])).join('');
  return { value, options, template, int, pick, chance };
}

const GENERATED_CASES = 1500;

/**
 * True when `value` holds, at any depth, a function whose constructor is no global builtin
 * (AsyncFunction, GeneratorFunction, AsyncGeneratorFunction): with `showHidden` (`%o`) Node also
 * lists the properties of such a value's prototype (its `protoProps`, here
 * `[Symbol(Symbol.toStringTag)]: 'AsyncFunction'`), which the shell's inspect does not.
 */
function holdsProtoPropsFunction(value, seen = new Set()) {
  if (typeof value === 'function') return !['Function', 'Object'].includes(Object.getPrototypeOf(value).constructor.name);
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  const inner = value instanceof Map ? [...value].flat() : value instanceof Set ? [...value] : Reflect.ownKeys(value).map((k) => value[k]);
  return inner.some((v) => holdsProtoPropsFunction(v, seen));
}

test(`inspect and format match Node's util on ${GENERATED_CASES} generated values`, () => {
  const g = valueGenerator(20);
  const mismatches = [];
  let protoProps = 0;
  // What a call prints, or the error it throws (`%j` of a BigInt throws in Node too).
  const run = (f) => {
    try {
      return f();
    } catch (e) {
      return `throws ${e.name}: ${e.message}`;
    }
  };
  const same = (what, i, mine, node, showHidden = []) => {
    const [a, b] = [run(mine), run(node)];
    if (a === b) return;
    if (showHidden.some((v) => holdsProtoPropsFunction(v))) protoProps++; // the intended difference above
    else mismatches.push(`case ${i}, ${what}:\n--- shell\n${a}\n--- node\n${b}`);
  };
  for (let i = 0; i < GENERATED_CASES; i++) {
    const v = g.value(g.int(1, 5));
    same('format(v)', i, () => format(v), () => util.format(v));
    const opts = g.options();
    same(`inspect(v, ${util.inspect(opts)})`, i, () => inspect(v, opts), () => util.inspect(v, opts));
    const args = [g.template(), ...Array.from({ length: g.int(0, 4) }, () => g.value(g.int(0, 3)))];
    // The arguments `%o` prints, with showHidden.
    const hidden = (args[0].match(/%[sdifjoOc%]/g) || []).filter((p) => p !== '%%').map((p, n) => (p === '%o' ? args[n + 1] : undefined));
    same(`format(${util.inspect(args[0])}, …)`, i, () => format(...args), () => util.format(...args), hidden);
  }
  console.log(`${GENERATED_CASES * 3} comparisons; intended difference in ${protoProps}: %o of an async or generator function (Node's protoProps)`);
  assert.equal(mismatches.length, 0, `${mismatches.length} mismatches with Node's util, the first 8:\n${mismatches.slice(0, 8).join('\n\n')}`);
});

test('errors print their name, message and only the learner\'s frames', () => {
  const e = new Error('boom');
  e.stack = 'Error: boom\n    at eval (main.js:5:9)\n    at Object.findAll (orm-playground/sequelize.js:10:3)';
  assert.equal(format(e), 'Error: boom\n    at main.js:3:9');
  const v = internals.toError({ name: 'SequelizeValidationError', message: 'Validation error: bad', errors: [] }).constructor;
  assert.equal(v.name, 'ValidationError');
  const noStack = new TypeError('x');
  noStack.stack = undefined;
  assert.equal(format(noStack), '[TypeError: x]');
  const withErrors = internals.toError({ name: 'SequelizeValidationError', message: 'Validation error: bad', errors: [] });
  withErrors.stack = 'SequelizeValidationError: Validation error: bad\n    at eval (main.js:4:1)';
  assert.equal(format(withErrors), 'ValidationError [SequelizeValidationError]: Validation error: bad\n    at main.js:2:1 {\n  errors: []\n}');
});

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

const { Op, DataTypes, Sequelize } = ormPlayground;

test('Op keys become "$op:name", values stay', () => {
  assert.deepEqual(normalize({ age: { [Op.gt]: 5, [Op.lt]: 9 }, [Op.or]: [{ a: 1 }, { b: null }] }),
    { age: { '$op:gt': 5, '$op:lt': 9 }, '$op:or': [{ a: 1 }, { b: null }] });
  assert.equal(Op.gt, Symbol.for('gt'));
  assert.equal(util.format(Op.like), 'Symbol(like)');
  assert.throws(() => normalize({ [Symbol('x')]: 1 }), /not an operator/);
});

test('Dates, bytes, RegExps, fn/col/literal, undefined keys', () => {
  const s = Sequelize;
  assert.deepEqual(normalize({ at: new Date(5), bad: new Date(NaN), skip: undefined, list: [undefined, 1] }),
    { at: { $date: 5 }, bad: { $date: null }, list: [null, 1] });
  assert.deepEqual(normalize(new Uint8Array([1, 255])), { $bytes: [1, 255] });
  assert.deepEqual(normalize(Buffer.from([7])), { $bytes: [7] });
  assert.deepEqual(normalize(/^a.c$/i), { $regex: '^a.c$', flags: 'i' });
  assert.deepEqual(normalize(s.fn('COUNT', s.col('id'))), { $fn: 'COUNT', args: [{ $col: 'id' }] });
  assert.deepEqual(normalize([s.literal('1'), 'x']), [{ $literal: '1' }, 'x']);
  assert.deepEqual(normalize(10n), 10);
  const loop = {};
  loop.loop = loop;
  assert.throws(() => normalize(loop), /circular/);
});

test('DataTypes bare and called', () => {
  assert.equal(normalize(DataTypes.STRING), 'STRING');
  assert.equal(normalize(DataTypes.STRING(200)), 'STRING(200)');
  assert.equal(normalize(new DataTypes.STRING(20)), 'STRING(20)');
  assert.equal(normalize(DataTypes.DECIMAL(10, 2)), 'DECIMAL(10, 2)');
  assert.equal(normalize(DataTypes.ENUM('a', 'b')), "ENUM('a','b')");
  assert.equal(normalize(DataTypes.ENUM(['x', "it's"])), "ENUM('x',\"it's\")");
  assert.equal(normalize(DataTypes.ENUM({ values: ['p'] })), "ENUM('p')");
  assert.equal(normalize(DataTypes.INTEGER.UNSIGNED), 'INTEGER');
  assert.equal(normalize(DataTypes.TEXT('long')), 'TEXT');
  assert.equal(normalize(DataTypes.STRING(50, true)), 'STRING(50)');
  assert.equal(normalize(DataTypes.STRING({ length: 9 })), 'STRING(9)');
  assert.deepEqual(normalize(DataTypes.NOW), { $default: 'NOW' });
  assert.deepEqual(normalize(DataTypes.UUIDV4), { $default: 'UUIDV4' });
  assert.equal(typeString('DOUBLE', []), 'DOUBLE');
  assert.equal(Sequelize.STRING, DataTypes.STRING);
});

// ---------------------------------------------------------------------------------------------
// Learner code: imports and line numbers
// ---------------------------------------------------------------------------------------------

test('import lines become require, keeping line numbers', () => {
  assert.equal(rewriteImports("import { Sequelize, DataTypes as DT } from 'sequelize';\nx();"),
    "const { Sequelize, DataTypes: DT } = require(\"sequelize\");\nx();");
  assert.equal(rewriteImports('import Sequelize from "sequelize"'), 'const Sequelize = require("sequelize");');
  assert.equal(rewriteImports("import Sequelize, { Op } from 'sequelize';"),
    'const Sequelize = require("sequelize"); const { Op } = require("sequelize");');
  assert.equal(rewriteImports("import * as S from 'sequelize';"), 'const S = require("sequelize");');
  assert.equal(rewriteImports("import {\n  Sequelize,\n  Model,\n} from 'sequelize';\nfoo();").split('\n').length, 5);
  assert.equal(rewriteImports("  import 'sequelize';"), '  require("sequelize");');
  assert.match(rewriteImports("const m = await import('sequelize');"), /require\("sequelize"\)/);
  assert.equal(rewriteImports("const s = 'import x from y';"), "const s = 'import x from y';");
});

test('syntax error lines, best effort', () => {
  const message = (code) => {
    try {
      new (Object.getPrototypeOf(async () => {}).constructor)('require', 'console', code); // eslint-disable-line no-new
    } catch (e) {
      return e.message;
    }
    return null;
  };
  const cases = [
    ['const a = 1;\nconst b = ;\nconst c = 3;', 2],
    ['const a = 1;\nif (a) {\n  foo(;\n}\n', 3],
    ['const a = {\n  x: 1,\n  y: 2\n};\nconsole.log(a b);', 5],
    ['function f() {\n  return 1;\n', 1],
    ['const a = () => {\n  x();\n};\nfunction f() {\n  return 1;\n', 4],
    ['const x = 1;\n}\n', 2],
    ['const a = [\n  1,\n  2,\n];\nconst s = \'unterminated;\nfoo();', 5],
    ['if (x) {\n  y();\n}\nconst t = `open template\n', 4],
    ['foo(1,\n  2))\n', 2],
    ['function g() {\n  const v = 1;\n}\nfunction h() {\n  return await g();\n}\n', 5],
    ['const a = 1;\n}\nconst b = 2;\n', 2],
  ];
  for (const [code, line] of cases) assert.equal(syntaxErrorLine(code, message(code)), line, code);
});

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

test('error classes: names, instanceof and fields', () => {
  const { errors } = ormPlayground;
  const v = internals.toError({ name: 'SequelizeValidationError', message: 'Validation error: a,\nValidation error: b', errors: [{ message: 'a', type: 'Validation error', path: 'name', value: '', validatorKey: 'notEmpty' }] });
  assert.ok(v instanceof errors.ValidationError && v instanceof errors.BaseError && v instanceof Error);
  assert.equal(v.name, 'SequelizeValidationError');
  assert.ok(v.errors[0] instanceof errors.ValidationErrorItem);
  assert.deepEqual([v.errors[0].path, v.errors[0].validatorKey, v.errors[0].origin, v.errors[0].type], ['name', 'notEmpty', 'FUNCTION', 'Validation error']);
  const u = internals.toError({ name: 'SequelizeUniqueConstraintError', message: 'Validation error', errors: [{ message: 'email must be unique', type: 'unique violation', path: 'email', value: 'a', validatorKey: 'not_unique' }], sql: 'INSERT …' });
  assert.ok(u instanceof errors.UniqueConstraintError && u instanceof errors.ValidationError && !(u instanceof errors.DatabaseError));
  assert.deepEqual(u.fields, ['email']);
  assert.equal(u.sql, 'INSERT …');
  assert.equal(u.errors[0].origin, 'DB');
  const d = internals.toError({ name: 'SequelizeDatabaseError', message: 'SQLITE_ERROR: no such table: nope', errors: [], sql: 'SELECT * FROM nope' });
  assert.ok(d instanceof errors.DatabaseError);
  assert.equal(d.message, 'SQLITE_ERROR: no such table: nope');
  assert.equal(d.sql, 'SELECT * FROM nope');
  assert.ok(internals.toError({ name: 'SequelizeForeignKeyConstraintError', message: 'fk', errors: [] }) instanceof errors.DatabaseError);
  assert.equal(internals.toError({ name: 'Error', message: 'Unknown attribute' }).constructor, Error);
  const custom = new errors.ValidationError('custom', [new errors.ValidationErrorItem('m', 'Validation error', 'f', 1)]);
  assert.deepEqual([custom.name, custom.message, custom.errors[0].path], ['SequelizeValidationError', 'custom', 'f']);
  assert.equal(new errors.EmptyResultError().name, 'SequelizeEmptyResultError');
  assert.equal(errors.EmptyResultError.name, 'EmptyResultError');
});

// ---------------------------------------------------------------------------------------------
// run() over the fake engine
// ---------------------------------------------------------------------------------------------

test('run: console output, imports, top-level await', async () => {
  const r = await ormPlayground.run("import { Sequelize } from 'sequelize';\nconsole.log('a', 1, { b: [2] });\nawait null;\nconsole.log(typeof Sequelize);");
  assert.deepEqual(r.output, ["a 1 { b: [ 2 ] }", 'function']);
  assert.equal(r.ok, true);
  assert.equal(r.error, null);
});

test('run: each statement carries the learner\'s line with `lines`, and streams to `progress`', async () => {
  const code = [
    "const { Sequelize, DataTypes } = require('sequelize');",
    "const s = new Sequelize('sqlite::memory:', { logging: false });",
    "const User = s.define('User', { name: DataTypes.STRING });",
    'await s.sync();',
    'for (const name of ["a", "b", "c"]) {',
    '  await User.create({ name });',
    '}',
    'await User.findAll();',
  ].join('\n');
  const batches = [];
  const r = await ormPlayground.run(code, { lines: true, progress: (events) => batches.push(events.map((e) => e.sql)) });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  const lines = r.queries.map((q) => [q.sql.split(' ')[0], q.line]);
  assert.deepEqual(lines, [['CREATE', 4], ['INSERT', 6], ['INSERT', 6], ['INSERT', 6], ['SELECT', 8]]);
  // Streamed as they ran, one batch per call, before the report.
  assert.deepEqual(batches.flat(), r.queries.map((q) => q.sql));
  assert.equal(batches.length, 5);
  // Without `lines`, no stack is taken; a throwing `progress` does not end the run.
  const quiet = await ormPlayground.run(code, { progress: () => { throw new Error('page gone'); } });
  assert.equal(quiet.ok, true);
  assert.ok(quiet.queries.every((q) => q.line === undefined));
  // A prepareStackTrace of the learner's neither breaks the lines nor is lost.
  const shaped = await ormPlayground.run(`Error.prepareStackTrace = () => { throw new Error('mine'); };\n${code}\nconsole.log(typeof Error.prepareStackTrace);\nError.prepareStackTrace = undefined;`, { lines: true });
  assert.equal(shaped.ok, true, JSON.stringify(shaped.error));
  assert.deepEqual(shaped.queries.map((q) => q.line), [5, 7, 7, 7, 9]);
  assert.deepEqual(shaped.output, ['function']);
});

test('run: without logging, lines or streaming, statements are read in batches, in the order they ran', async () => {
  const code = [
    "const { Sequelize, DataTypes } = require('sequelize');",
    "const a = new Sequelize('sqlite::memory:', { logging: false });",
    "const b = new Sequelize('sqlite::memory:', { logging: false });",
    "const A = a.define('A', { n: DataTypes.INTEGER });",
    "const B = b.define('B', { n: DataTypes.INTEGER });",
    'for (let i = 0; i < 300; i++) await A.create({ n: i });',
    'await B.create({ n: 1 });',
    'await A.create({ n: 300 });',
    'const seen = [];',
    'await A.create({ n: 301 }, { logging: (m) => seen.push(m) });',
    'console.log(seen);',
  ].join('\n');
  const before = engines.length;
  const r = await ormPlayground.run(code);
  assert.equal(r.ok, true, JSON.stringify(r.error));
  // Every statement once, in the order the calls ran, across the two databases.
  const a = (n) => `INSERT INTO \`As\` VALUES (${n})`;
  const expected = [...Array.from({ length: 300 }, (_, i) => a(i + 1)), 'INSERT INTO `Bs` VALUES (1)', a(301), a(302)];
  assert.deepEqual(r.queries.map((q) => q.sql), expected);
  // `logging` of one call prints that call's statement only, not the ones that waited before it.
  assert.deepEqual(r.output, [`[ 'Executing (default): ${a(302)}' ]`]);
  // Read a few times, not once per call (303 calls).
  const takes = engines.slice(before).reduce((sum, e) => sum + (e.takes || 0), 0);
  assert.ok(takes <= 10, `takeEvents was called ${takes} times`);
  // With lines, each call's statements are read as it returns (to stamp its line).
  const lined = await ormPlayground.run(code, { lines: true });
  assert.deepEqual(lined.queries.map((q) => q.sql), expected);
  assert.deepEqual(lined.queries.map((q) => q.line).slice(299), [6, 7, 8, 10]);
});

test('run: `codeEnded` is called once, when the code has ended and before the report', async () => {
  const seen = [];
  const r = await ormPlayground.run("console.log('last line');", { codeEnded: () => seen.push('ended') });
  assert.equal(r.ok, true);
  assert.deepEqual(seen, ['ended']);
  assert.deepEqual(r.output, ['last line']);
  // Code that fails or times out has ended too; a codeEnded that throws changes nothing.
  const calls = [];
  const failed = await ormPlayground.run('null.x;', { codeEnded: () => calls.push('failed') });
  assert.equal(failed.ok, false);
  const timedOut = await ormPlayground.run('await new Promise(() => {});', { timeoutMs: 50, codeEnded: () => calls.push('timed out') });
  assert.equal(timedOut.error.name, 'TimeoutError');
  assert.deepEqual(calls, ['failed', 'timed out']);
  const thrown = await ormPlayground.run('1;', { codeEnded: () => { throw new Error('page gone'); } });
  assert.equal(thrown.ok, true);
});

test('run: thrown errors report the learner\'s line', async () => {
  let r = await ormPlayground.run('const a = 1;\nconsole.log(a);\nnull.x;\n');
  assert.equal(r.ok, false);
  assert.deepEqual(r.output, ['1']);
  assert.deepEqual({ ...r.error, message: r.error.message.replace(/\(.*\)/, '') }, { name: 'TypeError', message: 'Cannot read properties of null ', line: 3 });
  r = await ormPlayground.run('async function f() {\n  await null;\n  throw new RangeError("late");\n}\nawait f();');
  assert.deepEqual(r.error, { name: 'RangeError', message: 'late', line: 3 });
  r = await ormPlayground.run('const x = ;');
  assert.deepEqual(r.error, { name: 'SyntaxError', message: "Unexpected token ';'", line: 1 });
  r = await ormPlayground.run("require('express');");
  assert.equal(r.error.line, 1);
  assert.match(r.error.message, /Cannot find module 'express'/);
  r = await ormPlayground.run('throw "plain";');
  assert.deepEqual(r.error, { name: 'Error', message: "Uncaught 'plain'", line: null });
});

test('run: hostile thrown values are reported as the learner\'s error, not the playground\'s', async () => {
  let r = await ormPlayground.run('throw new Proxy({}, { get() { throw new Error("trap"); }, getPrototypeOf() { throw new Error("trap"); }, has() { throw 1; }, ownKeys() { throw 1; } });');
  assert.equal(r.error.name, 'Error');
  assert.match(r.error.message, /^Uncaught /);
  r = await ormPlayground.run('const e = new Error("x"); Object.defineProperty(e, "message", { get() { throw new Error("no"); } }); throw e;');
  assert.deepEqual({ name: r.error.name, message: r.error.message }, { name: 'Error', message: '(its message cannot be read: reading it throws)' });
  r = await ormPlayground.run('Error.prepareStackTrace = () => { throw new Error("pst"); };\nthrow new Error("boom");');
  delete Error.prepareStackTrace;
  assert.deepEqual({ name: r.error.name, message: r.error.message }, { name: 'Error', message: 'boom' });
});

test('normalize: own __proto__ keys stay keys, NaN and Infinity are tagged, depth is bounded', () => {
  const where = normalize(JSON.parse('{"__proto__": {"name": "zzz"}, "y": 2}'));
  assert.deepEqual(Object.keys(where), ['__proto__', 'y']);
  assert.equal(Object.getPrototypeOf(where), Object.prototype);
  assert.equal(JSON.stringify(where), '{"__proto__":{"name":"zzz"},"y":2}');
  assert.deepEqual(normalize([NaN, Infinity, -Infinity, 1.5]), [{ $number: 'NaN' }, { $number: 'Infinity' }, { $number: '-Infinity' }, 1.5]);
  let deep = { n: 1 };
  for (let i = 0; i < 10000; i++) deep = { [Op.and]: [deep] };
  assert.throws(() => normalize(deep, 'where'), (e) => e instanceof RangeError && /nested more than 100 levels deep/.test(e.message));
});

test('normalize: lone surrogates become U+FFFD in values and keys (as Node stores them for Sequelize)', () => {
  const out = normalize({ '\uD800': 'a\uDC00b', pair: ['\uD83D\uDE00', '\uD83D'] });
  assert.deepEqual(out, { '\uFFFD': 'a\uFFFDb', pair: ['\uD83D\uDE00', '\uFFFD'] });
  // Depth outside a where is not advice about conditions.
  let deep = [];
  for (let i = 0; i < 200; i++) deep = [deep];
  assert.throws(() => normalize({ data: deep }, 'values'), (e) => e instanceof RangeError && /reads at most that many levels/.test(e.message));
  assert.throws(() => normalize({ where: { a: deep } }, 'options'), (e) => /Op\.and: \[a, b, c\]/.test(e.message));
});

test('define: a lone surrogate in an attribute name reaches the engine as U+FFFD', async () => {
  const before = engines.length;
  const r = await ormPlayground.run("const { Sequelize, DataTypes } = require('sequelize');\nconst s = new Sequelize('sqlite::memory:');\n"
    + "s.define('M', { ['\\uD800x']: DataTypes.STRING });");
  assert.equal(r.error, null);
  const defines = engines.slice(before).flatMap((e) => e.calls).filter((c) => c[0] === 'define');
  assert.deepEqual(Object.keys(defines[0][2]), ['\uFFFDx']);
});

test('run: built-ins the learner replaced do not make the report the playground\'s', async () => {
  const { Promise: savedPromise } = globalThis;
  let r = await ormPlayground.run('Promise = function () { throw new Error("no Promise"); };\nconsole.log("after");\nawait null;');
  globalThis.Promise = savedPromise;
  assert.deepEqual([r.ok, r.output, r.error], [true, ['after'], null]);
  // Every object a thenable: the report is still a report, not what that `then` gives.
  r = await ormPlayground.run("Object.defineProperty(Object.prototype, 'then', { get() { return (resolve) => resolve('x'); }, configurable: true });\nconsole.log('after');");
  delete Object.prototype.then;
  assert.deepEqual([typeof r, r.ok, r.output], ['object', true, ['after']]);
  assert.equal(Object.keys(r).includes('then'), false);
  const { push } = Array.prototype;
  r = await ormPlayground.run('Array.prototype.push = () => 0;\nconsole.log("printed");');
  Array.prototype.push = push; // eslint-disable-line no-extend-native
  assert.deepEqual(r.output, ['printed']);
  const iterator = Array.prototype[Symbol.iterator];
  r = await ormPlayground.run('Array.prototype[Symbol.iterator] = function* () { yield "hacked"; };');
  Array.prototype[Symbol.iterator] = iterator; // eslint-disable-line no-extend-native
  assert.notEqual(r.error && r.error.name, 'StorageError');
});

test('run: a validator that throws a value that is not an Error: its text, as in Sequelize', async () => {
  const r = await ormPlayground.run("const { Sequelize, DataTypes } = require('sequelize');\nconst s = new Sequelize('sqlite::memory:');\n"
    + "const M = s.define('M', { v: { type: DataTypes.STRING, validate: { odd() { throw 12; } } } });\n"
    + 'try { await M.build({ v: "x" }).validate(); } catch (e) { console.log(e.name, e.message); }');
  // (The fake engine adds its own failure after the validator's.)
  assert.match(r.output[0], /^SequelizeValidationError Validation error: 12,\n/);
});

test('run: code for another database runs on SQLite and says so once', async () => {
  const r = await ormPlayground.run("const { Sequelize } = require('sequelize');\n\nconst s = new Sequelize('postgres://u:p@localhost:5432/db');\nconst t = new Sequelize(process.env.DATABASE_URL);\nconsole.log(s.getDialect(), s.getDatabaseName(), t.getDialect());");
  assert.equal(r.error, null);
  assert.deepEqual(r.output, [
    '[playground] This code connects to postgres: the playground runs SQLite in your browser, so this Sequelize uses an in-memory SQLite database (the SQL in the log is SQLite\'s).',
    'sqlite :memory: sqlite',
  ]);
  const r2 = await ormPlayground.run("const { Sequelize } = require('sequelize');\nnew Sequelize('db', 'u', 'p', { dialect: 'mysql' });\nprocess.exit(0);");
  assert.equal(r2.error, null);
  assert.match(r2.output[0], /This code connects to mysql/);
  const r3 = await ormPlayground.run("const { Sequelize } = require('sequelize');\nnew Sequelize('sqlite::memory:', { logigng: false });");
  assert.match(r3.error.message, /the option "logigng" is not supported/);
});

test('run: implicit globals do not leak into the next run', async () => {
  await ormPlayground.run('leakedGlobal = 5;');
  assert.equal(typeof globalThis.leakedGlobal, 'undefined');
  const r = await ormPlayground.run('console.log(typeof leakedGlobal);');
  assert.deepEqual(r.output, ['undefined']);
});

test('run: a hanging run times out', async () => {
  const r = await ormPlayground.run('await new Promise(() => {});', { timeoutMs: 50 });
  assert.equal(r.error.name, 'TimeoutError');
});

const MODEL_CODE = `const { Sequelize, DataTypes, Model } = require('sequelize');
let n = 0;
const seen = [];
const sequelize = new Sequelize('sqlite::memory:', { logging: (sql, ms) => { n++; seen.push([sql, ms]); } });
class User extends Model { hello() { return 'hi ' + this.name; } }
User.init({ name: DataTypes.STRING, email: { type: DataTypes.STRING(40), allowNull: false } }, { sequelize, modelName: 'User' });
await sequelize.sync();
const u = await User.create({ name: 'Ann', email: 'a@x' });
console.log(u.hello(), u.id, u.isNewRecord, u instanceof User, u instanceof Model);
u.name = 'Bob';
console.log(u.changed(), u.previous('name'), u.get('name'), u.get({ plain: true }));
console.log(JSON.stringify(u), Object.keys(u).length);
await u.save();
console.log(u.changed());
const all = await User.findAll({ where: { name: 'Bob' } });
console.log(all.length, all[0] === u, n, seen[0]);
`;

test('run: models, instances and logging over the engine', async () => {
  const { ormPlayground: pg, engines } = load();
  const r = await pg.run(MODEL_CODE);
  assert.equal(r.error, null, JSON.stringify(r.error));
  assert.deepEqual(r.output, [
    'hi Ann 1 false true true',
    "[ 'name' ] Ann Bob { id: 1, name: 'Bob', email: 'a@x' }",
    '{"id":1,"name":"Bob","email":"a@x"} 0',
    'false',
    "1 true 4 [\n  'Executing (default): CREATE TABLE IF NOT EXISTS `Users` (...)',\n  undefined\n]",
  ]);
  assert.equal(r.queries.length, 4);
  const engine = engines[engines.length - 1];
  const define = engine.calls.find((c) => c[0] === 'define');
  assert.deepEqual(define.slice(1), ['User', { name: { type: 'STRING' }, email: { type: 'STRING(40)', allowNull: false } }, {}]);
  assert.deepEqual(engine.calls.find((c) => c[0] === 'findAll')[2], { where: { name: 'Bob' } });
});

test('run: bulkCreate sends rows with the same keys as { $keys, $rows }, other rows as objects', async () => {
  const { ormPlayground: pg, engines } = load();
  const r = await pg.run(`const { Sequelize, DataTypes } = require('sequelize');
const s = new Sequelize('sqlite::memory:', { logging: false });
const User = s.define('User', { name: DataTypes.STRING, born: DataTypes.DATE });
const same = await User.bulkCreate([{ name: 'Ann', born: new Date(0) }, { name: 'Bob', born: null }]);
await User.bulkCreate([{ name: 'Cy' }, { born: new Date(1), name: 'Di' }]);
await User.bulkCreate([{ name: 'Ed', born: undefined }, { name: 'Flo', born: undefined }]);
await User.bulkCreate([{ name: 'Gus' }]);
console.log(same.map((u) => u.name).join(), same[0].born.getTime());`);
  assert.equal(r.error, null, JSON.stringify(r.error));
  assert.deepEqual(r.output, ['Ann,Bob 0']);
  const sent = engines[engines.length - 1].calls.filter((c) => c[0] === 'bulkCreate').map((c) => c[2]);
  assert.deepEqual(sent, [
    { $keys: ['name', 'born'], $rows: [['Ann', { $date: 0 }], ['Bob', null]] },
    // Keys in another order, a value left out (not the same as null), a single row: objects.
    [{ name: 'Cy' }, { born: { $date: 1 }, name: 'Di' }],
    [{ name: 'Ed' }, { name: 'Flo' }],
    [{ name: 'Gus' }],
  ]);
  const bad = await pg.run(`const { Sequelize, DataTypes, Op } = require('sequelize');
const s = new Sequelize('sqlite::memory:', { logging: false });
const User = s.define('User', { name: DataTypes.STRING });
await User.bulkCreate([{ name: 'Ann' }, { name: new Map() }]);`);
  assert.match(bad.error.message, /^records\[1\]\.name: a Map cannot be passed here/);
});

test('run: attribute reads are cached until an engine call may change values', async () => {
  const { ormPlayground: pg, engines } = load();
  const r = await pg.run(`const { Sequelize, DataTypes } = require('sequelize');
const s = new Sequelize('sqlite::memory:');
const User = s.define('User', { name: DataTypes.STRING, born: DataTypes.DATE });
const u = User.build({ name: 'Ann', born: new Date(0) });
const reads = [u.name, u.name, u.get('name'), u.id];
const born = u.born;
born.setFullYear(2000);
console.log(reads.join(), u.born.getTime());
u.name = 'Bob';
console.log(u.name, u.dataValues.name);`);
  assert.equal(r.error, null, JSON.stringify(r.error));
  assert.deepEqual(r.output, ['Ann,Ann,Ann, 0', 'Bob Bob']);
  const gets = engines[engines.length - 1].calls.filter((c) => c[0] === 'get');
  // Each attribute once before the set (the date as a fresh copy each time) and once after it.
  assert.deepEqual(gets.map((c) => c[2]), ['name', 'id', 'born', 'name', 'id', 'born']);
});

test('run: a discarded run (the worker\'s warm-up) leaves the kept engine as it was', async () => {
  const { ormPlayground: pg, engines } = load();
  const code = "const { Sequelize } = require('sequelize');\nnew Sequelize('sqlite::memory:');";
  assert.equal(pg.exportDatabase(), null, 'nothing ran yet');
  await pg.run(code, { discard: true });
  assert.equal(pg.exportDatabase(), null, 'the discarded run left no database to export');
  await pg.run(code);
  const latest = engines[engines.length - 1];
  latest.marker = 5;
  latest.free = () => { latest.freed = true; };
  await pg.run(code, { discard: true });
  assert.deepEqual([...pg.exportDatabase()], [5], 'still the latest learner run\'s database');
  assert.equal(latest.freed, undefined, 'and not freed by the discarded run');
  const count = engines.length;
  await pg.run(code, { keep: true });
  assert.equal(engines.length, count, 'keep reuses the learner run\'s engine');
});

test('run: logging: console.log prints the statements, benchmark adds the time', async () => {
  const r = await ormPlayground.run(`const { Sequelize } = require('sequelize');
const s = new Sequelize('sqlite::memory:', { logging: console.log, benchmark: true });
await s.authenticate();
const q = new Sequelize({ dialect: 'sqlite', storage: ':memory:' });
await q.query('SELECT 1', { logging: false });
await q.query('SELECT 2');`);
  assert.deepEqual(r.output, ['Executing (default): SELECT 1+1 AS result Elapsed time: 0ms', 'Executing (default): SELECT 2']);
});

test('run: managed and unmanaged transactions', async () => {
  const r = await ormPlayground.run(`const { Sequelize } = require('sequelize');
const log = [];
const s = new Sequelize('sqlite::memory:', { logging: (m) => log.push(m.replace('Executing (default): ', '')) });
const v = await s.transaction(async (t) => 5);
try { await s.transaction(async () => { throw new Error('no'); }); } catch (e) { log.push(e.message); }
const t = await s.transaction();
await t.rollback();
console.log(v, log.join(' | '));`);
  assert.equal(r.error, null, JSON.stringify(r.error));
  assert.deepEqual(r.output, ['5 BEGIN DEFERRED TRANSACTION; | COMMIT; | BEGIN DEFERRED TRANSACTION; | ROLLBACK; | no | BEGIN DEFERRED TRANSACTION; | ROLLBACK;']);
});

test('run: engine errors become Sequelize error classes with the learner\'s line', async () => {
  const r = await ormPlayground.run(`const { Sequelize, DataTypes, ValidationError } = require('sequelize');
const s = new Sequelize('sqlite::memory:', { logging: false });
const U = s.define('U', { email: DataTypes.STRING });
const u = U.build({ email: 'x' });
try { await u.validate(); } catch (e) { console.log(e instanceof ValidationError, e.name, e.errors[0].path); }
s.define('V', { bad: DataTypes.STRING });`);
  assert.deepEqual(r.output, ['true SequelizeValidationError email']);
  assert.deepEqual(r.error, { name: 'Error', message: 'V.bad: Unknown data type "NOPE"', line: 6 });
});

test('run: instances print like Sequelize\'s', async () => {
  const r = await ormPlayground.run(`const { Sequelize, DataTypes } = require('sequelize');
const s = new Sequelize('sqlite::memory:', { logging: false });
const U = s.define('User', { name: DataTypes.STRING });
console.log(U, [U]);
console.log(U.build({ name: 'b' }));`);
  assert.deepEqual(r.output, ['User [ User ]', `User {
  dataValues: { id: null, name: 'b' },
  _previousDataValues: { name: undefined },
  uniqno: 1,
  _changed: Set(1) { 'name' },
  _options: { isNewRecord: true, _schema: null, _schemaDelimiter: '' },
  isNewRecord: true
}`]);
});

test('console.table as Node prints it', () => {
  const out = [];
  const c = internals.makeConsole(out);
  const data = [{ a: 1, b: 'x' }, { a: 2, c: true }];
  c.table(data);
  const lines = [];
  const original = console.log;
  const { Console } = require('node:console');
  const { Writable } = require('node:stream');
  const sink = new Writable({ write(chunk, _enc, cb) { lines.push(chunk.toString()); cb(); } });
  new Console({ stdout: sink, colorMode: false }).table(data);
  console.log = original;
  assert.equal(out[0] + '\n', lines.join(''));
});

test('run: associations add foreign-key getters, accessors and junction models', async () => {
  const r = await ormPlayground.run(`const { Sequelize, DataTypes } = require('sequelize');
const s = new Sequelize('sqlite::memory:', { logging: false });
const User = s.define('User', { name: DataTypes.STRING });
const Post = s.define('Post', { title: DataTypes.STRING });
const Tag = s.define('Tag', { label: DataTypes.STRING });
const a = User.hasMany(Post, { as: 'posts', foreignKey: 'authorId' });
Post.belongsToMany(Tag, { through: 'post_tags', as: 'tags' });
const p = Post.build({ title: 't', authorId: 3 });
console.log(p.authorId, typeof p.getTags, typeof User.prototype.getPosts, a.as, a.foreignKey, a.source === User, a.target === Post);
console.log(Object.keys(s.models).join(','), 'post_tags' in s.models, User.associations.posts === undefined);`);
  assert.equal(r.error, null, JSON.stringify(r.error));
  assert.deepEqual(r.output, ['3 function function posts authorId true true', 'User,Post,Tag,post_tags true false']);
});

test('run: changes to the API classes do not reach the next run', async () => {
  const first = await ormPlayground.run(`const { Model, Sequelize, ValidationError } = require('sequelize');
Model.prototype.save = null;
Model.findAll = null;
Sequelize.prototype.define = null;
ValidationError.prototype.name = 'broken';`);
  assert.equal(first.error, null);
  const second = await ormPlayground.run(`const { Model, Sequelize } = require('sequelize');
console.log(typeof Model.prototype.save, typeof Model.findAll, typeof Sequelize.prototype.define);`);
  assert.deepEqual(second.output, ['function function function']);
  assert.equal(typeof ormPlayground.Model.findAll, 'function');
});

test('run: waits for un-awaited API promises and timers, as Node does', async () => {
  const r = await ormPlayground.run(`const { Sequelize } = require('sequelize');
const s = new Sequelize('sqlite::memory:', { logging: false });
s.authenticate().then(() => console.log('then'));
setTimeout(() => { console.log('timer'); setTimeout(() => s.query('SELECT 1').then(() => console.log('nested')), 5); }, 5);
const id = setTimeout(() => console.log('cleared'), 1);
clearTimeout(id);
console.log('body');`);
  assert.equal(r.error, null, JSON.stringify(r.error));
  assert.deepEqual(r.output, ['body', 'then', 'timer', 'nested']);
});

test('run: an error in a timer is the run\'s error; an interval left running times out', async () => {
  let r = await ormPlayground.run('setTimeout(() => {\n  null.x;\n}, 1);');
  assert.equal(r.error.name, 'TypeError');
  assert.equal(r.error.line, 2);
  r = await ormPlayground.run('setInterval(() => {}, 5);', { timeoutMs: 60 });
  assert.equal(r.error.name, 'TimeoutError');
});

test('run: top-level declarations may shadow console, require and the timers; use strict stays', async () => {
  let r = await ormPlayground.run("const setTimeout = 2;\nconst console = { log() {} };\nfunction require() {}\nconsole.log('hidden');");
  assert.equal(r.error, null, JSON.stringify(r.error));
  assert.deepEqual(r.output, []);
  r = await ormPlayground.run("'use strict';\nconsole.log(typeof this);\nundeclared = 1;");
  assert.deepEqual(r.output, ['undefined']);
  assert.deepEqual([r.error.name, r.error.line], ['ReferenceError', 3]);
});

test('run: the output stops after 10000 entries', async () => {
  const r = await ormPlayground.run('for (let i = 0; i < 20000; i++) console.log(i);');
  assert.equal(r.output.length, 10001);
  assert.match(r.output[10000], /output stops here/);
});

test('pasted modules: export keywords go, module.exports works', async () => {
  assert.equal(rewriteImports('export default User;\nexport const a = 1;\nexport { a, b };\nexport async function f() {}\nexport * from "x";'),
    'User;\nconst a = 1;\n\nasync function f() {}\n');
  const r = await ormPlayground.run("export const x = 2;\nmodule.exports = { x };\nexports.y = 3;\nconsole.log(module.exports.x, typeof exports);");
  assert.equal(r.error, null, JSON.stringify(r.error));
  assert.deepEqual(r.output, ['2 object']);
});

test('named databases: loaded from the worker\'s store, saved when the run ends, failures reported', async () => {
  const saved = new Map([['shop.db', new Uint8Array([42])]]);
  const fail = { on: false };
  globalThis.ormStorage = {
    load: (name) => saved.get(name) || null,
    save(name, bytes) {
      if (fail.on) throw new Error('QuotaExceededError');
      saved.set(name, bytes);
    },
  };
  try {
    const code = "const { Sequelize } = require('sequelize');\nnew Sequelize({ dialect: 'sqlite', storage: 'shop.db' });";
    const r = await ormPlayground.run(code);
    assert.equal(r.error, null, JSON.stringify(r.error));
    const engine = engines[engines.length - 1];
    assert.deepEqual(engine.calls.filter((c) => c[0] === 'importDatabase' || c[0] === 'open'), [['importDatabase', 42]]);
    assert.deepEqual([...saved.get('shop.db')], [42], 'saved again when the run ended');
    assert.deepEqual([...ormPlayground.exportDatabase()], [42], 'the latest run\'s database');

    ormPlayground.importDatabase('copy.db', new Uint8Array([7]));
    assert.deepEqual([...saved.get('copy.db')], [7]);
    assert.throws(() => ormPlayground.importDatabase('bad.db', new Uint8Array([255])), /not a SQLite database/);
    assert.equal(saved.has('bad.db'), false);

    fail.on = true;
    const refused = await ormPlayground.run(code);
    assert.equal(refused.error.name, 'StorageError');
    assert.match(refused.error.message, /could not be saved \(shop\.db: QuotaExceededError\)/);
  } finally {
    delete globalThis.ormStorage;
  }
  // Without a store (Node, tests), a name opens a file in the engine's own file system.
  const plain = await ormPlayground.run("const { Sequelize } = require('sequelize');\nnew Sequelize('sqlite:notes.db');");
  assert.equal(plain.error, null, JSON.stringify(plain.error));
  assert.deepEqual(engines[engines.length - 1].calls.filter((c) => c[0] === 'open'), [['open', 'notes.db']]);
});

test('hooks: beforeSave is stored as beforeCreate and beforeUpdate, removed by name or reference; bad hooks are refused', async () => {
  const r = await ormPlayground.run(`
const { Sequelize, DataTypes } = require('sequelize');
const s = new Sequelize('sqlite::memory:', { logging: false });
const U = s.define('U', { name: DataTypes.STRING });
const order = [];
const a = () => order.push('a');
U.addHook('beforeCreate', a);
U.beforeSave('named', () => order.push('save'));
console.log(U.hasHook('beforeCreate'), U.hasHook('beforeUpdate'), U.hasHooks('afterFind'), U.options.hooks.beforeCreate.length);
U.removeHook('beforeSave', 'named');
console.log(U.hasHook('beforeUpdate'), U.options.hooks.beforeCreate.length);
U.removeHook('beforeCreate', a);
console.log(U.hasHook('beforeCreate'));
for (const bad of [() => U.addHook('beforeCreat', a), () => U.addHook('beforeCreate', 'x'), () => U.addHook('beforeConnect', a),
  () => s.define('V', {}, { hooks: { afterCreate: 42 } })]) {
  try { bad(); } catch (e) { console.log(e.message); }
}`);
  assert.equal(r.error, null);
  assert.deepEqual(r.output.slice(0, 3), ['true true undefined 2', 'false 1', 'false']);
  assert.match(r.output[3], /^U: "beforeCreat" is not a hook; the hooks are beforeValidate, /);
  assert.equal(r.output[4], "U.addHook('beforeCreate'): the hook must be a function; got undefined");
  assert.equal(r.output[5], 'U: the hook beforeConnect is not supported in the playground yet');
  assert.equal(r.output[6], "V.addHook('afterCreate'): the hook must be a function; got 42");
});

// ---------------------------------------------------------------------------------------------
// Migrations written from the models: the core's plan as code
// ---------------------------------------------------------------------------------------------

test('a column definition is written as Sequelize attribute options', () => {
  const { attributeCode } = internals;
  assert.equal(attributeCode('`id` INTEGER PRIMARY KEY AUTOINCREMENT'),
    '{ type: Sequelize.INTEGER, allowNull: false, primaryKey: true, autoIncrement: true }');
  assert.equal(attributeCode("`code` VARCHAR(20) NOT NULL DEFAULT 'it''s' UNIQUE"),
    "{ type: Sequelize.STRING(20), allowNull: false, unique: true, defaultValue: 'it\\'s' }");
  assert.equal(attributeCode('`UserId` INTEGER REFERENCES `Users` (`id`) ON DELETE SET NULL ON UPDATE CASCADE'),
    "{ type: Sequelize.INTEGER, references: { model: 'Users', key: 'id' }, onDelete: 'SET NULL', onUpdate: 'CASCADE' }");
  assert.equal(attributeCode('`at` DATETIME'), '{ type: Sequelize.DATE }');
  assert.equal(attributeCode('`ok` TINYINT(1) DEFAULT 1'), '{ type: Sequelize.BOOLEAN, defaultValue: 1 }');
  assert.equal(attributeCode('`p` DECIMAL(10,2)'), '{ type: Sequelize.DECIMAL(10, 2) }');
  assert.equal(attributeCode('`g` GEOMETRY'), "{ type: 'GEOMETRY' }");
  assert.equal(attributeCode('`n` TEXT DEFAULT NULL'), '{ type: Sequelize.TEXT, defaultValue: null }');
});

test('a plan becomes a migration whose down undoes its up, names escaped', () => {
  const { migrationCode } = internals;
  assert.equal(migrationCode('x', []), null);
  const code = migrationCode("it's", [
    { table: 'Tags', create: true, added: [['id', '`id` INTEGER PRIMARY KEY AUTOINCREMENT'], ['first name', '`first name` TEXT']], changed: [], removed: [], indexes: [['tags_x', ['first name'], true]] },
    { table: 'Users', create: false, added: [['email', '`email` VARCHAR(255)']], changed: [['age', '`age` TEXT', '`age` INTEGER']], removed: [['legacy', '`legacy` TEXT']], indexes: [] },
  ]);
  assert.equal(code, `{
  name: 'it\\'s',
  async up(queryInterface, Sequelize) {
    await queryInterface.createTable('Tags', {
      id: { type: Sequelize.INTEGER, allowNull: false, primaryKey: true, autoIncrement: true },
      'first name': { type: Sequelize.TEXT },
    });
    await queryInterface.addIndex('Tags', ['first name'], { name: 'tags_x', unique: true });
    await queryInterface.addColumn('Users', 'email', { type: Sequelize.STRING });
    await queryInterface.changeColumn('Users', 'age', { type: Sequelize.INTEGER });
    await queryInterface.removeColumn('Users', 'legacy');
  },
  async down(queryInterface, Sequelize) {
    await queryInterface.addColumn('Users', 'legacy', { type: Sequelize.TEXT });
    await queryInterface.changeColumn('Users', 'age', { type: Sequelize.TEXT });
    await queryInterface.removeColumn('Users', 'email');
    await queryInterface.removeIndex('Tags', 'tags_x');
    await queryInterface.dropTable('Tags');
  },
}`);
  // The code runs: it is an object literal with the two functions.
  const migration = new Function(`return (${code});`)();
  assert.equal(typeof migration.up, 'function');
  assert.equal(typeof migration.down, 'function');
});

// ---------------------------------------------------------------------------------------------
// SQL helpers: fn, col, literal
// ---------------------------------------------------------------------------------------------

/** What the sqlite3 driver hands back as a raw query's metadata (it prints as `Statement {}`). */
class Statement {}

class Fn {
  constructor(fn, args) {
    this.fn = fn;
    this.args = args;
  }
}
class Col {
  constructor(col) {
    this.col = col;
  }
}
class Literal {
  constructor(val) {
    this.val = val;
  }
}
class Where {
  constructor(attribute, comparator, logic) {
    // sequelize.where(attr, logic): the comparator is `=` (Sequelize's Op.eq).
    if (logic === undefined) {
      logic = comparator;
      comparator = Op.eq;
    }
    this.attribute = attribute;
    this.comparator = comparator;
    this.logic = logic;
  }
}
class Cast {
  constructor(val, type) {
    this.val = val;
    this.type = type;
  }
}
// sequelize.where's comparators written as SQL text, as Op keys.
const COMPARATORS = { '=': 'eq', '!=': 'ne', '<>': 'ne', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte', LIKE: 'like', 'NOT LIKE': 'notLike', IN: 'in', 'NOT IN': 'notIn', IS: 'is', 'IS NOT': 'not' };
const fn = (name, ...args) => new Fn(name, args);
const col = (name) => new Col(name);
const literal = (sql) => new Literal(sql);
const and = (...args) => ({ [Op.and]: args });
const or = (...args) => ({ [Op.or]: args });
const where = (attribute, comparator, logic) => new Where(attribute, comparator, logic);
const cast = (val, type) => new Cast(val, type);
// sequelize.json('meta.theme'): a value inside a JSON attribute; with a value, the condition.
const json = (path, value) => (value === undefined ? new Col(String(path)) : { [String(path)]: value });

// ---------------------------------------------------------------------------------------------
// Normalisation: JavaScript arguments into the JSON conventions of ENGINE.md
// ---------------------------------------------------------------------------------------------

const HANDLE = Symbol('orm.handle');
const DB = Symbol('orm.db');
const ORIGIN = Symbol('orm.origin');
const VALUES = Symbol('orm.values'); // an instance's cached attribute values (cachedValue)
const MODEL_STATE = new WeakMap(); // model class → its state
const ASSOCIATION = Symbol('orm.association');
const TRANSACTION = Symbol('orm.transaction');

const IS_MODEL = Symbol('orm.model'); // a static of every API's Model, inherited by subclasses
const isModelClass = (v) => typeof v === 'function' && v[IS_MODEL] === true;
const isInstance = (v) => v !== null && typeof v === 'object' && v[HANDLE] !== undefined;

function describeForError(v) {
  if (typeof v === 'function') return v.name ? `the function ${v.name}` : 'a function';
  if (typeof v === 'symbol') return v.toString();
  return inspect(v, { depth: 0, breakLength: Infinity });
}

/**
 * A JavaScript value as the engine's JSON: Dates, Buffers, RegExps, Op keys, fn/col/literal,
 * model classes, DataTypes, instances (`{"$instance": h}`) and transactions (dropped).
 * `path` names the position in messages. An `undefined` property is left out, except inside a
 * `where` (`inWhere`), where it becomes `{"$undefined": true}` so that the engine refuses it as
 * Sequelize does: left out, `destroy({ where: { email: undefined } })` would delete every row.
 */
function normalize(v, path = 'value', seen = [], inWhere = false) {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return wellFormed(v);
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $number: String(v) }; // JSON would make it null
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
  if (typeof v === 'symbol') {
    const op = OP_BY_SYMBOL.get(v);
    if (op !== undefined) return `$op:${op}`;
    throw new TypeError(`${path}: ${v.toString()} cannot be used as a value`);
  }
  if (typeof v === 'function') {
    if (isModelClass(v)) return { $model: modelState(v, 'as a model').name };
    if (isDataType(v)) return DEFAULT_TYPES.has(dataTypeText(v)) ? { $default: dataTypeText(v) } : dataTypeText(v);
    return { $function: v.name || '' };
  }
  if (v instanceof Date) {
    const ms = v.getTime();
    return { $date: Number.isNaN(ms) ? null : ms };
  }
  if (v instanceof Uint8Array || v instanceof ArrayBuffer) return { $bytes: Array.from(new Uint8Array(v instanceof ArrayBuffer ? v : v.buffer, v.byteOffset || 0, v.byteLength)) };
  if (ArrayBuffer.isView(v)) return { $bytes: Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  if (v instanceof RegExp) return { $regex: v.source, flags: v.flags };
  if (v instanceof Fn) return { $fn: String(v.fn), args: v.args.map((a, i) => nullIfUndefined(normalize(a, `${path}.args[${i}]`, seen))) };
  if (v instanceof Col) return { $col: v.col };
  if (v instanceof Literal) return { $literal: v.val };
  if (v instanceof Where) {
    const key = typeof v.comparator === 'symbol' ? OP_BY_SYMBOL.get(v.comparator) : COMPARATORS[String(v.comparator).trim().toUpperCase()];
    if (key === undefined) throw new TypeError(`${path}: sequelize.where's comparator ${describeForError(v.comparator)} is not an operator; use an Op or one of ${Object.keys(COMPARATORS).join(' ')}`);
    const left = typeof v.attribute === 'string' ? { $col: v.attribute } : normalize(v.attribute, `${path}.attribute`, seen);
    return { $where: { left, op: key, right: nullIfUndefined(normalize(v.logic, `${path}.logic`, seen, true)) } };
  }
  if (v instanceof Cast) return { $cast: nullIfUndefined(normalize(v.val, `${path}.val`, seen)), type: String(v.type) };
  if (isDataType(v)) return dataTypeText(v);
  if (isInstance(v)) return { $instance: v[HANDLE] };
  if (v[TRANSACTION] !== undefined) return undefined;
  if (v[ASSOCIATION]) return v.as;
  if (seen.includes(v)) throw new TypeError(`${path}: the value refers to itself (a circular structure)`);
  // The engine reads 100 levels of objects and arrays inside each other (its JSON reader's limit).
  if (seen.length === MAX_DEPTH) {
    throw new RangeError(`${path.slice(0, 60)}…: nested more than ${MAX_DEPTH} levels deep; ${inWhere
      ? 'write the conditions as one list (Op.and: [a, b, c]) instead of inside each other'
      : 'the playground reads at most that many levels of objects and arrays inside each other'}`);
  }
  seen.push(v);
  try {
    if (Array.isArray(v)) return v.map((x, i) => nullIfUndefined(normalize(x, `${path}[${i}]`, seen, inWhere)));
    if (v instanceof Map || v instanceof Set || v instanceof Promise) {
      throw new TypeError(`${path}: ${v instanceof Promise ? 'a Promise (did you forget await?)' : `a ${v.constructor.name}`} cannot be passed here`);
    }
    const out = {};
    for (const key of Object.keys(v)) {
      const x = normalize(v[key], `${path}.${key}`, seen, inWhere || key === 'where');
      if (x !== undefined) put(out, wellFormed(key), x);
      else if (inWhere) put(out, wellFormed(key), UNDEFINED_IN_WHERE);
    }
    for (const sym of Object.getOwnPropertySymbols(v)) {
      const op = OP_BY_SYMBOL.get(sym);
      if (op === undefined) throw new TypeError(`${path}: the key ${sym.toString()} is not an operator of Op`);
      const x = normalize(v[sym], `${path}[Op.${op}]`, seen, inWhere);
      if (x !== undefined) out[`$op:${op}`] = x;
      else if (inWhere) out[`$op:${op}`] = UNDEFINED_IN_WHERE;
    }
    return out;
  } finally {
    seen.pop();
  }
}
const nullIfUndefined = (x) => (x === undefined ? null : x);
/**
 * `s` with each lone surrogate (`'\uD800'`) replaced by U+FFFD, as Node's UTF-8 conversion
 * stores it under Sequelize: the engine reads JSON with serde_json, which refuses a lone
 * surrogate's escape, and Rust strings cannot hold one.
 */
function wellFormed(s) {
  if (typeof s.isWellFormed === 'function') return s.isWellFormed() ? s : s.toWellFormed();
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}
const MAX_DEPTH = 100;
const UNDEFINED_IN_WHERE = Object.freeze({ $undefined: true });

/**
 * bulkCreate's rows for the engine. Plain objects that all have the same keys in the same order
 * go as `{ $keys, $rows }` (ENGINE.md): one list of keys instead of one per row, which the engine
 * reads from JSON in about half the time. Anything else — and rows with a value left out or one
 * that fails, so that the error names its place — goes as `normalize` gives it.
 */
function normalizeRows(rows) {
  const keys = Array.isArray(rows) && rows.length > 1 && plainKeys(rows[0]);
  try {
    const out = keys && rows.map((row) => {
      const own = plainKeys(row);
      const values = own && own.length === keys.length && own.every((k, i) => k === keys[i]) && keys.map((k) => normalize(row[k]));
      if (!values || values.includes(undefined)) throw 0; // not the same keys, or a value left out
      return values;
    });
    if (out) return { $keys: keys, $rows: out };
  } catch (_) { /* the rows as objects, below: the error, if any, names its place there */ }
  return normalize(rows, 'records');
}
const plainKeys = (v) => (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype
  && Object.getOwnPropertySymbols(v).length === 0 ? Object.keys(v) : null);

/**
 * Refuses what is not a transaction, and a transaction that has ended, with Sequelize's message
 * (a query with an ended transaction would otherwise run outside any transaction, and commit).
 */
function checkTransaction(t, what) {
  if (!(t && t[TRANSACTION] !== undefined)) {
    throw new TypeError(`${what}: transaction must be a transaction from sequelize.transaction(); got ${describeForError(t)}`);
  }
  if (t.finished) {
    throw new Error(`${t.finished} has been called on this transaction(${t.id}), you can no longer use it. (The rejected query is attached as the 'sql' property of this error)`);
  }
}

/** A transaction's id: a UUID, as Sequelize's. */
function newTransactionId() {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const hex = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(Math.random() * 4)]}${hex(3)}-${hex(12)}`;
}

// Options the shell acts on itself and never sends.
const SHELL_OPTIONS = ['transaction', 'logging', 'benchmark'];

/** Splits call options into what the shell acts on and the JSON for the engine. */
function splitOptions(options, what) {
  if (options === undefined || options === null) return { json: null, logging: undefined, benchmark: undefined };
  if (typeof options !== 'object' || Array.isArray(options) || isInstance(options)) {
    throw new TypeError(`${what}: the options must be an object such as { where: { id: 1 } }; got ${describeForError(options)}`);
  }
  const rest = {};
  for (const key of Object.keys(options)) if (!SHELL_OPTIONS.includes(key)) rest[key] = options[key];
  for (const sym of Object.getOwnPropertySymbols(options)) rest[sym] = options[sym];
  const t = options.transaction;
  if (t !== undefined && t !== null) checkTransaction(t, what);
  // rejectOnEmpty as an Error object or class: the engine rejects as for `true`, and the shell
  // throws the learner's error instead (Db.call).
  const reject = options.rejectOnEmpty;
  const custom = reject !== null && (typeof reject === 'object' || typeof reject === 'function');
  if (custom) rest.rejectOnEmpty = true;
  return { json: normalize(rest, 'options'), logging: options.logging, benchmark: options.benchmark, reject: custom ? reject : undefined };
}


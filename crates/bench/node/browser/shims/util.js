// Node's `util`, the parts Sequelize 6 and its dependencies call (promisify, inspect, format,
// inherits, deprecate, types), for the browser bundle.
'use strict';

function inspect(value, options) {
  const seen = new WeakSet();
  const depth = options && typeof options.depth === 'number' ? options.depth : 2;
  const show = (v, level) => {
    if (typeof v === 'string') return level === 0 ? v : `'${v}'`;
    if (typeof v === 'function') return `[Function: ${v.name || '(anonymous)'}]`;
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol') return v.toString();
    if (v === null || typeof v !== 'object') return String(v);
    if (v instanceof Date) return v.toISOString();
    if (v instanceof Error) return v.stack || `${v.name}: ${v.message}`;
    if (v instanceof RegExp) return String(v);
    if (seen.has(v)) return '[Circular]';
    if (level > depth) return Array.isArray(v) ? '[Array]' : '[Object]';
    seen.add(v);
    if (Array.isArray(v)) return `[ ${v.map((x) => show(x, level + 1)).join(', ')} ]`;
    const keys = Object.keys(v);
    const name = v.constructor && v.constructor.name && v.constructor.name !== 'Object' ? `${v.constructor.name} ` : '';
    return keys.length ? `${name}{ ${keys.map((k) => `${k}: ${show(v[k], level + 1)}`).join(', ')} }` : `${name}{}`;
  };
  return show(value, 1);
}
inspect.custom = Symbol.for('nodejs.util.inspect.custom');

function format(first, ...args) {
  if (typeof first !== 'string') return [first, ...args].map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  let i = 0;
  let out = first.replace(/%[sdifjoO%]/g, (m) => {
    if (m === '%%') return '%';
    if (i >= args.length) return m;
    const a = args[i++];
    switch (m) {
      case '%s': return typeof a === 'string' ? a : inspect(a);
      case '%d': return String(Number(a));
      case '%i': return String(parseInt(a, 10));
      case '%f': return String(parseFloat(a));
      case '%j': try { return JSON.stringify(a); } catch { return '[Circular]'; }
      default: return inspect(a);
    }
  });
  for (; i < args.length; i++) out += ` ${typeof args[i] === 'string' ? args[i] : inspect(args[i])}`;
  return out;
}

const custom = Symbol.for('nodejs.util.promisify.custom');
function promisify(fn) {
  if (fn[custom]) return fn[custom];
  return function promisified(...args) {
    return new Promise((resolve, reject) => {
      fn.call(this, ...args, (error, value) => (error ? reject(error) : resolve(value)));
    });
  };
}
promisify.custom = custom;

function inherits(ctor, superCtor) {
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  Object.setPrototypeOf(ctor, superCtor);
  ctor.super_ = superCtor;
}

function deprecate(fn) {
  return fn;
}

function isDeepStrictEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

const types = {
  isDate: (v) => v instanceof Date,
  isRegExp: (v) => v instanceof RegExp,
  isPromise: (v) => v instanceof Promise,
};

module.exports = {
  inspect, format, promisify, inherits, deprecate, isDeepStrictEqual, types,
  isArray: Array.isArray,
  isDate: types.isDate,
  isRegExp: types.isRegExp,
  isString: (v) => typeof v === 'string',
  isObject: (v) => v !== null && typeof v === 'object',
  isFunction: (v) => typeof v === 'function',
  debuglog: () => () => {},
  TextEncoder: globalThis.TextEncoder,
  TextDecoder: globalThis.TextDecoder,
};

// The Sequelize-shaped JavaScript shell over the Rust `Engine` (see ../ENGINE.md, the contract).
//
// This file is evaluated by `orm_js::install()` as the body of
// `new Function('createEngine', source)`: plain ES2020, no module syntax. `createEngine()` returns
// a fresh `Engine`. The body defines `window.ormPlayground` (when there is a window) and returns
// the same API object, so Node tests can evaluate it with a fake `createEngine`
// (see shell.test.js).
//
// The shell only shapes things: classes, prototypes, Symbol keys, Promises, argument
// normalisation into the JSON conventions of ENGINE.md, `logging`, console capture and
// `run()`. Every decision about SQL, validation, hydration and analysis is the engine's.
'use strict';

const AsyncFunction = (async function () {}).constructor;
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v) => {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

// ---------------------------------------------------------------------------------------------
// util.format / util.inspect, as Node 20 prints (a port of the parts of lib/internal/util/inspect.js
// that learner code meets: primitives, arrays, plain and class objects, Map, Set, Date, RegExp,
// Error, functions and classes, typed arrays, circular references, depth and line breaking).
// ---------------------------------------------------------------------------------------------

const INSPECT_DEFAULTS = {
  depth: 2,
  breakLength: 80,
  compact: 3,
  maxArrayLength: 100,
  maxStringLength: 10000,
  showHidden: false,
  sorted: false,
};

const kObjectType = 0;
const kArrayType = 1;
const kArrayExtrasType = 2;

/* eslint-disable no-control-regex */
const strEscapeSequencesRegExp = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const strEscapeSequencesReplacer = /[\x00-\x1f\x27\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const strEscapeSequencesRegExpSingle = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const strEscapeSequencesReplacerSingle = /[\x00-\x1f\x5c\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */
const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const numberRegExp = /^(0|[1-9][0-9]*)$/;
const kMinLineLength = 16;

const meta = [
  '\\x00', '\\x01', '\\x02', '\\x03', '\\x04', '\\x05', '\\x06', '\\x07',
  '\\b', '\\t', '\\n', '\\x0B', '\\f', '\\r', '\\x0E', '\\x0F',
  '\\x10', '\\x11', '\\x12', '\\x13', '\\x14', '\\x15', '\\x16', '\\x17',
  '\\x18', '\\x19', '\\x1A', '\\x1B', '\\x1C', '\\x1D', '\\x1E', '\\x1F',
  '', '', '', '', '', '', '', "\\'", '', '', '', '', '', '', '', '',
  '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',
  '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',
  '', '', '', '', '', '', '', '', '', '', '', '', '\\\\', '', '', '',
  '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',
  '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '\\x7F',
  '\\x80', '\\x81', '\\x82', '\\x83', '\\x84', '\\x85', '\\x86', '\\x87',
  '\\x88', '\\x89', '\\x8A', '\\x8B', '\\x8C', '\\x8D', '\\x8E', '\\x8F',
  '\\x90', '\\x91', '\\x92', '\\x93', '\\x94', '\\x95', '\\x96', '\\x97',
  '\\x98', '\\x99', '\\x9A', '\\x9B', '\\x9C', '\\x9D', '\\x9E', '\\x9F',
];

const escapeFn = (str) => meta[str.charCodeAt(0)] || `\\u${str.charCodeAt(0).toString(16)}`;

function addQuotes(str, quotes) {
  if (quotes === -1) return `"${str}"`;
  if (quotes === -2) return `\`${str}\``;
  return `'${str}'`;
}

function strEscape(str) {
  let escapeTest = strEscapeSequencesRegExp;
  let escapeReplace = strEscapeSequencesReplacer;
  let singleQuote = 39;
  if (str.includes("'")) {
    if (!str.includes('"')) singleQuote = -1;
    else if (!str.includes('`') && !str.includes('${')) singleQuote = -2;
    if (singleQuote !== 39) {
      escapeTest = strEscapeSequencesRegExpSingle;
      escapeReplace = strEscapeSequencesReplacerSingle;
    }
  }
  if (str.length < 5000 && escapeTest.exec(str) === null) return addQuotes(str, singleQuote);
  if (str.length > 100) return addQuotes(str.replace(escapeReplace, escapeFn), singleQuote);
  let result = '';
  let last = 0;
  for (let i = 0; i < str.length; i++) {
    const point = str.charCodeAt(i);
    if (point === singleQuote || point === 92 || point < 32 || (point > 126 && point < 160)) {
      result += last === i ? meta[point] : `${str.slice(last, i)}${meta[point]}`;
      last = i + 1;
    } else if (point >= 0xd800 && point <= 0xdfff) {
      if (point <= 0xdbff && i + 1 < str.length) {
        const next = str.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          i++;
          continue;
        }
      }
      result += `${str.slice(last, i)}\\u${point.toString(16)}`;
      last = i + 1;
    }
  }
  if (last !== str.length) result += str.slice(last);
  return addQuotes(result, singleQuote);
}

function formatNumber(n) {
  return Object.is(n, -0) ? '-0' : `${n}`;
}

function formatPrimitive(value, ctx) {
  switch (typeof value) {
    case 'string': {
      let trailer = '';
      if (value.length > ctx.maxStringLength) {
        const remaining = value.length - ctx.maxStringLength;
        value = value.slice(0, ctx.maxStringLength);
        trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
      }
      if (value.length > kMinLineLength && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
        return value.split(/(?<=\n)/).map((line) => strEscape(line))
          .join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
      }
      return strEscape(value) + trailer;
    }
    case 'number': return formatNumber(value);
    case 'bigint': return `${value}n`;
    case 'boolean': return `${value}`;
    case 'undefined': return 'undefined';
    default: return value.toString(); // symbol
  }
}

function getConstructorName(obj) {
  const first = Object.getPrototypeOf(obj);
  if (first === null) return null;
  let o = obj;
  while (o) {
    const d = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (d !== undefined && typeof d.value === 'function' && d.value.name !== '') {
      try {
        if (obj instanceof d.value) return String(d.value.name);
      } catch (_) { /* a constructor without a prototype */ }
    }
    o = Object.getPrototypeOf(o);
  }
  return 'Object';
}

function getPrefix(constructor, tag, fallback, size = '') {
  if (constructor === null) {
    if (tag !== '' && fallback !== tag) return `[${fallback}${size}: null prototype] [${tag}] `;
    return `[${fallback}${size}: null prototype] `;
  }
  if (tag !== '' && constructor !== tag) return `${constructor}${size} [${tag}] `;
  return `${constructor}${size} `;
}

function getKeys(value, showHidden) {
  let keys = showHidden ? Object.getOwnPropertyNames(value) : Object.keys(value);
  const symbols = Object.getOwnPropertySymbols(value);
  if (symbols.length !== 0) {
    keys = keys.concat(showHidden ? symbols : symbols.filter((s) => Object.prototype.propertyIsEnumerable.call(value, s)));
  }
  return keys;
}

const objToString = (v) => Object.prototype.toString.call(v);
const isError = (v) => v instanceof Error || objToString(v) === '[object Error]';
const isDate = (v) => v instanceof Date;
const isRegExp = (v) => v instanceof RegExp;
const isTypedArray = (v) => ArrayBuffer.isView(v) && !(v instanceof DataView);

function getFunctionBase(value, constructor, tag) {
  let stringified = '';
  try { stringified = Function.prototype.toString.call(value); } catch (_) { /* proxies */ }
  if (stringified.startsWith('class') && stringified.endsWith('}')) {
    const name = (hasOwn(value, 'name') && value.name) || '(anonymous)';
    let base = `class ${name}`;
    if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
    if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
    if (constructor !== null) {
      const superName = Object.getPrototypeOf(value).name;
      if (superName) base += ` extends ${superName}`;
    } else {
      base += ' extends [null prototype]';
    }
    return `[${base}]`;
  }
  let type = 'Function';
  if (value instanceof AsyncFunction) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  base += value.name === '' ? ' (anonymous)' : `: ${value.name}`;
  base += ']';
  if (constructor !== type && constructor !== 'Function' && constructor !== 'AsyncFunction' && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}

function improveStack(stack, constructor, name, tag) {
  let len = name.length;
  if (constructor === null ||
      (name.endsWith('Error') && stack.startsWith(name) &&
       (stack.length === len || stack[len] === ':' || stack[len] === '\n'))) {
    let fallback = 'Error';
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) {
        stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      } else {
        stack = `${prefix} [${name}]${stack.slice(len)}`;
      }
    }
  }
  return stack;
}

function formatError(err, constructor, tag, ctx, keys) {
  const name = err.name != null ? String(err.name) : 'Error';
  let stack = learnerStack(err);
  if (!ctx.showHidden && keys.length !== 0) {
    for (const k of ['name', 'message', 'stack']) {
      const index = keys.indexOf(k);
      if (index !== -1 && stack.includes(err[k])) keys.splice(index, 1);
    }
  }
  if ('cause' in err && !keys.includes('cause')) keys.push('cause');
  if (Array.isArray(err.errors) && !keys.includes('errors')) keys.push('errors');
  stack = improveStack(stack, constructor, name, tag);
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf('\n    at', pos);
  if (stackStart === -1) stack = `[${stack}]`;
  if (ctx.indentationLvl !== 0) stack = stack.split('\n').join(`\n${' '.repeat(ctx.indentationLvl)}`);
  return stack;
}

function formatValue(ctx, value, recurseTimes, typedArray) {
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(value, ctx);
  if (value === null) return 'null';
  // The shell's own objects print as Sequelize's would.
  const special = inspectSpecial(value);
  if (special !== undefined) {
    if (special.text !== undefined) return special.text;
    value = special.value;
  }
  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map();
      ctx.circular.set(value, index);
    } else {
      index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
    }
    return `[Circular *${index}]`;
  }
  return formatRaw(ctx, value, recurseTimes, typedArray, special && special.name);
}

function formatRaw(ctx, value, recurseTimes, typedArray, nameOverride) {
  let keys;
  const constructor = nameOverride !== undefined ? nameOverride : getConstructorName(value);
  let tag = value[Symbol.toStringTag];
  if (typeof tag !== 'string' || (tag !== '' && Object.prototype.propertyIsEnumerable.call(value, Symbol.toStringTag))) tag = '';
  let base = '';
  let formatter = () => [];
  let braces;
  let noIterator = true;
  let extrasType = kObjectType;

  if (Symbol.iterator in value || constructor === null) {
    noIterator = false;
    if (Array.isArray(value)) {
      const prefix = (constructor !== 'Array' || tag !== '') ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
      keys = Object.keys(value).filter((k) => !numberRegExp.test(k) || Number(k) >= 2 ** 32 - 1);
      braces = [`${prefix}[`, ']'];
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
      extrasType = kArrayExtrasType;
      formatter = formatArray;
    } else if (value instanceof Set) {
      const prefix = getPrefix(constructor, tag, 'Set', `(${value.size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = formatSet;
      if (value.size === 0 && keys.length === 0) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (value instanceof Map) {
      const prefix = getPrefix(constructor, tag, 'Map', `(${value.size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = formatMap;
      if (value.size === 0 && keys.length === 0) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (isTypedArray(value)) {
      keys = Object.keys(value).filter((k) => !numberRegExp.test(k));
      const prefix = getPrefix(constructor, tag, '', `(${value.length})`);
      braces = [`${prefix}[`, ']'];
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
      formatter = formatTypedArray;
      extrasType = kArrayExtrasType;
    } else {
      noIterator = true;
    }
  }
  if (noIterator) {
    keys = getKeys(value, ctx.showHidden);
    braces = ['{', '}'];
    if (typeof value === 'function') {
      base = getFunctionBase(value, constructor, tag);
      if (keys.length === 0) return base;
    } else if (constructor === 'Object') {
      if (objToString(value) === '[object Arguments]') braces[0] = '[Arguments] {';
      else if (tag !== '') braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
      if (keys.length === 0) return `${braces[0]}}`;
    } else if (isRegExp(value)) {
      base = RegExp.prototype.toString.call(value);
      const prefix = getPrefix(constructor, tag, 'RegExp');
      if (prefix !== 'RegExp ') base = `${prefix}${base}`;
      if (keys.length === 0 || recurseTimes > ctx.depth) return base;
    } else if (isDate(value)) {
      base = Number.isNaN(value.getTime()) ? Date.prototype.toString.call(value) : Date.prototype.toISOString.call(value);
      const prefix = getPrefix(constructor, tag, 'Date');
      if (prefix !== 'Date ') base = `${prefix}${base}`;
      if (keys.length === 0) return base;
    } else if (isError(value)) {
      base = formatError(value, constructor, tag, ctx, keys);
      if (keys.length === 0) return base;
    } else if (value instanceof Promise) {
      braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
      formatter = () => ['<pending>'];
    } else if (value instanceof WeakMap || value instanceof WeakSet) {
      braces[0] = `${getPrefix(constructor, tag, value instanceof WeakMap ? 'WeakMap' : 'WeakSet')}{`;
      formatter = () => ['<items unknown>'];
    } else if (value instanceof Number || value instanceof String || value instanceof Boolean) {
      const type = value instanceof Number ? 'Number' : value instanceof String ? 'String' : 'Boolean';
      if (type === 'String') keys.splice(0, value.length);
      base = `[${type}${type !== constructor ? (constructor === null ? ' (null prototype)' : ` (${constructor})`) : ''}: ${formatPrimitive(value.valueOf(), { ...ctx, compact: true })}]`;
      if (keys.length === 0) return base;
    } else {
      if (keys.length === 0) return `${getCtxStyle(value, constructor, tag)}{}`;
      braces[0] = `${getCtxStyle(value, constructor, tag)}{`;
    }
  }

  if (recurseTimes > ctx.depth && ctx.depth !== null) {
    let constructorName = getCtxStyle(value, constructor, tag).slice(0, -1);
    if (constructor !== null) constructorName = `[${constructorName}]`;
    return constructorName;
  }
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  const output = formatter(ctx, value, recurseTimes);
  for (let i = 0; i < keys.length; i++) {
    output.push(formatProperty(ctx, value, recurseTimes, keys[i], extrasType));
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = `<ref *${index}>`;
      base = base === '' ? reference : `${reference} ${base}`;
    }
  }
  ctx.seen.pop();
  return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
}

function getCtxStyle(value, constructor, tag) {
  let fallback = '';
  if (constructor === null) {
    fallback = objToString(value).slice(8, -1);
    if (fallback === tag) fallback = 'Object';
  }
  return getPrefix(constructor, tag, fallback);
}

function formatArray(ctx, value, recurseTimes) {
  const valLen = value.length;
  const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
  const remaining = valLen - len;
  const output = [];
  for (let i = 0; i < len; i++) {
    if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  return output;
}

function formatSpecialArray(ctx, value, recurseTimes, maxLength, output, i) {
  const keys = Object.keys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i];
    const tmp = +key;
    if (tmp > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!numberRegExp.test(key)) break;
      const emptyItems = tmp - index;
      output.push(`<${emptyItems} empty item${emptyItems > 1 ? 's' : ''}>`);
      index = tmp;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) output.push(`<${remaining} empty item${remaining > 1 ? 's' : ''}>`);
  } else if (remaining > 0) {
    output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  }
  return output;
}

function formatTypedArray(ctx, value) {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), value.length);
  const remaining = value.length - maxLength;
  const output = [];
  for (let i = 0; i < maxLength; ++i) output.push(typeof value[i] === 'bigint' ? `${value[i]}n` : formatNumber(value[i]));
  if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
  return output;
}

function formatSet(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const v of value) {
    if (i >= ctx.maxArrayLength) break;
    output.push(formatValue(ctx, v, recurseTimes));
    i++;
  }
  if (value.size > i) output.push(`... ${value.size - i} more item${value.size - i > 1 ? 's' : ''}`);
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(ctx, value, recurseTimes) {
  const output = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const [k, v] of value) {
    if (i >= ctx.maxArrayLength) break;
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
    i++;
  }
  if (value.size > i) output.push(`... ${value.size - i} more item${value.size - i > 1 ? 's' : ''}`);
  ctx.indentationLvl -= 2;
  return output;
}

function formatProperty(ctx, value, recurseTimes, key, type) {
  let name;
  let str;
  const desc = Object.getOwnPropertyDescriptor(value, key) || { value: value[key], enumerable: true };
  if (desc.value !== undefined) {
    ctx.indentationLvl += 2;
    str = formatValue(ctx, desc.value, recurseTimes);
    ctx.indentationLvl -= 2;
  } else if (desc.get !== undefined) {
    str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
  } else if (desc.set !== undefined) {
    str = '[Setter]';
  } else {
    str = 'undefined';
  }
  if (type === kArrayType) return str;
  if (typeof key === 'symbol') {
    name = `[${key.toString().replace(strEscapeSequencesReplacer, escapeFn)}]`;
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (desc.enumerable === false) {
    name = `[${key.replace(strEscapeSequencesReplacer, escapeFn)}]`;
  } else if (keyStrRegExp.test(key)) {
    name = key;
  } else {
    name = strEscape(key);
  }
  return `${name}: ${str}`;
}

function groupArrayElements(ctx, output, value) {
  let totalLength = 0;
  let maxLength = 0;
  let i = 0;
  let outputLength = output.length;
  if (ctx.maxArrayLength < output.length) outputLength--;
  const separatorSpace = 2;
  const dataLen = new Array(outputLength);
  for (; i < outputLength; i++) {
    const len = output[i].length;
    dataLen[i] = len;
    totalLength += len + separatorSpace;
    if (maxLength < len) maxLength = len;
  }
  const actualMax = maxLength + separatorSpace;
  if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength &&
      (totalLength / actualMax > 5 || maxLength <= 6)) {
    const averageBias = Math.sqrt(actualMax - totalLength / output.length);
    const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;
    const tmp = [];
    const maxLineLength = [];
    for (let c = 0; c < columns; c++) {
      let lineMaxLength = 0;
      for (let j = c; j < output.length; j += columns) {
        if (dataLen[j] > lineMaxLength) lineMaxLength = dataLen[j];
      }
      maxLineLength.push(lineMaxLength + separatorSpace);
    }
    let padStart = true;
    if (value !== undefined) {
      for (let k = 0; k < output.length; k++) {
        if (typeof value[k] !== 'number' && typeof value[k] !== 'bigint') {
          padStart = false;
          break;
        }
      }
    }
    for (let k = 0; k < outputLength; k += columns) {
      const max = Math.min(k + columns, outputLength);
      let str = '';
      let j = k;
      for (; j < max - 1; j++) {
        const padding = maxLineLength[j - k] + output[j].length - dataLen[j];
        str += padStart ? `${output[j]}, `.padStart(padding, ' ') : `${output[j]}, `.padEnd(padding, ' ');
      }
      if (padStart) {
        const padding = maxLineLength[j - k] + output[j].length - dataLen[j] - separatorSpace;
        str += output[j].padStart(padding, ' ');
      } else {
        str += output[j];
      }
      tmp.push(str);
    }
    if (ctx.maxArrayLength < output.length) tmp.push(output[outputLength]);
    output = tmp;
  }
  return output;
}

function isBelowBreakLength(ctx, output, start, base) {
  let totalLength = output.length + start;
  if (totalLength + output.length > ctx.breakLength) return false;
  for (let i = 0; i < output.length; i++) {
    totalLength += output[i].length;
    if (totalLength > ctx.breakLength) return false;
  }
  return base === '' || !base.includes('\n');
}

function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
  const entries = output.length;
  if (extrasType === kArrayExtrasType && entries > 6) output = groupArrayElements(ctx, output, value);
  if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    if (isBelowBreakLength(ctx, output, start, base)) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indentation = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${indentation}  ${output.join(`,${indentation}  `)}${indentation}${braces[1]}`;
}

/** `util.inspect(value, options)` as Node 20 prints it without colours. */
function inspect(value, options) {
  const ctx = { ...INSPECT_DEFAULTS, ...(options || {}), indentationLvl: 0, seen: [], currentDepth: 0, circular: undefined };
  if (ctx.depth === Infinity) ctx.depth = null;
  return formatValue(ctx, value, 0);
}

function hasBuiltInToString(value) {
  if (typeof value.toString !== 'function') return true;
  if (hasOwn(value, 'toString')) return false;
  let pointer = value;
  do {
    pointer = Object.getPrototypeOf(pointer);
  } while (pointer && !hasOwn(pointer, 'toString'));
  if (!pointer) return true;
  const d = Object.getOwnPropertyDescriptor(pointer, 'constructor');
  return d !== undefined && typeof d.value === 'function' && BUILTIN_NAMES.has(d.value.name);
}
const BUILTIN_NAMES = new Set(['Object', 'Error', 'Array', 'Date', 'RegExp', 'Function', 'Map', 'Set', 'Promise', 'Number', 'String', 'Boolean', 'Symbol', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError']);

function tryStringify(arg) {
  try {
    return JSON.stringify(arg);
  } catch (err) {
    if (err && err.name === 'TypeError' && /circular/i.test(err.message)) return '[Circular]';
    throw err;
  }
}

/** `util.format(...args)` as Node 20 prints it. */
function format(...args) {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let tempStr;
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) === 37) { // '%'
        const nextChar = first.charCodeAt(++i);
        if (a + 1 !== args.length) {
          switch (nextChar) {
            case 115: { // 's'
              const tempArg = args[++a];
              if (typeof tempArg === 'number') tempStr = formatNumber(tempArg);
              else if (typeof tempArg === 'bigint') tempStr = `${tempArg}n`;
              else if (typeof tempArg !== 'object' || tempArg === null || !hasBuiltInToString(tempArg)) tempStr = String(tempArg);
              else tempStr = inspect(tempArg, { compact: 3, depth: 0 });
              break;
            }
            case 106: tempStr = tryStringify(args[++a]); break; // 'j'
            case 100: { // 'd'
              const n = args[++a];
              tempStr = typeof n === 'bigint' ? `${n}n` : typeof n === 'symbol' ? 'NaN' : formatNumber(Number(n));
              break;
            }
            case 79: tempStr = inspect(args[++a]); break; // 'O'
            case 111: tempStr = inspect(args[++a], { showHidden: true, depth: 4 }); break; // 'o'
            case 105: { // 'i'
              const n = args[++a];
              tempStr = typeof n === 'bigint' ? `${n}n` : typeof n === 'symbol' ? 'NaN' : formatNumber(Number.parseInt(n));
              break;
            }
            case 102: { // 'f'
              const n = args[++a];
              tempStr = typeof n === 'symbol' ? 'NaN' : formatNumber(Number.parseFloat(n));
              break;
            }
            case 99: a += 1; tempStr = ''; break; // 'c'
            case 37: str += first.slice(lastPos, i); lastPos = i + 1; continue; // '%'
            default: continue;
          }
          if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
          str += tempStr;
          lastPos = i + 1;
        } else if (nextChar === 37) {
          str += first.slice(lastPos, i);
          lastPos = i + 1;
        }
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value) : value;
    join = ' ';
    a++;
  }
  return str;
}

// ---------------------------------------------------------------------------------------------
// Op, QueryTypes, DataTypes
// ---------------------------------------------------------------------------------------------

const OP_NAMES = ['eq', 'ne', 'gte', 'gt', 'lte', 'lt', 'not', 'is', 'in', 'notIn', 'like', 'notLike', 'iLike',
  'notILike', 'startsWith', 'endsWith', 'substring', 'regexp', 'notRegexp', 'iRegexp', 'notIRegexp', 'between',
  'notBetween', 'overlap', 'contains', 'contained', 'adjacent', 'strictLeft', 'strictRight', 'noExtendRight',
  'noExtendLeft', 'and', 'or', 'any', 'all', 'values', 'col', 'placeholder', 'join', 'match'];
// Sequelize's operators are `Symbol.for(name)`; so are these (they print as `Symbol(gt)`).
const Op = {};
const OP_BY_SYMBOL = new Map();
for (const name of OP_NAMES) {
  Op[name] = Symbol.for(name);
  OP_BY_SYMBOL.set(Op[name], name);
}
Object.freeze(Op);

const QueryTypes = Object.freeze({
  SELECT: 'SELECT', INSERT: 'INSERT', UPDATE: 'UPDATE', BULKUPDATE: 'BULKUPDATE', BULKDELETE: 'BULKDELETE',
  DELETE: 'DELETE', UPSERT: 'UPSERT', VERSION: 'VERSION', SHOWTABLES: 'SHOWTABLES', SHOWINDEXES: 'SHOWINDEXES',
  DESCRIBE: 'DESCRIBE', RAW: 'RAW', FOREIGNKEYS: 'FOREIGNKEYS', SHOWCONSTRAINTS: 'SHOWCONSTRAINTS',
});

const DATA_TYPE = Symbol('orm.dataType');
// Defaults that are not types: as a `defaultValue` they become `{"$default": name}`.
const DEFAULT_TYPES = new Set(['NOW', 'UUIDV1', 'UUIDV4']);

/** The string form of a type called with `args` (`STRING(200)`, `DECIMAL(10, 2)`, `ENUM('a','b')`). */
function typeString(key, args) {
  const defined = args.filter((x) => x !== undefined);
  if (defined.length === 0) return key;
  const opts = isPlainObject(defined[0]) ? defined[0] : null;
  switch (key) {
    case 'ENUM': {
      let values = defined;
      if (opts) values = opts.values || [];
      else if (Array.isArray(defined[0])) values = defined[0];
      return `ENUM(${values.map((v) => {
        const s = String(v);
        return s.includes("'") ? `"${s}"` : `'${s}'`;
      }).join(',')})`;
    }
    case 'STRING': case 'CHAR': {
      const length = opts ? opts.length : defined[0];
      return length === undefined ? key : `${key}(${length})`;
    }
    case 'TEXT': case 'BLOB': case 'CITEXT': case 'BOOLEAN': case 'DATEONLY': case 'UUID': case 'JSON': case 'JSONB':
      return key;
    case 'DECIMAL': case 'NUMERIC': case 'FLOAT': case 'REAL': case 'DOUBLE': case 'DOUBLE PRECISION': {
      const precision = opts ? opts.precision : defined[0];
      const scale = opts ? opts.scale : defined[1];
      if (precision === undefined) return key;
      return scale === undefined ? `${key}(${precision})` : `${key}(${precision}, ${scale})`;
    }
    case 'INTEGER': case 'BIGINT': case 'SMALLINT': case 'TINYINT': case 'MEDIUMINT': {
      const length = opts ? opts.length : defined[0];
      return length === undefined ? key : `${key}(${length})`;
    }
    case 'DATE': {
      const precision = opts ? opts.precision : defined[0];
      return precision === undefined ? key : `${key}(${precision})`;
    }
    case 'ARRAY': case 'RANGE':
      return `${key}(${defined.map((t) => (t && t[DATA_TYPE]) || String(t)).join(', ')})`;
    default:
      return key;
  }
}

function makeTypeValue(key, text) {
  const value = {};
  Object.defineProperty(value, DATA_TYPE, { value: text });
  Object.defineProperty(value, 'key', { value: key, enumerable: true });
  for (const modifier of ['UNSIGNED', 'ZEROFILL', 'BINARY']) Object.defineProperty(value, modifier, { get: () => value });
  Object.defineProperty(value, 'toString', { value: () => text });
  Object.defineProperty(value, 'toSql', { value: () => text });
  return value;
}

function makeType(key) {
  const type = function (...args) {
    return makeTypeValue(key, typeString(key, args));
  };
  Object.defineProperty(type, 'name', { value: key });
  Object.defineProperty(type, DATA_TYPE, { value: key });
  Object.defineProperty(type, 'key', { value: key });
  for (const modifier of ['UNSIGNED', 'ZEROFILL', 'BINARY']) Object.defineProperty(type, modifier, { get: () => type });
  Object.defineProperty(type, 'toString', { value: () => key });
  return type;
}

const TYPE_KEYS = ['ABSTRACT', 'STRING', 'CHAR', 'TEXT', 'NUMBER', 'TINYINT', 'SMALLINT', 'MEDIUMINT', 'INTEGER',
  'BIGINT', 'FLOAT', 'TIME', 'DATE', 'DATEONLY', 'BOOLEAN', 'NOW', 'BLOB', 'DECIMAL', 'NUMERIC', 'UUID', 'UUIDV1',
  'UUIDV4', 'HSTORE', 'JSON', 'JSONB', 'VIRTUAL', 'ARRAY', 'ENUM', 'RANGE', 'REAL', 'DOUBLE PRECISION', 'DOUBLE',
  'GEOMETRY', 'GEOGRAPHY', 'CIDR', 'INET', 'MACADDR', 'CITEXT', 'TSVECTOR'];
const DataTypes = {};
for (const key of TYPE_KEYS) DataTypes[key] = makeType(key);
Object.freeze(DataTypes);

const isDataType = (v) => v != null && (typeof v === 'function' || typeof v === 'object') && v[DATA_TYPE] !== undefined;
const dataTypeText = (v) => v[DATA_TYPE];

// ---------------------------------------------------------------------------------------------
// Errors: Sequelize's classes, names and fields
// ---------------------------------------------------------------------------------------------

/** Sequelize's error classes (a fresh set per API, see createApi). */
function createErrors() {
  class BaseError extends Error {
    constructor(message, options) {
      super(message, options);
      this.name = 'SequelizeBaseError';
    }
  }
  class ValidationErrorItem {
    constructor(message, type, path, value, instance, validatorKey, fnName, fnArgs) {
      this.message = message || '';
      this.type = null;
      this.path = path || null;
      this.value = value !== undefined ? value : null;
      this.origin = null;
      this.instance = instance || null;
      this.validatorKey = validatorKey || null;
      this.validatorName = fnName || null;
      this.validatorArgs = fnArgs || [];
      if (type) {
        const origins = { CORE: 'CORE', DB: 'DB', FUNCTION: 'FUNCTION' };
        const typeToOrigin = { 'notnull violation': 'CORE', 'string violation': 'CORE', 'unique violation': 'DB', 'validation error': 'FUNCTION' };
        if (origins[type]) {
          this.origin = type;
        } else {
          this.type = type;
          this.origin = typeToOrigin[String(type).toLowerCase()] || null;
        }
      }
    }
    getValidatorKey(useTypeAsNS, NSSeparator) {
      const useTANS = useTypeAsNS === undefined || !!useTypeAsNS;
      const sep = NSSeparator === undefined ? '.' : NSSeparator;
      const type = this.origin;
      const key = this.validatorKey || this.validatorName;
      const useNS = useTANS && type && ['CORE', 'DB', 'FUNCTION'].includes(type);
      return useNS && key ? `${type.toLowerCase()}${sep}${key}` : key;
    }
  }
  ValidationErrorItem.Origins = Object.freeze({ CORE: 'CORE', DB: 'DB', FUNCTION: 'FUNCTION' });
  ValidationErrorItem.TypeStringMap = Object.freeze({ 'notnull violation': 'CORE', 'string violation': 'CORE', 'unique violation': 'DB', 'validation error': 'FUNCTION' });

  class ValidationError extends BaseError {
    constructor(message, errors, options) {
      super(message, options);
      this.name = 'SequelizeValidationError';
      this.message = 'Validation Error';
      this.errors = errors || [];
      if (message) this.message = message;
      else if (this.errors.length > 0 && this.errors[0].message) {
        this.message = this.errors.map((err) => `${err.type || err.origin}: ${err.message}`).join(',\n');
      }
    }
    get(path) {
      return this.errors.filter((e) => e.path === path);
    }
  }
  class UniqueConstraintError extends ValidationError {
    constructor(options) {
      options = options || {};
      options.parent = options.parent || { sql: '', parameters: {} };
      options.message = options.message || (options.parent && options.parent.message) || 'Validation Error';
      options.errors = options.errors || [];
      super(options.message, options.errors, { cause: options.cause });
      this.name = 'SequelizeUniqueConstraintError';
      this.fields = options.fields;
      this.parent = options.parent;
      this.original = options.parent;
      this.sql = options.parent.sql;
    }
  }
  class DatabaseError extends BaseError {
    constructor(parent, options) {
      parent = parent || {};
      super(parent.message, options);
      this.name = 'SequelizeDatabaseError';
      this.parent = parent;
      this.original = parent;
      this.sql = parent.sql;
      this.parameters = parent.parameters;
    }
  }
  class ForeignKeyConstraintError extends DatabaseError {
    constructor(options) {
      options = options || {};
      options.parent = options.parent || { sql: '', parameters: {} };
      super(options.parent, { stack: options.stack });
      this.name = 'SequelizeForeignKeyConstraintError';
      this.message = options.message || options.parent.message || 'Database Error';
      this.fields = options.fields;
      this.table = options.table;
      this.value = options.value;
      this.index = options.index;
      this.reltype = options.reltype;
    }
  }
  class ExclusionConstraintError extends DatabaseError {
    constructor(options) {
      options = options || {};
      options.parent = options.parent || { sql: '', parameters: {} };
      super(options.parent);
      this.name = 'SequelizeExclusionConstraintError';
      this.message = options.message || options.parent.message || '';
    }
  }
  class UnknownConstraintError extends DatabaseError {
    constructor(options) {
      options = options || {};
      options.parent = options.parent || { sql: '', parameters: {} };
      super(options.parent);
      this.name = 'SequelizeUnknownConstraintError';
      this.message = options.message || 'The specified constraint does not exist';
    }
  }
  class TimeoutError extends DatabaseError {
    constructor(parent, options) {
      super(parent, options);
      this.name = 'SequelizeTimeoutError';
    }
  }
  const simpleError = (name, Parent = BaseError) => {
    const cls = class extends Parent {
      constructor(message, options) {
        super(message, options);
        this.name = name;
      }
    };
    return cls;
  };
  const EmptyResultError = simpleError('SequelizeEmptyResultError');
  const EagerLoadingError = simpleError('SequelizeEagerLoadingError');
  const AssociationError = simpleError('SequelizeAssociationError');
  const InstanceError = simpleError('SequelizeInstanceError');
  const QueryError = simpleError('SequelizeQueryError');
  const SequelizeScopeError = simpleError('SequelizeScopeError');
  const AsyncQueueError = simpleError('SequelizeAsyncQueueError');
  // Not a Sequelize class: the engine refuses identifiers it cannot quote safely (ARCHITECTURE.md).
  const InvalidIdentifierError = simpleError('SequelizeInvalidIdentifierError');
  class ConnectionError extends BaseError {
    constructor(parent, options) {
      super(parent ? parent.message : '', options);
      this.name = 'SequelizeConnectionError';
      this.parent = parent;
      this.original = parent;
    }
  }
  const connectionError = (name) => class extends ConnectionError {
    constructor(parent, options) {
      super(parent, options);
      this.name = name;
    }
  };
  const AccessDeniedError = connectionError('SequelizeAccessDeniedError');
  const ConnectionAcquireTimeoutError = connectionError('SequelizeConnectionAcquireTimeoutError');
  const ConnectionRefusedError = connectionError('SequelizeConnectionRefusedError');
  const ConnectionTimedOutError = connectionError('SequelizeConnectionTimedOutError');
  const HostNotFoundError = connectionError('SequelizeHostNotFoundError');
  const HostNotReachableError = connectionError('SequelizeHostNotReachableError');
  const InvalidConnectionError = connectionError('SequelizeInvalidConnectionError');
  class OptimisticLockError extends BaseError {
    constructor(options) {
      options = options || {};
      options.message = options.message || `Attempting to update a stale model instance: ${options.modelName}`;
      super(options.message);
      this.name = 'SequelizeOptimisticLockError';
      this.modelName = options.modelName;
      this.values = options.values;
      this.where = options.where;
    }
  }
  class BulkRecordError extends BaseError {
    constructor(error, record, options) {
      super(error.message, options);
      this.name = 'SequelizeBulkRecordError';
      this.errors = error;
      this.record = record;
    }
  }
  class SequelizeAggregateError extends BaseError {
    constructor(errors, options) {
      super('', options);
      this.errors = errors;
      this.name = 'AggregateError';
    }
  }
  for (const [name, cls] of Object.entries({ EmptyResultError, EagerLoadingError, AssociationError, InstanceError,
    QueryError, SequelizeScopeError, AsyncQueueError, InvalidIdentifierError, AccessDeniedError,
    ConnectionAcquireTimeoutError, ConnectionRefusedError, ConnectionTimedOutError, HostNotFoundError,
    HostNotReachableError, InvalidConnectionError })) {
    Object.defineProperty(cls, 'name', { value: name });
  }
  Object.defineProperty(SequelizeAggregateError, 'name', { value: 'AggregateError' });

  const ERRORS = {
    BaseError, ValidationError, ValidationErrorItem, UniqueConstraintError, DatabaseError, ForeignKeyConstraintError,
    ExclusionConstraintError, UnknownConstraintError, TimeoutError, EmptyResultError, EagerLoadingError,
    AssociationError, InstanceError, QueryError, SequelizeScopeError, AsyncQueueError, ConnectionError,
    AccessDeniedError, ConnectionAcquireTimeoutError, ConnectionRefusedError, ConnectionTimedOutError,
    HostNotFoundError, HostNotReachableError, InvalidConnectionError, OptimisticLockError, BulkRecordError,
    AggregateError: SequelizeAggregateError, InvalidIdentifierError,
  };
  return ERRORS;
}

/** The driver-level error Sequelize keeps as `parent`/`original`. */
function parentError(raw) {
  const parent = new Error(raw.message);
  parent.code = 'SQLITE_ERROR';
  parent.sql = raw.sql;
  return parent;
}

/** An engine error (a plain `{ name, message, errors, sql }`) as an instance of its class. */
function toError(raw, errors) {
  const {
    ValidationErrorItem, ValidationError, UniqueConstraintError, ForeignKeyConstraintError, DatabaseError,
    EmptyResultError, EagerLoadingError, AssociationError, InvalidIdentifierError,
  } = errors;
  if (raw instanceof Error) {
    if (typeof WebAssembly !== 'undefined' && raw instanceof WebAssembly.RuntimeError) {
      const e = new Error(`The ORM engine failed internally (a bug in the playground, not in your code): ${raw.message}`);
      e.name = 'InternalError';
      return e;
    }
    return raw;
  }
  raw = plainify(raw);
  if (raw === null || typeof raw !== 'object') return new Error(String(raw));
  const items = (raw.errors || []).map((x) => new ValidationErrorItem(x.message, x.type, x.path, x.value, null,
    x.validatorKey, x.validatorKey && String(x.type || '').toLowerCase() === 'validation error' ? x.validatorKey : null, []));
  const message = raw.message || '';
  let e;
  switch (raw.name) {
    case 'SequelizeValidationError': e = new ValidationError(message, items); break;
    case 'SequelizeUniqueConstraintError': {
      const parent = parentError(raw);
      e = new UniqueConstraintError({ message, errors: items, fields: items.map((x) => x.path), parent });
      break;
    }
    case 'SequelizeForeignKeyConstraintError': e = new ForeignKeyConstraintError({ message, parent: parentError(raw) }); break;
    case 'SequelizeDatabaseError': e = new DatabaseError(parentError(raw)); break;
    case 'SequelizeEmptyResultError': e = new EmptyResultError(message); break;
    case 'SequelizeEagerLoadingError': e = new EagerLoadingError(message); break;
    case 'SequelizeAssociationError': e = new AssociationError(message); break;
    case 'SequelizeInvalidIdentifierError': e = new InvalidIdentifierError(message); break;
    case 'TypeError': e = new TypeError(message); break;
    case 'RangeError': e = new RangeError(message); break;
    default:
      e = new Error(message);
      if (raw.name && raw.name !== 'Error') e.name = raw.name;
  }
  if (raw.sql !== undefined && raw.sql !== null && e.sql === undefined) e.sql = raw.sql;
  return e;
}

/** Engine values as plain JavaScript: `Map`s (serde_wasm_bindgen's default for maps) become objects. */
function plainify(v) {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Map) {
    const o = {};
    for (const [k, x] of v) o[k] = plainify(x);
    return o;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== null && typeof x === 'object') v[i] = plainify(x);
    }
    return v;
  }
  if (isPlainObject(v)) {
    for (const k of Object.keys(v)) {
      const x = v[k];
      if (x !== null && typeof x === 'object') v[k] = plainify(x);
    }
  }
  return v;
}

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
    this.attribute = attribute;
    this.comparator = comparator;
    this.logic = logic;
  }
}
const fn = (name, ...args) => new Fn(name, args);
const col = (name) => new Col(name);
const literal = (sql) => new Literal(sql);
const and = (...args) => ({ [Op.and]: args });
const or = (...args) => ({ [Op.or]: args });
const unsupported = (what, hint) => () => {
  throw new Error(`${what} is not supported in the playground yet${hint ? `: ${hint}` : ''}`);
};
const where = unsupported('sequelize.where()', 'write the condition as a where object, e.g. { name: { [Op.like]: \'A%\' } }');
const cast = unsupported('sequelize.cast()');
const json = unsupported('sequelize.json()');

// ---------------------------------------------------------------------------------------------
// Normalisation: JavaScript arguments into the JSON conventions of ENGINE.md
// ---------------------------------------------------------------------------------------------

const HANDLE = Symbol('orm.handle');
const DB = Symbol('orm.db');
const ORIGIN = Symbol('orm.origin');
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
 * `path` names the position in messages.
 */
function normalize(v, path = 'value', seen = []) {
  if (v === undefined) return undefined;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
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
  if (v instanceof Where) where();
  if (isDataType(v)) return dataTypeText(v);
  if (isInstance(v)) return { $instance: v[HANDLE] };
  if (v[TRANSACTION]) return undefined;
  if (v[ASSOCIATION]) return v.as;
  if (seen.includes(v)) throw new TypeError(`${path}: the value refers to itself (a circular structure)`);
  seen.push(v);
  try {
    if (Array.isArray(v)) return v.map((x, i) => nullIfUndefined(normalize(x, `${path}[${i}]`, seen)));
    if (v instanceof Map || v instanceof Set || v instanceof Promise) {
      throw new TypeError(`${path}: ${v instanceof Promise ? 'a Promise (did you forget await?)' : `a ${v.constructor.name}`} cannot be passed here`);
    }
    const out = {};
    for (const key of Object.keys(v)) {
      const x = normalize(v[key], `${path}.${key}`, seen);
      if (x !== undefined) out[key] = x;
    }
    for (const sym of Object.getOwnPropertySymbols(v)) {
      const op = OP_BY_SYMBOL.get(sym);
      if (op === undefined) throw new TypeError(`${path}: the key ${sym.toString()} is not an operator of Op`);
      const x = normalize(v[sym], `${path}[Op.${op}]`, seen);
      if (x !== undefined) out[`$op:${op}`] = x;
    }
    return out;
  } finally {
    seen.pop();
  }
}
const nullIfUndefined = (x) => (x === undefined ? null : x);

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
  if (t !== undefined && t !== null && !(t && t[TRANSACTION])) {
    throw new TypeError(`${what}: transaction must be a transaction from sequelize.transaction(); got ${describeForError(t)}`);
  }
  return { json: normalize(rest, 'options'), logging: options.logging, benchmark: options.benchmark };
}

// ---------------------------------------------------------------------------------------------
// Learner code: import rewriting, line numbers
// ---------------------------------------------------------------------------------------------

const CODE_URL = 'main.js';
// The parameters of the learner's AsyncFunction: the module loader, the captured console,
// timers the run tracks (so it waits for them, as Node waits for pending timers), and the
// `module`/`exports` a CommonJS file assigns to.
const LEARNER_PARAMS = ['require', 'console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'module', 'exports'];

/**
 * Rewrites `import … from 'x'` lines into `require('x')` with the same number of lines, so
 * line numbers in errors stay the learner's. Dynamic `import('sequelize')` becomes a resolved
 * Promise of the same module. `export` keywords of a pasted module are dropped.
 */
function rewriteImports(code) {
  const importRe = /^([ \t]*)import\s+(?:([\w$]+)\s*,?\s*)?(?:\{([^}]*)\}|\*\s+as\s+([\w$]+))?\s*from\s*(['"])([^'"]+)\5[ \t]*;?/gm;
  let out = code.replace(importRe, (whole, indent, def, named, star, _q, mod) => {
    const req = `require(${JSON.stringify(mod)})`;
    const parts = [];
    if (def) parts.push(`const ${def} = ${req};`);
    if (star) parts.push(`const ${star} = ${req};`);
    if (named !== undefined) {
      const names = named.split(',').map((s) => s.trim()).filter(Boolean)
        .map((s) => s.replace(/^([\w$]+)\s+as\s+([\w$]+)$/, '$1: $2'));
      parts.push(`const { ${names.join(', ')} } = ${req};`);
    }
    const newlines = (whole.match(/\n/g) || []).length;
    return indent + parts.join(' ') + '\n'.repeat(newlines);
  });
  out = out.replace(/^([ \t]*)import\s*(['"])([^'"]+)\2[ \t]*;?/gm, (whole, indent, _q, mod) => `${indent}require(${JSON.stringify(mod)});`);
  out = out.replace(/\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g, (whole, _q, mod) => `Promise.resolve().then(() => require(${JSON.stringify(mod)}))`);
  // A pasted module's exports mean nothing here: `export const x` is `const x`, `export { a }` goes.
  out = out.replace(/^([ \t]*)export\s+default\s+/gm, '$1');
  out = out.replace(/^([ \t]*)export\s+(?=(?:const|let|var|function|async|class)\b)/gm, '$1');
  out = out.replace(/^([ \t]*)export\s*(?:\*|\{[^}\n]*\})(?:\s*from\s*(['"])[^'"\n]+\2)?[ \t]*;?/gm, '$1');
  return out;
}

let lineOffsetCache;
/** How many lines `new AsyncFunction(...)` puts before the body (2 in V8). */
function lineOffset() {
  if (lineOffsetCache === undefined) {
    lineOffsetCache = 2;
    try {
      const probe = new Function(`return new Error().stack;\n//# sourceURL=${CODE_URL}`);
      const m = new RegExp(`${CODE_URL.replace('.', '\\.')}:(\\d+):\\d+`).exec(probe());
      if (m) lineOffsetCache = Number(m[1]) - 1;
    } catch (_) { /* keep the default */ }
  }
  return lineOffsetCache;
}

/** The learner's line (1-based) of the innermost frame of learner code in `stack`, or null. */
function lineFromStack(stack) {
  if (typeof stack !== 'string') return null;
  const re = new RegExp(`${CODE_URL.replace('.', '\\.')}:(\\d+):(\\d+)`);
  const m = re.exec(stack);
  if (!m) return null;
  const line = Number(m[1]) - lineOffset();
  return line >= 1 ? line : null;
}

/**
 * The learner's code as the body of the AsyncFunction: inside a block that opens on its first
 * line (so line numbers stay the learner's), so that top-level declarations may shadow the
 * function's parameters (`const setTimeout = …` is legal in Node). A leading 'use strict'
 * directive stays a directive. `end` closes the block.
 */
function wrapLearnerCode(code, end = '\n}') {
  const directive = /^(\s*)(['"])use strict\2;?/.exec(code);
  if (directive) return `${directive[0]}{${code.slice(directive[0].length)}${end}`;
  return `{${code}${end}`;
}

/**
 * The line of a syntax error, best effort: V8 does not say where `new AsyncFunction` failed.
 * This compiles growing prefixes of the code, each followed by a line holding a sentinel token
 * that is itself a syntax error (`@`): while the prefix is fine (even if incomplete, as inside
 * an open block) the first error is the sentinel's; the first prefix that fails with another
 * error holds the learner's error. When the learner's error is the sentinel's own message,
 * `)` is the sentinel. When no prefix fails that way (a block left open, a stray `}`), the line
 * after the last prefix that compiles by itself is reported.
 */
function syntaxErrorLine(code, message) {
  const lines = code.split('\n');
  const [sentinel, sentinelMessage] = message === 'Invalid or unexpected token'
    ? [')', "Unexpected token ')'"]
    : ['@', 'Invalid or unexpected token'];
  const fails = (body, test) => {
    try {
      new AsyncFunction(...LEARNER_PARAMS, body); // eslint-disable-line no-new
      return false;
    } catch (e) {
      return e instanceof SyntaxError && test(e.message);
    }
  };
  for (let k = 1; k <= lines.length; k++) {
    const prefix = lines.slice(0, k).join('\n');
    if (fails(`${wrapLearnerCode(prefix, '')}\n${sentinel}`, (m) => m !== sentinelMessage)) return k;
  }
  // No line fails on its own: a block left open, or a stray `}` (which closes the block of
  // wrapLearnerCode without an error there). Either starts on the line after the last prefix
  // that compiles by itself.
  let lastComplete = 0;
  for (let k = 1; k <= lines.length; k++) {
    if (!fails(wrapLearnerCode(lines.slice(0, k).join('\n')), () => true)) lastComplete = k;
  }
  let line = lastComplete + 1;
  while (line > 1 && (line > lines.length || lines[line - 1].trim() === '')) line--;
  return line;
}

/** The stack of an error with only the learner's frames, line numbers made the learner's. */
function learnerStack(err) {
  let stack;
  try {
    stack = err.stack;
  } catch (_) { /* a throwing getter */ }
  const head = `${err.name != null ? String(err.name) : 'Error'}${err.message ? `: ${err.message}` : ''}`;
  if (typeof stack !== 'string') return head;
  const re = new RegExp(`${CODE_URL.replace('.', '\\.')}:(\\d+):(\\d+)`);
  const frames = [];
  for (const line of stack.split('\n')) {
    const m = re.exec(line);
    if (!m) continue;
    const n = Number(m[1]) - lineOffset();
    if (n < 1) continue;
    const fnName = /^\s*at (?:async )?([^\s(]+) \(/.exec(line);
    const name = fnName && fnName[1] !== 'eval' && fnName[1] !== 'anonymous' ? fnName[1] : null;
    frames.push(name ? `    at ${name} (${CODE_URL}:${n}:${m[2]})` : `    at ${CODE_URL}:${n}:${m[2]}`);
  }
  return frames.length ? `${head}\n${frames.join('\n')}` : head;
}

// ---------------------------------------------------------------------------------------------
// The engine behind one Sequelize object: calls, events and logging
// ---------------------------------------------------------------------------------------------

// Timers as the page had them when the shell loaded (learner code gets tracked ones, see run).
// (Bound: browsers refuse a timer function called on another object.)
const nativeTimers = {
  setTimeout: typeof setTimeout === 'function' ? setTimeout.bind(globalThis) : null,
  clearTimeout: typeof clearTimeout === 'function' ? clearTimeout.bind(globalThis) : null,
  setInterval: typeof setInterval === 'function' ? setInterval.bind(globalThis) : null,
  clearInterval: typeof clearInterval === 'function' ? clearInterval.bind(globalThis) : null,
};

// Engine methods that never run a statement: no events to drain after them.
const READS_NO_SQL = new Set(['get', 'set', 'keys', 'toJSON', 'changed', 'changedKey', 'previous', 'isNewRecord',
  'modelOf', 'modelInfo', 'associations', 'markRead', 'build', 'define', 'associate']);

class Db {
  constructor(engine, run, sequelize, api) {
    this.engine = engine;
    this.api = api; // the classes of the API this database's Sequelize belongs to
    this.run = run;
    this.sequelize = sequelize;
    this.models = new Map(); // model name → class
    this.wrappers = new Map(); // handle → instance object
    this.throughNames = new Set();
  }

  /** Calls an engine method; drains its query events into the run and to `logging`. */
  call(method, args, callOptions) {
    let result;
    let failure;
    try {
      if (typeof this.engine[method] !== 'function') {
        throw new Error(`The ORM engine has no method ${method} (the shell and the engine disagree on ENGINE.md)`);
      }
      result = this.engine[method](...args);
    } catch (raw) {
      failure = toError(raw, this.api.ERRORS);
    }
    if (!READS_NO_SQL.has(method)) this.drain(callOptions);
    if (failure !== undefined) throw failure;
    return result;
  }

  drain(callOptions) {
    let events;
    try {
      events = this.engine.takeEvents ? plainify(this.engine.takeEvents()) : [];
    } catch (_) {
      events = [];
    }
    if (!events || events.length === 0) return;
    if (this.run) this.run.events.push(...events);
    const options = this.sequelize ? this.sequelize.options : {};
    const logging = callOptions && callOptions.logging !== undefined ? callOptions.logging : options.logging;
    const benchmark = callOptions && callOptions.benchmark !== undefined ? callOptions.benchmark : options.benchmark;
    if (!logging) return;
    for (const event of events) {
      const message = `Executing (default): ${event.inlined !== undefined ? event.inlined : event.sql}`;
      if (typeof logging !== 'function') continue;
      if (logging === DEFAULT_LOGGING || (this.run && logging === this.run.console.log)) {
        // Sequelize prints only the message to console.log (and the time with benchmark).
        const log = this.run ? this.run.console.log : console.log;
        log(benchmark ? `${message} Elapsed time: ${Math.round(event.ms)}ms` : message);
      } else if (benchmark) {
        logging(message, event.ms);
      } else {
        logging(message);
      }
    }
  }

  /** The instance object of a handle (one object per handle). */
  wrap(h, origin) {
    if (h === null || h === undefined) return null;
    let obj = this.wrappers.get(h);
    if (obj !== undefined) return obj;
    const name = this.call('modelOf', [h]);
    const cls = this.models.get(name);
    if (!cls) throw new Error(`The engine returned an instance of ${name}, a model this Sequelize does not know`);
    obj = Object.create(cls.prototype);
    Object.defineProperty(obj, HANDLE, { value: h });
    Object.defineProperty(obj, DB, { value: this });
    Object.defineProperty(obj, ORIGIN, { value: origin || 'find', writable: true });
    this.wrappers.set(h, obj);
    return obj;
  }

  wrapAll(list, origin) {
    return (list || []).map((h) => this.wrap(h, origin));
  }
}

function DEFAULT_LOGGING() { /* a marker: Sequelize's default, console.log */ }

// ---------------------------------------------------------------------------------------------
// Model
// ---------------------------------------------------------------------------------------------

function modelState(cls, member) {
  let c = cls;
  while (typeof c === 'function') {
    const st = MODEL_STATE.get(c);
    if (st) return st;
    c = Object.getPrototypeOf(c);
  }
  const name = (cls && cls.name) || 'Model';
  throw new Error(`Model not initialized: ${member ? `Member "${member}" cannot be called. ` : ''}"${name}" needs to be added to a Sequelize instance: call ${name}.init(attributes, { sequelize }) or sequelize.define().`);
}

function instanceState(inst) {
  const h = inst && inst[HANDLE];
  if (h === undefined) throw new TypeError('This method must be called on a model instance (built, created or found)');
  return { h, db: inst[DB] };
}

/** Wraps what the engine's `get` gave for `key` of an instance of `st`. */
function wrapGot(db, st, key, value) {
  if (!st.instanceKeys.has(key) && !db.throughNames.has(key)) return value;
  if (Array.isArray(value)) return db.wrapAll(value, 'include');
  if (typeof value === 'number') return db.wrap(value, 'include');
  return value;
}

/**
 * The Promise of an async API method. A run waits for the Promises of its API before it
 * reports (Node runs un-awaited `.then()` chains to the end too), so they are tracked.
 */
function trackedPromise(body, run) {
  const p = new Promise((resolve) => resolve(body()));
  // Learner code that forgets an `await` must not raise unhandled rejections on the page.
  p.catch(() => {});
  if (run && run.pending) {
    run.pending.add(p);
    const done = () => run.pending.delete(p);
    p.then(done, done);
  }
  return p;
}

function attributeAccessors(cls, st) {
  for (const attr of st.info.attributes || []) {
    const name = attr.name;
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: false,
      get() { return this.get(name); },
      set(value) { this.set(name, value); },
    });
  }
}

function associationGetter(proto, key, markRead) {
  Object.defineProperty(proto, key, {
    configurable: true,
    enumerable: false,
    get() {
      const { h, db } = instanceState(this);
      const st = modelState(this.constructor);
      const value = db.call('get', [h, key]);
      if (value === undefined) return undefined;
      if (markRead) {
        try { db.engine.markRead(h, key); } catch (_) { /* reporting only */ }
      }
      return wrapGot(db, st, key, value);
    },
    set(value) {
      Object.defineProperty(this, key, { value, writable: true, configurable: true, enumerable: true });
    },
  });
}

const VERB_OF_ACCESSOR = {
  get: 'get', set: 'set', create: 'create', add: 'add', addMultiple: 'add', remove: 'remove',
  removeMultiple: 'remove', hasSingle: 'has', hasAll: 'has', count: 'count',
};

function defineAccessors(source, info) {
  const accessors = info.accessors || {};
  for (const [kind, name] of Object.entries(accessors)) {
    const verb = VERB_OF_ACCESSOR[kind];
    if (!verb || !name) continue;
    const method = function (...args) {
      const { h, db } = instanceState(this);
      return trackedPromise(() => {
        let arg = null;
        let options;
        if (verb === 'get' || verb === 'count') options = args[0];
        else [arg, options] = args;
        const { json, logging, benchmark } = splitOptions(options, name);
        const argJson = arg === undefined ? null : normalize(arg, name);
        const result = db.call('callAccessor', [h, info.as, verb, argJson, json], { logging, benchmark });
        if (verb === 'get' || verb === 'create') {
          return Array.isArray(result) ? db.wrapAll(result, verb === 'create' ? 'create' : 'find') : db.wrap(result, verb === 'create' ? 'create' : 'find');
        }
        if (verb === 'count' || verb === 'has') return result;
        if (Array.isArray(result)) return result.map((x) => (typeof x === 'number' ? db.wrap(x) : x));
        if (typeof result === 'number' && info.kind !== 'hasMany' && info.kind !== 'belongsToMany') return db.wrap(result);
        return result;
      }, db.run);
    };
    Object.defineProperty(method, 'name', { value: name });
    Object.defineProperty(source.prototype, name, { value: method, writable: true, configurable: true, enumerable: false });
  }
}

/**
 * The classes of the API: `Sequelize`, `Model`, `Transaction` and the error classes. Every run
 * gets its own (`require('sequelize')` inside a run), so that learner code that changes them
 * (`Model.prototype.save = …`) cannot change the next run.
 */
function createApi(run) {
  const promise = (body) => trackedPromise(body, run);
  const ERRORS = createErrors();
  const { ValidationErrorItem } = ERRORS;
  const api = {};
  function negate(fields, options) {
    if (fields !== null && typeof fields === 'object' && !Array.isArray(fields)) {
      const out = {};
      for (const [k, v] of Object.entries(fields)) out[k] = -v;
      return [out, options];
    }
    const by = options && options.by !== undefined ? options.by : 1;
    return [fields, { ...(options || {}), by: -by }];
  }

  const HOOKS = ['beforeValidate', 'afterValidate', 'validationFailed', 'beforeCreate', 'afterCreate', 'beforeDestroy',
    'afterDestroy', 'beforeRestore', 'afterRestore', 'beforeUpdate', 'afterUpdate', 'beforeSave', 'afterSave',
    'beforeUpsert', 'afterUpsert', 'beforeBulkCreate', 'afterBulkCreate', 'beforeBulkDestroy', 'afterBulkDestroy',
    'beforeBulkRestore', 'afterBulkRestore', 'beforeBulkUpdate', 'afterBulkUpdate', 'beforeFind',
    'beforeFindAfterExpandIncludeAll', 'beforeFindAfterOptions', 'afterFind', 'beforeCount', 'beforeDefine',
    'afterDefine', 'beforeInit', 'afterInit', 'beforeSync', 'afterSync', 'beforeBulkSync', 'afterBulkSync',
    'beforeConnect', 'afterConnect', 'beforeDisconnect', 'afterDisconnect', 'addHook', 'removeHook', 'hasHook',
    'hasHooks', 'runHooks'];

  class Model {
    /** `new User(values)` is `User.build(values)`. */
    constructor(values, options) {
      const st = modelState(new.target, 'build');
      const { json } = splitOptions(options, `${st.name}.build`);
      if (json && Object.keys(json).length) {
        throw new Error(`${st.name}.build: options ${Object.keys(json).map((k) => JSON.stringify(k)).join(', ')} are not supported in the playground`);
      }
      const h = st.db.call('build', [st.name, normalize(values === undefined ? {} : values, 'values')]);
      Object.defineProperty(this, HANDLE, { value: h });
      Object.defineProperty(this, DB, { value: st.db });
      Object.defineProperty(this, ORIGIN, { value: 'build', writable: true });
      st.db.wrappers.set(h, this);
    }

    static init(attributes, options) {
      if (this === Model) throw new Error('Model.init must be called on a subclass: class User extends Model {}; User.init(...)');
      options = options || {};
      const sequelize = options.sequelize;
      if (!(sequelize instanceof Sequelize)) {
        throw new Error('No Sequelize instance passed: call User.init(attributes, { sequelize, modelName: \'User\' })');
      }
      const { sequelize: _s, modelName, ...rest } = options;
      const name = modelName || this.name;
      const defaults = sequelize.options.define || {};
      const merged = { ...defaults, ...rest };
      if (defaults.hooks === undefined && merged.hooks === undefined) delete merged.hooks;
      const attrsJson = normalizeAttributes(attributes, name);
      const db = sequelize[DB];
      const info = plainify(db.call('define', [name, attrsJson, normalize(merged, 'options')]));
      const previous = db.models.get(name);
      if (previous && previous !== this) MODEL_STATE.delete(previous);
      const st = { name, info, db, sequelize, associations: {}, instanceKeys: new Set() };
      MODEL_STATE.set(this, st);
      db.models.set(name, this);
      sequelize.models[name] = this;
      attributeAccessors(this, st);
      return this;
    }

    // -- statics: metadata --------------------------------------------------------------------

    static get sequelize() { return modelState(this, 'sequelize').sequelize; }
    static get tableName() { return modelState(this, 'tableName').info.tableName; }
    static getTableName() { return this.tableName; }
    static get primaryKeyAttribute() { return (modelState(this, 'primaryKeyAttribute').info.primaryKeys || [])[0]; }
    static get primaryKeyAttributes() { return [...(modelState(this, 'primaryKeyAttributes').info.primaryKeys || [])]; }
    static get rawAttributes() {
      const out = {};
      for (const a of modelState(this, 'rawAttributes').info.attributes || []) out[a.name] = { ...a, fieldName: a.name, Model: this };
      return out;
    }
    static getAttributes() { return this.rawAttributes; }
    static get associations() { return { ...modelState(this, 'associations').associations }; }
    static get options() {
      const st = modelState(this, 'options');
      return { name: { singular: st.name, plural: st.info.tableName }, tableName: st.info.tableName };
    }

    // -- statics: finders ---------------------------------------------------------------------

    static findAll(options) {
      const st = modelState(this, 'findAll');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.findAll`);
        const result = st.db.call('findAll', [st.name, json], { logging, benchmark });
        if (options && options.raw) return plainify(result);
        return st.db.wrapAll(result, 'find');
      });
    }

    static findOne(options) {
      const st = modelState(this, 'findOne');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.findOne`);
        const result = st.db.call('findOne', [st.name, json], { logging, benchmark });
        if (options && options.raw) return plainify(result);
        return st.db.wrap(result, 'find');
      });
    }

    static findByPk(key, options) {
      const st = modelState(this, 'findByPk');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.findByPk`);
        const keyJson = key === undefined ? null : normalize(key, 'key');
        const result = st.db.call('findByPk', [st.name, keyJson, json], { logging, benchmark });
        if (options && options.raw) return plainify(result);
        return st.db.wrap(result, 'find');
      });
    }

    static findOrCreate(options) {
      const st = modelState(this, 'findOrCreate');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.findOrCreate`);
        const [h, created] = st.db.call('findOrCreate', [st.name, json], { logging, benchmark });
        return [st.db.wrap(h, created ? 'create' : 'find'), created];
      });
    }

    static findAndCountAll(options) {
      const st = modelState(this, 'findAndCountAll');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.findAndCountAll`);
        const result = plainify(st.db.call('findAndCountAll', [st.name, json], { logging, benchmark }));
        return { count: result.count, rows: options && options.raw ? result.rows : st.db.wrapAll(result.rows, 'find') };
      });
    }

    static count(options) {
      const st = modelState(this, 'count');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.count`);
        return st.db.call('count', [st.name, json], { logging, benchmark });
      });
    }

    static aggregate(field, aggregateFunction, options) {
      const st = modelState(this, 'aggregate');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.${aggregateFunction}`);
        return st.db.call('aggregate', [st.name, String(aggregateFunction), normalize(field, 'field'), json], { logging, benchmark });
      });
    }

    static max(field, options) { return this.aggregate(field, 'max', options); }
    static min(field, options) { return this.aggregate(field, 'min', options); }
    static sum(field, options) { return this.aggregate(field, 'sum', options); }

    // -- statics: writers ---------------------------------------------------------------------

    static build(values, options) {
      return new this(values, options);
    }

    static bulkBuild(rows, options) {
      return (rows || []).map((values) => this.build(values, options));
    }

    static create(values, options) {
      const st = modelState(this, 'create');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.create`);
        const h = st.db.call('create', [st.name, normalize(values === undefined ? {} : values, 'values'), json], { logging, benchmark });
        const inst = st.db.wrap(h, 'create');
        if (values && typeof values === 'object') inst[ORIGIN] = { created: Object.keys(values) };
        return inst;
      });
    }

    static bulkCreate(rows, options) {
      const st = modelState(this, 'bulkCreate');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.bulkCreate`);
        const created = st.db.wrapAll(st.db.call('bulkCreate', [st.name, normalize(rows, 'records'), json], { logging, benchmark }), 'create');
        created.forEach((inst, i) => {
          const row = Array.isArray(rows) ? rows[i] : null;
          if (row && typeof row === 'object') inst[ORIGIN] = { bulk: Object.keys(row) };
        });
        return created;
      });
    }

    static update(values, options) {
      const st = modelState(this, 'update');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.update`);
        return st.db.call('update', [st.name, normalize(values, 'values'), json], { logging, benchmark });
      });
    }

    static destroy(options) {
      const st = modelState(this, 'destroy');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.destroy`);
        return st.db.call('destroy', [st.name, json], { logging, benchmark });
      });
    }

    static restore(options) {
      const st = modelState(this, 'restore');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.restore`);
        return st.db.call('restore', [st.name, json], { logging, benchmark });
      });
    }

    static increment(fields, options) {
      const st = modelState(this, 'increment');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.increment`);
        return st.db.call('increment', [st.name, normalize(fields, 'fields'), json], { logging, benchmark });
      });
    }

    static decrement(fields, options) {
      return this.increment(...negate(fields, options));
    }

    static sync(options) {
      const st = modelState(this, 'sync');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.sync`);
        st.db.call('syncModel', [st.name, json], { logging, benchmark });
        return this;
      });
    }

    static drop() {
      return promise(() => { throw new Error(`${modelState(this, 'drop').name}.drop() is not supported yet: use sequelize.drop() or sequelize.sync({ force: true })`); });
    }

    static upsert() {
      return promise(() => { throw new Error(`${modelState(this, 'upsert').name}.upsert() is not supported yet: use findOrCreate, then update`); });
    }

    static scope() { throw new Error('Scopes are not supported in the playground yet'); }
    static unscoped() { return this; }
    static addScope() { throw new Error('Scopes are not supported in the playground yet'); }

    // -- statics: associations ----------------------------------------------------------------

    static hasOne(target, options) { return associate(this, 'hasOne', target, options); }
    static belongsTo(target, options) { return associate(this, 'belongsTo', target, options); }
    static hasMany(target, options) { return associate(this, 'hasMany', target, options); }
    static belongsToMany(target, options) { return associate(this, 'belongsToMany', target, options); }

    // -- instances ----------------------------------------------------------------------------

    get isNewRecord() {
      const { h, db } = instanceState(this);
      return db.call('isNewRecord', [h]);
    }

    set isNewRecord(_value) {
      throw new Error('isNewRecord is tracked by the ORM and cannot be set in the playground');
    }

    get dataValues() {
      return this.get();
    }

    get(key, options) {
      const { h, db } = instanceState(this);
      const st = modelState(this.constructor);
      if (typeof key === 'string') {
        const value = db.call('get', [h, key]);
        const wrapped = wrapGot(db, st, key, value);
        if (options && options.plain) return plainOf(wrapped);
        return wrapped;
      }
      options = key || {};
      if (options.plain) return plainify(db.call('toJSON', [h]));
      const out = {};
      for (const k of db.call('keys', [h])) out[k] = wrapGot(db, st, k, db.call('get', [h, k]));
      return out;
    }

    getDataValue(key) {
      return this.get(key);
    }

    set(key, value, _options) {
      const { h, db } = instanceState(this);
      if (key !== null && typeof key === 'object') {
        for (const k of Object.keys(key)) db.call('set', [h, k, nullIfUndefined(normalize(key[k], k))]);
        return this;
      }
      db.call('set', [h, key, nullIfUndefined(normalize(value, key))]);
      return this;
    }

    setDataValue(key, value) {
      return this.set(key, value);
    }

    changed(key, value) {
      const { h, db } = instanceState(this);
      if (key === undefined) return db.call('changed', [h]);
      if (value !== undefined) throw new Error('changed(key, value) is not supported in the playground: set the attribute instead');
      return db.call('changedKey', [h, key]);
    }

    previous(key) {
      const { h, db } = instanceState(this);
      if (key !== undefined) return db.call('previous', [h, key]);
      const out = {};
      const changed = db.call('changed', [h]) || [];
      for (const k of changed) out[k] = db.call('previous', [h, k]);
      return out;
    }

    toJSON() {
      const { h, db } = instanceState(this);
      return plainify(db.call('toJSON', [h]));
    }

    save(options) {
      const { h, db } = instanceState(this);
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, 'save');
        db.call('save', [h, json], { logging, benchmark });
        return this;
      });
    }

    update(values, options) {
      const { h, db } = instanceState(this);
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, 'update');
        db.call('updateInstance', [h, normalize(values, 'values'), json], { logging, benchmark });
        return this;
      });
    }

    reload(options) {
      const { h, db } = instanceState(this);
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, 'reload');
        if (json && Object.keys(json).length) {
          throw new Error(`reload: options ${Object.keys(json).map((k) => JSON.stringify(k)).join(', ')} are not supported in the playground`);
        }
        db.call('reload', [h], { logging, benchmark });
        return this;
      });
    }

    destroy(options) {
      const { h, db } = instanceState(this);
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, 'destroy');
        db.call('destroyInstance', [h, json], { logging, benchmark });
        return this;
      });
    }

    restore(options) {
      const { h, db } = instanceState(this);
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, 'restore');
        if (json && Object.keys(json).length) {
          throw new Error(`restore: options ${Object.keys(json).map((k) => JSON.stringify(k)).join(', ')} are not supported in the playground`);
        }
        db.call('restoreInstance', [h], { logging, benchmark });
        return undefined;
      });
    }

    increment(fields, options) {
      const { h, db } = instanceState(this);
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, 'increment');
        db.call('incrementInstance', [h, normalize(fields, 'fields'), json], { logging, benchmark });
        return this;
      });
    }

    decrement(fields, options) {
      return this.increment(...negate(fields, options));
    }

    validate(options) {
      const { h, db } = instanceState(this);
      return promise(() => {
        const { json } = splitOptions(options, 'validate');
        if (json && Object.keys(json).length) {
          throw new Error(`validate: options ${Object.keys(json).map((k) => JSON.stringify(k)).join(', ')} are not supported in the playground`);
        }
        db.call('validate', [h]);
        return undefined;
      });
    }

    equals(other) {
      if (!isInstance(other) || other.constructor !== this.constructor) return false;
      const st = modelState(this.constructor);
      return (st.info.primaryKeys || []).every((k) => {
        const a = this.get(k);
        const b = other.get(k);
        return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
      });
    }

    where() {
      const st = modelState(this.constructor);
      const out = {};
      for (const k of st.info.primaryKeys || []) out[k] = this.get(k);
      return out;
    }
  }
  Object.defineProperty(Model, IS_MODEL, { value: true });
  for (const hook of HOOKS) {
    Model[hook] = function () {
      throw new Error(`Hooks (${hook}) are not supported in the playground yet`);
    };
  }

  function plainOf(v) {
    if (Array.isArray(v)) return v.map(plainOf);
    if (isInstance(v)) return v.toJSON();
    return v;
  }

  /** `define`/`init` attributes: shorthand types become `{ type }`, types their string form. */
  function normalizeAttributes(attributes, modelName) {
    if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
      throw new TypeError(`${modelName}: the attributes must be an object such as { name: DataTypes.STRING }`);
    }
    const out = {};
    for (const name of Object.keys(attributes)) {
      const def = attributes[name];
      if (isDataType(def) || typeof def === 'string') {
        out[name] = { type: typeof def === 'string' ? def : dataTypeText(def) };
      } else if (def !== null && typeof def === 'object' && !Array.isArray(def)) {
        const attr = {};
        for (const key of Object.keys(def)) {
          const v = def[key];
          if (key === 'type') attr.type = isDataType(v) ? dataTypeText(v) : normalize(v, `${name}.type`);
          else {
            const x = normalize(v, `${name}.${key}`);
            if (x !== undefined) attr[key] = x;
          }
        }
        out[name] = attr;
      } else {
        throw new TypeError(`${modelName}.${name}: expected a data type such as DataTypes.STRING or { type: DataTypes.STRING, ... }; got ${describeForError(def)}`);
      }
    }
    return out;
  }

  /**
   * After an association: the attributes it added (foreign keys, a junction model's keys) get
   * their getters and setters, and a junction model the engine created (`through: 'name'`)
   * gets a class, as Sequelize adds it to `sequelize.models`.
   */
  function refreshModels(db, sequelize, names) {
    for (const name of names) {
      if (typeof name !== 'string' || name === '') continue;
      let cls = db.models.get(name);
      const info = plainify(db.call('modelInfo', [name]));
      if (!cls) {
        cls = class extends Model {};
        Object.defineProperty(cls, 'name', { value: name });
        MODEL_STATE.set(cls, { name, info, db, sequelize, associations: {}, instanceKeys: new Set() });
        db.models.set(name, cls);
        sequelize.models[name] = cls;
      }
      const st = MODEL_STATE.get(cls);
      st.info = info;
      attributeAccessors(cls, st);
    }
  }

  function associate(source, kind, target, options) {
    const st = modelState(source, kind);
    if (!isModelClass(target)) {
      throw new Error(`${st.name}.${kind} called with something that's not a subclass of Sequelize.Model`);
    }
    const tst = modelState(target, kind);
    if (tst.db !== st.db) throw new Error(`${st.name}.${kind}: both models must belong to the same Sequelize instance`);
    const info = plainify(st.db.call('associate', [kind, st.name, tst.name, normalize(options || {}, 'options')]));
    refreshModels(st.db, st.sequelize, [info.source, info.target, info.through]);
    st.associations[info.as] = Object.defineProperty({
      as: info.as,
      associationType: kind.charAt(0).toUpperCase() + kind.slice(1),
      foreignKey: info.foreignKey,
      source,
      target,
      isMultiAssociation: !!info.many,
      isSingleAssociation: !info.many,
      accessors: { ...(info.accessors || {}) },
    }, ASSOCIATION, { value: true });
    st.instanceKeys.add(info.as);
    associationGetter(source.prototype, info.as, true);
    defineAccessors(source, info);
    if (kind === 'belongsToMany') {
      // The junction model's name: included targets carry their junction row under it.
      let throughName = typeof info.through === 'string' ? info.through : null;
      const through = options && options.through;
      if (!throughName && isModelClass(through)) throughName = modelState(through).name;
      else if (!throughName && typeof through === 'string') throughName = through;
      else if (!throughName && through && isModelClass(through.model)) throughName = modelState(through.model).name;
      if (throughName) {
        st.db.throughNames.add(throughName);
        if (!(throughName in target.prototype)) associationGetter(target.prototype, throughName, false);
        if (!(throughName in source.prototype)) associationGetter(source.prototype, throughName, false);
      }
    }
    return st.associations[info.as];
  }

  // ---------------------------------------------------------------------------------------------
  // Transactions
  // ---------------------------------------------------------------------------------------------

  class Transaction {
    constructor(sequelize, id) {
      Object.defineProperty(this, TRANSACTION, { value: true });
      Object.defineProperty(this, 'sequelize', { value: sequelize });
      this.id = id;
      this.finished = undefined;
      Object.defineProperty(this, '_afterCommitHooks', { value: [] });
    }

    commit() {
      return promise(async () => {
        this.sequelize[DB].call('commit', [this.id]);
        this.finished = 'commit';
        for (const hook of this._afterCommitHooks) await hook(this);
      });
    }

    rollback() {
      return promise(() => {
        this.sequelize[DB].call('rollback', [this.id]);
        this.finished = 'rollback';
      });
    }

    afterCommit(fnc) {
      if (typeof fnc !== 'function') throw new Error('"fn" must be a function');
      this._afterCommitHooks.push(fnc);
    }
  }
  Transaction.TYPES = Object.freeze({ DEFERRED: 'DEFERRED', IMMEDIATE: 'IMMEDIATE', EXCLUSIVE: 'EXCLUSIVE' });
  Transaction.ISOLATION_LEVELS = Object.freeze({
    READ_UNCOMMITTED: 'READ UNCOMMITTED', READ_COMMITTED: 'READ COMMITTED', REPEATABLE_READ: 'REPEATABLE READ', SERIALIZABLE: 'SERIALIZABLE',
  });
  Transaction.LOCK = Object.freeze({ UPDATE: 'UPDATE', SHARE: 'SHARE', KEY_SHARE: 'KEY SHARE', NO_KEY_UPDATE: 'NO KEY UPDATE' });
  Object.defineProperty(Transaction.prototype, 'LOCK', { get: () => Transaction.LOCK });

  // ---------------------------------------------------------------------------------------------
  // Sequelize
  // ---------------------------------------------------------------------------------------------

  // Constructor options: the ones the playground acts on, and connection settings that mean
  // nothing for SQLite in the browser (accepted and ignored). Anything else is an error.
  const ACTED_ON = ['dialect', 'storage', 'logging', 'benchmark', 'define'];
  const IGNORED = ['host', 'port', 'username', 'password', 'database', 'pool', 'dialectOptions', 'retry', 'ssl',
    'logQueryParameters', 'protocol', 'native', 'dialectModule', 'dialectModulePath', 'minifyAliases', 'typeValidation'];

  function parseUrl(url) {
    const m = /^([a-z][a-z0-9+.-]*):(.*)$/i.exec(url);
    if (!m) return null;
    const dialect = m[1].toLowerCase();
    let rest = m[2];
    if (rest.startsWith('//')) rest = rest.slice(2);
    return { dialect, storage: rest === '' || rest === ':memory:' ? ':memory:' : rest.split('?')[0] };
  }

  function notSqlite(dialect) {
    return new Error(`Only SQLite runs in the browser: the playground cannot connect to ${dialect}. Use new Sequelize('sqlite::memory:') (or { dialect: 'sqlite', storage: ':memory:' }); the rest of your code stays the same.`);
  }

  class Sequelize {
    constructor(...args) {
      let options = {};
      let fromUrl = null;
      if (typeof args[0] === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(args[0]) && (args.length <= 2)) {
        fromUrl = parseUrl(args[0]);
        options = args[1] || {};
      } else if (args.length === 1 && args[0] && typeof args[0] === 'object') {
        options = args[0];
      } else {
        options = args[3] || (args[2] && typeof args[2] === 'object' ? args[2] : null) || (args[1] && typeof args[1] === 'object' ? args[1] : null) || {};
      }
      if (options === null || typeof options !== 'object') throw new TypeError('new Sequelize: the options must be an object');
      const dialect = (fromUrl && fromUrl.dialect) || options.dialect;
      if (!dialect) throw new Error('Dialect needs to be explicitly supplied as of v4.0.0: use new Sequelize(\'sqlite::memory:\')');
      if (String(dialect).toLowerCase() !== 'sqlite') throw notSqlite(dialect);
      for (const key of Object.keys(options)) {
        if (!ACTED_ON.includes(key) && !IGNORED.includes(key)) {
          throw new Error(`new Sequelize: the option "${key}" is not supported in the playground (it understands ${ACTED_ON.join(', ')})`);
        }
      }
      const storage = options.storage !== undefined ? String(options.storage) : fromUrl ? fromUrl.storage : ':memory:';
      let engine;
      if (run && !run.engineTaken) {
        run.engineTaken = true;
        engine = run.engine;
      } else {
        engine = createEngine();
        if (run) {
          run.extraEngines.push(engine);
          try { run.runIds.set(engine, engine.beginRun()); } catch (_) { /* old engine */ }
        }
      }
      this.options = {
        dialect: 'sqlite',
        storage,
        logging: options.logging === undefined || options.logging === true ? DEFAULT_LOGGING : options.logging,
        benchmark: !!options.benchmark,
        define: options.define || {},
      };
      this.config = { database: storage, host: 'localhost' };
      this.models = {};
      this.dialect = { name: 'sqlite' };
      Object.defineProperty(this, DB, { value: new Db(engine, run, this, api) });
      Object.defineProperty(this, 'console', { value: run ? run.console : null });
      if (storage !== ':memory:') this[DB].call('open', [storage]);
    }

    getDialect() { return 'sqlite'; }
    getDatabaseName() { return this.options.storage; }

    define(modelName, attributes, options) {
      if (typeof modelName !== 'string' || modelName === '') throw new TypeError('sequelize.define: the model name must be a non-empty string');
      const cls = class extends Model {};
      Object.defineProperty(cls, 'name', { value: modelName });
      return cls.init(attributes, { ...(options || {}), modelName, sequelize: this });
    }

    model(name) {
      if (!hasOwn(this.models, name)) throw new Error(`${name} has not been defined`);
      return this.models[name];
    }

    isDefined(name) {
      return hasOwn(this.models, name);
    }

    sync(options) {
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, 'sequelize.sync');
        this[DB].call('sync', [json], { logging, benchmark });
        return this;
      });
    }

    drop(options) {
      return promise(() => {
        const { logging, benchmark } = splitOptions(options, 'sequelize.drop');
        this[DB].call('drop', [], { logging, benchmark });
      });
    }

    authenticate(options) {
      return promise(() => {
        const { logging, benchmark } = splitOptions(options, 'sequelize.authenticate');
        this[DB].call('query', ['SELECT 1+1 AS result', { type: 'SELECT', plain: true, raw: true }], { logging, benchmark });
      });
    }

    close() {
      return promise(() => undefined);
    }

    query(sql, options) {
      return promise(() => {
        if (sql instanceof Literal) sql = sql.val;
        if (sql !== null && typeof sql === 'object' && typeof sql.query === 'string') {
          options = { ...(options || {}), replacements: sql.values };
          sql = sql.query;
        }
        if (typeof sql !== 'string') throw new TypeError(`sequelize.query: the SQL must be a string; got ${describeForError(sql)}`);
        const { json, logging, benchmark } = splitOptions(options, 'sequelize.query');
        const result = plainify(this[DB].call('query', [sql, json], { logging, benchmark }));
      const type = options && options.type;
      if ((type === undefined || type === 'RAW') && !(options && options.plain) && Array.isArray(result) && result.length === 2 && isPlainObject(result[1])) {
        // The metadata of a raw query is the sqlite3 driver's Statement object on Node.
        Object.setPrototypeOf(result[1], Statement.prototype);
      }
        if (options && options.model && !options.raw) {
          if (typeof result === 'number') return this[DB].wrap(result, 'find');
          if (Array.isArray(result) && result.every((x) => typeof x === 'number')) return this[DB].wrapAll(result, 'find');
        }
        return result;
      });
    }

    transaction(options, autoCallback) {
      if (typeof options === 'function') {
        autoCallback = options;
        options = undefined;
      }
      const known = ['isolationLevel', 'type', 'autocommit', 'deferrable', 'logging', 'benchmark', 'transaction'];
      for (const key of Object.keys(options || {})) {
        if (!known.includes(key)) throw new Error(`sequelize.transaction: the option "${key}" is not supported in the playground`);
      }
      const callOptions = { logging: options && options.logging, benchmark: options && options.benchmark };
      const begin = () => new Transaction(this, this[DB].call('begin', [], callOptions));
      if (!autoCallback) return promise(begin);
      return promise(async () => {
        const t = begin();
        let result;
        try {
          result = await autoCallback(t);
        } catch (err) {
          if (!t.finished) {
            try { await t.rollback(); } catch (_) { /* report the original error */ }
          }
          throw err;
        }
        if (!t.finished) await t.commit();
        return result;
      });
    }

    getQueryInterface() {
      throw new Error('sequelize.getQueryInterface() is not supported in the playground: use sequelize.sync() and sequelize.query()');
    }
  }
  Object.assign(Sequelize.prototype, { fn, col, literal, where, and, or, cast, json });
  Sequelize.prototype.Sequelize = Sequelize;
  Object.assign(Sequelize, DataTypes, ERRORS, {
    Sequelize, Model, DataTypes, Op, QueryTypes, Transaction, ValidationErrorItem,
    fn, col, literal, where, and, or, cast, json, version: '6.37.8',
  });
  Sequelize.default = Sequelize;
  Sequelize.Utils = { Fn, Col, Literal };
  Object.assign(api, { Sequelize, Model, Transaction, ERRORS });
  return api;
}

// ---------------------------------------------------------------------------------------------
// Printing the shell's objects as Sequelize's print
// ---------------------------------------------------------------------------------------------

/** `{ text }` for values printed as a fixed string, `{ value, name }` for a stand-in object. */
function inspectSpecial(value) {
  if (typeof value === 'function') {
    if (isModelClass(value)) {
      const st = MODEL_STATE.get(value);
      if (st) return { text: st.name };
    }
    return undefined;
  }
  if (isInstance(value)) {
    try {
      return { value: instanceView(value), name: modelState(value.constructor).name };
    } catch (_) {
      return undefined;
    }
  }
  return undefined;
}

/** What Node prints for a Sequelize instance: its internal fields, reconstructed. */
function instanceView(inst) {
  const { h, db } = instanceState(inst);
  const st = modelState(inst.constructor);
  const keys = db.call('keys', [h]);
  const dataValues = {};
  for (const k of keys) dataValues[k] = wrapGot(db, st, k, db.call('get', [h, k]));
  const origin = inst[ORIGIN];
  const changed = db.call('changed', [h]) || [];
  const previousOf = (k) => (changed.includes(k) ? db.call('previous', [h, k]) : dataValues[k]);
  const previous = {};
  const attrNames = (st.info.attributes || []).map((a) => a.name);
  const includes = keys.filter((k) => st.instanceKeys.has(k) || db.throughNames.has(k));
  const given = origin && typeof origin === 'object' ? (origin.created || origin.bulk) : null;
  if (origin === 'build') {
    for (const k of changed) previous[k] = undefined;
  } else if (given) {
    // Sequelize sets the given values first, then reads back the rest of the attributes.
    for (const k of [...given.filter((x) => attrNames.includes(x)), ...attrNames]) {
      if (!(k in previous)) previous[k] = k in dataValues ? previousOf(k) : undefined;
    }
  } else {
    for (const k of keys) previous[k] = previousOf(k);
  }
  const base = { isNewRecord: origin === 'build' || !!given, _schema: null, _schemaDelimiter: '' };
  const includeOptions = includes.length
    ? { include: includes.map((as) => ({ as })), includeNames: includes, includeMap: Object.fromEntries(includes.map((as) => [as, { as }])) }
    : { include: undefined, includeNames: undefined, includeMap: undefined };
  const attributes = keys.filter((k) => attrNames.includes(k));
  let options;
  if (origin === 'build') {
    options = base;
  } else if (origin && typeof origin === 'object' && origin.created) {
    options = { ...base, attributes: undefined, include: undefined, raw: undefined, silent: undefined };
  } else if (origin && typeof origin === 'object' && origin.bulk) {
    options = { ...base, include: undefined };
  } else if (origin === 'include') {
    options = { ...base, ...includeOptions, includeValidated: true, raw: true, attributes: includes.length ? attributes : undefined };
  } else if (includes.length) {
    options = { ...base, ...includeOptions, includeValidated: true, attributes, raw: true };
  } else {
    options = { ...base, raw: true, attributes };
  }
  const view = {
    dataValues,
    _previousDataValues: previous,
    uniqno: 1,
    _changed: new Set(changed),
    _options: options,
    isNewRecord: db.call('isNewRecord', [h]),
  };
  for (const k of keys) if (st.instanceKeys.has(k) || db.throughNames.has(k)) view[k] = dataValues[k];
  return view;
}

// ---------------------------------------------------------------------------------------------
// The learner's console
// ---------------------------------------------------------------------------------------------

function formatTable(data, properties) {
  const inspectCell = (v) => {
    const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
    return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity });
  };
  const rowsOf = (v) => (isInstance(v) ? v.toJSON() : v);
  const map = Object.create(null);
  let hasPrimitives = false;
  const valuesCol = [];
  const indexKeys = Object.keys(data);
  indexKeys.forEach((k, i) => {
    const item = rowsOf(data[k]);
    const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
    if (properties === undefined && primitive) {
      hasPrimitives = true;
      valuesCol[i] = inspectCell(item);
    } else {
      for (const key of properties || Object.keys(item)) {
        if (!map[key]) map[key] = [];
        map[key][i] = (primitive && properties) || !hasOwn(item, key) ? '' : inspectCell(item[key]);
      }
    }
  });
  const head = ['(index)', ...Object.keys(map)];
  const columns = [indexKeys, ...Object.values(map)];
  if (hasPrimitives) {
    head.push('Values');
    columns.push(valuesCol);
  }
  const widths = head.map((x) => x.length);
  const longest = Math.max(...columns.map((c) => c.length));
  const rows = [];
  for (let i = 0; i < head.length; i++) {
    for (let j = 0; j < longest; j++) {
      if (!rows[j]) rows[j] = [];
      const v = rows[j][i] = hasOwn(columns[i], j) && columns[i][j] !== undefined ? columns[i][j] : '';
      widths[i] = Math.max(widths[i] || 0, v.length);
    }
  }
  const render = (row) => `│ ${row.map((c, i) => c + ' '.repeat(widths[i] - c.length)).join(' │ ')} │`;
  const divider = widths.map((w) => '─'.repeat(w + 2));
  return [`┌${divider.join('┬')}┐`, render(head), `├${divider.join('┼')}┤`, ...rows.map(render), `└${divider.join('┴')}┘`].join('\n');
}

// A run keeps at most this many console entries (a runaway loop must not fill the page's memory).
const MAX_OUTPUT_ENTRIES = 10000;

function makeConsole(output) {
  let indent = '';
  const push = (text) => {
    if (output.length > MAX_OUTPUT_ENTRIES) return;
    if (output.length === MAX_OUTPUT_ENTRIES) {
      output.push(`… the output stops here: more than ${MAX_OUTPUT_ENTRIES} lines were printed`);
      return;
    }
    output.push(indent ? text.split('\n').map((l) => indent + l).join('\n') : text);
  };
  const timers = new Map();
  const counts = new Map();
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  const c = {
    log: (...args) => push(format(...args)),
    dir: (obj, options) => push(inspect(obj, options)),
    table: (data, properties) => push(data !== null && typeof data === 'object' ? formatTable(data, properties) : format(data)),
    time: (label = 'default') => { timers.set(String(label), now()); },
    timeLog: (label = 'default', ...data) => {
      const t = timers.get(String(label));
      if (t !== undefined) push(format(`${label}: ${Number((now() - t).toFixed(3))}ms`, ...data));
    },
    timeEnd: (label = 'default') => {
      const t = timers.get(String(label));
      if (t !== undefined) {
        push(`${label}: ${Number((now() - t).toFixed(3))}ms`);
        timers.delete(String(label));
      }
    },
    count: (label = 'default') => {
      const n = (counts.get(String(label)) || 0) + 1;
      counts.set(String(label), n);
      push(`${label}: ${n}`);
    },
    countReset: (label = 'default') => { counts.delete(String(label)); },
    group: (...label) => {
      if (label.length) push(format(...label));
      indent += '  ';
    },
    groupEnd: () => { indent = indent.slice(0, -2); },
    assert: (ok, ...args) => {
      if (!ok) {
        if (typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
        else args.unshift('Assertion failed');
        push(format(...args));
      }
    },
    trace: (...args) => push(`Trace${args.length ? `: ${format(...args)}` : ''}`),
  };
  c.info = c.log;
  c.debug = c.log;
  c.warn = c.log;
  c.error = c.log;
  c.dirxml = c.log;
  c.groupCollapsed = c.group;
  return c;
}

// ---------------------------------------------------------------------------------------------
// window.ormPlayground.run
// ---------------------------------------------------------------------------------------------

const util = Object.freeze({ format, inspect });

/** `require` for learner code: `sequelize` (the API given), `util`. */
function requireFor(api) {
  const modules = { sequelize: api.Sequelize, util, 'node:util': util };
  return function require(name) {
    if (hasOwn(modules, name)) return modules[name];
    const e = new Error(`Cannot find module '${name}': the playground provides only 'sequelize' (and 'util')`);
    e.code = 'MODULE_NOT_FOUND';
    throw e;
  };
}

let keptEngine = null;
let previousEngines = [];

const DEFAULT_TIMEOUT_MS = 30000;

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
      await Promise.allSettled([...run.pending]);
    } else if (run.timers.size) {
      await wait(4);
    } else {
      return;
    }
  }
}

function describeThrown(e, code) {
  if (e instanceof Error || (e && typeof e === 'object' && 'message' in e && 'name' in e)) {
    let line = lineFromStack(e.stack);
    if (line === null && e instanceof SyntaxError && e.fromCompile) line = syntaxErrorLine(code, e.message);
    return { name: String(e.name || 'Error'), message: String(e.message), line };
  }
  return { name: 'Error', message: `Uncaught ${inspect(e)}`, line: null };
}

/**
 * Runs learner code; resolves to `{ ok, output, error, queries, warnings }` (see ENGINE.md).
 * Never rejects: a failure of the shell itself is reported as an `InternalError`.
 */
async function run(code, options) {
  try {
    return await runUnguarded(code, options);
  } catch (e) {
    return {
      ok: false,
      output: [],
      error: { name: 'InternalError', message: `The playground failed (a bug in the playground, not in your code): ${e && e.message ? e.message : e}`, line: null },
      queries: [],
      warnings: [],
    };
  }
}

async function runUnguarded(code, options) {
  options = options || {};
  const output = [];
  const cons = makeConsole(output);
  let engine;
  if (options.keep && keptEngine) {
    engine = keptEngine;
  } else {
    for (const old of previousEngines) {
      try { if (typeof old.free === 'function') old.free(); } catch (_) { /* already gone */ }
    }
    previousEngines = [];
    engine = createEngine();
  }
  keptEngine = engine;
  const runCtx = {
    engine, engineTaken: false, extraEngines: [], runIds: new Map(), events: [], console: cons,
    pending: new Set(), timers: new Map(), unhandled: undefined,
  };
  let error = null;
  try {
    runCtx.runIds.set(engine, engine.beginRun());
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
    const page = typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : null;
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
        await fnc(requireFor(api), cons, timers.setTimeout, timers.setInterval, timers.clearTimeout, timers.clearInterval, module, module.exports);
        await settle(runCtx);
      })();
      await Promise.race([body, timeout]);
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
  previousEngines.push(engine, ...runCtx.extraEngines);
  if (options.keep) previousEngines = previousEngines.filter((e) => e !== engine);
  return { ok: error === null, output, error, queries, warnings };
}

// ---------------------------------------------------------------------------------------------
// Exports
// ---------------------------------------------------------------------------------------------

// The API outside runs (for the page's own use and tests); each run gets a fresh one.
const pageApi = createApi();
const ormPlayground = Object.freeze({
  run,
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

if (typeof window !== 'undefined') {
  Object.defineProperty(window, 'ormPlayground', { value: ormPlayground, configurable: true, enumerable: false, writable: false });
}

return {
  ormPlayground,
  internals: {
    format, inspect, normalize, splitOptions, rewriteImports, syntaxErrorLine, lineFromStack, learnerStack,
    typeString, toError: (raw) => toError(raw, pageApi.ERRORS), makeConsole, formatTable, plainify,
  },
};
//# sourceURL=orm-playground/sequelize.js

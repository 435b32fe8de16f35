// ---------------------------------------------------------------------------------------------
// Learner code: import rewriting, line numbers
// ---------------------------------------------------------------------------------------------

const CODE_URL = 'main.js';
// The parameters of the learner's AsyncFunction: the module loader, the captured console,
// timers the run tracks (so it waits for them, as Node waits for pending timers), and the
// `module`/`exports` a CommonJS file assigns to.
const LEARNER_PARAMS = ['require', 'console', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'module', 'exports', 'process'];

/**
 * The `process` learner code sees: what tutorials read of Node's (`process.env.DB_NAME || …`,
 * `process.exit()` at the end of a script, which does nothing here). A fresh one per run.
 */
function makeProcess() {
  const proc = {
    env: {},
    argv: ['node', 'playground.js'],
    platform: 'browser',
    version: 'v20.0.0',
    versions: {},
    cwd: () => '/',
    exit: () => undefined,
    on: () => proc,
    nextTick: (fn, ...args) => { queueMicrotask(() => fn(...args)); },
  };
  return proc;
}

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

// A frame of the learner's code in a stack: `main.js:line:column`.
const CODE_FRAME = new RegExp(`${CODE_URL.replace('.', '\\.')}:(\\d+):(\\d+)`);

/** The learner's line (1-based) of the innermost frame of learner code in `stack`, or null. */
function lineFromStack(stack) {
  if (typeof stack !== 'string') return null;
  const m = CODE_FRAME.exec(stack);
  if (!m) return null;
  const line = Number(m[1]) - lineOffset();
  return line >= 1 ? line : null;
}

const NativeError = Error;

/**
 * The learner's line that made the call in progress (the innermost learner frame of the stack
 * here, async frames included), or null: what the page's queries-per-line gutter counts. It
 * costs a stack capture a call (15–30 µs), so only runs that ask for it (`options.lines`) pay.
 * V8 hands the frames over as objects (`prepareStackTrace`), half the cost of formatting them
 * as text, which other engines do. A `prepareStackTrace` the learner set is put aside meanwhile.
 */
function callerLine() {
  const prepare = NativeError.prepareStackTrace;
  const had = hasOwn(NativeError, 'prepareStackTrace');
  try {
    NativeError.prepareStackTrace = learnerLineOf;
    const holder = {};
    if (typeof NativeError.captureStackTrace === 'function') NativeError.captureStackTrace(holder, callerLine);
    else holder.stack = new NativeError().stack;
    const found = holder.stack;
    return typeof found === 'string' ? lineFromStack(found) : found;
  } catch (_) {
    return null;
  } finally {
    // Put back as it was: absent stays absent (an own `undefined` would be a built-in changed
    // by the run, and the worker would be replaced after it).
    if (had) NativeError.prepareStackTrace = prepare;
    else delete NativeError.prepareStackTrace;
  }
}

/** V8's `prepareStackTrace` for callerLine: the learner's line of the first frame in main.js. */
function learnerLineOf(_, frames) {
  for (const frame of frames) {
    if (frame.getScriptNameOrSourceURL() === CODE_URL) {
      const line = frame.getLineNumber() - lineOffset();
      return line >= 1 ? line : null;
    }
  }
  return null;
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


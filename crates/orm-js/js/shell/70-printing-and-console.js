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
      output[output.length] = `… the output stops here: more than ${MAX_OUTPUT_ENTRIES} lines were printed`;
      return;
    }
    // (Assigned, not pushed: learner code may have replaced Array.prototype.push.)
    output[output.length] = indent ? text.split('\n').map((l) => indent + l).join('\n') : text;
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


// ---------------------------------------------------------------------------------------------
// Hooks: the learner's functions, run where Sequelize 6 runs them
// ---------------------------------------------------------------------------------------------
//
// The engine is synchronous Rust and cannot await JavaScript, so an operation with hooks is a
// sequence of engine steps (build, validate, save, find, …) and the functions below run
// Sequelize's lifecycle around them, awaiting each hook where Sequelize does. The engine still
// decides every statement; the shell decides only when the learner's code runs. A model with no
// hooks (and a Sequelize with no universal ones) takes the one-call path it always had.

// Sequelize 6's hook types (lib/hooks.js). beforeSave and afterSave are stored as
// beforeCreate + beforeUpdate (afterCreate + afterUpdate), so they run in the order they were added.
const HOOK_TYPES = [
  'beforeValidate', 'afterValidate', 'validationFailed', 'beforeCreate', 'afterCreate', 'beforeDestroy',
  'afterDestroy', 'beforeRestore', 'afterRestore', 'beforeUpdate', 'afterUpdate', 'beforeSave', 'afterSave',
  'beforeUpsert', 'afterUpsert', 'beforeBulkCreate', 'afterBulkCreate', 'beforeBulkDestroy', 'afterBulkDestroy',
  'beforeBulkRestore', 'afterBulkRestore', 'beforeBulkUpdate', 'afterBulkUpdate', 'beforeFind',
  'beforeFindAfterExpandIncludeAll', 'beforeFindAfterOptions', 'afterFind', 'beforeCount', 'beforeDefine',
  'afterDefine', 'beforeInit', 'afterInit', 'beforeAssociate', 'afterAssociate', 'beforeConnect', 'afterConnect',
  'beforeDisconnect', 'afterDisconnect', 'beforePoolAcquire', 'afterPoolAcquire', 'beforeSync', 'afterSync',
  'beforeBulkSync', 'afterBulkSync', 'beforeQuery', 'afterQuery',
];
const HOOK_PROXIES = { beforeSave: ['beforeUpdate', 'beforeCreate'], afterSave: ['afterUpdate', 'afterCreate'] };
// Hook types Sequelize defines only on the Sequelize object, not on models.
const NO_MODEL_HOOKS = new Set(['beforeDefine', 'afterDefine', 'beforeInit', 'afterInit', 'beforeConnect',
  'afterConnect', 'beforeDisconnect', 'afterDisconnect', 'beforePoolAcquire', 'afterPoolAcquire']);
// Hook types the playground never fires: adding one is refused rather than silently ignored.
// (The connection hooks have no connection to run around.)
const UNFIRED_HOOKS = new Set(['beforeDefine', 'afterDefine', 'beforeInit',
  'afterInit', 'beforeAssociate', 'afterAssociate', 'beforeConnect', 'afterConnect', 'beforeDisconnect',
  'afterDisconnect', 'beforePoolAcquire', 'afterPoolAcquire', 'beforeQuery', 'afterQuery']);

/** `owner.addHook(type, [name], fn)` into `store` (`{ type: [fn | { name, fn }] }`), as Sequelize. */
function addHookTo(store, owner, type, name, fn) {
  if (typeof name === 'function') {
    fn = name;
    name = null;
  }
  if (!HOOK_TYPES.includes(type)) {
    throw new Error(`${owner}: "${type}" is not a hook; the hooks are ${HOOK_TYPES.filter((t) => !UNFIRED_HOOKS.has(t)).join(', ')}`);
  }
  if (UNFIRED_HOOKS.has(type)) throw new Error(`${owner}: the hook ${type} is not supported in the playground yet`);
  if (typeof fn !== 'function') {
    throw new TypeError(`${owner}.addHook('${type}'): the hook must be a function; got ${describeForError(fn)}`);
  }
  for (const t of HOOK_PROXIES[type] ? [...HOOK_PROXIES[type], type] : [type]) {
    (store[t] || (store[t] = [])).push(name ? { name, fn } : fn);
  }
}

function removeHookFrom(store, type, name) {
  if (!store[type] || !store[type].length) return;
  const byReference = typeof name === 'function';
  for (const t of HOOK_PROXIES[type] ? [...HOOK_PROXIES[type], type] : [type]) {
    if (!store[t]) continue;
    store[t] = store[t].filter((hook) => (byReference ? hook !== name : typeof hook !== 'object' || hook.name !== name));
  }
}

/** `hooks: { beforeCreate: fn | [fn] }` of `define`, `init` or `new Sequelize`. */
function addHooksFromOptions(store, owner, hooks) {
  if (hooks === undefined || hooks === null) return;
  if (typeof hooks !== 'object' || Array.isArray(hooks)) {
    throw new TypeError(`${owner}: the hooks option must be an object such as { beforeCreate: (user) => { … } }`);
  }
  for (const [type, value] of Object.entries(hooks)) {
    for (const fn of Array.isArray(value) ? value : [value]) addHookTo(store, owner, type, null, fn);
  }
}

/** The hooks of `type` that an operation of `cls` runs: the model's, then the Sequelize's (universal). */
function hooksOf(cls, type) {
  const st = modelState(cls);
  const own = st.hooks[type] || [];
  const universal = (st.sequelize && st.sequelize.options.hooks[type]) || [];
  return universal.length ? own.concat(universal) : own;
}

/** Whether any hook could run for an operation of `cls` (else the one-call path is taken). */
function hasAnyHook(cls, options) {
  if (options && options.hooks === false) return false;
  const st = modelState(cls);
  const any = (store) => Object.values(store).some((list) => list.length > 0);
  return any(st.hooks) || (st.sequelize ? any(st.sequelize.options.hooks) : false);
}

/** Runs the hooks of `type` in order, awaiting each, with `this` the model (Sequelize's `runHooks`). */
async function runHooks(cls, type, ...args) {
  for (const hook of hooksOf(cls, type)) {
    const fn = typeof hook === 'object' ? hook.fn : hook;
    await fn.apply(cls, args);
  }
}

/** Options without `hooks` and `individualHooks`, for the one-call path (no hook to run). */
function withoutHookOptions(options) {
  if (!options || typeof options !== 'object' || Array.isArray(options) || !('hooks' in options || 'individualHooks' in options)) return options;
  const { hooks: _h, individualHooks: _i, ...rest } = options;
  return rest;
}

/** The options a hook sees: the learner's, with Sequelize's defaults for the operation. */
function hookOptions(options, defaults) {
  if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) return options;
  return { ...defaults, ...(options || {}), hooks: true };
}

/** The engine's options of an operation: what hooks left in them, without the shell's own keys. */
function engineOptions(options) {
  const { hooks: _h, individualHooks: _i, fields: _f, defaultFields: _d, validate: _v, skip: _s, attributes: _a, ...rest } = options;
  return rest;
}

/**
 * beforeValidate, the checks (57-attributes.js), afterValidate — or validationFailed and the
 * error. `only`: the attributes to check (all when undefined); `false` checks nothing, as
 * Sequelize's validation with every attribute skipped, which runs only the hooks.
 */
async function validateWithHooks(inst, options, only) {
  const cls = inst.constructor;
  await runHooks(cls, 'beforeValidate', inst, options);
  if (only !== false) {
    try {
      await validateInstance(inst, only);
    } catch (error) {
      await runHooks(cls, 'validationFailed', inst, options, error);
      throw error;
    }
  }
  await runHooks(cls, 'afterValidate', inst, options);
}

/**
 * `instance.save(options)` with hooks, in Sequelize 6's order: validation (with its hooks),
 * beforeCreate/beforeUpdate (and beforeSave), the engine's INSERT or UPDATE, then the after hooks.
 * A hook that throws stops the operation there: nothing after it is written.
 */
async function saveWithHooks(inst, options) {
  const cls = inst.constructor;
  const st = modelState(cls);
  const { h, db } = instanceState(inst);
  const isNew = inst.isNewRecord;
  const opts = hookOptions(options, { validate: true });
  const attributes = (st.info.attributes || []).map((a) => a.name);
  const given = opts.fields;
  if (!opts.fields) {
    opts.fields = isNew ? attributes.slice() : (inst.changed() || []).filter((k) => attributes.includes(k));
    opts.defaultFields = opts.fields;
  }
  // Only the fields being saved are validated (Sequelize skips the other attributes).
  if (opts.validate) await validateWithHooks(inst, opts, opts.fields);
  const before = {};
  for (const k of opts.fields) before[k] = inst.getDataValue(k);
  const ignored = new Set((inst.changed() || []).filter((k) => !opts.fields.includes(k)));
  await runHooks(cls, isNew ? 'beforeCreate' : 'beforeUpdate', inst, opts);
  if (opts.defaultFields && !isNew) {
    // Attributes a hook changed are written too, and validated again (Sequelize validates again
    // even when no hook changed anything, with every attribute skipped: only its hooks run).
    const hookChanged = (inst.changed() || []).filter((k) => !ignored.has(k) && inst.getDataValue(k) !== before[k]);
    opts.fields = [...new Set([...opts.fields, ...hookChanged])];
    if (opts.validate) await validateWithHooks(inst, opts, hookChanged.length > 0 ? hookChanged : false);
  }
  if (!isNew && !inst.changed()) return inst;
  const { json, logging, benchmark } = splitOptions(engineOptions(opts), `${st.name}.save`);
  const saveJson = { ...(json || {}) };
  if (given || (opts.defaultFields && !isNew)) saveJson.fields = opts.fields;
  db.call('save', [h, saveJson], { logging, benchmark });
  await runHooks(cls, isNew ? 'afterCreate' : 'afterUpdate', inst, opts);
  return inst;
}

/**
 * `instance.destroy(options)` or `instance.restore(options)` (`verb`) between its before and
 * after hooks (beforeDestroy/afterDestroy, beforeRestore/afterRestore).
 */
async function instanceWithHooks(inst, options, verb) {
  const cls = inst.constructor;
  const opts = hookOptions(options, {});
  const each = verb === 'destroy' ? 'Destroy' : 'Restore';
  await runHooks(cls, `before${each}`, inst, opts);
  const { h, db } = instanceState(inst);
  const { json, logging, benchmark } = splitOptions(engineOptions(opts), verb);
  db.call(`${verb}Instance`, verb === 'destroy' ? [h, json] : [h], { logging, benchmark });
  await runHooks(cls, `after${each}`, inst, opts);
  return inst;
}

/** The instances a bulk update or destroy with `individualHooks` touches (Sequelize finds them first). */
function individualTargets(cls, opts) {
  const { where, transaction, logging, benchmark, paranoid } = opts;
  const find = { where, transaction, logging, benchmark };
  if (paranoid !== undefined) find.paranoid = paranoid;
  return cls.findAll(find);
}

/**
 * `Model.bulkCreate(rows, options)` with hooks: the rows are built as instances, beforeBulkCreate
 * sees (and may change) them, then each one's beforeCreate with `individualHooks`; one engine
 * bulkCreate writes what the instances hold; then the after hooks with the saved instances.
 */
async function bulkCreateWithHooks(cls, rows, options) {
  const st = modelState(cls);
  const opts = hookOptions(options, { validate: false });
  if (!Array.isArray(rows)) throw new TypeError(`${st.name}.bulkCreate: the rows must be an array of objects`);
  if (!opts.fields) opts.fields = (st.info.attributes || []).map((a) => a.name);
  const built = rows.map((values) => cls.build(values));
  await runHooks(cls, 'beforeBulkCreate', built, opts);
  if (opts.individualHooks) {
    for (const inst of built) await runHooks(cls, 'beforeCreate', inst, opts);
  }
  const values = built.map((inst) => {
    const out = {};
    for (const k of inst.changed() || []) out[k] = inst.getDataValue(k);
    return out;
  });
  const { json, logging, benchmark } = splitOptions(engineOptions(opts), `${st.name}.bulkCreate`);
  const created = st.db.wrapAll(st.db.call('bulkCreate', [st.name, normalizeRows(values), json], { logging, benchmark }), 'create', cls);
  if (opts.individualHooks) {
    for (const inst of created) await runHooks(cls, 'afterCreate', inst, opts);
  }
  await runHooks(cls, 'afterBulkCreate', created, opts);
  return created;
}

/**
 * `Model.update(values, options)` with hooks: the values' validation hooks (on an instance built
 * from them), beforeBulkUpdate (which may change `options.attributes` and `where`), each row's
 * beforeUpdate with `individualHooks`, one engine UPDATE, then the after hooks.
 */
async function bulkUpdateWithHooks(cls, values, options) {
  const st = modelState(cls);
  const opts = hookOptions(options, { validate: true });
  values = values || {};
  if (opts.validate) {
    // As Sequelize: the values are set on an instance built from them, so setters run, and what
    // they set (`sideEffects`) is written too; then that instance is validated, skipping the
    // other attributes.
    const built = cls.build(values);
    if (st.setters.size) {
      const real = new Set((st.info.attributes || []).map((a) => a.name));
      const raw = built.get({ raw: true });
      const keys = [...new Set([...Object.keys(values), ...(built.changed() || [])])].filter((k) => real.has(k));
      values = Object.fromEntries(keys.map((k) => [k, raw[k]]));
    }
    await validateWithHooks(built, opts, hasOwnValidators(st) ? Object.keys(values) : false);
  }
  opts.attributes = values;
  if (!opts.fields) opts.fields = Object.keys(values);
  await runHooks(cls, 'beforeBulkUpdate', opts);
  let instances = [];
  if (opts.individualHooks) {
    instances = await individualTargets(cls, opts);
    for (const inst of instances) {
      inst.set(opts.attributes);
      await runHooks(cls, 'beforeUpdate', inst, opts);
    }
  }
  const { json, logging, benchmark } = splitOptions(engineOptions(opts), `${st.name}.update`);
  const result = st.db.call('update', [st.name, normalize(opts.attributes, 'values'), json], { logging, benchmark });
  for (const inst of instances) await runHooks(cls, 'afterUpdate', inst, opts);
  await runHooks(cls, 'afterBulkUpdate', opts);
  return result;
}

/**
 * `Model.destroy(options)` or `Model.restore(options)` (`verb`) with their hooks: the bulk
 * before hook, each row's hooks with `individualHooks` (the rows found first; a restore finds
 * the deleted ones), one engine statement, the after hooks.
 */
async function bulkRowsWithHooks(cls, options, verb) {
  const st = modelState(cls);
  const opts = hookOptions(options, {});
  const each = verb === 'destroy' ? 'Destroy' : 'Restore';
  await runHooks(cls, `beforeBulk${each}`, opts);
  let instances = [];
  if (opts.individualHooks) {
    instances = await individualTargets(cls, verb === 'restore' ? { ...opts, paranoid: false } : opts);
    for (const inst of instances) await runHooks(cls, `before${each}`, inst, opts);
  }
  const { json, logging, benchmark } = splitOptions(engineOptions(opts), `${st.name}.${verb}`);
  const result = st.db.call(verb, [st.name, json], { logging, benchmark });
  for (const inst of instances) await runHooks(cls, `after${each}`, inst, opts);
  await runHooks(cls, `afterBulk${each}`, opts);
  return result;
}

/**
 * A finder with beforeFind (which may change the options) and afterFind (which sees the result).
 * `find(options)` runs the engine's finder on the options the hooks left.
 */
async function findWithHooks(cls, options, find) {
  const opts = hookOptions(options, {});
  await runHooks(cls, 'beforeFind', opts);
  await runHooks(cls, 'beforeFindAfterExpandIncludeAll', opts);
  await runHooks(cls, 'beforeFindAfterOptions', opts);
  const { hooks: _h, ...rest } = opts;
  const result = await find(rest);
  await runHooks(cls, 'afterFind', result, opts);
  return result;
}

/** `Model.count(options)`: beforeCount may change the options. */
async function countWithHooks(cls, options, count) {
  const opts = hookOptions(options, {});
  await runHooks(cls, 'beforeCount', opts);
  const { hooks: _h, ...rest } = opts;
  return count(rest);
}

/**
 * `sequelize.sync(options)` with hooks: beforeBulkSync, each model's beforeSync, the engine's
 * sync of every table (in dependency order, in one step), each model's afterSync, afterBulkSync.
 * (Sequelize interleaves each model's hooks with its own table's statements.)
 */
async function syncWithHooks(sequelize, options, sync) {
  const opts = hookOptions(options, {});
  const models = [...sequelize[DB].models.values()];
  const runOwn = async (type) => {
    for (const hook of sequelize.options.hooks[type] || []) await (typeof hook === 'object' ? hook.fn : hook).call(sequelize, opts);
  };
  await runOwn('beforeBulkSync');
  for (const cls of models) await runHooks(cls, 'beforeSync', opts);
  sync(engineOptions(opts));
  for (const cls of models) await runHooks(cls, 'afterSync', opts);
  await runOwn('afterBulkSync');
}

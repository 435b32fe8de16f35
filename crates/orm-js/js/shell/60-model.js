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

/**
 * Wraps what the engine's `get` gave for `key` of an instance of `st`; an association's
 * instances with its target's class (the current one, if the target was defined again).
 */
function wrapGot(db, st, key, value) {
  if (!st.instanceKeys.has(key) && !db.throughNames.has(key)) return value;
  const association = st.associations[key];
  const target = association && MODEL_STATE.get(association.target);
  const known = target ? db.models.get(target.name) : undefined;
  if (Array.isArray(value)) return db.wrapAll(value, 'include', known);
  if (typeof value === 'number') return db.wrap(value, 'include', known);
  return value;
}

/**
 * An attribute's value, asked of the engine once and then served from the instance's cache, so
 * a loop reading `user.id` and `user.name` for each of ten posts of every user asks the engine
 * twice per user instead of twenty times. The cache holds until the next engine call that may
 * change values (`valuesGeneration`, see Db.call). A date comes as a fresh copy each time; JSON
 * and bytes values are not cached (a fresh object each time, as before).
 */
function cachedGet(inst, h, db, key) {
  let cache = inst[VALUES];
  if (cache === undefined || cache.generation !== valuesGeneration) {
    cache = { generation: valuesGeneration, values: new Map() };
    inst[VALUES] = cache; // symbol-keyed, as the instance's other internals (Db.wrap)
  }
  const { values } = cache;
  let value = values.get(key);
  if (value === undefined && !values.has(key)) {
    value = db.call('get', [h, key]);
    if (value !== null && typeof value === 'object' && !(value instanceof Date)) return value;
    values.set(key, value);
  }
  return value instanceof Date ? new Date(value.getTime()) : value;
}

/**
 * The Promise of an async API method. A run waits for the Promises of its API before it
 * reports (Node runs un-awaited `.then()` chains to the end too), so they are tracked.
 */
function trackedPromise(body, run) {
  const p = new Promise((resolve) => resolve(body()));
  // Learner code that forgets an `await` must not raise unhandled rejections on the page: the
  // run's own handler (or, outside a run, an empty one) handles a rejection. One handler per
  // call: each `then` is a Promise more, and `findByPk` × 1,000 makes a thousand of these.
  if (run && run.pending) {
    run.pending.add(p);
    const done = () => run.pending.delete(p);
    thenOf(p, done, done);
  } else {
    thenOf(p, undefined, () => {});
  }
  return p;
}

function attributeAccessors(cls, st) {
  const names = new Set([...(st.info.attributes || []).map((a) => a.name), ...(st.info.virtuals || []),
    ...(st.getters ? st.getters.keys() : []), ...(st.setters ? st.setters.keys() : [])]);
  let base = cls.prototype; // Model.prototype: the instance API
  while (Object.getPrototypeOf(base) !== Object.prototype) base = Object.getPrototypeOf(base);
  for (const name of names) {
    // As Sequelize: an attribute named like an instance method (`get`, `save`) is read with
    // `instance.get('save')`; the method stays.
    if (hasOwn(base, name)) {
      const log = st.sequelize && st.sequelize.options.logging;
      if (typeof log === 'function' && !hasOwn(cls.prototype, name)) log(`Not overriding built-in method from model attribute: ${name}`);
      continue;
    }
    defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: false,
      get() { return this.get(name); },
      set(value) { this.set(name, value); },
    });
  }
}

function associationGetter(proto, key, markRead) {
  defineProperty(proto, key, {
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
      defineProperty(this, key, { value, writable: true, configurable: true, enumerable: true });
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
    defineProperty(method, 'name', { value: name });
    defineProperty(source.prototype, name, { value: method, writable: true, configurable: true, enumerable: false });
  }
}

// The named database each engine opened, so a run that keeps the engine saves it too.
const storageOf = new WeakMap();

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

  /** findOrBuild and findCreateFind take one options object with a where, as Sequelize 6. */
  function requireWhere(options, what) {
    if (!options || !options.where) {
      throw new Error(`Missing where attribute in the options parameter passed to ${what.split('.').pop()}. Please note that the API has changed, and is now options only (an object with where, defaults keys, transaction etc.)`);
    }
  }
  /** The values findOrBuild and findCreateFind write: `defaults`, then the where's plain values. */
  function valuesFromWhere(options) {
    const values = { ...(options.defaults || {}) };
    if (isPlainObject(options.where)) {
      for (const [k, v] of Object.entries(options.where)) {
        if (!(k in values) && (v === null || typeof v !== 'object' || v instanceof Date)) values[k] = v;
      }
    }
    return values;
  }


  class Model {
    /** `new User(values)` is `User.build(values)`. */
    constructor(values, options) {
      const st = modelState(new.target, 'build');
      const { json } = splitOptions(options, `${st.name}.build`);
      if (json && Object.keys(json).length) {
        throw new Error(`${st.name}.build: options ${Object.keys(json).map((k) => JSON.stringify(k)).join(', ')} are not supported in the playground`);
      }
      const { raw, defaults, viaSetters } = splitBuildValues(st, values);
      const h = st.db.call('build', [st.name, normalize(raw, 'values'), defaults && normalize(defaults, 'defaultValue')]);
      this[HANDLE] = h;
      this[DB] = st.db;
      this[ORIGIN] = 'build';
      st.db.wrappers.set(h, this);
      for (const [key, value] of viaSetters) this.set(key, value);
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
      // As Sequelize: the class is named after its model (`User.name` is 'user' for modelName 'user').
      if (name !== this.name) defineProperty(this, 'name', { value: name, configurable: true });
      const defaults = sequelize.options.define || {};
      const { hooks, getterMethods, setterMethods, validate: modelValidators, defaultScope, scopes, ...merged } = { ...defaults, ...rest };
      const { json: attrsJson, custom } = splitAttributes(attributes, name);
      const db = sequelize[DB];
      const info = plainify(db.call('define', [name, attrsJson, normalize(merged, 'options')]));
      const previous = db.models.get(name);
      if (previous && previous !== this) MODEL_STATE.delete(previous);
      const st = { name, info, db, sequelize, associations: {}, instanceKeys: new Set(), hooks: {} };
      addHooksFromOptions(st.hooks, name, hooks);
      customAccessors(st, custom, getterMethods, setterMethods, modelValidators);
      st.defaultScope = defaultScope || {};
      st.scopes = scopes || {};
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
      const st = modelState(this, 'rawAttributes');
      const byName = new Map((st.info.attributes || []).map((a) => [a.name, a]));
      const out = {};
      for (const name of attributeNames(st)) {
        out[name] = byName.has(name) ? { ...byName.get(name), fieldName: name, Model: this } : { type: 'VIRTUAL', fieldName: name, Model: this };
      }
      return out;
    }
    static getAttributes() { return this.rawAttributes; }
    static get associations() { return { ...modelState(this, 'associations').associations }; }
    static get options() {
      const st = modelState(this, 'options');
      return { name: { singular: st.name, plural: st.info.tableName }, tableName: st.info.tableName, hooks: st.hooks };
    }

    // -- statics: finders ---------------------------------------------------------------------

    static findAll(options) {
      const st = modelState(this, 'findAll');
      options = injectScope(this, options);
      if (hasAnyHook(this, options)) return promise(() => findWithHooks(this, options, (o) => this.unscoped().findAll({ ...o, hooks: false })));
      return promise(() => {
        const { json, logging, benchmark, reject } = splitOptions(withoutHookOptions(options), `${st.name}.findAll`);
        const result = st.db.call('findAll', [st.name, json], { logging, benchmark, reject });
        if (options && options.raw) return plainify(result);
        return st.db.wrapAll(result, 'find', this);
      });
    }

    static findOne(options) {
      const st = modelState(this, 'findOne');
      options = injectScope(this, options);
      if (hasAnyHook(this, options)) return promise(() => findWithHooks(this, options, (o) => this.unscoped().findOne({ ...o, hooks: false })));
      return promise(() => {
        const { json, logging, benchmark, reject } = splitOptions(withoutHookOptions(options), `${st.name}.findOne`);
        const result = st.db.call('findOne', [st.name, json], { logging, benchmark, reject });
        if (options && options.raw) return plainify(result);
        return st.db.wrap(result, 'find', this);
      });
    }

    static findByPk(key, options) {
      const st = modelState(this, 'findByPk');
      if (hasAnyHook(this, options) || injectScope(this, options) !== options) {
        // Sequelize's findByPk is a findOne on the primary key: its scope and beforeFind see that where.
        const pk = (st.info.primaryKeys || [])[0];
        if (key === undefined || key === null) return promise(() => null);
        return this.findOne({ ...(options || {}), where: { [pk]: key } });
      }
      return promise(() => {
        const { json, logging, benchmark, reject } = splitOptions(withoutHookOptions(options), `${st.name}.findByPk`);
        const keyJson = key === undefined ? null : normalize(key, 'key');
        const result = st.db.call('findByPk', [st.name, keyJson, json], { logging, benchmark, reject });
        if (options && options.raw) return plainify(result);
        return st.db.wrap(result, 'find', this);
      });
    }

    static findOrCreate(options) {
      const st = modelState(this, 'findOrCreate');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.findOrCreate`);
        const [h, created] = st.db.call('findOrCreate', [st.name, json], { logging, benchmark });
        return [st.db.wrap(h, created ? 'create' : 'find', this), created];
      });
    }

    static findOrBuild(options) {
      const st = modelState(this, 'findOrBuild');
      return promise(async () => {
        requireWhere(options, `${st.name}.findOrBuild`);
        const { defaults: _defaults, ...find } = options;
        const found = await this.findOne(find);
        if (found !== null) return [found, false];
        return [this.build(valuesFromWhere(options)), true];
      });
    }

    static findCreateFind(options) {
      const st = modelState(this, 'findCreateFind');
      return promise(async () => {
        requireWhere(options, `${st.name}.findCreateFind`);
        const { defaults: _defaults, ...find } = options;
        const found = await this.findOne(find);
        if (found !== null) return [found, false];
        const { transaction, logging, benchmark } = options;
        try {
          return [await this.create(valuesFromWhere(options), { transaction, logging, benchmark }), true];
        } catch (e) {
          // Another writer created it in between: find it (Sequelize's race-tolerant variant).
          if (!(e instanceof ERRORS.UniqueConstraintError || e instanceof ERRORS.EmptyResultError)) throw e;
          return [await this.findOne(find), false];
        }
      });
    }

    static findAndCountAll(options) {
      const st = modelState(this, 'findAndCountAll');
      options = injectScope(this, options);
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.findAndCountAll`);
        const result = plainify(st.db.call('findAndCountAll', [st.name, json], { logging, benchmark }));
        return { count: result.count, rows: options && options.raw ? result.rows : st.db.wrapAll(result.rows, 'find', this) };
      });
    }

    static count(options) {
      const st = modelState(this, 'count');
      options = injectScope(this, options, 'count');
      // count({ group }): one count per group, `[{ kind, count }]`, as Sequelize's
      // `SELECT kind, count(*) AS count … GROUP BY kind`.
      if (options && options.group !== undefined && options.group !== null) {
        const { group, distinct: _d, col: c, ...rest } = options;
        const groups = Array.isArray(group) ? group : [group];
        const counted = c ? fn('count', col(c)) : fn('count', col('*'));
        return this.findAll({ ...rest, group: groups, attributes: [...groups, [counted, 'count']], raw: true });
      }
      if (hasAnyHook(this, options)) return promise(() => countWithHooks(this, options, (o) => this.unscoped().count({ ...o, hooks: false })));
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.count`);
        return st.db.call('count', [st.name, json], { logging, benchmark });
      });
    }

    static aggregate(field, aggregateFunction, options) {
      const st = modelState(this, 'aggregate');
      options = injectScope(this, options, 'count');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.${aggregateFunction}`);
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
      if (hasAnyHook(this, options) || shapesValues(st)) {
        return promise(async () => {
          const inst = this.build(values);
          await saveWithHooks(inst, options);
          inst[ORIGIN] = values && typeof values === 'object' ? { created: Object.keys(values) } : 'create';
          return inst;
        });
      }
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.create`);
        const h = st.db.call('create', [st.name, normalize(values === undefined ? {} : values, 'values'), json], { logging, benchmark });
        const inst = st.db.wrap(h, 'create', this);
        if (values && typeof values === 'object') inst[ORIGIN] = { created: Object.keys(values) };
        return inst;
      });
    }

    static bulkCreate(rows, options) {
      const st = modelState(this, 'bulkCreate');
      if (hasAnyHook(this, options) || shapesValues(st)) return promise(() => bulkCreateWithHooks(this, rows, options));
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.bulkCreate`);
        const created = st.db.wrapAll(st.db.call('bulkCreate', [st.name, normalizeRows(rows), json], { logging, benchmark }), 'create', this);
        created.forEach((inst, i) => {
          const row = Array.isArray(rows) ? rows[i] : null;
          if (row && typeof row === 'object') inst[ORIGIN] = { bulk: Object.keys(row) };
        });
        return created;
      });
    }

    static update(values, options) {
      const st = modelState(this, 'update');
      options = injectScope(this, options, 'write');
      if (hasAnyHook(this, options) || shapesValues(st)) return promise(() => bulkUpdateWithHooks(this, values, options));
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.update`);
        return st.db.call('update', [st.name, normalize(values, 'values'), json], { logging, benchmark });
      });
    }

    static destroy(options) {
      const st = modelState(this, 'destroy');
      options = injectScope(this, options, 'write');
      if (hasAnyHook(this, options)) return promise(() => bulkRowsWithHooks(this, options, 'destroy'));
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.destroy`);
        return st.db.call('destroy', [st.name, json], { logging, benchmark });
      });
    }

    static restore(options) {
      const st = modelState(this, 'restore');
      if (hasAnyHook(this, options)) return promise(() => bulkRowsWithHooks(this, options, 'restore'));
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.restore`);
        return st.db.call('restore', [st.name, json], { logging, benchmark });
      });
    }

    static increment(fields, options) {
      const st = modelState(this, 'increment');
      options = injectScope(this, options, 'write');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), `${st.name}.increment`);
        return st.db.call('increment', [st.name, normalize(fields, 'fields'), json], { logging, benchmark });
      });
    }

    static decrement(fields, options) {
      return this.increment(...negate(fields, options));
    }

    static sync(options) {
      const st = modelState(this, 'sync');
      if (hasAnyHook(this, options)) {
        return promise(async () => {
          const opts = hookOptions(options, {});
          await runHooks(this, 'beforeSync', opts);
          const { json, logging, benchmark } = splitOptions(engineOptions(opts), `${st.name}.sync`);
          st.db.call('syncModel', [st.name, json], { logging, benchmark });
          await runHooks(this, 'afterSync', opts);
          return this;
        });
      }
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.sync`);
        st.db.call('syncModel', [st.name, json], { logging, benchmark });
        return this;
      });
    }

    static drop(options) {
      const st = modelState(this, 'drop');
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(options, `${st.name}.drop`);
        st.db.call('dropModel', [st.name, json], { logging, benchmark });
      });
    }

    static upsert(values, options) {
      const st = modelState(this, 'upsert');
      return promise(async () => {
        const hooks = hasAnyHook(this, options);
        const opts = hooks ? hookOptions(options, {}) : options;
        // As Sequelize: the row is built from the values before beforeUpsert runs (so what the
        // hook changes in `values` is not written), setters and defaultValue functions included.
        let row = isPlainObject(values) ? { ...values } : values;
        if (shapesValues(st)) {
          const built = this.build(values);
          const raw = built.get({ raw: true });
          row = Object.fromEntries((built.changed() || []).map((k) => [k, raw[k]]));
        }
        if (hooks) await runHooks(this, 'beforeUpsert', values, opts);
        const { json, logging, benchmark } = splitOptions(hooks ? engineOptions(opts) : withoutHookOptions(options), `${st.name}.upsert`);
        const [h, created] = st.db.call('upsert', [st.name, normalize(row === undefined ? {} : row, 'values'), json], { logging, benchmark });
        const result = [st.db.wrap(h, 'create', this), created];
        if (hooks) await runHooks(this, 'afterUpsert', result, opts);
        return result;
      });
    }

    static scope(...args) {
      return scopedClass(this, args, ERRORS.SequelizeScopeError);
    }

    static unscoped() {
      return this.scope();
    }

    static addScope(name, scope, options) {
      const st = modelState(this, 'addScope');
      const override = !!(options && options.override);
      const exists = name === 'defaultScope' ? Reflect.ownKeys(st.defaultScope).length > 0 : hasOwn(st.scopes, name);
      if (exists && !override) throw new Error(`The scope ${name} already exists. Pass { override: true } as options to silence this error`);
      if (name === 'defaultScope') st.defaultScope = scope;
      else st.scopes[name] = scope;
    }

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
      return this.get({ raw: true });
    }

    get(key, options) {
      const { h, db } = instanceState(this);
      const st = modelState(this.constructor);
      if (typeof key === 'string') {
        const getter = st.getters.get(key);
        if (getter && !(options && options.raw)) return getter.call(this, key, options);
        if (!st.instanceKeys.has(key) && !db.throughNames.has(key)) {
          const value = cachedGet(this, h, db, key);
          return options && options.plain ? plainOf(value) : value;
        }
        const value = db.call('get', [h, key]);
        const wrapped = wrapGot(db, st, key, value);
        if (options && options.plain) return plainOf(wrapped);
        return wrapped;
      }
      options = key || {};
      if (options.plain) return options.raw ? plainify(db.call('toJSON', [h])) : withGetters(this, st, plainify(db.call('toJSON', [h])), options);
      const out = {};
      if (!options.raw) for (const k of st.getters.keys()) out[k] = this.get(k, options);
      for (const k of db.call('keys', [h])) if (!(k in out)) out[k] = this.get(k, options.raw ? { raw: true } : undefined);
      return out;
    }

    getDataValue(key) {
      return this.get(key, { raw: true });
    }

    set(key, value, options) {
      const { h, db } = instanceState(this);
      if (key !== null && typeof key === 'object') {
        const opts = value;
        for (const k of Object.keys(key)) this.set(k, key[k], opts);
        return this;
      }
      const setter = modelState(this.constructor).setters.get(key);
      if (setter && !(options && options.raw)) {
        setter.call(this, value, key);
        return this;
      }
      db.call('set', [h, key, nullIfUndefined(normalize(value, key))]);
      return this;
    }

    setDataValue(key, value) {
      return this.set(key, value, { raw: true });
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
      const values = plainify(db.call('toJSON', [h]));
      return withGetters(this, modelState(this.constructor), values, { plain: true });
    }

    save(options) {
      const { h, db } = instanceState(this);
      if (hasAnyHook(this.constructor, options) || shapesValues(modelState(this.constructor))) return promise(() => saveWithHooks(this, options));
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), 'save');
        db.call('save', [h, json], { logging, benchmark });
        return this;
      });
    }

    update(values, options) {
      const { h, db } = instanceState(this);
      if (hasAnyHook(this.constructor, options) || shapesValues(modelState(this.constructor))) {
        // Sequelize's instance.update: set, then save the given attributes that changed.
        return promise(() => {
          const changedBefore = this.changed() || [];
          this.set(values);
          const opts = { ...(options || {}) };
          if (!opts.fields) {
            const given = Object.keys(values || {});
            const sideEffects = (this.changed() || []).filter((k) => !changedBefore.includes(k));
            const changedNow = this.changed() || [];
            opts.fields = [...new Set([...given, ...sideEffects])].filter((k) => changedNow.includes(k));
            opts.defaultFields = opts.fields;
          }
          return saveWithHooks(this, opts);
        });
      }
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), 'update');
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
      if (hasAnyHook(this.constructor, options)) return promise(() => instanceWithHooks(this, options, 'destroy'));
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), 'destroy');
        db.call('destroyInstance', [h, json], { logging, benchmark });
        return this;
      });
    }

    restore(options) {
      const { h, db } = instanceState(this);
      if (hasAnyHook(this.constructor, options)) return promise(() => instanceWithHooks(this, options, 'restore').then(() => undefined));
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
      instanceState(this);
      const st = modelState(this.constructor);
      return promise(async () => {
        const opts = hookOptions(options, {});
        const unknown = Object.keys(opts).filter((k) => !['hooks', 'skip', 'fields', 'transaction', 'logging', 'benchmark'].includes(k));
        if (unknown.length) throw new Error(`validate: options ${unknown.map((k) => JSON.stringify(k)).join(', ')} are not supported in the playground`);
        let only;
        if (opts.fields || opts.skip) {
          only = attributeNames(st).filter((n) => (!opts.fields || opts.fields.includes(n)) && !(opts.skip || []).includes(n));
        }
        // As Sequelize: with hooks (the default) it runs the validate hooks and resolves to the instance.
        if (options && options.hooks === false) return validateInstance(this, only);
        await validateWithHooks(this, opts, only);
        return this;
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
  defineProperty(Model, IS_MODEL, { value: true });
  // Hooks (55-hooks.js): addHook, removeHook, hasHook(s), runHooks, and one shorthand per type.
  Object.assign(Model, {
    addHook(type, name, fn) { addHookTo(modelState(this, 'addHook').hooks, modelState(this).name, type, name, fn); return this; },
    removeHook(type, name) { removeHookFrom(modelState(this, 'removeHook').hooks, type, name); return this; },
    hasHook(type) { const list = modelState(this, 'hasHook').hooks[type]; return list && !!list.length; },
    hasHooks(type) { return this.hasHook(type); },
    runHooks(type, ...args) { return promise(() => runHooks(this, type, ...args)); },
  });
  for (const type of HOOK_TYPES) {
    if (NO_MODEL_HOOKS.has(type)) continue;
    Model[type] = function (name, fn) { return this.addHook(type, name, fn); };
  }

  function plainOf(v) {
    if (Array.isArray(v)) return v.map(plainOf);
    if (isInstance(v)) return v.toJSON();
    return v;
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
        defineProperty(cls, 'name', { value: name });
        MODEL_STATE.set(cls, {
          name, info, db, sequelize, associations: {}, instanceKeys: new Set(), hooks: {},
          getters: new Map(), setters: new Map(), defaults: new Map(), declared: [], validators: new Map(), modelValidators: [],
          defaultScope: {}, scopes: {},
        });
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
    // An alias is a property of every instance it is included in: one named like an instance
    // method (`get`, `save`, `toJSON`) would replace that method.
    const as = options && options.as;
    for (const name of as && typeof as === 'object' ? [as.singular, as.plural] : [as]) {
      if (typeof name === 'string' && name in Model.prototype) {
        throw toError({ name: 'SequelizeAssociationError', message: `${st.name}.${kind}(${tst.name}, { as: '${name}' }): every instance has a \`${name}\` already (instance.${name}); an included ${tst.name} would replace it. Choose another alias` }, st.db.api.ERRORS);
      }
    }
    const info = plainify(st.db.call('associate', [kind, st.name, tst.name, normalize(options || {}, 'options')]));
    refreshModels(st.db, st.sequelize, [info.source, info.target, info.through]);
    st.associations[info.as] = defineProperty({
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
    constructor(sequelize, engineId, options) {
      defineProperty(this, TRANSACTION, { value: engineId });
      defineProperty(this, 'sequelize', { value: sequelize });
      this.savepoints = [];
      defineProperty(this, '_afterCommitHooks', { value: [] });
      this.options = { type: 'DEFERRED', isolationLevel: null, readOnly: false, ...options };
      // As Sequelize: a nested transaction is a savepoint of its parent, with the parent's id
      // and a name of its own; a transaction's id is a UUID.
      this.parent = this.options.transaction;
      delete this.options.transaction;
      if (this.parent) {
        this.id = this.parent.id;
        this.parent.savepoints.push(this);
        this.name = `${this.id}-sp-${this.parent.savepoints.length}`;
      } else {
        this.name = undefined;
        this.id = newTransactionId();
      }
      this.finished = undefined;
    }

    commit() {
      return promise(async () => {
        if (this.finished) throw new Error(`Transaction cannot be committed because it has been finished with state: ${this.finished}`);
        try {
          this.sequelize[DB].call('commit', [this[TRANSACTION]]);
        } finally {
          // Sequelize marks the transaction committed and runs afterCommit even when COMMIT fails.
          this.finished = 'commit';
          for (const hook of this._afterCommitHooks) await hook.call(this, this);
        }
      });
    }

    rollback() {
      return promise(() => {
        if (this.finished) throw new Error(`Transaction cannot be rolled back because it has been finished with state: ${this.finished}`);
        this.finished = 'rollback';
        this.sequelize[DB].call('rollback', [this[TRANSACTION]]);
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
  defineProperty(Transaction.prototype, 'LOCK', { get: () => Transaction.LOCK });

  // ---------------------------------------------------------------------------------------------
  // Sequelize
  // ---------------------------------------------------------------------------------------------

  // Constructor options: the ones the playground acts on, and connection settings that mean
  // nothing for SQLite in the browser (accepted and ignored). Anything else is an error.
  const ACTED_ON = ['dialect', 'storage', 'logging', 'benchmark', 'define', 'hooks'];
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

  /**
   * A tutorial written for another database (a `postgres://…` URL, `dialect: 'mysql'`, an unset
   * `process.env.DATABASE_URL`) runs on an in-memory SQLite database instead of stopping, and
   * the output says so once per run.
   */
  function onSqliteInstead(what) {
    const line = `[playground] ${what}: the playground runs SQLite in your browser, so this Sequelize uses an in-memory SQLite database (the SQL in the log is SQLite's).`;
    if (run) {
      if (run.dialectNotice) return;
      run.dialectNotice = true;
      run.console.log(line);
    }
  }

  /**
   * A named database (`storage: 'shop.db'`). In the playground's worker, `globalThis.ormStorage`
   * (web/engine-worker.js) keeps named databases across page loads: the engine starts from the
   * saved copy and the run saves it again when it ends. Elsewhere the name opens a file in the
   * engine's own (in-memory) file system.
   */
  function openStorage(db, engine, storage, run) {
    const store = globalThis.ormStorage;
    if (!store || typeof store.load !== 'function') {
      db.call('open', [storage]);
      return;
    }
    const saved = store.load(storage);
    if (saved) db.call('importDatabase', [saved]);
    if (run) run.persisted.push([engine, storage]);
    storageOf.set(engine, storage);
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
      let elsewhere = false;
      if (!dialect && (args.length === 0 || args[0] === undefined || args[0] === '')) {
        onSqliteInstead('new Sequelize() got no database URL (an unset environment variable?)');
        elsewhere = true;
      } else if (!dialect) {
        throw new Error('Dialect needs to be explicitly supplied as of v4.0.0: use new Sequelize(\'sqlite::memory:\')');
      } else if (String(dialect).toLowerCase() !== 'sqlite') {
        onSqliteInstead(`This code connects to ${dialect}`);
        elsewhere = true;
      }
      for (const key of Object.keys(options)) {
        if (!ACTED_ON.includes(key) && !IGNORED.includes(key)) {
          throw new Error(`new Sequelize: the option "${key}" is not supported in the playground (it understands ${ACTED_ON.join(', ')})`);
        }
      }
      const storage = elsewhere ? ':memory:' : options.storage !== undefined ? String(options.storage) : fromUrl ? fromUrl.storage : ':memory:';
      let engine;
      if (run && !run.engineTaken) {
        run.engineTaken = true;
        engine = run.engine;
      } else {
        engine = newEngine();
        if (run) {
          run.extraEngines.push(engine);
          try { run.runIds.set(engine, engine.beginRun(run.plans, run.dialects, run.history)); } catch (_) { /* old engine */ }
        }
      }
      this.options = {
        dialect: 'sqlite',
        storage,
        logging: options.logging === undefined || options.logging === true ? DEFAULT_LOGGING : options.logging,
        benchmark: !!options.benchmark,
        define: options.define || {},
        hooks: {}, // universal hooks: every model's operations run them after its own
      };
      addHooksFromOptions(this.options.hooks, 'new Sequelize', options.hooks);
      this.config = { database: storage, host: 'localhost' };
      this.models = {};
      this.dialect = { name: 'sqlite' };
      defineProperty(this, DB, { value: new Db(engine, run, this, api) });
      defineProperty(this, 'console', { value: run ? run.console : null });
      if (storage !== ':memory:') openStorage(this[DB], engine, storage, run);
      // A kept engine's models (`run(code, { keep: true })`) are in `sequelize.models` again.
      else if (engine === (run && run.kept && run.engine)) {
        refreshModels(this[DB], this, plainify(engine.snapshot(0)).models.map((m) => m.name));
        if (storageOf.has(engine)) run.persisted.push([engine, storageOf.get(engine)]);
      }
    }

    addHook(type, name, fn) { addHookTo(this.options.hooks, 'sequelize', type, name, fn); return this; }
    removeHook(type, name) { removeHookFrom(this.options.hooks, type, name); return this; }
    hasHook(type) { const list = this.options.hooks[type]; return list && !!list.length; }
    hasHooks(type) { return this.hasHook(type); }

    getDialect() { return 'sqlite'; }
    getDatabaseName() { return this.options.storage; }

    define(modelName, attributes, options) {
      if (typeof modelName !== 'string' || modelName === '') throw new TypeError('sequelize.define: the model name must be a non-empty string');
      const cls = class extends Model {};
      defineProperty(cls, 'name', { value: modelName });
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
      if (options && options.dryRun) {
        // The playground's dry run: what this sync would run and lose, nothing kept.
        const { dryRun: _, ...rest } = options;
        return promise(() => dryRunOf(this, () => this.sync(rest)));
      }
      const anyHook = !(options && options.hooks === false)
        && ([...this[DB].models.values()].some((cls) => hasAnyHook(cls, options)) || Object.values(this.options.hooks).some((l) => l.length));
      if (anyHook) {
        return promise(async () => {
          await syncWithHooks(this, options, (o) => {
            const { json, logging, benchmark } = splitOptions(o, 'sequelize.sync');
            this[DB].call('sync', [json], { logging, benchmark });
          });
          return this;
        });
      }
      return promise(() => {
        const { json, logging, benchmark } = splitOptions(withoutHookOptions(options), 'sequelize.sync');
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
      const begin = () => {
        const parent = options && options.transaction;
        if (parent !== undefined && parent !== null) checkTransaction(parent, 'sequelize.transaction');
        const { logging: _l, benchmark: _b, ...kept } = options || {};
        return new Transaction(this, this[DB].call('begin', [], callOptions), kept);
      };
      if (!autoCallback) return promise(begin);
      // Sequelize's managed transaction: commit after the callback (which fails if the callback
      // ended the transaction itself), roll back when it throws.
      return promise(async () => {
        const t = begin();
        let result;
        try {
          result = await autoCallback(t);
        } catch (err) {
          try { await t.rollback(); } catch (_) { /* report the original error */ }
          throw err;
        }
        await t.commit();
        return result;
      });
    }

    getQueryInterface() {
      if (!this[QUERY_INTERFACE]) defineProperty(this, QUERY_INTERFACE, { value: makeQueryInterface(this, promise) });
      return this[QUERY_INTERFACE];
    }

    /** sequelize-cli style migrations run in the page (59-migrations.js). */
    migrator(migrations) {
      return makeMigrator(this, migrations, Sequelize, promise);
    }

    /** The playground's dry run of any schema change: `await sequelize.dryRun(async () => …)`. */
    dryRun(fn) {
      if (typeof fn !== 'function') throw new TypeError('sequelize.dryRun: pass an async function that makes the changes');
      return promise(() => dryRunOf(this, fn));
    }

    /** The migration `{ name, up, down }`, as code, that makes the tables match the models (null when they do). */
    migrationFromModels(options) {
      const name = options && typeof options.name === 'string' ? options.name : 'from-models';
      return promise(() => migrationCode(name, schemaCall(this, 'plansFromModels')));
    }
  }
  Object.assign(Sequelize.prototype, { fn, col, literal, where, and, or, cast, json });
  for (const type of HOOK_TYPES) {
    defineProperty(Sequelize.prototype, type, {
      value(name, fn) { return this.addHook(type, name, fn); }, writable: true, configurable: true,
    });
  }
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


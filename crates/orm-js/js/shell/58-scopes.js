// ---------------------------------------------------------------------------------------------
// Scopes: options a model applies to its finders, counts, updates and destroys
// ---------------------------------------------------------------------------------------------
//
// As Sequelize 6: `Model.scope(...)` is a subclass that carries the merged scope; a model without
// one uses its `defaultScope`. Scopes merge key by key (`where` by attribute, the later winning;
// arrays such as `include` and `order` as a union; `attributes.exclude`/`include` as unions; other
// keys the later one), and a call's own options win over the scope's the same way. The merged
// options go to the engine like any other: the scope is the learner's options, not new SQL.

const SCOPE = Symbol('orm.scope');

const union = (a, b) => [...a, ...b.filter((x) => !a.includes(x))];

/** Sequelize's `_mergeFunction`: `source`'s value for `key` merged over `target`'s. */
function mergeOptionValue(target, source, key) {
  if (Array.isArray(target) && Array.isArray(source)) return union(target, source);
  if ((key === 'where' || key === 'having') && isPlainObject(target) && isPlainObject(source)) {
    return { ...target, ...source };
  }
  if (key === 'attributes' && isPlainObject(target) && isPlainObject(source)) {
    const out = { ...target };
    for (const k of Object.keys(source)) {
      out[k] = Array.isArray(target[k]) && Array.isArray(source[k]) ? union(target[k], source[k]) : source[k];
    }
    return out;
  }
  if (source) return source;
  return source === undefined ? target : source;
}

/** Merges `source`'s options into `target` (in place) with [`mergeOptionValue`]. */
function assignOptions(target, source) {
  for (const key of Reflect.ownKeys(source)) target[key] = mergeOptionValue(target[key], source[key], key);
  return target;
}

/** The scope a model class applies: its own (`Model.scope(...)`), else the model's defaultScope. */
function scopeOf(cls) {
  return Object.prototype.hasOwnProperty.call(cls, SCOPE) ? cls[SCOPE] : modelState(cls).defaultScope;
}

// The scope options each kind of call takes (a finder takes them all): a count ignores the
// scope's attributes and order, an update or a destroy uses its where.
const SCOPE_KEYS = { count: ['where', 'include', 'paranoid'], write: ['where'] };

/**
 * A call's options with the class's scope merged under them (Sequelize's `_injectScope`); `kind`
 * ('count' or 'write') limits which of the scope's options apply.
 */
function injectScope(cls, options, kind) {
  const scope = scopeOf(cls);
  if (!scope || Reflect.ownKeys(scope).length === 0) return options;
  if (options !== undefined && options !== null && !isPlainObject(options)) return options;
  const keys = kind ? Reflect.ownKeys(scope).filter((k) => SCOPE_KEYS[kind].includes(k)) : Reflect.ownKeys(scope);
  if (!keys.length) return options;
  const out = { ...(options || {}) };
  for (const key of keys) out[key] = mergeOptionValue(scope[key], out[key], key);
  return out;
}

/**
 * `Model.scope(...names)`: a subclass carrying the merged scopes. A name, `'defaultScope'`, a
 * scope object, or `{ method: [name, ...args] }` for a scope that is a function; none (or null)
 * gives the model without any scope (`unscoped()`).
 */
function scopedClass(cls, args, ScopeError) {
  const st = modelState(cls, 'scope');
  const scoped = class extends cls {};
  defineProperty(scoped, 'name', { value: cls.name });
  const merged = {};
  for (const option of args.flat()) {
    if (option === null || option === undefined) continue;
    let scope = null;
    let name = null;
    if (isPlainObject(option)) {
      if (option.method !== undefined) {
        const [method, ...rest] = Array.isArray(option.method) ? option.method : [option.method];
        name = method;
        if (typeof st.scopes[method] === 'function') scope = st.scopes[method].apply(scoped, rest);
      } else {
        scope = option;
      }
    } else if (option === 'defaultScope') {
      scope = st.defaultScope;
    } else {
      name = option;
      scope = Object.prototype.hasOwnProperty.call(st.scopes, option) ? st.scopes[option] : null;
      if (typeof scope === 'function') scope = scope.call(scoped);
    }
    if (!scope) throw new ScopeError(`Invalid scope ${name} called.`);
    if (!isPlainObject(scope)) throw new ScopeError(`The scope ${name} of ${st.name} must be an object of options (or a function returning one)`);
    assignOptions(merged, scope);
  }
  defineProperty(scoped, SCOPE, { value: merged });
  return scoped;
}

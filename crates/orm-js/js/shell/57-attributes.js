// ---------------------------------------------------------------------------------------------
// Attributes the learner's functions shape: getters, setters, VIRTUAL, defaultValue functions
// ---------------------------------------------------------------------------------------------
//
// `define`/`init` send the engine what it can keep (types, constraints, validators) and keep
// the functions here: an attribute's `get` and `set`, `getterMethods`/`setterMethods`, a
// `defaultValue` that is a function. `DataTypes.VIRTUAL` goes to the engine as a value with no
// column. Reads, `toJSON()` and `get({ plain: true })` call the getters as Sequelize 6 does
// (custom getters' keys first), `set` and `build` call the setters, `raw: true` skips both, and
// `getDataValue`/`setDataValue` are always raw.

/**
 * A failed validator's message as Sequelize makes it (`rawError.message || rawError ||
 * 'Validation error'`): a thrown `12` is "12". A value that throws when read gives the default.
 */
function validatorMessage(e) {
  try {
    const text = (e && e.message) || e;
    return text ? String(text) : 'Validation error';
  } catch (_) {
    return 'Validation error';
  }
}

/**
 * `define`/`init` attributes as the engine takes them (shorthand types become `{ type }`, types
 * their string form), and the functions the shell keeps: `{ json, custom }`.
 */
function splitAttributes(attributes, modelName) {
  if (attributes === null || typeof attributes !== 'object' || Array.isArray(attributes)) {
    throw new TypeError(`${modelName}: the attributes must be an object such as { name: DataTypes.STRING }`);
  }
  const json = {};
  const custom = {
    getters: new Map(), setters: new Map(), defaults: new Map(), validators: new Map(), declared: Object.keys(attributes),
  };
  for (const name of Object.keys(attributes)) {
    const def = attributes[name];
    if (isDataType(def) || typeof def === 'string') {
      put(json, wellFormed(name), { type: typeof def === 'string' ? def : dataTypeText(def) });
    } else if (def !== null && typeof def === 'object' && !Array.isArray(def)) {
      const attr = {};
      for (const key of Object.keys(def)) {
        const v = def[key];
        if (key === 'get' || key === 'set') {
          if (typeof v !== 'function') throw new TypeError(`${modelName}.${name}: ${key} must be a function; got ${describeForError(v)}`);
          custom[key === 'get' ? 'getters' : 'setters'].set(name, v);
        } else if (key === 'defaultValue' && typeof v === 'function' && !isDataType(v)) {
          custom.defaults.set(name, v);
        } else if (key === 'validate' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
          // Validators that are functions run in the shell; the built-in ones go to the engine.
          const builtIn = {};
          const own = [];
          for (const [validator, test] of Object.entries(v)) {
            if (typeof test === 'function') own.push([validator, test]);
            // A `msg` that is a function is not called by Sequelize 6: its message is the
            // function's source text (new Error(fn)). Kept, so the output matches.
            else if (isPlainObject(test) && typeof test.msg === 'function') builtIn[validator] = { ...test, msg: String(test.msg) };
            else builtIn[validator] = test;
          }
          if (own.length) custom.validators.set(name, own);
          attr.validate = normalize(builtIn, `${name}.validate`);
        } else if (key === 'type') {
          attr.type = isDataType(v) ? dataTypeText(v) : normalize(v, `${name}.type`);
        } else {
          const x = normalize(v, `${name}.${key}`);
          if (x !== undefined) attr[key] = x;
        }
      }
      put(json, wellFormed(name), attr);
    } else {
      throw new TypeError(`${modelName}.${name}: expected a data type such as DataTypes.STRING or { type: DataTypes.STRING, ... }; got ${describeForError(def)}`);
    }
  }
  return { json, custom };
}

/**
 * The model state's getters and setters: `getterMethods` first, then the attributes' own, in
 * declaration order (the order of Sequelize's `_customGetters`, which `toJSON` follows).
 */
function customAccessors(st, custom, getterMethods, setterMethods, modelValidators) {
  const methods = (what, value) => {
    if (value === undefined || value === null) return [];
    if (typeof value !== 'object') throw new TypeError(`${st.name}: ${what} must be an object of functions`);
    return Object.entries(value).map(([key, fn]) => {
      if (typeof fn !== 'function') throw new TypeError(`${st.name}: ${what}.${key} must be a function; got ${describeForError(fn)}`);
      return [key, fn];
    });
  };
  st.getters = new Map([...methods('getterMethods', getterMethods), ...custom.getters]);
  st.setters = new Map([...methods('setterMethods', setterMethods), ...custom.setters]);
  st.defaults = custom.defaults;
  st.declared = custom.declared;
  st.validators = custom.validators;
  st.modelValidators = methods('validate', modelValidators);
}

/** Whether `st` has validators that are the learner's functions. */
const hasOwnValidators = (st) => st.validators.size > 0 || st.modelValidators.length > 0;

/**
 * Whether building or writing an instance of `st` must go through the shell: setters and
 * `defaultValue` functions shape the values, the learner's validators check them.
 */
const shapesValues = (st) => st.setters.size > 0 || st.defaults.size > 0 || hasOwnValidators(st);

/**
 * What `build(values)` gives the engine — the values without a setter, and the values of the
 * defaults that are functions (called now, as Sequelize does) — and what it sets afterwards
 * through setters.
 */
function splitBuildValues(st, values) {
  values = values === undefined || values === null ? {} : values;
  if (!shapesValues(st) || typeof values !== 'object') return { raw: values, defaults: null, viaSetters: [] };
  const defaults = {};
  for (const [name, fn] of st.defaults) if (values[name] === undefined) defaults[name] = fn();
  const raw = {};
  const viaSetters = [];
  for (const key of Object.keys(values)) {
    if (st.setters.has(key)) viaSetters.push([key, values[key]]);
    else raw[key] = values[key];
  }
  return { raw, defaults, viaSetters };
}

/** Attribute names in Sequelize's `rawAttributes` order: VIRTUAL ones where they were declared. */
function attributeNames(st) {
  const real = (st.info.attributes || []).map((a) => a.name);
  const virtuals = st.info.virtuals || [];
  if (!virtuals.length) return real;
  const declared = st.declared || [];
  const out = [];
  const pending = (upTo) => declared.slice(0, upTo).filter((v) => virtuals.includes(v) && !out.includes(v));
  let seenDeclared = false;
  for (const name of real) {
    const at = declared.indexOf(name);
    if (at >= 0) {
      seenDeclared = true;
      out.push(...pending(at));
    } else if (seenDeclared) {
      out.push(...pending(declared.length)); // the timestamps come after every declared attribute
    }
    out.push(name);
  }
  out.push(...pending(declared.length));
  return out;
}

/** `instance.toJSON()` / `get({ plain: true })` values with the getters applied, their keys first. */
function withGetters(inst, st, values, options) {
  if (!st.getters.size) return values;
  const out = {};
  for (const key of st.getters.keys()) out[key] = inst.get(key, options);
  for (const key of Object.keys(values)) if (!(key in out)) out[key] = values[key];
  return out;
}

/**
 * Validates an instance as Sequelize 6's `InstanceValidator` does: the engine's checks (allowNull,
 * types, built-in validators) and the learner's validator functions — per attribute, then the
 * model-wide ones — collected into one `ValidationError`, in Sequelize's order: what fails at
 * once (allowNull, types, a validator that throws), then the built-in validators, then the
 * validators that return a rejected Promise. `only` limits the check to some attributes
 * (`Model.update`'s values, the attributes a hook changed); model-wide validators always run.
 */
async function validateInstance(inst, only) {
  const cls = inst.constructor;
  const st = modelState(cls);
  const { h, db } = instanceState(inst);
  let engineItems = [];
  try {
    db.call('validate', [h]);
  } catch (e) {
    if (!(e instanceof db.api.ERRORS.ValidationError)) throw e;
    engineItems = e.errors;
    if (!only && !hasOwnValidators(st)) throw e;
  }
  const checked = (path) => !only || only.includes(path);
  const { ValidationErrorItem, ValidationError } = db.api.ERRORS;
  const failure = (path, key, value, e) => new ValidationErrorItem(
    validatorMessage(e), 'Validation error', path, value, inst, key, null, []);
  const atOnce = [];
  const later = [];
  const allowNull = new Map((st.info.attributes || []).map((a) => [a.name, a.allowNull !== false]));
  const run = (path, key, fn, value, arg) => {
    try {
      const result = fn.call(inst, arg);
      if (result && typeof result.then === 'function') later.push(Promise.resolve(result).then(() => null, (e) => failure(path, key, value, e)));
    } catch (e) {
      atOnce.push(failure(path, key, value, e));
    }
  };
  for (const name of attributeNames(st)) {
    if (!checked(name)) continue;
    atOnce.push(...engineItems.filter((x) => x.path === name && x.type !== 'Validation error'));
    const own = st.validators.get(name);
    if (!own) continue;
    const value = inst.getDataValue(name);
    if ((value === null || value === undefined) && allowNull.get(name) === false) continue;
    for (const [key, fn] of own) run(name, key, fn, value, value);
  }
  for (const [key, fn] of st.modelValidators) run(key, key, fn, null, inst);
  const builtIn = engineItems.filter((x) => x.type === 'Validation error' && checked(x.path));
  const errors = [...atOnce, ...builtIn, ...(await Promise.all(later)).filter((x) => x !== null)];
  if (errors.length) throw new ValidationError(null, errors);
}

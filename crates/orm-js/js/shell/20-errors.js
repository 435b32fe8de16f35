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
    defineProperty(cls, 'name', { value: name });
  }
  defineProperty(SequelizeAggregateError, 'name', { value: 'AggregateError' });

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
function parentError(raw, fallbackCode = 'SQLITE_ERROR') {
  const parent = new Error(raw.message);
  // The engine writes SQLite's result code first, as the sqlite3 driver does ("SQLITE_CONSTRAINT: …").
  const code = /^(SQLITE_[A-Z_]+):/.exec(raw.message || '');
  parent.code = code ? code[1] : fallbackCode;
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
      const parent = parentError(raw, 'SQLITE_CONSTRAINT');
      if (/^SQLITE_CONSTRAINT:/.test(message)) {
        // Straight from SQLite (a raw query, the QueryInterface): Sequelize's message, and one
        // item per column of a UNIQUE constraint ("UNIQUE constraint failed: t.a, t.b").
        const failed = /UNIQUE constraint failed: (.*)/.exec(message);
        const columns = failed ? failed[1].split(', ').map((c) => c.split('.').pop()) : [];
        for (const column of columns) items.push(new ValidationErrorItem(`${column} must be unique`, 'unique violation', column, null, null, 'not_unique', null, []));
        e = new UniqueConstraintError({ message: 'Validation error', errors: items, fields: columns, parent });
        break;
      }
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


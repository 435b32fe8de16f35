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
  defineProperty(value, DATA_TYPE, { value: text });
  defineProperty(value, 'key', { value: key, enumerable: true });
  for (const modifier of ['UNSIGNED', 'ZEROFILL', 'BINARY']) defineProperty(value, modifier, { get: () => value });
  defineProperty(value, 'toString', { value: () => text });
  defineProperty(value, 'toSql', { value: () => text });
  return value;
}

function makeType(key) {
  const type = function (...args) {
    return makeTypeValue(key, typeString(key, args));
  };
  defineProperty(type, 'name', { value: key });
  defineProperty(type, DATA_TYPE, { value: key });
  defineProperty(type, 'key', { value: key });
  for (const modifier of ['UNSIGNED', 'ZEROFILL', 'BINARY']) defineProperty(type, modifier, { get: () => type });
  defineProperty(type, 'toString', { value: () => key });
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


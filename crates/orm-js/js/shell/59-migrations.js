// ---------------------------------------------------------------------------------------------
// QueryInterface, migrations and dry runs
// ---------------------------------------------------------------------------------------------
//
// `sequelize.getQueryInterface()` is Sequelize's QueryInterface: each method sends its arguments
// to the engine's `queryInterface` (the core's `schema` module writes the DDL), so the
// statements are in the query log like every other. `sequelize.migrator(migrations)` runs
// sequelize-cli style migrations (`{ name, up(queryInterface, Sequelize), down(…) }`) in order,
// each in a transaction with foreign keys off until it commits (SQLite's own procedure for
// schema changes: a migration that fails half-way leaves the schema as it was, and rebuilding a
// table never cascades into the tables that reference it), and records what ran in a
// `SequelizeMeta` table, as sequelize-cli does.
//
// A dry run (`migrate({ dryRun: true })`, `undo({ dryRun: true })`, `sync({ alter, dryRun })`,
// `sequelize.dryRun(fn)`) runs the same statements in a transaction it rolls back, and reports
// them with the data they would lose and the schema they would change — nothing is kept.

const QUERY_INTERFACE = Symbol('orm.queryInterface');

/** A table argument: a name, or `{ tableName }` as Sequelize also takes. */
const tableName = (t) => (t !== null && typeof t === 'object' && typeof t.tableName === 'string' ? t.tableName : t);

/** The engine's own schema calls (not QueryInterface methods): read without logging, or the migrator's steps. */
function schemaCall(sequelize, method, args, options) {
  return plainify(sequelize[DB].call('queryInterface', [method, args || []], options || { logging: false }));
}

function makeQueryInterface(sequelize, promise) {
  const call = (method, args, options) => promise(() => {
    const { logging, benchmark } = splitOptions(options, `queryInterface.${method}`);
    return plainify(sequelize[DB].call('queryInterface', [method, args], { logging, benchmark }));
  });
  const attribute = (table, column, definition) => splitAttributes({ [column]: definition }, tableName(table)).json[column];
  return {
    sequelize,
    createTable: (table, attributes, options) => call('createTable', [tableName(table), splitAttributes(attributes, tableName(table)).json], options),
    dropTable: (table, options) => call('dropTable', [tableName(table)], options),
    dropAllTables: (options) => call('dropAllTables', [], options),
    renameTable: (from, to, options) => call('renameTable', [tableName(from), tableName(to)], options),
    showAllTables: (options) => call('showAllTables', [], options),
    describeTable: (table, options) => call('describeTable', [tableName(table)], options),
    addColumn: (table, column, definition, options) => call('addColumn', [tableName(table), column, attribute(table, column, definition)], options),
    changeColumn: (table, column, definition, options) => call('changeColumn', [tableName(table), column, attribute(table, column, definition)], options),
    removeColumn: (table, column, options) => call('removeColumn', [tableName(table), column], options),
    renameColumn: (table, from, to, options) => call('renameColumn', [tableName(table), from, to], options),
    addIndex: (table, fields, options) => call('addIndex', [tableName(table), normalize(fields, 'fields'), normalize(Array.isArray(fields) ? (options || {}) : {}, 'options')], Array.isArray(fields) ? options : fields),
    removeIndex: (table, name, options) => call('removeIndex', [tableName(table), typeof name === 'string' ? name : (Array.isArray(name) ? `${tableName(table)}_${name.join('_')}`.toLowerCase() : name)], options),
    showIndex: (table, options) => call('showIndex', [tableName(table)], options),
    // addConstraint(table, { type, fields, … }), or Sequelize 5's (table, fields, { … }).
    addConstraint: (table, options, legacy) => (Array.isArray(options)
      ? call('addConstraint', [tableName(table), normalize(options, 'fields'), normalize(legacy || {}, 'options')], legacy)
      : call('addConstraint', [tableName(table), normalize(options || {}, 'options')], options)),
    removeConstraint: (table, name, options) => call('removeConstraint', [tableName(table), name], options),
    showConstraint: (table, options) => call('showConstraint', [tableName(table)], options),
    getForeignKeyReferencesForTable: (table, options) => call('getForeignKeyReferencesForTable', [tableName(table)], options),
    bulkInsert: (table, rows, options) => call('bulkInsert', [tableName(table), normalize(rows, 'rows')], options),
    bulkDelete: (table, where, options) => call('bulkDelete', [tableName(table), where ? normalize(where, 'where', [], true) : null], options),
    bulkUpdate: (table, values, where, options) => call('bulkUpdate', [tableName(table), normalize(values, 'values'), where ? normalize(where, 'where', [], true) : null], options),
    select: (_model, table, options) => call('select', [tableName(table), normalize({ where: options && options.where, attributes: options && options.attributes }, 'options')], options && { logging: options.logging }),
    rawSelect: (table, options, attribute) => call('rawSelect', [tableName(table), normalize({ where: options && options.where }, 'options'), String(attribute)], options && { logging: options.logging }),
  };
}

/**
 * Runs `fn` (async) with foreign keys off, in a transaction it rolls back, and reports what it
 * would have done: `{ statements, dataLoss, changes, error }` — the SQL in order, the data-loss
 * warnings' messages, the schema changes (`{ table, change, before, after }`), and the message of
 * the error that stopped it (null when it ran to the end). Nothing is kept.
 */
async function dryRunOf(sequelize, fn) {
  const db = sequelize[DB];
  schemaCall(sequelize, 'schemaMark');
  schemaCall(sequelize, 'setForeignKeys', [false], {});
  const t = await sequelize.transaction();
  db.flushRunEvents();
  const from = db.run ? db.run.events.length : 0;
  let error = null;
  try {
    await fn();
    schemaCall(sequelize, 'checkForeignKeys', [], {});
  } catch (e) {
    error = e && typeof e.message === 'string' ? e.message : String(e);
  }
  db.flushRunEvents();
  const to = db.run ? db.run.events.length : 0;
  const changes = schemaCall(sequelize, 'schemaDiff');
  try {
    await t.rollback();
  } finally {
    schemaCall(sequelize, 'setForeignKeys', [true], {});
  }
  const events = db.run ? db.run.events.slice(from, to) : [];
  return { statements: events.map((e) => e.sql), dataLoss: dataLossOf(db, events), changes, error };
}

/** The messages of the data-loss warnings about these statements (of the run in progress). */
function dataLossOf(db, events) {
  const ids = new Set(events.map((e) => e.id));
  const runId = db.run ? db.run.runIds.get(db.engine) : undefined;
  const findings = runId === undefined ? [] : (plainify(db.engine.findings(runId)) || []);
  return findings.filter((f) => f.kind === 'data-loss' && f.queryIds.some((id) => ids.has(id))).map((f) => f.message);
}

/**
 * `sequelize.migrator(migrations)`: `migrate()` runs the pending ones in order, `undo()` reverts
 * the last one run, `status()` lists `{ executed, pending }` by name; `{ dryRun: true }` reports
 * what `migrate()` or `undo()` would do and keeps nothing. `style` is how the migrations are
 * called and named: sequelize-cli's `up(queryInterface, Sequelize)` by default, or Umzug's (see
 * 59-umzug.js): `args(migration, name)`, the arguments of `up`/`down`; `logger`, Umzug's.
 */
function makeMigrator(sequelize, migrations, SequelizeClass, promise, style) {
  if (!Array.isArray(migrations)) throw new TypeError('sequelize.migrator: pass an array of migrations { name, up, down }');
  const names = new Set();
  migrations.forEach((m, i) => {
    if (!m || typeof m.up !== 'function') throw new TypeError(`sequelize.migrator: migration ${i + 1} needs an up(queryInterface, Sequelize) function`);
    const name = m.name || `migration-${i + 1}`;
    if (names.has(name)) throw new Error(`sequelize.migrator: two migrations are named ${name}`);
    names.add(name);
  });
  const nameOf = (m, i) => m.name || `migration-${i + 1}`;
  const qi = sequelize.getQueryInterface();
  const argsOf = style && style.args ? style.args : () => [qi, SequelizeClass];
  const logger = style && style.logger;
  const quiet = { logging: false };
  // What the page's migrations view shows: the migrations, and what each call of this migrator did.
  const record = { sequelize, migrations, SequelizeClass, style, names: migrations.map(nameOf), actions: [] };
  const run = sequelize[DB].run;
  if (run) (run.migrators || (run.migrators = [])).push(record);
  const ensureMeta = () => qi.createTable('SequelizeMeta', {
    name: { type: DataTypes.STRING, allowNull: false, unique: true, primaryKey: true },
  }, quiet);
  const executed = async () => {
    await ensureMeta();
    const rows = await sequelize.query('SELECT name FROM SequelizeMeta ORDER BY name', { type: 'SELECT', logging: false });
    return rows.map((r) => r.name);
  };
  // One migration: foreign keys off (SQLite ignores that inside a transaction), its own
  // transaction, the foreign keys checked before it commits, on again after.
  const step = async (s) => {
    const started = Date.now();
    if (logger) logger.info({ event: s.up ? 'migrating' : 'reverting', name: s.name });
    schemaCall(sequelize, 'setForeignKeys', [false], {});
    try {
      await sequelize.transaction(async () => {
        await s.fn(...s.args);
        schemaCall(sequelize, 'checkForeignKeys', [], {});
        await s.recordIt();
      });
    } catch (e) {
      if (style && style.failure) throw style.failure(s, e);
      if (e && typeof e.message === 'string') e.message = `Migration ${s.name} failed, and was rolled back: ${e.message}`;
      throw e;
    } finally {
      schemaCall(sequelize, 'setForeignKeys', [true], {});
    }
    if (logger) logger.info({ event: s.up ? 'migrated' : 'reverted', name: s.name, durationSeconds: (Date.now() - started) / 1000 });
  };
  const entries = () => [...migrations.entries()].map(([i, m]) => ({ m, name: nameOf(m, i) }));
  const notFound = (to) => new Error(`Couldn't find migration to apply with name ${JSON.stringify(to)}`);
  // The migrations `migrate()` would run, or `undo()` would revert, in order: every pending one
  // (or up to `to`, or `step` of them); the last one run (or down to `to` — 0 for all — or
  // `step` of them).
  const plan = async (kind, options) => {
    const done = await executed();
    const { to, step: count } = options || {};
    let chosen;
    if (kind === 'migrate') {
      chosen = entries().filter((e) => !done.includes(e.name));
      if (to !== undefined && to !== null) {
        const at = chosen.findIndex((e) => e.name === to);
        if (at < 0) throw notFound(to);
        chosen = chosen.slice(0, at + 1);
      }
    } else {
      chosen = entries().filter((e) => done.includes(e.name)).reverse();
      if (to === 0) {
        // every one
      } else if (to !== undefined && to !== null) {
        const at = chosen.findIndex((e) => e.name === to);
        if (at < 0) throw notFound(to);
        chosen = chosen.slice(0, at + 1);
      } else if (count === undefined) {
        if (chosen.length === 0 && !style) throw new Error('No executed migration to undo');
        chosen = chosen.slice(0, 1);
      }
    }
    if (typeof count === 'number') chosen = chosen.slice(0, count);
    return chosen.map(({ m, name }) => {
      if (kind === 'undo' && typeof m.down !== 'function') throw new Error(`Migration ${name} has no down(queryInterface, Sequelize) to undo it`);
      return {
        name,
        up: kind === 'migrate',
        fn: kind === 'migrate' ? m.up : m.down,
        args: argsOf(m, name),
        recordIt: kind === 'migrate'
          ? () => qi.bulkInsert('SequelizeMeta', [{ name }], quiet)
          : () => qi.bulkDelete('SequelizeMeta', { name }, quiet),
      };
    });
  };
  // Runs (or dry-runs) a plan; resolves to the names run.
  const act = (kind, options) => promise(async () => {
    const dry = !!(options && options.dryRun);
    schemaCall(sequelize, 'schemaMark');
    const action = { kind, dryRun: dry, names: [], changes: [], dataLoss: [], statements: [], error: null };
    record.actions.push(action);
    try {
      const steps = await plan(kind, options);
      action.names = steps.map((s) => s.name);
      if (dry) {
        const report = await dryRunOf(sequelize, async () => {
          for (const s of steps) {
            await s.fn(...s.args);
            await s.recordIt();
          }
        });
        Object.assign(action, report);
        return { migrations: action.names, ...report };
      }
      sequelize[DB].flushRunEvents();
      const runEvents = run ? run.events.length : 0;
      schemaCall(sequelize, 'schemaMark');
      try {
        for (const s of steps) await step(s);
      } finally {
        sequelize[DB].flushRunEvents();
        const events = run ? run.events.slice(runEvents) : [];
        action.statements = events.map((e) => e.sql);
        action.dataLoss = dataLossOf(sequelize[DB], events);
      }
      action.changes = schemaCall(sequelize, 'schemaDiff');
      return action.names;
    } catch (e) {
      action.error = e && typeof e.message === 'string' ? e.message : String(e);
      throw e;
    }
  });
  return {
    status: () => promise(async () => {
      const done = await executed();
      return { executed: entries().filter((e) => done.includes(e.name)).map((e) => e.name), pending: entries().filter((e) => !done.includes(e.name)).map((e) => e.name) };
    }),
    migrate: (options) => act('migrate', options),
    undo: (options) => act('undo', options).then((names) => (Array.isArray(names) && !(options && (options.step !== undefined || options.to !== undefined)) ? names[0] : names)),
  };
}

// ---- Migrations written from the models: the core's plan (`plansFromModels`) as code ----

/** A JavaScript string literal in single quotes. */
function jsString(text) {
  let out = "'";
  for (const c of String(text)) {
    const code = c.charCodeAt(0);
    if (c === '\\' || c === "'") out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return `${out}'`;
}
/** An object key: bare when it is an identifier. */
const jsKey = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : jsString(name));

/** The words of a SQL column definition: a quoted name, a string or a parenthesized group is one word. */
function sqlWords(text) {
  const words = [];
  let word = '';
  let quote = null;
  let depth = 0;
  for (const c of text) {
    if (quote) {
      word += c;
      if (c === quote) quote = null;
    } else if (/\s/.test(c) && depth === 0) {
      if (word) words.push(word);
      word = '';
    } else {
      if (c === "'" || c === '"' || c === '`') quote = c;
      else if (c === '[') quote = ']';
      else if (c === '(') depth += 1;
      else if (c === ')') depth = Math.max(0, depth - 1);
      word += c;
    }
  }
  if (word) words.push(word);
  return words;
}

const unquoteSql = (word) => {
  const close = { '`': '`', '"': '"', '[': ']', "'": "'" }[word[0]];
  return close && word.length > 1 && word.endsWith(close) ? word.slice(1, -1).split(close + close).join(close) : word;
};

const SEQUELIZE_TYPES = { 'VARCHAR(255)': 'STRING', 'TINYINT(1)': 'BOOLEAN', DATETIME: 'DATE', DATE: 'DATEONLY', 'DOUBLE PRECISION': 'DOUBLE' };

/** The Sequelize type of a declared SQL type; one Sequelize has no name for stays a string (Sequelize takes those). */
function typeCode(declared) {
  const upper = declared.toUpperCase();
  let m;
  if (SEQUELIZE_TYPES[upper]) return `Sequelize.${SEQUELIZE_TYPES[upper]}`;
  if ((m = /^VARCHAR\((\d+)\)$/.exec(upper))) return `Sequelize.STRING(${m[1]})`;
  if ((m = /^(?:DECIMAL|NUMERIC)\((\d+),\s*(\d+)\)$/.exec(upper))) return `Sequelize.DECIMAL(${m[1]}, ${m[2]})`;
  if (/^(INTEGER|BIGINT|FLOAT|REAL|TEXT|JSON|BLOB|UUID|DECIMAL)$/.test(upper)) return `Sequelize.${upper}`;
  return jsString(declared);
}

/** A SQL literal as JavaScript (`'it''s'` → `'it\'s'`, `NULL` → `null`). */
const literalCode = (sql) => (sql[0] === "'" ? jsString(unquoteSql(sql)) : /^null$/i.test(sql) ? 'null'
  : /^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(sql) ? sql : `Sequelize.literal(${jsString(sql)})`);

/** A column's SQL definition (`` `code` VARCHAR(20) NOT NULL DEFAULT 'x' ``) as Sequelize's attribute options. */
function attributeCode(sql) {
  const words = sqlWords(sql);
  const is = (j, keyword) => (words[j] || '').toUpperCase() === keyword;
  let i = 1;
  const type = [];
  while (i < words.length && !/^(CONSTRAINT|PRIMARY|NOT|NULL|UNIQUE|CHECK|DEFAULT|COLLATE|REFERENCES|GENERATED|AS)$/i.test(words[i])) type.push(words[i++]);
  const seen = {};
  for (; i < words.length; i += 1) {
    if (is(i, 'NOT') && is(i + 1, 'NULL')) { seen.notNull = true; i += 1; }
    else if (is(i, 'PRIMARY')) seen.primaryKey = true;
    else if (is(i, 'AUTOINCREMENT')) seen.autoIncrement = true;
    else if (is(i, 'UNIQUE')) seen.unique = true;
    else if (is(i, 'DEFAULT')) { seen.defaultValue = words[i + 1]; i += 1; }
    else if (is(i, 'REFERENCES')) {
      const target = words[i + 2] && words[i + 2][0] === '(' ? unquoteSql(words[i + 2].slice(1, -1).trim()) : 'id';
      seen.references = [unquoteSql(words[i + 1] || ''), target];
      for (let j = i; j < words.length; j += 1) {
        if (is(j, 'ON') && (is(j + 1, 'DELETE') || is(j + 1, 'UPDATE'))) {
          const action = (words[j + 2] || '').toUpperCase();
          seen[is(j + 1, 'DELETE') ? 'onDelete' : 'onUpdate'] = action === 'SET' || action === 'NO' ? `${action} ${(words[j + 3] || '').toUpperCase()}` : action;
        }
      }
    }
  }
  const fields = [`type: ${typeCode(type.join(' '))}`];
  if (seen.notNull || (seen.primaryKey && seen.autoIncrement)) fields.push('allowNull: false');
  if (seen.primaryKey) fields.push('primaryKey: true');
  if (seen.autoIncrement) fields.push('autoIncrement: true');
  if (seen.unique) fields.push('unique: true');
  if (seen.defaultValue !== undefined) fields.push(`defaultValue: ${literalCode(seen.defaultValue)}`);
  if (seen.references) fields.push(`references: { model: ${jsString(seen.references[0])}, key: ${jsString(seen.references[1])} }`);
  if (seen.onDelete) fields.push(`onDelete: ${jsString(seen.onDelete)}`);
  if (seen.onUpdate) fields.push(`onUpdate: ${jsString(seen.onUpdate)}`);
  return `{ ${fields.join(', ')} }`;
}

/**
 * The migration `{ name, up, down }` that carries out the core's plans, as code a learner can
 * paste into `sequelize.migrator([…])` or a sequelize-cli file; null when there is nothing to do.
 */
function migrationCode(name, plans) {
  if (!Array.isArray(plans) || plans.length === 0) return null;
  const up = [];
  const down = [];
  const call = (list, method, ...args) => list.push(`    await queryInterface.${method}(${args.join(', ')});`);
  for (const plan of plans) {
    const table = jsString(plan.table);
    if (plan.create) {
      const columns = plan.added.map(([column, sql]) => `      ${jsKey(column)}: ${attributeCode(sql)},`);
      call(up, 'createTable', table, `{\n${columns.join('\n')}\n    }`);
      call(down, 'dropTable', table);
    } else {
      for (const [column, sql] of plan.added) {
        call(up, 'addColumn', table, jsString(column), attributeCode(sql));
        call(down, 'removeColumn', table, jsString(column));
      }
      for (const [column, before, after] of plan.changed) {
        call(up, 'changeColumn', table, jsString(column), attributeCode(after));
        call(down, 'changeColumn', table, jsString(column), attributeCode(before));
      }
      for (const [column, before] of plan.removed) {
        call(up, 'removeColumn', table, jsString(column));
        call(down, 'addColumn', table, jsString(column), attributeCode(before));
      }
    }
    for (const [index, columns, unique] of plan.indexes) {
      call(up, 'addIndex', table, `[${columns.map(jsString).join(', ')}]`, `{ name: ${jsString(index)}${unique ? ', unique: true' : ''} }`);
      call(down, 'removeIndex', table, jsString(index));
    }
  }
  down.reverse();
  return `{\n  name: ${jsString(name)},\n  async up(queryInterface, Sequelize) {\n${up.join('\n')}\n  },\n  async down(queryInterface, Sequelize) {\n${down.join('\n')}\n  },\n}`;
}

/**
 * The report's `migrations`: the last migrator's migrations with their state (read without
 * logging) and what its calls did; null when the run declared none.
 */
function migrationsReport(run) {
  const last = run.migrators && run.migrators[run.migrators.length - 1];
  if (!last) return null;
  let executed = [];
  try {
    executed = schemaCall(last.sequelize, 'executedMigrations');
  } catch (_) { /* a failed engine: no state to show */ }
  const list = last.names.map((name) => ({ name, executed: executed.includes(name) }));
  let fromModels = null;
  try {
    fromModels = migrationCode('from-models', schemaCall(last.sequelize, 'plansFromModels'));
  } catch (_) { /* models the tables cannot be compared with: nothing to propose */ }
  return { list, actions: last.actions, fromModels };
}

/** The page's Dry run / Run / Undo: a call of the migrator the latest run declared, on its engine. */
async function migrationAction(run, kept, action) {
  if (!kept) throw new Error('There are no migrations to run: declare them with sequelize.migrator([…]) and run the code first');
  kept.sequelize[DB].run = run; // its statements belong to this run now
  const migrator = makeMigrator(kept.sequelize, kept.migrations, kept.SequelizeClass, (body) => trackedPromise(body, run), kept.style);
  if (action === 'undo') return migrator.undo();
  return migrator.migrate({ dryRun: action === 'dry-run' });
}

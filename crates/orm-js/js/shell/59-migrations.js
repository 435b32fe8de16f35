// ---------------------------------------------------------------------------------------------
// QueryInterface and migrations
// ---------------------------------------------------------------------------------------------
//
// `sequelize.getQueryInterface()` is Sequelize's QueryInterface: each method sends its arguments
// to the engine's `queryInterface` (the core's `schema` module writes the DDL), so the
// statements are in the query log like every other. `sequelize.migrator(migrations)` runs
// sequelize-cli style migrations (`{ name, up(queryInterface, Sequelize), down(…) }`) in order,
// each in a transaction (SQLite's DDL is transactional: a migration that fails half-way leaves
// the schema as it was), and records what ran in a `SequelizeMeta` table, as sequelize-cli does.

const QUERY_INTERFACE = Symbol('orm.queryInterface');

/** A table argument: a name, or `{ tableName }` as Sequelize also takes. */
const tableName = (t) => (t !== null && typeof t === 'object' && typeof t.tableName === 'string' ? t.tableName : t);

function makeQueryInterface(sequelize, promise) {
  const call = (method, args, options) => promise(() => {
    const { logging, benchmark } = splitOptions(options, `queryInterface.${method}`);
    return plainify(sequelize[DB].call('queryInterface', [method, args], { logging, benchmark }));
  });
  return {
    sequelize,
    createTable: (table, attributes, options) => call('createTable', [tableName(table), splitAttributes(attributes, tableName(table)).json], options),
    dropTable: (table, options) => call('dropTable', [tableName(table)], options),
    dropAllTables: (options) => call('dropAllTables', [], options),
    renameTable: (from, to, options) => call('renameTable', [tableName(from), tableName(to)], options),
    showAllTables: (options) => call('showAllTables', [], options),
    describeTable: (table, options) => call('describeTable', [tableName(table)], options),
    addColumn: (table, column, attribute, options) => call('addColumn', [tableName(table), column, splitAttributes({ [column]: attribute }, tableName(table)).json[column]], options),
    removeColumn: (table, column, options) => call('removeColumn', [tableName(table), column], options),
    renameColumn: (table, from, to, options) => call('renameColumn', [tableName(table), from, to], options),
    addIndex: (table, fields, options) => call('addIndex', [tableName(table), normalize(fields, 'fields'), normalize(Array.isArray(fields) ? (options || {}) : {}, 'options')], Array.isArray(fields) ? options : fields),
    removeIndex: (table, name, options) => call('removeIndex', [tableName(table), typeof name === 'string' ? name : (Array.isArray(name) ? `${tableName(table)}_${name.join('_')}`.toLowerCase() : name)], options),
    showIndex: (table, options) => call('showIndex', [tableName(table)], options),
    bulkInsert: (table, rows, options) => call('bulkInsert', [tableName(table), normalize(rows, 'rows')], options),
    bulkDelete: (table, where, options) => call('bulkDelete', [tableName(table), where ? normalize(where, 'where', [], true) : null], options),
    bulkUpdate: (table, values, where, options) => call('bulkUpdate', [tableName(table), normalize(values, 'values'), where ? normalize(where, 'where', [], true) : null], options),
    select: (_model, table, options) => call('select', [tableName(table), normalize({ where: options && options.where, attributes: options && options.attributes }, 'options')], options && { logging: options.logging }),
    rawSelect: (table, options, attribute) => call('rawSelect', [tableName(table), normalize({ where: options && options.where }, 'options'), String(attribute)], options && { logging: options.logging }),
  };
}

/**
 * `sequelize.migrator(migrations)`: `migrate()` runs the pending ones in order, `undo()` reverts
 * the last one run, `status()` lists `{ executed, pending }` by name.
 */
function makeMigrator(sequelize, migrations, SequelizeClass, promise) {
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
  const quiet = { logging: false };
  const ensureMeta = () => qi.createTable('SequelizeMeta', {
    name: { type: DataTypes.STRING, allowNull: false, unique: true, primaryKey: true },
  }, quiet);
  const executed = async () => {
    await ensureMeta();
    const rows = await sequelize.query('SELECT name FROM SequelizeMeta ORDER BY name', { type: 'SELECT', logging: false });
    return rows.map((r) => r.name);
  };
  const step = async (name, fn, record) => {
    try {
      await sequelize.transaction(async () => {
        await fn(qi, SequelizeClass);
        await record();
      });
    } catch (e) {
      if (e && typeof e.message === 'string') e.message = `Migration ${name} failed, and was rolled back: ${e.message}`;
      throw e;
    }
  };
  return {
    status: () => promise(async () => {
      const done = await executed();
      return { executed: done, pending: migrations.map(nameOf).filter((n) => !done.includes(n)) };
    }),
    migrate: () => promise(async () => {
      const done = await executed();
      const ran = [];
      for (const [i, m] of migrations.entries()) {
        const name = nameOf(m, i);
        if (done.includes(name)) continue;
        await step(name, m.up, () => qi.bulkInsert('SequelizeMeta', [{ name }], quiet));
        ran.push(name);
      }
      return ran;
    }),
    undo: () => promise(async () => {
      const done = await executed();
      const last = [...migrations.entries()].reverse().find(([i, m]) => done.includes(nameOf(m, i)));
      if (!last) throw new Error('No executed migration to undo');
      const [i, m] = last;
      const name = nameOf(m, i);
      if (typeof m.down !== 'function') throw new Error(`Migration ${name} has no down(queryInterface, Sequelize) to undo it`);
      await step(name, m.down, () => qi.bulkDelete('SequelizeMeta', { name }, quiet));
      return name;
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// require('umzug'): the migration runner sequelize-cli is built on, as tutorials use it
// ---------------------------------------------------------------------------------------------
//
// `new Umzug({ migrations: [{ name, up, down }], context, storage: new SequelizeStorage({
// sequelize }), logger })` with `up()`, `down()`, `pending()`, `executed()` (and `{ to, step }`)
// runs on the playground's migrator (59-migrations.js): the same SequelizeMeta table, each
// migration called as Umzug calls it (`up({ name, path, context })`). Where we differ: each
// migration runs in its own transaction with foreign keys off until it commits (Umzug runs them
// bare), so a failing one leaves nothing half-done; its MigrationError says the same as Umzug's.
// Migrations from files (`{ glob }`) cannot be read in a browser: list them in an array.

function createUmzugModule(api, promise) {
  class SequelizeStorage {
    constructor(options) {
      if (!options || !options.sequelize || !options.sequelize[DB]) {
        throw new Error('SequelizeStorage needs the Sequelize instance: new SequelizeStorage({ sequelize })');
      }
      const named = options.modelName || options.tableName;
      if (named && named !== 'SequelizeMeta') {
        throw new Error(`SequelizeStorage: the playground keeps the migrations run in SequelizeMeta (not ${named})`);
      }
      this.sequelize = options.sequelize;
    }
  }

  class MigrationError extends Error {
    constructor(migration, original) {
      super(`Migration ${migration.name} (${migration.direction}) failed: Original error: ${original && original.message !== undefined ? original.message : original}`, { cause: original });
      this.name = 'MigrationError';
      this.migration = migration;
      this.jse_cause = original;
    }
  }

  class Umzug {
    constructor(options) {
      if (!options || typeof options !== 'object') throw new TypeError('new Umzug({ migrations, context, storage, logger })');
      if (!(options.storage instanceof SequelizeStorage)) {
        throw new Error('The playground runs Umzug with a SequelizeStorage: storage: new SequelizeStorage({ sequelize })');
      }
      let list = options.migrations;
      if (typeof list === 'function') list = list(options.context);
      if (!Array.isArray(list)) {
        throw new Error('Umzug: migrations from files ({ glob }) cannot be read in the browser; pass them as an array of { name, up, down }');
      }
      const sequelize = options.storage.sequelize;
      const context = typeof options.context === 'function' ? options.context() : options.context;
      const byName = new Map(list.map((m) => [m && m.name, m]));
      const logger = options.logger || null; // (Umzug logs nothing unless given a logger)
      this.options = options;
      this.migrator = makeMigrator(sequelize, list, api.Sequelize, promise, {
        args: (m, name) => [{ name, path: m.path, context }],
        logger: logger || null,
        failure: (step, original) => new MigrationError({ name: step.name, path: (byName.get(step.name) || {}).path, direction: step.up ? 'up' : 'down' }, original),
      });
      this.meta = (names) => names.map((name) => ({ name, path: (byName.get(name) || {}).path }));
    }

    up(options) {
      return this.migrator.migrate(options || {}).then((names) => (Array.isArray(names) ? this.meta(names) : names));
    }

    down(options) {
      return this.migrator.undo({ step: 1, ...(options || {}) }).then((names) => (Array.isArray(names) ? this.meta(names) : names));
    }

    pending() {
      return this.migrator.status().then((s) => this.meta(s.pending));
    }

    executed() {
      return this.migrator.status().then((s) => this.meta(s.executed));
    }
  }

  return Object.freeze({ Umzug, SequelizeStorage, MigrationError });
}

// Migrations with Umzug (what sequelize-cli runs on), as tutorials run them from code: up, down,
// pending and executed, { to } and { step }, a MigrationError, and the schema after each step
const { Sequelize, DataTypes, Op } = require('sequelize');
const { Umzug, SequelizeStorage } = require('umzug');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const columns = async () => Object.keys(await sequelize.getQueryInterface().describeTable('orders')).join(',');
const umzug = new Umzug({
  migrations: [
    {
      name: '001-create-orders',
      async up({ context: queryInterface }) {
        await queryInterface.createTable('orders', {
          id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
          total: { type: DataTypes.DECIMAL(10, 2), allowNull: false },
        });
      },
      async down({ context: queryInterface }) { await queryInterface.dropTable('orders'); },
    },
    {
      name: '002-discount-code',
      async up({ context: queryInterface, name }) {
        console.log('running', name);
        await queryInterface.addColumn('orders', 'discount_code', { type: DataTypes.STRING, allowNull: true });
        await queryInterface.addIndex('orders', ['discount_code'], { name: 'orders_discount_code_idx', where: { discount_code: { [Op.ne]: null } } });
      },
      async down({ context: queryInterface }) {
        await queryInterface.removeIndex('orders', 'orders_discount_code_idx');
        await queryInterface.removeColumn('orders', 'discount_code');
      },
    },
  ],
  context: sequelize.getQueryInterface(),
  storage: new SequelizeStorage({ sequelize }),
  logger: undefined,
});
console.log('pending', JSON.stringify(await umzug.pending()));
console.log('up', JSON.stringify(await umzug.up()), await columns());
console.log('executed', JSON.stringify(await umzug.executed()));
console.log('meta', JSON.stringify(await sequelize.query('SELECT name FROM SequelizeMeta ORDER BY name', { type: 'SELECT' })));
console.log('down', JSON.stringify(await umzug.down()), await columns());
console.log('down to 0', JSON.stringify(await umzug.down({ to: 0 })));
console.log('tables', JSON.stringify(await sequelize.getQueryInterface().showAllTables()));
console.log('up step', JSON.stringify(await umzug.up({ step: 1 })), await columns());
console.log('up to', JSON.stringify(await umzug.up({ to: '002-discount-code' })), await columns());
console.log('up again', JSON.stringify(await umzug.up()));
try { await umzug.down({ to: 'nope' }); } catch (e) { console.log(e.name, e.message); }
const failing = new Umzug({
  migrations: [{ name: '003-fails', async up() { throw new Error('boom'); } }],
  context: sequelize.getQueryInterface(),
  storage: new SequelizeStorage({ sequelize }),
  logger: undefined,
});
try { await failing.up(); } catch (e) { console.log(e.name, e.message, e.cause.message); }
console.log('pending', JSON.stringify(await failing.pending()));

// Production code never calls sync(): it changes the schema with migrations, pairs of up() and
// down() that Umzug (what sequelize-cli runs on) applies in order and records in SequelizeMeta.
// 002 is a guide's classic: an optional discount code with a partial index that covers only the
// orders that have one. Watch the DDL in the SQL log, and the Migrations panel: Dry run shows
// what the pending migrations would do — and the data the careless 003 would lose — before
// anything changes.
const { Sequelize, DataTypes, Op, QueryTypes } = require('sequelize');
const { Umzug, SequelizeStorage } = require('umzug');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const columns = async () => Object.keys(await sequelize.getQueryInterface().describeTable('orders')).join(', ');

const umzug = new Umzug({
  migrations: [
    {
      name: '001-create-orders',
      async up({ context: queryInterface }) {
        await queryInterface.createTable('orders', {
          id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
          total: { type: DataTypes.DECIMAL(10, 2), allowNull: false },
          note: { type: DataTypes.STRING },
        });
        await queryInterface.bulkInsert('orders', [{ total: 20.5, note: 'gift wrap' }, { total: 35, note: null }]);
      },
      async down({ context: queryInterface }) {
        await queryInterface.dropTable('orders');
      },
    },
    {
      name: '002-discount-code',
      async up({ context: queryInterface }) {
        await queryInterface.addColumn('orders', 'discount_code', { type: DataTypes.STRING, allowNull: true });
        await queryInterface.addIndex('orders', ['discount_code'], {
          name: 'orders_discount_code_idx',
          where: { discount_code: { [Op.ne]: null } },
        });
      },
      async down({ context: queryInterface }) {
        await queryInterface.removeIndex('orders', 'orders_discount_code_idx');
        await queryInterface.removeColumn('orders', 'discount_code');
      },
    },
    {
      // Careless: the notes go for good, and 20.5 does not fit an INTEGER.
      name: '003-tidy-up',
      async up({ context: queryInterface }) {
        await queryInterface.removeColumn('orders', 'note');
        await queryInterface.changeColumn('orders', 'total', { type: DataTypes.INTEGER, allowNull: false });
      },
      async down({ context: queryInterface }) {
        await queryInterface.changeColumn('orders', 'total', { type: DataTypes.DECIMAL(10, 2), allowNull: false });
        await queryInterface.addColumn('orders', 'note', { type: DataTypes.STRING });
      },
    },
  ],
  context: sequelize.getQueryInterface(),
  storage: new SequelizeStorage({ sequelize }),
  logger: undefined,
});

await umzug.up({ to: '002-discount-code' });
console.log('after up:', await columns());
await sequelize.query('UPDATE orders SET discount_code = ? WHERE id = ?', { replacements: ['SPRING10', 1] });
const codes = () => sequelize.query('SELECT id FROM orders WHERE discount_code IS NOT NULL', { type: QueryTypes.SELECT });
console.log('orders with a code:', (await codes()).length);

// Undoing 002 drops the column — and every code stored in it: a down() can lose data.
await umzug.down();
console.log('after down:', await columns());
console.log('orders kept:', (await sequelize.query('SELECT id FROM orders', { type: QueryTypes.SELECT })).length);
console.log('pending:', (await umzug.pending()).map((m) => m.name).join(', '));

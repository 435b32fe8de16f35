// Production code never calls sync(): it changes the schema with migrations. A migration is a pair:
// up() makes a change, down() undoes it. This one is a guide's classic — an optional discount code,
// with a partial index that covers only the orders that have one. Watch the DDL in the SQL log.
const { Sequelize, DataTypes, Op, QueryTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const qi = sequelize.getQueryInterface();
const columns = async () => Object.keys(await qi.describeTable('orders')).join(', ');

await qi.createTable('orders', {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
  total: { type: DataTypes.DECIMAL(10, 2), allowNull: false },
});
await qi.bulkInsert('orders', [{ total: 20 }, { total: 35 }]);

const addDiscountCode = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'discount_code', { type: Sequelize.STRING, allowNull: true });
    await queryInterface.addIndex('orders', ['discount_code'], {
      name: 'orders_discount_code_idx',
      where: { discount_code: { [Op.ne]: null } },
    });
  },
  async down(queryInterface) {
    await queryInterface.removeIndex('orders', 'orders_discount_code_idx');
    await queryInterface.removeColumn('orders', 'discount_code');
  },
};

await addDiscountCode.up(qi, Sequelize);
console.log('after up:', await columns());
await sequelize.query('UPDATE orders SET discount_code = ? WHERE id = ?', { replacements: ['SPRING10', 1] });
const codes = () => sequelize.query('SELECT id FROM orders WHERE discount_code IS NOT NULL', { type: QueryTypes.SELECT });
console.log('orders with a code:', (await codes()).length);

// Undoing it drops the column — and every code stored in it: down() loses data.
await addDiscountCode.down(qi, Sequelize);
console.log('after down:', await columns());
console.log('orders kept:', (await sequelize.query('SELECT id FROM orders', { type: QueryTypes.SELECT })).length);

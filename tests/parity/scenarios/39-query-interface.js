// The QueryInterface a migration uses: createTable, addColumn, a partial index, describeTable after
// each step, bulkInsert / bulkDelete, renameColumn, removeColumn, renameTable, dropTable
const { Sequelize, DataTypes, Op } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const qi = sequelize.getQueryInterface();
const show = async (label) => {
  const d = await qi.describeTable('orders');
  console.log(label, Object.entries(d).map(([c, x]) => `${c}:${x.type}${x.allowNull ? '' : '!'}${x.primaryKey ? '*' : ''}${x.defaultValue !== undefined ? `=${x.defaultValue}` : ''}`).join(' '));
};
await qi.createTable('orders', {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false },
  total: { type: DataTypes.DECIMAL(10, 2), allowNull: false, defaultValue: 0 },
  createdAt: { type: DataTypes.DATE, allowNull: false },
});
await show('created');
await qi.addColumn('orders', 'discount_code', { type: DataTypes.STRING, allowNull: true });
await show('added');
const name = await qi.addIndex('orders', ['discount_code'], { name: 'orders_discount_code_idx', where: { discount_code: { [Op.ne]: null } } });
console.log('index', JSON.stringify((await qi.showIndex('orders')).map((i) => [i.name, i.unique, i.fields.map((f) => f.attribute)])));
await qi.bulkInsert('orders', [
  { total: 5, discount_code: 'SAVE5', createdAt: new Date(0) },
  { total: 9, discount_code: null, createdAt: new Date(0) },
]);
console.log('rows', JSON.stringify(await sequelize.query('SELECT id, total, discount_code FROM orders ORDER BY id', { type: 'SELECT' })));
await qi.removeIndex('orders', 'orders_discount_code_idx');
await qi.renameColumn('orders', 'discount_code', 'coupon');
await show('renamed');
console.log('kept', JSON.stringify(await sequelize.query('SELECT coupon FROM orders ORDER BY id', { type: 'SELECT' })));
await qi.removeColumn('orders', 'coupon');
await show('removed');
await qi.bulkDelete('orders', { total: 5 });
console.log('left', JSON.stringify(await sequelize.query('SELECT id, total FROM orders', { type: 'SELECT' })));
await qi.renameTable('orders', 'purchases');
console.log('tables', JSON.stringify(await qi.showAllTables()));
await qi.dropTable('purchases');
console.log('tables', JSON.stringify(await qi.showAllTables()));
try { await qi.describeTable('purchases'); } catch (e) { console.log(e.message); }
// bulkUpdate, select and rawSelect on a table with no model
await qi.createTable('items', { id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true }, name: DataTypes.STRING, qty: DataTypes.INTEGER });
await qi.bulkInsert('items', [{ name: 'a', qty: 1 }, { name: 'b', qty: 2 }, { name: 'c', qty: 3 }]);
console.log('bulkUpdate', await qi.bulkUpdate('items', { qty: 10 }, { name: ['a', 'b'] }));
console.log('select', JSON.stringify(await qi.select(null, 'items', { where: { qty: { [Op.gt]: 5 } }, attributes: ['name', 'qty'] })));
console.log('select all', JSON.stringify(await qi.select(null, 'items', {})));
console.log('rawSelect', await qi.rawSelect('items', { where: { name: 'c' } }, 'qty'), await qi.rawSelect('items', { where: { name: 'zz' } }, 'qty'));

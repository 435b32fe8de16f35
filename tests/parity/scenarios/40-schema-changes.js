// Changes ALTER TABLE cannot make: changeColumn, addConstraint / removeConstraint (unique, check),
// the foreign keys of a table, and sync({ alter: true }) adding, changing and dropping columns —
// with describeTable after each step and the rows kept
const { Sequelize, DataTypes, Op } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const qi = sequelize.getQueryInterface();
const show = async (table) => {
  const d = await qi.describeTable(table);
  console.log(table, Object.entries(d).map(([c, x]) => `${c}:${x.type}${x.allowNull ? '' : '!'}${x.primaryKey ? '*' : ''}${x.defaultValue !== undefined ? `=${x.defaultValue}` : ''}${x.references ? `->${x.references.model}.${x.references.key}` : ''}`).join(' '));
};
await qi.createTable('users', {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
  name: DataTypes.STRING,
});
await qi.createTable('orders', {
  id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
  total: { type: DataTypes.DECIMAL(10, 2), allowNull: false, defaultValue: 0 },
  userId: { type: DataTypes.INTEGER, references: { model: 'users', key: 'id' } },
  code: DataTypes.STRING,
  qty: DataTypes.STRING,
});
await qi.bulkInsert('users', [{ name: 'ada' }, { name: 'bob' }]);
await qi.bulkInsert('orders', [{ total: 5, userId: 1, code: 'A1', qty: '2' }, { total: 7, userId: 2, code: 'B2', qty: '3' }]);
await show('orders');
await qi.changeColumn('orders', 'code', { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'none' });
await show('orders');
await qi.changeColumn('orders', 'qty', { type: DataTypes.INTEGER });
await show('orders');
console.log(JSON.stringify(await sequelize.query('SELECT id, total, userId, code, qty, typeof(qty) AS t FROM orders ORDER BY id', { type: 'SELECT' })));
console.log(JSON.stringify((await qi.getForeignKeyReferencesForTable('orders')).map((r) => [r.tableName, r.columnName, r.referencedTableName, r.referencedColumnName])));

await qi.addConstraint('orders', { fields: ['code'], type: 'unique', name: 'orders_code_uk' });
try { await qi.bulkInsert('orders', [{ total: 1, userId: 1, code: 'A1' }]); } catch (e) { console.log(e.name, e.message); }
await qi.addConstraint('orders', { fields: ['total'], type: 'check', where: { total: { [Op.gte]: 0 } } });
try { await qi.bulkInsert('orders', [{ total: -1, userId: 1, code: 'C3' }]); } catch (e) { console.log(e.name, e.message); }
console.log(JSON.stringify((await qi.showConstraint('orders')).map((c) => [c.constraintName, c.constraintType, c.constraintCondition])));
await qi.removeConstraint('orders', 'orders_code_uk');
await qi.bulkInsert('orders', [{ total: 1, userId: 1, code: 'A1' }]);
console.log(JSON.stringify((await qi.showConstraint('orders')).map((c) => c.constraintName)));
console.log('orders', (await sequelize.query('SELECT count(*) AS n FROM orders', { type: 'SELECT', plain: true })).n);

// sync({ alter: true }): a new column, a changed one, a dropped one; the rows stay
const Tag = sequelize.define('Tag', { label: DataTypes.STRING, legacy: DataTypes.STRING }, { timestamps: false });
await Tag.sync();
await Tag.bulkCreate([{ label: 'red', legacy: 'x' }, { label: 'blue', legacy: 'y' }]);
await show('Tags');
const Tag2 = sequelize.define('Tag', {
  label: { type: DataTypes.STRING(40), allowNull: false },
  color: { type: DataTypes.STRING, allowNull: false, defaultValue: '#000' },
  legacy: DataTypes.STRING,
}, { timestamps: false });
await sequelize.sync({ alter: true });
await show('Tags');
console.log(JSON.stringify(await Tag2.findAll({ raw: true, order: [['id', 'ASC']] })));
const Tag3 = sequelize.define('Tag', {
  label: { type: DataTypes.STRING(40), allowNull: false },
  color: { type: DataTypes.STRING, allowNull: false, defaultValue: '#000' },
}, { timestamps: false });
await Tag3.sync({ alter: { drop: false } });
await show('Tags');
await Tag3.sync({ alter: true });
await show('Tags');
console.log(JSON.stringify(await Tag3.findAll({ raw: true, order: [['id', 'ASC']] })));

// What SQLite refuses, as Sequelize reports it: every constraint but a foreign key is a
// UniqueConstraintError on SQLite
await sequelize.query('CREATE TABLE checks (a TEXT UNIQUE, b INTEGER NOT NULL CHECK (b > 0))');
await sequelize.query("INSERT INTO checks (a, b) VALUES ('x', 1)");
for (const sql of ["INSERT INTO checks (a, b) VALUES ('x', 2)", "INSERT INTO checks (a, b) VALUES ('y', NULL)", "INSERT INTO checks (a, b) VALUES ('z', -1)"]) {
  try { await sequelize.query(sql); } catch (e) { console.log(e.name, e.message, JSON.stringify(e.errors.map((i) => [i.message, i.type, i.path, i.value])), JSON.stringify(e.fields), e.parent.message); }
}

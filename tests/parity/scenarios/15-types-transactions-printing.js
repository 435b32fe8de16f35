// Types as read back (ENUM, JSON, DATEONLY, BOOLEAN, defaults), unmanaged and managed transactions with their statements, query with model, and console.log of instances
const { Sequelize, DataTypes, Model, QueryTypes } = require('sequelize');
let n = 0;
const sequelize = new Sequelize('sqlite::memory:', { logging: () => n++ });
class Task extends Model {}
Task.init({
  title: { type: DataTypes.STRING(80), allowNull: false },
  status: { type: DataTypes.ENUM('todo', 'doing', 'done'), defaultValue: 'todo' },
  meta: DataTypes.JSON,
  due: DataTypes.DATEONLY,
  urgent: { type: DataTypes.BOOLEAN, defaultValue: false },
  points: { type: DataTypes.INTEGER, defaultValue: 1 },
}, { sequelize, modelName: 'task', timestamps: false });
await sequelize.sync();
const t1 = await Task.create({ title: 'Write', meta: { tags: ['a', 'b'], level: 2 }, due: '2024-05-06' });
console.log(t1.status, t1.urgent, t1.points, t1.meta, typeof t1.meta, t1.due, typeof t1.due);
const again = await Task.findByPk(t1.id);
console.log(again.meta, again.due, again.urgent, again.status);

n = 0;
const t = await sequelize.transaction();
await Task.create({ title: 'Inside' }, { transaction: t });
console.log('inside', await Task.count({ transaction: t }));
await t.rollback();
console.log('after rollback', await Task.count(), 'statements', n);
n = 0;
const made = await sequelize.transaction(async (tx) => {
  const x = await Task.create({ title: 'Kept', points: 5 }, { transaction: tx });
  await x.update({ urgent: true }, { transaction: tx });
  return x;
});
console.log('committed', made.title, made.urgent, await Task.count(), 'statements', n);
n = 0;
try {
  await sequelize.transaction(async (tx) => {
    await Task.create({ title: 'Lost' }, { transaction: tx });
    throw new Error('stop');
  });
} catch (e) { console.log('rolled back:', e.message, await Task.count(), 'statements', n); }

const viaQuery = await sequelize.query('SELECT * FROM tasks WHERE points > :p ORDER BY id', { replacements: { p: 2 }, model: Task, mapToModel: true });
console.log(viaQuery.length, viaQuery[0] instanceof Task, viaQuery[0].title, viaQuery[0].points);
const [rows, meta] = await sequelize.query('SELECT title FROM tasks ORDER BY id');
console.log(rows, typeof meta);
console.log(await sequelize.query('SELECT count(*) AS n FROM tasks', { type: QueryTypes.SELECT, plain: true }));

const found = await Task.findOne({ where: { title: 'Kept' }, attributes: ['id', 'title', 'points'] });
console.log(found);
found.points = 6;
console.log(found);
console.log(Task.build({ title: 'New' }));

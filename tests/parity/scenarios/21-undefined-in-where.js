// `undefined` in a where (a missing form field, a typo) must never widen a write to the whole table
const { Sequelize, DataTypes, Op } = require('sequelize');
let n = 0;
const sequelize = new Sequelize('sqlite::memory:', { logging: () => n++ });
const User = sequelize.define('User', { email: DataTypes.STRING, name: DataTypes.STRING }, { timestamps: false });
await sequelize.sync();
await User.bulkCreate([{ email: 'a@x.io', name: 'Ann' }, { email: 'b@x.io', name: 'Ben' }]);
const input = {};
const attempts = {
  destroy: () => User.destroy({ where: { email: input.email } }),
  update: () => User.update({ name: 'X' }, { where: { email: input.email } }),
  findAll: () => User.findAll({ where: { email: input.email } }),
  findOne: () => User.findOne({ where: { email: input.email } }),
  count: () => User.count({ where: { email: input.email } }),
  max: () => User.max('id', { where: { name: input.name } }),
  findAndCountAll: () => User.findAndCountAll({ where: { email: input.email } }),
  'and nested': () => User.destroy({ where: { [Op.and]: [{ name: 'Ann' }, { email: input.email }] } }),
  'or nested': () => User.destroy({ where: { [Op.or]: [{ email: input.email }] } }),
  'second key': () => User.destroy({ where: { name: 'Ann', email: input.email } }),
};
for (const [what, attempt] of Object.entries(attempts)) {
  n = 0;
  try {
    const r = await attempt();
    console.log(what, 'ran', JSON.stringify(r), 'statements', n);
  } catch (e) {
    console.log(what, e.name, '|', e.message, '| statements', n);
  }
}
// findOrCreate refuses it too (Sequelize opens and rolls back a transaction first: not counted here).
await User.findOrCreate({ where: { email: input.email } }).catch((e) => console.log('findOrCreate', e.name, '|', e.message));
console.log('rows left', await User.count());
// null is a value: it asks for IS NULL, and destroys nothing here.
console.log('null', await User.destroy({ where: { email: null } }), await User.count());
// A where that is undefined as a whole is no condition at all (Sequelize's own rule).
console.log('where undefined', (await User.findAll({ where: undefined })).length);

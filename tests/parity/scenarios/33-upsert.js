// Model.upsert: insert or update on the unique key, what it returns, and its hooks
const { Sequelize, DataTypes } = require('sequelize');
let n = 0;
const sequelize = new Sequelize('sqlite::memory:', { logging: () => n++ });
const User = sequelize.define('User', {
  email: { type: DataTypes.STRING, unique: true, validate: { isEmail: true } },
  name: DataTypes.STRING,
  visits: { type: DataTypes.INTEGER, defaultValue: 0 },
});
const Setting = sequelize.define('Setting', { key: { type: DataTypes.STRING, primaryKey: true }, value: DataTypes.STRING }, { timestamps: false });
await sequelize.sync();
n = 0;
const [ada, created] = await User.upsert({ email: 'ada@x.io', name: 'Ada' });
console.log('insert', ada.email, ada.name, created, 'statements', n);
const [again] = await User.upsert({ email: 'ada@x.io', name: 'Ada L.', visits: 3 });
console.log('update', again.name, again.visits);
const rows = await User.findAll();
console.log('rows', rows.length, rows[0].name, rows[0].visits, rows[0].createdAt <= rows[0].updatedAt);
await User.upsert({ id: rows[0].id, email: 'ada@lovelace.io', name: 'Ada' });
console.log('by id', (await User.findByPk(rows[0].id)).email, await User.count());
try { await User.upsert({ email: 'not an email' }); } catch (e) { console.log(e.name, e.errors[0].validatorKey); }
await Setting.upsert({ key: 'theme', value: 'dark' });
await Setting.upsert({ key: 'theme', value: 'light' });
await Setting.upsert({ key: 'lang', value: 'en' });
console.log('settings', JSON.stringify(await Setting.findAll({ order: [['key', 'ASC']], raw: true })));
User.addHook('beforeUpsert', (values) => { values.name = values.name.toUpperCase(); });
User.addHook('afterUpsert', ([user, isNew]) => { console.log('afterUpsert', user.name, isNew); });
await User.upsert({ email: 'bob@x.io', name: 'bob' });
console.log('bob', (await User.findOne({ where: { email: 'bob@x.io' } })).name);

// Conditions on a JSON attribute: nested objects, dotted keys, operators inside, sequelize.json
const { Sequelize, DataTypes, Op } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const Profile = sequelize.define('Profile', { name: DataTypes.STRING, meta: DataTypes.JSON }, { timestamps: false });
await sequelize.sync();
await Profile.bulkCreate([
  { name: 'ann', meta: { theme: 'dark', size: { w: 2, h: 1 }, tags: ['a'] } },
  { name: 'bob', meta: { theme: 'light', size: { w: 1 } } },
  { name: 'cy', meta: { theme: 'dark', size: { w: 5 }, beta: true } },
  { name: 'dee', meta: null },
]);
const names = (list) => list.map((p) => p.name).join();
console.log('nested', names(await Profile.findAll({ where: { meta: { theme: 'dark' } }, order: [['id', 'ASC']] })));
console.log('dotted', names(await Profile.findAll({ where: { 'meta.theme': 'light' } })));
console.log('deeper', names(await Profile.findAll({ where: { meta: { size: { w: { [Op.gt]: 1 } } } }, order: [['id', 'ASC']] })));
console.log('two keys', names(await Profile.findAll({ where: { meta: { theme: 'dark', size: { w: 5 } } } })));
console.log('dotted op', names(await Profile.findAll({ where: { 'meta.size.w': { [Op.lte]: 2 } }, order: [['id', 'ASC']] })));
console.log('json()', names(await Profile.findAll({ where: sequelize.where(sequelize.json('meta.theme'), 'light') })));
console.log('missing key', names(await Profile.findAll({ where: { meta: { beta: null } }, order: [['id', 'ASC']] })));
console.log('count', await Profile.count({ where: { meta: { theme: 'dark' } } }));
console.log('attribute', JSON.stringify(await Profile.findAll({ attributes: ['name', [sequelize.json('meta.theme'), 'theme']], order: [['id', 'ASC']], raw: true })));
try { await Profile.findAll({ where: { name: { first: 'x' } } }); } catch (e) { console.log(e.name); }

// Conditions on expressions: sequelize.where with fn, col and cast; comparing two columns
// (Op.col); a literal condition — each as Sequelize 6 writes them
const { Sequelize, DataTypes, Op } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING, age: DataTypes.INTEGER, minAge: DataTypes.INTEGER }, { timestamps: false });
await sequelize.sync();
await User.bulkCreate([
  { name: 'Ada', age: 36, minAge: 18 }, { name: 'bob', age: 17, minAge: 18 }, { name: 'CY', age: 41, minAge: 50 }, { name: 'dee', age: null, minAge: 1 },
]);
const names = (list) => list.map((u) => u.name).join();
const { fn, col, where, literal, cast } = sequelize;
console.log('lower', names(await User.findAll({ where: where(fn('lower', col('name')), 'ada') })));
console.log('length >', names(await User.findAll({ where: where(fn('length', col('name')), Op.gt, 2), order: [['id', 'ASC']] })));
console.log('ops object', names(await User.findAll({ where: where(fn('lower', col('name')), { [Op.like]: '%d%' }), order: [['id', 'ASC']] })));
console.log('string comparator', names(await User.findAll({ where: { [Op.and]: [where(col('age'), '>=', 18), { name: { [Op.ne]: 'CY' } }] } })));
console.log('is null', names(await User.findAll({ where: where(col('age'), null) })));
console.log('Op.col', names(await User.findAll({ where: { age: { [Op.gte]: col('minAge') } }, order: [['id', 'ASC']] })));
console.log('literal', names(await User.findAll({ where: literal('age > 30 OR age IS NULL'), order: [['id', 'ASC']] })));
console.log('cast', names(await User.findAll({ where: where(cast(col('age'), 'TEXT'), '36') })));
console.log('count', await User.count({ where: where(fn('upper', col('name')), 'BOB') }));
console.log('update', await User.update({ minAge: 0 }, { where: where(fn('lower', col('name')), 'cy') }), (await User.findOne({ where: { name: 'CY' } })).minAge);
console.log('destroy', await User.destroy({ where: { age: { [Op.lt]: col('minAge') } } }), await User.count());

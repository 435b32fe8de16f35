// Grouping with having (on an alias and on sequelize.where), and NULLS FIRST / LAST in order
const { Sequelize, DataTypes, Op } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const Sale = sequelize.define('Sale', { region: DataTypes.STRING, amount: DataTypes.INTEGER }, { timestamps: false });
await sequelize.sync();
await Sale.bulkCreate([
  { region: 'north', amount: 10 }, { region: 'north', amount: 5 }, { region: 'south', amount: 2 },
  { region: 'east', amount: null }, { region: 'east', amount: 30 }, { region: 'west', amount: null },
]);
const { fn, col, where } = sequelize;
console.log(JSON.stringify(await Sale.findAll({
  attributes: ['region', [fn('SUM', col('amount')), 'total']], group: ['region'], having: { total: { [Op.gt]: 10 } }, order: [['region', 'ASC']], raw: true,
})));
console.log(JSON.stringify(await Sale.findAll({
  attributes: ['region', [fn('COUNT', col('id')), 'n']], group: ['region'], having: where(fn('COUNT', col('id')), Op.gte, 2), order: [['region', 'ASC']], raw: true,
})));
console.log(JSON.stringify(await Sale.findAll({
  attributes: ['region', [fn('MAX', col('amount')), 'best']], group: 'region', having: { [Op.or]: [{ best: null }, { best: { [Op.lt]: 5 } }] }, order: [['region', 'ASC']], raw: true,
})));
const ids = async (order) => (await Sale.findAll({ attributes: ['id'], order, raw: true })).map((s) => s.id).join();
console.log('ASC NULLS LAST', await ids([['amount', 'ASC NULLS LAST'], ['id', 'ASC']]));
console.log('DESC NULLS FIRST', await ids([['amount', 'DESC NULLS FIRST'], ['id', 'ASC']]));
console.log('NULLS LAST', await ids([['amount', 'NULLS LAST'], ['id', 'DESC']]));

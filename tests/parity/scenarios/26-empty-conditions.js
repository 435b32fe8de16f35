// Conditions that are empty or undefined: which ones match nothing, which match every row, and
// which are refused — before a destroy runs on them
const { Sequelize, DataTypes, Op } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const Item = sequelize.define('Item', { name: DataTypes.STRING, qty: DataTypes.INTEGER }, { timestamps: false });
await sequelize.sync();
await Item.bulkCreate([{ name: 'a', qty: 1 }, { name: 'b', qty: 2 }, { name: null, qty: 3 }]);
const cases = {
  'empty IN list': { name: [] },
  'Op.in []': { name: { [Op.in]: [] } },
  'Op.notIn []': { name: { [Op.notIn]: [] } },
  'Op.or []': { [Op.or]: [] },
  'Op.and []': { [Op.and]: [] },
  'Op.or [{}]': { [Op.or]: [{}] },
  'Op.or [{}, a]': { [Op.or]: [{}, { name: 'a' }] },
  'Op.or {}': { [Op.or]: {} },
  'Op.not {}': { [Op.not]: {} },
  'null value': { name: null },
  'Op.ne null': { name: { [Op.ne]: null } },
  'Op.not null': { name: { [Op.not]: null } },
  'array with undefined': { name: ['a', undefined] },
  'nested where undefined': { [Op.or]: [{ name: 'a' }, { qty: undefined }] },
};
for (const [label, where] of Object.entries(cases)) {
  try {
    const n = await Item.count({ where });
    console.log(label, 'matches', n);
  } catch (e) {
    console.log(label, e.name, e.message);
  }
}
try { await Item.destroy(); } catch (e) { console.log('destroy()', e.message); }
try { await Item.destroy({}); } catch (e) { console.log('destroy({})', e.message); }
try { await Item.update({ qty: 0 }); } catch (e) { console.log('update without options', e.message); }
try { await Item.update({ qty: 0 }, {}); } catch (e) { console.log('update without where', e.message); }
console.log('findByPk(undefined)', await Item.findByPk(undefined), 'rows', await Item.count());

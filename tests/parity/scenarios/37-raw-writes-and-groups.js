// What raw writes return (lastID, changes), QueryTypes.INSERT / UPDATE / DELETE / UPSERT, and
// count({ group })
const { Sequelize, DataTypes, QueryTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const Item = sequelize.define('Item', { kind: DataTypes.STRING, qty: DataTypes.INTEGER }, { timestamps: false });
await sequelize.sync();
await Item.bulkCreate([{ kind: 'a', qty: 1 }, { kind: 'a', qty: 5 }, { kind: 'b', qty: 2 }]);
const [rows, meta] = await sequelize.query("INSERT INTO Items (kind, qty) VALUES ('c', 9)");
console.log('raw insert', rows, meta.lastID, meta.changes);
console.log('INSERT', JSON.stringify(await sequelize.query('INSERT INTO Items (kind, qty) VALUES (?, ?)', { replacements: ['d', 1], type: QueryTypes.INSERT })));
console.log('UPDATE', JSON.stringify(await sequelize.query('UPDATE Items SET qty = qty + 1 WHERE kind = ?', { replacements: ['a'], type: QueryTypes.UPDATE })));
console.log('UPSERT', JSON.stringify(await sequelize.query('INSERT INTO Items (id, kind) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET kind = excluded.kind', { replacements: [1, 'z'], type: QueryTypes.UPSERT })));
console.log('DELETE', JSON.stringify(await sequelize.query('DELETE FROM Items WHERE kind = ?', { replacements: ['d'], type: QueryTypes.DELETE })));
const [, updateMeta] = await sequelize.query("UPDATE Items SET qty = 0 WHERE kind = 'b'");
console.log('raw update', updateMeta.changes);
console.log('count group', JSON.stringify(await Item.count({ group: ['kind'] })));
console.log('count group where', JSON.stringify(await Item.count({ group: ['kind'], where: { qty: 6 } })));

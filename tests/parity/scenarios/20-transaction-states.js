// A transaction's life: a finished one refused, commit/rollback twice, nested transactions (savepoints)
// with parent and name, a rollback inside a managed transaction, afterCommit on both paths
const { Sequelize, DataTypes } = require('sequelize');
let n = 0;
const sequelize = new Sequelize('sqlite::memory:', { logging: () => n++ });
const Account = sequelize.define('Account', { owner: DataTypes.STRING, balance: DataTypes.INTEGER }, { timestamps: false });
await sequelize.sync();
const hide = (text, t) => text.split(t.id).join('<id>');

// A transaction that was rolled back (or committed) refuses every later query, and nothing is written.
const t = await sequelize.transaction();
await Account.create({ owner: 'ann', balance: 10 }, { transaction: t });
await t.rollback();
console.log('finished', t.finished);
n = 0;
try {
  await Account.create({ owner: 'late', balance: 1 }, { transaction: t });
} catch (e) {
  console.log(e.name, '|', hide(e.message, t), '|', 'statements', n);
}
for (const attempt of [() => Account.findAll({ transaction: t }), () => Account.update({ balance: 0 }, { where: {}, transaction: t }), () => Account.destroy({ where: { owner: 'x' }, transaction: t }), () => Account.count({ transaction: t })]) {
  try { await attempt(); console.log('ran'); } catch (e) { console.log(hide(e.message, t).slice(0, 60)); }
}
console.log('rows', await Account.count());
const c = await sequelize.transaction();
await Account.create({ owner: 'bea', balance: 20 }, { transaction: c });
await c.commit();
console.log('finished', c.finished);
try { await Account.findOne({ where: { owner: 'bea' }, transaction: c }); } catch (e) { console.log(hide(e.message, c).slice(0, 60)); }
try { await c.commit(); } catch (e) { console.log(e.message); }
try { await c.rollback(); } catch (e) { console.log(e.message); }
try { await t.rollback(); } catch (e) { console.log(e.message); }
console.log('rows', await Account.count());

// Nested transactions are savepoints: they know their parent and have a name.
await sequelize.transaction(async (outer) => {
  console.log('outer', outer.parent, typeof outer.id, outer.name === outer.id);
  await Account.create({ owner: 'cal', balance: 30 }, { transaction: outer });
  await sequelize.transaction({ transaction: outer }, async (inner) => {
    console.log('inner', inner.parent === outer, inner.id === outer.id, hide(inner.name, outer));
    await Account.create({ owner: 'dan', balance: 40 }, { transaction: inner });
  });
  try {
    await sequelize.transaction({ transaction: outer }, async (inner2) => {
      console.log('inner2', hide(inner2.name, outer));
      await Account.create({ owner: 'eve', balance: 50 }, { transaction: inner2 });
      throw new Error('undo eve');
    });
  } catch (e) {
    console.log('caught', e.message);
  }
  console.log('inside', (await Account.findAll({ transaction: outer, order: [['id', 'ASC']] })).map((a) => a.owner).join());
});
console.log('after nested', (await Account.findAll({ order: [['id', 'ASC']] })).map((a) => a.owner).join());

// Rolling back by hand inside a managed transaction: the managed one then cannot commit.
try {
  const result = await sequelize.transaction(async (m) => {
    await Account.create({ owner: 'fay', balance: 60 }, { transaction: m });
    await m.rollback();
    return 'done';
  });
  console.log('result', result);
} catch (e) {
  console.log('managed:', e.message);
}
console.log('fay', await Account.count({ where: { owner: 'fay' } }));

// afterCommit runs after a commit (managed and unmanaged) and never after a rollback.
const u = await sequelize.transaction();
u.afterCommit((tx) => console.log('afterCommit unmanaged', tx === u, tx.finished));
await Account.create({ owner: 'gus', balance: 70 }, { transaction: u });
await u.commit();
console.log('committed');
await sequelize.transaction(async (m) => {
  m.afterCommit(() => console.log('afterCommit managed'));
  await Account.create({ owner: 'hal', balance: 80 }, { transaction: m });
  console.log('callback done');
});
console.log('managed returned');
try {
  await sequelize.transaction(async (m) => {
    m.afterCommit(() => console.log('never printed'));
    throw new Error('boom');
  });
} catch (e) { console.log('rolled back', e.message); }
const r = await sequelize.transaction();
r.afterCommit(() => console.log('never printed either'));
await r.rollback();
try { r.afterCommit('nope'); } catch (e) { console.log(e.message); }
console.log('final', (await Account.findAll({ order: [['id', 'ASC']] })).map((a) => a.owner).join());

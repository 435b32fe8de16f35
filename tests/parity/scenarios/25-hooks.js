// Hooks as the tutorials use them: the order Sequelize runs them in for each operation, a hook that
// changes what is written, one that throws (nothing written), bulk operations with and without
// individualHooks, hooks: false, addHook/removeHook/hasHook, universal hooks, transactions in hooks
const { Sequelize, DataTypes } = require('sequelize');
let trace = [];
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', {
  email: { type: DataTypes.STRING, allowNull: false, validate: { isEmail: true } },
  name: DataTypes.STRING,
}, {
  timestamps: false,
  hooks: {
    beforeValidate: (user) => { trace.push('beforeValidate'); if (user.email) user.email = user.email.trim().toLowerCase(); },
    afterValidate: () => { trace.push('afterValidate'); },
    validationFailed: (user, options, error) => { trace.push(`validationFailed:${error.name}`); },
    beforeCreate: async (user) => { await new Promise((r) => setTimeout(r, 1)); trace.push('beforeCreate'); user.name = user.name || user.email.split('@')[0]; },
    afterCreate: (user) => { trace.push(`afterCreate:${user.id}`); },
    beforeSave: (user, options) => { trace.push(`beforeSave:${options.fields ? options.fields.join('+') : '-'}`); },
    afterSave: () => { trace.push('afterSave'); },
    beforeUpdate: (user) => { trace.push(`beforeUpdate:${user.changed()}`); },
    afterUpdate: () => { trace.push('afterUpdate'); },
    beforeDestroy: (user) => { trace.push(`beforeDestroy:${user.id}`); },
    afterDestroy: () => { trace.push('afterDestroy'); },
  },
});
const show = (label) => { console.log(label, trace.join(' ')); trace = []; };
await sequelize.sync();

const ada = await User.create({ email: '  ADA@Example.com ' });
show('create');
console.log(ada.email, ada.name);
const bob = User.build({ email: 'bob@example.com', name: 'Bob' });
await bob.save();
show('build+save');
await ada.update({ name: 'Ada L.' });
show('update');
await ada.save();
show('save unchanged');
ada.name = 'Ada Lovelace';
await ada.save();
show('save changed');
try { await User.create({ email: 'not-an-email' }); } catch (e) { console.log(e.name); }
show('invalid');
await bob.destroy();
show('destroy');

// A hook that throws: the operation stops and nothing is written.
User.addHook('beforeCreate', 'noBanned', (user) => { if (user.email.endsWith('@banned.io')) throw new Error('banned domain'); });
try { await User.create({ email: 'x@banned.io' }); } catch (e) { console.log('refused:', e.message); }
show('throwing hook');
console.log('rows', await User.count({ where: { email: 'x@banned.io' } }), User.hasHook('beforeCreate'), User.hasHooks('afterFind'));
User.removeHook('beforeCreate', 'noBanned');
await User.create({ email: 'y@banned.io' });
show('hook removed');

// Bulk operations: their own hooks, and the per-row ones only with individualHooks.
User.beforeBulkCreate((users, options) => { trace.push(`beforeBulkCreate:${users.length}:${options.individualHooks ? 'individual' : 'bulk'}`); });
User.afterBulkCreate((users) => { trace.push(`afterBulkCreate:${users.length}`); });
User.addHook('beforeBulkUpdate', (options) => { trace.push(`beforeBulkUpdate:${JSON.stringify(options.attributes)}`); });
User.addHook('afterBulkUpdate', () => { trace.push('afterBulkUpdate'); });
User.addHook('beforeBulkDestroy', (options) => { trace.push(`beforeBulkDestroy:${JSON.stringify(options.where)}`); });
User.addHook('afterBulkDestroy', () => { trace.push('afterBulkDestroy'); });
await User.bulkCreate([{ email: 'c@example.com' }, { email: 'd@example.com' }]);
show('bulkCreate');
await User.bulkCreate([{ email: 'E@example.com' }], { individualHooks: true });
show('bulkCreate individual');
await User.update({ name: 'Cy' }, { where: { email: 'c@example.com' } });
show('Model.update');
await User.update({ name: 'Dee' }, { where: { email: ['d@example.com', 'e@example.com'] }, individualHooks: true });
show('Model.update individual');
await User.destroy({ where: { email: 'c@example.com' } });
show('Model.destroy');
await User.destroy({ where: { name: 'Dee' }, individualHooks: true });
show('Model.destroy individual');
console.log('left', (await User.findAll({ order: [['id', 'ASC']] })).map((u) => u.email).join());
await User.create({ email: 'quiet@example.com' }, { hooks: false });
show('hooks: false');

// Find hooks, and universal hooks on every model.
User.addHook('beforeFind', (options) => { trace.push('beforeFind'); options.where = { ...(options.where || {}), name: 'Ada Lovelace' }; });
User.addHook('afterFind', (result) => { trace.push(`afterFind:${Array.isArray(result) ? result.length : result && result.name}`); });
const found = await User.findAll();
show('findAll');
console.log(found.map((u) => u.name).join());
await User.findOne({ where: { email: 'nobody@example.com' } });
show('findOne');
await User.findByPk(1);
show('findByPk');
sequelize.addHook('beforeCreate', (instance) => { trace.push(`universal:${instance.constructor.name}`); });
const Tag = sequelize.define('Tag', { label: DataTypes.STRING }, { timestamps: false });
await Tag.sync();
await Tag.create({ label: 'x' });
show('universal hook');

// A hook's own queries join the operation's transaction.
User.addHook('afterCreate', 'audit', async (user, options) => {
  trace.push(`audit:${options.transaction ? 'in transaction' : 'none'}`);
  await Tag.create({ label: `user ${user.email}` }, { transaction: options.transaction });
});
try {
  await sequelize.transaction(async (t) => {
    await User.create({ email: 'tx@example.com' }, { transaction: t });
    throw new Error('roll back');
  });
} catch (e) { console.log(e.message); }
show('transaction');
console.log('after rollback', await User.count({ where: { email: 'tx@example.com' } }), await Tag.count({ where: { label: 'user tx@example.com' } }));

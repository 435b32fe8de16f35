// Hooks are your functions, run by the ORM in the middle of its work: beforeValidate tidies the
// email, beforeCreate refuses a domain, afterCreate writes an audit row — and fails for some users.
// Which rows are left when a hook throws, outside a transaction and inside one?
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });

const User = sequelize.define('User', {
  email: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { isEmail: true } },
}, { timestamps: false });
const Audit = sequelize.define('Audit', { entry: DataTypes.STRING }, { timestamps: false });

User.addHook('beforeValidate', (user) => {
  if (typeof user.email === 'string') user.email = user.email.trim().toLowerCase();
});
User.addHook('beforeCreate', (user) => {
  if (user.email.endsWith('@spam.example')) throw new Error(`refused ${user.email}`);
});
User.addHook('afterCreate', async (user, options) => {
  // Pass the transaction on, so the hook's own query joins it.
  await Audit.create({ entry: `created ${user.email}` }, { transaction: options.transaction });
  if (user.email.startsWith('crash')) throw new Error(`the audit of ${user.email} failed`);
});
await sequelize.sync();

const ada = await User.create({ email: '  Ada@Example.COM ' });
console.log('normalised', ada.email);

// A before hook that throws: no INSERT runs.
try { await User.create({ email: 'bot@spam.example' }); } catch (e) { console.log('before hook:', e.message); }

// An after hook that throws outside a transaction: the INSERT has already happened.
try { await User.create({ email: 'crash1@example.com' }); } catch (e) { console.log('outside:', e.message); }

// The same inside a transaction: everything rolls back, the audit row too.
try {
  await sequelize.transaction(async (t) => {
    await User.create({ email: 'crash2@example.com' }, { transaction: t });
  });
} catch (e) { console.log('inside:', e.message); }

console.log('users', (await User.findAll({ order: [['id', 'ASC']] })).map((u) => u.email).join(', '));
console.log('audit', (await Audit.findAll({ order: [['id', 'ASC']] })).map((a) => a.entry).join(', '));

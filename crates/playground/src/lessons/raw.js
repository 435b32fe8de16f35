// Raw SQL with replacements: every value is bound as a parameter, never spliced into the SQL.
const { Sequelize, DataTypes, QueryTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });

const User = sequelize.define('User', { name: DataTypes.STRING, role: DataTypes.STRING }, { tableName: 'users' });
await sequelize.sync();
await User.bulkCreate([{ name: 'ann', role: 'admin' }, { name: 'bob', role: 'user' }, { name: 'cy', role: 'user' }]);

const users = await sequelize.query('SELECT name FROM users WHERE role = :role ORDER BY name', {
  replacements: { role: 'user' },
  type: QueryTypes.SELECT,
});
console.log('users:', users.map((u) => u.name));

const evil = "x' OR '1'='1";
const rows = await sequelize.query('SELECT name FROM users WHERE name = :name', {
  replacements: { name: evil },
  type: QueryTypes.SELECT,
});
console.log('injection rows', rows.length);

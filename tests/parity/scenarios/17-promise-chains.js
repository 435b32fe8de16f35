// Older tutorials: un-awaited .then() chains and timers; Node runs them to the end after the script body returns
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING }, { timestamps: false });
sequelize.authenticate()
  .then(() => console.log('Connection has been established successfully.'))
  .catch((err) => console.error('Unable to connect to the database:', err));
sequelize.sync()
  .then(() => User.create({ name: 'Ann' }))
  .then((user) => { console.log('created', user.name, user.id); return User.bulkCreate([{ name: 'Bob' }, { name: 'Cy' }]); })
  .then(() => User.findAll({ order: [['id', 'ASC']] }))
  .then((users) => console.log('users', users.map((u) => u.name).join(',')))
  .then(() => User.findOne({ where: { name: 'Nobody' }, rejectOnEmpty: true }))
  .then(() => console.log('not printed'))
  .catch((err) => console.log('caught', err.name))
  .finally(() => setTimeout(() => User.count().then((n) => console.log('count later', n)), 10));
console.log('scheduled');

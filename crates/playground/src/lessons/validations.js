// Validations run in the ORM before any SQL; constraints run in the database.
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });

const User = sequelize.define('User', {
  email: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { isEmail: true } },
  age: { type: DataTypes.INTEGER, validate: { min: 0, max: 150 } },
});
await sequelize.sync();
await User.create({ email: 'ann@example.com', age: 30 });

try {
  await User.create({ email: 'not-an-email', age: 200 }); // no INSERT runs
} catch (e) {
  console.log(e.name, e.errors.map((x) => x.message));
}
try {
  await User.create({ email: 'ann@example.com' }); // the INSERT runs and fails
} catch (e) {
  console.log(e.name, e.errors.map((x) => x.message));
}
console.log('users:', await User.count());

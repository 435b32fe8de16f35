// Error classes (names, instanceof, .errors, .fields), and what console.log prints for values a learner prints
const { Sequelize, DataTypes, Op, ValidationError, ValidationErrorItem, UniqueConstraintError, BaseError, DatabaseError, EmptyResultError, EagerLoadingError } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', {
  email: { type: DataTypes.STRING, allowNull: false, unique: true, validate: { isEmail: { msg: 'bad email' } } },
  age: { type: DataTypes.INTEGER, validate: { min: 0 } },
  active: { type: DataTypes.BOOLEAN, defaultValue: true },
  joined: DataTypes.DATE,
  price: DataTypes.DECIMAL(10, 2),
}, { timestamps: false });
const Tag = sequelize.define('Tag', { name: DataTypes.STRING }, { timestamps: false });
await sequelize.sync();
const ann = await User.create({ email: 'ann@example.com', age: 30, joined: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), price: 9.5 });
await User.create({ email: 'bob@example.com', age: 41, active: false, joined: new Date(0), price: 12 });

try { await User.create({ email: 'nope', age: -1 }); } catch (e) {
  console.log(e instanceof ValidationError, e instanceof BaseError, e instanceof Error, e instanceof UniqueConstraintError);
  console.log(e.name, e.constructor.name, e.errors.length);
  console.log(e.message);
  const item = e.errors[0];
  console.log(item instanceof ValidationErrorItem, item.message, item.type, item.path, item.value, item.validatorKey);
  console.log(e.errors.map((x) => `${x.path}:${x.validatorKey}`).join(' '));
}
try { await User.create({ age: 3 }); } catch (e) { console.log(e.name, e.errors[0].type, e.errors[0].path, e.errors[0].value, e.message); }
try { await User.create({ email: 'ann@example.com' }); } catch (e) {
  console.log(e instanceof UniqueConstraintError, e instanceof ValidationError, e instanceof DatabaseError, e.name, e.message);
  console.log(e.errors[0].message, e.errors[0].type, e.errors[0].path, e.errors[0].value, e.errors[0].validatorKey, JSON.stringify(e.fields));
}
try { await User.findOne({ where: { id: 99 }, rejectOnEmpty: true }); } catch (e) { console.log(e instanceof EmptyResultError, e.name, JSON.stringify(e.message)); }
try { await User.findAll({ include: [Tag] }); } catch (e) { console.log(e instanceof EagerLoadingError, e.name, e.message); }
try { await sequelize.query('SELECT * FROM nope'); } catch (e) { console.log(e instanceof DatabaseError, e.name, e.message); }
const custom = new ValidationError('custom', [new ValidationErrorItem('m', 'Validation error', 'f', 1)]);
console.log(custom.name, custom.message, custom.errors[0].path, custom instanceof BaseError);

const found = await User.findByPk(ann.id);
console.log(found.toJSON());
console.log(found.get({ plain: true }));
console.log((await User.findAll({ order: [['id', 'ASC']] })).map((u) => u.toJSON()));
console.log(JSON.stringify(found, null, 2));
console.log(found.joined, [found.joined], typeof found.price, found.price, found.active, typeof found.active);
console.log(await User.findAll({ attributes: ['email', 'age'], where: { age: { [Op.gt]: 35 } }, raw: true }));
console.log(await User.findOne({ where: { email: 'nobody' } }), await User.count(), await User.max('age'));
console.log('%s is %d years old (%j)', found.email, found.age, { active: found.active });
console.log(User, [User, Tag], Op.gt, typeof User, User.name);
console.log(found.dataValues);
console.log(Object.keys(found.dataValues), found.get('email'), found.email === found.get('email'));
console.log({ user: found.toJSON(), list: [1, 2, 3], nested: { deeper: { deepest: { gone: true } } } });

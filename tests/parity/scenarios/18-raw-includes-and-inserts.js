// raw/nest rows with an include that lists its attributes, findOne with a hasMany include (Sequelize limits the parent in a subquery), raw INSERT results
const { Sequelize, DataTypes, QueryTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING }, { timestamps: false });
const Task = sequelize.define('Task', { title: DataTypes.STRING }, { timestamps: false });
User.hasMany(Task, { as: 'tasks' });
Task.belongsTo(User);
await sequelize.sync();
const ann = await User.create({ name: 'Ann' });
await User.create({ name: 'Bob' });
await Task.bulkCreate([{ title: 'one', UserId: 1 }, { title: 'two', UserId: 1 }, { title: 'three' }]);
await (await Task.findByPk(3)).setUser(ann);
console.log(JSON.stringify(await Task.findAll({ include: [{ model: User, attributes: ['name'] }], raw: true, nest: true, order: [['id', 'ASC']] })));
console.log(JSON.stringify(await Task.findAll({ include: [{ model: User, attributes: ['name'] }], raw: true, order: [['id', 'ASC']] })));
const first = await User.findOne({ include: 'tasks' });
console.log(first.name, first.tasks.map((t) => t.title));
console.log(await sequelize.query("INSERT INTO Tasks (title) VALUES ('four')", { type: QueryTypes.INSERT }));
const [, meta] = await sequelize.query("INSERT INTO Tasks (title) VALUES ('five')");
console.log(meta.lastID, meta.changes);

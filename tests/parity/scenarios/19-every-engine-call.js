// Every finder, aggregate and association accessor, with and without `where`: the broad sweep that
// runs through the built page's worker, so a miscompiled release module fails the test command.
const { Sequelize, DataTypes, Op } = require('sequelize');
let n = 0;
const sequelize = new Sequelize('sqlite::memory:', { logging: () => n++ });
const User = sequelize.define('User', { name: DataTypes.STRING, age: DataTypes.INTEGER }, { timestamps: false });
const Profile = sequelize.define('Profile', { bio: DataTypes.STRING }, { timestamps: false });
const Task = sequelize.define('Task', { title: DataTypes.STRING, done: { type: DataTypes.BOOLEAN, defaultValue: false }, points: DataTypes.INTEGER }, { timestamps: false });
const Tag = sequelize.define('Tag', { label: DataTypes.STRING }, { timestamps: false });
User.hasOne(Profile);
Profile.belongsTo(User);
User.hasMany(Task);
Task.belongsTo(User);
Task.belongsToMany(Tag, { through: 'TaskTags' });
Tag.belongsToMany(Task, { through: 'TaskTags' });
await sequelize.sync();

// Creating: create, bulkCreate, build + save, findOrCreate, findOrBuild, findCreateFind.
const ada = await User.create({ name: 'Ada', age: 36 });
const [bob, cy] = await User.bulkCreate([{ name: 'Bob', age: 25 }, { name: 'Cy', age: 41 }]);
const dee = User.build({ name: 'Dee', age: 19 });
await dee.save();
const [found, created] = await User.findOrCreate({ where: { name: 'Ada' }, defaults: { age: 1 } });
const [eve, createdEve] = await User.findOrCreate({ where: { name: 'Eve' }, defaults: { age: 52 } });
const [built, isNew] = await User.findOrBuild({ where: { name: 'Fay' }, defaults: { age: 30 } });
const [again, againNew] = await User.findCreateFind({ where: { name: 'Cy' } });
console.log('create', ada.id, bob.id, cy.id, dee.id, found.id, created, eve.id, createdEve, built.isNewRecord, isNew, again.id, againNew);

// Finders, each without and with where.
console.log('findAll', (await User.findAll()).length, (await User.findAll({ where: { age: { [Op.gt]: 30 } } })).map((u) => u.name).join());
console.log('findOne', (await User.findOne()).name, (await User.findOne({ where: { name: 'Bob' } })).age, await User.findOne({ where: { name: 'Nobody' } }));
console.log('findByPk', (await User.findByPk(2)).name, await User.findByPk(99), (await User.findByPk(3, { attributes: ['name'] })).toJSON());
const page = await User.findAndCountAll({ order: [['id', 'ASC']], limit: 2 });
const filtered = await User.findAndCountAll({ where: { age: { [Op.lt]: 40 } }, order: [['age', 'DESC']], offset: 1 });
console.log('findAndCountAll', page.count, page.rows.map((u) => u.name).join(), filtered.count, filtered.rows.map((u) => u.name).join());

// Aggregates, each without and with where.
console.log('count', await User.count(), await User.count({ where: { age: { [Op.gte]: 30 } } }), await User.count({ where: { name: 'Nobody' } }));
console.log('max', await User.max('age'), await User.max('age', { where: { age: { [Op.lt]: 40 } } }));
console.log('min', await User.min('age'), await User.min('age', { where: { name: { [Op.ne]: 'Dee' } } }));
console.log('sum', await User.sum('age'), await User.sum('age', { where: { name: ['Ada', 'Bob'] } }));
console.log('count col', await User.count({ distinct: true, col: 'age' }), await User.count({ col: 'age', where: { age: { [Op.gt]: 30 } } }));

// hasOne accessors.
const profile = await ada.createProfile({ bio: 'math' });
console.log('hasOne', (await ada.getProfile()).bio, await bob.getProfile(), profile.UserId);
const spare = await Profile.create({ bio: 'spare' });
await bob.setProfile(spare);
console.log('setProfile', (await bob.getProfile()).bio, (await Profile.findByPk(spare.id)).UserId);

// belongsTo accessors.
console.log('belongsTo', (await profile.getUser()).name);
await profile.setUser(cy);
console.log('setUser', (await profile.getUser()).name, (await Profile.findByPk(profile.id)).UserId);
const other = await Profile.create({ bio: 'new owner' });
const owner = await other.createUser({ name: 'Gus', age: 60 });
console.log('createUser', owner.name, other.UserId === owner.id);

// hasMany accessors, each without and with where.
const t1 = await ada.createTask({ title: 'write', points: 3 });
const t2 = await ada.createTask({ title: 'read', points: 5, done: true });
const t3 = await Task.create({ title: 'draw', points: 8 });
const t4 = await Task.create({ title: 'sing', points: 1 });
await ada.addTask(t3);
await ada.addTasks([t4]);
console.log('getTasks', (await ada.getTasks({ order: [['id', 'ASC']] })).map((t) => t.title).join(), (await ada.getTasks({ where: { done: true } })).map((t) => t.title).join());
console.log('countTasks', await ada.countTasks(), await ada.countTasks({ where: { points: { [Op.gt]: 2 } } }), await bob.countTasks());
console.log('hasTask', await ada.hasTask(t1), await ada.hasTasks([t1, t2]), await bob.hasTask(t1), await ada.hasTask(t1.id));
await ada.removeTask(t4);
await ada.removeTasks([t3]);
console.log('removeTask', await ada.countTasks(), (await Task.findByPk(t4.id)).UserId);
await bob.setTasks([t3, t4]);
console.log('setTasks', (await bob.getTasks({ order: [['id', 'ASC']] })).map((t) => t.title).join(), await ada.countTasks());
await bob.setTasks([]);
console.log('setTasks []', await bob.countTasks());

// belongsToMany accessors, each without and with where.
const [red, blue, green] = await Tag.bulkCreate([{ label: 'red' }, { label: 'blue' }, { label: 'green' }]);
await t1.addTag(red);
await t1.addTags([blue, green]);
const made = await t1.createTag({ label: 'gold' });
console.log('getTags', (await t1.getTags({ order: [['id', 'ASC']] })).map((t) => t.label).join(), (await t1.getTags({ where: { label: { [Op.like]: 'g%' } } })).map((t) => t.label).join(), made.id);
console.log('countTags', await t1.countTags(), await t1.countTags({ where: { label: 'red' } }), await t2.countTags());
console.log('hasTag', await t1.hasTag(red), await t1.hasTags([red, blue]), await t2.hasTag(red), await t1.hasTags([red, made]));
await t1.removeTag(blue);
await t1.removeTags([green]);
await t2.setTags([blue, green]);
console.log('setTags', (await t1.getTags({ order: [['id', 'ASC']] })).map((t) => t.label).join(), (await t2.getTags({ order: [['id', 'ASC']] })).map((t) => t.label).join());
console.log('tag tasks', (await blue.getTasks()).map((t) => t.title).join(), await green.countTasks());

// Writes: update, increment, decrement, reload, destroy, each without and with where.
const [changed] = await Task.update({ done: true }, { where: { points: { [Op.lt]: 4 } } });
const t1u = await t1.update({ points: 4 });
await t2.increment('points');
await t2.increment({ points: 10 });
await Task.increment({ points: 2 }, { where: { done: true } });
await t3.decrement('points', { by: 3 });
await t2.reload();
console.log('writes', changed, t1u.points, t2.points, (await Task.findByPk(t3.id)).points, await Task.sum('points'), await Task.sum('points', { where: { done: true } }));
console.log('destroy', await Task.destroy({ where: { title: 'sing' } }), await Task.count());
await t3.destroy();
console.log('instance destroy', await Task.count(), await Task.count({ where: { UserId: ada.id } }));

// Eager loading through each association, with and without where on the include.
const withAll = await User.findAll({ include: [Profile, Task], order: [['id', 'ASC'], [Task, 'id', 'ASC']] });
console.log('include', JSON.stringify(withAll.map((u) => [u.name, u.Profile && u.Profile.bio, u.Tasks.map((t) => t.title)])));
const onlyDone = await User.findAll({ include: [{ model: Task, where: { done: true } }], order: [['id', 'ASC']] });
console.log('include where', JSON.stringify(onlyDone.map((u) => [u.name, u.Tasks.map((t) => t.title)])));
const tagged = await Task.findOne({ where: { title: 'write' }, include: [{ model: Tag, where: { label: { [Op.ne]: 'red' } } }, User] });
console.log('include many-to-many', tagged.User.name, tagged.Tags.map((t) => t.label).join());
console.log('count include', await User.count({ include: [{ model: Task, where: { done: true } }] }), await User.count({ include: [{ model: Task, where: { done: true } }], distinct: true }));

// Truncate, and the number of statements of the whole scenario.
await Tag.destroy({ truncate: true });
console.log('truncate', await Tag.count(), 'statements', n);

// save({ fields }), class names of init'ed models, and a belongsToMany junction's own attributes
const { Sequelize, DataTypes, Model } = require('sequelize');
let n = 0;
const sequelize = new Sequelize('sqlite::memory:', { logging: () => n++ });
class User extends Model {}
User.init({ name: DataTypes.STRING, email: DataTypes.STRING, age: DataTypes.INTEGER }, { sequelize, modelName: 'user', timestamps: false });
class Project extends Model {}
Project.init({ title: DataTypes.STRING }, { sequelize, modelName: 'project', timestamps: false });
const Member = sequelize.define('Member', { role: { type: DataTypes.STRING, defaultValue: 'dev' }, hours: DataTypes.INTEGER }, { timestamps: false });
const Plain = sequelize.define('plain_thing', { x: DataTypes.INTEGER });
console.log('names', User.name, User.name === 'User', Project.name, Member.name, Plain.name, User.tableName, Plain.tableName);
console.log('modelName', User.options.name.singular, User.options.name.plural, Member.options.name.plural);
User.belongsToMany(Project, { through: Member });
Project.belongsToMany(User, { through: Member });
await sequelize.sync();

// save({ fields }) writes only the listed fields; the others stay changed.
const ada = await User.create({ name: 'Ada', email: 'ada@x.io', age: 36 });
ada.name = 'Ada L.';
ada.email = 'ada@lovelace.io';
n = 0;
await ada.save({ fields: ['name'] });
console.log('save fields', n, ada.changed(), ada.email);
const fresh = await User.findByPk(ada.id);
console.log('stored', fresh.name, fresh.email);
n = 0;
await ada.save();
console.log('save rest', n, (await User.findByPk(ada.id)).email);
n = 0;
ada.age = 37;
await ada.save({ fields: ['name'] });
console.log('nothing listed changed', n, ada.changed());
const bob = User.build({ name: 'Bob', email: 'bob@x.io', age: 20 });
await bob.save({ fields: ['name'] });
const bobRow = await User.findByPk(bob.id);
console.log('new with fields', bobRow.name, bobRow.email, bobRow.age);

// The junction's attributes: written through add, read on get and include.
const [p1, p2, p3] = await Project.bulkCreate([{ title: 'Engine' }, { title: 'Notes' }, { title: 'Loom' }]);
await ada.addProject(p1, { through: { role: 'lead', hours: 10 } });
await ada.addProjects([p2, p3], { through: { hours: 2 } });
await bob.addProject(p1);
const projects = await ada.getProjects({ order: [['id', 'ASC']] });
console.log('get', JSON.stringify(projects.map((p) => [p.title, p.Member.role, p.Member.hours])));
console.log('through keys', Object.keys(projects[0].Member.toJSON()).sort().join());
const slim = await ada.getProjects({ joinTableAttributes: [], order: [['id', 'ASC']] });
console.log('joinTableAttributes []', slim.length, slim[0].Member, JSON.stringify(slim[0].toJSON()));
const some = await ada.getProjects({ joinTableAttributes: ['role'], order: [['id', 'ASC']] });
console.log('joinTableAttributes role', JSON.stringify(some[0].Member.toJSON()));
const leads = await ada.getProjects({ through: { where: { role: 'lead' } } });
console.log('through where', leads.map((p) => p.title).join());
const users = await p1.getUsers({ order: [['id', 'ASC']] });
console.log('other side', JSON.stringify(users.map((u) => [u.name, u.Member.role])));
const withProjects = await User.findOne({ where: { id: ada.id }, include: [{ model: Project, through: { attributes: ['hours'] } }], order: [[Project, 'id', 'ASC']] });
console.log('include', JSON.stringify(withProjects.projects.map((p) => [p.title, p.Member.toJSON()])));
await ada.setProjects([p1], { through: { role: 'owner' } });
console.log('after set', JSON.stringify((await ada.getProjects()).map((p) => [p.title, p.Member.role, p.Member.hours])));
const made = await ada.createProject({ title: 'Mill' }, { through: { role: 'qa', hours: 1 } });
console.log('create', made.title, JSON.stringify((await Member.findAll({ where: { projectId: made.id }, raw: true }))));

// Instances (isNewRecord, changed, previous, set, dataValues, class and instance methods) and when `logging` is called (query counts per call, benchmark timing, per-call logging)
const { Sequelize, DataTypes, Model } = require('sequelize');
let n = 0;
const timings = [];
const sequelize = new Sequelize({ dialect: 'sqlite', storage: ':memory:', benchmark: true, logging: (sql, ms) => { n++; timings.push(typeof ms); } });
class Author extends Model {
  static async named(name) { return this.findOne({ where: { name } }); }
  greet() { return `I am ${this.name}`; }
}
Author.init({ name: DataTypes.STRING, books: { type: DataTypes.INTEGER, defaultValue: 0 } }, { sequelize, modelName: 'author', timestamps: false });
class Book extends Model {}
Book.init({ title: DataTypes.STRING }, { sequelize, modelName: 'book', timestamps: false });
Author.hasMany(Book, { as: 'works', foreignKey: 'authorId' });
Book.belongsTo(Author, { as: 'writer', foreignKey: 'authorId' });
const count = async (label, fn) => { n = 0; const r = await fn(); console.log(label, n); return r; };
await count('sync', () => sequelize.sync());
await count('authenticate', () => sequelize.authenticate());
const a = Author.build({ name: 'Ada' });
console.log('built', a.isNewRecord, a.id, a.books, JSON.stringify(a.changed()));
await count('save new', () => a.save());
console.log('saved', a.isNewRecord, a.id, a.changed());
a.name = 'Ada L.';
a.set({ books: 2 });
console.log('changed', JSON.stringify(a.changed()), a.changed('name'), a.changed('id'), a.previous('name'), JSON.stringify(a.previous()));
await count('save changes', () => a.save());
await count('save unchanged', () => a.save());
console.log('same instance', (await a.update({ books: 3 })) === a, (await a.increment('books')) === a, (await a.reload()) === a, a.books);
const b = await count('create', () => Author.create({ name: 'Bob' }));
await count('bulkCreate', () => Book.bulkCreate([{ title: 'Notes', authorId: a.id }, { title: 'Engines', authorId: a.id }, { title: 'Plans', authorId: b.id }]));
const found = await count('static method', () => Author.named('Ada L.'));
console.log(found.greet(), found instanceof Author, found instanceof Model, found === a, found.works);
const withWorks = await count('include', () => Author.findAll({ include: [{ model: Book, as: 'works' }], order: [['id', 'ASC'], [{ model: Book, as: 'works' }, 'id', 'ASC']] }));
console.log(withWorks.map((x) => `${x.name}: ${x.works.map((w) => w.title).join('+')}`).join(' | '), withWorks[0].works[0] instanceof Book);
console.log(JSON.stringify(withWorks[0].get({ plain: true })), Object.keys(withWorks[1].dataValues).join(','));
const plans = await Book.findOne({ where: { title: 'Plans' } });
const writer = await count('lazy belongsTo', () => plans.getWriter());
console.log(writer.name, await count('lazy count', () => writer.countWorks()));
await count('findAndCountAll', () => Book.findAndCountAll({ limit: 1 }));
await count('findOrCreate (found)', () => Author.findOrCreate({ where: { name: 'Bob' } }));
await count('update', () => Author.update({ books: 1 }, { where: { name: 'Bob' } }));
await count('destroy', () => Book.destroy({ where: { title: 'Plans' } }));
await count('per-call logging: false', () => Author.findAll({ logging: false }));
let custom = 0;
await Author.count({ logging: () => custom++ });
console.log('per-call logging function', custom, n);
console.log('timings', [...new Set(timings)].join(','));
console.log('models', Object.keys(sequelize.models).join(','), sequelize.models.author === Author, Author.getTableName(), Author.primaryKeyAttribute, Object.keys(Author.rawAttributes).join(','));

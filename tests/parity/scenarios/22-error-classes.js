// Which error class each failure is, as learners test it with instanceof and e.name
const { Sequelize, DataTypes, Op } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const Author = sequelize.define('Author', { name: { type: DataTypes.STRING, unique: true } }, { timestamps: false });
const Book = sequelize.define('Book', { title: { type: DataTypes.STRING, allowNull: false } }, { timestamps: false });
Author.hasMany(Book, { foreignKey: { name: 'authorId', allowNull: false }, onDelete: 'RESTRICT' });
Book.belongsTo(Author, { foreignKey: 'authorId' });
await sequelize.sync();
const ann = await Author.create({ name: 'Ann' });
await Book.create({ title: 'One', authorId: ann.id });
const show = (label, e) => console.log(label, e.name, e instanceof Sequelize.DatabaseError, e instanceof Sequelize.BaseError,
  e.original ? e.original.code : '-', e.parent === e.original);

// A row that a foreign key restricts cannot be deleted.
try { await ann.destroy(); } catch (e) {
  show('restrict', e);
  console.log(e instanceof Sequelize.ForeignKeyConstraintError, e.message, e.table, JSON.stringify(e.fields), e.index, e.reltype);
}
try { await Author.destroy({ where: { id: ann.id } }); } catch (e) { show('restrict bulk', e); }
// A foreign key pointing nowhere.
try { await Book.create({ title: 'Two', authorId: 99 }); } catch (e) {
  show('dangling', e);
  console.log(e instanceof Sequelize.ForeignKeyConstraintError, e.message);
}
// A unique constraint.
try { await Author.create({ name: 'Ann' }); } catch (e) {
  show('unique', e);
  console.log(e instanceof Sequelize.UniqueConstraintError, e instanceof Sequelize.ValidationError, e.message, JSON.stringify(e.fields), e.errors.map((x) => `${x.path}:${x.type}:${x.message}`).join());
}
// A where on an attribute the model does not have.
try { await Book.findAll({ where: { nope: 1 } }); } catch (e) {
  show('unknown column', e);
  console.log(e instanceof Error, typeof e.message);
}
// Raw SQL errors.
try { await sequelize.query('SELEC 1'); } catch (e) { show('syntax', e); console.log(e.message, e.sql); }
try { await sequelize.query('SELECT * FROM missing_table'); } catch (e) { show('no table', e); console.log(e.message); }
// rejectOnEmpty: true, an Error object, or an Error class.
try { await Book.findOne({ where: { title: 'none' }, rejectOnEmpty: true }); } catch (e) { show('empty', e); console.log(e instanceof Sequelize.EmptyResultError); }
class NotFound extends Error {}
try { await Book.findOne({ where: { title: 'none' }, rejectOnEmpty: new NotFound('no such book') }); } catch (e) { console.log('custom', e instanceof NotFound, e.name, e.message); }
try { await Book.findByPk(42, { rejectOnEmpty: new Error('book 42 is missing') }); } catch (e) { console.log('findByPk', e.name, e.message); }
try { await Book.findAll({ where: { title: 'none' }, rejectOnEmpty: true }); } catch (e) { console.log('findAll', e.name, e instanceof Sequelize.EmptyResultError); }
console.log('found', (await Book.findOne({ where: { title: 'One' }, rejectOnEmpty: true })).title);
console.log('books', await Book.count(), 'authors', await Author.count());

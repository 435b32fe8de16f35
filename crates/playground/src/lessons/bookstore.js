// A bookstore: create, read, update, delete. Press Run (Ctrl+Enter) and watch the SQL log.
const { Sequelize, DataTypes, Op } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });

const Book = sequelize.define('Book', {
  title: { type: DataTypes.STRING(200), allowNull: false },
  author: { type: DataTypes.STRING(100), allowNull: false },
  price: DataTypes.DECIMAL(10, 2),
});
await sequelize.sync();

await Book.create({ title: 'JavaScript: The Good Parts', author: 'Douglas Crockford', price: 29.99 });
await Book.create({ title: 'Eloquent JavaScript', author: 'Marijn Haverbeke', price: 34.95 });
await Book.create({ title: "You Don't Know JS", author: 'Kyle Simpson', price: 24.99 });

const cheap = await Book.findAll({ where: { price: { [Op.lt]: 30 } }, order: [['price', 'ASC']] });
console.log('cheap:', cheap.map((b) => b.title).join(', '));

const book = await Book.findByPk(2);
book.price = 31.5;
await book.save(); // UPDATE of the changed column only

await Book.destroy({ where: { author: 'Kyle Simpson' } });
console.log('books left:', await Book.count());

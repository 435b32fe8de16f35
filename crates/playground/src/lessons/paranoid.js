// A paranoid model sets deletedAt instead of deleting; restore() brings rows back.
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });

const Note = sequelize.define('Note', { text: DataTypes.STRING }, { paranoid: true });
await sequelize.sync();
await Note.bulkCreate([{ text: 'one' }, { text: 'two' }, { text: 'three' }]);

const two = await Note.findByPk(2);
await two.destroy(); // UPDATE ... SET deletedAt
console.log('visible', (await Note.findAll()).map((n) => n.text));
console.log('with deleted', await Note.count({ paranoid: false }));

await Note.restore({ where: { id: 2 } });
console.log('restored', await Note.count());

await Note.destroy({ where: { id: 3 }, force: true }); // a real DELETE
console.log('after force', await Note.count({ paranoid: false }));

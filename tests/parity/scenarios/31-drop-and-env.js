// Model.drop and sequelize.drop, and a tutorial's env-driven settings
const { Sequelize, DataTypes } = require('sequelize');
let n = 0;
const sequelize = new Sequelize(process.env.DB_URL || 'sqlite::memory:', { logging: () => n++ });
const Tag = sequelize.define('Tag', { label: DataTypes.STRING }, { timestamps: false });
const Note = sequelize.define('Note', { text: DataTypes.STRING }, { timestamps: false });
await sequelize.sync();
await Tag.create({ label: 'x' });
n = 0;
await Tag.drop();
console.log('drop', n);
try { await Tag.count(); } catch (e) { console.log(e.name, e.message); }
await Tag.sync();
console.log('again', await Tag.count());
await Tag.drop({ cascade: true });
await Note.create({ text: 'kept' });
console.log('note', await Note.count(), typeof process.env, process.env.NODE_ENV || 'development');

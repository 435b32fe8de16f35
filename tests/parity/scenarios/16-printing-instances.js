// console.log of instances: created, bulk-created, found with includes (one level and nested), and the plain forms
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const U = sequelize.define('User', { name: DataTypes.STRING, age: DataTypes.INTEGER, bio: DataTypes.STRING }, { timestamps: false });
const P = sequelize.define('Post', { title: DataTypes.STRING }, { timestamps: false });
U.hasMany(P, { as: 'posts' });
P.belongsTo(U);
await sequelize.sync();
console.log(await U.create({ name: 'Ann' }));
console.log(await U.bulkCreate([{ name: 'b', bio: 'x' }, { age: 4 }]));
await P.create({ title: 'x', UserId: 1 });
console.log(await U.findOne({ include: ['posts'] }));
console.log(await P.findOne({ include: [U] }));
const withPosts = await U.findAll({ include: ['posts'], order: [['id', 'ASC']] });
console.log(withPosts.map((u) => u.get({ plain: true })));
console.log(withPosts[0].posts, withPosts[1].posts);

// `limit` with a to-many include: Sequelize pages the users in a subquery (2 users, all their
// posts); `subQuery: false` limits the joined rows instead (1 user, 2 of its 3 posts); a `where`
// on the include keeps the subquery and filters it with a correlated probe; `separate: true`
// reads the posts in a second statement.
const { Sequelize, DataTypes } = require('sequelize');

const sequelize = new Sequelize('sqlite::memory:', { logging: console.log });
const User = sequelize.define('User', { name: DataTypes.STRING }, { timestamps: false });
const Post = sequelize.define('Post', { title: DataTypes.STRING }, { timestamps: false });
User.hasMany(Post);
Post.belongsTo(User);

await sequelize.sync();
await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }, { name: 'cy' }], { logging: false });
await Post.bulkCreate([
  { title: 'a1', UserId: 1 }, { title: 'a2', UserId: 1 }, { title: 'a3', UserId: 1 }, { title: 'b1', UserId: 2 },
], { logging: false });
const show = (users) => users.map((u) => `${u.name}: ${u.Posts.map((p) => p.title).join(',')}`).join(' | ');

console.log(show(await User.findAll({ include: Post, limit: 2, order: [['id', 'ASC']] })));
console.log(show(await User.findAll({ include: Post, limit: 2, subQuery: false, order: [['id', 'ASC']] })));
console.log(show(await User.findAll({ include: { model: Post, where: { title: 'b1' } }, limit: 2 })));
console.log(show(await User.findAll({ include: { model: Post, separate: true }, limit: 2, order: [['id', 'ASC']] })));
const page = await User.findAll({ include: Post, limit: 1, offset: 1, subQuery: false });
console.log(page.length, show(page));

// `attributes` without the key: Sequelize reads it all the same (first, and hidden, with a JOIN;
// last, and shown, with separate includes only).
console.log(JSON.stringify((await User.findAll({ attributes: ['name'], include: Post, order: [['id', 'ASC']] }))[0].toJSON()));
console.log(JSON.stringify((await User.findAll({ attributes: ['name'], include: { model: Post, separate: true }, limit: 1 }))[0].toJSON()));

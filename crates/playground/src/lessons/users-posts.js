// A user has many posts. `include` loads both in ONE query (a LEFT OUTER JOIN).
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });

const User = sequelize.define('User', { name: DataTypes.STRING });
const Post = sequelize.define('Post', { title: DataTypes.STRING });
User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
await sequelize.sync();

const ann = await User.create({ name: 'Ann' });
const bob = await User.create({ name: 'Bob' });
await Post.bulkCreate([
  { title: 'Hello', userId: ann.id },
  { title: 'Again', userId: ann.id },
  { title: 'First!', userId: bob.id },
]);

const users = await User.findAll({
  include: [{ model: Post, as: 'posts' }],
  order: [['id', 'ASC'], [{ model: Post, as: 'posts' }, 'id', 'ASC']],
});
for (const user of users) {
  console.log(user.name, '→', user.posts.map((p) => p.title).join(', '));
}

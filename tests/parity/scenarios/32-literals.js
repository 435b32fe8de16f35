// sequelize.literal as the learner's own SQL: a subquery as an attribute, ordering by it, a
// literal in fn and in order
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', { name: DataTypes.STRING }, { timestamps: false });
const Post = sequelize.define('Post', { title: DataTypes.STRING, stars: DataTypes.INTEGER }, { timestamps: false });
User.hasMany(Post);
Post.belongsTo(User);
await sequelize.sync();
const [ann, bob, cy] = await User.bulkCreate([{ name: 'Ann' }, { name: 'Bob' }, { name: 'Cy' }]);
await Post.bulkCreate([
  { title: 'a1', stars: 3, UserId: ann.id }, { title: 'a2', stars: 5, UserId: ann.id },
  { title: 'b1', stars: 1, UserId: bob.id }, { title: 'a3', stars: 2, UserId: ann.id },
]);
const users = await User.findAll({
  attributes: { include: [[sequelize.literal('(SELECT COUNT(*) FROM Posts WHERE Posts.UserId = User.id)'), 'postCount']] },
  order: [[sequelize.literal('postCount'), 'DESC'], ['name', 'ASC']],
});
console.log(JSON.stringify(users.map((u) => [u.name, u.get('postCount')])));
const stats = await Post.findAll({
  attributes: ['UserId', [sequelize.fn('SUM', sequelize.literal('stars * 2')), 'doubled'], [sequelize.literal('MAX(stars)'), 'best']],
  group: ['UserId'],
  order: [[sequelize.literal('doubled'), 'DESC']],
  raw: true,
});
console.log(JSON.stringify(stats));
const titles = await Post.findAll({ attributes: ['title'], order: sequelize.literal('stars DESC, title'), raw: true });
console.log(titles.map((p) => p.title).join());

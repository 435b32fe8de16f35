// The benchmark workload of issue #6, in plain Sequelize 6: the same file runs unchanged in real
// Sequelize on Node (run-sequelize.js), in real Sequelize on sql.js in the browser
// (browser/build.mjs, driven by ../browser/sequelize_browser.py) and in the playground
// (window.ormPlayground.run, driven by both). It times each step itself with performance.now() and prints one line per step,
// `bench STEP MS`, and one line per result check, `check STEP WHAT`, so a wrong result is visible.
const { Sequelize, DataTypes, QueryTypes } = require('sequelize');

const USERS = 1000;
const POSTS_PER_USER = 10;

const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const User = sequelize.define('User', {
  name: { type: DataTypes.STRING, allowNull: false },
  email: { type: DataTypes.STRING, allowNull: false },
});
const Post = sequelize.define('Post', {
  title: { type: DataTypes.STRING, allowNull: false },
  body: DataTypes.TEXT,
});
User.hasMany(Post);
Post.belongsTo(User);
// Issue 22's lifecycle cost: a hook the learner wrote, called once per row.
const Tag = sequelize.define('Tag', { label: { type: DataTypes.STRING, allowNull: false } });
Tag.beforeCreate((tag) => {
  tag.label = tag.label.trim();
});
// Issue 22's validators: a model whose every create runs them (len, isEmail), one row at a time.
const Account = sequelize.define('Account', {
  handle: { type: DataTypes.STRING, allowNull: false, validate: { len: [3, 40] } },
  email: { type: DataTypes.STRING, allowNull: false, validate: { isEmail: true } },
});
await sequelize.sync();

/** Times `work()` alone, then prints the time and `check(result)` (not timed). */
async function step(name, work, check) {
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  console.log(`bench ${name} ${ms.toFixed(3)}`);
  console.log(`check ${name} ${check(result)}`);
  return result;
}

/** `users=U posts=P each=N`: what a read gave back (N: posts per user, or `mixed`). */
function counted(users, postsOf) {
  const sizes = new Set();
  let posts = 0;
  for (const user of users) {
    const mine = postsOf(user);
    if (mine.some((post) => post.UserId !== user.id)) return `post of another user under user ${user.id}`;
    sizes.add(mine.length);
    posts += mine.length;
  }
  return `users=${users.length} posts=${posts} each=${sizes.size === 1 ? [...sizes][0] : 'mixed'}`;
}

const users = await step('bulkCreate-users', () => {
  const rows = [];
  for (let i = 1; i <= USERS; i++) rows.push({ name: `User ${i}`, email: `user${i}@example.com` });
  return User.bulkCreate(rows);
}, (created) => `created=${created.length} ids=${new Set(created.map((u) => u.id)).size}`);

await step('bulkCreate-posts', () => {
  const rows = [];
  for (const user of users) {
    for (let j = 1; j <= POSTS_PER_USER; j++) {
      rows.push({ title: `Post ${j} of ${user.name}`, body: 'Lorem ipsum dolor sit amet.', UserId: user.id });
    }
  }
  return Post.bulkCreate(rows);
}, (created) => `created=${created.length}`);

await step('bulkCreate-hooks', () => {
  const rows = [];
  for (let i = 1; i <= USERS * POSTS_PER_USER; i++) rows.push({ label: `  tag ${i}  ` });
  return Tag.bulkCreate(rows, { individualHooks: true });
}, (created) => `created=${created.length} trimmed=${created.filter((t) => t.label === t.label.trim()).length}`);

await step('create-validated', async () => {
  let created = 0;
  for (let i = 1; i <= USERS; i++) {
    const account = await Account.create({ handle: `account${i}`, email: `account${i}@example.com` });
    if (account.id) created++;
  }
  return created;
}, (created) => `created=${created}`);

await step('include-join', () => User.findAll({ include: Post }), (found) => counted(found, (u) => u.Posts));

await step('include-separate', () => User.findAll({ include: [{ model: Post, separate: true }] }),
  (found) => counted(found, (u) => u.Posts));

await step('lazy-loop', async () => {
  const found = await User.findAll();
  const postsByUser = new Map();
  for (const user of found) postsByUser.set(user, await user.getPosts());
  return { found, postsByUser };
}, ({ found, postsByUser }) => counted(found, (u) => postsByUser.get(u)));

await step('find-by-pk', async () => {
  let found = 0;
  for (let id = 1; id <= USERS; id++) {
    const user = await User.findByPk(id);
    if (user && user.id === id) found++;
  }
  return found;
}, (found) => `found=${found}`);

// A reference, not a goal: the lazy loop's statements as raw queries (no instances built). Sequelize
// creates no index on a foreign key, so each one scans the 10,000 posts in SQLite.
await step('lazy-loop-raw', async () => {
  const found = await sequelize.query('SELECT `id` FROM `Users`', { type: QueryTypes.SELECT });
  let posts = 0;
  for (const user of found) {
    const rows = await sequelize.query(
      'SELECT `id`, `title`, `body`, `createdAt`, `updatedAt`, `UserId` FROM `Posts` WHERE `UserId` = ?',
      { replacements: [user.id], type: QueryTypes.SELECT });
    posts += rows.length;
  }
  return `users=${found.length} posts=${posts}`;
}, (check) => check);

await sequelize.close();

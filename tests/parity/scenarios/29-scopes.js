// Scopes: defaultScope, named scopes as objects and as functions with arguments, several merged,
// unscoped(), addScope, a scope with include and attributes; finders, count, update and destroy
const { Sequelize, DataTypes, Op } = require('sequelize');
let n = 0;
const sequelize = new Sequelize('sqlite::memory:', { logging: () => n++ });
const Team = sequelize.define('Team', { name: DataTypes.STRING }, { timestamps: false });
const Player = sequelize.define('Player', {
  name: DataTypes.STRING,
  age: DataTypes.INTEGER,
  active: { type: DataTypes.BOOLEAN, defaultValue: true },
  secret: DataTypes.STRING,
}, {
  timestamps: false,
  defaultScope: { where: { active: true }, attributes: { exclude: ['secret'] } },
  scopes: {
    adults: { where: { age: { [Op.gte]: 18 } } },
    named(name) { return { where: { name } }; },
    olderThan(age) { return { where: { age: { [Op.gt]: age } } }; },
    withTeam: { include: [{ model: Team, attributes: ['name'] }] },
    youngestFirst: { order: [['age', 'ASC']] },
    everything: { attributes: ['id', 'name', 'secret'] },
  },
});
Team.hasMany(Player);
Player.belongsTo(Team);
await sequelize.sync();
const [red, blue] = await Team.bulkCreate([{ name: 'Red' }, { name: 'Blue' }]);
await Player.bulkCreate([
  { name: 'Ann', age: 17, TeamId: red.id, secret: 'a' },
  { name: 'Ben', age: 25, TeamId: red.id, secret: 'b' },
  { name: 'Cy', age: 31, TeamId: blue.id, secret: 'c', active: false },
  { name: 'Dee', age: 42, TeamId: blue.id, secret: 'd' },
]);
const names = (list) => list.map((p) => p.name).join();
console.log('default', names(await Player.findAll({ order: [['id', 'ASC']] })), await Player.count());
console.log('keys', Object.keys((await Player.findOne({ where: { name: 'Ann' } })).toJSON()).join());
console.log('unscoped', names(await Player.unscoped().findAll({ order: [['id', 'ASC']] })), await Player.unscoped().count());
console.log('adults', names(await Player.scope('adults').findAll({ order: [['id', 'ASC']] })));
console.log('default + adults', names(await Player.scope('defaultScope', 'adults').findAll({ order: [['id', 'ASC']] })));
console.log('function', names(await Player.scope({ method: ['olderThan', 20] }).findAll({ order: [['id', 'ASC']] })));
console.log('two functions', names(await Player.scope({ method: ['olderThan', 20] }, { method: ['named', 'Dee'] }).findAll()));
console.log('merged where (later wins)', names(await Player.scope({ method: ['olderThan', 40] }, { method: ['olderThan', 20] }).findAll({ order: [['id', 'ASC']] })));
console.log('options win', names(await Player.scope('adults').findAll({ where: { age: 17 } })));
console.log('order scope', names(await Player.scope('youngestFirst', 'adults').findAll()));
const withTeam = await Player.scope('defaultScope', 'withTeam').findAll({ order: [['id', 'ASC']] });
console.log('include', JSON.stringify(withTeam.map((p) => [p.name, p.Team.name])));
console.log('attributes', JSON.stringify((await Player.scope('everything').findByPk(3)).toJSON()));
console.log('findByPk default', await Player.findByPk(3), (await Player.findByPk(2)).name);
console.log('count adults', await Player.scope('adults').count(), await Player.scope('adults').max('age'));
n = 0;
const [updated] = await Player.scope('adults').update({ secret: 'x' }, { where: {} });
console.log('update', updated, 'statements', n, (await Player.unscoped().count({ where: { secret: 'x' } })));
console.log('destroy', await Player.scope({ method: ['named', 'Ann'] }).destroy({ where: {} }), await Player.unscoped().count());
Player.addScope('teamRed', { where: { TeamId: red.id } });
console.log('addScope', names(await Player.scope('teamRed').findAll()));
try { Player.addScope('teamRed', {}); } catch (e) { console.log(e.message); }
try { Player.scope('nope'); } catch (e) { console.log(e.name, e.message); }
const AllPlayers = Player.scope(null);
console.log('scope(null)', AllPlayers.name, await AllPlayers.count());
const p = await Player.scope('adults').create({ name: 'Eve', age: 20 });
console.log('create through a scope', p.name, p instanceof Player);

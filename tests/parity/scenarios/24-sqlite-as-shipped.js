// Raw SQL a learner tries from SQLite's own docs: JSON functions and operators, math functions,
// blob literals, date modifiers, integrity_check and user_version — the browser's SQLite has them too
const { Sequelize, DataTypes, QueryTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });
const Event = sequelize.define('Event', { name: DataTypes.STRING, meta: DataTypes.JSON }, { timestamps: false });
await sequelize.sync();
await Event.bulkCreate([{ name: 'launch', meta: { tags: ['a', 'b'], level: 2 } }, { name: 'review', meta: { tags: [], level: 5 } }]);
const one = (sql, replacements) => sequelize.query(sql, { type: QueryTypes.SELECT, plain: true, replacements });
console.log(await one("SELECT json_extract(meta, '$.level') AS level, meta ->> '$.tags[0]' AS firstTag, json_array_length(meta, '$.tags') AS n FROM Events WHERE name = :name", { name: 'launch' }));
console.log(await one("SELECT json_object('a', 1, 'b', json_array(1, 2)) AS o, json_valid('{') AS bad, '{\"x\":{\"y\":3}}' -> '$.x' AS arrow"));
console.log(await sequelize.query("SELECT name FROM Events, json_each(Events.meta, '$.tags') AS t WHERE t.value = 'b'", { type: QueryTypes.SELECT }));
console.log(await one('SELECT sqrt(16) AS r, pow(2, 10) AS p, floor(2.7) AS f, ceil(2.1) AS c, round(ln(exp(1)), 6) AS e, pi() > 3.14 AS pi'));
console.log(await one("SELECT hex(X'CAFE') AS h, length(X'0001FF') AS n, typeof(X'00') AS t"));
console.log(await one("SELECT date('2024-02-28', '+1 day') AS d, strftime('%Y-%m', '2024-12-31') AS ym, julianday('2024-01-02') - julianday('2024-01-01') AS days"));
console.log(await one('PRAGMA integrity_check'));
await sequelize.query('PRAGMA user_version = 7');
console.log(await one('PRAGMA user_version'));
console.log(await one("SELECT 'abc' LIKE 'A%' AS likeCase, 5 BETWEEN 1 AND 10 AS btw, iif(1 > 2, 'y', 'n') AS iif, printf('%05.1f', 3.14159) AS pf"));
console.log(await one("SELECT group_concat(name, '|') AS names, total(json_extract(meta, '$.level')) AS levels FROM Events"));

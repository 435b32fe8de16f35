// Validators the learner writes: attribute validators as (sync or async) functions beside the
// built-in ones, model-wide validators, and what the ValidationError carries
const { Sequelize, DataTypes } = require('sequelize');
let n = 0;
const sequelize = new Sequelize('sqlite::memory:', { logging: () => n++ });
const Place = sequelize.define('Place', {
  name: {
    type: DataTypes.STRING,
    allowNull: false,
    validate: {
      len: [2, 20],
      noDigits(value) { if (/\d/.test(value)) throw new Error('A name has no digits'); },
    },
  },
  rating: {
    type: DataTypes.INTEGER,
    validate: {
      isEven(value) { if (value % 2 !== 0) throw new Error(`Only even ratings (got ${value})`); },
      async notTaken(value) {
        await new Promise((r) => setTimeout(r, 1));
        if (value === 4) throw new Error('Rating 4 is taken');
      },
    },
  },
  latitude: { type: DataTypes.FLOAT, allowNull: true, defaultValue: null },
  longitude: { type: DataTypes.FLOAT, allowNull: true, defaultValue: null },
}, {
  timestamps: false,
  validate: {
    bothCoordsOrNone() {
      if ((this.latitude === null) !== (this.longitude === null)) throw new Error('Either both latitude and longitude, or neither!');
    },
  },
});
await sequelize.sync();
const describe = (e) => `${e.name}: ${e.errors.map((x) => `[${x.path}|${x.type}|${x.validatorKey}|${x.validatorName}|${JSON.stringify(x.value)}] ${x.message}`).join(' ; ')}`;
n = 0;
const ok = await Place.create({ name: 'Cafe', rating: 2, latitude: 1.5, longitude: 2.5 });
console.log('created', ok.id, 'statements', n);
for (const values of [
  { name: 'Cafe 9', rating: 2 },
  { name: 'X', rating: 3 },
  { name: 'Bar', rating: 4 },
  { name: 'Inn', rating: 6, latitude: 1 },
  { name: 'B4', rating: 5, longitude: 2 },
]) {
  n = 0;
  try { await Place.create(values); console.log('created?'); } catch (e) { console.log(describe(e), '| statements', n); }
}
const place = Place.build({ name: 'Diner', rating: 7 });
try { await place.validate(); } catch (e) { console.log('validate():', describe(e)); }
place.rating = 8;
console.log('validate() ok:', await place.validate() === undefined ? 'undefined' : 'instance');
try { await ok.update({ rating: 5 }); } catch (e) { console.log('update:', describe(e)); }
console.log('stored rating', (await Place.findByPk(ok.id)).rating);
await ok.update({ latitude: null, longitude: null });
console.log('count', await Place.count());
// A msg that is a function: Sequelize 6 does not call it, the message is its source text.
const Tag = sequelize.define('Tag', {
  label: { type: DataTypes.STRING, allowNull: false, validate: { len: { args: [3, 9], msg: (v) => `bad ${v}` }, notNull: { msg: 'need a label' } } },
}, { timestamps: false });
await Tag.sync();
try { await Tag.create({ label: 'ab' }); } catch (e) { console.log(describe(e)); }
try { await Tag.create({}); } catch (e) { console.log(describe(e)); }

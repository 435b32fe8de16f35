// Getters, setters and VIRTUAL attributes as the tutorials write them: what reads, toJSON,
// get({ plain: true }), raw reads and writes see; a setter that hashes into another column
const { Sequelize, DataTypes, Model } = require('sequelize');
let n = 0;
const sequelize = new Sequelize('sqlite::memory:', { logging: () => n++ });
const hash = (s) => `hashed(${s.split('').reverse().join('')})`;
const User = sequelize.define('User', {
  firstName: DataTypes.STRING,
  lastName: DataTypes.STRING,
  username: {
    type: DataTypes.STRING,
    get() {
      const raw = this.getDataValue('username');
      return raw ? raw.toUpperCase() : null;
    },
  },
  passwordHash: DataTypes.STRING,
  password: {
    type: DataTypes.VIRTUAL,
    set(value) {
      this.setDataValue('password', value);
      this.setDataValue('passwordHash', hash(value));
    },
  },
  fullName: {
    type: DataTypes.VIRTUAL,
    get() { return `${this.firstName} ${this.lastName}`; },
    set() { throw new Error('Do not try to set the `fullName` value!'); },
  },
  email: {
    type: DataTypes.STRING,
    set(value) { this.setDataValue('email', value.trim().toLowerCase()); },
  },
}, { timestamps: false });
await sequelize.sync();
n = 0;
const ada = await User.create({ firstName: 'Ada', lastName: 'Lovelace', username: 'ada', password: 's3cret', email: '  ADA@X.IO ' });
console.log('statements', n);
console.log(ada.username, ada.getDataValue('username'), ada.get('username', { raw: true }));
console.log(ada.fullName, ada.password, ada.passwordHash, ada.email);
console.log(JSON.stringify(ada.toJSON()));
console.log(JSON.stringify(ada.get({ plain: true })));
try { ada.fullName = 'X Y'; } catch (e) { console.log('set fullName:', e.message); }
const found = await User.findOne({ where: { username: 'ada' } });
console.log(JSON.stringify(found), found.password);
console.log(JSON.stringify(await User.findAll({ raw: true })));
found.email = ' New@X.io';
console.log(found.changed(), found.email);
await found.save();
console.log((await User.findByPk(found.id)).email);
found.set('username', 'lovelace', { raw: true });
console.log(found.username);
console.log(Object.keys(User.rawAttributes).join(), (await sequelize.query("SELECT name FROM pragma_table_info('Users')", { type: 'SELECT' })).map((c) => c.name).join());

// getterMethods and setterMethods, and a defaultValue computed by a function
class Product extends Model {}
Product.init({
  name: DataTypes.STRING,
  priceCents: DataTypes.INTEGER,
  code: { type: DataTypes.STRING, defaultValue: () => 'P-' + 'x'.repeat(3) },
}, {
  sequelize,
  timestamps: false,
  getterMethods: { price() { return (this.priceCents / 100).toFixed(2); } },
  setterMethods: { price(value) { this.setDataValue('priceCents', Math.round(value * 100)); } },
});
await Product.sync();
const p = await Product.create({ name: 'Pen', price: 1.5 });
console.log(p.priceCents, p.price, p.code, JSON.stringify(p));
const p2 = Product.build({ name: 'Ink' });
console.log(p2.code, p2.price);
// Model.update runs the setters too, and writes what they set.
await User.update({ password: 'n3w', email: ' CAPS@X.IO' }, { where: { id: ada.id } });
const updated = await User.findByPk(ada.id);
console.log(updated.passwordHash, updated.email);

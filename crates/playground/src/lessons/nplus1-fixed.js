// The fix: load the orders WITH their items, in one query.
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });

const Order = sequelize.define('Order', { customer: DataTypes.STRING });
const Item = sequelize.define('Item', { product: DataTypes.STRING, quantity: DataTypes.INTEGER });
Order.hasMany(Item, { as: 'items', foreignKey: 'orderId' });
Item.belongsTo(Order, { as: 'order', foreignKey: 'orderId' });
await sequelize.sync();

const customers = ['Ann', 'Bob', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kim', 'Lu'];
for (const customer of customers) {
  const order = await Order.create({ customer });
  await Item.bulkCreate([
    { product: 'Mouse', quantity: 1, orderId: order.id },
    { product: 'Cable', quantity: 2, orderId: order.id },
  ]);
}

const orders = await Order.findAll({ include: [{ model: Item, as: 'items' }] });
for (const order of orders) {
  console.log(order.customer, order.items.length, 'items');
}

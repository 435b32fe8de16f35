// The N+1 trap: one query for the orders, then one more for EACH order's items.
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

const orders = await Order.findAll();
for (const order of orders) {
  const items = await order.getItems(); // one SELECT per order: the trap
  console.log(order.customer, items.length, 'items');
}

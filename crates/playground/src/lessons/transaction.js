// Placing an order is all or nothing: a managed transaction rolls back on any error.
const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize('sqlite::memory:', { logging: false });

const Product = sequelize.define('Product', { name: DataTypes.STRING, stock: DataTypes.INTEGER });
const Order = sequelize.define('Order', { total: DataTypes.INTEGER });
await sequelize.sync();
const laptop = await Product.create({ name: 'Laptop', stock: 1 });
const mouse = await Product.create({ name: 'Mouse', stock: 7 });

async function placeOrder(items) {
  return sequelize.transaction(async (t) => {
    let total = 0;
    for (const { product, quantity } of items) {
      const p = await Product.findByPk(product.id, { transaction: t });
      if (p.stock < quantity) throw new Error(`Not enough ${p.name} in stock`);
      await p.decrement('stock', { by: quantity, transaction: t });
      total += quantity * 100;
    }
    return Order.create({ total }, { transaction: t });
  });
}

try {
  await placeOrder([{ product: mouse, quantity: 2 }, { product: laptop, quantity: 3 }]);
} catch (e) {
  console.log('rolled back:', e.message);
}
await laptop.reload();
await mouse.reload();
console.log('stock', laptop.stock, mouse.stock, '- orders:', await Order.count());

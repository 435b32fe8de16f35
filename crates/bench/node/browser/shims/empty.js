// A Node built-in or a package the bundle never calls (`crypto` and `pg-hstore`, which only
// Sequelize's other dialects use): callable, any property read throws.
'use strict';
const empty = new Proxy(function empty() {}, {
  apply: () => empty,
  get(_target, key) {
    if (key === '__esModule' || key === 'default' || typeof key === 'symbol' || key === 'prototype') return undefined;
    throw new Error(`${String(key)}: not available in the browser bundle of Sequelize`);
  },
});
module.exports = empty;

// Node's `assert` (assert(value, message), ok, strictEqual) for the browser bundle.
'use strict';
function assert(value, message) {
  if (!value) throw new Error(message || 'Assertion failed');
}
assert.ok = assert;
assert.strictEqual = (a, b, message) => assert(a === b, message || `${a} !== ${b}`);
assert.equal = (a, b, message) => assert(a == b, message || `${a} != ${b}`); // eslint-disable-line eqeqeq
module.exports = assert;

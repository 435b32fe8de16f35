// Node's `fs` for the browser bundle: the sqlite dialect calls mkdirSync only for a file database,
// which the bundle does not have (only `:memory:`).
'use strict';
const unsupported = (name) => () => {
  throw new Error(`fs.${name} is not available in the browser bundle`);
};
module.exports = {
  mkdirSync: unsupported('mkdirSync'),
  readFileSync: unsupported('readFileSync'),
  writeFileSync: unsupported('writeFileSync'),
  existsSync: () => false,
};

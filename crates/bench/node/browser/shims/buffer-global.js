// The `Buffer` global that Sequelize's data types and wkx read when loaded, injected into the
// browser bundle by esbuild: the npm `buffer` package (pinned in ../../package.json).
export { Buffer } from 'buffer';

// The `process` global that Sequelize's dependencies read (env, nextTick, versions), injected
// into the browser bundle by esbuild.
export const process = {
  env: {},
  argv: [],
  version: 'v20.0.0',
  versions: {},
  platform: 'browser',
  browser: true,
  cwd: () => '/',
  nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
  on() { return process; },
  once() { return process; },
  removeListener() { return process; },
  emitWarning() {},
  hrtime: Object.assign((prev) => {
    const t = performance.now();
    const s = Math.floor(t / 1000);
    const ns = Math.floor((t % 1000) * 1e6);
    if (!prev) return [s, ns];
    let ds = s - prev[0];
    let dns = ns - prev[1];
    if (dns < 0) { ds -= 1; dns += 1e9; }
    return [ds, dns];
  }, { bigint: () => BigInt(Math.floor(performance.now() * 1e6)) }),
};

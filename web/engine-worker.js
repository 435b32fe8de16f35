// The engine's worker (a module worker started by web/bridge.js): it loads the page's own wasm
// (the same files, so nothing is downloaded twice), whose start-up sees no `window` and installs
// the JavaScript API on `self` instead of mounting the UI; then it serves the page's requests.
// It also keeps named databases (`storage: 'shop.db'`) across page loads, in IndexedDB: all of
// them are read before the first request, and a run's saves are written before its report goes.
// Messages in:  { type: 'load', glue, wasm, module, token }, then { id, type: 'run', code, options } |
//               { id, type: 'export' } | { id, type: 'import', name, bytes }
// Messages out (each with the load's `token`): { type: 'ready' } | { type: 'failed', message }
//               | { type: 'reply', id, value } | { type: 'reply', id, retry: true } | { type: 'tainted' }
//               | { type: 'statements', id, queries } (during a run with `options.progress`)
//               | { type: 'ran', id } (a run's code has ended; its report follows)
// Learner code runs in this worker's realm, so the worker defends what later runs rely on:
// - every message it posts carries the token the page gave it at load (learner code, which
//   never sees the token, cannot post a report the page would take); it posts and listens
//   through references taken before any learner code ran (`self.onmessage = null` changes nothing);
// - `close()` is gone (a closed worker would leave the page waiting for the time limit), and
//   `onmessage`/`onmessageerror` stay null (a handler that throws would look like a crash);
// - after each run's reply the built-ins are compared with how they were before the first run
//   (about 5 ms, off the report's path); when the run changed any (`Array.prototype.map = …`,
//   `Object.prototype.where = …`, `JSON.stringify = …`) the worker says so and runs no more
//   code: the page starts a fresh worker, and a run sent meanwhile is answered `retry` and sent
//   again to the fresh one (bridge.js).
const post = self.postMessage.bind(self);
const listen = self.addEventListener.bind(self);
const { ownKeys, getOwnPropertyDescriptor: describe, getPrototypeOf, isExtensible } = Reflect;
const { hasOwn } = Object;
const { parse: parseJson, stringify: toJson } = JSON;
// `close` is the global's own property (the worker's global is a WebIDL [Global], whose
// operations live on the object itself), not its prototype's.
delete self.close;
delete getPrototypeOf(self).close;
// Learner code that sets `self.onmessage` to a function that throws would make every later
// message an uncaught error, which the page takes for a crashed engine: the handlers stay null.
for (const name of ['onmessage', 'onmessageerror']) {
  Object.defineProperty(self, name, { value: null, writable: false, enumerable: true, configurable: false });
}
// Set before any run: a run deletes the globals it added (implicit globals), and the warm-up
// run would otherwise delete this one when a request set it meanwhile, so that the next run
// found a global missing from the built-ins seen at the first run, and the worker was replaced
// after every second run.
self.stopWarmUp = false;
let token = null;
const reply = (message) => post({ ...message, token });

// The objects learner code can reach by name from the global scope, three steps deep (a
// constructor's statics and prototype, a namespace's members), and the hidden prototypes behind
// iterators and generators; each with its prototype, extensibility and own properties.
function builtIns() {
  const seen = new Set();
  const found = [];
  const visit = (o, depth) => {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || seen.has(o)) return;
    seen.add(o);
    const keys = ownKeys(o);
    const entry = { o, proto: getPrototypeOf(o), ext: isExtensible(o), keys, props: [] };
    found.push(entry);
    visit(entry.proto, depth);
    for (const key of keys) {
      const d = describe(o, key);
      const value = hasOwn(d, 'value') ? d.value : undefined;
      entry.props.push(value, d.get, d.set, !!d.writable + 2 * d.enumerable + 4 * d.configurable);
      // Into objects, and into functions that are constructors (statics, prototype); not into
      // every method (its `length` and `name`).
      if (depth < 3 && value !== null && (typeof value === 'object' || (typeof value === 'function' && hasOwn(value, 'prototype')))) visit(value, depth + 1);
    }
  };
  visit(self, 0);
  const gen = function* () {};
  const agen = async function* () {};
  for (const hidden of [[][Symbol.iterator](), new Map().entries(), new Set().values(), ''[Symbol.iterator](), /a/g[Symbol.matchAll](''),
    gen, gen(), agen, agen(), async () => {}, Uint8Array]) visit(getPrototypeOf(hidden), 1);
  return found;
}

// Whether anything of `before` (builtIns()) differs now. Only references taken above are
// called, and only own properties read: the run may have replaced any method.
function builtInsChanged(before) {
  for (let i = 0; i < before.length; i++) {
    const { o, proto, ext, keys, props } = before[i];
    if (getPrototypeOf(o) !== proto || isExtensible(o) !== ext || ownKeys(o).length !== keys.length) return true;
    for (let k = 0; k < keys.length; k++) {
      const d = describe(o, keys[k]);
      if (d === undefined) return true;
      const value = hasOwn(d, 'value') ? d.value : undefined;
      const get = hasOwn(d, 'get') ? d.get : undefined;
      const set = hasOwn(d, 'set') ? d.set : undefined;
      const flags = (hasOwn(d, 'writable') && d.writable ? 1 : 0) + 2 * d.enumerable + 4 * d.configurable;
      const at = 4 * k;
      if (value !== props[at] && !(value !== value && props[at] !== props[at])) return true; // (NaN is NaN)
      if (get !== props[at + 1] || set !== props[at + 2] || flags !== props[at + 3]) return true;
    }
  }
  return false;
}
let pristine = null;
let tainted = false;

const DB_NAME = 'orm-playground';
const STORE = 'databases';
const saved = new Map();
let writes = [];
let idb = null;
let storageProblem = null;
let api = null;

const request = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

// A saved database is `{ bytes, version }` (an older page saved the bytes alone: version 0), and
// its version is also kept alone under `VERSION + name`, so that a run can check them all
// cheaply before it starts.
const VERSION = '\u0000version:';
const entry = (value) => (value instanceof Uint8Array ? { bytes: value, version: 0 } : value);

async function openStore() {
  try {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    idb = await request(open);
    // A newer page (another tab) upgrading the database: let it, and save no more here.
    idb.onversionchange = () => {
      idb.close();
      idb = null;
      storageProblem = 'a newer version of the playground opened its storage in another tab; reload this one';
    };
    const store = idb.transaction(STORE, 'readonly').objectStore(STORE);
    const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
    keys.forEach((key, i) => {
      if (!String(key).startsWith(VERSION)) saved.set(key, entry(values[i]));
    });
  } catch (e) {
    storageProblem = `this browser refused storage (${(e && e.name) || e})`;
  }
}

// Two tabs on one named database: before each run a tab reads again what another tab saved
// since it last read (the versions alone are a small read), so the run starts from it. A save is
// written only over the version its run started from; when another tab saved meanwhile, this
// run's save is refused (and said so) rather than written over the other's.
async function catchUp() {
  if (!idb) return;
  try {
    const store = idb.transaction(STORE, 'readonly').objectStore(STORE);
    const range = IDBKeyRange.bound(VERSION, `${VERSION}\uffff`);
    const keys = await request(store.getAllKeys(range));
    const versions = await request(store.getAll(range));
    for (let i = 0; i < keys.length; i++) {
      const name = String(keys[i]).slice(VERSION.length);
      if ((saved.get(name) || { version: -1 }).version !== versions[i]) {
        const value = await request(idb.transaction(STORE, 'readonly').objectStore(STORE).get(name));
        if (value) saved.set(name, entry(value));
      }
    }
  } catch (_) { /* the run starts from what this tab has */ }
}
const expected = new Map(); // name → the version this tab's next save replaces
const refused = new Set(); // names whose save this run found changed elsewhere: the run saves them no more

function write(name, bytes) {
  const base = expected.get(name) || 0;
  expected.set(name, base + 1);
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const stored = store.get(name);
    stored.onsuccess = () => {
      const found = stored.result ? entry(stored.result).version : 0;
      if (found !== base || refused.has(name)) {
        refused.add(name);
        tx.abort();
        return;
      }
      store.put({ bytes, version: base + 1 }, name);
      store.put(base + 1, VERSION + name);
    };
    tx.oncomplete = () => {
      saved.set(name, { bytes, version: base + 1 });
      resolve();
    };
    tx.onerror = tx.onabort = () => {
      if (tx.error && tx.error.name === 'QuotaExceededError') {
        // Storage is full: this tab keeps the bytes (the next run starts from them, and saves
        // them once there is room), over the version still stored.
        saved.set(name, { bytes, version: base });
        expected.set(name, base);
      }
      reject(tx.error || Object.assign(new Error(name), { name: 'ChangedElsewhere', database: name }));
    };
  });
}

// The saved databases load while the page loads the wasm.
const storeOpened = openStore();

self.ormStorage = {
  load(name) {
    const found = saved.get(name);
    expected.set(name, found ? found.version : 0);
    refused.delete(name);
    return found ? found.bytes : null;
  },
  save(name, bytes) {
    if (!idb) {
      saved.set(name, { bytes, version: 0 });
      throw new Error(`kept until the page closes only: ${storageProblem}`);
    }
    writes.push(write(name, bytes));
  },
};

// Waits for this request's writes; a refused or full storage becomes the reply's error text.
async function flush() {
  let failed = null;
  for (const w of writes) {
    try {
      await w;
    } catch (e) {
      failed = failed || e;
    }
  }
  writes = [];
  if (failed && failed.name === 'ChangedElsewhere') {
    return `${failed.database} was saved by another tab while this code ran: this run's changes to it were not saved, and nothing of the other tab's was lost. Run the code again to apply them to the newer copy`;
  }
  if (failed && failed.name === 'QuotaExceededError') {
    return 'Storage is full (QuotaExceededError): the database was not saved. This tab keeps it until the page closes; store less in it (drop the tables you no longer need) or free space in the browser, and run again to save it';
  }
  return failed ? `Storage is full or refused (${failed.name || failed}): the database was not saved` : null;
}

// Statements go to the page as the run makes them, batched: at most one message every
// STREAM_MS while calls keep coming, and the rest when the run waits on a timer; what is left
// when the run ends comes with its report.
const STREAM_MS = 100;
function streamTo(id) {
  let batch = [];
  let sentAt = performance.now();
  let timer = null;
  const flush = () => {
    clearTimeout(timer);
    timer = null;
    if (batch.length) reply({ type: 'statements', id, queries: batch });
    batch = [];
    sentAt = performance.now();
  };
  const progress = (queries) => {
    for (const q of queries) batch.push(q);
    if (performance.now() - sentAt >= STREAM_MS) flush();
    else if (timer === null) timer = setTimeout(flush, STREAM_MS);
  };
  progress.end = () => clearTimeout(timer);
  return progress;
}

async function handle(message) {
  self.stopWarmUp = true;
  await warmingUp;
  if (message.type === 'run') {
    if (!pristine) pristine = builtIns();
    await catchUp();
    const options = { ...message.options, progress: message.options && message.options.progress ? streamTo(message.id) : null,
      codeEnded: () => reply({ type: 'ran', id: message.id }) };
    const report = await api.run(message.code, options);
    if (options.progress) options.progress.end(); // the report has them all
    const problem = await flush();
    if (problem && report.ok) Object.assign(report, { ok: false, error: { name: 'StorageError', message: problem, line: null } });
    return report;
  }
  try {
    if (message.type === 'export') return { bytes: api.exportDatabase() };
    // An import replaces whatever this tab last read of that name.
    expected.set(message.name, (saved.get(message.name) || { version: 0 }).version);
    refused.delete(message.name);
    api.importDatabase(message.name, message.bytes);
    return { error: await flush() };
  } catch (e) {
    return { error: `${e.name}: ${e.message}` };
  }
}

// Run once as soon as the engine is ready, its results discarded: the first call of each of the
// engine's wasm functions and of the shell's own functions compiles it, which made a learner's
// first run take two to three times as long as the next ones. A request that comes meanwhile
// stops it at its next step (`self.stopWarmUp`) and waits for that: each step first lets the
// event loop turn (the engine's promises are mostly settled at once, so without that turn a
// request came in only near the warm-up's end).
// (Written compactly: it is part of the download. It defines two associated models, syncs,
// creates with validation, bulk-creates, saves a change, finds with an include, counts and prints.)
const WARM_UP = "const{Sequelize:S,DataTypes:D}=require('sequelize'),"
  + "x=()=>new Promise(r=>setTimeout(r)).then(()=>self.stopWarmUp),s=new S('sqlite::memory:',{logging:!1}),"
  + "A=s.define('A',{n:{type:D.STRING,allowNull:!1}}),B=s.define('B',{m:D.INTEGER});A.hasMany(B);"
  + "B.belongsTo(A);await s.sync();if(await x())return;const a=await A.create({n:'x'});if(await x())return;"
  + "await B.bulkCreate([{m:1,AId:a.id}]);a.n='z';await a.save();if(await x())return;"
  + "console.log((await A.findAll({where:{n:'z'},include:B}))[0].toJSON(),await A.count())";
let warmingUp = null;

// An exception thrown where no run catches it — in a message listener or a native timer
// (`self.setTimeout`) that learner code left behind — would reach the page as the worker's error,
// which ends the run in progress there as a crashed engine. Once the engine is loaded the worker
// keeps it, and is replaced before the next run, with what was left behind: such an exception
// comes as often during a later run (a listener throws at the next message) as during the run
// that set it up, so no run can be told it was its own. (Learner code's own `setTimeout` is the
// run's, which reports what it throws.)
listen('error', (event) => {
  if (api === null) return;
  event.preventDefault();
  if (!tainted) {
    tainted = true;
    reply({ type: 'tainted' });
  }
});

listen('message', async (event) => {
  if (!event.isTrusted) return; // dispatched by learner code, not sent by the page
  const message = event.data;
  if (message.type === 'load') {
    if (token !== null) return; // loaded once, by the page
    token = message.token;
    try {
      // The module the page compiled, or the file when the page had none to give (inflated
      // here when the site ships it compressed, as bridge.js's fetchWasm does).
      const inflated = () => fetch(message.wasm)
        .then((r) => new Response(r.body.pipeThrough(new DecompressionStream('gzip')), { headers: { 'Content-Type': 'application/wasm' } }));
      const file = message.module || (message.wasm.endsWith('.gz') ? inflated() : message.wasm);
      const loadWasm = import(message.glue).then((glue) => glue.default({ module_or_path: file }));
      await Promise.all([storeOpened, loadWasm]);
      api = self.ormPlayground;
      if (!api) throw new Error('the wasm module did not install the JavaScript API');
      reply({ type: 'ready' });
      warmingUp = api.run(WARM_UP, { discard: true }).catch(() => {});
    } catch (e) {
      reply({ type: 'failed', message: String((e && e.message) || e) });
    }
    return;
  }
  if (tainted && message.type === 'run') {
    reply({ type: 'reply', id: message.id, retry: true });
    return;
  }
  const value = await handle(message);
  try {
    reply({ type: 'reply', id: message.id, value });
  } catch (_) {
    // Something in the reply cannot be copied to the page: send it as JSON instead.
    reply({ type: 'reply', id: message.id, value: parseJson(toJson(value)) });
  }
  if (message.type === 'run' && !tainted && builtInsChanged(pristine)) {
    tainted = true;
    reply({ type: 'tainted' });
  }
});

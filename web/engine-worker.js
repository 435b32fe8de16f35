// The engine's worker (a module worker started by web/bridge.js): it loads the page's own wasm
// (the same files, so nothing is downloaded twice), whose start-up sees no `window` and installs
// the JavaScript API on `self` instead of mounting the UI; then it serves the page's requests.
// It also keeps named databases (`storage: 'shop.db'`) across page loads, in IndexedDB: all of
// them are read before the first request, and a run's saves are written before its report goes.
// Messages in:  { type: 'load', glue, wasm, module }, then { id, type: 'run', code, options } |
//               { id, type: 'export' } | { id, type: 'import', name, bytes }
// Messages out: { type: 'ready' } | { type: 'failed', message } | { type: 'reply', id, value }
//               | { type: 'statements', id, queries } (during a run with `options.progress`)
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

async function openStore() {
  try {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    idb = await request(open);
    const store = idb.transaction(STORE, 'readonly').objectStore(STORE);
    const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
    keys.forEach((key, i) => saved.set(key, values[i]));
  } catch (e) {
    storageProblem = `this browser refused storage (${(e && e.name) || e})`;
  }
}

function write(name, bytes) {
  return new Promise((resolve, reject) => {
    const tx = idb.transaction(STORE, 'readwrite');
    tx.objectStore(STORE).put(bytes, name);
    tx.oncomplete = resolve;
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

// The saved databases load while the page loads the wasm.
const storeOpened = openStore();

self.ormStorage = {
  load: (name) => saved.get(name) || null,
  save(name, bytes) {
    saved.set(name, bytes);
    if (!idb) throw new Error(`kept until the page closes only: ${storageProblem}`);
    writes.push(write(name, bytes));
  },
};

// Waits for this request's writes; a refused or full storage becomes the reply's error text.
async function flush() {
  const done = await Promise.allSettled(writes);
  writes = [];
  const failed = done.find((r) => r.status === 'rejected');
  return failed ? `Storage is full or refused (${(failed.reason && failed.reason.name) || failed.reason}): the database was not saved` : null;
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
    if (batch.length) self.postMessage({ type: 'statements', id, queries: batch });
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
    const options = { ...message.options, progress: message.options && message.options.progress ? streamTo(message.id) : null };
    const report = await api.run(message.code, options);
    if (options.progress) options.progress.end(); // the report has them all
    const problem = await flush();
    if (problem && report.ok) Object.assign(report, { ok: false, error: { name: 'StorageError', message: problem, line: null } });
    return report;
  }
  try {
    if (message.type === 'export') return { bytes: api.exportDatabase() };
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

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === 'load') {
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
      self.postMessage({ type: 'ready' });
      warmingUp = api.run(WARM_UP, { discard: true }).catch(() => {});
    } catch (e) {
      self.postMessage({ type: 'failed', message: String((e && e.message) || e) });
    }
    return;
  }
  const value = await handle(message);
  try {
    self.postMessage({ type: 'reply', id: message.id, value });
  } catch (_) {
    // Something in the reply cannot be copied to the page: send it as JSON instead.
    self.postMessage({ type: 'reply', id: message.id, value: JSON.parse(JSON.stringify(value)) });
  }
};

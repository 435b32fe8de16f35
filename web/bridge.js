// window.ormPlayground on the page: the one path by which the UI, a learning site and the browser
// tests run code. The engine (SQLite, the ORM, the Sequelize-compatible API) and the learner's
// code run in a dedicated worker (web/engine-worker.js), so a runaway loop never freezes the
// page: Stop, or the time limit, terminates the worker and starts a fresh one.
//
//   ormPlayground.run(code, { keep, timeoutMs, lines, onStatements }) → Promise<report>   (never rejects)
//     lines: each statement records the learner's line that ran it (`query.line`);
//     onStatements(queries): called while the run goes, with the statements that ran since the
//     last call (at most ten calls a second); the report still holds them all
//   ormPlayground.stop()                          → ends the run in progress, fresh engine
//   ormPlayground.ready()                         → Promise, resolved when the engine is loaded
//   ormPlayground.busy                            → true while a run is in progress
//   ormPlayground.exportDatabase()                → Promise<Uint8Array | null>: the latest run's database
//   ormPlayground.importDatabase(name, bytes)     → Promise<error text | null>: kept as `storage: name`
// and, for the page's own UI: the workspace in localStorage, and share links that carry the code
// deflate-compressed in the URL fragment (no server):
//   ormPlayground.loadWorkspace() → "lesson id\ncode" | null (saved here as the learner works)
//   ormPlayground.shareLink(code, lesson) → Promise<url> (also put in the address bar and clipboard);  readShareLink() → Promise<{code, lesson} | null>
//   ormPlayground.lessonFiles() → Promise<[{ file, text } | { file, error }]>: lessons/index.json's files, fetched as the page loads
//   ormPlayground.param(name) → the page address's ?name= value | null (`lesson`, `embed`)
//   ormPlayground.goalsMet() → [lesson id]; markGoalMet(id): the learner's progress, in localStorage
//   ormPlayground.tellEmbedder(lesson, met, why): in an <iframe>, posts
//     { type: 'orm-playground:goal', lesson, met, why } to the embedding page after each run of the code
(() => {
  'use strict';
  // Errors that reach the page (a failed load, an uncaught exception, a rejected promise) are
  // collected here too, so a browser test can read them without the driver's logs.
  window.__errors = [];
  addEventListener('error', (e) => window.__errors.push(String(e.message || e.type)));
  addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
  // Long enough for a loop of 100,000 calls on a slow machine: the log streams meanwhile, and Stop is there.
  const DEFAULT_TIMEOUT_MS = 30000;
  const REPORT_MS = 60000; // from the end of a run's code to its report
  let worker = null;
  let readyPromise = null;
  let nextId = 1;
  let current = null; // { id, resolve, timer, fail }
  const queue = [];

  const failure = (name, message) => ({
    ok: false, output: [], error: { name, message, line: null }, queries: [], warnings: [],
  });

  // The page compiles the wasm once, in Trunk's loader; the engine's worker is given that
  // compiled module instead of compiling the same file again (on a fresh worker after Stop too).
  // The streaming load is split in two so that the worker gets the module as soon as it is
  // compiled and starts while the page instantiates it and draws the UI. `null` (the worker
  // compiles from the URL) when the page's load does not go through here.
  const compiledModule = new Promise((resolve) => {
    const { compileStreaming, instantiate } = WebAssembly;
    const given = (r) => resolve(r && r.module instanceof WebAssembly.Module ? r.module : null);
    if (typeof compileStreaming === 'function' && typeof WebAssembly.instantiateStreaming === 'function') {
      WebAssembly.instantiateStreaming = async (source, imports) => {
        const module = await compileStreaming(source).catch((e) => {
          resolve(null);
          throw e;
        });
        resolve(module);
        const instance = await instantiate(module, imports);
        // One turn of the event loop before the UI is drawn: the browser holds messages to a
        // worker until the page has seen its script start, so the module would otherwise reach
        // the worker only after the page's first long task.
        await new Promise((next) => setTimeout(next));
        return { module, instance };
      };
    }
    WebAssembly.instantiate = function (...args) {
      const result = instantiate.apply(this, args);
      result.then(given, () => resolve(null));
      return result;
    };
    addEventListener('load', () => setTimeout(() => resolve(null), 5000));
  });

  async function fetchWasm(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot inflate the page\'s wasm (no DecompressionStream): please update it');
    // A host that sends the file with `Content-Encoding: gzip` has inflated it already: the
    // first bytes then are the wasm's own (`\0asm`) rather than gzip's.
    const reader = response.body.getReader();
    const first = await reader.read();
    const head = first.value || new Uint8Array(0);
    const body = new ReadableStream({
      start(controller) {
        if (first.done) controller.close();
        else controller.enqueue(head);
      },
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
    });
    const inflated = head[0] === 0 && head[1] === 0x61 && head[2] === 0x73 && head[3] === 0x6d;
    return new Response(inflated ? body : body.pipeThrough(new DecompressionStream('gzip')), { headers: { 'Content-Type': 'application/wasm' } });
  }

  function wasmUrls() {
    const glue = document.querySelector('link[rel="modulepreload"][href$=".js"]');
    const wasm = document.querySelector('link[rel="preload"][href$=".wasm"], link[rel="preload"][href$=".wasm.gz"]');
    if (!glue || !wasm) throw new Error('the page has no wasm module to load (was it built by Trunk?)');
    return { glue: glue.href, wasm: wasm.href };
  }

  // Resolves when the page's <head> (with Trunk's links to the wasm) has been parsed.
  const parsed = new Promise((resolve) => {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', resolve);
    else resolve();
  });

  function start() {
    if (readyPromise) return readyPromise;
    // The worker starts at once (its thread, its script and its IndexedDB open while the page
    // loads); it gets the wasm when the page has parsed Trunk's links and compiled the module.
    readyPromise = new Promise((resolve, reject) => {
      try {
        worker = new Worker(new URL('engine-worker.js', document.baseURI), { type: 'module' });
      } catch (e) {
        reject(e);
        return;
      }
      const starting = worker;
      // Only what the worker's own code posts carries this (learner code never sees it).
      const token = Array.from(crypto.getRandomValues(new Uint32Array(4))).join('-');
      worker.onmessage = (event) => {
        const message = event.data;
        if (!message || message.token !== token) return;
        if (message.type === 'ready') resolve();
        else if (message.type === 'failed') reject(new Error(`The engine failed to load: ${message.message}`));
        else if (message.type === 'reply' && current && current.id === message.id) {
          if (message.retry) retry();
          else finish(message.value);
        } else if (message.type === 'tainted' && worker === starting) {
          // The last run changed a built-in: a fresh worker for the next (started now, while
          // the learner reads the report, unless a request is on its way to this one).
          if (!current) {
            kill();
            start().catch(() => {});
          }
        }
        else if (message.type === 'ran' && current && current.id === message.id && current.timer !== undefined) {
          // The code has ended: the backstop below was for code that never yields, and the
          // report (seconds for 100,000 statements) gets a time of its own.
          clearTimeout(current.timer);
          current.timer = setTimeout(() => restart('TimeoutError',
            `The run's report took more than ${REPORT_MS / 1000} s to arrive. The engine was restarted with a fresh database.`), REPORT_MS);
        }
        else if (message.type === 'statements' && current && current.id === message.id && current.onStatements) {
          try {
            current.onStatements(message.queries);
          } catch (e) {
            window.__errors.push(String(e));
          }
        }
      };
      worker.onerror = (event) => {
        const text = event.message || 'the engine worker failed';
        reject(new Error(text));
        if (current) restart('EngineCrashed', `The engine crashed (${text}); it was restarted with a fresh database.`);
      };
      Promise.all([parsed, compiledModule]).then(([, module]) => {
        if (worker === starting) worker.postMessage({ type: 'load', ...wasmUrls(), module, token });
      }).catch(reject);
    });
    // A failed start is reported by the request that waits for it, and the next one tries again.
    const attempt = readyPromise;
    attempt.catch(() => {
      if (readyPromise === attempt) readyPromise = null;
    });
    return readyPromise;
  }

  function finish(value) {
    const request = current;
    current = null;
    clearTimeout(request.timer);
    // A panic (a Rust bug) leaves the wasm unusable: the next request gets a fresh engine.
    if (value && (value.engineFailed || (value.error && ['RuntimeError', 'InternalError'].includes(value.error.name)))) kill();
    request.resolve(value);
    pump();
  }

  function kill() {
    if (worker) worker.terminate();
    worker = null;
    readyPromise = null;
  }

  // The worker refused a run (an earlier run changed its built-ins): the same request again, on a fresh worker.
  function retry() {
    clearTimeout(current.timer);
    queue.unshift(current.request);
    current = null;
    kill();
    pump();
  }

  function restart(name, message) {
    kill();
    if (current) finish(current.fail(name, message));
    start();
  }

  async function pump() {
    if (current || queue.length === 0) return;
    const request = queue.shift();
    const { message, resolve, fail, limit, onStatements } = request;
    const id = nextId++;
    current = { id, resolve, fail, timer: undefined, onStatements, request };
    try {
      await start();
    } catch (e) {
      readyPromise = null;
      // (When the worker crashed while loading, `restart` has answered this request already.)
      if (current && current.id === id) finish(fail('EngineLoadError', String(e.message || e)));
      return;
    }
    if (limit > 0) {
      // The worker's own timeout ends runs that wait forever; this one ends runs that never
      // yield (an endless loop), a little later.
      current.timer = setTimeout(() => restart('TimeoutError',
        `The code ran for more than ${limit / 1000} s and was stopped (an endless loop?). The engine was restarted with a fresh database.`), limit + 1000);
    }
    worker.postMessage({ ...message, id });
  }

  // Queues a request for the worker; `fail(name, message)` makes its value when the engine dies.
  function ask(message, fail, limit = 0, onStatements = null) {
    return new Promise((resolve) => {
      queue.push({ message, resolve, fail, limit, onStatements });
      pump();
    });
  }

  const WORKSPACE_KEY = 'orm-playground:workspace';
  const MAX_SHARED = 1e6;
  const PROGRESS_KEY = 'orm-playground:goals-met';

  // The lessons: the files lessons/index.json lists, fetched at once (they are ready before the
  // wasm is). A file that cannot be fetched is an entry with its error, for the page to show.
  const lessonFiles = (async () => {
    const base = new URL('lessons/', document.baseURI);
    const get = async (name) => {
      // Revalidated every time (a 304 when unchanged): an author's edit shows on the next load.
      const response = await fetch(new URL(name, base), { cache: 'no-cache' });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      return response.text();
    };
    let names;
    try {
      names = JSON.parse(await get('index.json'));
      if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) throw new Error('it must be a list of file names, like ["intro.md"]');
    } catch (e) {
      return [{ file: 'lessons/index.json', error: `lessons/index.json: ${e.message || e}` }];
    }
    // Fetched together, awaited in order. (Not Promise.all: Trunk's minifier hoists a second
    // `Promise.all` into an alias and calls it without its `this`.)
    const pending = names.map((name) => get(name).then(
      (text) => ({ file: `lessons/${name}`, text }),
      (e) => ({ file: `lessons/${name}`, error: `lessons/${name}: ${e.message || e}` })));
    const files = [];
    for (const file of pending) files.push(await file);
    return files;
  })();
  const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const unb64url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  async function squeeze(bytes, stream) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
  }

  const api = {
    // The wasm as the built site ships it, zopfli-compressed (scripts/precompress-wasm.py):
    // inflated by the browser as it arrives, into a response the compiler streams from.
    fetchWasm: (url) => fetchWasm(url),
    run(code, options) {
      const { onStatements, ...opts } = options || {};
      const limit = opts.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : opts.timeoutMs;
      const streaming = typeof onStatements === 'function';
      return ask({ type: 'run', code: String(code), options: { ...opts, timeoutMs: limit, progress: streaming } }, failure, limit,
        streaming ? onStatements : null);
    },
    stop() {
      for (const waiting of queue.splice(0)) waiting.resolve(waiting.fail('StoppedError', 'Stopped before it started.'));
      if (current) restart('StoppedError', 'Stopped. The engine was restarted with a fresh database.');
    },
    async exportDatabase() {
      const value = await ask({ type: 'export' }, () => ({}));
      return (value && value.bytes) || null;
    },
    async importDatabase(name, bytes) {
      const value = await ask({ type: 'import', name: String(name), bytes }, (n, m) => ({ error: `${n}: ${m}` }));
      return (value && value.error) || null;
    },
    // The page's Export button: the latest run's database as a download.
    async downloadDatabase() {
      const bytes = await api.exportDatabase();
      if (!bytes) return 'Run some code first: there is no database to export.';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/vnd.sqlite3' }));
      link.download = 'playground.sqlite';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      return `Exported ${bytes.length} bytes as playground.sqlite.`;
    },
    // The page's Import button: the file chosen in `input` becomes `storage: 'its name'`.
    importFrom(input) {
      const file = input.files && input.files[0];
      input.value = '';
      return file ? api.importFile(file) : Promise.resolve(null);
    },
    importFile(file) {
      const name = file.name.replace(/[^\w.-]/g, '_') || 'imported.sqlite';
      return file.arrayBuffer().then((buffer) => api.importDatabase(name, new Uint8Array(buffer))).then((error) => error
        ? `${file.name} was not imported: ${error}`
        : `Imported ${file.name}: open it with new Sequelize({ dialect: 'sqlite', storage: '${name}' }) — it is kept across reloads.`);
    },
    ready: () => start(),
    lessonFiles: () => lessonFiles,
    param: (name) => new URLSearchParams(location.search).get(name),
    goalsMet() {
      try {
        const met = JSON.parse(localStorage.getItem(PROGRESS_KEY) || '[]');
        return Array.isArray(met) ? met : [];
      } catch (_) {
        return [];
      }
    },
    markGoalMet(id) {
      const met = api.goalsMet();
      if (met.includes(id)) return;
      try {
        localStorage.setItem(PROGRESS_KEY, JSON.stringify([...met, id]));
      } catch (_) { /* storage refused: progress is not kept */ }
    },
    tellEmbedder(lesson, met, why) {
      if (window.parent !== window) window.parent.postMessage({ type: 'orm-playground:goal', lesson, met, why: why || null }, '*');
    },
    loadWorkspace() {
      try {
        return localStorage.getItem(WORKSPACE_KEY);
      } catch (_) {
        return null;
      }
    },
    async shareLink(code, lesson) {
      const packed = await squeeze(new TextEncoder().encode(String(code)), new CompressionStream('deflate-raw'));
      const url = new URL(location.href);
      url.hash = `lesson=${encodeURIComponent(lesson || '')}&code=${b64url(packed)}`;
      history.replaceState(null, '', url.href);
      try {
        await navigator.clipboard.writeText(url.href);
      } catch (_) { /* no clipboard permission: the address bar has the link */ }
      return url.href;
    },
    // { code, lesson }, null without one, or { error } for a link that is damaged (cut short
    // when copied), not ours, or whose code inflates past MAX_SHARED bytes (read no further).
    async readShareLink() {
      const params = new URLSearchParams(location.hash.slice(1));
      const packed = params.get('code');
      if (!packed) return null;
      try {
        const reader = new Blob([unb64url(packed)]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
        const parts = [];
        for (let size = 0, part; !(part = await reader.read()).done;) {
          size += part.value.length;
          if (size > MAX_SHARED) {
            reader.cancel();
            return { error: `The share link's code is larger than ${MAX_SHARED / 1e6} MB: it was not opened; your saved workspace is open instead.` };
          }
          parts.push(part.value);
        }
        const code = new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(parts).arrayBuffer());
        return { code, lesson: params.get('lesson') || '' };
      } catch (_) {
        return { error: 'The share link is damaged (cut short when it was copied?) or not a playground link: your saved workspace is open instead.' };
      }
    },
    get busy() {
      return current !== null;
    },
  };
  Object.defineProperty(window, 'ormPlayground', { value: Object.freeze(api), configurable: true });

  // The workspace (the lesson and the code) is saved shortly after every edit or click, and when
  // the page goes away, so a reload finds it. A full or refused storage says so once.
  let saveTimer;
  let warned = false;
  function saveWorkspace() {
    clearTimeout(saveTimer);
    const editor = document.querySelector('[data-testid="editor"]');
    const picker = document.querySelector('[data-testid="lesson-picker"]');
    if (!editor || !picker) return;
    try {
      localStorage.setItem(WORKSPACE_KEY, `${picker.value}\n${editor.value}`);
    } catch (e) {
      const notice = document.querySelector('[data-testid="notice"]');
      if (notice && !warned) {
        notice.textContent = `Your code could not be saved in this browser (${e.name}: storage full or refused).`;
      }
      warned = true;
    }
  }
  for (const type of ['input', 'change', 'click']) {
    document.addEventListener(type, () => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(saveWorkspace, 300);
    }, true);
  }
  addEventListener('pagehide', saveWorkspace);
  // Load the engine while the page renders: the first run then starts at once.
  start();
})();

// window.ormPlayground on the page: the one path by which the UI, a learning site and the browser
// tests run code. The engine (SQLite, the ORM, the Sequelize-compatible API) and the learner's
// code run in a dedicated worker (web/engine-worker.js), so a runaway loop never freezes the
// page: Stop, or the time limit, terminates the worker and starts a fresh one.
//
//   ormPlayground.run(code, { keep, timeoutMs }) → Promise<report>   (never rejects)
//   ormPlayground.stop()                          → ends the run in progress, fresh engine
//   ormPlayground.ready()                         → Promise, resolved when the engine is loaded
//   ormPlayground.busy                            → true while a run is in progress
// and, for the page's own UI: the workspace in localStorage, and share links that carry the code
// deflate-compressed in the URL fragment (no server):
//   ormPlayground.saveWorkspace(text) / loadWorkspace() → string | null
//   ormPlayground.shareLink(code, lesson) → Promise<url> (also put in the address bar and clipboard);  readShareLink() → Promise<{code, lesson} | null>
(() => {
  'use strict';
  const DEFAULT_TIMEOUT_MS = 10000;
  let worker = null;
  let readyPromise = null;
  let nextId = 1;
  let current = null; // { id, resolve, timer }
  const queue = [];

  const failure = (name, message) => ({
    ok: false, output: [], error: { name, message, line: null }, queries: [], warnings: [],
  });

  function wasmUrls() {
    const glue = document.querySelector('link[rel="modulepreload"][href$=".js"]');
    const wasm = document.querySelector('link[rel="preload"][href$=".wasm"]');
    if (!glue || !wasm) throw new Error('the page has no wasm module to load (was it built by Trunk?)');
    return { glue: glue.href, wasm: wasm.href };
  }

  function start() {
    if (readyPromise) return readyPromise;
    readyPromise = new Promise((resolve, reject) => {
      let urls;
      try {
        urls = wasmUrls();
        worker = new Worker(new URL('engine-worker.js', document.baseURI), { type: 'module' });
      } catch (e) {
        reject(e);
        return;
      }
      worker.onmessage = (event) => {
        const message = event.data;
        if (message.type === 'ready') resolve();
        else if (message.type === 'failed') reject(new Error(`The engine failed to load: ${message.message}`));
        else if (message.type === 'report' && current && current.id === message.id) finish(message.report);
      };
      worker.onerror = (event) => {
        const text = event.message || 'the engine worker failed';
        reject(new Error(text));
        if (current) restart('EngineCrashed', `The engine crashed (${text}); it was restarted with a fresh database.`);
      };
      worker.postMessage({ type: 'load', ...urls });
    });
    // A failed start is reported by the run that waits for it; keep it from being "unhandled".
    readyPromise.catch(() => {});
    return readyPromise;
  }

  function finish(report) {
    const run = current;
    current = null;
    clearTimeout(run.timer);
    // A panic (a Rust bug) leaves the wasm unusable: the next run gets a fresh engine.
    if (report && report.error && ['RuntimeError', 'InternalError'].includes(report.error.name)) kill();
    run.resolve(report);
    pump();
  }

  function kill() {
    if (worker) worker.terminate();
    worker = null;
    readyPromise = null;
  }

  function restart(name, message) {
    kill();
    if (current) finish(failure(name, message));
    start();
  }

  async function pump() {
    if (current || queue.length === 0) return;
    const { code, options, resolve } = queue.shift();
    const id = nextId++;
    current = { id, resolve, timer: undefined };
    try {
      await start();
    } catch (e) {
      readyPromise = null;
      finish(failure('EngineLoadError', String(e.message || e)));
      return;
    }
    const limit = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : options.timeoutMs;
    if (limit > 0) {
      // The worker's own timeout ends runs that wait forever; this one ends runs that never
      // yield (an endless loop), a little later.
      current.timer = setTimeout(() => restart('TimeoutError',
        `The code ran for more than ${limit / 1000} s and was stopped (an endless loop?). The engine was restarted with a fresh database.`), limit + 1000);
    }
    worker.postMessage({ type: 'run', id, code: String(code), options: { ...options, timeoutMs: limit } });
  }

  const WORKSPACE_KEY = 'orm-playground:workspace';
  const b64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const unb64url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  async function squeeze(bytes, stream) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
  }

  const api = {
    run(code, options) {
      return new Promise((resolve) => {
        queue.push({ code, options: { ...(options || {}) }, resolve });
        pump();
      });
    },
    stop() {
      for (const waiting of queue.splice(0)) waiting.resolve(failure('StoppedError', 'Stopped before it started.'));
      if (current) restart('StoppedError', 'Stopped. The engine was restarted with a fresh database.');
    },
    ready: () => start(),
    saveWorkspace(text) {
      try {
        localStorage.setItem(WORKSPACE_KEY, String(text));
        return null;
      } catch (e) {
        return `The workspace could not be saved (${e.name}: storage full or refused).`;
      }
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
    async readShareLink() {
      const params = new URLSearchParams(location.hash.slice(1));
      const packed = params.get('code');
      if (!packed) return null;
      try {
        const bytes = await squeeze(unb64url(packed), new DecompressionStream('deflate-raw'));
        return { code: new TextDecoder().decode(bytes), lesson: params.get('lesson') || '' };
      } catch (_) {
        return null;
      }
    },
    get busy() {
      return current !== null;
    },
  };
  Object.defineProperty(window, 'ormPlayground', { value: Object.freeze(api), configurable: true });
  // Load the engine while the page renders: the first run then starts at once.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => start());
  else start();
})();

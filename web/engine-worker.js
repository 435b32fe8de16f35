// The engine's worker (a module worker started by web/bridge.js): it loads the page's own wasm
// (the same files, so nothing is downloaded twice), whose start-up sees no `window` and installs
// the JavaScript API on `self` instead of mounting the UI; then it runs learner code on request.
// Messages in:  { type: 'load', glue, wasm }   then   { type: 'run', id, code, options }
// Messages out: { type: 'ready' } | { type: 'failed', message } | { type: 'report', id, report }
let api = null;

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === 'load') {
    try {
      const glue = await import(message.glue);
      await glue.default({ module_or_path: message.wasm });
      api = self.ormPlayground;
      if (!api) throw new Error('the wasm module did not install the JavaScript API');
      self.postMessage({ type: 'ready' });
    } catch (e) {
      self.postMessage({ type: 'failed', message: String((e && e.message) || e) });
    }
  } else if (message.type === 'run') {
    const report = await api.run(message.code, message.options || {});
    try {
      self.postMessage({ type: 'report', id: message.id, report });
    } catch (_) {
      // Something in the report cannot be copied to the page: send it as text instead.
      self.postMessage({ type: 'report', id: message.id, report: JSON.parse(JSON.stringify(report)) });
    }
  }
};

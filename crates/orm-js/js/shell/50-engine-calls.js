// ---------------------------------------------------------------------------------------------
// The engine behind one Sequelize object: calls, events and logging
// ---------------------------------------------------------------------------------------------

// Timers as the page had them when the shell loaded (learner code gets tracked ones, see run).
// (Bound: browsers refuse a timer function called on another object.)
const nativeTimers = {
  setTimeout: typeof setTimeout === 'function' ? setTimeout.bind(globalThis) : null,
  clearTimeout: typeof clearTimeout === 'function' ? clearTimeout.bind(globalThis) : null,
  setInterval: typeof setInterval === 'function' ? setInterval.bind(globalThis) : null,
  clearInterval: typeof clearInterval === 'function' ? clearInterval.bind(globalThis) : null,
};

// What each engine method may do, as the engine declares it (`methods()`, src/contract.rs):
// `reads` keeps every value, so cached attribute values stay (`cachedGet`); `changes` ends them;
// `runs` ends them and has query events to drain. Asked once, of the first engine.
let methodEffects = null;
function effectOf(engine, method) {
  if (methodEffects === null) methodEffects = new Map(plainify(engine.methods()).map(({ name, effect }) => [name, effect]));
  return methodEffects.get(method) || 'runs';
}

let valuesGeneration = 0;

// The first internal failure of the wasm engine (a trap: a Rust panic or a miscompiled module).
// After a trap the module's memory and borrow flags are in an unknown state: every later call
// fails with this error instead of a misleading one ("recursive use of an object…"), the run
// reports it, and the page replaces the worker (web/bridge.js) so the next run gets a fresh one.
let engineFailure = null;

class Db {
  constructor(engine, run, sequelize, api) {
    this.engine = engine;
    this.api = api; // the classes of the API this database's Sequelize belongs to
    this.run = run;
    this.sequelize = sequelize;
    this.models = new Map(); // model name → class
    this.wrappers = new Map(); // handle → instance object
    this.throughNames = new Set();
  }

  /** Calls an engine method; drains its query events into the run and to `logging`. */
  call(method, args, callOptions) {
    let result;
    let failure;
    const effect = effectOf(this.engine, method);
    if (effect !== 'reads') valuesGeneration += 1;
    if (engineFailure !== null) throw engineFailure;
    try {
      const call = this.engine[method];
      if (typeof call !== 'function') {
        throw new Error(`The ORM engine has no method ${method} (the shell and the engine disagree on ENGINE.md)`);
      }
      result = call.apply(this.engine, args);
    } catch (raw) {
      failure = toError(raw, this.api.ERRORS);
      if (failure.name === 'InternalError') {
        engineFailure = failure;
        throw failure;
      }
    }
    if (effect === 'runs') {
      this.drain(callOptions);
      if (this.run && this.run.checkpoint) this.run.checkpoint(this.engine);
    }
    if (failure !== undefined && callOptions && callOptions.reject !== undefined && failure instanceof this.api.ERRORS.EmptyResultError) {
      const reject = callOptions.reject; // the learner's rejectOnEmpty: an Error, or a class to construct
      throw typeof reject === 'function' ? new reject() : reject;
    }
    if (failure !== undefined) throw failure;
    return result;
  }

  drain(callOptions) {
    const options = this.sequelize ? this.sequelize.options : {};
    const logging = callOptions && callOptions.logging !== undefined ? callOptions.logging : options.logging;
    const benchmark = callOptions && callOptions.benchmark !== undefined ? callOptions.benchmark : options.benchmark;
    let events;
    try {
      // In full (every parameter inlined) only when `logging` prints them; see ENGINE.md.
      events = this.engine.takeEvents ? plainify(this.engine.takeEvents(!!logging)) : [];
    } catch (_) {
      events = [];
    }
    if (!events || events.length === 0) return;
    if (this.run) {
      if (this.run.lines) {
        const line = callerLine();
        for (const event of events) event.line = line;
      }
      this.run.events.push(...events);
      if (this.run.progress) {
        try {
          this.run.progress(events);
        } catch (_) { /* the page's display only: the run goes on */ }
      }
    }
    if (!logging) return;
    for (const event of events) {
      const message = `Executing (default): ${event.inlined !== undefined ? event.inlined : event.sql}`;
      if (typeof logging !== 'function') continue;
      if (logging === DEFAULT_LOGGING || (this.run && logging === this.run.console.log)) {
        // Sequelize prints only the message to console.log (and the time with benchmark).
        const log = this.run ? this.run.console.log : console.log;
        log(benchmark ? `${message} Elapsed time: ${Math.round(event.ms)}ms` : message);
      } else if (benchmark) {
        logging(message, event.ms);
      } else {
        logging(message);
      }
    }
  }

  /**
   * The instance object of a handle (one object per handle); `known`, the model class, when the
   * caller knows it (a finder's or bulkCreate's own rows), saves asking the engine.
   */
  wrap(h, origin, known) {
    if (h === null || h === undefined) return null;
    let obj = this.wrappers.get(h);
    if (obj !== undefined) return obj;
    const name = known ? null : this.call('modelOf', [h]);
    const cls = known || this.models.get(name);
    if (!cls) throw new Error(`The engine returned an instance of ${name}, a model this Sequelize does not know`);
    // Assigned, not defined (non-enumerable) one by one: defining them took 6 ms of a 10,000-row
    // bulkCreate. Being symbol-keyed, they stay out of Object.keys, for…in and JSON; printing an
    // instance shows its Sequelize fields (instanceView), not these.
    obj = Object.create(cls.prototype);
    obj[HANDLE] = h;
    obj[DB] = this;
    obj[ORIGIN] = origin || 'find';
    this.wrappers.set(h, obj);
    return obj;
  }

  wrapAll(list, origin, known) {
    return (list || []).map((h) => this.wrap(h, origin, known));
  }
}

function DEFAULT_LOGGING() { /* a marker: Sequelize's default, console.log */ }


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

// Calls whose statements may wait in the engine before they are read (see Db.eventsEachCall).
const EVENT_BATCH = 128;

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
    this.unread = 0; // engine calls whose statements wait in the engine (see eventsEachCall)
  }

  /** Calls an engine method; drains its query events into the run and to `logging`. */
  call(method, args, callOptions) {
    let result;
    let failure;
    const effect = effectOf(this.engine, method);
    if (effect !== 'reads') valuesGeneration += 1;
    if (engineFailure !== null) throw engineFailure;
    const eachCall = effect === 'runs' && this.eventsEachCall(callOptions);
    if (effect === 'runs') this.readEventsBefore(eachCall);
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
        this.unread += 1;
        this.flushEvents(); // what the engine still holds, if it can still hand it over
        throw failure;
      }
    }
    if (effect === 'runs') {
      this.unread += 1;
      if (eachCall || this.unread >= EVENT_BATCH) this.drain(callOptions);
      if (this.run && this.run.checkpoint) this.run.checkpoint(this.engine);
    }
    if (failure !== undefined && callOptions && callOptions.reject !== undefined && failure instanceof this.api.ERRORS.EmptyResultError) {
      const reject = callOptions.reject; // the learner's rejectOnEmpty: an Error, or a class to construct
      throw typeof reject === 'function' ? new reject() : reject;
    }
    if (failure !== undefined) throw failure;
    return result;
  }

  /**
   * Whether this call's statements must be read as soon as it returns: `logging` prints them then,
   * `lines` stamps them with the line of the call, and a page that streams them shows them.
   * Otherwise they wait in the engine and are read every EVENT_BATCH calls, and whenever
   * something needs them in order (see readEventsBefore, flushEvents and the end of a run):
   * reading them cost a `findByPk` a third of its time.
   */
  eventsEachCall(callOptions) {
    if (this.run && (this.run.lines || this.run.progress)) return true;
    if (callOptions && callOptions.logging !== undefined) return !!callOptions.logging;
    return !!(this.sequelize && this.sequelize.options.logging);
  }

  /**
   * Before a call: the statements of earlier calls that wait, of this database (when this call's
   * own are read at once: `logging` must not print earlier ones) or of another database of the
   * run (so that the report keeps the order in which the statements ran).
   */
  readEventsBefore(eachCall) {
    const run = this.run;
    if (run && run.lastDb && run.lastDb !== this) run.lastDb.flushEvents();
    if (run) run.lastDb = this;
    if (eachCall && this.unread > 0) this.flushEvents();
  }

  /** Reads the statements that wait in the engine into the run, without logging them. */
  flushEvents() {
    if (this.unread > 0) this.drain({ logging: false });
  }

  /**
   * Reads every statement of the run that waits in an engine, so that `run.events` holds all
   * that ran (only the database called last can have some: a call to another reads them first).
   */
  flushRunEvents() {
    if (this.run && this.run.lastDb) this.run.lastDb.flushEvents();
    this.flushEvents();
  }

  drain(callOptions) {
    this.unread = 0;
    const options = this.sequelize ? this.sequelize.options : {};
    const logging = callOptions && callOptions.logging !== undefined ? callOptions.logging : options.logging;
    const benchmark = callOptions && callOptions.benchmark !== undefined ? callOptions.benchmark : options.benchmark;
    let events;
    try {
      // In full (every parameter inlined) only when `logging` prints them; see ENGINE.md.
      // (Plain objects and arrays already: no `plainify` walk.)
      events = this.engine.takeEvents ? this.engine.takeEvents(!!logging) : [];
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


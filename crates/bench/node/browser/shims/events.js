// Node's `events`: a small EventEmitter (on, once, off, emit, listeners) for the browser bundle.
'use strict';
class EventEmitter {
  constructor() {
    this._events = Object.create(null);
  }

  _list(event) {
    if (!this._events) this._events = Object.create(null);
    return this._events[event] || (this._events[event] = []);
  }

  on(event, listener) {
    this._list(event).push(listener);
    return this;
  }

  once(event, listener) {
    const once = (...args) => {
      this.removeListener(event, once);
      listener.apply(this, args);
    };
    once.listener = listener;
    return this.on(event, once);
  }

  removeListener(event, listener) {
    const list = this._list(event);
    const i = list.findIndex((l) => l === listener || l.listener === listener);
    if (i >= 0) list.splice(i, 1);
    return this;
  }

  removeAllListeners(event) {
    if (event === undefined) this._events = Object.create(null);
    else delete this._list(event) && delete this._events[event];
    return this;
  }

  emit(event, ...args) {
    const list = this._list(event).slice();
    if (event === 'error' && !list.length) throw args[0];
    for (const listener of list) listener.apply(this, args);
    return list.length > 0;
  }

  listeners(event) {
    return this._list(event).map((l) => l.listener || l);
  }

  listenerCount(event) {
    return this._list(event).length;
  }

  setMaxListeners() {
    return this;
  }
}
EventEmitter.prototype.addListener = EventEmitter.prototype.on;
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;
EventEmitter.EventEmitter = EventEmitter;
EventEmitter.defaultMaxListeners = 10;
module.exports = EventEmitter;

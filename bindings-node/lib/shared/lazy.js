"use strict";
// Properties made on first read, on the objects a request hands the author's code (`extra`,
// `ctx`). A getter made for each object (an object literal's `get x()`, or a closure given to
// `Object.defineProperty`) gives that object a hidden class of its own, which V8 keeps in its
// old generation: whatever the getter's closure reaches then survives every young-generation
// collection and is promoted, the request's whole object graph with it — for a server made per
// request, most of the garbage collector's work (bench/node/ANALYSIS.md). Here every object
// shares one getter per name, and the value's maker is an ordinary (hidden) data property.

const MAKERS = Symbol("ferromcp.lazy");
const HIDDEN = { value: undefined, writable: true, enumerable: false, configurable: true };

/** The getter of `key`, one for every object (configurable or not, as the caller's was). */
const accessors = new Map();

function accessor(key, configurable) {
  const id = configurable ? `c:${key}` : `f:${key}`;
  let d = accessors.get(id);
  if (d === undefined) {
    d = {
      enumerable: true,
      configurable,
      get() {
        return this[MAKERS][key]();
      },
    };
    accessors.set(id, d);
  }
  return d;
}

/**
 * Defines `obj[key]`: own and enumerable (a spread copies its value), read-only, `make()`
 * called on every read, as the getter it replaces (`make` caches what it makes, if anything).
 */
function lazy(obj, key, make, configurable = false) {
  let makers = obj[MAKERS];
  if (makers === undefined || !Object.prototype.hasOwnProperty.call(obj, MAKERS)) {
    makers = {};
    HIDDEN.value = makers;
    Object.defineProperty(obj, MAKERS, HIDDEN);
    HIDDEN.value = undefined;
  }
  makers[key] = make;
  Object.defineProperty(obj, key, accessor(key, configurable));
  return obj;
}

module.exports = { lazy };

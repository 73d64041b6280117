/**
 * Defines `obj[key]`: own and enumerable (a spread copies its value), read-only, `make()`
 * called on every read, as the getter it replaces (`make` caches what it makes, if anything).
 */
export function lazy(obj: any, key: any, make: any, configurable?: boolean): any;

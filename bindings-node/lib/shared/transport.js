"use strict";
// `@modelcontextprotocol/sdk/shared/transport.js`. The `Transport` interface a server connects
// to is a type only: an object with `start()`, `send(message, options?)`, `close()`, and the
// `onmessage(message, extra?)`, `onclose()`, `onerror(error)` callbacks the server sets
// (optionally `sessionId` and `setProtocolVersion(version)`). ferromcp's `connect` serves any
// object of that shape. The runtime names are fetch helpers the SDK's HTTP clients use.

/** `HeadersInit` (a `Headers`, `[name, value]` pairs or a plain object) as a plain object. */
function normalizeHeaders(headers) {
  if (!headers) {
    return {};
  }
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
    return Object.fromEntries(headers.entries());
  }
  if (Array.isArray(headers)) {
    return Object.fromEntries(headers);
  }
  return { ...headers };
}

/** A fetch that starts every call from `baseInit`; headers are merged, the call's winning. */
function createFetchWithInit(baseFetch = fetch, baseInit) {
  if (!baseInit) {
    return baseFetch;
  }
  return async (url, init) => {
    const headers = init?.headers ? { ...normalizeHeaders(baseInit.headers), ...normalizeHeaders(init.headers) } : baseInit.headers;
    return baseFetch(url, { ...baseInit, ...init, headers });
  };
}

const REDIRECTS_FOLLOWED = 5;
const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

/** Whether `to` is on `from`'s origin, or is the https form of an http origin on default ports. */
function isWithinOrigin(from, to) {
  if (from.hostname !== to.hostname) {
    return false;
  }
  if (from.protocol === to.protocol && from.port === to.port) {
    return true;
  }
  return from.protocol === "http:" && to.protocol === "https:" && from.port === "" && to.port === "";
}

/** Where a redirect response points, resolved against the request's URL (undefined: not a redirect). */
function locationOf(response, requestUrl) {
  if (!REDIRECT_CODES.has(response.status)) {
    return undefined;
  }
  const location = response.headers.get("location");
  if (!location) {
    return undefined;
  }
  try {
    return new URL(location, requestUrl);
  } catch {
    return undefined;
  }
}

/**
 * Follows `response`'s redirect while it stays on the origin of `url` (at most five times, and
 * for a request with a body only on 307/308, which keep the method). Undefined when `response`
 * is the answer as it is.
 */
function followWithinOrigin(baseFetch, url, init, response, followed = 0) {
  const target = locationOf(response, url);
  const method = (init?.method ?? "GET").toUpperCase();
  const methodKept = response.status === 307 || response.status === 308 || method === "GET";
  if (!target || followed >= REDIRECTS_FOLLOWED || !methodKept) {
    return undefined;
  }
  const from = new URL(url);
  const credentialsChange =
    (target.username !== "" || target.password !== "") && (target.username !== from.username || target.password !== from.password);
  if (credentialsChange || !isWithinOrigin(from, target)) {
    return undefined;
  }
  return Promise.resolve(response.body?.cancel())
    .then(() => baseFetch(target, { ...init, redirect: "manual" }))
    .then((next) => followWithinOrigin(baseFetch, target, init, next, followed + 1) ?? next);
}

// Fetches that leave redirects to the underlying fetch (`fetchWithinOrigin` passes them through).
const leavesRedirects = new WeakSet();

function fetchLeavingRedirects(baseFetch) {
  const f = (url, init) => (baseFetch ?? fetch)(url, init);
  leavesRedirects.add(f);
  return f;
}

/** A fetch that follows redirects only within the request's origin; others come back unfollowed. */
function fetchWithinOrigin(baseFetch = fetch) {
  if (leavesRedirects.has(baseFetch)) {
    return baseFetch;
  }
  return (url, init) => {
    if (init?.redirect === "error" || init?.redirect === "manual") {
      return baseFetch(url, init);
    }
    return Promise.resolve(baseFetch(url, { ...init, redirect: "manual" })).then(
      (response) => followWithinOrigin(baseFetch, url, init, response) ?? response,
    );
  };
}

/** A sentence about a redirect `fetchWithinOrigin` did not follow (its target without credentials, query or fragment). */
function unfollowedRedirect(response, requestUrl) {
  if (response.type === "opaqueredirect") {
    return "Redirect not followed: this runtime does not expose the redirect target";
  }
  const from = response.url || requestUrl;
  const target = locationOf(response, from);
  if (!target) {
    return undefined;
  }
  target.username = "";
  target.password = "";
  target.search = "";
  target.hash = "";
  if (target.protocol === "http:" && new URL(from).protocol === "https:") {
    target.protocol = "https:";
    return `Redirect to plain http not followed; try ${target.href} instead`;
  }
  return `Redirect to ${target.href} not followed`;
}

module.exports = {
  normalizeHeaders,
  createFetchWithInit,
  isWithinOrigin,
  followWithinOrigin,
  fetchLeavingRedirects,
  fetchWithinOrigin,
  unfollowedRedirect,
};

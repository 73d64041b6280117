"use strict";
// Host and Origin checks against DNS rebinding, as `@modelcontextprotocol/server` 2.x offers them
// for a fetch-style endpoint (`createMcpHandler` does none itself): `validateHostHeader` /
// `validateOriginHeader` (the verdict), `hostHeaderValidationResponse` /
// `originValidationResponse` (a 403 `Response`, or undefined to go on), the loopback allowlists,
// and the guards of `@modelcontextprotocol/node` (`(req, res) → boolean`) and
// `@modelcontextprotocol/express` (middleware). Allowlists name hostnames: no scheme, no port,
// IPv6 in brackets (`[::1]`).

const { isJsonContentType } = require("../shared/mediaType.js");

const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/** The loopback hostnames, for a server bound to 127.0.0.1. */
function localhostAllowedHostnames() {
  return [...LOOPBACK];
}

/** The loopback origin hostnames. */
function localhostAllowedOrigins() {
  return [...LOOPBACK];
}

/**
 * Whether the Host header names an allowed hostname (its port ignored).
 * @param {string | null | undefined} hostHeader
 * @param {string[]} allowedHostnames
 */
function validateHostHeader(hostHeader, allowedHostnames) {
  if (!hostHeader) {
    return { ok: false, errorCode: "missing_host", message: "Missing Host header" };
  }
  let hostname;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname;
  } catch {
    return { ok: false, errorCode: "invalid_host_header", message: `Invalid Host header: ${hostHeader}`, hostHeader };
  }
  if (!allowedHostnames.includes(hostname)) {
    return { ok: false, errorCode: "invalid_host", message: `Invalid Host: ${hostname}`, hostHeader, hostname };
  }
  return { ok: true, hostname };
}

/**
 * Whether the Origin header names an allowed hostname: no Origin passes (clients other than
 * browsers send none); one that does not parse, `null` included, is refused. `<scheme>://*`
 * allows every origin of a scheme other than http(s) (browser extensions).
 * @param {string | null | undefined} originHeader
 * @param {string[]} allowedOriginHostnames
 */
function validateOriginHeader(originHeader, allowedOriginHostnames) {
  if (originHeader === null || originHeader === undefined || originHeader === "") {
    return { ok: true };
  }
  let url;
  try {
    url = new URL(originHeader);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.hostname === "") {
    return { ok: false, errorCode: "invalid_origin_header", message: `Invalid Origin header: ${originHeader}`, originHeader };
  }
  const { hostname, protocol } = url;
  const anyOfScheme = protocol !== "http:" && protocol !== "https:" && allowedOriginHostnames.includes(`${protocol}//*`);
  if (!anyOfScheme && !allowedOriginHostnames.includes(hostname)) {
    return { ok: false, errorCode: "invalid_origin", message: `Invalid Origin: ${hostname}`, originHeader, hostname };
  }
  return { ok: true, origin: originHeader, hostname };
}

const forbidden = (message) => ({ jsonrpc: "2.0", error: { code: -32000, message }, id: null });

function refusal(result) {
  return result.ok ? undefined : Response.json(forbidden(result.message), { status: 403 });
}

/**
 * A 403 answer when the request's Host is not allowed, else undefined.
 * @param {Request} req
 * @param {string[]} allowedHostnames
 */
function hostHeaderValidationResponse(req, allowedHostnames) {
  return refusal(validateHostHeader(req.headers.get("host"), allowedHostnames));
}

/**
 * A 403 answer when the request's Origin is not allowed, else undefined.
 * @param {Request} req
 * @param {string[]} allowedOriginHostnames
 */
function originValidationResponse(req, allowedOriginHostnames) {
  return refusal(validateOriginHeader(req.headers.get("origin"), allowedOriginHostnames));
}

/** A node `(req, res) → boolean` guard: false when it answered 403 itself. */
function nodeGuard(check) {
  return (req, res) => {
    const result = check(req);
    if (result.ok) {
      return true;
    }
    res.writeHead(403, { "Content-Type": "application/json" });
    res.end(JSON.stringify(forbidden(result.message)));
    return false;
  };
}

const first = (v) => (Array.isArray(v) ? v[0] : v);

const nodeGuards = {
  /** @param {string[]} allowedHostnames */
  hostHeaderValidation: (allowedHostnames) => nodeGuard((req) => validateHostHeader(first(req.headers.host), allowedHostnames)),
  localhostHostValidation: () => nodeGuards.hostHeaderValidation(LOOPBACK),
  /** @param {string[]} allowedOriginHostnames */
  originValidation: (allowedOriginHostnames) => nodeGuard((req) => validateOriginHeader(first(req.headers.origin), allowedOriginHostnames)),
  localhostOriginValidation: () => nodeGuards.originValidation(LOOPBACK),
};

/** Express middleware: 403 when the Origin is not allowed, else `next()`. */
function originValidation(allowedOriginHostnames) {
  const guard = nodeGuards.originValidation(allowedOriginHostnames);
  return (req, res, next) => {
    if (guard(req, res)) {
      next();
    }
  };
}

function localhostOriginValidation() {
  return originValidation(LOOPBACK);
}

module.exports = {
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
  hostHeaderValidationResponse,
  originValidationResponse,
  nodeGuards,
  originValidation,
  localhostOriginValidation,
  isJsonContentType,
};

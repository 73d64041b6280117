"use strict";
// Replicas sharing sessions through Redis (README "Replicas sharing sessions"), for SDK-style
// servers that keep one transport per session in a map of their own (`transports[sessionId]`,
// the SDK's examples). A replica that did not see a session's `initialize` finds nothing in
// that map and would refuse the session itself; `replicaSessions()` (installed by
// `createMcpExpressApp` when a Redis URL is set) lets the author's code take it in instead:
//
// - a POST naming a session no transport of this process holds goes on without its
//   `Mcp-Session-Id` (as the author's code reads it) and with its body marked, so that the
//   author's `isInitializeRequest(req.body)` branch makes a transport and a server for it;
//   that transport hands the core the request as sent, the core takes the session in from
//   Redis, and `onsessioninitialized` files the transport under its id in the author's map;
// - a GET (a stream, or one resumed with `Last-Event-ID`) or DELETE naming such a session is
//   served here, by a transport of the library's own on a server without handlers. When the
//   session began under a bearer token (Redis says) and the process protects routes with
//   `requireBearerAuth` (ours), that waits for the route's middleware: the request goes on,
//   marked, and the middleware, once it verified the token and set `req.auth`, serves it
//   (`authenticated`) instead of calling the author's handler, whose map has no transport for
//   the session; so the core takes the session in for the principal the route verified, and
//   refuses the request as the route does without a token.
//
// The core decides everything else: a session Redis does not know is answered 404 (the
// client starts a new one), and a session begun under a bearer token is taken in only for a
// request verified for the same principal. Not a module of the SDK.

/** Request property: the session id the author's code does not see on this POST. */
const ADOPT = Symbol.for("ferromcp.adoptSession");
/** Session ids held by transports the author made, in this process. */
const held = new Set();
/** Bodies of POSTs taking a session in: `isInitializeRequest` says yes to them. */
const adopting = new WeakSet();
/** Transports of the library's own serving GET and DELETE of sessions taken in, by id. */
const foreign = new Map();
/** Request property: a GET or DELETE of a session taken in, served once the route's bearer check ran. */
const DEFERRED = Symbol.for("ferromcp.deferredSession");
const { replicaSessionBegunUnderToken } = require("../native/index.js");
/** How many `requireBearerAuth` middlewares this process made (GET and DELETE then wait for them). */
let bearerRoutes = 0;

/** A `requireBearerAuth` middleware was made: routes of this process check bearer tokens. */
function bearerRouteMade() {
  bearerRoutes += 1;
}

/**
 * For `requireBearerAuth`, once it set `req.auth`: serves a GET or DELETE `replicaSessions()`
 * left to it, else `next()`.
 */
function authenticated(req, res, next) {
  const deferred = req[DEFERRED];
  if (deferred === undefined) {
    next();
    return;
  }
  req[DEFERRED] = undefined;
  if (held.has(deferred.sessionId)) {
    // Taken in meanwhile by a transport the author's map holds.
    next();
    return;
  }
  serveForeign(req, res, deferred.sessionId, deferred.options).catch(next);
}

/** Leaves a GET or DELETE of a session taken in to the route's bearer check (`authenticated`). */
function defer(req, sessionId, options, next) {
  req[DEFERRED] = { sessionId, options };
  next();
}

/** The Redis URL of a transport or an app: the option, else `FERROMCP_REDIS_URL`. */
function redisUrl(options) {
  return options?.redisUrl ?? (process.env.FERROMCP_REDIS_URL || undefined);
}

/** Whether `body` is the body of a POST taking a session in (`isInitializeRequest`). */
function isAdopting(body) {
  return body !== null && typeof body === "object" && adopting.has(body);
}

async function serveForeign(req, res, sessionId, options) {
  let transport = foreign.get(sessionId);
  if (transport === undefined) {
    const { StreamableHTTPServerTransport } = require("./streamableHttp.js");
    const { Server } = require("./index.js");
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => sessionId,
      redisUrl: redisUrl(options),
      redisPrefix: options.redisPrefix,
      _foreign: true,
    });
    const server = new Server({ name: "ferromcp-replica", version: "0" }, { capabilities: {} });
    await server.connect(transport);
    foreign.set(sessionId, transport);
    const t = transport;
    transport.onclose = () => {
      if (foreign.get(sessionId) === t) {
        foreign.delete(sessionId);
      }
    };
  }
  await transport.handleRequest(req, res);
  // Unknown to Redis too, or ended: nothing to keep.
  if (res.statusCode === 404 || (req.method === "DELETE" && res.statusCode === 200)) {
    await transport.close();
  }
}

/**
 * Express middleware letting this replica serve sessions begun on others (see above). Put it
 * after the JSON body parser, before the MCP routes; `createMcpExpressApp()` does when
 * `redisUrl` or `FERROMCP_REDIS_URL` is set.
 * @param {{redisUrl?: string, redisPrefix?: string}} [options]
 */
function replicaSessions(options = {}) {
  return (req, res, next) => {
    const sessionId = req.headers?.["mcp-session-id"];
    if (typeof sessionId !== "string" || sessionId === "" || held.has(sessionId)) {
      next();
      return;
    }
    if (req.method === "POST") {
      if (req.body !== null && typeof req.body === "object") {
        adopting.add(req.body);
        req[ADOPT] = sessionId;
        delete req.headers["mcp-session-id"];
      }
      next();
      return;
    }
    if (req.method === "GET" || req.method === "DELETE") {
      const url = redisUrl(options);
      if (bearerRoutes === 0 || url === undefined) {
        if (bearerRoutes > 0) {
          defer(req, sessionId, options, next);
          return;
        }
        serveForeign(req, res, sessionId, options).catch(next);
        return;
      }
      // A session begun under a token waits for the route's bearer check, to be served for
      // the principal it verifies (`authenticated`); any other is served here at once, so
      // that routes without the check (other routes of the process have it) serve it too.
      try {
        replicaSessionBegunUnderToken(url, options.redisPrefix ?? null, sessionId, (begun) => {
          if (begun === true) {
            defer(req, sessionId, options, next);
          } else {
            serveForeign(req, res, sessionId, options).catch(next);
          }
        });
      } catch (e) {
        next(e);
      }
      return;
    }
    next();
  };
}

module.exports = { ADOPT, held, isAdopting, redisUrl, replicaSessions, bearerRouteMade, authenticated };

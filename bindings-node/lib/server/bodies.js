"use strict";
// Marks ferromcp's own HTTP pieces leave for each other on the objects they pass along (not a
// module of the SDK).

/**
 * On a `Response` the web-standard transport made from an answer that was whole when its head
 * was known: its bytes, so that ferromcp's own adapters (createMcpHandler, toNodeHandler) hand
 * them on whole rather than read them back through the body's stream.
 */
const WHOLE_BODY = Symbol.for("ferromcp.wholeBody");

/** In the web-standard transport's `handleRequest` options: the body, read already (bytes). */
const READ_BODY = Symbol.for("ferromcp.readBody");

/**
 * In the same options: a function giving the request as handlers see it (`ctx.http.req`), its
 * body still to read — made only if a handler asks, since a Web `Request` over a body costs a
 * stream.
 */
const FORWARD = Symbol.for("ferromcp.forward");

/**
 * On a handler `createMcpHandler` made: how ferromcp's `toNodeHandler` hands it node's
 * req/res directly, with no Web `Request`/`Response` between.
 */
const SERVE_NODE = Symbol.for("ferromcp.serveNode");

module.exports = { WHOLE_BODY, READ_BODY, FORWARD, SERVE_NODE };

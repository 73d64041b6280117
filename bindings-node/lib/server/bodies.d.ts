/**
 * On a `Response` the web-standard transport made from an answer that was whole when its head
 * was known: its bytes, so that ferromcp's own adapters (createMcpHandler, toNodeHandler) hand
 * them on whole rather than read them back through the body's stream.
 */
export const WHOLE_BODY: unique symbol;
/** In the web-standard transport's `handleRequest` options: the body, read already (bytes). */
export const READ_BODY: unique symbol;
/**
 * In the same options: a function giving the request as handlers see it (`ctx.http.req`), its
 * body still to read — made only if a handler asks, since a Web `Request` over a body costs a
 * stream.
 */
export const FORWARD: unique symbol;
/**
 * On a handler `createMcpHandler` made: how ferromcp's `toNodeHandler` hands it node's
 * req/res directly, with no Web `Request`/`Response` between.
 */
export const SERVE_NODE: unique symbol;

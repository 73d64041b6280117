/**
 * On a `Response` the web-standard transport made from an answer that was whole when its head
 * was known: its bytes, so that ferromcp's own adapters (createMcpHandler, toNodeHandler) hand
 * them on whole rather than read them back through the body's stream.
 */
export const WHOLE_BODY: unique symbol;
/** In the web-standard transport's `handleRequest` options: the body, read already (bytes). */
export const READ_BODY: unique symbol;

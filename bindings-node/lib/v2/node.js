"use strict";
// `@modelcontextprotocol/node` 2.x, served at `ferromcp/node`: Streamable HTTP on node's
// `http` (or Express) — `NodeStreamableHTTPServerTransport` is 1.x's
// `StreamableHTTPServerTransport` (`handleRequest(req, res, parsedBody)` into the core's HTTP
// service) — and `toNodeHandler`, which serves a fetch-style handler (`createMcpHandler`) on
// node's req/res.

const { StreamableHTTPServerTransport } = require("../server/streamableHttp.js");
const { DEFAULT_MAX_REQUEST_BODY_SIZE } = require("./createMcpHandler.js");
const { WHOLE_BODY } = require("../server/bodies.js");

class NodeStreamableHTTPServerTransport extends StreamableHTTPServerTransport {}

function first(value) {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Node's request as a Web `Request` (the body read here unless `parsedBody` is given).
 * @param {any} req
 * @param {any} [parsedBody]
 * @param {{signal?: AbortSignal, maxRequestBodySize?: number}} [options]
 */
async function toWebRequest(req, parsedBody, options) {
  const max = options?.maxRequestBodySize ?? DEFAULT_MAX_REQUEST_BODY_SIZE;
  const method = (req.method ?? "GET").toUpperCase();
  const url = `http://${first(req.headers.host) ?? first(req.headers[":authority"]) ?? "localhost"}${req.url ?? "/"}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !name.startsWith(":")) {
      for (const v of [].concat(value)) {
        headers.append(name, v);
      }
    }
  }
  let body;
  if (method !== "GET" && method !== "HEAD") {
    if (parsedBody === undefined) {
      const chunks = [];
      let size = 0;
      for await (const chunk of req) {
        size += chunk.length;
        if (size > max) {
          const e = new Error(`Payload Too Large: Request body must not exceed ${max} bytes`);
          e.name = "RequestBodyTooLargeError";
          Object.assign(e, { status: 413 });
          throw e;
        }
        chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
      }
      if (size > 0) {
        body = Buffer.concat(chunks);
      }
    } else {
      body = JSON.stringify(parsedBody);
      headers.delete("content-encoding");
      headers.delete("transfer-encoding");
      headers.set("content-length", String(Buffer.byteLength(body)));
    }
  }
  return new Request(url, { method, headers, signal: options?.signal, body });
}

/**
 * Serves a fetch-style handler (`{fetch(request, options)}`) on node's `(req, res, parsedBody?)`.
 * @param {{fetch: (request: Request, options?: any) => Promise<Response>}} handler
 * @param {{onerror?: (error: Error) => void, maxRequestBodySize?: number}} [opts]
 */
function toNodeHandler(handler, opts) {
  return async (req, res, parsedBody) => {
    if (typeof parsedBody === "function") {
      parsedBody = undefined;
    }
    const abort = new AbortController();
    let finished = false;
    res.on("close", () => finished || abort.abort());
    let response;
    try {
      const request = await toWebRequest(req, parsedBody, { signal: abort.signal, maxRequestBodySize: opts?.maxRequestBodySize });
      response = await handler.fetch(request, {
        ...(req.auth !== undefined && { authInfo: req.auth }),
        ...(parsedBody !== undefined && { parsedBody }),
      });
    } catch (e) {
      if (e?.name === "RequestBodyTooLargeError") {
        response = Response.json({ jsonrpc: "2.0", error: { code: -32000, message: e.message }, id: null }, { status: 413 });
      } else {
        opts?.onerror?.(e instanceof Error ? e : new Error(String(e)));
        response = Response.json({ jsonrpc: "2.0", error: { code: -32603, message: "Internal server error" }, id: null }, { status: 500 });
      }
    }
    const headers = {};
    for (const [name, value] of response.headers) {
      headers[name] = value;
    }
    const whole = response[WHOLE_BODY];
    if (whole !== undefined && !response.bodyUsed) {
      // An answer of the core's that was whole at once: written whole, with its length.
      finished = true;
      res.writeHead(response.status, { ...headers, "content-length": whole.length }).end(whole);
      return;
    }
    res.writeHead(response.status, headers);
    if (response.body === null) {
      finished = true;
      res.end();
      return;
    }
    try {
      for await (const chunk of response.body) {
        if (abort.signal.aborted) {
          break;
        }
        if (!res.write(chunk)) {
          await new Promise((resolve) => {
            res.once("drain", resolve);
            abort.signal.addEventListener("abort", resolve, { once: true });
          });
        }
      }
    } catch {
      // The client went away.
    }
    finished = true;
    res.end();
  };
}

const { hostHeaderValidation, localhostHostValidation, originValidation, localhostOriginValidation } = require("./validation.js").nodeGuards;

module.exports = {
  NodeStreamableHTTPServerTransport,
  toNodeHandler,
  toWebRequest,
  hostHeaderValidation,
  localhostHostValidation,
  originValidation,
  localhostOriginValidation,
};

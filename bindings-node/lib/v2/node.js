"use strict";
// `@modelcontextprotocol/node` 2.x, served at `ferromcp/node`: Streamable HTTP on node's
// `http` (or Express) — `NodeStreamableHTTPServerTransport` is 1.x's
// `StreamableHTTPServerTransport` (`handleRequest(req, res, parsedBody)` into the core's HTTP
// service) — and `toNodeHandler`, which serves a fetch-style handler (`createMcpHandler`) on
// node's req/res.

const { StreamableHTTPServerTransport } = require("../server/streamableHttp.js");
const { resolveMaxRequestBodySize, requestBodyTooLargeMessage, echoableId } = require("./createMcpHandler.js");
const { WHOLE_BODY, SERVE_NODE } = require("../server/bodies.js");

class NodeStreamableHTTPServerTransport extends StreamableHTTPServerTransport {}

function first(value) {
  return Array.isArray(value) ? value[0] : value;
}

/** A body over the adapter's limit, told by its `name` and `status`. */
class RequestBodyTooLargeError extends Error {
  constructor(max) {
    super(requestBodyTooLargeMessage(max));
    this.name = "RequestBodyTooLargeError";
    this.status = 413;
  }
}

/** Node's request body as bytes, at most `max` (a `Content-Length` over it is refused unread). */
function readNodeBody(req, max) {
  if (Number(first(req.headers["content-length"])) > max) {
    return Promise.reject(new RequestBodyTooLargeError(max));
  }
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size > max) {
        // The rest is not read: the answer closes the connection.
        req.off("data", onData);
        req.pause();
        reject(new RequestBodyTooLargeError(max));
        return;
      }
      chunks.push(bytes);
    };
    req.on("data", onData);
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
    // A client gone before the end of its body (settled already when the body ended).
    req.on("close", () => reject(new Error("aborted")));
  });
}

/** The URL and headers of node's request, as a Web `Request` has them. */
function webParts(req) {
  const url = `http://${first(req.headers.host) ?? first(req.headers[":authority"]) ?? "localhost"}${req.url ?? "/"}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !name.startsWith(":")) {
      for (const v of [].concat(value)) {
        headers.append(name, v);
      }
    }
  }
  return { url, headers };
}

/**
 * Node's request as a Web `Request` (the body read here unless `parsedBody` is given).
 * @param {any} req
 * @param {any} [parsedBody]
 * @param {{signal?: AbortSignal, maxRequestBodySize?: number}} [options]
 */
async function toWebRequest(req, parsedBody, options) {
  const max = resolveMaxRequestBodySize(options?.maxRequestBodySize);
  const method = (req.method ?? "GET").toUpperCase();
  const { url, headers } = webParts(req);
  let body;
  if (method !== "GET" && method !== "HEAD") {
    if (parsedBody === undefined) {
      const bytes = await readNodeBody(req, max);
      if (bytes.length > 0) {
        body = bytes;
      }
    } else {
      body = JSON.stringify(parsedBody);
      headers.delete("content-encoding");
      headers.delete("transfer-encoding");
      if (body === undefined) {
        headers.delete("content-length");
      } else {
        headers.set("content-length", String(Buffer.byteLength(body)));
      }
    }
  }
  return new Request(url, { method, headers, ...(options?.signal !== undefined && { signal: options.signal }), body });
}

function internalError(parsedBody) {
  return Response.json({ jsonrpc: "2.0", error: { code: -32603, message: "Internal server error" }, id: echoableId(parsedBody) }, { status: 500 });
}

/** A `Response` written into node's `res`. */
async function writeResponse(response, res, signal) {
  const headers = {};
  for (const [name, value] of response.headers) {
    headers[name] = value;
  }
  const whole = response[WHOLE_BODY];
  if (whole !== undefined && !response.bodyUsed) {
    // An answer of the core's that was whole at once: written whole, with its length.
    res.writeHead(response.status, { ...headers, "content-length": whole.length }).end(whole);
    return;
  }
  res.writeHead(response.status, headers);
  if (response.body === null) {
    res.end();
    return;
  }
  try {
    for await (const chunk of response.body) {
      if (signal.aborted) {
        break;
      }
      if (!res.write(chunk)) {
        await new Promise((resolve) => {
          res.once("drain", resolve);
          signal.addEventListener("abort", resolve, { once: true });
        });
      }
    }
  } catch {
    // The client went away.
  }
  res.end();
}

/**
 * Serves a fetch-style handler (`{fetch(request, options)}`) on node's `(req, res, parsedBody?)`.
 * A handler of ferromcp's `createMcpHandler` is handed node's req/res as they are: the Web
 * `Request` its factory or tools may look at is made only if they do.
 * @param {{fetch: (request: Request, options?: any) => Promise<Response>}} handler
 * @param {{onerror?: (error: Error) => void, maxRequestBodySize?: number}} [opts]
 */
function toNodeHandler(handler, opts) {
  const max = resolveMaxRequestBodySize(opts?.maxRequestBodySize);
  const serveNode = handler[SERVE_NODE];
  return async (req, res, parsedBody) => {
    if (typeof parsedBody === "function") {
      parsedBody = undefined;
    }
    let finished = false;
    let abort;
    // Aborted when the client leaves before its answer is out; made when first needed.
    const signal = () => {
      if (abort === undefined) {
        abort = new AbortController();
        if (res.destroyed === true) {
          abort.abort();
        } else {
          res.on("close", () => finished || abort.abort());
        }
      }
      return abort.signal;
    };
    let response;
    try {
      if (serveNode === undefined || handler.fetch !== serveNode.fetch) {
        const request = await toWebRequest(req, parsedBody, { signal: signal(), maxRequestBodySize: max });
        response = await handler.fetch(request, {
          ...(req.auth !== undefined && { authInfo: req.auth }),
          ...(parsedBody !== undefined && { parsedBody }),
        });
      } else {
        const post = (req.method ?? "GET").toUpperCase() === "POST";
        const bytes = post && parsedBody === undefined ? await readNodeBody(req, max) : undefined;
        let made;
        const forward = () => {
          if (made === undefined) {
            const { url, headers } = webParts(req);
            const body = bytes ?? (parsedBody === undefined ? undefined : JSON.stringify(parsedBody));
            made = new Request(url, { method: req.method, headers, signal: signal(), ...(body !== undefined && body.length > 0 && { body }) });
          }
          return made;
        };
        response = await serveNode({ req, res, bytes, parsedBody, forward });
        if (response === undefined) {
          finished = true;
          return;
        }
      }
    } catch (e) {
      if (e?.name === "RequestBodyTooLargeError") {
        const error = { code: -32000, message: e.message };
        response = Response.json({ jsonrpc: "2.0", error, id: null }, { status: 413, headers: { connection: "close" } });
      } else {
        try {
          opts?.onerror?.(e instanceof Error ? e : new Error(String(e)));
        } catch {
          // Reporting only.
        }
        response = internalError(parsedBody);
      }
    }
    if (res.headersSent) {
      finished = true;
      res.end();
      return;
    }
    await writeResponse(response, res, signal());
    finished = true;
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

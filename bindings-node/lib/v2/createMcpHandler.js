"use strict";
// `createMcpHandler(factory)` of `@modelcontextprotocol/server` 2.x: a fetch-style handler
// (`handler.fetch(Request) → Response`). Every request is served by a fresh instance from the
// factory on a stateless transport over the core's HTTP service, which answers both eras:
// 2026-07-28 requests (the `_meta` envelope, `server/discover`, `subscriptions/listen`,
// input-required results; `ctx.era === "modern"` for the factory) and, by default
// (`legacy: 'stateless'`), 2025-era ones, with GET/DELETE answered `405 Method not allowed.`.
// `legacy: 'reject'` makes a modern-only endpoint: claim-less requests get -32022 naming the
// revisions served. `handler.notify.*` publishes on the handler's event bus; the core sends
// each event on every open listen of the handler that asked for it.

const { WebStandardStreamableHTTPServerTransport } = require("../server/webStandardStreamableHttp.js");
const { StreamableHTTPServerTransport } = require("../server/streamableHttp.js");
const { WHOLE_BODY, READ_BODY, FORWARD, SERVE_NODE } = require("../server/bodies.js");
const { classifyInboundRequest, modernOnlyRejection, inboundOf, MODERN_VERSIONS } = require("./classify.js");
const { UnsupportedProtocolVersionError } = require("./errors.js");
const { InMemoryServerEventBus, createServerNotifier, changeOf } = require("./eventBus.js");
const { isJsonContentType } = require("../shared/mediaType.js");
const { lazy } = require("../shared/lazy.js");

const DEFAULT_MAX_REQUEST_BODY_SIZE = 4 * 1024 * 1024;

/** A `maxRequestBodySize` option as the bound it sets; anything but a positive number is refused. */
function resolveMaxRequestBodySize(value) {
  if (value === undefined) {
    return DEFAULT_MAX_REQUEST_BODY_SIZE;
  }
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`maxRequestBodySize must be a positive number of bytes, got ${String(value)}`);
  }
  return value;
}

const requestBodyTooLargeMessage = (max) => `Payload Too Large: Request body must not exceed ${max} bytes`;
const UNSUPPORTED_MEDIA_TYPE = "Unsupported Media Type: Content-Type must be application/json";

function jsonRpcError(status, code, message, id = null, data = undefined) {
  const headers = status === 405 ? { Allow: "POST" } : undefined;
  const error = data === undefined ? { code, message } : { code, message, data };
  return Response.json({ jsonrpc: "2.0", error, id }, { status, headers });
}

/** The id a request body carries, to answer a failure with it. */
function echoableId(body) {
  if (body === null || typeof body !== "object" || Array.isArray(body) || typeof body.method !== "string") {
    return null;
  }
  return typeof body.id === "string" || typeof body.id === "number" ? body.id : null;
}

/** The low-level server of what a factory made (`McpServer` or `Server`). */
const lowLevel = (instance) => instance?.server ?? instance;

/**
 * Serves one request with a fresh instance of the factory on a stateless transport, torn down
 * when its answer has been read. `live` holds the instances serving (for the event bus).
 * When the body was read already, `options[FORWARD]` gives the request with its body, which
 * the factory sees as `requestInfo`: made only if it looks. With `node` (node's `req`/`res` and
 * the body to send), the answer is written into `res` and nothing is returned.
 */
async function serveOnce(factory, era, request, options, { live, transportOptions = {}, listens, node } = {}) {
  const ctx = { era, ...(options?.authInfo !== undefined && { authInfo: options.authInfo }) };
  const forward = options?.[FORWARD];
  if (forward === undefined) {
    ctx.requestInfo = request;
  } else {
    lazy(ctx, "requestInfo", forward, true);
  }
  const instance = await factory(ctx);
  const server = lowLevel(instance);
  server._servesSessionless = era === "modern";
  const Transport = node ? StreamableHTTPServerTransport : WebStandardStreamableHTTPServerTransport;
  const transport = new Transport({ sessionIdGenerator: undefined, ...transportOptions });
  await instance.connect(transport);
  live?.add(server);
  listens?.add(server);
  let done = false;
  const teardown = () => {
    if (!done) {
      done = true;
      live?.delete(server);
      listens?.delete(server);
      transport.close().catch(() => {});
      instance.close().catch(() => {});
    }
  };
  if (node) {
    try {
      await transport._serveNode(node.req, node.res, node.body, forward);
    } finally {
      teardown();
    }
    return undefined;
  }
  request.signal?.addEventListener("abort", teardown, { once: true });
  const response = await transport.handleRequest(request, options);
  if (response.body === null || response[WHOLE_BODY] !== undefined) {
    // Nothing more will come from the instance: the answer is all here.
    teardown();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream({
    async pull(controller) {
      try {
        const { done: end, value } = await reader.read();
        if (end) {
          teardown();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (e) {
        teardown();
        controller.error(e);
      }
    },
    cancel(reason) {
      teardown();
      return reader.cancel(reason).catch(() => {});
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function report(onerror, e) {
  try {
    onerror?.(e instanceof Error ? e : new Error(String(e)));
  } catch {
    // Reporting only.
  }
}

/**
 * The stateless 2025-era leg: a fresh instance and transport per POST, torn down when its
 * answer has been read.
 * @param {(ctx: any) => any} factory
 * @param {(error: Error) => void} [onerror]
 * @param {{maxRequestBodySize?: number}} [_options]
 */
function legacyStatelessFallback(factory, onerror, _options) {
  return async (request, options) => {
    if (request.method.toUpperCase() !== "POST") {
      return jsonRpcError(405, -32000, "Method not allowed.");
    }
    try {
      return /** @type {Response} */ (await serveOnce(factory, "legacy", request, options));
    } catch (e) {
      report(onerror, e);
      return jsonRpcError(500, -32603, "Internal server error", echoableId(options?.parsedBody));
    }
  };
}

/**
 * The body of a POST read once, at most `max` bytes (a `Content-Length` over it is refused
 * unread), and `forward()`, a request that still carries it (made on first call). `{tooLarge}`
 * past the limit, `{unreadable}` when the stream failed.
 */
async function readBody(request, max) {
  if (Number(request.headers.get("content-length")) > max) {
    return { tooLarge: true };
  }
  let bytes;
  try {
    const chunks = [];
    let size = 0;
    if (request.body !== null) {
      for await (const chunk of request.body) {
        size += chunk.byteLength;
        if (size > max) {
          return { tooLarge: true };
        }
        chunks.push(chunk);
      }
    }
    bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  } catch {
    return { unreadable: true };
  }
  let made;
  const forward = () =>
    (made ??= new Request(request.url, { method: request.method, headers: request.headers, body: bytes, signal: request.signal }));
  return { bytes, forward };
}

/** A body node's request carried (`node.bytes`, read by the adapter), held to `max`. */
function heldNodeBody(node, max) {
  if (node.bytes.byteLength > max) {
    return { tooLarge: true };
  }
  return { bytes: node.bytes, forward: node.forward };
}

const EMPTY = Buffer.alloc(0);

/** Node's request as far as the routing reads it: its method and its headers' values. */
function nodeRequest(req) {
  const headers = req.headers;
  return {
    method: (req.method ?? "GET").toUpperCase(),
    headers: {
      get: (name) => {
        const value = headers[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    },
  };
}

/** A body's JSON value; undefined when it is empty or not JSON. */
function parseJson(bytes) {
  try {
    const text = new TextDecoder().decode(bytes);
    return text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A fetch-style MCP endpoint over the author's server factory.
 * @param {(ctx: any) => any} factory
 * @param {{legacy?: "stateless" | "reject", onerror?: (error: Error) => void, responseMode?: "auto" | "sse" | "json", bus?: any, maxSubscriptions?: number, keepAliveMs?: number, maxRequestBodySize?: number}} [options]
 */
function createMcpHandler(factory, options = {}) {
  const { legacy, onerror } = options;
  if (typeof legacy === "function") {
    throw new TypeError(
      "The 'legacy' option only accepts 'stateless' or 'reject', not a handler function. To serve 2025-era traffic with your own handler, route in user land with the exported isLegacyRequest(request) predicate in front of a strict (legacy: 'reject') handler.",
    );
  }
  const maxRequestBodySize = resolveMaxRequestBodySize(options.maxRequestBodySize);
  const strict = legacy === "reject";
  const onError = (e) => report(onerror, e);
  const bus = options.bus ?? new InMemoryServerEventBus(onError);
  const notify = createServerNotifier(bus);
  // The instances serving a modern request now; a listen's instance lives as long as its stream.
  const live = new Set();
  bus.subscribe((event) => {
    const change = changeOf(event);
    if (change === undefined) {
      return;
    }
    for (const server of live) {
      try {
        server._conn?.publish(change[0], change[1]);
      } catch (e) {
        onError(e);
      }
    }
  });
  // The core shapes the answers: `responseMode` and the keep-alive interval go to its options.
  const transportOptions = {
    ...(options.responseMode === "json" && { enableJsonResponse: true }),
    ...(options.responseMode === "sse" && { responseMode: "sse" }),
    ...(options.keepAliveMs !== undefined && { keepAliveMs: options.keepAliveMs }),
  };
  // A modern request the core refuses before dispatch is reported as 2.4 reports it.
  const modernTransportOptions = { ...transportOptions, _onRejected: (report) => onError(new Error(report)) };
  const maxSubscriptions = options.maxSubscriptions ?? 1024;
  // The instances holding an open listen, counted against `maxSubscriptions`.
  const listens = new Set();
  let closed = false;

  /**
   * One request: a Web `Request` answered with a `Response`, or — with `node`, from ferromcp's
   * `toNodeHandler` — node's, whose body `node.bytes` was read already, answered into `node.res`
   * (nothing returned) unless refused before a server was made (a `Response` returned).
   */
  async function handle(request, requestOptions, node) {
    const post = request.method.toUpperCase() === "POST";
    if (post && !isJsonContentType(request.headers.get("content-type"))) {
      onError(new Error(UNSUPPORTED_MEDIA_TYPE));
      return jsonRpcError(415, -32000, UNSUPPORTED_MEDIA_TYPE);
    }
    let body = requestOptions?.parsedBody;
    // The bytes read here, handed to the transport as they are, and the request with them.
    let bytes;
    let forward;
    if (post && body === undefined) {
      const read = node ? heldNodeBody(node, maxRequestBodySize) : await readBody(request, maxRequestBodySize);
      if (read.tooLarge) {
        return jsonRpcError(413, -32000, requestBodyTooLargeMessage(maxRequestBodySize));
      }
      if (read.unreadable) {
        return jsonRpcError(400, -32700, "Parse error: the request body could not be read");
      }
      ({ bytes, forward } = read);
    }
    let era;
    if (!post) {
      era = "legacy";
    } else {
      // Every POST is classified as 2.4 classifies it, refusals answered and reported in its
      // words; a modern one is then checked again, and served, by the core's sessionless entry.
      if (bytes !== undefined) {
        body = parseJson(bytes);
      }
      const route = body === undefined ? { kind: "legacy", reason: "no-json-body" } : classifyInboundRequest(inboundOf(request, body));
      if (route.kind === "reject") {
        onError(new Error(`Rejected inbound request (${route.cell}): ${route.message}`));
        return jsonRpcError(route.httpStatus, route.code, route.message, echoableId(body), route.data);
      }
      const revision = route.classification?.revision;
      if (route.kind === "modern" && (revision === undefined || !MODERN_VERSIONS.includes(revision))) {
        const error = new UnsupportedProtocolVersionError({ supported: [...MODERN_VERSIONS], requested: revision ?? "unknown" });
        onError(error);
        return jsonRpcError(400, error.code, error.message, echoableId(body), error.data);
      }
      era = route.kind === "legacy" ? "legacy" : "modern";
      if (strict && route.kind === "legacy") {
        if (route.reason === "no-json-body") {
          return jsonRpcError(400, -32700, "Parse error: the request body is not valid JSON");
        }
        const refusal = modernOnlyRejection(route);
        if (refusal === undefined) {
          return new Response(null, { status: 202 });
        }
        onError(new Error(`Rejected 2025-era request on a modern-only endpoint (${refusal.cell}): ${refusal.message}`));
        return jsonRpcError(refusal.httpStatus, refusal.code, refusal.message, echoableId(body), refusal.data);
      }
    }
    if (era === "legacy" && !post) {
      if (strict) {
        const refusal = modernOnlyRejection({ kind: "legacy", reason: "http-method" });
        return jsonRpcError(refusal.httpStatus, refusal.code, refusal.message);
      }
      return jsonRpcError(405, -32000, "Method not allowed.");
    }
    // The routing header names the method (the core holds it to the body).
    const listen = era === "modern" && request.headers.get("mcp-method")?.trim() === "subscriptions/listen";
    if (listen && listens.size >= maxSubscriptions) {
      if (body === undefined && bytes !== undefined) {
        body = parseJson(bytes);
      }
      return jsonRpcError(200, -32603, "Subscription limit reached", echoableId(body));
    }
    const forwardOptions =
      body === undefined || bytes !== undefined
        ? { authInfo: requestOptions?.authInfo, [READ_BODY]: bytes, [FORWARD]: forward }
        : node
          ? { ...requestOptions, [FORWARD]: node.forward }
          : requestOptions;
    try {
      return await serveOnce(factory, era, request, forwardOptions, {
        live: era === "modern" ? live : undefined,
        transportOptions: era === "modern" ? modernTransportOptions : transportOptions,
        listens: listen ? listens : undefined,
        node: node && { req: node.req, res: node.res, body: bytes ?? (body === undefined ? EMPTY : JSON.stringify(body)) },
      });
    } catch (e) {
      onError(e);
      return jsonRpcError(500, -32603, "Internal server error", echoableId(body));
    }
  }

  const handler = {
    fetch: async (request, requestOptions) => {
      if (closed) {
        throw new Error("This MCP handler has been closed");
      }
      return /** @type {Promise<Response>} */ (handle(request, requestOptions));
    },
    close: async () => {
      closed = true;
      const open = [...live];
      live.clear();
      await Promise.all(open.map((server) => server.close().catch(() => {})));
    },
    notify,
    bus,
  };
  // ferromcp's `toNodeHandler` serves node's req/res here directly, skipping the Web
  // `Request`/`Response` a fetch handler needs (`node`: see `handle`) — while `fetch` is still
  // this one: a `fetch` the author replaced is called as it is.
  const serveNode = (node) => {
    if (closed) {
      throw new Error("This MCP handler has been closed");
    }
    return handle(nodeRequest(node.req), { authInfo: node.req.auth, parsedBody: node.parsedBody }, node);
  };
  serveNode.fetch = handler.fetch;
  Object.defineProperty(handler, SERVE_NODE, { value: serveNode });
  return handler;
}

module.exports = {
  createMcpHandler,
  legacyStatelessFallback,
  DEFAULT_MAX_REQUEST_BODY_SIZE,
  resolveMaxRequestBodySize,
  requestBodyTooLargeMessage,
  echoableId,
};

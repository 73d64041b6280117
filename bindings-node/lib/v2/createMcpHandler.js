"use strict";
// `createMcpHandler(factory)` of `@modelcontextprotocol/server` 2.x: a fetch-style handler
// (`handler.fetch(Request) → Response`). 2025-era traffic is served as 2.x serves it by default
// (`legacy: 'stateless'`): each POST by a fresh instance from the factory on a stateless
// Streamable HTTP transport — the core's HTTP service, as `WebStandardStreamableHTTPServerTransport`
// uses it — and GET/DELETE answered `405 Method not allowed.`. The 2026-07-28 revision (its
// modern leg, `subscriptions/listen`, the event bus) is not served yet.

const { WebStandardStreamableHTTPServerTransport } = require("../server/webStandardStreamableHttp.js");

const DEFAULT_MAX_REQUEST_BODY_SIZE = 4 * 1024 * 1024;

function jsonRpcError(status, code, message, id = null) {
  const headers = status === 405 ? { Allow: "POST" } : undefined;
  return Response.json({ jsonrpc: "2.0", error: { code, message }, id }, { status, headers });
}

/** The id a request body carries, to answer a failure with it. */
function echoableId(body) {
  if (body === null || typeof body !== "object" || Array.isArray(body) || typeof body.method !== "string") {
    return null;
  }
  return typeof body.id === "string" || typeof body.id === "number" ? body.id : null;
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
      const server = await factory({
        era: "legacy",
        ...(options?.authInfo !== undefined && { authInfo: options.authInfo }),
        requestInfo: request,
      });
      const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      await server.connect(transport);
      let done = false;
      const teardown = () => {
        if (!done) {
          done = true;
          transport.close().catch(() => {});
          server.close().catch(() => {});
        }
      };
      request.signal?.addEventListener("abort", teardown, { once: true });
      const response = await transport.handleRequest(request, options);
      if (response.body === null) {
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
    } catch (e) {
      try {
        onerror?.(e instanceof Error ? e : new Error(String(e)));
      } catch {
        // Reporting only.
      }
      return jsonRpcError(500, -32603, "Internal server error", echoableId(options?.parsedBody));
    }
  };
}

/**
 * A fetch-style MCP endpoint over the author's server factory.
 * @param {(ctx: any) => any} factory
 * @param {{legacy?: "stateless" | "reject", onerror?: (error: Error) => void, maxRequestBodySize?: number}} [options]
 */
function createMcpHandler(factory, options = {}) {
  if (options.legacy === "reject") {
    throw new Error("createMcpHandler: legacy: 'reject' needs the 2026-07-28 revision, which ferromcp does not serve yet");
  }
  const legacy = legacyStatelessFallback(factory, options.onerror, options);
  const notify = {
    toolListChanged() {},
    promptListChanged() {},
    resourceListChanged() {},
    resourceUpdated() {},
  };
  return {
    fetch: (request, requestOptions) => legacy(request, requestOptions),
    close: async () => {},
    notify,
    bus: undefined,
  };
}

module.exports = { createMcpHandler, legacyStatelessFallback, DEFAULT_MAX_REQUEST_BODY_SIZE };

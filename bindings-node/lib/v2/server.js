"use strict";
// `Server` of `@modelcontextprotocol/server` 2.x: the 1.x low-level server (the core answers
// with 2.x's rules, `flavor: "ts-server-v2"`), registered by method name —
// `setRequestHandler('tools/call', (request, ctx) => …)`, or `(method, {params, result},
// handler)` for a custom method — and handing handlers 2.x's `ctx` instead of 1.x's `extra`.

const { Server: ServerV1 } = require("../server/index.js");
const { ProtocolError, ProtocolErrorCode, SdkError, SdkErrorCode } = require("./errors.js");
const { isStandardSchema, validate } = require("./standardSchema.js");

// Request and notification methods of the specification (2025-11-25 and 2026-07-28).
const SPEC_REQUESTS = new Set([
  "initialize",
  "ping",
  "tools/list",
  "tools/call",
  "resources/list",
  "resources/templates/list",
  "resources/read",
  "resources/subscribe",
  "resources/unsubscribe",
  "prompts/list",
  "prompts/get",
  "completion/complete",
  "logging/setLevel",
  "tasks/get",
  "tasks/result",
  "tasks/list",
  "tasks/cancel",
  "sampling/createMessage",
  "elicitation/create",
  "roots/list",
  "server/discover",
  "subscriptions/listen",
]);
const SPEC_NOTIFICATIONS = new Set([
  "notifications/initialized",
  "notifications/cancelled",
  "notifications/progress",
  "notifications/message",
  "notifications/roots/list_changed",
  "notifications/resources/list_changed",
  "notifications/resources/updated",
  "notifications/tools/list_changed",
  "notifications/prompts/list_changed",
  "notifications/elicitation/complete",
  "notifications/tasks/status",
  "notifications/subscriptions/acknowledged",
]);

/** The 2.x request `ctx`, made of the 1.x `extra` the protocol layer built. */
function serverContext(server, extra, request, token) {
  const mcpReq = {
    id: extra.requestId,
    method: request.method,
    _meta: extra._meta,
    requestState: () => undefined,
    signal: undefined,
    send: (r, schemaOrOptions, maybeOptions) => {
      if (!isStandardSchema(schemaOrOptions)) {
        if (!SPEC_REQUESTS.has(r.method)) {
          throw new TypeError(
            `'${r.method}' is not a spec method; pass a result schema as the second argument to ctx.mcpReq.send().`,
          );
        }
        return extra.sendRequest(r, undefined, schemaOrOptions);
      }
      return extra.sendRequest(r, undefined, maybeOptions).then(async (result) => {
        const parsed = await validate(schemaOrOptions, result);
        if (!parsed.success) {
          throw new SdkError(SdkErrorCode.InvalidResult, `Invalid result for ${r.method}: ${parsed.error}`);
        }
        return parsed.data;
      });
    },
    notify: (notification) => extra.sendNotification(notification),
    log: (level, data, logger) => server._log(token, level, data, logger),
    elicitInput: (params, options) => server.elicitInput(params, options),
    requestSampling: (params, options) => server.createMessage(params, options),
  };
  Object.defineProperty(mcpReq, "signal", { enumerable: true, get: () => extra.signal });
  const ctx = { sessionId: extra.sessionId, mcpReq, http: undefined };
  const inbound = server._inbound;
  if (inbound?.requestInfo || extra.authInfo || extra.closeSSEStream) {
    const http = {};
    if (extra.authInfo) {
      http.authInfo = extra.authInfo;
    }
    // The Web `Request` (made on first use when node's req/res carried it).
    let req = inbound?.request;
    const info = inbound?.requestInfo;
    Object.defineProperty(http, "req", {
      enumerable: true,
      get: () => (req ??= info?.url ? new Request(info.url, { headers: webHeaders(info.headers) }) : undefined),
    });
    http.closeSSE = extra.closeSSEStream;
    http.closeStandaloneSSE = extra.closeStandaloneSSEStream;
    ctx.http = http;
  }
  return ctx;
}

function webHeaders(headers) {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers ?? {})) {
    for (const v of [].concat(value ?? [])) {
      try {
        out.append(name, String(v));
      } catch {
        // A header name a Web `Headers` refuses (HTTP/2 pseudo-headers): left out.
      }
    }
  }
  return out;
}

class Server extends ServerV1 {
  _coreOptions() {
    return { ...super._coreOptions(), flavor: "ts-server-v2" };
  }

  _context(extra, request, token) {
    return serverContext(this, extra, request, token);
  }

  /** A log message for the request `token` serves, filtered by the level the client set. */
  async _log(token, level, data, logger) {
    if (!this._capabilities.logging || !this._conn) {
      return;
    }
    this._conn.log(token, level, JSON.stringify(data ?? null), logger, this._transport?.sessionId);
  }

  registerCapabilities(capabilities) {
    if (this.transport) {
      throw new SdkError(SdkErrorCode.AlreadyConnected, "Cannot register capabilities after connecting to transport");
    }
    super.registerCapabilities(capabilities);
  }

  /**
   * `setRequestHandler(method, handler)` for a spec method, or `(method, {params, result},
   * handler)` for a custom one (the handler gets the parsed params).
   * @param {any} method
   * @param {any} schemasOrHandler
   * @param {any} [maybeHandler]
   */
  setRequestHandler(method, schemasOrHandler, maybeHandler) {
    this.assertRequestHandlerCapability(method);
    let stored;
    if (typeof schemasOrHandler === "function") {
      if (!SPEC_REQUESTS.has(method)) {
        throw new TypeError(`'${method}' is not a spec request method; pass schemas as the second argument to setRequestHandler().`);
      }
      stored = schemasOrHandler;
    } else if (maybeHandler) {
      const schema = schemasOrHandler?.params;
      stored = async (request, ctx) => {
        const params = { ...request.params };
        if (!schema) {
          return maybeHandler(params, ctx);
        }
        const parsed = await validate(schema, params);
        if (!parsed.success) {
          throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Invalid params for ${method}: ${parsed.error}`);
        }
        return maybeHandler(parsed.data, ctx);
      };
    } else {
      throw new TypeError("setRequestHandler: handler is required");
    }
    this._requestHandlers.set(method, stored);
  }

  /**
   * @param {any} method
   * @param {any} schemasOrHandler
   * @param {any} [maybeHandler]
   */
  setNotificationHandler(method, schemasOrHandler, maybeHandler) {
    if (typeof schemasOrHandler === "function") {
      if (!SPEC_NOTIFICATIONS.has(method)) {
        throw new TypeError(
          `'${method}' is not a spec notification method; pass schemas as the second argument to setNotificationHandler().`,
        );
      }
      this._notificationHandlers.set(method, schemasOrHandler);
    } else if (maybeHandler) {
      this._notificationHandlers.set(method, (notification) => maybeHandler(notification.params ?? {}));
    } else {
      throw new TypeError("setNotificationHandler: handler is required");
    }
  }
}

module.exports = { Server, SPEC_REQUESTS };

"use strict";
// `Server` of `@modelcontextprotocol/server` 2.x: the 1.x low-level server (the core answers
// with 2.x's rules, `flavor: "ts-server-v2"`), registered by method name —
// `setRequestHandler('tools/call', (request, ctx) => …)`, or `(method, {params, result},
// handler)` for a custom method — and handing handlers 2.x's `ctx` instead of 1.x's `extra`.

const { Server: ServerV1 } = require("../server/index.js");
const { requestExtra, settle } = require("../shared/protocol.js");
const { lazy } = require("../shared/lazy.js");
const { ProtocolError, ProtocolErrorCode, SdkError, SdkErrorCode } = require("./errors.js");
const { isStandardSchema, validate } = require("./standardSchema.js");
const { isInputRequiredResult } = require("./inputRequired.js");

// The methods whose handlers may answer "input required" (2026-07-28).
const INPUT_REQUIRED_METHODS = new Set(["tools/call", "prompts/get", "resources/read"]);
const CACHEABLE_METHODS = new Set([
  "tools/list",
  "prompts/list",
  "resources/list",
  "resources/templates/list",
  "resources/read",
  "server/discover",
]);
const ENVELOPE_KEYS = [
  "io.modelcontextprotocol/protocolVersion",
  "io.modelcontextprotocol/clientInfo",
  "io.modelcontextprotocol/clientCapabilities",
  "io.modelcontextprotocol/logLevel",
];

/**
 * An error answered on the wire as it is (JSON-RPC error), where an error a handler throws
 * would become a tool's `isError` result: the checks the SDK makes before the handler runs.
 */
class FerromcpWireError extends ProtocolError {}

const invalidRequestState = () =>
  new FerromcpWireError(ProtocolErrorCode.InvalidParams, "Invalid or expired requestState", { reason: "invalid_request_state" });

const isPlainObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * What 2.x lifts out of a request before its handler sees it: the `_meta` envelope keys
 * (`ctx.mcpReq.envelope`) and a retried request's `inputResponses` (the bare answers; keys of
 * anything else in `droppedInputResponseKeys`) and `requestState`. `request.params` is replaced
 * by a copy without them.
 */
function liftWireOnly(request) {
  const params = request.params;
  const lifted = {};
  if (!isPlainObject(params)) {
    return lifted;
  }
  const meta = params._meta;
  const envelopeKeys = isPlainObject(meta) ? ENVELOPE_KEYS.filter((k) => k in meta) : [];
  const hasResponses = "inputResponses" in params;
  const hasState = "requestState" in params;
  if (envelopeKeys.length === 0 && !hasResponses && !hasState) {
    return lifted;
  }
  const next = { ...params };
  if (envelopeKeys.length > 0) {
    const rest = { ...meta };
    lifted.envelope = {};
    for (const k of envelopeKeys) {
      lifted.envelope[k] = meta[k];
      delete rest[k];
    }
    if (Object.keys(rest).length > 0) {
      next._meta = rest;
    } else {
      delete next._meta;
    }
  }
  if (hasResponses) {
    const accepted = {};
    const dropped = [];
    if (isPlainObject(params.inputResponses)) {
      for (const [key, entry] of Object.entries(params.inputResponses)) {
        if (!isPlainObject(entry) || "method" in entry || "result" in entry) {
          dropped.push(key);
        } else {
          accepted[key] = entry;
        }
      }
    }
    lifted.inputResponses = accepted;
    if (dropped.length > 0) {
      lifted.droppedInputResponseKeys = dropped;
    }
    delete next.inputResponses;
  }
  if (hasState) {
    lifted.requestState = params.requestState;
    delete next.requestState;
  }
  request.params = next;
  return lifted;
}

/** The options' cache hints as the core takes them (`{method: {ttlMs, scope}}`). */
function coreCacheHints(hints) {
  if (hints === undefined) {
    return undefined;
  }
  const out = {};
  for (const [method, hint] of Object.entries(hints)) {
    if (hint === undefined) {
      continue;
    }
    if (!CACHEABLE_METHODS.has(method)) {
      throw new RangeError(`cacheHints['${method}']: ${method} results are not cacheable`);
    }
    const { ttlMs, cacheScope } = hint;
    if (ttlMs !== undefined && !(Number.isSafeInteger(ttlMs) && ttlMs >= 0)) {
      throw new RangeError(`cacheHints['${method}'].ttlMs must be a non-negative safe integer (got ${ttlMs})`);
    }
    if (cacheScope !== undefined && cacheScope !== "public" && cacheScope !== "private") {
      throw new RangeError(`cacheHints['${method}'].cacheScope must be 'public' or 'private' (got ${cacheScope})`);
    }
    out[method] = { ttlMs: ttlMs ?? 0, scope: cacheScope ?? "private" };
  }
  return out;
}

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

// The requests each era's wire schemas define: 2026-07-28 has no server-to-client ones.
const ERA_REQUESTS = {
  "2025-11-25": new Set([...SPEC_REQUESTS].filter((m) => m !== "server/discover" && m !== "subscriptions/listen")),
  "2026-07-28": new Set([
    "tools/call",
    "tools/list",
    "prompts/get",
    "prompts/list",
    "resources/list",
    "resources/templates/list",
    "resources/read",
    "completion/complete",
    "server/discover",
    "subscriptions/listen",
  ]),
};

/** A spec request the era served does not define is refused before it is sent (2.x's era gate). */
function assertInEra(era, method) {
  if (SPEC_REQUESTS.has(method) && !ERA_REQUESTS[era].has(method)) {
    throw new SdkError(
      SdkErrorCode.MethodNotSupportedByProtocolVersion,
      `Method '${method}' is not supported by the negotiated protocol version (wire era ${era})`,
      { method, era },
    );
  }
}

/**
 * 2.x's `(request, schemaOrOptions?, options?)` on a connection of `era`: a Standard Schema
 * checks the result of any method; without one the method must be the spec's.
 * `send(request, options)` sends it. With `tasksReused` (`request()`), the task methods the
 * Tasks extension reuses pass the era gate when a schema is given.
 */
function requestAs(send, r, schemaOrOptions, maybeOptions, caller, era, tasksReused = false) {
  const reused = tasksReused && (r.method === "tasks/get" || r.method === "tasks/cancel");
  if (!(reused && isStandardSchema(schemaOrOptions))) {
    assertInEra(era, r.method);
  }
  if (!isStandardSchema(schemaOrOptions)) {
    if (!SPEC_REQUESTS.has(r.method)) {
      throw new TypeError(`'${r.method}' is not a spec method; pass a result schema as the second argument to ${caller}.`);
    }
    return send(r, schemaOrOptions);
  }
  return send(r, maybeOptions).then(async (result) => {
    const parsed = await validate(schemaOrOptions, result);
    if (!parsed.success) {
      throw new SdkError(SdkErrorCode.InvalidResult, `Invalid result for ${r.method}: ${parsed.error}`);
    }
    return parsed.data;
  });
}

/**
 * The 2.x request `ctx`, made of the 1.x `extra` the protocol layer built and what was lifted
 * out of the request ([`liftWireOnly`]).
 */
function serverContext(server, extra, request, token, lifted = {}) {
  const state = lifted.requestState;
  const mcpReq = { id: extra.requestId, method: request.method, _meta: extra._meta };
  // What the request lifted out of its params, present only when it had it (as 2.4's keys).
  if (lifted.envelope !== undefined) {
    mcpReq.envelope = lifted.envelope;
  }
  if (lifted.inputResponses !== undefined) {
    mcpReq.inputResponses = lifted.inputResponses;
  }
  if (lifted.droppedInputResponseKeys !== undefined) {
    mcpReq.droppedInputResponseKeys = lifted.droppedInputResponseKeys;
  }
  mcpReq.requestState = () => state;
  // `signal` where the SDK has it, among the others (made when the handler reads it).
  lazy(mcpReq, "signal", () => extra.signal, true);
  mcpReq.send = (r, schemaOrOptions, maybeOptions) =>
    requestAs((q, options) => extra.sendRequest(q, undefined, options), r, schemaOrOptions, maybeOptions, "ctx.mcpReq.send()", server._era());
  mcpReq.notify = (notification) => extra.sendNotification(notification);
  mcpReq.log = (level, data, logger) => server._log(token, level, data, logger);
  mcpReq.elicitInput = (params, options) => server.elicitInput(params, options);
  mcpReq.requestSampling = (params, options) => server.createMessage(params, options);
  const ctx = { sessionId: extra.sessionId, mcpReq, http: undefined };
  const inbound = server._inbound;
  if (inbound?.requestInfo || extra.authInfo || extra.closeSSEStream) {
    const http = {};
    if (extra.authInfo) {
      http.authInfo = extra.authInfo;
    }
    // The Web `Request`, made on first use: with its body when one was read for routing, or
    // from node's req when node's req/res carried the request.
    let req;
    const info = inbound?.requestInfo;
    lazy(
      http,
      "req",
      () =>
        (req ??=
          inbound?.forward?.() ??
          inbound?.request ??
          (info?.url ? new Request(info.url, { headers: webHeaders(info.headers) }) : undefined)),
    );
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
  /**
   * @param {any} serverInfo
   * @param {any} [options]
   */
  constructor(serverInfo, options) {
    super(serverInfo, options);
    this._cacheHints = coreCacheHints(options?.cacheHints);
    this._requestStateVerify = options?.requestState?.verify;
    // Set by `serveStdio` and `createMcpHandler`, which serve the 2026-07-28 revision; a
    // transport connected by hand serves the handshake era only (`server/discover`: -32601).
    this._servesSessionless = false;
  }

  /** 2.x's default: ajv, an engine per declared dialect. */
  _defaultJsonSchemaValidator() {
    const { AjvJsonSchemaValidator } = require("./validators/ajv.js");
    return new AjvJsonSchemaValidator();
  }

  _unsupported(message) {
    return new SdkError(SdkErrorCode.CapabilityNotSupported, message);
  }

  /**
   * A request to the client: `(request, options)` for a spec method, `(request, resultSchema,
   * options)` with a Standard Schema for any method, as 2.x takes it.
   * @param {any} request
   * @param {any} [schemaOrOptions]
   * @param {any} [maybeOptions]
   */
  request(request, schemaOrOptions, maybeOptions) {
    return requestAs((r, options) => this._request(r, undefined, options), request, schemaOrOptions, maybeOptions, "request()", this._era(), true);
  }

  /** The wire era this instance serves. */
  _era() {
    return this._servesSessionless ? "2026-07-28" : "2025-11-25";
  }

  async ping() {
    this._assertPushAllowed("ping");
    return super.ping();
  }

  /** The 2026-07-28 revision has no server-to-client requests outside input-required results. */
  _assertPushAllowed(method) {
    if (this._servesSessionless) {
      throw new SdkError(
        SdkErrorCode.MethodNotSupportedByProtocolVersion,
        `Server-to-client requests are not available on protocol revision 2026-07-28: '${method}' cannot be sent while serving a request on that revision. Return inputRequired({ ... }) from the handler instead — the client fulfils the embedded requests and retries the original request (multi round-trip requests).`,
        { method, era: "2026-07-28" },
      );
    }
  }

  async createMessage(params, options) {
    this._assertPushAllowed("sampling/createMessage");
    return super.createMessage(params, options);
  }

  async elicitInput(params, options) {
    this._assertPushAllowed("elicitation/create");
    return super.elicitInput(params, options);
  }

  async listRoots(params, options) {
    this._assertPushAllowed("roots/list");
    return super.listRoots(params, options);
  }

  _protocolError(code, message) {
    return new ProtocolError(code, message);
  }

  _invalidParams(message) {
    return new ProtocolError(ProtocolErrorCode.InvalidParams, message);
  }

  _peerError(code, message, data) {
    return ProtocolError.fromError(code, message, data);
  }

  _timeoutError(timeout) {
    return new SdkError(SdkErrorCode.RequestTimeout, "Request timed out", { timeout });
  }

  /** The protocol revision the client and this server speak (undefined before they agreed). */
  getNegotiatedProtocolVersion() {
    return this._client().protocolVersion ?? undefined;
  }

  _coreOptions() {
    const options = { ...super._coreOptions(), flavor: "ts-server-v2", sessionless: this._servesSessionless };
    if (this._cacheHints !== undefined) {
      options.cacheHints = this._cacheHints;
    }
    return options;
  }

  _invoke(conn, target, token, params, id) {
    const request = { method: target.method, params: JSON.parse(params) };
    const lifted = liftWireOnly(request);
    const ctx = serverContext(this, requestExtra(this, token, request, this._track(token, id)), request, token, lifted);
    const run = INPUT_REQUIRED_METHODS.has(target.method)
      ? { run: () => this._inputRequiredSeam(target, request, ctx, lifted.requestState) }
      : target;
    settle(this, conn, token, run, request, ctx);
  }

  /**
   * The multi-round-trip seam of `tools/call`, `prompts/get` and `resources/read`: a retried
   * request's `requestState` is verified by the options' `requestState.verify` before the
   * handler runs (its value is what `ctx.mcpReq.requestState()` returns); an input-required
   * result must ask for something, and on a 2025-era request the server asks the client itself
   * and calls the handler again with the answers.
   */
  async _inputRequiredSeam(target, request, ctx, raw) {
    if (raw !== undefined && typeof raw !== "string") {
      throw invalidRequestState();
    }
    if (typeof raw === "string" && this._requestStateVerify !== undefined) {
      let decoded;
      try {
        decoded = await this._requestStateVerify(raw, ctx);
      } catch (e) {
        this._error(new Error(`requestState verification rejected ${request.method}: ${e instanceof Error ? e.message : String(e)}`));
        throw invalidRequestState();
      }
      if (decoded !== undefined) {
        ctx = { ...ctx, mcpReq: { ...ctx.mcpReq, requestState: () => decoded } };
      }
    }
    const result = await target.run(request, ctx);
    if (!isInputRequiredResult(result)) {
      return result;
    }
    const asks = result.inputRequests != null && Object.keys(result.inputRequests).length > 0;
    if (!asks && typeof result.requestState !== "string") {
      throw new FerromcpWireError(
        ProtocolErrorCode.InternalError,
        `Handler for ${request.method} returned an input-required result with neither inputRequests nor requestState (every InputRequiredResult must include at least one of the two)`,
      );
    }
    if (ctx.mcpReq.envelope === undefined) {
      return this._fulfilInput(target, request, ctx, result);
    }
    return result;
  }

  /**
   * A 2025-era request whose handler answered "input required": the embedded requests are sent
   * to the client (elicitation, sampling, roots), and the handler is called again with the
   * answers and the state, until it completes (at most `inputRequired.maxRounds` rounds).
   */
  async _fulfilInput(target, request, ctx, first) {
    const maxRounds = this._options?.inputRequired?.maxRounds ?? 8;
    let result = first;
    for (let round = 1; isInputRequiredResult(result); round++) {
      if (round > maxRounds) {
        throw new FerromcpWireError(
          ProtocolErrorCode.InternalError,
          `Multi-round-trip request '${request.method}' still required input after ${maxRounds} rounds (inputRequired.maxRounds)`,
        );
      }
      const inputResponses = {};
      for (const [key, embedded] of Object.entries(result.inputRequests ?? {})) {
        inputResponses[key] = await ctx.mcpReq.send({ method: embedded.method, params: embedded.params });
      }
      let state = typeof result.requestState === "string" ? result.requestState : undefined;
      if (state !== undefined && this._requestStateVerify !== undefined) {
        try {
          state = await this._requestStateVerify(state, ctx);
        } catch (e) {
          this._error(e);
          throw invalidRequestState();
        }
      }
      result = await target.run(request, {
        ...ctx,
        mcpReq: { ...ctx.mcpReq, inputResponses, droppedInputResponseKeys: undefined, requestState: () => state },
      });
    }
    return result;
  }

  /** Announces a change to the open `subscriptions/listen` streams (2026-07-28). */
  _publish(kind, uri) {
    this._conn?.publish(kind, uri);
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

module.exports = { Server, SPEC_REQUESTS, FerromcpWireError };

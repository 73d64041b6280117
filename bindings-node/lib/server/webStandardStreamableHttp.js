"use strict";
// `WebStandardStreamableHTTPServerTransport` of
// `@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js`: Streamable HTTP for runtimes
// with Web `Request`/`Response` (a fetch handler). Each request goes to the core's HTTP
// service, which checks it, keeps the session, dispatches to the server's handlers and produces
// the answer (SSE or JSON); this file turns the core's answer into a `Response` whose body is
// read as the core writes it. `StreamableHTTPServerTransport` (node's req/res) shares it.

const { scopeChallengeResponse } = require("../v2/auth.js");
const { held, redisUrl } = require("./replicas.js");
const { WHOLE_BODY, READ_BODY, FORWARD } = require("./bodies.js");

const PATH = "/mcp";

/**
 * How the core calls the author's `eventStore` (the SDK's `EventStore`): `reply` settles with
 * the store's answer as JSON. A priming event is stored as `{}`, as the SDK stores it.
 */
function storeOp(eventStore) {
  return (kind, payload, reply) => {
    const run = async () => {
      const arg = JSON.parse(payload);
      if (kind === "store") {
        return await eventStore.storeEvent(arg.streamId, arg.message ?? {});
      }
      const events = [];
      const stream = await eventStore.replayEventsAfter(arg, {
        send: async (eventId, message) => {
          events.push([eventId, message]);
        },
      });
      return stream ? { stream, events } : null;
    };
    run().then(
      (v) => reply.resolve(JSON.stringify(v ?? null)),
      (e) => reply.reject(String(e?.message ?? e)),
    );
  };
}

/** The functions the core's HTTP service calls, reaching the transport only through `link`. */
function httpCalls(link) {
  return {
    ended: (sessionId, why) => link.transport?._ended(sessionId, why),
  };
}

class WebStandardStreamableHTTPServerTransport {
  constructor(options = {}) {
    this._options = options;
    this.sessionIdGenerator = options.sessionIdGenerator;
    this.sessionId = undefined;
    this._conn = undefined;
    this._protocol = undefined;
    this._started = false;
    this._scopeChallengeResolver = undefined;
    this._hasHandledRequest = false;
    this.onclose = undefined;
    this.onerror = undefined;
    this.onmessage = undefined;
  }

  /** The core's HTTP options: one session (none, stateless) at one path, the SDK's answers. */
  _httpOptions() {
    const o = this._options;
    return {
      path: PATH,
      legacySse: false,
      stateless: o.sessionIdGenerator === undefined,
      jsonResponse: !!o.enableJsonResponse,
      dialect: "typescript",
      dnsRebindingProtection: !!o.enableDnsRebindingProtection,
      allowedHosts: o.allowedHosts ?? [],
      allowedOrigins: o.allowedOrigins ?? [],
      // ferromcp's option (the SDK's sessions never end on their own): an idle session ends
      // after this many milliseconds, and the transport closes.
      sessionIdleTimeout: o.sessionIdleTimeoutMs > 0 ? o.sessionIdleTimeoutMs / 1000 : null,
      retryInterval: o.retryInterval,
      // Replicas sharing sessions through Redis (stateful only): the option, else the
      // operator's `FERROMCP_REDIS_URL`.
      redisUrl: o.sessionIdGenerator === undefined ? undefined : redisUrl(o),
      redisPrefix: o.redisPrefix,
      // Set by the v2 `createMcpHandler` (its `keepAliveMs` and `responseMode: 'sse'`).
      keepAlive: o.keepAliveMs,
      responseMode: o.responseMode,
    };
  }

  /** How a ferromcp server connects: the core answers this transport's requests. */
  async _ferromcpAttach(make, protocol) {
    if (this._started) {
      throw new Error("Transport already started");
    }
    this._started = true;
    const conn = make(undefined, -1);
    const store = this._options.eventStore;
    // As the protocol's: what the core holds reaches this transport only through `link`, cut
    // on close, so that a closed transport and its server can be freed.
    const link = { transport: this, conn };
    this._unlink = () => {
      link.transport = undefined;
      link.conn = undefined;
    };
    const calls = httpCalls(link);
    // createMcpHandler's `onerror` hears of requests the core refuses before dispatch.
    const rejected = this._options._onRejected;
    conn.serveHttp(JSON.stringify(this._httpOptions()), store ? storeOp(store) : undefined, calls.ended, rejected);
    this._conn = conn;
    this._protocol = protocol;
  }

  async start() {
    if (this._started) {
      throw new Error("Transport already started");
    }
    this._started = true;
  }

  /**
   * Hands one request to the core; `onHead` is called with the answer's head: `{ status,
   * headers }` (an object, a repeated header as an array), `first`, the body's first bytes, and
   * `reader`, the rest of the body as the core produces it (null when `first` is all of it).
   * With `withFirst`, the head waits for the body's first bytes (node's `res` sends it with
   * them). Returns 0 when `onHead` was called already, else the number `httpAbandon` takes to
   * give the answer up. `inbound` is what handlers see of the request (`authInfo`,
   * `requestInfo`).
   */
  _exchange(method, url, rawHeaders, body, inbound, withFirst, onHead) {
    const conn = this._conn;
    if (!conn) {
      const text = JSON.stringify({ jsonrpc: "2.0", error: { code: -32603, message: "Transport not connected" }, id: null });
      onHead({ status: 500, headers: { "content-type": "application/json" }, first: Buffer.from(text), reader: null });
      return 0;
    }
    const q = url.indexOf("?");
    const uri = PATH + (q >= 0 ? url.slice(q) : "");
    const protocol = this._protocol;
    if (protocol) {
      protocol._inbound = inbound;
    }
    try {
      const auth = inbound?.authInfo;
      // The verified token, for the core's per-client guards (the rate limit by subject).
      const token = auth
        ? JSON.stringify({
            token: auth.token,
            client_id: auth.clientId,
            scopes: auth.scopes ?? [],
            expires_at: auth.expiresAt,
            resource: auth.resource === undefined ? undefined : String(auth.resource),
            subject: typeof auth.extra?.sub === "string" ? auth.extra.sub : undefined,
          })
        : undefined;
      // One string for the native side to take in (no header holds a NUL).
      return conn.httpHandle(method, uri, rawHeaders.join("\0"), body, (status, joined, first, reader) => {
        const headers = {};
        const flat = joined === "" ? [] : joined.split("\0");
        for (let i = 0; i < flat.length; i += 2) {
          const name = flat[i];
          headers[name] = name in headers ? [].concat(headers[name], flat[i + 1]) : flat[i + 1];
        }
        const sid = headers["mcp-session-id"];
        if (this.sessionId === undefined && typeof sid === "string" && this.sessionIdGenerator !== undefined) {
          this.sessionId = sid;
          if (!this._options._foreign) {
            held.add(sid);
          }
          Promise.resolve(this._options.onsessioninitialized?.(sid)).catch((e) => this.onerror?.(e));
        }
        onHead({ status, headers, first, reader });
      }, token, this._scopeCheck(inbound), this._chosenSessionId(method), withFirst);
    } finally {
      if (protocol) {
        protocol._inbound = undefined;
      }
    }
  }

  /**
   * The author's `sessionIdGenerator`, asked (as the SDK asks it) for the session a POST may
   * begin, while this transport has none; the core uses it if that POST is an `initialize`.
   */
  _chosenSessionId(method) {
    if (method !== "POST" || this.sessionId !== undefined || this.sessionIdGenerator === undefined) {
      return undefined;
    }
    const id = this.sessionIdGenerator();
    return typeof id === "string" ? id : undefined;
  }

  /**
   * The core ended this transport's session (`why`: "elsewhere", another replica's DELETE;
   * "idle"): the transport closes, so that `onclose` lets the author's map forget it — after
   * `onsessionclosed`, as for a DELETE, when the client ended it. The DELETE this transport
   * answered ("deleted") is seen through below, once its answer is out.
   */
  _ended(sessionId, why) {
    if (why === "deleted" || sessionId !== this.sessionId || this._conn === undefined) {
      return;
    }
    const end = async () => {
      if (why === "elsewhere") {
        await this._options.onsessionclosed?.(sessionId);
      }
      await this.close();
    };
    end().catch((e) => this.onerror?.(e));
  }

  /** After a DELETE the core answered: the session is over, and so is this transport. */
  async _deleted(method, status) {
    if (method === "DELETE" && status === 200 && this.sessionId) {
      await this._options.onsessionclosed?.(this.sessionId);
      await this.close();
    }
  }

  /**
   * Takes one request: a stateless transport serves one, as the SDK's does (it refuses a second,
   * whose ids could mix with the first's).
   */
  _claim() {
    if (this.sessionIdGenerator === undefined && this._hasHandledRequest) {
      throw new Error("Stateless transport cannot be reused across requests. Create a new transport per request.");
    }
    this._hasHandledRequest = true;
  }

  /**
   * @param {any} [options]
   */
  async handleRequest(req, options) {
    this._claim();
    const url = new URL(req.url);
    const rawHeaders = [];
    for (const [name, value] of req.headers) {
      rawHeaders.push(name, value);
    }
    let body;
    if (options?.parsedBody !== undefined) {
      body = JSON.stringify(options.parsedBody);
    } else if (options?.[READ_BODY] !== undefined) {
      const read = options[READ_BODY];
      body = Buffer.from(read.buffer, read.byteOffset, read.byteLength);
    } else if (req.method === "POST") {
      body = Buffer.from(await req.arrayBuffer());
    } else {
      body = Buffer.alloc(0);
    }
    // `request`: the Web `Request` itself, which 2.x handlers see as `ctx.http.req`.
    const inbound = {
      authInfo: options?.authInfo,
      requestInfo: { headers: Object.fromEntries(req.headers), url },
      request: req,
      forward: options?.[FORWARD],
    };
    // A POST's head waits for its body's first bytes: a short answer is then whole at once.
    let onabort;
    const head = await new Promise((resolve) => {
      const held = this._exchange(req.method, url.pathname + url.search, rawHeaders, body, inbound, req.method === "POST", (h) => {
        if (onabort !== undefined) {
          req.signal.removeEventListener("abort", onabort);
        }
        resolve(h);
      });
      if (held !== 0 && req.signal && !req.signal.aborted) {
        // The client left before anything was ready: the answer is given up, and what the
        // request sends from now on goes where it goes when its stream is gone.
        onabort = () => {
          this._abandon(held);
          resolve(null);
        };
        req.signal.addEventListener("abort", onabort, { once: true });
      } else if (held !== 0 && req.signal?.aborted) {
        this._abandon(held);
        resolve(null);
      }
    });
    if (head === null) {
      return new Response(null, { status: 499 });
    }
    await this._deleted(req.method, head.status);
    const { reader } = head;
    if (reader === null) {
      const response = new Response(head.first.length > 0 ? head.first : null, { status: head.status, headers: head.headers });
      response[WHOLE_BODY] = head.first;
      return response;
    }
    const stream = new ReadableStream({
      start(controller) {
        if (head.first.length > 0) {
          controller.enqueue(new Uint8Array(head.first));
        }
      },
      pull(controller) {
        return new Promise((resolve) => {
          const step = () => {
            const { data, more } = reader.read();
            if (data.length > 0) {
              controller.enqueue(new Uint8Array(data));
            }
            if (!more) {
              controller.close();
              resolve();
            } else if (data.length > 0 || reader.wait(step)) {
              if (data.length > 0) {
                resolve();
              }
            } else {
              step();
            }
          };
          step();
        });
      },
      cancel() {
        reader.close();
      },
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(head.headers)) {
      for (const v of [].concat(value)) {
        headers.append(name, v);
      }
    }
    return new Response(stream, { status: head.status, headers });
  }

  /** Gives up the answer `held` (its client left); a transport closed meanwhile has none. */
  _abandon(held) {
    this._conn?.httpAbandon(held);
  }

  /** The 2.x protocol layer's hooks (the core checks `MCP-Protocol-Version` itself). */
  setSupportedProtocolVersions(_versions) {}

  /**
   * 2.4's scope challenges: `resolver` (the v2 `McpServer` installs its
   * `resolveScopeChallenge` on `connect`) is asked about each JSON-RPC request of a POST, with
   * the verified `authInfo`, once the core's own checks passed and before it dispatches them;
   * a challenge is answered 403 `insufficient_scope` instead of running the handler.
   */
  setScopeChallengeResolver(resolver) {
    this._scopeChallengeResolver = resolver;
  }

  /**
   * The core's authorization hook for one request, while the resolver has challenges to raise:
   * the core calls it with the POST's JSON-RPC requests once its own checks passed (where 2.4
   * checks), and it settles `reply` with the answer to give instead — the challenge's 403, or
   * 500 when the resolver failed — or `null` to go on.
   */
  _scopeCheck(inbound) {
    const resolve = this._scopeChallengeResolver;
    // A server none of whose entries carries a challenge says so: its POSTs skip the check.
    if (resolve === undefined || resolve.armed?.() === false) {
      return undefined;
    }
    return (_kind, requests, reply) => {
      scopeChallengeResponse(JSON.parse(requests), inbound?.authInfo, resolve)
        .catch((e) => {
          this.onerror?.(e);
          const error = { code: -32603, message: "Internal server error" };
          return Response.json({ jsonrpc: "2.0", error, id: null }, { status: 500 });
        })
        .then(async (response) => {
          const answer = response && { status: response.status, headers: [...response.headers], body: await response.text() };
          // The core goes on at once, here, so that the handlers it starts see this request's
          // `authInfo` and `requestInfo`, as when it dispatches within `httpHandle`.
          const protocol = this._protocol;
          if (protocol) {
            protocol._inbound = inbound;
          }
          try {
            reply.resolve(JSON.stringify(answer ?? null));
            this._conn?.httpWake();
          } finally {
            if (protocol) {
              protocol._inbound = undefined;
            }
          }
        })
        .catch((e) => reply.reject(String(e?.message ?? e)));
    };
  }

  async close() {
    const conn = this._conn;
    if (!conn) {
      return;
    }
    this._conn = undefined;
    if (this.sessionId !== undefined && !this._options._foreign) {
      held.delete(this.sessionId);
    }
    conn.httpClose();
    this._protocol?._closed();
    this._unlink?.();
    this.onclose?.();
  }

  /** Sends a message outside any request (the SDK's `Transport.send`). */
  async send(message) {
    if (!this._conn || !message.method) {
      return;
    }
    const params = message.params === undefined ? undefined : JSON.stringify(message.params);
    this._conn.notify(undefined, message.method, params, this.sessionId);
  }

  /**
   * Ends the client's connection to the SSE stream of request `requestId`, which goes on: the
   * client reconnects with `Last-Event-ID` and misses nothing (needs an `eventStore`).
   */
  closeSSEStream(requestId) {
    this._conn?.closeStream(undefined, false, this.sessionId, JSON.stringify(requestId));
  }

  /** Ends the client's connection to the standalone (GET) stream; its events are kept. */
  closeStandaloneSSEStream() {
    this._conn?.closeStream(undefined, true, this.sessionId, undefined);
  }
}

module.exports = { WebStandardStreamableHTTPServerTransport };

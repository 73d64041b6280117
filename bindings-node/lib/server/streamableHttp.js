"use strict";
// `StreamableHTTPServerTransport` of `@modelcontextprotocol/sdk/server/streamableHttp.js`.
// `handleRequest(req, res, parsedBody)` hands the request to the core's HTTP service, which
// checks it, keeps the session, dispatches to the server's handlers and streams the answer (SSE
// or JSON) back; this file only copies bytes between Node's request/response and the core.

const PATH = "/mcp";

/** Copies a core answer body into `res` as the core produces it. */
function pump(reader, res, done) {
  let ended = false;
  const finish = () => {
    if (!ended) {
      ended = true;
      done();
    }
  };
  const onclose = () => {
    if (!ended) {
      reader.close();
      finish();
    }
  };
  res.on("close", onclose);
  const step = () => {
    while (!ended) {
      const { data, more } = reader.read();
      if (data.length > 0) {
        res.write(data);
      }
      if (!more) {
        res.off("close", onclose);
        res.end();
        finish();
        return;
      }
      if (reader.wait(step)) {
        return;
      }
    }
  };
  step();
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Node's `rawHeaders` (name, value, …), or a headers object flattened the same way. */
function rawHeaders(req) {
  if (Array.isArray(req.rawHeaders)) {
    return req.rawHeaders;
  }
  const flat = [];
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined) {
        flat.push(name, String(v));
      }
    }
  }
  return flat;
}

class StreamableHTTPServerTransport {
  constructor(options = {}) {
    this._options = options;
    this.sessionIdGenerator = options.sessionIdGenerator;
    this.sessionId = undefined;
    this._conn = undefined;
    this._protocol = undefined;
    this._started = false;
    this.onclose = undefined;
    this.onerror = undefined;
    this.onmessage = undefined;
  }

  /** The core's HTTP options for this transport: one session (or none, stateless) at `/mcp`. */
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
      sessionIdleTimeout: null,
    };
  }

  /** How a ferromcp server connects: the core answers this transport's requests. */
  async _ferromcpAttach(make, protocol) {
    if (this._started) {
      throw new Error("Transport already started");
    }
    this._started = true;
    const conn = make(undefined, -1);
    conn.serveHttp(JSON.stringify(this._httpOptions()), () => conn.httpWake());
    this._conn = conn;
    this._protocol = protocol;
  }

  async start() {
    if (this._started) {
      throw new Error("Transport already started");
    }
    this._started = true;
  }

  async handleRequest(req, res, parsedBody) {
    const conn = this._conn;
    if (!conn) {
      res.writeHead(500, { "content-type": "application/json" }).end(
        JSON.stringify({ jsonrpc: "2.0", error: { code: -32603, message: "Transport not connected" }, id: null }),
      );
      return;
    }
    let body;
    if (parsedBody !== undefined) {
      body = Buffer.from(JSON.stringify(parsedBody));
    } else if (req.method === "POST") {
      body = await readBody(req);
    } else {
      body = Buffer.alloc(0);
    }
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const uri = PATH + (q >= 0 ? url.slice(q) : "");
    const method = req.method;
    let status = 0;
    await new Promise((resolve) => {
      conn.httpHandle(method, uri, rawHeaders(req), body, (code, headers, reader) => {
        status = code;
        const out = {};
        for (let i = 0; i < headers.length; i += 2) {
          const name = headers[i];
          out[name] = name in out ? [].concat(out[name], headers[i + 1]) : headers[i + 1];
        }
        const sid = out["mcp-session-id"];
        if (this.sessionId === undefined && typeof sid === "string" && !this._httpOptions().stateless) {
          this.sessionId = sid;
          Promise.resolve(this._options.onsessioninitialized?.(sid)).catch((e) => this.onerror?.(e));
        }
        res.writeHead(code, out);
        res.flushHeaders?.();
        // A GET opens a stream that lasts: the request is handled once it is open.
        pump(reader, res, method === "GET" ? () => {} : resolve);
        if (method === "GET") {
          resolve();
        }
      });
    });
    if (method === "DELETE" && status === 200 && this.sessionId) {
      await this._options.onsessionclosed?.(this.sessionId);
      await this.close();
    }
  }

  async close() {
    const conn = this._conn;
    if (!conn) {
      return;
    }
    this._conn = undefined;
    conn.httpClose();
    this._protocol?._closed();
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

  closeSSEStream(_requestId) {}

  closeStandaloneSSEStream() {}
}

module.exports = { StreamableHTTPServerTransport };

"use strict";
// `SSEServerTransport` of `@modelcontextprotocol/sdk/server/sse.js`: the 2024-11-05 HTTP+SSE
// transport, one per GET stream. Like the SDK's, it is a transport in the SDK's sense (whole
// messages in, whole messages out); the protocol runs in the core's connection behind it. Its
// own work is the HTTP framing: the `endpoint` event, `message` events, and POSTs answered 202.

const { randomUUID } = require("node:crypto");
const { mediaTypeEssence } = require("../shared/mediaType.js");

const MAXIMUM_MESSAGE_SIZE = 4 * 1024 * 1024;

function readText(req, limit, encoding) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (c) => {
      size += c.length;
      if (size > limit) {
        reject(new Error("request entity too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString(encoding)));
    req.on("error", reject);
  });
}

class SSEServerTransport {
  /**
   * @param {any} [options]
   */
  constructor(endpoint, res, options) {
    this._endpoint = endpoint;
    this.res = res;
    this._sessionId = randomUUID();
    this._options = options || { enableDnsRebindingProtection: false };
    this._sseResponse = undefined;
    this._conn = undefined;
    this._protocol = undefined;
    this.onclose = undefined;
    this.onerror = undefined;
    this.onmessage = undefined;
  }

  get sessionId() {
    return this._sessionId;
  }

  validateRequestHeaders(req) {
    const o = this._options;
    if (!o.enableDnsRebindingProtection) {
      return undefined;
    }
    if (o.allowedHosts?.length > 0) {
      const host = req.headers.host;
      if (!host || !o.allowedHosts.includes(host)) {
        return `Invalid Host header: ${host}`;
      }
    }
    if (o.allowedOrigins?.length > 0) {
      const origin = req.headers.origin;
      if (origin && !o.allowedOrigins.includes(origin)) {
        return `Invalid Origin header: ${origin}`;
      }
    }
    return undefined;
  }

  /** How a ferromcp server connects: answers go from the core's connection to the stream. */
  async _ferromcpAttach(make, protocol) {
    this._protocol = protocol;
    this._conn = make((buf) => {
      for (const line of buf.toString("utf8").split("\n")) {
        if (line && this._sseResponse) {
          this._sseResponse.write(`event: message\ndata: ${line}\n\n`);
        }
      }
    });
    await this.start();
  }

  async start() {
    if (this._sseResponse) {
      throw new Error(
        "SSEServerTransport already started! If using Server class, note that connect() calls start() automatically.",
      );
    }
    this.res.writeHead(200, {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
    });
    const url = new URL(this._endpoint, "http://localhost");
    url.searchParams.set("sessionId", this._sessionId);
    this.res.write(`event: endpoint\ndata: ${url.pathname + url.search + url.hash}\n\n`);
    this._sseResponse = this.res;
    this.res.on("close", () => {
      this._sseResponse = undefined;
      this._protocol?._closed();
      this.onclose?.();
    });
  }

  /**
   * @param {any} [parsedBody]
   */
  async handlePostMessage(req, res, parsedBody) {
    if (!this._sseResponse) {
      const message = "SSE connection not established";
      res.writeHead(500).end(message);
      throw new Error(message);
    }
    const refused = this.validateRequestHeaders(req);
    if (refused) {
      res.writeHead(403).end(refused);
      this.onerror?.(new Error(refused));
      return;
    }
    const host = req.headers.host;
    const requestInfo = { headers: req.headers, url: host && req.url ? new URL(req.url, `http://${host}`) : undefined };
    let body;
    try {
      const header = req.headers["content-type"] ?? "";
      const type = mediaTypeEssence(header);
      if (type !== "application/json") {
        throw new Error(`Unsupported content-type: ${type}`);
      }
      const charset = /;\s*charset="?([^";\s]+)"?/i.exec(header)?.[1] ?? "utf-8";
      body = parsedBody ?? (await readText(req, MAXIMUM_MESSAGE_SIZE, charset));
    } catch (error) {
      res.writeHead(400).end(String(error));
      this.onerror?.(error);
      return;
    }
    try {
      await this.handleMessage(typeof body === "string" ? JSON.parse(body) : body, { requestInfo, authInfo: req.auth });
    } catch {
      res.writeHead(400).end(`Invalid message: ${body}`);
      return;
    }
    res.writeHead(202).end("Accepted");
  }

  /**
   * A client message, however it arrived.
   * @param {any} [extra]
   */
  async handleMessage(message, extra) {
    if (message === null || typeof message !== "object" || message.jsonrpc !== "2.0") {
      const error = new Error("Invalid JSON-RPC message");
      this.onerror?.(error);
      throw error;
    }
    if (this._conn) {
      this._protocol._receive(this._conn, JSON.stringify(message), extra);
    } else {
      this.onmessage?.(message, extra);
    }
  }

  async close() {
    this._sseResponse?.end();
    this._sseResponse = undefined;
    this._protocol?._closed();
    this.onclose?.();
  }

  async send(message) {
    if (!this._sseResponse) {
      throw new Error("Not connected");
    }
    this._sseResponse.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }
}

module.exports = { SSEServerTransport };

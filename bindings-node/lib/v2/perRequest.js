"use strict";
// `PerRequestHTTPServerTransport` of `@modelcontextprotocol/server` 2.x: a transport whose whole
// life is one HTTP exchange, for hosts that parse and classify the request themselves
// (`classifyInboundRequest`) and hand over one message. A ferromcp server connected to it serves
// that message with the core as over any message transport (the message's own `_meta` names its
// revision); the answer comes back as a fetch `Response`:
//
// - a request: JSON (`application/json`, 200), or an SSE stream (`text/event-stream`) when the
//   handler sends something for the client first (progress, a log, a sampling or elicitation
//   request) or `responseMode: 'sse'`; `responseMode: 'json'` drops what is not the answer;
// - an error the core answers before any handler runs (a malformed or unknown method, an
//   unsupported revision, a header mismatch) keeps the HTTP status the SDK maps it to; a
//   missing client capability is 400 wherever it comes from; any other error is in-band (200);
// - a notification: 202, no body.
//
// Single use: a second `handleMessage` throws, as does one before a server is connected.

const { SdkError, SdkErrorCode } = require("./errors.js");

const DEFAULT_SSE_KEEP_ALIVE_MS = 15000;
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
// The errors the SDK answers with an HTTP status when they come from its gates, not a handler.
const LADDER_STATUS = { [-32700]: 400, [-32600]: 400, [-32601]: 404, [-32022]: 400, [-32021]: 400, [-32023]: 400 };
const MISSING_CAPABILITY = -32021;
// What a server sends while serving the request that belongs on its stream.
const RELATED = new Set(["notifications/progress", "notifications/message", "sampling/createMessage",
  "elicitation/create", "roots/list"]);

const isRequest = (m) => typeof m?.method === "string" && m.id !== undefined && m.id !== null;
const isAnswer = (m) => m?.id !== undefined && (m.result !== undefined || m.error !== undefined);

function keepAlive(intervalMs, tick) {
  if (!Number.isFinite(intervalMs) || intervalMs < 1) {
    return undefined;
  }
  const timer = setInterval(tick, Math.min(intervalMs, MAX_TIMER_DELAY_MS));
  timer.unref?.();
  return timer;
}

class PerRequestHTTPServerTransport {
  /**
   * @param {{classification: any, responseMode?: "auto" | "sse" | "json", keepAliveMs?: number}} options
   */
  constructor(options) {
    this._classification = options.classification;
    this._responseMode = options.responseMode ?? "auto";
    this._keepAliveMs = options.keepAliveMs ?? DEFAULT_SSE_KEEP_ALIVE_MS;
    this._started = false;
    this._used = false;
    this._closed = false;
    this._answered = false;
    this._handled = false;
    this._requestId = undefined;
    this._deferred = undefined;
    this._sse = undefined;
    this._abortCleanup = undefined;
    this.onclose = undefined;
    this.onerror = undefined;
    this.onmessage = undefined;
  }

  async start() {
    if (this._started) {
      throw new Error("PerRequestHTTPServerTransport is already started");
    }
    this._started = true;
  }

  /**
   * Serves the one message and resolves with the HTTP response.
   * @param {any} message
   * @param {{request?: Request, authInfo?: any}} [extra]
   * @returns {Promise<Response>}
   */
  async handleMessage(message, extra) {
    if (this._used) {
      throw new Error("PerRequestHTTPServerTransport serves exactly one exchange; construct a new transport per request");
    }
    if (!this._started || this.onmessage === undefined) {
      throw new Error("PerRequestHTTPServerTransport is not connected: connect a server to this transport before handling a message");
    }
    if (this._closed) {
      throw new Error("PerRequestHTTPServerTransport is closed");
    }
    this._used = true;
    const signal = extra?.request?.signal;
    if (signal?.aborted) {
      await this.close();
      throw new SdkError(SdkErrorCode.ConnectionClosed, "The request was aborted before it could be handled");
    }
    const messageExtra = {
      classification: this._classification,
      ...(extra?.request !== undefined && { request: extra.request, requestInfo: extra.request }),
      ...(extra?.authInfo !== undefined && { authInfo: extra.authInfo }),
    };
    if (!isRequest(message)) {
      this.onmessage(message, messageExtra);
      return new Response(null, { status: 202 });
    }
    this._requestId = message.id;
    const answer = new Promise((resolve, reject) => {
      this._deferred = { resolve, reject, settled: false };
    });
    if (signal !== undefined) {
      const onAbort = () => void this.close();
      signal.addEventListener("abort", onAbort, { once: true });
      this._abortCleanup = () => signal.removeEventListener("abort", onAbort);
    }
    this.onmessage(message, messageExtra);
    if (this._responseMode === "sse" && !this._closed && !this._deferred.settled) {
      this._openStream();
    }
    return answer;
  }

  /** Marks that a handler of the server runs for the request (its errors are in-band). */
  _handling() {
    this._handled = true;
  }

  async send(message) {
    if (this._closed) {
      return;
    }
    if (isAnswer(message)) {
      if (message.id !== this._requestId) {
        this.onerror?.(new Error(`Received a response for an unknown request id: ${String(message.id)}`));
        return;
      }
      if (this._answered) {
        return;
      }
      this._answered = true;
      const code = message.error?.code;
      const ladder = code !== undefined && (!this._handled || code === MISSING_CAPABILITY) ? LADDER_STATUS[code] : undefined;
      if (ladder !== undefined && this._sse === undefined) {
        this._settle(Response.json(message, { status: ladder, headers: { "Content-Type": "application/json" } }));
        queueMicrotask(() => void this.close());
        return;
      }
      if (this._sse !== undefined || this._responseMode === "sse") {
        this._openStream();
        this._frame(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
        this._endStream();
        return;
      }
      this._settle(Response.json(message, { status: 200, headers: { "Content-Type": "application/json" } }));
      queueMicrotask(() => void this.close());
      return;
    }
    if (this._responseMode === "json" || !RELATED.has(message?.method)) {
      return;
    }
    this._openStream();
    this._frame(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  async close() {
    if (this._closed) {
      return;
    }
    this._closed = true;
    this._abortCleanup?.();
    this._abortCleanup = undefined;
    this._closeStream();
    if (this._deferred !== undefined && !this._deferred.settled) {
      this._deferred.settled = true;
      this._deferred.reject(new SdkError(SdkErrorCode.ConnectionClosed, "Connection closed before a response was produced"));
    }
    this.onclose?.();
  }

  _settle(response) {
    if (this._deferred === undefined || this._deferred.settled) {
      return;
    }
    this._deferred.settled = true;
    this._deferred.resolve(response);
  }

  _openStream() {
    if (this._sse !== undefined) {
      return;
    }
    let controller;
    const body = new ReadableStream({
      start: (c) => {
        controller = c;
      },
      cancel: () => {
        this.close();
      },
    });
    this._sse = { controller, encoder: new TextEncoder(), closed: false, timer: undefined };
    this._sse.timer = keepAlive(this._keepAliveMs, () => this._frame(": keepalive\n\n"));
    this._settle(
      new Response(body, {
        status: 200,
        headers: {
          "Content-Type": "text/event-stream",
          "Cache-Control": "no-cache, no-transform",
          Connection: "keep-alive",
          "X-Accel-Buffering": "no",
        },
      }),
    );
  }

  /** The stream's last frame is written: it ends, then the transport closes. */
  _endStream() {
    this._closeStream();
    queueMicrotask(() => void this.close());
  }

  _closeStream() {
    if (this._sse?.timer !== undefined) {
      clearInterval(this._sse.timer);
    }
    if (this._sse !== undefined && !this._sse.closed) {
      this._sse.closed = true;
      try {
        this._sse.controller.close();
      } catch {
        // already closed by the reader
      }
    }
  }

  _frame(text) {
    if (this._sse === undefined || this._sse.closed) {
      return;
    }
    try {
      this._sse.controller.enqueue(this._sse.encoder.encode(text));
    } catch (error) {
      this.onerror?.(new Error(`Failed to write to the response stream: ${error}`));
    }
  }
}

module.exports = { PerRequestHTTPServerTransport };

"use strict";
// `@modelcontextprotocol/server/stdio`: `StdioServerTransport` (1.x's: the core reads stdin and
// writes stdout) and `serveStdio(factory)`, which serves one connection from one instance of
// the author's factory. The connection's first message decides its era, as in 2.x: a request
// whose `_meta` names a protocol version opens the 2026-07-28 revision (`ctx.era === "modern"`),
// anything else the 2025 handshake (`"legacy"`). With `legacy: 'reject'` (a modern-only
// server) 2025-era requests are answered -32022 naming the revisions served, and notifications
// dropped, until a 2026-07-28 request opens the connection.

const { StdioServerTransport } = require("../server/stdio.js");
const { modernOnlyRejection, validModernClaim } = require("./classify.js");

const PROTOCOL_VERSION_META_KEY = "io.modelcontextprotocol/protocolVersion";
const MAX_OPENING = 64 * 1024 * 1024;

/** How the connection's opening line reads: `modern`, or a legacy route (`reason`). */
function opening(line) {
  let message;
  try {
    message = JSON.parse(line);
  } catch {
    return { kind: "legacy", reason: "no-claim", message: undefined };
  }
  const meta = message?.params?._meta;
  const claim = meta !== null && typeof meta === "object" && PROTOCOL_VERSION_META_KEY in meta;
  if (Array.isArray(message)) {
    return { kind: "legacy", reason: "batch", message };
  }
  const request = typeof message?.method === "string" && message.id !== undefined;
  if (!request && typeof message?.method !== "string") {
    return { kind: "legacy", reason: "response", message };
  }
  if (!request) {
    return { kind: "legacy", reason: claim ? "modern-notification" : "notification", message };
  }
  // `initialize` opens the handshake unless its envelope is whole and names a 2026-07-28-era
  // revision (then the revision answers it as a removed method).
  if (claim && (message.method !== "initialize" || validModernClaim(message.params))) {
    return { kind: "modern", message };
  }
  const requested = message.method === "initialize" ? message.params?.protocolVersion : undefined;
  return {
    kind: "legacy",
    reason: message.method === "initialize" ? "initialize" : "no-claim",
    message,
    ...(typeof requested === "string" && { requestedVersion: requested }),
  };
}

/**
 * Serves MCP over stdio from a server factory: one instance for the connection.
 * @param {(ctx: {era: "legacy" | "modern"}) => any} factory
 * @param {{legacy?: "serve" | "reject", transport?: any, onerror?: (error: Error) => void, maxSubscriptions?: number}} [options]
 * @returns {{close(): Promise<void>}}
 */
function serveStdio(factory, options = {}) {
  const strict = options.legacy === "reject";
  const transport = options.transport ?? new StdioServerTransport();
  let server;
  let closed = false;
  const report = (e) => {
    const error = e instanceof Error ? e : new Error(String(e));
    if (options.onerror) {
      try {
        options.onerror(error);
      } catch {
        // Reporting only.
      }
    } else {
      console.error(error);
    }
  };

  const start = async (era, pending) => {
    const instance = await factory({ era });
    if (closed) {
      await instance.close?.();
      return;
    }
    server = instance;
    (instance.server ?? instance)._servesSessionless = era === "modern";
    await instance.connect(transport);
    if (pending?.length) {
      (instance.server ?? instance)._conn?.feed(pending);
    }
    transport._stdin?.resume();
  };

  let ready;
  const stdin = transport._stdin;
  if (typeof transport._ferromcpAttach !== "function" || stdin === undefined) {
    // A transport of the author's: the core decides the era on its first message.
    ready = start("legacy").catch(report);
  } else {
    ready = new Promise((resolve) => {
      let buffered = Buffer.alloc(0);
      const stop = () => {
        stdin.off("data", ondata);
        stdin.off("end", onend);
        stdin.pause();
      };
      const decide = (era) => {
        stop();
        const pending = buffered;
        buffered = Buffer.alloc(0);
        start(era, pending).catch(report).finally(resolve);
      };
      const ondata = (chunk) => {
        buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
        for (;;) {
          const nl = buffered.indexOf(10);
          if (nl < 0) {
            if (buffered.length > MAX_OPENING) {
              decide("legacy");
            }
            return;
          }
          const line = buffered.subarray(0, nl).toString("utf8").trim();
          if (line === "") {
            buffered = buffered.subarray(nl + 1);
            continue;
          }
          const route = opening(line);
          if (route.kind === "modern" || route.reason === "modern-notification") {
            decide("modern");
            return;
          }
          if (!strict) {
            decide("legacy");
            return;
          }
          // Modern-only: a 2025-era message is refused (a notification dropped), and the
          // connection waits for a 2026-07-28 request.
          buffered = buffered.subarray(nl + 1);
          const refusal = modernOnlyRejection(route);
          if (refusal !== undefined && route.message !== undefined && !Array.isArray(route.message) && route.message.id !== undefined) {
            const error = { code: refusal.code, message: refusal.message, ...(refusal.data !== undefined && { data: refusal.data }) };
            transport.send({ jsonrpc: "2.0", id: route.message.id, error }).catch(report);
            report(new Error(`Rejected 2025-era request on a modern-only stdio connection (${refusal.cell}): ${refusal.message}`));
          }
        }
      };
      const onend = () => {
        stop();
        resolve();
      };
      stdin.on("data", ondata);
      stdin.on("end", onend);
    });
  }
  return {
    async close() {
      closed = true;
      await ready;
      await server?.close();
    },
  };
}

module.exports = { StdioServerTransport, serveStdio };

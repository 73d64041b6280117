"use strict";
// `@modelcontextprotocol/server/stdio`: `StdioServerTransport` (1.x's: the core reads stdin and
// writes stdout) and `serveStdio(factory)`, which serves one connection from one instance of
// the author's factory. ferromcp serves the 2025-era handshake here; the 2026-07-28 opening
// (`server/discover`, per-request envelopes) is not served yet, so `legacy: 'reject'` (a
// modern-only endpoint) is refused at once rather than answering nothing.

const { StdioServerTransport } = require("../server/stdio.js");

/**
 * Serves MCP over stdio from a server factory: one instance for the connection.
 * @param {(ctx: {era: "legacy" | "modern"}) => any} factory
 * @param {{legacy?: "serve" | "reject", transport?: any, onerror?: (error: Error) => void, maxSubscriptions?: number}} [options]
 * @returns {{close(): Promise<void>}}
 */
function serveStdio(factory, options = {}) {
  if (options.legacy === "reject") {
    throw new Error("serveStdio: legacy: 'reject' needs the 2026-07-28 revision, which ferromcp does not serve yet");
  }
  const transport = options.transport ?? new StdioServerTransport();
  let server;
  const report = (e) => {
    const error = e instanceof Error ? e : new Error(String(e));
    if (options.onerror) {
      options.onerror(error);
    } else {
      console.error(error);
    }
  };
  const ready = Promise.resolve()
    .then(() => factory({ era: "legacy" }))
    .then(async (instance) => {
      server = instance;
      await instance.connect(transport);
    })
    .catch(report);
  return {
    async close() {
      await ready;
      await server?.close();
    },
  };
}

module.exports = { StdioServerTransport, serveStdio };

"use strict";
// ferromcp's own cost of a Streamable HTTP call on Node, without node's HTTP stack or the
// kernel: `StreamableHTTPServerTransport.handleRequest(req, res, body)` driven with in-memory
// request and response objects, the bench's `echo` tool on an `McpServer`, one session, C
// calls in flight. Prints the process's CPU time per call over the timed calls.
//
//   node bench/node/http_inprocess.cjs [CALLS=100000] [IN_FLIGHT=16] [--stateless]
//
// `--stateless`: as `ts_echo.cjs --stateless` serves, a server and a stateless transport made,
// connected and closed for every call (the author's `McpServer`, its zod shape and all).
//
// Pin it (`taskset -c 1`) and compare builds side by side: absolute figures drift with the
// machine. bench/node/ANALYSIS.md quotes it.
const { EventEmitter } = require("node:events");
const { randomUUID } = require("node:crypto");
const path = require("node:path");

const root = path.resolve(__dirname, "../..");
const { McpServer } = require(path.join(root, "bindings-node/lib/server/mcp.js"));
const { StreamableHTTPServerTransport } = require(path.join(root, "bindings-node/lib/server/streamableHttp.js"));
const { z } = require(require.resolve("zod", { paths: [root] }));

const numbers = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const CALLS = Number(numbers[0] || 100_000);
const IN_FLIGHT = Number(numbers[1] || 16);
const STATELESS = process.argv.includes("--stateless");

class Res extends EventEmitter {
  constructor(done) {
    super();
    this.done = done;
    this.status = 0;
    this.headers = undefined;
  }
  writeHead(status, headers) {
    this.status = status;
    this.headers = headers;
    return this;
  }
  flushHeaders() {}
  write() {
    return true;
  }
  end() {
    this.done(this);
    return this;
  }
}

function call(transport, headers, body) {
  const rawHeaders = Object.entries(headers).flat();
  return new Promise((resolve) => {
    transport.handleRequest({ method: "POST", url: "/mcp", headers, rawHeaders }, new Res(resolve), body);
  });
}

function makeServer() {
  const server = new McpServer({ name: "bench-inprocess", version: "1.0.0" });
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: "text", text }],
  }));
  return server;
}

const BASE = { host: "127.0.0.1", accept: "application/json, text/event-stream", "content-type": "application/json" };

/** One session's `call(id)`: a `tools/call` of `echo` on the session, answered. */
async function session() {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID() });
  await makeServer().connect(transport);
  const init = await call(transport, BASE, {
    jsonrpc: "2.0",
    id: 0,
    method: "initialize",
    params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "bench", version: "1" } },
  });
  const headers = { ...BASE, "mcp-session-id": init.headers["mcp-session-id"], "mcp-protocol-version": "2025-11-25" };
  await call(transport, headers, { jsonrpc: "2.0", method: "notifications/initialized" });
  return (id) => call(transport, headers, { jsonrpc: "2.0", id, method: "tools/call", params: { name: "echo", arguments: { text: "hello" } } });
}

/** A server and a stateless transport for the call alone, closed after it. */
async function perRequest(id) {
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  const headers = { ...BASE, "mcp-protocol-version": "2025-11-25" };
  const res = await call(transport, headers, { jsonrpc: "2.0", id, method: "tools/call", params: { name: "echo", arguments: { text: "hello" } } });
  await transport.close();
  await server.close();
  return res;
}

async function main() {
  const echo = STATELESS ? perRequest : await session();
  let id = 1;
  const worker = async (n) => {
    for (let i = 0; i < n; i++) {
      const res = await echo(id++);
      if (res.status !== 200) {
        throw new Error(`status ${res.status}`);
      }
    }
  };
  const run = (n) => Promise.all(Array.from({ length: IN_FLIGHT }, () => worker(Math.ceil(n / IN_FLIGHT))));
  await run(STATELESS ? 10_000 : 20_000); // warm: V8 compiles the hot paths
  const cpu = process.cpuUsage();
  await run(CALLS);
  const used = process.cpuUsage(cpu);
  const shape = STATELESS ? ", a server per call" : "";
  console.log(`${((used.user + used.system) / CALLS).toFixed(1)} µs of CPU a call (${CALLS} calls, ${IN_FLIGHT} in flight${shape})`);
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

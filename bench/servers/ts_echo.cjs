// The bench's `echo` tool on the official TypeScript SDK (@modelcontextprotocol/sdk 1.x):
// an `McpServer` served over Streamable HTTP with `StreamableHTTPServerTransport` on node's
// own `http` server (no Express), following the SDK's README.
//
//   NODE_PATH=bench/.node/node_modules node bench/servers/ts_echo.cjs --port N [--stateless] [--json]
//
// Stateful (default): one McpServer + transport per session, found by `Mcp-Session-Id`.
// `--stateless`: a new McpServer + transport for every request, as the SDK's stateless
// example does (a stateless transport may not be reused). `--json`: `enableJsonResponse`.
"use strict";

const http = require("node:http");
const { randomUUID } = require("node:crypto");
const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StreamableHTTPServerTransport } = require("@modelcontextprotocol/sdk/server/streamableHttp.js");
const { isInitializeRequest } = require("@modelcontextprotocol/sdk/types.js");
const { z } = require("zod");

const args = process.argv.slice(2);
const port = Number(args[args.indexOf("--port") + 1] || 8000);
const stateless = args.includes("--stateless");
const enableJsonResponse = args.includes("--json");

function makeServer() {
  const server = new McpServer({ name: "bench-ts-sdk", version: "1.0.0" });
  server.registerTool(
    "echo",
    { description: "Return the text unchanged.", inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: "text", text }] }),
  );
  return server;
}

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined);
      } catch (e) {
        reject(e);
      }
    });
    req.on("error", reject);
  });
}

function fail(res, status, message) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
}

const transports = new Map();

async function stateful(req, res) {
  const sid = req.headers["mcp-session-id"];
  if (req.method !== "POST") {
    const transport = sid && transports.get(sid);
    if (!transport) return fail(res, 400, "Bad Request: no valid session ID");
    return transport.handleRequest(req, res);
  }
  const body = await readJson(req);
  let transport = sid && transports.get(sid);
  if (!transport) {
    if (sid || !isInitializeRequest(body)) return fail(res, 400, "Bad Request: no valid session ID");
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse,
      onsessioninitialized: (id) => transports.set(id, transport),
    });
    transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
    await makeServer().connect(transport);
  }
  await transport.handleRequest(req, res, body);
}

async function statelessHandler(req, res) {
  if (req.method !== "POST") return fail(res, 405, "Method not allowed.");
  const body = await readJson(req);
  const server = makeServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse });
  res.on("close", () => {
    transport.close();
    server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}

const handler = stateless ? statelessHandler : stateful;
http
  .createServer({ noDelay: true }, (req, res) => {
    handler(req, res).catch((e) => {
      if (!res.headersSent) fail(res, 500, String(e));
    });
  })
  .listen(port, "127.0.0.1");

// The bench's `echo` tool on the official TypeScript SDK's v2 packages
// (@modelcontextprotocol/server 2.4 and @modelcontextprotocol/node): `createMcpHandler` over a
// factory that makes an `McpServer` for every request, served on node's own `http` server with
// `toNodeHandler`, as v2's README serves it.
//
//   NODE_PATH=bench/.node/node_modules node bench/servers/ts_v2_echo.cjs --port N
//
// On ferromcp the package names map to ferromcp (bench/run_http.py makes such a node_modules).
"use strict";

const http = require("node:http");
const { McpServer, createMcpHandler } = require("@modelcontextprotocol/server");
const { toNodeHandler } = require("@modelcontextprotocol/node");
const z = require("zod");

const args = process.argv.slice(2);
const port = Number(args[args.indexOf("--port") + 1] || 8000);

function makeServer() {
  const server = new McpServer({ name: "bench-ts-sdk-v2", version: "1.0.0" });
  server.registerTool(
    "echo",
    { description: "Return the text unchanged.", inputSchema: z.object({ text: z.string() }) },
    async ({ text }) => ({ content: [{ type: "text", text }] }),
  );
  return server;
}

const serve = toNodeHandler(createMcpHandler(() => makeServer()));
http.createServer((req, res) => void serve(req, res)).listen(port, "127.0.0.1");

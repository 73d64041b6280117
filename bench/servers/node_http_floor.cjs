"use strict";
// The zero-work floor of a Streamable HTTP server on node's own `http`, in the shape of
// ts_echo.cjs with no MCP in it: the body read and parsed as the author's code reads it, a
// session id checked, and the echo answered as one SSE event. What any Node server file of
// that shape pays per call before the MCP work (bench/node/ANALYSIS.md).
//
//   node bench/servers/node_http_floor.cjs --port N
const http = require("node:http");
const { randomUUID } = require("node:crypto");

const args = process.argv.slice(2);
const port = Number(args[args.indexOf("--port") + 1] || 8000);
const sessions = new Set();

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

http
  .createServer(async (req, res) => {
    const body = await readJson(req);
    if (body.method === "initialize") {
      const id = randomUUID();
      sessions.add(id);
      const result = { protocolVersion: body.params.protocolVersion, capabilities: { tools: {} }, serverInfo: { name: "floor", version: "1" } };
      res.writeHead(200, { "content-type": "application/json", "mcp-session-id": id });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: body.id, result }));
      return;
    }
    const sid = req.headers["mcp-session-id"];
    if (!sessions.has(sid)) {
      res.writeHead(404).end();
      return;
    }
    if (body.id === undefined) {
      res.writeHead(202).end();
      return;
    }
    const result = { content: [{ type: "text", text: body.params.arguments.text }] };
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "mcp-session-id": sid });
    res.end(`event: message\ndata: ${JSON.stringify({ jsonrpc: "2.0", id: body.id, result })}\n\n`);
  })
  .listen(port, "127.0.0.1");

// A Streamable HTTP server as the SDK's README writes one: node's own `http`, one McpServer and
// transport per session found by `Mcp-Session-Id` (or, with --stateless, per request), and
// --json for `enableJsonResponse`; --chosen-ids keys the map by an id chosen before the
// transport is made (`sessionIdGenerator: () => id`). Prints `listening <port>` once it listens
// on 127.0.0.1.
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CreateMessageResultSchema, isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

const stateless = process.argv.includes("--stateless");
const enableJsonResponse = process.argv.includes("--json");
const chosenIds = process.argv.includes("--chosen-ids");
let sessions = 0;
// ferromcp's `sessionIdleTimeoutMs` (the SDK ignores it).
const idle = process.argv.indexOf("--idle-ms");
const sessionIdleTimeoutMs = idle > 0 ? Number(process.argv[idle + 1]) : undefined;

function makeServer() {
  const server = new McpServer({ name: "http-server", version: "1.0.0" }, { capabilities: { logging: {} } });
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: "text", text }],
  }));
  server.registerTool("kaboom", {}, async () => {
    throw new Error("kaboom");
  });
  server.registerTool("progress", { inputSchema: { steps: z.number() } }, async ({ steps }, extra) => {
    for (let i = 1; i <= steps; i++) {
      await extra.sendNotification({
        method: "notifications/progress",
        params: { progressToken: extra._meta?.progressToken ?? 0, progress: i, total: steps },
      });
    }
    return { content: [{ type: "text", text: `${steps} steps` }] };
  });
  server.registerTool("sample", { inputSchema: { q: z.string() } }, async ({ q }, extra) => {
    const r = await extra.sendRequest(
      { method: "sampling/createMessage", params: { messages: [{ role: "user", content: { type: "text", text: q } }], maxTokens: 5 } },
      CreateMessageResultSchema,
    );
    return { content: [{ type: "text", text: `model said: ${r.content.text}` }] };
  });
  // `hold` waits until `release` is called (from any session), then sends a log message and
  // answers; `held` says how many wait, and how many POSTs' clients went away.
  server.registerTool("hold", {}, async (extra) => {
    await new Promise((resolve) => gate.push(resolve));
    await extra.sendNotification({ method: "notifications/message", params: { level: "info", data: "after the wait" } });
    return { content: [{ type: "text", text: "released" }] };
  });
  server.registerTool("release", {}, async () => {
    const n = gate.length;
    gate.splice(0).forEach((resolve) => resolve());
    return { content: [{ type: "text", text: String(n) }] };
  });
  server.registerTool("held", {}, async () => ({ content: [{ type: "text", text: JSON.stringify({ waiting: gate.length, left }) }] }));
  server.registerResource("readme", "file:///readme.txt", { mimeType: "text/plain" }, async (uri) => ({
    contents: [{ uri: uri.href, text: "read me" }],
  }));
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
  });
}

const transports = {};
const gate = [];
let left = 0;

const http = createServer(async (req, res) => {
  if (!req.url.startsWith("/mcp")) {
    res.writeHead(404).end();
    return;
  }
  if (stateless) {
    if (req.method !== "POST") {
      res.writeHead(405).end();
      return;
    }
    const body = await readJson(req);
    const server = makeServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse });
    res.on("close", () => {
      transport.close();
      server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
    return;
  }
  if (req.method === "POST") {
    res.on("close", () => {
      if (!res.writableFinished) {
        left += 1;
      }
    });
  }
  const body = req.method === "POST" ? await readJson(req) : undefined;
  const sid = req.headers["mcp-session-id"];
  let transport = sid ? transports[sid] : undefined;
  if (!transport && !sid && req.method === "POST" && isInitializeRequest(body) && chosenIds) {
    const id = `session-${++sessions}`;
    transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => id, enableJsonResponse });
    transports[id] = transport;
    await makeServer().connect(transport);
  } else if (!transport && !sid && req.method === "POST" && isInitializeRequest(body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse,
      sessionIdleTimeoutMs,
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) {
        delete transports[transport.sessionId];
        console.log(`closed ${transport.sessionId}`);
      }
    };
    await makeServer().connect(transport);
  }
  if (!transport) {
    res.writeHead(400, { "content-type": "application/json" }).end(
      JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "Bad Request: No valid session ID provided" }, id: null }),
    );
    return;
  }
  await transport.handleRequest(req, res, body);
});

http.listen(0, "127.0.0.1", () => console.log(`listening ${http.address().port}`));

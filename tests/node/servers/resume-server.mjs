// Resumable Streamable HTTP as the SDK's examples write it: node's `http`, one McpServer and
// transport per session, an `eventStore` (a small in-memory one, as in the SDK's examples) and
// `retryInterval`. The `poll` tool closes its SSE stream after its first step
// (`extra.closeSSEStream`): the client reconnects with `Last-Event-ID` and gets the rest.
// Prints `listening <port>` once it listens on 127.0.0.1.
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

class MemoryStore {
  constructor() {
    this.events = new Map();
    this.next = 0;
  }

  async storeEvent(streamId, message) {
    const eventId = `${streamId}_${++this.next}`;
    this.events.set(eventId, { streamId, message });
    return eventId;
  }

  async replayEventsAfter(lastEventId, { send }) {
    const last = this.events.get(lastEventId);
    if (!last) {
      return "";
    }
    let after = false;
    for (const [eventId, { streamId, message }] of this.events) {
      if (eventId === lastEventId) {
        after = true;
      } else if (after && streamId === last.streamId && message.jsonrpc) {
        await send(eventId, message);
      }
    }
    return last.streamId;
  }
}

const store = new MemoryStore();

function makeServer() {
  const server = new McpServer({ name: "resume-server", version: "1.0.0" }, { capabilities: { logging: {} } });
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: "text", text }],
  }));
  server.registerTool("poll", { inputSchema: { steps: z.number() } }, async ({ steps }, extra) => {
    let closed = false;
    for (let i = 1; i <= steps; i++) {
      await extra.sendNotification({
        method: "notifications/message",
        params: { level: "info", data: `step ${i}` },
      });
      await extra.sendNotification({
        method: "notifications/progress",
        params: { progressToken: extra._meta?.progressToken ?? 0, progress: i, total: steps },
      });
      if (i === 1 && extra.closeSSEStream) {
        extra.closeSSEStream();
        closed = true;
      }
      await new Promise((r) => setTimeout(r, 30));
    }
    return { content: [{ type: "text", text: `polled; stream closed: ${closed}` }] };
  });
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

const http = createServer(async (req, res) => {
  const body = req.method === "POST" ? await readJson(req) : undefined;
  const sid = req.headers["mcp-session-id"];
  let transport = sid ? transports[sid] : undefined;
  if (!transport && !sid && req.method === "POST" && isInitializeRequest(body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: store,
      retryInterval: 50,
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
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

http.listen(0, "127.0.0.1", () => {
  process.stdout.write(`listening ${http.address().port}\n`);
});

// Published servers' ways with the SDK's transports: one stateless transport made once and
// handed every request (the SDK refuses all but the first), and an `oninitialized` that
// rejects (the SDK reports it and goes on serving). `--http`: the first over node's `http`,
// printing `listening <port>`; otherwise the second over stdio.
import http from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

const server = new McpServer({ name: "idioms-http", version: "1.0.0" });
server.registerTool("hi", {}, async () => ({ content: [{ type: "text", text: "hi" }] }));
// Progress sent with the low-level `notification` naming the request it belongs to.
server.registerTool("steps", {}, async (extra) => {
  const progressToken = extra._meta?.progressToken;
  for (const progress of [1, 2]) {
    await server.server.notification(
      { method: "notifications/progress", params: { progress, total: 2, progressToken } },
      { relatedRequestId: extra.requestId },
    );
  }
  return { content: [{ type: "text", text: "done" }] };
});

if (process.argv.includes("--stateful")) {
  // One session, its transport kept (the SDK's stateful example, for one client).
  const { randomUUID } = await import("node:crypto");
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID });
  await server.connect(transport);
  // No standalone stream (as servers that only answer POSTs): a notification reaches the
  // client only on the stream of the request it belongs to.
  const app = http.createServer((req, res) =>
    req.method === "GET" ? res.writeHead(405, { allow: "POST, DELETE" }).end() : transport.handleRequest(req, res),
  );
  app.listen(0, "127.0.0.1", () => console.log(`listening ${app.address().port}`));
} else if (process.argv.includes("--http")) {
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  await server.connect(transport);
  const app = http.createServer((req, res) => {
    transport.handleRequest(req, res).catch((e) => {
      res.writeHead(599).end(String(e));
    });
  });
  app.listen(0, "127.0.0.1", () => console.log(`listening ${app.address().port}`));
} else {
  server.server.oninitialized = async () => {
    throw new Error("rejected in oninitialized");
  };
  await server.connect(new StdioServerTransport());
}

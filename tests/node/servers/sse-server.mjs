// The legacy HTTP+SSE transport as the SDK's README writes a server for it: Express, a GET
// stream per client (`SSEServerTransport`), POSTs routed by `sessionId`. Prints `listening <port>`.
import express from "express";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { z } from "zod";

const transports = {};
const app = express();
app.use(express.json());

app.get("/sse", async (req, res) => {
  const server = new McpServer({ name: "sse-server", version: "1.0.0" });
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }, extra) => ({
    content: [{ type: "text", text: `${text} (auth: ${extra.authInfo?.clientId ?? "none"})` }],
  }));
  const transport = new SSEServerTransport("/messages", res);
  transports[transport.sessionId] = transport;
  res.on("close", () => delete transports[transport.sessionId]);
  await server.connect(transport);
});

app.post("/messages", async (req, res) => {
  const transport = transports[req.query.sessionId];
  if (!transport) {
    res.status(400).send("No transport found for sessionId");
    return;
  }
  req.auth = { token: "t", clientId: "client-7", scopes: [] };
  await transport.handlePostMessage(req, res, req.body);
});

const listener = app.listen(0, "127.0.0.1", () => console.log(`listening ${listener.address().port}`));

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

if (process.argv.includes("--http")) {
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

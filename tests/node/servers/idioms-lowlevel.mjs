// An McpServer whose tools are served by handlers the author sets on its low-level server
// (as published servers with many tools do): those answer as a low-level Server does.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

// `resources.subscribe` declared with no handler for it (the SDK then answers -32601).
const server = new McpServer(
  { name: "idioms-lowlevel", version: "1.0.0" },
  { capabilities: { tools: {}, resources: { subscribe: true } } },
);
server.registerPrompt("hello", { argsSchema: { who: z.string() } }, ({ who }) => ({
  messages: [{ role: "user", content: { type: "text", text: `hello ${who}` } }],
}));
server.server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: "empty", inputSchema: { type: "object" } },
    { name: "boom", inputSchema: { type: "object" } },
  ],
}));
server.server.setRequestHandler(CallToolRequestSchema, async (request) => {
  switch (request.params.name) {
    case "empty":
      return {};
    case "boom":
      throw new Error("it broke");
    default:
      throw new Error(`Unknown tool: ${request.params.name}`);
  }
});
await server.connect(new StdioServerTransport());

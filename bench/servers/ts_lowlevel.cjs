// The bench's `echo` tool on a low-level `Server` of @modelcontextprotocol/sdk 1.x, over stdio
// (the seed's style). ferromcp rows run this file unchanged, with the package name aliased.
"use strict";

const { Server } = require("@modelcontextprotocol/sdk/server/index.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { CallToolRequestSchema, ListToolsRequestSchema, McpError, ErrorCode } = require("@modelcontextprotocol/sdk/types.js");

const server = new Server({ name: "bench-ts-lowlevel", version: "1.0.0" }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    {
      name: "echo",
      description: "Return the text unchanged.",
      inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
    },
  ],
}));
server.setRequestHandler(CallToolRequestSchema, async (request) => {
  if (request.params.name !== "echo") {
    throw new McpError(ErrorCode.MethodNotFound, `Unknown tool: ${request.params.name}`);
  }
  return { content: [{ type: "text", text: request.params.arguments.text }] };
});
server.connect(new StdioServerTransport());

// The bench's `echo` tool on `McpServer` of @modelcontextprotocol/sdk 1.x with a zod schema,
// over stdio. ferromcp rows run this file unchanged, with the package name aliased.
"use strict";

const { McpServer } = require("@modelcontextprotocol/sdk/server/mcp.js");
const { StdioServerTransport } = require("@modelcontextprotocol/sdk/server/stdio.js");
const { z } = require("zod");

const server = new McpServer({ name: "bench-ts-mcpserver", version: "1.0.0" });
server.registerTool(
  "echo",
  { description: "Return the text unchanged.", inputSchema: { text: z.string() } },
  async ({ text }) => ({ content: [{ type: "text", text }] }),
);
server.connect(new StdioServerTransport());

// An McpServer of @modelcontextprotocol/server 2.x that declares its list-changed
// capabilities off (as published servers that never change their lists do).
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import { StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import { z } from "zod";

const off = { listChanged: false };
const server = new McpServer({ name: "idioms-v2", version: "1.0.0" }, { capabilities: { tools: off, prompts: off, resources: off } });
server.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, ({ text }) => ({ content: [{ type: "text", text }] }));
// What a server reads of itself: the revision it speaks, a tool's input schema as JSON Schema.
server.registerTool("self", {}, () => ({
  content: [{ type: "text", text: JSON.stringify([server.server.getNegotiatedProtocolVersion(), server.toolInputSchemaJson("echo")]) }],
}));
server.registerPrompt("hello", {}, () => ({ messages: [{ role: "user", content: { type: "text", text: "hello" } }] }));
server.registerResource("readme", "file:///readme", {}, (uri) => ({ contents: [{ uri: uri.href, text: "hi" }] }));
// A template switched off: 2.x lists it and refuses to read through it.
server
  .registerResource("note", new ResourceTemplate("note://{id}", { list: undefined }), {}, (uri, { id }) => ({
    contents: [{ uri: uri.href, text: `note ${id}` }],
  }))
  .disable();
await server.connect(new StdioServerTransport());

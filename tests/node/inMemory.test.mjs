// ferromcp servers over ferromcp's InMemoryTransport, driven by the official Client on the
// other half: the pair carries requests, notifications and server→client requests both ways,
// and closing either half closes both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { CreateMessageRequestSchema, LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { InMemoryTransport } from "ferromcp/inMemory.js";
import { McpServer } from "ferromcp/server/mcp.js";
import { Server } from "ferromcp/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "ferromcp/types.js";
import { z } from "zod";

function mcpServer() {
  const server = new McpServer({ name: "in-memory", version: "1.0.0" }, { capabilities: { logging: {} } });
  server.registerTool("add", { inputSchema: { a: z.number(), b: z.number() } }, async ({ a, b }) => ({
    content: [{ type: "text", text: String(a + b) }],
  }));
  server.registerTool("ask", { inputSchema: { q: z.string() } }, async ({ q }) => {
    await server.sendLoggingMessage({ level: "info", data: `asking ${q}` });
    const r = await server.server.createMessage({ messages: [{ role: "user", content: { type: "text", text: q } }], maxTokens: 5 });
    return { content: [{ type: "text", text: `model said: ${r.content.text}` }] };
  });
  return server;
}

test("createLinkedPair joins two halves; messages sent before start() wait for it", async () => {
  const [a, b] = InMemoryTransport.createLinkedPair();
  const got = [];
  await a.send({ jsonrpc: "2.0", method: "early" });
  b.onmessage = (m, extra) => got.push([m.method, extra]);
  assert.deepEqual(got, [], "queued until start()");
  await b.start();
  await a.send({ jsonrpc: "2.0", method: "later" }, { authInfo: { token: "t", clientId: "c", scopes: [] } });
  assert.deepEqual(got, [
    ["early", { authInfo: undefined }],
    ["later", { authInfo: { token: "t", clientId: "c", scopes: [] } }],
  ]);
  let closed = 0;
  a.onclose = () => closed++;
  b.onclose = () => closed++;
  await b.close();
  assert.equal(closed, 2);
  await assert.rejects(a.send({ jsonrpc: "2.0", method: "x" }), { message: "Not connected" });
});

test("an McpServer on one half serves the official Client on the other", async () => {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = mcpServer();
  await server.connect(serverSide);
  const client = new Client({ name: "t", version: "1" }, { capabilities: { sampling: {} } });
  const logs = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
    logs.push(n.params.data);
  });
  client.setRequestHandler(CreateMessageRequestSchema, async (r) => ({
    role: "assistant",
    content: { type: "text", text: `re: ${r.params.messages[0].content.text}` },
    model: "m",
  }));
  await client.connect(clientSide);

  assert.equal(client.getServerVersion().name, "in-memory");
  assert.deepEqual((await client.listTools()).tools.map((t) => t.name), ["add", "ask"]);
  assert.deepEqual(await client.callTool({ name: "add", arguments: { a: 2, b: 3 } }), { content: [{ type: "text", text: "5" }] });
  const asked = await client.callTool({ name: "ask", arguments: { q: "hi" } });
  assert.equal(asked.content[0].text, "model said: re: hi");
  assert.deepEqual(logs, ["asking hi"]);
  const calls = await Promise.all([1, 2, 3, 4].map((a) => client.callTool({ name: "add", arguments: { a, b: 10 } })));
  assert.deepEqual(calls.map((c) => c.content[0].text), ["11", "12", "13", "14"]);

  let serverClosed = false;
  server.server.onclose = () => {
    serverClosed = true;
  };
  await client.close();
  assert.ok(serverClosed, "closing the client's half closes the server's");
});

test("a low-level Server on one half; closing the server ends the client", async () => {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const server = new Server({ name: "low", version: "2.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [{ name: "echo", inputSchema: { type: "object", properties: { text: { type: "string" } } } }],
  }));
  server.setRequestHandler(CallToolRequestSchema, async (req) => ({
    content: [{ type: "text", text: req.params.arguments.text }],
  }));
  await server.connect(serverSide);
  const client = new Client({ name: "t", version: "1" });
  await client.connect(clientSide);
  assert.deepEqual((await client.listTools()).tools.map((t) => t.name), ["echo"]);
  assert.deepEqual(await client.callTool({ name: "echo", arguments: { text: "hey" } }), { content: [{ type: "text", text: "hey" }] });
  let clientClosed = false;
  client.onclose = () => {
    clientClosed = true;
  };
  await server.close();
  assert.ok(clientClosed, "closing the server's half closes the client's");
});

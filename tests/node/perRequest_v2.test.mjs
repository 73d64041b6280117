// `PerRequestHTTPServerTransport` of `@modelcontextprotocol/server` 2.4, the same host code run
// with the official package and with ferromcp: one McpServer per exchange, the message
// classified by `classifyInboundRequest`, handed to `handleMessage`; every response's status,
// content type and body (JSON, or the SSE frames) compared — a plain call, one that logs first
// (the answer upgrades to a stream), `responseMode` 'sse' and 'json', a tool that fails, an
// unknown method (a gate's 404), a notification (202), and the single-use rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as official from "@modelcontextprotocol/server";
import * as ours from "ferromcp";
import { z } from "zod";

const VERSION = "2026-07-28";
const META = {
  "io.modelcontextprotocol/protocolVersion": VERSION,
  "io.modelcontextprotocol/clientInfo": { name: "t", version: "1" },
  "io.modelcontextprotocol/clientCapabilities": {},
};

function server(sdk) {
  const mcp = new sdk.McpServer({ name: "per-request", version: "1.0.0" }, { capabilities: { logging: {} } });
  mcp.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: "text", text }],
  }));
  mcp.registerTool("chatty", { inputSchema: z.object({}) }, async (_args, ctx) => {
    await ctx.mcpReq.log("info", "working");
    return { content: [{ type: "text", text: "done" }] };
  });
  mcp.registerTool("fails", { inputSchema: z.object({}) }, async () => {
    throw new Error("nope");
  });
  return mcp;
}

function call(id, method, params) {
  return { jsonrpc: "2.0", id, method, params: { ...params, _meta: META } };
}

/** What a response says: status, content type, and its JSON or its SSE data frames. */
async function seen(response) {
  const type = response.headers.get("content-type");
  const text = response.body === null ? "" : await response.text();
  let body = text;
  if (type?.startsWith("application/json")) {
    body = JSON.parse(text);
  } else if (type?.startsWith("text/event-stream")) {
    body = text
      .split("\n\n")
      .filter((f) => f.includes("data: "))
      .map((f) => JSON.parse(f.slice(f.indexOf("data: ") + 6)));
  }
  return { status: response.status, type, body };
}

async function exchange(sdk, message, responseMode) {
  const classification = sdk.classifyInboundRequest({
    httpMethod: "POST",
    body: message,
    protocolVersionHeader: VERSION,
    mcpMethodHeader: message.method,
    mcpNameHeader: message.params?.name,
    headers: new Headers(),
  });
  const transport = new sdk.PerRequestHTTPServerTransport({ classification, responseMode, keepAliveMs: 0 });
  const mcp = server(sdk);
  await mcp.connect(transport);
  try {
    return await seen(await transport.handleMessage(message));
  } finally {
    await mcp.close();
  }
}

const CASES = [
  ["a call answered as JSON", call(1, "tools/call", { name: "echo", arguments: { text: "hi" } })],
  ["a call that logs first streams", call(2, "tools/call", { name: "chatty", arguments: {} })],
  ["sse mode", call(3, "tools/call", { name: "echo", arguments: { text: "s" } }), "sse"],
  ["json mode drops the log", call(4, "tools/call", { name: "chatty", arguments: {} }), "json"],
  ["a failing tool", call(5, "tools/call", { name: "fails", arguments: {} })],
  ["an unknown method", call(6, "nothing/here", {})],
  ["a list", call(7, "tools/list", {})],
  ["a notification", { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 9, _meta: META } }],
];

for (const [label, message, mode] of CASES) {
  test(`PerRequestHTTPServerTransport: ${label}, as the SDK answers`, async () => {
    const theirs = await exchange(official, structuredClone(message), mode);
    const mine = await exchange(ours, structuredClone(message), mode);
    assert.deepEqual(mine, theirs);
  });
}

test("PerRequestHTTPServerTransport is single-use and needs a server", async () => {
  for (const sdk of [official, ours]) {
    const transport = new sdk.PerRequestHTTPServerTransport({ classification: { kind: "modern", revision: VERSION } });
    await assert.rejects(transport.handleMessage(call(1, "tools/list", {})), /not connected/);
    const mcp = server(sdk);
    const used = new sdk.PerRequestHTTPServerTransport({ classification: { kind: "modern", revision: VERSION } });
    await mcp.connect(used);
    await used.handleMessage(call(1, "tools/list", {}));
    await assert.rejects(used.handleMessage(call(2, "tools/list", {})), /exactly one exchange/);
    await mcp.close();
  }
});

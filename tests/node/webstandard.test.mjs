// WebStandardStreamableHTTPServerTransport in process: the official client's fetch goes straight
// to `transport.handleRequest(new Request(...))`, on ferromcp and on the official SDK.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import * as officialMcp from "@modelcontextprotocol/sdk/server/mcp.js";
import * as officialWeb from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import * as ourMcp from "ferromcp/server/mcp.js";
import * as ourWeb from "ferromcp/server/webStandardStreamableHttp.js";
import { z } from "zod";
import { outcome } from "./harness.mjs";

async function transcript({ McpServer }, { WebStandardStreamableHTTPServerTransport }, json) {
  const server = new McpServer({ name: "web", version: "1.0.0" });
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }, extra) => ({
    content: [{ type: "text", text: `${text} (${extra.authInfo?.clientId ?? "no auth"})` }],
  }));
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: () => crypto.randomUUID(),
    enableJsonResponse: json,
  });
  await server.connect(transport);
  const authInfo = { token: "t", clientId: "web-client", scopes: [] };
  const fetchInProcess = (url, init) => transport.handleRequest(new Request(url, init), { authInfo });
  const client = new Client({ name: "ferromcp-tests", version: "1.0.0" });
  const clientTransport = new StreamableHTTPClientTransport(new URL("http://in.process/mcp"), { fetch: fetchInProcess });
  await client.connect(clientTransport);
  const out = {
    hasSession: clientTransport.sessionId !== undefined,
    tools: await client.listTools(),
    echo: await outcome(client.callTool({ name: "echo", arguments: { text: "hi" } })),
    bad: await outcome(client.callTool({ name: "echo", arguments: {} })),
  };
  await client.close();
  await server.close();
  return out;
}

for (const json of [false, true]) {
  test(`WebStandardStreamableHTTPServerTransport (${json ? "JSON" : "SSE"} answers): the same answers`, async () => {
    const official = await transcript(officialMcp, officialWeb, json);
    const ours = await transcript(ourMcp, ourWeb, json);
    assert.deepStrictEqual(ours, official);
    assert.match(ours.echo.result.content[0].text, /web-client/);
  });
}

/** One request served by a server and transport made for it, both closed after. */
async function servedOnce(i, registry) {
  const server = new ourMcp.McpServer({ name: "per-request", version: "1.0.0" });
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: "text", text }] }));
  const transport = new ourWeb.WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  const call = { jsonrpc: "2.0", id: i, method: "tools/call", params: { name: "echo", arguments: { text: "hi" } } };
  const response = await transport.handleRequest(new Request("http://in.process/mcp", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" },
    body: JSON.stringify(call),
  }));
  assert.equal((await response.json()).result.content[0].text, "hi");
  await transport.close();
  await server.close();
  registry.register(server, i);
}

test("a closed server and transport are freed: a stateless server made per request does not pile up", async () => {
  // The core holds the script's callbacks; closing must let go of the server behind them.
  const v8 = await import("node:v8");
  const vm = await import("node:vm");
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  let freed = 0;
  const registry = new FinalizationRegistry(() => freed++);
  const N = 40;
  for (let i = 0; i < N; i++) {
    await servedOnce(i, registry);
  }
  // Finalizers run between tasks: collect, yield, until every server is gone (bounded).
  const deadline = Date.now() + 10_000;
  while (freed < N && Date.now() < deadline) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.equal(freed, N);
});

test("a POST whose client leaves before its answer: handleRequest settles at once, and the session goes on", async () => {
  let release;
  const released = new Promise((resolve) => {
    release = resolve;
  });
  const server = new ourMcp.McpServer({ name: "leaves", version: "1.0.0" });
  server.registerTool("wait", {}, async () => {
    await released;
    return { content: [{ type: "text", text: "late" }] };
  });
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: "text", text }] }));
  const transport = new ourWeb.WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => "s1" });
  const errors = [];
  await server.connect(transport);
  transport.onerror = (e) => errors.push(e);
  const headers = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };
  const post = (body, signal) =>
    transport.handleRequest(new Request("http://in.process/mcp", { method: "POST", headers: { ...headers, "mcp-session-id": "s1" }, body: JSON.stringify(body), signal }));
  const init = await transport.handleRequest(new Request("http://in.process/mcp", {
    method: "POST",
    headers,
    body: JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } }),
  }));
  assert.equal(init.status, 200);
  await init.text();
  assert.equal((await post({ jsonrpc: "2.0", method: "notifications/initialized" })).status, 202);
  const leaving = new AbortController();
  const waiting = post({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "wait", arguments: {} } }, leaving.signal);
  await new Promise((resolve) => setImmediate(resolve));
  leaving.abort();
  assert.equal((await waiting).status, 499);
  release();
  const echo = await post({ jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "echo", arguments: { text: "still here" } } });
  assert.match(await echo.text(), /"id":2,"result":\{"content":\[\{"type":"text","text":"still here"\}\]\}/);
  assert.deepStrictEqual(errors, []);
  await server.close();
});

test("closing a connection lets go of what it held at once, while its JS object lives on", async () => {
  // A per-request server's native connection is freed only when V8 collects its JS object,
  // which may be long after: what it held (the script's callbacks among it) goes at close.
  const { createRequire } = await import("node:module");
  const { Connection } = createRequire(import.meta.url)("../../bindings-node/lib/native/index.js");
  const v8 = await import("node:v8");
  const vm = await import("node:vm");
  v8.setFlagsFromString("--expose-gc");
  const gc = vm.runInNewContext("gc");
  const freed = new Set();
  const registry = new FinalizationRegistry((i) => freed.add(i));
  const open = (i) => {
    const callbacks = Array.from({ length: 5 }, () => () => {});
    callbacks.forEach((f) => registry.register(f, i));
    return new Connection(JSON.stringify({ name: "c", version: "1" }), [], [], ["tools"], ...callbacks, undefined, -1);
  };
  const conns = Array.from({ length: 10 }, (_, i) => open(i));
  conns.slice(0, 8).forEach((c) => c.close());
  const deadline = Date.now() + 10_000;
  while (freed.size < 8 && Date.now() < deadline) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.deepEqual([...freed].sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
  // A closed connection ignores what it is fed and refuses registrations; closing again is a no-op.
  const closed = conns[0];
  closed.feed(Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}\n'));
  assert.equal(closed.pending, 0);
  assert.equal(closed.outputClosed, true);
  assert.throws(() => closed.addTool(JSON.stringify({ name: "t", inputSchema: { type: "object" } }), 0, true), /closed/);
  closed.close();
  // The two left open still hold theirs.
  assert.equal(conns[9].outputClosed, false);
  conns.slice(8).forEach((c) => c.close());
});

// A server written for `@modelcontextprotocol/server` 2.4 (tests/node/servers/v2-server.mjs),
// run unchanged on ferromcp — its `node_modules/@modelcontextprotocol/server` is ferromcp, the
// package alias a user sets — and on the official package, driven by the official client over
// stdio (`serveStdio`, and a hand-wired `StdioServerTransport`) and HTTP (`createMcpHandler`):
// Standard Schema tools, a thrown `ProtocolError`, resources, prompts — the same answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema, LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { onFerromcpV2, onOfficial, outcome, withHttp } from "./harness.mjs";

const SERVER = "v2-server.mjs";

/** Everything the client sees of the server, call by call. */
async function transcript(client) {
  const logs = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push(n.params));
  await client.setLoggingLevel("debug");
  const out = {
    server: client.getServerVersion(),
    capabilities: client.getServerCapabilities(),
    tools: await client.listTools(),
    echo: await outcome(client.callTool({ name: "echo", arguments: { text: "hi", times: 2 } })),
    echoDefault: await outcome(client.callTool({ name: "echo", arguments: { text: "hi", extra: true } })),
    echoBad: await outcome(client.callTool({ name: "echo", arguments: { text: 1 } })),
    echoMissing: await outcome(client.callTool({ name: "echo", arguments: {} })),
    add: await outcome(client.callTool({ name: "add", arguments: { a: 2, b: 3 } })),
    lookup: await outcome(client.callTool({ name: "lookup", arguments: { q: "x" } })),
    lookupBad: await outcome(client.callTool({ name: "lookup", arguments: { q: 1 } })),
    lookupMissing: await outcome(client.callTool({ name: "lookup", arguments: {} })),
    noName: await outcome(client.request({ method: "tools/call", params: { arguments: {} } }, CallToolResultSchema)),
    badName: await outcome(client.request({ method: "tools/call", params: { name: 7 } }, CallToolResultSchema)),
    badShape: await outcome(client.request({ method: "tools/call", params: { arguments: null, task: { ttl: "1" }, name: true } }, CallToolResultSchema)),
    refuse: await outcome(client.callTool({ name: "refuse", arguments: {} })),
    kaboom: await outcome(client.callTool({ name: "kaboom", arguments: {} })),
    unknownTool: await outcome(client.callTool({ name: "nope", arguments: {} })),
    disabledTool: await outcome(client.callTool({ name: "off", arguments: {} })),
    disabledPrompt: await outcome(client.getPrompt({ name: "off" })),
    whoami: await outcome(client.callTool({ name: "whoami", arguments: {} })),
    resources: await outcome(client.listResources()),
    templates: await outcome(client.listResourceTemplates()),
    readme: await outcome(client.readResource({ uri: "file:///readme.txt" })),
    user: await outcome(client.readResource({ uri: "users://7/profile" })),
    userMissing: await outcome(client.readResource({ uri: "users://0/profile" })),
    unknownResource: await outcome(client.readResource({ uri: "file:///nope" })),
    prompts: await outcome(client.listPrompts()),
    greet: await outcome(client.getPrompt({ name: "greet", arguments: { name: "Ada", mood: "happy" } })),
    plain: await outcome(client.getPrompt({ name: "plain" })),
    greetBad: await outcome(client.getPrompt({ name: "greet", arguments: {} })),
    unknownPrompt: await outcome(client.getPrompt({ name: "nope" })),
    ping: await outcome(client.ping()),
  };
  out.logs = logs;
  return out;
}

async function overStdio(file, flags = []) {
  const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities: {} });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [file, ...flags], stderr: "pipe" }));
  try {
    return await transcript(client);
  } finally {
    await client.close();
  }
}

async function overHttp(file) {
  return withHttp(file, [], async (url) => {
    const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities: {} });
    await client.connect(new StreamableHTTPClientTransport(url));
    try {
      const out = await transcript(client);
      // Stateless (2.x's legacy leg): GET and DELETE are refused.
      const get = await fetch(url, { headers: { accept: "text/event-stream" } });
      out.get = { status: get.status, allow: get.headers.get("allow"), body: await get.json() };
      return out;
    } finally {
      await client.close();
    }
  });
}

test("v2 server over stdio (serveStdio): the same answers on ferromcp and on @modelcontextprotocol/server 2.4", async () => {
  const ours = await overStdio(onFerromcpV2(SERVER));
  const theirs = await overStdio(onOfficial(SERVER));
  assert.deepEqual(ours, theirs);
  // What the comparison covers, spelled out.
  assert.equal(ours.refuse.result.isError, true);
  assert.equal(ours.refuse.result.content[0].text, "not today");
  assert.equal(ours.unknownTool.error.code, -32602);
  assert.deepEqual(ours.logs, [{ level: "info", data: "whoami called" }]);
  assert.equal(ours.unknownResource.error.code, -32602);
  assert.equal(ours.tools.tools.find((t) => t.name === "echo").inputSchema.$schema, "https://json-schema.org/draft/2020-12/schema");
});

test("v2 server over stdio (hand-wired StdioServerTransport): the same answers", async () => {
  const ours = await overStdio(onFerromcpV2(SERVER), ["--connect"]);
  const theirs = await overStdio(onOfficial(SERVER), ["--connect"]);
  assert.deepEqual(ours, theirs);
});

test("v2 server over HTTP (createMcpHandler): the same answers", async () => {
  const ours = await overHttp(onFerromcpV2(SERVER));
  const theirs = await overHttp(onOfficial(SERVER));
  assert.deepEqual(ours, theirs);
  assert.equal(ours.get.status, 405);
  assert.match(ours.whoami.result.content[0].text, /"http":"function"/);
  assert.deepEqual(ours.logs, [{ level: "info", data: "whoami called" }]);
});

test("v2 setRequestHandler: method names, and 1.x's schema keys refused as 2.x refuses them", async () => {
  const { Server } = await import("ferromcp");
  const official = await import("@modelcontextprotocol/server");
  const { CallToolRequestSchema } = await import("@modelcontextprotocol/sdk/types.js");
  for (const S of [Server, official.Server]) {
    const s = new S({ name: "s", version: "1" }, { capabilities: { tools: {} } });
    s.setRequestHandler("tools/call", () => ({ content: [] }));
    assert.throws(() => s.setRequestHandler(CallToolRequestSchema, () => ({})), {
      name: "TypeError",
      message: "'[object Object]' is not a spec request method; pass schemas as the second argument to setRequestHandler().",
    });
  }
  const ours = await import("ferromcp");
  assert.equal(typeof new ours.McpServer({ name: "s", version: "1" }).tool, typeof new official.McpServer({ name: "s", version: "1" }).tool);
});

/** createMcpHandler on node's `http` through `toNodeHandler`, from one package's modules. */
async function adapterServer(server, node) {
  const { createServer } = await import("node:http");
  const z = await import("zod");
  const handler = server.createMcpHandler(() => {
    const s = new server.McpServer({ name: "adapter", version: "1.0.0" });
    s.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: "text", text }] }));
    return s;
  });
  const http = createServer(node.toNodeHandler(handler));
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  return { url: new URL(`http://127.0.0.1:${http.address().port}/mcp`), close: () => http.close() };
}

test("toNodeHandler over createMcpHandler: the official client's answers as on 2.4's adapter; a whole answer leaves with its length", async () => {
  const run = async (server, node) => {
    const { url, close } = await adapterServer(server, node);
    try {
      const client = new Client({ name: "ferromcp-tests", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(url));
      const echo = await client.callTool({ name: "echo", arguments: { text: "hi" } });
      await client.close();
      const r = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "echo", arguments: { text: "raw" } } }),
      });
      const text = await r.text();
      const events = text.split("\n\n").filter(Boolean).map((e) => JSON.parse(e.split("data: ")[1]));
      return { echo, status: r.status, type: r.headers.get("content-type"), length: r.headers.get("content-length"), bytes: Buffer.byteLength(text), events };
    } finally {
      close();
    }
  };
  const ours = await run(await import("ferromcp"), await import("ferromcp/node"));
  const theirs = await run(await import("@modelcontextprotocol/server"), await import("@modelcontextprotocol/node"));
  assert.deepStrictEqual(ours.echo, theirs.echo);
  assert.deepStrictEqual(ours.events, theirs.events);
  assert.equal(ours.status, theirs.status);
  assert.equal(ours.type, theirs.type);
  // ferromcp sends an answer that was whole at once with its length; 2.4 streams it chunked.
  assert.equal(ours.length, String(ours.bytes));
});

test("createMcpHandler: the factory's requestInfo and a handler's ctx.http.req carry the request's body, as on 2.4", async () => {
  const run = async (server) => {
    const z = await import("zod");
    const seen = {};
    const handler = server.createMcpHandler(async (ctx) => {
      seen.factory = (await ctx.requestInfo.clone().json()).method;
      const s = new server.McpServer({ name: "bodies", version: "1.0.0" });
      s.registerTool("body", { inputSchema: z.object({ text: z.string() }) }, async ({ text }, c) => ({
        content: [{ type: "text", text: `${text}: ${JSON.parse(await c.http.req.text()).params.name}` }],
      }));
      return s;
    });
    const call = { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "body", arguments: { text: "read" } } };
    const response = await handler.fetch(
      new Request("http://in.process/mcp", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" },
        body: JSON.stringify(call),
      }),
    );
    const text = await response.text();
    const events = text.split("\n\n").filter(Boolean).map((e) => JSON.parse(e.split("data: ")[1]));
    return { seen, events };
  };
  const ours = await run(await import("ferromcp"));
  const theirs = await run(await import("@modelcontextprotocol/server"));
  assert.deepStrictEqual(ours, theirs);
  assert.equal(ours.events[0].result.content[0].text, "read: body");
});

test("a tool's schema is turned into JSON Schema when tools/list asks, as 2.4 does: one that cannot be is the listing's error", async () => {
  const z3 = await import("zod/v3");
  const z = await import("zod");
  const run = async (server) => {
    const handler = server.createMcpHandler(() => {
      const s = new server.McpServer({ name: "lazy", version: "1.0.0" });
      s.registerTool("old", { inputSchema: z3.object({ text: z3.string() }) }, async ({ text }) => ({ content: [{ type: "text", text }] }));
      s.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: "text", text }] }));
      return s;
    });
    const post = async (id, method, params) => {
      const response = await handler.fetch(
        new Request("http://in.process/mcp", {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" },
          body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
        }),
      );
      const text = await response.text();
      return text.split("\n\n").filter(Boolean).map((e) => JSON.parse(e.split("data: ")[1]));
    };
    return {
      list: await post(1, "tools/list", {}),
      old: await post(2, "tools/call", { name: "old", arguments: { text: "zod 3" } }),
      echo: await post(3, "tools/call", { name: "echo", arguments: { text: "zod 4" } }),
    };
  };
  const ours = await run(await import("ferromcp"));
  const theirs = await run(await import("@modelcontextprotocol/server"));
  assert.deepStrictEqual(ours, theirs);
  assert.equal(ours.list[0].error.code, -32603);
  assert.equal(ours.echo[0].result.content[0].text, "zod 4");
});

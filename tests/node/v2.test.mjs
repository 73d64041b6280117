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
    word: await outcome(client.callTool({ name: "word", arguments: { word: "yes" } })),
    wordRefused: await outcome(client.callTool({ name: "word", arguments: { word: "no", count: 2 } })),
    wordBad: await outcome(client.callTool({ name: "word", arguments: { word: 1 } })),
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
  assert.equal(ours.word.result.content[0].text, "yes");
  assert.match(JSON.stringify(ours.wordRefused), /not that word/);
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

/**
 * Raw requests to `toNodeHandler(createMcpHandler(...))` on node's `http`, from one package's
 * modules: what each answers (status, the headers that matter, the JSON-RPC body or events)
 * and what each reported to the handler's and the adapter's `onerror`.
 */
async function adapterAnswers(server, node) {
  const { createServer, request } = await import("node:http");
  const z = await import("zod");
  const reported = [];
  const factory = (ctx) => {
    const s = new server.McpServer({ name: "edges", version: "1.0.0" });
    s.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: "text", text }] }));
    s.registerTool("seen", { inputSchema: z.object({}) }, async (_args, c) => {
      const req = c.http.req;
      const body = JSON.parse(await req.text());
      return { content: [{ type: "text", text: JSON.stringify([ctx.requestInfo.method, new URL(req.url).pathname, req.headers.get("x-probe"), body.params.name]) }] };
    });
    return s;
  };
  const handler = server.createMcpHandler(factory, { maxRequestBodySize: 600, onerror: (e) => reported.push(`handler: ${e.message}`) });
  const serve = node.toNodeHandler(handler, { maxRequestBodySize: 1000, onerror: (e) => reported.push(`adapter: ${e.message}`) });
  // Behind a body parser (Express's `express.json()`): `/parsed` hands the adapter the value.
  const http = createServer((req, res) => {
    if (req.url !== "/parsed") {
      return void serve(req, res);
    }
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => void serve(req, res, JSON.parse(Buffer.concat(chunks).toString())));
  });
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = http.address().port;
  const send = (method, headers, body, path = "/mcp") =>
    new Promise((resolve, reject) => {
      const r = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          const parsed = text.startsWith("event:") || text.startsWith("data:")
            ? text.split("\n\n").filter(Boolean).map((e) => JSON.parse(e.split("data: ")[1]))
            : text === "" ? null : JSON.parse(text);
          const h = res.headers;
          resolve({ status: res.statusCode, type: h["content-type"], allow: h.allow, connection: h.connection, body: parsed, reported: reported.splice(0) });
        });
      });
      r.on("error", reject);
      if (Array.isArray(body)) {
        // Chunked: no Content-Length to refuse it by.
        for (const part of body) {
          r.write(part);
        }
        r.end();
      } else {
        r.end(body);
      }
    });
  const json = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };
  const call = (id, name, args) => JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });
  const big = call(9, "echo", { text: "x".repeat(800) });
  const huge = call(9, "echo", { text: "x".repeat(1200) });
  try {
    return {
      echo: await send("POST", json, call(1, "echo", { text: "hi" })),
      seen: await send("POST", { ...json, "x-probe": "probe" }, call(2, "seen", {})),
      parsed: await send("POST", json, call(3, "echo", { text: "parsed" }), "/parsed"),
      parsedSeen: await send("POST", { ...json, "x-probe": "parsed" }, call(4, "seen", {}), "/parsed"),
      textPlain: await send("POST", { ...json, "content-type": "text/plain" }, call(5, "echo", { text: "hi" })),
      noType: await send("POST", { accept: json.accept }, call(6, "echo", { text: "hi" })),
      notJson: await send("POST", json, "{not json"),
      empty: await send("POST", json, ""),
      overHandler: await send("POST", json, big),
      overHandlerChunked: await send("POST", json, [big.slice(0, 400), big.slice(400)]),
      overAdapter: await send("POST", json, huge),
      overAdapterChunked: await send("POST", json, [huge.slice(0, 700), huge.slice(700)]),
      get: await send("GET", { accept: "text/event-stream" }),
      del: await send("DELETE", {}),
    };
  } finally {
    http.close();
  }
}

test("toNodeHandler over createMcpHandler: edges and bodies answered as 2.4's adapter answers them", async () => {
  const ours = await adapterAnswers(await import("ferromcp"), await import("ferromcp/node"));
  const theirs = await adapterAnswers(await import("@modelcontextprotocol/server"), await import("@modelcontextprotocol/node"));
  for (const key of Object.keys(theirs)) {
    assert.deepStrictEqual(ours[key], theirs[key], key);
  }
  assert.equal(ours.echo.body[0].result.content[0].text, "hi");
  assert.equal(ours.seen.body[0].result.content[0].text, '["POST","/mcp","probe","seen"]');
  assert.equal(ours.parsedSeen.body[0].result.content[0].text, '["POST","/parsed","parsed","seen"]');
  assert.equal(ours.textPlain.status, 415);
  assert.deepEqual(ours.textPlain.reported, ["handler: Unsupported Media Type: Content-Type must be application/json"]);
  assert.equal(ours.overHandler.body.error.message, "Payload Too Large: Request body must not exceed 600 bytes");
  assert.equal(ours.overAdapterChunked.status, 413);
  assert.equal(ours.overAdapterChunked.connection, "close");
});

test("createMcpHandler and toNodeHandler refuse a body limit that is not a positive number, as 2.4 does", async () => {
  const mods = [
    [await import("ferromcp"), await import("ferromcp/node")],
    [await import("@modelcontextprotocol/server"), await import("@modelcontextprotocol/node")],
  ];
  const messages = mods.map(([server, node]) =>
    [0, -1, Infinity, "10"].flatMap((max) => {
      const out = [];
      for (const make of [() => server.createMcpHandler(() => {}, { maxRequestBodySize: max }), () => node.toNodeHandler({ fetch: async () => new Response() }, { maxRequestBodySize: max })]) {
        try {
          make();
          out.push("accepted");
        } catch (e) {
          out.push(`${e.name}: ${e.message}`);
        }
      }
      return out;
    }),
  );
  assert.deepStrictEqual(messages[0], messages[1]);
  assert.equal(messages[0][0], "RangeError: maxRequestBodySize must be a positive number of bytes, got 0");
});

test("toNodeHandler over createMcpHandler: a client leaving mid-call aborts the tool's signal and the server goes on, as on 2.4", async () => {
  const run = async (server, node) => {
    const { createServer, request } = await import("node:http");
    const z = await import("zod");
    const events = [];
    const handler = server.createMcpHandler(() => {
      const s = new server.McpServer({ name: "leave", version: "1.0.0" });
      s.registerTool("wait", { inputSchema: z.object({}) }, async (_args, ctx) => {
        events.push("started");
        const signal = ctx.mcpReq.signal;
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, 5000);
          signal.addEventListener("abort", () => {
            clearTimeout(timer);
            events.push("aborted");
            resolve();
          });
        });
        return { content: [{ type: "text", text: "done" }] };
      });
      s.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: "text", text }] }));
      return s;
    });
    const http = createServer(node.toNodeHandler(handler));
    await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };
    const call = (id, name, args) => JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: args } });
    try {
      const r = request({ host: "127.0.0.1", port: http.address().port, method: "POST", path: "/mcp", headers });
      r.on("error", () => {});
      r.end(call(1, "wait", {}));
      for (let i = 0; i < 100 && !events.includes("started"); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      r.destroy();
      for (let i = 0; i < 100 && !events.includes("aborted"); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const after = await fetch(`http://127.0.0.1:${http.address().port}/mcp`, { method: "POST", headers, body: call(2, "echo", { text: "still here" }) });
      return { events, after: [after.status, await after.text()] };
    } finally {
      http.close();
    }
  };
  const ours = await run(await import("ferromcp"), await import("ferromcp/node"));
  const theirs = await run(await import("@modelcontextprotocol/server"), await import("@modelcontextprotocol/node"));
  assert.deepStrictEqual(ours.events, ["started", "aborted"]);
  assert.deepStrictEqual(ours.events, theirs.events);
  assert.equal(ours.after[0], 200);
  assert.match(ours.after[1], /still here/);
});

test("toNodeHandler calls a createMcpHandler's fetch the author replaced, as 2.4's adapter does", async () => {
  const run = async (server, node) => {
    const { createServer } = await import("node:http");
    const z = await import("zod");
    const handler = server.createMcpHandler(() => {
      const s = new server.McpServer({ name: "wrapped", version: "1.0.0" });
      s.registerTool("echo", { inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({ content: [{ type: "text", text }] }));
      return s;
    });
    const seen = [];
    const inner = handler.fetch;
    handler.fetch = async (request, options) => {
      seen.push(request.headers.get("x-probe"));
      if (request.headers.get("x-probe") === "deny") {
        return new Response("denied", { status: 403 });
      }
      return inner(request, options);
    };
    const http = createServer(node.toNodeHandler(handler));
    await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${http.address().port}/mcp`;
    const headers = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo", arguments: { text: "through" } } });
    try {
      const denied = await fetch(url, { method: "POST", headers: { ...headers, "x-probe": "deny" }, body });
      const passed = await fetch(url, { method: "POST", headers: { ...headers, "x-probe": "pass" }, body });
      return { seen, denied: [denied.status, await denied.text()], passed: [passed.status, (await passed.text()).includes("through")] };
    } finally {
      http.close();
    }
  };
  const ours = await run(await import("ferromcp"), await import("ferromcp/node"));
  const theirs = await run(await import("@modelcontextprotocol/server"), await import("@modelcontextprotocol/node"));
  assert.deepStrictEqual(ours, theirs);
  assert.deepStrictEqual(ours.seen, ["deny", "pass"]);
  assert.deepStrictEqual(ours.denied, [403, "denied"]);
});

test("toNodeHandler: a client gone in the middle of its body is reported to onerror once and the server goes on, as on 2.4", async () => {
  const run = async (server, node) => {
    const { createServer } = await import("node:http");
    const net = await import("node:net");
    const errors = [];
    const handler = server.createMcpHandler(() => new server.McpServer({ name: "half", version: "1.0.0" }));
    const http = createServer(node.toNodeHandler(handler, { onerror: (e) => errors.push(e.message) }));
    await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
    const port = http.address().port;
    try {
      const socket = net.connect(port, "127.0.0.1");
      await new Promise((resolve) => socket.on("connect", resolve));
      socket.write(
        "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: 100\r\n\r\n" +
          '{"jsonrpc":',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      for (let i = 0; i < 100 && errors.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const init = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "c", version: "1" } } };
      const after = await fetch(`http://127.0.0.1:${port}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify(init),
      });
      return { errors, after: after.status };
    } finally {
      http.close();
    }
  };
  const ours = await run(await import("ferromcp"), await import("ferromcp/node"));
  const theirs = await run(await import("@modelcontextprotocol/server"), await import("@modelcontextprotocol/node"));
  assert.deepStrictEqual(ours, theirs);
  assert.deepStrictEqual(ours, { errors: ["aborted"], after: 200 });
});

test("toNodeHandler over a closed createMcpHandler: 500 and the adapter's onerror, as on 2.4", async () => {
  const run = async (server, node) => {
    const { createServer } = await import("node:http");
    const errors = [];
    const handler = server.createMcpHandler(() => new server.McpServer({ name: "closed", version: "1.0.0" }));
    await handler.close();
    const http = createServer(node.toNodeHandler(handler, { onerror: (e) => errors.push(e.message) }));
    await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
    try {
      const r = await fetch(`http://127.0.0.1:${http.address().port}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 4, method: "ping" }),
      });
      return { status: r.status, body: await r.json(), errors };
    } finally {
      http.close();
    }
  };
  const ours = await run(await import("ferromcp"), await import("ferromcp/node"));
  const theirs = await run(await import("@modelcontextprotocol/server"), await import("@modelcontextprotocol/node"));
  assert.deepStrictEqual(ours, theirs);
  assert.equal(ours.status, 500);
  assert.deepStrictEqual(ours.errors, ["This MCP handler has been closed"]);
});

test("toNodeHandler: a fetch that throws behind a body parser is answered 500 with the request's id when it is echoable, as on 2.4", async () => {
  const run = async (node) => {
    const { createServer } = await import("node:http");
    const errors = [];
    const serve = node.toNodeHandler(
      {
        fetch: async () => {
          throw new Error("the handler broke");
        },
      },
      { onerror: (e) => errors.push(e.message) },
    );
    const http = createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => void serve(req, res, JSON.parse(Buffer.concat(chunks).toString())));
    });
    await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
    const post = async (body) => {
      const r = await fetch(`http://127.0.0.1:${http.address().port}/mcp`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return [r.status, await r.json()];
    };
    try {
      return {
        request: await post({ jsonrpc: "2.0", id: 7, method: "ping" }),
        methodless: await post({ jsonrpc: "2.0", id: 8, method: 5 }),
        batch: await post([{ jsonrpc: "2.0", id: 9, method: "ping" }]),
        errors,
      };
    } finally {
      http.close();
    }
  };
  const ours = await run(await import("ferromcp/node"));
  const theirs = await run(await import("@modelcontextprotocol/node"));
  assert.deepStrictEqual(ours, theirs);
  assert.equal(ours.request[1].id, 7);
  assert.equal(ours.methodless[1].id, null);
});

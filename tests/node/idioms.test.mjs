// Idioms published servers use (the Node drop-in survey, dropin/node/): the same server files
// on ferromcp and on the official SDK 1.32, every answer the same.
import { test } from "node:test";
import assert from "node:assert/strict";
import { connect, onFerromcp, onFerromcpV2, onOfficial, outcome, withHttp } from "./harness.mjs";

async function transcript(file, steps) {
  const c = await connect(file);
  const out = { server: c.getServerVersion(), capabilities: c.getServerCapabilities() };
  const { ResultSchema } = await import("@modelcontextprotocol/sdk/types.js");
  for (const [label, method, params] of steps) {
    out[label] = await outcome(c.request({ method, params }, ResultSchema.passthrough()));
  }
  await c.close();
  return out;
}

const call = (name, args) => ["tools/call", { name, arguments: args }];

test("McpServer idioms: description, wrapped listing, overridden steps, enum and base schemas", async () => {
  const steps = [
    ["tools", "tools/list", {}],
    ["echo", ...call("echo", { text: "hi" })],
    ["echoBad", ...call("echo", { text: 1 })],
    ["strict", ...call("strict", { key: "k" })],
    ["strictOverridden", ...call("strict", {})],
    ["boom", ...call("boom", {})],
    ["nothing", ...call("nothing", {})],
    ["structured", ...call("structured", {})],
    ["unknown", ...call("nope", {})],
    ["templates", "resources/templates/list", {}],
    ["readDisabledTemplate", "resources/read", { uri: "note://7" }],
    ["readUnknown", "resources/read", { uri: "other://1" }],
    ["prompts", "prompts/list", {}],
    ["prompt", "prompts/get", { name: "greet", arguments: { who: "you" } }],
    ["promptUnknown", "prompts/get", { name: "nope" }],
    ["level", "idioms/level", { level: "warning" }],
    ["levelBad", "idioms/level", { level: "loud" }],
  ];
  const ours = await transcript(onFerromcp("idioms-mcpserver.mjs"), steps);
  const theirs = await transcript(onOfficial("idioms-mcpserver.mjs"), steps);
  assert.equal(ours.server.description, "What a survey found.");
  assert.equal(ours.tools.result.tools[0].inputSchema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(ours.strictOverridden.result.content[0].text, "failed: Invalid key: Required");
  assert.deepEqual(ours.nothing.result.content, []);
  assert.equal(ours.levelBad.error.code, -32603);
  assert.deepEqual(ours.prompts.result._meta, { wrapped: "prompts/list" });
  assert.deepEqual(ours, theirs);
});

test("handlers the author sets on McpServer's low-level server answer as that server does", async () => {
  const steps = [
    ["tools", "tools/list", {}],
    ["empty", ...call("empty", {})],
    ["boom", ...call("boom", {})],
    ["unknown", ...call("nope", {})],
    ["prompt", "prompts/get", { name: "hello", arguments: { who: "you" } }],
    ["subscribe", "resources/subscribe", { uri: "file:///x" }],
    ["unsubscribe", "resources/unsubscribe", { uri: "file:///x" }],
  ];
  const ours = await transcript(onFerromcp("idioms-lowlevel.mjs"), steps);
  const theirs = await transcript(onOfficial("idioms-lowlevel.mjs"), steps);
  assert.deepEqual(ours.empty.result, { content: [] });
  assert.deepEqual(ours.boom.error, { code: -32603, message: "MCP error -32603: it broke" });
  assert.equal(ours.subscribe.error.code, -32601);
  assert.deepEqual(ours, theirs);
});

test("a 2.x McpServer keeps the list-changed capabilities its author declared, lists a template switched off", async () => {
  const steps = [
    ["tools", "tools/list", {}],
    ["echo", ...call("echo", { text: "hi" })],
    ["self", ...call("self", {})],
    ["templates", "resources/templates/list", {}],
    ["readDisabledTemplate", "resources/read", { uri: "note://7" }],
  ];
  const ours = await transcript(onFerromcpV2("idioms-v2.mjs"), steps);
  const theirs = await transcript(onOfficial("idioms-v2.mjs"), steps);
  assert.deepEqual(ours.capabilities.tools, { listChanged: false });
  assert.equal(ours.templates.result.resourceTemplates.length, 1);
  assert.equal(JSON.parse(ours.self.result.content[0].text)[0], "2025-11-25");
  assert.equal(ours.readDisabledTemplate.error.code, -32602);
  assert.deepEqual(ours, theirs);
});

test("the SDK's server classes' methods and accessors are all there, private ones aside", async () => {
  const members = (C) => {
    const names = new Set();
    for (let p = C.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      for (const k of Object.getOwnPropertyNames(p)) {
        if (k !== "constructor" && !k.startsWith("_")) {
          names.add(k);
        }
      }
    }
    return names;
  };
  // The transports' own request plumbing (handleGetRequest, writeSSEEvent, …) is the core's.
  const classes = { "server/mcp.js": ["McpServer", "ResourceTemplate"], "server/index.js": ["Server"], "server/sse.js": ["SSEServerTransport"] };
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  for (const [module, names] of Object.entries(classes)) {
    const official = require(`@modelcontextprotocol/sdk/${module}`);
    const ours = require(`../../bindings-node/lib/${module}`);
    for (const name of names) {
      const have = members(ours[name]);
      const missing = [...members(official[name])].filter((k) => !have.has(k));
      assert.deepEqual(missing, [], `${module} ${name}`);
    }
  }
  // 2.x's McpServer likewise (its Server's `buildContext` and `projectCallToolResult` are what
  // its McpServer calls; ferromcp's core does that work).
  const official = await import("@modelcontextprotocol/server");
  const ours = require("../../bindings-node/lib/v2/index.js");
  const have = members(ours.McpServer);
  assert.deepEqual([...members(official.McpServer)].filter((k) => !have.has(k)), [], "2.x McpServer");
  const server = members(ours.Server);
  const missing = [...members(official.Server)].filter((k) => !server.has(k));
  assert.deepEqual(missing, ["buildContext", "projectCallToolResult"], "2.x Server");
});

test("a stateless transport reused for a second request is refused as the SDK refuses it", async () => {
  const exchange = async (url) => {
    const post = async (message) => {
      const r = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        body: JSON.stringify(message),
      });
      return { status: r.status, body: await r.text() };
    };
    const init = { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } };
    return [
      (await post({ jsonrpc: "2.0", id: 1, method: "initialize", params: init })).status,
      await post({ jsonrpc: "2.0", method: "notifications/initialized" }),
      await post({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
    ];
  };
  const ours = await withHttp(onFerromcp("idioms-http.mjs"), [], exchange);
  const theirs = await withHttp(onOfficial("idioms-http.mjs"), [], exchange);
  assert.deepEqual(ours, [200, { status: 500, body: "" }, { status: 500, body: "" }]);
  assert.deepEqual(ours, theirs);
});

test("an oninitialized that rejects is reported and the server goes on serving", async () => {
  const steps = [["ping", "ping", {}], ["tools", "tools/list", {}]];
  const ours = await transcript(onFerromcp("idioms-http.mjs"), steps);
  const theirs = await transcript(onOfficial("idioms-http.mjs"), steps);
  assert.deepEqual(ours.ping, { result: {} });
  assert.deepEqual(ours, theirs);
});

test("request and notification schemas tell a message of their method from another, as the SDK's", async () => {
  const { createRequire } = await import("node:module");
  const require = createRequire(import.meta.url);
  const official = require("@modelcontextprotocol/sdk/types.js");
  const ours = require("../../bindings-node/lib/types.js");
  let checked = 0;
  for (const [name, schema] of Object.entries(ours)) {
    const method = schema?.shape?.method?.value;
    if (typeof method !== "string") {
      continue;
    }
    const other = { jsonrpc: "2.0", id: 1, method: method === "ping" ? "tools/list" : "ping", params: {} };
    assert.equal(schema.safeParse(other).success, official[name].safeParse(other).success, name);
    assert.equal(schema.safeParse(other).success, false, name);
    checked++;
  }
  assert.ok(checked > 30);
  for (const name of ["ListToolsRequestSchema", "PingRequestSchema", "InitializedNotificationSchema", "ListPromptsRequestSchema"]) {
    const message = { jsonrpc: "2.0", id: 1, method: ours[name].shape.method.value };
    assert.equal(ours[name].safeParse(message).success, true, name);
    assert.equal(official[name].safeParse(message).success, true, name);
  }
});

test("a notification naming its request (relatedRequestId) goes on that request's stream", async () => {
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
  const run = async (url) => {
    const client = new Client({ name: "t", version: "1" });
    await client.connect(new StreamableHTTPClientTransport(url));
    const progress = [];
    // The server opens no GET stream: what is not on the POST's stream is lost.
    const result = await client.callTool({ name: "steps", arguments: {} }, undefined, { onprogress: (p) => progress.push(p) });
    await client.close();
    return { progress, result };
  };
  const ours = await withHttp(onFerromcp("idioms-http.mjs"), ["--stateful"], run);
  const theirs = await withHttp(onOfficial("idioms-http.mjs"), ["--stateful"], run);
  assert.deepEqual(ours.progress, [{ progress: 1, total: 2 }, { progress: 2, total: 2 }]);
  assert.deepEqual(ours, theirs);
});

// The utility names of `@modelcontextprotocol/server` 2.4, called with the same inputs on
// ferromcp and on the official package: the spec-type validators, JSON-RPC parsing, the
// request body reader, the fetch wrapper and the display name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as official from "@modelcontextprotocol/server";
import * as ours from "ferromcp";

/** What a call did: its value, or the error's name and message (and Zod's issues). */
async function attempt(f) {
  try {
    return { value: await f() };
  } catch (e) {
    return { error: `${e?.name}: ${e?.message}`, ...(Array.isArray(e?.issues) && { issues: e.issues }) };
  }
}

const SAMPLES = [
  undefined,
  null,
  0,
  "text",
  [],
  {},
  { content: [] },
  { content: [{ type: "text", text: "hi" }] },
  { content: [{ type: "text", text: "hi" }], isError: true, structuredContent: { a: 1 } },
  { content: [{ type: "image", data: "AAAA", mimeType: "image/png" }] },
  { content: [{ type: "text" }] },
  { content: "nope" },
  { type: "text", text: "t" },
  { type: "resource_link", uri: "file:///x", name: "x" },
  { name: "echo", inputSchema: { type: "object" } },
  { name: "echo", inputSchema: { type: "string" } },
  { name: "n", title: "T", annotations: { title: "A" } },
  { uri: "file:///a", name: "a", mimeType: "text/plain" },
  { jsonrpc: "2.0", id: 1, method: "tools/list" },
  { jsonrpc: "2.0", id: "a", method: "tools/call", params: { name: "echo", arguments: { x: 1 } } },
  { jsonrpc: "2.0", method: "notifications/initialized" },
  { jsonrpc: "2.0", id: 1, result: {} },
  { jsonrpc: "2.0", id: 1, error: { code: -32601, message: "nope" } },
  { jsonrpc: "1.0", id: 1, method: "x" },
  { jsonrpc: "2.0", id: 1.5, method: "x" },
  { jsonrpc: "2.0", id: null, error: { code: -32700, message: "parse" } },
  { resultType: "input_required", inputRequests: {} },
  { issuer: "https://as.example", authorization_endpoint: "https://as.example/a", token_endpoint: "https://as.example/t", response_types_supported: ["code"] },
  { access_token: "a", token_type: "Bearer" },
  { resource: "https://api.example/mcp" },
];

test("specTypeSchemas and isSpecType cover 2.4's types and judge as 2.4 does", async () => {
  assert.deepEqual(Object.keys(ours.specTypeSchemas), Object.keys(official.specTypeSchemas));
  assert.deepEqual(Object.keys(ours.isSpecType), Object.keys(official.isSpecType));
  assert.ok(Object.isFrozen(ours.specTypeSchemas) && Object.isFrozen(ours.isSpecType));
  for (const name of Object.keys(official.isSpecType)) {
    for (const value of SAMPLES) {
      assert.equal(ours.isSpecType[name](value), official.isSpecType[name](value), `${name} ${JSON.stringify(value)}`);
      const validate = (lib) => lib.specTypeSchemas[name]["~standard"].validate(value);
      assert.deepEqual(await validate(ours), await validate(official), `${name} ${JSON.stringify(value)}`);
    }
  }
  // Each guard stands alone, as a callback.
  assert.deepEqual(SAMPLES.filter(ours.isSpecType.ContentBlock), SAMPLES.filter(official.isSpecType.ContentBlock));
});

test("parseJSONRPCMessage and isCallToolResult answer as 2.4's", async () => {
  for (const value of SAMPLES) {
    assert.deepEqual(await attempt(() => ours.parseJSONRPCMessage(value)), await attempt(() => official.parseJSONRPCMessage(value)), JSON.stringify(value));
    assert.equal(ours.isCallToolResult(value), official.isCallToolResult(value), JSON.stringify(value));
  }
  assert.equal(ours.preloadSchemas(), official.preloadSchemas());
  assert.equal(ours.preloadSchemas(), undefined);
});

test("the spec's schemas are loaded on first use, not when ferromcp is imported", () => {
  const probe = `
    const Module = require("node:module");
    const load = Module._load;
    let loaded = false;
    Module._load = function (request, ...rest) {
      if (request === "@modelcontextprotocol/core") loaded = true;
      return load.call(this, request, ...rest);
    };
    const m = require("ferromcp");
    const before = loaded;
    m.isSpecType.Tool({});
    console.log(JSON.stringify([before, loaded]));
  `;
  const r = spawnSync(process.execPath, ["-e", probe], { encoding: "utf8", timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [false, true]);
});

test("readRequestBody reads and refuses as 2.4's", async () => {
  const bodies = [
    () => new Request("http://x/", { method: "GET" }),
    () => new Request("http://x/", { method: "POST", body: "" }),
    () => new Request("http://x/", { method: "POST", body: '{"a":1}' }),
    () => new Request("http://x/", { method: "POST", body: "é".repeat(10) }),
    () => new Request("http://x/", { method: "POST", body: "x".repeat(100), headers: { "content-length": "100" } }),
    () => new Request("http://x/", { method: "POST", body: "x".repeat(10), headers: { "content-length": "999" } }),
    () => new Request("http://x/", { method: "POST", body: "x".repeat(10), headers: { "content-length": "junk" } }),
    () => {
      // A body streamed in chunks, split inside a multi-byte character.
      const bytes = new TextEncoder().encode("ab€cd".repeat(20));
      const stream = new ReadableStream({
        start(c) {
          for (let i = 0; i < bytes.length; i += 7) {
            c.enqueue(bytes.slice(i, i + 7));
          }
          c.close();
        },
      });
      return new Request("http://x/", { method: "POST", body: stream, duplex: "half" });
    },
  ];
  for (const make of bodies) {
    for (const max of [undefined, 1, 50, 1000]) {
      const read = (lib) => attempt(() => lib.readRequestBody(make(), max));
      assert.deepEqual(await read(ours), await read(official), `${make} ${max}`);
    }
  }
});

test("createFetchWithInit and getDisplayName are 2.4's", async () => {
  const calls = (lib) => {
    const seen = [];
    const base = async (url, init) => {
      seen.push([String(url), init === undefined ? init : { ...init, headers: init.headers instanceof Headers ? Object.fromEntries(init.headers) : init.headers }]);
      return new Response("ok");
    };
    return { seen, base, lib };
  };
  const inits = [undefined, { credentials: "include" }, { headers: { a: "1", b: "2" }, mode: "cors" }, { headers: new Headers({ a: "h" }) }, { headers: [["a", "p"]] }];
  const callInits = [undefined, {}, { method: "POST" }, { headers: { b: "3" } }, { headers: new Headers({ c: "4" }), method: "PUT" }];
  for (const baseInit of inits) {
    const runs = [calls(ours), calls(official)];
    for (const run of runs) {
      const f = run.lib.createFetchWithInit(run.base, baseInit);
      assert.equal(f === run.base, baseInit === undefined);
      for (const init of callInits) {
        await f("https://x.example/", init);
      }
    }
    assert.deepEqual(runs[0].seen, runs[1].seen, JSON.stringify(baseInit));
  }
  assert.equal(ours.createFetchWithInit(), official.createFetchWithInit());
  const metas = [{ name: "n" }, { name: "n", title: "" }, { name: "n", title: "T" }, { name: "n", annotations: { title: "A" } }, { name: "n", title: "", annotations: { title: "" } }, { name: "n", annotations: null }];
  for (const m of metas) {
    assert.equal(ours.getDisplayName(m), official.getDisplayName(m), JSON.stringify(m));
  }
});

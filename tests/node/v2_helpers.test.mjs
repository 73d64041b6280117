// The 2026-07-28 helpers of `@modelcontextprotocol/server` 2.4 that are plain functions, called
// with the same inputs on ferromcp and on the official package: the input-required builders and
// readers, the request-state codec, the era classification, and the Host/Origin checks.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as official from "@modelcontextprotocol/server";
import * as ours from "ferromcp";
import * as z from "zod";

const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientCapabilities": {},
};

test("inputRequired, acceptedContent and inputResponse build and read what 2.4 does", () => {
  for (const lib of [ours, official]) {
    assert.throws(() => lib.inputRequired({}), TypeError);
  }
  const build = (lib) => [
    lib.inputRequired({ requestState: "s" }),
    lib.inputRequired({
      inputRequests: {
        a: lib.inputRequired.elicit({ message: "m", requestedSchema: { type: "object", properties: { x: { type: "string" } } } }),
        b: lib.inputRequired.elicit({ message: "m", requestedSchema: z.object({ ok: z.boolean(), n: z.number().optional() }) }),
        c: lib.inputRequired.elicitUrl({ message: "go", url: "https://example.com/x" }),
        d: lib.inputRequired.createMessage({ messages: [], maxTokens: 5 }),
        e: lib.inputRequired.listRoots(),
      },
    }),
  ];
  assert.deepEqual(build(ours), build(official));
  const responses = {
    yes: { action: "accept", content: { ok: true } },
    no: { action: "decline" },
    roots: { roots: [{ uri: "file:///" }] },
    sampled: { role: "assistant", content: { type: "text", text: "t" }, model: "m" },
    odd: 12,
  };
  const read = (lib) =>
    ["yes", "no", "roots", "sampled", "odd", "absent"].map((k) => [
      lib.inputResponse(responses, k),
      lib.acceptedContent(responses, k),
      lib.acceptedContent(responses, k, z.object({ ok: z.boolean() })),
      lib.acceptedContent(responses, k, z.object({ ok: z.string() })),
      lib.isInputRequiredResult(responses[k]),
    ]);
  assert.deepEqual(read(ours), read(official));
  assert.deepEqual(ours.inputResponse(null, "x"), official.inputResponse(null, "x"));
});

test("a request-state codec's tokens verify with either package's codec of the same key", async () => {
  const key = "k".repeat(32);
  const mine = ours.createRequestStateCodec({ key });
  const theirs = official.createRequestStateCodec({ key });
  assert.deepEqual(await theirs.verify(await mine.mint({ a: 1 })), { a: 1 });
  assert.deepEqual(await mine.verify(await theirs.mint({ b: [2] })), { b: [2] });
  const token = await mine.mint("x");
  for (const codec of [mine, theirs]) {
    await assert.rejects(codec.verify(`${token}x`));
    await assert.rejects(codec.verify("v1.nonsense"));
  }
  assert.throws(() => ours.createRequestStateCodec({ key: "short" }), RangeError);
  const bound = ours.createRequestStateCodec({ key, bind: (ctx) => ctx.user });
  const t = await bound.mint(1, { user: "ada" });
  assert.equal(await bound.verify(t, { user: "ada" }), 1);
  await assert.rejects(bound.verify(t, { user: "bob" }));
});

test("classifyInboundRequest and isLegacyRequest route as 2.4 does", async () => {
  const rpc = (method, params, id = 1) => ({ jsonrpc: "2.0", id, method, ...(params && { params }) });
  const cases = [
    { httpMethod: "GET" },
    { httpMethod: "POST", body: rpc("initialize", { protocolVersion: "2025-11-25" }) },
    { httpMethod: "POST", body: rpc("initialize", { _meta: ENVELOPE }), protocolVersionHeader: "2026-07-28" },
    { httpMethod: "POST", body: rpc("initialize", {}), protocolVersionHeader: "2026-07-28" },
    { httpMethod: "POST", body: rpc("tools/list", {}) },
    { httpMethod: "POST", body: rpc("tools/list", {}), protocolVersionHeader: "2025-11-25" },
    { httpMethod: "POST", body: rpc("tools/list", { _meta: ENVELOPE }), protocolVersionHeader: "2026-07-28", mcpMethodHeader: "tools/list" },
    { httpMethod: "POST", body: rpc("tools/list", { _meta: ENVELOPE }), protocolVersionHeader: "2026-07-28", mcpMethodHeader: "prompts/list" },
    { httpMethod: "POST", body: rpc("tools/list", { _meta: ENVELOPE }), protocolVersionHeader: "v9" },
    { httpMethod: "POST", body: rpc("tools/list", { _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28" } }) },
    { httpMethod: "POST", body: rpc("tools/list", {}), protocolVersionHeader: "2026-07-28" },
    { httpMethod: "POST", body: { jsonrpc: "2.0", method: "notifications/initialized" } },
    { httpMethod: "POST", body: { jsonrpc: "2.0", id: 3, result: {} } },
    { httpMethod: "POST", body: [rpc("ping")] },
    { httpMethod: "POST", body: [] },
    { httpMethod: "POST", body: { hello: 1 } },
  ];
  const shape = (o) => ({ kind: o.kind, reason: o.reason, httpStatus: o.httpStatus, code: o.code, classification: o.classification });
  for (const c of cases) {
    assert.deepEqual(shape(ours.classifyInboundRequest(c)), shape(official.classifyInboundRequest(c)), JSON.stringify(c));
  }
  const post = (body, headers = {}) =>
    new Request("http://127.0.0.1/mcp", { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const requests = [
    () => post(JSON.stringify(rpc("initialize", { protocolVersion: "2025-11-25" }))),
    () => post(JSON.stringify(rpc("tools/list", { _meta: ENVELOPE })), { "mcp-protocol-version": "2026-07-28" }),
    () => post("not json"),
    () => new Request("http://127.0.0.1/mcp"),
  ];
  for (const make of requests) {
    assert.equal(await ours.isLegacyRequest(make()), await official.isLegacyRequest(make()));
  }
});

test("Host and Origin checks answer as 2.4's", async () => {
  const hosts = [undefined, "", "localhost:3000", "127.0.0.1", "[::1]:8080", "evil.example.com", "bad host"];
  const origins = [undefined, "", "null", "http://localhost:3000", "https://evil.example.com", "moz-extension://abc", "chrome-extension://id"];
  for (const h of hosts) {
    assert.deepEqual(ours.validateHostHeader(h, ours.localhostAllowedHostnames()), official.validateHostHeader(h, official.localhostAllowedHostnames()));
  }
  const allowed = [...ours.localhostAllowedOrigins(), "moz-extension://*"];
  for (const o of origins) {
    assert.deepEqual(ours.validateOriginHeader(o, allowed), official.validateOriginHeader(o, allowed));
  }
  const evil = () => new Request("http://evil.example.com/mcp", { headers: { origin: "http://evil.example.com" } });
  for (const [mine, theirs] of [
    [ours.hostHeaderValidationResponse(evil(), ["localhost"]), official.hostHeaderValidationResponse(evil(), ["localhost"])],
    [ours.originValidationResponse(evil(), ["localhost"]), official.originValidationResponse(evil(), ["localhost"])],
  ]) {
    assert.equal(mine.status, theirs.status);
    assert.deepEqual(await mine.json(), await theirs.json());
  }
  for (const t of ["application/json", "application/json; charset=utf-8", "text/plain", undefined, "Application/JSON"]) {
    assert.equal(ours.isJsonContentType(t), official.isJsonContentType(t), String(t));
  }
});

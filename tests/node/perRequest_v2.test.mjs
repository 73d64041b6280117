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

/** A Standard Schema that counts its conversions to JSON Schema (`tally[key]`). */
function counting(schema, tally, key) {
  const std = schema["~standard"];
  const count = (io) => (options) => {
    tally[key] += 1;
    return std.jsonSchema[io](options);
  };
  return {
    "~standard": { version: 1, vendor: "counting", validate: (v) => std.validate(v), jsonSchema: { input: count("input"), output: count("output") } },
  };
}

test("createMcpHandler: a 2026-07-28 call converts its tool's input schema alone for its parameter headers, as 2.4 does", async () => {
  const run = async (sdk) => {
    const tally = { input: 0, output: 0 };
    const input = counting(z.object({ region: z.string().meta({ "x-mcp-header": "Region" }) }), tally, "input");
    const output = counting(z.object({ where: z.string() }), tally, "output");
    const handler = sdk.createMcpHandler(() => {
      const mcp = new sdk.McpServer({ name: "headers", version: "1.0.0" });
      mcp.registerTool("deploy", { inputSchema: input, outputSchema: output }, async ({ region }) => ({
        content: [{ type: "text", text: region }],
        structuredContent: { where: region },
      }));
      return mcp;
    });
    const post = async (id, method, params, extra = {}) => {
      const headers = {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-protocol-version": VERSION,
        "mcp-method": method,
        ...(params.name !== undefined && { "mcp-name": params.name }),
        ...extra,
      };
      const body = JSON.stringify(call(id, method, params));
      return seen(await handler.fetch(new Request("http://in.process/mcp", { method: "POST", headers, body })));
    };
    const out = {};
    out.call = await post(1, "tools/call", { name: "deploy", arguments: { region: "eu" } }, { "mcp-param-region": "eu" });
    out.missing = await post(2, "tools/call", { name: "deploy", arguments: { region: "eu" } });
    out.afterCalls = { ...tally };
    out.list = await post(3, "tools/list", {});
    out.afterList = { ...tally };
    await handler.close?.();
    return out;
  };
  const theirs = await run(official);
  const mine = await run(ours);
  for (const k of ["call", "missing", "list"]) {
    assert.deepEqual(mine[k], theirs[k], k);
  }
  assert.equal(mine.call.status, 200);
  assert.equal(mine.afterCalls.output, 0, "no output schema converted for a call");
  assert.ok(mine.afterCalls.input > 0, "the input schema was converted to check the headers");
});

test("createMcpHandler: 2026-07-28 routing and parameter headers that disagree with the body are refused and reported as 2.4 does", async () => {
  const run = async (sdk) => {
    const errors = [];
    const handler = sdk.createMcpHandler(
      () => {
        const mcp = new sdk.McpServer({ name: "headers", version: "1.0.0" });
        const inputSchema = z.object({
          region: z.string().meta({ "x-mcp-header": "Region" }),
          n: z.number().int().meta({ "x-mcp-header": "N" }).optional(),
          target: z.object({ zone: z.string().meta({ "x-mcp-header": "Zone" }) }).optional(),
        });
        mcp.registerTool("deploy", { inputSchema }, async ({ region }) => ({ content: [{ type: "text", text: region }] }));
        return mcp;
      },
      { onerror: (e) => errors.push(e.message) },
    );
    const post = async (method, params, headers) => {
      const h = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": VERSION, "mcp-method": method, ...headers };
      const body = JSON.stringify(call(1, method, params));
      return seen(await handler.fetch(new Request("http://in.process/mcp", { method: "POST", headers: h, body })));
    };
    const deploy = (args, headers) => post("tools/call", { name: "deploy", arguments: args }, { "mcp-name": "deploy", ...headers });
    const out = {
      methodMismatch: await deploy({ region: "eu" }, { "mcp-method": "tools/list", "mcp-param-region": "eu" }),
      nameMismatch: await deploy({ region: "eu" }, { "mcp-name": "other", "mcp-param-region": "eu" }),
      nameMissing: await post("tools/call", { name: "deploy", arguments: { region: "eu" } }, { "mcp-param-region": "eu" }),
      nameBase64: await deploy({ region: "eu" }, { "mcp-name": "=?base64?ZGVwbG95?=", "mcp-param-region": "eu" }),
      paramMissing: await deploy({ region: "eu" }, {}),
      paramWrong: await deploy({ region: "eu" }, { "mcp-param-region": "us" }),
      paramWithoutArgument: await deploy({ region: "eu" }, { "mcp-param-region": "eu", "mcp-param-n": "3" }),
      paramNumber: await deploy({ region: "eu", n: 3 }, { "mcp-param-region": "eu", "mcp-param-n": "3.0" }),
      paramNumberWrong: await deploy({ region: "eu", n: 3 }, { "mcp-param-region": "eu", "mcp-param-n": "4" }),
      paramNested: await deploy({ region: "eu", target: { zone: "a" } }, { "mcp-param-region": "eu" }),
      paramNestedSent: await deploy({ region: "eu", target: { zone: "a" } }, { "mcp-param-region": "eu", "mcp-param-zone": "a" }),
      paramBase64: await deploy({ region: "eu" }, { "mcp-param-region": "=?base64?ZXU=?=" }),
      paramNotCanonical: await deploy({ region: "eu" }, { "mcp-param-region": "=?base64?ZXU?=" }),
      paramBadBase64: await deploy({ region: "eu" }, { "mcp-param-region": "=?base64?!!?=" }),
      versionMismatch: await post("tools/list", {}, { "mcp-protocol-version": "2025-11-25" }),
      versionHeaderMissing: await post("tools/list", {}, { "mcp-protocol-version": "" }),
      methodHeaderMissing: await post("tools/list", {}, { "mcp-method": "" }),
    };
    // The envelope and the revision, refused before any header is compared.
    const raw = async (meta, headers = {}) => {
      const h = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": VERSION, "mcp-method": "tools/list", ...headers };
      const body = JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/list", params: meta === undefined ? {} : { _meta: meta } });
      return seen(await handler.fetch(new Request("http://in.process/mcp", { method: "POST", headers: h, body })));
    };
    out.envelopeWithoutCapabilities = await raw({ "io.modelcontextprotocol/protocolVersion": VERSION });
    out.noEnvelope = await raw(undefined);
    out.unsupportedRevision = await raw({ ...META, "io.modelcontextprotocol/protocolVersion": "2099-01-01" }, { "mcp-protocol-version": "2099-01-01" });
    out.errors = errors;
    await handler.close?.();
    return out;
  };
  const theirs = await run(official);
  const mine = await run(ours);
  assert.deepEqual(mine, theirs);
  assert.equal(mine.paramWrong.status, 400);
  assert.equal(mine.paramNumber.status, 200);
});

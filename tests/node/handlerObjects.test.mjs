// What a handler is handed, as the SDKs hand it: the 1.x `extra` and the 2.x `ctx.mcpReq`
// spread into copies that keep `signal`, and a registered tool's `callback` (its handler by the
// older name). ferromcp makes these properties on first read with getters shared by every
// request (bindings-node/lib/shared/lazy.js); here they are read as authors read them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport as OfficialInMemory } from "@modelcontextprotocol/sdk/inMemory.js";
import { McpServer as OfficialMcpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { InMemoryTransport } from "ferromcp/inMemory.js";
import { McpServer } from "ferromcp/server/mcp.js";
import ferromcp from "ferromcp";

const { McpServer: McpServerV2 } = ferromcp;
import { z } from "zod";

/** What a tool sees of its `extra`, as plain data. */
function describeExtra(extra) {
  const copy = { ...extra };
  const d = Object.getOwnPropertyDescriptor(extra, "signal");
  return {
    signalOwnEnumerable: d !== undefined && d.enumerable,
    signalInCopy: copy.signal instanceof AbortSignal,
    sameSignal: copy.signal === extra.signal,
    aborted: extra.signal.aborted,
    keysHaveSignal: Object.keys(extra).includes("signal"),
    requestId: typeof extra.requestId,
    sendNotification: typeof copy.sendNotification,
  };
}

/** Calls the server's `look` tool once, with the official client over an in-memory pair. */
async function callLook(server, InMemory) {
  const [a, b] = InMemory.createLinkedPair();
  await server.connect(b);
  const client = new Client({ name: "t", version: "1" });
  await client.connect(a);
  await client.callTool({ name: "look", arguments: { n: 1 } });
  await client.close();
}

async function seen(McpServerClass, InMemory) {
  const server = new McpServerClass({ name: "objects", version: "1.0.0" });
  let got;
  server.registerTool("look", { inputSchema: { n: z.number() } }, async ({ n }, extra) => {
    got = describeExtra(extra);
    return { content: [{ type: "text", text: String(n) }] };
  });
  await callLook(server, InMemory);
  return got;
}

test("a tool's extra spreads with its signal, as on the official SDK", async () => {
  const ours = await seen(McpServer, InMemoryTransport);
  const theirs = await seen(OfficialMcpServer, OfficialInMemory);
  assert.deepEqual(ours, theirs);
  assert.equal(ours.signalInCopy, true);
});

test("a registered tool's callback reads and replaces its handler", async () => {
  const server = new McpServer({ name: "objects", version: "1.0.0" });
  const first = async () => ({ content: [{ type: "text", text: "first" }] });
  const second = async () => ({ content: [{ type: "text", text: "second" }] });
  const tool = server.registerTool("swap", {}, first);
  assert.equal(tool.callback, first);
  tool.callback = second;
  assert.equal(tool.handler, second);
  assert.equal(Object.keys(tool).includes("callback"), false, "not enumerable, as before");
  const other = server.registerTool("other", {}, first);
  assert.equal(other.callback, first, "each tool its own");
  assert.equal(tool.callback, second);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(b);
  const client = new Client({ name: "t", version: "1" });
  await client.connect(a);
  assert.equal((await client.callTool({ name: "swap" })).content[0].text, "second");
  await client.close();
});

async function seenV2({ McpServer: Server, InMemoryTransport: InMemory }) {
  const server = new Server({ name: "objects", version: "1.0.0" });
  let got;
  server.registerTool("look", { inputSchema: z.object({ n: z.number() }) }, async ({ n }, ctx) => {
    const copy = { ...ctx.mcpReq };
    got = {
      keys: Object.keys(ctx.mcpReq),
      signal: copy.signal instanceof AbortSignal && copy.signal === ctx.mcpReq.signal,
      enumerable: Object.getOwnPropertyDescriptor(ctx.mcpReq, "signal").enumerable,
    };
    return { content: [{ type: "text", text: String(n) }] };
  });
  await callLook(server, InMemory);
  return got;
}

test("a 2.x handler's ctx.mcpReq spreads with its signal, its keys as 2.4's", async () => {
  const ours = await seenV2(ferromcp);
  const theirs = await seenV2(await import("@modelcontextprotocol/server"));
  assert.deepEqual(ours, theirs);
  assert.equal(ours.signal, true);
});

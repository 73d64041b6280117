// The guards as a Node server sets them (`new McpServer(info, { ferromcp: { … } })`), driven by
// the official client in process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { McpServer } from "ferromcp/server/mcp.js";
import { InMemoryTransport } from "ferromcp/inMemory.js";
import { outcome } from "./harness.mjs";

async function connected(ferromcp) {
  const server = new McpServer({ name: "guarded", version: "1.0.0" }, { ferromcp });
  server.registerTool("nap", {}, async (extra) => {
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 2000);
      extra.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return { content: [{ type: "text", text: "rested" }] };
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: "ferromcp-tests", version: "1.0.0" });
  await client.connect(clientSide);
  return { server, client };
}

test("toolTimeout cancels a tool and answers -32001; the listing shows it only when asked", async () => {
  const { server, client } = await connected({ toolTimeout: 0.05, toolTimeoutInListing: true });
  const listed = await client.listTools();
  assert.equal(listed.tools[0]._meta["io.ferromcp/timeoutMs"], 50);
  const r = await outcome(client.callTool({ name: "nap", arguments: {} }));
  assert.equal(r.error.code, -32001);
  assert.match(r.error.message, /Tool nap timed out after 50 ms/);
  await client.close();
  await server.close();
});

test("rateLimit refuses a session's requests beyond its burst with -32011", async () => {
  const { server, client } = await connected({ rateLimit: 0.1, rateBurst: 1 });
  const first = await outcome(client.listTools());
  assert.equal(first.result.tools[0]._meta?.["io.ferromcp/timeoutMs"], undefined);
  const r = await outcome(client.listTools());
  assert.equal(r.error.code, -32011);
  await client.close();
  await server.close();
});

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

test("behind bearer auth, rateLimit counts a client's requests across its sessions", async () => {
  const { createServer } = await import("node:http");
  const { randomUUID } = await import("node:crypto");
  const { StreamableHTTPServerTransport } = await import("ferromcp/server/streamableHttp.js");
  const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
  const transports = {};
  const http = createServer(async (req, res) => {
    // What `requireBearerAuth` leaves on the request: the verified token's info.
    const who = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    req.auth = { token: who, clientId: "app", scopes: [], expiresAt: Date.now() / 1000 + 60, extra: { sub: who } };
    const sid = req.headers["mcp-session-id"];
    let transport = sid ? transports[sid] : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          transports[id] = transport;
        },
      });
      const server = new McpServer({ name: "guarded", version: "1.0.0" }, { ferromcp: { rateLimit: 0.001, rateBurst: 2 } });
      server.registerTool("hi", {}, async () => ({ content: [{ type: "text", text: "hi" }] }));
      await server.connect(transport);
    }
    await transport.handleRequest(req, res);
  });
  await new Promise((r) => http.listen(0, "127.0.0.1", r));
  const url = new URL(`http://127.0.0.1:${http.address().port}/mcp`);
  const open = async (who) => {
    const client = new Client({ name: "ferromcp-tests", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: `Bearer ${who}` } } }));
    return client;
  };
  try {
    const [a1, a2, bob] = [await open("alice"), await open("alice"), await open("bob")];
    assert.ok((await outcome(a1.listTools())).result);
    assert.ok((await outcome(a2.listTools())).result);
    // Alice's third request, on either session, is beyond her rate; Bob has his own bucket.
    assert.equal((await outcome(a1.listTools())).error.code, -32011);
    assert.ok((await outcome(bob.listTools())).result);
    for (const c of [a1, a2, bob]) {
      await c.close();
    }
  } finally {
    for (const t of Object.values(transports)) {
      await t.close();
    }
    http.close();
  }
});

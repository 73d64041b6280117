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

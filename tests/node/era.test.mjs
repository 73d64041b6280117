// The 2026-07-28 revision served by ferromcp's v2 entries: one server file
// (tests/node/servers/era-server.mjs) run on ferromcp and on the official
// `@modelcontextprotocol/server` 2.4, driven by the official v2 client
// (`@modelcontextprotocol/client` 2.4, pinned to 2026-07-28) over stdio (`serveStdio`) and over
// HTTP on 127.0.0.1 (`createMcpHandler`): `server/discover`, `tools/call`, an input-required
// round trip with signed requestState (the client answers the elicitation), a prompt asking for
// input, and a `subscriptions/listen` that hears a tools/list_changed. Also: `legacy: 'reject'`
// refuses the 2025 handshake, and a hand-connected transport keeps to the handshake era.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { onFerromcpV2, onOfficial, outcome, within, withHttp } from "./harness.mjs";

const SERVER = "era-server.mjs";

function modernClient(mode = { pin: "2026-07-28" }) {
  const client = new Client(
    { name: "ferromcp-tests", version: "1.0.0" },
    { capabilities: { elicitation: {} }, versionNegotiation: { mode } },
  );
  const asked = [];
  client.setRequestHandler("elicitation/create", async (request) => {
    asked.push(request.params.message);
    const wants = Object.keys(request.params.requestedSchema?.properties ?? {});
    return { action: "accept", content: wants.includes("ok") ? { ok: true } : { text: "the tests" } };
  });
  return { client, asked };
}

/** Everything the client sees of the server, call by call. */
async function transcript(client, asked) {
  const out = {
    era: client.getProtocolEra(),
    version: client.getNegotiatedProtocolVersion(),
    server: client.getServerVersion(),
    capabilities: client.getServerCapabilities(),
    tools: (await client.listTools()).tools.map((t) => t.name),
    echo: await outcome(client.callTool({ name: "echo", arguments: { text: "hi" } })),
    deploy: await outcome(client.callTool({ name: "deploy", arguments: { env: "prod" } })),
    brief: await outcome(client.getPrompt({ name: "brief" })),
    unknown: await outcome(client.callTool({ name: "nope", arguments: {} })),
    push: await outcome(client.callTool({ name: "push", arguments: {} })),
  };
  out.asked = [...asked];
  let heard;
  const changed = new Promise((resolve) => {
    heard = resolve;
  });
  client.setNotificationHandler("notifications/tools/list_changed", (n) => heard(n.method));
  const subscription = await within(client.listen({ toolsListChanged: true }), "listen acknowledgement");
  out.honored = subscription.honoredFilter;
  out.change = await outcome(client.callTool({ name: "change", arguments: {} }));
  out.heard = await within(changed, "tools/list_changed on the listen");
  await subscription.close();
  return out;
}

async function overStdio(file, flags = [], mode) {
  const { client, asked } = modernClient(mode);
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [file, ...flags], stderr: "pipe" }));
  try {
    return await transcript(client, asked);
  } finally {
    await client.close();
  }
}

async function overHttp(file, flags = []) {
  return withHttp(file, flags, async (url) => {
    const { client, asked } = modernClient();
    await client.connect(new StreamableHTTPClientTransport(url));
    try {
      return await transcript(client, asked);
    } finally {
      await client.close();
    }
  });
}

/** What a 2025-era client's `initialize` gets, posted as it posts it. */
async function postInitialize(url) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "old", version: "1" } },
    }),
  });
  return { status: response.status, body: await response.json() };
}

function checkModern(out) {
  assert.equal(out.era, "modern");
  assert.equal(out.version, "2026-07-28");
  assert.deepEqual(out.server, { name: "era-server", version: "3.0.0" });
  assert.equal(out.echo.result.content[0].text, "hi (modern)");
  assert.equal(out.deploy.result.content[0].text, "deployed to prod");
  assert.equal(out.brief.result.messages[0].content.text, "context: the tests");
  assert.deepEqual(out.asked, ["Deploy to prod?", "Which context?"]);
  assert.equal(out.unknown.error.code, -32602);
  assert.deepEqual(out.honored, { toolsListChanged: true });
  assert.equal(out.heard, "notifications/tools/list_changed");
}

test("2026-07-28 over stdio (serveStdio): discover, tools, input-required round trips and a listen, as on @modelcontextprotocol/server 2.4", async () => {
  const ours = await overStdio(onFerromcpV2(SERVER));
  const theirs = await overStdio(onOfficial(SERVER));
  checkModern(ours);
  assert.deepEqual(ours, theirs);
});

test("2026-07-28 over HTTP (createMcpHandler): the same answers on ferromcp and on the official package", async () => {
  const ours = await overHttp(onFerromcpV2(SERVER));
  const theirs = await overHttp(onOfficial(SERVER));
  checkModern(ours);
  assert.deepEqual(ours, theirs);
});

test("legacy: 'reject' over HTTP refuses the 2025 handshake with -32022 naming 2026-07-28, and serves 2026-07-28", async () => {
  const run = (file) =>
    withHttp(file, ["--reject"], async (url) => {
      const initialize = await postInitialize(url);
      const get = await fetch(url, { headers: { accept: "text/event-stream" } });
      const { client, asked } = modernClient();
      await client.connect(new StreamableHTTPClientTransport(url));
      try {
        const deploy = await outcome(client.callTool({ name: "deploy", arguments: { env: "qa" } }));
        return { initialize, get: get.status, deploy, asked };
      } finally {
        await client.close();
      }
    });
  const ours = await run(onFerromcpV2(SERVER));
  const theirs = await run(onOfficial(SERVER));
  assert.equal(ours.initialize.status, 400);
  assert.equal(ours.initialize.body.error.code, -32022);
  assert.deepEqual(ours.initialize.body.error.data.supported, ["2026-07-28"]);
  assert.equal(ours.get, 405);
  assert.equal(ours.deploy.result.content[0].text, "deployed to qa");
  assert.deepEqual(ours, theirs);
});

test("legacy: 'reject' over stdio refuses a 2025 client's initialize; the default serves it", async () => {
  const old = async (file, flags) => {
    const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities: {} });
    const connected = await outcome(
      within(client.connect(new StdioClientTransport({ command: process.execPath, args: [file, ...flags], stderr: "pipe" })), "connect"),
    );
    const era = client.getProtocolEra();
    await client.close();
    return { error: connected.error?.code, era };
  };
  for (const file of [onFerromcpV2(SERVER), onOfficial(SERVER)]) {
    assert.deepEqual(await old(file, ["--reject"]), { error: -32022, era: undefined }, file);
    assert.deepEqual(await old(file, []), { error: undefined, era: "legacy" }, file);
  }
});

test("a hand-connected StdioServerTransport serves the handshake era: an auto-negotiating client falls back to initialize", async () => {
  const run = async (file) => {
    const { client } = modernClient("auto");
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [file, "--connect"], stderr: "pipe" }));
    try {
      return {
        era: client.getProtocolEra(),
        echo: await outcome(client.callTool({ name: "echo", arguments: { text: "hi" } })),
        // The server's own requests: allowed in this era, each checked against the client's capabilities.
        push: await outcome(client.callTool({ name: "push", arguments: {} })),
      };
    } finally {
      await client.close();
    }
  };
  const ours = await run(onFerromcpV2(SERVER));
  assert.equal(ours.era, "legacy");
  assert.equal(ours.echo.result.content[0].text, "hi (connected)");
  assert.deepEqual(ours, await run(onOfficial(SERVER)));
});

test("a 2025-era client calling a tool that answers input_required is asked with a real elicitation, as 2.x's legacy shim asks", async () => {
  const run = async (file) => {
    const { client, asked } = modernClient("legacy");
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [file], stderr: "pipe" }));
    try {
      const deploy = await outcome(client.callTool({ name: "deploy", arguments: { env: "dev" } }));
      return { era: client.getProtocolEra(), deploy, asked };
    } finally {
      await client.close();
    }
  };
  const ours = await run(onFerromcpV2(SERVER));
  assert.equal(ours.era, "legacy");
  assert.equal(ours.deploy.result.content[0].text, "deployed to dev");
  assert.deepEqual(ours.asked, ["Deploy to dev?"]);
  assert.deepEqual(ours, await run(onOfficial(SERVER)));
});

test("a retried call whose requestState was altered is refused before the handler runs (-32602 invalid_request_state); handlers see requests without the envelope and retry fields", async () => {
  const run = (file) =>
    withHttp(file, [], async (url) => {
      const meta = {
        "io.modelcontextprotocol/protocolVersion": "2026-07-28",
        "io.modelcontextprotocol/clientCapabilities": { elicitation: {} },
      };
      const call = async (id, extra, name = "deploy") => {
        const params = { name, arguments: name === "deploy" ? { env: "prod" } : {}, _meta: meta, ...extra };
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            "mcp-protocol-version": "2026-07-28",
            "mcp-method": "tools/call",
            "mcp-name": name,
          },
          body: JSON.stringify({ jsonrpc: "2.0", id, method: "tools/call", params }),
        });
        return response.json();
      };
      const first = await call(1);
      const answers = { confirm: { action: "accept", content: { ok: true } } };
      const tampered = await call(2, { inputResponses: answers, requestState: `${first.result.requestState}x` });
      const retried = await call(3, { inputResponses: answers, requestState: first.result.requestState });
      // What a handler sees: the envelope and the retry's fields lifted out of its request.
      const seen = await call(4, {
        _meta: { ...meta, progressToken: 7 },
        inputResponses: { bare: { action: "decline" }, wrapped: { method: "elicitation/create", result: {} } },
      }, "context");
      return {
        first: first.result.resultType,
        tampered: tampered.error,
        retried: retried.result.content,
        seen: JSON.parse(seen.result.content[0].text),
      };
    });
  const ours = await run(onFerromcpV2(SERVER));
  assert.equal(ours.first, "input_required");
  assert.deepEqual(ours.tampered, { code: -32602, message: "Invalid or expired requestState", data: { reason: "invalid_request_state" } });
  assert.deepEqual(ours.retried, [{ type: "text", text: "deployed to prod" }]);
  assert.deepEqual(ours.seen.meta, { progressToken: 7 });
  assert.deepEqual(ours.seen.dropped, ["wrapped"]);
  assert.deepEqual(ours, await run(onOfficial(SERVER)));
});

/** The answers of a server file on stdio to `lines`, one message each, in order. */
async function rawStdio(file, lines, flags = []) {
  const proc = spawn(process.execPath, [file, ...flags], { stdio: ["pipe", "pipe", "ignore"] });
  try {
    const answers = [];
    let text = "";
    const complete = new Promise((resolve) => {
      proc.stdout.on("data", (chunk) => {
        text += chunk.toString();
        let nl;
        while ((nl = text.indexOf("\n")) >= 0) {
          answers.push(JSON.parse(text.slice(0, nl)));
          text = text.slice(nl + 1);
          if (answers.length === lines.length) {
            resolve();
          }
        }
      });
    });
    for (const line of lines) {
      proc.stdin.write(`${JSON.stringify(line)}\n`);
    }
    await within(complete, "stdio answers");
    return answers.sort((a, b) => a.id - b.id);
  } finally {
    proc.kill();
  }
}

test("on stdio the first message decides the era: an initialize carrying the whole envelope is a removed method, a claim-less one afterwards is refused", async () => {
  const meta = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": {},
  };
  const lines = [
    { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "c", version: "1" }, _meta: meta } },
    { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "echo", arguments: { text: "x" }, _meta: meta } },
    { jsonrpc: "2.0", id: 3, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "c", version: "1" } } },
  ];
  const codes = (answers) => answers.map((a) => a.error?.code ?? a.result?.content?.[0]?.text);
  const ours = codes(await rawStdio(onFerromcpV2(SERVER), lines));
  assert.deepEqual(ours, [-32601, "x (modern)", -32022]);
  assert.deepEqual(ours, codes(await rawStdio(onOfficial(SERVER), lines)));
});

test("a hand-connected HTTP transport keeps to the handshake era: a 2026-07-28 request is refused as 2.4 refuses it", async () => {
  const official = await import("@modelcontextprotocol/server");
  const ours = await import("ferromcp");
  // The core answers on the JS thread through callbacks that do not keep node alive by themselves.
  const alive = setInterval(() => {}, 1000);
  const meta = { "io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {} };
  const answer = async (lib) => {
    const server = new lib.McpServer({ name: "hand-wired", version: "1" });
    const transport = new lib.WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    try {
      const response = await within(
        transport.handleRequest(
          new Request("http://127.0.0.1/mcp", {
            method: "POST",
            headers: {
              "content-type": "application/json",
              accept: "application/json, text/event-stream",
              "mcp-protocol-version": "2026-07-28",
              "mcp-method": "server/discover",
            },
            body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: meta } }),
          }),
        ),
        "answer",
      );
      return { status: response.status, body: await response.json() };
    } finally {
      await server.close();
    }
  };
  try {
    const mine = await answer(ours);
    assert.equal(mine.status, 400);
    assert.deepEqual(mine, await answer(official));
  } finally {
    clearInterval(alive);
  }
});

/** A raw 2026-07-28 POST of `method` (with the routing headers a client sends). */
function postModern(url, id, method, params = {}) {
  const meta = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": { name: "raw", version: "0" },
  };
  const headers = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2026-07-28",
    "mcp-method": method,
    ...(params.name !== undefined && { "mcp-name": params.name }),
  };
  const body = JSON.stringify({ jsonrpc: "2.0", id, method, params: { ...params, _meta: meta } });
  return within(fetch(url, { method: "POST", headers, body }), `an answer to ${method}`);
}

test("createMcpHandler's maxSubscriptions and responseMode: 'sse' answer as 2.4's", async () => {
  const seen = {};
  for (const [sdk, file] of [
    ["official", onOfficial(SERVER)],
    ["ferromcp", onFerromcpV2(SERVER)],
  ]) {
    seen[sdk] = await withHttp(file, ["--sse", "--one-listen"], async (url) => {
      const first = await postModern(url, 1, "subscriptions/listen", { notifications: { toolsListChanged: true } });
      const reader = first.body.getReader();
      const ack = new TextDecoder().decode((await within(reader.read(), "the acknowledgement")).value);
      const second = await postModern(url, 2, "subscriptions/listen", { notifications: { toolsListChanged: true } });
      const refused = { status: second.status, type: second.headers.get("content-type"), body: await second.json() };
      await reader.cancel();
      const call = await postModern(url, 3, "tools/call", { name: "echo", arguments: { text: "hi" } });
      const text = await call.text();
      const result = JSON.parse(text.split("\n").find((l) => l.startsWith("data: ")).slice(6));
      return {
        acknowledged: ack.includes("notifications/subscriptions/acknowledged"),
        refused,
        call: { status: call.status, type: call.headers.get("content-type"), text: result.result.content[0].text },
      };
    });
  }
  assert.deepEqual(seen.ferromcp, {
    acknowledged: true,
    refused: {
      status: 200,
      type: "application/json",
      body: { jsonrpc: "2.0", id: 2, error: { code: -32603, message: "Subscription limit reached" } },
    },
    call: { status: 200, type: "text/event-stream", text: "hi (modern)" },
  });
  assert.deepEqual(seen.ferromcp, seen.official);
});

test("serveStdio answers malformed 2026-07-28 requests in 2.4's words: envelope, revision, method, arguments", async () => {
  const meta = {
    "io.modelcontextprotocol/protocolVersion": "2026-07-28",
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": { name: "raw", version: "0" },
  };
  const requests = [
    { jsonrpc: "2.0", id: 1, method: "server/discover", params: { _meta: meta } },
    { jsonrpc: "2.0", id: 2, method: "tools/list", params: { _meta: { "io.modelcontextprotocol/protocolVersion": "2026-07-28" } } },
    { jsonrpc: "2.0", id: 3, method: "tools/list", params: { _meta: { ...meta, "io.modelcontextprotocol/protocolVersion": "2099-01-01" } } },
    { jsonrpc: "2.0", id: 4, method: "nope/x", params: { _meta: meta } },
    { jsonrpc: "2.0", id: 5, method: "tools/call", params: { name: "echo", arguments: { text: 1 }, _meta: meta } },
    { jsonrpc: "2.0", id: 6, method: "tools/call", params: { name: "missing", arguments: {}, _meta: meta } },
    { jsonrpc: "2.0", id: 7, method: "tools/list", params: {} },
    { jsonrpc: "2.0", id: 8, method: "ping", params: { _meta: meta } },
    { jsonrpc: "2.0", id: 9, method: "tools/list", params: { _meta: { ...meta, "io.modelcontextprotocol/clientCapabilities": [] } } },
    { jsonrpc: "2.0", id: 10, method: "tools/list", params: { _meta: { ...meta, "io.modelcontextprotocol/clientInfo": "me" } } },
  ];
  const answers = async (file) => {
    const proc = spawn(process.execPath, [file], { stdio: ["pipe", "pipe", "inherit"] });
    try {
      let text = "";
      proc.stdout.on("data", (chunk) => {
        text += chunk;
      });
      proc.stdin.write(requests.map((r) => `${JSON.stringify(r)}\n`).join(""));
      const deadline = Date.now() + 15_000;
      while (text.split("\n").filter(Boolean).length < requests.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const byId = (m) => m.id;
      return text
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .map((m) => {
          // The server's own name and version differ by design of the test, not of the answers.
          delete m.result?._meta?.["io.modelcontextprotocol/serverInfo"];
          return m;
        })
        .sort((a, b) => byId(a) - byId(b));
    } finally {
      proc.kill();
    }
  };
  const theirs = await answers(onOfficial(SERVER));
  const ours = await answers(onFerromcpV2(SERVER));
  assert.equal(ours.length, requests.length);
  assert.deepEqual(ours, theirs);
});

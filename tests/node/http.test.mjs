// The SDK's Streamable HTTP server pattern (tests/node/servers/http-server.mjs) on ferromcp and
// on the official SDK, stateful and stateless, SSE and JSON answers, driven by the official
// client over real HTTP on 127.0.0.1: the same answers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { request as httpRequest } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { CreateMessageRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { onFerromcp, onOfficial, outcome } from "./harness.mjs";

/** Starts the server file; resolves with its URL and a stop function. */
async function serve(file, flags) {
  const proc = spawn(process.execPath, [file, ...flags], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const timer = setTimeout(() => proc.kill(), 20000);
  while (!/listening (\d+)/.test(out)) {
    const [chunk] = await once(proc.stdout, "data");
    out += chunk.toString();
  }
  clearTimeout(timer);
  const port = Number(out.match(/listening (\d+)/)[1]);
  return { url: new URL(`http://127.0.0.1:${port}/mcp`), port, stop: () => proc.kill() };
}

async function transcript(file, flags) {
  const { url, stop } = await serve(file, flags);
  try {
    const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, async () => ({
      role: "assistant",
      content: { type: "text", text: "hi" },
      model: "m",
    }));
    const transport = new StreamableHTTPClientTransport(url);
    await client.connect(transport);
    const stateless = flags.includes("--stateless");
    const out = {
      hasSession: transport.sessionId !== undefined,
      // The id the author's `sessionIdGenerator` chose, where the test chose it.
      sessionId: flags.includes("--chosen-ids") ? transport.sessionId : undefined,
      server: client.getServerVersion(),
      capabilities: client.getServerCapabilities(),
      tools: await client.listTools(),
      echo: await outcome(client.callTool({ name: "echo", arguments: { text: "hi" } })),
      bad: await outcome(client.callTool({ name: "echo", arguments: { text: 1 } })),
      kaboom: await outcome(client.callTool({ name: "kaboom", arguments: {} })),
      unknown: await outcome(client.callTool({ name: "nope", arguments: {} })),
      progress: await outcome(client.callTool({ name: "progress", arguments: { steps: 2 } }, undefined, { onprogress: () => {} })),
      readme: await outcome(client.readResource({ uri: "file:///readme.txt" })),
      ping: await outcome(client.ping()),
    };
    if (!stateless) {
      // A server→client request made while serving a POST, answered by the client. With JSON
      // answers the SDK has no stream to send it on and the call times out (after 60 s);
      // ferromcp sends it on the session's GET stream (http_json_sampling below).
      if (!flags.includes("--json")) {
        out.sample = await outcome(client.callTool({ name: "sample", arguments: { q: "?" } }));
      }
      await transport.terminateSession();
      out.afterDelete = await outcome(client.ping());
    }
    await client.close();
    return out;
  } finally {
    stop();
  }
}

for (const flags of [[], ["--json"], ["--stateless"], ["--stateless", "--json"], ["--chosen-ids"]]) {
  test(`Streamable HTTP ${flags.join(" ") || "stateful, SSE"}: the same answers as the official SDK`, async () => {
    const official = await transcript(onOfficial("http-server.mjs"), flags);
    const ours = await transcript(onFerromcp("http-server.mjs"), flags);
    assert.deepStrictEqual(ours, official);
  });
}

test("with JSON answers, a server→client request reaches the client on the GET stream", async () => {
  const { url, stop } = await serve(onFerromcp("http-server.mjs"), ["--json"]);
  try {
    const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities: { sampling: {} } });
    client.setRequestHandler(CreateMessageRequestSchema, async () => ({
      role: "assistant",
      content: { type: "text", text: "hi" },
      model: "m",
    }));
    await client.connect(new StreamableHTTPClientTransport(url));
    const r = await client.callTool({ name: "sample", arguments: { q: "?" } });
    assert.equal(r.content[0].text, "model said: hi");
    await client.close();
  } finally {
    stop();
  }
});

/** A raw POST to /mcp (node's client lets the Host header be set): status and body (parsed
 * when it is JSON: members compared, not their order). */
function raw(port, headers, body) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: "/mcp",
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => {
          let body = text;
          try {
            body = JSON.parse(text);
          } catch {
            // A plain-text answer stays text.
          }
          resolve({ status: res.statusCode, body });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A short session over `transport`: lists, a good and a bad call, an unknown tool. */
async function briefly(transport, tool, good, bad) {
  const client = new Client({ name: "ferromcp-tests", version: "1.0.0" });
  await client.connect(transport);
  const out = {
    server: client.getServerVersion(),
    capabilities: client.getServerCapabilities(),
    tools: await client.listTools(),
    good: await outcome(client.callTool({ name: tool, arguments: good })),
    bad: await outcome(client.callTool({ name: tool, arguments: bad })),
    unknown: await outcome(client.callTool({ name: "nope", arguments: {} })),
  };
  await client.close();
  return out;
}

test("legacy HTTP+SSE (SSEServerTransport on Express): the same answers, authInfo reaches the handler", async () => {
  const run = async (file) => {
    const { port, stop } = await serve(file, []);
    try {
      return await briefly(new SSEClientTransport(new URL(`http://127.0.0.1:${port}/sse`)), "echo", { text: "hi" }, { text: 1 });
    } finally {
      stop();
    }
  };
  const official = await run(onOfficial("sse-server.mjs"));
  const ours = await run(onFerromcp("sse-server.mjs"));
  assert.deepStrictEqual(ours, official);
  assert.equal(ours.good.result.content[0].text, "hi (auth: client-7)");
});

test("createMcpExpressApp, stateless: the same answers; a foreign Host is refused alike", async () => {
  const run = async (file) => {
    const { url, port, stop } = await serve(file, []);
    try {
      const answers = await briefly(new StreamableHTTPClientTransport(url), "add", { a: 1, b: 2 }, { a: "x" });
      answers.foreignHost = await raw(port, { host: "evil.example.com" }, "{}");
      answers.notJsonRpc = await raw(port, {}, "{}");
      answers.notJson = await raw(port, {}, "{nope");
      return answers;
    } finally {
      stop();
    }
  };
  const official = await run(onOfficial("express-server.mjs"));
  const ours = await run(onFerromcp("express-server.mjs"));
  assert.deepStrictEqual(ours, official);
});

test("sessionIdleTimeoutMs (ferromcp's option): an idle session ends, its transport closes, the author's map forgets it", async () => {
  const proc = spawn(process.execPath, [onFerromcp("http-server.mjs"), "--idle-ms", "300"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const killer = setTimeout(() => proc.kill(), 20000);
  let out = "";
  const waitFor = async (pattern) => {
    while (!pattern.test(out)) {
      const [chunk] = await once(proc.stdout, "data");
      out += chunk.toString();
    }
    return out.match(pattern);
  };
  try {
    const port = Number((await waitFor(/listening (\d+)/))[1]);
    const client = new Client({ name: "ferromcp-tests", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`));
    await client.connect(transport);
    const sid = transport.sessionId;
    assert.ok(sid);
    assert.deepStrictEqual(await outcome(client.ping()), { result: {} });
    // The client leaves without a DELETE (its GET stream closes): the session is idle from
    // now on, and the reaper ends it within its interval (≥ 1 s).
    await client.close();
    const [, closed] = await waitFor(/closed (\S+)/);
    assert.equal(closed, sid);
    const after = await fetch(`http://127.0.0.1:${port}/mcp`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-session-id": sid,
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
    });
    // The author's map no longer has it: their code refuses the session.
    assert.equal(after.status, 400);
  } finally {
    clearTimeout(killer);
    proc.kill();
  }
});

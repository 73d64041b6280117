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

/** A raw JSON-RPC POST on session `sid`: the fetch `Response`. */
function post(url, sid, message, signal) {
  const headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
  if (sid) {
    headers["mcp-session-id"] = sid;
    headers["mcp-protocol-version"] = "2025-11-25";
  }
  return fetch(url, { method: "POST", headers, body: JSON.stringify(message), signal });
}

/** The JSON-RPC messages of an SSE (or JSON) answer, read to its end. */
async function messages(response) {
  const text = await response.text();
  if (response.headers.get("content-type")?.startsWith("application/json")) {
    return [JSON.parse(text)];
  }
  return text
    .split("\n\n")
    .flatMap((event) => event.split("\n").filter((l) => l.startsWith("data: ")))
    .map((l) => JSON.parse(l.slice(6)));
}

/** A session begun with raw requests: its id. */
async function begin(url) {
  const init = await post(url, undefined, {
    jsonrpc: "2.0",
    id: 0,
    method: "initialize",
    params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
  });
  const sid = init.headers.get("mcp-session-id");
  await init.text();
  await (await post(url, sid, { jsonrpc: "2.0", method: "notifications/initialized" })).text();
  return sid;
}

async function callText(url, sid, id, name) {
  const [answer] = await messages(await post(url, sid, { jsonrpc: "2.0", id, method: "tools/call", params: { name, arguments: {} } }));
  return answer.result.content[0].text;
}

/**
 * A POST whose client leaves before its handler sent anything; the handler then sends a log
 * message and answers. Resolves with where the message went and whether the session goes on.
 */
async function clientLeavesFirst(file) {
  const { url, stop } = await serve(file, []);
  try {
    const sid = await begin(url);
    const get = await fetch(url, { headers: { accept: "text/event-stream", "mcp-session-id": sid, "mcp-protocol-version": "2025-11-25" } });
    const reader = get.body.getReader();
    const leaving = new AbortController();
    const held = post(url, sid, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "hold", arguments: {} } }, leaving.signal);
    let state = { waiting: 0, left: 0 };
    for (let i = 0; i < 200 && state.waiting === 0; i++) {
      state = JSON.parse(await callText(url, sid, 100 + i, "held"));
    }
    assert.equal(state.waiting, 1, "the handler runs");
    leaving.abort();
    await held.catch(() => undefined);
    for (let i = 0; i < 200 && state.left === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
      state = JSON.parse(await callText(url, sid, 400 + i, "held"));
    }
    assert.equal(state.left, 1, "the server saw the client leave");
    const released = await callText(url, sid, 2, "release");
    // What reaches the GET stream within a second of the release.
    let text = "";
    const deadline = Date.now() + 1000;
    while (!text.includes("after the wait") && Date.now() < deadline) {
      const chunk = await Promise.race([reader.read(), new Promise((r) => setTimeout(() => r({ timeout: true }), deadline - Date.now()))]);
      if (chunk.timeout || chunk.done) {
        break;
      }
      text += Buffer.from(chunk.value).toString();
    }
    await reader.cancel();
    return {
      released,
      onGetStream: text.includes("after the wait"),
      after: await callText(url, sid, 3, "release"),
    };
  } finally {
    stop();
  }
}

test("a POST whose client leaves before anything was sent: what its handler sends then reaches the GET stream", async () => {
  const ours = await clientLeavesFirst(onFerromcp("http-server.mjs"));
  assert.deepStrictEqual(ours, { released: "1", onGetStream: true, after: "0" });
});

/** The raw head and body of a POST, as node's `http` client reads them. */
function rawPost(url, sid, message) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-session-id": sid,
        "mcp-protocol-version": "2025-11-25",
      },
    });
    req.on("response", (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(JSON.stringify(message));
  });
}

test("an answer ready at once leaves whole, with its length; one that streams leaves as it comes", async () => {
  const { url, stop } = await serve(onFerromcp("http-server.mjs"), []);
  try {
    const sid = await begin(url);
    const whole = await rawPost(url, sid, { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "echo", arguments: { text: "hi" } } });
    assert.equal(whole.headers["content-type"], "text/event-stream");
    assert.equal(whole.headers["content-length"], String(Buffer.byteLength(whole.body)));
    assert.equal(whole.headers["transfer-encoding"], undefined);
    assert.match(whole.body, /^event: message\ndata: \{"jsonrpc":"2.0","id":1,"result":\{"content":\[\{"type":"text","text":"hi"\}\]\}\}\n\n$/);
    const streamed = await rawPost(url, sid, {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "progress", arguments: { steps: 2 }, _meta: { progressToken: "p" } },
    });
    assert.equal(streamed.headers["content-type"], "text/event-stream");
    const events = streamed.body.split("\n\n").filter(Boolean).map((e) => JSON.parse(e.split("data: ")[1]));
    assert.deepStrictEqual(
      events.map((m) => m.method ?? `answer ${m.id}`),
      ["notifications/progress", "notifications/progress", "answer 2"],
    );
  } finally {
    stop();
  }
});

test("answers ready in the same turn of the event loop are written together: each reaches its own client", async () => {
  const { url, stop } = await serve(onFerromcp("http-server.mjs"), []);
  try {
    const sid = await begin(url);
    const n = 40;
    // Each POST on its own connection (node's agent opens one per request in flight).
    const answers = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        rawPost(url, sid, { jsonrpc: "2.0", id: i + 1, method: "tools/call", params: { name: "echo", arguments: { text: `t${i}` } } }),
      ),
    );
    answers.forEach((a, i) => {
      assert.equal(a.headers["content-length"], String(Buffer.byteLength(a.body)));
      const [message] = a.body.split("\n\n").filter(Boolean).map((e) => JSON.parse(e.split("data: ")[1]));
      assert.deepStrictEqual(message, { jsonrpc: "2.0", id: i + 1, result: { content: [{ type: "text", text: `t${i}` }] } });
    });
  } finally {
    stop();
  }
});

test("a response that throws while answers are written together: the others are written, the transport's onerror hears it", async () => {
  const { McpServer } = await import("ferromcp/server/mcp.js");
  const { StreamableHTTPServerTransport } = await import("ferromcp/server/streamableHttp.js");
  const { EventEmitter } = await import("node:events");
  const { z } = await import("zod");
  // node-shaped request and response objects: the failure is the response's own.
  class Res extends EventEmitter {
    constructor(broken) {
      super();
      this.broken = broken;
      this.destroyed = false;
      this.status = 0;
      this.headers = undefined;
      this.body = "";
      this.ended = false;
    }
    writeHead(status, headers) {
      if (this.broken) {
        throw new Error("broken response");
      }
      this.status = status;
      this.headers = headers;
      return this;
    }
    flushHeaders() {}
    write(chunk) {
      this.body += chunk;
      return true;
    }
    end(chunk) {
      if (chunk !== undefined) {
        this.body += chunk;
      }
      this.ended = true;
      return this;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const call = (transport, headers, body, res) =>
    transport.handleRequest({ method: "POST", url: "/mcp", headers, rawHeaders: Object.entries(headers).flat() }, res, body);
  const server = new McpServer({ name: "throws", version: "1.0.0" });
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: "text", text }] }));
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => "s1" });
  const errors = [];
  await server.connect(transport);
  transport.onerror = (e) => errors.push(e.message);
  const base = { host: "127.0.0.1", accept: "application/json, text/event-stream", "content-type": "application/json" };
  const init = new Res(false);
  await call(transport, base, {
    jsonrpc: "2.0",
    id: 0,
    method: "initialize",
    params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
  }, init);
  assert.equal(init.status, 200);
  const headers = { ...base, "mcp-session-id": "s1", "mcp-protocol-version": "2025-11-25" };
  await call(transport, headers, { jsonrpc: "2.0", method: "notifications/initialized" }, new Res(false));
  const echo = (id, res) => call(transport, headers, { jsonrpc: "2.0", id, method: "tools/call", params: { name: "echo", arguments: { text: `t${id}` } } }, res);
  const broken = new Res(true);
  const fine = new Res(false);
  await Promise.all([echo(1, broken), echo(2, fine)]);
  assert.deepStrictEqual(errors, ["broken response"]);
  assert.equal(broken.destroyed, true);
  assert.equal(fine.status, 200);
  assert.equal(fine.ended, true);
  assert.match(fine.body, /"id":2,"result":\{"content":\[\{"type":"text","text":"t2"\}\]\}/);
  await server.close();
});

// Resumable Streamable HTTP (tests/node/servers/resume-server.mjs): with the author's
// `eventStore`, a tool closes its SSE stream mid-call and the official client reconnects with
// `Last-Event-ID` and gets every notification and the result — on ferromcp as on the official
// SDK, the same transcript. Raw HTTP checks the priming event and replay.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { LoggingMessageNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { onFerromcp, onOfficial } from "./harness.mjs";

async function serve(file) {
  const proc = spawn(process.execPath, [file], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  const timer = setTimeout(() => proc.kill(), 20000);
  while (!/listening (\d+)/.test(out)) {
    const [chunk] = await once(proc.stdout, "data");
    out += chunk.toString();
  }
  clearTimeout(timer);
  const port = Number(out.match(/listening (\d+)/)[1]);
  return { url: new URL(`http://127.0.0.1:${port}/mcp`), stop: () => proc.kill() };
}

async function transcript(file) {
  const { url, stop } = await serve(file);
  try {
    const client = new Client({ name: "ferromcp-tests", version: "1.0.0" });
    const logs = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      logs.push(n.params.data);
    });
    await client.connect(new StreamableHTTPClientTransport(url));
    const progress = [];
    const result = await client.callTool({ name: "poll", arguments: { steps: 4 } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
      timeout: 15000,
    });
    const echo = await client.callTool({ name: "echo", arguments: { text: "after" } });
    await client.close();
    return { result, progress, logs, echo };
  } finally {
    stop();
  }
}

test("a tool closes its SSE stream and the client resumes it: the same transcript as the official SDK", async () => {
  const official = await transcript(onOfficial("resume-server.mjs"));
  const ours = await transcript(onFerromcp("resume-server.mjs"));
  assert.deepStrictEqual(ours, official);
  assert.deepStrictEqual(ours.progress, [1, 2, 3, 4]);
  assert.deepStrictEqual(ours.logs, ["step 1", "step 2", "step 3", "step 4"]);
  assert.equal(ours.result.content[0].text, "polled; stream closed: true");
});

async function post(url, body, headers = {}) {
  const r = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
    body: JSON.stringify(body),
  });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

function events(text) {
  return text
    .split("\n\n")
    .filter((b) => b.trim())
    .map((b) => Object.fromEntries(b.split("\n").map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)])));
}

test("priming events carry the retry delay, and Last-Event-ID replays what followed", async () => {
  const { url, stop } = await serve(onFerromcp("resume-server.mjs"));
  try {
    const init = await post(url, {
      jsonrpc: "2.0", id: 1, method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
    });
    const session = { "mcp-session-id": init.headers.get("mcp-session-id"), "mcp-protocol-version": "2025-11-25" };
    assert.equal((await post(url, { jsonrpc: "2.0", method: "notifications/initialized" }, session)).status, 202);
    const call = await post(url, { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "echo", arguments: { text: "kept" } } }, session);
    const [priming, answer] = events(call.text);
    assert.equal(priming.retry, "50");
    assert.equal(priming.data, "");
    assert.equal(JSON.parse(answer.data).result.content[0].text, "kept");
    const r = await fetch(url, { headers: { accept: "text/event-stream", ...session, "last-event-id": priming.id } });
    assert.equal(r.status, 200);
    const replayed = events(await r.text());
    assert.deepStrictEqual(replayed.map((e) => e.id), [answer.id]);
    assert.deepStrictEqual(JSON.parse(replayed[0].data), JSON.parse(answer.data));
  } finally {
    stop();
  }
});

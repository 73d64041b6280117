// ferromcp's Node servers on the wire, as raw bytes over a real pipe: ordering, bad input,
// cancellation, and exactly one answer per request id.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { onFerromcp } from "./harness.mjs";

/** A server process and its output, one parsed message per line. */
function start(name, env = {}) {
  const proc = spawn(process.execPath, [onFerromcp(name)], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  const messages = [];
  let waiters = [];
  let rest = "";
  proc.stdout.on("data", (chunk) => {
    rest += chunk.toString("utf8");
    let i;
    while ((i = rest.indexOf("\n")) !== -1) {
      messages.push(JSON.parse(rest.slice(0, i)));
      rest = rest.slice(i + 1);
    }
    waiters = waiters.filter((w) => !w());
  });
  const send = (...lines) => proc.stdin.write(lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l)) + "\n").join(""));
  /** Waits (at most 10 s) until `pred(messages)` holds. */
  const until = (pred) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(messages)}`)), 10000);
      const check = () => {
        if (pred(messages)) {
          clearTimeout(timer);
          resolve(messages);
          return true;
        }
        return false;
      };
      if (!check()) {
        waiters.push(check);
      }
    });
  const stop = () => {
    proc.stdin.end();
    proc.kill();
  };
  return { send, until, stop, messages };
}

const init = {
  jsonrpc: "2.0",
  id: "init",
  method: "initialize",
  params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};
const call = (id, name, args, meta) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, arguments: args, ...(meta ? { _meta: meta } : {}) },
});
const answered = (id) => (ms) => ms.some((m) => m.id === id && ("result" in m || "error" in m));

test("progress and logs are written before the answer they belong to", async () => {
  const s = start("everything-mcp.mjs");
  try {
    s.send(init, { jsonrpc: "2.0", method: "notifications/initialized" }, call(1, "progress", { steps: 3 }, { progressToken: "p" }));
    const ms = await s.until(answered(1));
    const kinds = ms.filter((m) => m.id !== "init").map((m) => m.method ?? `answer ${m.id}`);
    assert.deepStrictEqual(kinds, [
      "notifications/progress",
      "notifications/progress",
      "notifications/progress",
      "notifications/message",
      "answer 1",
    ]);
  } finally {
    s.stop();
  }
});

test("malformed input is answered and the server keeps serving", async () => {
  const s = start("weather-server.mjs");
  try {
    s.send("{not json", '{"jsonrpc":"2.0","id":7,"method":', "[]", '{"jsonrpc":"2.0","id":8}', init);
    const ms = await s.until(answered("init"));
    const errors = ms.filter((m) => m.error).map((m) => [m.id ?? null, m.error.code]);
    assert.deepStrictEqual(errors, [
      [null, -32700],
      [null, -32700],
      [null, -32600],
      [8, -32600],
    ]);
    s.send(call(9, "get_weather", { location: "Oslo" }));
    await s.until(answered(9));
  } finally {
    s.stop();
  }
});

test("a cancelled request aborts its handler's signal and gets no answer", async () => {
  const s = start("everything-mcp.mjs");
  try {
    s.send(init, { jsonrpc: "2.0", method: "notifications/initialized" }, { jsonrpc: "2.0", id: 1, method: "logging/setLevel", params: { level: "info" } });
    await s.until(answered(1));
    s.send(call(2, "slow", {}));
    s.send({ jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 2, reason: "changed my mind" } });
    const ms = await s.until((xs) => xs.some((m) => m.method === "notifications/message" && m.params.data === "aborted"));
    s.send({ jsonrpc: "2.0", id: 3, method: "ping" });
    await s.until(answered(3));
    assert.equal(ms.filter((m) => m.id === 2).length, 0);
  } finally {
    s.stop();
  }
});

test("a burst of requests gets exactly one answer per id, in any order", async () => {
  const s = start("everything-mcp.mjs");
  try {
    s.send(init, { jsonrpc: "2.0", method: "notifications/initialized" });
    const ids = Array.from({ length: 200 }, (_, i) => i + 100);
    s.send(...ids.map((id) => call(id, id % 3 ? "echo" : "kaboom", { text: `t${id}` })));
    const ms = await s.until((xs) => ids.every((id) => xs.some((m) => m.id === id)));
    for (const id of ids) {
      const answers = ms.filter((m) => m.id === id);
      assert.equal(answers.length, 1, `id ${id}`);
      const text = answers[0].result.content[0].text;
      assert.equal(text, id % 3 ? `t${id}` : "kaboom");
    }
  } finally {
    s.stop();
  }
});

test("requests before initialize are served, as the SDK serves them", async () => {
  const s = start("weather-server.mjs");
  try {
    s.send({ jsonrpc: "2.0", id: 1, method: "tools/list" });
    const ms = await s.until(answered(1));
    assert.equal(ms[0].result.tools.length, 2);
  } finally {
    s.stop();
  }
});

test("the guards set in the environment hold: a tool past its timeout is cancelled and answered", async () => {
  const s = start("everything-mcp.mjs", { FERROMCP_TOOL_TIMEOUT: "0.2" });
  try {
    s.send(init, { jsonrpc: "2.0", method: "notifications/initialized" }, { jsonrpc: "2.0", id: 1, method: "logging/setLevel", params: { level: "info" } });
    await s.until(answered(1));
    s.send(call(2, "slow", {}));
    const ms = await s.until((xs) => answered(2)(xs) && xs.some((m) => m.method === "notifications/message" && m.params.data === "aborted"));
    const answer = ms.find((m) => m.id === 2);
    assert.deepStrictEqual(answer.error, { code: -32001, message: "Tool slow timed out after 200 ms", data: { timeoutMs: 200 } });
  } finally {
    s.stop();
  }
});

// Drives the JS everything server (tests/conformance/everything.mjs) at URL with the official
// TypeScript client and with raw HTTP requests, and prints one JSON line per step: what the client
// got back, in the order the server wrote it. `run.py --node-server --compare` runs it against the
// server on ferromcp and on the official SDK and prints the steps whose lines differ; the suite's
// checks are lenient, this shows what a client sees beyond them (key order, status codes, texts).
//
// Run: node tests/conformance/probe.mjs http://127.0.0.1:PORT/mcp

import { request } from "node:http";

import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  CallToolResultSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";

const url = process.argv[2];
const out = (step, value) => console.log(JSON.stringify({ step, value }));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function step(name, f) {
  try {
    out(name, await f());
  } catch (e) {
    out(name, { error: String(e), code: e?.code });
  }
}

/** A raw request: the status, the content type, the SSE priming event if any, and the JSON-RPC
 *  results or errors it carried (without the envelope, whose key order is not the point). */
async function raw(name, headers, body, method = "POST") {
  await step(name, async () => {
    // node:http rather than fetch, which will not send a Host header of our choosing.
    const r = await new Promise((resolve, reject) => {
      const req = request(url, { method, headers }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      });
      req.on("error", reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
    const { text } = r;
    const contentType = r.headers["content-type"] ?? null;
    const payloads = contentType?.includes("text/event-stream")
      ? text.split("\n").filter((l) => l.startsWith("data:") && l.length > 6).map((l) => l.slice(5).trim())
      : text ? [text] : [];
    const messages = payloads.map((p) => {
      try {
        const m = JSON.parse(p);
        return m.error ? { error: m.error } : m.result !== undefined ? { result: m.result } : m;
      } catch {
        return p;
      }
    });
    // SEP-1699: a stream that can be resumed opens with an event that has an id, no data and
    // (given `retryInterval`) a retry field.
    const first = contentType?.includes("text/event-stream") ? text.split("\n\n")[0].split("\n") : [];
    const priming = first.some((l) => l.startsWith("id:")) && !first.some((l) => l.startsWith("data:") && l.length > 6)
      ? { retry: first.find((l) => l.startsWith("retry:"))?.slice(6).trim() ?? null }
      : undefined;
    return { status: r.status, contentType, priming, messages };
  });
}

const client = new Client({ name: "probe", version: "1.0.0" }, { capabilities: { sampling: {}, elicitation: {} } });
const logs = [];
let elicitReply = { action: "accept", content: { zeta: 1, alpha: 2, username: "u", email: "e" } };
client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => logs.push(n.params));
client.setRequestHandler(CreateMessageRequestSchema, async (r) => {
  out("server asked: sampling/createMessage", r.params);
  return { role: "assistant", content: { type: "text", text: "hi" }, model: "m", stopReason: "endTurn" };
});
client.setRequestHandler(ElicitRequestSchema, async (r) => {
  out("server asked: elicitation/create", r.params);
  return elicitReply;
});
const transport = new StreamableHTTPClientTransport(new URL(url));
await client.connect(transport);
const sessionId = transport.sessionId;

out("initialize: capabilities", client.getServerCapabilities());
out("initialize: serverInfo", client.getServerVersion());
await step("tools/list", () => client.listTools());
await step("resources/list", () => client.listResources());
await step("resources/templates/list", () => client.listResourceTemplates());
await step("prompts/list", () => client.listPrompts());
const complete = (ref, name, value) => client.complete({ ref, argument: { name, value } });
await step("complete prompt arg", () => complete({ type: "ref/prompt", name: "test_prompt_with_arguments" }, "arg1", "pa"));
await step("complete template var", () => complete({ type: "ref/resource", uri: "test://template/{id}/data" }, "id", "1"));
await step("complete unknown prompt", () => complete({ type: "ref/prompt", name: "nope" }, "a", ""));
await step("complete static resource", () => complete({ type: "ref/resource", uri: "test://static-text" }, "a", ""));
await step("read template", () => client.readResource({ uri: "test://template/42/data" }));
await step("read unknown resource", () => client.readResource({ uri: "test://nope" }));
await step("get prompt", () => client.getPrompt({ name: "test_prompt_with_arguments", arguments: { arg1: "x", arg2: "y" } }));
await step("get prompt, argument missing", () => client.getPrompt({ name: "test_prompt_with_arguments", arguments: { arg1: "x" } }));
await step("get unknown prompt", () => client.getPrompt({ name: "nope" }));
await step("call unknown tool", () => client.callTool({ name: "nope", arguments: {} }));
await step("call tool, bad argument", () => client.callTool({ name: "test_sampling", arguments: { prompt: 5 } }));
await step("call throwing tool", () => client.callTool({ name: "test_error_handling", arguments: {} }));
await step("call sampling", () => client.callTool({ name: "test_sampling", arguments: { prompt: "p" } }));
await step("call elicitation (elicitInput)", () => client.callTool({ name: "test_elicitation", arguments: { message: "m" } }));
await step("call elicitation (sendRequest)", () => client.callTool({ name: "test_elicitation_sep1034_defaults", arguments: {} }));
elicitReply = { action: "accept", content: { username: 5 } };
await step("call elicitation, reply off schema", () => client.callTool({ name: "test_elicitation", arguments: { message: "m" } }));
await step("subscribe", () => client.subscribeResource({ uri: "test://watched-resource" }));
await step("unsubscribe", () => client.unsubscribeResource({ uri: "test://watched-resource" }));
for (const level of ["error", "debug"]) {
  await step(`setLevel ${level}`, () => client.setLoggingLevel(level));
  await step(`call logging tool at ${level}`, () => client.callTool({ name: "test_tool_with_logging", arguments: {} }));
  await sleep(200);
  out(`logs at ${level}`, logs.splice(0));
}
const progress = [];
await step("call progress tool", () =>
  client.request(
    { method: "tools/call", params: { name: "test_tool_with_progress", arguments: {}, _meta: { progressToken: 7 } } },
    CallToolResultSchema,
    { onprogress: (p) => progress.push(p) },
  ),
);
out("progress", progress);
await step("ping", () => client.ping());

const H = { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" };
const S = { ...H, "mcp-session-id": sessionId };
const ping = (id) => ({ jsonrpc: "2.0", id, method: "ping" });
const init = (protocolVersion) => ({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion, capabilities: {}, clientInfo: { name: "probe", version: "1.0.0" } },
});
await raw("POST without session", H, ping(1));
await raw("POST, unknown session", { ...H, "mcp-session-id": "nope" }, ping(1));
await raw("POST, foreign Origin", { ...S, origin: "http://evil.example.com" }, ping(2));
await raw("POST, foreign Host", { ...S, host: "evil.example.com" }, ping(2));
await raw("POST, Accept without SSE", { ...S, accept: "application/json" }, ping(3));
await raw("POST, unknown protocol version header", { ...S, "mcp-protocol-version": "1999-01-01" }, ping(4));
await raw("POST notification", S, { jsonrpc: "2.0", method: "notifications/roots/list_changed" });
await raw("POST unknown method", S, { jsonrpc: "2.0", id: 5, method: "nope/nope" });
await raw("POST batch", S, [ping(6)]);
await raw("POST initialize again", S, { ...init("2025-11-25"), id: 7 });
await raw("DELETE session", S, undefined, "DELETE");
await raw("POST after DELETE", S, ping(8));
const fresh = { "content-type": "application/json", accept: "application/json, text/event-stream" };
await raw("initialize 2024-11-05", fresh, init("2024-11-05"));
await raw("initialize unknown version", fresh, init("2099-01-01"));
process.exit(0);

// Task message queues (tests/node/servers/task-queue-server.mjs on ferromcp and on the official
// SDK 1.32): a task's log line and elicitation wait in its queue, reach the official client on
// the stream of its `tasks/result` and the answer reaches the code that asked; a cancelled
// task's waiting question fails. Over stdio and stateful Streamable HTTP; transcripts compared.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  CallToolResultSchema,
  CancelTaskResultSchema,
  CreateTaskResultSchema,
  ElicitRequestSchema,
  GetTaskResultSchema,
  LoggingMessageNotificationSchema,
  TaskStatusNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { onFerromcp, onOfficial, outcome, within, withHttp } from "./harness.mjs";

const SERVER = "task-queue-server.mjs";
const RELATED = "io.modelcontextprotocol/related-task";

/** Everything the client sees of the three task tools, with task ids replaced by names. */
async function transcript(client) {
  const ids = new Map();
  const named = (v) => JSON.parse(JSON.stringify(v).replace(/"taskId":"([^"]+)"/g, (_, id) => `"taskId":"${ids.get(id) ?? "?"}"`));
  const seen = [];
  // Status changes as they come (one may overtake the answer that names its task).
  const statuses = [];
  let answer = { action: "accept", content: { nights: 3 } };
  client.setRequestHandler(ElicitRequestSchema, async (r) => {
    seen.push({ elicit: named(r.params) });
    return answer;
  });
  client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => seen.push({ log: named(n.params) }));
  client.setNotificationHandler(TaskStatusNotificationSchema, (n) => statuses.push(n.params));
  const start = async (label, name, args) => {
    const created = await client.request(
      { method: "tools/call", params: { name, arguments: args, task: { ttl: 60000 } } },
      CreateTaskResultSchema,
    );
    ids.set(created.task.taskId, label);
    return created.task.taskId;
  };
  const result = (taskId) => client.request({ method: "tasks/result", params: { taskId } }, CallToolResultSchema);

  const book = await start("book", "book", { city: "Oslo" });
  const out = { book: named(await result(book)) };
  out.bookSeen = seen.splice(0);
  out.bookAfter = named(await client.request({ method: "tasks/get", params: { taskId: book } }, GetTaskResultSchema)).status;

  answer = { action: "decline" };
  const ask = await start("ask", "ask", { question: "How many nights?" });
  out.ask = named(await result(ask));
  out.askSeen = seen.splice(0);

  const abandoned = await start("abandoned", "abandoned", {});
  // Its question is queued once the tool has answered; nobody asks for the task's result.
  await new Promise((r) => setTimeout(r, 100));
  const cancelled = await outcome(client.request({ method: "tasks/cancel", params: { taskId: abandoned } }, CancelTaskResultSchema));
  out.cancel = named({ ...cancelled, result: { ...cancelled.result, createdAt: "<time>", lastUpdatedAt: "<time>" } });
  for (let i = 0; i < 500 && !seen.some((m) => m.log); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  out.abandonedSeen = seen.splice(0);
  out.statuses = [...new Set(statuses.map((t) => `${ids.get(t.taskId)}:${t.status}`))].sort();
  return out;
}

async function overStdio(file) {
  const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } } });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [file], stderr: "pipe" }));
  try {
    return await within(transcript(client), `the task transcript of ${file}`);
  } finally {
    await client.close();
  }
}

async function overHttp(file) {
  return withHttp(file, [], async (url) => {
    const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } } });
    await client.connect(new StreamableHTTPClientTransport(url));
    try {
      return await within(transcript(client), `the task transcript of ${file} over HTTP`);
    } finally {
      await client.close();
    }
  });
}

function spelledOut(t) {
  assert.deepEqual(t.book.content, [{ type: "text", text: "Oslo: accept 3" }]);
  assert.deepEqual(t.book._meta, { [RELATED]: { taskId: "book" } });
  assert.deepEqual(t.bookSeen, [
    { log: { level: "info", data: "booking Oslo", _meta: { [RELATED]: { taskId: "book" } } } },
    {
      elicit: {
        message: "Nights in Oslo?",
        requestedSchema: { type: "object", properties: { nights: { type: "integer", minimum: 1 } }, required: ["nights"] },
        mode: "form",
        _meta: { [RELATED]: { taskId: "book" } },
      },
    },
  ]);
  assert.equal(t.bookAfter, "completed");
  assert.deepEqual(t.ask.content, [{ type: "text", text: "answered decline" }]);
  assert.ok(t.statuses.includes("ask:input_required"), t.statuses.join());
  assert.deepEqual(t.abandonedSeen, [{ log: { level: "warning", data: "abandoned: MCP error -32603: Task cancelled or completed" } }]);
}

test("a task's queued log line and elicitation reach the client on tasks/result (stdio)", async () => {
  const ours = await overStdio(onFerromcp(SERVER));
  const theirs = await overStdio(onOfficial(SERVER));
  assert.deepEqual(ours, theirs);
  spelledOut(ours);
});

test("a task's queued messages over stateful Streamable HTTP", async () => {
  const ours = await overHttp(onFerromcp(SERVER));
  const theirs = await overHttp(onOfficial(SERVER));
  assert.deepEqual(ours, theirs);
  spelledOut(ours);
});

test("a tasks/result whose _meta names its own task is answered, its queue delivered once", async () => {
  // Hostile input: the SDK would queue its own answer in the task's queue and never send it.
  const client = new Client({ name: "ferromcp-tests", version: "1.0.0" }, { capabilities: { elicitation: { form: {} } } });
  const asked = [];
  client.setRequestHandler(ElicitRequestSchema, async (r) => {
    asked.push(r.params.message);
    return { action: "accept", content: { nights: 1 } };
  });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [onFerromcp(SERVER)], stderr: "pipe" }));
  try {
    const created = await client.request(
      { method: "tools/call", params: { name: "book", arguments: { city: "Rome" }, task: { ttl: 60000 } } },
      CreateTaskResultSchema,
    );
    const { taskId } = created.task;
    const result = await within(
      client.request({ method: "tasks/result", params: { taskId, _meta: { [RELATED]: { taskId } } } }, CallToolResultSchema),
      "tasks/result naming its task",
    );
    assert.deepEqual(result.content, [{ type: "text", text: "Rome: accept 1" }]);
    assert.deepEqual(asked, ["Nights in Rome?"]);
  } finally {
    await client.close();
  }
});

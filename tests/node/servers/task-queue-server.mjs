// Task tools that talk to the client while they run (2025-11-25 tasks with a message queue):
// what they send about a task waits in its queue and reaches the client on the stream of the
// client's `tasks/result`; an elicitation's answer comes back to the code that asked. Run
// unchanged on ferromcp and on the official SDK by tests/node/taskQueue.test.mjs, over stdio or,
// with `--http`, stateful Streamable HTTP on 127.0.0.1.
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { ElicitResultSchema, isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { InMemoryTaskMessageQueue, InMemoryTaskStore } from "@modelcontextprotocol/sdk/experimental/tasks";
import { z } from "zod";

const taskStore = new InMemoryTaskStore();
const taskMessageQueue = new InMemoryTaskMessageQueue();

const NIGHTS = {
  type: "object",
  properties: { nights: { type: "integer", minimum: 1 } },
  required: ["nights"],
};

function makeServer() {
  const server = new McpServer(
    { name: "task-queue", version: "1.0.0" },
    {
      capabilities: { logging: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore,
      taskMessageQueue,
    },
  );
  const byTask = (handlers) => ({
    ...handlers,
    getTask: async (_args, extra) => extra.taskStore.getTask(extra.taskId),
    getTaskResult: async (_args, extra) => extra.taskStore.getTaskResult(extra.taskId),
  });
  /** Runs `work` after the task is created; its outcome is the task's result. */
  const inBackground = (extra, task, work) => {
    work().then(
      (text) => extra.taskStore.storeTaskResult(task.taskId, "completed", { content: [{ type: "text", text }] }),
      (e) => extra.taskStore.storeTaskResult(task.taskId, "failed", { content: [{ type: "text", text: e.message }], isError: true }),
    );
  };

  // The server's own methods with `relatedTask`: a log line and an elicitation, both queued.
  server.experimental.tasks.registerToolTask(
    "book",
    { inputSchema: { city: z.string() }, execution: { taskSupport: "required" } },
    byTask({
      createTask: async ({ city }, extra) => {
        const task = await extra.taskStore.createTask({ ttl: 60000, pollInterval: 20 });
        const related = { relatedTask: { taskId: task.taskId } };
        inBackground(extra, task, async () => {
          await server.server.notification({ method: "notifications/message", params: { level: "info", data: `booking ${city}` } }, related);
          const answer = await server.server.elicitInput({ message: `Nights in ${city}?`, requestedSchema: NIGHTS }, related);
          return `${city}: ${answer.action} ${answer.content?.nights}`;
        });
        return { task };
      },
    }),
  );

  // The handler's `sendRequest` naming the task: the task is `input_required` while it waits.
  server.experimental.tasks.registerToolTask(
    "ask",
    { inputSchema: { question: z.string() }, execution: { taskSupport: "required" } },
    byTask({
      createTask: async ({ question }, extra) => {
        const task = await extra.taskStore.createTask({ ttl: 60000, pollInterval: 20 });
        inBackground(extra, task, async () => {
          const answer = await extra.sendRequest(
            { method: "elicitation/create", params: { mode: "form", message: question, requestedSchema: NIGHTS } },
            ElicitResultSchema,
            { relatedTask: { taskId: task.taskId } },
          );
          return `answered ${answer.action}`;
        });
        return { task };
      },
    }),
  );

  // Asks, and is cancelled before anyone fetches its result: the question fails.
  server.experimental.tasks.registerToolTask(
    "abandoned",
    { inputSchema: {}, execution: { taskSupport: "required" } },
    byTask({
      createTask: async (_args, extra) => {
        const task = await extra.taskStore.createTask({ ttl: 60000, pollInterval: 20 });
        server.server
          .elicitInput({ message: "Still there?", requestedSchema: NIGHTS }, { relatedTask: { taskId: task.taskId } })
          .then(
            () => server.server.sendLoggingMessage({ level: "error", data: "answered" }),
            (e) => server.server.sendLoggingMessage({ level: "warning", data: `abandoned: ${e.message}` }),
          );
        return { task };
      },
    }),
  );
  return server;
}

if (!process.argv.includes("--http")) {
  await makeServer().connect(new StdioServerTransport());
} else {
  const transports = {};
  const http = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) {
      chunks.push(c);
    }
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    const sid = req.headers["mcp-session-id"];
    let transport = sid ? transports[sid] : undefined;
    if (!transport && req.method === "POST" && isInitializeRequest(body)) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => {
          transports[id] = transport;
        },
      });
      await makeServer().connect(transport);
    }
    if (!transport) {
      res.writeHead(400).end();
      return;
    }
    await transport.handleRequest(req, res, body);
  });
  http.listen(0, "127.0.0.1", () => console.log(`listening ${http.address().port}`));
}

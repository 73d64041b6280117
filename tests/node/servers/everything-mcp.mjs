// An McpServer using every registration style servers use; run unchanged on ferromcp and on
// the official SDK by tests/node/dropin.test.mjs.
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { completable } from "@modelcontextprotocol/sdk/server/completable.js";
import { McpError, ErrorCode } from "@modelcontextprotocol/sdk/types.js";
import { InMemoryTaskStore } from "@modelcontextprotocol/sdk/experimental/tasks";
import { z } from "zod";

const taskStore = new InMemoryTaskStore();
const server = new McpServer(
  { name: "everything-mcp", version: "1.2.3" },
  {
    capabilities: { logging: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
    taskStore,
    // A burst of tool-list changes is announced once.
    debouncedNotificationMethods: ["notifications/tools/list_changed"],
  },
);

// A task tool: its work finishes a moment after the task is created.
server.experimental.tasks.registerToolTask(
  "slow-sum",
  { description: "Adds, as a task", inputSchema: { a: z.number(), b: z.number() }, execution: { taskSupport: "optional" } },
  {
    createTask: async ({ a, b }, extra) => {
      const task = await extra.taskStore.createTask({ ttl: 60000, pollInterval: 20 });
      setTimeout(() => {
        extra.taskStore.storeTaskResult(task.taskId, "completed", { content: [{ type: "text", text: String(a + b) }] });
      }, 30);
      return { task };
    },
    getTask: async (_args, extra) => extra.taskStore.getTask(extra.taskId),
    getTaskResult: async (_args, extra) => extra.taskStore.getTaskResult(extra.taskId),
  },
);

server.registerTool(
  "echo",
  { title: "Echo", description: "Echoes text", inputSchema: { text: z.string().describe("what to echo") } },
  async ({ text }) => ({ content: [{ type: "text", text }] }),
);
server.registerTool(
  "add",
  {
    description: "Adds",
    inputSchema: { a: z.number(), b: z.number().default(1) },
    outputSchema: { sum: z.number() },
  },
  async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }], structuredContent: { sum: a + b } }),
);
// Checked by an async refinement: zod parses it asynchronously, the rest synchronously.
server.registerTool(
  "word",
  { inputSchema: { word: z.string().refine(async (w) => w !== "no", { message: "not that word" }), count: z.number().default(1) } },
  async ({ word, count }) => ({ content: [{ type: "text", text: word.repeat(count) }] }),
);
server.registerTool("no-structured", { outputSchema: { n: z.number() } }, async () => ({ content: [] }));
server.registerTool("kaboom", { description: "Throws" }, async () => {
  throw new Error("kaboom");
});
server.registerTool("mcp-error", {}, async () => {
  throw new McpError(ErrorCode.InvalidRequest, "not like this");
});
server.tool("legacy", "A deprecated-style tool", { n: z.number().int() }, async ({ n }) => ({
  content: [{ type: "text", text: `n=${n}` }],
}));
server.tool("bare", async () => ({ content: [{ type: "text", text: "bare" }] }));
server.registerTool("progress", { inputSchema: { steps: z.number() } }, async ({ steps }, extra) => {
  for (let i = 1; i <= steps; i++) {
    await extra.sendNotification({
      method: "notifications/progress",
      params: { progressToken: extra._meta?.progressToken ?? 0, progress: i, total: steps },
    });
  }
  await server.sendLoggingMessage({ level: "info", data: `did ${steps}` });
  return { content: [{ type: "text", text: "done" }] };
});
server.registerTool("sample", { inputSchema: { q: z.string() } }, async ({ q }) => {
  const r = await server.server.createMessage({
    messages: [{ role: "user", content: { type: "text", text: q } }],
    maxTokens: 10,
  });
  return { content: [{ type: "text", text: `model said: ${r.content.text}` }] };
});

server.registerTool("slow", { description: "Waits until cancelled" }, async (extra) => {
  if (!extra.signal.aborted) {
    await new Promise((resolve) => extra.signal.addEventListener("abort", resolve));
  }
  await server.sendLoggingMessage({ level: "info", data: "aborted" });
  return { content: [{ type: "text", text: "too late" }] };
});

server.registerResource(
  "readme",
  "file:///readme.txt",
  { title: "Readme", description: "The readme", mimeType: "text/plain" },
  async (uri) => ({ contents: [{ uri: uri.href, text: "read me" }] }),
);
server.registerResource(
  "user",
  new ResourceTemplate("users://{id}/profile", {
    list: undefined,
    complete: { id: (value) => ["alice", "bob", "carol"].filter((x) => x.startsWith(value)) },
  }),
  { description: "A user" },
  async (uri, { id }) => ({ contents: [{ uri: uri.href, text: `profile of ${id}` }] }),
);
server.registerPrompt(
  "greet",
  {
    title: "Greet",
    description: "Greets",
    argsSchema: {
      name: completable(z.string().describe("who"), (v) => ["Ann", "Bo"].filter((x) => x.startsWith(v))),
      tone: z.string().optional(),
    },
  },
  ({ name, tone }) => ({
    messages: [{ role: "user", content: { type: "text", text: `Hello ${name}${tone ? ` (${tone})` : ""}` } }],
  }),
);
server.prompt("plain", async () => ({ messages: [{ role: "user", content: { type: "text", text: "plain" } }] }));

// Registers three tools and removes them again, in one tick: each announces a list change.
server.registerTool("churn", {}, async () => {
  for (const name of ["t1", "t2", "t3"]) {
    server.registerTool(name, {}, async () => ({ content: [] })).remove();
  }
  return { content: [{ type: "text", text: "churned" }] };
});

// Disabled by their authors: not listed, and a call says so.
server.registerTool("off", {}, async () => ({ content: [{ type: "text", text: "never" }] })).disable();
server
  .registerResource("off", "file:///off.txt", {}, async (uri) => ({ contents: [{ uri: uri.href, text: "never" }] }))
  .disable();
server.registerPrompt("off", {}, () => ({ messages: [] })).disable();

await server.connect(new StdioServerTransport());

// The same server files on ferromcp and on the official SDK 1.32: every answer the same.
import { test } from "node:test";
import assert from "node:assert/strict";
import { connect, onFerromcp, onOfficial, outcome } from "./harness.mjs";

async function weatherTranscript(file) {
  const c = await connect(file);
  const out = {
    server: c.getServerVersion(),
    capabilities: c.getServerCapabilities(),
    tools: await c.listTools(),
    unknown: await outcome(c.callTool({ name: "nope", arguments: {} })),
    // The forecast is random: its first line only.
    forecast: (await c.callTool({ name: "get_forecast", arguments: { location: "Oslo", days: 0 } })).content[0].text.split("\n")[0],
    ping: await c.ping(),
    noPrompts: await outcome(c.listPrompts()),
  };
  await c.close();
  return out;
}

async function taskSteps(c) {
  const types = await import("@modelcontextprotocol/sdk/types.js");
  const created = await c.request(
    { method: "tools/call", params: { name: "slow-sum", arguments: { a: 4, b: 5 }, task: { ttl: 60000 } } },
    types.CreateTaskResultSchema,
  );
  const taskId = created.task.taskId;
  const get = await c.request({ method: "tasks/get", params: { taskId } }, types.GetTaskResultSchema);
  const result = await c.request({ method: "tasks/result", params: { taskId } }, types.CallToolResultSchema);
  const listed = await c.request({ method: "tasks/list", params: {} }, types.ListTasksResultSchema);
  const unknown = await outcome(c.request({ method: "tasks/get", params: { taskId: "nope" } }, types.GetTaskResultSchema));
  const scrub = (v) =>
    JSON.parse(
      JSON.stringify(v)
        .replaceAll(taskId, "<task>")
        .replace(/"[0-9a-f]{32}"/g, '"<other task>"')
        .replace(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/g, "<time>"),
    );
  return scrub({ taskCreated: created, taskGet: { ...get, status: "<status>" }, taskResult: result, taskListed: listed.tasks.length, taskUnknown: unknown });
}

async function everythingTranscript(file) {
  const notes = [];
  const c = await connect(file, { sampling: {} });
  c.setRequestHandler(
    (await import("@modelcontextprotocol/sdk/types.js")).CreateMessageRequestSchema,
    async () => ({ role: "assistant", content: { type: "text", text: "hi" }, model: "m" }),
  );
  c.setNotificationHandler(
    (await import("@modelcontextprotocol/sdk/types.js")).LoggingMessageNotificationSchema,
    (n) => notes.push(n.params),
  );
  let listChanges = 0;
  c.setNotificationHandler(
    (await import("@modelcontextprotocol/sdk/types.js")).ToolListChangedNotificationSchema,
    () => listChanges++,
  );
  const progress = [];
  const call = (name, args, opts) => outcome(c.callTool({ name, arguments: args }, undefined, opts));
  const out = {
    server: c.getServerVersion(),
    capabilities: c.getServerCapabilities(),
    tools: await c.listTools(),
    resources: await c.listResources(),
    templates: await c.listResourceTemplates(),
    prompts: await c.listPrompts(),
    echo: await call("echo", { text: "hi" }),
    echoBad: await call("echo", { text: 5 }),
    echoMissing: await call("echo", {}),
    add: await call("add", { a: 2 }),
    word: await call("word", { word: "yes" }),
    wordRefused: await call("word", { word: "no", count: 2 }),
    wordBad: await call("word", { word: 1 }),
    noStructured: await call("no-structured", {}),
    kaboom: await call("kaboom", {}),
    mcpError: await call("mcp-error", {}),
    legacy: await call("legacy", { n: 3 }),
    legacyBad: await call("legacy", { n: 1.5 }),
    bare: await call("bare", {}),
    unknown: await call("nope", {}),
    // Six changes in one tick, announced once (`debouncedNotificationMethods`); the ping after
    // the call lets every notification sent before its answer arrive.
    churn: await call("churn", {}),
    churnAnnounced: (await c.ping()) && listChanges,
    disabledTool: await call("off", {}),
    disabledResource: await outcome(c.readResource({ uri: "file:///off.txt" })),
    disabledPrompt: await outcome(c.getPrompt({ name: "off" })),
    readme: await outcome(c.readResource({ uri: "file:///readme.txt" })),
    profile: await outcome(c.readResource({ uri: "users://alice/profile" })),
    missing: await outcome(c.readResource({ uri: "file:///missing" })),
    greet: await outcome(c.getPrompt({ name: "greet", arguments: { name: "Ann" } })),
    greetBad: await outcome(c.getPrompt({ name: "greet", arguments: {} })),
    plain: await outcome(c.getPrompt({ name: "plain" })),
    noPrompt: await outcome(c.getPrompt({ name: "nope" })),
    completePrompt: await outcome(
      c.complete({ ref: { type: "ref/prompt", name: "greet" }, argument: { name: "name", value: "A" } }),
    ),
    completeTemplate: await outcome(
      c.complete({ ref: { type: "ref/resource", uri: "users://{id}/profile" }, argument: { name: "id", value: "b" } }),
    ),
    setLevel: await outcome(c.setLoggingLevel("info")),
    progress: await call("progress", { steps: 2 }, { onprogress: (p) => progress.push(p) }),
    sample: await call("sample", { q: "hello?" }),
    // A task tool called plainly (polled to its end), then as a task: created, looked up and
    // its result fetched (task ids and times are random: replaced below).
    taskPlain: await call("slow-sum", { a: 2, b: 3 }),
    ...(await taskSteps(c)),
  };
  // The client runs progress callbacks a microtask after reading them, and drops them once the
  // answer is read: how many it sees depends on how the bytes were split, on either SDK.
  // wire.test.mjs checks the notifications on the wire instead.
  out.logs = notes;
  await c.close();
  return out;
}

for (const [name, transcript] of [
  ["weather-server.mjs", weatherTranscript],
  ["everything-mcp.mjs", everythingTranscript],
]) {
  test(`${name} answers as on the official SDK`, async () => {
    const official = await transcript(onOfficial(name));
    const ours = await transcript(onFerromcp(name));
    assert.deepStrictEqual(ours, official);
    if (name === "everything-mcp.mjs") {
      assert.equal(ours.churnAnnounced, 1);
      // An async refinement: checked (asynchronously) as the synchronous schemas are.
      assert.equal(ours.word.result.content[0].text, "yes");
      assert.equal(ours.wordRefused.result.isError, true);
      assert.match(ours.wordRefused.result.content[0].text, /not that word/);
    }
  });
}

// The "everything" server of the official MCP conformance suite for the 2026-07-28 revision, on
// ferromcp's v2 API (the names of `@modelcontextprotocol/server` 2.4).
//
// It serves http://127.0.0.1:PORT/mcp (`--port N`) with node's `http`. Requests of the
// 2026-07-28 revision (`classifyInboundRequest(...).kind !== "legacy"`) go to one
// `createMcpHandler(createMcpServer)`, which serves each with a fresh `McpServer`; 2025-era
// traffic keeps a session per client (`NodeStreamableHTTPServerTransport`). The tools, resources
// and prompts are those the suite's server scenarios ask for, including the multi-round-trip
// (input-required) tools, the diagnostic tools of `server-stateless` and the listen triggers.
// It is written the way a user of the official v2 packages writes a server; only the import
// specifiers name ferromcp (`@modelcontextprotocol/server` → `ferromcp`,
// `@modelcontextprotocol/node` → `ferromcp/node`).
//
// Run: node tests/conformance/everything-v2.mjs --port 3001

import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

import {
  acceptedContent,
  classifyInboundRequest,
  CLIENT_CAPABILITIES_META_KEY,
  createMcpHandler,
  createRequestStateCodec,
  fromJsonSchema,
  inputRequired,
  isInitializeRequest,
  McpServer,
  ProtocolError,
  ProtocolErrorCode,
  ResourceTemplate,
} from "ferromcp";
import { NodeStreamableHTTPServerTransport, toNodeHandler } from "ferromcp/node";
import * as z from "zod/v4";

// A 1x1 red PNG and a minimal WAV file.
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
const WAV_BASE64 = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (t) => ({ content: [{ type: "text", text: t }] });

// The state a multi-round-trip tool hands the client is signed with a key of this process: the
// server's `requestState.verify` refuses a retry whose state was altered, before the handler.
const stateCodec = createRequestStateCodec({ key: crypto.getRandomValues(new Uint8Array(32)) });

const nameSchema = {
  type: "object",
  properties: { name: { type: "string" } },
  required: ["name"],
};
const confirmSchema = {
  type: "object",
  properties: { ok: { type: "boolean" } },
  required: ["ok"],
};

/** The session transports of 2025-era clients, by session id. */
const transports = new Map();

/** A minimal in-memory event store, so a 2025-era client can resume a stream (SEP-1699). */
class MemoryEventStore {
  constructor() {
    this.events = [];
  }

  async storeEvent(streamId, message) {
    const eventId = `${streamId}_${this.events.length}`;
    this.events.push({ eventId, streamId, message });
    return eventId;
  }

  async replayEventsAfter(lastEventId, { send }) {
    const at = this.events.findIndex((e) => e.eventId === lastEventId);
    if (at < 0) {
      return "";
    }
    const { streamId } = this.events[at];
    for (const e of this.events.slice(at + 1)) {
      if (e.streamId === streamId) {
        await send(e.eventId, e.message);
      }
    }
    return streamId;
  }
}

function createMcpServer() {
  const server = new McpServer(
    { name: "mcp-conformance-test-server", version: "1.0.0" },
    {
      capabilities: {
        tools: { listChanged: true },
        resources: { subscribe: true, listChanged: true },
        prompts: { listChanged: true },
        logging: {},
        completions: {},
      },
      requestState: { verify: stateCodec.verify },
    },
  );

  // ----- Content tools -----
  server.registerTool("test_simple_text", { description: "Tests simple text content response" }, async () =>
    text("This is a simple text response for testing."),
  );
  // An argument mirrored in an `Mcp-Param-Region` header (SEP-2243), which calls must carry.
  server.registerTool(
    "test_custom_header",
    {
      description: "Tests an argument carried in a custom Mcp-Param header",
      inputSchema: z.object({ region: z.string().meta({ "x-mcp-header": "Region" }) }),
    },
    async ({ region }) => text(`region ${region}`),
  );
  server.registerTool("test_image_content", { description: "Tests image content response" }, async () => ({
    content: [{ type: "image", data: PNG_BASE64, mimeType: "image/png" }],
  }));
  server.registerTool("test_audio_content", { description: "Tests audio content response" }, async () => ({
    content: [{ type: "audio", data: WAV_BASE64, mimeType: "audio/wav" }],
  }));
  server.registerTool("test_embedded_resource", { description: "Tests embedded resource content response" }, async () => ({
    content: [
      {
        type: "resource",
        resource: { uri: "test://embedded-resource", mimeType: "text/plain", text: "This is an embedded resource content." },
      },
    ],
  }));
  server.registerTool(
    "test_multiple_content_types",
    { description: "Tests response with multiple content types (text, image, resource)" },
    async () => ({
      content: [
        { type: "text", text: "Multiple content types test:" },
        { type: "image", data: PNG_BASE64, mimeType: "image/png" },
        {
          type: "resource",
          resource: {
            uri: "test://mixed-content-resource",
            mimeType: "application/json",
            text: JSON.stringify({ test: "data", value: 123 }),
          },
        },
      ],
    }),
  );
  server.registerTool("test_error_handling", { description: "Tests error response handling" }, async () => {
    throw new Error("This tool intentionally returns an error for testing");
  });

  // ----- Notifications while a tool runs -----
  server.registerTool(
    "test_tool_with_logging",
    { description: "Tests tool that emits log messages during execution", inputSchema: z.object({}) },
    async (_args, ctx) => {
      for (const data of ["Tool execution started", "Tool processing data", "Tool execution completed"]) {
        await ctx.mcpReq.notify({ method: "notifications/message", params: { level: "info", data } });
        await sleep(20);
      }
      return text("Tool with logging executed successfully");
    },
  );
  server.registerTool(
    "test_tool_with_progress",
    { description: "Tests tool that reports progress notifications", inputSchema: z.object({}) },
    async (_args, ctx) => {
      const progressToken = ctx.mcpReq._meta?.progressToken;
      if (progressToken !== undefined) {
        for (const progress of [0, 50, 100]) {
          await ctx.mcpReq.notify({
            method: "notifications/progress",
            params: { progressToken, progress, total: 100, message: `Completed step ${progress} of 100` },
          });
          if (progress < 100) {
            await sleep(20);
          }
        }
      }
      return text(String(progressToken ?? "no-progress-token"));
    },
  );

  // ----- 2025-era server→client requests -----
  server.registerTool(
    "test_sampling",
    {
      description: "Tests server-initiated sampling (LLM completion request)",
      inputSchema: z.object({ prompt: z.string().describe("The prompt to send to the LLM") }),
    },
    async ({ prompt }, ctx) => {
      try {
        const result = await ctx.mcpReq.send({
          method: "sampling/createMessage",
          params: { messages: [{ role: "user", content: { type: "text", text: prompt } }], maxTokens: 100 },
        });
        return text(`LLM response: ${result.content?.text ?? "No response"}`);
      } catch (e) {
        return text(`Sampling not supported or error: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  );
  server.registerTool(
    "test_elicitation",
    {
      description: "Tests server-initiated elicitation (user input request)",
      inputSchema: z.object({ message: z.string().describe("The message to show the user") }),
    },
    async ({ message }, ctx) => {
      try {
        const result = await ctx.mcpReq.send({
          method: "elicitation/create",
          params: {
            message,
            requestedSchema: {
              type: "object",
              properties: { response: { type: "string", description: "User's response" } },
              required: ["response"],
            },
          },
        });
        return text(`User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
      } catch (e) {
        return text(`Elicitation not supported or error: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  );

  /** A 2025-era elicitation whose answer the tool reports. */
  const elicitTool = (name, description, message, properties) =>
    server.registerTool(name, { description, inputSchema: z.object({}) }, async (_args, ctx) => {
      try {
        const result = await ctx.mcpReq.send({
          method: "elicitation/create",
          params: { message, requestedSchema: { type: "object", properties, required: [] } },
        });
        return text(`Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
      } catch (e) {
        return text(`Elicitation not supported or error: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  elicitTool("test_elicitation_sep1034_defaults", "Tests elicitation with default values per SEP-1034", "Please review and update the form fields with defaults", {
    name: { type: "string", description: "User name", default: "John Doe" },
    age: { type: "integer", description: "User age", default: 30 },
    score: { type: "number", description: "User score", default: 95.5 },
    status: { type: "string", description: "User status", enum: ["active", "inactive", "pending"], default: "active" },
    verified: { type: "boolean", description: "Verification status", default: true },
  });
  const titled = (prefix) => [1, 2, 3].map((i) => ({ const: `value${i}`, title: `${["First", "Second", "Third"][i - 1]} ${prefix}` }));
  elicitTool("test_elicitation_sep1330_enums", "Tests elicitation with enum schema improvements per SEP-1330", "Please select options from the enum fields", {
    untitledSingle: { type: "string", description: "Select one option", enum: ["option1", "option2", "option3"] },
    titledSingle: { type: "string", description: "Select one option with titles", oneOf: titled("Option") },
    legacyEnum: {
      type: "string",
      description: "Select one option (legacy)",
      enum: ["opt1", "opt2", "opt3"],
      enumNames: ["Option One", "Option Two", "Option Three"],
    },
    untitledMulti: {
      type: "array",
      description: "Select multiple options",
      minItems: 1,
      maxItems: 3,
      items: { type: "string", enum: ["option1", "option2", "option3"] },
    },
    titledMulti: {
      type: "array",
      description: "Select multiple options with titles",
      minItems: 1,
      maxItems: 3,
      items: { anyOf: titled("Choice") },
    },
  });
  server.registerTool(
    "test_reconnection",
    { description: "Closes the SSE stream mid-call; the client resumes with Last-Event-ID (SEP-1699)", inputSchema: z.object({}) },
    async (_args, ctx) => {
      ctx.http?.closeSSE?.();
      await sleep(100);
      return text("Reconnection test completed successfully. If you received this, the client properly reconnected after stream closure.");
    },
  );

  // ----- Diagnostics of the server-stateless scenario (2026-07-28) -----
  server.registerTool(
    "test_missing_capability",
    { description: "Requires the sampling client capability (an in-band sampling request)", inputSchema: z.object({}) },
    async (_args, ctx) => {
      if (ctx.mcpReq.inputResponses?.llm_answer === undefined) {
        return inputRequired({
          inputRequests: {
            llm_answer: inputRequired.createMessage({
              messages: [{ role: "user", content: { type: "text", text: "Reply with the single word: pong" } }],
              maxTokens: 16,
            }),
          },
        });
      }
      return text("sampling round-trip complete");
    },
  );
  server.registerTool(
    "test_streaming_elicitation",
    { description: "Answers with result frames only, no request of its own", inputSchema: z.object({}) },
    async () => text("stream observed: result frames only, no top-level requests"),
  );
  server.registerTool(
    "test_logging_tool",
    { description: "Logs through ctx.mcpReq.log (sent only when the request asks for a log level)", inputSchema: z.object({}) },
    async (_args, ctx) => {
      await ctx.mcpReq.log("info", "test_logging_tool ran");
      return text("logged through the request's log channel");
    },
  );
  server.registerTool(
    "test_trigger_tool_change",
    { description: "Announces a tools/list_changed to open listens", inputSchema: z.object({}) },
    async () => {
      modern.notify.toolsChanged();
      return text("tools_list_changed published");
    },
  );
  server.registerTool(
    "test_trigger_prompt_change",
    { description: "Announces a prompts/list_changed to open listens", inputSchema: z.object({}) },
    async () => {
      modern.notify.promptsChanged();
      return text("prompts_list_changed published");
    },
  );

  // ----- JSON Schema 2020-12 -----
  server.registerTool(
    "json_schema_2020_12_tool",
    {
      description: "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613, SEP-2106)",
      inputSchema: fromJsonSchema({
        $schema: "https://json-schema.org/draft/2020-12/schema",
        type: "object",
        $defs: {
          address: {
            $anchor: "addressDef",
            type: "object",
            properties: { street: { type: "string" }, city: { type: "string" } },
          },
        },
        properties: {
          name: { type: "string" },
          address: { $ref: "#/$defs/address" },
          contactMethod: { type: "string", enum: ["phone", "email"] },
          phone: { type: "string" },
          email: { type: "string" },
        },
        allOf: [{ anyOf: [{ required: ["phone"] }, { required: ["email"] }] }],
        if: { properties: { contactMethod: { const: "phone" } }, required: ["contactMethod"] },
        then: { required: ["phone"] },
        else: { required: ["email"] },
        additionalProperties: false,
      }),
    },
    async (args) => text(`JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`),
  );

  // ----- Multi-round-trip (input-required) tools, 2026-07-28 -----
  server.registerTool(
    "test_input_required_result_elicitation",
    { description: "Asks for the caller's name with an in-band elicitation", inputSchema: z.object({}) },
    async (_args, ctx) => {
      const name = acceptedContent(ctx.mcpReq.inputResponses, "user_name")?.name;
      if (typeof name !== "string") {
        return inputRequired({
          inputRequests: { user_name: inputRequired.elicit({ message: "What is your name?", requestedSchema: nameSchema }) },
        });
      }
      return text(`Hello, ${name}!`);
    },
  );
  server.registerTool(
    "test_input_required_result_sampling",
    { description: "Asks the client's model a question with an in-band sampling request", inputSchema: z.object({}) },
    async (_args, ctx) => {
      const answer = ctx.mcpReq.inputResponses?.capital_question;
      if (answer === undefined) {
        return inputRequired({
          inputRequests: {
            capital_question: inputRequired.createMessage({
              messages: [{ role: "user", content: { type: "text", text: "What is the capital of France?" } }],
              maxTokens: 100,
            }),
          },
        });
      }
      return text(`Sampling response: ${answer.content?.text ?? JSON.stringify(answer)}`);
    },
  );
  server.registerTool(
    "test_input_required_result_list_roots",
    { description: "Asks for the client's roots with an in-band roots/list", inputSchema: z.object({}) },
    async (_args, ctx) => {
      const roots = ctx.mcpReq.inputResponses?.client_roots?.roots;
      if (!Array.isArray(roots)) {
        return inputRequired({ inputRequests: { client_roots: inputRequired.listRoots() } });
      }
      return text(`Client exposed ${roots.length} root(s): ${roots.map((r) => r.uri).join(", ")}`);
    },
  );
  server.registerTool(
    "test_input_required_result_request_state",
    { description: "Round-trips signed requestState beside an elicitation", inputSchema: z.object({}) },
    async (_args, ctx) => {
      if (acceptedContent(ctx.mcpReq.inputResponses, "confirm") === undefined) {
        return inputRequired({
          inputRequests: { confirm: inputRequired.elicit({ message: "Please confirm", requestedSchema: confirmSchema }) },
          requestState: await stateCodec.mint({ tool: "request_state", nonce: randomUUID() }),
        });
      }
      const state = ctx.mcpReq.requestState();
      if (state?.tool !== "request_state") {
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, "Invalid requestState: missing or failed integrity verification");
      }
      return text("state-ok: requestState verified and confirmation received");
    },
  );
  server.registerTool(
    "test_input_required_result_multiple_inputs",
    { description: "Asks for an elicitation, a sampling and the roots in one round", inputSchema: z.object({}) },
    async (_args, ctx) => {
      const responses = ctx.mcpReq.inputResponses;
      const name = acceptedContent(responses, "user_name")?.name;
      const greeting = responses?.greeting?.content?.text;
      const roots = responses?.client_roots?.roots;
      if (typeof name !== "string" || typeof greeting !== "string" || !Array.isArray(roots)) {
        return inputRequired({
          inputRequests: {
            user_name: inputRequired.elicit({ message: "What is your name?", requestedSchema: nameSchema }),
            greeting: inputRequired.createMessage({
              messages: [{ role: "user", content: { type: "text", text: "Generate a greeting" } }],
              maxTokens: 50,
            }),
            client_roots: inputRequired.listRoots(),
          },
          requestState: await stateCodec.mint({ tool: "multiple_inputs", nonce: randomUUID() }),
        });
      }
      return text(`${greeting} ${name} — ${roots.length} root(s) visible`);
    },
  );
  server.registerTool(
    "test_input_required_result_multi_round",
    { description: "Two elicitation rounds, the round kept in signed requestState", inputSchema: z.object({}) },
    async (_args, ctx) => {
      const state = ctx.mcpReq.requestState();
      const round = state?.tool === "multi_round" && typeof state.round === "number" ? state.round : 0;
      if (round === 0) {
        return inputRequired({
          inputRequests: { step1: inputRequired.elicit({ message: "Step 1: What is your name?", requestedSchema: nameSchema }) },
          requestState: await stateCodec.mint({ tool: "multi_round", round: 1, nonce: randomUUID() }),
        });
      }
      if (round === 1) {
        const name = acceptedContent(ctx.mcpReq.inputResponses, "step1")?.name ?? "unknown";
        return inputRequired({
          inputRequests: {
            step2: inputRequired.elicit({
              message: "Step 2: What is your favorite color?",
              requestedSchema: { type: "object", properties: { color: { type: "string" } }, required: ["color"] },
            }),
          },
          requestState: await stateCodec.mint({ tool: "multi_round", round: 2, name, nonce: randomUUID() }),
        });
      }
      const color = acceptedContent(ctx.mcpReq.inputResponses, "step2")?.color ?? "unknown";
      return text(`Multi-round complete: ${state.name ?? "unknown"} likes ${color}`);
    },
  );
  server.registerTool(
    "test_input_required_result_tampered_state",
    { description: "Refuses a retry whose requestState was altered", inputSchema: z.object({}) },
    async (_args, ctx) => {
      if (ctx.mcpReq.requestState() !== undefined && acceptedContent(ctx.mcpReq.inputResponses, "confirm") !== undefined) {
        return text("integrity-ok: requestState verified");
      }
      return inputRequired({
        inputRequests: { confirm: inputRequired.elicit({ message: "Please confirm", requestedSchema: confirmSchema }) },
        requestState: await stateCodec.mint({ tool: "tampered_state", nonce: randomUUID() }),
      });
    },
  );
  server.registerTool(
    "test_input_required_result_capabilities",
    { description: "Asks only for the kinds of input the request's client capabilities cover", inputSchema: z.object({}) },
    async (_args, ctx) => {
      if (ctx.mcpReq.inputResponses !== undefined) {
        return text("Capability-aware input requests fulfilled");
      }
      const declared = ctx.mcpReq.envelope?.[CLIENT_CAPABILITIES_META_KEY] ?? {};
      const inputRequests = {};
      if (declared.elicitation !== undefined) {
        inputRequests.user_name = inputRequired.elicit({ message: "What is your name?", requestedSchema: nameSchema });
      }
      if (declared.sampling !== undefined) {
        inputRequests.greeting = inputRequired.createMessage({
          messages: [{ role: "user", content: { type: "text", text: "Generate a short greeting" } }],
          maxTokens: 50,
        });
      }
      if (declared.roots !== undefined) {
        inputRequests.client_roots = inputRequired.listRoots();
      }
      if (Object.keys(inputRequests).length === 0) {
        return text("No declared client capability supports an in-band input request");
      }
      return inputRequired({ inputRequests });
    },
  );

  // ----- Resources -----
  server.registerResource(
    "static-text",
    "test://static-text",
    { title: "Static Text Resource", description: "A static text resource for testing", mimeType: "text/plain" },
    async () => ({
      contents: [{ uri: "test://static-text", mimeType: "text/plain", text: "This is the content of the static text resource." }],
    }),
  );
  server.registerResource(
    "static-binary",
    "test://static-binary",
    { title: "Static Binary Resource", description: "A static binary resource (image) for testing", mimeType: "image/png" },
    async () => ({ contents: [{ uri: "test://static-binary", mimeType: "image/png", blob: PNG_BASE64 }] }),
  );
  server.registerResource(
    "template",
    new ResourceTemplate("test://template/{id}/data", { list: undefined }),
    { title: "Resource Template", description: "A resource template with parameter substitution", mimeType: "application/json" },
    async (uri, { id }) => ({
      contents: [
        {
          uri: uri.toString(),
          mimeType: "application/json",
          text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
        },
      ],
    }),
  );
  server.registerResource(
    "watched-resource",
    "test://watched-resource",
    { title: "Watched Resource", description: "A resource to subscribe to", mimeType: "text/plain" },
    async () => ({ contents: [{ uri: "test://watched-resource", mimeType: "text/plain", text: "Watched resource content" }] }),
  );
  server.server.setRequestHandler("resources/subscribe", async () => ({}));
  server.server.setRequestHandler("resources/unsubscribe", async () => ({}));

  // ----- Prompts -----
  server.registerPrompt("test_simple_prompt", { title: "Simple Test Prompt", description: "A simple prompt without arguments" }, async () => ({
    messages: [{ role: "user", content: { type: "text", text: "This is a simple prompt for testing." } }],
  }));
  server.registerPrompt(
    "test_prompt_with_arguments",
    {
      title: "Prompt With Arguments",
      description: "A prompt with required arguments",
      argsSchema: z.object({
        arg1: z.string().describe("First test argument"),
        arg2: z.string().describe("Second test argument"),
      }),
    },
    async ({ arg1, arg2 }) => ({
      messages: [{ role: "user", content: { type: "text", text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` } }],
    }),
  );
  server.registerPrompt(
    "test_prompt_with_embedded_resource",
    {
      title: "Prompt With Embedded Resource",
      description: "A prompt that includes an embedded resource",
      argsSchema: z.object({ resourceUri: z.string().describe("URI of the resource to embed") }),
    },
    async ({ resourceUri }) => ({
      messages: [
        {
          role: "user",
          content: { type: "resource", resource: { uri: resourceUri, mimeType: "text/plain", text: "Embedded resource content for testing." } },
        },
        { role: "user", content: { type: "text", text: "Please process the embedded resource above." } },
      ],
    }),
  );
  server.registerPrompt("test_prompt_with_image", { title: "Prompt With Image", description: "A prompt that includes image content" }, async () => ({
    messages: [
      { role: "user", content: { type: "image", data: PNG_BASE64, mimeType: "image/png" } },
      { role: "user", content: { type: "text", text: "Please analyze the image above." } },
    ],
  }));
  server.registerPrompt(
    "test_input_required_result_prompt",
    { title: "Input-required Prompt", description: "A prompt that asks for context before rendering" },
    async (ctx) => {
      const context = acceptedContent(ctx.mcpReq.inputResponses, "user_context")?.context;
      if (typeof context !== "string") {
        return inputRequired({
          inputRequests: {
            user_context: inputRequired.elicit({
              message: "What context should the prompt use?",
              requestedSchema: { type: "object", properties: { context: { type: "string" } }, required: ["context"] },
            }),
          },
        });
      }
      return { messages: [{ role: "user", content: { type: "text", text: `Use the following context: ${context}` } }] };
    },
  );

  // ----- Logging and completion -----
  server.server.setRequestHandler("logging/setLevel", async () => ({}));
  server.server.setRequestHandler("completion/complete", async () => ({
    completion: { values: [], total: 0, hasMore: false },
  }));
  return server;
}

// 2026-07-28 traffic: one handler, a fresh server per request.
const modern = createMcpHandler(() => createMcpServer(), {
  onerror: (e) => console.error("2026-07-28 handler:", e.message),
});
const modernNode = toNodeHandler(modern);

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A local server answers only requests naming itself (DNS rebinding). */
function localHost(req) {
  try {
    return LOCAL_HOSTS.has(new URL(`http://${req.headers.host}`).hostname);
  } catch {
    return false;
  }
}

function jsonRpcError(res, status, code, message) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) {
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString("utf8");
  return raw === "" ? undefined : JSON.parse(raw);
}

const first = (v) => (Array.isArray(v) ? v[0] : v);

async function handle(req, res) {
  if (!localHost(req)) {
    jsonRpcError(res, 403, -32000, "Forbidden: invalid Host header");
    return;
  }
  let body;
  if (req.method === "POST") {
    try {
      body = await readJson(req);
    } catch {
      jsonRpcError(res, 400, -32700, "Parse error");
      return;
    }
  }
  const route = classifyInboundRequest({
    httpMethod: req.method ?? "GET",
    protocolVersionHeader: first(req.headers["mcp-protocol-version"]),
    mcpMethodHeader: first(req.headers["mcp-method"]),
    body,
  });
  if (route.kind !== "legacy") {
    await modernNode(req, res, body);
    return;
  }
  // 2025-era traffic: a session per client.
  const sessionId = first(req.headers["mcp-session-id"]);
  if (sessionId !== undefined) {
    const transport = transports.get(sessionId);
    if (!transport) {
      jsonRpcError(res, 404, -32001, "Session not found");
      return;
    }
    await transport.handleRequest(req, res, body);
    return;
  }
  if (req.method !== "POST" || !isInitializeRequest(body)) {
    jsonRpcError(res, 400, -32000, "Bad Request: Session ID required");
    return;
  }
  const server = createMcpServer();
  const transport = new NodeStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    eventStore: new MemoryEventStore(),
    retryInterval: 1000,
    onsessioninitialized: (id) => {
      transports.set(id, transport);
    },
  });
  transport.onclose = () => {
    if (transport.sessionId) {
      transports.delete(transport.sessionId);
    }
  };
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
}

function main() {
  const { values } = parseArgs({ options: { port: { type: "string", default: "3001" } } });
  const port = Number(values.port);
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path !== "/mcp") {
      res.writeHead(404).end();
      return;
    }
    handle(req, res).catch((e) => {
      console.error("error handling an MCP request:", e);
      if (!res.headersSent) {
        jsonRpcError(res, 500, -32603, "Internal server error");
      }
    });
  });
  http.listen(port, "127.0.0.1", () => {
    console.error(`MCP conformance server (2026-07-28) on http://127.0.0.1:${port}/mcp`);
  });
  const stop = async () => {
    await modern.close();
    for (const transport of transports.values()) {
      await transport.close().catch(() => {});
    }
    http.close();
    http.closeAllConnections?.();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main();

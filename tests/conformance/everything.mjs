// The "everything" server of the official MCP conformance suite, on ferromcp's JS API.
//
// It serves Streamable HTTP at http://127.0.0.1:PORT/mcp (`--port N`) with node's `http`, one
// `McpServer` and one `StreamableHTTPServerTransport` per session, and offers every tool,
// resource, resource template, prompt and completion that the suite's 2025-11-25 server
// scenarios ask for (`@modelcontextprotocol/conformance`, `src/scenarios/server/`). It is written
// the way a user of `@modelcontextprotocol/sdk` 1.x writes a server; only the import specifiers
// name ferromcp. `tests/conformance/run.py --node-server --official` runs a copy of this file with
// `ferromcp/` turned into `@modelcontextprotocol/sdk/`, under the official SDK.
//
// Run: node tests/conformance/everything.mjs --port 3001

import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";

import { completable } from "ferromcp/server/completable.js";
import { McpServer, ResourceTemplate } from "ferromcp/server/mcp.js";
import { StreamableHTTPServerTransport } from "ferromcp/server/streamableHttp.js";
import {
  CreateMessageResultSchema,
  ElicitResultSchema,
  isInitializeRequest,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from "ferromcp/types.js";
import { z } from "zod";

// A 1x1 red PNG and a minimal WAV file.
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
const WAV_BASE64 = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (t) => ({ content: [{ type: "text", text: t }] });

/** Completion suggestions, by argument name: the ones starting with what the user typed. */
const SUGGESTIONS = {
  arg1: ["paris", "park", "party", "test", "testing"],
  arg2: ["alpha", "beta", "gamma"],
  id: ["1", "2", "3", "123"],
};
const suggest = (name) => (value) => SUGGESTIONS[name].filter((v) => v.startsWith(value ?? ""));

// Resource subscriptions, by session: URIs a client asked to hear about.
const subscriptions = new Map();

/** The transports of live sessions, by session id (each has its own McpServer). */
const transports = new Map();

/** A minimal in-memory event store, so a client can resume a stream (SEP-1699). */
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
        logging: {},
        resources: { subscribe: true },
      },
    },
  );

  // --- tools -------------------------------------------------------------------------------------

  server.registerTool(
    "test_simple_text",
    { description: "Tests simple text content response" },
    async () => text("This is a simple text response for testing."),
  );

  server.registerTool("test_image_content", { description: "Tests image content response" }, async () => ({
    content: [{ type: "image", data: PNG_BASE64, mimeType: "image/png" }],
  }));

  server.registerTool("test_audio_content", { description: "Tests audio content response" }, async () => ({
    content: [{ type: "audio", data: WAV_BASE64, mimeType: "audio/wav" }],
  }));

  server.registerTool(
    "test_embedded_resource",
    { description: "Tests embedded resource content response" },
    async () => ({
      content: [
        {
          type: "resource",
          resource: {
            uri: "test://embedded-resource",
            mimeType: "text/plain",
            text: "This is an embedded resource content.",
          },
        },
      ],
    }),
  );

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

  server.registerTool(
    "test_tool_with_logging",
    { description: "Tests tool that emits log messages during execution" },
    async (extra) => {
      const steps = ["Tool execution started", "Tool processing data", "Tool execution completed"];
      for (const [i, data] of steps.entries()) {
        if (i > 0) {
          await sleep(50);
        }
        await extra.sendNotification({ method: "notifications/message", params: { level: "info", data } });
      }
      return text("Tool with logging executed successfully");
    },
  );

  server.registerTool(
    "test_tool_with_progress",
    { description: "Tests tool that reports progress notifications" },
    async (extra) => {
      const progressToken = extra._meta?.progressToken;
      for (const progress of [0, 50, 100]) {
        if (progress > 0) {
          await sleep(50);
        }
        if (progressToken !== undefined) {
          await extra.sendNotification({
            method: "notifications/progress",
            params: { progressToken, progress, total: 100, message: `Completed step ${progress} of 100` },
          });
        }
      }
      return text("Tool with progress executed successfully");
    },
  );

  server.registerTool("test_error_handling", { description: "Tests error response handling" }, async () => {
    throw new Error("This tool intentionally returns an error for testing");
  });

  server.registerTool(
    "test_sampling",
    {
      description: "Tests server-initiated sampling (LLM completion request)",
      inputSchema: { prompt: z.string().describe("The prompt to send to the LLM") },
    },
    async ({ prompt }, extra) => {
      const result = await extra.sendRequest(
        {
          method: "sampling/createMessage",
          params: { messages: [{ role: "user", content: { type: "text", text: prompt } }], maxTokens: 100 },
        },
        CreateMessageResultSchema,
      );
      const reply = result.content?.type === "text" ? result.content.text : "No response";
      return text(`LLM response: ${reply}`);
    },
  );

  server.registerTool(
    "test_elicitation",
    {
      description: "Tests server-initiated elicitation (user input request)",
      inputSchema: { message: z.string().describe("The message to show the user") },
    },
    async ({ message }, extra) => {
      const result = await server.server.elicitInput(
        {
          message,
          requestedSchema: {
            type: "object",
            properties: {
              username: { type: "string", description: "User's response" },
              email: { type: "string", description: "User's email address" },
            },
            required: ["username", "email"],
          },
        },
        { relatedRequestId: extra.requestId },
      );
      return text(`User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
    },
  );

  server.registerTool(
    "test_elicitation_sep1034_defaults",
    { description: "Tests elicitation with default values per SEP-1034" },
    async (extra) => {
      const result = await extra.sendRequest(
        {
          method: "elicitation/create",
          params: {
            message: "Please review and update the form fields with defaults",
            requestedSchema: {
              type: "object",
              properties: {
                name: { type: "string", description: "User name", default: "John Doe" },
                age: { type: "integer", description: "User age", default: 30 },
                score: { type: "number", description: "User score", default: 95.5 },
                status: {
                  type: "string",
                  description: "User status",
                  enum: ["active", "inactive", "pending"],
                  default: "active",
                },
                verified: { type: "boolean", description: "Verification status", default: true },
              },
            },
          },
        },
        ElicitResultSchema,
      );
      return text(`Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
    },
  );

  server.registerTool(
    "test_elicitation_sep1330_enums",
    { description: "Tests elicitation with enum schema improvements per SEP-1330" },
    async (extra) => {
      const titled = (...pairs) => pairs.map(([value, title]) => ({ const: value, title }));
      const result = await extra.sendRequest(
        {
          method: "elicitation/create",
          params: {
            message: "Please select options from the enum fields",
            requestedSchema: {
              type: "object",
              properties: {
                untitledSingle: {
                  type: "string",
                  description: "Select one option",
                  enum: ["option1", "option2", "option3"],
                },
                titledSingle: {
                  type: "string",
                  description: "Select one option with titles",
                  oneOf: titled(["value1", "First Option"], ["value2", "Second Option"], ["value3", "Third Option"]),
                },
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
                  items: {
                    anyOf: titled(["value1", "First Choice"], ["value2", "Second Choice"], ["value3", "Third Choice"]),
                  },
                },
              },
            },
          },
        },
        ElicitResultSchema,
      );
      return text(`Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
    },
  );

  server.registerTool(
    "json_schema_2020_12_tool",
    {
      description: "Tool with JSON Schema 2020-12 features for conformance testing (SEP-1613)",
      inputSchema: {
        name: z.string().optional(),
        address: z.object({ street: z.string().optional(), city: z.string().optional() }).optional(),
      },
    },
    async (args) => text(`JSON Schema 2020-12 tool called with: ${JSON.stringify(args)}`),
  );

  server.registerTool(
    "test_reconnection",
    {
      description:
        "Tests SSE stream disconnection and client reconnection (SEP-1699): the server closes the " +
        "stream mid-call and sends the result after the client reconnects",
    },
    async (extra) => {
      transports.get(extra.sessionId)?.closeSSEStream(extra.requestId);
      await sleep(100);
      return text("Reconnection test completed successfully");
    },
  );

  // --- resources ---------------------------------------------------------------------------------

  server.registerResource(
    "static-text",
    "test://static-text",
    { title: "Static Text Resource", description: "A static text resource for testing", mimeType: "text/plain" },
    async (uri) => ({
      contents: [{ uri: uri.href, mimeType: "text/plain", text: "This is the content of the static text resource." }],
    }),
  );

  server.registerResource(
    "static-binary",
    "test://static-binary",
    {
      title: "Static Binary Resource",
      description: "A static binary resource (image) for testing",
      mimeType: "image/png",
    },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "image/png", blob: PNG_BASE64 }] }),
  );

  server.registerResource(
    "template",
    new ResourceTemplate("test://template/{id}/data", { list: undefined, complete: { id: suggest("id") } }),
    {
      title: "Resource Template",
      description: "A resource template with parameter substitution",
      mimeType: "application/json",
    },
    async (uri, { id }) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: "application/json",
          text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }),
        },
      ],
    }),
  );

  server.registerResource(
    "watched-resource",
    "test://watched-resource",
    { title: "Watched Resource", description: "A resource clients may subscribe to", mimeType: "text/plain" },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: "text/plain", text: "Watched resource content" }] }),
  );

  // `McpServer` has no method for subscriptions; the low-level server takes them.
  server.server.setRequestHandler(SubscribeRequestSchema, async (request, extra) => {
    if (!subscriptions.has(extra.sessionId)) {
      subscriptions.set(extra.sessionId, new Set());
    }
    subscriptions.get(extra.sessionId).add(request.params.uri);
    return {};
  });

  server.server.setRequestHandler(UnsubscribeRequestSchema, async (request, extra) => {
    subscriptions.get(extra.sessionId)?.delete(request.params.uri);
    return {};
  });

  // --- prompts -----------------------------------------------------------------------------------

  server.registerPrompt(
    "test_simple_prompt",
    { title: "Simple Test Prompt", description: "A simple prompt without arguments" },
    async () => ({
      messages: [{ role: "user", content: { type: "text", text: "This is a simple prompt for testing." } }],
    }),
  );

  server.registerPrompt(
    "test_prompt_with_arguments",
    {
      title: "Prompt With Arguments",
      description: "A prompt with required arguments",
      argsSchema: {
        arg1: completable(z.string().describe("First test argument"), suggest("arg1")),
        arg2: completable(z.string().describe("Second test argument"), suggest("arg2")),
      },
    },
    async ({ arg1, arg2 }) => ({
      messages: [
        { role: "user", content: { type: "text", text: `Prompt with arguments: arg1='${arg1}', arg2='${arg2}'` } },
      ],
    }),
  );

  server.registerPrompt(
    "test_prompt_with_embedded_resource",
    {
      title: "Prompt With Embedded Resource",
      description: "A prompt that includes an embedded resource",
      argsSchema: { resourceUri: z.string().describe("URI of the resource to embed") },
    },
    async ({ resourceUri }) => ({
      messages: [
        {
          role: "user",
          content: {
            type: "resource",
            resource: { uri: resourceUri, mimeType: "text/plain", text: "Embedded resource content for testing." },
          },
        },
        { role: "user", content: { type: "text", text: "Please process the embedded resource above." } },
      ],
    }),
  );

  server.registerPrompt(
    "test_prompt_with_image",
    { title: "Prompt With Image", description: "A prompt that includes image content" },
    async () => ({
      messages: [
        { role: "user", content: { type: "image", data: PNG_BASE64, mimeType: "image/png" } },
        { role: "user", content: { type: "text", text: "Please analyze the image above." } },
      ],
    }),
  );

  return server;
}

// --- HTTP ------------------------------------------------------------------------------------------

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch (e) {
        reject(e);
      }
    });
    req.on("error", reject);
  });
}

function jsonRpcError(res, status, code, message) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

async function handle(req, res, port) {
  const sessionId = req.headers["mcp-session-id"];
  if (sessionId !== undefined) {
    const transport = transports.get(sessionId);
    if (!transport) {
      jsonRpcError(res, 404, -32001, "Session not found");
      return;
    }
    if (req.method === "POST") {
      let body;
      try {
        body = await readJson(req);
      } catch {
        jsonRpcError(res, 400, -32700, "Parse error");
        return;
      }
      await transport.handleRequest(req, res, body);
    } else {
      await transport.handleRequest(req, res);
    }
    return;
  }
  if (req.method !== "POST") {
    jsonRpcError(res, 400, -32000, "Bad Request: No valid session ID provided");
    return;
  }
  let body;
  try {
    body = await readJson(req);
  } catch {
    jsonRpcError(res, 400, -32700, "Parse error");
    return;
  }
  if (!isInitializeRequest(body)) {
    jsonRpcError(res, 400, -32000, "Bad Request: No valid session ID provided");
    return;
  }
  const server = createMcpServer();
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    eventStore: new MemoryEventStore(),
    retryInterval: 1000,
    // A local server refuses requests whose Host is not itself (DNS rebinding).
    enableDnsRebindingProtection: true,
    allowedHosts: [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`],
    onsessioninitialized: (id) => {
      transports.set(id, transport);
    },
  });
  transport.onclose = () => {
    if (transport.sessionId) {
      transports.delete(transport.sessionId);
      subscriptions.delete(transport.sessionId);
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
    handle(req, res, port).catch((e) => {
      console.error("error handling an MCP request:", e);
      if (!res.headersSent) {
        jsonRpcError(res, 500, -32603, "Internal server error");
      }
    });
  });
  http.listen(port, "127.0.0.1", () => {
    console.error(`MCP conformance server on http://127.0.0.1:${port}/mcp`);
  });
  const stop = async () => {
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

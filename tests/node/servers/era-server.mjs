// A server written for `@modelcontextprotocol/server` 2.4 serving the 2026-07-28 revision, run
// unchanged on ferromcp (tests/node/servers/node_modules maps the name to it) and on the official
// package (a copy under tests/node/.official/): a plain tool, a multi-round-trip tool asking for
// a confirmation with signed requestState, a prompt asking for context, and a tool announcing a
// tools/list_changed to open listens.
//   node era-server.mjs              serveStdio(factory)
//   node era-server.mjs --reject     serveStdio(factory, {legacy: 'reject'})
//   node era-server.mjs --connect    new StdioServerTransport() + server.connect (hand-wired)
//   node era-server.mjs --http       createMcpHandler(factory) on node's http, prints `listening <port>`
//                                    (--reject: legacy: 'reject'; --sse: responseMode: 'sse';
//                                    --one-listen: maxSubscriptions: 1)
import { createServer } from "node:http";
import {
  McpServer,
  acceptedContent,
  createMcpHandler,
  createRequestStateCodec,
  inputRequired,
} from "@modelcontextprotocol/server";
import { serveStdio, StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import * as z from "zod";

const codec = createRequestStateCodec({ key: "a key of at least thirty-two bytes, for tests" });
const reject = process.argv.includes("--reject");
let handler;

function makeServer(ctx) {
  const server = new McpServer(
    { name: "era-server", version: "3.0.0" },
    { capabilities: { tools: { listChanged: true }, prompts: {} }, requestState: { verify: codec.verify } },
  );
  server.registerTool("echo", { description: "Echoes text", inputSchema: z.object({ text: z.string() }) }, async ({ text }) => ({
    content: [{ type: "text", text: `${text} (${ctx?.era ?? "connected"})` }],
  }));
  server.registerTool("deploy", { description: "Deploys after a confirmation", inputSchema: z.object({ env: z.string() }) }, async ({ env }, c) => {
    const confirmed = acceptedContent(c.mcpReq.inputResponses, "confirm", z.object({ ok: z.boolean() }));
    const state = c.mcpReq.requestState();
    if (confirmed?.ok !== true || state?.env !== env) {
      return inputRequired({
        inputRequests: {
          confirm: inputRequired.elicit({
            message: `Deploy to ${env}?`,
            requestedSchema: { type: "object", properties: { ok: { type: "boolean" } }, required: ["ok"] },
          }),
        },
        requestState: await codec.mint({ env }),
      });
    }
    return { content: [{ type: "text", text: `deployed to ${state.env}` }] };
  });
  server.registerTool("change", { description: "Announces a tools/list_changed" }, async () => {
    if (handler) {
      handler.notify.toolsChanged();
    } else {
      await server.sendToolListChanged();
    }
    return { content: [{ type: "text", text: "announced" }] };
  });
  server.registerTool("context", { description: "What the handler sees of its request" }, async (c) => ({
    content: [
      {
        type: "text",
        text: JSON.stringify({
          meta: c.mcpReq._meta ?? null,
          envelope: Object.keys(c.mcpReq.envelope ?? {}).sort(),
          responses: c.mcpReq.inputResponses ?? null,
          dropped: c.mcpReq.droppedInputResponseKeys ?? null,
          state: c.mcpReq.requestState() ?? null,
        }),
      },
    ],
  }));
  // The server's own requests to the client, outside an input-required round trip.
  server.registerTool("push", { description: "Tries the server's requests to the client" }, async () => {
    const attempts = {
      sample: () => server.server.createMessage({ messages: [{ role: "user", content: { type: "text", text: "hi" } }], maxTokens: 5 }),
      roots: () => server.server.listRoots(),
      elicit: () =>
        server.server.elicitInput({ message: "Pushed?", requestedSchema: { type: "object", properties: { text: { type: "string" } } } }),
      ping: () => server.server.ping(),
      // 2.x's request(): a spec method outside the era's is refused before it is sent, and a
      // method outside the spec needs a result schema.
      pingRequest: () => server.server.request({ method: "ping" }),
      custom: () => server.server.request({ method: "custom/thing" }),
    };
    const tried = {};
    for (const [name, attempt] of Object.entries(attempts)) {
      try {
        tried[name] = { result: await attempt() };
      } catch (e) {
        tried[name] = { error: { name: e.name, code: e.code, message: e.message, data: e.data ?? null } };
      }
    }
    return { content: [{ type: "text", text: JSON.stringify(tried) }] };
  });
  server.registerPrompt("brief", { description: "A prompt that asks for context" }, async (c) => {
    const context = acceptedContent(c.mcpReq.inputResponses, "context")?.text;
    if (typeof context !== "string") {
      return inputRequired({
        inputRequests: {
          context: inputRequired.elicit({
            message: "Which context?",
            requestedSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
          }),
        },
      });
    }
    return { messages: [{ role: "user", content: { type: "text", text: `context: ${context}` } }] };
  });
  return server;
}

if (process.argv.includes("--http")) {
  const options = {
    ...(reject && { legacy: "reject" }),
    ...(process.argv.includes("--sse") && { responseMode: "sse" }),
    ...(process.argv.includes("--one-listen") && { maxSubscriptions: 1 }),
  };
  handler = createMcpHandler((ctx) => makeServer(ctx), options);
  const http = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) {
      chunks.push(c);
    }
    const body = req.method === "POST" ? Buffer.concat(chunks) : undefined;
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers, body, signal: abort.signal });
    const response = await handler.fetch(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) {
      try {
        for await (const chunk of response.body) {
          res.write(chunk);
        }
      } catch {
        // The client went away.
      }
    }
    res.end();
  });
  http.listen(0, "127.0.0.1", () => console.log(`listening ${http.address().port}`));
} else if (process.argv.includes("--connect")) {
  await makeServer().connect(new StdioServerTransport());
} else {
  serveStdio((ctx) => makeServer(ctx), reject ? { legacy: "reject" } : {});
}

// A server written for `@modelcontextprotocol/server` 2.x (the SDK's v2 server package), run
// unchanged on ferromcp (tests/node/servers/node_modules maps the name to it) and on the
// official package (a copy under tests/node/.official/). Standard Schema tools (zod objects
// passed as they are, and `fromJsonSchema`), a thrown `ProtocolError`, a low-level-style
// handler through `ctx`, resources (a template too) and prompts.
//   node v2-server.mjs               serveStdio(factory)
//   node v2-server.mjs --http        createMcpHandler(factory) on node's http (ferromcp's or the
//                                    official `toNodeHandler`: --adapter), prints `listening <port>`
//   node v2-server.mjs --connect     new StdioServerTransport() + server.connect (hand-wired)
import { createServer } from "node:http";
import {
  McpServer,
  ResourceTemplate,
  ProtocolError,
  ProtocolErrorCode,
  ResourceNotFoundError,
  createMcpHandler,
  fromJsonSchema,
} from "@modelcontextprotocol/server";
import { serveStdio, StdioServerTransport } from "@modelcontextprotocol/server/stdio";
import * as z from "zod";

function makeServer() {
  const server = new McpServer({ name: "v2-server", version: "2.0.0" }, { capabilities: { logging: {} } });
  server.registerTool(
    "echo",
    { description: "Echoes text", inputSchema: z.object({ text: z.string().describe("what to say"), times: z.number().int().default(1) }) },
    async ({ text, times }) => ({ content: [{ type: "text", text: text.repeat(times) }] }),
  );
  server.registerTool(
    "add",
    {
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      outputSchema: z.object({ sum: z.number() }),
    },
    async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }], structuredContent: { sum: a + b } }),
  );
  server.registerTool(
    "lookup",
    { inputSchema: fromJsonSchema({ type: "object", properties: { q: { type: "string" } }, required: ["q"] }) },
    async ({ q }) => ({ content: [{ type: "text", text: `found ${q}` }] }),
  );
  // Checked by an async refinement: zod's `~standard.validate` answers with a promise.
  server.registerTool(
    "word",
    { inputSchema: z.object({ word: z.string().refine(async (w) => w !== "no", { message: "not that word" }), count: z.number().default(1) }) },
    async ({ word, count }) => ({ content: [{ type: "text", text: word.repeat(count) }] }),
  );
  server.registerTool("refuse", { description: "throws a ProtocolError" }, async () => {
    throw new ProtocolError(ProtocolErrorCode.InvalidParams, "not today", { why: "policy" });
  });
  server.registerTool("kaboom", {}, async () => {
    throw new Error("kaboom");
  });
  server.registerTool("whoami", {}, async (ctx) => {
    await ctx.mcpReq.log("info", "whoami called");
    return {
      content: [
        {
          type: "text",
          text: JSON.stringify({
            method: ctx.mcpReq.method,
            id: typeof ctx.mcpReq.id,
            signal: ctx.mcpReq.signal instanceof AbortSignal,
            send: typeof ctx.mcpReq.send,
            notify: typeof ctx.mcpReq.notify,
            elicitInput: typeof ctx.mcpReq.elicitInput,
            requestSampling: typeof ctx.mcpReq.requestSampling,
            http: ctx.http === undefined ? "none" : typeof ctx.http.req?.headers?.get,
          }),
        },
      ],
    };
  });
  server.registerResource("readme", "file:///readme.txt", { mimeType: "text/plain", description: "read me" }, async (uri) => ({
    contents: [{ uri: uri.href, text: "read me" }],
  }));
  server.registerResource(
    "user",
    new ResourceTemplate("users://{id}/profile", { list: undefined }),
    { mimeType: "application/json" },
    async (uri, { id }) => {
      if (id === "0") {
        throw new ResourceNotFoundError(uri.href);
      }
      return { contents: [{ uri: uri.href, text: JSON.stringify({ id }) }] };
    },
  );
  server.registerPrompt(
    "greet",
    { title: "Greeting", description: "Says hello", argsSchema: z.object({ name: z.string().describe("who"), mood: z.string().optional() }) },
    ({ name, mood }) => ({
      messages: [{ role: "user", content: { type: "text", text: `Hello ${name}${mood ? `, ${mood}` : ""}` } }],
    }),
  );
  server.registerPrompt("plain", {}, () => ({ messages: [{ role: "user", content: { type: "text", text: "plain" } }] }));
  // Disabled by the author: not listed, and a call says so.
  server.registerTool("off", {}, async () => ({ content: [{ type: "text", text: "never" }] })).disable();
  server.registerPrompt("off", {}, () => ({ messages: [] })).disable();
  return server;
}

if (process.argv.includes("--http")) {
  const handler = createMcpHandler(() => makeServer());
  let serve;
  if (process.argv.includes("--adapter")) {
    const { toNodeHandler } = await import("@modelcontextprotocol/node");
    serve = toNodeHandler(handler);
  } else {
    serve = async (req, res) => {
      const chunks = [];
      for await (const c of req) {
        chunks.push(c);
      }
      const body = req.method === "POST" ? Buffer.concat(chunks) : undefined;
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers, body });
      const response = await handler.fetch(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) {
        for await (const chunk of response.body) {
          res.write(chunk);
        }
      }
      res.end();
    };
  }
  const http = createServer((req, res) => void serve(req, res));
  http.listen(0, "127.0.0.1", () => console.log(`listening ${http.address().port}`));
} else if (process.argv.includes("--connect")) {
  await makeServer().connect(new StdioServerTransport());
} else {
  serveStdio(() => makeServer());
}

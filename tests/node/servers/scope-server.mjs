// A server written for `@modelcontextprotocol/server` 2.4 whose tool, resource, resource
// template and prompt carry a `scopeChallenge` (`requireScopes(...)`), behind the bearer gate,
// on 127.0.0.1. `serve(libs, options)` takes the packages it runs on — the official ones or
// ferromcp's (`{server, node, express}`) — so one file serves both, and the test supplies the
// token verifier.
//   mode "handler"  createMcpHandler(factory) behind the fetch-style requireBearerAuth, on
//                   node's http
//   mode "node"     Express: requireBearerAuth middleware, then a fresh server and
//                   NodeStreamableHTTPServerTransport per POST (stateless)
//   mode "session"  the same, with sessions: one server and transport per session
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import express from "express";
import * as z from "zod";

const text = (t) => ({ content: [{ type: "text", text: t }] });

/** The server: what is guarded and what is not. */
export function makeServer({ server: lib }) {
  const server = new lib.McpServer({ name: "scope-server", version: "1.0.0" });
  const admin = lib.requireScopes("admin");
  server.registerTool("admin_tool", { description: "needs admin", scopeChallenge: admin }, async (ctx) =>
    text(`admin ran for ${ctx.http?.authInfo?.clientId}`),
  );
  server.registerTool("open_tool", { description: "needs nothing" }, async () => text("open ran"));
  server.registerTool(
    "echo_admin",
    { inputSchema: z.object({ say: z.string() }), scopeChallenge: lib.requireScopes("admin", "write") },
    async ({ say }) => text(say),
  );
  server.registerTool(
    "described",
    { scopeChallenge: () => ({ scopes: ["billing"], errorDescription: "Billing scope required" }) },
    async () => text("billed"),
  );
  server.registerTool(
    "anonymous_refused",
    // A challenge raised whatever the token, even with none.
    { scopeChallenge: () => ({ scopes: ["any"] }) },
    async () => text("never"),
  );
  server.registerTool("broken", { scopeChallenge: () => ({ scopes: [] }) }, async () => text("never"));
  server.registerTool("throws", { scopeChallenge: () => { throw new Error("resolver down"); } }, async () => text("never"));
  const disabled = server.registerTool("disabled_tool", { scopeChallenge: admin }, async () => text("never"));
  disabled.disable();
  const lifted = server.registerTool("lifted", { scopeChallenge: admin }, async () => text("lifted ran"));
  lifted.update({ scopeChallenge: null });
  const added = server.registerTool("added_later", {}, async () => text("never"));
  added.update({ scopeChallenge: admin });
  server.registerResource("secret", "config://secret", { mimeType: "text/plain", scopeChallenge: lib.requireScopes("secrets") }, async (uri) => ({
    contents: [{ uri: uri.href, text: "the secret" }],
  }));
  server.registerResource("public", "config://public", { mimeType: "text/plain" }, async (uri) => ({
    contents: [{ uri: uri.href, text: "public" }],
  }));
  server.registerResource(
    "user",
    new lib.ResourceTemplate("users://{id}/private", { list: undefined }),
    { scopeChallenge: lib.requireScopes("users") },
    async (uri, { id }) => ({ contents: [{ uri: uri.href, text: `user ${id}` }] }),
  );
  server.registerPrompt("admin_prompt", { description: "needs admin", scopeChallenge: admin }, async () => ({
    messages: [{ role: "user", content: { type: "text", text: "admin prompt" } }],
  }));
  server.registerPrompt("open_prompt", {}, async () => ({ messages: [{ role: "user", content: { type: "text", text: "open" } }] }));
  return server;
}

/** Node's request as a Web `Request`. */
async function webRequest(req) {
  const chunks = [];
  for await (const c of req) {
    chunks.push(c);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of [].concat(value)) {
      headers.append(name, v);
    }
  }
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body });
}

async function sendResponse(res, response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

function expressApp(libs, gate, handle) {
  const app = express();
  app.use(express.json());
  app.use("/mcp", gate);
  app.all("/mcp", (req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) {
        res.status(500).json({ error: String(e) });
      }
    });
  });
  return app;
}

/**
 * Serves the server on 127.0.0.1 (a free port).
 * @param {{server: any, node: any, express: any}} libs the packages to run on
 * @param {{verifier: any, mode: "handler" | "node" | "session", resourceMetadataUrl?: string}} options
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export async function serve(libs, { verifier, mode, resourceMetadataUrl }) {
  const gateOptions = { verifier, ...(resourceMetadataUrl !== undefined && { resourceMetadataUrl }) };
  const closers = [];
  let listener;
  if (mode === "handler") {
    const gate = libs.server.requireBearerAuth(gateOptions);
    const handler = libs.server.createMcpHandler(() => makeServer(libs));
    closers.push(() => handler.close());
    listener = async (req, res) => {
      const request = await webRequest(req);
      const auth = await gate(request);
      await sendResponse(res, auth instanceof Response ? auth : await handler.fetch(request, { authInfo: auth }));
    };
  } else if (mode === "node") {
    listener = expressApp(libs, libs.express.requireBearerAuth(gateOptions), async (req, res) => {
      const server = makeServer(libs);
      const transport = new libs.node.NodeStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
      res.on("close", () => {
        transport.close().catch(() => {});
        server.close().catch(() => {});
      });
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    });
  } else {
    const sessions = new Map();
    closers.push(async () => {
      await Promise.all([...sessions.values()].map(({ server }) => server.close().catch(() => {})));
    });
    listener = expressApp(libs, libs.express.requireBearerAuth(gateOptions), async (req, res) => {
      const sid = req.headers["mcp-session-id"];
      let session = typeof sid === "string" ? sessions.get(sid) : undefined;
      if (session === undefined) {
        const server = makeServer(libs);
        const transport = new libs.node.NodeStreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (id) => sessions.set(id, session),
        });
        session = { server, transport };
        await server.connect(transport);
      }
      await session.transport.handleRequest(req, res, req.body);
    });
  }
  const http = createServer(listener);
  await new Promise((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address();
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(() => resolve()));
      for (const close of closers) {
        await close();
      }
    },
  };
}

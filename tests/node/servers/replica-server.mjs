// One replica of an SDK-style Streamable HTTP server (a transport per session in a map of its
// own, as the SDK's examples write it), for tests/node/replicas.test.mjs: `replica-server.mjs
// <port>`, with `REPLICA=<i>` in its environment (answers say which replica gave them) and the
// operator's `FERROMCP_REDIS_URL`, which nothing here reads. Prints `listening <port>`. With
// `BEARER=1`, its MCP routes take bearer tokens (`requireBearerAuth`, as the SDK's OAuth
// examples): `alice` and `bob`, each its own principal; with `BEARER=admin`, only an `/admin`
// route does.
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { createMcpExpressApp } from "@modelcontextprotocol/sdk/server/express.js";
import { requireBearerAuth } from "@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js";
import { InvalidTokenError } from "@modelcontextprotocol/sdk/server/auth/errors.js";
import { CreateMessageResultSchema, isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

const REPLICA = process.env.REPLICA;
const transports = {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function getServer() {
  const server = new McpServer({ name: "replica-server", version: "1.0.0" }, { capabilities: { logging: {} } });
  server.registerTool("whoami", { description: "The replica serving this call." }, async () => ({
    content: [{ type: "text", text: REPLICA }],
  }));
  server.registerTool("echo", { inputSchema: { text: z.string() } }, async ({ text }) => ({ content: [{ type: "text", text }] }));
  server.registerTool("progress", { inputSchema: { steps: z.number(), delay: z.number() } }, async ({ steps, delay }, extra) => {
    for (let i = 0; i < steps; i++) {
      await extra.sendNotification({ method: "notifications/message", params: { level: "info", data: `step ${i} on replica ${REPLICA}` } });
      await extra.sendNotification({
        method: "notifications/progress",
        params: { progressToken: extra._meta?.progressToken, progress: i + 1, total: steps, message: `step ${i + 1}` },
      });
      await sleep(delay * 1000);
    }
    return { content: [{ type: "text", text: `done on replica ${REPLICA}` }] };
  });
  // A log outside any request: it travels on the session's standalone (GET) stream, held by
  // whichever replica the client's GET reached.
  server.registerTool("announce", { inputSchema: { text: z.string() } }, async ({ text }, extra) => {
    await server.sendLoggingMessage({ level: "info", data: `${text} from replica ${REPLICA}` }, extra.sessionId);
    return { content: [{ type: "text", text: REPLICA }] };
  });
  // The sessions this replica's map holds a transport for.
  server.registerTool("held", { description: "Session ids in this replica's map." }, async () => ({
    content: [{ type: "text", text: JSON.stringify({ replica: Number(REPLICA), held: Object.keys(transports) }) }],
  }));
  server.registerTool("sample", { inputSchema: { prompt: z.string() } }, async ({ prompt }, extra) => {
    const result = await extra.sendRequest(
      { method: "sampling/createMessage", params: { messages: [{ role: "user", content: { type: "text", text: prompt } }], maxTokens: 10 } },
      CreateMessageResultSchema,
    );
    return { content: [{ type: "text", text: `${result.content.text} via replica ${REPLICA}` }] };
  });
  server.registerTool("slow", { inputSchema: { steps: z.number(), delay: z.number() } }, async ({ steps, delay }, extra) => {
    for (let i = 1; i <= steps && !extra.signal.aborted; i++) {
      await extra.sendNotification({
        method: "notifications/progress",
        params: { progressToken: extra._meta?.progressToken, progress: i, total: steps, message: `slow step ${i} of ${steps} on replica ${REPLICA}` },
      });
      await sleep(delay * 1000);
    }
    return { content: [{ type: "text", text: `slow done on replica ${REPLICA}` }] };
  });
  return server;
}

const app = createMcpExpressApp();
const verifier = {
  async verifyAccessToken(token) {
    if (token !== "alice" && token !== "bob") {
      throw new InvalidTokenError("unknown token");
    }
    return { token, clientId: "replica-test", scopes: [], expiresAt: Math.floor(Date.now() / 1000) + 3600, extra: { sub: token } };
  },
};
// `BEARER=admin`: the MCP routes are open, another route of the process takes tokens.
const guard = process.env.BEARER && process.env.BEARER !== "admin" ? [requireBearerAuth({ verifier })] : [];
if (process.env.BEARER === "admin") {
  app.get("/admin", requireBearerAuth({ verifier }), (req, res) => res.json({ sub: req.auth.extra.sub }));
}

app.post("/mcp", ...guard, async (req, res) => {
  const sessionId = req.headers["mcp-session-id"];
  let transport;
  if (sessionId && transports[sessionId]) {
    transport = transports[sessionId];
  } else if (!sessionId && isInitializeRequest(req.body)) {
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        transports[id] = transport;
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) {
        delete transports[transport.sessionId];
      }
    };
    await getServer().connect(transport);
  } else {
    res.status(400).json({ jsonrpc: "2.0", error: { code: -32000, message: "Bad Request: No valid session ID provided" }, id: null });
    return;
  }
  await transport.handleRequest(req, res, req.body);
});

const handleSessionRequest = async (req, res) => {
  const sessionId = req.headers["mcp-session-id"];
  if (!sessionId || !transports[sessionId]) {
    res.status(400).send("Invalid or missing session ID");
    return;
  }
  await transports[sessionId].handleRequest(req, res);
};
app.get("/mcp", ...guard, handleSessionRequest);
app.delete("/mcp", ...guard, handleSessionRequest);

const listener = app.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => console.log(`listening ${listener.address().port}`));

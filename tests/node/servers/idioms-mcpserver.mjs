// Idioms of published servers on McpServer (the Node drop-in survey found each): serverInfo's
// description, a wrapper around McpServer's own `tools/list` handler, an overridden
// `validateToolInput` and `createToolError`, a result without `content`, the SDK's enum and
// base schemas read and extended.
import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { LoggingLevelSchema, RequestSchema, ResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

class Server extends McpServer {
  async validateToolInput(tool, args, toolName) {
    if (toolName === "strict" && typeof args?.key !== "string") {
      throw new Error("Invalid key: Required");
    }
    return super.validateToolInput(tool, args, toolName);
  }

  createToolError(message) {
    return { content: [{ type: "text", text: `failed: ${message}` }], isError: true };
  }
}

const server = new Server({ name: "idioms", version: "1.0.0", description: "What a survey found." });
server.registerTool(
  "echo",
  { description: `Levels: ${LoggingLevelSchema.options.join(", ")}`, inputSchema: { text: z.string() } },
  async ({ text }) => ({ content: [{ type: "text", text }] }),
);
server.registerTool("strict", { inputSchema: { key: z.string() } }, async ({ key }) => ({ content: [{ type: "text", text: key }] }));
server.registerTool("boom", { inputSchema: {} }, async () => {
  throw new Error("it broke");
});
server.registerTool("nothing", {}, async () => ({}));
server.registerTool(
  "structured",
  { outputSchema: { n: z.number() } },
  async () => ({ structuredContent: { n: 1 } }),
);

// A template switched off: the SDK still lists it and reads through it.
const notes = server.registerResource(
  "note",
  new ResourceTemplate("note://{id}", { list: undefined }),
  { description: "A note." },
  (uri, { id }) => ({ contents: [{ uri: uri.href, text: `note ${id}` }] }),
);
notes.disable();
server.registerPrompt("greet", { argsSchema: { who: z.string() } }, ({ who }) => ({
  messages: [{ role: "user", content: { type: "text", text: `hello ${who}` } }],
}));

// Servers wrap McpServer's own handlers: the listings, a read, a prompt.
for (const method of ["resources/templates/list", "resources/read", "prompts/list", "prompts/get"]) {
  const own = server.server._requestHandlers.get(method);
  server.server._requestHandlers.set(method, async (request, extra) => ({ ...(await own(request, extra)), _meta: { wrapped: method } }));
}

// Servers rewrite the listing's JSON Schema dialect around McpServer's own handler.
const list = server.server._requestHandlers.get("tools/list");
server.server._requestHandlers.set("tools/list", async (request, extra) => {
  const result = await list(request, extra);
  return {
    ...result,
    tools: result.tools.map((t) => ({ ...t, inputSchema: { ...t.inputSchema, $schema: "https://json-schema.org/draft/2020-12/schema" } })),
  };
});

// A custom request, declared on the SDK's base schemas.
const EchoLevelRequestSchema = RequestSchema.extend({
  method: z.literal("idioms/level"),
  params: z.object({ level: LoggingLevelSchema }),
});
const EchoLevelResultSchema = ResultSchema.extend({ level: z.string(), valid: z.boolean() });
server.server.setRequestHandler(EchoLevelRequestSchema, async (request) =>
  EchoLevelResultSchema.parse({ level: request.params.level, valid: LoggingLevelSchema.safeParse(request.params.level).success }),
);

await server.connect(new StdioServerTransport());

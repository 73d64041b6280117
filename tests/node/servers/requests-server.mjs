// The server's own requests to the client from an `McpServer` tool (1.x): elicitation — the
// client's declared modes checked first, then an accepted form checked against its schema by
// the server's `jsonSchemaValidator` (ajv by default, or with the argument `ajv` / `cfworker` one
// from `validation/ajv` or `validation/cfworker`) — and sampling and roots, sent whatever the
// client declared unless the argument `strict` sets `enforceStrictCapabilities`. Run unchanged
// on ferromcp and on the official SDK by tests/node/serverRequests.test.mjs.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { AjvJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/ajv";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
import { z } from "zod";

const validators = { ajv: () => new AjvJsonSchemaValidator(), cfworker: () => new CfWorkerJsonSchemaValidator() };
const chosen = validators[process.argv[2]];
const server = new McpServer(
  { name: "requests-server", version: "1.0.0" },
  { ...(chosen && { jsonSchemaValidator: chosen() }), enforceStrictCapabilities: process.argv.includes("strict") },
);

const NIGHTS = {
  type: "object",
  properties: { nights: { type: "integer", minimum: 1 }, note: { type: "string", maxLength: 5 } },
  required: ["nights"],
};

server.registerTool("book", { inputSchema: { mode: z.enum(["form", "url"]) } }, async ({ mode }) => {
  const answer =
    mode === "url"
      ? await server.server.elicitInput({ mode: "url", message: "Pay here", url: "https://example.com/pay", elicitationId: "e1" })
      : await server.server.elicitInput({ message: "How many nights?", requestedSchema: NIGHTS });
  return { content: [{ type: "text", text: JSON.stringify(answer) }] };
});

const ask = (text) => ({ role: "user", content: { type: "text", text } });
const SAMPLES = {
  plain: { messages: [ask("hi")], maxTokens: 5 },
  tools: { messages: [ask("hi")], maxTokens: 5, tools: [{ name: "t", inputSchema: { type: "object" } }] },
  strayResult: { messages: [{ role: "user", content: [{ type: "tool_result", toolUseId: "a", content: [] }] }], maxTokens: 5 },
  unmatched: {
    messages: [
      { role: "assistant", content: [{ type: "tool_use", id: "a", name: "t", input: {} }] },
      { role: "user", content: [{ type: "tool_result", toolUseId: "b", content: [] }] },
    ],
    maxTokens: 5,
  },
};
server.registerTool("ask", { inputSchema: { what: z.enum([...Object.keys(SAMPLES), "roots"]) } }, async ({ what }) => {
  const answer = what === "roots" ? await server.server.listRoots() : await server.server.createMessage(SAMPLES[what]);
  return { content: [{ type: "text", text: JSON.stringify(answer) }] };
});

// A request whose result the author's own schema parses: unknown keys dropped, a mismatch thrown.
server.registerTool("narrow", {}, async (extra) => {
  try {
    const answer = await extra.sendRequest(
      { method: "elicitation/create", params: { mode: "form", message: "Sure?", requestedSchema: NIGHTS } },
      z.object({ action: z.literal("accept") }),
    );
    return { content: [{ type: "text", text: JSON.stringify(answer) }] };
  } catch (e) {
    return { content: [{ type: "text", text: `${e.name}: ${e.message}` }] };
  }
});

await server.connect(new StdioServerTransport());
